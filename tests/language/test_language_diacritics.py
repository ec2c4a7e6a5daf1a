"""Diacritics restoration: examples and accuracy on real sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polish_tutor.language import LanguageEngine, strip_diacritics
from polish_tutor.language.evaluation import read_conllu

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pl_pdb-ud-dev.conllu"
EXCERPT = (
    Path(__file__).resolve().parents[1] / "fixtures" / "language" / "pl_pdb-ud-dev-excerpt.conllu"
)
WORD = re.compile(r"\w+")


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("zolw je zdzblo", "żółw je źdźbło"),
        ("Powiedzial, ze nie wie.", "Powiedział, że nie wie."),
        ("Ide ze szkoly do domu.", "Idę ze szkoły do domu."),
        ("Oni sa w domu.", "Oni są w domu."),
        ("Moze pojdziemy do kina?", "Może pójdziemy do kina?"),
        ("Mam nowa ksiazke.", "Mam nową książkę."),
        ("Rozmawiam z ta kobieta.", "Rozmawiam z tą kobietą."),
        ("Dzien dobry", "Dzień dobry"),
    ],
)
def test_examples(engine: LanguageEngine, typed: str, restored: str) -> None:
    assert engine.restore_diacritics(typed) == restored


def test_case_punctuation_and_spacing_are_kept(engine: LanguageEngine) -> None:
    assert engine.restore_diacritics("ZOLW  je\tZdzblo!! ") == "ŻÓŁW  je\tŹdźbło!! "
    assert engine.restore_diacritics("  --Zolw?? (zolw)…") == "  --Żółw?? (żółw)…"
    assert engine.restore_diacritics("") == ""
    assert engine.restore_diacritics("123, 4.5 % ...") == "123, 4.5 % ..."
    assert engine.restore_diacritics("a\nzolw\n") == "a\nżółw\n"


def test_words_typed_with_diacritics_stay(engine: LanguageEngine) -> None:
    # the learner typed "żołw" (wrong, but typed with a Polish letter): leave it alone
    assert engine.restore_diacritics("żołw je") == "żołw je"
    assert engine.restore_diacritics("Łodz") == "Łodz"


def test_unknown_words_pass_through(engine: LanguageEngine) -> None:
    assert engine.restore_diacritics("Xqzt blorf") == "Xqzt blorf"
    assert engine.restore_diacritics("GE i AUC") == "GE i AUC"  # acronyms stay


def test_productive_suffixes_of_unlisted_words(engine: LanguageEngine) -> None:
    assert engine.restore_diacritics("pan Tymanski") == "pan Tymański"


def _accuracy(engine: LanguageEngine, texts: list[str]) -> tuple[float, float]:
    total = good = dia_total = dia_good = 0
    for text in texts:
        gold = WORD.findall(text)
        got = WORD.findall(engine.restore_diacritics(strip_diacritics(text)))
        assert len(gold) == len(got)
        for g, h in zip(gold, got, strict=True):
            total += 1
            good += g == h
            if g != strip_diacritics(g):
                dia_total += 1
                dia_good += g == h
    return good / total, dia_good / dia_total


def test_accuracy_on_fixture_excerpt(engine: LanguageEngine) -> None:
    texts = [s.text for s in read_conllu(EXCERPT)]
    assert len(texts) == 50
    acc, dia = _accuracy(engine, texts)
    assert acc >= 0.96, acc
    assert dia >= 0.90, dia


@pytest.mark.skipif(not DEV.exists(), reason="shared dev data not available")
def test_accuracy_on_dev_sample(engine: LanguageEngine) -> None:
    texts = [s.text for s in read_conllu(DEV)][::4]  # a fixed quarter of the dev set
    acc, dia = _accuracy(engine, texts)
    assert acc >= 0.975, acc
    assert dia >= 0.94, dia


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        # a nominative cannot be the subject of a 1st-person verb, or of a verb of another
        # gender: the instrumental is meant
        ("Nasze refleksje konczymy instrukcja.", "Nasze refleksje kończymy instrukcją."),
        ("Fanga strzyknal slina przez zeby.", "Fanga strzyknął śliną przez zęby."),
        ("Wczoraj plywal po jeziorze lodka.", "Wczoraj pływał po jeziorze łódką."),
        # "ja" needs a 1st-person verb in its own clause
        ("Podam ci cene, a ty ja przyjmiesz.", "Podam ci cenę, a ty ją przyjmiesz."),
        ("Ja nic o tym nie wiem.", "Ja nic o tym nie wiem."),
        # "że" opens a clause with a verb; "ze" is a preposition
        ("Wiem, ze zwolnienia sa konieczne.", "Wiem, że zwolnienia są konieczne."),
        ("Wyszedl ze szkoly.", "Wyszedł ze szkoły."),
        # fixed phrases, dates, proper names after a preposition
        ("Z daleka widac dom.", "Z daleka widać dom."),
        ("Uroczystosc odbedzie sie 3 maja.", "Uroczystość odbędzie się 3 maja."),
        ("Rozmawiam z Japonia.", "Rozmawiam z Japonią."),
        # a preposition governs across an adverb
        ("Idzie z czesciowo rozpieta kurtka.", "Idzie z częściowo rozpiętą kurtką."),
        # coordinated nouns share their case; a modal governs its infinitive across a clitic
        ("Pizza z pieczarkami i szynka.", "Pizza z pieczarkami i szynką."),
        ("Czy mozesz mi pomoc?", "Czy możesz mi pomóc?"),
        # a noun after "być" with its subject in place is a predicate: instrumental
        ("Pani Anna jest bardzo mila osoba.", "Pani Anna jest bardzo miłą osobą."),
        ("Na stole jest ksiazka.", "Na stole jest książka."),
        # with a clitic object ("im") in the clause, the noun is the subject
        ("Mysla, ze zdrowa matka urodzi im dziecko.", "Myślą, że zdrowa matka urodzi im dziecko."),
    ],
)
def test_context_rules(engine: LanguageEngine, typed: str, restored: str) -> None:
    assert engine.restore_diacritics(typed) == restored


def test_unlisted_words(engine: LanguageEngine) -> None:
    # a prefix + a listed word, and an -ą form wordfreq's list does not have
    assert engine.restore_diacritics("powieki wpolprzymkniete") == "powieki wpółprzymknięte"
    assert engine.restore_diacritics("z szermiercza precyzja") == "z szermierczą precyzją"


def test_unknown_words_cost_few_dictionary_probes(engine: LanguageEngine) -> None:
    morph = engine._morph
    calls = 0
    original = morph.is_known_word

    def counting(word: str) -> bool:
        nonlocal calls
        calls += 1
        return original(word)

    morph.is_known_word = counting  # type: ignore[method-assign]
    try:
        assert engine.restore_diacritics("Xyzzaleszoncosz") == "Xyzzaleszoncosz"
    finally:
        morph.is_known_word = original  # type: ignore[method-assign]
    assert calls <= 300
