"""The learner's words as Morfeusz paradigms: the nouns, verbs and adjectives of lesson
vocabularies, each with the forms a drill asks for.

A vocabulary entry is written for people (``mówić: mówię, mówisz``, ``jabłko, jabłka``,
``kilo (kilogram)``, ``pisać / napisać``): it is split into its words, and a word (or a verb
with *się*) becomes a lexeme when Morfeusz reads it as a noun in the nominative, a verb, or an
adjective in its dictionary form. Forms come from the engine's inflection tables
(``LanguageEngine.inflect``: Morfeusz's generator, the usual forms of each cell, most frequent
first, rare and dated ones left out).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from polish_tutor.language import LanguageEngine, UnknownWordError
from polish_tutor.language.morph import Reading
from polish_tutor.language.types import InflectionSection, InflectionTable
from polish_tutor.lessons.schemas import Lesson

CASE_LABELS = {
    "Nominative": "nom",
    "Genitive": "gen",
    "Dative": "dat",
    "Accusative": "acc",
    "Instrumental": "inst",
    "Locative": "loc",
    "Vocative": "voc",
}
NUMBER_LABELS = {"Singular": "sg", "Plural": "pl"}
PERSON_LABELS = {"1st person": "pri", "2nd person": "sec", "3rd person": "ter"}
# The past tense's columns: (number, gender) as the engine's tables label them.
PAST_LABELS = {
    "Masculine singular": ("sg", "m"),
    "Feminine singular": ("sg", "f"),
    "Neuter singular": ("sg", "n"),
    "Masculine personal plural": ("pl", "m1"),
    "Non-masculine-personal plural": ("pl", "other"),
}
# An adjective's columns, and which of them a noun of each gender and number agrees with.
ADJECTIVE_COLUMNS = {
    ("sg", "m1"): "Masculine animate singular",
    ("sg", "m2"): "Masculine animate singular",
    ("sg", "m3"): "Masculine inanimate singular",
    ("sg", "f"): "Feminine singular",
    ("sg", "n"): "Neuter singular",
    ("pl", "m1"): "Masculine personal plural",
    ("pl", "m2"): "Non-masculine-personal plural",
    ("pl", "m3"): "Non-masculine-personal plural",
    ("pl", "f"): "Non-masculine-personal plural",
    ("pl", "n"): "Non-masculine-personal plural",
}
GENDERS = ("m1", "m2", "m3", "f", "n")
PLURAL_ZIPF = 1.0
# Where Morfeusz's usual form is not the one a teacher gives: *chłopak*'s plural is *chłopcy*
# (or the casual *chłopaki*), not *chłopacy*.
FORM_OVERRIDES: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("chłopak", "nom", "pl"): ("chłopcy", "chłopaki"),
    ("chłopak", "voc", "pl"): ("chłopcy", "chłopaki"),
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PARENTHESES = re.compile(r"\([^)]*\)")
_VERB_POS = frozenset({"inf", "fin", "praet", "bedzie"})
# A word that can be one of these is not taken for a verb form (zima is not *zimać*'s).
_NOT_VERB_POS = frozenset({"subst", "adj", "adv", "num", "ppron12", "ppron3"})
# Words a lexicon never takes as a noun, verb or adjective of its own: pronouns and the like
# that Morfeusz reads as adjectives (mój, ten) are drilled through the nouns they go with.
_NOT_LEXEMES = frozenset(
    {
        "mój",
        "twój",
        "swój",
        "nasz",
        "wasz",
        "ten",
        "tamten",
        "taki",
        "który",
        "jaki",
        "czyj",
        "każdy",
        "wszystek",
        "sam",
        "inny",
        "jeden",
        "żaden",
        "to",
        "co",
        "coś",
        "nic",
        "kto",
        "ktoś",
        "nikt",
        "wszystko",
        "wszyscy",
        "wszystkie",
        "pech",  # an m2 noun only in *mieć pecha*: *Widzę pecha* says nothing
    }
)


# Verbs that are not said of every person: the weather's *przejaśnić się*, a couple's
# *pobrać się*, *udać się* (it worked out).
_NOT_BY_PERSON = frozenset(
    {
        ("przejaśnić", True),
        ("przejaśniać", True),
        ("pobrać", True),
        ("pobierać", True),
        ("udać", True),
        ("padać", False),
        ("grzmieć", False),
    }
)


def cells(text: str | None) -> tuple[str, ...]:
    """A table cell's forms ("pokoi / pokojów" → two), the usual one first."""
    if not text:
        return ()
    return tuple(part.strip() for part in text.split(" / ") if part.strip())


