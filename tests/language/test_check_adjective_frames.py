"""Adjectives that take a preposition with one of its cases (stop 37): *zadowolony z* + the
genitive (*z mojej pracy*), *dumny z syna*, *zły na brata*, *chory na grypę*. A nominative
after *z* was left alone, as *z* takes the genitive ("from") and the instrumental ("with"):
the adjective right before the preposition says which. Only right before it: a second *z* of
the clause is its own (*zadowolony z pracy z kolegą*)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Jestem zadowolony z moja praca.", "Jestem zadowolony z mojej pracy."),
    ("Byłem zadowolony z wynik.", "Byłem zadowolony z wyniku."),
    ("Jestem dumna z moja córka.", "Jestem dumna z mojej córki."),
    ("Ona jest znana z dobra kuchnia.", "Ona jest znana z dobrej kuchni."),
    ("Jestem zły na mój brat.", "Jestem zły na mojego brata."),
    ("Ona jest obrażona na mój brat.", "Ona jest obrażona na mojego brata."),
    ("Jestem chory na grypa.", "Jestem chory na grypę."),
    ("Jestem zadowolony z pracy z kolega.", "Jestem zadowolony z pracy z kolegą."),
]

CORRECT = [
    "Jestem zadowolony z pracy.",
    "Jestem dumna z mojej córki.",
    "Jestem zadowolony z pracy z kolegą.",
    "Jestem zły na brata.",
    "Jestem chory na grypę.",
    "Jestem gotowy na egzamin.",
    "Jestem wdzięczny za pomoc.",
    "Mój brat jest chory na serce.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_the_adjective_picks_the_case(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    rules = {issue.rule.id for issue in result.issues if issue.rule is not None}
    assert "case.preposition" in rules


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
