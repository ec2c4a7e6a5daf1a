"""*który* as the subject of its clause takes its noun's gender and number, in the nominative.

*To jest kobieta, który pracuje w banku* → *która*; *Znam ludzi, które mówią po polsku* →
*którzy*: *który* in a nominative form right after its noun, right before (but for *nie*,
*się*) a 3rd-person verb that agrees with that noun, is that verb's subject. Left alone: a noun
that is not surely the one *który* stands for (another noun in its phrase, an ambiguous
number), a verb that does not agree with the noun (*Kobieta, który pracował*: which word is
wrong?), and a clause with a nominative after the verb that may be its subject (*Kobieta,
który zna Jan*: *który* is an object there, *którą*). Real Morfeusz; in the treebanks, 60
subject relatives put in another gender or number were restored and none was made wrong.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("To jest kobieta, który pracuje w banku.", "To jest kobieta, która pracuje w banku."),
    ("Mam koleżankę, który mieszka w Gdańsku.", "Mam koleżankę, która mieszka w Gdańsku."),
    ("Znam ludzi, które mówią po polsku.", "Znam ludzi, którzy mówią po polsku."),
    ("Mam brata, które mieszka w Gdańsku.", "Mam brata, który mieszka w Gdańsku."),
    ("To jest dziecko, który płacze.", "To jest dziecko, które płacze."),
    ("To jest kobieta, który nie pracuje.", "To jest kobieta, która nie pracuje."),
]

CORRECT = [
    "To jest kobieta, która pracuje w banku.",
    "Znam ludzi, którzy mówią po polsku.",
    "To jest dom mojego brata, który mieszka w Gdańsku.",
    "Kobieta, który zna Jan, jest miła.",
    "Kobieta, który pracował w banku.",
    "Mam kolegę, który mieszka w Gdańsku.",
    "To jest książka, którą czytam.",
    "Dziewczyna, z którą rozmawiałem, jest Polką.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_subject_relative_takes_its_nouns_gender_and_number(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "agreement.adjective"
    assert "so it is in the Nominative" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_other_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_explained_in_polish(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Znam ludzi, które mówią po polsku.", explain_in="pl").issues
    assert issue.explanation == (
        "*który* przejmuje rodzaj i liczbę od *ludzi* (rodzaj męskoosobowy, liczba mnoga); "
        "jest podmiotem czasownika *mówią*, więc stoi w mianowniku: *które* → *którzy*."
    )
