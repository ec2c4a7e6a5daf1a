"""After a verb of must, can, want, like, know how or should, the next verb is its infinitive:
*Musisz uczysz się więcej* → *uczyć się*, *Lubię pływam* → *pływać*, *Powinieneś idziesz* →
*iść*. Only a second verb read as nothing but an imperfective present in the first one's person
and number, right after it; not after *może* (also "maybe": *Być może jest*, *A może jest to*),
nor a perfective (*możesz otworzysz*, whose form is a future), nor a word that is also a noun
(*Umiem gram*: *gram*, the gram). Run before the rules of objects, so a negated modal's object
keeps its genitive (*nie potrafię cytuję nazwisk* → *cytować nazwisk*). In the treebanks, with
such an infinitive made the modal's person: 155 restored, 191 left, 1 otherwise (as before).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Musisz uczysz się więcej.", "Musisz uczyć się więcej."),
    ("Powinieneś idziesz do lekarza.", "Powinieneś iść do lekarza."),
    ("Lubię pływam w morzu.", "Lubię pływać w morzu."),
    ("Nie mogę, nie potrafię cytuję nazwisk.", "Nie mogę, nie potrafię cytować nazwisk."),
]

CORRECT = [
    "Musisz uczyć się więcej.",
    "Lubię pływać w morzu.",
    "Być może jest o krok wyżej.",
    "A może jest to jakiś oszust?",
    "Chcę, żebyś przyszedł.",
    "Proszę otworzyć okno.",
    "Umiem grać na gitarze.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_second_verb_becomes_the_infinitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.explanation.startswith("Use the infinitive here, not the present tense")


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_w_kazde_is_a_habit_only_before_a_word_of_time(engine: LanguageEngine) -> None:
    (issue,) = engine.check("W każdą sobotę zrobię zakupy.").issues
    assert issue.explanation.startswith("*W każdą sobotę* signals a habit")
    text = "Dla takiej muzyki mogę uwierzyć w każde czary."
    assert engine.check(text).corrected == text
