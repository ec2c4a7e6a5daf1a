"""Inflection tables from Morfeusz's generator."""

from __future__ import annotations

import pytest

from polish_tutor.language import InflectionTable, LanguageEngine, UnknownWordError


@pytest.fixture(scope="module")
def engine() -> LanguageEngine:
    return LanguageEngine.load()


def cell(table: InflectionTable, section: str, row: str, column: str) -> str | None:
    for s in table.sections:
        if s.title == section:
            col = s.columns.index(column)
            for r in s.rows:
                if r.label == row:
                    return r.cells[col]
    raise KeyError((section, row, column))


def test_noun_kawa(engine: LanguageEngine) -> None:
    t = engine.inflect("kawę")
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
    d = t.to_dict()
    assert d["lemma"] == "kawa" and isinstance(d["sections"], list)


def test_verb_mowic(engine: LanguageEngine) -> None:
    t = engine.inflect("mówić")
    assert (t.lemma, t.part_of_speech) == ("mówić", "verb")
    assert cell(t, "Present tense", "1st person", "Singular") == "mówię"
    assert cell(t, "Present tense", "3rd person", "Plural") == "mówią"
    assert cell(t, "Past tense", "1st person", "Feminine singular") == "mówiłam"
    assert cell(t, "Past tense", "3rd person", "Masculine personal plural") == "mówili"
    assert cell(t, "Imperative", "2nd person", "Singular") == "mów"
    assert cell(t, "Infinitive", "Infinitive", "Form") == "mówić"


def test_perfective_verb_has_future(engine: LanguageEngine) -> None:
    t = engine.inflect("zrobię")
    assert t.lemma == "zrobić"
    assert cell(t, "Future tense", "1st person", "Singular") == "zrobię"


def test_adjective_dobry(engine: LanguageEngine) -> None:
    t = engine.inflect("dobry")
    assert (t.lemma, t.part_of_speech) == ("dobry", "adjective")
    assert cell(t, "Declension", "Nominative", "Feminine singular") == "dobra"
    assert cell(t, "Declension", "Accusative", "Feminine singular") == "dobrą"
    assert cell(t, "Declension", "Nominative", "Masculine personal plural") == "dobrzy"
    assert cell(t, "Comparative", "Nominative", "Masculine singular") == "lepszy"


def test_pronoun_and_form_lookup(engine: LanguageEngine) -> None:
    t = engine.inflect("mnie")
    assert t.lemma == "ja"
    assert "mną" in t.forms()
    assert engine.inflect("mam").lemma == "mieć"


@pytest.mark.parametrize("word", ["qwzxv", "", "   "])
def test_unknown_word(engine: LanguageEngine, word: str) -> None:
    with pytest.raises(UnknownWordError) as info:
        engine.inflect(word)
    assert info.value.word == word.strip()
