"""Unit tests for LanguageEngine.compare (real Morfeusz, no mocks)."""

from __future__ import annotations

from typing import Any

import pytest

from polish_tutor.language import Comparison, Issue, LanguageEngine
from polish_tutor.language.types import LearnerGender


def only_issue(c: Comparison) -> Issue:
    assert len(c.issues) == 1, c.to_dict()
    return c.issues[0]


def test_inflection_case_after_verb(engine: LanguageEngine) -> None:
    c = engine.compare("poproszę kawę", "poproszę kawa")
    assert c.verdict == "incorrect"
    issue = only_issue(c)
    assert issue.type == "inflection"
    assert (issue.expected, issue.got) == ("kawę", "kawa")
    assert issue.feature == "case"
    assert (issue.expected_value, issue.got_value) == ("acc", "nom")
    assert issue.position == 1
    assert "Accusative" in issue.explanation
    assert "*kawa* → *kawę*" in issue.explanation


def test_inflection_explanation_in_polish(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("poproszę kawę", "poproszę kawa", explain_in="pl"))
    assert "biernik" in issue.explanation


def test_inflection_after_preposition(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Mieszkam w Krakowie.", "Mieszkam w Kraków."))
    assert issue.type == "inflection"
    assert (issue.feature, issue.expected_value, issue.got_value) == ("case", "loc", "nom")
    assert issue.rule is not None and (issue.rule.id, issue.rule.trigger) == (
        "case.preposition",
        "w",
    )
    assert "*w*" in issue.explanation and "Locative" in issue.explanation


def test_inflection_ambiguous_form_uses_preposition(engine: LanguageEngine) -> None:
    # "kawie" is dative or locative; after "o" it is the locative
    issue = only_issue(engine.compare("Myślę o kawie.", "Myślę o kawa."))
    assert (issue.feature, issue.expected_value) == ("case", "loc")


def test_inflection_person(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Ja robię zakupy.", "Ja robisz zakupy."))
    assert issue.type == "inflection"
    assert (issue.feature, issue.expected_value, issue.got_value) == ("person", "pri", "sec")
    assert "1st person" in issue.explanation


def test_inflection_gender_and_tense(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Ona jest dobra.", "Ona jest dobry."))
    assert (issue.type, issue.feature, issue.expected_value) == ("inflection", "gender", "f")
    assert issue.got_value == "m1.m2.m3"
    assert "feminine" in issue.explanation
    issue = only_issue(engine.compare("Wczoraj robiłem zakupy.", "Wczoraj robię zakupy."))
    assert (issue.feature, issue.expected_value, issue.got_value) == ("tense", "praet", "fin")


def test_inflection_number(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Mam dwa koty.", "Mam dwa kot."))
    assert issue.type == "inflection"
    assert issue.feature in ("number", "case")


def test_diacritics_single_word(engine: LanguageEngine) -> None:
    c = engine.compare("żółw", "zolw")
    assert c.verdict == "acceptable"
    issue = only_issue(c)
    assert (issue.type, issue.expected, issue.got) == ("diacritics", "żółw", "zolw")
    assert "Polish letters" in issue.explanation


def test_diacritics_with_punctuation_is_acceptable(engine: LanguageEngine) -> None:
    c = engine.compare("Dzień dobry.", "Dzien dobry")
    assert c.verdict == "acceptable"
    assert [i.type for i in c.issues] == ["diacritics"]


@pytest.mark.parametrize(
    "answer", ["dzień dobry", "DZIEŃ DOBRY!", "Dzień dobry", "  Dzień   dobry .", "dzień dobry?"]
)
def test_capitalisation_and_final_punctuation_are_correct(
    engine: LanguageEngine, answer: str
) -> None:
    c = engine.compare("Dzień dobry.", answer)
    assert c.verdict == "correct"
    assert c.issues == ()


def test_wrong_form_typed_without_polish_letters(engine: LanguageEngine) -> None:
    c = engine.compare("Idę do szkoły.", "Idę do szkola.")
    issue = only_issue(c)
    assert (issue.type, issue.expected, issue.got) == ("inflection", "szkoły", "szkola")
    assert (issue.feature, issue.expected_value, issue.got_value) == ("case", "gen", "nom")
    assert "Genitive" in issue.explanation and "Polish letters" in issue.explanation


def test_vocative_when_addressing_someone(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Uwolnij go, wujku.", "Uwolnij go, wujek."))
    assert (issue.feature, issue.expected_value, issue.got_value) == ("case", "voc", "nom")


def test_degree(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("To jest lepsze.", "To jest dobre."))
    assert (issue.feature, issue.expected_value, issue.got_value) == ("degree", "com", "pos")


def test_very_long_input_is_handled(engine: LanguageEngine) -> None:
    expected = " ".join(f"słowo{i}" for i in range(300))
    answer = " ".join(f"wyraz{i}" for i in range(300))
    c = engine.compare(expected, answer)
    assert c.verdict == "incorrect" and len(c.issues) == 300


def test_typo_swapped_letters(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Kot pije mleko.", "Kot pije mlkeo."))
    assert (issue.type, issue.expected, issue.got, issue.position) == ("typo", "mleko", "mlkeo", 2)


def test_wrong_word(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Kot pije mleko.", "Pies pije mleko."))
    assert (issue.type, issue.expected, issue.got) == ("wrong_word", "Kot", "Pies")


def test_missing_and_extra_word(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Kot pije mleko.", "Kot pije."))
    assert (issue.type, issue.expected, issue.got, issue.position) == (
        "missing_word",
        "mleko",
        None,
        None,
    )
    # (an adjective with its noun is a detail a teacher accepts: *Kot pije zimne mleko.*;
    # *tylko* changes what is said)
    issue = only_issue(engine.compare("Kot pije mleko.", "Kot pije tylko mleko."))
    assert (issue.type, issue.expected, issue.got, issue.position) == (
        "extra_word",
        None,
        "tylko",
        2,
    )


def test_adjacent_swap_is_one_word_order_issue(engine: LanguageEngine) -> None:
    c = engine.compare("Mam dobrego psa.", "Mam psa dobrego.")
    issue = only_issue(c)
    assert issue.type == "word_order"
    assert issue.expected == "dobrego psa"
    assert issue.got == "psa dobrego"
    assert c.verdict == "incorrect"


def test_moved_phrase_is_right(engine: LanguageEngine) -> None:
    # Polish word order is free between phrases: nothing to correct.
    c = engine.compare("Jutro idę do kina.", "Idę do kina jutro.")
    assert (c.verdict, c.issues) == ("correct", ())


def test_moved_word_that_breaks_a_phrase_is_word_order(engine: LanguageEngine) -> None:
    c = engine.compare("Jutro idę do kina.", "Jutro idę kina do.")
    assert c.verdict == "incorrect"
    assert [i.type for i in c.issues] == ["word_order"]


def test_several_accepted_answers_pick_closest(engine: LanguageEngine) -> None:
    c = engine.compare(["Dzień dobry.", "Cześć!", "Witaj."], "czesc")
    assert c.expected == "Cześć!"
    assert c.verdict == "acceptable"
    c = engine.compare(["Poproszę kawę.", "Poproszę herbatę."], "Poproszę herbate")
    assert c.expected == "Poproszę herbatę."
    c = engine.compare(("Poproszę kawę.", "Poproszę herbatę."), "Poproszę herbatę")
    assert (c.expected, c.verdict) == ("Poproszę herbatę.", "correct")


def test_to_dict_shapes(engine: LanguageEngine) -> None:
    d = engine.compare("poproszę kawę", "poproszę kawa").to_dict()
    assert set(d) == {"verdict", "expected", "answer", "issues"}
    issues = d["issues"]
    assert isinstance(issues, list)
    assert issues[0]["feature"] == "case"
    d2 = engine.compare("Kot pije mleko.", "Kot pije.").to_dict()
    issue = d2["issues"][0]  # type: ignore[index]
    assert "feature" not in issue and "position" not in issue
    assert issue["got"] is None


def test_empty_answer_and_empty_list(engine: LanguageEngine) -> None:
    c = engine.compare("Kot pije mleko.", "")
    assert c.verdict == "incorrect"
    assert [i.type for i in c.issues] == ["missing_word"] * 3
    with pytest.raises(ValueError):
        engine.compare([], "cokolwiek")


def test_is_known_and_lemmas(engine: LanguageEngine) -> None:
    assert engine.is_known("kawę")
    assert not engine.is_known("zolw")
    assert not engine.is_known("")
    assert engine.lemmas("kawę") == ["kawa"]
    assert "mieć" in engine.lemmas("mam")


@pytest.mark.parametrize(
    ("expected", "answer", "case"),
    [
        ("Ma broń.", "Ma bronią.", "acc"),  # right after a verb that takes an object
        ("Mam psa.", "Mam pies.", "acc"),
        ("Nie wiem, co robić.", "Nie wiem, czemu robić.", "acc"),  # next to an infinitive
        # a comma inside a list does not end the clause of "zaśpiewam"
        (
            "Zaśpiewam swoje stare, znane piosenki.",
            "Zaśpiewam swoje stare, znane piosenkom.",
            "acc",
        ),
        # coordinated subjects: "chłopak" does not make "dziewczyny" an object
        ("Trzy dziewczyny i chłopak stoją.", "Trzy dziewczynami i chłopak stoją.", "nom"),
        # "uwierał ją": the clitic is the object, so the noun is the subject
        ("Uwierał ją ten grzeszny wąż.", "Uwierał ją ten grzeszny wężowi.", "nom"),
    ],
)
def test_case_from_clause_context(
    engine: LanguageEngine, expected: str, answer: str, case: str
) -> None:
    issue = only_issue(engine.compare(expected, answer))
    assert issue.type == "inflection"
    assert issue.feature == "case"
    assert issue.expected_value == case


def test_no_governing_verb_across_a_comma(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("Nie wiem, co robić.", "Nie wiem, czemu robić."))
    assert "wiem" not in issue.explanation


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Lubię kawę.", "Ja też lubię kawę."),
        ("Nie mogę przyjść.", "Niestety, nie mogę przyjść."),
        ("Jem śniadanie o siódmej.", "Zwykle jem śniadanie o siódmej."),
        ("Zaczynam pracę o ósmej.", "Zaczynam pracę o 8."),
        ("Film zaczyna się o dwudziestej.", "Film zaczyna się o 20."),
        ("Wracam o dziesiątej wieczorem.", "Wracam o 22."),
        ("Spotkajmy się o trzeciej po południu.", "Spotkajmy się o 15."),
        ("To kosztuje piętnaście złotych.", "To kosztuje 15 zł."),
        ("Poproszę dwa kilogramy jabłek.", "Poproszę 2 kg jabłek."),
    ],
)
def test_words_a_teacher_lets_a_learner_add_and_hours_in_digits(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer", "got"),
    [
        ("Lubię kawę.", "Lubię kawę też.", "też"),  # not where the word goes
        ("Zaczynam pracę o ósmej.", "Zaczynam pracę o 9.", "9"),  # another hour
    ],
)
def test_but_not_anywhere_nor_another_hour(
    engine: LanguageEngine, expected: str, answer: str, got: str
) -> None:
    comparison = engine.compare(expected, answer)
    assert comparison.verdict == "incorrect"
    assert [issue.got for issue in comparison.issues] == [got]


@pytest.mark.parametrize(
    ("expected", "answer", "gender"),
    [
        ("Powinienem jeść mniej słodyczy.", "Powinnam jeść mniej słodyczy.", "feminine"),
        ("Będę czytał książkę.", "Będę czytała książkę.", "feminine"),
        ("Będę czytał książkę.", "Będę czytać książkę.", "feminine"),
        ("Jutro będę pracować.", "Jutro będę pracował.", None),
        (
            "Gdybym miał czas, pojechałbym do Gdańska.",
            "Gdybym miała czas, pojechałabym do Gdańska.",
            "feminine",
        ),
        ("Byłem tam pierwszy raz.", "Byłam tam pierwszy raz.", "feminine"),
        ("Poproszę coś na ból gardła.", "Dzień dobry, poproszę coś na ból gardła.", None),
        ("Dzień dobry, poproszę coś na ból gardła.", "Poproszę coś na ból gardła.", None),
        ("Czy mogę iść do pracy?", "Panie doktorze, czy mogę iść do pracy?", None),
        ("Uczę się gotować u mamy.", "Ja się uczę gotować u mamy.", None),  # się after ja
        ("Spałam w namiocie pierwszy raz.", "Pierwszy raz spałam w namiocie.", None),
    ],
)
def test_a_womans_forms_the_compound_future_a_greeting_and_an_address(
    engine: LanguageEngine, expected: str, answer: str, gender: LearnerGender | None
) -> None:
    assert engine.compare(expected, answer, learner_gender=gender).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer", "gender", "got", "right"),
    [
        ("Powinnam jeść mniej.", "Powinienem jeść mniej.", "feminine", "Powinienem", "Powinnam"),
        ("Będę czytała książkę.", "Będę czytał książkę.", "feminine", "czytał", "czytała"),
        ("Gdybym miała czas, pojadę.", "Gdybym miał czas, pojadę.", "feminine", "miał", "miała"),
        ("Jutro będę pracować.", "Jutro będę pracowałem.", None, "pracowałem", "pracować"),
        ("Jutro będę pracować.", "Jutro będę pracowali.", None, "pracowali", "pracować"),
        ("Czy mogę iść do pracy?", "Mama, czy mogę iść do pracy?", None, "Mama", None),
    ],
)
def test_but_the_wrong_gender_person_or_number_is_still_wrong(
    engine: LanguageEngine,
    expected: str,
    answer: str,
    gender: LearnerGender | None,
    got: str,
    right: str | None,
) -> None:
    comparison = engine.compare(expected, answer, learner_gender=gender)
    assert comparison.verdict == "incorrect"
    assert [(i.got, i.expected) for i in comparison.issues] == [(got, right)]


def test_another_number_is_not_a_spelling_slip(engine: LanguageEngine) -> None:
    issue = only_issue(engine.compare("To kosztuje piętnaście złotych.", "To kosztuje 16 zł."))
    assert (issue.type, issue.got, issue.expected) == ("wrong_word", "16", "piętnaście")
    assert "spelling" not in issue.explanation and "not a Polish word" not in issue.explanation


def test_explanations_name_the_case_and_the_word_truly(engine: LanguageEngine) -> None:
    # the noun's case is the preposition's (w + locative), not its look-alike genitive
    result = engine.compare(
        "Życzymy ci sukcesów w nowej pracy!", "Życzymy ci sukcesy w nowa praca!"
    )
    nowa = next(i for i in result.issues if i.got == "nowa")
    assert "(Locative)" in nowa.explanation
    # "sie" is only a dated word: not "a different form or word" to a learner
    sie = next(i for i in engine.compare("Uczę się.", "Ucze sie.").issues if i.got == "sie")
    assert "different" not in sie.explanation
    # the other aspect of the same verb, not "a different word"
    aspect = only_issue(engine.compare("Wreszcie spłaciłem kredyt!", "Wreszcie spłacałem kredyt!"))
    assert aspect.type == "inflection" and "different word" not in aspect.explanation


@pytest.mark.parametrize(
    ("expected", "answer", "kwargs"),
    [
        # a list of things in the learner's order (adjectives after their noun go with it)
        ("Kupiłem chleb, masło i ser.", "Kupiłem ser, chleb i masło.", {}),
        ("Lubię kawę, herbatę i sok pomarańczowy.", "Lubię sok pomarańczowy, kawę i herbatę.", {}),
        # "my" before a family word goes without saying
        ("Mój tata naprawił mi rower.", "Tata naprawił mi rower.", {}),
        ("Dzwonię do mojej mamy.", "Dzwonię do mamy.", {}),
        # one opinion framer for another, or none
        ("Moim zdaniem Ania ma rację.", "Myślę, że Ania ma rację.", {}),
        ("Uważam, że w mieście żyje się wygodniej.", "W mieście żyje się wygodniej.", {}),
        ("Oboje macie trochę racji.", "Wydaje mi się, że oboje macie trochę racji.", {}),
        # the possessive agrees with the synonym, in its everyday form (moje, not me)
        (
            "Mój samochód stoi przed blokiem.",
            "Moje auto stoi przed blokiem.",
            {"synonyms": [["samochód", "auto"]]},
        ),
        # the learner's own city in the case the sentence needs
        ("Mieszkam w Krakowie.", "Mieszkam w Gdańsku.", {"slots": {"Krakowie": "place"}}),
        (
            "Byłabym pani pierwszą klientką.",
            "Byłabym pani pierwszą klientką.",
            {"learner_gender": "feminine"},
        ),
    ],
)
def test_rewordings_a_teacher_accepts(
    engine: LanguageEngine, expected: str, answer: str, kwargs: dict[str, Any]
) -> None:
    assert engine.compare(expected, answer, **kwargs).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer", "kwargs", "got", "right", "words"),
    [
        # a prohibition takes the imperfective, and says why
        ("Nie idź do pracy.", "Nie pójdź do pracy.", {}, "pójdź", "idź", "not to do"),
        (
            "Każde wakacje spędzałem u dziadków.",
            "Każde wakacje spędziłem u dziadków.",
            {},
            "spędziłem",
            "spędzałem",
            "habit",
        ),
        # the place and the name keep the sentence's case
        (
            "Mieszkam w Krakowie.",
            "Mieszkam w Gdańsk.",
            {"slots": {"Krakowie": "place"}},
            "Gdańsk",
            "Gdańsku",
            "Locative",
        ),
        (
            "Moim ulubionym pisarzem jest Stanisław.",
            "Moim ulubionym pisarzem jest Stanisławem.",
            {"slots": {"Stanisław": "name"}},
            "Stanisławem",
            "Stanisław",
            "Nominative",
        ),
        # a synonym listed for either speaker stands in only for the learner's own gender
        (
            "Powinnam jeść mniej.",
            "Powinienem jeść mniej.",
            {"synonyms": [["powinienem", "powinnam"]], "learner_gender": "feminine"},
            "Powinienem",
            "Powinnam",
            "woman",
        ),
        # a woman says what she is with a feminine noun, and its adjective agrees
        (
            "Byłbym pani pierwszym klientem.",
            "Byłabym pani pierwszym klientem.",
            {"learner_gender": "feminine"},
            "klientem",
            "klientką",
            "woman",
        ),
        # not "Leave out Twój": the other word is named
        (
            "Mój tata naprawił mi rower.",
            "Twój tata naprawił mi rower.",
            {},
            "Twój",
            "Mój",
            "different word",
        ),
    ],
)
def test_wrong_answers_stay_wrong_with_their_reason(
    engine: LanguageEngine,
    expected: str,
    answer: str,
    kwargs: dict[str, Any],
    got: str,
    right: str,
    words: str,
) -> None:
    comparison = engine.compare(expected, answer, **kwargs)
    assert comparison.verdict == "incorrect"
    issue = next(i for i in comparison.issues if i.got == got)
    assert issue.expected == right
    assert words in issue.explanation


def test_a_misformed_opinion_framer_is_compared_not_dropped(engine: LanguageEngine) -> None:
    issue = only_issue(
        engine.compare("Wydaje mi się, że pracują więcej.", "Wydaje mnie się, że pracują więcej.")
    )
    assert (issue.got, issue.expected) == ("mnie", "mi")


def test_my_stays_where_it_is_the_point(
    engine: LanguageEngine,
) -> None:
    assert engine.compare("To jest mój brat.", "To jest brat.").verdict == "incorrect"
    assert engine.compare("Mój dom jest duży.", "Dom jest duży.").verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # a time phrase or a clause of its own added to an accepted answer
        (["Bilety będą droższe o złotówkę."], "Od poniedziałku bilety będą droższe o złotówkę."),
        (
            ["W niedzielę przejaśni się i wyjdzie słońce."],
            "W niedzielę przejaśni się i wyjdzie słońce, ale będzie wiał silny wiatr.",
        ),
        # a time phrase left out
        (["W sobotę będzie padać deszcz i będzie zimno."], "Będzie padać deszcz i będzie zimno."),
    ],
)
def test_an_answer_with_a_phrase_more_or_less_is_accepted(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # the added phrase is wrong: another accepted answer has the word in another form
        (["W listopadzie jest zimno i pada deszcz.", "Jest zimno."], "W listopad jest zimno."),
        # the added clause has an error the free-text checker finds
        (["Bilety będą droższe."], "Bilety będą droższe, bo miasto nie ma pieniądze."),
        (["Bilety będą droższe."], "Bilety będą droższe od poniedziałek."),
        # nie, się, a lone word are never just added or left out
        (["Lubię kawę."], "Nie lubię kawę."),
        (["W mieście żyje się wygodniej."], "W mieście żyje wygodniej."),
        (["Zrobię kanapki w niedzielę."], "Zrobię kanapki."),
    ],
)
def test_a_phrase_more_or_less_does_not_hide_an_error(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


def test_a_greeting_alone_is_not_an_answer_with_a_clause_left_out(engine: LanguageEngine) -> None:
    answers = ["Poproszę kawę.", "Dzień dobry, poproszę kawę."]
    assert engine.compare(answers, "Dzień dobry").verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # a score in digits
        (["Polska wygrała dwa do jednego."], "Polska wygrała 2:1."),
        (["Polska wygrała trzy do zera."], "Polska wygrała 3:0."),
        # a place phrase shared by two joined verbs, after either
        (
            ["Wieczorem siedzimy przy ognisku i śpiewamy."],
            "Wieczorem siedzimy i śpiewamy przy ognisku.",
        ),
        (
            ["Wieczorem siedzimy i śpiewamy przy ognisku."],
            "Wieczorem siedzimy przy ognisku i śpiewamy.",
        ),
        (["Mieszkam w Krakowie i pracuję."], "Mieszkam i pracuję w Krakowie."),
        # an object pronoun left out where an earlier clause names the thing
        (["Nie lubię grać w piłkę, wolę ją oglądać."], "Nie lubię grać w piłkę, wolę oglądać."),
        # the thing a pronoun stands for, named
        (["Jak mam ją odesłać?"], "Jak mam odesłać starą kurtkę?"),
        (["Ja je zrobię."], "Ja zrobię kanapki."),
        # a pronoun and its verb in either order
        (
            ["Możemy zadzwonić do wnuczki i ją zapytać."],
            "Możemy zadzwonić do wnuczki i zapytać ją.",
        ),
        # dates in digits, either way
        (
            ["To uroczysta kolacja dwudziestego czwartego grudnia."],
            "To uroczysta kolacja 24 grudnia.",
        ),
        (["15 marca 1995 roku."], "Piętnastego marca 1995 roku."),
        (
            [
                "Urodziłem się piętnastego marca "
                "tysiąc dziewięćset dziewięćdziesiątego piątego roku."
            ],
            "Urodziłem się 15 marca 1995 roku.",
        ),
        # a detail added or left out
        (
            ["Dla mnie najważniejszy jest dojazd do pracy."],
            "Dla mnie najważniejszy jest dobry dojazd do pracy.",
        ),
        (["Nie idź do pracy, zostań w domu!"], "Nie idź jutro do pracy, zostań w domu!"),
        (["Szliśmy cztery godziny."], "Szliśmy prawie cztery godziny."),
        (["Proszę wpisać nazwę."], "Proszę wpisać nazwę aplikacji."),
        (["Rano poszliśmy w góry."], "Poszliśmy w góry."),
        (["Chciałbym zareklamować te słuchawki."], "Chciałbym zareklamować słuchawki."),
        # a degree word before what it grades, an adverb before its verb, też by its verb
        (["Jestem zmęczony."], "Jestem bardzo zmęczony."),
        (["Mieszkam w dużym domu."], "Mieszkam w bardzo dużym domu."),
        (["Mieszkam w domu."], "Mieszkam w dużym domu."),
        (["To jest ciekawy film."], "To jest bardzo ciekawy film."),
        (["Dobrze, dziękuję ci!"], "Dobrze, bardzo ci dziękuję!"),
        (["Jesteś chory, odpocznij!"], "Jesteś chory, lepiej odpocznij!"),
        (["Mam psa."], "Mam też psa."),
        (
            ["Nauczyłem się mówić o przeszłości i o przyszłości."],
            "Nauczyłem się mówić o przeszłości i przyszłości.",
        ),
        # jest with a comparative, the person spoken to, a frame, an agreeing opener
        (["Ale w mieście łatwiej znaleźć pracę."], "Ale w mieście jest łatwiej znaleźć pracę."),
        (["Dla mnie? Dziękuję wam bardzo!"], "Dla mnie? Dziękuję bardzo!"),
        (["Podobno w sobotę będzie padać."], "Słyszałem. Podobno w sobotę będzie padać."),
        (["Tak, zgadzam się z tobą.", "Zgadzam się."], "Tak, zgadzam się."),
    ],
)
def test_a_rewording_a_teacher_accepts(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct", engine.compare(
        expected, answer
    ).to_dict()


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        (["Polska wygrała dwa do jednego."], "Polska wygrała 2:0."),
        # a phrase only one verb governs, a direction, an argument: not shared
        (["Siedzę i gram na gitarze."], "Siedzę na gitarze i gram."),
        (["Wracam do domu i odpoczywam."], "Wracam i odpoczywam do domu."),
        (["Myślę o tobie i płaczę."], "Myślę i płaczę o tobie."),
        # an object pronoun with nothing before it that names the thing
        (["Kupiłem je tydzień temu."], "Kupiłem tydzień temu."),
        (["Lubię tę piosenkę, często ją śpiewam."], "Lubię tę piosenkę, często śpiewam."),
        # a thing that the pronoun cannot stand for
        (["Ja je zrobię."], "Ja zrobię herbatę."),
        # a wrong day, a cardinal for a day
        (
            ["To uroczysta kolacja dwudziestego czwartego grudnia."],
            "To uroczysta kolacja 25 grudnia.",
        ),
        (["15 marca 1995 roku."], "Piętnaście marca 1995 roku."),
        # the addressee in the wrong case or register
        (["Dla mnie? Dziękuję wam bardzo!"], "Dla mnie? Dziękuję was bardzo!"),
        (["Oczywiście, chętnie panu pomogę."], "Oczywiście, chętnie ci pomogę."),
        # a feminine learner's masculine frame
        (["Podobno w sobotę będzie padać."], "Słyszałem. Podobno w sobotę będzie padać."),
        # a word inside a phrase, a word that changes what is said
        (["Mieszkam w dużym domu."], "Mieszkam w też dużym domu."),
        (["Chodzę do kina."], "Często chodzę do kina."),
        # an added word where it modifies nothing: between nie and its verb, after a
        # preposition, before a relative word or że, grading a word without degrees, in a list
        # after a comma, between a noun and its genitive
        (["Nic nie kupiłem."], "Nic nie już kupiłem."),
        (["Mieszkam w domu."], "Mieszkam w dużego domu."),
        (["Czekam na jednego kolegę."], "Czekam na bardzo jednego kolegę."),
        (
            ["To jest mój brat, który mieszka w Krakowie."],
            "To jest mój brat, bardzo który mieszka w Krakowie.",
        ),
        (["Wiem, że jest zimno."], "Wiem, już że jest zimno."),
        (["Kupiłem drewniany stół."], "Kupiłem bardzo drewniany stół."),
        (["Mały, szary kot śpi."], "Mały, też szary kot śpi."),
        (["Czekam na rozwój rynku."], "Czekam na rozwój też rynku."),
        # a word left out that leaves a clitic first, a clause's conjunction, a set phrase's
        # demonstrative
        (["Wczoraj go spotkałem."], "Go spotkałem."),
        (["Zadzwonię, gdy wrócę."], "Zadzwonię, wrócę."),
        (["Tym razem pojadę pociągiem."], "Razem pojadę pociągiem."),
        # an accepted answer word for word with a form wrong is that answer, not another one
        (["Czy to coś poważnego?", "Czy to jest poważne?"], "Czy to coś poważne?"),
    ],
)
def test_a_rewording_does_not_hide_an_error(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    gender: LearnerGender | None = "feminine" if answer.startswith("Słyszałem") else None
    assert engine.compare(expected, answer, learner_gender=gender).verdict == "incorrect"


def test_a_named_object_with_the_verb_in_the_wrong_person(engine: LanguageEngine) -> None:
    # (*kanapki* for *je* is right; only the verb's person is wrong)
    issue = only_issue(engine.compare(["Ja je zrobię."], "Ja zrobi kanapki."))
    assert (issue.type, issue.got, issue.expected) == ("inflection", "zrobi", "zrobię")


def test_the_addressee_in_the_wrong_case_is_no_word_to_leave_out(engine: LanguageEngine) -> None:
    # (an accepted answer without the addressee is no reason to call *Państwo* extra)
    answers = ["Dziękuję Państwu za piękny wieczór.", "Dziękuję za wszystko."]
    issue = only_issue(engine.compare(answers, "Dziękuję Państwo za piękny wieczór."))
    assert (issue.type, issue.got, issue.expected) == ("inflection", "Państwo", "Państwu")


def test_a_repeated_comparison_is_remembered_for_exactly_its_arguments(
    engine: LanguageEngine,
) -> None:
    """compare() remembers its results (learners give the same answers again and again): the
    same arguments give the very same result, and each argument that changes the judgement
    (the gender, the language of the explanations, the step's declarations) gives its own."""
    expected = ["Jestem zmęczony."]
    first = engine.compare(expected, "Jestem zmęczona.", learner_gender="masculine")
    again = engine.compare(list(expected), "Jestem zmęczona.", learner_gender="masculine")
    assert again is first
    assert first.verdict == "incorrect"
    assert engine.compare(expected, "Jestem zmęczona.", learner_gender="feminine").verdict in (
        "correct",
        "acceptable",
    )
    english = engine.compare(expected, "Jestem zmeczony.", explain_in="en")
    polish = engine.compare(expected, "Jestem zmeczony.", explain_in="pl")
    assert english.issues[0].explanation != polish.issues[0].explanation
    plain = engine.compare(["Poproszę kawę."], "Poproszę herbatę.")
    synonyms = engine.compare(
        ["Poproszę kawę."], "Poproszę herbatę.", synonyms=[["kawę", "herbatę"]]
    )
    assert plain.verdict == "incorrect" and synonyms.verdict == "correct"
    assert engine.compare(["Poproszę kawę."], "Poproszę herbatę.") is plain


@pytest.mark.parametrize(
    ("expected", "answer", "subject"),
    [
        ("Nowe mieszkanie jest bardzo jasne.", "Nowe mieszkanie jest bardzo jasny.", "mieszkanie"),
        ("Pływanie jest zdrowe.", "Pływanie jest zdrowy.", "Pływanie"),
    ],
)
def test_a_verbal_noun_is_the_subject_an_adjective_agrees_with(
    engine: LanguageEngine, expected: str, answer: str, subject: str
) -> None:
    """Morfeusz reads *mieszkanie* only as the verbal noun of *mieszkać*: it is still the
    subject (the explanation said "the subject, which is left out here")."""
    (issue,) = engine.compare(expected, answer).issues
    assert issue.rule is not None and issue.rule.id == "agreement.adjective"
    assert issue.rule.trigger == subject
    assert f"subject *{subject}* (neuter)" in issue.explanation
    assert "left out" not in issue.explanation


def test_a_number_written_with_a_slash_or_a_colon_is_read_and_shown_as_written(
    engine: LanguageEngine,
) -> None:
    address = engine.compare(
        "Mieszkam na ulicy Długiej osiem przez dwanaście.", "Mieszkam na ulica Długiej 8/12."
    )
    assert [i.expected for i in address.issues] == ["ulicy"]  # no "add przez after 8"
    assert address.expected == "Mieszkam na ulicy Długiej 8/12."
    score = engine.compare("Wygraliśmy dwa do jednego.", "Wygraliśmy 2:1.")
    assert score.verdict == "correct" and score.expected == "Wygraliśmy 2:1."


def test_on_a_tie_no_aspect_is_claimed_that_another_accepted_answer_has(
    engine: LanguageEngine,
) -> None:
    """*będzie trwał* is accepted: *Remont będzie trwała* has its gender wrong, not its aspect."""
    options = ["Podobno potrwa pół roku.", "Remont potrwa pół roku.", "Będzie trwał pół roku."]
    result = engine.compare(options, "Remont będzie trwała pół roku.")
    assert result.verdict == "incorrect"
    assert all(i.feature != "aspect" for i in result.issues)
    assert any(i.got == "trwała" and i.expected == "trwał" for i in result.issues)


def test_words_another_accepted_answer_has_in_another_form_are_that_form_said_wrong(
    engine: LanguageEngine,
) -> None:
    """*W listopad jest zimno.*: not "*W* and *listopad* are not needed" (closest: *Jest
    zimno.*) but *listopad* → *listopadzie*, as *W listopadzie jest zimno …* has it."""
    options = [
        "W listopadzie jest zimno i pada deszcz.",
        "Jest zimno i pada deszcz.",
        "Jest zimno.",
    ]
    (issue,) = engine.compare(options, "W listopad jest zimno.").issues
    assert (issue.type, issue.got, issue.expected) == ("inflection", "listopad", "listopadzie")
    assert issue.rule is not None and issue.rule.id == "case.preposition"
    wrong = engine.compare(options, "W grudzień jest zimno.")  # a month is w + the locative
    assert wrong.verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        (
            "Co państwo robili wieczorami, kiedy nie było telewizji?",
            "Co robili państwo wieczorami, kiedy nie było telewizji?",
        ),
        ("Powinieneś jeść więcej warzyw i owoców.", "Powinieneś jeść więcej owoców i warzyw."),
        (
            "W sobotę posprzątam mieszkanie, a w niedzielę będę odpoczywać.",
            "W niedzielę będę odpoczywać, a w sobotę posprzątam mieszkanie.",
        ),
    ],
)
def test_a_correct_answer_in_another_order_gets_a_note_never_incorrect(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    result = engine.compare(expected, answer)
    assert result.verdict == "acceptable"
    (note,) = result.issues
    assert note.type == "word_order" and expected in note.explanation
    assert "wrong" not in note.explanation and "should" not in note.explanation
    polish = engine.compare(expected, answer, explain_in="pl").issues[0].explanation
    assert polish.startswith("Dobrze, w innym szyku.")


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Nie lubię kawy.", "Lubię nie kawy."),  # nie off its verb
        ("Idę do sklepu z mamą.", "Idę do z mamą sklepu."),  # a preposition off its noun
        ("Uczę się polskiego.", "Się uczę polskiego."),  # się first
    ],
)
def test_a_reorder_that_moves_a_placed_word_stays_incorrect(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # a phrase of its own between commas goes with the clause before it
        (["Zeszliśmy inną drogą, przez las."], "Zeszliśmy przez las, inną drogą."),
        # a word before two verbs joined in one clause goes with both
        (
            ["Wieczorem przeszliśmy się po mieście i poszliśmy na kolację."],
            "Wieczorem poszliśmy na kolację i przeszliśmy się po mieście.",
        ),
        # not the closest accepted answer (that one is *W Zakopanem, w górach.* + Byłem)
        (
            ["Byłem w górach, w Zakopanem.", "W Zakopanem, w górach."],
            "Byłem w Zakopanem, w górach.",
        ),
    ],
)
def test_reordered_phrases_and_clauses_are_acceptable(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    result = engine.compare(expected, answer)
    assert result.verdict == "acceptable", result.to_dict()
    assert result.issues[0].explanation.startswith("Right, in another word order.")


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # the verb still changes what the moved phrase belongs to
        ("Siedzę na krześle i gram na gitarze.", "Siedzę na gitarze i gram na krześle."),
        ("Rano piję kawę, a wieczorem herbatę.", "Wieczorem piję kawę, a rano herbatę."),
    ],
)
def test_a_reorder_that_changes_the_meaning_is_not_acceptable(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict != "acceptable"


def test_no_other_gender_form_for_a_word_an_accepted_answer_has_as_written(
    engine: LanguageEngine,
) -> None:
    # *Byłem* is in the accepted *Byłem w górach, w Zakopanem.*: never "use *Byłam*"
    result = engine.compare(["Byłem w górach, w Zakopanem.", "W Zakopanem, w górach."], "Byłem w.")
    assert not any(i.got == "Byłem" and i.feature == "gender" for i in result.issues)


WHEN_LEFT = ["Wyjechałem w piątek rano.", "W piątek rano."]


def test_a_when_question_with_a_perfective_verb_asks_for_the_perfective(
    engine: LanguageEngine,
) -> None:
    result = engine.compare(WHEN_LEFT, "Wyjeżdżałem w piątek rano.", question="Kiedy wyjechałeś?")
    assert result.verdict == "incorrect"
    (issue,) = result.issues
    assert issue.type == "inflection" and issue.feature == "aspect"
    assert issue.rule is not None and issue.rule.id == "aspect.context"
    assert issue.rule.trigger == "wyjechałeś"
    assert (issue.got, issue.expected) == ("Wyjeżdżałem", "Wyjechałem")
    assert "perfective" in issue.explanation and "*wyjechać*" in issue.explanation
    polish = engine.compare(
        WHEN_LEFT, "Wyjeżdżałem w piątek rano.", question="Kiedy wyjechałeś?", explain_in="pl"
    ).issues[0]
    assert "dokonany" in polish.explanation and "*wyjechałeś*" in polish.explanation


@pytest.mark.parametrize(
    "question",
    [
        None,  # nothing decides: either aspect of a past verb
        "Wyjechałeś w piątek?",  # a yes/no question: *Tak, wyjeżdżałem …* may be general
        "Kiedy wyjeżdżałeś?",  # the question's own verb is imperfective
        "Kiedy wróciłeś?",  # another verb
    ],
)
def test_the_question_decides_the_aspect_only_when_it_asks_when_with_that_perfective(
    engine: LanguageEngine, question: str | None
) -> None:
    result = engine.compare(WHEN_LEFT, "Wyjeżdżałem w piątek rano.", question=question)
    assert result.verdict != "incorrect" or not any(i.feature == "aspect" for i in result.issues)
    assert engine.compare(WHEN_LEFT, "Wyjechałem w piątek rano.", question=question).verdict == (
        "correct"
    )


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # a phrase of its own after a comma, ending the sentence
        ("Byłem w górach, w Zakopanem.", "Byłem w górach."),
        ("Tydzień temu, siódmego marca.", "Tydzień temu."),
        # a whole prepositional phrase inside the sentence, or ending it after a noun
        ("Tak, w paczce nie było paska.", "Tak, nie było paska."),
        ("Nie, pojechałem pociągiem z kolegą.", "Nie, pojechałem pociągiem."),
        ("Co kupić twoim rodzicom na święta?", "Co kupić twoim rodzicom?"),
        ("Nie ma za co. Do zobaczenia na następnym sprzątaniu!", "Nie ma za co. Do zobaczenia!"),
    ],
)
def test_an_accepted_answer_with_a_detail_left_out_is_correct(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Idę do sklepu.", "Idę."),  # where, after a verb of motion, is the point
        ("Mieszkam w Krakowie, w Polsce.", "Mieszkam w, w Polsce."),  # a preposition left
        ("Piję kawę bez mleka.", "Piję kawę."),  # *bez* is the point
        ("Dużo zdrowia, do widzenia!", "Dużo zdrowia!"),  # a goodbye is no detail
        ("Nie mówię po angielsku.", "Nie mówię angielsku."),  # the preposition alone
        ("Czterysta trzydzieści złotych.", "Czterysta złotych."),  # a number word
        ("Kupiłem dwa bilety do kina.", "Kupiłem bilety do kina."),
    ],
)
def test_what_is_not_a_detail_may_not_be_left_out(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # a word opening a sentence that says how the speaker takes what follows
        (
            "Okropnie! Pociąg się spóźnił i przyjechaliśmy dopiero o północy.",
            "Pociąg się spóźnił i przyjechaliśmy dopiero o północy.",
        ),
        ("Podobno siedem albo osiem godzin.", "Siedem albo osiem godzin."),
        ("Niestety nie znam, ale chętnie posłucham.", "Nie znam, ale chętnie posłucham."),
        ("Naprawdę? To byłoby świetnie!", "Naprawdę? Byłoby świetnie!"),
        (
            "To ja dziękuję. Pani bardzo ciekawie opowiada!",
            "Ja dziękuję. Pani bardzo ciekawie opowiada!",
        ),
    ],
)
def test_an_opening_aside_may_be_left_out(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Rzadko jem mięso.", "Jem mięso."),  # how often is what is said
        ("Nigdy nie grasz na pianinie.", "Nie grasz na pianinie."),
    ],
)
def test_an_opening_that_is_the_point_may_not_be_left_out(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer", "verdict"),
    [
        ("Powinieneś więcej się ruszać.", "Marek, powinieneś więcej się ruszać.", "correct"),
        ("Dla niespodziewanego gościa?", "Może dla niespodziewanego gościa?", "correct"),
        ("Spokojnie, nie zapomnę.", "Spokojnie, jasne, nie zapomnę.", "correct"),
        # not the address *pani* alone, nor *może* (can) before an infinitive
        ("Od wczoraj boli mnie ząb.", "Pani, od wczoraj boli mnie ząb.", "incorrect"),
        ("Chcę iść do kina.", "Może chcę iść do kina.", "correct"),
        ("Pójdziemy do kina.", "Może pójść do kina.", "incorrect"),
    ],
)
def test_a_reply_word_a_hedge_or_a_name_may_open_an_accepted_answer(
    engine: LanguageEngine, expected: str, answer: str, verdict: str
) -> None:
    assert engine.compare(expected, answer).verdict == verdict


