"""Why a word of a (correct) sentence has its form: the rule and the word that triggers it.

``Grammar.requirement`` looks at one word of an expected sentence in its context and says what
requires its form (docs/feedback-rules.md): a preposition, a verb's government (from the
government table, not from the form that happened to be there), negation, a numeral, the copula,
the noun an adjective agrees with, the subject a verb agrees with, a time word that decides the
tense or the aspect. It never guesses: where no rule is certain it returns no rule, and the
explanation then names only the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from .morph import ADJ_CLASSES, FINITE_VERB_CLASSES, NOUN_CLASSES, Morphology, Reading
from .text import Token, strip_diacritics
from .types import RuleId

if TYPE_CHECKING:
    from .government import Frame

_BOUNDARY_CHARS = frozenset(',;:()–—-"„”?!.')

# Words that end a clause for the purposes of government and agreement.
SUBORDINATORS = frozenset(
    {"że", "żeby", "aby", "bo", "gdy", "jeśli", "jeżeli", "kiedy", "ponieważ", "chociaż", "ale"}
    | {"który", "która", "które", "którego", "której", "którzy", "których", "którym"}
    | {"gdzie", "dokąd", "skąd", "jak", "co", "czy"}
)
COORDINATORS = frozenset({"i", "oraz", "lub", "albo", "ani", "a"})
SUBJECT_PRONOUNS = frozenset({"ja", "ty", "on", "ona", "ono", "my", "wy", "oni", "one"})
COPULAS = frozenset({"być", "zostać", "zostawać", "bywać"})
VERBAL = frozenset(
    {"fin", "praet", "bedzie", "impt", "cond", "inf", "imps", "pcon", "pant", "winien"}
)
_NP_MODIFIERS = ADJ_CLASSES | {"adv", "qub", "adja", "dig", "romandig"}

# Context words that decide the aspect (docs/feedback-rules.md, aspect.context).
HABIT_WORDS = frozenset(
    {
        "codziennie",
        "zawsze",
        "często",
        "czasem",
        "czasami",
        "zwykle",
        "zazwyczaj",
        "regularnie",
        "nigdy",
        "rzadko",
        "ciągle",
        "wciąż",
        "stale",
        "niekiedy",
        "wieczorami",
        "rankami",
        "nocami",
        "weekendami",
        "popołudniami",
        "raz",  # "raz w tygodniu" is handled as a phrase below
    }
)
HABIT_PHRASES: tuple[tuple[str, ...], ...] = (
    ("co", "dzień"),
    ("co", "tydzień"),
    ("co", "miesiąc"),
    ("co", "rok"),
    ("co", "roku"),
    ("co", "rano"),
    ("co", "wieczór"),
    ("co", "weekend"),
    ("każdego", "dnia"),
    ("każdego", "ranka"),
    ("każdego", "wieczoru"),
    ("każdego", "roku"),
    ("każdego", "lata"),
    ("każdego", "tygodnia"),
    ("każdego", "miesiąca"),
    ("każdego", "popołudnia"),
    ("każdej", "nocy"),
    ("każdej", "zimy"),
    ("każdej", "soboty"),
    ("każdej", "niedzieli"),
    ("każde", "wakacje"),
    ("każde", "lato"),
    ("każde", "ferie"),
    ("każde", "święta"),
    ("każdy", "weekend"),
    ("w", "każde"),
    ("w", "każdy"),
    ("w", "każdą"),
    ("raz", "w"),
    ("dwa", "razy"),
    ("trzy", "razy"),
    ("w", "weekendy"),
    ("w", "poniedziałki"),
    ("w", "soboty"),
    ("w", "niedziele"),
)
# a habit phrase that needs the next word to be read whole (*raz w* tygodniu)
_PHRASE_GOES_ON = frozenset({"w", "każde", "każdy", "każdą", "razy", "raz"})
# A verb of motion done again and again is the one of going to and fro, not of one way
# (*Codziennie chodzę do pracy*, *Co roku jeździliśmy nad morze*; not *idę*, *jechaliśmy*).
GOING_HABITUALLY = {
    "iść": "chodzić",
    "jechać": "jeździć",
    "lecieć": "latać",
    "płynąć": "pływać",
    "biec": "biegać",
    "nieść": "nosić",
    "wieźć": "wozić",
    "wieść": "wodzić",
}
# and back: the verb of one way whose perfective a habit turns into the verb of to and fro
GOING_ONE_WAY = {v: k for k, v in GOING_HABITUALLY.items()}
# Verbs that never go without *się* (*Boję się*, never *boję*): a clause with one and no
# *się* has lost it. Not the verbs that also take an object without it (*martwić*: *To mnie
# martwi*; *cieszyć*, *uczyć*, *nazywać*, *wydawać*, *urodzić*, *spieszyć*, *zastanowić*:
# *Zastanowiło nas to*).
REFLEXIVE_ONLY = frozenset(
    {
        "bać",
        "śmiać",
        "uśmiechać",
        "uśmiechnąć",
        "spóźnić",
        "spóźniać",
        "zakochać",
        "zakochiwać",
        "opiekować",
        "zaopiekować",
        "starać",
        "postarać",
        "podobać",
        "spodobać",
        "zgadzać",
        "zgodzić",
        "kłócić",
        "pokłócić",
        "wydarzyć",
        "dziać",
        "modlić",
        "pomodlić",
        "spodziewać",
        "domyślać",
        "domyślić",
        "wahać",
        "zawahać",
        "wstydzić",
        "obawiać",
        "dowiedzieć",
        "dowiadywać",
        "przyglądać",
        "przyjrzeć",
        "wyspać",
        "rozstać",
        "rozstawać",
    }
)
# Going on foot → going by a vehicle: *Idę do pracy autobusem* is *Jadę*; by plane, *lecę*.
VEHICLES = frozenset(
    {"samochód", "autobus", "pociąg", "tramwaj", "rower", "taksówka", "metro", "motocykl"}
    | {"autokar", "auto", "skuter", "bus", "samolot"}
)
# (the verb on foot → by land, by air)
BY_VEHICLE = {
    "iść": ("jechać", "lecieć"),
    "pójść": ("pojechać", "polecieć"),
    "chodzić": ("jeździć", "latać"),
    "przyjść": ("przyjechać", "przylecieć"),
    "wyjść": ("wyjechać", "wylecieć"),
    "dojść": ("dojechać", "dolecieć"),
}
# Words that negate only with *nie* beside the verb (*Nikt nie przyszedł*, *Nic nie wiem*,
# *Nigdy nie byłem*): Polish negates twice. The lemmas (nikt: nikogo, nikomu …; żaden: żadna …).
NEGATIVE_LEMMAS = frozenset({"nikt", "nic", "nigdy", "nigdzie", "żaden", "nijak", "donikąd"})
PROCESS_WORDS = frozenset({"teraz", "właśnie", "długo", "ciągle", "wciąż", "jeszcze"})
PERFECTIVE_WORDS = frozenset({"już", "wreszcie", "nagle", "zaraz", "natychmiast"})
# Verbs of starting and stopping: the infinitive after them names an activity, so it is
# imperfective (*Zacząłem czytać*, *Przestań pisać*; never *zacząłem przeczytać*).
PHASE_VERBS = frozenset(
    {
        "zacząć",
        "zaczynać",
        "rozpocząć",
        "rozpoczynać",
        "skończyć",
        "kończyć",
        "przestać",
        "przestawać",
    }
)
PERFECTIVE_PHRASES: tuple[tuple[str, ...], ...] = (("w", "końcu"), ("do", "końca"))
# "how much / many" words: the noun after them is in the genitive (dużo zdrowia, kilka książek)
INDEFINITE_NUMERALS = frozenset(
    {"dużo", "mało", "wiele", "kilka", "kilkanaście", "kilkadziesiąt", "kilkaset", "parę", "ile"}
    | {"trochę", "sporo", "mnóstwo", "tyle", "niewiele", "ileś", "wielu", "kilku", "paru", "ilu"}
    | {"kilo", "pół"}
)
# More and less of something: the genitive, like *dużo* (*więcej pieniędzy*, *mniej cukru*);
# apart, since *więcej* is also an adverb (*Co więcej*, *mniej więcej*, *Chcę więcej*)
COMPARED_QUANTITIES = frozenset({"więcej", "mniej"})
# Verbs whose subject is usually the thing (*Ile kosztują jabłka?*, *Boli mnie głowa*).
THING_SUBJECT_VERBS = frozenset(
    {"kosztować", "boleć", "podobać", "smakować", "pachnieć", "wystarczyć", "wystarczać"}
    | {"zależeć", "należeć", "brakować", "dolegać", "przeszkadzać", "odpowiadać"}
)
# Nouns of time: a phrase of them says when or how long (*cały dzień*, *na tydzień*, *każdą
# zimę*), not a subject or an object (the checker's and the rules' one list).
TIME_NOUNS = frozenset(
    {"dzień", "tydzień", "miesiąc", "rok", "noc", "godzina", "minuta", "sekunda", "wieczór"}
    | {"ranek", "popołudnie", "weekend", "chwila", "czas", "raz", "lato", "zima", "wiosna"}
    | {"jesień", "sobota", "niedziela", "poniedziałek", "południe", "północ"}
)  # (południe, północ: noon and midnight, w południe, o północy; also the south, the north)
# Money (the lemmas; also any noun SGJP marks "monet."): za + money is a price, in the
# accusative (*za franka*, *za złotówkę*), not behind it (the instrumental). Not korona, lira,
# marka: also a crown, a lyre, a brand.
CURRENCIES = frozenset(
    {"złoty", "złotówka", "grosz", "frank", "dolar", "euro", "funt", "rubel", "jen", "cent"}
    | {"eurocent", "forint", "hrywna", "juan", "szyling", "dinar", "lej", "lew"}
)
# The months' names (their lemmas): w + a month is always the locative (*w grudniu*; a day
# takes the accusative: *w sobotę*); a date's month is in the genitive (*7 marca*)
MONTHS = frozenset(
    {"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień"}
    | {"wrzesień", "październik", "listopad", "grudzień"}
)
WEEKDAYS = frozenset(
    {"poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"}
)
# A preposition's case only an adjective takes, as an adverb (po + the dative: *po polsku*,
# *po mojemu*); a noun after the preposition is never in it
_ADJECTIVES_ONLY = {"po": frozenset({"dat"})}
# Words an adjective never agrees with as its noun ("To wszystko", "co nowego").
NOT_HEADS = frozenset({"to", "co", "nic", "coś", "wszystko", "kto", "ktoś", "nikt", "tego", "tym"})
PAST_WORDS = frozenset({"wczoraj", "przedwczoraj", "temu", "zeszłym", "zeszły", "ubiegłym"})
FUTURE_WORDS = frozenset(
    {"jutro", "pojutrze", "przyszłym", "przyszły", "przyszłą", "wkrótce", "niedługo"}
)
PRESENT_WORDS = frozenset({"teraz", "obecnie", "dzisiaj", "dziś", "właśnie"})
# the adjectives of PAST_WORDS and FUTURE_WORDS that open a phrase of time (*w przyszłym
# tygodniu*, *w zeszłą sobotę*)
_TIME_ADJECTIVES = frozenset(
    {"przyszłym", "przyszły", "przyszłą", "zeszłym", "zeszły", "zeszłą", "ubiegłym"}
)


class Government(Protocol):
    """The verb government and preposition tables (``government.GovernmentTable``)."""

    def case_of(self, lemma: str, reflexive: bool = False) -> frozenset[str]:
        """Cases of the verb's bare (non-prepositional) objects; empty when unknown."""
        ...

    def prep_cases(self, preposition: str) -> dict[str, tuple[str, str]]:
        """Case → (meaning in English, in Polish) of a preposition."""
        ...

    def aspect_partner(self, lemma: str, reflexive: bool = False) -> tuple[str, ...]:
        """The other member(s) of the verb's aspect pair."""
        ...

    def frames(self, lemma: str, reflexive: bool = False) -> tuple[Frame, ...]:
        """Every object frame of the verb: ``musieć`` → (inf,)."""
        ...

    def prep_frames(self, lemma: str, reflexive: bool = False) -> tuple[Frame, ...]:
        """The verb's prepositional frames: ``czekać`` → (na+acc,)."""
        ...

    def takes_accusative(self, lemma: str, reflexive: bool = False) -> bool | None:
        """Whether the verb takes an accusative object; None when the table does not know it."""
        ...


