"""A habit asks for the imperfective, in the present and in the past.

*Codziennie zrobiłem zakupy* → *robiłem*, *Co tydzień kupię chleb* → *kupuję*: a word or phrase
of habit (*codziennie*, *często*, *zwykle*, *co tydzień*, *w każdy weekend* …) in the verb's own
clause, with no other verb between them, asks for the imperfective partner. A verb of motion
done again and again is the one of to and fro (*chodzić*, *jeździć*, *latać*), not of one way
(*iść*, *jechać*). Left alone: *zawsze* and *nigdy* (a promise or a single result: *Zawsze ci
pomogę*), a clause that says "once" or "at last" (*raz*, *w końcu*, *już*), a habit word that
goes with another verb (*Często podróżowałem i raz pojechałem do Chin*), a verb also read as
imperfective (*dochodziły*), and the question word *co* (*Co zrobiłeś wczoraj?*). Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Codziennie zrobiłem zakupy.", "Codziennie robiłem zakupy."),
    ("Kiedy byłem mały, często zagrałem w piłkę.", "Kiedy byłem mały, często grałem w piłkę."),
    ("Zwykle wstałam o siódmej.", "Zwykle wstawałam o siódmej."),
    ("Co tydzień kupiłam chleb.", "Co tydzień kupowałam chleb."),
    ("Co tydzień kupię chleb.", "Co tydzień kupuję chleb."),
    ("Co wieczór obejrzę film.", "Co wieczór oglądam film."),
    ("Często spotkałem go w parku.", "Często spotykałem go w parku."),
    ("Co roku zrobiliśmy wielką imprezę.", "Co roku robiliśmy wielką imprezę."),
    # motion: the to-and-fro verb
    ("Codziennie pójdę do pracy.", "Codziennie chodzę do pracy."),
    ("Co roku pojechaliśmy nad morze.", "Co roku jeździliśmy nad morze."),
    ("Często polecę do Londynu.", "Często latam do Londynu."),
    ("W każdy weekend pojadę do babci.", "W każdy weekend jeżdżę do babci."),
]

CORRECT = [
    "Codziennie robiłem zakupy.",
    "Co roku jeździliśmy nad morze.",
    "Codziennie chodzę do pracy.",
    "Wczoraj zrobiłem zakupy.",
    "Zawsze zrobiłem, co chciałem.",
    "Często podróżowałem, a raz pojechałem do Chin.",
    "Często podróżowałem i raz pojechałem do Chin.",
    "Regularnie sprawdzałem pocztę i w końcu dostałem odpowiedź.",
    "Zwykle wstaję o siódmej, ale wczoraj wstałem o ósmej.",
    "Co roku jeździmy nad morze, ale w tym roku pojechaliśmy w góry.",
    "Często myślę o tym, co zrobiłem.",
    "Co zrobiłeś wczoraj?",
    "Co ci kupię na urodziny?",
    "Często mi się to zdarzyło.",
    "Wyroki często dochodziły do 10 lat więzienia.",
    "Codziennie muszę zrobić zadanie domowe.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_perfective_with_a_habit_becomes_imperfective(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = [i for i in result.issues if i.feature == "aspect"]
    assert issue.rule is not None and issue.rule.id == "aspect.context"
    assert "signals a habit, so use the imperfective verb" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_the_whole_habit_phrase_is_named(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Co wieczór obejrzę film.").issues
    assert issue.explanation.startswith("*Co wieczór* signals a habit")
    (issue,) = engine.check("Raz w tygodniu pójdę na basen. Co tydzień kupię chleb.").issues
    assert issue.explanation.startswith("*Co tydzień* signals a habit")


def test_motion_explained_as_to_and_fro(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Codziennie pójdę do pracy.").issues
    assert issue.explanation == (
        "*Codziennie* signals a habit, so use the imperfective verb (*chodzić*, not *pójść*): "
        "*pójdę* → *chodzę*. A movement made again and again is *chodzić*, not *iść*."
    )
    (issue,) = engine.check("Co roku pojechaliśmy nad morze.", explain_in="pl").issues
    assert issue.explanation == (
        "*Co roku* wskazuje na zwyczaj, więc potrzebny jest czasownik niedokonany (*jeździć*, a "
        "nie *pojechać*): *pojechaliśmy* → *jeździliśmy*. O ruchu powtarzanym mówi się "
        "*jeździć*, nie *jechać*."
    )


def test_lesson_answer_with_the_one_way_verb(engine: LanguageEngine) -> None:
    result = engine.compare("Codziennie chodzę do pracy.", "Codziennie pójdę do pracy.")
    (issue,) = [i for i in result.issues if i.feature == "aspect"]
    assert issue.expected == "chodzę" and issue.got == "pójdę"
    assert "*chodzić*, not *pójść*" in issue.explanation
