"""How often a lemma is used: the frequency of the forms only it has.

``check`` and ``compare`` weigh a word's rival lemmas against each other (*braci* is *brat*'s,
not *brać*'s), so every new word a learner types asks for the weight of each of its lemmas. A
weight reads the lemma's forms (Morfeusz's generator) and the readings of each of them, which
made it the largest cost of checking a sentence never seen before. Two things keep it cheap:

- only what can count is read: a form nobody writes (frequency 0) adds nothing, so it is
  neither built into readings nor analysed;
- the weights of every lemma of a word in wordfreq's Polish list are computed once, at install
  time (``polish-tutor lemma-weights``, ``make install``), by this same code, into a JSON file
  in the user's cache folder. The file names the Morfeusz, dictionary and wordfreq versions and
  a digest of the code that computed it; a file that does not match is not used, and a lemma
  it lacks is weighed on the spot, so the answers never depend on whether it is there.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import morfeusz2

from .morph import Morphology

# Weights remembered beyond the file (a float per lemma; about 100 bytes each with the key).
MEMO = 200_000
_FILE_PREFIX = "lemma-weights-"
PATH_VARIABLE = "TUTOR_LEMMA_WEIGHTS"


class LemmaWeights:
    """``weights(full_lemma)`` → the summed frequency (``10 ** zipf``) of the lemma's own forms.

    A form counts when every reading of it has this lemma (homonym markers aside); a word that
    does not inflect (*tak*, *albo*, beside the nouns *taka*, *alba*) gets its share of its one
    form. A pure function of the lemma: ``table`` holds values computed before, by this code.
    """

    def __init__(
        self,
        morph: Morphology,
        frequency: Callable[[str], float],
        table: Mapping[str, float] | None = None,
    ) -> None:
        self._morph = morph
        self._frequency = frequency
        self._table: Mapping[str, float] = table or {}
        self._memo: dict[str, float] = {}

    @property
    def tabled(self) -> int:
        """How many lemmas the install-time table holds (0 without one)."""
        return len(self._table)

    def __call__(self, full_lemma: str) -> float:
        value = self._table.get(full_lemma)
        if value is not None:
            return value
        value = self._memo.get(full_lemma)
        if value is not None:
            return value
        value = self.weigh(full_lemma)
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[full_lemma] = value
        return value

    def weigh(self, full_lemma: str) -> float:
        """The weight, computed from Morfeusz and the frequencies (nothing remembered)."""
        base = full_lemma.split(":", 1)[0]
        forms = self._morph.lowered_forms(full_lemma)
        frequency = self._frequency
        analyse = self._morph.analyse
        total = 0.0
        for form in forms:
            used = frequency(form)
            if not used:
                continue  # adds 0 either way: no need to read it
            lemmas = {r.lemma for r in analyse(form)}
            if lemmas == {base}:
                total += used * 1e9  # 10 ** zipf
            elif total == 0 and len(forms) == 1 and lemmas:
                total = used * 1e9 / len(lemmas)
        return total


def frequencies() -> dict[str, float]:
    """wordfreq's Polish list (``large``), word → frequency: what the weights are made of."""
    import wordfreq

    freq: dict[str, float] = wordfreq.get_frequency_dict("pl", wordlist="large")
    return freq


def table_key(morph: Morphology) -> str:
    """What a table's values depend on: the Morfeusz binding and its dictionary, wordfreq's
    data, and the code that reads them (a digest of its source)."""
    import wordfreq

    code = "".join(
        inspect.getsource(f)
        for f in (
            LemmaWeights.weigh,
            Morphology.lowered_forms,
            Morphology.analyse,
            Morphology._raw_analyse,
        )
    )
    parts = (
        f"morfeusz2 {morfeusz2.__version__}",
        f"dictionary {morph.dict_id()}",
        f"wordfreq {getattr(wordfreq, '__version__', '?')}",
        hashlib.sha256(code.encode()).hexdigest()[:16],
    )
    return "; ".join(parts)


def default_path(key: str) -> Path:
    """``$TUTOR_LEMMA_WEIGHTS`` if set (a file: the Docker image's), else
    ``$XDG_CACHE_HOME/polish-tutor/lemma-weights-<digest of the key>.json`` (``~/.cache``)."""
    chosen = os.environ.get(PATH_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return Path(base) / "polish-tutor" / f"{_FILE_PREFIX}{digest}.json"


def build_table(
    morph: Morphology, freq: Mapping[str, float], words: Iterable[str] | None = None
) -> dict[str, float]:
    """The weight of every lemma of ``words`` (default: every word of ``freq``; about half a
    minute for the whole list)."""
    weights = LemmaWeights(morph, lambda w: freq.get(w, 0.0))
    table: dict[str, float] = {}
    for word in freq if words is None else words:
        for reading in morph.analyse(word):
            lemma = reading.full_lemma
            if lemma not in table:
                table[lemma] = weights.weigh(lemma)
    return table


def write_table(path: Path | None = None) -> tuple[Path, int]:
    """Build the table and write it (atomically) with its key; returns (path, lemmas)."""
    morph = Morphology()
    morph.max_cache = 100_000  # the readings of the whole list would take gigabytes
    key = table_key(morph)
    path = path or default_path(key)
    table = build_table(morph, frequencies())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"key": key, "weights": table}, out, ensure_ascii=False)
    os.chmod(tmp, 0o644)  # readable by the user the server runs as (the Docker image's)
    os.replace(tmp, path)
    return path, len(table)


def read_table(morph: Morphology, path: Path | None = None) -> dict[str, float] | None:
    """The table at ``path`` (default: :func:`default_path`) if it is there and was computed
    from the same Morfeusz, wordfreq and code as this process would; else ``None``."""
    try:
        key = table_key(morph)
        path = path or default_path(key)
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        weights = data.get("weights")
        if not isinstance(weights, dict):
            return None
        return {str(k): float(v) for k, v in weights.items()}
    except (OSError, ValueError, TypeError, RuntimeError):  # RuntimeError: no home folder
        return None


def table_status(path: Path | None = None) -> Path | None:
    """Where a valid table is (``None``: missing, or made from another Morfeusz, wordfreq or
    code)."""
    morph = Morphology()
    if read_table(morph, path) is None:
        return None
    return path or default_path(table_key(morph))
