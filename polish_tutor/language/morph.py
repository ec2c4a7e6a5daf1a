"""A thin, cached wrapper around Morfeusz 2 with parsed NKJP tags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import morfeusz2

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
NUMBERS = ("sg", "pl")
GENDERS = ("m1", "m2", "m3", "f", "n")
PERSONS = ("pri", "sec", "ter")
ASPECTS = ("imperf", "perf")
DEGREES = ("pos", "com", "sup")

_CATEGORY: dict[str, str] = {}
for _v in CASES:
    _CATEGORY[_v] = "case"
for _v in NUMBERS:
    _CATEGORY[_v] = "number"
for _v in (*GENDERS, "n1", "n2", "p1", "p2", "p3"):
    _CATEGORY[_v] = "gender"
for _v in PERSONS:
    _CATEGORY[_v] = "person"
for _v in ASPECTS:
    _CATEGORY[_v] = "aspect"
for _v in DEGREES:
    _CATEGORY[_v] = "degree"

_GENDER_NORMALISE = {"n1": "n", "n2": "n", "p1": "m1", "p2": "n", "p3": "n"}

VERBAL_CLASSES = frozenset(
    {"fin", "praet", "bedzie", "impt", "inf", "cond", "imps", "pcon", "pant", "winien"}
)
FINITE_VERB_CLASSES = frozenset({"fin", "praet", "bedzie", "impt", "cond", "winien", "imps"})
NOUN_CLASSES = frozenset({"subst", "depr", "ppron12", "ppron3", "siebie", "ger"})
ADJ_CLASSES = frozenset({"adj", "ppas", "pact", "num", "numcol"})
NOMINAL_CLASSES = NOUN_CLASSES | ADJ_CLASSES
EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Reading:
    """One interpretation of a word, with its tag split into feature sets."""

    form: str
    lemma: str  # lemma without the homonym marker ("dobry", not "dobry:A")
    full_lemma: str
    pos: str
    tag: str
    case: frozenset[str]
    number: frozenset[str]
    gender: frozenset[str]
    person: frozenset[str]
    aspect: frozenset[str]
    degree: frozenset[str]
    qualifiers: tuple[str, ...]

    def values(self, feature: str) -> frozenset[str]:
        if feature == "case":
            return self.case
        if feature == "number":
            return self.number
        if feature == "gender":
            return self.gender
        if feature == "person":
            return self.person
        if feature == "aspect":
            return self.aspect
        if feature == "degree":
            return self.degree
        if feature == "tense":
            return frozenset({self.pos}) if self.pos in VERBAL_CLASSES else EMPTY
        return EMPTY


@dataclass(frozen=True, slots=True)
class _ParsedTag:
    pos: str
    case: frozenset[str]
    number: frozenset[str]
    gender: frozenset[str]
    person: frozenset[str]
    aspect: frozenset[str]
    degree: frozenset[str]


_TAG_CACHE: dict[str, _ParsedTag] = {}


def parse_tag(tag: str) -> _ParsedTag:
    cached = _TAG_CACHE.get(tag)
    if cached is not None:
        return cached
    parts = tag.split(":")
    pos = parts[0]
    feats: dict[str, set[str]] = {}
    for field in parts[1:]:
        for value in field.split("."):
            category = _CATEGORY.get(value)
            if category is None:
                continue
            if category == "gender":
                value = _GENDER_NORMALISE.get(value, value)
            feats.setdefault(category, set()).add(value)
    if pos in ("praet",) and "person" not in feats:
        feats["person"] = {"ter"}
    parsed = _ParsedTag(
        pos=pos,
        case=frozenset(feats.get("case", ())),
        number=frozenset(feats.get("number", ())),
        gender=frozenset(feats.get("gender", ())),
        person=frozenset(feats.get("person", ())),
        aspect=frozenset(feats.get("aspect", ())),
        degree=frozenset(feats.get("degree", ())),
    )
    _TAG_CACHE[tag] = parsed
    return parsed


def base_lemma(lemma: str) -> str:
    """``dobry:A`` → ``dobry`` (Morfeusz marks homonyms after a colon)."""
    if ":" in lemma and not lemma.startswith(":"):
        return lemma.split(":", 1)[0]
    return lemma


def _reading(form: str, lemma: str, tag: str, qualifiers: Any) -> Reading:
    p = _TAG_CACHE.get(tag) or parse_tag(tag)
    return Reading(
        form=form,
        lemma=base_lemma(lemma),
        full_lemma=lemma,
        pos=p.pos,
        tag=tag,
        case=p.case,
        number=p.number,
        gender=p.gender,
        person=p.person,
        aspect=p.aspect,
        degree=p.degree,
        qualifiers=tuple(qualifiers or ()),
    )


class Morphology:
    """Morfeusz analyser + generator with per-word caches (not thread-safe for writes, but
    the caches only ever grow with deterministic values, so concurrent use is harmless)."""

    def __init__(self) -> None:
        self._morf = morfeusz2.Morfeusz(praet="composite")
        self._low: Any = getattr(self._morf, "_morfeusz_obj", None)
        self._tag_by_id: dict[int, str] = {}
        self._labels_by_id: dict[int, tuple[str, ...]] = {}
        self._cache: dict[str, tuple[Reading, ...]] = {}
        self._gen_cache: dict[str, tuple[Reading, ...]] = {}
        self._tagged_cache: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {}
        self._name_cache: dict[str, bool] = {}
        self._gender_cache: dict[str, dict[str, frozenset[str]]] = {}
        self._ign_id: int | None = None
        self.max_cache = 500_000

    def analyse(self, word: str) -> tuple[Reading, ...]:
        """Readings of a single word; ``()`` if Morfeusz does not know it (``ign``)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        raw = self._raw_analyse(word)
        readings: list[Reading] = []
        if len(raw) == 1:
            form, lemma, tag, _names, quals = raw[0][2]
            if tag != "ign":
                readings.append(_reading(form, lemma, tag, quals))
        else:
            end = max((item[1] for item in raw), default=0)
            seen: set[tuple[str, str]] = set()
            for _i, _j, (form, lemma, tag, _names, quals) in raw:
                if _i != 0 or _j != end or tag == "ign" or (tag, lemma) in seen:
                    continue
                seen.add((tag, lemma))
                readings.append(_reading(form, lemma, tag, quals))
        if not readings and "-" in word.strip("-"):
            # hyphenated compound (biało-niebieskim): the last part carries the inflection
            readings = list(self.analyse(word.rsplit("-", 1)[1]))
        elif not readings and len(raw) > 1 and all(item[2][2] != "ign" for item in raw):
            # A multi-segment word that Morfeusz still knows (e.g. "doń"): keep the first segment.
            for _i, _j, (form, lemma, tag, _names, quals) in raw:
                if _i == 0:
                    readings.append(_reading(form, lemma, tag, quals))
        result = tuple(readings)
        if len(self._cache) >= self.max_cache:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _raw_analyse(self, word: str) -> list[tuple[int, int, tuple[str, str, str, Any, Any]]]:
        """Morfeusz's analysis as (start, end, (orth, lemma, tag, names, labels)) tuples.

        Uses the low-level interpretation objects with tag/label strings cached by id, which
        is several times faster than the convenience wrapper (names are not needed).
        """
        low = self._low
        try:
            if low is not None:
                out: list[tuple[int, int, tuple[str, str, str, Any, Any]]] = []
                tags = self._tag_by_id
                labels = self._labels_by_id
                for i in low.analyse(word):
                    tid = i.tagId
                    tag = tags.get(tid)
                    if tag is None:
                        tag = tags[tid] = i.getTag(low)
                    lid = i.labelsId
                    quals = labels.get(lid)
                    if quals is None:
                        quals = labels[lid] = tuple(i.getLabels(low))
                    out.append((i.startNode, i.endNode, (i._orth, i._lemma, tag, (), quals)))
                # (SWIG attribute reads dominate here; the C analysis itself is ~10 µs)
                return out
            return list(self._morf.analyse(word))
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer) (odd unicode)
            return []

    def is_known(self, word: str) -> bool:
        return bool(self.analyse(word))

    def is_place(self, word: str) -> bool:
        """Whether SGJP knows the word as a geographical name (Anglia, Kraków, Polska)."""
        return self._has_name(word, "nazwa_geograficzna")

    def is_surname(self, word: str) -> bool:
        """Whether SGJP knows the word as a surname (Szczuka, Nowak)."""
        return self._has_name(word, "nazwisko")

    def is_common_noun(self, word: str) -> bool:
        """Whether SGJP knows the word only as a common noun (*Amerykanin*, *Polacy*: a
        capitalised word that names who someone is, not a person or a place)."""
        return self._names_test(
            f"common:{word}",
            word,
            lambda analyses: all(names == ["nazwa_pospolita"] for *_, names, _q in analyses),
        )

    def people_lemmas(self, word: str) -> frozenset[str]:
        """The full lemmas of the word's capitalised readings SGJP gives as common nouns only
        (*Polak*: Polak:Sm1~cy, the Pole, not the surname Polak:Sm1~kowie)."""
        try:
            analyses = [analysis for _i, _j, analysis in self._morf.analyse(word)]
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer) (odd unicode)
            return frozenset()
        return frozenset(
            lemma
            for _form, lemma, _tag, names, _q in analyses
            if lemma[:1].isupper() and names == ["nazwa_pospolita"]
        )

    def only_names(self, word: str) -> bool:
        """Whether SGJP knows the word only as a name (*niemogę*: a surname's form, the
        learner's *nie mogę*), never as a common word."""
        return self._names_test(
            f"only_names:{word}",
            word,
            lambda analyses: (
                all(names and "nazwa_pospolita" not in names for *_, names, _q in analyses)
                and any(t != "ign" for _f, _l, t, _n, _q in analyses)
            ),
        )

    def _has_name(self, word: str, label: str) -> bool:
        return self._names_test(
            f"{label}:{word}", word, lambda analyses: any(label in a[3] for a in analyses)
        )

    def is_first_name(self, word: str) -> bool:
        """Whether SGJP knows the word as a person's first name (Anna, Tomek, Marek)."""
        return self._names_test(word, word, lambda analyses: any("imię" in a[3] for a in analyses))

    def _names_test(
        self, key: str, word: str, test: Callable[[list[tuple[Any, ...]]], bool]
    ) -> bool:
        """``test`` of the word's analyses (form, lemma, tag, names, qualifiers), remembered
        under ``key``; False where Morfeusz fails on the word."""
        cached = self._name_cache.get(key)
        if cached is not None:
            return cached
        try:
            found = bool(test([analysis for _i, _j, analysis in self._morf.analyse(word)]))
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer) (odd unicode)
            found = False
        if len(self._name_cache) > 50_000:
            self._name_cache.clear()
        self._name_cache[key] = found
        return found

    def name_genders(self, word: str) -> dict[str, frozenset[str]]:
        """The genders of the word's nominative singular readings as a person's name, by kind
        (``imię``, ``nazwisko``): *Jurek* {imię: m1, nazwisko: m1, f}, *Kowalska* {nazwisko: f}.
        A surname's indeclinable feminine reading (*Jurek* of a woman) is in it too."""
        key = f"genders:{word}"
        cached = self._gender_cache.get(key)
        if cached is not None:
            return cached
        out: dict[str, set[str]] = {}
        try:
            analysed = self._morf.analyse(word)
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer) (odd unicode)
            analysed = []
        for _i, _j, (_f, _l, tag, names, _q) in analysed:
            parsed = parse_tag(tag)
            if parsed.pos != "subst" or "nom" not in parsed.case or "sg" not in parsed.number:
                continue
            for label in ("imię", "nazwisko"):
                if label in names:
                    out.setdefault(label, set()).update(parsed.gender)
        result = {label: frozenset(g) for label, g in out.items()}
        if len(self._gender_cache) > 50_000:
            self._gender_cache.clear()
        self._gender_cache[key] = result
        return result

    def is_known_word(self, word: str) -> bool:
        """Cheap, uncached check for a single alphabetic word (no readings are built)."""
        cached = self._cache.get(word)
        if cached is not None:
            return bool(cached)
        low = self._low
        if low is None:
            return self.is_known(word)
        ign = self._ign_id
        if ign is None:
            for i in low.analyse("qxqxqx"):
                ign = self._ign_id = i.tagId
        try:
            return any(i.tagId != ign for i in low.analyse(word))
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer) (odd unicode)
            return False

    def dict_id(self) -> str:
        """The Morfeusz dictionary in use (``sgjp``, with its version)."""
        return str(self._morf.dict_id())

    def lowered_forms(self, lemma: str) -> set[str]:
        """``{g.form.lower() for g in generate(lemma)}`` (the same set, built in the same order)
        without building a reading per form: what weighing a lemma needs."""
        cached = self._gen_cache.get(lemma)
        low = self._low
        if cached is not None or low is None:
            return {g.form.lower() for g in cached or self.generate(lemma)}
        try:
            return {i._orth.lower() for i in low.generate(lemma)}
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer)
            return set()

    def form_texts(self, lemma: str) -> tuple[str, ...]:
        """``tuple(g.form for g in generate(lemma))`` without building a reading per form
        where they are not built yet."""
        cached = self._gen_cache.get(lemma)
        low = self._low
        if cached is not None or low is None:
            return tuple(g.form for g in cached or self.generate(lemma))
        try:
            return tuple(i._orth for i in low.generate(lemma))
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer)
            return ()

    def _raw_generate(self, lemma: str) -> list[tuple[str, str, str, Any]]:
        """Morfeusz's forms of ``lemma`` as (orth, lemma, tag, labels), in its order: from the
        low-level interpretations with tags and labels looked up by id (as ``_raw_analyse``),
        not through the wrapper's tuples, which fetch each one's name and tag strings anew."""
        low = self._low
        try:
            if low is None:
                return [(f, lem, t, q) for f, lem, t, _n, q in self._morf.generate(lemma)]
            out: list[tuple[str, str, str, Any]] = []
            tags = self._tag_by_id
            labels = self._labels_by_id
            for i in low.generate(lemma):
                tid = i.tagId
                tag = tags.get(tid)
                if tag is None:
                    tag = tags[tid] = i.getTag(low)
                lid = i.labelsId
                quals = labels.get(lid)
                if quals is None:
                    quals = labels[lid] = tuple(i.getLabels(low))
                out.append((i._orth, i._lemma, tag, quals))
            return out
        except Exception:  # noqa: BLE001  # pragma: no cover - defensive (Morfeusz's SWIG layer)
            return []

    def tagged_forms(self, lemma: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """``(g.form, g.tag, g.qualifiers)`` for each ``g`` of ``generate(lemma)``, in its
        order, without building a reading per form (``parse_tag`` splits a tag; remembered: a
        pure function of the lemma and Morfeusz's fixed dictionary; bounded as ``generate``'s
        cache; strings only, which the garbage collector stops tracking)."""
        cached = self._tagged_cache.get(lemma)
        if cached is not None:
            return cached
        readings = self._gen_cache.get(lemma)
        if readings is not None or self._low is None:
            result = tuple((g.form, g.tag, g.qualifiers) for g in readings or self.generate(lemma))
        else:
            result = tuple(
                (form, tag, tuple(quals or ()))
                for form, _lemma, tag, quals in self._raw_generate(lemma)
            )
        if len(self._tagged_cache) > 20_000:
            self._tagged_cache.clear()
        self._tagged_cache[lemma] = result
        return result

    def generate(self, lemma: str) -> tuple[Reading, ...]:
        cached = self._gen_cache.get(lemma)
        if cached is not None:
            return cached
        result = tuple(
            _reading(form, lem, tag, quals) for form, lem, tag, quals in self._raw_generate(lemma)
        )
        if len(self._gen_cache) > 20_000:
            self._gen_cache.clear()
        self._gen_cache[lemma] = result
        return result
