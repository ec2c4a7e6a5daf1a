"""Children are counted with collective numerals (stop 37): *Mam dwa dzieci* → *dwoje dzieci*,
*trzy dziecka* → *troje dzieci*, and such a subject takes a singular verb (*Dwoje dzieci bawi
się*). Before, *Mam dwie dzieci* was "corrected" to *dwa dzieci* ("agrees with the neuter"),
and *dwa dziecka* to *dwa dzieci*: both still wrong, one taught as right. And a noun after 2–4
recased by the numeral keeps the numeral's own reason wherever the clause's verb is (*a córka
trzy lat* was explained as "a different word")."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Mam dwa dzieci.", "Mam dwoje dzieci."),
    ("Mam dwie dzieci.", "Mam dwoje dzieci."),
    ("Mam dwa dziecka.", "Mam dwoje dzieci."),
    ("Mamy trzy dzieci.", "Mamy troje dzieci."),
    ("Mam cztery dziecka.", "Mam czworo dzieci."),
    ("Dwa dzieci bawią się w parku.", "Dwoje dzieci bawi się w parku."),
]

CORRECT = [
    "Mam dwoje dzieci.",
    "Mamy troje dzieci.",
    "Mają czworo dzieci.",
    "Mam pięcioro dzieci.",
    "Dwoje dzieci bawi się w parku.",
    "Z dwojgiem dzieci jest trudno.",
    "Widzę dwa dziecięce rowery.",
    "Mam dwa koty i dwoje dzieci.",
    "Mam dwie córki i dwóch synów.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_children_take_a_collective_numeral(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    numeral = result.issues[0]
    assert numeral.rule is not None and numeral.rule.id == "agreement.adjective"
    assert "collective numeral" in numeral.explanation
    (numeral_pl, *_) = engine.check(text, explain_in="pl").issues
    assert "liczebnikiem zbiorowym" in numeral_pl.explanation


def test_a_collective_subject_takes_a_singular_verb(engine: LanguageEngine) -> None:
    result = engine.check("Trzy dzieci przyszli.")
    assert result.corrected == "Troje dzieci przyszło."
    verb = result.issues[-1]
    assert verb.rule is not None and verb.rule.id == "agreement.subject_verb"
    assert "collective numeral" in verb.explanation
    assert "from five up" not in verb.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_the_numeral_explains_its_noun_in_a_second_clause(engine: LanguageEngine) -> None:
    result = engine.check("Mój syn ma pięć lat, a córka trzy lat.")
    assert result.corrected == "Mój syn ma pięć lat, a córka trzy lata."
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "case.numeral"
    assert "After *trzy* (as with 2, 3, 4)" in issue.explanation
