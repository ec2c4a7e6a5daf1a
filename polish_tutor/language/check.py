"""Check a learner's free sentence with no expected answer: find the errors the engine is sure
of, correct them, and explain each one with the same rules as ``compare``.

``Checker.check`` works in two passes over the learner's own words:

1. **Spelling.** A word nobody uses (not in Morfeusz, or only as a never-used lemma) is replaced
   by the known word it most likely is: the same word with its Polish letters (*zolty* →
   *żółty*), one slip away (*herbta* → *herbata*), or both. Only a clear winner is taken.
2. **Grammar.** Each rule of ``grammar.py`` is read the other way round: where the rule is
   certain of what it requires and the learner's form cannot be it, the form is made what the
   rule requires (a preposition's case, a verb's object case from the government table, the
   genitive of negation, a numeral's case and number, *być* + the instrumental, agreement of an
   adjective with its noun and of a verb with its subject pronoun, a past tense with its
   subject's gender, the aspect a habit word asks for).

The corrected sentence is then compared with what the learner wrote (``Comparer``), which
classifies and explains every difference. Precision first: a rule that is not sure changes
nothing; a wrong correction teaches something false, a missed one only waits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .compare import Comparer
from .grammar import (
    COPULAS,
    HABIT_PHRASES,
    HABIT_WORDS,
    INDEFINITE_NUMERALS,
    Grammar,
    Word,
    words_of,
)
from .morph import ADJ_CLASSES, Morphology, Reading
from .text import strip_diacritics, tokenize
from .types import Check, ExplainIn
from .variants import Variants

_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżqvx"
# Verbs of motion: w / na / za / przed / nad / pod + the accusative (where to?), else the
# locative or instrumental (where?).
MOTION_VERBS = frozenset(
    {"iść", "pójść", "chodzić", "jechać", "pojechać", "jeździć", "wchodzić", "wejść", "wjechać"}
    | {"wjeżdżać", "lecieć", "polecieć", "latać", "biec", "pobiec", "biegać", "wracać", "wrócić"}
    | {"przychodzić", "przyjść", "przyjeżdżać", "przyjechać", "wyjeżdżać", "wyjechać"}
    | {"wychodzić", "wyjść", "kłaść", "położyć", "wkładać", "włożyć", "wysyłać", "wysłać"}
    | {"zapraszać", "zaprosić", "zabierać", "zabrać", "spieszyć", "śpieszyć", "wpaść", "wpadać"}
    | {"patrzeć", "spojrzeć", "dzwonić", "zadzwonić", "płynąć", "pływać", "przenieść", "przenosić"}
)
_TWO_CASE_PREPS = {
    "w": ("acc", "loc"),
    "we": ("acc", "loc"),
    "na": ("acc", "loc"),
    "o": ("acc", "loc"),
    "po": ("acc", "loc"),
    "za": ("acc", "inst"),
    "przed": ("acc", "inst"),
    "nad": ("acc", "inst"),
    "pod": ("acc", "inst"),
    "między": ("acc", "inst"),
}
_PLURAL_QUANTITIES = frozenset(
    {"kilka", "kilku", "kilkanaście", "kilkadziesiąt", "kilkaset", "parę", "paru", "wiele", "wielu"}
)
_PRONOUN_FEATURES: dict[str, tuple[str, str, frozenset[str] | None]] = {
    "ja": ("pri", "sg", None),
    "ty": ("sec", "sg", None),
    "on": ("ter", "sg", frozenset({"m1", "m2", "m3"})),
    "ona": ("ter", "sg", frozenset({"f"})),
    "ono": ("ter", "sg", frozenset({"n"})),
    "my": ("pri", "pl", None),
    "wy": ("sec", "pl", None),
    "oni": ("ter", "pl", frozenset({"m1"})),
    "one": ("ter", "pl", frozenset({"m2", "m3", "f", "n"})),
}
_FINITE = frozenset({"fin", "praet", "bedzie", "cond"})
_NOUNS = frozenset({"subst", "depr"})
# A correction is taken only when its word is used at least this often (zipf 2)...
_MIN_FREQUENCY = 1e-7
# ...and this many times more often than the next candidate of the same kind.
_MARGIN = 4.0


@dataclass(slots=True)
class _Sentence:
    text: str
    words: list[Word]
    fixes: dict[int, str]

    def apply(self) -> str:
        out: list[str] = []
        cursor = 0
        for i, w in enumerate(self.words):
            if i in self.fixes:
                out.append(self.text[cursor : w.start])
                out.append(self.fixes[i])
                cursor = w.end
        out.append(self.text[cursor:])
        return "".join(out)

    def current(self) -> list[Word]:
        """The words with the fixes made so far."""
        return [
            w.replaced(self.fixes[i]) if i in self.fixes else w for i, w in enumerate(self.words)
        ]


class Checker:
    """Finds and corrects errors in free text (see the module's docstring)."""

    def __init__(
        self,
        morph: Morphology,
        grammar: Grammar,
        comparer: Comparer,
        *,
        respell: Callable[[str], Sequence[str]],
        frequency: Callable[[str], float],
        known: Callable[[str], bool],
    ) -> None:
        self._morph = morph
        self._grammar = grammar
        self._comparer = comparer
        self._respell = respell
        self._frequency = frequency
        self._known = known
        self._variants = Variants(morph, frequency)

    def check(self, text: str, lang: ExplainIn = "en") -> Check:
        sentence = _Sentence(text, words_of(text, tokenize(text)), {})
        self._spelling(sentence)
        for rule in (
            self._numerals,
            self._prepositions,
            self._copula,
            self._objects,
            self._subject_verb,
            self._predicative,
            self._adjectives,
            self._aspect,
        ):
            rule(sentence)
        corrected = sentence.apply()
        if corrected == text:
            return Check(text=text, corrected=text, issues=())
        comparison = self._comparer.compare(corrected, text, lang)
        return Check(text=text, corrected=corrected, issues=comparison.issues)

    # -- helpers -------------------------------------------------------------------------
    def _read(self, text: str) -> tuple[Reading, ...]:
        return self._grammar.usual(text)

    def _form(
        self,
        lemma: str,
        pos: Iterable[str],
        *,
        case: str | None = None,
        number: str | None = None,
        gender: frozenset[str] | None = None,
        person: str | None = None,
        like: Reading | None = None,
    ) -> str | None:
        """The lemma's most used form with these features (and the rest of ``like``'s)."""
        classes = frozenset(pos)
        found: list[str] = []
        for g in self._morph.generate(lemma):
            if g.pos not in classes or g.qualifiers:
                continue
            if case is not None and case not in g.case:
                continue
            if number is not None and number not in g.number:
                continue
            if gender is not None and g.gender and not g.gender & gender:
                continue
            if person is not None and person not in g.person:
                continue
            if like is not None:
                if like.aspect and g.aspect and not g.aspect & like.aspect:
                    continue
                if like.degree and g.degree and not g.degree & like.degree:
                    continue
                if like.pos in _FINITE and g.pos != like.pos:
                    continue
                if gender is None and like.gender and g.gender and not g.gender & like.gender:
                    continue
            found.append(g.form)
        return self._variants.most_used(found)

    def _set(self, s: _Sentence, i: int, form: str | None) -> bool:
        if form is None:
            return False
        word = s.words[i]
        new = form[:1].upper() + form[1:] if word.text[:1].isupper() else form
        current = s.fixes.get(i, word.text)
        if new == current:
            return False
        s.fixes[i] = new
        return True

    # -- 1. spelling ---------------------------------------------------------------------
    def _spelling(self, s: _Sentence) -> None:
        for i, w in enumerate(s.words):
            if not w.text.isalpha() or self._known(w.text):
                continue
            if w.text[:1].isupper() and i > 0:
                continue  # a name the dictionary does not have (Mark, Smith)
            best = self._spell(w.key)
            if best is not None:
                self._set(s, i, best)

    def _spell(self, key: str) -> str | None:
        """The known word an unknown one most likely is: its Polish letters restored, one
        slip away, or both; a clear winner only."""
        tiers: list[list[str]] = [
            [c for c in self._respell(strip_diacritics(key)) if c != key and self._known(c)],
        ]
        near: list[str] = []
        restored: list[str] = []
        for edit in _edits1(key):
            if self._known(edit):
                near.append(edit)
            elif not any(ch in "ąćęłńóśźż" for ch in edit):
                restored.extend(c for c in self._respell(edit) if c != edit and self._known(c))
        tiers += [near, restored]
        for tier in tiers:
            ranked = sorted(dict.fromkeys(tier), key=lambda c: -self._frequency(c))
            if not ranked:
                continue
            best = ranked[0]
            if self._frequency(best) < _MIN_FREQUENCY:
                return None
            if len(ranked) > 1 and self._frequency(best) < _MARGIN * self._frequency(ranked[1]):
                return None  # two likely words: leave it for the learner
            return best
        return None

    # -- 2. grammar ----------------------------------------------------------------------
    def _nouns(self, word: Word) -> list[Reading]:
        """The word's noun readings, plain ones first (*kot* the cat before the slang one)."""
        nouns = [r for r in self._read(word.text) if r.pos in _NOUNS]
        return sorted(nouns, key=lambda r: bool(r.qualifiers))

    def _modifier(self, readings: Sequence[Reading]) -> list[Reading]:
        """The adjective readings of a word that is an adjective here (*mój*: its slang noun
        reading aside)."""
        adjs = [r for r in readings if r.pos in ("adj", "ppas", "pact")]
        nouns = [r for r in readings if r.pos in _NOUNS]
        if adjs and all(r.qualifiers for r in nouns):
            return adjs
        return []

    def _is_name(self, word: Word) -> bool:
        readings = self._read(word.text)
        return bool(readings) and all(r.full_lemma[:1].isupper() for r in readings)

    def _phrase_head(self, words: list[Word], start: int) -> int | None:
        """The noun of the phrase that starts at ``start`` (over adjectives and numerals)."""
        k = start
        while k < len(words) and k - start <= 3:
            if k > start and words[k].boundary_before:
                return None
            readings = self._read(words[k].text)
            if not readings:
                return None
            nouns = [r for r in readings if r.pos in _NOUNS]
            if nouns and not (
                any(r.pos in ADJ_CLASSES for r in readings) and self._noun_next(words, k)
            ):
                return k
            if not any(r.pos in ADJ_CLASSES or r.pos in ("num", "adv") for r in readings):
                return None
            k += 1
        return None

    def _noun_next(self, words: list[Word], k: int) -> bool:
        return (
            k + 1 < len(words)
            and not words[k + 1].boundary_before
            and bool(self._nouns(words[k + 1]))
        )

    def _recase(
        self, s: _Sentence, i: int, cases: Sequence[str], number: str | None = None
    ) -> bool:
        """Make noun i take the first of ``cases`` (keeping its number unless told)."""
        words = s.current()
        nouns = self._nouns(words[i])
        if not nouns or self._is_name(words[i]) and not self._known(words[i].text):
            return False
        if any(set(cases) & r.case and (number is None or number in r.number) for r in nouns):
            return False  # it already is
        noun = nouns[0]
        want_number = number or (next(iter(noun.number)) if len(noun.number) == 1 else None)
        if want_number is None:
            return False
        form = self._form(noun.full_lemma, _NOUNS, case=cases[0], number=want_number)
        return self._set(s, i, form)

    def _numerals(self, s: _Sentence) -> None:
        words = s.current()
        for j, w in enumerate(words):
            head = None
            kind = None
            if w.text.isdecimal():
                n = int(w.text)
                kind = (
                    "one"
                    if n == 1
                    else "congr"
                    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
                    else "rec"
                )
            elif w.key in INDEFINITE_NUMERALS:
                kind = "indef"
            else:
                nums = [r for r in self._read(w.text) if r.pos == "num"]
                if nums and all(":rec" in r.tag for r in nums):
                    kind = "rec"
                elif (
                    nums
                    and all(":congr" in r.tag for r in nums)
                    and w.key in ("dwa", "dwie", "trzy", "cztery", "oba", "obie")
                ):
                    kind = "congr"
            if kind is None or j + 1 >= len(words):
                continue
            head = self._phrase_head(words, j + 1)
            if head is None:
                continue
            if kind == "rec":
                self._recase(s, head, ("gen",), "pl")
            elif kind == "indef":
                self._recase(s, head, ("gen",), "pl" if w.key in _PLURAL_QUANTITIES else None)
            elif kind == "congr" and not (j > 0 and self._grammar.is_prep(words[j - 1])):
                self._recase(s, head, ("nom", "acc"), "pl")

    def _prepositions(self, s: _Sentence) -> None:
        words = s.current()
        for j, w in enumerate(words):
            if not self._grammar.is_prep(w) or self._grammar.is_verb(w):
                continue
            cases = self._grammar.prep_cases(w)
            if not cases:
                continue
            head = self._phrase_head(words, j + 1)
            if head is None or self._numeral_between(words, j, head):
                continue
            nouns = self._nouns(words[head])
            if not nouns or any(r.case & cases for r in nouns):
                continue
            want = self._prep_case(words, j, cases, words[head])
            if want is not None:
                self._recase(s, head, (want,))

    def _numeral_between(self, words: list[Word], j: int, head: int) -> bool:
        return any(
            words[k].text.isdecimal() or any(r.pos == "num" for r in self._read(words[k].text))
            for k in range(j + 1, head)
        )

    def _prep_case(
        self, words: list[Word], j: int, cases: frozenset[str], noun: Word
    ) -> str | None:
        if len(cases) == 1:
            return next(iter(cases))
        pair = _TWO_CASE_PREPS.get(words[j].key)
        if pair is not None and set(pair) <= cases:
            motion = any(
                r.lemma in MOTION_VERBS
                for k in self._grammar.clause(words, j)
                for r in self._read(words[k].text)
                if r.pos in ("fin", "praet", "inf", "impt", "bedzie", "cond")
            )
            return pair[0] if motion else pair[1]
        if words[j].key in ("z", "ze") and self._morph.is_place(noun.text):
            return "gen"  # "Jestem z Anglii": from a place
        return None

    def _copula(self, s: _Sentence) -> None:
        """*Jestem nauczyciel* → *nauczycielem*: być + a noun that says who someone is."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [r for r in self._read(w.text) if r.lemma in COPULAS and r.pos in _FINITE]
            if not verbs or (j > 0 and words[j - 1].key == "to"):
                continue
            head = self._phrase_head(words, j + 1)
            if head is None or head != j + 1 and not self._only_modifiers(words, j + 1, head):
                continue
            if self._is_name(words[head]):
                continue  # "Jestem Anna"
            subject = self._subject_before(words, j)
            speaker = any(r.person & {"pri", "sec"} for r in verbs)
            if not speaker and subject is None:
                continue  # "Tu jest kot": kot is the subject, not what someone is
            nouns = self._nouns(words[head])
            if nouns and all(
                r.case == frozenset({"nom"}) or r.case <= {"nom", "voc"} for r in nouns
            ):
                self._recase(s, head, ("inst",))

    def _only_modifiers(self, words: list[Word], start: int, head: int) -> bool:
        return all(
            any(r.pos in ADJ_CLASSES or r.pos == "adv" for r in self._read(words[k].text))
            for k in range(start, head)
        )

    def _subject_before(self, words: list[Word], v: int) -> int | None:
        for k in range(v - 1, -1, -1):
            if words[k + 1].boundary_before:
                return None
            if any(
                r.pos in ("subst", "ppron12", "ppron3") and r.case == frozenset({"nom"})
                for r in self._read(words[k].text)
            ):
                return k
        return None

    def _objects(self, s: _Sentence) -> None:
        """A verb's object in the case its frame asks (*Lubię kawa* → *kawę*), the genitive after
        a negated verb that takes the accusative (*Nie mam czas* → *czasu*)."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [
                r
                for r in self._read(w.text)
                if r.pos in ("fin", "praet", "inf", "cond", "impt", "bedzie")
            ]
            if not verbs or not self._grammar.is_verb(w):
                continue
            if j + 1 >= len(words) or words[j + 1].boundary_before:
                continue
            head = self._phrase_head(words, j + 1)
            if head is None:
                continue
            if any(self._grammar.is_prep(words[k]) for k in range(j + 1, head)):
                continue
            verb = verbs[0]
            reflexive = any(0 <= k < len(words) and words[k].key == "się" for k in (j - 1, j + 1))
            cases = self._grammar.table.case_of(verb.lemma, reflexive)
            if not cases or len(cases) > 1 and "acc" not in cases:
                continue
            finite = verb.pos in _FINITE
            if finite and not (
                verb.person & {"pri", "sec"} or self._subject_before(words, j) is not None
            ):
                continue  # the noun after a 3rd-person verb may be its subject
            nouns = self._nouns(words[head])
            if not nouns or self._is_name(words[head]):
                continue
            negated = self._grammar.negated(words, j) is not None
            want = (
                "gen"
                if negated and "acc" in cases
                else "acc"
                if "acc" in cases
                else next(iter(cases))
            )
            if any(want in r.case for r in nouns):
                continue
            if any(r.case & cases for r in nouns) and not negated:
                continue  # it already has one of the frame's cases
            self._recase(s, head, (want,))

    def _subject_verb(self, s: _Sentence) -> None:
        """*Ja mieszka* → *mieszkam*; *Ona był* → *była*: a verb agrees with its subject
        pronoun."""
        words = s.current()
        for j, w in enumerate(words):
            feats = _PRONOUN_FEATURES.get(w.key)
            if feats is None:
                continue
            v = j + 1
            while (
                v < len(words)
                and not words[v].boundary_before
                and words[v].key
                in ("nie", "się", "też", "już", "często", "zawsze", "bardzo", "codziennie", "teraz")
            ):
                v += 1
            if v >= len(words) or words[v].boundary_before:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in _FINITE]
            if not verbs or not self._grammar.is_verb(words[v]):
                continue
            person, number, gender = feats
            if any(
                person in r.person
                and number in r.number
                and (gender is None or not r.gender or r.gender & gender)
                for r in verbs
            ):
                continue
            verb = verbs[0]
            form = self._form(
                verb.full_lemma, {verb.pos}, person=person, number=number, gender=gender, like=verb
            )
            self._set(s, v, form)

    def _predicative(self, s: _Sentence) -> None:
        """*Ona jest ładny* → *ładna*: an adjective after być agrees with the subject pronoun."""
        words = s.current()
        for j, w in enumerate(words):
            feats = _PRONOUN_FEATURES.get(w.key)
            if feats is None or feats[2] is None or j + 2 >= len(words):
                continue
            if not any(r.lemma in COPULAS for r in self._read(words[j + 1].text)):
                continue
            k = j + 2
            while k < len(words) and words[k].key in (
                "bardzo",
                "naprawdę",
                "trochę",
                "za",
                "zbyt",
                "taki",
                "taka",
                "takie",
            ):
                k += 1
            if k >= len(words) or words[k].boundary_before:
                continue
            readings = self._read(words[k].text)
            adjs = [r for r in self._modifier(readings) if r.pos == "adj"]
            if not adjs or self._noun_next(words, k):
                continue
            _person, number, gender = feats
            if gender is None or any(
                number in r.number and "nom" in r.case and r.gender & gender for r in adjs
            ):
                continue
            form = self._form(
                adjs[0].full_lemma, {"adj"}, case="nom", number=number, gender=gender, like=adjs[0]
            )
            self._set(s, k, form)

    def _adjectives(self, s: _Sentence) -> None:
        """An adjective (possessive, demonstrative) right before its noun agrees with it."""
        words = s.current()
        for k in range(len(words) - 1, 0, -1):
            noun_at = k
            nouns = self._nouns(words[noun_at])
            if not nouns or words[noun_at].boundary_before:
                continue
            j = k - 1
            while j >= 0 and not words[j + 1].boundary_before:
                readings = self._read(words[j].text)
                adjs = self._modifier(readings)
                if not adjs or self._grammar.is_verb(words[j]):
                    break
                if any(_agrees(a, n) for a in adjs for n in nouns):
                    j -= 1
                    continue
                noun = self._noun_in_context(nouns)
                if noun is None:
                    break
                form = self._form(
                    adjs[0].full_lemma,
                    {adjs[0].pos},
                    case=_one(noun.case),
                    number=_one(noun.number),
                    gender=noun.gender,
                    like=adjs[0],
                )
                self._set(s, j, form)
                j -= 1

    def _noun_in_context(self, nouns: list[Reading]) -> Reading | None:
        """The noun's reading to agree with: one, if its case and number are certain."""
        if len({(frozenset(r.case), frozenset(r.number), frozenset(r.gender)) for r in nouns}) == 1:
            noun = nouns[0]
            if len(noun.case) == 1 and len(noun.number) == 1:
                return noun
        return None

    def _aspect(self, s: _Sentence) -> None:
        """*Codziennie wypiję kawę* → *piję*: a habit word asks for the imperfective."""
        words = s.current()
        keys = [w.key for w in words]
        habit = any(k in HABIT_WORDS and k != "raz" for k in keys) or any(
            tuple(keys[i : i + len(p)]) == p for p in HABIT_PHRASES for i in range(len(keys))
        )
        if not habit:
            return
        for j, w in enumerate(words):
            verbs = [
                r for r in self._read(w.text) if r.pos == "fin" and r.aspect == frozenset({"perf"})
            ]
            if not verbs:
                continue
            verb = verbs[0]
            partners = self._grammar.table.aspect_partner(verb.lemma)
            if len(partners) != 1:
                continue
            form = self._form(
                partners[0], {"fin"}, person=_one(verb.person), number=_one(verb.number)
            )
            self._set(s, j, form)


def _one(values: frozenset[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _agrees(a: Reading, b: Reading) -> bool:
    return bool(
        a.case & b.case
        and (not a.number or not b.number or a.number & b.number)
        and (not a.gender or not b.gender or a.gender & b.gender)
    )


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)
