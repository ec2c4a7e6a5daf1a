"""Explanations read as a teacher would (issue 14): the rule each names must be true, its
trigger the word that asks for the form, and where the engine cannot tell which form was
meant it leaves the word alone rather than teach a false reason. Real Morfeusz throughout.
"""

from __future__ import annotations

import re

from polish_tutor.language import LanguageEngine


def test_a_verbs_own_preposition_names_the_case_of_its_frame(engine: LanguageEngine) -> None:
    """*uznać za* + the accusative: *żywiciela* is also a genitive (za takes one in *za
    czasów*), but after *uznać za* the phrase is accusative, so the adjective is not said to
    agree with a genitive."""
    for text in (
        "Można w takim wypadku uznać za jedyne żywiciela rodziny.",
        "Uznali go za jedyne żywiciela rodziny.",
    ):
        for lang in ("en", "pl"):
            issue = next(i for i in engine.check(text, explain_in=lang).issues)
            assert (issue.got, issue.expected) == ("jedyne", "jedynego")
            assert "Genitive" not in issue.explanation
            assert "dopełniacz" not in issue.explanation
    # the genitive of za's own (time) meaning is still the genitive
    issue = engine.check("Za moje czasów tak nie było.").issues[0]
    assert (issue.got, issue.expected) == ("moje", "moich")
    assert "Accusative" not in issue.explanation


def test_a_word_that_is_two_verb_forms_with_a_tail_is_left_alone(engine: LanguageEngine) -> None:
    """*byłowi*: *był* + the noun ending *-owi*, or *było* with a slip (*gdyby tak nie
    było*); the engine cannot tell which, so it corrects neither. A verb form with only
    one reading of its tail is still corrected."""
    result = engine.check("Zdziwiłbym się, gdyby tak nie byłowi.")
    assert not any(i.got == "byłowi" and i.expected == "był" for i in result.issues)
    assert "nie był." not in result.corrected
    znal = engine.check("On znału ten dom.")
    assert znal.corrected == "On znał ten dom."


def test_a_verb_with_a_slip_is_not_given_a_nouns_case(engine: LanguageEngine) -> None:
    """*Unię szlag trafa*: the clause's verb *trafia* with a letter left out, not a form of the
    noun *traf* with a wrong ending (*trafu*); a noun's wrong ending in a clause with its
    verb is still corrected."""
    result = engine.check("Prędzej czy później Unię szlag trafa.")
    assert "trafu" not in result.corrected
    assert not any(i.rule is not None and i.rule.id.startswith("ending") for i in result.issues)
    sklep = engine.check("Idę do sklepa.")
    assert sklep.corrected == "Idę do sklepu."
    assert sklep.issues[0].rule is not None and sklep.issues[0].rule.id == "ending.declension"


def test_the_plural_genders_are_named_one_way_in_english(engine: LanguageEngine) -> None:
    """ "masculine personal" (as the issue names it) for men, "non-masculine-personal" for the
    rest of the plural: never "masculine-personal" in one explanation and "masculine
    personal" in another."""
    texts = ("Oni poszły do kina.", "Moje koledzy są mili.", "Te koleżanki byli w domu.")
    seen = []
    for text in texts:
        for issue in engine.check(text).issues:
            seen.append(issue.explanation)
            assert not re.search(r"(?<!non-)masculine-personal", issue.explanation)
    assert any("(masculine personal)" in e for e in seen)


def test_an_ending_that_is_a_vowel_is_named(engine: LanguageEngine) -> None:
    """*koni* ends in -i (koń takes -i in the genitive plural); only a form that ends in a
    consonant has no ending (*służb*)."""
    kon = engine.check("Mój wujek ma na wsi dużo koniów.").issues[0]
    assert (kon.got, kon.expected) == ("koniów", "koni")
    assert "takes *-i* in the Genitive plural" in kon.explanation
    assert "no ending" not in kon.explanation
    sluzb = engine.check("Znam byłych pracowników służbów.").issues[0]
    assert "has no ending (*służb*)" in sluzb.explanation


def test_an_adjective_after_its_noun_agrees_with_that_noun(engine: LanguageEngine) -> None:
    """*w serialach telewizyjnego takich jak*: the adjective agrees with *serialach* before
    it, not with *jak* (a word Morfeusz also reads as the noun *jak*, a yak) after it."""
    text = "Grała epizody w serialach telewizyjnego takich jak „Samo życie”."
    for lang in ("en", "pl"):
        issue = engine.check(text, explain_in=lang).issues[0]
        assert (issue.got, issue.expected) == ("telewizyjnego", "telewizyjnych")
        assert issue.rule is not None and issue.rule.trigger == "serialach"
        assert "*jak*" not in issue.explanation


def test_a_subject_that_is_there_is_not_said_to_be_left_out(engine: LanguageEngine) -> None:
    """*moja córka był chory*: the verb's own gender is wrong too, but the subject *córka* is
    in the sentence, and the adjective agrees with it."""
    text = "W zeszłym tygodniu moja córka był chory i nie chodził do szkoły."
    issue = next(i for i in engine.check(text).issues if i.got == "chory")
    assert issue.expected == "chora"
    assert "left out" not in issue.explanation
    assert issue.rule is not None and issue.rule.trigger == "córka"
    # with no subject in the sentence, it is said to be left out
    alone = engine.check("Nie była głośny; nie rozbrzmiewały wystrzały.").issues[0]
    assert "left out" in alone.explanation


def test_an_adjective_of_the_wrong_number_or_gender_names_both(engine: LanguageEngine) -> None:
    """*nowe* is a neuter singular as well as a plural: "agrees with *samochód* (singular)"
    would tell the learner they wrote a plural, so the noun's gender is named with its
    number."""
    issue = engine.check("Mamy nowe samochód.").issues[0]
    assert "(masculine inanimate, singular)" in issue.explanation
    polish = engine.check("Całe rodzina była na weselu.", explain_in="pl").issues[0]
    assert "(rodzaj żeński, liczba pojedyncza)" in polish.explanation


def test_an_english_word_far_from_the_answer_is_not_a_misspelling(
    engine: LanguageEngine,
) -> None:
    """*Poland* for *Polsce*: not Polish, and not a misspelling of *Polsce* ("check the
    spelling: Polsce" would say it is); a near miss is still a spelling slip."""
    far = engine.compare("Mieszkam w Polsce od roku.", "Mieszkam w Poland od roku.")
    issue = next(i for i in far.issues if i.got == "Poland")
    assert issue.type == "wrong_word"
    assert "spelling" not in issue.explanation
    near = engine.compare("Lubię herbatę.", "Lubię herbte.")
    assert near.issues[0].type == "typo"


def test_the_vocalic_preposition_is_named_right_at_the_start_and_before_a_slip(
    engine: LanguageEngine,
) -> None:
    """*We wtorek* at a sentence's start is the longer form (not "the short form"), and no
    form of *z* is taught before a misspelt word (*z swewastopola*: Sewastopola)."""
    issue = engine.check("W wtorek idę do kina.").issues[0]
    assert issue.expected == "We"
    assert "short form" not in issue.explanation
    assert engine.check("W wtorek idę do kina.", explain_in="pl").issues[0].explanation == (
        "Przed słowem *wtorek* mówimy *We*, nie *W*."
    )
    assert engine.check("Okręty wyszły z swewastopola.").corrected.startswith("Okręty wyszły z ")


def test_an_adjective_is_not_made_to_agree_with_a_word_hardly_anyone_writes(
    engine: LanguageEngine,
) -> None:
    """*na realnym poziomce* (poziomie, misspelt as the rare *poziomce*, wild strawberry):
    "agrees with the noun *poziomce* (feminine)" would teach *na realnej poziomce*; the
    adjective is left alone. Before a common noun it still agrees (*nowe samochód*)."""
    result = engine.check("Ustalić wartość czynszu na realnym poziomce.")
    assert "realnej" not in result.corrected
    assert engine.check("Mamy nowe samochód.").corrected == "Mamy nowy samochód."
