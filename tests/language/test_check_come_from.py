"""After a verb of motion, *z* + the genitive is where one comes from, + the instrumental
who or what one comes with.

The verb's table gives *wracać*, *wyjść* … *z* + the genitive (*Wracam z pracy*), but any of
them may also take *z* + the instrumental (*Wróciłam z walizką*, *Wyszedł z parasolem*):
*Wróciłam z walizka* was made *z walizki* (out of the suitcase). The genitive is now given
only to a place, an institution, a vehicle or an event, or a place's name; a person or a pet
takes the instrumental as before; another noun is left as written. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Wracam ze szkola.", "Wracam ze szkoły."),
    ("Wracam z praca.", "Wracam z pracy."),
    ("Wróciłem z wakacje.", "Wróciłem z wakacji."),
    ("Wyszedłem z dom.", "Wyszedłem z domu."),
    ("Wróciłem z Polska.", "Wróciłem z Polski."),
    ("Wracam z zakupy.", "Wracam z zakupów."),
    ("Wysiadłem z autobus.", "Wysiadłem z autobusu."),
    ("Wróciłem z Kraków.", "Wróciłem z Krakowa."),
    ("Wyszedłem z kino o dziesiątej.", "Wyszedłem z kina o dziesiątej."),
    # with whom: the instrumental
    ("Przyszedłem z pies.", "Przyszedłem z psem."),
    ("Wróciłam z moja siostra.", "Wróciłam z moją siostrą."),
]

LEFT_ALONE = [
    "Wróciłam z walizka.",  # z walizką (with it) or z walizki (out of it)?
    "Wyszedłem z parasol.",
    "Wróciłam z walizką.",
    "Wyszedł z parasolem.",
    "Wróciłem z pracy.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_where_one_comes_from(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