@dataclass(slots=True)
class Word:
    """A word of a sentence: its text, lower-case key, plain (no Polish letters) form."""

    text: str
    key: str
    plain: str
    boundary_before: bool = False  # clause punctuation between this word and the previous
    start: int = -1  # offsets in the sentence it came from
    end: int = -1
    orig: str = ""  # the word as the sentence had it before a variant replaced it
    glue: str = " "  # what joins a word put in (no offsets) to the one before: ":" in 2:1

    def __post_init__(self) -> None:
        if not self.orig:
            self.orig = self.text

    def swapped(self, text: str) -> Word:
        """The word replaced by the learner's own equivalent (a synonym, their name): the
        sentence now says that word, as the accepted answer would with it."""
        word = self.replaced(text)
        word.orig = text
        return word

    def replaced(self, text: str) -> Word:
        return Word(
            text,
            text.lower(),
            strip_diacritics(text.lower()),
            self.boundary_before,
            self.start,
            self.end,
            self.orig,
        )


def words_of(text: str, tokens: list[Token]) -> list[Word]:
    out: list[Word] = []
    prev_end = 0
    for t in tokens:
        gap = text[prev_end : t.start]
        boundary = bool(out) and any(ch in _BOUNDARY_CHARS for ch in gap)
        out.append(Word(t.text, t.key, strip_diacritics(t.key), boundary, t.start, t.end))
        prev_end = t.end
    return out