@pytest.mark.parametrize(
    ("expected", "answer", "verdict"),
    [
        ("Babcia żyje, ale dziadek umarł.", "Babcia jeszcze żyje, ale dziadek umarł.", "correct"),
        ("Towar dotrze w piątek.", "Towar dotrze już w piątek.", "correct"),
        ("Razem jest łatwiej!", "Razem jest o wiele łatwiej!", "correct"),
        ("Razem jest łatwo!", "Razem jest o wiele łatwo!", "incorrect"),  # not a comparative
        ("Nie wiem.", "Nie już wiem.", "incorrect"),  # not between *nie* and its verb
    ],
)
def test_juz_jeszcze_and_o_wiele_may_stress_an_accepted_answer(
    engine: LanguageEngine, expected: str, answer: str, verdict: str
) -> None:
    assert engine.compare(expected, answer).verdict == verdict


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Pojadę tam z bratem w maju.", "Pojadę tam z bratem."),  # when ends it: the point
        ("Spotkamy się przed kinem o ósmej.", "Spotkamy się przed kinem."),
    ],
)
def test_a_time_that_ends_the_sentence_may_not_be_left_out(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        # the added words have other forms in another accepted answer, between other words
        (
            ["Posadzono sto drzew.", "Wymieniono ławki i posadzono drzewa."],
            "Posadzono sto drzew i wymieniono ławki.",
        ),
        (
            ["W niedzielę przejaśni się i wyjdzie słońce.", "Przejaśni się, ale będzie wiało."],
            "W niedzielę przejaśni się i wyjdzie słońce, ale będzie wiał silny wiatr.",
        ),
    ],
)
def test_another_form_elsewhere_in_another_answer_is_no_error(
    engine: LanguageEngine, expected: list[str], answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "correct"


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("Niech pan powie.", "Pan powie."),  # niech makes the imperative
        ("Prawie skończyłem.", "Skończyłem."),  # the amount is what is said
        ("Część z nich uciekła do dżungli.", "Część już z nich uciekła do dżungli."),
    ],
)
def test_a_mood_particle_is_no_aside_and_juz_stays_outside_a_phrase(
    engine: LanguageEngine, expected: str, answer: str
) -> None:
    assert engine.compare(expected, answer).verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer", "verdict"),
    [
        ("Nie ma za co. Razem jest łatwiej!", "Nie ma sprawy. Razem jest łatwiej!", "correct"),
        ("Nie ma za co. Do zobaczenia!", "Proszę bardzo. Do zobaczenia!", "correct"),
        ("Nie ma za co, to była przyjemność.", "Drobiazg, to była przyjemność.", "correct"),
        ("Spokojnie, nie zapomnę.", "Nie martw się, nie zapomnę.", "correct"),
        # *Proszę bardzo* is also "here you are": never replaced by a reply to thanks
        ("Proszę bardzo, pani kawa.", "Nie ma za co, pani kawa.", "incorrect"),
        # the phrase said wrong stays wrong
        ("Nie ma za co. Do zobaczenia!", "Nie ma co. Do zobaczenia!", "incorrect"),
        ("Spokojnie, nie zapomnę.", "Nie martw, nie zapomnę.", "incorrect"),
    ],
)
def test_set_phrases_of_the_same_meaning_open_a_reply_alike(
    engine: LanguageEngine, expected: str, answer: str, verdict: str
) -> None:
    assert engine.compare(expected, answer).verdict == verdict


