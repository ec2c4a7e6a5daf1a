"""A noun phrase right after a past form of *być* that agrees with the phrase's adjective but
not with its noun is not half corrected: *Wczoraj była bardzo zimna dzień* is not made *była
bardzo zimny dzień*. After *to*, the copula takes the gender of the noun it names, so *To
była bardzo dobra dzień* becomes *To był bardzo dobry dzień*, both words (see
test_check_to_copula.py). Where the copula agrees with the noun, the adjective is still
corrected (*To był bardzo dobra dzień* → *dobry*, *To była moja ulubiony książka* →
*ulubiona*)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

LEFT = [
    "Wczoraj była bardzo zimna dzień.",
    "Wczoraj była dobra dzień.",
]

PAIRS = [
    ("To był bardzo dobra dzień.", "To był bardzo dobry dzień."),
    ("To była bardzo dobra dzień.", "To był bardzo dobry dzień."),
    ("To była dobra dzień.", "To był dobry dzień."),
    ("To była moja ulubiony książka.", "To była moja ulubiona książka."),
]


@pytest.mark.parametrize("text", LEFT)
def test_no_half_correction_after_the_copula(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_adjective_still_agrees_when_the_copula_does(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected
