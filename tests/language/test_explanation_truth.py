"""The explanations check() gives, read as a Polish teacher would: the rule stated must be true
and, in Polish, said the way a Polish teacher says it. Real Morfeusz."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# (learner's sentence, the Polish explanation's words that must be there, words that must not)
POLISH_WORDING = [
    # "right case" is *właściwy przypadek* (not a calque, *dobry przypadek*)
    (
        "W niedziele często rozmawiam z ojciecem przez telefon.",
        "Właściwy przypadek, ale zła forma: *ojciec* ma w narzędniku liczby pojedynczej",
        "Dobry przypadek",
    ),
    (
        "W przyszłym miesiącu lecę do Londyna na konferencję.",
        "Właściwy przypadek, ale zła końcówka: *Londyn* ma w dopełniaczu liczby pojedynczej "
        "końcówkę *-u*",
        "Dobry przypadek",
    ),
    # wskazywać na + the Accusative; the number in the genitive after the case's name
    (
        "Ci ludziach są mili.",
        "*Ci* wskazuje na mianownik liczby mnogiej",
        "(liczba mnoga)",
    ),
    # w tym samym przypadku co …, not *w tym przypadku, co …*
    (
        "On pracuje jako nauczycielem.",
        "Po *jako* rzeczownik stoi w tym samym przypadku co wyraz, który opisuje – tu podmiot, "
        "więc w mianowniku",
        "w tym przypadku, co",
    ),
]


@pytest.mark.parametrize(("text", "said", "unsaid"), POLISH_WORDING)
def test_polish_explanation_wording(
    engine: LanguageEngine, text: str, said: str, unsaid: str
) -> None:
    explanations = " ".join(i.explanation for i in engine.check(text, explain_in="pl").issues)
    assert said in explanations
    assert unsaid not in explanations


# the rule named is the sentence's: the governing word, the case, the gender
ENGLISH_TRUTH = [
    ("Ten film był bardzo ciekawa, polecam.", "subject *film* (masculine inanimate)"),
    ("Nasz kot złapała mysz.", "subject *kot* (masculine animate)"),
    ("Mój brat zrobiła wczoraj kolację.", "subject *brat* (masculine personal)"),
    ("Moi rodzice są zadowolony z domu.", "subject *rodzice* (masculine personal)"),
    ("Rozmawialiśmy długo o polityka.", "After *o* use the Locative"),
    ("Pracuję w szkoła jako nauczyciel.", "After *w* use the Locative"),
    ("W weekendy pomagam moja mama w ogrodzie.", "*pomagać* (here *pomagam*) takes the Dative"),
    ("Muszę się uczyć polski.", "*uczyć się*"),
]


@pytest.mark.parametrize(("text", "said"), ENGLISH_TRUTH)
def test_english_explanation_names_the_right_rule(
    engine: LanguageEngine, text: str, said: str
) -> None:
    explanations = " ".join(i.explanation for i in engine.check(text).issues)
    assert said in explanations, explanations