@dataclass(frozen=True, slots=True)
class Requirement:
    """What the context of a word requires of its form, and why."""

    rule: RuleId | None = None
    trigger: str | None = None
    trigger_at: int | None = None
    cases: frozenset[str] = frozenset()  # the cases the rule allows (empty: no constraint)
    partner: Reading | None = None  # the reading agreed with (the noun, the subject)
    partner_word: str | None = None
    detail: str | None = None  # e.g. the numeral's kind ("congr" | "rec"), "learner"
    copula_at: int | None = None  # a predicative word's copula (jest, byłem)


NONE = Requirement()


class Grammar:
    """Rules over a sentence's words with Morfeusz's readings and the government table."""

    def __init__(
        self,
        morph: Morphology,
        table: Government,
        lemma_weight: Callable[[str], float] | None = None,
    ) -> None:
        self._morph = morph
        self.table = table
        self._lemma_weight = lemma_weight
        self._usual: dict[str, tuple[Reading, ...]] = {}
        # everyday(): a pure function of the word, asked for the same words again and again
        self._everyday: dict[str, tuple[Reading, ...]] = {}

    # -- readings ------------------------------------------------------------------------
    def readings(self, word: Word) -> tuple[Reading, ...]:
        """The readings a writer most likely means (see :func:`usual_readings`)."""
        return self.usual(word.text)

    def copula_lemma(self, word: Word) -> str | None:
        """The copula a word is a form of (*został*: zostać, *jest*: być), when it is one."""
        lemmas = {r.lemma for r in self._morph.analyse(word.text) if r.lemma in COPULAS}
        return min(lemmas) if len(lemmas) == 1 else None

    def everyday(self, text: str) -> tuple[Reading, ...]:
        """:func:`plausible` readings, and for a lower-case word not a proper name when it is a
        common word: what a learner's word (or the expected one) can be, before context."""
        cached = self._everyday.get(text)
        if cached is not None:
            return cached
        out = plausible(self._morph.analyse(text))
        if text[:1].islower():
            common = tuple(r for r in out if not r.full_lemma[:1].isupper())
            if common:
                out = common
        if len(self._everyday) > 100_000:
            self._everyday.clear()
        self._everyday[text] = out
        return out

    def usual(self, text: str) -> tuple[Reading, ...]:
        cached = self._usual.get(text)
        if cached is None:
            cached = usual_readings(self._morph.analyse(text), text, self._lemma_weight)
            if len(self._usual) > 100_000:
                self._usual.clear()
            self._usual[text] = cached
        return cached

    def weight(self, full_lemma: str) -> float:
        """How much the lemma is used (0 when nobody writes it, or with no weights at all)."""
        return 0.0 if self._lemma_weight is None else self._lemma_weight(full_lemma)

    def used(self, full_lemma: str) -> bool:
        """Is the lemma one people use (some form of its own is in the frequency list)?"""
        return self._lemma_weight is None or self._lemma_weight(full_lemma) > 0

    def _has(self, word: Word, classes: frozenset[str] | set[str]) -> bool:
        return any(r.pos in classes for r in self.readings(word))

    def is_prep(self, word: Word) -> bool:
        """A preposition (also one Morfeusz marks bookish, like *mimo*, when the preposition
        table has it)."""
        if self._has(word, {"prep"}):
            return True
        return bool(self.table.prep_cases(word.key)) and any(
            r.pos == "prep" for r in self._morph.analyse(word.text)
        )

    def prep_cases(self, word: Word) -> frozenset[str]:
        cases = {c for r in self._morph.analyse(word.text) if r.pos == "prep" for c in r.case}
        return frozenset(cases)

    def is_verb(self, word: Word) -> bool:
        """A verb form, unless the word is far more likely a noun or adjective ("dzień", "mam" is
        a verb)."""
        readings = self.readings(word)
        verbs = [r for r in readings if r.pos in VERBAL]
        if not verbs:
            return False
        if all(r.pos == "impt" for r in verbs) and len(verbs) < len(readings):
            return False  # "ból", "dzień": a rare imperative beside a noun
        return True

    def is_noun(self, word: Word) -> bool:
        return self._has(word, NOUN_CLASSES - {"ger"})

    # -- clause --------------------------------------------------------------------------
    def clause(self, words: list[Word], i: int) -> range:
        lo = i
        while lo > 0 and not words[lo].boundary_before and words[lo].key not in SUBORDINATORS:
            lo -= 1
        hi = i
        while (
            hi + 1 < len(words)
            and not words[hi + 1].boundary_before
            and words[hi + 1].key not in SUBORDINATORS
        ):
            hi += 1
        return range(lo, hi + 1)

    def negated(self, words: list[Word], j: int) -> int | None:
        """Index of the ``nie`` that negates verb j (directly, or a verb it depends on)."""
        if j > 0 and words[j - 1].key == "nie":
            return j - 1
        if j > 1 and words[j - 2].key == "nie" and words[j - 1].key == "się":
            return j - 2
        if (
            j > 1
            and words[j - 2].key == "nie"
            and any(r.pos == "bedzie" for r in self.readings(words[j - 1]))
            and any(r.pos in ("praet", "inf") for r in self.readings(words[j]))
        ):
            return j - 2  # "Nie będę jadł pomidorów": the future's auxiliary negated
        if any(r.pos == "inf" for r in self.readings(words[j])):
            for k in self.clause(words, j):
                if k >= j:
                    break
                if words[k].key == "nie" and k + 1 < len(words) and self.is_verb(words[k + 1]):
                    return k
        return None

    def verbs_in_clause(self, words: list[Word], i: int) -> list[int]:
        """Verb positions of i's clause, nearest first (the ones before i first on a tie)."""
        span = self.clause(words, i)
        found = [j for j in span if j != i and self.is_verb(words[j])]
        return sorted(found, key=lambda j: (abs(j - i), j > i))

    # -- noun phrase ---------------------------------------------------------------------
    def preposition_before(self, words: list[Word], i: int) -> int | None:
        """The preposition whose phrase word i belongs to (over modifiers only)."""
        j = i - 1
        while j >= 0 and i - j <= 4 and not words[j + 1].boundary_before:
            w = words[j]
            if self.is_prep(w) and not self.is_verb(w):
                return j
            readings = self.readings(w)
            if not readings or not all(r.pos in _NP_MODIFIERS or r.pos == "num" for r in readings):
                if not self.modifies(w, words[i]):
                    return None
            j -= 1
        return None

    def modifies(self, word: Word, head: Word) -> bool:
        """Can ``word`` be an adjective (possessive, numeral) agreeing with ``head``
        ("nowym sklepie", "moja mama"), even if it can also be read as a noun?"""
        mods = [r for r in self.readings(word) if r.pos in ADJ_CLASSES]
        heads = [r for r in self.readings(head) if r.pos in NOUN_CLASSES or r.pos in ADJ_CLASSES]
        return any(_agrees(m, h) for m in mods for h in heads)

    def numeral_before(self, words: list[Word], i: int) -> tuple[int, str] | None:
        """A numeral governing noun i: (its index, "congr" | "rec")."""
        j = i - 1
        while j >= 0 and i - j <= 3 and not words[j + 1].boundary_before:
            w = words[j]
            if w.text.isdecimal():  # not isdigit: "³" is a digit that int() cannot read
                return j, _digit_kind(int(w.text))
            if w.key in INDEFINITE_NUMERALS or w.key in COMPARED_QUANTITIES:
                return j, "indef"
            nums = [r for r in self.readings(w) if r.pos == "num"]
            if nums:
                if any(":rec" in r.tag for r in nums) and not any(":congr" in r.tag for r in nums):
                    return j, "rec"
                if any(":congr" in r.tag for r in nums) and not any(":rec" in r.tag for r in nums):
                    return j, "congr"
                return j, "either"
            if not any(r.pos in ADJ_CLASSES for r in self.readings(w)):
                return None
            j -= 1
        return None

    def copula_before(self, words: list[Word], i: int) -> int | None:
        """A form of być (zostać) that word i is the predicate of, with only modifiers between."""
        j = i - 1
        while j >= 0 and i - j <= 4 and not words[j + 1].boundary_before:
            w = words[j]
            readings = self.readings(w)
            if any(r.lemma in COPULAS and r.pos in VERBAL for r in readings):
                return j
            if w.key == "to" and j + 1 < len(words) and not self.is_verb(words[j + 1]):
                return j  # "Ten pan to mój szef": to as the copula
            if w.key in (
                "nie",
                "też",
                "także",
                "już",
                "jeszcze",
                "bardzo",
                "naprawdę",
                "chyba",
                "za",  # "za słony": too, not the preposition
                "zbyt",
                "dość",
                "trochę",
            ) or (any(r.pos == "adv" for r in readings) and not self.is_verb(w)):
                j -= 1
                continue
            if self.modifies(w, words[i]):
                j -= 1
                continue
            if self.is_verb(w) or self.is_prep(w) or self.is_noun(w):
                return None
            if not any(r.pos in _NP_MODIFIERS for r in readings):
                return None
            j -= 1
        # "Jestem z zawodu lekarzem" is rare; "Lekarzem jestem" (inverted) is handled by callers
        return None

    def noun_partner(
        self, words: list[Word], i: int, cands: list[Reading]
    ) -> tuple[int, Reading] | None:
        """The noun an adjective-like word i agrees with: after it (over other modifiers) or
        right before it ("kawę czarną"); a noun after it that it does not agree with only when
        no noun before it agrees (*w serialach telewizyjnych takich jak*: serialach, not
        *jak*)."""
        fallback: tuple[int, Reading] | None = None
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(words) and abs(j - i) <= 3:
                if (step == 1 and words[j].boundary_before) or (
                    step == -1 and words[j + 1].boundary_before
                ):
                    break
                w = words[j]
                readings = self.readings(w)
                nouns = _animals_first(
                    [r for r in readings if r.pos in ("subst", "depr", "ger", "ppron3")]
                )
                if w.key in NOT_HEADS or any(r.pos in ("conj", "comp") for r in readings):
                    nouns = []  # (*niż*, a conjunction before all: not the low)
                if (
                    nouns
                    and step == 1
                    and any(r.pos in ADJ_CLASSES for r in readings)
                    and self._noun_follows(words, j)
                ):
                    nouns = []  # "nasz nowy dom": nowy is an adjective here, dom the noun
                if nouns and not (self.is_verb(w) and not self.is_noun(w)):
                    agreeing = [
                        (c, n)
                        for n in nouns
                        for c in cands
                        if _agrees(c, n) and not (n.pos == "ger" and len(nouns) < len(readings))
                    ]
                    if agreeing:
                        return j, _masculine_alike(agreeing[0][1], [n for _c, n in agreeing])
                    if any(r.pos == "prep" for r in readings):
                        break  # "otwarta do": do (a note) is no noun it should agree with
                    if step == 1 and j == i + 1:
                        # the noun the adjective stands before, in another form in the answer
                        return j, nouns[0]
                    if step == 1:
                        fallback = j, nouns[0]  # unless one before it agrees
                    break
                if step == -1 or not any(
                    r.pos in ADJ_CLASSES or r.pos in ("adv", "qub") for r in readings
                ):
                    break
                j += step
        return fallback

    def _noun_follows(self, words: list[Word], j: int) -> bool:
        k = j + 1
        while k < len(words) and k - j <= 2 and not words[k].boundary_before:
            readings = self.readings(words[k])
            if any(r.pos in ("subst", "depr") for r in readings) and not any(
                r.pos in ADJ_CLASSES for r in readings
            ):
                return True
            if not any(r.pos in ADJ_CLASSES for r in readings):
                return False
            k += 1
        return False

    def subject_of(
        self, words: list[Word], v: int, verb: Reading, exclude: int | None = None
    ) -> int | None:
        """The explicit subject of verb v: a nominative noun or pronoun of its clause that the
        verb agrees with (in number, and in person for pronouns), nearest first."""
        best: tuple[int, int] | None = None
        for j in self.clause(words, v):
            if j in (v, exclude):
                continue
            w = words[j]
            if j > 0 and self.is_prep(words[j - 1]) and not self.is_verb(words[j - 1]):
                continue
            readings = self.readings(w)
            # a verbal noun is a noun too: *Nowe mieszkanie jest …*, *Pływanie jest zdrowe*
            gerund = any(r.pos == "ger" and "nom" in r.case for r in readings)
            if (
                self.is_verb(w)
                and not self.is_noun(w)
                and not gerund
                and w.key not in SUBJECT_PRONOUNS
            ):
                continue
            if any(r.pos in ("adv", "qub", "prep", "conj", "comp") for r in readings):
                continue  # "wczoraj", "dziś": time words, not subjects
            noms = [
                r
                for r in readings
                if r.pos in ("subst", "depr", "ppron12", "ppron3", "ger") and "nom" in r.case
            ]
            if not noms or self._modifies_noun_before(words, j):
                continue  # "okręty rosyjskie wróciły": rosyjskie is okręty's, not a noun
            if self._coordinated_subject(words, j, v, verb):
                best_dist = abs(j - v)
                if best is None or best_dist < best[0]:
                    best = (best_dist, j)
                continue
            for r in noms:
                if verb.number and r.number and not verb.number & r.number:
                    continue
                person = r.person or frozenset({"ter"})
                if verb.person and not verb.person & person:
                    continue
                if verb.gender and r.gender and not _gender_fits(verb, r):
                    continue
                dist = abs(j - v) + (0 if j < v else 1)
                if r.lemma in TIME_NOUNS or (
                    j > 0 and words[j - 1].key in ("cały", "całą", "całe")
                ):
                    dist += 10  # "cały dzień padał śnieg": a time phrase, not the subject
                if best is None or dist < best[0]:
                    best = (dist, j)
                break
        return best[1] if best is not None else None

    def _modifies_noun_before(self, words: list[Word], j: int) -> bool:
        """Is word j an adjective that agrees with the noun right before it (and so no noun
        of its own)?"""
        if j == 0 or words[j].boundary_before:
            return False
        adjs = [r for r in self.readings(words[j]) if r.pos in ("adj", "ppas", "pact")]
        nouns = [r for r in self.readings(words[j - 1]) if r.pos in ("subst", "depr")]
        return any(
            a.case & n.case and a.number & n.number and a.gender & n.gender
            for a in adjs
            for n in nouns
        )

    def _coordinated_subject(self, words: list[Word], j: int, v: int, verb: Reading) -> bool:
        """ "Kasia i Ewa poszły": two nominatives joined by "i" are a plural subject."""
        if "pl" not in verb.number:
            return False
        return (j + 2 < len(words) and words[j + 1].key in ("i", "oraz") and j + 2 != v) or (
            j >= 2 and words[j - 1].key in ("i", "oraz")
        )

    def context_word(
        self,
        words: list[Word],
        i: int,
        singles: frozenset[str],
        phrases: tuple[tuple[str, ...], ...] = (),
    ) -> int | None:
        """The first word of i's clause (or the sentence) that is in ``singles`` or starts one of
        ``phrases``."""
        span = self.clause(words, i)
        for pool in (span, range(len(words))):
            for j in pool:
                if j == i:
                    continue
                if words[j].key in singles and words[j].key != "raz":
                    return j
                for phrase in phrases:
                    n = len(phrase)
                    if tuple(w.key for w in words[j : j + n]) == phrase and self.times(
                        words, j, phrase
                    ):
                        return j
        return None

    def times(self, words: list[Word], j: int, phrase: tuple[str, ...]) -> bool:
        """Does the phrase at j say when, whole: *w każdy*, *w każdą* … only before a word of
        time (*w każdy weekend*, *w każdą sobotę*; not *w każde czary*)?"""
        if phrase[-1] not in ("każdy", "każde", "każdą"):
            return True
        k = j + len(phrase)
        return k < len(words) and any(
            r.lemma in TIME_NOUNS
            or r.lemma in WEEKDAYS
            or r.lemma in MONTHS
            or r.lemma in ("wakacje", "ferie", "święto", "urodziny", "wieczór", "rano")
            for r in self.readings(words[k])
        )

    def context_text(self, words: list[Word], j: int) -> str:
        """The context word at j as a learner reads it: the whole habit phrase it opens
        (*co tydzień*, *raz w tygodniu*, *w każdy weekend*), else the word itself."""
        keys = [w.key for w in words]
        n = max(
            (len(p) for p in HABIT_PHRASES if tuple(keys[j : j + len(p)]) == p),
            default=1,
        )
        while j + n < len(words) and keys[j + n - 1] in _PHRASE_GOES_ON:
            if words[j + n].boundary_before:
                break
            n += 1
        return " ".join(w.text for w in words[j : j + n])

    def tense_text(self, words: list[Word], j: int) -> str:
        """The word of time at j as a learner reads it: the whole phrase of *w przyszłym
        tygodniu*, *w zeszłą sobotę*, *dwa dni temu*, else the word itself."""
        start, stop = j, j + 1
        if words[j].key in _TIME_ADJECTIVES and j > 0 and words[j - 1].key in ("w", "we"):
            start = j - 1
            if j + 1 < len(words) and not words[j + 1].boundary_before:
                stop = j + 2
        elif words[j].key == "temu" and j > 0 and not words[j].boundary_before:
            start = j - 1
            if (
                start > 0
                and not words[start].boundary_before
                and any(r.pos == "num" for r in self.readings(words[start - 1]))
            ):
                start -= 1
        return " ".join(w.text for w in words[start:stop])

    # -- the rule ------------------------------------------------------------------------
    def nominal(self, words: list[Word], i: int, cands: list[Reading]) -> Requirement:
        """What requires the case (gender, number) of a noun, pronoun or adjective at i."""
        modifiers = [r for r in cands if r.pos in ADJ_CLASSES]
        if modifiers:
            # an adjective, possessive, demonstrative or numeral agrees with its noun (and a
            # word that can also be a noun, "mały", "nowy", is read as the adjective when a
            # noun it agrees with stands beside it)
            agreement = self._adjective(words, i, modifiers)
            if agreement.rule is not None:
                return agreement
            # no noun beside it (*o ósmej*, *w nowym*): the phrase's own rule decides the case
        numeral = self.numeral_before(words, i)
        if numeral is not None and any(r.pos in NOUN_CLASSES for r in cands):
            return self._numeral_rule(words, i, cands, *numeral)
        prep = self.preposition_before(words, i)
        if prep is not None:
            cases = self.prep_cases(words[prep])
            if any(r.pos in NOUN_CLASSES for r in cands):
                # *po lewej stronie*: the locative, not po's dative of *po polsku*
                cases -= _ADJECTIVES_ONLY.get(words[prep].key, frozenset())
            cases = self._frame_cases(words, prep, cands, cases)
            return Requirement(
                "case.preposition",
                words[prep].text,
                prep,
                frozenset(cases),
                detail="several" if len(cases) > 1 else None,
            )
        cop = self.copula_before(words, i)
        if cop is not None:
            # "To jest lekarz" / "To mój szef": to + the nominative; "Jestem lekarzem": być +
            # the instrumental
            to_at = (
                cop
                if words[cop].key == "to"
                else cop - 1
                if cop > 0 and words[cop - 1].key == "to"
                else None
            )
            if to_at is not None:
                return Requirement("case.copula", words[to_at].text, to_at, frozenset({"nom"}))
            if any("inst" in r.case for r in cands):
                return Requirement("case.copula", words[cop].text, cop, frozenset({"inst"}))
        # the subject first: "Ile kosztują jabłka?" (jabłka is what costs, not an object)
        subject = self._subject_case(words, i, cands)
        if subject is not None:
            return subject
        gov = self._government(words, i, cands)
        if gov is not None:
            return gov
        return NONE

    def _frame_cases(
        self, words: list[Word], prep: int, cands: list[Reading], cases: frozenset[str]
    ) -> frozenset[str]:
        """The preposition's cases a word after it can be in, narrowed, when its form is in
        more than one of them, to the case of a frame of a verb before it in the clause with
        that preposition: *uznać za jedynego żywiciela* is za + the accusative (uznać za+acc),
        though *żywiciela* is also the genitive za takes in *za czasów*. A form of one case
        (*czekam na przystanku*) keeps it, whatever the verb's frame."""
        own = frozenset(c for r in cands for c in r.case) & cases
        if len(own) < 2:
            return cases
        reflexive = any(words[k].key == "się" for k in self.clause(words, prep))
        for j in self.verbs_in_clause(words, prep):
            if j > prep:
                continue
            lemmas = dict.fromkeys(r.lemma for r in self.readings(words[j]) if r.pos in VERBAL)
            framed = frozenset(
                f.case
                for lemma in lemmas
                for f in self.table.prep_frames(lemma, reflexive)
                if f.after(words[prep].key) and f.case is not None
            )
            if framed & own:
                return framed & own
            if self.is_finite(words[j]):
                break  # the nearest finite verb: its phrase, not an earlier verb's
        return cases

    def _numeral_rule(
        self, words: list[Word], i: int, cands: list[Reading], j: int, kind: str
    ) -> Requirement:
        if kind in ("rec", "indef"):
            allowed = frozenset({"gen"})
        elif kind == "congr":
            # 2-4 agree with their noun: the phrase's case (nom/acc, or a preposition's)
            allowed = self._position_cases(words, j, cands) or (
                frozenset({"nom", "acc", "voc"})
                if self._numeral_is_nom_acc(words[j])
                else frozenset()
            )
        elif any("gen" in r.case and "pl" in r.number for r in cands):
            # "dwóch synów", "pięciu kotów": with men (and in the genitive) the numeral
            # governs the genitive plural
            kind, allowed = "rec", frozenset({"gen"})
        else:
            allowed = frozenset()
        trigger = words[j].text
        if words[j].key in ("jeden", "jedna", "jedno") and j > 0 and not words[j].boundary_before:
            if any(r.pos == "num" for r in self.readings(words[j - 1])):
                # "dwadzieścia jeden lat": the whole number counts (jeden alone does not)
                trigger = f"{words[j - 1].text} {trigger}"
        return Requirement("case.numeral", trigger, j, allowed, detail=kind)

    def _position_cases(self, words: list[Word], i: int, cands: list[Reading]) -> frozenset[str]:
        """The case a phrase at i takes from its place: after a preposition, or as a verb's
        object (*Mam dwóch braci*: accusative)."""
        prep = self.preposition_before(words, i)
        if prep is not None:
            return self.prep_cases(words[prep])
        gov = self._government(words, i, cands)
        return gov.cases if gov is not None else frozenset()

    def _numeral_is_nom_acc(self, word: Word) -> bool:
        if word.text.isdigit():
            return True
        return any(r.pos == "num" and r.case & {"nom", "acc"} for r in self.readings(word))

    def _adjective(self, words: list[Word], i: int, cands: list[Reading]) -> Requirement:
        partner = self.noun_partner(words, i, cands)
        if partner is not None and all(r.pos == "num" for r in cands):
            # "dwie kawy", "dwóch braci": a numeral agrees with its noun in gender; its case
            # is the clause's, and it may govern the noun's (pięć kotów)
            j, noun = partner
            return Requirement(
                "agreement.adjective",
                words[j].text,
                j,
                self._position_cases(words, i, cands),
                partner=noun,
                partner_word=words[j].text,
                detail="numeral",
            )
        if partner is not None:
            j, noun = partner
            nouns = [r for r in self.readings(words[j]) if r.pos in NOUN_CLASSES]
            # every case the noun can have here, with this word agreeing
            cases = (
                frozenset(c for n in nouns if any(_agrees(a, n) for a in cands) for c in n.case)
                or noun.case
            )
            if len(cases) > 1:
                # "w dużej firmie", "z moją szefową": the noun's own rule says which case
                own = self.nominal(words, j, nouns)
                if own.cases & cases:
                    cases = own.cases & cases
            return Requirement(
                "agreement.adjective",
                words[j].text,
                j,
                cases,
                partner=noun,
                partner_word=words[j].text,
            )
        cop = self.copula_before(words, i)
        if (
            cop is None
            and (i == 0 or words[i].boundary_before)
            and i + 1 < len(words)
            and not words[i + 1].boundary_before
            and words[i + 1].key in ("jest", "są", "był", "była", "było", "były", "byli")
        ):
            cop = i + 1  # "Najtrudniejsze jest dla mnie słownictwo": the predicate first
        if cop is not None:
            verb = next(
                (r for r in self.readings(words[cop]) if r.pos in VERBAL and r.lemma in COPULAS),
                None,
            )
            if verb is not None:
                if verb.person & {"pri", "sec"} and verb.number == frozenset({"sg"}):
                    subj_at = self.subject_of(words, cop, verb)
                    return Requirement(
                        "agreement.adjective",
                        None,
                        None,
                        frozenset({"nom"}),
                        partner=verb,
                        partner_word=words[subj_at].text if subj_at is not None else None,
                        detail="learner",
                        copula_at=cop,
                    )
                subj = self.subject_of(words, cop, verb, exclude=i)
                if subj is None:
                    # *moja córka był chora*: the verb's own form is wrong, but the subject is
                    # there, and the adjective agrees with it (not "left out")
                    subj = self._agreeing_nominative(words, cop, cands)
                if subj is None and cop > 0 and i > cop:
                    # "Ten szary jest droższy": an adjective standing for its noun is the
                    # subject, not one left out
                    before = [
                        r
                        for r in self.readings(words[cop - 1])
                        if r.pos in ADJ_CLASSES
                        and "nom" in r.case
                        and any("nom" in c.case and _agrees(c, r) for c in cands)
                    ]
                    if before and not words[cop].boundary_before:
                        return Requirement(
                            "agreement.adjective",
                            words[cop - 1].text,
                            cop - 1,
                            frozenset({"nom"}),
                            partner=before[0],
                            partner_word=words[cop - 1].text,
                            detail="predicative",
                            copula_at=cop,
                        )
                if subj is None:
                    # "Jest bardzo ładne!": the subject is left out; the verb still says its
                    # number, and the expected form its gender
                    return Requirement(
                        "agreement.adjective",
                        None,
                        None,
                        frozenset({"nom"}),
                        partner=verb,
                        detail="elided",
                        copula_at=cop,
                    )
                if subj is not None:
                    subject = next(
                        (
                            r
                            for r in self.readings(words[subj])
                            if "nom" in r.case and r.pos in NOUN_CLASSES
                        ),
                        None,
                    )
                    return Requirement(
                        "agreement.adjective",
                        words[subj].text,
                        subj,
                        frozenset({"nom"}),
                        partner=subject,
                        partner_word=words[subj].text,
                        detail="predicative",
                        copula_at=cop,
                    )
        return NONE

    def _agreeing_nominative(self, words: list[Word], cop: int, cands: list[Reading]) -> int | None:
        """The nearest noun in the nominative before the copula at ``cop``, in its clause, that
        an adjective reading of ``cands`` agrees with."""
        span = self.clause(words, cop)
        for j in range(cop - 1, span.start - 1, -1):
            if words[j].key in NOT_HEADS:
                continue
            nouns = [
                r for r in self.readings(words[j]) if r.pos in NOUN_CLASSES and "nom" in r.case
            ]
            if any(_agrees(c, n) for c in cands for n in nouns if "nom" in c.case):
                return j
        return None

    def _government(self, words: list[Word], i: int, cands: list[Reading]) -> Requirement | None:
        cand_cases = frozenset(c for r in cands for c in r.case)
        if not cand_cases & {"acc", "gen", "dat", "inst"}:
            return None
        for j in self.verbs_in_clause(words, i):
            # not across another noun phrase's preposition ("czekam na autobus")
            if j < i and any(
                self.is_prep(words[k]) and not self.is_verb(words[k]) for k in range(j + 1, i)
            ):
                continue
            reflexive = any(
                0 <= k < len(words) and words[k].key == "się" for k in (j - 2, j - 1, j + 1, j + 2)
            )
            lemmas = list(
                dict.fromkeys(r.lemma for r in self.readings(words[j]) if r.pos in VERBAL)
            )
            for lemma in lemmas:
                if lemma in COPULAS:
                    continue  # być + instrumental is the copula's rule, not a verb's object
                cases = self.table.case_of(lemma, reflexive)
                if not cases:
                    continue
                neg = self.negated(words, j)
                if neg is not None and "acc" in cases and "gen" in cand_cases:
                    return Requirement("case.negation", words[neg].text, neg, frozenset({"gen"}))
                if cases & cand_cases:
                    name = lemma
                    if reflexive and self.table.case_of(f"{lemma} się"):
                        name = f"{lemma} się"
                    return Requirement(
                        "case.verb_government", words[j].text, j, cases & cand_cases, detail=name
                    )
            if self.is_finite(words[j]):
                break  # the nearest finite verb with an unknown frame: do not look further
        return None

    def is_finite(self, word: Word) -> bool:
        return any(r.pos in FINITE_VERB_CLASSES for r in self.readings(word))

    def _subject_case(self, words: list[Word], i: int, cands: list[Reading]) -> Requirement | None:
        if not any("nom" in r.case and r.pos in NOUN_CLASSES for r in cands):
            return None
        for j in self.verbs_in_clause(words, i):
            for verb in self.readings(words[j]):
                if verb.pos not in FINITE_VERB_CLASSES or verb.pos == "imps":
                    continue
                if self.subject_of(words, j, verb) != i:
                    continue
                if (
                    any("acc" in r.case for r in cands)
                    and "acc" in self.table.case_of(verb.lemma)
                    and verb.lemma not in THING_SUBJECT_VERBS
                    and j < i
                ):
                    return None  # "Ma broń": after a verb that takes one, the object
                return Requirement("case.subject", words[j].text, j, frozenset({"nom"}))
            break
        return None

    def verbal(self, words: list[Word], i: int, expected: Reading) -> Requirement:
        """What requires the person, number and gender of the verb at i (its subject)."""
        subj = self.subject_of(words, i, expected)
        if subj is not None and self._coordinated_subject(words, subj, i, expected):
            # "Kasia i Ewa poszły": the subject is the pair, not one word of it
            return Requirement("agreement.subject_verb", None, None, detail="coordinated")
        if subj is not None:
            if words[subj].key in SUBJECT_PRONOUNS and expected.person & {"pri", "sec"}:
                return Requirement(
                    "agreement.subject_verb", words[subj].text, subj, detail="pronoun"
                )
            fitting = [
                r
                for r in self.readings(words[subj])
                if "nom" in r.case
                and (not r.gender or not expected.gender or _gender_fits(expected, r))
            ]
            noun = min(fitting, key=lambda r: bool(r.qualifiers), default=None)
            return Requirement(
                "agreement.subject_verb",
                words[subj].text,
                subj,
                partner=noun,
                partner_word=words[subj].text,
            )
        return NONE

    def tense_context(self, words: list[Word], i: int, expected_tense: str) -> int | None:
        if expected_tense == "praet":
            return self.context_word(words, i, PAST_WORDS)
        if expected_tense in ("bedzie", "fut"):
            return self.context_word(words, i, FUTURE_WORDS)
        if expected_tense == "fin":
            return self.context_word(words, i, PRESENT_WORDS)
        return None

    def prohibition(self, words: list[Word], i: int) -> bool:
        """*Nie idź*, *nie pij*: an imperative right after *nie* (a perfective one is only a
        warning against an accident, *Nie zapomnij!*, which the lessons give as such)."""
        return (
            i > 0
            and words[i - 1].key == "nie"
            and any(r.pos == "impt" for r in self.readings(words[i]))
        )

    def phase_verb(self, words: list[Word], i: int) -> int | None:
        """The verb of starting or stopping whose infinitive stands at i, right after it or
        after *się* (*Zacząłem czytać*, *Przestań się martwić*), or None."""
        if not any(r.pos == "inf" for r in self.readings(words[i])) or words[i].boundary_before:
            return None
        k = i - 1
        if k > 0 and words[k].key == "się" and not words[k].boundary_before:
            k -= 1
        if k < 0 or any(r.lemma not in PHASE_VERBS for r in self.readings(words[k])):
            return None
        return k if self.readings(words[k]) else None

    def aspect_context(self, words: list[Word], i: int, expected_aspect: str) -> int | None:
        """The word that decides the aspect of the verb at i (habit, process, result, będę,
        a verb of starting or stopping)."""
        if expected_aspect == "imperf":
            phase = self.phase_verb(words, i)
            if phase is not None:
                return phase
            if self.prohibition(words, i):
                return i - 1  # "Nie idź", not "Nie pójdź": a prohibition is imperfective
            for j in range(max(0, i - 3), i):
                if any(r.pos == "bedzie" for r in self.readings(words[j])):
                    return j
            return self.context_word(words, i, HABIT_WORDS | PROCESS_WORDS, HABIT_PHRASES)
        return self.context_word(words, i, PERFECTIVE_WORDS, PERFECTIVE_PHRASES)


