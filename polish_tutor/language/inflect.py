"""Declension and conjugation tables from Morfeusz's generator, labelled in plain English
(:func:`localise` gives the same table with Polish labels).

Nouns and pronouns: every case, singular and plural. Adjectives (and participles, numerals
that agree): every case by gender and number, then the comparative and superlative. Verbs: the
infinitive and aspect; the present tense (a perfective verb: the simple future); the past tense
by person and gender (masculine personal and non-masculine-personal plural); the compound future
of an imperfective verb (*będę* + infinitive, *będę* + the past form); the conditional; the
imperative (with *niech* for the 3rd person); participles and the verbal noun.

In a cell, alternative forms are joined with " / ", the most frequent first. Forms Morfeusz marks
as dated, archaic, rare, regional, colloquial … and forms far rarer than the usual one in the
same cell are not in the cell: they are listed after the table, in a section of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

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
# (label, number, gender that must be in the form's gender set)
GENDER_COLS: tuple[tuple[str, str, str], ...] = (
    ("Masculine animate singular", "sg", "m1"),
    ("Masculine inanimate singular", "sg", "m3"),
    ("Feminine singular", "sg", "f"),
    ("Neuter singular", "sg", "n"),
    ("Masculine personal plural", "pl", "m1"),
    ("Non-masculine-personal plural", "pl", "f"),
)
PAST_COLS: tuple[tuple[str, str, str], ...] = (
    ("Masculine singular", "sg", "m1"),
    ("Feminine singular", "sg", "f"),
    ("Neuter singular", "sg", "n"),
    ("Masculine personal plural", "pl", "m1"),
    ("Non-masculine-personal plural", "pl", "f"),
)
# (label, "num" or "col" (collective), gender that must be in the form's gender set)
NUMERAL_COLS: tuple[tuple[str, str, str | None], ...] = (
    ("Masculine personal", "num", "m1"),
    ("Masculine animate and inanimate", "num", "m3"),
    ("Feminine", "num", "f"),
    ("Neuter", "num", "n"),
    ("Collective", "col", None),
)
RARE_SECTION = "Rare and dated forms"
RARE_COLUMNS = ("Form", "Usage")

NOUN_POS = {"subst": "noun", "depr": "noun"}
PRONOUN_POS = {"ppron12": "pronoun", "ppron3": "pronoun", "siebie": "pronoun"}
VERB_POS = frozenset({"fin", "praet", "inf", "impt", "bedzie", "imps", "cond", "ger", "pcon"})
GENDER_NAMES = {
    "m1": "masculine personal",
    "m2": "masculine animate",
    "m3": "masculine inanimate",
    "f": "feminine",
    "n": "neuter",
}
# Morfeusz's qualifiers (the part before "_": "daw._dziś_rzad." → "daw.") that put a form
# after the usual ones, with the word a learner reads.
LATE_QUALIFIERS = {
    "daw.": "dated",
    "przest.": "archaic",
    "arch.": "archaic",
    "rzad.": "rare",
    "indyw.": "rare",
    "gwar.": "dialect",
    "reg.": "regional",
    "pot.": "colloquial",
    "książk.": "literary",
    "podniosłe": "elevated",
    "wulg.": "vulgar",
    "pogard.": "derogatory",
    "środ.": "jargon",
    "slang": "slang",
    "niepopr.": "nonstandard",
}
# A form this many times rarer than the most frequent form of its cell is listed as rare.
RARE_RATIO = 50.0
# Choosing among a word's lemmas, a form counts at most this many times the dictionary form.
CAP_RATIO = 4.0

Lang = Literal["en", "pl"]


def _note(reading: Reading) -> str | None:
    """What makes the form one to list after the usual ones (``None``: a usual form)."""
    for qualifier in reading.qualifiers:
        for part in qualifier.split(","):
            note = LATE_QUALIFIERS.get(part.split("_", 1)[0])
            if note is not None:
                return note
    if reading.pos == "depr":
        return "pejorative"
    if reading.form == "ń":
        return "joined to a preposition: doń, zań"
    return None


@dataclass(slots=True)
class _Cells:
    """Builds cells and collects the rare forms left out of them."""

    frequency: Callable[[str], float]
    rare: dict[str, tuple[str, str]]  # form → (where, note), first place only
    # whether a form is also a form of another word ("ma": mój and mieć), whose frequency
    # then says little about this word's use of it
    ambiguous: Callable[[str], bool] = lambda _form: False
    by_frequency: bool = True
    shown: set[str] = field(default_factory=set)  # every form in a cell

    def cell(
        self, readings: Iterable[Reading], where: str, pred: Callable[[Reading], bool]
    ) -> str | None:
        usual: list[str] = []
        late: dict[str, str] = {}
        for r in readings:
            if not pred(r):
                continue
            note = _note(r)
            if note is None:
                if r.form not in usual:
                    usual.append(r.form)
            else:
                late.setdefault(r.form, note)
        late = {form: note for form, note in late.items() if form not in usual}
        if not usual:  # a word (or a cell) that only has such forms keeps them
            self.shown.update(late)
            return _join(list(late))
        if self.by_frequency and len(usual) > 1:
            freq = {form: self.frequency(form.lower()) for form in usual}
            shared = {form for form in usual if self.ambiguous(form)}
            plain = [freq[form] for form in usual if form not in shared]
            if plain:
                # a shared form goes after the best form of this word alone, never to "rare"
                for form in shared:
                    freq[form] = min(freq[form], max(plain)) * 0.5
                    freq[form] = max(freq[form], max(plain) / (RARE_RATIO / 2))
            usual.sort(key=lambda form: -freq[form])
            best = freq[usual[0]]
            for form in usual[1:]:
                if freq[form] * RARE_RATIO < best:
                    late.setdefault(form, "rare")
            usual = [form for form in usual if form not in late]
        for form, note in late.items():
            self.rare.setdefault(form, (where, note))
        self.shown.update(usual)
        return _join(usual)

    def section(self) -> InflectionSection | None:
        """The rare forms that are not a usual form elsewhere in the table."""
        rows = tuple(
            InflectionRow(where, (form, note))
            for form, (where, note) in self.rare.items()
            if form not in self.shown
        )
        return InflectionSection(RARE_SECTION, RARE_COLUMNS, rows) if rows else None


def _join(forms: list[str]) -> str | None:
    out: list[str] = []
    for f in forms:
        if f not in out:
            out.append(f)
    return " / ".join(out) if out else None


def _matcher(
    *,
    pos: str | frozenset[str] | None = None,
    case: str | None = None,
    number: str | None = None,
    gender: str | None = None,
    person: str | None = None,
) -> Callable[[Reading], bool]:
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

    return pred


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


def _where(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


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
            pos = "verb" if r.pos in ("pact", "ppas", "ger") else _part_of_speech(r.pos)
            if pos not in ("noun", "pronoun", "numeral", "adjective", "verb"):
                continue
            if (r.full_lemma, pos) in seen:
                continue
            seen.add((r.full_lemma, pos))
            generated = self._morph.generate(r.full_lemma)
            # every form counts, but none for more than a few times the dictionary form: a
            # form that is also a foreign word ("ok", a form of *oko* 'mesh') must not decide
            cap = CAP_RATIO * max(self._frequency(r.lemma.lower()), 1e-7)
            weight = sum(min(self._frequency(f), cap) for f in {g.form.lower() for g in generated})
            if _note(r) is not None:  # dated, rare, colloquial … (not a domain such as anat.)
                weight *= 0.5
            if word[:1].isupper() and r.lemma[:1].isupper():
                weight *= 1.05  # "Warszawa": the city before the common noun
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
        paradigm = {g.form for g in generated}  # "moje" (belongings) is a form of mój
        cells = _Cells(
            self._frequency,
            {},
            ambiguous=lambda form: any(
                r.lemma != lemma and r.lemma not in paradigm for r in self._morph.analyse(form)
            ),
            by_frequency=pos != "pronoun",
        )
        if pos == "verb":
            sections = self._verb(generated, cells)
        elif pos == "numeral" and any(len(g.gender) < 5 for g in generated):
            sections = self._numeral(generated, cells)
        elif pos == "adjective":
            sections = self._by_gender(generated, cells)
        elif any(g.pos == "ppron3" for g in generated):
            sections = self._third_person_pronoun(generated, cells)
        else:
            sections = self._declension(generated, cells, pos)
        sections = tuple(s for s in sections if any(any(c for c in r.cells) for r in s.rows))
        if not sections:
            raise UnknownWordError(word)
        rare = cells.section()
        if rare is not None:
            sections = (*sections, rare)
        return InflectionTable(word=word, lemma=lemma, part_of_speech=pos, sections=sections)

    def _declension(
        self, gen: tuple[Reading, ...], cells: _Cells, pos: str
    ) -> tuple[InflectionSection, ...]:
        nominal = tuple(
            g
            for g in gen
            if g.case and g.pos in ("subst", "depr", "ppron12", "ppron3", "siebie", "num", "numcol")
        )
        if not nominal:
            nominal = tuple(g for g in gen if g.case)
        numbers = [(k, label) for k, label in NUMBER_COLS if any(k in g.number for g in nominal)]
        if len(numbers) == 2 and nominal[0].lemma[:1].isupper():
            # a proper noun whose plural nobody uses (Kraków: *Krakowy*) is shown singular only
            singular = {g.form for g in nominal if "sg" in g.number}
            plural = {g.form.lower() for g in nominal if "pl" in g.number} - singular
            if not any(self._frequency(form) for form in plural):
                numbers = numbers[:1]
        if not numbers:
            numbers = [("", "Form")]
        rows = []
        for case, label in CASE_ROWS:
            row = tuple(
                cells.cell(
                    nominal,
                    _where("Declension", label, col if num else ""),
                    _matcher(case=case, number=num or None),
                )
                for num, col in numbers
            )
            rows.append(InflectionRow(label, row))
        sections = [
            InflectionSection("Declension", tuple(label for _k, label in numbers), tuple(rows))
        ]
        if pos == "noun":
            gender = self._gender(nominal)
            if gender:
                sections.append(
                    InflectionSection("Gender", ("Form",), (InflectionRow("Gender", (gender,)),))
                )
        return tuple(sections)

    def _third_person_pronoun(
        self, gen: tuple[Reading, ...], cells: _Cells
    ) -> tuple[InflectionSection, ...]:
        """*on, ona, ono, oni, one* by gender; in a cell the full form first, then the short
        one, then the form after a preposition: *jego / go / niego*."""

        def order(r: Reading) -> tuple[int, int]:
            parts = r.tag.split(":")
            return int("praep" in parts), int("akc" not in parts and "akc.nakc" not in parts)

        forms = tuple(sorted((g for g in gen if g.pos == "ppron3"), key=order))
        rows = []
        for case, label in CASE_ROWS[:-1]:  # no vocative
            row = tuple(
                cells.cell(
                    forms, _where("Declension", label, col), _matcher(case=case, number=n, gender=g)
                )
                for col, n, g in PAST_COLS
            )
            rows.append(InflectionRow(label, row))
        return (
            InflectionSection("Declension", tuple(lab for lab, _n, _g in PAST_COLS), tuple(rows)),
        )

    @staticmethod
    def _gender(nominal: tuple[Reading, ...]) -> str | None:
        """The noun's gender as a teacher names it, from its usual nominative forms."""
        usual = [g for g in nominal if g.pos == "subst" and "nom" in g.case and _note(g) is None]
        singular = [g for g in usual if "sg" in g.number]
        if not singular:
            return "plural only" if usual else None
        genders = [name for key, name in GENDER_NAMES.items() if key in singular[0].gender]
        return " / ".join(genders) or None

    def _by_gender(self, gen: tuple[Reading, ...], cells: _Cells) -> tuple[InflectionSection, ...]:
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
                row = tuple(
                    cells.cell(
                        forms, _where(title, label, col), _matcher(case=case, number=n, gender=gnd)
                    )
                    for col, n, gnd in GENDER_COLS
                )
                rows.append(InflectionRow(label, row))
            sections.append(
                InflectionSection(title, tuple(lab for lab, _n, _g in GENDER_COLS), tuple(rows))
            )
        return tuple(sections)

    def _numeral(self, gen: tuple[Reading, ...], cells: _Cells) -> tuple[InflectionSection, ...]:
        """A numeral that agrees with its noun: by gender, with the collective form apart."""

        def kind(g: Reading) -> str:
            return "col" if "col" in g.tag.split(":") or g.pos == "numcol" else "num"

        cols = [
            (label, k, gender)
            for label, k, gender in NUMERAL_COLS
            if any(kind(g) == k and (gender is None or gender in g.gender) for g in gen)
        ]
        rows = []
        for case, label in CASE_ROWS:
            row = tuple(
                cells.cell(
                    [g for g in gen if kind(g) == k],
                    _where("Declension", label, col),
                    _matcher(case=case, gender=gender),
                )
                for col, k, gender in cols
            )
            rows.append(InflectionRow(label, row))
        return (InflectionSection("Declension", tuple(c for c, _p, _g in cols), tuple(rows)),)

    def _persons(
        self,
        gen: tuple[Reading, ...],
        cells: _Cells,
        title: str,
        pos: str,
        persons: tuple[tuple[str, str], ...] = PERSON_ROWS,
    ) -> InflectionSection:
        """Persons × singular/plural (present, simple future)."""
        rows = [
            InflectionRow(
                label,
                tuple(
                    cells.cell(
                        gen, _where(title, label, col), _matcher(pos=pos, person=p, number=n)
                    )
                    for n, col in NUMBER_COLS
                ),
            )
            for p, label in persons
        ]
        return InflectionSection(title, tuple(lab for _k, lab in NUMBER_COLS), tuple(rows))

    def _persons_by_gender(
        self, gen: tuple[Reading, ...], cells: _Cells, title: str, pos: str
    ) -> InflectionSection:
        """Persons × gender and number (past tense, conditional)."""
        rows = [
            InflectionRow(
                label,
                tuple(
                    cells.cell(
                        gen,
                        _where(title, label, col),
                        _matcher(pos=pos, person=p, number=n, gender=gnd),
                    )
                    for col, n, gnd in PAST_COLS
                ),
            )
            for p, label in PERSON_ROWS
        ]
        return InflectionSection(title, tuple(lab for lab, _n, _g in PAST_COLS), tuple(rows))

    def _verb(self, gen: tuple[Reading, ...], cells: _Cells) -> tuple[InflectionSection, ...]:
        sections: list[InflectionSection] = []
        infinitive = cells.cell(gen, "Infinitive", _matcher(pos="inf"))
        aspect = "perf" if any("perf" in g.aspect for g in gen if g.pos == "inf") else "imperf"
        sections.append(
            InflectionSection(
                "Infinitive",
                ("Form",),
                (
                    InflectionRow("Infinitive", (infinitive,)),
                    InflectionRow(
                        "Aspect", ("perfective" if aspect == "perf" else "imperfective",)
                    ),
                ),
            )
        )
        if aspect == "perf":
            sections.append(self._persons(gen, cells, "Future tense", "fin"))
        else:
            sections.append(self._persons(gen, cells, "Present tense", "fin"))
        sections.append(self._persons_by_gender(gen, cells, "Past tense", "praet"))
        if any(g.pos == "bedzie" for g in gen):  # być: będę, będziesz …
            sections.append(self._persons(gen, cells, "Future tense", "bedzie"))
        elif aspect == "imperf" and infinitive:
            sections.extend(self._compound_future(gen, infinitive.split(" / ")[0]))
        sections.append(self._persons_by_gender(gen, cells, "Conditional", "cond"))
        sections.append(self._imperative(gen, cells))
        other = (
            ("Impersonal past", _matcher(pos="imps")),
            ("Present adverbial participle", _matcher(pos="pcon")),
            ("Anterior adverbial participle", _matcher(pos="pant")),
            (
                "Active adjectival participle",
                _matcher(pos="pact", case="nom", number="sg", gender="m1"),
            ),
            (
                "Passive adjectival participle",
                _matcher(pos="ppas", case="nom", number="sg", gender="m1"),
            ),
            ("Verbal noun", _matcher(pos="ger", case="nom", number="sg")),
        )
        rows = []
        for label, pred in other:
            forms = [g for g in gen if pred(g) and "neg" not in g.tag.split(":")]
            value = cells.cell(forms, label, lambda _r: True)
            if value:
                rows.append(InflectionRow(label, (value,)))
        sections.append(InflectionSection("Other forms", ("Form",), tuple(rows)))
        return tuple(sections)

    def _compound_future(
        self, gen: tuple[Reading, ...], infinitive: str
    ) -> tuple[InflectionSection, ...]:
        """*będę* + infinitive, and *będę* + the past form (by gender), of an imperfective verb."""
        bedzie = {
            (p, n): r.form
            for r in self._morph.generate("być")
            if r.pos == "bedzie"
            for p in r.person
            for n in r.number
        }
        rows = [
            InflectionRow(
                label,
                tuple(
                    f"{bedzie[(p, n)]} {infinitive}" if (p, n) in bedzie else None
                    for n, _col in NUMBER_COLS
                ),
            )
            for p, label in PERSON_ROWS
        ]
        with_infinitive = InflectionSection(
            "Future tense", tuple(lab for _k, lab in NUMBER_COLS), tuple(rows)
        )
        # the l-form: "praet" without a person of its own (Morfeusz: praet:sg:f:imperf)
        l_forms = tuple(
            g for g in gen if g.pos == "praet" and not {"pri", "sec", "ter"} & set(g.tag.split(":"))
        )
        past_rows = []
        for p, label in PERSON_ROWS:
            row: list[str | None] = []
            for _col, n, gnd in PAST_COLS:
                l_form = _join(
                    [g.form for g in l_forms if n in g.number and gnd in g.gender and not _note(g)]
                )
                aux = bedzie.get((p, n))
                row.append(f"{aux} {l_form}" if aux and l_form else None)
            past_rows.append(InflectionRow(label, tuple(row)))
        with_past = InflectionSection(
            "Future tense (with the past form)",
            tuple(lab for lab, _n, _g in PAST_COLS),
            tuple(past_rows),
        )
        return with_infinitive, with_past

    def _imperative(self, gen: tuple[Reading, ...], cells: _Cells) -> InflectionSection:
        title = "Imperative"
        pred_sg = _matcher(pos="impt", person="sec", number="sg")
        pred_pl = _matcher(pos="impt", person="sec", number="pl")
        first = cells.cell(
            gen,
            _where(title, "1st person", "Plural"),
            _matcher(pos="impt", person="pri", number="pl"),
        )
        # niech + the 3rd person of the present (a perfective verb: of the future; być: będzie)
        third_pos = "bedzie" if any(g.pos == "bedzie" for g in gen) else "fin"
        third = [
            cells.cell(
                gen,
                _where(title, "3rd person", col),
                _matcher(pos=third_pos, person="ter", number=n),
            )
            for n, col in NUMBER_COLS
        ]
        rows = (
            InflectionRow("1st person", (None, first)),
            InflectionRow(
                "2nd person",
                (
                    cells.cell(gen, _where(title, "2nd person", "Singular"), pred_sg),
                    cells.cell(gen, _where(title, "2nd person", "Plural"), pred_pl),
                ),
            ),
            InflectionRow(
                "3rd person",
                tuple(
                    " / ".join(f"niech {form}" for form in cell.split(" / ")) if cell else None
                    for cell in third
                ),
            ),
        )
        return InflectionSection(title, tuple(lab for _k, lab in NUMBER_COLS), rows)


# ---- Polish labels ---------------------------------------------------------------------------

PL_LABELS = {
    # sections
    "Declension": "Odmiana",
    "Comparative": "Stopień wyższy",
    "Superlative": "Stopień najwyższy",
    "Gender": "Rodzaj",
    "Infinitive": "Bezokolicznik",
    "Aspect": "Aspekt",
    "Present tense": "Czas teraźniejszy",
    "Past tense": "Czas przeszły",
    "Future tense": "Czas przyszły",
    "Future tense (with the past form)": "Czas przyszły (z formą przeszłą)",
    "Conditional": "Tryb przypuszczający",
    "Imperative": "Tryb rozkazujący",
    "Other forms": "Inne formy",
    RARE_SECTION: "Formy rzadkie i dawne",
    # columns
    "Singular": "Liczba pojedyncza",
    "Plural": "Liczba mnoga",
    "Form": "Forma",
    "Usage": "Użycie",
    "Masculine singular": "Rodzaj męski, lp.",
    "Masculine animate singular": "Rodzaj męski żywotny, lp.",
    "Masculine inanimate singular": "Rodzaj męski nieżywotny, lp.",
    "Feminine singular": "Rodzaj żeński, lp.",
    "Neuter singular": "Rodzaj nijaki, lp.",
    "Masculine personal plural": "Rodzaj męskoosobowy, lm.",
    "Masculine personal": "Męskoosobowy",
    "Masculine animate and inanimate": "Męski nieosobowy",
    "Feminine": "Żeński",
    "Neuter": "Nijaki",
    "Collective": "Zbiorowy",
    "Non-masculine-personal plural": "Rodzaj niemęskoosobowy, lm.",
    # rows
    "Nominative": "Mianownik",
    "Genitive": "Dopełniacz",
    "Dative": "Celownik",
    "Accusative": "Biernik",
    "Instrumental": "Narzędnik",
    "Locative": "Miejscownik",
    "Vocative": "Wołacz",
    "1st person": "1. osoba",
    "2nd person": "2. osoba",
    "3rd person": "3. osoba",
    "Impersonal past": "Forma bezosobowa",
    "Present adverbial participle": "Imiesłów przysłówkowy współczesny",
    "Anterior adverbial participle": "Imiesłów przysłówkowy uprzedni",
    "Active adjectival participle": "Imiesłów przymiotnikowy czynny",
    "Passive adjectival participle": "Imiesłów przymiotnikowy bierny",
    "Verbal noun": "Rzeczownik odczasownikowy",
    # values
    "perfective": "dokonany",
    "imperfective": "niedokonany",
    "masculine personal": "męskoosobowy",
    "masculine animate": "męski żywotny",
    "masculine inanimate": "męski nieżywotny",
    "feminine": "żeński",
    "neuter": "nijaki",
    "plural only": "tylko liczba mnoga",
    "dated": "dawne",
    "archaic": "przestarzałe",
    "rare": "rzadkie",
    "dialect": "gwarowe",
    "regional": "regionalne",
    "colloquial": "potoczne",
    "literary": "książkowe",
    "elevated": "podniosłe",
    "vulgar": "wulgarne",
    "derogatory": "pogardliwe",
    "jargon": "środowiskowe",
    "slang": "slangowe",
    "nonstandard": "niepoprawne",
    "pejorative": "deprecjatywne",
    "joined to a preposition: doń, zań": "łącznie z przyimkiem: doń, zań",
}
PL_PARTS_OF_SPEECH = {
    "noun": "rzeczownik",
    "pronoun": "zaimek",
    "numeral": "liczebnik",
    "adjective": "przymiotnik",
    "verb": "czasownik",
}
_VALUE_SECTIONS = frozenset({"Infinitive", "Gender", RARE_SECTION})


def _pl(label: str) -> str:
    if " · " in label:
        return " · ".join(_pl(part) for part in label.split(" · "))
    if " / " in label:
        return " / ".join(_pl(part) for part in label.split(" / "))
    return PL_LABELS.get(label, label)


def localise(table: InflectionTable, lang: Lang) -> InflectionTable:
    """The table with its labels (and the words that are labels, such as the aspect) in
    ``lang``; the forms are never touched. English is the table as built."""
    if lang != "pl":
        return table
    sections = []
    for section in table.sections:
        rows = []
        for row in section.rows:
            values = row.cells
            if section.title in _VALUE_SECTIONS:
                if section.title == RARE_SECTION:
                    values = (row.cells[0], _pl(row.cells[1]) if row.cells[1] else None)
                elif row.label in ("Aspect", "Gender"):
                    values = tuple(_pl(c) if c else None for c in row.cells)
            rows.append(InflectionRow(_pl(row.label), values))
        sections.append(
            InflectionSection(
                _pl(section.title), tuple(_pl(c) for c in section.columns), tuple(rows)
            )
        )
    return InflectionTable(
        word=table.word,
        lemma=table.lemma,
        part_of_speech=PL_PARTS_OF_SPEECH.get(table.part_of_speech, table.part_of_speech),
        sections=tuple(sections),
    )
