"""A 1st-person present a learner made on another form's stem is not a Polish word.

*jedzę* (on *jedzą*) is *jem*, *umię* (on *umie*) is *umiem*, *pisam* (on *pisać*) is
*piszę*, *jecham* (on *jechać*) is *jadę*. Before, *jedzę* was given its "Polish letters" as
*jędzę* (the accusative of *jędza*, a shrew) and, opening a sentence, made the imperative
*Jedz*. Only a word Morfeusz does not know, made on a form of one verb only (*wiedzę* is a
word: the accusative of *wiedza*). Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Ja jedzę obiad.", "Ja jem obiad.", "jedzą", "jeść"),
    ("Jedzę obiad.", "Jem obiad.", "jedzą", "jeść"),
    ("Ja umię pływać.", "Ja umiem pływać.", "umie", "umieć"),
    ("Ja pisam list.", "Ja piszę list.", "pisać", "pisać"),
    ("Jecham do Krakowa.", "Jadę do Krakowa.", "jechać", "jechać"),
    ("Płakam.", "Płaczę.", "płakać", "płakać"),
]

LEFT_ALONE = [
    "Ja jem obiad.",
    "Ja czytam.",
    "Ja śpię.",
    "Ja chcę.",
    "Ja mogę.",
    "Ja idę.",
    "Mam wiedzę.",  # a word: wiedza's accusative
    "Ja piszę list.",
]


@pytest.mark.parametrize(("text", "corrected", "made_on", "lemma"), PAIRS)
def test_present_made_on_another_stem(
    engine: LanguageEngine, text: str, corrected: str, made_on: str, lemma: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.type == "typo"
    assert f"made on *{made_on}*" in issue.explanation
    assert f"The 1st person singular of *{lemma}*" in issue.explanation


def test_agrees_with_the_subject_after(engine: LanguageEngine) -> None:
    assert engine.check("Czy ty jedzę obiad?").corrected == "Czy ty jesz obiad?"


def test_explained_in_polish(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Ja jedzę obiad.", explain_in="pl").issues
    assert issue.explanation == (
        "*jedzę* to nie jest polskie słowo (utworzone od *jedzą*). 1. osoba liczby "
        "pojedynczej od *jeść* to *jem*."
    )


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