@dataclass(frozen=True, slots=True)
class Noun:
    lemma: str
    gender: str  # m1 m2 m3 f n, as the progress grid names it
    forms: dict[tuple[str, str], tuple[str, ...]]  # (case, number) → forms, usual first
    gloss: str | None
    plural: bool = True  # people use its plural (not *pechy*, *mleka* as milks)

    @property
    def countable(self) -> bool:
        """A common noun with a singular and a plural in use: one an everyday adjective can go
        with (not *szczęście*, *mięso*, *urodziny*, *Mikołaj*)."""
        return self.plural and self.lemma[:1].islower() and ("nom", "sg") in self.forms

    def form(self, case: str, number: str) -> tuple[str, ...]:
        if number == "pl" and not self.plural:
            return ()
        return self.forms.get((case, number), ())


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    aspect: str  # imperf or perf
    reflexive: bool
    # (person, number) → forms: the present tense (imperfective) or the simple future
    # (perfective)
    finite: dict[tuple[str, str], tuple[str, ...]]
    # (person, number, column) → forms; column as in PAST_LABELS (m, f, n, m1, other)
    past: dict[tuple[str, str, str], tuple[str, ...]]
    # the imperfective's future: (person, number) → "będę pisać"; (person, number, column) →
    # "będę pisał"
    future: dict[tuple[str, str], tuple[str, ...]]
    future_past: dict[tuple[str, str, str], tuple[str, ...]]
    gloss: str | None

    @property
    def name(self) -> str:
        return f"{self.lemma} się" if self.reflexive else self.lemma