# Morfeusz's qualifiers of readings nobody means today (archaic, rare, dialectal).
RARE_QUALIFIERS = frozenset({"przest.", "daw.", "arch.", "rzad.", "gwar.", "reg."})
# A lemma whose own forms are this much rarer than a rival's is not what a writer means.
_RIVAL_SHARE = 0.05


def plausible(readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """Drop readings a writer almost certainly did not mean: a rare imperative beside a noun
    ("ból" is not "boleć!"), archaic or rare-qualified readings beside plain ones."""
    out = readings
    verbs = [r for r in out if r.pos in VERBAL]
    if verbs and all(r.pos == "impt" for r in verbs) and len(verbs) < len(out):
        out = tuple(r for r in out if r.pos != "impt")
    usual = tuple(
        r
        for r in out
        if not any(part in RARE_QUALIFIERS for q in r.qualifiers for part in q.split(","))
    )
    return usual or out


def usual_readings(
    readings: tuple[Reading, ...], text: str, weight: Callable[[str], float] | None
) -> tuple[Reading, ...]:
    """The readings of ``text`` a writer most likely means: :func:`plausible` ones; a lower-case
    word is not a proper name when it is a common word (*ciastkę* is not *Ciastko*); and a
    lemma far rarer than a rival is dropped (*braci* is *brat*'s, not *brać*'s; *mnie* is *ja*,
    not *miąć*; a capitalised name is weighed like its common twin)."""
    out = plausible(readings)
    if text[:1].islower():
        common = tuple(r for r in out if not r.full_lemma[:1].isupper())
        if common:
            out = common
    if weight is None or not out:
        return out
    if len({r.lemma for r in out}) < 2:
        return out  # one word (homonym markers aside): nothing to weigh
    weights = {lemma: weight(lemma) for lemma in {r.full_lemma for r in out}}
    # the frequency list is lower-case, so a name's forms count for its common homonym only
    # (*Kanada* the country weighs 0 beside the jocular *kanada*): written capitalised, a name
    # whose lower-case twin is only a colloquial or jocular word weighs what the twin weighs
    # (not *Cały*, a surname, beside the adjective *cały*)
    for r in out:
        if r.lemma[:1].isupper():
            twins = [o for o in out if o.lemma == r.lemma.lower()]
            if twins and all(o.qualifiers for o in twins):
                weights[r.full_lemma] = max(weights[o.full_lemma] for o in twins)
    top = max(weights.values())
    if len(weights) > 1 and top > 0:
        out = tuple(
            r for r in out if weights[r.full_lemma] >= _RIVAL_SHARE * top or _gerund_noun(r, out)
        )
    return out


def _gerund_noun(reading: Reading, readings: tuple[Reading, ...]) -> bool:
    """A noun in -nie or -cie read beside a verb's gerund of the same spelling (*mieszkanie*
    the flat, *mieszkać*'s gerund; *zdjęcia*, *zdjąć*'s): kept whatever the verb weighs, for a
    gerund weighs what all its verb's forms weigh and is no rival of the noun made from it."""
    return (
        reading.pos == "subst"
        and reading.lemma.endswith(("nie", "cie"))
        and any(r.pos == "ger" for r in readings)
    )


def _gender_fits(verb: Reading, noun: Reading) -> bool:
    """Could the noun be the subject of this past-tense form, by gender? A plural verb asks
    only masculine personal or not."""
    if "pl" in verb.number and len(verb.number) == 1:
        return ("m1" in verb.gender) == ("m1" in noun.gender) or len(noun.gender) > 1
    return bool(verb.gender & noun.gender)


def _digit_kind(n: int) -> str:
    if n == 1:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "congr"
    return "rec"


def _agrees(a: Reading, b: Reading) -> bool:
    return bool(
        a.case & b.case
        and (not a.number or not b.number or a.number & b.number)
        and (not a.gender or not b.gender or a.gender & b.gender)
    )


def _masculine_alike(noun: Reading, agreeing: list[Reading]) -> Reading:
    """An inanimate noun SGJP also reads as animate in the same form (*sport*, *mail*,
    *pomidor*: animate in a colloquial or rare sense) has both genders where the word agreeing
    with it does not tell them apart (*mój ulubiony sport*): "masculine animate" would be false
    of a sport."""
    if not noun.gender or not noun.gender <= {"m2", "m3"}:
        return noun
    alike = {
        g
        for n in agreeing
        if (n.lemma, n.number) == (noun.lemma, noun.number) and n.case & noun.case
        for g in n.gender
    }
    if alike != {"m2", "m3"}:
        return noun
    return replace(noun, gender=frozenset(alike))


def _animals_first(nouns: list[Reading]) -> list[Reading]:
    """A singular noun SGJP reads both as an animal and as a person (*psa*, *kota*: a rare
    personal sense) is named by its usual, animate reading: in the singular the two agree
    alike, and "masculine personal" would be false of a dog."""
    animate = {(r.lemma, r.case, r.number) for r in nouns if r.gender == frozenset({"m2"})}
    if not animate:
        return nouns
    return sorted(
        nouns,
        key=lambda r: (
            r.gender == frozenset({"m1"})
            and r.number == frozenset({"sg"})
            and (r.lemma, r.case, r.number) in animate
        ),
    )
