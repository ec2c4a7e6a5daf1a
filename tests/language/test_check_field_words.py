"""Nouns SGJP labels with a field (*alergia*: med., *grypa*, *delfin*: zool.) are recased like
any other: a field says nothing of how common a form is, unlike *rzad.*, *daw.* or *pot.*.
Before, every form of such a noun was passed over, so *Mam alergia* was left alone. A word that
is also another noun's form (*delfin*, the genitive plural of *delfina*) is read as the noun
whose nominative it is, so the object keeps its number (*delfina*, not *delfiny*)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Mam alergia na koty.", "Mam alergię na koty."),
    ("Mam grypa.", "Mam grypę."),
    ("Mam gorączka.", "Mam gorączkę."),
    ("Lekarz dał mi recepta.", "Lekarz dał mi receptę."),
    ("Widziałem delfin w morzu.", "Widziałem delfina w morzu."),
]

CORRECT = [
    "Mam alergię na koty.",
    "Widziałem delfiny w morzu.",
    "Mam katar i kaszel.",
    "Biorę antybiotyk.",
    "Gram w tenisa.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_a_field_noun_left_in_the_nominative(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "case.verb_government"
    assert "Accusative" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
