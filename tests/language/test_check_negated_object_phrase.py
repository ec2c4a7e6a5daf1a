"""The object phrase of a negated verb: an adjective in the Genitive of negation is not made
to agree with a noun left in the Accusative (*nie robić niepotrzebnej szopkę* is not
*niepotrzebną szopkę*; the noun is the word out of place), over other adjectives of the phrase
(*nie stwierdzili żadnych ubocznych objawy*) and an adverb or phrase between (*nie zwracały
już na gościa najmniejszej uwagę*). The noun alone, or the whole phrase in the Accusative,
is still put into the Genitive. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import assert_left_alone

RIGHT = [
    "Nie chcę robić niepotrzebnej szopki.",
    "Lekarze nie stwierdzili żadnych ubocznych objawów.",
    "Nie zwracała już na nas najmniejszej uwagi.",
    "Nie znajdujemy dla siebie odpowiednich warunków.",
    "Nie podejmujemy zbytniego ryzyka.",
]

# the noun is wrong, the adjective right: never the adjective made to agree with it (the
# noun is put right where the negated verb is found, as in FIXED)
LEFT = [
    "Nie zwracała już na nas najmniejszej uwagę.",
    "Nie znajdujemy dla siebie odpowiednich warunki.",
]

FIXED = [
    ("Nie mam nowego samochód.", "Nie mam nowego samochodu."),
    ("Nie lubię zimnej zupę.", "Nie lubię zimnej zupy."),
    ("Nie znam twojego brat.", "Nie znam twojego brata."),
    ("Nie kupiłam nowy samochód.", "Nie kupiłam nowego samochodu."),
    ("Nie chcę robić niepotrzebnej szopkę.", "Nie chcę robić niepotrzebnej szopki."),
    (
        "Lekarze nie stwierdzili żadnych ubocznych objawy.",
        "Lekarze nie stwierdzili żadnych ubocznych objawów.",
    ),
    ("Nie podejmujemy zbytniego ryzyko.", "Nie podejmujemy zbytniego ryzyka."),
]


@pytest.mark.parametrize("text", RIGHT + LEFT)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


@pytest.mark.parametrize(("text", "corrected"), FIXED)
def test_still_fixed(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