_HARDEST = [
    "Najtrudniejsza jest dla mnie wymowa.",
    "Najtrudniejsze są dla mnie przypadki.",
    "Dla mnie najtrudniejsza jest gramatyka.",
]
_HARDEST_SLOTS: dict[str, Any] = {"wymowa": "noun", "przypadki": "noun", "gramatyka": "noun"}


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ("Najtrudniejsze jest dla mnie słownictwo.", True),
        ("Najtrudniejszy jest dla mnie aspekt.", True),
        ("Dla mnie najtrudniejszy jest aspekt.", True),
        ("Najtrudniejsze są dla mnie czasowniki.", True),
        ("Najtrudniejsza jest dla mnie słownictwo.", False),
        ("Dla mnie najtrudniejsza jest aspekt.", False),
        ("Najtrudniejsze jest dla mnie czasowniki.", False),
    ],
)
def test_a_noun_slot_re_agrees_its_adjective_and_verb(
    engine: LanguageEngine, answer: str, accepted: bool
) -> None:
    result = engine.compare(_HARDEST, answer, slots=_HARDEST_SLOTS)
    assert (result.verdict in ("correct", "acceptable")) == accepted, result.issues


def test_a_predicate_adjective_before_jest_agrees_with_the_subject_after_it(
    engine: LanguageEngine,
) -> None:
    result = engine.compare(
        _HARDEST, "Najtrudniejsza jest dla mnie słownictwo.", slots=_HARDEST_SLOTS
    )
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "agreement.adjective"
    assert "plural" not in issue.explanation  # najtrudniejsze is neuter singular here


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ("Około dwudziestu pięciu minut.", True),
        ("Około trzydziestu minut.", True),
        ("Około dwudziestu dwóch minut.", True),
        ("Około 25 minut.", True),
        ("Około dwadzieścia minut.", False),
        ("Około dwadzieścia pięć minut.", False),
        ("Dwadzieścia dwa minuty.", False),
    ],
)
def test_a_number_slot_keeps_the_case_its_context_asks(
    engine: LanguageEngine, answer: str, accepted: bool
) -> None:
    result = engine.compare(
        ["Około dwudziestu minut.", "Dwadzieścia minut."],
        answer,
        slots={"dwudziestu": "number", "dwadzieścia": "number"},
    )
    assert (result.verdict in ("correct", "acceptable")) == accepted, result.issues
    for issue in result.issues:
        assert "men" not in issue.explanation  # minut are not men


@pytest.mark.parametrize(
    ("expected", "answer", "group", "accepted"),
    [
        (
            "Podobno potrwa pół roku.",
            "Podobno potrwa sześć miesięcy.",
            ["pół roku", "sześć miesięcy"],
            True,
        ),
        ("Aż pół roku?", "Aż pięć miesięcy?", ["pół roku", "sześć miesięcy"], False),
        (
            "Bilety będą droższe o złotówkę.",
            "Bilety będą droższe o jeden złoty.",
            ["o złotówkę", "o jeden złoty"],
            True,
        ),
        (
            "Bilety będą droższe o złotówkę.",
            "Bilety będą droższe o jednego złotego.",
            ["o złotówkę", "o jeden złoty"],
            False,
        ),
        ("Przeszkadza mi smog zimą.", "Przeszkadza mi smog w zimie.", ["zimą", "w zimie"], True),
        ("Przeszkadza mi smog zimą.", "Przeszkadza mi smog w zima.", ["zimą", "w zimie"], False),
    ],
)
def test_a_declared_phrase_stands_for_another_of_its_group(
    engine: LanguageEngine, expected: str, answer: str, group: list[str], accepted: bool
) -> None:
    result = engine.compare([expected], answer, synonyms=[group])
    assert (result.verdict in ("correct", "acceptable")) == accepted, result.issues


