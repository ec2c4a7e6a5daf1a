"""*Jestem zimno* → *Jest mi zimno*: a feeling said by a predicative adverb (*zimno*, *gorąco*,
*smutno*, *przykro*, *duszno*, *niedobrze*) takes *być* in the 3rd person singular (*jest*,
*było*, *będzie*) and the one who feels in the dative (*mi*, *ci*, *nam*, *wam*); the learner's
*Jestem* is a calque of "I am cold". Only a form of *być* of the speaker or the one addressed,
nothing before it in its clause but *nie*, *czy*, a conjunction or adverbs, right before such
an adverb (*bardzo* between) that ends its clause or is followed by a preposition. Left alone:
*Jestem zimny* (of a person), *Jestem ciepło ubrana* (warmly dressed), *Ja jestem zimno*
(whose subject the rule would leave), *Jestem dobrze* (no feeling of this kind)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Jestem zimno.", "Jest mi zimno.", "Jestem", "Jest mi"),
    ("Jestem gorąco.", "Jest mi gorąco.", "Jestem", "Jest mi"),
    ("Czy jesteś zimno?", "Czy jest ci zimno?", "jesteś", "jest ci"),
    ("Nie jestem zimno.", "Nie jest mi zimno.", "jestem", "jest mi"),
    ("Byłam bardzo smutno.", "Było mi bardzo smutno.", "Byłam", "Było mi"),
    ("Byliśmy zimno w nocy.", "Było nam zimno w nocy.", "Byliśmy", "Było nam"),
    ("Będę zimno w tej kurtce.", "Będzie mi zimno w tej kurtce.", "Będę", "Będzie mi"),
    ("Jestem przykro.", "Jest mi przykro.", "Jestem", "Jest mi"),
    ("Jesteście gorąco?", "Jest wam gorąco?", "Jesteście", "Jest wam"),
    ("Jestem zimno, bo nie mam kurtki.", "Jest mi zimno, bo nie mam kurtki.", "Jestem", "Jest mi"),
]

CORRECT = [
    "Jest mi zimno.",
    "Zimno mi.",
    "Było mi smutno.",
    "Jestem zimny.",
    "Jestem smutna.",
    "Jestem tu.",
    "Jestem w domu.",
    "Jestem ciepło ubrana.",
    "Jestem dobrze przygotowany.",
    "Jestem w domu i jest mi zimno.",
    "Czy jest ci gorąco?",
    "Jest nam przykro.",
]

LEFT = [
    "Ja jestem zimno.",
    "Ona jest zimno.",
    "To jest zimno.",
    "Jestem dobrze.",
]


@pytest.mark.parametrize(("text", "corrected", "got", "expected"), PAIRS)
def test_a_feeling_takes_jest_and_the_dative(
    engine: LanguageEngine, text: str, corrected: str, got: str, expected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert (issue.got, issue.expected, issue.type) == (got, expected, "wrong_word")
    assert "the person who feels it is in the Dative" in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert "osoba, która je odczuwa, stoi w celowniku" in issue.explanation


@pytest.mark.parametrize("text", CORRECT + LEFT)
def test_correct_and_unsure_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
