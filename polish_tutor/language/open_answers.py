"""Open lesson steps (issue 14): a step whose question the learner answers with their own
content (their temperature, the day they bought something, their address, their own thanks).

A lesson step declares ``open: [[...], ...]``: groups of what a right answer must say, one
member of each group. A member is a lemma (*gorączka*, *stopień*) or a kind of content:
``@date`` (*7 marca*, *dziesięć dni temu*, *wczoraj*, *w zeszły wtorek*), ``@number`` (digits
or a numeral), ``@address`` (a street and its number: *Polna 3/5*) or ``@name`` (the learner's
name signing a letter's closing: the closing is judged as the step's answers are). An answer
that is none of the step's listed ones is then correct when it says what the step asks, the
free-text checker finds nothing wrong in it, its content is said the way Polish says it (a
date's month in the genitive, *w zeszłym tygodniu*, *po niemiecku*, a street in the
nominative), its verbs are in the step's persons and forms and it says none of the step's own
words in another form; see ``Comparer.compare``.

A noun slot may be restricted to a class (``slot_classes: {bieganiem: sports}``): a named
class of ``data/noun_classes.tsv`` or a list of lemmas. A noun outside it is refused with what
the step asks for, not a grammar verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .grammar import MONTHS, WEEKDAYS
from .morph import Morphology, Reading
from .text import tokenize
from .types import ExplainIn, Issue

CONTENT_KINDS = frozenset({"@date", "@number", "@address", "@name"})

_DATA = Path(__file__).resolve().parent / "data" / "noun_classes.tsv"

ORDINALS = frozenset(
    "pierwszy drugi trzeci czwarty piąty szósty siódmy ósmy dziewiąty dziesiąty jedenasty "
    "dwunasty trzynasty czternasty piętnasty szesnasty siedemnasty osiemnasty dziewiętnasty "
    "dwudziesty trzydziesty".split()
)
_SPANS = frozenset({"dzień", "tydzień", "miesiąc", "rok", "godzina", "minuta"})
_YEAR_SPANS = frozenset({"tydzień", "miesiąc", "rok"})
_DAYS = frozenset({"wczoraj", "przedwczoraj", "dzisiaj", "dziś"})
_LAST = frozenset({"zeszły", "ubiegły", "poprzedni"})
# a street's name follows these in the case they take (mieszkam na ulicy Długiej)
_STREET_PREPOSITIONS = frozenset({"na", "przy", "z", "ze", "do", "od", "przez", "obok", "koło"})
_FINITE = frozenset({"fin", "bedzie", "impt"})
_DECLINED = frozenset({"subst", "adj", "num", "ppron12", "ppron3"})
_FEW = frozenset({"dwa", "dwie", "trzy", "cztery", "oba", "obie"})
_VERB_FORMS = frozenset({"fin", "bedzie", "impt", "praet"})


@dataclass(frozen=True, slots=True)
class NounClass:
    """The nouns a slot accepts: a named class (its name in English and Polish) or a list."""

    name: str
    en: str
    pl: str
    lemmas: frozenset[str]


@lru_cache(maxsize=1)
def named_classes() -> dict[str, NounClass]:
    """The named noun classes of ``data/noun_classes.tsv`` (sports, transport, …)."""
    out: dict[str, NounClass] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, en, pl, lemmas = line.split("\t")
        out[name] = NounClass(name, en, pl, frozenset(lemmas.split()))
    return out


def noun_class(spec: str | Sequence[str]) -> NounClass | None:
    """A slot's class as declared: a class name, or a list of lemmas (None: no such name)."""
    if isinstance(spec, str):
        return named_classes().get(spec)
    return NounClass("", "", "", frozenset(lemma.lower() for lemma in spec))


def outside_class(word: str, slot_word: str, cls: NounClass, lang: ExplainIn) -> str:
    """What a learner is told when their noun is not of the slot's class."""
    if cls.name:
        what = cls.pl if lang == "pl" else cls.en
        if lang == "pl":
            return f"*{word}* to nie {what}: tu trzeba podać {what}, np. *{slot_word}*."
        return f"*{word}* is not {what}: this step asks for {what}, like *{slot_word}*."
    listed = ", ".join(f"*{lemma}*" for lemma in sorted(cls.lemmas))
    if lang == "pl":
        return f"Tu pasuje jedno z tych słów: {listed} (*{word}* do nich nie należy)."
    return f"This step asks for one of these: {listed} (*{word}* is not one of them)."


class OpenAnswers:
    """What an open step's answer says, and whether it says its content the Polish way."""

    def __init__(self, morph: Morphology) -> None:
        self._morph = morph

    def _readings(self, word: str) -> tuple[Reading, ...]:
        return self._morph.analyse(word) or self._morph.analyse(word.lower())

    def _lemmas(self, word: str) -> frozenset[str]:
        return frozenset({word.lower(), *(r.lemma.lower() for r in self._readings(word))})

    def says(self, answer: str, needs: Sequence[Sequence[str]]) -> bool:
        """Does ``answer`` say one member of each group of ``needs``?"""
        tokens = [t.text for t in tokenize(answer)]
        lemmas = [self._lemmas(t) for t in tokens]
        found: set[str] = set().union(*lemmas) if lemmas else set()
        kinds = self._content(answer, tokens, lemmas)
        return all(
            any(m.lower() in found if m not in CONTENT_KINDS else m in kinds for m in group)
            for group in needs
        )

    def _content(self, answer: str, tokens: list[str], lemmas: list[frozenset[str]]) -> set[str]:
        kinds: set[str] = set()
        for i, (token, lem) in enumerate(zip(tokens, lemmas, strict=True)):
            if token.isdecimal() or any(r.pos == "num" for r in self._readings(token)):
                kinds.add("@number")
            before = lemmas[max(0, i - 3) : i]
            if (
                (token.lower() == "temu" and any(b & _SPANS for b in before))
                or token.lower() in _DAYS
                or lem & MONTHS
                or lem & WEEKDAYS
                or (lem & _SPANS and i > 0 and lemmas[i - 1] & _LAST)
            ):
                kinds.add("@date")
            if (
                (token[:1].isdigit() or any(r.pos == "num" for r in self._readings(token)))
                and i > 0
                and self._street(tokens[i - 1])
            ):
                kinds.add("@address")  # a street and its number: Polna 3/5, Długa osiem
        return kinds

    def unsigned(self, answer: str) -> str | None:
        """``answer`` without the name it ends with after a comma (a signature: *Z poważaniem,
        Mark Brown.* → *Z poważaniem.*); None when it ends with no name (``@name``)."""
        head, comma, tail = answer.rpartition(",")
        names = [t.text for t in tokenize(tail)]
        if not comma or not head.strip() or not 1 <= len(names) <= 3:
            return None
        if not all(self._name(name) for name in names):
            return None
        return head.rstrip() + "."

    def _street(self, token: str) -> bool:
        """A capitalised word that may name a street (*Długa*, *Mickiewicza*), not a verb."""
        if not (token[:1].isupper() and token.isalpha()):
            return False
        readings = self._readings(token)
        return not readings or any(r.pos in ("subst", "adj") for r in readings)

    def _name(self, token: str) -> bool:
        """A capitalised word Morfeusz does not know (Mark) or a name in the nominative (a
        signature names its writer: *Katarzyna Kowalska*, not *Katarzyną Kowalską*)."""
        if not (token[:1].isupper() and token.isalpha()):
            return False
        readings = self._morph.analyse(token)
        return not readings or any(
            r.full_lemma[:1].isupper() and (not r.case or "nom" in r.case) for r in readings
        )

    def in_doubt(self, answer: str) -> bool:
        """Does the answer hold a pair of words that cannot go together, which the free-text
        checker may leave alone: an adjective agreeing with no reading of the noun after it
        (*wielkie przyjemność*), a word after a preposition in none of its cases (*od
        wczorajszy*), *dwa*/*trzy*/*cztery* before a noun with no plural (*dwa tydzień*)? An
        open answer is then not taken as the learner's own right words."""
        tokens = [t.text for t in tokenize(answer)]
        for a, b in zip(tokens, tokens[1:], strict=False):
            first, second = self._readings(a), self._readings(b)
            if not first or not second:
                continue
            nouns = [r for r in second if r.pos == "subst"]
            adjectives = [r for r in first if r.pos == "adj"]
            if (
                adjectives
                and not any(r.pos in ("subst", "ppron12", "ppron3") for r in first)
                and nouns
                and all(r.pos == "subst" for r in second)
                and not any(
                    x.case & n.case and x.number & n.number and x.gender & n.gender
                    for x in adjectives
                    for n in nouns
                )
            ):
                return True
            cases = {c for r in first if r.pos == "prep" for c in r.case}
            if (
                cases
                and all(r.pos in _DECLINED for r in second)
                and not any(r.case & cases for r in second)
            ):
                return True
            if a.lower() in _FEW and nouns and all(r.pos == "subst" for r in second):
                if not any("pl" in n.number and n.case & {"nom", "acc"} for n in nouns):
                    return True
        return False

    def content_issue(self, answer: str, lang: ExplainIn) -> Issue | None:
        """The first piece of content said otherwise than Polish says it: a date's month not
        in the genitive (*7 marzec* → *7 marca*), its day not an ordinal in the genitive
        (*siódmy marca* → *siódmego*), a street not in the nominative where no preposition
        governs it (*Mój adres to ulicy Lipowa* → *ulica*)."""
        tokens = [t.text for t in tokenize(answer)]
        for i, token in enumerate(tokens):
            readings = self._readings(token)
            month = [r for r in readings if r.lemma.lower() in MONTHS]
            prev = tokens[i - 1] if i > 0 else ""
            prev_readings = self._readings(prev) if prev else ()
            ordinal = [r for r in prev_readings if r.lemma.lower() in ORDINALS]
            if month and (prev.isdecimal() or ordinal):
                if ordinal and not any("gen" in r.case and "sg" in r.number for r in ordinal):
                    want = self._form(ordinal[0].full_lemma, "gen", "adj")
                    if want is not None:
                        return _issue(prev, want, i - 1, _ORDINAL_DAY, lang)
                if not any("gen" in r.case for r in month):
                    want = self._form(month[0].full_lemma, "gen", "subst")
                    if want is not None:
                        return _issue(token, want, i, _MONTH, lang, day=prev)
            span = [r for r in readings if r.pos == "subst" and r.lemma.lower() in _YEAR_SPANS]
            which = [r for r in prev_readings if r.pos == "adj"]
            if (
                span
                and which
                and i > 1
                and tokens[i - 2].lower() == "w"
                and not any("loc" in r.case for r in span)
            ):
                # *w zeszłym tygodniu*, not *w zeszły tydzień* (a day takes the accusative:
                # *w zeszły wtorek*)
                noun = self._form(span[0].full_lemma, "loc", "subst")
                adj = self._form(which[0].full_lemma, "loc", "adj")
                if noun is not None and adj is not None:
                    return _issue(token, noun, i, _SPAN, lang, day=f"w {adj}", shown=f"w {prev}")
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if prev.lower() == "po" and not any(r.pos == "adjp" for r in readings):
                # *po niemiecku* (in German), not *po niemiecki*, unless a noun follows
                adjp = self._adjp(readings)
                if adjp is not None and not any(r.pos == "subst" for r in self._readings(after)):
                    return _issue(token, adjp, i, _LANGUAGE, lang, day="po", shown="po")
            street = [r for r in readings if r.lemma.lower() == "ulica"]
            if (
                street
                and not any("nom" in r.case for r in street)
                and prev.lower() not in _STREET_PREPOSITIONS
            ):
                return _issue(token, "ulica", i, _STREET, lang)
        return None

    def _adjp(self, readings: tuple[Reading, ...]) -> str | None:
        """The *po …-u* form of an adjective (*niemiecki* → *niemiecku*), if it has one."""
        for r in readings:
            if r.pos == "adj":
                for form in self._morph.generate(r.full_lemma):
                    if form.pos == "adjp":
                        return form.form
        return None

    def _form(self, lemma: str, case: str, pos: str) -> str | None:
        for r in self._morph.generate(lemma):
            if (
                r.pos == pos
                and case in r.case
                and "sg" in r.number
                and (pos != "adj" or "m3" in r.gender)
                and "pos" in (r.degree or {"pos"})
            ):
                return r.form
        return None

    def verbs_fit(self, answer: str, accepted: Sequence[str]) -> bool:
        """Every verb of ``answer`` whose person or form is certain is in a person the step's
        answers use (or the third) and a form they use (present or simple future, past,
        imperative): a learner who should say what they will do does not say what the tutor
        will (*Jasne, chętnie pójdziesz!*) nor what they did (*Oczywiście, przyszedłem.*)."""
        persons = {"ter"}
        forms: set[str] = set()
        for sentence in accepted:
            for token in tokenize(sentence):
                p, f = self._verb(token.text)
                persons |= p
                forms |= f
        verbs: list[tuple[str, frozenset[str]]] = []  # (word, its verb forms) and each *i*
        for token in tokenize(answer):
            p, f = self._verb(token.text)
            if (p and not p & persons) or (f and not f & forms):
                return False
            if token.key == "i":
                verbs.append(("i", frozenset()))
            elif f or self._infinitive(token.text):
                verbs.append((token.key, f or frozenset({"inf"})))
        # a finite verb and an infinitive joined by *i* (*Zadzwonimy do wnuczki i ją
        # zapytać*): the second verb takes the first one's form
        return not any(
            a[1] and "inf" not in a[1] and b[0] == "i" and c[1] == frozenset({"inf"})
            for a, b, c in zip(verbs, verbs[1:], verbs[2:], strict=False)
        )

    def _infinitive(self, word: str) -> bool:
        readings = self._readings(word)
        return bool(readings) and all(r.pos == "inf" for r in readings)

    def _verb(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """The persons and the verb forms a word can be, when it can only be a verb."""
        readings = self._readings(word)
        if not readings or any(r.pos not in _VERB_FORMS for r in readings):
            return frozenset(), frozenset()
        persons = frozenset().union(*(r.person for r in readings if r.pos in _FINITE))
        return persons, frozenset(r.pos for r in readings)


_MONTH = (
    "In a date the month is in the genitive after the day: *{want}*, not *{got}*.",
    "W dacie miesiąc stoi po dniu w dopełniaczu: *{want}*, nie *{got}*.",
)
_ORDINAL_DAY = (
    "In a date the day is an ordinal number in the genitive: *{want}*, not *{got}*.",
    "W dacie dzień to liczebnik porządkowy w dopełniaczu: *{want}*, nie *{got}*.",
)
_SPAN = (
    "With *w*, a week, a month or a year is in the locative: *{want}*, not *{got}*.",
    "Z *w* tydzień, miesiąc i rok stoją w miejscowniku: *{want}*, nie *{got}*.",
)
_LANGUAGE = (
    "To say in a language, *po* takes the form in *-u*: *{want}*, not *{got}*.",
    "„W jakimś języku” to *po* i forma na *-u*: *{want}*, nie *{got}*.",
)
_STREET = (
    "An address names the street in the nominative: *{want}*, not *{got}*.",
    "W adresie ulica stoi w mianowniku: *{want}*, nie *{got}*.",
)


def _issue(
    got: str,
    want: str,
    position: int,
    texts: tuple[str, str],
    lang: ExplainIn,
    day: str = "",
    shown: str | None = None,
) -> Issue:
    """The content issue at ``position``; ``day`` (and ``shown``, as the learner wrote it)
    are the words shown before the word: *7 marca*, *w zeszłym tygodniu*."""
    want = want[:1].upper() + want[1:] if got[:1].isupper() else want
    text = texts[1] if lang == "pl" else texts[0]
    before = f"{day} " if day else ""
    said = f"{shown} " if shown is not None else before
    return Issue(
        type="inflection",
        expected=want,
        got=got,
        explanation=text.format(want=before + want, got=said + got),
        feature="case",
        position=position,
    )