@dataclass(frozen=True, slots=True)
class Adjective:
    lemma: str
    # (case, column label) → forms
    forms: dict[tuple[str, str], tuple[str, ...]]
    gloss: str | None

    def agreeing(self, case: str, number: str, gender: str) -> tuple[str, ...]:
        column = ADJECTIVE_COLUMNS.get((number, gender))
        return self.forms.get((case, column), ()) if column else ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words of some lessons, each once, in the order the lessons teach them."""

    nouns: tuple[Noun, ...] = ()
    verbs: tuple[Verb, ...] = ()
    adjectives: tuple[Adjective, ...] = ()
    _noun_by_lemma: dict[str, Noun] = field(default_factory=dict, compare=False)
    _verb_by_name: dict[str, Verb] = field(default_factory=dict, compare=False)
    _adjective_by_lemma: dict[str, Adjective] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, parts: Iterable[Lexicon]) -> Lexicon:
        nouns: dict[str, Noun] = {}
        verbs: dict[str, Verb] = {}
        adjectives: dict[str, Adjective] = {}
        for part in parts:
            for noun in part.nouns:
                nouns.setdefault(noun.lemma, noun)
            for verb in part.verbs:
                verbs.setdefault(verb.name, verb)
            for adjective in part.adjectives:
                adjectives.setdefault(adjective.lemma, adjective)
        return cls(
            tuple(nouns.values()),
            tuple(verbs.values()),
            tuple(adjectives.values()),
            nouns,
            verbs,
            adjectives,
        )

    def noun(self, lemma: str) -> Noun | None:
        return self._noun_by_lemma.get(lemma)

    def verb(self, name: str) -> Verb | None:
        return self._verb_by_name.get(name)

    def adjective(self, lemma: str) -> Adjective | None:
        return self._adjective_by_lemma.get(lemma)

    def __len__(self) -> int:
        return len(self.nouns) + len(self.verbs) + len(self.adjectives)


def entry_words(pl: str, en: str) -> list[tuple[str, bool, str | None]]:
    """The single words of a vocabulary entry: (word, with *się*, its English gloss if the
    entry's gloss lines up with its parts)."""
    text = _PARENTHESES.sub(" ", pl).replace("…", " ")
    gloss = _PARENTHESES.sub(" ", en).strip()
    parts = [part.strip() for part in re.split(r"[,/:;]", text) if part.strip()]
    glosses = [g.strip() for g in re.split(r"[,/:;]", gloss) if g.strip()]
    aligned = len(glosses) == len(parts)
    out: list[tuple[str, bool, str | None]] = []
    for index, part in enumerate(parts):
        words = _WORD.findall(part)
        reflexive = "się" in words
        words = [w for w in words if w != "się"]
        if len(words) != 1:
            continue
        part_gloss = glosses[index] if aligned else (gloss if len(parts) == 1 else None)
        out.append((words[0], reflexive, part_gloss or None))
    return out


class LexiconBuilder:
    """Builds (and keeps) each lesson's lexicon; a lemma's paradigm is built once."""

    def __init__(self, engine: LanguageEngine) -> None:
        self.engine = engine
        self._lessons: dict[tuple[str, int], Lexicon] = {}
        self._nouns: dict[str, Noun | None] = {}
        self._verbs: dict[tuple[str, bool], Verb | None] = {}
        self._adjectives: dict[str, Adjective | None] = {}
        self._lock = threading.Lock()

    def for_lessons(self, lessons: Sequence[Lesson]) -> Lexicon:
        return Lexicon.of(self.for_lesson(lesson) for lesson in lessons)

    def for_lesson(self, lesson: Lesson) -> Lexicon:
        key = (lesson.id, lesson.version)
        found = self._lessons.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._lessons.get(key)
            if found is None:
                found = self._lessons[key] = self._build(lesson)
        return found

    def _build(self, lesson: Lesson) -> Lexicon:
        nouns: list[Noun] = []
        verbs: list[Verb] = []
        adjectives: list[Adjective] = []
        names = {name.lower() for name in lesson.names}
        for item in lesson.vocabulary:
            for word, reflexive, gloss in entry_words(item.pl, item.en):
                if word.lower() in names:
                    continue
                readings = self.engine.readings(word)
                kinds = {r.pos for r in readings}
                verb_lemmas = {r.lemma for r in readings if r.pos == "inf"}
                if not verb_lemmas and not kinds & _NOT_VERB_POS:
                    verb_lemmas = {r.lemma for r in readings if r.pos in _VERB_POS}
                if len(verb_lemmas) == 1:
                    lemma = next(iter(verb_lemmas))
                    if reflexive and not _personal(readings):
                        continue  # mówi się, żyje się: said of no one
                    if (lemma, reflexive) in _NOT_BY_PERSON:
                        continue
                    verb = self.verb(lemma, reflexive, gloss)
                    if verb is not None:
                        verbs.append(verb)
                    continue
                if reflexive or kinds & {"adv", "interj"}:  # jutro, cześć: not nouns first
                    continue
                for lemma in sorted({r.lemma for r in readings if _dictionary_noun(r, word)}):
                    noun = self.noun(lemma, gloss)
                    if noun is not None:
                        nouns.append(noun)
                for lemma in sorted({r.lemma for r in readings if _dictionary_adjective(r, word)}):
                    adjective = self.adjective(lemma, gloss)
                    if adjective is not None:
                        adjectives.append(adjective)
        return Lexicon.of([Lexicon(tuple(nouns), tuple(verbs), tuple(adjectives))])

    def _table(self, lemma: str, part_of_speech: str) -> InflectionTable | None:
        try:
            table = self.engine.inflect(lemma)
        except UnknownWordError:
            return None
        if table.part_of_speech != part_of_speech or table.lemma != lemma:
            return None
        return table

    def noun(self, lemma: str, gloss: str | None = None) -> Noun | None:
        if lemma in self._nouns:
            return self._nouns[lemma]
        noun = None if lemma.lower() in _NOT_LEXEMES else self._make_noun(lemma, gloss)
        self._nouns[lemma] = noun
        return noun

    def _make_noun(self, lemma: str, gloss: str | None) -> Noun | None:
        table = self._table(lemma, "noun")
        if table is None:
            return None
        declension = _section(table, "Declension")
        if declension is None:
            return None
        numbers = [NUMBER_LABELS.get(column) for column in declension.columns]
        forms: dict[tuple[str, str], tuple[str, ...]] = {}
        for row in declension.rows:
            case = CASE_LABELS.get(row.label)
            if case is None:
                continue
            for number, cell in zip(numbers, row.cells, strict=True):
                if number is not None and cells(cell):
                    forms[(case, number)] = cells(cell)
        if len({form for found in forms.values() for form in found}) < 3:
            return None  # euro, kakao: nothing to drill
        gender = self._gender(lemma, forms)
        if gender is None or ("nom", "sg") not in forms and ("nom", "pl") not in forms:
            return None
        forms = self._of_gender(lemma, gender, forms)
        for (word, case, number), usual in FORM_OVERRIDES.items():
            if word == lemma:
                forms[(case, number)] = usual
        return Noun(
            lemma=lemma, gender=gender, forms=forms, gloss=gloss, plural=_plural_used(forms)
        )

    def _of_gender(
        self, lemma: str, gender: str, forms: dict[tuple[str, str], tuple[str, ...]]
    ) -> dict[tuple[str, str], tuple[str, ...]]:
        """Each cell's forms that Morfeusz reads as the noun in its gender: a lemma with two
        paradigms (*podróż*, feminine, and a rare masculine with *podróżu*) keeps its own."""
        out: dict[tuple[str, str], tuple[str, ...]] = {}
        for (case, number), found in forms.items():
            kept = tuple(
                form
                for form in found
                if any(
                    r.pos == "subst"
                    and r.lemma == lemma
                    and case in r.case
                    and number in r.number
                    and gender in r.gender
                    for r in self.engine.readings(form)
                )
            )
            if kept:
                out[(case, number)] = kept
        return out

    def _gender(self, lemma: str, forms: dict[tuple[str, str], tuple[str, ...]]) -> str | None:
        """The noun's gender as the progress grid records it: Morfeusz's gender of its
        nominative (singular, else plural), when it has exactly one."""
        for number in ("sg", "pl"):
            for form in forms.get(("nom", number), ()):
                genders = {
                    g
                    for r in self.engine.readings(form)
                    if r.pos == "subst" and r.lemma == lemma and "nom" in r.case
                    for g in r.gender
                }
                if len(genders) == 1:
                    return next(iter(genders))
                if genders:
                    return None
        return None

    def verb(self, lemma: str, reflexive: bool, gloss: str | None = None) -> Verb | None:
        key = (lemma, reflexive)
        if key in self._verbs:
            return self._verbs[key]
        verb = self._make_verb(lemma, reflexive, gloss)
        self._verbs[key] = verb
        return verb

    def _make_verb(self, lemma: str, reflexive: bool, gloss: str | None) -> Verb | None:
        table = self._table(lemma, "verb")
        if table is None:
            return None
        aspect = None
        for section in table.sections:
            if section.title == "Infinitive":
                for row in section.rows:
                    if row.label == "Aspect":
                        aspect = "perf" if row.cells[0] == "perfective" else "imperf"
        if aspect is None:
            return None
        finite_title = "Future tense" if aspect == "perf" else "Present tense"
        finite = _persons(_section(table, finite_title))
        past = _persons_by_column(_section(table, "Past tense"))
        future: dict[tuple[str, str], tuple[str, ...]] = {}
        future_past: dict[tuple[str, str, str], tuple[str, ...]] = {}
        if aspect == "imperf":
            future = _persons(_section(table, "Future tense"))
            future_past = _persons_by_column(_section(table, "Future tense (with the past form)"))
        if len(finite) < 6 or len(past) < 15:
            return None  # a verb without every person (padać, trzeba) is not drilled
        return Verb(
            lemma=lemma,
            aspect=aspect,
            reflexive=reflexive,
            finite=finite,
            past=past,
            future=future,
            future_past=future_past,
            gloss=gloss,
        )

    def adjective(self, lemma: str, gloss: str | None = None) -> Adjective | None:
        if lemma in self._adjectives:
            return self._adjectives[lemma]
        adjective = None if lemma in _NOT_LEXEMES else self._make_adjective(lemma, gloss)
        self._adjectives[lemma] = adjective
        return adjective

    def _make_adjective(self, lemma: str, gloss: str | None) -> Adjective | None:
        table = self._table(lemma, "adjective")
        declension = _section(table, "Declension") if table is not None else None
        if declension is None:
            return None
        forms: dict[tuple[str, str], tuple[str, ...]] = {}
        for row in declension.rows:
            case = CASE_LABELS.get(row.label)
            if case is None:
                continue
            for column, cell in zip(declension.columns, row.cells, strict=True):
                if cells(cell):
                    forms[(case, column)] = cells(cell)
        return Adjective(lemma=lemma, forms=forms, gloss=gloss)


def _personal(readings: Sequence[Reading]) -> bool:
    """A reflexive entry written as the infinitive or the 1st person (*nazywać się*,
    *nazywam się*): one that any person can say. *mówi się*, *żyje się* (impersonal, or the
    weather's *przejaśni się*) are not drilled by person."""
    return any(r.pos == "inf" or (r.pos == "fin" and "pri" in r.person) for r in readings)


def _dictionary_noun(reading: Reading, word: str) -> bool:
    return reading.pos == "subst" and "nom" in reading.case and reading.lemma == word


def _dictionary_adjective(reading: Reading, word: str) -> bool:
    return (
        reading.pos == "adj"
        and reading.lemma == word.lower()
        and "nom" in reading.case
        and "pos" in reading.degree
    )


def _plural_used(forms: dict[tuple[str, str], tuple[str, ...]]) -> bool:
    """Whether the noun's plural is in use: a plural form of the dative, instrumental or
    locative (the genitive's *szczęść* lives on in *szczęść Boże*) that is not also a singular
    one (*siostrami*; not *wody*, also 'of water') is at least a little frequent (wordfreq's
    Zipf scale: 1 is once in a hundred million words). A noun with no singular keeps it."""
    singular = {
        form for (_case, number), found in forms.items() if number == "sg" for form in found
    }
    if not singular:
        return True
    plural = {
        form
        for (case, number), found in forms.items()
        if number == "pl" and case in ("dat", "inst", "loc")
        for form in found
    } - singular
    return any(zipf_frequency(form.lower(), "pl") >= PLURAL_ZIPF for form in plural)


def _section(table: InflectionTable | None, title: str) -> InflectionSection | None:
    if table is None:
        return None
    return next((s for s in table.sections if s.title == title), None)


def _persons(section: InflectionSection | None) -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    if section is None:
        return out
    numbers = [NUMBER_LABELS.get(column) for column in section.columns]
    for row in section.rows:
        person = PERSON_LABELS.get(row.label)
        for number, cell in zip(numbers, row.cells, strict=True):
            if person and number and cells(cell):
                out[(person, number)] = cells(cell)
    return out


def _persons_by_column(
    section: InflectionSection | None,
) -> dict[tuple[str, str, str], tuple[str, ...]]:
    out: dict[tuple[str, str, str], tuple[str, ...]] = {}
    if section is None:
        return out
    columns = [PAST_LABELS.get(column) for column in section.columns]
    for row in section.rows:
        person = PERSON_LABELS.get(row.label)
        for column, cell in zip(columns, row.cells, strict=True):
            if person and column and cells(cell):
                out[(person, column[0], column[1])] = cells(cell)
    return out
