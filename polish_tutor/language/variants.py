"""What a teacher accepts besides the listed answer: numbers as digits, synonyms, the
learner's own words in a slot, and the learner's gender.

Everything here rewrites the *expected* sentence towards the learner's answer where the two
mean the same (``dwadzieścia`` ↔ ``20``, ``dzisiaj`` ↔ ``dziś``, ``Anna`` ↔ the learner's own
name), so the comparison that follows only reports real differences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from .grammar import Word, plausible
from .morph import Morphology, Reading, parse_tag
from .types import LearnerGender, SlotKind

# Synonyms every step accepts (a step may declare more).
GLOBAL_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("dzisiaj", "dziś"),
    ("dziękuję", "dzięki"),
    ("poproszę", "proszę"),
    ("samochód", "auto"),
    ("teraz", "obecnie"),
    ("bardzo", "strasznie"),
)

_UNITS = {
    "zero": 0,
    "jeden": 1,
    "dwa": 2,
    "trzy": 3,
    "cztery": 4,
    "pięć": 5,
    "sześć": 6,
    "siedem": 7,
    "osiem": 8,
    "dziewięć": 9,
    "dziesięć": 10,
    "jedenaście": 11,
    "dwanaście": 12,
    "trzynaście": 13,
    "czternaście": 14,
    "piętnaście": 15,
    "szesnaście": 16,
    "siedemnaście": 17,
    "osiemnaście": 18,
    "dziewiętnaście": 19,
    "dwadzieścia": 20,
    "trzydzieści": 30,
    "czterdzieści": 40,
    "pięćdziesiąt": 50,
    "sześćdziesiąt": 60,
    "siedemdziesiąt": 70,
    "osiemdziesiąt": 80,
    "dziewięćdziesiąt": 90,
    "sto": 100,
    "dwieście": 200,
    "trzysta": 300,
    "czterysta": 400,
    "pięćset": 500,
    "sześćset": 600,
    "siedemset": 700,
    "osiemset": 800,
    "dziewięćset": 900,
}
_THOUSAND = "tysiąc"
_ORDINALS = {
    "pierwszy": 1,
    "drugi": 2,
    "trzeci": 3,
    "czwarty": 4,
    "piąty": 5,
    "szósty": 6,
    "siódmy": 7,
    "ósmy": 8,
    "dziewiąty": 9,
    "dziesiąty": 10,
    "jedenasty": 11,
    "dwunasty": 12,
    "trzynasty": 13,
    "czternasty": 14,
    "piętnasty": 15,
    "szesnasty": 16,
    "siedemnasty": 17,
    "osiemnasty": 18,
    "dziewiętnasty": 19,
    "dwudziesty": 20,
}

_ORDINAL_TENS = {
    "trzydziesty": 30,
    "czterdziesty": 40,
    "pięćdziesiąty": 50,
    "sześćdziesiąty": 60,
    "siedemdziesiąty": 70,
    "osiemdziesiąty": 80,
    "dziewięćdziesiąty": 90,
}
# months in the genitive, as a date says them (piętnastego marca)
MONTHS = frozenset(
    {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia"}
    | {"września", "października", "listopada", "grudnia"}
)

# Masculine → feminine nouns that name the speaker (nationality, profession, role).
PERSON_NOUNS: dict[str, str] = {
    "student": "studentka",
    "nauczyciel": "nauczycielka",
    "lekarz": "lekarka",
    "Polak": "Polka",
    "Anglik": "Angielka",
    "Amerykanin": "Amerykanka",
    "Niemiec": "Niemka",
    "Francuz": "Francuzka",
    "Hiszpan": "Hiszpanka",
    "Włoch": "Włoszka",
    "Rosjanin": "Rosjanka",
    "Ukrainiec": "Ukrainka",
    "Czech": "Czeszka",
    "Szkot": "Szkotka",
    "Irlandczyk": "Irlandka",
    "Kanadyjczyk": "Kanadyjka",
    "Australijczyk": "Australijka",
    "Brytyjczyk": "Brytyjka",
    "programista": "programistka",
    "kelner": "kelnerka",
    "aktor": "aktorka",
    "pisarz": "pisarka",
    "dziennikarz": "dziennikarka",
    "kucharz": "kucharka",
    "fryzjer": "fryzjerka",
    "sprzedawca": "sprzedawczyni",
    "prawnik": "prawniczka",
    "inżynier": "inżynierka",
    "pielęgniarz": "pielęgniarka",
    "emeryt": "emerytka",
    "turysta": "turystka",
    "sąsiad": "sąsiadka",
    "kolega": "koleżanka",
    "przyjaciel": "przyjaciółka",
    "mąż": "żona",
    "syn": "córka",
    "brat": "siostra",
    "chłopak": "dziewczyna",
    "pracownik": "pracownica",
    "uczeń": "uczennica",
    "nauczyciel akademicki": "nauczycielka akademicka",
}
_FEMININE_NOUNS = {v: k for k, v in PERSON_NOUNS.items()}
_SPEAKER_COPULAS = frozenset({"być", "zostać", "czuć"})
_MASC = frozenset({"m1", "m2", "m3"})
_VERB_CLASSES = frozenset({"fin", "praet", "impt", "inf", "bedzie", "cond", "imps"})


@dataclass(frozen=True, slots=True)
class Slot:
    """A word of the expected answer that stands for the learner's own word."""

    word: str  # as written in the expected answer ("Anna")
    kind: SlotKind


def number_value(lemmas: Sequence[str]) -> int | None:
    """The value of consecutive numeral lemmas ("dwadzieścia", "pięć" → 25), or None."""
    total = 0
    current = 0
    for lemma in lemmas:
        if lemma == _THOUSAND:
            total += max(current, 1) * 1000
            current = 0
            continue
        value = _UNITS.get(lemma)
        if value is None:
            return None
        current += value
    return total + current


class Variants:
    """Rewrites of an expected sentence that say the same as the learner's answer."""

    def __init__(self, morph: Morphology, frequency: Callable[[str], float]) -> None:
        self._morph = morph
        self._frequency = frequency
        # _regender's forms: a pure function of the (frozen) reading and the target genders
        # (Morfeusz's forms of its lemma and their frequencies, both fixed); the same verbs
        # and adjectives (byłem, zadowolony) come again in step after step. Bounded.
        self._regendered: dict[tuple[Reading, frozenset[str]], str | None] = {}
        self._verbs_of: dict[str, tuple[Reading, ...]] = {}  # see _singular_verbs

    # -- numbers -------------------------------------------------------------------------
    def numeral_lemma(self, word: str) -> str | None:
        for r in self._morph.analyse(word):
            if r.pos in ("num", "adj") and (r.lemma in _UNITS or r.lemma == _THOUSAND):
                if r.pos == "adj" and r.lemma != "jeden":
                    continue
                return r.lemma
            if r.pos == "subst" and r.lemma == _THOUSAND:
                return r.lemma
        return None

    def numeral_spans(self, words: Sequence[Word]) -> list[tuple[int, int, int]]:
        """(start, end, value) of each run of numeral words or a digit token."""
        spans: list[tuple[int, int, int]] = []
        i = 0
        while i < len(words):
            w = words[i]
            if w.text.isdecimal():  # not isdigit: "³" is a digit that int() cannot read
                spans.append((i, i + 1, int(w.text)))
                i += 1
                continue
            j = i
            lemmas: list[str] = []
            while j < len(words):
                lemma = self.numeral_lemma(words[j].text)
                if lemma is None or (j > i and words[j].boundary_before):
                    break
                lemmas.append(lemma)
                j += 1
            if lemmas:
                value = number_value(lemmas)
                if value is not None and not (lemmas == ["jeden"]):
                    spans.append((i, j, value))
                i = j
            else:
                i += 1
        return spans

    def ordinal_value(self, word: str) -> int | None:
        for r in self._morph.analyse(word):
            if r.pos == "adj" and r.lemma in _ORDINALS and "f" in r.gender and "sg" in r.number:
                return _ORDINALS[r.lemma]
        return None

    def ordinal_lemma_value(self, word: str, cases: frozenset[str]) -> int | None:
        """The value of an ordinal (*piętnastego* 15, *dziewięćdziesiątego* 90) in one of
        ``cases``, any gender."""
        for r in self._morph.analyse(word):
            if r.pos not in ("adj", "subst") or not r.case & cases:
                continue
            value = _ORDINALS.get(r.lemma) or _ORDINAL_TENS.get(r.lemma)
            if value is not None:
                return value
        return None

    def ordinal_number_spans(
        self, words: Sequence[Word], cases: frozenset[str]
    ) -> list[tuple[int, int, int]]:
        """(start, end, value) of ordinal numbers in words, with a year's cardinal opening
        (*dwudziestego czwartego*, *tysiąc dziewięćset dziewięćdziesiątego piątego*)."""
        spans: list[tuple[int, int, int]] = []
        i = 0
        while i < len(words):
            j = i
            lemmas: list[str] = []
            while j < len(words) and (j == i or not words[j].boundary_before):
                lemma = self.numeral_lemma(words[j].text)
                if lemma is None or self.ordinal_lemma_value(words[j].text, cases) is not None:
                    break
                lemmas.append(lemma)
                j += 1
            base = number_value(lemmas) if lemmas else 0
            value = 0
            k = j
            while k < len(words) and (k == i or not words[k].boundary_before):
                v = self.ordinal_lemma_value(words[k].text, cases)
                if v is None or (value and v >= 20 and value % 10 == 0 and value >= 20):
                    break
                value += v
                k += 1
            if k > j and base is not None:
                spans.append((i, k, base + value))
                i = k
            else:
                i += 1
        return spans

    def clock_spans(self, words: Sequence[Word]) -> list[tuple[int, int, tuple[int, int]]]:
        """(start, end, (hour, minute)) of clock times said in words: *ósmej*, *trzecia
        piętnaście*, *dwudziesta pierwsza* (the hour is a feminine ordinal: godzina)."""
        spans: list[tuple[int, int, tuple[int, int]]] = []
        i = 0
        while i < len(words):
            hour = self.ordinal_value(words[i].text)
            if hour is None:
                i += 1
                continue
            j = i + 1
            if hour == 20 and j < len(words):
                extra = self.ordinal_value(words[j].text)
                if extra is not None and extra < 10:
                    hour += extra
                    j += 1
            minute = 0
            for start, end, value in self.numeral_spans(words[j:]):
                if start == 0 and value < 60:
                    minute, j = value, j + end
                break
            spans.append((i, j, (hour, minute)))
            i = j
        return spans

    # -- synonyms ------------------------------------------------------------------------
    def synonym_groups(self, declared: Iterable[Iterable[str]] | None) -> list[frozenset[str]]:
        groups = [frozenset(g) for g in GLOBAL_SYNONYMS]
        for group in declared or ():
            groups.append(frozenset(w.lower() for w in group))
        return groups

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset(r.lemma.lower() for r in self._morph.analyse(word))

    def form_like(self, lemma: str, like: Reading) -> str | None:
        """``lemma``'s form with ``like``'s part of speech, case and number (gender free; a
        noun with no form in that number, *Niemcy*, in its own), the most used one."""
        found: list[Reading] = []
        for strict_number in (True, False):
            for g in self._morph.generate(lemma):
                if g.pos != like.pos or g.qualifiers:
                    continue
                if like.case and not g.case & like.case:
                    continue
                if strict_number and like.number and not g.number & like.number:
                    continue
                if like.person and g.person and not g.person & like.person:
                    continue
                if like.aspect and g.aspect and not g.aspect & like.aspect:
                    continue
                found.append(g)
            if found:
                break
        # the declined form (*doktora*), not an indeclinable homonym (*pani doktor*)
        specific = min((len(g.case) + len(g.number) for g in found), default=0)
        return self.most_used([g.form for g in found if len(g.case) + len(g.number) == specific])

    def adjective_for(
        self, adjective: str, noun: Reading, *, any_reading: bool = False
    ) -> str | None:
        """The adjective's form agreeing with ``noun`` (case, number, gender)."""
        readings = [r for r in self._morph.analyse(adjective) if r.pos in ("adj", "ppas", "pact")]
        for reading in readings if any_reading else readings[:1]:
            # (any_reading: the first reading with such a form; *ulubiona*: ulubić's
            # participle has none)
            forms: list[str] = []
            for g in self._morph.generate(reading.full_lemma):
                if g.pos != reading.pos or g.qualifiers:
                    continue
                if noun.case & g.case and noun.number & g.number and noun.gender & g.gender:
                    if reading.degree and not g.degree & reading.degree:
                        continue
                    forms.append(g.form)
            if forms:
                return self.most_used(forms)
        return None

    # -- the learner's gender ------------------------------------------------------------
    def gendered(
        self, words: Sequence[Word], to: LearnerGender, persons: frozenset[str]
    ) -> dict[int, str]:
        """Forms that change when the speaker (``pri``) or the person addressed (``sec``) has
        the gender ``to``: past-tense and conditional verbs, predicative adjectives after a form
        of być, and nouns that name the person (student → studentka). Index → new form."""
        out: dict[int, str] = {}
        target = frozenset({"f"}) if to == "feminine" else _MASC
        speaker_verb_at: int | None = None
        # "będę czytał", "gdybym miał": a past form after a word that says who
        person_from: int | None = None
        for i, w in enumerate(words):
            if i > 0 and w.boundary_before:
                speaker_verb_at = person_from = None
            readings = self._morph.analyse(w.text)
            verbs = [
                r
                for r in self._singular_verbs(w.text, readings)
                if r.person & persons
                or r.pos == "praet"
                and person_from is not None
                and i - person_from <= 3
            ]
            if any(r.pos == "bedzie" for r in verbs) or _conditional_conjunction(w.key, persons):
                person_from = i
            if verbs:
                if any(r.lemma in _SPEAKER_COPULAS for r in verbs):
                    speaker_verb_at = i
                gendered = [r for r in verbs if r.pos in ("praet", "cond", "winien") and r.gender]
                if gendered and not any(r.gender & target for r in gendered):
                    for reading in sorted(gendered, key=lambda r: bool(r.qualifiers)):
                        new = self._regender(reading, target)
                        if new is not None:
                            out[i] = _keep_case(w.text, new)
                            break
                continue
            if w.key in ("sam", "sama"):  # "Chodzę do kina sama"
                if self._speaker_in_sentence(words, persons):
                    new = "sama" if to == "feminine" else "sam"
                    if new != w.key:
                        out[i] = _keep_case(w.text, new)
                    continue
            if speaker_verb_at is None or i - speaker_verb_at > 3:
                continue
            if any(r.pos == "prep" for r in readings):
                speaker_verb_at = None  # "byłem u lekarza": a place, not what the speaker is
                continue
            if w.key in _TO_WHOM:
                continue  # "Byłabym pani pierwszą klientką": for whom, then what she is
            adjs = [
                r
                for r in readings
                if r.pos in ("adj", "ppas")
                and r.number == frozenset({"sg"})
                and r.case & {"nom", "inst"}
            ]
            nouns = [r for r in readings if r.pos == "subst" and r.case & {"nom", "inst"}]
            if nouns and not adjs:
                new = self._person_noun(nouns, to)
                if new is not None:
                    out[i] = _keep_case(w.text, new)
                    self._reagree_before(words, i, new, nouns, out)
                speaker_verb_at = None  # what follows the noun is not about the speaker
                continue
            if adjs and self._attributive(words, i, adjs):
                continue  # "Byłem tam pierwszy raz": pierwszy goes with raz
            if adjs and not any(r.gender & target for r in adjs):
                new = self._regender(adjs[0], target)
                if new is not None:
                    out[i] = _keep_case(w.text, new)
        return out

    def _reagree_before(
        self,
        words: Sequence[Word],
        i: int,
        noun: str,
        was: list[Reading],
        out: dict[int, str],
    ) -> None:
        """The adjectives before a noun that changed gender agree with it (*pierwszym klientem*
        → *pierwszą klientką*)."""
        cases = frozenset().union(*(r.case for r in was))
        readings = [r for r in self._morph.analyse(noun) if r.pos == "subst" and r.case & cases]
        if not readings:
            return
        j = i - 1
        while j >= 0 and not words[j + 1].boundary_before:
            adjs = [r for r in self._morph.analyse(words[j].text) if r.pos in ("adj", "ppas")]
            if not adjs:
                break
            new = self.adjective_for(words[j].text, readings[0])
            if new is not None:
                out[j] = _keep_case(words[j].text, new)
            j -= 1

    def _attributive(self, words: Sequence[Word], i: int, adjs: list[Reading]) -> bool:
        """The adjective at i goes with the noun after it (*pierwszy raz*), not the speaker."""
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return False
        return any(
            n.pos == "subst" and a.case & n.case and a.number & n.number and a.gender & n.gender
            for n in self._morph.analyse(words[i + 1].text)
            for a in adjs
        )

    def most_used(self, forms: list[str]) -> str | None:
        """The most used of several forms: one that is no other word's first (*moja*, not
        *ma*, which is also "has"; *moje*, not the archaic *me*), then the more frequent."""
        if not forms:
            return None
        forms = [f for f in forms if f.lower() not in _POETIC_FORMS] or forms
        lemmas = set.intersection(*({r.lemma for r in self._morph.analyse(f)} for f in forms))

        def key(form: str) -> tuple[int, float]:
            # another word's reading counts against a form, a verb's twice (*ma* is "has");
            # a participle's own adjective is no other word (*otwarte*, not *otworzone*)
            # only readings a writer means today: an archaic adjective *węży* is no rival
            # to the genitive *węży* (else the rarer *wężów* would be taught)
            readings = {(r.lemma, r.pos): r for r in plausible(self._morph.analyse(form))}.values()
            participle = any(r.pos in ("ppas", "pact") and r.lemma in lemmas for r in readings)
            clash = sum(
                2 if r.pos in _VERB_CLASSES else 1
                for r in readings
                if r.lemma not in lemmas and not (participle and r.pos == "adj")
            )
            return (-clash, self._frequency(form.lower()))

        return max(dict.fromkeys(forms), key=key)

    def _derived_person(self, r: Reading, to: LearnerGender) -> str | None:
        """*dentysta* → *dentystka*, *kierowniczka* → *kierownik*: a person noun of the other
        gender by its ending, if Morfeusz knows it as such."""
        pairs = (
            _FEMININE_SUFFIXES if to == "feminine" else tuple((f, m) for m, f in _FEMININE_SUFFIXES)
        )
        want = "f" if to == "feminine" else "m1"
        if to == "feminine" and "m1" not in r.gender or to == "masculine" and "f" not in r.gender:
            return None
        for old, new in pairs:
            if not r.lemma.endswith(old):
                continue
            other = r.lemma[: len(r.lemma) - len(old)] + new
            if any(
                g.pos == "subst" and g.lemma == other and want in g.gender
                for g in self._morph.analyse(other)
            ):
                return other
        return None

    def _speaker_in_sentence(self, words: Sequence[Word], persons: frozenset[str]) -> bool:
        return any(
            r.pos in ("fin", "praet", "cond", "bedzie") and r.person & persons and "sg" in r.number
            for w in words
            for r in self._morph.analyse(w.text)
        )

    def _singular_verbs(self, text: str, readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
        """The word's singular readings of a verb form that can say who (past, conditional,
        present, future *będę*, *powinienem*), in their order: remembered per word (a pure
        function of Morfeusz's readings of it; bounded)."""
        cached = self._verbs_of.get(text)
        if cached is None:
            cached = tuple(
                r
                for r in readings
                if r.pos in ("praet", "cond", "fin", "bedzie", "winien")
                and r.number == frozenset({"sg"})
            )
            if len(self._verbs_of) > _REGENDERED_KEPT:
                self._verbs_of.clear()
            self._verbs_of[text] = cached
        return cached

    def _regender(self, r: Reading, target: frozenset[str]) -> str | None:
        key = (r, target)
        # (one look-up: another thread may clear the dict between two)
        found = self._regendered.get(key, _UNKNOWN)
        if found is not _UNKNOWN:
            return cast(str | None, found)
        new = self._regender_once(r, target)
        if len(self._regendered) > _REGENDERED_KEPT:
            self._regendered.clear()
        self._regendered[key] = new
        return new

    def _regender_once(self, r: Reading, target: frozenset[str]) -> str | None:
        forms: list[str] = []
        # (the forms' tags, not a reading built per form: the same fields, the same order)
        for form, tag, qualifiers in self._morph.tagged_forms(r.full_lemma):
            g = parse_tag(tag)  # (remembered per tag)
            if g.pos != r.pos or qualifiers or not g.gender & target:
                continue
            if g.number != r.number or (r.person and g.person != r.person):
                continue
            if r.case and not g.case & r.case:
                continue
            if r.degree and g.degree != r.degree:
                continue
            if r.aspect and g.aspect != r.aspect:
                continue
            forms.append(form)
        return self.most_used(forms)

    def person_noun_for(self, noun: str, to: LearnerGender) -> str | None:
        """The same person's noun for a learner of gender ``to`` (*studentem* → *studentką*)."""
        nouns = [r for r in self._morph.analyse(noun) if r.pos == "subst"]
        new = self._person_noun(nouns, to) if nouns else None
        return new.lower() if new else None

    def _person_noun(self, nouns: list[Reading], to: LearnerGender) -> str | None:
        table = PERSON_NOUNS if to == "feminine" else _FEMININE_NOUNS
        for r in nouns:
            other = table.get(r.lemma) or self._derived_person(r, to)
            if other is None:
                continue
            for g in self._morph.generate(other):
                if (
                    g.pos == "subst"
                    and g.case & r.case
                    and g.number == r.number
                    and not g.qualifiers
                ):
                    return g.form
        return None


_UNKNOWN = object()  # (_regender's "not remembered": None is a remembered value)
_REGENDERED_KEPT = 20_000  # readings whose other-gender form is remembered

# Feminine nouns of persons from masculine ones, by their ending (checked against Morfeusz).
_FEMININE_SUFFIXES = (
    ("ista", "istka"),
    ("ysta", "ystka"),
    ("arz", "arka"),
    ("erz", "erka"),
    ("ent", "entka"),
    ("ant", "antka"),
    ("or", "orka"),
    ("er", "erka"),
    ("nik", "niczka"),
    ("ik", "iczka"),
    ("ec", "ka"),
    ("log", "lożka"),
    ("ta", "tka"),
)


def _keep_case(template: str, form: str) -> str:
    if template[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _conditional_conjunction(key: str, persons: frozenset[str]) -> bool:
    """*gdybym*, *żebym*, *abym* (the speaker), *gdybyś* … (the person addressed): a
    conjunction whose ending says who the past form after it is about."""
    if not key.endswith(("bym", "byś")):
        return False  # (neither ending below)
    ending = {"pri": "bym", "sec": "byś"}
    return any(
        key.endswith(ending[p]) and key[: -len(ending[p])] in ("gdy", "że", "a", "jeśli", "")
        for p in persons
        if p in ending
    )


# "to you", "to him" between a form of być and what the speaker is (*byłbym pani klientem*)
_TO_WHOM = frozenset({"pani", "panu", "ci", "tobie", "mu", "jemu", "jej", "wam", "im", "państwu"})

# the short possessives of poetry and old books (mą, swego): a learner is taught moją, swojego
_POETIC_FORMS = frozenset(
    {"ma", "me", "mą", "mej", "mym", "mych", "mymi", "mego", "memu"}
    | {"twa", "twe", "twą", "twej", "twym", "twych", "twymi", "twego", "twemu"}
    | {"swa", "swe", "swą", "swej", "swym", "swych", "swymi", "swego", "swemu"}
)
