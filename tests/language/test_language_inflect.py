"""Inflection tables from Morfeusz's generator: complete, with rare forms after the usual ones."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from polish_tutor.language import InflectionTable, LanguageEngine, UnknownWordError
from polish_tutor.language.inflect import RARE_SECTION, localise

Inflect = Callable[[str], InflectionTable]


@pytest.fixture(scope="module")
def inflect(engine: LanguageEngine) -> Inflect:
    return engine.inflect


def cell(table: InflectionTable, section: str, row: str, column: str) -> str | None:
    for s in table.sections:
        if s.title == section:
            col = s.columns.index(column)
            for r in s.rows:
                if r.label == row:
                    return r.cells[col]
    raise KeyError((section, row, column))


def titles(table: InflectionTable) -> list[str]:
    return [s.title for s in table.sections]


def rare(table: InflectionTable) -> dict[str, tuple[str, str | None]]:
    """Rare forms: form → (where, usage)."""
    for s in table.sections:
        if s.title == RARE_SECTION:
            return {str(r.cells[0]): (r.label, r.cells[1]) for r in s.rows}
    return {}


def test_noun_kawa(inflect: Inflect) -> None:
    t = inflect("kawę")
    assert (t.lemma, t.part_of_speech) == ("kawa", "noun")
    assert t.columns == ("Singular", "Plural")
    assert [r.label for r in t.rows] == [
        "Nominative",
        "Genitive",
        "Dative",
        "Accusative",
        "Instrumental",
        "Locative",
        "Vocative",
    ]
    assert cell(t, "Declension", "Accusative", "Singular") == "kawę"
    assert cell(t, "Declension", "Instrumental", "Singular") == "kawą"
    assert cell(t, "Declension", "Genitive", "Plural") == "kaw"
    assert cell(t, "Gender", "Gender", "Form") == "feminine"
    d = t.to_dict()
    assert d["lemma"] == "kawa" and isinstance(d["sections"], list)


def test_noun_rare_forms_come_after_the_table(inflect: Inflect) -> None:
    rok = inflect("lata")
    assert rok.lemma == "rok"
    assert cell(rok, "Declension", "Instrumental", "Plural") == "latami"
    assert rare(rok)["laty"] == ("Declension · Instrumental · Plural", "archaic")
    assert titles(rok)[-1] == RARE_SECTION
    # the eye, not the mesh ("ok" is not an eye's genitive, however often "ok" is written)
    oko = inflect("oko")
    assert cell(oko, "Declension", "Nominative", "Plural") == "oczy"
    assert cell(oko, "Declension", "Instrumental", "Plural") == "oczami / oczyma"
    assert rare(oko)["ócz"][1] == "dated" and rare(oko)["oczów"][1] == "rare"
    czlowiek = inflect("człowiek")
    assert cell(czlowiek, "Declension", "Nominative", "Plural") == "ludzie"
    assert cell(czlowiek, "Gender", "Gender", "Form") == "masculine personal"
    assert rare(czlowiek) == {"człowiecze": ("Declension · Vocative · Singular", "dated")}
    assert cell(inflect("drzwi"), "Gender", "Gender", "Form") == "plural only"


def test_proper_noun(inflect: Inflect) -> None:
    krakow = inflect("Krakowie")
    assert krakow.lemma == "Kraków" and krakow.columns == ("Singular",)
    assert cell(krakow, "Declension", "Locative", "Singular") == "Krakowie"
    warszawa = inflect("Warszawa")
    assert warszawa.lemma == "Warszawa"
    assert cell(warszawa, "Declension", "Accusative", "Singular") == "Warszawę"


def test_verb_mowic(inflect: Inflect) -> None:
    t = inflect("mówić")
    assert (t.lemma, t.part_of_speech) == ("mówić", "verb")
    assert titles(t) == [
        "Infinitive",
        "Present tense",
        "Past tense",
        "Future tense",
        "Future tense (with the past form)",
        "Conditional",
        "Imperative",
        "Other forms",
    ]
    assert cell(t, "Infinitive", "Aspect", "Form") == "imperfective"
    assert cell(t, "Present tense", "1st person", "Singular") == "mówię"
    assert cell(t, "Present tense", "3rd person", "Plural") == "mówią"
    assert cell(t, "Past tense", "1st person", "Feminine singular") == "mówiłam"
    assert cell(t, "Past tense", "3rd person", "Masculine personal plural") == "mówili"
    assert cell(t, "Past tense", "3rd person", "Non-masculine-personal plural") == "mówiły"
    assert cell(t, "Past tense", "2nd person", "Non-masculine-personal plural") == "mówiłyście"
    assert cell(t, "Future tense", "1st person", "Singular") == "będę mówić"
    assert cell(t, "Future tense", "3rd person", "Plural") == "będą mówić"
    future_past = "Future tense (with the past form)"
    assert cell(t, future_past, "1st person", "Feminine singular") == "będę mówiła"
    assert cell(t, future_past, "1st person", "Masculine personal plural") == "będziemy mówili"
    assert cell(t, "Conditional", "1st person", "Masculine singular") == "mówiłbym"
    assert cell(t, "Conditional", "2nd person", "Feminine singular") == "mówiłabyś"
    assert cell(t, "Imperative", "2nd person", "Singular") == "mów"
    assert cell(t, "Imperative", "1st person", "Plural") == "mówmy"
    assert cell(t, "Imperative", "3rd person", "Plural") == "niech mówią"
    assert cell(t, "Other forms", "Verbal noun", "Form") == "mówienie"
    assert cell(t, "Other forms", "Active adjectival participle", "Form") == "mówiący"
    assert cell(t, "Infinitive", "Infinitive", "Form") == "mówić"


def test_perfective_verb_has_a_simple_future_and_no_compound_one(inflect: Inflect) -> None:
    t = inflect("zrobię")
    assert t.lemma == "zrobić"
    assert cell(t, "Infinitive", "Aspect", "Form") == "perfective"
    assert cell(t, "Future tense", "1st person", "Singular") == "zrobię"
    assert "Present tense" not in titles(t)
    assert "Future tense (with the past form)" not in titles(t)
    assert cell(t, "Other forms", "Anterior adverbial participle", "Form") == "zrobiwszy"


def test_byc_and_iść(inflect: Inflect) -> None:
    byc = inflect("jest")
    assert byc.lemma == "być"
    assert cell(byc, "Present tense", "3rd person", "Plural") == "są"
    assert cell(byc, "Future tense", "1st person", "Singular") == "będę"
    assert cell(byc, "Imperative", "3rd person", "Singular") == "niech będzie"
    isc = inflect("szła")
    assert isc.lemma == "iść"
    assert cell(isc, "Past tense", "3rd person", "Masculine singular") == "szedł"
    assert cell(isc, "Future tense (with the past form)", "1st person", "Feminine singular") == (
        "będę szła"
    )
    # a participle is a form of its verb: the verb's table
    assert inflect("czytający").lemma == "czytać"


def test_adjective_dobry(inflect: Inflect) -> None:
    t = inflect("dobry")
    assert (t.lemma, t.part_of_speech) == ("dobry", "adjective")
    assert cell(t, "Declension", "Nominative", "Feminine singular") == "dobra"
    assert cell(t, "Declension", "Accusative", "Feminine singular") == "dobrą"
    assert cell(t, "Declension", "Accusative", "Masculine animate singular") == "dobrego"
    assert cell(t, "Declension", "Accusative", "Masculine inanimate singular") == "dobry"
    assert cell(t, "Declension", "Nominative", "Masculine personal plural") == "dobrzy"
    assert cell(t, "Declension", "Nominative", "Non-masculine-personal plural") == "dobre"
    assert cell(t, "Comparative", "Nominative", "Masculine animate singular") == "lepszy"
    assert cell(t, "Superlative", "Nominative", "Masculine personal plural") == "najlepsi"


def test_possessive_usual_forms_first(inflect: Inflect) -> None:
    t = inflect("moja")
    assert t.lemma == "mój"
    assert cell(t, "Declension", "Genitive", "Masculine animate singular") == "mojego / mego"
    assert str(cell(t, "Declension", "Nominative", "Feminine singular")).startswith("moja")
    assert rare(t)["mych"][1] == "rare"


def test_pronouns(inflect: Inflect) -> None:
    t = inflect("mnie")
    assert t.lemma == "ja"
    assert "mną" in t.forms()
    assert inflect("mam").lemma == "mieć"
    on = inflect("jego")
    assert on.lemma == "on"
    assert cell(on, "Declension", "Genitive", "Masculine singular") == "jego / go / niego"
    assert cell(on, "Declension", "Accusative", "Feminine singular") == "ją / nią"
    assert cell(on, "Declension", "Nominative", "Non-masculine-personal plural") == "one"


def test_numerals_by_gender_with_the_collective(inflect: Inflect) -> None:
    t = inflect("dwa")
    assert t.part_of_speech == "numeral"
    assert cell(t, "Declension", "Nominative", "Feminine") == "dwie"
    assert cell(t, "Declension", "Nominative", "Masculine animate and inanimate") == "dwa"
    assert "dwaj" in str(cell(t, "Declension", "Nominative", "Masculine personal"))
    assert cell(t, "Declension", "Nominative", "Collective") == "dwoje"


def test_polish_labels(inflect: Inflect) -> None:
    t = localise(inflect("kawa"), "pl")
    assert t.part_of_speech == "rzeczownik"
    assert cell(t, "Odmiana", "Biernik", "Liczba pojedyncza") == "kawę"
    assert cell(t, "Rodzaj", "Rodzaj", "Forma") == "żeński"
    verb = localise(inflect("mówić"), "pl")
    assert cell(verb, "Bezokolicznik", "Aspekt", "Forma") == "niedokonany"
    assert cell(verb, "Czas przeszły", "1. osoba", "Rodzaj żeński, lp.") == "mówiłam"
    assert cell(verb, "Tryb rozkazujący", "3. osoba", "Liczba mnoga") == "niech mówią"
    rok = localise(inflect("rok"), "pl")
    assert rare(rok) == {}  # the section's title is Polish too
    polish_rare = next(s for s in rok.sections if s.title == "Formy rzadkie i dawne")
    assert polish_rare.rows[0].label == "Odmiana · Narzędnik · Liczba mnoga"
    assert polish_rare.rows[0].cells == ("laty", "przestarzałe")
    assert localise(inflect("kawa"), "en") == inflect("kawa")


@pytest.mark.parametrize("word", ["qwzxv", "", "   "])
def test_unknown_word(engine: LanguageEngine, word: str) -> None:
    with pytest.raises(UnknownWordError) as info:
        engine.inflect(word)
    assert info.value.word == word.strip()
