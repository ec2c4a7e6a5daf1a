"""check() on real Polish (the UD treebanks' sentences, the GEC dev set's right words): each
rule that fired on a correct sentence is fixed at the rule and tested here with that sentence,
the learner's slips the rule must still correct and right sentences around it. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# a rare word of the dictionary's own is a word, not a slip for a common one one letter away
RARE_WORDS = [
    "Tam siedzi nasz umrzyk.",
    "Antek zbaraniał i nie bardzo wiedział, co o tym wszystkim myśleć.",
    "Podprawić przecierem, zielem angielskim, solą, pieprzem i czosnkiem.",
    "Monitował mnie jeszcze Modecki.",
    "Związek powinien zaserwować sprawę, powinna się zrobić rozróbka.",
    "Wyrób wytwarzany z wykorzystaniem metod enologicznych.",
    "Jęli z rozrzuconego drewna klecić pośpiesznie nowe ogrodzenia.",
]

# ...but a slip that is only a name's form, or an old word's, is still corrected
STILL_SLIPS = [
    ("Poproszę kawę z mlekiem, ale bez cukra.", "Poproszę kawę z mlekiem, ale bez cukru."),
    ("Moja ulubiona potrawa to gołombki mojej mamy.", "Moja ulubiona potrawa to gołąbki mojej mamy."),
    ("On maży o wakacjach.", "On marzy o wakacjach."),
    ("Kupiłem herbta.", "Kupiłem herbatę."),
]


@pytest.mark.parametrize("text", RARE_WORDS)
def test_a_rare_dictionary_word_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


@pytest.mark.parametrize(("text", "corrected"), STILL_SLIPS)
def test_a_slip_on_a_name_or_old_word_is_corrected(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


# letters sound alike only where they do: the s of sz is no s, a nasal is em/om only before
# b, p, and ś is si only before a vowel
SOUND_RIGHT = [
    "Trudno ocenić wpływ wprowadzenia wartości do mass mediów na programy.",
    "Ponoś sobie przez kilka dni mokre okłady.",
]

SOUND_SLIPS = [
    ("Henri maży głośno o winie.", "Henri marzy głośno o winie."),
    ("Fala unosiła go w gurę.", "Fala unosiła go w górę."),
    ("To hyba dobrze.", "To chyba dobrze."),
    ("Oni robiom obiad.", "Oni robią obiad."),
    ("To jest wontpliwe.", "To jest wątpliwe."),
    ("On potsycał ogień.", "On podsycał ogień."),
    ("On mieszka pżed domem.", "On mieszka przed domem."),
    ("Mam ksiąszkę.", "Mam książkę."),
]


@pytest.mark.parametrize("text", SOUND_RIGHT)
def test_no_sound_alike_across_a_digraph_or_context(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


@pytest.mark.parametrize(("text", "corrected"), SOUND_SLIPS)
def test_sound_alike_slips_still_corrected(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected
