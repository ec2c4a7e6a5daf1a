"""A verb that governs one dative (*pomóc*, *pomagać*, *dziękować*, *odpowiedzieć*) has one
person or thing in it: when the clause already says it (*Pomóż mi*, *Mamie pomagam*), a noun
after the verb is no second dative (*Pomóż mi lekcje* was made *Pomóż mi lekcjom* on main: the
thing helped with is *w* + the locative or *z* + the instrumental). It is left as written. A
verb's one dative with nothing else in that slot is still corrected (*Pomagam mama* →
*mamie*), explained by the verb's frame in English and Polish."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Pomagam mama.", "Pomagam mamie.", "pomagać"),
    ("Pomóż brat.", "Pomóż bratu.", "pomóc"),
    ("Codziennie pomagam mama.", "Codziennie pomagam mamie.", "pomagać"),
    ("Pomagam mama w kuchni.", "Pomagam mamie w kuchni.", "pomagać"),
]

LEFT = [
    "Pomóż mi lekcje.",
    "Pomóż mi lekcja.",
    "Pomagam im zakupy.",
    "Pomóż nam zadanie.",
    "Mamie pomagam lekcje.",
    "Bratu pomóż lekcje.",
    "Dziękuję ci pomoc.",
    "Odpowiedz mi pytanie.",
    "Kibicuję mu mecz.",
    "Ufam mu sprawy.",
]

CORRECT = [
    "Pomóż mi w lekcjach.",
    "Pomóż mi z lekcjami.",
    "Pomagam mamie w kuchni.",
    "Dziękuję ci za pomoc.",
    "Odpowiedz mi na pytanie.",
    "Pomógł mi brat.",
    "Pomaga mi mama.",
    "Kibicuję mu w meczu.",
]


@pytest.mark.parametrize(("text", "corrected", "verb"), PAIRS)
def test_the_one_dative_is_corrected(
    engine: LanguageEngine, text: str, corrected: str, verb: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "case.verb_government"
    assert f"The verb *{verb}*" in issue.explanation and "takes the Dative" in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert "celownik" in issue.explanation


@pytest.mark.parametrize("text", LEFT)
def test_no_second_dative_when_the_verbs_one_is_said(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
