"""*nie było*, *nie będzie* (there was, will be no …) take the genitive of what is missing
(stop 37): *W tym roku nie było śnieg* → *nie było śniegu*, *Jutro nie będzie deszcz* →
*deszczu*. On main the verb was made to agree with the noun instead
(*nie był śnieg*): a wrong correction that taught a false rule. A neuter singular may be the
subject of *było* (*To nie było dziecko*, *Dziecko nie było grzeczne*) and is left alone unless
nothing but a preposition's phrase follows it, as are pronouns and names."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("W tym roku nie było śnieg.", "W tym roku nie było śniegu."),
    ("Wczoraj nie było prąd.", "Wczoraj nie było prądu."),
    ("Nie było ludzie na ulicy.", "Nie było ludzi na ulicy."),
    ("Na imprezie nie było żaden kolega.", "Na imprezie nie było żadnego kolegi."),
    ("W sklepie nie było chleb.", "W sklepie nie było chleba."),
    ("W lodówce nie było mleko.", "W lodówce nie było mleka."),
    ("Jutro nie będzie deszcz.", "Jutro nie będzie deszczu."),
    ("W sobotę nie będzie lekcja w szkole.", "W sobotę nie będzie lekcji w szkole."),
    ("Na imprezie nie będzie mój brat.", "Na imprezie nie będzie mojego brata."),
]

CORRECT = [
    "W tym roku nie było śniegu.",
    "To nie było dziecko.",
    "Nie było mnie w domu.",
    "W domu nie było nikogo.",
    "Śnieg nie był biały.",
    "Nie było ciepło.",
    "Wczoraj nie było prądu.",
    "Film nie był ciekawy.",
    "To nie będzie łatwa lekcja.",
    "Dziecko nie było grzeczne.",
    "Jutro nie będzie pracować.",
    "Jutro nie będzie deszczu.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_what_was_missing_is_in_the_genitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    noun = result.issues[-1]
    assert noun.rule is not None and noun.rule.id == "case.negation"
    assert "no …) puts what is missing in the Genitive" in noun.explanation
    assert "Accusative" not in noun.explanation
    noun_pl = engine.check(text, explain_in="pl").issues[-1]
    assert "dopełniaczu" in noun_pl.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
