"""After a preposition, an adjective is not made to agree with a noun when that would put the
phrase in a case the preposition never takes: *O moich rodzice* was made *O moi rodzice* and
*Tęsknię za moimi przyjaciele* was made *za moi przyjaciele* — wrong corrections, since the
noun is what is wrong. *O moich rodzice* is left as written (the locative or the
accusative: the words do not settle which); where the adjectives' case is the only one of the
preposition's they agree with the noun in, the noun takes it (*za moimi przyjaciółmi*, see
test_check_noun_after_adjectives.py). The usual corrections of both words after a preposition
stay."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

LEFT = [
    "O moich rodzice.",
]

PAIRS = [
    ("Pracuję w duża firma.", "Pracuję w dużej firmie."),
    ("Idę do nowa szkoła.", "Idę do nowej szkoły."),
    ("Myślę o moich rodzice.", "Myślę o moich rodzicach."),
    ("Tęsknię za moimi przyjaciele.", "Tęsknię za moimi przyjaciółmi."),
    ("Ta nowy szkoła jest duża.", "Ta nowa szkoła jest duża."),
]


@pytest.mark.parametrize("text", LEFT)
def test_the_adjective_is_not_made_to_agree_with_a_wrong_noun(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_the_usual_corrections_stay(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