@pytest.mark.parametrize(
    ("expected", "answer", "accepted"),
    [
        (
            "Niestety nie znam, ale chętnie posłucham.",
            "Niestety nie znam żadnej, ale chętnie posłucham.",
            True,
        ),
        (
            "Nie znam żadnej, ale chętnie się nauczę.",
            "Niestety nie znam, ale chętnie się nauczę.",
            True,
        ),
        (
            "Nie znam żadnej, ale chętnie się nauczę.",
            "Nie znam żadnego, ale chętnie się nauczę.",
            False,
        ),
    ],
)
def test_a_phrase_inside_a_longer_member_of_its_group_is_the_longer_one(
    engine: LanguageEngine, expected: str, answer: str, accepted: bool
) -> None:
    result = engine.compare([expected], answer, synonyms=[["nie znam", "nie znam żadnej"]])
    assert (result.verdict in ("correct", "acceptable")) == accepted, result.issues


@pytest.mark.parametrize(
    ("expected", "answer", "slots", "accepted"),
    [
        (
            "Najtrudniejsza była dla mnie wymowa.",
            "Najtrudniejsze było dla mnie słownictwo.",
            {"wymowa": "noun"},
            True,
        ),
        (
            "Najtrudniejsza była dla mnie wymowa.",
            "Najtrudniejsza było dla mnie słownictwo.",
            {"wymowa": "noun"},
            False,
        ),
        (
            "Najtrudniejsza była dla mnie wymowa.",
            "Najtrudniejsze była dla mnie słownictwo.",
            {"wymowa": "noun"},
            False,
        ),
        ("Zepsuł mi się telefon.", "Zepsuła mi się pralka.", {"telefon": "noun"}, True),
        ("Zepsuł mi się telefon.", "Zepsuł mi się pralka.", {"telefon": "noun"}, False),
        (
            "Moja ulubiona kawa jest czarna.",
            "Mój ulubiony sok jest czarny.",
            {"kawa": "noun"},
            True,
        ),
        (
            "Moja ulubiona kawa jest czarna.",
            "Mój ulubiona sok jest czarny.",
            {"kawa": "noun"},
            False,
        ),
        (
            "Moje ulubione zwierzę to słoń.",
            "Moje ulubione zwierzę to żyrafa.",
            {"słoń": "noun"},
            True,
        ),
    ],
)
def test_a_noun_slot_re_agrees_a_past_verb_and_every_adjective_of_its_phrase(
    engine: LanguageEngine, expected: str, answer: str, slots: dict[str, Any], accepted: bool
) -> None:
    result = engine.compare([expected], answer, slots=slots)
    assert (result.verdict in ("correct", "acceptable")) == accepted, result.issues


def test_a_phrase_said_in_another_order_is_no_other_member(engine: LanguageEngine) -> None:
    # *jazzu i rocka* is *rocka i jazzu* reordered, not *jazzu* with *i rocka* more
    result = engine.compare(
        ["Słucham głównie rocka i jazzu."],
        "Słucham głównie jazzu i rocka.",
        synonyms=[["rocka i jazzu", "muzyki klasycznej", "rocka", "jazzu"]],
    )
    assert result.verdict in ("correct", "acceptable"), result.issues


@pytest.mark.parametrize(
    ("gender", "answer", "verdict"),
    [
        ("feminine", "Kiedy byłam mała, chodziłam do szkoły pieszo.", "correct"),
        (None, "Kiedy byłam mała, chodziłam do szkoły pieszo.", "correct"),
        (None, "Kiedy byłem mały, chodziłem do szkoły pieszo.", "correct"),
        ("masculine", "Kiedy byłem mały, chodziłem do szkoły pieszo.", "correct"),
        ("masculine", "Kiedy byłam mała, chodziłam do szkoły pieszo.", "incorrect"),
        # a woman's member is in her gender only; an answer of no given gender is in one
        ("feminine", "Kiedy byłam mała, chodziłem do szkoły pieszo.", "incorrect"),
        (None, "Kiedy byłem mały, chodziłam do szkoły pieszo.", "incorrect"),
        (None, "Kiedy byłam mała, chodziłem do szkoły pieszo.", "incorrect"),
    ],
)
def test_a_declared_phrase_is_said_in_the_learners_gender(
    engine: LanguageEngine, gender: LearnerGender | None, answer: str, verdict: str
) -> None:
    """A phrase group written in the masculine (a step's answers are) stands for the
    learner's own gender's phrase: a woman's *chodziłam do szkoły pieszo* is the group's
    *chodziłem do szkoły pieszo*, not a wrong word."""
    expected = "Kiedy byłem mały, jeździłem do szkoły autobusem."
    group = [["jeździłem do szkoły autobusem", "chodziłem do szkoły pieszo"]]
    said = engine.gendered(expected, gender) if gender else expected
    result = engine.compare(said, answer, learner_gender=gender, synonyms=group)
    assert result.verdict == verdict


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("Tak, zajmuję się pływaniem.", "correct"),
        ("Tak, zajmuję się tenisem.", "correct"),
        ("Tak, zajmuję się pływanie.", "incorrect"),
        ("Tak, zajmuję się tenisa.", "incorrect"),
        ("Tak, zajmuję się jogę.", "incorrect"),
    ],
)
def test_a_noun_slot_of_a_verbal_noun_keeps_its_case(
    engine: LanguageEngine, answer: str, verdict: str
) -> None:
    """The learner's own sport for *bieganiem* (a verbal noun) is in the Instrumental
    *zajmować się* takes: *pływaniem* (not *niepływaniem*), *tenisem* (a sport-labelled form)."""
    result = engine.compare(["Tak, zajmuję się bieganiem."], answer, slots={"bieganiem": "noun"})
    assert result.verdict == verdict, result.issues
    if verdict == "incorrect":
        assert any(i.expected in ("pływaniem", "tenisem", "jogą") for i in result.issues)


