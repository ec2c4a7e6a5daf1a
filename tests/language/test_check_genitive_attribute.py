"""A genitive adjective right after a noun belongs to that noun (whose: *dom mojej siostry*;
or a genitive whose noun is left unsaid: *do budowy nowego [ratusza]*). When the noun after it
is out of place (*Dom mojej siostra*) or the subject of the verb after it (*Do budowy nowego
gmina podchodziła*), the adjective is not made to agree with that noun, nor the adjective
after *być* with it as if it were the subject (*Dom mojej siostra jest duży* is not *duża*).
A genitive before a thing that is no subject is still made to agree (*złego świat* → *zły*).
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import assert_left_alone

RIGHT = [
    "Do budowy nowego gmina podchodziła kilkakrotnie.",
    "Po zakupie nowego firma zbankrutowała.",
    "Do naprawy starego miasto przystąpiło wiosną.",
    "Dom mojej siostry jest duży.",
    "Samochód mojego brata stoi przed domem.",
]

# the possessor's noun is wrong (siostry, brata): never the genitive before it changed, nor
# the subject's adjective made to agree with it
LEFT = [
    "Dom mojej siostra jest duży.",
    "Książka mojego brat jest ciekawa.",
    "Samochód mojego brat stoi przed domem.",
]

FIXED = [
    ("Moja siostra jest duży.", "Moja siostra jest duża."),
    ("Chciał przekupić dolarami złego świat.", "Chciał przekupić dolarami zły świat."),
    ("Mam nowego pies.", "Mam nowego psa."),
    ("Kupiłem mojej siostra prezent.", "Kupiłem mojej siostrze prezent."),
]


@pytest.mark.parametrize("text", RIGHT + LEFT)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


@pytest.mark.parametrize(("text", "corrected"), FIXED)
def test_still_fixed(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
