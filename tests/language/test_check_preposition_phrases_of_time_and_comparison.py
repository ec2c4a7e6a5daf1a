"""Three things a preposition's noun phrase showed wrongly (stop 37):

* *od* after a comparative (*Ona jest ładniejsza od moja siostra*) was left alone: the word
  before *od* agreeing with the noun after it was taken for *obok*'s adverb reading
  (*stojącą obok kobietę*), which *od* never has;
* *o* + an hour's ordinal + *godzina* (*o ósma godzina*) was left alone: only an hour after
  *godzina* said it was a time of day (*o godzinie ósmej*), not one before it;
* prepositions made of *na* + a noun's accusative that take the genitive (*na skutek wojny*,
  *na prośbę mamy*, *na wzór dziadków*) were "corrected" to a locative of place in a clause
  of being somewhere (*Mieszkamy tu na skutku wojny*): wrong corrections on main;
* a place's name of a noun and its adjective (*w Góry Stołowe*): the noun took the singular
  (*w Górze Stołowe*, wrong on main) and the adjective was left (*w Stanach Zjednoczone*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Ona jest ładniejsza od moja siostra.", "Ona jest ładniejsza od mojej siostry."),
    ("Ona jest ładniejsza od siostra.", "Ona jest ładniejsza od siostry."),
    ("Moja córka jest mądrzejsza od koleżanka.", "Moja córka jest mądrzejsza od koleżanki."),
    ("Lekcja jest o ósma godzina.", "Lekcja jest o ósmej godzinie."),
    ("Przyjdę o trzecia godzina.", "Przyjdę o trzeciej godzinie."),
    ("O dziesiąta godzina idę spać.", "O dziesiątej godzinie idę spać."),
    ("Mieszkam w Góry Stołowe.", "Mieszkam w Górach Stołowych."),
    ("Mieszkam w Stany Zjednoczone.", "Mieszkam w Stanach Zjednoczonych."),
    # the rule of being somewhere still holds for other nouns after na
    ("Byłem na urlop.", "Byłem na urlopie."),
    ("Mieszkam na wieś.", "Mieszkam na wsi."),
]

CORRECT = [
    "Mieszkamy tu na skutek wojny.",
    "Jestem tu na prośbę mamy.",
    "Siedzę tu na życzenie lekarza.",
    "Mieszkam tu na koszt państwa.",
    "Mieszkam na wsi na wzór dziadków.",
    "Stał się ostrożny na wzór ojca.",
    "Rozmawialiśmy na temat pracy.",
    "Pracuję na zlecenie firmy.",
    "Stojącą obok kobietę znam.",
    "Ona jest ładniejsza od mojej siostry.",
    "Pociąg był opóźniony o godzinę.",
    "Spóźnił się o jedną godzinę.",
    "Zaczynamy o ósmej godzinie.",
    "Skupiłem się na prośbie.",
    "Mieszkam w Stanach Zjednoczonych.",
    "Byliśmy w Górach Stołowych.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_the_case_after_the_preposition(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    rules = {issue.rule.id for issue in result.issues if issue.rule is not None}
    assert "case.preposition" in rules


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
