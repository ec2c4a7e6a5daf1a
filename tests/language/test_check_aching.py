"""*boleć* (to hurt) takes the person in pain in the accusative and has what hurts as its
subject: *Boli mi głowa* → *Boli mnie głowa*, *Boli mnie głowę* → *głowa*.

A dative pronoun next to the verb (*mi*, *ci*, *mu*, *nam*, *wam*) becomes the accusative; *jej*
and *im* are left, being possessives too (*Boli jej głowa*: her head). A noun after the verb and
its person in pain, only accusative, becomes the nominative; a noun right after the verb may be
that person (*Nie boli pana głowa?*) and is left. Both are explained by the verb's frame, in
English and Polish.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Boli mi głowa.", "Boli mnie głowa.", [("mi", "mnie")]),
    ("Boli mnie głowę.", "Boli mnie głowa.", [("głowę", "głowa")]),
    ("Boli mi głowę.", "Boli mnie głowa.", [("mi", "mnie"), ("głowę", "głowa")]),
    ("Głowa mi boli.", "Głowa mnie boli.", [("mi", "mnie")]),
    ("Bolą mi nogi po bieganiu.", "Bolą mnie nogi po bieganiu.", [("mi", "mnie")]),
    ("Wczoraj bolał mu brzuch.", "Wczoraj bolał go brzuch.", [("mu", "go")]),
]

CORRECT = [
    "Boli mnie głowa.",
    "Boli go ząb.",
    "Boli jej głowa.",
    "Co cię boli?",
    "Bolało mnie gardło przez tydzień.",
    "Mnie też boli noga.",
    "Boli mnie w gardle.",
    "Nie boli mnie nic.",
    "Bolą mnie plecy.",
    "Nie boli pana głowa?",
    "Daj mi coś na ból głowy.",
]


@pytest.mark.parametrize(("text", "corrected", "changes"), PAIRS)
def test_boleć_takes_the_accusative_of_the_person(
    engine: LanguageEngine, text: str, corrected: str, changes: list[tuple[str, str]]
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert [(i.got, i.expected) for i in result.issues] == changes
    assert all(i.rule is not None and i.rule.id == "case.verb_government" for i in result.issues)
    assert all("the person in pain is in the Accusative" in i.explanation for i in result.issues)
    polish = engine.check(text, explain_in="pl").issues
    assert all("osoba, którą boli, stoi w bierniku" in i.explanation for i in polish)


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
