"""Score a comparer on the teacher-labelled set of learner errors (issue 14's measurement).

The set (``tests/fixtures/language/learner_errors.yaml``) holds realistic learner answers, each
with the step's accepted answers, its declarations (synonyms, slots, the learner's gender) and
what a Polish teacher marks: the verdict and every error, with its type and, for inflection
errors, the feature, the expected value, the rule id and the trigger (docs/feedback-rules.md).

:func:`score` runs every case through a ``compare`` callable shaped like
``LanguageEngine.compare`` and matches the predicted issues to the gold errors by the learner's
word (``got``, case-insensitive; a missing word by its ``expected`` form). Only the keyword
arguments the callable accepts are passed, so the scorer works with the engine before and after
it learns ``learner_gender``, ``synonyms`` and ``slots``; an issue's ``rule`` is read with
``getattr`` for the same reason.
"""

from __future__ import annotations

import inspect
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import yaml

from .text import tokenize
from .types import ISSUE_TYPES, ExplainIn, IssueType, Verdict

CATEGORIES: tuple[str, ...] = (
    "case_verb",
    "case_preposition",
    "case_negation",
    "case_numeral",
    "copula",
    "agreement_adjective",
    "subject_verb",
    "past_gender",
    "aspect",
    "diacritics",
    "multiple",
    "typo",
    "wrong_word",
    "correct_variant",
)
# the least number of cases per category the set must hold (issue 14)
MINIMUM_CASES: dict[str, int] = {
    "case_verb": 30,
    "case_preposition": 30,
    "case_negation": 20,
    "case_numeral": 20,
    "copula": 15,
    "agreement_adjective": 30,
    "subject_verb": 20,
    "past_gender": 20,
    "aspect": 25,
    "diacritics": 20,
    "multiple": 20,
    "typo": 15,
    "wrong_word": 15,
    "correct_variant": 70,
}
MINIMUM_TOTAL = 320
# the held-out set (learner_errors_holdout.yaml), written apart from the engine: fewer cases,
# every category still there
HOLDOUT_MINIMUM_CASES: dict[str, int] = dict.fromkeys(CATEGORIES, 12) | {"correct_variant": 50}
HOLDOUT_MINIMUM_TOTAL = 220
# the category whose cases are correct answers: an "incorrect" there is a false alarm
CORRECT_CATEGORY = "correct_variant"

# rule ids of docs/feedback-rules.md
RULE_IDS: frozenset[str] = frozenset(
    {
        "case.preposition",
        "case.verb_government",
        "case.negation",
        "case.numeral",
        "case.copula",
        "agreement.adjective",
        "agreement.subject_verb",
        "agreement.past_gender",
        "aspect.context",
        "tense.context",
        "ending.declension",
        "person",
        "number",
    }
)
# NKJP values each feature may take
FEATURE_VALUES: dict[str, frozenset[str]] = {
    "case": frozenset({"nom", "gen", "dat", "acc", "inst", "loc", "voc"}),
    "number": frozenset({"sg", "pl"}),
    "gender": frozenset({"m1", "m2", "m3", "f", "n"}),
    "person": frozenset({"pri", "sec", "ter"}),
    "tense": frozenset({"fin", "praet", "bedzie", "impt", "inf", "cond", "imps"}),
    "aspect": frozenset({"imperf", "perf"}),
    "degree": frozenset({"pos", "com", "sup"}),
}
SLOT_KINDS: frozenset[str] = frozenset({"name", "place", "number", "noun"})
LEARNER_GENDERS: frozenset[str] = frozenset({"feminine", "masculine"})
VERDICTS: frozenset[str] = frozenset({"correct", "acceptable", "incorrect"})
# an answer whose errors are all of these types is "acceptable" (only a spelling or order note)
GENTLE_TYPES: frozenset[str] = frozenset({"diacritics", "word_order"})

_CASE_KEYS = frozenset(
    {
        "id",
        "category",
        "expected",
        "answer",
        "verdict",
        "errors",
        "synonyms",
        "slots",
        "learner_gender",
        "note",
    }
)
_ERROR_KEYS = frozenset({"type", "got", "expected", "feature", "value", "rule", "trigger"})


class CaseFileError(ValueError):
    """The learner-errors file is not well-formed (the message names the case)."""


@dataclass(frozen=True, slots=True)
class GoldError:
    """One error as a teacher marks it."""

    type: IssueType
    got: str | None
    expected: str | None
    feature: str | None = None
    value: str | None = None
    rule: str | None = None
    trigger: str | None = None


