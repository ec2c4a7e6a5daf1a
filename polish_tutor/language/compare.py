"""Align a learner's answer with the expected sentence and classify every difference.

The expected sentence is first brought towards the answer where the two mean the same
(``variants.py``: digits for numbers, synonyms, the learner's own name or city in a slot, the
learner's gender); then the two are aligned word by word, and each difference is classified
(Polish letters, an inflection with the rule that requires the form, a typo, a wrong, missing or
extra word, word order). Words a teacher accepts as optional (a subject pronoun, *proszę*) are
not reported, and a grammatical reordering is a note, never an error. An answer that is an
accepted one with a whole phrase more (a time or place phrase, an adverb, a clause of its own) or
a scene-setting phrase less (*W sobotę …*) is right when the free-text checker finds nothing
wrong in it and no closer accepted answer has one of its added words in another form.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import cast

from rapidfuzz.distance import LCSseq
from wordfreq import zipf_frequency

from . import explain
from .grammar import (
    BY_VEHICLE,
    GOING_ONE_WAY,
    NEGATIVE_LEMMAS,
    NONE,
    REFLEXIVE_ONLY,
    SUBJECT_PRONOUNS,
    VEHICLES,
    VERBAL,
    Grammar,
    Requirement,
    Word,
    words_of,
)
from .morph import (
    ADJ_CLASSES,
    CASES,
    DEGREES,
    FINITE_VERB_CLASSES,
    GENDERS,
    NOUN_CLASSES,
    NUMBERS,
    PERSONS,
    VERBAL_CLASSES,
    Morphology,
    Reading,
)
from .open_answers import NounClass, OpenAnswers, noun_class, outside_class
from .text import (
    Token,
    diacritic_letters,
    has_diacritics,
    osa_distance,
    preposition_form,
    strip_diacritics,
    tokenize,
)
from .types import (
    Comparison,
    ExplainIn,
    Issue,
    IssueType,
    LearnerGender,
    Rule,
    RuleId,
    SlotKind,
    Verdict,
)
from .variants import MONTHS, Variants, number_value

MISSING_COST = 1.0
EXTRA_COST = 1.0
SWAP_COST = 0.45
DIACRITICS_COST = 0.15
INFLECTION_COST = 0.4
TYPO_COST = 0.45
WRONG_BASE_COST = 0.8

_SIE = "się"
_JOINERS = frozenset({"a", "i", "ale", "oraz", "lub", "albo", "czy"})
_VERBAL = frozenset({"fin", "praet", "inf", "impt", "bedzie", "cond", "imps"})
_QUESTION_SPLIT = re.compile(r"(?<=[.!?…])\s+")  # a tutor's line, sentence by sentence
_REORDER_MIN_WORDS = 4  # shorter answers are set phrases more often than sentences
# words whose place in the sentence is grammar, not style: moved, they are an error
_PLACED_WORDS = frozenset(
    {"nie", "się", "mi", "ci", "go", "mu", "ją", "je", "ich", "im", "nas", "was", "nam", "wam"}
    | {"w", "we", "na", "do", "z", "ze", "o", "od", "po", "przy", "dla", "bez", "za", "przed"}
)
# how two numbers written with a sign between them are read: a score, a house and flat number
_READ_AS = {":": "do", "/": "przez"}

ISSUE_COST: dict[str, float] = {
    "diacritics": 0.15,
    "inflection": 0.5,
    "typo": 0.5,
    "wrong_word": 1.0,
    "missing_word": 1.0,
    "extra_word": 1.0,
    "word_order": 0.6,
}

FEATURE_ORDER = ("case", "number", "person", "tense", "gender", "aspect", "degree")
_CANONICAL: dict[str, tuple[str, ...]] = {
    "case": CASES,
    "number": NUMBERS,
    "gender": GENDERS,
    "person": PERSONS,
    "aspect": ("imperf", "perf"),
    "degree": DEGREES,
}
_VERBAL_FORMS = VERBAL_CLASSES | {"ger", "pact", "ppas"}
# after a preposition, the dative is rare and the locative/accusative common
_PREP_CASE_ORDER = ("loc", "acc", "inst", "gen", "dat", "nom", "voc")
_PARTICIPLES = frozenset({"ger", "ppas", "pact"})
_GEN_ORDER = ("gen", "acc", "nom", "dat", "inst", "loc", "voc")
_SUBJECTLESS = frozenset({"pcon", "pant", "inf", "imps"})
_OBJECT_CASE_ORDER = ("acc", "gen", "nom", "dat", "inst", "loc", "voc")
# accusative clitics: with one of them in the clause, a nom/acc noun is the subject
_ACC_CLITICS = frozenset({"go", "ją", "je", "mnie", "cię", "nas", "was", "ich"})
# very common verbs that (almost) always take a direct object
_TRANSITIVE = frozenset(
    {
        "mieć",
        "robić",
        "zrobić",
        "widzieć",
        "zobaczyć",
        "wziąć",
        "brać",
        "dać",
        "dawać",
        "kupić",
        "kupować",
        "znać",
        "lubić",
        "kochać",
        "czytać",
        "przeczytać",
        "pisać",
        "napisać",
        "otworzyć",
        "otwierać",
        "zamknąć",
        "zamykać",
        "jeść",
        "zjeść",
        "pić",
        "wypić",
        "nosić",
        "trzymać",
        "znaleźć",
        "znajdować",
        "stracić",
        "tracić",
        "dostać",
        "dostawać",
        "otrzymać",
        "otrzymywać",
        "zastosować",
        "stosować",
        "odnowić",
        "obejmować",
        "zawierać",
        "posiadać",
        "prowadzić",
        "przygotować",
        "przygotowywać",
        "zbierać",
        "zebrać",
        "słyszeć",
        "usłyszeć",
        "wyczuć",
        "wyczuwać",
        "podjąć",
        "podejmować",
        "pokazać",
        "pokazywać",
        "przynieść",
        "przynosić",
        "wysłać",
        "wysyłać",
        "założyć",
        "zakładać",
        "utworzyć",
        "tworzyć",
        "stworzyć",
        "budować",
        "zbudować",
        "osiągnąć",
        "osiągać",
        "spotkać",
        "spotykać",
        "oglądać",
        "obejrzeć",
        "pamiętać",
        "rozumieć",
        "zrozumieć",
        "wybrać",
        "wybierać",
        "przyjąć",
        "przyjmować",
        "mijać",
    }
)
_INDICATIVE = frozenset({"fin", "praet", "bedzie"})
_CLAUSE_OPENERS = frozenset({"comp", "conj"})
_COORDINATORS = frozenset({"i", "oraz", "lub", "albo", "czy", "ani", "a"})
_MODIFIER_CLASSES = ADJ_CLASSES | {"adv", "qub", "part"}
# Polite words a teacher accepts added to (or left out of) any answer.
_POLITE = frozenset({"proszę", "dziękuję", "dzięki", "poproszę", "przepraszam"})
_YES_NO = frozenset({"tak", "nie"})
_THANKS = frozenset({"dziękuję", "dzięki", "przepraszam"})  # a greeting cannot stand for these
# greetings that open an answer as a clause of their own ("Dzień dobry, poproszę kawę.")
_GREETINGS = (
    ("dzień", "dobry"),
    ("dobry", "wieczór"),
    ("cześć",),
    ("hej",),
    ("witam",),
    ("witaj",),
    ("siema",),
)
_GREETING_ENDS = frozenset(
    {"dobry", "dobranoc", "widzenia", "dziękuję", "przepraszam", "proszę", "cześć", "witam"}
)
# nouns of time: a phrase of time that ends a sentence is its point (Zrobię to w niedzielę.)
_TIME_NOUNS = frozenset(
    {"poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"}
    | {"weekend", "dzień", "noc", "północ", "południe", "rano", "ranek", "wieczór", "popołudnie"}
    | {"tydzień", "miesiąc", "rok", "godzina", "minuta", "chwila", "czas", "pora", "termin"}
    | {"zima", "wiosna", "lato", "jesień", "wakacje", "urlop", "ferie", "przerwa"}
    | {"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień"}
    | {"wrzesień", "październik", "listopad", "grudzień"}
)
# a reply word a learner may put before an answer, with a comma after it (Jasne, …)
_REPLY_WORDS = frozenset({"jasne", "oczywiście", "pewnie", "naturalnie", "spokojnie", "niestety"})
# particles that make the mood or the amount of what follows: never left out as an aside
# (*Niech pan powie*, *Prawie skończyłem*, *Dopiero jutro*)
_NOT_ASIDE = frozenset(
    {"niech", "niechaj", "oby", "by", "czyż", "prawie", "ledwo", "ledwie", "zaledwie"}
    | {"jedynie", "dopiero", "aż", "nawet", "wcale", "właśnie", "akurat", "znów", "znowu"}
)
_HEDGES = frozenset({"może", "chyba", "raczej"})  # before what they hedge (Może dla gościa?)
_FAREWELLS = frozenset({"widzenia", "zobaczenia", "usłyszenia", "jutra", "później", "następnego"})
# A preposition and its vocalic variant (ze Szkocji, we Wrocławiu) are one word to a learner.
_VOCALIC = frozenset(
    frozenset(pair)
    for pair in (
        ("w", "we"),
        ("z", "ze"),
        ("od", "ode"),
        ("przed", "przede"),
        ("nad", "nade"),
        ("pod", "pode"),
        ("przez", "przeze"),
        ("bez", "beze"),
    )
)
_VOCALIC_WORDS = frozenset(word for pair in _VOCALIC for word in pair)
# Adverbs a learner adds to an answer without making it wrong (now, today, also, here, really).
# Morfeusz's labels for old words: not a word a learner may mean (sie: the dated si)
_DATED = frozenset({"daw.", "przest.", "arch.", "książk."})
# a unit's usual abbreviation and the noun it stands for
_ABBREVIATIONS = {"zł": "złoty", "gr": "grosz", "kg": "kilogram", "km": "kilometr"}
# a bare number after these is an hour when the accepted answer says one there (o 8 = o ósmej)
_CLOCK_PREPOSITIONS = frozenset({"o", "od", "do", "około", "koło", "po", "przed"})
# words a learner adds that a teacher accepts: they colour the answer, not change it
_ADDED_ADVERBS = frozenset({"teraz", "tutaj", "dzisiaj", "dziś", "właśnie", "naprawdę"})
# the same, where such a word goes: at the start of a clause or next to its verb
_ADDED_BY_VERB = frozenset(
    {"też", "również", "niestety", "zwykle", "zazwyczaj", "raczej", "już", "chyba"}
)
_INTENSIFIED_VERBS = frozenset(
    {"lubić", "kochać", "chcieć", "dziękować", "podobać", "cieszyć", "martwić", "tęsknić"}
    | {"przepraszać", "żałować", "boleć", "prosić", "poprosić", "potrzebować", "smakować"}
)
_DEGREE_WORDS = frozenset(
    {"bardzo", "tak", "zbyt", "za", "całkiem", "dość", "dosyć", "trochę", "mniej", "bardziej"}
    | {"najbardziej", "najmniej", "aż", "strasznie", "niezwykle", "coraz"}
)
_FUNCTION_WORDS = frozenset({"prep", "conj", "comp", "qub", "adv", "interj"})
_FREE_ORDER_WORDS = 12  # longer sentences are not reordered freely (see _free_order)
_QUESTION_WORDS = frozenset(
    {"co", "gdzie", "kiedy", "jak", "ile", "kto", "dlaczego", "czemu", "czy", "skąd", "dokąd"}
    | {"który", "która", "które", "jaki", "jaka", "jakie", "czyj", "czyja", "czyje"}
)
_CLITICS = frozenset({"się", "mi", "ci", "go", "mu", "ją", "jej", "cię", "mię"})
# Endings that compete for one case and number (sklep-a / sklep-u): a learner who picks the
# wrong one has the right case and a wrong ending (ending.declension).
_ENDINGS: dict[tuple[str, str], frozenset[str]] = {
    ("gen", "sg"): frozenset({"a", "u", "y", "i"}),
    ("acc", "sg"): frozenset({"a", "ę", "o", "e", "ą", ""}),
    ("dat", "sg"): frozenset({"owi", "u", "e", "i", "y"}),
    ("loc", "sg"): frozenset({"e", "u", "i", "y", "ie"}),
    ("inst", "sg"): frozenset({"em", "iem", "ą", "ią"}),
    ("voc", "sg"): frozenset({"e", "u", "o", "i", "y", "ie"}),
    ("nom", "pl"): frozenset({"y", "i", "e", "owie", "a"}),
    ("gen", "pl"): frozenset({"ów", "y", "i", "", "ii"}),
    ("acc", "pl"): frozenset({"y", "i", "e", "a", "ów"}),
    ("dat", "pl"): frozenset({"om", "iom"}),
    ("inst", "pl"): frozenset({"ami", "mi", "iami"}),
    ("loc", "pl"): frozenset({"ach", "iach"}),
}


@dataclass(frozen=True, slots=True)
class Accept:
    """What a step accepts besides its listed answers (lesson YAML: ``synonyms``, ``slots``)."""

    synonyms: tuple[frozenset[str], ...] = ()
    slots: dict[str, SlotKind] = field(default_factory=dict)  # lower-case word → kind
    learner_gender: LearnerGender | None = None
    # openings (Tak, / Nie,) that are not optional: the step's answers choose them
    no_openers: frozenset[str] = frozenset()
    # perfective past verbs of a when-question the answer replies to (lemma, form as asked):
    # *Kiedy wyjechałeś?* asks about one completed departure, answered with *wyjechałem*
    question_verbs: tuple[tuple[str, str], ...] = ()
    # an open step (lesson YAML ``open``): what its answer must say, one of each group
    open_needs: tuple[tuple[str, ...], ...] = ()
    # noun slots restricted to a class (lesson YAML ``slot_classes``): lower-case word → class
    slot_classes: dict[str, NounClass] = field(default_factory=dict)
    # verbs of the step's answers whose aspect is the step's point (lesson YAML ``aspect``):
    # the partner is refused where either would otherwise do (*warto było zacząć*)
    kept_aspect: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Op:
    kind: str  # match | sub | del | ins | swap | move
    ei: int  # expected index (-1 if none); for swap the first of the two
    ai: int  # answer index (-1 if none); for swap the first of the two
    ei2: int = -1  # swap: the second expected word
    ai2: int = -1  # swap: the second answer word


@dataclass(frozen=True, slots=True)
class _Inflection:
    facts: explain.InflectionFacts

    @property
    def feature(self) -> str | None:
        return self.facts.feature


def _pick(
    values: frozenset[str],
    feature: str,
    prefer: frozenset[str] = frozenset(),
    order: tuple[str, ...] | None = None,
) -> str:
    if order is None:
        order = _CANONICAL.get(feature)
    pool = values & prefer if prefer and values & prefer else values
    if order is not None:
        for v in order:
            if v in pool:
                return v
    return sorted(pool)[0]


# *gdyby*, *żeby*, *aby*, *jakby*, *by* with the person's ending on them: the past-tense verb
# after them has none of its own (*gdybym miał*, *żebyś przyszedł*)
_CONDITIONAL_PERSONS = frozenset(
    f"{head}{ending}"
    for head in ("gdyby", "żeby", "aby", "jakby", "by")
    for ending in ("m", "ś", "śmy", "ście")
)


def _conditional_before(exp: list[Word], ei: int) -> int | None:
    """The place of a *gdybym*, *żebyś* … at most three words before the verb at ``ei``, in
    its clause."""
    k = ei - 1
    while k >= 0 and ei - k <= 3 and not exp[k + 1].boundary_before:
        if exp[k].key in _CONDITIONAL_PERSONS:
            return k
        k -= 1
    return None


def _differences(re_: Reading, rg: Reading) -> list[str]:
    diffs: list[str] = []
    for feature in ("case", "number", "gender", "person", "aspect", "degree"):
        ve = re_.values(feature)
        vg = rg.values(feature)
        if ve and vg and not ve & vg:
            diffs.append(feature)
    if re_.pos != rg.pos:
        if re_.pos in _VERBAL_FORMS and rg.pos in _VERBAL_FORMS:
            diffs.append("tense")
        else:
            diffs.append("pos")
    return diffs


class Comparer:
    def __init__(
        self,
        morph: Morphology,
        respell: Callable[[str], Sequence[str]] | None = None,
        *,
        grammar: Grammar,
        is_english: Callable[[str], bool] | None = None,
        lemma_weight: Callable[[str], float] | None = None,
        frequency: Callable[[str], float] | None = None,
    ) -> None:
        self._morph = morph
        self._respell = respell
        self._grammar = grammar
        self._frequency = frequency or (lambda word: 10 ** (zipf_frequency(word, "pl") - 9))
        self._variants = Variants(morph, self._frequency)
        self._is_english = is_english
        self._lemma_weight = lemma_weight
        # see sub_cost: an expected word's key → the answer word's key → their cost
        self._costs: dict[str, dict[str, float]] = {}
        self._costs_held = 0
        self._regendered: dict[tuple[str, str, frozenset[str]], str] = {}
        self._words_cache: dict[str, tuple[Word, ...]] = {}
        # see gendered_options: (an accepted sentence, the learner's gender) → its variants
        self._gendered_of: dict[tuple[str, LearnerGender | None], tuple[str, ...]] = {}
        self._spelled: dict[str, dict[str, tuple[str, ...]]] = {}  # see _spellings
        self._lemmas_of: dict[str, frozenset[str]] = {}  # see _lemmas
        self._partnered: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
        self._partners_of: dict[str, tuple[str, ...]] = {}  # see _aspect_partners
        self._groups_of: dict[tuple[frozenset[str], ...], _Groups] = {}  # see _word_groups
        self._asked: dict[str, tuple[tuple[str, str], ...]] = {}  # see _question_verbs
        self._expected: dict[tuple[tuple[object, ...], ...], _ExpectedFacts] = {}
        # The course's accepted answers worked out ahead (prepare_expected): their variants in
        # each gender and their words' facts, kept apart from the bounded memos above (which
        # the learners' answers fill and clear) for as long as the process lives; a fixed
        # size, the course's (about 10,000 variants and 3,400 sentences' facts).
        self._gendered_ahead: dict[tuple[str, LearnerGender | None], tuple[str, ...]] = {}
        self._expected_ahead: dict[tuple[tuple[object, ...], ...], _ExpectedFacts] = {}
        self._aux_of: dict[str, tuple[Reading, ...]] = {}  # see _future_aux
        # see _classifier: context → (expected place, answer place, learner's word) → issue
        self._classified: dict[
            tuple[object, ...], dict[tuple[int, int, tuple[object, ...]], Issue | None]
        ] = {}
        # the free-text checker (set by the engine): True when it finds nothing to correct
        self.sounds_right: Callable[[str], bool] | None = None
        # the free-text checker's issues (set by the engine): an open step's answer is judged
        # by them
        self.check_issues: Callable[[str, ExplainIn], tuple[Issue, ...]] | None = None
        self._open = OpenAnswers(morph)

    # -- similarity ----------------------------------------------------------------------
    def _lemmas(self, word: str) -> frozenset[str]:
        cached = self._lemmas_of.get(word)
        if cached is None:
            cached = frozenset(r.lemma.lower() for r in self._morph.analyse(word))
            if len(self._lemmas_of) > 100_000:
                self._lemmas_of.clear()
            self._lemmas_of[word] = cached
        return cached

    def _partners(self, le: frozenset[str], la: frozenset[str]) -> bool:
        """Are the two lemma sets one verb in two aspects (pić / wypić)? (Remembered: the
        expected answers' words are weighed against many answers' words.)"""
        key = (le, la)
        cached = self._partnered.get(key)
        if cached is None:
            cached = False
            for e in le:  # (loops, not any() over a generator: most pairs are new ones)
                partners = self._aspect_partners(e)
                for a in la:
                    if a in partners or _prefixed_pair(e, a) or self._going_habitually(e, a):
                        cached = True
                        break
                if cached:
                    break
            if len(self._partnered) > 200_000:
                self._partnered.clear()
            self._partnered[key] = cached
        return cached

    def _reflexive_only_verb(self, exp: list[Word], ei: int) -> str | None:
        """The verb that never goes without the *się* at ei (*bać* for *Boję się*), if one
        stands two words or less from it."""
        if exp[ei].key != "się":
            return None
        for k in (ei - 1, ei - 2, ei + 1, ei + 2):
            if 0 <= k < len(exp):
                lemmas = {r.lemma for r in self._morph.analyse(exp[k].text) if r.pos in VERBAL}
                if len(lemmas) == 1 and lemmas <= REFLEXIVE_ONLY:
                    return next(iter(lemmas))
        return None

    def _negative_word(self, exp: list[Word], ei: int) -> str | None:
        """The negative word (*nikt*, *nic*, *nigdy* …) the *nie* at ei goes with, if the
        sentence has one."""
        if exp[ei].key != "nie":
            return None
        for w in exp:
            if any(r.lemma in NEGATIVE_LEMMAS for r in self._morph.analyse(w.text)):
                return w.text
        return None

    def _going_habitually(self, expected: str, got: str) -> bool:
        """Is the expected verb the to-and-fro partner of the got verb's one-way verb
        (*chodzić* for *pójść*: a habit is *Codziennie chodzę*, not *pójdę*)?"""
        one_way = GOING_ONE_WAY.get(expected)
        return one_way is not None and one_way in self._aspect_partners(got)

    def _aspect_partners(self, lemma: str) -> tuple[str, ...]:
        """The table's partners of a verb in the other aspect (remembered per lemma)."""
        cached = self._partners_of.get(lemma)
        if cached is None:
            cached = self._grammar.table.aspect_partner(lemma)
            if len(self._partners_of) > 100_000:
                self._partners_of.clear()
            self._partners_of[lemma] = cached
        return cached

    def sub_cost(self, e: Word, a: Word) -> float:
        if e.key == a.key:
            return 0.0
        row = self._costs.get(e.key)
        if row is not None:
            cached = row.get(a.key)
            if cached is not None:
                return cached  # (never a vocalic pair's: those are not remembered)
        if e.key in _VOCALIC_WORDS and frozenset((e.key, a.key)) in _VOCALIC:
            return 0.05
        if e.plain == a.plain:
            cost = DIACRITICS_COST
        else:
            le = self._lemmas(e.key)
            la = self._lemmas(a.key)
            if le and la and (le & la or self._partners(le, la)):
                cost = INFLECTION_COST
            else:
                longest = max(len(e.plain), len(a.plain))
                limit = _typo_limit(longest)
                d = osa_distance(e.plain, a.plain, limit=max(limit, longest))
                if d <= limit and longest > 2:
                    cost = TYPO_COST + 0.05 * d
                else:
                    cost = WRONG_BASE_COST + 0.4 * min(1.0, d / max(1, longest))
                    if _SIE in (e.key, a.key):
                        # *się* is never another word said instead: it is left out or added
                        # (Nie zgadzam z tobą: "add się", not "tobą → się")
                        cost = MISSING_COST + EXTRA_COST + 0.1
        # (remembered per expected word, so that _dp looks a row up once; bounded: all rows
        # are cleared when they hold _COSTS_KEPT costs (counted roughly: threads may race))
        self._costs_held += 1
        if self._costs_held > _COSTS_KEPT:
            self._costs_held = 0
            self._costs.clear()
            row = None
        if row is None:
            row = self._costs.setdefault(e.key, {})
        row[a.key] = cost
        return cost

    # -- alignment -----------------------------------------------------------------------
    def align(
        self, exp: list[Word], ans: list[Word], slot_fit: Callable[[int, Word], bool] | None = None
    ) -> tuple[list[_Op], float]:
        n, m = len(exp), len(ans)
        p = 0
        while p < n and p < m and exp[p].key == ans[p].key:
            p += 1
        s = 0
        while s < n - p and s < m - p and exp[n - 1 - s].key == ans[m - 1 - s].key:
            s += 1
        ops: list[_Op] = [_Op("match", i, i) for i in range(p)]
        mid_ops, cost = self._dp(exp, ans, p, n - s, p, m - s, slot_fit)
        ops.extend(mid_ops)
        ops.extend(_Op("match", n - s + k, m - s + k) for k in range(s))
        return ops, cost

    def _dp(
        self,
        exp: list[Word],
        ans: list[Word],
        e0: int,
        e1: int,
        a0: int,
        a1: int,
        slot_fit: Callable[[int, Word], bool] | None = None,
    ) -> tuple[list[_Op], float]:
        n, m = e1 - e0, a1 - a0
        if n == 0:
            return [_Op("ins", -1, a0 + j) for j in range(m)], EXTRA_COST * m
        if m == 0:
            return [_Op("del", e0 + i, -1) for i in range(n)], MISSING_COST * n
        cost_fn = self.sub_cost if n * m <= _FULL_COST_CELLS else _cheap_cost
        if n * m <= _FULL_COST_CELLS:
            # sub_cost's own first steps, inline: equal keys cost 0, a remembered pair its
            # cost (a vocalic pair is never remembered: sub_cost weighs it)
            row = ans[a0:a1]
            row_keys = [a.key for a in row]
            cost_rows = self._costs
            sub_cost = self.sub_cost
            sub = []
            for e in exp[e0:e1]:
                ek = e.key
                remembered = cost_rows.get(ek, _NO_COSTS).get
                costs_e: list[float] = []
                for a, ak in zip(row, row_keys, strict=True):
                    if ek == ak:
                        costs_e.append(0.0)
                        continue
                    c = remembered(ak)
                    costs_e.append(sub_cost(e, a) if c is None else c)
                sub.append(costs_e)
            if slot_fit is not None:
                # a slot's word said by the learner costs nothing (the cost computed above
                # for it is only remembered)
                for i, costs_e in enumerate(sub):
                    for j, a in enumerate(row):
                        if slot_fit(e0 + i, a):
                            costs_e[j] = 0.0
        elif slot_fit is None:
            row = ans[a0:a1]
            sub = [[cost_fn(e, a) for a in row] for e in exp[e0:e1]]
        else:
            sub = [
                [
                    0.0 if slot_fit(e0 + i, ans[a0 + j]) else cost_fn(exp[e0 + i], ans[a0 + j])
                    for j in range(m)
                ]
                for i in range(n)
            ]
        # d[i][j]: the cheapest edit of the first i expected words into the first j answer
        # words; on a tie the first of sub, del, ins, swap (in that order) is kept
        inf = float("inf")
        d = [[inf] * (m + 1) for _ in range(n + 1)]
        back: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
        first = d[0]
        first[0] = 0.0
        # (the costs as locals: the same values, added in the same order)
        extra, missing, swap, near = EXTRA_COST, MISSING_COST, SWAP_COST, INFLECTION_COST
        for j in range(1, m + 1):
            first[j] = first[j - 1] + extra
            back[0][j] = "ins"
        for i in range(1, n + 1):
            here, above, how_here, costs = d[i], d[i - 1], back[i], sub[i - 1]
            left = here[0] = above[0] + missing  # (left: here[j - 1], kept in a local)
            how_here[0] = "del"
            swappable = i > 1
            if swappable:
                above2, costs_above = d[i - 2], sub[i - 2]
            for j in range(1, m + 1):
                best = above[j - 1] + costs[j - 1]
                how = "sub"
                v = above[j] + missing
                if v < best:
                    best, how = v, "del"
                v = left + extra
                if v < best:
                    best, how = v, "ins"
                if swappable and j > 1:
                    c1 = costs_above[j - 1]
                    if c1 <= near:
                        c2 = costs[j - 2]
                        if c2 <= near:
                            v = above2[j - 2] + swap + c1 + c2
                            if v < best:
                                best, how = v, "swap"
                here[j] = left = best
                how_here[j] = how
        ops: list[_Op] = []
        i, j = n, m
        while i > 0 or j > 0:
            how = back[i][j]
            if how == "sub":
                kind = "match" if sub[i - 1][j - 1] == 0.0 else "sub"
                ops.append(_Op(kind, e0 + i - 1, a0 + j - 1))
                i -= 1
                j -= 1
            elif how == "del":
                ops.append(_Op("del", e0 + i - 1, -1))
                i -= 1
            elif how == "ins":
                ops.append(_Op("ins", -1, a0 + j - 1))
                j -= 1
            else:
                ops.append(_Op("swap", e0 + i - 2, a0 + j - 2, e0 + i - 1, a0 + j - 1))
                i -= 2
                j -= 2
        ops.reverse()
        return ops, d[n][m]

    # -- classification ------------------------------------------------------------------
    def compare_one(
        self,
        expected: str,
        answer: str,
        lang: ExplainIn,
        accept: Accept | None = None,
        facts: _AnswerFacts | None = None,
    ) -> tuple[Comparison, float, frozenset[int] | None]:
        """The answer against one accepted sentence: the comparison, its cost, and, when the
        answer is that sentence with whole phrases added or left out, the added words'
        positions (``None`` otherwise). ``facts``: what ``answer``'s words alone say, from
        its comparisons with the other accepted sentences (the same learner's gender)."""
        accept = accept or Accept()
        if facts is None or facts.answer != answer or facts.gender != accept.learner_gender:
            facts = _AnswerFacts(answer, accept.learner_gender)
        exp = self._words(expected)
        ans = self._words(answer)
        exp = self._adapt(exp, ans, accept, answer)
        shown = _rebuild(expected, exp)
        # (every field of every expected word, as adapted: the key of what is remembered of
        # them, see _expected_facts and _classifier)
        exp_state = tuple([_word_state(w) for w in exp])
        exp_facts = self._expected_facts(exp_state)
        # Words a teacher accepts added or left out are not aligned at all.
        optional_ans = _not_everything(
            ans, self._optional_answer_words(ans, exp, accept, facts, exp_facts)
        )
        optional_exp = _not_everything(
            exp, self._optional_expected_words(exp, ans, accept, exp_facts)
        )
        polite_ans = {i for i in optional_ans if ans[i].key in _POLITE}
        polite_exp = {i for i in optional_exp if exp[i].key in _POLITE}
        if polite_ans and polite_exp:
            # "Proszę bardzo" for "Dziękuję bardzo": one polite word instead of another
            optional_ans -= polite_ans
            optional_exp -= polite_exp
        exp_keep = [i for i in range(len(exp)) if i not in optional_exp]
        ans_keep = [j for j in range(len(ans)) if j not in optional_ans]
        exp_keep = self._conjuncts_as_answered(exp, ans, exp_keep, ans_keep)
        ops = self._remap(
            self.align([exp[i] for i in exp_keep], [ans[j] for j in ans_keep])[0],
            exp_keep,
            ans_keep,
        )
        ops = self._crossed_moves(exp, ans, ops)
        issues: list[tuple[int, Issue]] = []  # (sort key, issue)
        pairs: dict[int, int] = {}  # answer index → expected index
        moved: list[tuple[int, int]] = []  # (expected index, answer index) of moved words
        dels = [op for op in ops if op.kind == "del"]
        inss = [op for op in ops if op.kind == "ins"]
        used: set[int] = set()
        for d in dels:  # a word missing in one place and extra in another was moved
            for ins in inss:
                if id(ins) in used:
                    continue
                if self.sub_cost(exp[d.ei], ans[ins.ai]) <= INFLECTION_COST:
                    used.update((id(ins), id(d)))
                    moved.append((d.ei, ins.ai))
                    break
        for op in ops:
            if op.kind in ("match", "sub"):
                pairs[op.ai] = op.ei
            elif op.kind == "swap":
                pairs[op.ai] = op.ei2
                pairs[op.ai2] = op.ei
            elif op.kind == "move":
                pairs[op.ai] = op.ei
                moved.append((op.ei, op.ai))
        for ei, ai in moved:
            pairs[ai] = ei
        classify = self._classifier(exp, exp_state, ans, lang, accept)
        question = expected.rstrip().endswith("?")
        swaps = [op for op in ops if op.kind == "swap"]
        order_is_free = bool(moved or swaps) and (
            self._free_order(exp, ans, pairs, optional_exp, optional_ans, question)
            or (
                not moved
                and all(self._clitic_beside_verb(exp, op.ei, op.ei2) for op in swaps)
                and not (ans and ans[0].key in _OBJECT_CLITICS)
            )
        )
        if not order_is_free:
            for ei, ai in moved:
                after = exp[ei - 1].text if ei > 0 else None
                issues.append(
                    (
                        ei,
                        Issue(
                            type="word_order",
                            expected=exp[ei].text,
                            got=ans[ai].text,
                            explanation=explain.word_order_moved(exp[ei].text, after, lang),
                            position=ai,
                        ),
                    )
                )
        for ei, ai in moved:
            if exp[ei].key != ans[ai].key:
                issue = classify(ei, ai)
                if issue is not None:
                    issues.append((ei, issue))
        for op in ops:
            if id(op) in used or op.kind in ("match", "move"):
                continue
            if op.kind == "del":
                after = exp[op.ei - 1].text if op.ei > 0 else None
                verb = self._reflexive_only_verb(exp, op.ei)
                negative = self._negative_word(exp, op.ei)
                issues.append(
                    (
                        op.ei,
                        Issue(
                            type="missing_word",
                            expected=exp[op.ei].text,
                            got=None,
                            explanation=(
                                explain.missing_sie(verb, after, lang)
                                if verb is not None
                                else explain.missing_nie(negative, after, lang)
                                if negative is not None
                                else explain.missing_word(exp[op.ei].text, after, lang)
                            ),
                            position=None,
                        ),
                    )
                )
            elif op.kind == "ins":
                issues.append(
                    (
                        _sort_pos(ops, op),
                        Issue(
                            type="extra_word",
                            expected=None,
                            got=ans[op.ai].text,
                            explanation=explain.extra_word(ans[op.ai].text, lang),
                            position=op.ai,
                        ),
                    )
                )
            elif op.kind == "sub":
                issue = classify(op.ei, op.ai)
                if issue is not None:
                    issues.append((op.ei, issue))
            elif op.kind == "swap":
                if not order_is_free:
                    e_phrase = f"{exp[op.ei].text} {exp[op.ei2].text}"
                    a_phrase = f"{ans[op.ai].text} {ans[op.ai2].text}"
                    issues.append(
                        (
                            op.ei,
                            Issue(
                                type="word_order",
                                expected=e_phrase,
                                got=a_phrase,
                                explanation=explain.word_order_swap(e_phrase, a_phrase, lang),
                                position=op.ai,
                            ),
                        )
                    )
                for ei, ai in ((op.ei, op.ai2), (op.ei2, op.ai)):
                    if exp[ei].key != ans[ai].key:
                        issue = classify(ei, ai)
                        if issue is not None:
                            issues.append((ei, issue))
        issues.sort(key=lambda item: item[0])
        final = tuple(issue for _k, issue in issues)
        # the accepted answer said with a phrase more or less (W sobotę …, …, ale będzie wiał
        # silny wiatr): the added words, for compare() to weigh
        elaboration = (
            frozenset(op.ai for op in ops if op.kind == "ins")
            if final
            and all(i.type in ("extra_word", "missing_word") for i in final)
            and self._elaboration(exp, ans, ops)
            else None
        )
        verdict = _verdict(final)
        cost = sum(ISSUE_COST[i.type] for i in final)
        comparison = Comparison(verdict=verdict, expected=shown, answer=answer, issues=final)
        return comparison, cost, elaboration

    def _clitic_beside_verb(self, exp: list[Word], a: int, b: int) -> bool:
        """An object pronoun and the infinitive or verb beside it (*ją zapytać* / *zapytać
        ją*): either order is Polish."""
        if exp[a].key in _OBJECT_CLITICS:
            verb = exp[b]
        elif exp[b].key in _OBJECT_CLITICS:
            verb = exp[a]
        else:
            return False
        return any(r.pos in ("inf", "fin", "praet") for r in self._usual(verb))

    def _elaboration(self, exp: list[Word], ans: list[Word], ops: list[_Op]) -> bool:
        """Are the answer's extra words and the expected words it leaves out whole phrases a
        teacher lets a learner add or leave out: a time or place phrase, an adverb, a clause
        of its own (after a comma or *a*, *ale*, *bo* …), a subject noun phrase added? Never
        *nie*, *się*, a pronoun or a lone function word, and most of the answer must be the
        accepted one."""
        # what the answer shares with the accepted one, a greeting and polite words aside
        opening = self._opening_aside(exp)
        matched = [
            op.ei
            for op in ops
            if op.kind in ("match", "sub", "move", "swap")
            and op.ei >= opening
            and exp[op.ei].key not in _POLITE
        ]
        if len(matched) < max(2, (len(exp) - opening + 1) // 2):
            return False
        added = _runs(sorted(op.ai for op in ops if op.kind == "ins"))
        left_out = _runs(sorted(op.ei for op in ops if op.kind == "del"))
        if (
            left_out
            and not any(self._grammar.is_verb(exp[i]) for i in matched)
            and any(self._grammar.is_verb(w) for w in exp)
        ):
            return False  # what is left must still say something (not "Dzień dobry" alone)
        return all(self._free_phrase(ans, run, added=True) for run in added) and all(
            self._free_phrase(exp, run, added=False) for run in left_out
        )

    def _free_phrase(self, words: list[Word], run: list[int], *, added: bool) -> bool:
        keys = [words[i].key for i in run]
        if keys[:1] == ["do"] and keys[1:2] and keys[1] in _FAREWELLS:
            return False  # *do widzenia*, *do zobaczenia*: a goodbye is no detail
        if added and self._added_time_or_degree(words, run, keys):
            return True
        if set(keys) & _NEVER_FREE:
            return False
        readings = [self._grammar.usual(words[i].text) for i in run]
        first = readings[0]
        clause = (words[run[0]].boundary_before or keys[0] in _CLAUSE_JOINERS) and (
            run[-1] == len(words) - 1 or words[run[-1] + 1].boundary_before
        )
        if clause and len(run) >= 2 and any(r.pos in VERBAL for rs in readings for r in rs):
            return True  # ", ale będzie wiał silny wiatr", ", a ty kupisz coś do picia"
        if len(run) == 1 and self._lone_detail(words, run[0], added=added):
            return True
        if any(r.pos in VERBAL for rs in readings for r in rs):
            return False  # a verb inside a clause changes what is said
        if not added and self._detail_left_out(words, run, readings):
            return True
        if not added and run[0] != 0:
            return False  # what ends a Polish sentence is its point (Zrobię je w niedzielę.)
        if len(run) == 1:
            return False  # a lone word (zawsze, tam) changes what is said, or stands oddly
        if any(r.pos == "prep" for r in first) and any(
            r.pos in ("subst", "ger", "ppron12", "ppron3", "siebie")
            for rs in readings[1:]
            for r in rs
        ):
            return True  # "od poniedziałku", "w centrum", "ze sobą", "dla mnie", "za zaproszenie"
        if (
            added
            and run[0] == 0
            and all(any(r.pos in ("subst", "adj") for r in rs) for rs in readings)
        ):
            return True  # a subject said: "Remont potrwa pół roku"
        return False

    def _detail_left_out(
        self, words: list[Word], run: list[int], readings: list[tuple[Reading, ...]]
    ) -> bool:
        """A phrase of an accepted answer (no verb in it) that a teacher lets a learner leave
        out: a phrase of its own after a comma that ends the sentence (*Byłem w górach, w
        Zakopanem*; *Tydzień temu, siódmego marca*; *…, panie doktorze*), or a whole
        prepositional phrase not at the sentence's end (*Tak, w paczce nie było paska*)
        or ending it after a noun (*Nie, pojechałem pociągiem z kolegą*; *Co kupić
        twoim rodzicom na święta?*). Not *bez* (*bez mleka* is the point) and not a
        preposition left behind without its noun or a noun without its preposition."""
        first, last = run[0], run[-1]
        if first == 0:
            return False  # (an opening is _lone_detail's: the rest must open a sentence)
        ends = last == len(words) - 1 or words[last + 1].boundary_before
        nominal = ("subst", "ger", "adj", "num", "ppron12", "ppron3", "siebie", "adv")
        if not all(any(r.pos in nominal or r.pos == "prep" for r in rs) for rs in readings):
            return False
        if words[first].boundary_before and ends:
            # a phrase of its own between a comma and the sentence's end, with a noun in it
            return any(any(r.pos == "subst" for r in rs) for rs in readings)
        if not any(r.pos == "prep" for r in self._morph.analyse(words[first].text)):
            return False
        if len(run) < 2 or not all(any(r.pos in nominal[:-1] for r in rs) for rs in readings[1:]):
            return False
        if not any(r.pos in ("subst", "ger") or r.pos.startswith("ppron") for r in readings[-1]):
            return False  # the phrase ends in its noun (not *w tej samej* …)
        if not ends:
            # the next word is not the phrase's own (a noun or adjective after it)
            nxt = self._usual(words[last + 1])
            return not any(r.pos in ("subst", "adj") for r in nxt)
        # ending the sentence: after a noun or pronoun (not after a verb: *Idę do sklepu* →
        # *Idę* leaves out where; not after an adjective), and not a time, which ends a
        # sentence as its point (*Zrobię kanapki w niedzielę*: when is what is said)
        if any(r.lemma in _TIME_NOUNS for rs in readings for r in rs):
            return False
        if words[first].key == "o" and any(r.pos in ("adj", "num") for r in readings[1]):
            return False  # *o ósmej*
        before = self._usual(words[first - 1])
        return any(r.pos in ("subst", "ger", "ppron12", "ppron3") for r in before)

    def _opening_aside_word(self, words: list[Word], i: int) -> bool:
        """A word opening a sentence or clause that says how the speaker takes what follows,
        which a learner may leave out: an adverb or particle (*Okropnie! Pociąg się spóźnił*,
        *Podobno siedem albo osiem godzin*, *Niestety nie znam*) or *to* before a verb or
        pronoun (*To byłoby świetnie*, *To ja dziękuję*). Not a question word, a degree word,
        *tak* / *nie*, nor a word that also joins clauses (*kiedy*, *czy*); what is left must
        not open with a clitic (*ją aresztowano* for *Bezprawnie ją …*)."""
        w = words[i]
        if i + 1 >= len(words) or words[i + 1].key in _CLITICS | _OBJECT_CLITICS:
            return False
        if w.key == "tak" and words[i + 1].boundary_before:
            return True  # *Tak, wszystko jasne*: the yes the rest says (never *nie*)
        if w.key in _QUESTION_WORDS | _DEGREE_WORDS | _YES_NO | _POLITE | _NOT_ASIDE:
            return False
        readings = self._morph.analyse(w.text)
        if w.key == "to":
            return words[i + 1].boundary_before is False and any(
                r.pos in VERBAL or r.pos in ("ppron12", "ppron3") for r in self._usual(words[i + 1])
            )
        return bool(readings) and all(r.pos in ("adv", "part", "qub") for r in readings)

    def _added_time_or_degree(self, words: list[Word], run: list[int], keys: list[str]) -> bool:
        """*już* / *jeszcze* added before a verb or a phrase of time (*Babcia jeszcze żyje*,
        *Towar dotrze do Państwa już w piątek*), *o wiele* before a comparative (*Razem jest o
        wiele łatwiej*): they stress what the accepted answer says."""
        last = run[-1]
        if last + 1 >= len(words) or words[last + 1].boundary_before:
            return False
        nxt = self._morph.analyse(words[last + 1].text)
        if keys in (["już"], ["jeszcze"]):
            if run[0] > 0 and words[run[0] - 1].key == "nie":
                return False
            if any(r.pos in ("fin", "praet") for r in nxt):
                return True
            # before a phrase of time (*już w piątek*; not *Część już z nich*)
            return (
                any(r.pos == "prep" for r in nxt)
                and last + 2 < len(words)
                and not words[last + 2].boundary_before
                and any(r.lemma in _TIME_NOUNS for r in self._morph.analyse(words[last + 2].text))
            )
        if keys == ["o", "wiele"]:
            return any(r.degree & {"com"} for r in nxt)
        return False

    def _opening_added(self, words: list[Word], i: int) -> bool:
        """A word a learner may put before an accepted answer: a reply word of its own
        (*Jasne, chętnie!*, *Spokojnie, nie zapomnę.*), a hedge before what it hedges (*Może
        dla niespodziewanego gościa?*; not *może* before an infinitive, where it is *can*),
        or the name of the person spoken to (*Marek, powinieneś …*; not *pani* alone)."""
        w = words[i]
        if i + 1 >= len(words):
            return False
        nxt = words[i + 1]
        if nxt.boundary_before:
            if w.key in _REPLY_WORDS:
                return True
            return w.text[:1].isupper() and any(
                r.pos == "subst" and r.full_lemma[:1].isupper() and r.case & {"nom", "voc"}
                for r in self._morph.analyse(w.text)
            )
        return (
            w.key in _HEDGES
            and nxt.key not in _CLITICS | _OBJECT_CLITICS
            and not any(r.pos == "inf" for r in self._morph.analyse(nxt.text))
        )

    def _lone_detail(self, words: list[Word], i: int, *, added: bool) -> bool:
        """One word that adds a detail to what is said, not another thing said: an adjective
        with the noun beside it (*dobrą pracę*, *komunikacją miejską*), an adverb with its
        verb, adjective or adverb or opening its clause (*lepiej odpocznij*, *prawie cztery*,
        *Najpierw …*), a genitive noun after the noun it describes (*kolorów pojemników*);
        left out: an adverb or *to* opening the sentence (*Rano poszliśmy …*, *To byłoby …*),
        a demonstrative or possessive (*te słuchawki*, *swojej siostry*)."""
        w = words[i]
        if w.key in _NEVER_FREE or w.key in _NOT_A_DETAIL:
            return False
        if not added and (i == 0 or w.boundary_before) and self._opening_aside_word(words, i):
            return True
        if added and (i == 0 or w.boundary_before) and self._opening_added(words, i):
            return True
        readings = self._usual(w)
        if any(r.pos in VERBAL - {"ger"} for r in readings):
            return False
        prev = words[i - 1] if i > 0 and not w.boundary_before else None
        nxt = words[i + 1] if i + 1 < len(words) and not words[i + 1].boundary_before else None
        opens = i == 0 or w.boundary_before
        adjs = [r for r in readings if r.pos == "adj"]
        if any(r.pos == "prep" for r in self._morph.analyse(w.text)):
            return False  # "około" governs a case: it changes the phrase
        advs = [r for r in readings if r.pos in ("adv", "qub", "part")]
        if not added and any(r.lemma in _DETERMINERS for r in adjs):
            # "te słuchawki", "swojej siostry"; not in a bare instrumental, a phrase of its
            # own (*tym razem*, *tym sposobem*: *razem*, *sposobem* alone say another thing)
            after_prep = i > 0 and not w.boundary_before and self._grammar.is_prep(words[i - 1])
            return nxt is not None and any(
                _agrees(a, n) and (after_prep or a.case & n.case - {"inst"})
                for a in adjs
                for n in self._usual(nxt)
                if n.pos == "subst"
            )
        if added and self._added_subject(words, i):
            return True  # "Remont będzie trwał pół roku", "Babcia od razu go polubiła"
        # an adjective before the noun it agrees with, in a case the preposition takes, may
        # follow the preposition (*w dużym domu*, not *w dużego domu*): it is inside the noun
        # phrase, not between the preposition and it
        prep_cases = self._grammar.prep_cases(prev) if prev is not None else frozenset[str]()
        describes_next = nxt is not None and any(
            _agrees(a, n) and a.case & n.case & prep_cases
            for a in adjs
            for n in self._usual(nxt)
            if n.pos == "subst"
        )
        if (
            added
            and prev is not None
            and (
                (self._grammar.is_prep(prev) and not describes_next)
                or prev.key == "nie"
                or (nxt is not None and self._modifies_next(prev, nxt) and not adjs)
            )
        ):
            return False  # never inside a phrase: *w też domu*, *nie też mam*, *moją też mamę*
        if added and w.key in _FOCUS_PARTICLES:
            # "boli mnie też ucho": before the noun or pronoun it adds (not "też i czarny"),
            # outside a noun phrase (not "instytucją kulturalną też stolicy")
            return (
                nxt is not None
                and any(r.pos in ("subst", "ppron12", "ppron3") for r in self._usual(nxt))
                and self._adverb_slot(words, i)
            )
        if (
            added
            and w.key in _BY_HOW_MUCH
            and nxt is not None
            and any(r.degree & {"com"} for r in self._usual(nxt))
        ):
            return True  # "dużo taniej", "znacznie lepiej"
        if not readings or any(r.pos in ("ppron12", "ppron3", "num", "siebie") for r in readings):
            return False
        if not added:
            if i == 0 and (
                w.key == "to"
                or (
                    any(r.pos == "adv" for r in self._morph.analyse(w.text))
                    and w.key not in _QUESTION_WORDS | _DEGREE_WORDS | _YES_NO
                    # (not a word that also opens a clause: *gdy*, *kiedy*)
                    and not any(r.pos in ("comp", "conj") for r in self._morph.analyse(w.text))
                )
            ):
                # "Rano poszliśmy", "To byłoby świetnie": what is left opens a sentence as
                # Polish can (not with a clitic: *ją aresztowano* for *Bezprawnie ją …*)
                return nxt is not None and nxt.key not in _CLITICS | _OBJECT_CLITICS
            return False
        if any(
            _agrees(a, n)
            for other in (prev, nxt)
            if other is not None
            for a in adjs
            for n in self._usual(other)
            if n.pos == "subst"
        ):
            return True  # "dobry dojazd", "komunikacją miejską"
        if advs and w.key not in _DEGREE_WORDS - {"dużo"}:
            if not self._adverb_slot(words, i):
                return False
            if opens:
                return nxt is not None
            return any(
                r.pos in VERBAL or r.pos in ("adj", "adv", "num")
                for other in (prev, nxt)
                if other is not None
                for r in self._usual(other)
            )
        return self._genitive_attribute(words, i)

    def _adverb_slot(self, words: list[Word], i: int) -> bool:
        """Can an added adverb or particle stand at i, modifying what is there? A degree word
        (*bardzo*, *trochę*, *zbyt* …) only right before an adjective or adverb with degrees
        (*bardzo ładna*, not *bardzo eksportowych*, *bardzo jednego*, *bardzo stąd*); any
        word never between *nie* and what it negates (*nie już dopowiedziała*), never before a
        relative or interrogative word or a conjunction opening a clause (*on, bardzo który*,
        *fakt, już że*), never after a preposition (*przez też jednego*) or inside a noun
        phrase (*Nowym Mieście bardzo Lubawskim*, *instytucją kulturalną też stolicy*), and
        after a comma only a sentence adverb or an adverb before its verb (*…, niestety nie
        mogę*, *…, lepiej odpocznij*)."""
        w = words[i]
        prev = words[i - 1] if i > 0 and not w.boundary_before else None
        nxt = words[i + 1] if i + 1 < len(words) and not words[i + 1].boundary_before else None
        if prev is not None and prev.key == "nie":
            return False
        if nxt is not None and (
            nxt.key in _QUESTION_WORDS
            or any(r.pos == "comp" for r in self._morph.analyse(nxt.text))
        ):
            return False
        if w.key in _DEGREE_WORDS:
            return nxt is not None and self._gradable(nxt)
        if prev is not None and self._grammar.is_prep(prev):
            return False
        if prev is not None and nxt is not None and self._inside_noun_phrase(prev, nxt):
            return False
        if i > 0 and w.boundary_before:
            # opening the clause after a comma: a sentence adverb, or the adverb of the verb
            # right after it (*…, lepiej odpocznij*), not a word in a list (*Mały, też skośnooki*)
            return w.key in _SENTENCE_ADVERBS or (nxt is not None and self._grammar.is_verb(nxt))
        return True

    def _gradable(self, word: Word) -> bool:
        """An adjective or adverb that has degrees (*ładna*, *szybko*, *zmęczony*), which a
        degree word can grade: Morfeusz gives the adverb a degree, the adjective a comparative,
        the participle an adjective's reading (not *eksportowy*, *azjatycki*, *jeden*, *stąd*,
        *poinformowany*)."""
        readings = self._usual(word)
        if any(r.pos in ("ppas", "pact") for r in readings) and any(
            r.pos == "adj" for r in self._morph.analyse(word.text)
        ):
            return True  # a participle that is also an adjective: "bardzo zmęczony"
        for r in readings:
            if r.pos == "adv" and r.degree:
                return True
            if r.pos == "adj" and (
                r.degree - {"pos"}
                or any(
                    g.pos == "adj" and "com" in g.degree for g in self._morph.generate(r.full_lemma)
                )
            ):
                return True
        return False

    def _inside_noun_phrase(self, prev: Word, nxt: Word) -> bool:
        """Are ``prev`` and ``nxt`` two words of one noun phrase: a modifier and its noun
        (*widocznym … suficie*), a noun and its adjective after it (*Mieście … Lubawskim*), a
        noun and the noun in the genitive that describes it (*rozwój … rynku*)?"""
        if self._grammar.is_verb(prev):
            return False
        if self._modifies_next(prev, nxt):
            return True
        pr = [r for r in self._usual(prev) if r.pos in NOUN_CLASSES | ADJ_CLASSES]
        nr = self._usual(nxt)
        if any(p.pos == "subst" and n.pos in ADJ_CLASSES and _agrees(n, p) for p in pr for n in nr):
            return True
        return bool(pr) and any(r.pos in ("subst", "ger") and "gen" in r.case for r in nr)

    def _added_subject(self, words: list[Word], i: int) -> bool:
        """A noun said as the subject the verb already implies (*Remont będzie trwał*,
        *klienci podpisali*): nominative, agreeing with the clause's 3rd-person verb."""
        nouns = [r for r in self._usual(words[i]) if r.pos == "subst" and "nom" in r.case]
        if not nouns or words[i].key in _ADDRESSEE:
            return False
        for j in self._grammar.verbs_in_clause(words, i):
            for v in self._usual(words[j]):
                if v.pos not in ("fin", "praet", "bedzie") or v.person & {"pri", "sec"}:
                    continue
                if any(
                    n.number & v.number and (v.pos != "praet" or n.gender & v.gender) for n in nouns
                ):
                    return True
        return False

    def _genitive_attribute(self, words: list[Word], i: int) -> bool:
        """A noun in the genitive right after a noun it can describe (*nazwę aplikacji*)."""
        if i == 0 or words[i].boundary_before or self._grammar.is_verb(words[i]):
            return False
        mine = self._usual(words[i])
        if not all(r.pos in ("subst", "ger") for r in mine) or not any(
            "gen" in r.case for r in mine
        ):
            return False
        prev = self._usual(words[i - 1])
        if any(r.pos in ("ppron12", "ppron3") for r in prev):
            return False  # *go* is the pronoun, not the game: *go pana prześlę* is wrong
        # (a noun that is also a verb form, *nazwę*, is a noun right after a verb: wpisać nazwę)
        return any(r.pos == "subst" for r in prev) and (
            not self._grammar.is_verb(words[i - 1])
            or (i > 1 and not words[i - 1].boundary_before and self._grammar.is_verb(words[i - 2]))
        )

    def _remap(self, ops: list[_Op], exp_keep: list[int], ans_keep: list[int]) -> list[_Op]:
        """Alignment ops over the kept words, with indices into the whole sentences."""
        out: list[_Op] = []
        for op in ops:
            ei = exp_keep[op.ei] if op.ei >= 0 else -1
            ai = ans_keep[op.ai] if op.ai >= 0 else -1
            if op.kind == "swap":
                out.append(_Op("swap", ei, ai, exp_keep[op.ei + 1], ans_keep[op.ai + 1]))
            else:
                out.append(_Op(op.kind, ei, ai))
        return out

    def _crossed_moves(self, exp: list[Word], ans: list[Word], ops: list[_Op]) -> list[_Op]:
        """Two words that changed places across others (*Głowa mnie boli* for *Boli mnie
        głowa*): the alignment paired each with the other's place; pair them right."""
        subs = [
            op
            for op in ops
            if op.kind == "sub" and self.sub_cost(exp[op.ei], ans[op.ai]) > INFLECTION_COST
        ]
        done: set[int] = set()
        for a in subs:
            for b in subs:
                if a is b or id(a) in done or id(b) in done:
                    continue
                if (
                    self.sub_cost(exp[a.ei], ans[b.ai]) <= INFLECTION_COST
                    and self.sub_cost(exp[b.ei], ans[a.ai]) <= INFLECTION_COST
                ):
                    done.update((id(a), id(b)))
                    a_ei, b_ei = a.ei, b.ei
                    a.kind, a.ei = "move", b_ei
                    b.kind, b.ei = "move", a_ei
        return ops

    def _conjuncts_as_answered(
        self, exp: list[Word], ans: list[Word], exp_keep: list[int], ans_keep: list[int]
    ) -> list[int]:
        """*herbatę i ciastko* answered *ciastko i herbatę*, *czytać i grać w piłkę* answered
        *grać w piłkę i czytać*: the same, in the learner's order."""
        out = list(exp_keep)
        a_words = [ans[j] for j in ans_keep]
        a_keys = {a.key for a in a_words}
        for k in range(1, len(out) - 1):
            if exp[out[k]].key not in ("i", "oraz", "albo", "lub"):
                continue
            if exp[out[k]].key not in a_keys:
                continue  # (both tests below look for the coordinator in the answer)
            if self._list_as_answered(exp, out, k, a_words):
                continue
            left = self._conjunct(exp, out, k, -1)
            right = self._conjunct(exp, out, k, +1)
            n_left, n_right = len(left), len(right)
            for m in range(len(a_words)):
                if a_words[m].key != exp[out[k]].key:
                    continue
                before = a_words[max(0, m - n_right) : m]
                after = a_words[m + 1 : m + 1 + n_left]
                if len(before) != n_right or len(after) != n_left:
                    continue
                if all(
                    self.sub_cost(exp[r], b) <= INFLECTION_COST
                    for r, b in zip(right, before, strict=True)
                ) and all(
                    self.sub_cost(exp[l_], a) <= INFLECTION_COST
                    for l_, a in zip(left, after, strict=True)
                ):
                    start = k - n_left
                    out[start : k + 1 + n_right] = [*right, out[k], *left]
                    break
        return out

    def _list_as_answered(
        self, exp: list[Word], out: list[int], k: int, a_words: list[Word]
    ) -> bool:
        """*chleb, masło i ser* answered *ser, chleb i masło*: a list of three or more things
        (no verbs: the order of actions is their time) in the learner's order. ``out`` is
        rearranged in place when the answer has the same items around the same coordinator."""
        items = [self._conjunct(exp, out, k, +1)]
        at = k  # position in ``out`` where the items found so far begin
        while True:
            item = self._conjunct(exp, out, at, -1)
            if not item:
                break
            items.insert(0, item)
            at -= len(item)
            if not exp[out[at]].boundary_before or len(items) > 6:
                break  # the first item: no comma before it
        if len(items) < 3 or any(self._grammar.is_verb(exp[i]) for it in items for i in it):
            return False
        coordinator = exp[out[k]].key
        for m, a in enumerate(a_words):
            if a.key != coordinator:
                continue
            for order in itertools.permutations(range(len(items))):
                if list(order) == sorted(order):
                    continue
                *head, last = (items[o] for o in order)
                start = m - sum(len(it) for it in head)
                flat = [i for it in head for i in it]
                if start < 0 or m + 1 + len(last) > len(a_words):
                    continue
                if all(
                    self.sub_cost(exp[i], b) <= INFLECTION_COST
                    for i, b in zip(
                        [*flat, *last],
                        [*a_words[start:m], *a_words[m + 1 : m + 1 + len(last)]],
                        strict=True,
                    )
                ):
                    out[at : k + 1 + len(items[-1])] = [*flat, out[k], *last]
                    return True
        return False

    def _conjunct(self, exp: list[Word], keep: list[int], k: int, step: int) -> list[int]:
        """The phrase (a preposition or modifiers with their word) joined by the coordinator at
        ``keep[k]`` on one side."""
        members: list[int] = []
        j = k + step
        while 0 <= j < len(keep):
            members.append(keep[j])
            nxt = j + step
            if not (0 <= nxt < len(keep)) or exp[keep[max(j, nxt)]].boundary_before:
                break
            a, b = (exp[keep[nxt]], exp[keep[j]]) if step < 0 else (exp[keep[j]], exp[keep[nxt]])
            glued = (
                (self._grammar.is_prep(a) and not self._grammar.is_verb(a))
                or (self._grammar.is_prep(b) and not self._grammar.is_verb(b))
                or self._modifies_next(a, b)
                or (self._grammar.is_noun(a) and self._modifies_next(b, a))  # sok pomarańczowy
            )
            if not glued:
                break
            j = nxt
        return members if step > 0 else list(reversed(members))

    # -- what a teacher accepts ----------------------------------------------------------
    def _adapt(
        self, exp: list[Word], ans: list[Word], accept: Accept, answer: str = ""
    ) -> list[Word]:
        """The expected words rewritten towards the answer where both mean the same."""
        exp = list(exp)
        if not ans:
            return exp
        keys = {w.key for w in exp}
        if all(w.key in keys for w in ans):
            # every answer word is in the accepted answer: nothing to rewrite but the order
            # (and a declared phrase the learner says shorter: *nigdy* for *jeszcze nigdy*)
            return self._shared_place(self._phrases(exp, ans, accept), ans)
        if any(w.text.isdecimal() for w in ans) or any(w.text.isdecimal() for w in exp):
            exp = self._score(exp, ans, answer)
            exp = self._dates(exp, ans)
            exp = self._clock(exp, ans, answer)
            exp = self._numbers(exp, ans)
        exp = self._phrases(exp, ans, accept)
        exp = self._synonyms(exp, ans, accept)
        exp = self._named_object(exp, ans)
        exp = self._shared_place(exp, ans)
        exp = self._slots(exp, ans, accept)
        exp = self._pronoun_subjects(exp, ans)
        exp = self._compound_future(exp, ans, accept)
        exp = self._abbreviated(exp, ans)
        return _preposition_forms_written(exp, ans)

    def _named_object(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        """*Jak mam odesłać starą kurtkę?* for *Jak mam ją odesłać?*: the learner names the
        thing an object pronoun stands for, after the verb, in the accusative and agreeing with
        the pronoun (*ją*: a feminine noun; *je*: a neuter or non-personal plural)."""
        ans_keys = [w.key for w in ans]
        exp_keys = {w.key for w in exp}
        for p, w in enumerate(exp):
            if w.key not in _OBJECT_PRONOUNS or w.key in ans_keys:
                continue
            for v in (p + 1, p - 1):
                if not 0 <= v < len(exp) or exp[max(p, v)].boundary_before:
                    continue
                if not any(r.pos in ("inf", "fin", "praet", "impt") for r in self._usual(exp[v])):
                    continue
                # the verb itself, or another form of it (*Ja zrobi kanapki*: the object is
                # named, the person is what is wrong)
                lemmas = self._verb_lemmas(exp[v])
                said = [j for j, a in enumerate(ans) if a.key == exp[v].key] or [
                    j for j, a in enumerate(ans) if self._verb_lemmas(a) & lemmas
                ]
                if not said:
                    continue
                k = said[0] + 1
                end = k
                while end < len(ans) and not ans[end].boundary_before and end - k < 3:
                    if ans[end].key in exp_keys:
                        break
                    end += 1
                phrase = ans[k:end]
                if not phrase or not self._object_phrase(phrase, w.key):
                    continue
                verb = exp[v].replaced(exp[v].text)
                if p < v:
                    verb.start = w.start
                else:
                    verb.end = w.end
                new = [a.replaced(a.text) for a in phrase]
                for a in new:
                    a.start = a.end = -1
                    a.boundary_before = False
                lo, hi = min(p, v), max(p, v)
                return [*exp[:lo], verb, *new, *exp[hi + 1 :]]
        return exp

    def _verb_lemmas(self, word: Word) -> frozenset[str]:
        return frozenset(
            r.lemma for r in self._usual(word) if r.pos in ("inf", "fin", "praet", "impt")
        )

    def _object_phrase(self, phrase: list[Word], pronoun: str) -> bool:
        """Is ``phrase`` a noun (after a demonstrative or adjectives agreeing with it) in the
        accusative that ``pronoun`` can stand for?"""
        nouns = [
            r
            for r in self._usual(phrase[-1])
            if r.pos == "subst" and "acc" in r.case and _OBJECT_PRONOUNS[pronoun](r)
        ]
        if not nouns:
            return False
        return all(
            any(r.pos == "adj" and _agrees(r, n) for r in self._usual(m) for n in nouns)
            for m in phrase[:-1]
        )

    def _shared_place(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        """*siedzimy przy ognisku i śpiewamy* said *siedzimy i śpiewamy przy ognisku* (or the
        other way): where the second of two joined verbs stands alone, a place phrase (*w*,
        *na*, *przy* + locative) after the first may follow the second and be the place of
        both. Not a phrase only one of the verbs governs (*gram na gitarze*), not a direction
        (*do domu*)."""
        keys = [w.key for w in exp]
        a_keys = [w.key for w in ans]
        for k in range(2, len(exp) - 1):
            if keys[k] not in ("i", "oraz") or exp[k].boundary_before:
                continue
            v2 = k + 1
            if v2 + 1 < len(exp) and not exp[v2 + 1].boundary_before:
                # "V1 i V2 PP": the phrase after the second verb, to the end of the clause
                end = next((j for j in range(v2 + 1, len(exp)) if exp[j].boundary_before), len(exp))
                phrase = list(range(v2 + 1, end))
                v1 = k - 1
                order = [*range(v1 + 1), *phrase, *range(k, v2 + 1), *range(end, len(exp))]
            else:
                # "V1 PP i V2": the phrase between the first verb and the coordinator
                start = k
                while (
                    start > 0
                    and not exp[start].boundary_before
                    and not self._grammar.is_verb(exp[start - 1])
                ):
                    start -= 1
                phrase = list(range(start, k))
                v1 = start - 1
                order = [*range(start), *range(k, v2 + 1), *phrase, *range(v2 + 1, len(exp))]
            if not phrase or v1 < 0 or exp[phrase[0]].boundary_before:
                continue
            if not self._place_phrase(exp, phrase):
                continue
            if not (self._finite_verb(exp[v1]) and self._finite_verb(exp[v2])):
                continue
            prep = exp[phrase[0]].key
            if self._governs(exp[v1].text, prep) != self._governs(exp[v2].text, prep):
                continue  # the phrase is one verb's own (gram na gitarze), not the other's
            region = [keys[i] for i in order[v1 : v1 + len(phrase) + 3]]
            if self._contains(a_keys, region):
                # each word in the slot (offsets, punctuation before it) of the one it follows
                out: list[Word] = []
                for slot, i in enumerate(order):
                    w = exp[i].replaced(exp[i].text)
                    w.orig = exp[i].orig
                    w.start, w.end = exp[slot].start, exp[slot].end
                    w.boundary_before = exp[slot].boundary_before
                    out.append(w)
                return out
        return exp

    def _place_phrase(self, words: list[Word], run: list[int]) -> bool:
        if not 2 <= len(run) <= 4 or words[run[0]].key not in ("w", "we", "na", "przy"):
            return False
        rest = [self._usual(words[i]) for i in run[1:]]
        return all(
            any(r.pos in ("subst", "adj") and "loc" in r.case for r in rs) for rs in rest
        ) and any(r.pos == "subst" for r in rest[-1])

    def _finite_verb(self, word: Word) -> bool:
        return any(r.pos in ("fin", "praet") for r in self._usual(word))

    def _governs(self, verb: str, prep: str) -> bool:
        table = self._grammar.table
        return any(
            f.after(prep)
            for r in self._morph.analyse(verb)
            if r.pos in VERBAL_CLASSES
            for f in table.prep_frames(r.lemma)
        )

    @staticmethod
    def _contains(seq: list[str], part: list[str]) -> bool:
        n = len(part)
        return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))

    def _abbreviated(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        """*15 zł* for *piętnaście złotych*, *2 kg* for *dwa kilogramy*: a unit's usual
        abbreviation stands for any of its forms."""
        short = {w.key: w for w in ans if w.key in _ABBREVIATIONS}
        if not short:
            return exp
        out = list(exp)
        for i, w in enumerate(exp):
            for key, a in short.items():
                if w.key != key and any(
                    r.lemma == _ABBREVIATIONS[key] and r.pos == "subst"
                    for r in self._morph.analyse(w.text)
                ):
                    out[i] = w.replaced(a.text)
        return out

    def _future_aux(self, text: str) -> tuple[Reading, ...]:
        """The word's readings as *będę*, *będzie* … (remembered per word: a pure function of
        Morfeusz's readings of it; bounded)."""
        cached = self._aux_of.get(text)
        if cached is None:
            cached = tuple(r for r in self._morph.analyse(text) if r.pos == "bedzie")
            if len(self._aux_of) > 100_000:
                self._aux_of.clear()
            self._aux_of[text] = cached
        return cached

    def _compound_future(self, exp: list[Word], ans: list[Word], accept: Accept) -> list[Word]:
        """*będę czytać* and *będę czytał(a)* are one future: either stands for the other
        (the past form only in a gender that fits the learner, when known)."""
        out = list(exp)
        for i, w in enumerate(exp):
            aux = self._future_aux(exp[i - 1].text) if i else ()
            if not aux:
                continue
            numbers = frozenset().union(*(r.number for r in aux))
            mine = self._morph.analyse(w.text)
            if not any(r.pos in ("praet", "inf") for r in mine):
                continue
            lemmas = {r.full_lemma for r in mine if r.pos in ("praet", "inf")}
            want = "inf" if any(r.pos == "praet" for r in mine) else "praet"
            for a in ans:
                if a.key == w.key or a.key in {e.key for e in exp}:
                    continue
                fits = [
                    r
                    for r in self._morph.analyse(a.text)
                    if r.pos == want
                    and r.full_lemma in lemmas
                    and not r.person & {"pri", "sec"}  # not "będę pracowałem"
                    and (r.pos == "inf" or r.number & numbers)  # nor "będę pracowali"
                ]
                if want == "praet" and accept.learner_gender is not None:
                    gender = "f" if accept.learner_gender == "feminine" else "m1"
                    fits = [r for r in fits if gender in r.gender]
                if fits:
                    out[i] = w.replaced(_like_case(w.text, a.text))
                    break
        return out

    def _pronoun_subjects(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        """*Ona jedzie tramwajem* for *Ola jedzie tramwajem*: a personal pronoun that agrees
        with the subject stands for it."""
        ans_keys = {w.key for w in ans}
        pronouns = [w for w in ans if w.key in _THIRD_PERSON and w.key not in {e.key for e in exp}]
        if not pronouns:
            return exp
        out = list(exp)
        for i, w in enumerate(exp):
            if w.key in ans_keys:
                continue
            nouns = [r for r in self._morph.analyse(w.text) if r.pos == "subst" and "nom" in r.case]
            if not nouns or not any(self._is_subject(exp, i)):
                continue
            for pron in pronouns:
                if any(_pronoun_fits(pron.key, n) for n in nouns):
                    out[i] = w.replaced(_like_case(w.text, pron.text))
                    return out
        return out

    def _is_subject(self, exp: list[Word], i: int) -> list[bool]:
        grammar = self._grammar
        found: list[bool] = []
        for j in grammar.verbs_in_clause(exp, i):
            for verb in self._morph.analyse(exp[j].text):
                if verb.pos in FINITE_VERB_CLASSES and grammar.subject_of(exp, j, verb) == i:
                    found.append(True)
                    return found
        return found

    def _score(self, exp: list[Word], ans: list[Word], answer: str) -> list[Word]:
        """*2:1* for *dwa do jednego*: a score written with a colon is read "N do M" (the
        second number in the genitive after *do*); *8/12* for *osiem przez dwanaście*: a house
        and flat number written with a slash is read "N przez M"."""
        scores = [
            (k, (int(ans[k].text), int(ans[k + 1].text)), _READ_AS[sep])
            for k in range(len(ans) - 1)
            if ans[k].text.isdecimal()
            and ans[k + 1].text.isdecimal()
            and (sep := answer[ans[k].end : ans[k + 1].start]) in _READ_AS
        ]
        if not scores:
            return exp
        joins = {join for _k, _value, join in scores}
        variants = self._variants
        for i in range(len(exp) - 2, 0, -1):
            if exp[i].key not in joins or exp[i].boundary_before:
                continue
            before = [s for s in variants.numeral_spans(exp[:i]) if s[1] == i]
            after_lemmas: list[str] = []
            j = i + 1
            while j < len(exp) and not exp[j].boundary_before:
                lemma = variants.numeral_lemma(exp[j].text)
                if lemma is None and any(
                    r.lemma == "zero" for r in self._morph.analyse(exp[j].text)
                ):
                    lemma = "zero"  # "trzy do zera"
                if lemma is None:
                    break
                after_lemmas.append(lemma)
                j += 1
            second = number_value(after_lemmas) if after_lemmas else None
            if not before or second is None:
                continue
            start, _end, first = before[0]
            for k, value, join in scores:
                if value != (first, second) or join != exp[i].key:
                    continue
                new = [ans[k].replaced(ans[k].text), ans[k + 1].replaced(ans[k + 1].text)]
                for w in new:
                    w.start = w.end = -1
                    w.boundary_before = False
                new[0].boundary_before = exp[start].boundary_before
                new[1].glue = answer[ans[k].end : ans[k + 1].start]  # shown as written: 2:1
                new[0].start, new[0].end = exp[start].start, exp[j - 1].end
                new[0].orig = " ".join(w.text for w in exp[start:j])
                return exp[:start] + new + exp[j:]
        return exp

    def _dates(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        """*24 grudnia* for *dwudziestego czwartego grudnia*, *1995 roku* for *tysiąc
        dziewięćset dziewięćdziesiątego piątego roku*: a day before a month and a year before
        *rok* are ordinals, and digits stand for them (either way; ordinals for digits only in
        the genitive a date takes, *piętnastego marca*)."""
        any_case = frozenset(CASES)
        genitive = frozenset({"gen"})

        def anchored(words: list[Word], end: int) -> bool:
            return end < len(words) and (
                words[end].key in MONTHS or words[end].key in ("roku", "rok")
            )

        out = list(exp)
        for a0, a1, value in reversed(self._variants.ordinal_number_spans(ans, genitive)):
            if not anchored(ans, a1):
                continue
            for k in range(len(out) - 1):
                if (
                    out[k].text.isdecimal()
                    and int(out[k].text) == value
                    and (out[k + 1].key == ans[a1].key)
                ):
                    new = [ans[j].replaced(ans[j].text) for j in range(a0, a1)]
                    for w in new:
                        w.start = w.end = -1
                        w.boundary_before = False
                    new[0].boundary_before = out[k].boundary_before
                    new[0].start, new[0].end = out[k].start, out[k].end
                    new[0].orig = out[k].text
                    out = out[:k] + new + out[k + 1 :]
                    break
        digits = {
            (int(ans[k].text), ans[k + 1].key)
            for k in range(len(ans) - 1)
            if ans[k].text.isdecimal() and anchored(ans, k + 1)
        }
        if not digits:
            return out
        for start, end, value in reversed(self._variants.ordinal_number_spans(out, any_case)):
            if not anchored(out, end) or (value, out[end].key) not in digits:
                continue
            a = next(
                w
                for k, w in enumerate(ans[:-1])
                if w.text == str(value) and ans[k + 1].key == out[end].key
            )
            new_word = a.replaced(a.text)
            new_word.boundary_before = out[start].boundary_before
            new_word.start, new_word.end = out[start].start, out[end - 1].end
            new_word.orig = " ".join(w.text for w in out[start:end])
            out = out[:start] + [new_word] + out[end:]
        return out

    def _clock(self, exp: list[Word], ans: list[Word], answer: str) -> list[Word]:
        """*O 8:00* for *O ósmej*, *Jest 3:15* for *Jest trzecia piętnaście*."""
        times: list[tuple[int, int, tuple[int, int]]] = []  # answer (start, end, (h, m))
        k = 0
        while k < len(ans):
            w = ans[k]
            if w.text.isdecimal() and len(w.text) <= 2:
                nxt = ans[k + 1] if k + 1 < len(ans) else None
                if (
                    nxt is not None
                    and nxt.text.isdecimal()
                    and len(nxt.text) == 2
                    and answer[w.end : nxt.start] in (":", ".")
                ):
                    times.append((k, k + 2, (int(w.text), int(nxt.text))))
                    k += 2
                    continue
                if k > 0 and ans[k - 1].key in _CLOCK_PREPOSITIONS and 0 < int(w.text) <= 24:
                    times.append((k, k + 1, (int(w.text), 0)))  # "o 20" for "o dwudziestej"
            k += 1
        if not times:
            return exp
        for start, end, value in reversed(self._variants.clock_spans(exp)):
            for a0, a1, a_value in times:
                if a_value == value or (
                    a_value[1] == 0 and a_value[0] % 12 == value[0] % 12 and value[1] == 0
                ):
                    new = [ans[j].replaced(ans[j].text) for j in range(a0, a1)]
                    for w in new:
                        w.start = w.end = -1
                        w.boundary_before = False
                    new[0].boundary_before = exp[start].boundary_before
                    new[0].start, new[0].end = exp[start].start, exp[end - 1].end
                    if a_value[0] > 12:  # "o 22" says what "o dziesiątej wieczorem" says
                        if end < len(exp) and exp[end].key in ("wieczorem", "nocą"):
                            end += 1
                        elif [w.key for w in exp[end : end + 2]] in (["po", "południu"],):
                            end += 2
                    new[0].orig = " ".join(w.text for w in exp[start:end])
                    exp = exp[:start] + new + exp[end:]
                    break
        return exp

    def _numbers(self, exp: list[Word], ans: list[Word]) -> list[Word]:
        spans_e = self._variants.numeral_spans(exp)
        if not spans_e:
            return exp
        spans_a = self._variants.numeral_spans(ans)
        for start, end, value in reversed(spans_e):
            for a0, a1, a_value in spans_a:
                if a_value != value:
                    continue
                e_digits = exp[start].text.isdecimal()
                a_digits = ans[a0].text.isdecimal()
                if e_digits == a_digits:
                    continue
                if end < len(exp) and (exp[end].key in MONTHS or exp[end].key in ("rok", "roku")):
                    continue  # a day or a year is an ordinal (piętnastego marca), see _dates
                new = [ans[k].replaced(ans[k].text) for k in range(a0, a1)]
                for w in new:
                    w.start = w.end = -1
                    w.boundary_before = False
                new[0].boundary_before = exp[start].boundary_before
                new[0].start, new[0].end = exp[start].start, exp[end - 1].end
                new[0].orig = " ".join(w.text for w in exp[start:end])
                exp = exp[:start] + new + exp[end:]
                break
        return exp

    def _phrases(self, exp: list[Word], ans: list[Word], accept: Accept) -> list[Word]:
        """A declared phrase for another of its group (*sześć miesięcy* for *pół roku*, *w
        zimie* for *zimą*, *nie znam* for *nie znam żadnej*): the words as declared, where the
        learner says one member and the accepted answer another that the learner does not say
        (a member inside a longer one said there is that one)."""
        groups = self._word_groups(accept.synonyms)[2]
        if not groups:
            return exp
        ans_keys = [w.key for w in ans]
        # the learner's words in their own gender (set when it is given)
        own: list[Word] | None = None
        for group in groups:
            members = [_phrase_keys(m) for m in group]
            said = {m: at for at, m in _phrase_runs(ans_keys, members)}
            source = ans
            if not said and accept.learner_gender is not None:
                # a member said in the other gender (a woman's *chodziłem do szkoły pieszo*
                # for the declared *chodziłam …*): that member, as declared, is what she
                # means, so her verb is told its gender, not that it is another member's
                if own is None:
                    text = " ".join(w.text for w in ans)
                    own = self._words(self.regender(text, accept.learner_gender, _SPEAKER))
                if len(own) == len(ans):
                    said = {m: at for at, m in _phrase_runs([w.key for w in own], members)}
                    source = own
            if not said:
                continue
            runs = _phrase_runs([w.key for w in exp], members)
            in_exp = {m for _at, m in runs}
            for start, member in sorted(runs, reverse=True):
                if member in said or (
                    set(member) <= set(ans_keys) and all(set(m) <= set(member) for m in said)
                ):
                    continue  # (said as it is, or its words in another order: jazzu i rocka)
                other = next(
                    (m for m in sorted(said, key=len, reverse=True) if m not in in_exp), None
                )
                if other is None:
                    continue
                a0 = said[other]
                end = start + len(member)
                new = [source[k].swapped(source[k].text) for k in range(a0, a0 + len(other))]
                for w in new:
                    w.start = w.end = -1
                new[0].boundary_before = exp[start].boundary_before
                new[0].start, new[0].end = exp[start].start, exp[end - 1].end
                first = new[0].text
                first = first[:1].upper() if exp[start].text[:1].isupper() else first[:1].lower()
                new[0] = new[0].replaced(first + new[0].text[1:])
                exp = exp[:start] + new + exp[end:]
                _preposition_before(exp, start)
        return exp

    def _synonyms(self, exp: list[Word], ans: list[Word], accept: Accept) -> list[Word]:
        groups, members, _phrase_groups = self._word_groups(accept.synonyms)
        ans_keys = {w.key: w for w in ans}
        exp_keys = {w.key for w in exp}
        ans_lemmas: list[tuple[Word, frozenset[str]]] | None = None
        out = list(exp)
        for i, w in enumerate(exp):
            if w.key in ans_keys:
                continue
            lemmas = self._lemmas(w.text)
            if w.key not in members and lemmas.isdisjoint(members):
                continue  # (in no group: nothing below can say it otherwise)
            if ans_lemmas is None:
                ans_lemmas = [(a, self._lemmas(a.text)) for a in ans]
            for group in groups:
                if w.key in group:
                    hits = [
                        ans_keys[k]
                        for k in group
                        if k in ans_keys
                        and k not in exp_keys
                        and not self._not_learners_gender(k, accept.learner_gender)
                    ]
                    # "Chciałabym kawę, proszę": the verb stands for "Poproszę", not "proszę"
                    hits.sort(key=lambda a: a.key in _POLITE)
                    hit = hits[0] if hits else None
                    if hit is not None:
                        out[i] = w.swapped(_like_case(w.text, hit.text))
                        self._reagree(out, i, hit.text)
                        _preposition_before(out, i)
                        break
                shared = lemmas & group
                if not shared:
                    continue
                for a, a_lemmas in ans_lemmas:
                    other = (a_lemmas & group) - shared
                    if not other or a.key in exp_keys:
                        continue
                    if self._not_learners_gender(a.key, accept.learner_gender):
                        continue
                    e_reading = next(
                        (r for r in self._morph.analyse(w.text) if r.lemma.lower() in shared), None
                    )
                    if e_reading is None:
                        continue
                    form = self._variants.form_like(next(iter(other)), e_reading)
                    if form is None:
                        continue
                    out[i] = w.swapped(_like_case(w.text, form))
                    self._reagree(out, i, form)
                    _preposition_before(out, i)
                    break
                else:
                    continue
                break
        return out

    def _word_groups(self, synonyms: tuple[frozenset[str], ...]) -> _Groups:
        """The declared groups and the engine's own whose members are all one word (a group
        with a phrase in it is _phrases' (its one-word members as written only)), all their
        members, and the declared groups with a phrase in them (_phrases'); a step's groups
        come again with each accepted answer: remembered."""
        cached = self._groups_of.get(synonyms)
        if cached is None:
            groups = tuple(
                g
                for g in [*synonyms, *self._variants.synonym_groups(None)]
                if not any(len(_phrase_keys(m)) > 1 for m in g)
            )
            phrased = tuple(g for g in synonyms if any(len(_phrase_keys(m)) > 1 for m in g))
            cached = (groups, frozenset().union(*groups), phrased)
            if len(self._groups_of) > 4096:
                self._groups_of.clear()
            self._groups_of[synonyms] = cached
        return cached

    def _not_learners_gender(self, key: str, gender: LearnerGender | None) -> bool:
        """*powinienem* for a woman, *chciałabym* for a man: a synonym the step lists for
        either speaker stands in only in the learner's own gender."""
        if gender is None:
            return False
        own = frozenset({"f"}) if gender == "feminine" else frozenset({"m1", "m2", "m3"})
        speaker = [
            r
            for r in self._morph.analyse(key)
            if r.pos in ("praet", "cond", "winien") and "pri" in r.person and r.gender
        ]
        return bool(speaker) and not any(r.gender & own for r in speaker)

    def _reagree(self, words: list[Word], i: int, noun_form: str) -> None:
        """Adjectives right before a replaced noun agree with the new noun."""
        nouns = [r for r in self._morph.analyse(noun_form) if r.pos == "subst"]
        if not nouns:
            return
        j = i - 1
        while j >= 0 and i - j <= 2:
            readings = self._morph.analyse(words[j].text)
            if not any(r.pos in ("adj", "ppas", "pact") for r in readings):
                break
            new = self._variants.adjective_for(words[j].text, nouns[0])
            if new is not None:
                words[j] = words[j].replaced(_like_case(words[j].text, new))
            j -= 1

    def _slot_kinds(self, exp: list[Word], accept: Accept) -> dict[int, SlotKind]:
        kinds: dict[int, SlotKind] = {}
        for i, w in enumerate(exp):
            kind = accept.slots.get(w.key)
            if kind is not None:
                kinds[i] = kind
            elif (
                i
                and w.text[:1].isupper()  # (_introduces_self's own first test, inline)
                and self._introduces_self(exp, i)
                and self._morph.is_first_name(w.text)
            ):
                kinds[i] = "name"  # "Mam na imię Anna": the learner says their own name
        return kinds

    def _introduces_self(self, exp: list[Word], i: int) -> bool:
        if i == 0 or not exp[i].text[:1].isupper():
            return False
        prev = exp[i - 1].key
        prev2 = exp[i - 2].key if i > 1 else ""
        return prev in ("imię", "jestem", "nazywam") or (prev == "się" and prev2 == "nazywam")

    def _fits(self, kind: SlotKind, word: Word) -> bool:
        if kind in ("name", "place"):
            # a capitalised word that is not a common Polish word (Nazywam, Jestem)
            if not (word.text[:1].isupper() and word.text.isalpha()):
                return False
            readings = self._morph.analyse(word.text)
            # unknown (Mark, Smith) or a proper name (Anna, Poznaniu), not "Nazywam", "Jestem"
            return not readings or any(r.full_lemma[:1].isupper() for r in readings)
        if kind == "number":
            return word.text.isdecimal() or self._variants.numeral_lemma(word.text) is not None
        return any(r.pos == "subst" for r in self._morph.analyse(word.text))

    def _slots(self, exp: list[Word], ans: list[Word], accept: Accept) -> list[Word]:
        kinds = self._slot_kinds(exp, accept)
        if not kinds:
            return exp

        def fits(ei: int, a: Word) -> bool:
            if ei not in kinds:
                return False
            # (a noun slot of a class takes a noun of that class: a sport, not *domem*)
            cls = accept.slot_classes.get(exp[ei].key)
            return self._fits(kinds[ei], a) and (
                cls is None or bool(self._lemmas(a.text) & cls.lemmas)
            )

        if not any(fits(ei, a) for ei in kinds for a in ans):
            return list(exp)  # (no answer word fills a slot: nothing below would change)
        ops, _cost = self.align(exp, ans, fits)
        filled: dict[int, list[int]] = {}
        for op in ops:
            if op.kind in ("sub", "match") and fits(op.ei, ans[op.ai]):
                filled[op.ei] = [op.ai]
        # a name or a number can take more than one word (Mark Smith, dwadzieścia dwa)
        taken = {ai for ais in filled.values() for ai in ais}
        inserted = {op.ai for op in ops if op.kind == "ins"}
        for ei, ais in filled.items():
            kind = kinds[ei]
            if kind not in ("name", "number"):
                continue
            k = ais[0] - 1
            while k >= 0 and k in inserted and k not in taken and self._fits(kind, ans[k]):
                if ans[k + 1].boundary_before:
                    break
                ais.insert(0, k)
                taken.add(k)
                k -= 1
            k = ais[-1] + 1
            while (
                k < len(ans)
                and k not in taken
                and not ans[k].boundary_before
                and self._fits(kind, ans[k])
            ):
                if (
                    kind == "name"
                    and self._morph.is_known(ans[k].text)
                    and not ans[k].text[:1].isupper()
                ):
                    break
                ais.append(k)
                taken.add(k)
                k += 1
        out: list[Word] = []
        agree: list[tuple[int, str]] = []  # a noun slot's new word, the word it stands for
        for i, w in enumerate(exp):
            if i not in filled:
                out.append(w)
                continue
            kind = kinds[i]
            learner = [ans[k] for k in filled[i]]
            if kind in ("place", "noun"):
                form = self._slot_form(w, learner[0])
                out.append(w.replaced(_like_case(learner[0].text, form or learner[0].text)))
                if kind == "noun":
                    agree.append((len(out) - 1, w.text))
                continue
            own = [x.text for x in learner]
            if kind == "number":
                # the number in the case its context asks (*około dwudziestu pięciu minut*)
                own = self._numeral_case(exp, i, learner) or own
            if kind == "name":
                # a name Polish declines keeps the sentence's case (*jest Stanisław Lem*, not
                # *Stanisławem Lemem*); one Morfeusz does not know (Mark) is taken as it is
                own = [_like_case(x.text, self._slot_form(w, x) or x.text) for x in learner]
            first = w.replaced(own[0])
            out.append(first)
            for extra, text in zip(learner[1:], own[1:], strict=True):
                more = extra.replaced(text)
                more.start = more.end = -1
                more.boundary_before = False
                out.append(more)
            if kind == "number":
                self._numeral_noun(out, len(out) - 1, exp, i, learner)
        for at, was in agree:
            self._agree_with_slot(out, at, was)
        return out

    def _numeral_case(self, exp: list[Word], i: int, learner: list[Word]) -> list[str] | None:
        """The learner's number words in the case the slot's numeral has (its noun's gender),
        or None where they have it already or are not numeral words."""
        noun = exp[i + 1] if i + 1 < len(exp) else None
        genders = frozenset(
            g
            for r in (self._morph.analyse(noun.text) if noun is not None else [])
            if r.pos == "subst"
            for g in r.gender
        )
        want = [
            r
            for r in self._morph.analyse(exp[i].text)
            if r.pos == "num" and (not genders or r.gender & genders)
        ]
        if not want:
            return None
        cases = frozenset(c for r in want for c in r.case)
        out: list[str] = []
        changed = False
        for x in learner:
            numeral = [r for r in self._morph.analyse(x.text) if r.pos == "num"]
            if not numeral:
                return None
            mine = [r for r in numeral if not genders or r.gender & genders]
            if any(r.case & cases for r in mine):
                out.append(x.text)
                continue
            # its form for that case (and the noun's gender): *pięciu*, not *pięcioma*
            found = [
                g
                for g in self._morph.generate(numeral[0].full_lemma)
                if g.pos == "num"
                and not g.qualifiers
                and g.case & cases
                and (not genders or g.gender & genders)
            ]
            most = max((len(g.case & cases) for g in found), default=0)
            form = self._variants.most_used([g.form for g in found if len(g.case & cases) == most])
            if form is None:
                return None
            out.append(_like_case(x.text, form))
            changed = True
        return out if changed else None

    def _agree_with_slot(self, words: list[Word], at: int, was: str) -> None:
        """The words that agree with a noun slot agree with the learner's noun: an adjective
        before it and, for a subject, a predicative adjective, a past verb and *jest* / *są*
        of its clause (*Najtrudniejsze jest dla mnie słownictwo* for *… wymowa*)."""
        olds = [r for r in self._grammar.usual(was) if r.pos == "subst"]
        news = [r for r in self._grammar.usual(words[at].text) if r.pos == "subst"]
        if not olds or not news:
            return
        old = olds[0]
        new = next((r for r in news if r.case & old.case), news[0])
        if new.gender & old.gender and new.number == old.number:
            return
        if at == 0 or words[at - 1].key != "to":  # "… to słoń": to is the copula
            self._reagree(words, at, words[at].text)
        if "nom" not in old.case or "nom" not in new.case:
            return
        subject = replace(new, case=frozenset({"nom"}))
        lo = at
        while lo > 0 and not words[lo].boundary_before:
            lo -= 1
        hi = at + 1
        while hi < len(words) and not words[hi].boundary_before:
            hi += 1
        for j in range(lo, hi):
            if j == at or words[j].key == "to":
                continue
            readings = self._morph.analyse(words[j].text)
            agreeing = [
                r
                for r in readings
                if "nom" in r.case and r.gender & old.gender and r.number & old.number
            ]
            form: str | None = None
            if any(r.pos == "praet" for r in readings):
                agreeing = []  # a past verb (*była*), not the adjective *były* ('former')
            if any(r.pos in ("adj", "ppas", "pact") for r in agreeing):
                after = self._morph.analyse(words[j + 1].text) if j + 1 < len(words) else []
                if (
                    j + 1 != at
                    and any(r.pos == "subst" for r in after)
                    and not any(r.pos in ("praet", "fin") for r in after)  # (była)
                ):
                    continue  # an adjective of another noun
                form = self._variants.adjective_for(words[j].text, subject, any_reading=True)
            elif any(r.pos == "praet" and r.gender & old.gender for r in readings):
                verb = next(r for r in readings if r.pos == "praet")
                forms = [
                    g.form
                    for g in self._morph.generate(verb.full_lemma)
                    if g.pos == "praet"
                    and not g.qualifiers
                    and g.gender & new.gender
                    and g.number & new.number
                    and g.aspect == verb.aspect
                ]
                form = self._variants.most_used(forms)
            elif words[j].key in ("jest", "są") and new.number != old.number:
                form = "jest" if "sg" in new.number else "są"
            if form is not None and form.lower() != words[j].key:
                words[j] = words[j].replaced(_like_case(words[j].text, form))

    def _slot_form(self, slot: Word, learner: Word) -> str | None:
        """The learner's own word in the case and number the slot's word has."""
        # the readings a speaker means: *Krakowie* is Kraków's locative, not a plural of Krak
        # a verbal noun is a noun here (*zajmuję się bieganiem* / *pływaniem*, *tenisem*)
        readings = [r for r in self._grammar.usual(slot.text) if r.pos in ("subst", "ger")]
        mine = [r for r in self._grammar.usual(learner.text) if r.pos in ("subst", "ger")]
        if not readings or not mine:
            return None
        if any(r.case & w.case for r in mine for w in readings):
            return learner.text  # the learner's own noun, in its case (any number: pierogi)
        proper = [r for r in readings if r.full_lemma[:1].isupper()] or readings
        # one person or place (*Stanisław*, not a plural of another name), its narrowest case
        want = min(proper, key=lambda r: ("sg" not in r.number, len(r.case)))
        own = mine[0]
        if own.pos == "subst":
            form = self._variants.form_like(own.full_lemma, replace(want, pos="subst"))
            if form is not None:
                return form
        # a verbal noun's form without *nie* (*pływaniem*, not *niepływaniem*); a noun's marked
        # with a domain label (*tenisem*, sport.)
        forms = [
            g.form
            for g in self._morph.generate(own.full_lemma)
            if g.pos == own.pos
            and g.case & want.case
            and g.number & want.number
            and "neg" not in g.tag.split(":")
        ]
        return self._variants.most_used(forms)

    def _numeral_noun(
        self, out: list[Word], last: int, exp: list[Word], i: int, learner: list[Word]
    ) -> None:
        """After the learner's own number the noun follows numeral government (22 lata)."""
        if i + 1 >= len(exp):
            return
        noun = exp[i + 1]
        readings = [r for r in self._morph.analyse(noun.text) if r.pos == "subst"]
        spans = self._variants.numeral_spans(learner)
        if not readings or not spans:
            return
        value = spans[0][2]
        want = readings[0]
        numeral = [
            r for r in self._morph.analyse(exp[i].text) if r.pos == "num" and r.gender & want.gender
        ]
        if numeral and not any(r.case & {"nom", "acc"} for r in numeral):
            return  # *około dwudziestu dwóch minut*: the noun keeps the numeral's case
        if value == 1:
            case, number = frozenset({"nom", "acc"}) & want.case or frozenset({"nom"}), "sg"
        elif value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14):
            case, number = frozenset({"nom", "acc"}), "pl"
        else:
            case, number = frozenset({"gen"}), "pl"
        for g in self._morph.generate(want.full_lemma):
            if g.pos == "subst" and g.case & case and number in g.number and not g.qualifiers:
                # replaced after the loop copies it: the noun is the next expected word
                exp[i + 1] = noun.replaced(_like_case(noun.text, g.form))
                return

    def _optional_answer_words(
        self,
        ans: list[Word],
        exp: list[Word],
        accept: Accept,
        facts: _AnswerFacts | None = None,
        exp_facts: _ExpectedFacts | None = None,
    ) -> set[int]:
        """Answer words a teacher accepts added: a subject pronoun the verb agrees with,
        polite words, an opening *Tak,* / *Nie,* that agrees with the answer, *czy* opening a
        question, *jeden* before its noun. (``facts``: what the answer's words alone say,
        shared by the comparisons of one answer with each accepted one; ``exp_facts``: what
        is remembered of ``exp``, see ``_expected_facts``.)"""
        if facts is None:
            facts = _AnswerFacts()
        if exp_facts is None:
            exp_facts = _ExpectedFacts()
        exp_keys = {w.key for w in exp}
        exp_keys |= {
            w.key
            for w in ans
            if w.key in _MAYBE_OPTIONAL
            and w.key not in exp_keys  # (already in: nothing to add)
            and any(self._near(e, w) for e in exp)
        }
        out: set[int] = set(_opinion_framer(ans, exp))
        if facts.opening is None:
            facts.opening = self._opening_aside(ans)
        opening = facts.opening
        if exp and exp[0].key not in _THANKS and exp_facts.opening is None:
            exp_facts.opening = self._opening_aside(exp)
        replaces = bool(exp) and (exp[0].key in _THANKS or (exp_facts.opening or 0) > 0)
        if opening and not replaces and not {w.key for w in ans[:opening]} & {w.key for w in exp}:
            out.update(range(opening))  # "Dzień dobry, …", "Panie doktorze, …"
        for i, w in enumerate(ans):
            if i in out:
                continue
            if (
                i == 0
                and _opens_with(ans, w.key)
                and not _opens_with(exp, *_YES_NO)
                and w.key not in accept.no_openers
                # (not the accepted answer's own first word: *Nie, …* for *Nie wiem, …*)
                and not (exp and exp[0].key == w.key)
            ):
                out.add(i)
                continue
            if i == 0 and w.key == "a" and (not exp or exp[0].key != "a"):
                out.add(i)  # "A ile twoja córka ma lat?": a discourse opener
                continue
            if (
                i == 1
                and ans[0].key == "a"
                and w.key in ("ty", "wy", "pan", "pani")
                and len(ans) > 2
                and ans[2].boundary_before
            ):
                out.add(i)  # "A ty? Czy masz dzieci?"
                continue
            if (
                w.key in ("pani", "pana", "panu", "panie", "państwu")
                and i > 0
                and ans[i - 1].key in _GREETING_ENDS
                and sum(a.key == w.key for a in ans) > sum(e.key == w.key for e in exp)
            ):
                out.add(i)  # "Dzień dobry pani!", "Dziękuję panu."
                continue
            repeated = facts.repeated.get(i)
            if repeated is None:
                repeated = facts.repeated[i] = self._repeated_preposition(ans, i)
            if repeated and _count(exp, w.key) < _count(ans, w.key):
                out.add(i)  # "o przeszłości i o przyszłości"
                continue
            if w.key in exp_keys:
                continue
            # (each test below only adds the word: pure tests, so their order is free; those
            # of the answer's words alone are made once per answer)
            alone = facts.alone.get(i)
            if alone is None:
                alone = facts.alone[i] = self._optional_in_answer(ans, i, accept)
            if (
                alone
                or (w.key in ("tu", "tutaj") and exp and exp[0].key == "gdzie")
                # "Gdzie tu jest poczta?"
                or self._acknowledgement(ans, i, exp)  # "Dobrze. …"
                or self._to_the_addressee(ans, i, exp)  # "Dziękuję wam bardzo", "… go panu …"
                or self._presentative_to(ans, i, exp)  # "Tak, to ten aktor …"
            ):
                out.add(i)
        return out

    def _optional_in_answer(self, ans: list[Word], i: int, accept: Accept) -> bool:
        """An added answer word a teacher accepts by what the answer's own words say (the
        learner's gender aside, which is the step's)."""
        w = ans[i]
        return (
            (w.key in SUBJECT_PRONOUNS and self._verb_agrees_with_pronoun(ans, i))
            or w.key in _POLITE
            # an intensifier a teacher accepts (Bardzo lubię czytać.)
            or (w.key == "bardzo" and self._intensifies(ans, i))
            # "To jest mój brat" = "To mój brat"
            or (w.key == "jest" and i > 0 and ans[i - 1].key == "to")
            or self._copula_optional(ans, i)  # "W mieście jest łatwiej znaleźć pracę"
            or self._hour_word(ans, i)  # "o godzinie ósmej" = "o ósmej"
            or (w.key in _ADDED_ADVERBS and self._adverb_slot(ans, i))  # "Teraz jest trzecia"
            # "Ja też lubię kawę", "Niestety, nie mogę", "Już jestem"
            or (w.key in _ADDED_BY_VERB and self._by_verb(ans, i) and self._adverb_slot(ans, i))
            # "Do zobaczenia, Marto!", "Marek, powinieneś …": the one addressed
            or self._trailing_address(ans, i)
            or self._leading_address(ans, i)
            # "Wiem, …", "Słyszałam. …", "Mówili, że …"
            or (
                self._framing_verb(ans, i)
                and not self._not_learners_gender(w.key, accept.learner_gender)
            )
            # "Chętnie! A gdzie jest koncert?"
            or (
                w.key == "a"
                and w.boundary_before
                and i + 1 < len(ans)
                and (ans[i + 1].key in _QUESTION_WORDS)
            )
            or (i == 0 and w.key == "czy" and len(ans) > 1)
            or self._jeden_before_its_noun(ans, i)
        )

    def _expected_facts(self, exp_state: tuple[tuple[object, ...], ...]) -> _ExpectedFacts:
        """What is remembered of an accepted sentence's words (as adapted): keyed on every
        field of every word, so it is never another sentence's; its tests read the words
        alone (pure functions of them). Accepted answers come again with every answer to the
        step. Bounded: cleared when full."""
        facts = self._expected_ahead.get(exp_state) or self._expected.get(exp_state)
        if facts is None:
            if len(self._expected) > _EXPECTED_KEPT:
                self._expected.clear()
            facts = self._expected[exp_state] = _ExpectedFacts()
        return facts

    def _optional_expected_words(
        self,
        exp: list[Word],
        ans: list[Word],
        accept: Accept,
        facts: _ExpectedFacts | None = None,
    ) -> set[int]:
        """Expected words a teacher does not require: a subject pronoun (the verb says who),
        polite words, an opening *Tak,* / *Nie,* or *Czy* — unless the answer has the word,
        even misspelt or in another form (then it is compared). (``facts``: what is
        remembered of these expected words, see ``_expected_facts``.)"""
        if facts is None:
            facts = _ExpectedFacts()
        ans_keys = {w.key for w in ans}
        ans_keys |= {
            w.key
            for w in exp
            if w.key in _MAYBE_OPTIONAL
            and w.key not in ans_keys  # (already in: nothing to add)
            and any(self._near(w, a) for a in ans)
        }
        out: set[int] = set(_opinion_framer(exp, ans))
        if facts.opening is None:
            facts.opening = self._opening_aside(exp)
        opening = facts.opening
        greeting = tuple(w.key for w in exp[:opening]) in _GREETINGS
        if greeting and not {w.key for w in exp[:opening]} & {w.key for w in ans}:
            out.update(range(opening))  # the greeting left out (not an address: Mamo, …)
        for i, w in enumerate(exp):
            if i in out:
                continue
            if i == 0 and len(exp) > 1 and exp[1].key in _CLITICS | _OBJECT_CLITICS:
                continue  # what is left would open with a clitic (*mi się podobała*)
            if i == 0 and _opens_with(exp, w.key) and not _opens_with(ans, *_YES_NO):
                out.add(i)
                continue
            repeated = facts.repeated.get(i)
            if repeated is None:
                repeated = facts.repeated[i] = self._repeated_preposition(exp, i)
            if repeated and _count(ans, w.key) < _count(exp, w.key):
                out.add(i)  # "o przeszłości i (o) przyszłości"
                continue
            if w.key in ans_keys:
                continue
            # (each test below only adds the word: pure tests, so their order is free; those
            # of the expected words alone are remembered with them)
            alone = facts.alone.get(i)
            if alone is None:
                alone = facts.alone[i] = self._optional_in_expected(exp, i)
            kin = facts.kin.get(i)
            if kin is None:
                kin = facts.kin[i] = self._my_before_kin_alone(exp, i)
            if (
                alone
                or (kin and self._my_before_kin(exp, i, ans))
                or self._to_the_addressee(exp, i, ans)
            ):
                out.add(i)
        return out

    def _optional_in_expected(self, exp: list[Word], i: int) -> bool:
        """An expected word a teacher does not require by what the expected words say."""
        w = exp[i]
        return (
            (w.key in SUBJECT_PRONOUNS and self._verb_agrees_with_pronoun(exp, i))
            or (w.key in _POLITE - {"poproszę"} and len(exp) > 1)
            or w.key == "bardzo"
            or (w.key == "jest" and i > 0 and exp[i - 1].key == "to")
            or self._copula_optional(exp, i)
            or self._hour_word(exp, i)
            or (i == 0 and w.key == "czy" and len(exp) > 1)
            or self._jeden_before_its_noun(exp, i)
            or self._object_named_before(exp, i)
            or self._framing_verb(exp, i)
        )

    def _repeated_preposition(self, words: list[Word], i: int) -> bool:
        """*o przeszłości i (o) przyszłości*: a preposition said again after *i*, *oraz*,
        *albo*, *lub*, the same one that governs the first conjunct, may be left out."""
        if i < 2 or words[i - 1].key not in ("i", "oraz", "albo", "lub") or i + 1 >= len(words):
            return False
        if not self._grammar.is_prep(words[i]) or words[i - 1].boundary_before:
            return False
        for j in range(i - 2, max(-1, i - 5), -1):
            if words[j + 1].boundary_before and j + 1 < i - 1:
                return False
            if words[j].key == words[i].key:
                return True
        return False

    def _framing_verb(self, words: list[Word], i: int) -> bool:
        """*Wiem,* / *Słyszałam.* / *Mówili, że …* opening what is said: a verb of knowing,
        hearing or saying as a clause of its own (or before *że*), said or not."""
        start = 0
        if len(words) > 1 and words[0].key in _YES_NO and words[1].boundary_before:
            start = 1  # "Tak, wiem."
        if i != start and not (i > 0 and words[i].boundary_before and i <= start + 1):
            return False
        if i + 1 >= len(words) or not (words[i + 1].boundary_before or words[i + 1].key == "że"):
            return False
        if words[i + 1].key in _QUESTION_WORDS or words[i + 1].key in ("żeby", "jeśli", "kto"):
            return False  # "Wiem, gdzie jest bank": what is known, not a frame
        return any(
            r.lemma in _FRAMING_VERBS
            and r.pos in ("fin", "praet")
            and (r.person & {"pri"} or (r.pos == "praet" and "pl" in r.number))
            for r in self._usual(words[i])
        )

    def _acknowledgement(self, words: list[Word], i: int, other: list[Word]) -> bool:
        """*Dobrze.* / *Jasne,* opening an answer on its own: an agreement a teacher lets a
        learner add (not before an answer that opens with *Nie,*)."""
        return (
            i == 0
            and words[0].key in _ACKNOWLEDGEMENTS
            and len(words) > 2
            and words[1].boundary_before
            and not (other and other[0].key == "nie")
            and words[0].key not in {w.key for w in other}
        )

    def _leading_address(self, words: list[Word], i: int) -> bool:
        """A name said to the person addressed, first and set off by a comma (*Marek, …*)."""
        w = words[i]
        if i != 0 or len(words) < 3 or not words[1].boundary_before or not w.text[:1].isupper():
            return False
        readings = self._grammar.everyday(w.text)
        # (the name of the one addressed, not a noun in another case: *Brazylijczykowi, …*)
        return (
            bool(readings)
            and all(r.full_lemma[:1].isupper() and r.pos == "subst" for r in readings)
            and any(r.case & {"nom", "voc"} for r in readings)
        )

    def _to_the_addressee(self, words: list[Word], i: int, other: list[Word]) -> bool:
        """The person spoken to, after or before what the speaker does for them (*Dziękuję
        (wam) bardzo*, *chętnie (panu) pomogę*, *Bardzo (Państwa) przepraszamy*): said or
        left out, the same thanks, help or apology — in the case the verb takes, and only
        where the other sentence names no addressee (*ci* for *panu* is another register) nor
        the same one in another form (*dziękuję Państwo* is *Państwu* in the wrong case)."""
        if words[i].key not in _ADDRESSEE or any(w.key in _ADDRESSEE for w in other):
            return False
        lemmas = self._lemmas(words[i].text)
        if any(self._lemmas(w.text) & lemmas for w in other):
            return False
        cases = frozenset(c for r in self._morph.analyse(words[i].text) for c in r.case)
        for j in (i - 1, i + 1, i + 2):
            if not 0 <= j < len(words) or words[max(i, j)].boundary_before:
                continue
            if j == i + 2 and words[i + 1].key not in _CLITICS:
                continue
            if any(
                r.pos in ("fin", "bedzie")
                and "pri" in r.person
                and _addressee_cases(self._grammar.table.case_of(r.lemma)) & cases
                for r in self._usual(words[j])
            ):
                return True
        return False

    def _presentative_to(self, words: list[Word], i: int, other: list[Word]) -> bool:
        """*to* opening a clause with no verb (*To hasło do pana konta*, *Tak, to ten
        aktor*) before a word the other sentence says: it points at what follows."""
        if words[i].key != "to" or not (i == 0 or words[i].boundary_before):
            return False
        if i + 1 >= len(words) or words[i + 1].key not in {w.key for w in other}:
            return False
        end = next((j for j in range(i + 1, len(words)) if words[j].boundary_before), len(words))
        if end - i < 2:
            return False
        return not any(self._grammar.is_verb(words[j]) for j in range(i + 1, end))

    def _object_named_before(self, words: list[Word], i: int) -> bool:
        """An object pronoun (*go*, *ją*, *je*, *ich*) of an infinitive whose thing an earlier
        clause names as the object of an infinitive of its own (*Nie lubię grać w piłkę, wolę
        ją oglądać* → *wolę oglądać*): the two actions share the thing, and Polish leaves the
        pronoun out. Not after a finite verb alone (*często ją śpiewam* says what is sung)."""
        w = words[i]
        if w.key not in _OBJECT_PRONOUNS:
            return False
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if not any(
            (j < i or not words[j].boundary_before) and self._infinitive(words[j]) for j in near
        ):
            return False
        clause = self._grammar.clause(words, i)
        seen_infinitive = False
        for j in range(clause.start):
            if self._infinitive(words[j]):
                seen_infinitive = True
            elif seen_infinitive and any(
                r.pos == "subst" and _OBJECT_PRONOUNS[w.key](r) for r in self._usual(words[j])
            ):
                return True
        return False

    def _infinitive(self, word: Word) -> bool:
        return any(r.pos == "inf" for r in self._usual(word))

    def _copula_optional(self, words: list[Word], i: int) -> bool:
        """*jest* beside a comparative or superlative adverb (*łatwiej jest znaleźć* /
        *łatwiej znaleźć*, *może jest wygodniej*) or before *w porządku*: Polish says these
        with or without the copula."""
        if words[i].key != "jest":
            return False
        if i + 2 < len(words) and [w.key for w in words[i + 1 : i + 3]] == ["w", "porządku"]:
            return not words[i + 1].boundary_before
        for j in (i - 1, i + 1):
            if not 0 <= j < len(words) or words[max(i, j)].boundary_before:
                continue
            if words[j].key in _NEVER_FREE:
                continue
            if any(r.pos == "adv" and r.degree & {"com", "sup"} for r in self._usual(words[j])):
                return True
        return False

    def _my_before_kin(self, words: list[Word], i: int, ans: list[Word]) -> bool:
        """*mój* before a family word (*Mój tata naprawił mi rower* → *Tata naprawił…*): Polish
        leaves "my" out when it is plain whose family it is — but not in *To jest mój brat*,
        where it is the point, nor when the answer has a form of it."""
        if not self._my_before_kin_alone(words, i):
            return False
        return not any(
            self._near(words[i], a)
            or a.key in ("jego", "jej", "ich")
            or any(
                r.lemma in ("mój", "twój", "swój", "nasz", "wasz")
                for r in self._morph.analyse(a.text)
            )
            for a in ans
        )

    def _my_before_kin_alone(self, words: list[Word], i: int) -> bool:
        """``_my_before_kin``'s tests of ``words`` alone: *mój* before a family word, not
        after *to jest*."""
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return False
        if not any(r.lemma == "mój" for r in self._morph.analyse(words[i].text)):
            return False
        if not any(r.lemma in _KIN for r in self._morph.analyse(words[i + 1].text)):
            return False
        before = {w.key for w in words[max(0, i - 2) : i]}
        return not before & {"to", "jest", "są", "był", "była", "byli"}

    def _near(self, e: Word, a: Word) -> bool:
        """The same word, perhaps misspelt, without its Polish letters or in another form."""
        return e.key != a.key and self.sub_cost(e, a) < WRONG_BASE_COST

    def _opening_aside(self, words: list[Word]) -> int:
        """How many words open the sentence as an aside of their own before a comma or a stop:
        a greeting (*Dzień dobry,*) or the person addressed (*Panie doktorze,*, *Kasiu,*); 0
        if none, or if nothing follows it."""
        end = next((i for i in range(1, len(words)) if words[i].boundary_before), 0)
        if not 0 < end <= 3 or end == len(words):
            return 0
        keys = tuple(w.key for w in words[:end])
        if keys in _GREETINGS:
            return end
        for w in words[:end]:
            readings = self._grammar.everyday(w.text)
            if not any(r.pos == "subst" and "voc" in r.case for r in readings) or any(
                "nom" in r.case and "sg" in r.number for r in readings
            ):
                return 0  # "Mama, …" may be the subject; "Mamo, …" is an address
        return end

    def _trailing_address(self, words: list[Word], i: int) -> bool:
        """A name said to the person addressed, after a comma at the end (*…, Marto!*)."""
        w = words[i]
        if not (w.boundary_before and w.text[:1].isupper() and i == len(words) - 1):
            return False
        readings = self._grammar.everyday(w.text)
        return not readings or all(r.full_lemma[:1].isupper() for r in readings)

    def _intensifies(self, words: list[Word], i: int) -> bool:
        """*bardzo* right before what it can intensify: an adjective or adverb with degrees, or
        a verb of liking, wanting or thanking (bardzo lubię, bardzo ładna, bardzo dziękuję;
        not *bardzo eksportowych*)."""
        if i > 0 and words[i - 1].key in _POLITE and not words[i].boundary_before:
            return True  # "Dziękuję bardzo", "Przepraszam bardzo"
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return False
        if i > 0 and not words[i].boundary_before and words[i - 1].key == "nie":
            return False  # "nie bardzo lubię" says less, not more
        j = i + 1
        while j + 1 < len(words) and words[j].key in _CLITICS and not words[j + 1].boundary_before:
            j += 1  # "bardzo ci dziękuję", "bardzo mi się podoba": the verb past its clitics
        readings = self._usual(words[j])
        return self._adverb_slot(words, i) or any(r.lemma in _INTENSIFIED_VERBS for r in readings)

    def _by_verb(self, words: list[Word], i: int) -> bool:
        """Word i opens its clause or stands next to a verb (past *nie* and *się*)."""
        if i == 0 or words[i].boundary_before:
            return True
        near = [i - 1, i + 1]
        if i + 2 < len(words) and words[i + 1].key in ("nie", "się"):
            near.append(i + 2)
        return any(
            0 <= j < len(words)
            and (j < i or not words[j].boundary_before)
            and any(r.pos in FINITE_VERB_CLASSES for r in self._usual(words[j]))
            for j in near
        )

    def _hour_word(self, words: list[Word], i: int) -> bool:
        return (
            words[i].key in ("godzina", "godzinie", "godziny", "godzinę")
            and i + 1 < len(words)
            and self._variants.ordinal_value(words[i + 1].text) is not None
        )

    def _jeden_before_its_noun(self, words: list[Word], i: int) -> bool:
        """*jedną* in *Poproszę jedną kawę*: "one" that agrees with the noun after it."""
        if i + 1 >= len(words):
            return False
        ones = [
            r for r in self._morph.analyse(words[i].text) if r.lemma == "jeden" and r.pos == "adj"
        ]
        if not ones:
            return False  # (no "one": the next word's readings cannot make it agree)
        nouns = [r for r in self._morph.analyse(words[i + 1].text) if r.pos == "subst"]
        return any(_agrees(o, n) for o in ones for n in nouns)

    def _verb_agrees_with_pronoun(self, words: list[Word], i: int) -> bool:
        pron = [r for r in self._morph.analyse(words[i].text) if r.pos in ("ppron12", "ppron3")]
        if not pron:
            return False
        p = pron[0]
        person = p.person or frozenset({"ter"})
        for j in self._grammar.clause(words, i):
            if j == i:
                continue
            for r in self._morph.analyse(words[j].text):
                if (
                    r.pos in ("fin", "praet", "bedzie", "cond")
                    and r.person & person
                    and (r.number & p.number)
                ):
                    return True
        return False

    def _free_order(
        self,
        exp: list[Word],
        ans: list[Word],
        pairs: dict[int, int],
        optional_exp: set[int],
        optional_ans: set[int],
        question: bool = False,
    ) -> bool:
        """Is the answer the expected sentence's phrases in another grammatical order?

        Only where the engine can tell the phrases apart with confidence: a short sentence
        (learners' answers are short; in a long one a phrase's attachment is not certain),
        each comma-separated part kept together, a question word kept first."""
        if len(exp) > _FREE_ORDER_WORDS:
            return False
        mapped = set(pairs.values())
        if any(i not in mapped and i not in optional_exp for i in range(len(exp))):
            return False
        if any(j not in pairs and j not in optional_ans for j in range(len(ans))):
            return False
        order = [pairs[j] for j in range(len(ans)) if j in pairs]
        chunks = self._chunks(exp)
        chunk_of = {i: c for c, members in enumerate(chunks) for i in members}
        seen: list[int] = []
        pos = 0
        while pos < len(order):
            c = chunk_of[order[pos]]
            members = [m for m in chunks[c] if m not in optional_exp or m in order]
            if order[pos : pos + len(members)] != members or c in seen:
                return False
            seen.append(c)
            pos += len(members)
        if not order:
            return False
        # parts: between commas, and each conjunct of a coordination (the coordinator opens
        # the part after it); a part stays together, parts may swap
        part = [
            sum(1 for k in range(1, i + 1) if exp[k].boundary_before or self._joins_clauses(exp, k))
            for i in range(len(exp))
        ]
        runs = [part[order[0]]]
        firsts = [order[0]]
        for i in order[1:]:
            if part[i] != runs[-1]:
                if part[i] in runs:
                    return False  # a comma-separated part was split
                runs.append(part[i])
                firsts.append(i)
        for n, i in enumerate(order):
            if (
                exp[i].key in _COORDINATORS
                and not exp[i].boundary_before
                and self._joins_clauses(exp, i)
                and i not in firsts
                and n + 1 < len(order)
                and part[order[n + 1]] == part[i]
            ):
                # "Siedzę na gitarze i gram" for "Siedzę i gram na gitarze": words of the part
                # *i* opens on both sides of it (the clauses swapped whole keep it between)
                return False
        first = exp[order[0]]
        if first.key in _CLITICS and min(pairs) == 0:
            return False  # "Się uczę": a clitic never opens the sentence ("Ja się uczę" may)
        if question and exp and exp[0].key in _QUESTION_WORDS:
            # a phrase may come first ("W wolnym czasie co lubisz robić?"), the verb may not
            verbs = [i for i in range(len(exp)) if self._grammar.is_verb(exp[i])]
            where = {i: n for n, i in enumerate(order)}
            if 0 in where and any(where.get(v, -1) < where[0] for v in verbs if v in where):
                return False
        return True

    def _chunks(self, exp: list[Word]) -> list[list[int]]:
        """Phrases that move as a whole: a preposition with its phrase, *nie* with its verb,
        modifiers with their noun. A clitic (*się*, *mi*) moves on its own, but never first."""
        chunks: list[list[int]] = []
        for i, w in enumerate(exp):
            glue = False
            if i > 0:
                prev = exp[i - 1]
                if w.boundary_before:
                    glue = False
                elif (
                    prev.key == "nie"
                    or self._grammar.is_prep(prev)
                    and not self._grammar.is_verb(prev)
                ):
                    glue = True
                elif self._modifies_next(prev, w) or (
                    self._postposed(prev, w)
                    and not (
                        i + 1 < len(exp)
                        and not exp[i + 1].boundary_before
                        and self._modifies_next(w, exp[i + 1])
                    )
                ):
                    glue = True  # "nowym domu", "kawę czarną" (not "namiocie | pierwszy raz")
                elif prev.key in _DEGREE_WORDS and any(
                    r.pos in ADJ_CLASSES or r.pos == "adv" for r in self._morph.analyse(w.text)
                ):
                    glue = True  # "bardzo ładny", "tak starsza"
                elif self._numeral_and_noun(prev, w) or self._attribute(prev, w):
                    glue = True  # "kilka osób", "filiżankę kawy"
                elif (prev.key in _COORDINATORS and not self._joins_clauses(exp, i - 1)) or (
                    w.key in _COORDINATORS and not self._joins_clauses(exp, i)
                ):
                    glue = True  # "herbatę i ciastko" moves whole (its conjuncts may swap)
            if glue and chunks:
                chunks[-1].append(i)
            else:
                chunks.append([i])
        return chunks

    def _joins_clauses(self, exp: list[Word], k: int) -> bool:
        """Is the coordinator at k followed by a verb (*… i mam gorączkę*)?"""
        if exp[k].key not in _COORDINATORS:
            return False
        # a finite verb before the clause ends (*a w niedzielę będę odpoczywać*), not past
        # another coordinator (*chleb i masło i poszedłem*)
        for j in range(k + 1, min(k + 5, len(exp))):
            if j > k + 1 and (exp[j].boundary_before or exp[j].key in _COORDINATORS):
                return False
            if self._grammar.is_verb(exp[j]) and self._grammar.is_finite(exp[j]):
                return True
        return False

    def _numeral_and_noun(self, prev: Word, w: Word) -> bool:
        if prev.key in ("ile", "kilka", "wiele", "dużo", "mało"):
            return False  # "Ile masz lat?": these part from their noun
        nums = any(r.pos == "num" for r in self._usual(prev)) or prev.text.isdecimal()
        return nums and any(r.pos in ("subst", "depr") for r in self._usual(w))

    def _usual(self, word: Word) -> tuple[Reading, ...]:
        """The readings of a word a writer likely means (not *ił*, clay, for *ile*)."""
        return self._grammar.usual(word.text)

    def _postposed(self, head: Word, mod: Word) -> bool:
        """An adjective after the noun it describes (*kawę czarną*, *język polski*)."""
        if self._grammar.is_verb(head):
            return False
        nouns = [r for r in self._usual(head) if r.pos in ("subst", "depr")]
        adjs = [r for r in self._usual(mod) if r.pos in ADJ_CLASSES]
        return any(_agrees(a, n) for a in adjs for n in nouns)

    def _attribute(self, prev: Word, w: Word) -> bool:
        """A noun in the genitive right after a noun it describes (*zdaniem specjalistów*)."""
        if self._grammar.is_verb(prev) or self._grammar.is_verb(w):
            return False
        if any(r.pos in _FUNCTION_WORDS for r in self._morph.analyse(w.text)):
            return False  # "od" is also a genitive of "oda"
        nouns = [r for r in self._usual(prev) if r.pos in ("subst", "depr")]
        gens = [r for r in self._usual(w) if r.pos in ("subst", "depr")]
        return bool(nouns) and bool(gens) and all("gen" in r.case for r in gens)

    def _modifies_next(self, prev: Word, w: Word) -> bool:
        pr = self._usual(prev)
        wr = self._usual(w)
        if not any(r.pos in ADJ_CLASSES for r in pr) or self._grammar.is_verb(prev):
            return False
        return any(
            a.pos in ADJ_CLASSES and n.pos in NOUN_CLASSES | ADJ_CLASSES and _agrees(a, n)
            for a in pr
            for n in wr
        )

    def _classifier(
        self,
        exp: list[Word],
        exp_state: tuple[tuple[object, ...], ...],
        ans: list[Word],
        lang: ExplainIn,
        accept: Accept,
    ) -> Callable[[int, int], Issue | None]:
        """``_classify`` for this comparison's words, remembered across comparisons: the issue
        of a learner's word said at an expected word's place is a pure function of the
        expected words (every field of each ``Word``), the place, the learner's word (every
        field) and its place, whether the answer has *nie*, the language and what the step
        accepts (every field of ``Accept``, dicts in their order) — all in the key, so an entry
        can never be served for other inputs; the values are frozen ``Issue``s. Learners say
        the same wrong form at the same place of a step's answer again and again (the other
        words of their answers differ). Bounded: the contexts (one per accepted answer and
        step, as adapted towards the answer) and each context's entries are cleared when full."""
        context: tuple[object, ...] | None = None
        known: dict[tuple[int, int, tuple[object, ...]], Issue | None] | None = None
        facts: _ExpectedFacts | None = None

        def classify(ei: int, ai: int) -> Issue | None:
            nonlocal context, known, facts
            if known is None:
                context = (
                    exp_state,
                    _accept_state(accept),
                    any(w.key == "nie" for w in ans),
                    lang,
                )
                known = self._classified.get(context)
                if known is None:
                    if len(self._classified) > _CLASSIFIED_CONTEXTS:
                        self._classified.clear()
                    known = self._classified[context] = {}
            key = (ei, ai, _word_state(ans[ai]))
            # (one look-up: another thread may clear the dict between two)
            found = known.get(key, _UNKNOWN)
            if found is not _UNKNOWN:
                return cast(Issue | None, found)
            if facts is None:
                facts = self._expected_facts(exp_state)
            issue = self._classify(exp, ei, ans, ai, lang, accept, facts)
            if len(known) > _CLASSIFIED_PER_CONTEXT:
                known.clear()
            known[key] = issue
            return issue

        return classify

    def _classify(
        self,
        exp: list[Word],
        ei: int,
        ans: list[Word],
        ai: int,
        lang: ExplainIn,
        accept: Accept,
        facts: _ExpectedFacts | None = None,
    ) -> Issue | None:
        """The issue of the learner's word ``ans[ai]`` said at ``exp[ei]``'s place (None: no
        issue). (``facts``: what is remembered of ``exp``, see ``_expected_facts``.)"""
        e = exp[ei]
        a = ans[ai]
        if e.key == a.key:
            return None
        if frozenset((e.key, a.key)) in _VOCALIC:
            return self._vocalic(exp, ei, a, ai, lang)
        if self._address_either_case(exp, ei, a.text):
            return None
        if self._aspect_is_free(exp, ei, a.text, accept):
            return None
        known = self._known(a.text)
        # another word a learner may mean (not Morfeusz's obscure *si* for *sie*)
        common = known and any(
            not r.full_lemma[:1].isupper()
            and self._used(r.full_lemma)
            and not set(r.qualifiers) & _DATED
            for r in self._grammar.everyday(a.key)
        )
        if e.plain == a.plain:
            if common and self._lemmas(a.text) & self._lemmas(e.text):
                # a real form of the same word (pracuje for pracuję): the grammar is wrong
                infl = self._inflection(exp, ei, a.text, accept, look_alike=True, exp_facts=facts)
                if infl is not None:
                    return self._inflection_issue(e, a, ai, infl, lang)
            return Issue(
                type="diacritics",
                expected=e.text,
                got=a.text,
                explanation=explain.diacritics(
                    e.text, a.text, missing_letters(e.key, a.key), common, lang
                ),
                position=ai,
            )
        clitic = self._clitic_form(exp, ei, a, ai, lang)
        if clitic is not None:
            return clitic
        infl = self._inflection(exp, ei, a.text, accept, exp_facts=facts)
        respelled = False
        if infl is None and not known and self._respell is not None and not has_diacritics(a.key):
            # "szkola" for "szkoły": without Polish letters, and also in the wrong form
            for cand in [*self._respell(a.key), *self._lemma_spellings(e, a)]:
                if cand != a.key and cand != e.key:
                    infl = self._inflection(exp, ei, cand, accept, exp_facts=facts)
                    if infl is not None:
                        respelled = True
                        # the learner's own word in the explanation, not the respelled one
                        infl = _Inflection(replace(infl.facts, got=a.text))
                        break
        if infl is None and known:
            infl = self._aspect(exp, ei, a.text, accept)
        if infl is None:
            infl = self._declension_slip(exp, ei, a.text)
        if (
            infl is not None
            and infl.facts.rule == "case.negation"
            and not any(w.key == "nie" for w in ans)
        ):
            return None  # their sentence has no "nie": its missing "nie" is the issue, not this
        if infl is not None:
            issue = self._inflection_issue(e, a, ai, infl, lang)
            if respelled and has_diacritics(e.text):
                issue = Issue(
                    type=issue.type,
                    expected=issue.expected,
                    got=issue.got,
                    explanation=issue.explanation + " " + explain.also_polish_letters(e.text, lang),
                    feature=issue.feature,
                    expected_value=issue.expected_value,
                    got_value=issue.got_value,
                    position=issue.position,
                    rule=issue.rule,
                )
            return issue
        longest = max(len(e.plain), len(a.plain))
        d = osa_distance(e.plain, a.plain, limit=longest)
        near = d <= _typo_limit(longest) and longest > 2
        issue_type: IssueType

        def not_polish() -> Issue:
            return Issue(
                type="wrong_word",
                expected=e.text,
                got=a.text,
                explanation=explain.not_polish(e.text, a.text, lang),
                position=ai,
            )

        if not known and self._is_english is not None and self._is_english(a.key):
            return not_polish()
        if a.text.isdecimal() or e.text.isdecimal():
            return Issue(  # "16" for "piętnaście", "1" for "jeden": another number, no typo
                type="wrong_word",
                expected=e.text,
                got=a.text,
                explanation=explain.other_number(e.text, a.text, lang),
                position=ai,
            )
        if not known and not near and d > 2 and not has_diacritics(a.text):
            # *Poland* for *Polsce*: a word Polish does not have, and too far from the expected
            # one to be its misspelling; "check the spelling: Polsce" would say it is one
            return not_polish()
        if not known or (near and not common):
            issue_type = "typo"
            text = explain.typo(e.text, a.text, known, lang)
        elif (
            accept.learner_gender
            and self._variants.person_noun_for(a.text, accept.learner_gender) == e.key
        ):
            issue_type = "wrong_word"  # studentem → studentką: another noun, for a woman
            text = explain.person_noun(e.text, a.text, accept.learner_gender, lang)
        elif (vehicle := self._vehicle_for(exp, e, a)) is not None:
            issue_type = "wrong_word"  # *Idę autobusem* → *Jadę*: riding, not walking
            text = explain.by_vehicle(*vehicle, e.text, a.text, lang)
        else:
            issue_type = "wrong_word"
            text = explain.wrong_word(e.text, a.text, lang)
        return Issue(type=issue_type, expected=e.text, got=a.text, explanation=text, position=ai)

    def _vehicle_for(self, exp: list[Word], e: Word, a: Word) -> tuple[str, str, str] | None:
        """The vehicle (*autobusem*) that makes the expected verb one of riding where the
        learner's is its verb of going on foot (*jadę* for *idę*), if the sentence has one:
        the vehicle as written, the riding verb and the walking one."""
        got = {r.lemma for r in self._morph.analyse(a.text) if r.pos in VERBAL}
        if len(got) != 1 or not got <= BY_VEHICLE.keys():
            return None
        walking = next(iter(got))
        riding = [
            r.lemma
            for r in self._morph.analyse(e.text)
            if r.pos in VERBAL and r.lemma in BY_VEHICLE[walking]
        ]
        if not riding:
            return None
        for w in exp:
            read = self._morph.analyse(w.text)
            if (
                read
                and all(r.pos == "subst" and r.case == frozenset({"inst"}) for r in read)
                and {r.lemma for r in read} & VEHICLES
            ):
                return w.text, riding[0], walking
        return None

    def is_known(self, text: str) -> bool:
        """A word someone uses (see :meth:`_known`)."""
        return self._known(text)

    def _known(self, text: str) -> bool:
        """A word someone uses: known to Morfeusz, and not only as a lemma nobody uses
        (Morfeusz's *dziecki* is a learner's slip for *dzieci*)."""
        readings = self._grammar.everyday(text)
        if not readings:
            return False
        if self._frequency(text.lower()) >= 1e-8:  # zipf 1: once in 100 million words
            return True
        return any(self._used(r.full_lemma) or r.pos in _CLOSED for r in readings)

    def _used(self, full_lemma: str) -> bool:
        return self._lemma_weight is None or self._lemma_weight(full_lemma) >= 1.0

    def _lemma_spellings(self, e: Word, a: Word) -> list[str]:
        """Forms of the expected word's lemma the learner's word is, without Polish letters
        (*łazienke* is *łazienkę*)."""
        out: list[str] = []
        for r in self._grammar.usual(e.text):
            for form in self._spellings(r.full_lemma).get(a.plain, ()):
                if form not in out and form != a.key:
                    out.append(form)
        return out

    def _spellings(self, full_lemma: str) -> dict[str, tuple[str, ...]]:
        """The lemma's forms (lower case, in Morfeusz's order) by their spelling without Polish
        letters (remembered: the expected answers' words come again)."""
        cached = self._spelled.get(full_lemma)
        if cached is None:
            grouped: dict[str, list[str]] = {}
            forms = [text.lower() for text in self._morph.form_texts(full_lemma)]
            # (the forms' plain spellings in one call: strip_diacritics maps letter by letter,
            # and no form has a line break)
            plains = strip_diacritics("\n".join(forms)).split("\n") if forms else []
            for form, plain in zip(forms, plains, strict=True):
                grouped.setdefault(plain, []).append(form)
            cached = {plain: tuple(forms) for plain, forms in grouped.items()}
            if len(self._spelled) > 4096:  # a few MB at most
                self._spelled.clear()
            self._spelled[full_lemma] = cached
        return cached

    def _clitic_form(
        self, exp: list[Word], ei: int, a: Word, ai: int, lang: ExplainIn
    ) -> Issue | None:
        """*mnie* for *mi* (or back): the same pronoun in the same case, the long (stressed)
        form for the short one."""
        e_read = [r for r in self._grammar.usual(exp[ei].text) if r.pos in ("ppron12", "ppron3")]
        if not e_read:
            return None  # (the learner's word is not read: most expected words are no pronoun)
        g_read = [r for r in self._grammar.usual(a.text) if r.pos in ("ppron12", "ppron3")]
        for r in e_read:
            for g in g_read:
                if r.lemma != g.lemma or not r.case & g.case or r.number != g.number:
                    continue
                short = ":nakc" in r.tag and ":akc" in g.tag
                long_ = ":akc" in r.tag and ":nakc" in g.tag
                if short or long_:
                    return Issue(
                        type="inflection",
                        expected=exp[ei].text,
                        got=a.text,
                        explanation=explain.pronoun_form(exp[ei].text, a.text, short, lang),
                        position=ai,
                    )
        return None

    def _inflection_issue(
        self, e: Word, a: Word, ai: int, infl: _Inflection, lang: ExplainIn
    ) -> Issue:
        f = infl.facts
        return Issue(
            type="inflection",
            expected=e.text,
            got=a.text,
            explanation=explain.inflection(f, lang),
            feature=f.feature,
            expected_value=f.expected_value,
            got_value=f.got_value,
            position=ai,
            rule=Rule(f.rule, f.rule_trigger) if f.rule is not None else None,
        )

    # -- inflection ----------------------------------------------------------------------
    def _inflection(
        self,
        exp: list[Word],
        ei: int,
        got: str,
        accept: Accept,
        *,
        look_alike: bool = False,
        exp_facts: _ExpectedFacts | None = None,
    ) -> _Inflection | None:
        """The learner's ``got`` as another form of the expected word at ``ei``.
        (``exp_facts``: what is remembered of ``exp``, see ``_expected_facts``.)"""
        known = exp_facts if exp_facts is not None else _ExpectedFacts()
        e_read = known.read.get(ei)
        if e_read is None:
            e_read = self._in_context(exp, ei, self._grammar.everyday(exp[ei].text))
            known.read[ei] = e_read
        g_read = self._grammar.everyday(got)
        if not e_read or not g_read:
            return None
        g_lemmas = {r.lemma.lower() for r in g_read}
        said = tuple(r for r in e_read if r.lemma.lower() in g_lemmas)
        if not said:
            return None  # (another word: no reading of the learner's lemma to weigh)
        place = known.places.get((ei, said))
        if place is None:
            place = self._place(exp, ei, said)
            if len(known.places) > _PLACES_KEPT:
                known.places.clear()
            known.places[(ei, said)] = place
        cands, req_n, clause_has_verb, case_order = place
        if not cands:
            return None
        e_cands = list(cands)
        reflexive = any(0 <= j < len(exp) and exp[j].key == "się" for j in (ei - 1, ei + 1, ei + 2))
        best: tuple[tuple[float, ...], Reading, Reading, list[str]] | None = None
        for re_ in e_cands:
            ctx = 0.0
            rank = min((case_order.index(c) for c in re_.case), default=len(case_order))
            if req_n.cases and re_.case:
                ctx += 2.0 if re_.case & req_n.cases else -1.0
            partner = req_n.partner
            if partner is not None and re_.pos in ADJ_CLASSES:
                if req_n.detail in ("learner", "elided"):  # the copula: its number
                    fits = not partner.number or bool(re_.number & partner.number)
                elif req_n.detail == "numeral":  # a numeral agrees in gender only
                    fits = _numeral_gender_fits(re_, partner)
                else:
                    fits = _agrees(re_, partner)
                ctx += 1.5 if fits else -1.0
            # a reading the rule rules out (a genitive after "w") is a last resort
            ruled_out = float(bool(req_n.cases and re_.case and not re_.case & req_n.cases))
            if re_.qualifiers:
                ctx -= 0.5
            if re_.pos in FINITE_VERB_CLASSES and not clause_has_verb:
                ctx += 1.5
            if re_.pos in FINITE_VERB_CLASSES and reflexive:
                ctx += 1.0
            elif re_.pos == "ger":
                ctx -= 0.5
            for rg in g_read:
                if rg.lemma.lower() != re_.lemma.lower() or not _same_word(re_, rg, g_read):
                    continue
                diffs = _differences(re_, rg)
                if not diffs:
                    continue
                prio = min((FEATURE_ORDER.index(f) for f in diffs if f in FEATURE_ORDER), default=9)
                if req_n.detail == "numeral" and "gender" in diffs:
                    prio = -1  # dwa/dwie, pięć/pięciu: the numeral follows its noun's gender
                n_diffs = len(diffs) + (0.5 if "pos" in diffs else 0.0)
                key = (
                    ruled_out,
                    n_diffs,
                    -ctx,
                    float(prio),
                    float(rank),
                    0.5 if rg.qualifiers else 0.0,
                )
                if best is None or key < best[0]:
                    best = (key, re_, rg, diffs)
        if best is None:
            return None
        _key, re_, rg, diffs = best
        named = [f for f in FEATURE_ORDER if f in diffs]
        feature = named[0] if named else None
        if "tense" in diffs and re_.pos == "praet" and _conditional_before(exp, ei) is not None:
            feature = "tense"  # "Gdybym mam czas" → miał: the person is gdybym's, not the verb's
        if re_.pos in VERBAL and rg.pos in VERBAL:
            return self._verb_inflection(exp, ei, re_, rg, feature, accept, look_alike)
        req = req_n if re_.pos in NOUN_CLASSES or re_.pos in ADJ_CLASSES else NONE
        ev: str | None = None
        gv: str | None = None
        rule: RuleId | None = None
        trigger: str | None = None
        partner_desc: tuple[str, ...] = ()
        case_sure = True
        if feature == "tense":
            ev, gv = re_.pos, rg.pos
        elif feature is not None:
            prefer: frozenset[str] = frozenset()
            if feature == "case":
                prefer = req.cases & re_.case
                if not prefer and req.partner is not None and req.detail != "learner":
                    prefer = req.partner.case & re_.case
                # a case is named when the rule gives it or the expected form has only one (not
                # *Kowalską*, accusative or instrumental, read one way at random)
                case_sure = bool(prefer) or len(frozenset().union(*(r.case for r in e_cands))) == 1
                # (*po polsku*: Morfeusz's "dative" of the form used only after po is no case
                # to teach)
                case_sure = case_sure and re_.pos != "adjp"
            elif feature in ("gender", "number") and req.partner is not None:
                prefer = req.partner.values(feature)
            order = case_order if feature == "case" else None
            ev = _pick(re_.values(feature), feature, prefer, order)
            got_prefer = (
                frozenset({"acc"})
                if req.rule in ("case.negation", "case.verb_government")
                else frozenset()
            )
            gv = _pick(
                rg.values(feature), feature, got_prefer if feature == "case" else frozenset()
            )
            if feature == "gender":
                ev = self._agreed_gender(re_, req, accept) or _gender_value(re_, prefer, ev)
                gv = _gender_value(rg, frozenset(), gv)
        rule, trigger, trigger_at = self._nominal_rule(exp, req, feature, ev)
        rule_trigger = _original(exp, trigger_at) if trigger is not None else None
        if rule == "agreement.adjective" and req.detail == "elided":
            partner_desc = _partner_desc(re_, re_, rg, diffs)  # what the expected form says
        elif rule == "agreement.adjective" and req.partner is not None and req.detail != "learner":
            partner = req.partner
            if len(req.cases) == 1 and req.detail != "numeral":
                # "w nowej pracy": the case the noun's own rule gives it (loc, not gen)
                partner = replace(partner, case=req.cases)
            partner_desc = _partner_desc(partner, re_, rg, diffs, numeral=req.detail == "numeral")
        verb_lemma = req.detail if req.rule == "case.verb_government" else None
        if rule == "case.negation":
            verb_lemma = self._negated_verb(exp, req)
        elif rule == "case.copula" and trigger_at is not None:
            verb_lemma = self._grammar.copula_lemma(exp[trigger_at])  # został: zostać
        facts = explain.InflectionFacts(
            expected=exp[ei].text,
            got=got,
            feature=feature,
            expected_value=ev,
            got_value=gv,
            rule=rule,
            trigger=trigger,
            lemma=re_.lemma,
            number=_pick(re_.number, "number") if re_.number else None,
            person=None,
            gender=_pick(re_.gender, "gender") if re_.gender else None,
            verb_lemma=verb_lemma,
            partner_desc=partner_desc,
            detail=req.detail,
            learner_gender=accept.learner_gender,
            case_sure=case_sure,
            look_alike=look_alike,
            rule_trigger=rule_trigger,
        )
        return _Inflection(facts)

    def _place(self, exp: list[Word], ei: int, said: tuple[Reading, ...]) -> _Place:
        """What ``_inflection`` weighs of the expected word's readings ``said`` (those of the
        learner's lemma) at its place: the likely ones, the rule of their case, whether the
        clause has another verb, the cases from most to least plausible (pure functions of
        the expected words, the place and the readings)."""
        e_cands = self._likely(exp, ei, list(said))
        if not e_cands:
            return (), NONE, False, ()
        nominal = [r for r in e_cands if r.pos in NOUN_CLASSES or r.pos in ADJ_CLASSES]
        req_n = self._grammar.nominal(exp, ei, nominal) if nominal else NONE
        clause_has_verb = self._clause_has_other_verb(exp, ei)
        case_order = self._case_order(exp, ei, e_cands, req_n)
        return tuple(e_cands), req_n, clause_has_verb, case_order

    def _agreed_gender(self, re_: Reading, req: Requirement, accept: Accept) -> str | None:
        """The gender the form takes from what it agrees with: the noun or subject, or the
        learner (from their setting)."""
        if req.detail == "learner":
            if accept.learner_gender is None:
                return None
            return "f" if accept.learner_gender == "feminine" else "m1"
        partner = req.partner
        if partner is None or not partner.gender or not partner.gender & re_.gender:
            return None  # (a partner read in a gender the expected form has not: not named)
        return _pick(partner.gender & re_.gender, "gender")

    def _in_context(
        self, exp: list[Word], ei: int, readings: tuple[Reading, ...]
    ) -> tuple[Reading, ...]:
        """The expected word's readings that fit its place: the verb of a clause that has no
        other verb (*Ile płacę?*: *płacę* is "I pay", not the accusative of *płaca*); not a
        verb right after a preposition."""
        verbs = tuple(r for r in readings if r.pos in FINITE_VERB_CLASSES)
        if verbs and len(verbs) < len(readings):
            if (
                ei > 0
                and self._grammar.is_prep(exp[ei - 1])
                and not self._grammar.is_verb(exp[ei - 1])
            ):
                return tuple(r for r in readings if r.pos not in VERBAL)
            if not self._clause_has_other_verb(exp, ei):
                return verbs
        return readings

    def _likely(self, exp: list[Word], ei: int, cands: list[Reading]) -> list[Reading]:
        """The readings of the same word a writer most likely meant: proper names only for a
        capitalised word inside the sentence, common words otherwise; and not a lemma that is
        rare beside another one (*kota*, a height mark, beside *kot*)."""
        word = exp[ei].text
        proper = [r for r in cands if r.full_lemma[:1].isupper()]
        common = [r for r in cands if not r.full_lemma[:1].isupper()]
        if word[:1].isupper() and ei > 0 and proper:
            cands = proper
        elif common:
            cands = common
        lemmas = {r.full_lemma for r in cands}
        if len(lemmas) > 1 and self._lemma_weight is not None:
            weights = {lemma: self._lemma_weight(lemma) for lemma in lemmas}
            top = max(weights.values())
            if top > 0:
                cands = [r for r in cands if weights[r.full_lemma] >= 0.1 * top]
        return cands

    def _nominal_rule(
        self, exp: list[Word], req: Requirement, feature: str | None, ev: str | None
    ) -> tuple[RuleId | None, str | None, int | None]:
        """The rule of a noun's or adjective's form, only where it explains this difference:
        (rule, trigger as shown, trigger's index)."""
        if feature is None or req.rule is None:
            return ("number", None, None) if feature == "number" else (None, None, None)
        if req.rule == "agreement.adjective":
            if feature == "case" and req.copula_at is not None:
                # "Jest trzecią" for "Jest trzecia": after być an adjective is nominative
                if ev == "nom":
                    return "case.copula", exp[req.copula_at].text, req.copula_at
                return None, None, None
            if feature in ("case", "gender", "number"):
                return req.rule, req.trigger, req.trigger_at
            return None, None, None
        if feature == "case":
            if req.cases and ev not in req.cases:
                return None, None, None
            return req.rule, req.trigger, req.trigger_at
        if feature == "number" and req.rule == "case.numeral":
            return req.rule, req.trigger, req.trigger_at
        if feature == "number":
            return "number", None, None
        return None, None, None

    def _negated_verb(self, exp: list[Word], req: Requirement) -> str | None:
        if req.trigger_at is None or req.trigger_at + 1 >= len(exp):
            return None
        return exp[req.trigger_at + 1].text.lower()

    def _verb_inflection(
        self,
        exp: list[Word],
        ei: int,
        re_: Reading,
        rg: Reading,
        feature: str | None,
        accept: Accept,
        look_alike: bool,
    ) -> _Inflection:
        grammar = self._grammar
        ev: str | None = None
        gv: str | None = None
        rule: RuleId | None = None
        trigger: str | None = None
        rule_trigger: str | None = None
        detail: str | None = None
        subject_gender = _pick(re_.gender, "gender") if re_.gender else None
        if feature == "tense":
            ev, gv = re_.pos, rg.pos
            tense = "bedzie" if re_.pos == "fin" and "perf" in re_.aspect else re_.pos
            at = grammar.tense_context(exp, ei, tense)
            conditional = _conditional_before(exp, ei) if re_.pos == "praet" else None
            if conditional is not None:
                detail, trigger = "conditional", exp[conditional].text
            elif at is not None:
                rule, trigger = "tense.context", grammar.tense_text(exp, at)
                rule_trigger = exp[at].orig
        elif feature is not None:
            ev = _pick(re_.values(feature), feature)
            gv = _pick(rg.values(feature), feature)
            if feature == "gender":
                ev = _gender_value(re_, frozenset(), ev)
                gv = _gender_value(rg, frozenset(), gv)
            req = grammar.verbal(exp, ei, re_)
            rule_trigger = _original(exp, req.trigger_at)
            if req.partner is not None and req.partner.gender:
                subject_gender = _pick(req.partner.gender, "gender")  # "like *ona*", not on/ona
            if feature in ("person", "number"):
                if req.rule is not None:
                    rule, trigger = req.rule, req.trigger
                else:
                    rule = "person" if feature == "person" else "number"
            elif feature == "gender":
                rule = "agreement.past_gender"
                if re_.person & {"pri", "sec"}:
                    detail = "learner" if "pri" in re_.person else None
                    rule_trigger = None
                    if detail == "learner":
                        ev = self._agreed_gender(re_, Requirement(detail="learner"), accept) or ev
                else:
                    trigger = req.trigger
                    ev = self._agreed_gender(re_, req, accept) or ev
        facts = explain.InflectionFacts(
            expected=exp[ei].text,
            got=rg.form,
            feature=feature,
            expected_value=ev,
            got_value=gv,
            rule=rule,
            trigger=trigger,
            lemma=re_.lemma,
            number=_pick(re_.number, "number") if re_.number else None,
            person=_pick(re_.person, "person") if re_.person else None,
            gender=subject_gender,
            aspect=_pick(re_.aspect, "aspect") if re_.aspect else None,
            got_aspect="perf" if rg.aspect == frozenset({"perf"}) else None,
            detail=detail,
            learner_gender=accept.learner_gender,
            look_alike=look_alike,
            rule_trigger=rule_trigger if trigger is not None else None,
        )
        return _Inflection(facts)

    def _aspect(self, exp: list[Word], ei: int, got: str, accept: Accept) -> _Inflection | None:
        """The learner used the verb's aspect partner (wypiję for piję)."""
        e_read = [r for r in self._morph.analyse(exp[ei].text) if r.pos in VERBAL]
        g_read = [r for r in self._morph.analyse(got) if r.pos in VERBAL]
        table = self._grammar.table
        for re_ in e_read:
            partners = table.aspect_partner(re_.lemma)
            for rg in g_read:
                if not re_.aspect or not rg.aspect:
                    continue
                if (
                    rg.lemma not in partners
                    and not _prefixed_pair(re_.lemma, rg.lemma)
                    and not self._going_habitually(re_.lemma, rg.lemma)
                ):
                    continue
                if re_.aspect & rg.aspect:
                    continue
                ev = _pick(re_.aspect, "aspect")
                gv = _pick(rg.aspect, "aspect")
                rule: RuleId | None = None
                trigger: str | None = None
                rule_trigger: str | None = None
                detail: str | None = None
                feature = "aspect"
                tense_diff = _differences(re_, rg)
                e_tense = "bedzie" if re_.pos == "fin" and "perf" in re_.aspect else re_.pos
                if "tense" in tense_diff or (re_.pos == "fin" and rg.pos == "fin"):
                    at_t = self._grammar.tense_context(exp, ei, e_tense)
                    if "tense" in tense_diff and at_t is not None:
                        feature, rule = "tense", "tense.context"
                        trigger = self._grammar.tense_text(exp, at_t)
                        rule_trigger = exp[at_t].orig
                if rule is None:
                    at = self._grammar.aspect_context(exp, ei, ev)
                    rule = "aspect.context"
                    asked = self._asked_perfective(re_, accept) if at is None else None
                    if asked is not None:
                        trigger = rule_trigger = asked
                        detail = "question"
                    elif at is not None:
                        trigger = self._grammar.context_text(exp, at)
                        rule_trigger = exp[at].orig
                        if self._grammar.phase_verb(exp, ei) == at:
                            detail = "phase"
                        elif any(r.pos == "bedzie" for r in self._morph.analyse(exp[at].text)):
                            detail = "bedzie"
                        elif self._grammar.prohibition(exp, ei):
                            detail = "prohibition"
                        elif exp[at].key in ("teraz", "właśnie", "długo"):
                            detail = "process"
                        else:
                            detail = "habit"
                if feature == "tense":
                    ev_t, gv_t = re_.pos, rg.pos
                else:
                    ev_t, gv_t = ev, gv
                facts = explain.InflectionFacts(
                    expected=exp[ei].text,
                    got=got,
                    feature=feature,
                    expected_value=ev_t,
                    got_value=gv_t,
                    rule=rule,
                    trigger=trigger,
                    lemma=re_.lemma,
                    got_lemma=rg.lemma,
                    got_aspect="perf" if rg.aspect == frozenset({"perf"}) else None,
                    number=_pick(re_.number, "number") if re_.number else None,
                    person=_pick(re_.person, "person") if re_.person else None,
                    aspect=ev,
                    detail=detail,
                    learner_gender=accept.learner_gender,
                    rule_trigger=rule_trigger,
                )
                return _Inflection(facts)
        return None

    def _address_either_case(self, exp: list[Word], ei: int, got: str) -> bool:
        """*Cześć, Tomku!* and *Cześć, Tomek!*: in an address both the vocative and the
        nominative are right."""
        if not self._is_address(exp, ei):
            return False
        e_read = [r for r in self._morph.analyse(exp[ei].text) if r.pos == "subst"]
        g_read = [r for r in self._morph.analyse(got) if r.pos == "subst"]
        return any(
            r.full_lemma[:1].isupper()  # a name: "Cześć, Tomek!" (not "wujek" for "wujku")
            and r.full_lemma == g.full_lemma
            and r.number == g.number
            and {c for c in r.case | g.case} >= {"nom", "voc"}
            and (r.case | g.case) <= {"nom", "voc"}
            for r in e_read
            for g in g_read
        )

    def _vocalic(self, exp: list[Word], ei: int, a: Word, ai: int, lang: ExplainIn) -> Issue | None:
        """*w* / *we*, *z* / *ze*: the vowel is needed before some consonant groups
        (*we wtorek*, *ze szkoły*, *ze mną*) and only there."""
        following = exp[ei + 1].text if ei + 1 < len(exp) else ""
        right = preposition_form(a.key, following)
        if right is None or a.key == right:
            return None  # both are written (we środę, ze żoną), or the learner's is right
        return Issue(
            type="typo",
            expected=_like_case(a.text, right),
            got=a.text,
            explanation=explain.vocalic(
                right, a.text, exp[ei + 1].text if ei + 1 < len(exp) else "", lang
            ),
            position=ai,
        )

    def _question_verbs(self, question: str) -> tuple[tuple[str, str], ...]:
        """The perfective past verbs of the tutor's when-questions (*Kiedy wyjechałeś?*, *O
        której wróciłaś?*): a question about when one completed action happened is answered
        with the same perfective verb. (Not a yes/no question: *Przeczytałeś tę książkę?* —
        *Tak, czytałem ją* is right.) Remembered: a pure function of the step's question
        (Morfeusz's readings of its words), asked again with every answer to the step."""
        cached = self._asked.get(question)
        if cached is None:
            cached = self._question_verbs_once(question)
            if len(self._asked) > 4096:
                self._asked.clear()
            self._asked[question] = cached
        return cached

    def _question_verbs_once(self, question: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for sentence in _QUESTION_SPLIT.split(question):
            words = [t.text for t in tokenize(sentence)]
            if not sentence.rstrip().endswith("?") or not words:
                continue
            opening = " ".join(w.lower() for w in words[:2])
            if not (words[0].lower() == "kiedy" or opening == "o której"):
                continue
            for text in words[1:]:
                for r in self._morph.analyse(text):
                    if r.pos == "praet" and r.aspect == frozenset({"perf"}):
                        out.append((r.lemma, text))
        return tuple(dict.fromkeys(out))

    def _asked_perfective(self, re_: Reading, accept: Accept) -> str | None:
        """The when-question's form of this perfective past verb, if it asks with it."""
        if re_.pos != "praet" or re_.aspect != frozenset({"perf"}):
            return None
        return next((form for lemma, form in accept.question_verbs if lemma == re_.lemma), None)

    def _aspect_is_free(self, exp: list[Word], ei: int, got: str, accept: Accept) -> bool:
        """Either aspect is right here: an infinitive, a past-tense verb or an imperative of
        the verb's aspect partner with nothing in the sentence that decides (*Chcę pójść* for
        *Chcę iść*). Present and future differ in meaning, so those are not free."""
        e_read = [
            r
            for r in self._morph.analyse(exp[ei].text)
            if r.pos in ("inf", "praet", "impt", "cond")  # (the verbal forms of either aspect)
        ]
        if not e_read:
            return False  # (the learner's word is not read: most expected words are no verb)
        g_read = [r for r in self._morph.analyse(got) if r.pos in VERBAL]
        table = self._grammar.table
        for re_ in e_read:
            partners = table.aspect_partner(re_.lemma)
            for rg in g_read:
                if rg.pos != re_.pos:
                    continue
                if rg.lemma not in partners and not _prefixed_pair(re_.lemma, rg.lemma):
                    continue
                if _differences(re_, rg) not in ([], ["aspect"]):
                    continue
                ev = _pick(re_.aspect, "aspect") if re_.aspect else "imperf"
                if self._asked_perfective(re_, accept) is not None:
                    continue  # *Kiedy wyjechałeś?* — *Wyjechałem …*, not *Wyjeżdżałem …*
                if re_.lemma.lower() in accept.kept_aspect:
                    continue  # the step declares this verb's aspect its point
                if self._grammar.aspect_context(exp, ei, ev) is None:
                    return True
        return False

    def _declension_slip(self, exp: list[Word], ei: int, got: str) -> _Inflection | None:
        """An invented ending for the right case: *sklepa* (the genitive of *sklep* is *sklepu*)."""
        e = exp[ei]
        key = got.lower()
        usual = self._grammar.usual(e.text)
        nouns = [r for r in usual if r.pos == "subst" and len(r.number) == 1]
        if not nouns or len({r.lemma for r in nouns}) > 1:
            return None  # one word only (metrem: metr or metro? no claim)
        if any(r.pos in _VERBAL for r in usual):
            return None  # a verb's form too (Mam: mieć, or mama's genitive?): no noun's claim
        mine = self._grammar.everyday(got) if self._known(got) else ()
        if any(r.lemma != nouns[0].lemma for r in mine):
            return None  # a real form of another word (panu is pan's): not an ending slip
        stem_len = 0
        for x, y in zip(e.key, key, strict=False):
            if x != y:
                break
            stem_len += 1
        right, wrong = e.key[stem_len:], key[stem_len:]
        if stem_len < 3 or right == wrong:
            return None
        req = self._grammar.nominal(exp, ei, nouns)
        for r in nouns:
            number = next(iter(r.number))
            cases = r.case & req.cases if req.cases else r.case
            for case in sorted(cases, key=CASES.index):
                endings = _ENDINGS.get((case, number))
                if endings is None or right not in endings or wrong not in endings:
                    continue
                facts = explain.InflectionFacts(
                    expected=e.text,
                    got=got,
                    feature="case",
                    expected_value=case,
                    got_value=None,
                    rule="ending.declension",
                    trigger=r.lemma,
                    lemma=r.lemma,
                    number=number,
                    ending=(wrong, right),
                    rule_trigger=r.lemma,
                )
                return _Inflection(facts)
        return None

    def _clause(self, exp: list[Word], ei: int) -> range:
        return self._grammar.clause(exp, ei)

    def _clause_has_other_verb(self, exp: list[Word], ei: int) -> bool:
        for j in self._clause(exp, ei):
            if j != ei and self._grammar.is_verb(exp[j]) and self._grammar.is_finite(exp[j]):
                return True
        return False

    def _object_position(
        self,
        exp: list[Word],
        ei: int,
        number: frozenset[str],
        gender: frozenset[str] = frozenset(),
    ) -> bool:
        """For a noun that could be nominative or accusative: is it more likely the object?

        A clause without a finite verb → nominative; a verb only in the 1st/2nd person, or
        another noun that can only be nominative (the subject) → accusative.
        """
        clause = self._clause(exp, ei)
        if clause.start > 0 and not self._clause_has_other_verb(exp, ei):
            # a list split by commas (zaśpiewam swoje stare, znane piosenki): a verbless
            # stretch that starts with a modifier belongs to the clause before it
            first = exp[clause.start]
            if any(r.pos in ADJ_CLASSES for r in self._morph.analyse(first.text)) and not any(
                r.pos in _CLAUSE_OPENERS for r in self._morph.analyse(first.text)
            ):
                clause = range(self._clause(exp, clause.start - 1).start, clause.stop)
        verbs: list[list[Reading]] = []
        particle_verbs: list[list[Reading]] = []  # "może", "niech": also particles
        subjectless_before = False
        subject_found = False
        object_clitic = False
        for j in clause:
            if j == ei:
                continue
            readings = self._morph.analyse(exp[j].text)
            fin = [r for r in readings if r.pos in FINITE_VERB_CLASSES and r.pos != "imps"]
            if fin and len(fin) < len(readings) and all(r.pos == "impt" for r in fin):
                fin = []  # "dzień" is also an imperative of "dziać"; keep the noun
            if fin:
                if any(r.pos in ("qub", "part") for r in readings):
                    particle_verbs.append(fin)
                else:
                    verbs.append(fin)
                continue
            if abs(j - ei) == 1 and any(r.pos == "inf" for r in readings):
                if not any(r.pos in NOUN_CLASSES for r in readings):
                    return True  # right next to an infinitive: its object (czemu robić)
            if j < ei and any(r.pos in _SUBJECTLESS for r in readings):
                subjectless_before = True
                continue
            if exp[j].key in _ACC_CLITICS:
                object_clitic = True
            nouns = [r for r in readings if r.pos in NOUN_CLASSES and r.pos != "ger"]
            if (
                nouns
                and all("nom" in r.case and "acc" not in r.case for r in nouns)
                and not any(r.pos == "prep" for r in readings)
                and not (j > 0 and self._is_prep(exp[j - 1].text))
                and not self._coordinated(exp, min(j, ei), max(j, ei))
            ):
                subject_found = True
        if not verbs:
            verbs = particle_verbs
        if not verbs:
            return subjectless_before
        if all(r.person and "ter" not in r.person for fin in verbs for r in fin):
            return True
        if number and not any(r.number & number for fin in verbs for r in fin if r.number):
            return True  # cannot be the subject: the verb has another number
        if (
            gender
            and not any(
                r.gender & gender for fin in verbs for r in fin if r.gender and r.number & number
            )
            and all(r.gender for fin in verbs for r in fin)
        ):
            return True  # the past-tense verb has another gender
        if subject_found:
            return True
        if object_clitic:
            return False  # "uwierał ją ten wąż": the clitic is the object, so this is the subject
        verb_at = self._governing_verb(exp, ei)
        if verb_at is not None and any(
            r.lemma in _TRANSITIVE for r in self._morph.analyse(exp[verb_at].text)
        ):
            return True  # right after a verb that takes an object (ma broń, wziął kawałek)
        return False

    def _coordinated(self, exp: list[Word], lo: int, hi: int) -> bool:
        """Are words lo and hi joined by "i", "oraz", "lub"... (Trzy dziewczyny i chłopak)?"""
        between = [exp[k].key for k in range(lo + 1, hi)]
        if not between or len(between) > 3 or not any(w in _COORDINATORS for w in between):
            return False
        return all(
            w in _COORDINATORS
            or any(r.pos in _MODIFIER_CLASSES for r in self._morph.analyse(exp[k].text))
            for k, w in zip(range(lo + 1, hi), between, strict=True)
        )

    def _governing_verb(self, exp: list[Word], ei: int) -> int | None:
        """Index of the verb this word directly follows (skipping modifiers), if any."""
        j = ei - 1
        while j >= 0 and not exp[j + 1].boundary_before:
            readings = self._morph.analyse(exp[j].text)
            if any(r.pos == "prep" for r in readings):
                return None
            if any(r.pos in _VERBAL_FORMS and r.pos not in _PARTICIPLES for r in readings):
                clause_start = j == 0 or exp[j].boundary_before
                # at a clause start "Dzień" is a noun (and only an imperative of "dziać"),
                # but "Mam" is a verb (rather than "mam", of mothers)
                indicative = any(r.pos in _INDICATIVE for r in readings)
                if indicative or not (
                    clause_start and any(r.pos in NOUN_CLASSES for r in readings)
                ):
                    return j
            if any(r.pos in _MODIFIER_CLASSES or r.pos == "adv" for r in readings):
                j -= 1
                continue
            return None
        return None

    def _case_order(
        self,
        exp: list[Word],
        ei: int,
        e_cands: list[Reading],
        req: Requirement,
    ) -> tuple[str, ...]:
        """Cases from most to least plausible for the expected word in its sentence: the ones
        its rule allows first."""
        order = self._context_case_order(exp, ei, e_cands, req)
        if req.cases and req.rule != "case.preposition":
            first = [c for c in order if c in req.cases]
            return tuple(first + [c for c in order if c not in req.cases])
        return order

    def _context_case_order(
        self,
        exp: list[Word],
        ei: int,
        e_cands: list[Reading],
        req: Requirement,
    ) -> tuple[str, ...]:
        all_cases = frozenset(c for r in e_cands for c in r.case)
        if req.rule == "case.preposition" and req.cases:
            first = [c for c in _PREP_CASE_ORDER if c in req.cases]
            return tuple(first + [c for c in _PREP_CASE_ORDER if c not in req.cases])
        if "voc" in all_cases and self._is_address(exp, ei):
            return ("voc", *[c for c in CASES if c != "voc"])
        if {"nom", "acc"} <= all_cases:
            nominal = [r for r in e_cands if r.case & {"nom", "acc"}]
            number = frozenset(n for r in nominal for n in r.number)
            gender = frozenset(g for r in nominal for g in r.gender)
            if self._object_position(exp, ei, number, gender):
                return _OBJECT_CASE_ORDER
            return CASES
        if {"gen", "acc"} <= all_cases:
            verb_at = self._governing_verb(exp, ei)
            if verb_at is None or (verb_at > 0 and exp[verb_at - 1].key == "nie"):
                return _GEN_ORDER  # attribute of a noun, or object of a negated verb
            return _OBJECT_CASE_ORDER
        return CASES

    def _is_address(self, exp: list[Word], ei: int) -> bool:
        """Is the word set off by commas / at the edge of the sentence (Uwolnij go, wujku!)?"""
        before = ei == 0 or exp[ei].boundary_before
        after = ei == len(exp) - 1 or exp[ei + 1].boundary_before
        return before and after

    def _is_prep(self, word: str) -> bool:
        return any(r.pos == "prep" for r in self._morph.analyse(word))

    # -- public --------------------------------------------------------------------------
    def compare(
        self,
        expected: str | Sequence[str],
        answer: str,
        lang: ExplainIn = "en",
        *,
        learner_gender: LearnerGender | None = None,
        synonyms: Iterable[Sequence[str]] | None = None,
        slots: dict[str, SlotKind] | None = None,
        question: str | None = None,
        open_needs: Sequence[Sequence[str]] | None = None,
        slot_classes: dict[str, str | Sequence[str]] | None = None,
        kept_aspect: Sequence[str] | None = None,
    ) -> Comparison:
        options = [expected] if isinstance(expected, str) else list(expected)
        if not options:
            raise ValueError("expected must contain at least one accepted answer")
        keys = list(_keys(answer))
        options = _with_set_phrases(options, keys)
        for option in options:
            if list(_keys(option)) == keys and (
                learner_gender is None or self.regender(option, learner_gender, _SPEAKER) == option
            ):
                # word for word an accepted answer (case and punctuation aside)
                return Comparison(verdict="correct", expected=option, answer=answer, issues=())
        # (only an answer that opens with Tak, / Nie, needs to know the options' openings)
        openers = (
            {
                words[0].key
                for words in (self._words(o) for o in options)
                if _opens_with(words, *_YES_NO)
            }
            if keys and keys[0] in _YES_NO
            else set()
        )
        accept = Accept(
            synonyms=tuple(frozenset(w.lower() for w in group) for group in synonyms or ()),
            slots={word.lower(): kind for word, kind in (slots or {}).items()},
            learner_gender=learner_gender,
            # where the step's answers say Tak/Nie themselves, the learner's must be theirs: a
            # "Tak," where they all say "Tak," (or none) is the learner's own and may be added
            no_openers=_YES_NO if openers - set(keys[:1]) else frozenset(),
            question_verbs=self._question_verbs(question) if question else (),
            open_needs=tuple(tuple(group) for group in open_needs or ()),
            slot_classes={
                word.lower(): cls
                for word, spec in (slot_classes or {}).items()
                if (cls := noun_class(spec)) is not None
            },
            kept_aspect=frozenset(lemma.lower() for lemma in kept_aspect or ()),
        )
        accepted_options = list(options)
        facts = _AnswerFacts(answer, learner_gender)  # (this call's only: not shared)
        # (an accepted answer's word said in another form or misspelt, between the same words)
        slips = False
        best: tuple[tuple[float, int, int, int], Comparison] | None = None
        compared: list[Comparison] = []
        rank = 0
        elaborated: list[tuple[Comparison, float, frozenset[int]]] = []
        # (cost, answer words an accepted answer has otherwise: another form or word)
        flagged: list[tuple[float, frozenset[int]]] = []
        for option in options:
            # (a slip in each of the option's gendered variants: *Kupiłem* is no slip of
            # *Kupiłam* where the man's words are accepted too)
            option_slips: list[bool] = []
            for variant in self.gendered_options(option, learner_gender):
                variant_accept = self._slots_of_variant(option, variant, accept)
                comparison, cost, added = self.compare_one(
                    variant, answer, lang, variant_accept, facts
                )
                variant_keys = list(_keys(variant))
                if added is not None:
                    elaborated.append((comparison, cost, added))
                flagged.append(
                    (
                        cost,
                        frozenset(
                            i.position
                            for i in comparison.issues
                            if i.position is not None
                            and i.type not in ("extra_word", "missing_word")
                        ),
                    )
                )
                option_slips.append(_slipped(keys, comparison.issues, variant_keys))
                if comparison.issues and all(
                    i.type in ("inflection", "typo", "diacritics") for i in comparison.issues
                ):
                    # an accepted answer said word for word with a form wrong: the learner's
                    # words are its words (Czy to coś poważne? is "Czy to coś poważnego?", not
                    # "Czy to jest poważne?" with *coś* more)
                    option_keys = set(_keys(variant))
                    flagged.append(
                        (cost, frozenset(j for j, k in enumerate(keys) if k in option_keys))
                    )
                if (
                    comparison.issues
                    and all(i.type == "missing_word" for i in comparison.issues)
                    and any((i.expected or "").lower() in _NEVER_FREE for i in comparison.issues)
                ):
                    # a closer accepted answer with *nie* or *się* left out (… Niczego
                    # brakuje.): the learner said that one, not another with a clause more
                    flagged.append((cost, _ALL_WORDS))
                # a form of the same word, whatever else differs (W listopad … for
                # W listopadzie jest zimno i pada deszcz.)
                flagged.append(
                    (
                        0.0,
                        frozenset(
                            i.position
                            for i in comparison.issues
                            if i.position is not None
                            and i.type == "inflection"
                            # (not an adjective that agrees with the learner's own noun: *małymi
                            # walizkami* is no *małą walizkę* said wrong)
                            and not (i.rule is not None and i.rule.id == "agreement.adjective")
                            # (and only between the same words: *sto drzew* is no *posadzono
                            # drzewa* said wrong, *będzie wiał silny wiatr* no *będzie wiało.*)
                            and _same_neighbours(keys, i.position, variant_keys, i.expected)
                        ),
                    )
                )
                # on a tie, the accepted answer whose issues claim no aspect or tense (another
                # accepted answer has the learner's: *Remont będzie trwała* is *będzie trwał*
                # with the gender wrong, not "use the perfective potrwać"), then the one in the
                # learner's own word order
                key = (
                    _VERDICT_RANK[comparison.verdict] + cost,
                    sum(i.feature in ("aspect", "tense") for i in comparison.issues),
                    _out_of_order(variant, answer),
                    rank,
                )
                rank += 1
                compared.append(comparison)
                if best is None or key < best[0]:
                    best = (key, comparison)
                if comparison.verdict == "correct":
                    return comparison
            slips = slips or all(option_slips)
        assert best is not None
        said = self._member_said_otherwise(answer, accept)
        if said is not None:
            # a declared phrase with one of its words in another form (*dziesięć procent
            # rabat* for the member *dziesięć procent rabatu*): the member is what the step
            # expects, so its word's form is known (check cannot be sure: *rabat* is also
            # *rabata*'s genitive plural)
            comparison = self.compare_one(said, answer, lang, replace(accept, synonyms=()))[0]
            if comparison.verdict == "incorrect":
                return comparison
        for comparison, cost, added in elaborated:
            # not when a closer accepted answer says an added word otherwise (… i będzie
            # zimny: *zimno*; … spadnie do dziesięć stopni: *dziesięciu*), and only if the
            # free-text checker finds nothing wrong in the whole answer
            closer = any(c < cost and added & words for c, words in flagged)
            if not closer and self.sounds_right is not None and self.sounds_right(answer):
                return replace(comparison, verdict="correct", issues=())
        result = _extras_said_wrong(best[1], compared)
        reordered = [
            c
            for c in [result, *compared]
            if c.issues
            and all(i.type == "word_order" for i in c.issues)
            and len(keys) >= _REORDER_MIN_WORDS
            and _placed_words_kept(c.expected, answer)
            and self._same_verbs(c.expected, answer)
        ]
        if reordered and self.sounds_right is not None and self.sounds_right(answer):
            # the accepted answer's words in another order that is Polish (Co robili państwo …
            # for Co państwo robili …): a note, never a verdict of incorrect; not a moved
            # *nie*, *się*, preposition or clitic, whose place is grammar, nor a short set
            # phrase (*Dobry dzień* is no greeting). (Not always the closest accepted answer:
            # *Byłem w Zakopanem, w górach.* is nearer *W Zakopanem, w górach.* with a word
            # more than *Byłem w górach, w Zakopanem.* with two moved.)
            first = reordered[0]
            note = replace(first.issues[0], explanation=explain.another_order(first.expected, lang))
            return replace(first, verdict="acceptable", issues=(note,))
        if result.verdict == "incorrect" and accept.open_needs:
            unsigned = self._open.unsigned(answer)
            if unsigned is not None and any("@name" in group for group in accept.open_needs):
                # a closing signed with the learner's own name (*Z poważaniem, Mark Brown.*):
                # the closing is judged as the step's answers, the name is theirs
                rest = self.compare(
                    accepted_options,
                    unsigned,
                    lang,
                    learner_gender=learner_gender,
                    synonyms=synonyms,
                    slots=slots,
                    question=question,
                )
                return replace(rest, answer=answer)
            judged = self._open_answer(answer, accepted_options, accept, lang, result, slips)
            if judged is not None:
                return judged
        return self._outside_class(result, accept, lang)

    def prepare_expected(self, sentences: Iterable[str], questions: Iterable[str] = ()) -> int:
        """Work out ahead of time what ``compare`` remembers of accepted sentences alone (a
        course's expected answers and the words its steps accept for each other): the
        sentence in each learner's gender (or either), each variant's words, and what its
        words say at each place (the facts of ``_expected_facts``: its opening aside, which
        words a teacher does not require, each word's readings in context and how
        ``_inflection`` weighs them against another form of the same word, the lemma's forms
        by their spelling without Polish letters); and the when-questions' verbs of the
        tutor's ``questions``. Each value is what the first comparison would have computed
        and remembered (pure functions of the sentence), so the results are the same; a first
        learner's wrong answer then costs what a later learner's does. Returns the number of
        accepted sentences (in each gender) not met before."""
        done = 0
        for question in questions:
            self._question_verbs(question)
        genders: tuple[LearnerGender | None, ...] = (None, "feminine", "masculine")
        for sentence in sentences:
            _keys(sentence)
            variants: dict[str, None] = {}
            for gender in genders:
                said = tuple(self.gendered_options(sentence, gender))
                self._gendered_ahead[(sentence, gender)] = said
                variants.update(dict.fromkeys(said))
            for variant in variants:
                _keys(variant)
                done += self._prepare_words(self._words(variant))
        return done

    def _prepare_words(self, exp: list[Word]) -> bool:
        """``prepare_expected`` for one accepted sentence's words (as written: ``compare``
        adapts them towards an answer only where the answer says them otherwise); False if
        they were worked out before."""
        state = tuple([_word_state(w) for w in exp])
        if state in self._expected_ahead:
            return False
        # (what a comparison remembered of them before is kept: the same values)
        facts = self._expected_ahead[state] = self._expected_facts(state)
        if facts.opening is None:
            facts.opening = self._opening_aside(exp)
        for i, w in enumerate(exp):
            if i not in facts.repeated:
                facts.repeated[i] = self._repeated_preposition(exp, i)
            if i not in facts.alone:
                facts.alone[i] = self._optional_in_expected(exp, i)
            if i not in facts.kin:
                facts.kin[i] = self._my_before_kin_alone(exp, i)
            read = facts.read.get(i)
            if read is None:
                read = facts.read[i] = self._in_context(exp, i, self._grammar.everyday(w.text))
            # (another form of the same word, the learner's most frequent slip: the expected
            # word's readings of that lemma, as _inflection weighs them)
            for lemma in dict.fromkeys(r.lemma.lower() for r in read):
                said = tuple(r for r in read if r.lemma.lower() == lemma)
                if (i, said) not in facts.places and len(facts.places) <= _PLACES_KEPT:
                    facts.places[(i, said)] = self._place(exp, i, said)
            for r in self._grammar.usual(w.text):
                self._spellings(r.full_lemma)
        return True

    def says_what_is_asked(self, answer: str, needs: Sequence[Sequence[str]]) -> bool:
        """Does ``answer`` say one member of each group of an open step's ``needs``?"""
        return self._open.says(answer, needs)

    def _member_said_otherwise(self, answer: str, accept: Accept) -> str | None:
        """The answer with a declared phrase of several words put right, where it says the
        phrase with one noun inside it (not its head) in another form; None where it says
        none so."""
        tokens = tokenize(answer)
        keys = [t.key for t in tokens]
        for group in accept.synonyms:
            for member in group:
                words = list(_keys(member))
                if len(words) < 2:
                    continue
                for at in range(len(keys) - len(words) + 1):
                    window = keys[at : at + len(words)]
                    differ = [
                        j for j, (a, b) in enumerate(zip(window, words, strict=True)) if a != b
                    ]
                    if len(differ) != 1:
                        continue
                    j = differ[0]
                    if j == 0:
                        continue  # the phrase's head takes the sentence's case (poproszę
                        # herbatę z cytryną for herbata z cytryną); a word inside it is
                        # governed by the phrase's own words (procent rabatu)
                    # (a noun in another case: a verb's other tense may be the learner's
                    # own, *mówili, że* for the member *mówią, że*)
                    nouns = {
                        r.lemma.lower() for r in self._morph.analyse(words[j]) if r.pos == "subst"
                    }
                    if not nouns & self._lemmas(window[j]):
                        continue
                    token = tokens[at + j]
                    return (
                        answer[: token.start]
                        + _like_case(token.text, words[j])
                        + answer[token.end :]
                    )
        return None

    def _open_answer(
        self,
        answer: str,
        options: list[str],
        accept: Accept,
        lang: ExplainIn,
        nearest: Comparison,
        slips: bool,
    ) -> Comparison | None:
        """An open step's answer in the learner's own words (lesson YAML ``open``): correct
        when it says what the step asks (one of each declared group), the free-text checker
        finds nothing wrong, its content is said the Polish way (a date, an address), its
        verbs are in the step's persons and forms and it says no word of the step's answers
        otherwise (``slips``, ``_other_form``); refused with the content's or the checker's
        issues when it says what the step asks wrong; None (the nearest answer's verdict
        stands, naming the slip) otherwise."""
        if self.check_issues is None or not self._open.says(answer, accept.open_needs):
            return None
        issues = self.check_issues(answer, lang)
        content = self._open.content_issue(answer, lang)
        if content is not None:
            issues = (*issues, content)
        elif slips:
            return None
        if issues:
            return Comparison(
                verdict="incorrect", expected=nearest.expected, answer=answer, issues=issues
            )
        if (
            not self._open.verbs_fit(answer, options)
            or self._other_form(answer, options, accept)
            or self._open.in_doubt(answer)
        ):
            return None
        return Comparison(verdict="correct", expected=answer, answer=answer, issues=())

    def _other_form(self, answer: str, options: list[str], accept: Accept) -> bool:
        """Does the answer say a noun or adjective of the step's answers (or synonyms) in a
        form none of them has (*To była dla mnie przyjemności*, *ma być ładna*)? Then it is
        their words said wrong, which the nearest answer's comparison explains."""
        texts = [*options, *(member for group in accept.synonyms for member in group)]
        forms = {t.key for text in texts for t in tokenize(text)}
        lemmas = {key for form in forms for key in self._open_form_keys(form)}
        tokens = tokenize(answer)
        for at, token in enumerate(tokens):
            if token.key in forms or not self._open_form_keys(token.key) & lemmas:
                continue
            after = tokens[at + 1].key if at + 1 < len(tokens) else ""
            if self._governed_here(tokens, at, after):
                continue  # in the case the learner's own preposition governs (w zeszłym
                # tygodniu), which check judges
            if (
                after not in forms
                and any(r.pos == "adj" for r in self._morph.analyse(token.key))
                and any(r.pos == "subst" for r in self._morph.analyse(after))
            ):
                continue  # an adjective agreeing with a noun of the learner's own (w zeszłym
                # tygodniu for w zeszły poniedziałek)
            return True
        return False

    def _governed_here(self, tokens: Sequence[Token], at: int, after: str) -> bool:
        """Is the word at ``at`` a noun right after a preposition (or after an adjective
        right after one), or an adjective between a preposition and its noun, in a case the
        preposition takes?"""
        word = self._morph.analyse(tokens[at].key)
        nouns = [r for r in word if r.pos == "subst"]
        adjectives = [r for r in word if r.pos == "adj"]
        before = tokens[at - 1].key if at > 0 else ""
        if adjectives and any(r.pos == "subst" for r in self._morph.analyse(after)):
            heads, own = [before], adjectives
        elif nouns:
            heads = [before]
            if at > 1 and any(r.pos == "adj" for r in self._morph.analyse(before)):
                heads.append(tokens[at - 2].key)
            own = nouns
        else:
            return False
        cases = {
            c
            for head in heads
            for r in self._morph.analyse(head)
            if r.pos == "prep"
            for c in r.case
        }
        return any(r.case & cases for r in own)

    def _open_form_keys(self, form: str) -> set[str]:
        """A noun's, adjective's or adverb's lemma, and an adjective's or adverb's stem (so
        *ładna* is *ładnie*'s word: ~ładn)."""
        keys: set[str] = set()
        for r in self._morph.analyse(form):
            if r.pos not in _OPEN_FORM_POS:
                continue
            lemma = r.lemma.lower()
            keys.add(lemma)
            if r.pos == "adj" and lemma[-1:] in ("y", "i"):
                keys.add("~" + lemma[:-1])
            elif r.pos == "adv":
                keys.add("~" + (lemma[:-2] if lemma.endswith("ie") else lemma[:-1]))
        return keys

    def _outside_class(self, result: Comparison, accept: Accept, lang: ExplainIn) -> Comparison:
        """A noun said where a slot of a class stands (*zajmuję się domem* for a sport) is
        told what the step asks for, not that it is another word."""
        if result.verdict != "incorrect" or not accept.slot_classes:
            return result
        issues = list(result.issues)
        for n, issue in enumerate(issues):
            cls = accept.slot_classes.get((issue.expected or "").lower())
            if cls is None or issue.type != "wrong_word" or issue.got is None:
                continue
            readings = [r for r in self._morph.analyse(issue.got) if r.pos in ("subst", "ger")]
            if readings and not any(r.lemma.lower() in cls.lemmas for r in readings):
                text = outside_class(issue.got, issue.expected or "", cls, lang)
                issues[n] = replace(issue, explanation=text)
        return replace(result, issues=tuple(issues))

    def _same_verbs(self, expected: str, answer: str) -> bool:
        """Every word keeps the verb it belongs to (the nearest before it, or after it when
        none is before): *Siedzę na gitarze i gram* moves *na gitarze* from *gram* to
        *siedzę*; *Co robili państwo* keeps *państwo* with *robili*."""

        def pairs(text: str) -> Counter[tuple[str, str]]:
            words = words_of(text, tokenize(text))
            keys = [w.key for w in words]
            part = list(itertools.accumulate(int(w.boundary_before) for w in words))
            verbs = [
                k
                for k, key in enumerate(keys)
                if any(r.pos in _VERBAL for r in self._morph.analyse(key))
            ]
            verbal_parts = sorted({part[v] for v in verbs})
            out: Counter[tuple[str, str]] = Counter()
            for k, key in enumerate(keys):
                if k in verbs or key in _JOINERS:
                    continue  # (a joining word goes with no verb: the clauses may swap)
                # its clause's verbs (between commas); a phrase of its own between commas
                # (*…, przez las*) goes with the clause before it, or else the one after it
                home, gapped = part[k], ""
                if home not in verbal_parts:
                    earlier = [p for p in verbal_parts if p < home]
                    later = [p for p in verbal_parts if p > home]
                    # (a clause of its own with its verb left out, *…, a wieczorem herbatę*,
                    # is not the same as the clause before: *Wieczorem piję kawę, a rano
                    # herbatę* says another thing)
                    gapped = "+" if keys[part.index(home)] in _JOINERS else ""
                    home = earlier[-1] if earlier else (later[0] if later else home)
                own = [v for v in verbs if part[v] == home]
                before = [v for v in own if v < k]
                if len(own) > 1 and not before and part[k] == home:
                    # a word before the first of two verbs joined in one clause (*Wieczorem*
                    # in *Wieczorem poszliśmy … i przeszliśmy się …*) goes with both
                    out[(key, "^")] += 1
                    continue
                owner = before[-1] if before else next((v for v in own if v > k), None)
                out[(key, (keys[owner] if owner is not None else "") + gapped)] += 1
            return out

        return pairs(expected) == pairs(answer)

    def _slots_of_variant(self, option: str, variant: str, accept: Accept) -> Accept:
        """A slot keeps its kind when the learner's gender changes its word (*lekarzem* →
        *lekarką* is still the learner's own job)."""
        if variant == option or not accept.slots:
            return accept
        before = self._words(option)
        after = self._words(variant)
        if len(before) != len(after):
            return accept
        slots = dict(accept.slots)
        for b, a in zip(before, after, strict=True):
            if b.key in accept.slots and a.key != b.key:
                slots[a.key] = accept.slots[b.key]
        return replace(accept, slots=slots)

    def gendered_options(self, sentence: str, gender: LearnerGender | None) -> list[str]:
        """The sentence as the learner says it: for a woman (man) with feminine (masculine)
        forms of what she (he) says of herself; without a gender given, either."""
        key = (sentence, gender)
        cached = self._gendered_ahead.get(key) or self._gendered_of.get(key)
        if cached is None:
            wanted: tuple[LearnerGender, ...] = (gender,) if gender else ("masculine", "feminine")
            out: list[str] = [] if gender else [sentence]
            for to in wanted:
                text = self.regender(sentence, to, _SPEAKER)
                if text not in out:
                    out.append(text)
            # (the person the learner speaks to keeps the accepted answer's gender: in a
            # lesson it is a character's, Michał's or Zosia's)
            cached = tuple(out)
            if len(self._gendered_of) > _GENDERED_KEPT:
                self._gendered_of.clear()
            self._gendered_of[key] = cached
        return list(cached)

    def both_genders(self, sentence: str, persons: frozenset[str]) -> str:
        """``sentence`` with each form that depends on the learner's gender given both ways,
        masculine first: *Gdzie byłeś (byłaś) wczoraj?*"""
        words = words_of(sentence, tokenize(sentence))
        masculine = self._variants.gendered(words, "masculine", persons)
        feminine = self._variants.gendered(words, "feminine", persons)
        both: dict[int, str] = {}
        for i, w in enumerate(words):
            m = masculine.get(i, w.text)
            f = feminine.get(i, w.text)
            if m != f:
                both[i] = f"{m} ({f[:1].lower() + f[1:]})"
        if not both:
            return sentence
        return _rebuild(
            sentence, [w.replaced(both[i]) if i in both else w for i, w in enumerate(words)]
        )

    def _words(self, text: str) -> list[Word]:
        """The sentence's words (remembered: accepted answers repeat; words are never changed
        in place, only replaced)."""
        cached = self._words_cache.get(text)
        if cached is None:
            cached = tuple(words_of(text, tokenize(text)))
            if len(self._words_cache) > 50_000:
                self._words_cache.clear()
            self._words_cache[text] = cached
        return list(cached)

    def regender(self, sentence: str, to: LearnerGender, persons: frozenset[str]) -> str:
        """``sentence`` with the forms about the speaker (pri) or the addressee (sec) in the
        gender ``to`` (accepted answers repeat: remembered)."""
        key = (sentence, to, persons)
        cached = self._regendered.get(key)
        if cached is None:
            cached = self._regender(sentence, to, persons)
            if len(self._regendered) > 50_000:
                self._regendered.clear()
            self._regendered[key] = cached
        return cached

    def _regender(self, sentence: str, to: LearnerGender, persons: frozenset[str]) -> str:
        words = self._words(sentence)  # (the same words: its two genders, then compare_one)
        changes = self._variants.gendered(words, to, persons)
        if not changes:
            return sentence
        return _rebuild(
            sentence, [w.replaced(changes[i]) if i in changes else w for i, w in enumerate(words)]
        )


class _AnswerFacts:
    """What an answer's words alone say (its opening aside, which of its words a teacher
    accepts added by what its own words say), worked out once for its comparisons with a
    step's accepted sentences in one ``compare`` call: pure functions of the answer's words
    and the learner's gender, both in it. Never shared between calls (nor threads)."""

    __slots__ = ("alone", "answer", "gender", "opening", "repeated")

    def __init__(self, answer: str = "", gender: LearnerGender | None = None) -> None:
        self.answer = answer
        self.gender = gender
        self.opening: int | None = None
        self.alone: dict[int, bool] = {}
        self.repeated: dict[int, bool] = {}  # see _repeated_preposition


class _ExpectedFacts:
    """What an accepted sentence's words (as adapted) say alone: its opening aside, which
    of its words a teacher does not require by what they say, which repeat a preposition.
    Filled as asked; each value a pure function of the words (see _expected_facts)."""

    __slots__ = ("alone", "kin", "opening", "places", "read", "repeated")

    def __init__(self) -> None:
        self.opening: int | None = None
        self.alone: dict[int, bool] = {}
        self.repeated: dict[int, bool] = {}
        self.kin: dict[int, bool] = {}  # see _my_before_kin_alone
        # see _inflection: a place's readings in context, and (place, readings) → _place
        self.read: dict[int, tuple[Reading, ...]] = {}
        self.places: dict[tuple[int, tuple[Reading, ...]], _Place] = {}


_UNKNOWN = object()  # (a memo's "not remembered": None is a remembered value)
_GENDERED_KEPT = 8192  # (accepted sentence, learner's gender) whose variants are remembered
_PLACES_KEPT = 256  # (place, readings) of one accepted sentence whose _place is remembered
# see Comparer._place: the likely readings, their rule, a verb in the clause, the case order
_Place = tuple[tuple[Reading, ...], Requirement, bool, tuple[str, ...]]
_COSTS_KEPT = 200_000  # pairs of words whose substitution costs are remembered
_NO_COSTS: dict[str, float] = {}  # (a row not remembered: never written to)
# a step's one-word synonym groups, all their members, its groups with a phrase in them (see
# Comparer._word_groups)
_Groups = tuple[tuple[frozenset[str], ...], frozenset[str], tuple[frozenset[str], ...]]
_EXPECTED_KEPT = 4096  # accepted sentences (as adapted) whose facts are remembered
_CLASSIFIED_CONTEXTS = 4096  # accepted answers (as adapted) whose issues are remembered
_CLASSIFIED_PER_CONTEXT = 512  # learner's words remembered at the places of one context


def _word_state(w: Word) -> tuple[object, ...]:
    """Every field of a word (what ``_classify`` may read of it)."""
    return (w.text, w.key, w.plain, w.boundary_before, w.start, w.end, w.orig, w.glue)


def _accept_state(accept: Accept) -> tuple[object, ...]:
    """Every field of what a step accepts, hashable (dicts as their items, in their order)."""
    return (
        accept.synonyms,
        tuple(accept.slots.items()),
        accept.learner_gender,
        accept.no_openers,
        accept.question_verbs,
        accept.open_needs,
        tuple(accept.slot_classes.items()),
        accept.kept_aspect,
    )


_ALL_WORDS = frozenset(range(1000))  # every answer position (a closer answer it all falls under)
_VERDICT_RANK: dict[Verdict, float] = {"correct": 0.0, "acceptable": 0.0, "incorrect": 0.0}


def _same_word(re_: Reading, rg: Reading, g_read: Sequence[Reading]) -> bool:
    """Is ``rg`` a form of the same word as ``re_`` (not of a homonym: *cukra* is a form of
    *cukier* the man, not of *cukier* the sugar)?"""
    if rg.full_lemma == re_.full_lemma:
        return True
    if re_.pos in ("subst", "depr") and rg.pos in ("subst", "depr"):
        return False  # a homonym noun of another gender: its forms are not this word's
    return not any(r.full_lemma == re_.full_lemma for r in g_read)


def _numeral_gender_fits(num: Reading, noun: Reading) -> bool:
    if not num.gender or not noun.gender:
        return True
    if (
        "pl" in noun.number
        and len(noun.number) == 1
        and ("m1" in noun.gender) != ("m1" in num.gender)
    ):
        return False
    return bool(num.gender & noun.gender)


# Closed classes have few, frequent forms shared across lemmas: never judged unused.
_CLOSED = frozenset(
    {"prep", "conj", "comp", "qub", "part", "ppron12", "ppron3", "siebie", "num", "adv", "interj"}
    | {"bedzie", "winien", "pred", "aglt"}
)
_SPEAKER = frozenset({"pri"})
# Words that may be optional in an answer or an accepted one (see _optional_*_words).
# what opens an opinion (*Moim zdaniem …*, *Myślę, że …*): one stands for another, or none
_OPINION_FRAMERS: tuple[tuple[str, ...], ...] = (
    ("wydaje", "mi", "się", "że"),
    ("mam", "wrażenie", "że"),
    ("jestem", "pewien", "że"),
    ("jestem", "pewna", "że"),
    ("moim", "zdaniem"),
    ("według", "mnie"),
    ("myślę", "że"),
    ("uważam", "że"),
    ("sądzę", "że"),
    ("chyba",),
)


_FRAMER_OPENINGS = frozenset(framer[0] for framer in _OPINION_FRAMERS)  # (none is empty)


def _framer_span(words: Sequence[Word]) -> range:
    """The opinion framer that opens ``words`` (after a *Tak,* / *Nie,* of its own), if any,
    with something after it."""
    start = 1 if len(words) > 1 and words[0].key in _YES_NO and words[1].boundary_before else 0
    if start >= len(words) or words[start].key not in _FRAMER_OPENINGS:
        return range(0)  # (no framer opens with this word, or there is none)
    keys = tuple(w.key for w in words[start : start + 4])
    for framer in _OPINION_FRAMERS:
        end = start + len(framer)
        if keys[: len(framer)] == framer and end < len(words):
            return range(start, end)
    return range(0)


def _opinion_framer(words: Sequence[Word], other: Sequence[Word]) -> range:
    """``words``' opening framer when ``other`` opens with another one or none: a teacher takes
    *Myślę, że …* for *Moim zdaniem …* and either for the opinion said plainly."""
    mine = _framer_span(words)
    if not mine:
        return mine
    # not when the other says it too, even in another form (*Wydaje mnie się, że*: compared)
    keys = {w.key for w in words[mine.start : mine.stop]} - {"że"}
    stems = {k[:4] for k in keys}
    theirs = _framer_span(other)
    rest = [w for i, w in enumerate(other) if i not in theirs]
    if any(w.key in keys or w.key[:4] in stems for w in rest):
        return range(0)
    if theirs and [w.key for w in words[mine.start : mine.stop]] == [
        w.key for w in other[theirs.start : theirs.stop]
    ]:
        return range(0)
    return mine


# family words before which *mój* may be left out
_KIN = frozenset(
    {"mama", "tata", "matka", "ojciec", "brat", "siostra", "syn", "córka", "żona", "mąż"}
    | {"babcia", "dziadek", "wujek", "ciocia", "rodzic", "dziadkowie", "rodzina", "kuzyn"}
    | {"kuzynka", "teść", "teściowa", "wnuk", "wnuczka", "rodzeństwo", "dziecko"}
)
_MAYBE_OPTIONAL = frozenset(
    {"ja", "ty", "on", "ona", "ono", "my", "wy", "oni", "one", "tak", "nie", "czy", "a", "bardzo"}
    | {"proszę", "dziękuję", "dzięki", "poproszę", "przepraszam", "jest", "tu", "tutaj", "teraz"}
    | {"dzisiaj", "dziś", "właśnie", "naprawdę", "pani", "pana", "panu", "panie", "godzinie"}
    | {"godzina", "godziny", "godzinę", "jeden", "jedna", "jedno", "jedną", "jednego", "jednej"}
)
_THIRD_PERSON = frozenset({"on", "ona", "ono", "oni", "one"})
# unstressed object pronouns, which go before or after their verb
_OBJECT_CLITICS = frozenset({"go", "ją", "je", "ich", "mu", "jej", "im", "mi", "ci", "cię"})
# a 3rd-person object pronoun and the nouns it can stand for
_OBJECT_PRONOUNS: dict[str, Callable[[Reading], bool]] = {
    "go": lambda r: r.number == frozenset({"sg"}) and bool(r.gender - {"f"}),
    "ją": lambda r: r.number == frozenset({"sg"}) and r.gender == frozenset({"f"}),
    "je": lambda r: (
        (r.number == frozenset({"sg"}) and r.gender == frozenset({"n"}))
        or (r.number == frozenset({"pl"}) and "m1" not in r.gender)
    ),
    "ich": lambda r: r.number == frozenset({"pl"}),
}


def _pronoun_fits(pronoun: str, noun: Reading) -> bool:
    if pronoun in ("oni", "one"):
        return "pl" in noun.number and (("m1" in noun.gender) == (pronoun == "oni"))
    if "sg" not in noun.number:
        return False
    want = {"on": {"m1", "m2", "m3"}, "ona": {"f"}, "ono": {"n"}}[pronoun]
    return bool(noun.gender & want)


def _not_everything(words: Sequence[Word], optional: set[int]) -> set[int]:
    """Optional words, but never all of a sentence: "Przepraszam." is not "Dziękuję."."""
    if len(optional) < len(words):
        return optional
    return set()


# Prefixes that make a perfective from an imperfective (pić → wypić, pakować → spakować).
_PERFECTIVE_PREFIXES = (
    "prze",
    "przy",
    "roz",
    "pod",
    "nad",
    "wy",
    "po",
    "za",
    "na",
    "do",
    "od",
    "ob",
    "ze",
    "z",
    "s",
    "u",
    "o",
    "w",
)


_PERFECTIVE_PREFIX_SET = frozenset(_PERFECTIVE_PREFIXES)  # (the same prefixes, hashed)


def _prefixed_pair(a: str, b: str) -> bool:
    """Is one verb the other with a perfectivising prefix (*malować* / *pomalować*)? The
    aspects are checked by the caller from Morfeusz's readings."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if not long_.endswith(short) or len(short) < 4:
        return False
    return long_[: len(long_) - len(short)] in _PERFECTIVE_PREFIX_SET


def _original(words: Sequence[Word], at: int | None) -> str | None:
    """The word at ``at`` as the accepted answer had it (before digits or a synonym)."""
    return words[at].orig if at is not None else None


def _opens_with(words: Sequence[Word], *keys: str) -> bool:
    """Does the sentence open with *Tak,* / *Nie,* (one of ``keys``, then a comma)?"""
    return (
        len(words) > 1
        and words[0].key in keys
        and words[0].key in _YES_NO
        and words[1].boundary_before
    )


# words whose adding or leaving out changes what is said
# an open step's answer says these words in a form the step's answers have (or new ones)
_OPEN_FORM_POS = frozenset({"subst", "adj", "adja", "adjp", "adv"})
_NEVER_FREE = frozenset({"nie", "się", "ani", "bez", "tylko", "już", "jeszcze", "nigdy"})
# words that change what is said, not add a detail to it
_NOT_A_DETAIL = frozenset(
    {"nigdzie", "wcale", "zawsze", "tam", "tu", "tutaj", "żaden", "żadna", "żadne", "żadnej"}
    | {"sam", "sama", "samo", "tylko", "znowu", "nawet", "mniej", "więcej", "za"}
    | {"jeden", "jedna", "jedno", "inny", "inna", "inne", "każdy", "wszyscy", "wszystko"}
    | {"często", "rzadko", "czasem", "czasami", "codziennie", "nigdy", "ciągle", "wciąż"}
    | {"jednak", "jednocześnie", "natomiast", "zatem", "więc"}
)
# words that say how the speaker sees the whole clause, so may open it after a comma
_SENTENCE_ADVERBS = frozenset(
    {"niestety", "chyba", "raczej", "zwykle", "zazwyczaj", "naprawdę", "oczywiście", "pewnie"}
    | {"może", "teraz", "dzisiaj", "dziś", "właśnie"}
)
# the person spoken to, as the one thanked, helped or written to
_ADDRESSEE = frozenset(
    {"panu", "pani", "państwu", "państwa", "pana", "wam", "was", "ci", "tobie", "cię", "ciebie"}
)
# knowing, hearing or saying: "Wiem, …", "Słyszałam. …", "Mówili, że …"
_FRAMING_VERBS = frozenset({"wiedzieć", "słyszeć", "usłyszeć", "mówić", "rozumieć"})
# agreeing before the answer proper
_ACKNOWLEDGEMENTS = frozenset({"dobrze", "jasne", "oczywiście", "pewnie", "okej", "ok"})
# "also": it adds the phrase after it to what was said before
_FOCUS_PARTICLES = frozenset({"też", "również", "także"})
# how much more, before a comparative (dużo taniej)
_BY_HOW_MUCH = frozenset({"dużo", "znacznie", "trochę", "nieco", "sporo"})
# determiners a teacher lets a learner leave out before their noun
_DETERMINERS = frozenset({"ten", "swój"})  # (mój, twój …: whose it is may be the point)
# words that open a clause of its own
_CLAUSE_JOINERS = frozenset(
    {"a", "ale", "bo", "i", "więc", "że", "lecz", "oraz", "kiedy", "gdy", "jeśli", "ponieważ"}
)


def _count(words: Sequence[Word], key: str) -> int:
    return sum(w.key == key for w in words)


def _runs(indices: list[int]) -> list[list[int]]:
    """Consecutive indices grouped: [1, 2, 5] → [[1, 2], [5]]."""
    out: list[list[int]] = []
    for i in indices:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _verdict(issues: tuple[Issue, ...]) -> Verdict:
    if not issues:
        return "correct"
    if all(i.type == "diacritics" for i in issues):
        return "acceptable"
    return "incorrect"


_FULL_COST_CELLS = 3_000  # beyond this (very long texts) use a cheap similarity


def _cheap_cost(e: Word, a: Word) -> float:
    if e.key == a.key:
        return 0.0
    if e.plain == a.plain:
        return DIACRITICS_COST
    if e.plain[:4] == a.plain[:4] and abs(len(e.plain) - len(a.plain)) <= 3:
        return INFLECTION_COST
    return WRONG_BASE_COST + 0.2


def _gender_value(r: Reading, prefer: frozenset[str], picked: str) -> str:
    """Gender as NKJP writes it where the form does not narrow it: "m1.m2.m3" (any masculine)
    in the singular, "m2.m3.f.n" (non-masculine-personal) in the plural."""
    values = r.gender
    if "pl" in r.number and len(r.number) == 1:
        if "m1" in values and len(values) == 1:
            return "m1"
        if {"m2", "m3", "f", "n"} <= values:
            return "m2.m3.f.n"
    if values & _MASCULINE == _MASCULINE and not (prefer and len(prefer & _MASCULINE) == 1):
        return "m1.m2.m3"
    return picked


_MASCULINE = frozenset({"m1", "m2", "m3"})


def _partner_desc(
    partner: Reading, re_: Reading, rg: Reading, diffs: list[str], *, numeral: bool = False
) -> tuple[str, ...]:
    """What the learner must match in the word agreed with: its gender, number and case (a
    numeral's noun by its own gender: *dwie* siostry, feminine; *dwa* jabłka, neuter)."""
    out: list[str] = []
    number = (
        _pick(partner.number & re_.number or partner.number, "number") if partner.number else None
    )
    genders = partner.gender & re_.gender or partner.gender
    if "gender" in diffs and partner.gender and re_.gender and not partner.gender & re_.gender:
        # the partner read in a gender the expected form has not (*Szary*, also a woman's
        # surname, before *droższy*): the expected form's own gender is named
        own = _gender_value(re_, frozenset(), _pick(re_.gender, "gender"))
        out.append(f"gender:{'sg' if numeral else number or 'sg'}/{own}")
    elif "gender" in diffs and partner.gender:
        # (both masculine genders the agreeing form fits, *mój sport*: masculine, no more)
        g = "m1.m2.m3" if {"m2", "m3"} <= genders else _pick(genders, "gender")
        out.append(f"gender:{'sg' if numeral else number or 'sg'}/{g}")
    elif "number" in diffs and number == "sg" and not numeral and len(genders) == 1:
        # *nowe samochód*, *Całe rodzina*: the -e form is a neuter singular too, so the noun's
        # gender is named with its number (masculine inanimate, singular), not the number alone
        out.append(f"gender:sg/{next(iter(genders))}")
    elif "number" in diffs and number == "sg" and not numeral and genders == {"m2", "m3"}:
        out.append("gender:sg/m1.m2.m3")  # *Moje ulubione sport*: masculine, singular
    elif (
        "number" in diffs
        and number == "pl"
        and not numeral
        and genders
        and (genders == {"m1"} or "m1" not in genders)
    ):
        # *Ten studenci* → *Ci*: a plural's form is the masculine personal one or the other,
        # so that is named with the number (masculine personal, plural)
        out.append(f"gender:pl/{_pick(genders, 'gender')}")
    if "number" in diffs and number:
        out.append(f"number:{number}")
    cases = partner.case & re_.case or partner.case
    if "case" in diffs and len(cases) == 1:
        # named only when it is one: *brata*, *żywiciela* are Genitive or Accusative
        out.append(f"case:{next(iter(cases))}")
    return tuple(out)


# Set phrases that open a reply and say the same (the reply to thanks; a reassurance): an
# accepted answer opening with one of the first may open with any of the second instead.
# (*Proszę bardzo* is also "here you are", so it is only ever put in, never replaced.)
_SET_PHRASES: tuple[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], ...] = (
    (
        (("nie", "ma", "za", "co"), ("nie", "ma", "sprawy"), ("drobiazg",)),
        (
            ("nie", "ma", "za", "co"),
            ("nie", "ma", "sprawy"),
            ("drobiazg",),
            ("proszę", "bardzo"),
            ("nie", "ma", "problemu"),
        ),
    ),
    (
        (("spokojnie",), ("nie", "martw", "się")),
        (("spokojnie",), ("nie", "martw", "się"), ("nie", "przejmuj", "się")),
    ),
)


def _with_set_phrases(options: list[str], keys: list[str]) -> list[str]:
    """The accepted answers, and where the learner's answer opens with another set phrase of
    the same meaning than one opening an accepted answer (before a comma or the sentence's
    end), that answer with the learner's phrase: *Nie ma sprawy. Razem jest łatwiej!* for
    *Nie ma za co. Razem jest łatwiej!*, *Nie martw się, nie zapomnę* for *Spokojnie, …*."""
    out = list(options)
    for replaced, said in _SET_PHRASES:
        mine = next((p for p in said if tuple(keys[: len(p)]) == p), None)
        if mine is None:
            continue
        for option in options:
            words = tokenize(option)
            for phrase in replaced:
                n = len(phrase)
                if phrase == mine or tuple(t.key for t in words[:n]) != phrase:
                    continue
                rest = option[words[n - 1].end :]
                if rest[:1] not in (",", ".", "!", "?", ""):
                    continue  # (not *Nie ma za co dziękować*: the phrase must end there)
                text = " ".join(mine)
                out.append(text[:1].upper() + text[1:] + rest)
    return out


def _same_neighbours(keys: list[str], at: int, other: list[str], word: str | None) -> bool:
    """Does ``other`` have ``word`` between the same two words (or sentence ends) as the
    answer has its word at ``at``?"""
    if word is None:
        return False
    around = (keys[at - 1] if at > 0 else "", keys[at + 1] if at + 1 < len(keys) else "")
    target = word.lower()
    return any(
        key == target
        and (other[j - 1] if j > 0 else "", other[j + 1] if j + 1 < len(other) else "") == around
        for j, key in enumerate(other)
    )


def _slipped(keys: list[str], issues: Sequence[Issue], other: list[str]) -> bool:
    """Did the answer say a word of the accepted answer ``other`` in another form, misspelt or
    without its *się* / *nie* (an open step's answer is then that answer said wrong, not the
    learner's own words): a word beside one of the answer's own neighbours of it (*wszystko
    jasny* for *wszystko jasne*, *Z poważanie* for *Z poważaniem*), or a *się* or *nie* the
    only difference."""
    if issues and all(
        i.type in ("missing_word", "extra_word")
        and ((i.expected or i.got or "").lower() in ("się", "nie"))
        for i in issues
    ):
        return True
    for issue in issues:
        if issue.position is None or issue.type not in ("inflection", "typo", "diacritics"):
            continue
        if issue.feature in ("aspect", "tense") or issue.expected is None:
            continue
        at, word = issue.position, issue.expected.lower()
        left = keys[at - 1] if at > 0 else None
        right = keys[at + 1] if at + 1 < len(keys) else None
        if issue.rule is not None and issue.rule.id == "agreement.adjective":
            left = None  # an adjective agrees with the noun after it: *w zeszłym tygodniu*
        for j, key in enumerate(other):
            if key != word:
                continue
            if left is not None and j > 0 and other[j - 1] == left:
                return True
            if right is not None and j + 1 < len(other) and other[j + 1] == right:
                return True
    return False


def _placed_words_kept(expected: str, answer: str) -> bool:
    """Each *nie*, *się*, clitic and preposition of the answer stands before the word it
    stands before in the accepted answer (*Lubię nie kawy* moves *nie* off its verb)."""
    exp = [t.key for t in tokenize(expected)]
    pairs = set(zip(exp, exp[1:], strict=False))
    ans = [t.key for t in tokenize(answer)]
    return all(
        (word, after) in pairs
        for word, after in zip(ans, [*ans[1:], ""], strict=True)
        if word in _PLACED_WORDS
    )


def _extras_said_wrong(best: Comparison, compared: Sequence[Comparison]) -> Comparison:
    """Words the closest accepted answer does not have, which another accepted answer has in
    another form, are that form said wrong, not words to leave out: *W listopad jest zimno.*
    for *Jest zimno.* or *W listopadzie jest zimno i pada deszcz.* is "listopad →
    listopadzie", not "*W* and *listopad* are not needed"."""
    extra = {i.position for i in best.issues if i.type == "extra_word" and i.position is not None}
    if not extra:
        return best
    kept = [i for i in best.issues if not (i.type == "extra_word" and i.position in extra)]
    # answer words that another accepted answer has as they are
    said_right = {p for p in extra if any(all(i.position != p for i in c.issues) for c in compared)}
    for other in compared:
        if other is best:
            continue
        at = {i.position: i for i in other.issues if i.position in extra}
        forms = [i for i in at.values() if i.type in ("inflection", "typo", "diacritics")]
        if len(forms) != len(at):
            continue  # (an extra word there too, or another word: not the same words)
        if any(i.feature == "gender" and i.position in said_right for i in forms):
            # the other gender's form of an accepted answer that has the learner's word as
            # written (*Byłem* where *Byłem w górach …* is accepted): not "use *Byłam*"
            continue
        if not forms and not kept:
            continue  # nothing else wrong: whether the blend is right is not this one's to say
        # (words it has as they are: no "not needed" for *z tobą* in *Nie zgadzam z tobą*,
        # which *Nie zgadzam się z tobą …* has; what is wrong is the missing *się*)
        issues = tuple(sorted([*kept, *forms], key=lambda i: i.position or 0))
        return replace(best, issues=issues)
    return best


def _rebuild(text: str, words: Sequence[Word]) -> str:
    """``text`` with its words replaced by ``words``' texts (punctuation and spacing kept)."""
    out: list[str] = []
    cursor = 0
    for w in words:
        if w.start >= 0:
            out.append(text[cursor : w.start])
            out.append(w.text)
            cursor = w.end
        else:
            out.append(w.glue + w.text)
    out.append(text[cursor:])
    return "".join(out)


_Z_W = frozenset({"z", "ze", "w", "we"})  # the prepositions written in two forms


def _preposition_forms_written(exp: list[Word], ans: list[Word]) -> list[Word]:
    """*we środę* for *w środę*, *ze żoną* for *z żoną*: where both forms of z/w are written
    before a word, the learner's form stands in the expected sentence."""
    if not any(w.key in _Z_W for w in exp[:-1]):
        return list(exp)
    said = {(a.key, b.key) for a, b in zip(ans, ans[1:], strict=False)}
    out = list(exp)
    for i in range(len(out) - 1):
        key, nxt = out[i].key, out[i + 1]
        if key not in _Z_W or preposition_form(key, nxt.text) is not None:
            continue
        other = key + "e" if len(key) == 1 else key[0]
        if (other, nxt.key) in said and (key, nxt.key) not in said:
            out[i] = out[i].swapped(_like_case(out[i].text, other))
    return out


def _preposition_before(words: list[Word], i: int) -> None:
    """*w piątek* with *wtorek* for *piątek* is *we wtorek*: the preposition before a swapped
    word takes the form the new word asks."""
    if i == 0 or words[i - 1].key not in ("z", "ze", "w", "we"):
        return
    want = preposition_form(words[i - 1].key, words[i].text)
    if want is not None and want != words[i - 1].key:
        words[i - 1] = words[i - 1].swapped(_like_case(words[i - 1].text, want))


def _like_case(template: str, form: str) -> str:
    """``form`` capitalised like ``template``'s first letter."""
    if template[:1].isupper() and not form[:1].isupper():
        return form[:1].upper() + form[1:]
    if template[:1].islower() and form[:1].isupper() and form[1:2].islower():
        return form
    return form


def _typo_limit(length: int) -> int:
    if length <= 3:
        return 1
    if length <= 7:
        return 1 if length <= 4 else 2
    return 2 if length <= 12 else 3


def _agrees(a: Reading, b: Reading) -> bool:
    return bool(
        a.case & b.case
        and (not a.number or not b.number or a.number & b.number)
        and (not a.gender or not b.gender or a.gender & b.gender)
    )


def _out_of_order(expected: str, answer: str) -> int:
    """How many of the answer's words are not in the expected sentence's order (the answer's
    length less the longest common subsequence of the two, Polish letters aside)."""
    a = _plain_keys(answer)
    # (RapidFuzz's longest common subsequence of the two lists of words, in C++)
    return len(a) - int(LCSseq.similarity(a, _plain_keys(expected)))


@lru_cache(maxsize=8192)
def _keys(text: str) -> tuple[str, ...]:
    """The text's words, lower case (a pure function of the text: the accepted answers come
    again with every answer)."""
    return tuple(t.key for t in tokenize(text))


@lru_cache(maxsize=8192)
def _plain_keys(text: str) -> tuple[str, ...]:
    """The text's words, lower case, without Polish letters (a pure function of the text:
    the accepted answers come again with every answer)."""
    return tuple(strip_diacritics(key) for key in _keys(text))


def missing_letters(expected: str, got: str) -> list[str]:
    """The Polish letters ``expected`` has where ``got`` has none (all of them if none is
    missing in place)."""
    out: list[str] = []
    for ce, cg in zip(expected.lower(), got.lower(), strict=False):
        if ce != cg and ce not in out and ce in "ąćęłńóśźż":
            out.append(ce)
    if not out:
        out = diacritic_letters(expected)
    return out


def _addressee_cases(verb_cases: frozenset[str]) -> frozenset[str]:
    """The case a verb names the person it is done for in: the dative where it takes one
    (*prześlę go panu*: the accusative is the thing sent, not *go pana prześlę*), else the
    accusative (*przepraszam pana*)."""
    if "dat" in verb_cases:
        return frozenset({"dat"})
    return verb_cases & {"acc"}


def _sort_pos(ops: list[_Op], op: _Op) -> int:
    """Expected-side index just before an inserted answer word (for ordering issues)."""
    last = -1
    for o in ops:
        if o is op:
            break
        if o.ei >= 0:
            last = o.ei + (1 if o.kind == "swap" else 0)
    return last


@lru_cache(maxsize=8192)  # (a pure function of the member: a step's groups come again)
def _phrase_keys(member: str) -> tuple[str, ...]:
    """The words of a declared synonym (*Mówią, że* → mówią, że), lower-case."""
    return tuple(w.lower() for w in re.findall(r"\w+", member))


def _phrase_runs(
    keys: Sequence[str], members: Sequence[tuple[str, ...]]
) -> list[tuple[int, tuple[str, ...]]]:
    """(start, member) for each place a member stands in ``keys``, the longest member first
    (one inside a longer one found there is not counted)."""
    taken: set[int] = set()
    out: list[tuple[int, tuple[str, ...]]] = []
    for member in sorted(set(members), key=len, reverse=True):
        n = len(member)
        for i in range(len(keys) - n + 1):
            span = set(range(i, i + n))
            if tuple(keys[i : i + n]) == member and not span & taken:
                out.append((i, member))
                taken |= span
    return out
