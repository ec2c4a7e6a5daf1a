"""A verb with *się* whose frame the table has only without it (*podnosić*, *przenosić*,
*przeglądać*): *się* is its accusative (one raises oneself), so a nominative after it is its
subject, never made a second object (*Z podłogi podnosisz się mężczyzna* is not *mężczyznę*).
The 3rd person singular may be impersonal (*Stosuje się przepisy*: one applies them) and
keeps the accusative. Verbs with a frame of their own with *się* still govern their case.
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import assert_left_alone

RIGHT = [
    "Z podłogi podnosi się mężczyzna.",
    "Z łóżka podnoszą się chorzy.",
    "Do innej firmy przenoszą się znani dziennikarze.",
    "W lustrze przeglądają się dziewczyny.",
    "Stosuje się przepisy.",
    "Myjemy się zimną wodą.",
]

# the verb's person is wrong, or the noun's case: which, nothing says; never the subject made
# an object
LEFT = [
    "Z podłogi podnosisz się mężczyzna.",
    "W lustrze przeglądacie się dziewczyna.",
]

FIXED = [
    (
        "Do nowej firmy przenoszą się znany dziennikarz.",
        "Do nowej firmy przenosi się znany dziennikarz.",
    ),
    ("Uczę się język polski.", "Uczę się języka polskiego."),
    ("Interesuję się sport.", "Interesuję się sportem."),
    ("Boję się pies.", "Boję się psa."),
    ("Spodziewam się gość.", "Spodziewam się gościa."),
]


@pytest.mark.parametrize("text", RIGHT + LEFT)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


@pytest.mark.parametrize(("text", "corrected"), FIXED)
def test_still_fixed(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
