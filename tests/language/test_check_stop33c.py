"""What learners write about themselves (stop 33c): their days, families, likes and plans.
Each rule fixed here is tested with the learner's slip it must still correct and the right
sentences around it that it must leave alone. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# w + a day of the week says when: the Accusative (w sobotę), never the Locative
DAYS = [
    ("W sobota sprzątam mieszkanie.", "W sobotę sprzątam mieszkanie."),
    ("W niedziela gotuję obiad.", "W niedzielę gotuję obiad."),
    ("W środa mam lekcję polskiego.", "W środę mam lekcję polskiego."),
    ("Spotkamy się w niedziela.", "Spotkamy się w niedzielę."),
    ("W niedziela idę do kościoła.", "W niedzielę idę do kościoła."),
    # a month stays the Locative
    ("W lipiec jadę na wakacje.", "W lipcu jadę na wakacje."),
    ("Mieszkam w Kraków.", "Mieszkam w Krakowie."),
]

DAYS_RIGHT = [
    "W sobotę sprzątam mieszkanie.",
    "W poniedziałek pracuję.",
    "We wtorek gram w tenisa.",
    "W piątek idę do kina.",
    "W niedzielę odwiedzam rodziców.",
    "W lipcu jadę na wakacje.",
    "W weekend śpię dłużej.",
]


@pytest.mark.parametrize(("text", "corrected"), DAYS)
def test_a_day_after_w_is_in_the_accusative(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    if "Accusative" in result.issues[0].explanation:
        assert "Locative" not in result.issues[0].explanation


# after być a noun is the Instrumental: said so, not as a missing letter, whoever the
# subject (jestem as well as jest)
COPULA = [
    ("Ja jestem programista.", "Ja jestem programistą."),
    ("Jestem studentka.", "Jestem studentką."),
    ("Jestem nauczycielka angielskiego.", "Jestem nauczycielką angielskiego."),
    ("Ona jest nauczycielka.", "Ona jest nauczycielką."),
    ("Jestem lekarz.", "Jestem lekarzem."),
]


@pytest.mark.parametrize(("text", "corrected"), COPULA)
def test_after_byc_the_instrumental_is_named(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    (issue,) = result.issues
    assert "Instrumental" in issue.explanation, issue.explanation
    assert "być" in issue.explanation


def test_a_verb_taking_the_instrumental_may_still_lack_a_letter(engine: LanguageEngine) -> None:
    # (not być: the missing letter is the likelier slip)
    assert engine.check("Czy mogę zapłacić karta?").corrected == "Czy mogę zapłacić kartą?"


# typed without Polish letters: *zeby* is żeby only where a clause with a verb follows
ZEBY_LEFT = [
    "myje zeby.",
    "Myję zeby i biorę prysznic.",
    "codziennie myje zeby",
    "bola mnie zeby",
    "umyj zeby",
]

ZEBY = [
    ("ide do sklepu zeby kupic mleko", "żeby"),
    ("chce zeby on przyszedl", "żeby"),
    ("Uczę się, zeby rozmawiać z mężem.", "żeby"),
    ("Chcę, zeby ten, kto to zrobił, przyszedł.", "żeby"),
]


@pytest.mark.parametrize("text", ZEBY_LEFT)
def test_zeby_with_no_clause_after_is_not_zeby(engine: LanguageEngine, text: str) -> None:
    assert "żeby" not in engine.check(text).corrected.lower()


@pytest.mark.parametrize(("text", "word"), ZEBY)
def test_zeby_opening_a_clause_is_zeby(engine: LanguageEngine, text: str, word: str) -> None:
    assert word in engine.check(text).corrected.split()


# *ma* before a noun without its letters is mieć's, not mój's old *mą*
MA_LEFT = ["on ma racje", "wydaje mi się, że on ma racje.", "ona ma brata"]

MA = [
    ("ma dobra prace", "ma dobrą pracę"),
    ("moja mama ma nowa prace", "moja mama ma nową pracę"),
    ("Mam dobra prace.", "Mam dobrą pracę."),
]


@pytest.mark.parametrize("text", MA_LEFT)
def test_ma_is_not_made_ma_with_a_tail(engine: LanguageEngine, text: str) -> None:
    assert "mą" not in engine.check(text).corrected.split()


@pytest.mark.parametrize(("text", "corrected"), MA)
def test_a_pair_after_ma_still_gets_its_letters(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", DAYS_RIGHT)
def test_right_days_are_left_alone(engine: LanguageEngine, text: str) -> None:
    assert not engine.check(text).issues
