"""After a preposition, adjectives declined in one of its cases and a noun left in its
nominative: the noun takes the adjectives' case (*Rozmawiam z nowymi koleżanki* →
*koleżankami*). Only where the adjectives agree with the noun's nominative in one case of the
preposition and one number, and the noun can be in none of the preposition's cases
(*Tęsknię za moimi przyjaciele*) or the clause's verb asks that case after the preposition
(*rozmawiać z*, *spotkać się z* + the instrumental: *koleżanki* is also *z koleżanki*, from
her). Left alone: a noun that may be in the preposition's case (*w dobrym studio*), a neuter
demonstrative that may be the phrase alone (*Robi się z tego skandal*: from it), two cases
the adjectives may be in (*O moich rodzice*: the locative or the accusative), *z* with no
verb to say which meaning (*Idę z nowymi koleżanki do kina*)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Rozmawiam z nowymi koleżanki.", "Rozmawiam z nowymi koleżankami.", "koleżanki", "with"),
    ("Spotkałem się z nowymi kolegi.", "Spotkałem się z nowymi kolegami.", "kolegi", "with"),
    ("Rozmawiam z moimi rodzice.", "Rozmawiam z moimi rodzicami.", "rodzice", "with"),
    ("Tęsknię za moimi przyjaciele.", "Tęsknię za moimi przyjaciółmi.", "przyjaciele", "za"),
    ("Rozmawiam z tymi ludzie.", "Rozmawiam z tymi ludźmi.", "ludzie", "with"),
    ("Kłócę się z moimi siostry.", "Kłócę się z moimi siostrami.", "siostry", "with"),
]

CORRECT = [
    "Rozmawiam z nowymi koleżankami.",
    "Mieszkam w dużym mieście.",
    "Wracam z nowej pracy.",
    "Tęsknię za moimi przyjaciółmi.",
    "Robi się z tego skandal.",
    "Nagrywamy w dobrym studio.",
    "Myślę o moich rodzicach.",
    "Idę z nowymi koleżankami do kina.",
    "O tym problemie nie mówię.",
    "Po tym wypadku nie jeżdżę.",
]

LEFT = [
    "O moich rodzice.",
    "Idę z nowymi koleżanki do kina.",
    "Jestem w dobrym humor.",
    "O tym problem nie mówię.",
]


@pytest.mark.parametrize(("text", "corrected", "noun", "why"), PAIRS)
def test_the_noun_takes_its_adjectives_case(
    engine: LanguageEngine, text: str, corrected: str, noun: str, why: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.got == noun
    assert issue.rule is not None and issue.rule.id == "case.preposition"
    if why == "with":
        assert issue.explanation.startswith(
            "The preposition *z* meaning “with, together with” takes the Instrumental"
        )
    else:
        assert issue.explanation.startswith(f"After *{why}* use the Instrumental")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert "narzędnik" in issue.explanation


@pytest.mark.parametrize("text", CORRECT + LEFT)
def test_correct_and_unsure_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
