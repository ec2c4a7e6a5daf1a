"""Align a learner's answer with the expected sentence and classify every difference."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import explain
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
from .text import (
    Token,
    diacritic_letters,
    has_diacritics,
    osa_distance,
    strip_diacritics,
    tokenize,
)
from .types import Comparison, ExplainIn, Issue, IssueType, Verdict

MISSING_COST = 1.0
EXTRA_COST = 1.0
SWAP_COST = 0.45
DIACRITICS_COST = 0.15
INFLECTION_COST = 0.4
TYPO_COST = 0.45
WRONG_BASE_COST = 0.8

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
_SUBORDINATORS = frozenset(
    {"że", "żeby", "aby", "bo", "gdy", "jeśli", "jeżeli", "kiedy", "ponieważ", "chociaż"}
    | {"który", "która", "które", "którego", "której", "którzy", "których", "którym"}
)
_CLAUSE_OPENERS = frozenset({"comp", "conj"})
_COORDINATORS = frozenset({"i", "oraz", "lub", "albo", "czy", "ani", "a"})
_MODIFIER_CLASSES = ADJ_CLASSES | {"adv", "qub", "part"}


@dataclass(slots=True)
class _Word:
    text: str
    key: str
    plain: str  # lower-case, no diacritics
    boundary_before: bool = False  # clause punctuation between this word and the previous


_BOUNDARY_CHARS = frozenset(',;:()–—-"„”?!.')


def _words(text: str, tokens: list[Token]) -> list[_Word]:
    out: list[_Word] = []
    prev_end = 0
    for t in tokens:
        gap = text[prev_end : t.start]
        boundary = bool(out) and any(ch in _BOUNDARY_CHARS for ch in gap)
        out.append(_Word(t.text, t.key, strip_diacritics(t.key), boundary))
        prev_end = t.end
    return out


@dataclass(slots=True)
class _Op:
    kind: str  # match | sub | del | ins | swap
    ei: int  # expected index (-1 if none); for swap the first of the two
    ai: int  # answer index (-1 if none); for swap the first of the two


@dataclass(frozen=True, slots=True)
class _Inflection:
    feature: str | None
    expected_value: str | None
    got_value: str | None
    trigger: str | None
    trigger_kind: str | None
    number: str | None
    aspect: str | None
    n_diffs: int


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
        self, morph: Morphology, respell: Callable[[str], Sequence[str]] | None = None
    ) -> None:
        self._morph = morph
        self._respell = respell
        self._cost_cache: dict[tuple[str, str], float] = {}

    # -- similarity ----------------------------------------------------------------------
    def _lemmas(self, word: str) -> frozenset[str]:
        return frozenset(r.lemma.lower() for r in self._morph.analyse(word))

    def sub_cost(self, e: _Word, a: _Word) -> float:
        if e.key == a.key:
            return 0.0
        ck = (e.key, a.key)
        cached = self._cost_cache.get(ck)
        if cached is not None:
            return cached
        if e.plain == a.plain:
            cost = DIACRITICS_COST
        else:
            le = self._lemmas(e.key)
            la = self._lemmas(a.key)
            if le and la and le & la:
                cost = INFLECTION_COST
            else:
                longest = max(len(e.plain), len(a.plain))
                limit = _typo_limit(longest)
                d = osa_distance(e.plain, a.plain, limit=max(limit, longest))
                if d <= limit and longest > 2:
                    cost = TYPO_COST + 0.05 * d
                else:
                    cost = WRONG_BASE_COST + 0.4 * min(1.0, d / max(1, longest))
        if len(self._cost_cache) > 200_000:
            self._cost_cache.clear()
        self._cost_cache[ck] = cost
        return cost

    # -- alignment -----------------------------------------------------------------------
    def align(self, exp: list[_Word], ans: list[_Word]) -> tuple[list[_Op], float]:
        n, m = len(exp), len(ans)
        p = 0
        while p < n and p < m and exp[p].key == ans[p].key:
            p += 1
        s = 0
        while s < n - p and s < m - p and exp[n - 1 - s].key == ans[m - 1 - s].key:
            s += 1
        ops: list[_Op] = [_Op("match", i, i) for i in range(p)]
        mid_ops, cost = self._dp(exp, ans, p, n - s, p, m - s)
        ops.extend(mid_ops)
        ops.extend(_Op("match", n - s + k, m - s + k) for k in range(s))
        return ops, cost

    def _dp(
        self, exp: list[_Word], ans: list[_Word], e0: int, e1: int, a0: int, a1: int
    ) -> tuple[list[_Op], float]:
        n, m = e1 - e0, a1 - a0
        if n == 0:
            return [_Op("ins", -1, a0 + j) for j in range(m)], EXTRA_COST * m
        if m == 0:
            return [_Op("del", e0 + i, -1) for i in range(n)], MISSING_COST * n
        cost_fn = self.sub_cost if n * m <= _FULL_COST_CELLS else _cheap_cost
        sub = [[cost_fn(exp[e0 + i], ans[a0 + j]) for j in range(m)] for i in range(n)]
        inf = float("inf")
        d = [[inf] * (m + 1) for _ in range(n + 1)]
        back: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
        d[0][0] = 0.0
        for i in range(n + 1):
            for j in range(m + 1):
                if i == 0 and j == 0:
                    continue
                best = inf
                how = ""
                if i > 0 and j > 0:
                    v = d[i - 1][j - 1] + sub[i - 1][j - 1]
                    if v < best:
                        best, how = v, "sub"
                if i > 0:
                    v = d[i - 1][j] + MISSING_COST
                    if v < best:
                        best, how = v, "del"
                if j > 0:
                    v = d[i][j - 1] + EXTRA_COST
                    if v < best:
                        best, how = v, "ins"
                if i > 1 and j > 1:
                    c1 = sub[i - 2][j - 1]
                    c2 = sub[i - 1][j - 2]
                    if c1 <= INFLECTION_COST and c2 <= INFLECTION_COST:
                        v = d[i - 2][j - 2] + SWAP_COST + c1 + c2
                        if v < best:
                            best, how = v, "swap"
                d[i][j] = best
                back[i][j] = how
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
                ops.append(_Op("swap", e0 + i - 2, a0 + j - 2))
                i -= 2
                j -= 2
        ops.reverse()
        return ops, d[n][m]

    # -- classification ------------------------------------------------------------------
    def compare_one(self, expected: str, answer: str, lang: ExplainIn) -> tuple[Comparison, float]:
        exp = _words(expected, tokenize(expected))
        ans = _words(answer, tokenize(answer))
        ops, _cost = self.align(exp, ans)
        issues: list[tuple[int, Issue]] = []  # (sort key, issue)

        dels = [op for op in ops if op.kind == "del"]
        inss = [op for op in ops if op.kind == "ins"]
        moved: set[int] = set()
        # a word that is missing in one place and extra in another was moved
        used_ins: set[int] = set()
        for d in dels:
            for k, ins in enumerate(inss):
                if k in used_ins:
                    continue
                if self.sub_cost(exp[d.ei], ans[ins.ai]) <= DIACRITICS_COST:
                    used_ins.add(k)
                    moved.add(id(d))
                    moved.add(id(ins))
                    after = exp[d.ei - 1].text if d.ei > 0 else None
                    issues.append(
                        (
                            d.ei,
                            Issue(
                                type="word_order",
                                expected=exp[d.ei].text,
                                got=ans[ins.ai].text,
                                explanation=explain.word_order_moved(exp[d.ei].text, after, lang),
                                position=ins.ai,
                            ),
                        )
                    )
                    if exp[d.ei].key != ans[ins.ai].key:
                        issue = self._classify(exp, d.ei, ans, ins.ai, lang)
                        if issue is not None:
                            issues.append((d.ei, issue))
                    break
        for op in ops:
            if id(op) in moved or op.kind == "match":
                continue
            if op.kind == "del":
                after = exp[op.ei - 1].text if op.ei > 0 else None
                issues.append(
                    (
                        op.ei,
                        Issue(
                            type="missing_word",
                            expected=exp[op.ei].text,
                            got=None,
                            explanation=explain.missing_word(exp[op.ei].text, after, lang),
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
                issue = self._classify(exp, op.ei, ans, op.ai, lang)
                if issue is not None:
                    issues.append((op.ei, issue))
            elif op.kind == "swap":
                e_phrase = f"{exp[op.ei].text} {exp[op.ei + 1].text}"
                a_phrase = f"{ans[op.ai].text} {ans[op.ai + 1].text}"
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
                for ei, ai in ((op.ei, op.ai + 1), (op.ei + 1, op.ai)):
                    if exp[ei].key != ans[ai].key:
                        issue = self._classify(exp, ei, ans, ai, lang)
                        if issue is not None:
                            issues.append((ei, issue))
        issues.sort(key=lambda item: item[0])
        final = tuple(issue for _k, issue in issues)
        verdict = _verdict(final)
        cost = sum(ISSUE_COST[i.type] for i in final)
        return Comparison(verdict=verdict, expected=expected, answer=answer, issues=final), cost

    def _classify(
        self, exp: list[_Word], ei: int, ans: list[_Word], ai: int, lang: ExplainIn
    ) -> Issue | None:
        e = exp[ei]
        a = ans[ai]
        if e.key == a.key:
            return None
        if e.plain == a.plain:
            other_form = any(not r.full_lemma[:1].isupper() for r in self._morph.analyse(a.key))
            return Issue(
                type="diacritics",
                expected=e.text,
                got=a.text,
                explanation=explain.diacritics(
                    e.text, a.text, _missing_letters(e.key, a.key), other_form, lang
                ),
                position=ai,
            )
        infl = self._inflection(exp, ei, a.text)
        respelled = False
        known = self._morph.is_known(a.text)
        if infl is None and not known and self._respell is not None and not has_diacritics(a.key):
            # "szkola" for "szkoły": without Polish letters, and also in the wrong form
            for cand in self._respell(a.key):
                if cand != a.key and cand != e.key:
                    infl = self._inflection(exp, ei, cand)
                    if infl is not None:
                        respelled = True
                        break
        if infl is not None:
            text = explain.inflection(
                expected=e.text,
                got=a.text,
                feature=infl.feature,
                expected_value=infl.expected_value,
                got_value=infl.got_value,
                trigger=infl.trigger,
                trigger_kind=infl.trigger_kind,
                number=infl.number,
                aspect=infl.aspect,
                lang=lang,
            )
            if respelled:
                text += " " + explain.also_polish_letters(e.text, lang)
            return Issue(
                type="inflection",
                expected=e.text,
                got=a.text,
                explanation=text,
                feature=infl.feature,
                expected_value=infl.expected_value,
                got_value=infl.got_value,
                position=ai,
            )
        longest = max(len(e.plain), len(a.plain))
        d = osa_distance(e.plain, a.plain, limit=longest)
        near = d <= _typo_limit(longest) and longest > 2
        issue_type: IssueType
        if not known or near:
            issue_type = "typo"
            text = explain.typo(e.text, a.text, known, lang)
        else:
            issue_type = "wrong_word"
            text = explain.wrong_word(e.text, a.text, lang)
        return Issue(type=issue_type, expected=e.text, got=a.text, explanation=text, position=ai)

    # -- inflection ----------------------------------------------------------------------
    def _context(
        self, exp: list[_Word], ei: int
    ) -> tuple[frozenset[str], str | None, str | None, list[Reading]]:
        """Governing preposition cases, the trigger word and kind, and agreement neighbours."""
        morph = self._morph
        prep_cases: frozenset[str] = frozenset()
        trigger: str | None = None
        kind: str | None = None
        neighbours: list[Reading] = []
        # look back over up to two modifiers for a preposition or verb
        for back in (1, 2, 3):
            j = ei - back
            if j < 0 or exp[j + 1].boundary_before:
                break  # not across a comma (nie wiem, co robić)
            readings = morph.analyse(exp[j].text)
            preps = [r for r in readings if r.pos == "prep"]
            if preps:
                cases: set[str] = set()
                for r in preps:
                    cases.update(r.case)
                prep_cases = frozenset(cases)
                trigger, kind = exp[j].text, "prep"
                break
            if back == 1 and any(r.pos in FINITE_VERB_CLASSES or r.pos == "inf" for r in readings):
                if not any(r.pos in NOUN_CLASSES or r.pos in ADJ_CLASSES for r in readings):
                    trigger, kind = exp[j].text, "verb"
                    break
            if not any(r.pos in _MODIFIER_CLASSES for r in readings):
                break
        for j in (ei - 1, ei + 1):
            if 0 <= j < len(exp):
                readings = morph.analyse(exp[j].text)
                if any(r.pos in FINITE_VERB_CLASSES for r in readings):
                    continue  # "ma" is a verb, not the old "moja"
                neighbours.extend(
                    r for r in readings if r.pos in ADJ_CLASSES or r.pos in NOUN_CLASSES
                )
        return prep_cases, trigger, kind, neighbours

    def _clause(self, exp: list[_Word], ei: int) -> range:
        """The words of ei's clause: up to punctuation or a subordinating word (że, który)."""
        lo = ei
        while lo > 0 and not exp[lo].boundary_before and exp[lo].key not in _SUBORDINATORS:
            lo -= 1
        hi = ei
        while (
            hi + 1 < len(exp)
            and not exp[hi + 1].boundary_before
            and exp[hi + 1].key not in _SUBORDINATORS
        ):
            hi += 1
        return range(lo, hi + 1)

    def _clause_has_other_verb(self, exp: list[_Word], ei: int) -> bool:
        for j in self._clause(exp, ei):
            if j != ei and any(
                r.pos in FINITE_VERB_CLASSES for r in self._morph.analyse(exp[j].text)
            ):
                return True
        return False

    def _object_position(
        self,
        exp: list[_Word],
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

    def _coordinated(self, exp: list[_Word], lo: int, hi: int) -> bool:
        """Are words lo and hi joined by "i", "oraz", "lub"... (Trzy dziewczyny i chłopak)?"""
        between = [exp[k].key for k in range(lo + 1, hi)]
        if not between or len(between) > 3 or not any(w in _COORDINATORS for w in between):
            return False
        return all(
            w in _COORDINATORS
            or any(r.pos in _MODIFIER_CLASSES for r in self._morph.analyse(exp[k].text))
            for k, w in zip(range(lo + 1, hi), between, strict=True)
        )

    def _governing_verb(self, exp: list[_Word], ei: int) -> int | None:
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
        exp: list[_Word],
        ei: int,
        e_cands: list[Reading],
        prep_cases: frozenset[str],
    ) -> tuple[str, ...]:
        """Cases from most to least plausible for the expected word in its sentence."""
        all_cases = frozenset(c for r in e_cands for c in r.case)
        if prep_cases:
            first = [c for c in _PREP_CASE_ORDER if c in prep_cases]
            return tuple(first + [c for c in _PREP_CASE_ORDER if c not in prep_cases])
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

    def _is_address(self, exp: list[_Word], ei: int) -> bool:
        """Is the word set off by commas / at the edge of the sentence (Uwolnij go, wujku!)?"""
        before = ei == 0 or exp[ei].boundary_before
        after = ei == len(exp) - 1 or exp[ei + 1].boundary_before
        return before and after

    def _is_prep(self, word: str) -> bool:
        return any(r.pos == "prep" for r in self._morph.analyse(word))

    def _inflection(self, exp: list[_Word], ei: int, got: str) -> _Inflection | None:
        morph = self._morph
        e_read = morph.analyse(exp[ei].text)
        g_read = morph.analyse(got)
        if not e_read or not g_read:
            return None
        g_lemmas = {r.lemma.lower() for r in g_read}
        e_cands = [r for r in e_read if r.lemma.lower() in g_lemmas]
        common = [r for r in e_cands if not r.full_lemma[:1].isupper()]
        if common:  # proper names (Nagel) only when nothing else fits
            e_cands = common
        if not e_cands:
            return None
        clause_has_verb = self._clause_has_other_verb(exp, ei)
        reflexive = any(0 <= j < len(exp) and exp[j].key == "się" for j in (ei - 1, ei + 1, ei + 2))
        prep_cases, trigger, kind, neighbours = self._context(exp, ei)
        case_order = self._case_order(exp, ei, e_cands, prep_cases)
        best: tuple[tuple[float, ...], Reading, Reading, list[str]] | None = None
        for re_ in e_cands:
            ctx = 0.0
            rank = min((case_order.index(c) for c in re_.case), default=len(case_order))
            if prep_cases and re_.case:
                ctx += 2.0 if re_.case & prep_cases else -1.0
            if re_.case and neighbours and _agrees_any(re_, _partners(re_, neighbours)):
                ctx += 1.0
            if re_.qualifiers:
                ctx -= 0.5
            if re_.pos in FINITE_VERB_CLASSES and not clause_has_verb:
                ctx += 1.5
            if re_.pos in FINITE_VERB_CLASSES and reflexive:
                ctx += 1.0
            elif re_.pos == "ger":
                ctx -= 0.5
            for rg in g_read:
                if rg.lemma.lower() != re_.lemma.lower():
                    continue
                diffs = _differences(re_, rg)
                if not diffs:
                    continue
                prio = min((FEATURE_ORDER.index(f) for f in diffs if f in FEATURE_ORDER), default=9)
                n_diffs = len(diffs) + (0.5 if "pos" in diffs else 0.0)
                key = (n_diffs, -ctx, float(prio), float(rank), 0.5 if rg.qualifiers else 0.0)
                if best is None or key < best[0]:
                    best = (key, re_, rg, diffs)
        if best is None:
            return None
        _key, re_, rg, diffs = best
        named = [f for f in FEATURE_ORDER if f in diffs]
        feature = named[0] if named else None
        ev: str | None = None
        gv: str | None = None
        agree_word: str | None = None
        if feature == "tense":
            ev, gv = re_.pos, rg.pos
        elif feature is not None:
            prefer: frozenset[str] = frozenset()
            if feature == "case" and prep_cases:
                prefer = prep_cases
            elif feature in ("case", "gender", "number") and neighbours:
                agreeing = [n for n in _partners(re_, neighbours) if _agrees(re_, n)]
                if agreeing:
                    vals: set[str] = set()
                    for n in agreeing:
                        vals.update(n.values(feature))
                    prefer = frozenset(vals)
                    agree_word = agreeing[0].form
            order = case_order if feature == "case" else None
            ev = _pick(re_.values(feature), feature, prefer, order)
            gv = _pick(rg.values(feature), feature)
            if feature == "gender":
                ev = _masculine(re_.gender, prefer, ev)
                gv = _masculine(rg.gender, frozenset(), gv)
        if feature in ("gender",) and agree_word is not None:
            trigger, kind = agree_word, "agree"
        if feature != "case" and kind != "agree":
            trigger_out, kind_out = None, None
        else:
            trigger_out, kind_out = trigger, kind
        if feature == "case" and kind == "prep" and ev not in prep_cases:
            trigger_out, kind_out = None, None
        number = _pick(re_.number, "number") if re_.number else None
        aspect = _pick(re_.aspect, "aspect") if re_.aspect else None
        return _Inflection(
            feature=feature,
            expected_value=ev,
            got_value=gv,
            trigger=trigger_out,
            trigger_kind=kind_out,
            number=number,
            aspect=aspect,
            n_diffs=len(diffs),
        )

    # -- public --------------------------------------------------------------------------
    def compare(
        self, expected: str | Sequence[str], answer: str, lang: ExplainIn = "en"
    ) -> Comparison:
        options = [expected] if isinstance(expected, str) else list(expected)
        if not options:
            raise ValueError("expected must contain at least one accepted answer")
        best: tuple[float, int, Comparison] | None = None
        for k, option in enumerate(options):
            comparison, cost = self.compare_one(option, answer, lang)
            rank = _VERDICT_RANK[comparison.verdict]
            key = (rank + cost, k)
            if best is None or key < best[:2]:
                best = (key[0], k, comparison)
            if comparison.verdict == "correct":
                break
        assert best is not None
        return best[2]


