"""A past copula, its subject and the adjective after it agree, or the sentence is left alone.

- A noun of time is a subject where its phrase can only be the nominative (*Ta noc był długa*
  → *była*; *Godzina minął* → *minęła*), not where it may say when or how long (*Cały dzień
  byłam w domu*, *Całą noc padał deszcz*).
- The predicative adjective is not made to agree with a noun that its past copula does not
  agree with: *Ten dzień była długa* was made *Ten dzień była długi*, a half-corrected
  sentence shown as the right one. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Ta noc był długa.", "Ta noc była długa."),
    ("Ta zima był zimna.", "Ta zima była zimna."),
    ("Cała noc był zimna.", "Cała noc była zimna."),
    ("Godzina minął szybko.", "Godzina minęła szybko."),
    ("Ta sobota był nudny.", "Ta sobota była nudna."),
    ("Ten dzień był długa.", "Ten dzień był długi."),
    ("Ta książka był ciekawy.", "Ta książka była ciekawa."),
    ("Moje miasto była duża.", "Moje miasto było duże."),
    ("Mój brat była zmęczona.", "Mój brat był zmęczony."),
]

LEFT_ALONE = [
    "Cały dzień byłam w domu.",
    "Całą noc padał deszcz.",
    "Tę noc spędziłem w hotelu.",
    "Ten dzień był długi.",
    "Ta noc była długa.",
    "Noc była ciemna.",
    "Ta godzina minęła szybko.",
    # wrong, but only a guess could say which of the three words is
    "Ten dzień była długa.",
    # the impersonal neuter of the weather: the night says how long (całą noc), not what fell
    "Cała noc padało.",
    "Cała zima padał śnieg.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_agreed_whole(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


# a noun that is also another noun's locative (ludzie: lud's) is no locative with no
# preposition before it: the subject
PEOPLE = [
    ("Ludzie jest tutaj.", "Ludzie są tutaj."),
    ("Ludzie mieszka tu.", "Ludzie mieszkają tu."),
    ("W Polsce ludzie jest mili.", "W Polsce ludzie są mili."),
    ("Ci ludzie jest mili.", "Ci ludzie są mili."),
]


@pytest.mark.parametrize(("text", "corrected"), PEOPLE)
def test_no_locative_without_a_preposition(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", ["Ludzie są mili.", "W ludzie jest siła.", "Ci ludzie są tutaj."])
def test_people_right(engine: LanguageEngine, text: str) -> None:
    assert engine.check(text).corrected == text
