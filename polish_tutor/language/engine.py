"""The language engine facade: one instance per process (Morfeusz is loaded once)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Sequence

from .compare import Comparer
from .diacritics import DiacriticsRestorer
from .inflect import Inflector
from .morph import Morphology, Reading
from .types import Comparison, ExplainIn, InflectionTable


class LanguageEngine:
    """Compare answers, restore diacritics and inflect words with Morfeusz 2 + wordfreq.

    ``load()`` is the expensive step (Morfeusz dictionary + the diacritics index and its
    look-ups of frequent words, about 1.5 s); keep one engine per process. Methods are safe
    to call from several threads.
    """

    def __init__(self, morph: Morphology, restorer: DiacriticsRestorer) -> None:
        self._morph = morph
        self._restorer = restorer
        self._comparer = Comparer(morph, self._respell)
        self._inflector = Inflector(morph, restorer.frequency)
        self._lock = threading.Lock()
        self.load_seconds = 0.0

    def _respell(self, word: str) -> list[str]:
        """Known spellings of a word typed without Polish letters (most frequent first)."""
        return [form for form, _lp in self._restorer.candidates(word)]

    @classmethod
    def load(cls, *, eager: bool = True) -> LanguageEngine:
        """Load Morfeusz and (unless ``eager=False``) the diacritics index."""
        start = time.perf_counter()
        morph = Morphology()
        restorer = DiacriticsRestorer(morph)
        if eager:
            restorer.load()
        engine = cls(morph, restorer)
        # Loading allocates a few hundred thousand long-lived objects; collect once now so
        # that the first full garbage collection does not land in the middle of a request.
        gc.collect()
        engine.load_seconds = time.perf_counter() - start
        return engine

    def compare(
        self,
        expected: str | Sequence[str],
        answer: str,
        *,
        explain_in: ExplainIn = "en",
    ) -> Comparison:
        """Compare ``answer`` with the expected sentence (or the closest of several)."""
        lang: ExplainIn = "pl" if explain_in == "pl" else "en"
        return self._comparer.compare(expected, answer, lang)

    def restore_diacritics(self, text: str) -> str:
        """Restore ą ć ę ł ń ó ś ź ż; case, punctuation and spacing are kept exactly."""
        if not self._restorer._loaded:
            with self._lock:
                self._restorer.load()
        return "\n".join(self._restorer.restore(line) for line in text.split("\n"))

    def inflect(self, word: str) -> InflectionTable:
        """Declension/conjugation table of the word's lemma; ``UnknownWordError`` if unknown."""
        if not self._restorer._loaded:
            with self._lock:
                self._restorer.load()
        return self._inflector.table(word)

    def is_known(self, word: str) -> bool:
        """Whether Morfeusz knows the word (i.e. it is not ``ign``)."""
        word = word.strip()
        return bool(word) and self._morph.is_known(word)

    def readings(self, word: str) -> tuple[Reading, ...]:
        """Every Morfeusz interpretation of the word (empty when it is unknown)."""
        word = word.strip()
        return self._morph.analyse(word) if word else ()

    def lemmas(self, word: str) -> list[str]:
        """Distinct lemmas of the word (homonym markers removed), most plausible first."""
        out: list[str] = []
        for reading in self._morph.analyse(word.strip()):
            if reading.lemma not in out:
                out.append(reading.lemma)
        return out
