"""The compound future is *będę* (*będziesz*, *będzie* …) with an imperfective infinitive or
*-ł* form: *Będę robić*, *Będę robił*. A present form after it is its infinitive: *Jutro będę
robię* → *będę robić*, *Będę się uczę* → *będę się uczyć*. Only a present in *będę*'s person
and number, right after it (or after *się*). Left alone: a perfective after *będę* (*Będę
zrobię*: the future is *zrobię* alone, not an infinitive), *być* and *móc* after it. A
perfective infinitive after *będę* becomes its imperfective partner (the rule of aspect:
*Będę zrobić* → *robić*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Jutro będę robię zadanie.", "Jutro będę robić zadanie."),
    ("Będę pracuję w domu.", "Będę pracować w domu."),
    ("Będziesz czytasz tę książkę?", "Będziesz czytać tę książkę?"),
    ("Będziemy mieszkamy w Krakowie.", "Będziemy mieszkać w Krakowie."),
    ("Oni będą robią obiad.", "Oni będą robić obiad."),
    ("Będę się uczę.", "Będę się uczyć."),
    ("Jutro będzie pada deszcz.", "Jutro będzie padać deszcz."),
    ("Będziesz wiesz, co robić.", "Będziesz wiedzieć, co robić."),
]

ASPECT_PAIRS = [
    ("Będę zrobić to jutro.", "Będę robić to jutro."),
    ("Jutro będę napisać list.", "Jutro będę pisać list."),
]

CORRECT = [
    "Będę pracował.",
    "Będę pracowała w domu.",
    "Będę pracować w domu.",
    "Będziemy czytać razem.",
    "Będę tam o piątej.",
    "Będę o ósmej w pracy.",
    "Będę w domu.",
    "Będę lekarzem.",
    "Będę szczęśliwa.",
    "Będziesz zadowolony.",
    "Będę ci wdzięczny.",
    "Będę musiał iść.",
    "Będę mógł przyjść.",
    "Będę mogła ci pomóc.",
    "Będę chciał wiedzieć.",
    "Będę mieć czas.",
    "Będę miał czas.",
    "Będę czekać.",
    "Będę na ciebie czekał.",
    "Będę jutro robić zakupy.",
    "Nie będę tego robić.",
    "Będzie padać.",
    "Będzie padało.",
    "Jutro będzie ładnie.",
    "Będziemy razem.",
    "Będę, jestem pewna.",
    "Wiem, że będę pracować.",
    "Kiedy będę mógł, przyjdę.",
    "Kiedy będę duży, będę strażakiem.",
    "Mam nadzieję, że będzie dobrze.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_present_after_bede_becomes_the_infinitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "verb.infinitive"
    assert "the future takes the infinitive" in issue.explanation
    assert "not the present tense:" in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert "następuje bezokolicznik" in issue.explanation
    assert "a nie czas teraźniejszy:" in issue.explanation


@pytest.mark.parametrize(("text", "corrected"), ASPECT_PAIRS)
def test_perfective_infinitive_after_bede_becomes_imperfective(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "aspect.context"


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
