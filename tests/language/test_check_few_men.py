"""*kilka*, *wiele*, *kilkanaście* … in their form for things before men in the genitive plural
take their form for men: *Mam kilka dobrych przyjaciół* → *kilku*, *Znam wiele ludzi* →
*wielu*, explained as counting men. Left alone: things and women (*kilka książek*, *wiele
kobiet*), the form for men already (*kilku przyjaciół*, *po kilku latach*), a noun that may be
another noun's (*polaków*, written small, is the slang *polak*'s), and *parę*, which *parę
ludzi* is said and written with (the GEC set's teachers keep it). A capital within the sentence
says the name's readings (*kilka Polaków* → *kilku*: Polak, the people)."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Mam kilka dobrych przyjaciół.", "Mam kilku dobrych przyjaciół.", "przyjaciół"),
    ("Znam wiele ciekawych ludzi.", "Znam wielu ciekawych ludzi.", "ludzi"),
    ("Kilka studentów przyszło.", "Kilku studentów przyszło.", "studentów"),
    ("Niewiele ludzi to wie.", "Niewielu ludzi to wie.", "ludzi"),
    ("Znam kilka Polaków.", "Znam kilku Polaków.", "Polaków"),
    ("Poznałem kilka Francuzów.", "Poznałem kilku Francuzów.", "Francuzów"),
    ("Znam wiele Niemców.", "Znam wielu Niemców.", "Niemców"),
]

CORRECT = [
    "Kupiłem kilka książek.",
    "Mam kilku przyjaciół.",
    "Po kilku latach wrócił.",
    "Znam wiele kobiet.",
    "Widziałem kilka psów.",
    "Mam parę kolegów w pracy.",
    "Było tam wielu ludzi.",
    "Znam kilka Polek.",
    "Znam kilku Polaków.",
    "Znam kilka Kowalskich.",
    "Mam kilka polaków.",
]


@pytest.mark.parametrize(("text", "corrected", "men"), PAIRS)
def test_counting_men_takes_the_numerals_form_for_men(
    engine: LanguageEngine, text: str, corrected: str, men: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.explanation.startswith(f"Counting men (*{men}* are men), the number takes")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith("Gdy liczymy mężczyzn, liczebnik ma formę męskoosobową")


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