@dataclass(frozen=True, slots=True)
class LearnerCase:
    """One learner answer with the step it answers and the teacher's labels."""

    id: str
    category: str
    expected: tuple[str, ...]
    answer: str
    verdict: Verdict
    errors: tuple[GoldError, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    slots: Mapping[str, str] = field(default_factory=dict)
    learner_gender: str | None = None
    note: str | None = None


class RuleLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def trigger(self) -> str | None: ...


class IssueLike(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def expected(self) -> str | None: ...

    @property
    def got(self) -> str | None: ...

    @property
    def explanation(self) -> str: ...

    @property
    def feature(self) -> str | None: ...

    @property
    def expected_value(self) -> str | None: ...


class ComparisonLike(Protocol):
    @property
    def verdict(self) -> str: ...

    @property
    def issues(self) -> Sequence[IssueLike]: ...


CompareFn = Callable[..., ComparisonLike]


# ------------------------------------------------------------------------------------------
# loading and checking the file


def load_cases(path: str | Path) -> list[LearnerCase]:
    """Read and type-check the YAML file; :class:`CaseFileError` names the first bad case."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise CaseFileError("the file must hold a list of cases")
    return [_parse_case(item, k) for k, item in enumerate(raw)]


def _parse_case(item: object, index: int) -> LearnerCase:
    where = f"case #{index + 1}"
    if not isinstance(item, dict):
        raise CaseFileError(f"{where}: a case must be a mapping")
    case_id = item.get("id")
    if isinstance(case_id, str) and case_id:
        where = case_id
    unknown = set(item) - _CASE_KEYS
    if unknown:
        raise CaseFileError(f"{where}: unknown keys {sorted(unknown)}")
    case_id = _text(item, "id", where)
    category = _text(item, "category", where)
    if category not in CATEGORIES:
        raise CaseFileError(f"{where}: unknown category {category!r}")
    expected = item.get("expected")
    if (
        not isinstance(expected, list)
        or not expected
        or not all(isinstance(e, str) and e.strip() for e in expected)
    ):
        raise CaseFileError(f"{where}: expected must be a non-empty list of sentences")
    answer = _text(item, "answer", where)
    verdict = _text(item, "verdict", where)
    if verdict not in VERDICTS:
        raise CaseFileError(f"{where}: verdict must be one of {sorted(VERDICTS)}")
    errors = item.get("errors")
    if not isinstance(errors, list):
        raise CaseFileError(f"{where}: errors must be a list ([] for a correct answer)")
    gold = tuple(_parse_error(e, f"{where}, error #{k + 1}") for k, e in enumerate(errors))
    synonyms = _synonyms(item.get("synonyms"), where)
    slots = _slots(item.get("slots"), where)
    gender = item.get("learner_gender")
    if gender is not None and gender not in LEARNER_GENDERS:
        raise CaseFileError(f"{where}: learner_gender must be one of {sorted(LEARNER_GENDERS)}")
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise CaseFileError(f"{where}: note must be text")
    return LearnerCase(
        id=case_id,
        category=category,
        expected=tuple(cast(list[str], expected)),
        answer=answer,
        verdict=cast(Verdict, verdict),
        errors=gold,
        synonyms=synonyms,
        slots=slots,
        learner_gender=cast(str | None, gender),
        note=note,
    )


def _text(item: Mapping[str, object], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CaseFileError(f"{where}: {key} must be non-empty text")
    return value


def _optional_text(item: Mapping[str, object], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CaseFileError(f"{where}: {key} must be non-empty text or null")
    return value


def _parse_error(item: object, where: str) -> GoldError:
    if not isinstance(item, dict):
        raise CaseFileError(f"{where}: an error must be a mapping")
    unknown = set(item) - _ERROR_KEYS
    if unknown:
        raise CaseFileError(f"{where}: unknown keys {sorted(unknown)}")
    issue_type = item.get("type")
    if issue_type not in ISSUE_TYPES:
        raise CaseFileError(f"{where}: type must be one of {list(ISSUE_TYPES)}")
    got = _optional_text(item, "got", where)
    expected = _optional_text(item, "expected", where)
    if issue_type == "missing_word":
        if got is not None or expected is None:
            raise CaseFileError(f"{where}: a missing word has got: null and an expected word")
    elif issue_type == "extra_word":
        if got is None or expected is not None:
            raise CaseFileError(f"{where}: an extra word has a got word and expected: null")
    elif got is None or expected is None:
        raise CaseFileError(f"{where}: {issue_type} needs both got and expected")
    if issue_type != "inflection":
        extra = {"feature", "value", "rule", "trigger"} & set(item)
        if extra:
            raise CaseFileError(f"{where}: only inflection errors have {sorted(extra)}")
        return GoldError(type=cast(IssueType, issue_type), got=got, expected=expected)
    feature = item.get("feature")
    if feature not in FEATURE_VALUES:
        raise CaseFileError(f"{where}: feature must be one of {sorted(FEATURE_VALUES)}")
    value = item.get("value")
    if value not in FEATURE_VALUES[feature]:
        raise CaseFileError(f"{where}: value of {feature} must be one of the NKJP tags")
    rule = item.get("rule")
    if rule not in RULE_IDS:
        raise CaseFileError(f"{where}: rule must be one of docs/feedback-rules.md's ids")
    if "trigger" not in item:
        raise CaseFileError(f"{where}: an inflection error needs a trigger (or trigger: null)")
    trigger = _optional_text(item, "trigger", where)
    return GoldError(
        type="inflection",
        got=got,
        expected=expected,
        feature=cast(str, feature),
        value=cast(str, value),
        rule=cast(str, rule),
        trigger=trigger,
    )


def _synonyms(value: object, where: str) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    groups: list[tuple[str, ...]] = []
    if isinstance(value, list):
        for group in value:
            if (
                isinstance(group, list)
                and len(group) >= 2
                and all(isinstance(w, str) and w.strip() for w in group)
            ):
                groups.append(tuple(group))
                continue
            break
        else:
            return tuple(groups)
    raise CaseFileError(f"{where}: synonyms must be a list of groups of two or more words")


def _slots(value: object, where: str) -> Mapping[str, str]:
    if value is None:
        return {}
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v in SLOT_KINDS for k, v in value.items()
    ):
        return dict(value)
    raise CaseFileError(f"{where}: slots must map words to one of {sorted(SLOT_KINDS)}")


def _words(text: str) -> set[str]:
    return {token.key for token in tokenize(text)}


def expected_verdict(errors: Iterable[GoldError]) -> Verdict:
    """The verdict the errors call for: none → correct, only gentle notes → acceptable."""
    types = {e.type for e in errors}
    if not types:
        return "correct"
    if types <= GENTLE_TYPES:
        return "acceptable"
    return "incorrect"


def validate_cases(
    cases: Sequence[LearnerCase],
    *,
    minimums: Mapping[str, int] = MINIMUM_CASES,
    minimum_total: int = MINIMUM_TOTAL,
) -> list[str]:
    """Problems with the set as a whole and with each case's labels (empty when sound).

    Checks unique ids named after their category, the minimum cases per category (the main
    set's by default; the held-out set passes :data:`HOLDOUT_MINIMUM_CASES`), verdicts
    that match the errors, every ``got`` a word of the answer, every trigger a word of an
    expected sentence or null (an ``ending.declension`` trigger is a lemma: the tests check
    it with Morfeusz), missing words and slot words taken from an expected sentence.
    """
    problems: list[str] = []
    seen: set[str] = set()
    counts = dict.fromkeys(CATEGORIES, 0)
    for case in cases:
        where = case.id
        if case.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(case.id)
        if not case.id.startswith(case.category + "-"):
            problems.append(f"{where}: the id should start with its category")
        counts[case.category] += 1
        want = expected_verdict(case.errors)
        if case.verdict != want:
            problems.append(f"{where}: verdict {case.verdict} but the errors call for {want}")
        if (case.category == CORRECT_CATEGORY) != (not case.errors):
            problems.append(f"{where}: only {CORRECT_CATEGORY} cases have no errors")
        answer_words = _words(case.answer)
        expected_words: set[str] = set()
        for sentence in case.expected:
            expected_words |= _words(sentence)
        for error in case.errors:
            if error.got is not None and not _words(error.got) <= answer_words:
                problems.append(f"{where}: got {error.got!r} is not a word of the answer")
            if error.type == "missing_word" and not _words(error.expected or "") <= (
                expected_words
            ):
                problems.append(f"{where}: missing {error.expected!r} is not an expected word")
            if (
                error.trigger is not None
                and error.rule != "ending.declension"
                and error.trigger.lower() not in expected_words
            ):
                problems.append(f"{where}: trigger {error.trigger!r} is not an expected word")
        for word in case.slots:
            if word.lower() not in expected_words:
                problems.append(f"{where}: slot {word!r} is not a word of an expected sentence")
    for category, least in minimums.items():
        if counts[category] < least:
            problems.append(f"{category}: {counts[category]} cases, at least {least} needed")
    if len(cases) < minimum_total:
        problems.append(f"{len(cases)} cases in all, at least {minimum_total} needed")
    return problems


# ------------------------------------------------------------------------------------------
# running a comparer


def accepted_keywords(compare: Callable[..., object]) -> frozenset[str] | None:
    """Keyword arguments ``compare`` accepts (``None``: any, it takes ``**kwargs``)."""
    try:
        params = inspect.signature(compare).parameters.values()
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        return frozenset({"explain_in"})
    names: set[str] = set()
    for param in params:
        if param.kind is inspect.Parameter.VAR_KEYWORD:
            return None
        if param.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            names.add(param.name)
    return frozenset(names)


def run_case(
    compare: CompareFn,
    case: LearnerCase,
    *,
    explain_in: ExplainIn = "en",
    accepted: frozenset[str] | None = None,
) -> ComparisonLike:
    """Compare the case's answer, passing the step's declarations the callable accepts."""
    offered: dict[str, Any] = {
        "explain_in": explain_in,
        "learner_gender": case.learner_gender,
        "synonyms": [list(group) for group in case.synonyms] or None,
        "slots": dict(case.slots) or None,
    }
    kwargs = {k: v for k, v in offered.items() if accepted is None or k in accepted}
    return compare(list(case.expected), case.answer, **kwargs)


def rule_of(issue: IssueLike) -> tuple[str | None, str | None]:
    """``(rule id, trigger)`` of a predicted issue, ``(None, None)`` when it has no rule."""
    rule = getattr(issue, "rule", None)
    if rule is None:
        return None, None
    return getattr(rule, "id", None), getattr(rule, "trigger", None)


def _gold_key(error: GoldError) -> str:
    return (error.got if error.got is not None else error.expected or "").lower()


def _issue_keys(issue: IssueLike) -> tuple[str, frozenset[str]]:
    text = issue.got if issue.got is not None else issue.expected or ""
    key = text.lower()
    return key, frozenset(token.key for token in tokenize(key))


def match_issues(
    gold: Sequence[GoldError], issues: Sequence[IssueLike]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair gold errors with predicted issues by the learner's word.

    A gold error with a ``got`` word matches an issue whose ``got`` is that word
    (case-insensitive); a missing word matches a missing-word issue by its ``expected`` form.
    Pairs of the same type are made first, then any type, then an issue whose ``got`` is a
    phrase containing the word (a swap of two words). Returns ``(pairs, unmatched gold
    indices, unmatched issue indices)``; each side is used once.
    """
    pairs: list[tuple[int, int]] = []
    free_gold = list(range(len(gold)))
    free_issues = list(range(len(issues)))
    keys = [_issue_keys(issue) for issue in issues]

    def missing(k: int) -> bool:
        return issues[k].got is None

    passes: tuple[Callable[[GoldError, int], bool], ...] = (
        lambda g, k: (
            (g.got is None) == missing(k)
            and _gold_key(g) == keys[k][0]
            and g.type == issues[k].type
        ),
        lambda g, k: (g.got is None) == missing(k) and _gold_key(g) == keys[k][0],
        lambda g, k: (
            g.got is not None
            and not missing(k)
            and _gold_key(g) in keys[k][1]
            and len(keys[k][1]) > 1
        ),
    )
    for same in passes:
        for g in list(free_gold):
            for k in free_issues:
                if same(gold[g], k):
                    pairs.append((g, k))
                    free_gold.remove(g)
                    free_issues.remove(k)
                    break
    pairs.sort()
    return pairs, free_gold, free_issues


# ------------------------------------------------------------------------------------------
# metrics


@dataclass(slots=True)
class Tally:
    """``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hits += int(ok)

    def merge(self, other: Tally) -> None:
        self.hits += other.hits
        self.total += other.total

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, object]:
        rate = self.rate
        return {
            "hits": self.hits,
            "total": self.total,
            "rate": None if rate is None else round(rate, 4),
        }


METRICS: tuple[str, ...] = (
    "verdict",
    "pass_fail",
    "found",
    "type",
    "feature",
    "case_value",
    "rule",
    "trigger",
    "false_alarm",
)


@dataclass(slots=True)
class CategoryScore:
    """Every metric of one category (or of the whole set).

    ``verdict``: predicted verdict = gold verdict, per case. ``pass_fail``: accepted
    (correct/acceptable) vs incorrect agrees, per case. ``found``: gold errors matched by a
    predicted issue at the same word. ``type``: matched errors of the right type. ``feature``,
    ``rule``, ``trigger``: over matched inflection errors; ``case_value`` over matched
    inflection errors whose feature is the case. ``false_alarm``: correct-variant cases judged
    incorrect. ``extra_issues`` counts predicted issues that match no gold error, out of
    ``predicted_issues``; ``failures`` counts cases where ``compare`` raised.
    """

    cases: int = 0
    verdict: Tally = field(default_factory=Tally)
    pass_fail: Tally = field(default_factory=Tally)
    found: Tally = field(default_factory=Tally)
    type: Tally = field(default_factory=Tally)
    feature: Tally = field(default_factory=Tally)
    case_value: Tally = field(default_factory=Tally)
    rule: Tally = field(default_factory=Tally)
    trigger: Tally = field(default_factory=Tally)
    false_alarm: Tally = field(default_factory=Tally)
    extra_issues: int = 0
    predicted_issues: int = 0
    failures: int = 0

    def tally(self, name: str) -> Tally:
        return cast(Tally, getattr(self, name))

    def merge(self, other: CategoryScore) -> None:
        self.cases += other.cases
        for name in METRICS:
            self.tally(name).merge(other.tally(name))
        self.extra_issues += other.extra_issues
        self.predicted_issues += other.predicted_issues
        self.failures += other.failures

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"cases": self.cases}
        for name in METRICS:
            out[name] = self.tally(name).to_dict()
        out["extra_issues"] = self.extra_issues
        out["predicted_issues"] = self.predicted_issues
        out["failures"] = self.failures
        return out


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One case after ``compare``: the prediction and how it matched the gold errors."""

    case: LearnerCase
    verdict: str | None  # None when compare raised
    issues: tuple[IssueLike, ...]
    pairs: tuple[tuple[int, int], ...]  # (gold index, issue index)
    missed: tuple[int, ...]  # gold errors no issue matched
    extra: tuple[int, ...]  # issues that match no gold error
    failure: str | None = None

    def to_dict(self) -> dict[str, object]:
        issues: list[dict[str, object]] = []
        for issue in self.issues:
            rule_id, trigger = rule_of(issue)
            issues.append(
                {
                    "type": issue.type,
                    "got": issue.got,
                    "expected": issue.expected,
                    "feature": issue.feature,
                    "expected_value": issue.expected_value,
                    "rule": None if rule_id is None else {"id": rule_id, "trigger": trigger},
                    "explanation": issue.explanation,
                }
            )
        return {
            "id": self.case.id,
            "category": self.case.category,
            "gold_verdict": self.case.verdict,
            "verdict": self.verdict,
            "issues": issues,
            "pairs": [list(p) for p in self.pairs],
            "missed": list(self.missed),
            "extra": list(self.extra),
            "failure": self.failure,
        }


@dataclass(slots=True)
class Report:
    """Per-category and overall scores, with every case's result."""

    categories: dict[str, CategoryScore]
    overall: CategoryScore
    results: list[CaseResult]
    explain_in: ExplainIn = "en"

    def to_dict(self, *, with_cases: bool = True) -> dict[str, object]:
        out: dict[str, object] = {
            "explain_in": self.explain_in,
            "overall": self.overall.to_dict(),
            "categories": {name: s.to_dict() for name, s in self.categories.items()},
        }
        if with_cases:
            out["cases"] = [r.to_dict() for r in self.results]
        return out


def _accepted(verdict: str | None) -> bool:
    return verdict in ("correct", "acceptable")


def _same_trigger(rule_id: str | None, predicted: str | None, gold: str | None) -> bool:
    if rule_id is None:  # no rule, no trigger to be right about (even when the gold one is null)
        return False
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return predicted.strip().lower() == gold.strip().lower()


def score_case(result: CaseResult) -> CategoryScore:
    """The metrics of one case's result."""
    case = result.case
    s = CategoryScore(cases=1)
    s.failures = int(result.failure is not None)
    s.verdict.add(result.verdict == case.verdict)
    s.pass_fail.add(
        result.verdict is not None and _accepted(result.verdict) == _accepted(case.verdict)
    )
    if case.category == CORRECT_CATEGORY:
        s.false_alarm.add(result.verdict == "incorrect" or result.verdict is None)
    matched = dict(result.pairs)
    for g, error in enumerate(case.errors):
        k = matched.get(g)
        s.found.add(k is not None)
        if k is None:
            continue
        issue = result.issues[k]
        s.type.add(issue.type == error.type)
        if error.type != "inflection":
            continue
        s.feature.add(issue.feature == error.feature)
        if error.feature == "case":
            s.case_value.add(issue.expected_value == error.value)
        rule_id, trigger = rule_of(issue)
        s.rule.add(rule_id == error.rule)
        s.trigger.add(_same_trigger(rule_id, trigger, error.trigger))
    s.predicted_issues = len(result.issues)
    s.extra_issues = len(result.extra)
    return s


def evaluate(compare: CompareFn, case: LearnerCase, *, explain_in: ExplainIn = "en") -> CaseResult:
    """Run one case and match its issues (a ``compare`` that raises is recorded, not raised)."""
    return _evaluate(compare, case, explain_in, accepted_keywords(compare))


def _evaluate(
    compare: CompareFn, case: LearnerCase, explain_in: ExplainIn, accepted: frozenset[str] | None
) -> CaseResult:
    try:
        comparison = run_case(compare, case, explain_in=explain_in, accepted=accepted)
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report, not a reason to stop scoring
        return CaseResult(
            case=case,
            verdict=None,
            issues=(),
            pairs=(),
            missed=tuple(range(len(case.errors))),
            extra=(),
            failure=f"{type(exc).__name__}: {exc}",
        )
    issues = tuple(comparison.issues)
    pairs, missed, extra = match_issues(case.errors, issues)
    return CaseResult(
        case=case,
        verdict=comparison.verdict,
        issues=issues,
        pairs=tuple(pairs),
        missed=tuple(missed),
        extra=tuple(extra),
    )


def score(
    cases: Sequence[LearnerCase], compare: CompareFn, *, explain_in: ExplainIn = "en"
) -> Report:
    """Run every case through ``compare`` and score it per category and overall."""
    accepted = accepted_keywords(compare)
    categories = {name: CategoryScore() for name in CATEGORIES}
    overall = CategoryScore()
    results: list[CaseResult] = []
    for case in cases:
        result = _evaluate(compare, case, explain_in, accepted)
        results.append(result)
        one = score_case(result)
        categories[case.category].merge(one)
        overall.merge(one)
    return Report(categories=categories, overall=overall, results=results, explain_in=explain_in)


# ------------------------------------------------------------------------------------------
# presenting a report

TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("verdict", "verdict"),
    ("pass_fail", "pass/fail"),
    ("found", "found"),
    ("type", "type"),
    ("feature", "feature"),
    ("case_value", "case value"),
    ("rule", "rule"),
    ("trigger", "trigger"),
    ("false_alarm", "false alarms"),
)


def format_tally(t: Tally) -> str:
    rate = t.rate
    if rate is None:
        return "—"
    return f"{100 * rate:.0f}% ({t.hits}/{t.total})"


def format_table(report: Report) -> str:
    """The per-category table in markdown (the last row is the whole set)."""
    head = ["category", "cases", *(label for _name, label in TABLE_COLUMNS), "extra issues"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    rows = [(name, s) for name, s in report.categories.items() if s.cases]
    rows.append(("**all**", report.overall))
    for name, s in rows:
        cells = [name, str(s.cases)]
        cells += [format_tally(s.tally(metric)) for metric, _label in TABLE_COLUMNS]
        cells.append(f"{s.extra_issues}/{s.predicted_issues}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Explanation:
    """A predicted issue's explanation with the case it was given for."""

    case: LearnerCase
    issue: IssueLike
    gold: GoldError | None  # the gold error it matched, if any


def sample_explanations(
    report: Report, n: int, *, seed: int = 0, types: Iterable[str] | None = None
) -> list[Explanation]:
    """``n`` predicted issues drawn at random (fixed ``seed``), optionally of some types only."""
    wanted = None if types is None else frozenset(types)
    pool: list[Explanation] = []
    for result in report.results:
        gold_of = {k: g for g, k in result.pairs}
        for k, issue in enumerate(result.issues):
            if wanted is not None and issue.type not in wanted:
                continue
            g = gold_of.get(k)
            pool.append(
                Explanation(result.case, issue, None if g is None else result.case.errors[g])
            )
    rng = random.Random(seed)
    return rng.sample(pool, min(n, len(pool)))
