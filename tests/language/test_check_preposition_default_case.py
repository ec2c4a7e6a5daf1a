"""A preposition's phrase whose case the sentence does not settle: no correction on a guess.

- *o* + the Locative is "about" only after a word of saying or thinking, whose frame a verb of
  the clause gives, before or after it (*Rozmawiamy o filmem*, *O tym filmem nic nie wiem* →
  *o filmie*); after other words *o* is as often "for" (*walczyć
  o*, *podejrzany o* + the Accusative). A real form the learner wrote is not recased on the
  default Locative alone (as with *na*).
- An adjective after a preposition, in the preposition's case, is not made to agree with a noun
  that is out of the preposition's cases, over coordinated adjectives and commas (*w dobrych
  lub złych celami* is not *złymi celami*; the noun is the word out of place).
- An adjective right after the noun, last in its phrase, shows the case meant as one before it
  does (*w sposobu nowoczesny* → *w sposób nowoczesny*, *stanął przy budce z wodzie sodową* →
  *z wodą sodową*).
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import assert_left_alone

RIGHT = [
    "Walczyła o poszanowanie praw kobiet, o poszanowanie ich godności.",
    "Jest podejrzany o kradzieże.",
    "Martwię się o mojego syna.",
    "Może zostać użyte w dobrych lub złych celach.",
    "Weszli do jakiejś małej restauracji.",
    "Siedzi w pierwszej lub drugiej ławce.",
    "Chłopiec zjeżdża po plastikowej, pomarańczowej zjeżdżalni.",
    "Zrobił to w sposób nowoczesny.",
    "Stanął przy budce z wodą sodową.",
    "W domu duży pies szczeka.",
]

# wrong, but which case was meant is not sure: left (never a wrong form put in)
LEFT = [
    "Jest podejrzany o kradzieżami.",
    "Może zostać użyte w dobrych lub złych celami.",
    "Weszli do jakiejś małej restauracja.",
    "Chłopiec zjeżdża po plastikowej, pomarańczowej zjeżdżalnią.",
    "Kupiliśmy to w starym lub nowym sklepami.",
]

FIXED = [
    ("Rozmawiamy o filmem.", "Rozmawiamy o filmie."),
    ("O tym filmem nic nie wiem.", "O tym filmie nic nie wiem."),
    ("Opowiadał o swoich podróżami.", "Opowiadał o swoich podróżach."),
    ("Myślę o mojej pracą.", "Myślę o mojej pracy."),
    ("Walczymy o wolnością.", "Walczymy o wolność."),
    ("Prosił o pomocą.", "Prosił o pomoc."),
    ("Walczyła o poszanowaniem ich godności.", "Walczyła o poszanowanie ich godności."),
    ("Weszli do małej restauracja.", "Weszli do małej restauracji."),
    ("Mieszkam w małym mieszkaniem.", "Mieszkam w małym mieszkaniu."),
    ("Zrobił to w sposobu nowoczesny.", "Zrobił to w sposób nowoczesny."),
    ("Stanął przy budce z wodzie sodową.", "Stanął przy budce z wodą sodową."),
    ("Znaleziono szczątki z okresie nowożytnego.", "Znaleziono szczątki z okresu nowożytnego."),
    ("Mieszkam w domem drewnianym.", "Mieszkam w domu drewnianym."),
]


@pytest.mark.parametrize("text", RIGHT + LEFT)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


@pytest.mark.parametrize(("text", "corrected"), FIXED)
def test_still_fixed(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected
