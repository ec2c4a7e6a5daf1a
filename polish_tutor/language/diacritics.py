"""Restore Polish diacritics (ą ć ę ł ń ó ś ź ż) in text typed without them.

Candidates for a token are the words whose stripped form equals it: taken from wordfreq's Polish
word list (which also gives their frequencies) and checked against Morfeusz when a token is
ambiguous; words neither knows are searched among Morfeusz's spellings (fewest Polish letters
first, a bounded number of probes) or read as prefix + listed word. Forms of one lemma
(mała/małą) have their frequency gap narrowed so that context decides between them.

Context then comes from morphology, all of it general Polish grammar (nothing is learnt from a
corpus): a second-order Viterbi pass scores neighbours (a preposition's governed cases, also
across an adverb or an agreeing modifier; adjective-noun and adjective-adjective agreement;
passive participle + instrumental; ``że``/``ze``), and clause-wide rules adjust candidates before
it (a nominative must be able to be the subject of the clause's verb in person, number and
gender; "ja" needs a 1st-person verb in its clause; a verb's number follows its subject;
"że" opens a clause with a verb).

``load()`` builds the index from wordfreq and looks up the most frequent words once, so that a
first pass over new text needs few Morfeusz calls.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from .morph import (
    ADJ_CLASSES,
    FINITE_VERB_CLASSES,
    NOMINAL_CLASSES,
    NOUN_CLASSES,
    Morphology,
    Reading,
)
from .text import has_diacritics, strip_diacritics, transfer_case

_T = TypeVar("_T")
_SPLIT_RE = re.compile(r"(\w+)")
_PL_TRIGRAM_RE = re.compile(r"(?=(.[ąćęłńóśźż].))", re.S)
_VARIANTS = {
    "a": "aą",
    "c": "cć",
    "e": "eę",
    "l": "lł",
    "n": "nń",
    "o": "oó",
    "s": "sś",
    "z": "zźż",
}
_UNSEEN_LOGP = math.log(1e-9)
_MAX_VARIANT_LETTERS = 4
_MAX_VARIANT_PROBES = 400
_VOWELS = frozenset("aąeęiouóy")
# "ze" (not "z") stands before a cluster starting with one of these (ze szkoły, ze mną, ze wsi).
_ZE_CLUSTER_START = frozenset("sśzźżwfmłg")

PREP_BONUS = 3.0
AGREE_BONUS = 1.6
POST_AGREE_BONUS = 1.2
BYC_INST_BONUS = 1.0
PERS1_BONUS = 1.0
OBJECT_BONUS = 0.8
SUBJECT_BONUS = 1.0
ADJ_ADJ_BONUS = 0.5
SAME_LEMMA_GAP = 0.7
PREWARM_AMBIGUOUS = 25_000  # ambiguous tokens among this many most frequent words
PREWARM_FREQUENT = 6_000  # summaries of this many most frequent words
CANDIDATE_WINDOW = 6.0  # log-frequency range of the candidates kept for a token
PPAS_INST_BONUS = 1.0
PREP_BAD_PENALTY = 2.0
NUMBER_GEN_BONUS = 1.5
# word classes that cannot open the phrase a preposition governs
_NOT_AFTER_PREP = frozenset(
    {"fin", "praet", "bedzie", "impt", "cond", "imps", "pcon", "pant", "comp", "conj", "aglt"}
)
_SUBJECT_VERB_CLASSES = frozenset({"fin", "praet", "bedzie"})
_COPULA_LEMMAS = frozenset({"być", "zostać", "zostawać", "stać", "stawać", "bywać", "wydawać"})
SUBJECT_PENALTY = 2.0
ZE_CLAUSE_BONUS = 1.5
POST_VERB_PENALTY = 1.0
COORD_BONUS = 1.0
PREDICATE_BONUS = 1.5
CLITIC_SUBJECT_BONUS = 1.0
SIBLING_GAP = 1.5  # an unlisted -ą/-ę form is assumed rarer than its listed -a/-e sibling
_OBJ_VERB_CLASSES = frozenset({"fin", "praet", "inf", "impt", "pcon", "cond", "bedzie"})
COMMA_ZE_BONUS = 2.5
ZE_BAD_PENALTY = 4.0
UNKNOWN_PENALTY = 2.0
_NAME_LOGP = math.log(1e-6)
ZE_CLUSTER_BONUS = 1.5
MODAL_INF_BONUS = 2.0
JA_NO_VERB_PENALTY = 3.0
_MODALS = frozenset(
    {
        "móc",
        "musieć",
        "chcieć",
        "umieć",
        "potrafić",
        "woleć",
        "zamierzać",
        "próbować",
        "spróbować",
        "starać",
        "zacząć",
        "zaczynać",
        "przestać",
        "przestawać",
        "lubić",
        "trzeba",
        "można",
        "należy",
        "warto",
        "wolno",
        "winien",
        "powinien",
        "mieć",
        "dać",
        "pozwolić",
        "pozwalać",
        "zdołać",
        "usiłować",
        "kazać",
        "pomóc",
        "pomagać",
    }
)
_SUMMARY_LEMMAS = _MODALS | {"być", "mój"}  # lemmas a summary looks at


@dataclass(frozen=True, slots=True)
class _Summary:
    """What the context rules need to know about one candidate word form."""

    prep_cases: frozenset[str]
    nominal_cases: frozenset[str]
    adj_agr: frozenset[tuple[str, str, str]]
    noun_agr: frozenset[tuple[str, str, str]]
    is_comp: bool
    known: bool
    has_inf: bool
    modal: bool
    first_sg_verb: bool
    is_byc: bool
    pers1: bool
    is_verb: bool
    acc_only: bool  # a nominal reading in the accusative but none in the nominative
    verb3_numbers: frozenset[str]  # numbers of 3rd-person finite verb readings
    nom_numbers: frozenset[str]  # numbers of nominative noun/pronoun readings
    can_follow_prep: bool  # an adverb, particle, preposition... (na pewno, przez nawet)
    is_number: bool  # written in digits
    is_ppas: bool  # a passive participle
    is_adverb: bool  # only adverb/particle readings (częściowo, bardzo)
    verb_agr: frozenset[tuple[str, str]]  # (number, gender or "*") a 3rd-person subject needs
    verb_12: bool  # a finite verb only in the 1st/2nd person (kończymy, bawię)
    nom_agr: frozenset[tuple[str, str]]  # (number, gender) of nominative nominal readings
    other_cases: bool  # also has a non-nominative nominal reading
    nom_only: bool  # nominal readings only in the nominative/vocative
    noun_nom: bool  # a noun (not adjective) nominative reading
    pron12: bool  # "ja", "ty", "my", "wy"
    noun_inst: bool  # a noun reading in the instrumental
    is_noun_gen: bool  # a noun reading in the genitive


_AGR_CACHE: dict[str, frozenset[tuple[str, str, str]]] = {}
_INTERNED: dict[frozenset[Any], frozenset[Any]] = {}


def _intern(values: frozenset[_T]) -> frozenset[_T]:
    """One shared object per distinct feature set (fewer objects for the garbage collector)."""
    return _INTERNED.setdefault(values, values)


def _tag_agr(r: Reading) -> frozenset[tuple[str, str, str]]:
    """(case, number, gender) combinations of one reading, cached by its tag."""
    cached = _AGR_CACHE.get(r.tag)
    if cached is None:
        cached = frozenset(
            (c, n, g)
            for c in r.case
            for n in r.number or ("sg", "pl")
            for g in r.gender or ("m1", "m2", "m3", "f", "n")
        )
        _AGR_CACHE[r.tag] = cached
    return cached


def _agr(readings: tuple[Reading, ...], classes: frozenset[str]) -> frozenset[tuple[str, str, str]]:
    parts = [_tag_agr(r) for r in readings if r.pos in classes and r.case]
    if not parts:
        return frozenset()
    if len(parts) == 1:
        return parts[0]
    return frozenset().union(*parts)


class DiacriticsRestorer:
    def __init__(self, morph: Morphology) -> None:
        self._morph = morph
        self._index: dict[str, tuple[tuple[str, float], ...]] = {}  # built lazily from groups
        self._groups: dict[str, tuple[str, ...]] = {}
        self._trigrams: frozenset[str] = frozenset()
        self._summary_cache: dict[str, _Summary] = {}
        self._by_signature: dict[tuple[object, ...], _Summary] = {}
        self._filtered: dict[str, tuple[tuple[str, float], ...]] = {}
        self._freq: dict[str, float] = {}
        self._loaded = False
        self.prep_bonus = PREP_BONUS
        self.agree_bonus = AGREE_BONUS
        self.post_agree_bonus = POST_AGREE_BONUS
        self.byc_bonus = BYC_INST_BONUS
        self.comma_ze_bonus = COMMA_ZE_BONUS
        self.ze_bad_penalty = ZE_BAD_PENALTY
        self.ze_cluster_bonus = ZE_CLUSTER_BONUS
        self.modal_bonus = MODAL_INF_BONUS
        self.ja_penalty = JA_NO_VERB_PENALTY
        self.pers1_bonus = PERS1_BONUS
        self.object_bonus = OBJECT_BONUS
        self.unknown_penalty = UNKNOWN_PENALTY
        self.subject_bonus = SUBJECT_BONUS
        self.adj_adj_bonus = ADJ_ADJ_BONUS
        self.prep_bad_penalty = PREP_BAD_PENALTY
        self.number_gen_bonus = NUMBER_GEN_BONUS
        self.same_lemma_gap = SAME_LEMMA_GAP
        self.window = CANDIDATE_WINDOW
        self.ppas_inst_bonus = PPAS_INST_BONUS
        self.subject_penalty = SUBJECT_PENALTY
        self.ze_clause_bonus = ZE_CLAUSE_BONUS
        self.sibling_gap = SIBLING_GAP
        self.post_verb_penalty = POST_VERB_PENALTY
        self.coord_bonus = COORD_BONUS
        self.predicate_bonus = PREDICATE_BONUS
        self.clitic_subject_bonus = CLITIC_SUBJECT_BONUS

    # -- index -----------------------------------------------------------------------------
    def load(self, *, prewarm: bool = True) -> None:
        if self._loaded:
            return
        import wordfreq

        freq: dict[str, float] = wordfreq.get_frequency_dict("pl", wordlist="large")
        # only words with a non-ASCII letter can have Polish letters; strip them in one call
        # (much faster than word by word); wordfreq lists words most frequent first
        accented = [w for w in freq if not w.isascii()]
        joined = "\n".join(accented)
        stripped_all = strip_diacritics(joined).split("\n")
        # every Polish letter seen with its neighbours ("\n" = word edge): a spelling with
        # any other such triple is not tried against Morfeusz (no "łą" at a word's start)
        self._trigrams = frozenset(_PL_TRIGRAM_RE.findall(f"\n{joined}\n"))
        groups: dict[str, list[str]] = {}
        for word, stripped in zip(accented, stripped_all, strict=True):
            if stripped != word:
                bucket = groups.get(stripped)
                if bucket is None:
                    groups[stripped] = [word]
                else:
                    bucket.append(word)
        self._groups = {k: tuple(v) for k, v in groups.items()}  # tuples: no GC tracking
        self._index = {}
        self._freq = freq
        self._loaded = True
        if prewarm:
            self._prewarm()

    def _prewarm(self) -> None:
        """Look up, once, the words most texts need: the spellings of the most frequent
        ambiguous tokens and the most frequent words (their neighbours). This costs a few
        tenths of a second at load and saves a Morfeusz call per such word later."""
        done: set[str] = set()
        summary = self._summary
        for rank, word in enumerate(self._freq):
            if rank >= PREWARM_AMBIGUOUS:
                break
            if not word.isalpha():
                continue
            if rank < PREWARM_FREQUENT:
                summary(word)
            key = strip_diacritics(word)
            if key not in done and key in self._groups:
                done.add(key)
                for form, _lp in self.candidates(key):
                    summary(form)

    def _raw(self, key: str) -> tuple[tuple[str, float], ...] | None:
        """All wordfreq spellings of a stripped key with their log frequencies (or None
        when no word with Polish letters strips to it)."""
        raw = self._index.get(key)
        if raw is None:
            forms = self._groups.get(key)
            if forms is None:
                return None
            freq = self._freq
            if key in freq:
                forms = tuple(sorted([*forms, key], key=lambda w: -freq[w]))
            raw = tuple((w, math.log(freq[w])) for w in forms)
            self._index[key] = raw
        return raw

    def listed(self, key: str) -> tuple[str, ...]:
        """The spellings with Polish letters that wordfreq lists for a stripped key (no
        Morfeusz look-up: a cheap subset of ``candidates`` holding every one that is used)."""
        self.load()
        return tuple(w for w, _lp in self._raw(key) or ())

    def frequency(self, word: str) -> float:
        self.load()
        return self._freq.get(word, 0.0)

    def candidates(self, key: str) -> tuple[tuple[str, float], ...]:
        """Scored candidates for a lower-case token typed without diacritics."""
        cached = self._filtered.get(key)
        if cached is not None:
            return cached
        raw = self._raw(key)
        morph = self._morph
        result: tuple[tuple[str, float], ...]
        if raw is None:
            # a word wordfreq lists with no Polish-letter variant needs no Morfeusz call
            if key in self._freq:
                result = self._with_sibling(key, math.log(self._freq[key]))
            elif not key.isalpha() or morph.is_known(key):
                result = ((key, 0.0),)
            else:
                found = self._variants(key) if len(key) <= 14 else ()
                if not found and len(key) >= 8:
                    found = self._compound(key)
                suffixed = _suffix_rules(key)
                if not found and suffixed != key:
                    found = ((suffixed, _UNSEEN_LOGP),)
                result = found or ((key, 0.0),)
        elif len(raw) == 1:
            result = self._with_sibling(raw[0][0], raw[0][1])
        else:
            # Morfeusz-known spellings, most frequent first, within ``window`` of the best
            # (rarer ones never win, so they are not looked up at all)
            known_list: list[tuple[str, float]] = []
            checked: set[str] = set()
            for w, lp in raw:
                if known_list and (lp <= known_list[0][1] - self.window or len(known_list) >= 6):
                    break
                checked.add(w)
                if morph.is_known(w):
                    known_list.append((w, lp))
            known = tuple(known_list)
            if not known:
                result = raw[:1]
            else:
                result = self._inflection_prior(known)
                typed = next((c for c in raw if c[0] == key), None)
                if (
                    typed is not None
                    and typed not in known
                    and typed[1] > _NAME_LOGP
                    and (key in checked or not morph.is_known_word(key))
                ):
                    # a frequent token Morfeusz does not know (a name, a foreign word)
                    result = (*result, (key, typed[1] - self.unknown_penalty))
        if len(self._filtered) > 300_000:
            self._filtered.clear()
        self._filtered[key] = result
        return result

    def _with_sibling(self, form: str, lp: float) -> tuple[tuple[str, float], ...]:
        """A form ending in -a/-e plus its -ą/-ę sibling when wordfreq (whose list stops at
        some frequency) lacks it but Morfeusz knows it (strzaskana/strzaskaną)."""
        last = form[-1:]
        if len(form) >= 5 and last in ("a", "e"):
            sibling = form[:-1] + ("ą" if last == "a" else "ę")
            if sibling not in self._freq and self._morph.is_known_word(sibling):
                if self._morph.is_known(form):
                    return self._inflection_prior(((form, lp), (sibling, lp - self.sibling_gap)))
        return ((form, 0.0),)

    def _inflection_prior(
        self, cands: tuple[tuple[str, float], ...]
    ) -> tuple[tuple[str, float], ...]:
        """Narrow the frequency gap between forms of one lexeme (mała/małą, piszę/pisze).

        How often a form occurs overall says little about which case or person a sentence
        needs, so for inflected forms of the same lemma the context rules get more say; the
        gap between different words (żeby/zęby) is kept.
        """
        if len(cands) < 2:
            return cands
        lemmas = [
            frozenset(r.lemma for r in self._morph.analyse(w) if not r.full_lemma[:1].isupper())
            for w, _lp in cands
        ]
        top_lp = cands[0][1]
        out = [cands[0]]
        changed = False
        for (w, lp), lem in zip(cands[1:], lemmas[1:], strict=True):
            if lem and lem & lemmas[0]:
                lp = top_lp - self.same_lemma_gap * (top_lp - lp)
                changed = True
            out.append((w, lp))
        return tuple(out) if changed else cands

    def _compound(self, key: str) -> tuple[tuple[str, float], ...]:
        """A long word neither list knows, read as a short prefix + a listed word
        (wpolprzymkniete → wpół + przymknięte, czterotysieczna → cztero + tysięczna)."""
        known = self._morph.is_known_word
        probes = 0
        for split in range(2, len(key) - 4):
            raw = self._raw(key[split:])
            if raw is None:
                continue
            tail = raw[0][0]
            for head in self._prefix_spellings(key[:split]):
                probes += 1
                if known(head + tail):
                    return ((head + tail, _UNSEEN_LOGP),)
                if probes >= _MAX_VARIANT_PROBES // 4:
                    return ()
        return ()

    def _prefix_spellings(self, prefix: str) -> list[str]:
        """The prefix as typed, then with one or two Polish letters."""
        slots = [(pos, _VARIANTS[ch][1:]) for pos, ch in enumerate(prefix) if ch in _VARIANTS]
        out = [prefix]
        for level in (1, 2):
            for chosen in itertools.combinations(slots, level):
                for repl in itertools.product(*(opts for _pos, opts in chosen)):
                    letters = list(prefix)
                    for (pos, _opts), ch in zip(chosen, repl, strict=True):
                        letters[pos] = ch
                    out.append("".join(letters))
        return out

    def _variants(self, key: str) -> tuple[tuple[str, float], ...]:
        """Morfeusz-known spellings of a token that wordfreq does not list.

        Spellings are tried with one Polish letter first, then two, and so on (real words
        rarely need more than three), stopping one level after the first that found something
        or after a fixed number of dictionary probes, so an unknown name costs little.
        """
        slots: list[tuple[int, str]] = []
        for pos, ch in enumerate(key):
            options = _VARIANTS.get(ch, ch)
            nxt = key[pos + 1] if pos + 1 < len(key) else ""
            if nxt and (nxt in _VOWELS or nxt == "i") and ch in "cnsz":
                # ś ć ń ź are spelled si/ci/ni/zi before a vowel
                options = (
                    options.replace("ś", "").replace("ć", "").replace("ń", "").replace("ź", "")
                )
            if pos == 0 and ch in "ae":
                options = ch
            if len(options) > 1:
                slots.append((pos, options[1:]))
        # Spellings with a Polish letter seen nowhere between these neighbours are never
        # probed (_plausible), so they are not made at all: a slot none of whose letters fits
        # between any letters its neighbours can have is dropped, and a letter whose neighbours
        # stay as typed is kept only if it fits between them. The same spellings are probed in
        # the same order; far fewer are built and thrown away.
        padded = f"\n{key}\n"
        trigrams = self._trigrams
        can = dict(slots)
        slots = [
            (pos, opts)
            for pos, opts in slots
            if any(
                left + ch + right in trigrams
                for ch in opts
                for left in padded[pos] + can.get(pos - 1, "")
                for right in padded[pos + 2] + can.get(pos + 1, "")
            )
        ]
        if not slots:
            return ()
        known = self._morph.is_known_word
        found: list[tuple[str, float]] = []
        probes = 0
        letters = list(key)
        found_at: int | None = None
        alone = {
            pos: "".join(ch for ch in opts if padded[pos] + ch + padded[pos + 2] in trigrams)
            for pos, opts in slots
        }
        for level in range(1, min(len(slots), _MAX_VARIANT_LETTERS) + 1):
            for chosen in itertools.combinations(slots, level):
                at = {pos for pos, _opts in chosen}
                touching = tuple(
                    (pos, "") for pos, _opts in chosen if pos - 1 in at or pos + 1 in at
                )
                choices = [
                    opts if pos - 1 in at or pos + 1 in at else alone[pos] for pos, opts in chosen
                ]
                for repl in itertools.product(*choices):
                    word_letters = letters.copy()
                    for (pos, _opts), ch in zip(chosen, repl, strict=True):
                        word_letters[pos] = ch
                    word = "".join(word_letters)
                    if touching and not self._plausible(word, touching):
                        continue
                    probes += 1
                    if known(word):
                        found.append((word, _UNSEEN_LOGP))
                        if len(found) >= 4:
                            return tuple(found)
                    if probes >= _MAX_VARIANT_PROBES:
                        return tuple(found)
            if found and found_at is None:
                found_at = level
            elif found_at is not None:
                break  # one level past the first find (odpięta, then odpiętą)
        return tuple(found)

    def _plausible(self, word: str, chosen: tuple[tuple[int, str], ...]) -> bool:
        """Has every Polish letter put into ``word`` been seen between these neighbours?"""
        padded = f"\n{word}\n"
        trigrams = self._trigrams
        return all(padded[pos : pos + 3] in trigrams for pos, _opts in chosen)

    def _summary(self, form: str) -> _Summary:
        cached = self._summary_cache.get(form)
        if cached is not None:
            return cached
        analysed = self._morph.analyse(form)
        # a summary depends only on the tags (and a few lemmas): words that share them share it
        signature = (
            form.isdigit(),
            *(
                (r.tag, r.lemma if r.lemma in _SUMMARY_LEMMAS else "", r.full_lemma[:1].isupper())
                for r in analysed
            ),
        )
        s = self._by_signature.get(signature)
        if s is None:
            s = self._build_summary(form, analysed)
            self._by_signature[signature] = s
        if len(self._summary_cache) > 300_000:
            self._summary_cache.clear()
        self._summary_cache[form] = s
        return s

    def _build_summary(self, form: str, analysed: tuple[Reading, ...]) -> _Summary:
        # indeclinable abbreviations ("SA") agree with anything; proper-name readings count only
        # when the word has no other (Japonią, but not the name "Maja" for "mają")
        common = tuple(r for r in analysed if not r.full_lemma[:1].isupper())
        readings = tuple(r for r in (common or analysed) if len(r.case) < 6)
        prep: set[str] = set()
        nominal: set[str] = set()
        is_comp = has_inf = modal = first_sg_verb = is_byc = pers1 = is_verb = False
        for r in readings:
            pos = r.pos
            if pos == "inf":
                has_inf = True
            if r.lemma in _MODALS and (pos in FINITE_VERB_CLASSES or pos in ("pred", "inf")):
                modal = True
            if pos in FINITE_VERB_CLASSES or pos == "bedzie":
                if "pri" in r.person and "sg" in r.number:
                    first_sg_verb = True
                if r.lemma == "być":
                    is_byc = True
            if (pos == "ppron12" and "pri" in r.person and "sg" in r.number) or r.lemma == "mój":
                pers1 = True
            if pos in _OBJ_VERB_CLASSES and r.lemma != "być":
                is_verb = True
            if pos == "prep":
                prep.update(r.case)
            elif pos in NOMINAL_CLASSES:
                nominal.update(r.case)
            elif pos == "comp":
                is_comp = True
        return _Summary(
            prep_cases=_intern(frozenset(prep)),
            nominal_cases=_intern(frozenset(nominal)),
            adj_agr=_intern(_agr(readings, ADJ_CLASSES)),
            noun_agr=_intern(_agr(readings, NOUN_CLASSES)),
            is_comp=is_comp,
            known=bool(readings),
            has_inf=has_inf,
            modal=modal,
            first_sg_verb=first_sg_verb,
            is_byc=is_byc,
            pers1=pers1 or first_sg_verb,
            is_verb=is_verb and not nominal,
            acc_only="acc" in nominal and "nom" not in nominal,
            verb3_numbers=_intern(
                frozenset(
                    n
                    for r in readings
                    if r.pos in ("fin", "praet", "bedzie") and "ter" in r.person
                    for n in r.number
                )
            ),
            nom_numbers=_intern(
                frozenset(
                    n
                    for r in readings
                    if r.pos in ("subst", "ppron3", "ppron12") and "nom" in r.case
                    for n in r.number
                )
            ),
            can_follow_prep=not readings
            or not (is_comp or all(r.pos in _NOT_AFTER_PREP for r in readings)),
            is_number=form.isdigit(),
            is_ppas=any(r.pos == "ppas" for r in readings),
            is_adverb=bool(readings) and all(r.pos in ("adv", "qub") for r in readings),
            verb_agr=_intern(
                frozenset(
                    (n, g)
                    for r in readings
                    if r.pos in _SUBJECT_VERB_CLASSES and "ter" in r.person
                    for n in r.number
                    for g in (r.gender or ("*",))
                )
            ),
            verb_12=any(r.pos in _SUBJECT_VERB_CLASSES for r in readings)
            and not any(r.pos in _SUBJECT_VERB_CLASSES and "ter" in r.person for r in readings)
            and not any(r.pos in NOMINAL_CLASSES for r in readings),
            nom_agr=_intern(
                frozenset(
                    (n, g)
                    for r in readings
                    if r.pos in NOMINAL_CLASSES and "nom" in r.case
                    for n in r.number
                    for g in r.gender
                )
            ),
            other_cases=bool(nominal - {"nom", "voc"}),
            nom_only="nom" in nominal and not nominal - {"nom", "voc"},
            noun_nom=any(r.pos in NOUN_CLASSES and "nom" in r.case for r in readings),
            pron12=any(r.pos == "ppron12" for r in readings),
            noun_inst=any(r.pos == "subst" and "inst" in r.case for r in readings),
            is_noun_gen=any(r.pos == "subst" and "gen" in r.case for r in readings),
        )

    # -- scoring ---------------------------------------------------------------------------
    def _pair(self, prev: str, cur: str, comma_between: bool) -> float:
        """Context score of ``prev`` followed by ``cur`` (both lower-case candidate forms)."""
        cache = self._summary_cache
        summary = self._summary
        if prev == "z" and cur in _Z_ADVERBIALS:
            return self.prep_bonus + 2.0  # z daleka, z wolna: fixed adverbial phrases
        if prev == "ze":
            fit = _ze_fit(cur)
            score = (
                -self.ze_bad_penalty if fit == 0 else (self.ze_cluster_bonus if fit == 2 else 0.0)
            )
        else:
            score = 0.0
        ps = cache.get(prev) or summary(prev)
        cs = cache.get(cur) or summary(cur)
        if comma_between:
            if cur == "że":
                score += self.comma_ze_bonus
            if ps.adj_agr and cs.adj_agr and ps.adj_agr & cs.adj_agr:
                score += self.adj_adj_bonus  # listed modifiers agree (z małą, żółtą piłką)
            return score
        if cs.nominal_cases:
            if ps.prep_cases and ps.prep_cases & cs.nominal_cases:
                score += self.prep_bonus
            if ps.is_byc and "inst" in cs.nominal_cases:
                score += self.byc_bonus
            if ps.is_ppas and cs.noun_inst:
                score += self.ppas_inst_bonus  # wypełniony wodą, ustanowiony decyzją
        if ps.adj_agr and cs.noun_agr and ps.adj_agr & cs.noun_agr:
            score += self.agree_bonus
        if ps.noun_agr and cs.adj_agr and ps.noun_agr & cs.adj_agr:
            score += self.post_agree_bonus
        if ps.adj_agr and cs.adj_agr and ps.adj_agr & cs.adj_agr:
            score += self.adj_adj_bonus  # stacked modifiers agree (z małą żółtą piłką)
        if ps.prep_cases and not cs.nominal_cases and not cs.can_follow_prep:
            score -= self.prep_bad_penalty  # a preposition needs a noun phrase (przez zęby)
        if ps.is_number and cs.is_noun_gen:
            score += self.number_gen_bonus  # 2 maja, 5 lat
        if ps.modal and cs.has_inf:
            score += self.modal_bonus
        if ps.is_verb and cs.acc_only:
            score += self.object_bonus
        return score

    def _triple(self, first: str, mid: str, last: str, commas: bool) -> float:
        """Three-word context: a preposition governs a noun across one agreeing modifier or
        an adverb (z tą kobietą, z częściowo odpiętą), a modal its infinitive across a
        clitic (musisz mi pomóc)."""
        cache = self._summary_cache
        summary = self._summary
        if commas:
            return 0.0
        fs = cache.get(first) or summary(first)
        if fs.modal and mid in _CLITICS:
            ls = cache.get(last) or summary(last)
            return self.modal_bonus if ls.has_inf else 0.0  # musisz mi pomóc
        if mid in _AND_WORDS:
            # coordinated nominals share their case (z pieczarkami i szynką)
            ls = cache.get(last) or summary(last)
            if fs.nominal_cases and ls.nominal_cases and not fs.prep_cases:
                both = fs.nominal_cases & ls.nominal_cases
                return self.coord_bonus if both and both != {"nom", "voc"} else 0.0
            return 0.0
        if not fs.prep_cases and not fs.is_byc:
            return 0.0
        ms = cache.get(mid) or summary(mid)
        if ms.is_adverb and fs.prep_cases:
            # a preposition governs across an adverb (z częściowo odpiętą deską)
            ls = cache.get(last) or summary(last)
            return self.prep_bonus if ls.nominal_cases & fs.prep_cases else 0.0
        if not ms.adj_agr and not ms.noun_agr:
            return 0.0
        ls = cache.get(last) or summary(last)
        if not ls.noun_agr and not ls.adj_agr:
            return 0.0
        for agr in ms.adj_agr & ls.noun_agr:
            if agr[0] in fs.prep_cases:
                return self.prep_bonus
            if fs.is_byc and agr[0] == "inst":
                return self.byc_bonus
        if fs.prep_cases and ms.noun_agr and ls.adj_agr:
            # a modifier after the governed noun takes its case too (za rzecz nienaturalną)
            for agr in ms.noun_agr & ls.adj_agr:
                if agr[0] in fs.prep_cases:
                    return self.post_agree_bonus
        return 0.0

    def restore_tokens(
        self, words: list[str], commas: list[bool], breaks: list[bool] | None = None
    ) -> list[str]:
        """Restore a sequence of word tokens; ``commas[i]`` tells whether a comma (or other
        clause punctuation) precedes word i. Words already containing Polish letters are
        kept as typed."""
        n = len(words)
        cands: list[tuple[tuple[str, float], ...]] = []
        ambiguous = False
        for w in words:
            low = w.lower()
            if has_diacritics(low) or not low.isalpha() or (len(w) <= 3 and w.isupper()):
                # typed with Polish letters, a number, or an acronym (GE, AUC): keep it
                cands.append(((low, 0.0),))
                continue
            c = self.candidates(low)
            if len(c) > 1:
                ambiguous = True
            cands.append(c)
        if not ambiguous:
            return [transfer_case(w, c[0][0]) for w, c in zip(words, cands, strict=True)]
        cands = self._sentence_rules(cands, commas, commas if breaks is None else breaks)
        # Second-order Viterbi: state = (candidate index at i-1, candidate index at i).
        pair = self._pair
        triple = self._triple
        best: dict[tuple[int, int], float] = {(0, k): lp for k, (_w, lp) in enumerate(cands[0])}
        backs: list[dict[tuple[int, int], int]] = [{}]
        for i in range(1, n):
            prev_c = cands[i - 1]
            cur_c = cands[i]
            local = len(prev_c) > 1 or len(cur_c) > 1 or (i > 1 and len(cands[i - 2]) > 1)
            new_best: dict[tuple[int, int], float] = {}
            back: dict[tuple[int, int], int] = {}
            if not local:
                top_state = max(best, key=best.__getitem__)
                new_best[(0, 0)] = best[top_state] + cur_c[0][1]
                back[(0, 0)] = top_state[0]
                best = new_best
                backs.append(back)
                continue
            pp_c = cands[i - 2] if i > 1 else None
            for (k2, k1), score in best.items():
                pw = prev_c[k1][0]
                for k0, (cw, clp) in enumerate(cur_c):
                    v = score + clp + pair(pw, cw, commas[i])
                    if pp_c is not None:
                        v += triple(pp_c[k2][0], pw, cw, commas[i] or commas[i - 1])
                    key = (k1, k0)
                    if v > new_best.get(key, -math.inf):
                        new_best[key] = v
                        back[key] = k2
            best = new_best
            backs.append(back)
        state = max(best, key=best.__getitem__)
        chosen = [0] * n
        k1, k0 = state
        for i in range(n - 1, -1, -1):
            chosen[i] = k0
            if i > 0:
                k2 = backs[i][(k1, k0)]
                k0, k1 = k1, k2
        out: list[str] = []
        for i, w in enumerate(words):
            form = cands[i][chosen[i]][0]
            out.append(w if form == w.lower() else transfer_case(w, form))
        return out

    def _sentence_rules(
        self,
        cands: list[tuple[tuple[str, float], ...]],
        commas: list[bool],
        breaks: list[bool],
    ) -> list[tuple[tuple[str, float], ...]]:
        """Adjust candidate scores with sentence-wide evidence (e.g. "ja" needs a 1st person
        singular verb somewhere in the sentence)."""
        out = cands
        pers1_marker = -1
        for i, c in enumerate(cands):
            if len(c) == 1 and _maybe_pers1(c[0][0]) and self._summary(c[0][0]).pers1:
                pers1_marker = i
                break
        if pers1_marker >= 0:
            out = list(cands)
            for i, c in enumerate(cands):
                if len(c) > 1 and i != pers1_marker:
                    out[i] = tuple(
                        (w, lp + self.pers1_bonus if self._summary(w).first_sg_verb else lp)
                        for w, lp in c
                    )
        for i, c in enumerate(cands):
            if len(c) < 2:
                continue
            numbers = [self._summary(w).verb3_numbers for w, _lp in c]
            if len({frozenset(n) for n in numbers}) < 2 or not any(numbers):
                continue
            subject = self._subject_number(cands, commas, i)
            if subject is None:
                continue
            if out is cands:
                out = list(cands)
            out[i] = tuple(
                (w, lp + self.subject_bonus if subject in n else lp)
                for (w, lp), n in zip(out[i], numbers, strict=True)
            )
        out = self._subject_agreement(out, breaks)
        for i, c in enumerate(cands):
            if (
                len(c) > 1
                and any(w == "że" for w, _lp in c)
                and self._verb_follows(cands, breaks, i)
            ):
                # "że" opens a clause with its own verb (wiem, że zwolnienia są...)
                if out is cands:
                    out = list(cands)
                out[i] = tuple(
                    (w, lp + self.ze_clause_bonus if w == "że" else lp) for w, lp in out[i]
                )
        for i, c in enumerate(cands):
            if len(c) > 1 and any(w == "ja" for w, _lp in c):
                lo, hi = _clause_span(cands, breaks, i)
                has_verb = any(
                    w[-1:] in ("ę", "m") and self._summary(w).first_sg_verb
                    for j in range(lo, hi)
                    if j != i
                    for w, _lp in cands[j]
                )
                # a subject "ja" right after its verb is rare (znalazłam ją, przyjmiesz ją)
                after_verb = (
                    i > 0
                    and not breaks[i]
                    and len(cands[i - 1]) == 1
                    and self._summary(cands[i - 1][0][0]).is_verb
                )
                if not has_verb or after_verb:
                    penalty = self.ja_penalty if not has_verb else self.ja_penalty / 2
                    if out is cands:
                        out = list(cands)
                    out[i] = tuple((w, lp - penalty if w == "ja" else lp) for w, lp in out[i])
        return out

    def _verb_follows(
        self, cands: list[tuple[tuple[str, float], ...]], breaks: list[bool], i: int
    ) -> bool:
        """Is there a finite verb after word i in its clause?"""
        j = i + 1
        while j < len(cands) and not breaks[j]:
            top = self._summary(cands[j][0][0])  # the most frequent spelling
            if top.verb_agr or top.verb_12:
                return True
            j += 1
        return False

    def _subject_agreement(
        self, cands: list[tuple[tuple[str, float], ...]], breaks: list[bool]
    ) -> list[tuple[tuple[str, float], ...]]:
        """A nominative must be able to be its clause's subject: with a verb in the 1st/2nd
        person (kończymy instrukcją) or one that cannot agree with it (przewożą, którą;
        strzyknął śliną), prefer the spelling that is not a nominative."""
        n = len(cands)
        out = cands
        start = 0
        while start < n:
            end = start + 1
            while end < n and not breaks[end] and cands[end][0][0] not in _CLAUSE_WORDS:
                end += 1
            ambiguous = [
                i for i in range(start, end) if len(cands[i]) > 1 and self._case_choice(cands[i])
            ]
            if ambiguous:
                verbs: list[_Summary] = []
                copula = False
                first_verb = -1
                byc_at = -1
                for j in range(start, end):
                    if len(cands[j]) != 1:
                        if first_verb < 0 and all(
                            self._summary(w).verb_agr or self._summary(w).verb_12
                            for w, _lp in cands[j]
                        ):
                            first_verb = j  # zadaje/zadaję: a verb either way
                        continue
                    sj = self._summary(cands[j][0][0])
                    if first_verb < 0 and (sj.verb_12 or sj.verb_agr) and not sj.nominal_cases:
                        first_verb = j
                    if sj.is_byc or cands[j][0][0] in _COPULA_FORMS:
                        copula = True
                        if sj.is_byc and byc_at < 0:
                            byc_at = j
                    if sj.verb_12 or (sj.verb_agr and not sj.nominal_cases):
                        verbs.append(sj)
                if verbs and not copula:
                    for i in ambiguous:
                        adjusted = self._penalise_non_subjects(cands[i], verbs)
                        if adjusted is not None:
                            if out is cands:
                                out = list(cands)
                            out[i] = adjusted
                if byc_at >= 0:
                    out = self._predicate_instrumental(out, cands, ambiguous, start, end, byc_at)
                elif (
                    verbs
                    and not copula
                    and any(
                        cands[j][0][0] in _CLITICS and len(cands[j]) == 1 for j in range(start, end)
                    )
                ):
                    # "boli mnie głowa": the clitic is the object, the noun the subject
                    for i in ambiguous:
                        if self._after_prep(cands, i, start):
                            continue
                        if out is cands:
                            out = list(cands)
                        out[i] = tuple(
                            (
                                w,
                                lp + self.clitic_subject_bonus
                                if self._summary(w).nom_only
                                and any(_can_agree(self._summary(w), v) for v in verbs)
                                else lp,
                            )
                            for w, lp in out[i]
                        )
                if first_verb > start and not copula:
                    # "Kobieta zadaje nogą cios": with a possible subject before the verb,
                    # a nominative-or-instrumental word after it is more likely not a subject
                    free = [i for i in ambiguous if not self._after_prep(cands, i, start)]
                    before = [i for i in free if i < first_verb]
                    for i in free:
                        if i > first_verb and before and not _joined(cands, first_verb, i):
                            if out is cands:
                                out = list(cands)
                            out[i] = tuple(
                                (
                                    w,
                                    lp - self.post_verb_penalty
                                    if self._summary(w).nom_only
                                    else lp,
                                )
                                for w, lp in out[i]
                            )
            start = end
        return out

    def _predicate_instrumental(
        self,
        out: list[tuple[tuple[str, float], ...]],
        cands: list[tuple[tuple[str, float], ...]],
        ambiguous: list[int],
        start: int,
        end: int,
        byc_at: int,
    ) -> list[tuple[tuple[str, float], ...]]:
        """A noun after "być" whose subject is already there (Anna jest bardzo miłą osobą;
        jestem lekarką) is a predicate: the instrumental. Not in "to jest ..." sentences, and
        not when "być" says something exists (na stole jest książka)."""
        words = [cands[j][0][0] for j in range(start, end)]
        if "to" in words:
            return out
        byc = self._summary(cands[byc_at][0][0])
        subject = byc.verb_12 or any(
            _nominative_noun(self._summary(cands[j][0][0]))
            and not self._after_prep(cands, j, start)
            for j in range(start, byc_at)
        )
        if not subject:
            return out
        for i in ambiguous:
            if i > byc_at and not self._after_prep(cands, i, start):
                if out is cands:
                    out = list(cands)
                out[i] = tuple(
                    (w, lp + self.predicate_bonus if _noun_only_inst(self._summary(w)) else lp)
                    for w, lp in out[i]
                )
        return out

    def _after_prep(self, cands: list[tuple[tuple[str, float], ...]], i: int, start: int) -> bool:
        """Does a preposition govern word i (directly or across one modifier)?"""
        for j in (i - 1, i - 2):
            if j >= start and len(cands[j]) == 1 and self._summary(cands[j][0][0]).prep_cases:
                return True
        return False

    def _case_choice(self, cands: tuple[tuple[str, float], ...]) -> bool:
        """Is one spelling only a nominative and another only some other case?"""
        cache = self._summary_cache
        summary = self._summary
        summaries = [(cache.get(w) or summary(w)) for w, _lp in cands]
        return any(s.nom_only for s in summaries) and any(
            s.other_cases and not s.nom_agr for s in summaries
        )

    def _penalise_non_subjects(
        self, cands: tuple[tuple[str, float], ...], verbs: list[_Summary]
    ) -> tuple[tuple[str, float], ...] | None:
        """Penalise nominative-only spellings that cannot be the subject of the clause's
        verbs."""
        cache = self._summary_cache
        summary = self._summary
        summaries = [(cache.get(w) or summary(w)) for w, _lp in cands]
        penalty = self.subject_penalty
        out: list[tuple[str, float]] = []
        for (w, lp), s in zip(cands, summaries, strict=True):
            if s.nom_only and not any(_can_agree(s, v) for v in verbs):
                lp -= penalty
            out.append((w, lp))
        return tuple(out)

    def restore_most_frequent(self, text: str) -> str:
        """Baseline: each token becomes its most frequent spelling, with no context."""
        self.load()
        parts = _SPLIT_RE.split(text)
        for i in range(1, len(parts), 2):
            word = parts[i]
            low = word.lower()
            if has_diacritics(low):
                continue
            cands = self._raw(low)
            if cands:
                parts[i] = transfer_case(word, cands[0][0])
        return "".join(parts)

    def _subject_number(
        self, cands: list[tuple[tuple[str, float], ...]], commas: list[bool], i: int
    ) -> str | None:
        """Number of an unambiguous nominative noun shortly before word i in its clause."""
        j = i
        while j > 0 and i - j < 5 and not commas[j]:
            j -= 1
            c = cands[j]
            if len(c) != 1 and c[0][1] - c[1][1] < _CLEAR_GAP:
                continue  # ambiguous, unless one spelling is far more frequent (słowa)
            s = self._summary(c[0][0])
            if s.prep_cases or s.verb3_numbers:
                return None
            if len(s.nom_numbers) == 1 and not (
                j > 0 and self._summary(cands[j - 1][0][0]).prep_cases
            ):
                return next(iter(s.nom_numbers))
        return None

    def restore(self, text: str) -> str:
        """Restore diacritics in free text, keeping case, punctuation and spacing exactly."""
        self.load()
        parts = _SPLIT_RE.split(text)
        # parts: [sep, word, sep, word, ..., sep]
        words = parts[1::2]
        if not words:
            return text
        commas = [False] * len(words)
        breaks = [False] * len(words)  # any punctuation between clauses or sentences
        for i in range(1, len(words)):
            sep = parts[2 * i]
            if "," in sep:
                commas[i] = True
            elif sep.strip():
                commas[i] = sep.strip() in {"-", "–", "—", ";", ":"}
            breaks[i] = commas[i] or any(ch in _BREAK_CHARS for ch in sep)
        restored = self.restore_tokens(words, commas, breaks)
        parts[1::2] = restored
        return "".join(parts)


_SUFFIX_RULES = (
    (re.compile(r"([aeiouy])nsk(?=[aeiouy])"), r"\1ńsk"),  # Nizienski → Nizieński
    (re.compile(r"(?<=\w\w)osc$"), "ość"),  # radosc → radość
    (re.compile(r"(?<=\w\w)osci(a|ach|ami|om)?$"), r"ości\1"),  # radosci → radości
    (re.compile(r"(?<=\w\w\w)ow$"), "ów"),  # koniugatow → koniugatów
)


def _suffix_rules(key: str) -> str:
    """Productive spelling patterns for words neither wordfreq nor Morfeusz knows."""
    out = key
    for pattern, repl in _SUFFIX_RULES:
        out = pattern.sub(repl, out)
    return out if len(out) == len(key) else key


def _noun_only_inst(s: _Summary) -> bool:
    """An instrumental noun that is not also an adjective (osobą, but not grubą)."""
    return s.noun_inst and not s.adj_agr


def _nominative_noun(s: _Summary) -> bool:
    """A noun or pronoun that can be a nominative subject."""
    return s.noun_nom


def _can_agree(cand: _Summary, verb: _Summary) -> bool:
    """Could a nominative with these features be the verb's subject (or, for an adjective
    with a 1st/2nd-person verb, agree with the dropped "ja"/"my": sama poprosiłam)?
    A plural verb may have coordinated singular subjects (kobieta i mężczyzna idą)."""
    if cand.pron12 or (verb.verb_12 and not cand.noun_nom):
        return True
    for number, gender in cand.nom_agr:
        for v_number, v_gender in verb.verb_agr:
            if v_number == "pl":
                if number == "sg" or v_gender == "*" or (v_gender == "m1") == (gender == "m1"):
                    return True
            elif number == "sg" and v_gender in ("*", gender):
                return True
    return False


def _clause_span(
    cands: list[tuple[tuple[str, float], ...]], breaks: list[bool], i: int
) -> tuple[int, int]:
    """Start and end (exclusive) of the clause around word i: up to punctuation or a
    clause-opening word (że, bo, kiedy...)."""
    lo = i
    while lo > 0 and not breaks[lo] and cands[lo][0][0] not in _CLAUSE_WORDS:
        lo -= 1
    hi = i + 1
    while hi < len(cands) and not breaks[hi] and cands[hi][0][0] not in _CLAUSE_WORDS:
        hi += 1
    return lo, hi


# "z" + an old short genitive of an adjective: adverbs written as two words
# unstressed pronouns that may stand between a modal and its infinitive (chcę ci pomóc)
_CLITICS = frozenset(
    {"mi", "ci", "mu", "jej", "go", "ją", "je", "im", "nam", "wam", "się", "cię", "mnie", "nas"}
)
_AND_WORDS = frozenset({"i", "oraz", "lub", "albo", "czy", "ani"})
_Z_ADVERBIALS = frozenset(
    {"daleka", "bliska", "wysoka", "wolna", "lekka", "rzadka", "cicha", "nagła", "dawna"}
)
_COORDINATORS = frozenset({"i", "oraz", "lub", "albo", "ani", "czy", "a", "jak", "jako"})


def _joined(cands: list[tuple[tuple[str, float], ...]], lo: int, hi: int) -> bool:
    """Is there a coordinating or comparing word between positions lo and hi?"""
    return any(c[0][0] in _COORDINATORS for c in cands[lo + 1 : hi])


_CLEAR_GAP = 4.0  # log-frequency lead that makes a spelling as good as certain
_BREAK_CHARS = frozenset(',;:-–—"„”()?!.')
_CLAUSE_WORDS = frozenset({"że", "żeby", "aby", "bo", "gdy", "jeśli", "jeżeli", "kiedy"})
_COPULA_FORMS = frozenset({"to"})
_PERS1_WORDS = frozenset({"ja", "mnie", "mi", "mną", "mój"})


def _maybe_pers1(word: str) -> bool:
    """Cheap pre-filter: could the word be "ja", a form of "mój" or a 1st-person verb?"""
    return word[-1:] in ("ę", "m") or word in _PERS1_WORDS or word.startswith("moj")


def _ze_fit(word: str) -> int:
    """0: "ze" cannot stand before ``word``; 1: it may (ze sobą); 2: it is expected (ze szkoły)."""
    if not word or word[0] not in _ZE_CLUSTER_START:
        return 0
    if len(word) > 1 and word[1] not in _VOWELS:
        return 2
    return 1