def test_a_genitive_after_a_pronoun_is_no_attribute_of_it(engine: LanguageEngine) -> None:
    """*go* is the pronoun, not the game *go*: *pana* after it is no genitive attribute."""
    result = engine.compare(["Dobrze, zaraz go prześlę."], "Dobrze, zaraz go pana prześlę.")
    assert result.verdict == "incorrect"


@pytest.mark.parametrize(
    ("expected", "answer", "named"),
    [
        ("Mam dużego psa.", "Mam dużą psa.", "(masculine animate)"),
        ("Mam czarnego kota.", "Mam czarną kota.", "(masculine animate)"),
        ("Mam starszego brata.", "Mam starszą brata.", "(masculine personal)"),
    ],
)
def test_a_dog_is_not_named_masculine_personal(
    engine: LanguageEngine, expected: str, answer: str, named: str
) -> None:
    # SGJP also reads psa and kota as persons (a rare sense); in the singular both agree alike
    (issue,) = engine.compare(expected, answer).issues
    assert issue.rule is not None and issue.rule.id == "agreement.adjective"
    assert named in issue.explanation


def test_a_verb_that_looks_like_a_noun_gets_no_claim_of_the_nouns_case(
    engine: LanguageEngine,
) -> None:
    # *mamy* here is mieć's (we have), not mama's genitive: no "Right case, wrong ending"
    (issue,) = engine.compare("Mamy dom.", "Mama dom.").issues
    assert "ending" not in issue.explanation and "Genitive" not in issue.explanation
    # nor for a noun that is also a verb's form (rzekę: rzec's too)
    (issue,) = engine.compare("Widzę dom, drzewo i rzekę.", "Widzę dom, drzewo i rzeka.").issues
    assert "ending" not in issue.explanation
    # an invented ending is still one: sklepa is no form of sklep
    (slip,) = engine.compare("Idę do sklepu.", "Idę do sklepa.").issues
    assert slip.rule is not None and slip.rule.id == "ending.declension"


def test_remembered_issue_keys_hold_every_field() -> None:
    """_classify's memo is keyed on every field of the words and of Accept: a field added to
    either must be added to the key (or the memo could serve another input's issue)."""
    from dataclasses import fields

    from polish_tutor.language.compare import Accept, _accept_state, _word_state
    from polish_tutor.language.grammar import Word

    word = Word("Kot", "kot", "kot", True, 3, 6, "Kota", ":")
    assert _word_state(word) == tuple(getattr(word, f.name) for f in fields(Word))
    accept = Accept(learner_gender="feminine", slots={"anna": "name"})
    assert len(_accept_state(accept)) == len(fields(Accept))


def test_remembered_issue_same_as_first(engine: LanguageEngine) -> None:
    """The same wrong form at the same place, in answers that differ elsewhere: each judged as
    a fresh engine judges it (the issue remembered from the first is the one it would find)."""
    fresh = LanguageEngine.load(eager=False)
    for answer in ("Poproszę kawa z mlekiem.", "Poproszę kawa z cukrem.", "poproszę kawa"):
        got = engine.compare(["Poproszę kawę z mlekiem.", "Poproszę kawę."], answer)
        assert got == fresh.compare(["Poproszę kawę z mlekiem.", "Poproszę kawę."], answer)