_VERDICT_RANK: dict[Verdict, float] = {"correct": 0.0, "acceptable": 0.0, "incorrect": 0.0}


def _verdict(issues: tuple[Issue, ...]) -> Verdict:
    if not issues:
        return "correct"
    if all(i.type == "diacritics" for i in issues):
        return "acceptable"
    return "incorrect"


_FULL_COST_CELLS = 3_000  # beyond this (very long texts) use a cheap similarity


def _cheap_cost(e: _Word, a: _Word) -> float:
    if e.key == a.key:
        return 0.0
    if e.plain == a.plain:
        return DIACRITICS_COST
    if e.plain[:4] == a.plain[:4] and abs(len(e.plain) - len(a.plain)) <= 3:
        return INFLECTION_COST
    return WRONG_BASE_COST + 0.2


_MASCULINE = frozenset({"m1", "m2", "m3"})


def _masculine(values: frozenset[str], prefer: frozenset[str], picked: str) -> str:
    """Adjectives' "any masculine" (m1.m2.m3, as Morfeusz writes it) unless context narrows it."""
    if values & _MASCULINE == _MASCULINE and not (prefer and len(prefer & _MASCULINE) == 1):
        return "m1.m2.m3"
    return picked


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


def _partners(r: Reading, neighbours: list[Reading]) -> list[Reading]:
    """Neighbours a reading can agree with: nouns for adjectives and adjectives for nouns."""
    if r.pos in NOUN_CLASSES:
        return [n for n in neighbours if n.pos in ADJ_CLASSES]
    if r.pos in ADJ_CLASSES:
        return [n for n in neighbours if n.pos in ("subst", "depr", "ger")]
    return []


def _agrees_any(r: Reading, others: list[Reading]) -> bool:
    return any(_agrees(r, o) for o in others)


def _missing_letters(expected: str, got: str) -> list[str]:
    out: list[str] = []
    for ce, cg in zip(expected.lower(), got.lower(), strict=False):
        if ce != cg and ce not in out and ce in "ąćęłńóśźż":
            out.append(ce)
    if not out:
        out = diacritic_letters(expected)
    return out


def _sort_pos(ops: list[_Op], op: _Op) -> int:
    """Expected-side index just before an inserted answer word (for ordering issues)."""
    last = -1
    for o in ops:
        if o is op:
            break
        if o.ei >= 0:
            last = o.ei + (1 if o.kind == "swap" else 0)
    return last
