"""Verbs of starting and stopping take an imperfective infinitive.

*Zacząłem czytać*, *Skończyłam pisać*, *Przestań dzwonić*: the infinitive after *zacząć*,
*zaczynać*, *rozpocząć*, *skończyć*, *kończyć*, *przestać* names an activity, never a result,
so a perfective infinitive there (*zacząłem przeczytać*) is an error, corrected to the verb's
imperfective partner, in the free-text check and in a lesson's comparison. Real Morfeusz.
In the UD Polish treebanks every one of the 36 infinitives after these verbs is imperfective.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Zaczynam zrobić zadanie.", "Zaczynam robić zadanie."),
    ("Skończyłem przeczytać książkę.", "Skończyłem czytać książkę."),
    ("Zacząłem się nauczyć polskiego.", "Zacząłem się uczyć polskiego."),
    ("Przestań zadzwonić do mnie.", "Przestań dzwonić do mnie."),
    ("Kiedy skończysz zjeść, umyj talerz.", "Kiedy skończysz jeść, umyj talerz."),
    ("Zaczęliśmy zbudować dom.", "Zaczęliśmy budować dom."),
    ("Rozpocząłem napisać pracę.", "Rozpocząłem pisać pracę."),
    ("Musisz przestać kupić słodycze.", "Musisz przestać kupować słodycze."),
]

CORRECT = [
    "Zacząłem czytać książkę.",
    "Skończyłem pisać list.",
    "Przestań się martwić.",
    "Zaczął padać deszcz.",
    "Zaczęło padać.",
    "Skończyłam zadanie.",
    "Zacznij od początku.",
    "Zaczynam pracę o ósmej.",
    "Przestał palić dwa lata temu.",
    "Kończę jeść i idę.",
    "Zaczęła się lekcja.",
    "Chcę zacząć pisać książkę.",
    # a perfective infinitive that belongs to another verb
    "Skończyłem, żeby zdążyć na pociąg.",
    "Chcę przeczytać tę książkę.",
    "Muszę zrobić zadanie.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_perfective_infinitive_after_phase_verb(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = [i for i in result.issues if i.feature == "aspect"]
    assert "a verb of starting or stopping" in issue.explanation
    assert "imperfective" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_explained_in_polish(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Skończyłem przeczytać książkę.", explain_in="pl").issues
    assert issue.explanation == (
        "Po *Skończyłem* (czasowniku rozpoczęcia lub zakończenia czynności) bezokolicznik "
        "jest niedokonany (*czytać*, a nie *przeczytać*): *przeczytać* → *czytać*."
    )


def test_lesson_answer_names_the_phase_verb(engine: LanguageEngine) -> None:
    result = engine.compare("Zacząłem czytać książkę.", "Zacząłem przeczytać książkę.")
    (issue,) = [i for i in result.issues if i.feature == "aspect"]
    assert issue.expected == "czytać" and issue.got == "przeczytać"
    assert issue.explanation.startswith("After *Zacząłem* (a verb of starting or stopping)")
