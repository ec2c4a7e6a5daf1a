"""Declension and conjugation tables from Morfeusz's generator, labelled in plain English."""

from __future__ import annotations

from collections.abc import Callable

from .morph import ADJ_CLASSES, Morphology, Reading
from .types import InflectionRow, InflectionSection, InflectionTable, UnknownWordError

CASE_ROWS = (
    ("nom", "Nominative"),
    ("gen", "Genitive"),
    ("dat", "Dative"),
    ("acc", "Accusative"),
    ("inst", "Instrumental"),
    ("loc", "Locative"),
    ("voc", "Vocative"),
)
NUMBER_COLS = (("sg", "Singular"), ("pl", "Plural"))
PERSON_ROWS = (("pri", "1st person"), ("sec", "2nd person"), ("ter", "3rd person"))
# (label, number, genders that must be in the form's gender set)
GENDER_COLS: tuple[tuple[str, str, str], ...] = (
    ("Masculine singular", "sg", "m1"),
    ("Masculine inanimate singular", "sg", "m3"),
    ("Feminine singular", "sg", "f"),
    ("Neuter singular", "sg", "n"),
    ("Masculine personal plural", "pl", "m1"),
    ("Other plural", "pl", "f"),
)
PAST_COLS: tuple[tuple[str, str, str], ...] = (
    ("Masculine singular", "sg", "m1"),
    ("Feminine singular", "sg", "f"),
    ("Neuter singular", "sg", "n"),
    ("Masculine personal plural", "pl", "m1"),
    ("Other plural", "pl", "f"),
)

NOUN_POS = {"subst": "noun", "depr": "noun"}
PRONOUN_POS = {"ppron12": "pronoun", "ppron3": "pronoun", "siebie": "pronoun"}
VERB_POS = frozenset({"fin", "praet", "inf", "impt", "bedzie", "imps", "cond", "ger", "pcon"})


def _join(forms: list[str]) -> str | None:
    out: list[str] = []
    for f in forms:
        if f not in out:
            out.append(f)
    return " / ".join(out) if out else None


def _cell(readings: tuple[Reading, ...], pred: Callable[[Reading], bool]) -> str | None:
    plain = [r.form for r in readings if pred(r) and not r.qualifiers]
    if plain:
        return _join(plain)
    return _join([r.form for r in readings if pred(r)])


def _sel(
    readings: tuple[Reading, ...],
    *,
    pos: str | frozenset[str] | None = None,
    case: str | None = None,
    number: str | None = None,
    gender: str | None = None,
    person: str | None = None,
) -> str | None:
    def pred(r: Reading) -> bool:
        if pos is not None and (r.pos != pos if isinstance(pos, str) else r.pos not in pos):
            return False
        if case is not None and case not in r.case:
            return False
        if number is not None and number not in r.number:
            return False
        if gender is not None and gender not in r.gender:
            return False
        return person is None or person in r.person

    return _cell(readings, pred)


def _part_of_speech(pos: str) -> str:
    if pos in NOUN_POS:
        return "noun"
    if pos in PRONOUN_POS:
        return "pronoun"
    if pos in ("num", "numcol"):
        return "numeral"
    if pos in ADJ_CLASSES or pos in ("adja", "adjp", "adjc"):
        return "adjective"
    if pos in VERB_POS or pos in ("pact", "ppas", "pant", "winien"):
        return "verb"
    return pos


class Inflector:
    def __init__(self, morph: Morphology, frequency: Callable[[str], float]) -> None:
        self._morph = morph
        self._frequency = frequency

    def _choose_lemma(self, word: str) -> tuple[str, str]:
        """(full lemma, part of speech) of the most likely reading of ``word``."""
        readings = self._morph.analyse(word)
        if not readings and word != word.lower():
            readings = self._morph.analyse(word.lower())
        if not readings:
            raise UnknownWordError(word)
        best: tuple[float, str, str] | None = None
        seen: set[tuple[str, str]] = set()
        for r in readings:
            pos = _part_of_speech(r.pos)
            if pos not in ("noun", "pronoun", "numeral", "adjective", "verb"):
                continue
            if (r.full_lemma, pos) in seen:
                continue
            seen.add((r.full_lemma, pos))
            generated = self._morph.generate(r.full_lemma)
            weight = sum(self._frequency(f) for f in {g.form.lower() for g in generated})
            if r.qualifiers:
                weight *= 0.5
            if best is None or weight > best[0]:
                best = (weight, r.full_lemma, pos)
        if best is None:
            raise UnknownWordError(word)
        return best[1], best[2]

    def table(self, word: str) -> InflectionTable:
        word = word.strip()
        if not word:
            raise UnknownWordError(word)
        full_lemma, pos = self._choose_lemma(word)
        generated = self._morph.generate(full_lemma)
        lemma = generated[0].lemma if generated else full_lemma.split(":")[0]
        if pos == "verb":
            sections = self._verb(generated)
        elif pos == "adjective" or (pos == "numeral" and any(len(g.gender) < 5 for g in generated)):
            sections = self._by_gender(generated)
        else:
            sections = self._declension(generated)
        sections = tuple(s for s in sections if any(any(c for c in r.cells) for r in s.rows))
        if not sections:
            raise UnknownWordError(word)
        return InflectionTable(word=word, lemma=lemma, part_of_speech=pos, sections=sections)

    def _declension(self, gen: tuple[Reading, ...]) -> tuple[InflectionSection, ...]:
        nominal = tuple(
            g
            for g in gen
            if g.case and g.pos in ("subst", "depr", "ppron12", "ppron3", "siebie", "num", "numcol")
        )
        if not nominal:
            nominal = tuple(g for g in gen if g.case)
        subst = tuple(g for g in nominal if g.pos != "depr")
        nominal = subst or nominal
        numbers = [(k, label) for k, label in NUMBER_COLS if any(k in g.number for g in nominal)]
        if not numbers:
            numbers = [("", "Form")]
        rows = []
        for case, label in CASE_ROWS:
            cells = tuple(_sel(nominal, case=case, number=num or None) for num, _l in numbers)
            rows.append(InflectionRow(label, cells))
        return (
            InflectionSection("Declension", tuple(label for _k, label in numbers), tuple(rows)),
        )

    def _by_gender(self, gen: tuple[Reading, ...]) -> tuple[InflectionSection, ...]:
        sections: list[InflectionSection] = []
        degrees = [("pos", "Declension"), ("com", "Comparative"), ("sup", "Superlative")]
        for degree, title in degrees:
            forms = tuple(
                g
                for g in gen
                if g.case and (degree in g.degree or (not g.degree and degree == "pos"))
            )
            if not forms:
                continue
            rows = []
            for case, label in CASE_ROWS:
                cells = tuple(
                    _sel(forms, case=case, number=num, gender=gnd) for _lab, num, gnd in GENDER_COLS
                )
                rows.append(InflectionRow(label, cells))
            sections.append(
                InflectionSection(title, tuple(lab for lab, _n, _g in GENDER_COLS), tuple(rows))
            )
        return tuple(sections)

    def _verb(self, gen: tuple[Reading, ...]) -> tuple[InflectionSection, ...]:
        sections: list[InflectionSection] = []
        inf = _sel(gen, pos="inf")
        aspect = "perf" if any("perf" in g.aspect for g in gen if g.pos == "inf") else "imperf"
        sections.append(
            InflectionSection(
                "Infinitive",
                ("Form",),
                (
                    InflectionRow("Infinitive", (inf,)),
                    InflectionRow(
                        "Aspect", ("perfective" if aspect == "perf" else "imperfective",)
                    ),
                ),
            )
        )
        title = "Future tense" if aspect == "perf" else "Present tense"
        rows = [
            InflectionRow(
                label,
                tuple(_sel(gen, pos="fin", person=person, number=num) for num, _l in NUMBER_COLS),
            )
            for person, label in PERSON_ROWS
        ]
        sections.append(
            InflectionSection(title, tuple(lab for _k, lab in NUMBER_COLS), tuple(rows))
        )
        past_rows = [
            InflectionRow(
                label,
                tuple(
                    _sel(gen, pos="praet", person=person, number=num, gender=gnd)
                    for _lab, num, gnd in PAST_COLS
                ),
            )
            for person, label in PERSON_ROWS
        ]
        sections.append(
            InflectionSection(
                "Past tense", tuple(lab for lab, _n, _g in PAST_COLS), tuple(past_rows)
            )
        )
        impt_rows = [
            InflectionRow(
                label,
                tuple(_sel(gen, pos="impt", person=person, number=num) for num, _l in NUMBER_COLS),
            )
            for person, label in PERSON_ROWS[:2]
        ]
        sections.append(
            InflectionSection("Imperative", tuple(lab for _k, lab in NUMBER_COLS), tuple(impt_rows))
        )
        other_rows = (
            InflectionRow("Impersonal past", (_sel(gen, pos="imps"),)),
            InflectionRow("Adverbial participle", (_sel(gen, pos=frozenset({"pcon", "pant"})),)),
            InflectionRow("Verbal noun", (_sel(gen, pos="ger", case="nom", number="sg"),)),
        )
        sections.append(InflectionSection("Other forms", ("Form",), other_rows))
        return tuple(sections)
