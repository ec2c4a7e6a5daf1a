"""A Polish–English dictionary beyond the lesson words: FreeDict's Polish–English dictionary
(WikDict, from Wiktionary; CC-BY-SA-3.0, 36k headwords), converted by
``bench/tools/freedict_to_jsonl.py`` into ``data/dictionary.jsonl.gz`` (licence beside it).

Loaded once, lazily (:func:`dictionary`, about half a second the first time).
:meth:`Dictionary.lookup` finds a word as it is written, by its Morfeusz lemmas ("kawę" →
*kawa*), and typed without Polish letters ("ksiazka" → *książka*, "ksiazke" → *książkę* →
*książka*).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from wordfreq import zipf_frequency

from .text import has_diacritics, strip_diacritics

DATA = Path(__file__).resolve().parent / "data" / "dictionary.jsonl.gz"
FoundBy = Literal["word", "lemma", "letters"]
_PUNCTUATION = "\"'«»„”“.,;:!?()[]"
Row = tuple[str, str, list[tuple[str, list[str]]]]  # a line of the file, as JSON gives it


class WordAnalyser(Protocol):
    """What the look-up needs of the language engine (:class:`LanguageEngine` has both)."""

    def lemmas(self, word: str) -> list[str]: ...

    def restore_diacritics(self, text: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Sense:
    english: str  # translations, comma-separated: "castle, palace"
    labels: tuple[str, ...]  # the source's Polish labels: "potocznie", "medycyna", …

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.english.split(",") if t.strip())


@dataclass(frozen=True, slots=True)
class Entry:
    headword: str
    part_of_speech: str  # the source's: n, v, adj, adv, pn (proper noun), preposition, …
    senses: tuple[Sense, ...]  # most useful first (archaic, rare and dated ones last)


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found for the word a learner asked about, and how it was found."""

    entry: Entry
    found_by: FoundBy  # "word": as written; "lemma": by its dictionary form; "letters": respelled
    form: str  # the word as found: itself, its lemma, or its respelling ("ksiazke": książkę)


class Dictionary:
    """Entries by headword. Built from the converted file's rows; an entry's objects are made
    the first time it is looked up (building all 36k at load would take most of a second)."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._rows: dict[str, list[Row]] = {}
        for row in rows:
            self._rows.setdefault(row[0].casefold(), []).append(row)
        self._by_stripped: dict[str, list[str]] = {}
        for key in self._rows:
            plain = strip_diacritics(key)
            if plain != key:
                self._by_stripped.setdefault(plain, []).append(key)
        self._entries: dict[str, tuple[Entry, ...]] = {}

    @classmethod
    def load(cls, path: Path = DATA) -> Dictionary:
        """Read a converted dictionary file: a JSON array a line,
        ``[headword, part_of_speech, [[english, [labels]], …]]``."""
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = fh.read().strip()
        rows: list[Row] = json.loads("[" + text.replace("\n", ",") + "]")
        return cls(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def entries(self, headword: str) -> tuple[Entry, ...]:
        """The entries of exactly this headword (capitals aside)."""
        key = headword.strip().casefold()
        cached = self._entries.get(key)
        if cached is None:
            cached = tuple(
                Entry(head, pos, tuple(Sense(en, tuple(labels)) for en, labels in senses))
                for head, pos, senses in self._rows.get(key, ())
            )
            self._entries[key] = cached
        return cached

    def lookup(self, word: str, analyser: WordAnalyser | None = None) -> list[Match]:
        """Entries for ``word``: as written; else by its lemmas (most frequent lemma first);
        else, for a word typed without Polish letters, by its respelling. Empty if none."""
        word = word.strip().strip(_PUNCTUATION).strip()
        if not word:
            return []
        found: list[Match] = []
        seen: set[int] = set()

        def add(form: str, how: FoundBy, spelled: str | None = None) -> None:
            entries = self.entries(form)
            # a lemma's own spelling first: "mama" is not the river Mama
            exact = tuple(e for e in entries if e.headword == form)
            if exact and how == "lemma":
                entries = exact
            for entry in entries:
                if id(entry) not in seen:
                    seen.add(id(entry))
                    found.append(Match(entry, how, spelled or form))

        add(word, "word")
        if analyser is not None:
            for lemma in lemmas_by_frequency(word, analyser):
                add(lemma, "lemma")
        if found or has_diacritics(word):
            return found
        key = word.casefold()
        for respelled in self._by_stripped.get(key, ()):
            add(respelled, "letters")
        if not found and analyser is not None:
            restored = analyser.restore_diacritics(word)
            if restored != word:
                add(restored, "letters")
                for lemma in lemmas_by_frequency(restored, analyser):
                    add(lemma, "letters", restored)
        return found


def lemmas_by_frequency(word: str, analyser: WordAnalyser) -> list[str]:
    """The word's lemmas other than the word itself, the most frequent word first ("mam":
    *mieć* before *mama*)."""
    lemmas = [lemma for lemma in analyser.lemmas(word) if lemma.casefold() != word.casefold()]
    if not lemmas and word != word.lower():
        lemmas = [
            lemma for lemma in analyser.lemmas(word.lower()) if lemma.casefold() != word.casefold()
        ]
    return sorted(dict.fromkeys(lemmas), key=lambda lemma: -zipf_frequency(lemma, "pl"))


_lock = threading.Lock()
_loaded: list[Dictionary] = []


def dictionary() -> Dictionary:
    """The packaged dictionary, loaded on first use and kept for the process."""
    if not _loaded:
        with _lock:
            if not _loaded:
                _loaded.append(Dictionary.load())
    return _loaded[0]
