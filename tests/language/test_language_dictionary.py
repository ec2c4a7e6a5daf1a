"""The Polish–English dictionary: the packaged file, found by word, lemma and Polish letters."""

from __future__ import annotations

import gzip
import json

import pytest

from polish_tutor.language import LanguageEngine
from polish_tutor.language.dictionary import DATA, Dictionary, dictionary


@pytest.fixture(scope="module")
def words() -> Dictionary:
    return dictionary()


def heads(found: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(m.entry.headword, m.entry.part_of_speech, m.found_by) for m in found]


def test_the_packaged_file_and_its_licence() -> None:
    assert DATA.exists()
    licence = (DATA.parent / "dictionary-LICENSE.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 3.0" in licence and "FreeDict" in licence
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    headword, pos, senses = first
    assert isinstance(headword, str) and isinstance(pos, str)
    assert all(isinstance(en, str) and isinstance(labels, list) for en, labels in senses)


def test_loaded_once(words: Dictionary) -> None:
    assert dictionary() is words
    assert len(words) > 35_000


def test_a_word_as_written(words: Dictionary) -> None:
    (zamek,) = words.lookup("zamek")
    assert zamek.found_by == "word" and zamek.entry.part_of_speech == "n"
    translations = [t for s in zamek.entry.senses for t in s.translations]
    assert {"castle", "lock", "zip"} <= set(translations)
    assert translations[0] == "castle"
    assert heads(words.lookup("„Zamek”?")) == [("zamek", "n", "word")]
    assert words.lookup("qwzxv") == [] and words.lookup("  ") == []


def test_by_lemma(words: Dictionary, engine: LanguageEngine) -> None:
    assert heads(words.lookup("kawę", engine)) == [("kawa", "n", "lemma")]
    assert heads(words.lookup("psa", engine)) == [("pies", "n", "lemma")]
    assert heads(words.lookup("poszedłem", engine)) == [("pójść", "v", "lemma")]
    assert heads(words.lookup("Warszawie", engine)) == [("Warszawa", "pn", "lemma")]
    # the most frequent lemma first, and the lemma's own spelling (mama, not the river Mama)
    assert heads(words.lookup("mam", engine))[:2] == [
        ("mieć", "v", "lemma"),
        ("mama", "n", "lemma"),
    ]
    # without the engine only the word itself is found
    assert words.lookup("kawę") == []


def test_without_polish_letters(words: Dictionary, engine: LanguageEngine) -> None:
    assert heads(words.lookup("ksiazka")) == [("książka", "n", "letters")]
    assert heads(words.lookup("zolw")) == [("żółw", "n", "letters")]
    found = words.lookup("ksiazke", engine)
    assert heads(found) == [("książka", "n", "letters")]
    assert heads(words.lookup("dziekuje", engine))[0][0] == "dziękuję"
    # a word written with its Polish letters is not respelled
    assert words.lookup("kśiążka", engine) == []


def test_sense_order_puts_rare_and_archaic_senses_last(words: Dictionary) -> None:
    for entry in words.entries("mieć") + words.entries("iść") + words.entries("kot"):
        late = [
            i
            for i, s in enumerate(entry.senses)
            if {"przestarzałe", "dawniej", "rzadki"} & set(s.labels)
        ]
        assert late == list(range(len(entry.senses) - len(late), len(entry.senses)))
    assert words.entries("mieć")[0].senses[0].translations == ("have",)
    assert "go" in words.entries("iść")[0].senses[0].translations
