"""Verb government, aspect pairs and preposition cases, as shipped data.

The tables live in ``data/verbs.tsv``, ``data/aspect_pairs.tsv`` and ``data/prepositions.tsv``
(their header comments say how they were made). :meth:`GovernmentTable.load` reads them once, on
first use; nothing is read at import time.

A governing verb's case comes from here, never from the form that happened to be in a sentence:
*potrzebować* takes the genitive whatever a learner or an expected answer wrote. The genitive of
negation (*nie piję kawy*) and numeral government (*pięć kotów*) are not verb frames: they are
rules of their own, applied by the engine on top of the frames.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

DATA_DIR = Path(__file__).resolve().parent / "data"

OBJECT_CASES = frozenset({"nom", "gen", "dat", "acc", "inst"})
PREPOSITION_CASES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc"})
ASPECTS = frozenset({"imperf", "perf", "biasp"})
REFLEXIVE = " się"
# vocalic variants share their base preposition's meanings where a row of their own is missing
_VOCALIC = {
    "ze": "z",
    "we": "w",
    "ode": "od",
    "przede": "przed",
    "nade": "nad",
    "pode": "pod",
    "przeze": "przez",
    "beze": "bez",
}
_PREP_FRAME = re.compile(r"([a-ząćęłńóśźż]+)\+([a-z]+)")

FrameKind = Literal["case", "prep", "inf", "clause"]


class GovernmentDataError(ValueError):
    """A row of a government table does not parse (file, line and what is wrong)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One object frame of a verb: a bare case, a preposition + case, an infinitive or a clause."""

    kind: FrameKind
    case: str | None = None
    preposition: str | None = None

    @classmethod
    def parse(cls, text: str) -> Frame:
        """``acc`` / ``na+acc`` / ``inf`` / ``że`` → a frame; :class:`ValueError` otherwise."""
        token = text.strip()
        if token in OBJECT_CASES:
            return cls("case", case=token)
        if token == "inf":
            return cls("inf")
        if token == "że":
            return cls("clause")
        match = _PREP_FRAME.fullmatch(token)
        if match and match.group(2) in PREPOSITION_CASES:
            return cls("prep", case=match.group(2), preposition=match.group(1))
        raise ValueError(f"not a frame: {text!r}")

    def after(self, preposition: str) -> bool:
        """Is this the frame of ``preposition`` as written, its vocalic variant too (*wracać
        ze szkoły* is the row's *z+gen*)?"""
        return self.preposition is not None and self.preposition == _VOCALIC.get(
            preposition, preposition
        )

    def __str__(self) -> str:
        if self.kind == "case":
            return str(self.case)
        if self.kind == "prep":
            return f"{self.preposition}+{self.case}"
        return "inf" if self.kind == "inf" else "że"


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str  # "potrzebować", "bać się"
    aspect: str  # imperf | perf | biasp
    partners: tuple[str, ...]
    frames: tuple[Frame, ...]  # most usual first; () for a verb without an object
    gloss: str
    example: str

    @property
    def reflexive(self) -> bool:
        return self.lemma.endswith(REFLEXIVE)

    @property
    def base(self) -> str:
        """The lemma without *się* (what Morfeusz gives for every form of the verb)."""
        return self.lemma.removesuffix(REFLEXIVE)

    @property
    def object_cases(self) -> frozenset[str]:
        return frozenset(f.case for f in self.frames if f.kind == "case" and f.case)


@dataclass(frozen=True, slots=True)
class AspectPair:
    imperfective: str
    perfective: str
    gloss: str


@dataclass(frozen=True, slots=True)
class PrepositionCase:
    preposition: str
    case: str
    meaning_en: str
    meaning_pl: str
    example: str


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows of a TSV with ``#`` comment lines and one header line, with line numbers."""
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for number, line in enumerate(fh, 1):
            text = line.rstrip("\r\n")
            if not text.strip() or text.startswith("#"):
                continue
            cells = next(csv.reader([text], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = cells
                if tuple(header) != columns:
                    raise GovernmentDataError(
                        f"{path.name}:{number}: header {header} is not {list(columns)}"
                    )
                continue
            if len(cells) != len(columns):
                raise GovernmentDataError(
                    f"{path.name}:{number}: {len(cells)} columns, expected {len(columns)}"
                )
            yield number, dict(zip(columns, (c.strip() for c in cells), strict=True))


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


class GovernmentTable:
    """The verb government table, the aspect pairs and the preposition cases.

    Lemmas are Morfeusz lemmas; a reflexive verb is ``"bać się"``. Lookups by the plain lemma
    fall back to the reflexive row when the verb has only that one (``bać`` → ``bać się``); pass
    ``reflexive=True`` when the sentence has *się* with the verb.
    """

    def __init__(
        self,
        verbs: Iterable[VerbEntry],
        pairs: Iterable[AspectPair],
        prepositions: Iterable[PrepositionCase],
    ) -> None:
        self._verbs: dict[str, VerbEntry] = {}
        for verb in verbs:
            if verb.lemma in self._verbs:
                raise GovernmentDataError(f"verb {verb.lemma!r} listed twice")
            self._verbs[verb.lemma] = verb
        self._pairs = tuple(pairs)
        self._pairs_of: dict[str, list[AspectPair]] = {}
        for pair in self._pairs:
            self._pairs_of.setdefault(pair.imperfective, []).append(pair)
            self._pairs_of.setdefault(pair.perfective, []).append(pair)
        self._preps: dict[str, dict[str, PrepositionCase]] = {}
        for prep in prepositions:
            self._preps.setdefault(prep.preposition, {})[prep.case] = prep

    @classmethod
    def load(cls, data_dir: Path | None = None) -> GovernmentTable:
        """The shipped tables (read once and cached), or the tables in ``data_dir``."""
        if data_dir is None:
            return _default_table()
        return cls.from_files(data_dir)

    @classmethod
    def from_files(cls, data_dir: Path) -> GovernmentTable:
        return cls(
            _read_verbs(data_dir / "verbs.tsv"),
            _read_pairs(data_dir / "aspect_pairs.tsv"),
            _read_prepositions(data_dir / "prepositions.tsv"),
        )

    # -- verbs ---------------------------------------------------------------------------------

    @property
    def verbs(self) -> tuple[VerbEntry, ...]:
        return tuple(self._verbs.values())

    def verb(self, lemma: str, reflexive: bool = False) -> VerbEntry | None:
        """The row for a verb: ``"bać się"``, or ``"bać"`` (+ ``reflexive``) from Morfeusz."""
        key = lemma.strip().lower()
        if key.endswith(REFLEXIVE):
            key, reflexive = key.removesuffix(REFLEXIVE), True
        if reflexive:
            entry = self._verbs.get(key + REFLEXIVE)
            if entry is not None:
                return entry
        entry = self._verbs.get(key)
        if entry is not None:
            return entry
        return None if reflexive else self._verbs.get(key + REFLEXIVE)

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and self.verb(lemma) is not None

    def frames(self, lemma: str, reflexive: bool = False) -> tuple[Frame, ...]:
        """The verb's object frames, most usual first; ``()`` if unknown or intransitive."""
        entry = self.verb(lemma, reflexive)
        return entry.frames if entry is not None else ()

    def takes_accusative(self, lemma: str, reflexive: bool = False) -> bool | None:
        """Whether the verb takes an accusative object; None when the table does not know it."""
        entry = self.verb(lemma, reflexive)
        return None if entry is None else "acc" in entry.object_cases

    def case_of(self, lemma: str, reflexive: bool = False) -> frozenset[str]:
        """Cases of the verb's bare (non-prepositional) objects: ``potrzebować`` → {gen}."""
        entry = self.verb(lemma, reflexive)
        return entry.object_cases if entry is not None else frozenset()

    def prep_frames(self, lemma: str, reflexive: bool = False) -> tuple[Frame, ...]:
        """The verb's prepositional frames: ``czekać`` → (na+acc,)."""
        return tuple(f for f in self.frames(lemma, reflexive) if f.kind == "prep")

    def aspect(self, lemma: str, reflexive: bool = False) -> str | None:
        entry = self.verb(lemma, reflexive)
        if entry is not None:
            return entry.aspect
        for pair in self._pairs_of.get(lemma, ()):
            return "imperf" if pair.imperfective == lemma else "perf"
        return None

    # -- aspect --------------------------------------------------------------------------------

    @property
    def pairs(self) -> tuple[AspectPair, ...]:
        return self._pairs

    def aspect_partner(self, lemma: str, reflexive: bool = False) -> tuple[str, ...]:
        """The verb's partner(s) in the other aspect: ``czytać`` → (``przeczytać``,)."""
        entry = self.verb(lemma, reflexive)
        if entry is not None and entry.partners:
            return entry.partners
        key = entry.lemma if entry is not None else lemma
        return tuple(
            pair.perfective if pair.imperfective == key else pair.imperfective
            for pair in self._pairs_of.get(key, ())
        )

    def pair(self, lemma: str) -> tuple[str, str] | None:
        """``(imperfective, perfective)`` for either member of a pair (the first listed)."""
        for pair in self._pairs_of.get(lemma.strip().lower(), ()):
            return pair.imperfective, pair.perfective
        return None

    def same_verb(self, a: str, b: str) -> bool:
        """Are two lemmas one verb in two aspects (or the same lemma)?"""
        if a == b:
            return True
        return any(b in (p.imperfective, p.perfective) for p in self._pairs_of.get(a, ()))

    # -- prepositions --------------------------------------------------------------------------

    @property
    def prepositions(self) -> tuple[str, ...]:
        return tuple(self._preps)

    def prep_cases(self, preposition: str) -> dict[str, tuple[str, str]]:
        """``{case: (meaning_en, meaning_pl)}`` for a preposition: ``w`` → {loc: …, acc: …}."""
        return {
            case: (row.meaning_en, row.meaning_pl)
            for case, row in self.preposition_senses(preposition).items()
        }

    def preposition_senses(self, preposition: str) -> dict[str, PrepositionCase]:
        key = preposition.strip().lower()
        rows = self._preps.get(key)
        if rows is None and key in _VOCALIC:
            rows = self._preps.get(_VOCALIC[key])
        return dict(rows or {})


@lru_cache(maxsize=1)
def _default_table() -> GovernmentTable:
    return GovernmentTable.from_files(DATA_DIR)


def _read_verbs(path: Path) -> list[VerbEntry]:
    columns = ("lemma", "aspect", "partner", "frames", "gloss", "example")
    verbs: list[VerbEntry] = []
    for number, row in _rows(path, columns):
        where = f"{path.name}:{number}"
        if not row["lemma"] or row["lemma"] != row["lemma"].lower():
            raise GovernmentDataError(f"{where}: lemma {row['lemma']!r} is empty or not lowercase")
        if row["aspect"] not in ASPECTS:
            raise GovernmentDataError(f"{where}: aspect {row['aspect']!r} not one of {ASPECTS}")
        frames: tuple[Frame, ...] = ()
        if row["frames"] != "-":
            try:
                frames = tuple(Frame.parse(token) for token in _split(row["frames"], ";"))
            except ValueError as exc:
                raise GovernmentDataError(f"{where}: {exc}") from None
            if not frames:
                raise GovernmentDataError(f"{where}: no frames (write - for none)")
        verbs.append(
            VerbEntry(
                lemma=row["lemma"],
                aspect=row["aspect"],
                partners=_split(row["partner"], ","),
                frames=frames,
                gloss=row["gloss"],
                example=row["example"],
            )
        )
    return verbs


def _read_pairs(path: Path) -> list[AspectPair]:
    pairs: list[AspectPair] = []
    for number, row in _rows(path, ("imperfective", "perfective", "gloss")):
        if not row["imperfective"] or not row["perfective"]:
            raise GovernmentDataError(f"{path.name}:{number}: a pair needs both verbs")
        pairs.append(AspectPair(row["imperfective"], row["perfective"], row["gloss"]))
    return pairs


def _read_prepositions(path: Path) -> list[PrepositionCase]:
    columns = ("preposition", "case", "meaning_en", "meaning_pl", "example")
    rows: list[PrepositionCase] = []
    for number, row in _rows(path, columns):
        if row["case"] not in PREPOSITION_CASES:
            raise GovernmentDataError(f"{path.name}:{number}: case {row['case']!r}")
        rows.append(PrepositionCase(**row))
    return rows
