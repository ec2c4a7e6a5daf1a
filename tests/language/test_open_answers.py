"""Open lesson steps, noun classes and the other step declarations of issue 14, through the
real engine (Morfeusz, the free-text checker): an answer in the learner's own words is correct
when it says what the step asks and nothing in it is wrong; a wrong one is told what is wrong.
"""

from __future__ import annotations

from polish_tutor.language import LanguageEngine

FEVER = [
    "Tak, od wczoraj mam gorączkę.",
    "Tak, trzydzieści osiem stopni.",
    "Nie, gorączki nie mam.",
]
FEVER_NEEDS = [["gorączka", "stopień", "temperatura", "@number"]]
BOUGHT = ["Kupiłem je tydzień temu.", "Tydzień temu, siódmego marca.", "Osiem dni temu."]
ADDRESS = ["Ulica Długa osiem przez dwanaście, Kraków.", "Długa 8/12, Kraków."]
CLOSING = ["Z poważaniem.", "Z wyrazami szacunku.", "Pozdrawiam serdecznie."]


def test_an_open_answer_that_says_what_is_asked_is_correct(engine: LanguageEngine) -> None:
    for answer in ("Tak, mam 38 stopni.", "Tak, od rana mam wysoką gorączkę."):
        result = engine.compare(FEVER, answer, open_needs=FEVER_NEEDS)
        assert result.verdict == "correct", (answer, result.to_dict())


def test_without_the_declaration_the_same_answer_is_not_accepted(engine: LanguageEngine) -> None:
    assert engine.compare(FEVER, "Tak, mam 38 stopni.").verdict == "incorrect"


def test_an_open_answer_with_a_grammar_error_gets_that_errors_explanation(
    engine: LanguageEngine,
) -> None:
    result = engine.compare(FEVER, "Tak, mam 38 stopnie.", open_needs=FEVER_NEEDS)
    assert result.verdict == "incorrect"
    [issue] = result.issues
    assert (issue.got, issue.expected) == ("stopnie", "stopni")
    assert issue.rule is not None and issue.rule.id == "case.numeral"


def test_an_open_answer_that_does_not_say_what_is_asked_is_not_accepted(
    engine: LanguageEngine,
) -> None:
    result = engine.compare(FEVER, "Tak, mam katar.", open_needs=FEVER_NEEDS)
    assert result.verdict == "incorrect"


def test_a_word_of_the_steps_answers_in_another_form_is_not_the_learners_own(
    engine: LanguageEngine,
) -> None:
    # *gorączka* said in the nominative after *mam*: the listed answer said wrong
    result = engine.compare(FEVER, "Tak, od wczoraj mam gorączka.", open_needs=FEVER_NEEDS)
    assert result.verdict == "incorrect"
    assert any(i.expected == "gorączkę" for i in result.issues), result.to_dict()


def test_a_date_is_the_learners_own_and_its_month_is_genitive(engine: LanguageEngine) -> None:
    needs = [["@date"]]
    for answer in ("Kupiłem je 7 marca.", "Kupiłem je dziesięć dni temu.", "Kupiłem je wczoraj."):
        assert engine.compare(BOUGHT, answer, open_needs=needs).verdict == "correct", answer
    result = engine.compare(BOUGHT, "Kupiłem je 7 marzec.", open_needs=needs)
    assert result.verdict == "incorrect"
    [issue] = result.issues
    assert (issue.got, issue.expected) == ("marzec", "marca")
    assert "*7 marca*" in issue.explanation
    result = engine.compare(BOUGHT, "Kupiłem je siódmy marca.", open_needs=needs, explain_in="pl")
    assert [(i.got, i.expected) for i in result.issues] == [("siódmy", "siódmego")]
    assert "dopełniaczu" in result.issues[0].explanation


def test_an_address_is_the_learners_own_and_names_the_street_in_the_nominative(
    engine: LanguageEngine,
) -> None:
    needs = [["@address"]]
    for answer in ("Ulica Polna 3/5, Gdańsk.", "Mój adres to ulica Lipowa 7/2, Wrocław."):
        assert engine.compare(ADDRESS, answer, open_needs=needs).verdict == "correct", answer
    result = engine.compare(ADDRESS, "Mój adres to ulicy Lipowa 7, Wrocław.", open_needs=needs)
    assert [(i.got, i.expected) for i in result.issues] == [("ulicy", "ulica")]


def test_a_closing_signed_with_the_learners_name_is_judged_without_it(
    engine: LanguageEngine,
) -> None:
    needs = [["@name"]]
    assert engine.compare(CLOSING, "Z poważaniem, Mark Brown.", open_needs=needs).verdict == (
        "correct"
    )
    result = engine.compare(CLOSING, "Z poważanie, Mark Brown.", open_needs=needs)
    assert result.verdict == "incorrect"
    assert [(i.got, i.expected) for i in result.issues] == [("poważanie", "poważaniem")]
    # a name alone is no closing
    assert engine.compare(CLOSING, "Mark Brown.", open_needs=needs).verdict == "incorrect"


def test_an_open_answer_about_the_tutor_instead_of_the_learner_is_not_accepted(
    engine: LanguageEngine,
) -> None:
    answers = ["Chętnie, dzięki!", "Dobry pomysł, chodźmy!", "Dziś nie mogę, może jutro?"]
    needs = [["chętnie", "pomysł", "móc", "iść", "pójść"]]
    assert engine.compare(answers, "Jasne, chętnie pójdę!", open_needs=needs).verdict == ("correct")
    assert engine.compare(answers, "Jasne, chętnie pójdziesz!", open_needs=needs).verdict == (
        "incorrect"
    )


def test_a_noun_slot_of_a_class_refuses_a_noun_outside_it(engine: LanguageEngine) -> None:
    answers = ["Tak, zajmuję się bieganiem."]
    slots = {"bieganiem": "noun"}
    classes = {"bieganiem": "sports"}
    for answer in ("Tak, zajmuję się pływaniem.", "Tak, zajmuję się tenisem."):
        result = engine.compare(answers, answer, slots=slots, slot_classes=classes)
        assert result.verdict == "correct", (answer, result.to_dict())
    result = engine.compare(answers, "Tak, zajmuję się domem.", slots=slots, slot_classes=classes)
    assert result.verdict == "incorrect"
    [issue] = result.issues
    assert (
        issue.explanation == "*domem* is not a sport: this step asks for a sport, like *bieganiem*."
    )
    # a class given as a list of lemmas
    listed = engine.compare(
        answers,
        "Tak, zajmuję się tenisem.",
        slots=slots,
        slot_classes={"bieganiem": ["bieganie", "pływanie"]},
        explain_in="pl",
    )
    assert listed.verdict == "incorrect"
    assert "*pływanie*" in listed.issues[0].explanation


def test_a_declared_phrase_said_with_its_noun_in_another_case_is_refused(
    engine: LanguageEngine,
) -> None:
    # *rabat* is also *rabata*'s genitive plural, so check cannot tell; the declared member
    # *dziesięć procent rabatu* can
    result = engine.compare(
        ["Daliśmy im rabat."],
        "Daliśmy im dziesięć procent rabat.",
        synonyms=[["rabat", "dziesięć procent rabatu"]],
    )
    assert result.verdict == "incorrect"
    assert [(i.got, i.expected) for i in result.issues] == [("rabat", "rabatu")]


def test_a_kept_aspect_refuses_the_partner(engine: LanguageEngine) -> None:
    expected = ["Gratuluję! Widzisz, warto było zacząć."]
    answer = "Gratuluję! Widzisz, warto było zaczynać."
    assert engine.compare(expected, answer).verdict != "incorrect"  # the sentence alone: free
    result = engine.compare(expected, answer, kept_aspect=["zacząć"])
    assert result.verdict == "incorrect"
    [issue] = result.issues
    assert issue.rule is not None and issue.rule.id == "aspect.context"
    assert (issue.got, issue.expected) == ("zaczynać", "zacząć")


def test_a_womans_phrase_member_in_the_masculine_is_told_its_gender(
    engine: LanguageEngine,
) -> None:
    result = engine.compare(
        ["Kiedy byłem mały, jeździłem do szkoły autobusem."],
        "Kiedy byłam mała, chodziłem do szkoły pieszo.",
        learner_gender="feminine",
        synonyms=[["jeździłem do szkoły autobusem", "chodziłem do szkoły pieszo"]],
    )
    assert result.verdict == "incorrect"
    [issue] = result.issues
    assert (issue.got, issue.expected) == ("chodziłem", "chodziłam")
    assert issue.rule is not None and issue.rule.id == "agreement.past_gender"


def test_the_lesson_tutor_judges_with_the_steps_declarations(engine: LanguageEngine) -> None:
    # the local driver's judge passes the step's open, slot_classes and aspect to the engine
    from polish_tutor.ai_agent.drivers.local import StepAnswer, engine_judge
    from polish_tutor.lessons.validation import default_lessons_dir, load_lesson_file

    lesson = load_lesson_file(default_lessons_dir() / "b1-39-complaints.yaml")
    step = lesson.dialogue[5]
    judge = engine_judge(engine)
    assert judge(StepAnswer.of(lesson, step, "Kupiłem je 7 marca.", "en")).verdict == "correct"
    assert judge(StepAnswer.of(lesson, step, "Kupiłem je 7 marzec.", "en")).verdict == "incorrect"
