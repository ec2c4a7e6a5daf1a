"""Free-text checking on the learners' own free sentences, labelled by a teacher (issue 15).

    python bench/check_learner.py [--data PATH] [--show N] [--out-dir DIR]

Reads ``tests/fixtures/language/free_text_learner.yaml``: 378 sentences A1-B1 learners type in
free conversation (122 correct; 16 in each of 16 error categories), each with the teacher's
corrected sentence and every error's ``got``, ``expected`` and rule id. Runs
``LanguageEngine.check(text)`` on every sentence and reports, per category:

- **errors found** (recall): the error's words were changed by ``check``;
- **corrected right**: changed into the teacher's form;
- **wrong form**: changed, but not into the teacher's form (a false correction);
- **false alarms**: words the teacher left alone that ``check`` changed, on the wrong sentences
  (untouched words) and on the correct sentences (a correct sentence changed at all);
- **sentences fixed**: ``check``'s whole sentence is the teacher's.

Counting (see bench/README.md, "check_learner.py"): a sentence is its list of word tokens
(punctuation aside), compared lower-cased. ``check``'s changes are the differences between the
learner's words and ``check``'s corrected words (a run of changed words of equal length is one
change per word). A change and a teacher's error belong together when they touch the same
words; each such group is *right* when ``check``'s words there equal the teacher's. Rule ids are
compared where the teacher gave one and ``check``'s issue for the same words has one.
Writes bench/out/check_learner.md and bench/out/check_learner.json (figures and every
sentence's result); another file's name (after ``free_text_learner_``) is added to the
stem (``--data tests/fixtures/language/free_text_learner_holdout.yaml``: check_learner_holdout.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.language.text import tokenize  # noqa: E402

DEFAULT_DATA = ROOT / "tests" / "fixtures" / "language" / "free_text_learner.yaml"
OUT_DIR = ROOT / "bench" / "out"
CORRECT = "correct"
CATEGORIES = (
    "spelling",
    "polish_letters",
    "word_break",
    "preposition_case",
    "verb_case",
    "negation_genitive",
    "numeral",
    "copula_instrumental",
    "adjective_agreement",
    "predicative_agreement",
    "subject_verb",
    "past_gender",
    "aspect",
    "wrong_ending",
    "coordination",
    "mixed",
)
FIELDS = frozenset({"id", "category", "correct", "text", "corrected", "errors"})
ERROR_FIELDS = frozenset({"got", "expected", "rule"})


class FixtureError(ValueError):
    """The sentences file is not in the expected form."""


@dataclass(frozen=True, slots=True)
class GoldError:
    got: str
    expected: str
    rule: str | None
    start: int  # token span of ``got`` in the learner's sentence
    end: int


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    category: str
    text: str
    corrected: str
    errors: tuple[GoldError, ...]

    @property
    def correct(self) -> bool:
        return not self.errors


def words(text: str) -> list[str]:
    """The word tokens of ``text``, lower-cased (punctuation aside)."""
    return [t.key for t in tokenize(text)]


def apply_errors(text: str, errors: Iterable[tuple[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each ``(got, expected)`` replaced left to right (whole words, each after the
    previous one), and the token span of every ``got`` in ``text``. Raises ``FixtureError`` when a
    ``got`` is not found."""
    tokens = tokenize(text)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    char = 0  # characters of ``text`` copied so far
    at = 0  # first token a later error may start at
    for got, expected in errors:
        want = [t.text for t in tokenize(got)]
        if not want or " ".join(want) != got.strip():
            raise FixtureError(f"{got!r} is not a run of words")
        start = next(
            (
                i
                for i in range(at, len(tokens) - len(want) + 1)
                if [t.text for t in tokens[i : i + len(want)]] == want
            ),
            None,
        )
        if start is None:
            raise FixtureError(f"{got!r} is not in {text!r} (after the previous error)")
        end = start + len(want)
        out += [text[char : tokens[start].start], expected]
        char = tokens[end - 1].end
        spans.append((start, end))
        at = end
    out.append(text[char:])
    return "".join(out), spans


def load_cases(path: Path) -> list[Case]:
    """The sentences of ``path``; raises ``FixtureError`` on a malformed entry."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise FixtureError("the file must hold a list of sentences")
    cases = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != FIELDS:
            raise FixtureError(f"entry {item!r} must have exactly the fields {sorted(FIELDS)}")
        errors = item["errors"] or []
        for error in errors:
            if not isinstance(error, dict) or set(error) != ERROR_FIELDS:
                raise FixtureError(f"{item['id']}: error {error!r} needs {sorted(ERROR_FIELDS)}")
        try:
            _, spans = apply_errors(item["text"], [(e["got"], e["expected"]) for e in errors])
        except FixtureError as exc:
            raise FixtureError(f"{item['id']}: {exc}") from None
        gold = tuple(
            GoldError(e["got"], e["expected"], e["rule"], start, end)
            for e, (start, end) in zip(errors, spans, strict=True)
        )
        cases.append(Case(item["id"], item["category"], item["text"], item["corrected"], gold))
    return cases


@dataclass(frozen=True, slots=True)
class Change:
    """``check``'s change: the learner's words ``start:end`` became ``words`` (``start == end``:
    words added)."""

    start: int
    end: int
    words: tuple[str, ...]


def changes(text: str, corrected: str) -> list[Change]:
    """What ``check`` changed, in the learner's word positions (a run of replaced words of equal
    length is one change per word)."""
    a, b = words(text), words(corrected)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out += [Change(i1 + k, i1 + k + 1, (b[j1 + k],)) for k in range(i2 - i1)]
        else:
            out.append(Change(i1, i2, tuple(b[j1:j2])))
    return out


def _touch(change: Change, start: int, end: int) -> bool:
    if change.start == change.end:  # words added: inside the span only
        return start < change.start < end
    return change.start < end and start < change.end


@dataclass(slots=True)
class Group:
    """Teacher's errors and ``check``'s changes that touch the same words."""

    start: int
    end: int
    gold: list[GoldError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def teacher(self, learner: Sequence[str]) -> list[str]:
        return _apply(
            learner, self.start, self.end, [(g.start, g.end, words(g.expected)) for g in self.gold]
        )

    def ours(self, learner: Sequence[str]) -> list[str]:
        return _apply(
            learner, self.start, self.end, [(c.start, c.end, list(c.words)) for c in self.changes]
        )


def _apply(
    learner: Sequence[str], start: int, end: int, edits: Sequence[tuple[int, int, list[str]]]
) -> list[str]:
    out: list[str] = []
    at = start
    for s, e, new in sorted(edits, key=lambda x: (x[0], x[1])):
        out += list(learner[at:s]) + new
        at = e
    return out + list(learner[at:end])


def groups(case: Case, found: Sequence[Change]) -> list[Group]:
    """The teacher's errors and ``check``'s changes, grouped where they touch the same words."""
    items: list[Group] = [Group(g.start, g.end, gold=[g]) for g in case.errors]
    for change in found:
        hit = [g for g in items if g.gold and _touch(change, g.start, g.end)]
        if not hit:
            items.append(Group(change.start, change.end, changes=[change]))
            continue
        merged = Group(
            min([change.start] + [g.start for g in hit]),
            max([change.end] + [g.end for g in hit]),
            gold=[e for g in hit for e in g.gold],
            changes=[c for g in hit for c in g.changes] + [change],
        )
        items = [g for g in items if all(g is not h for h in hit)] + [merged]
    return sorted(items, key=lambda g: (g.start, g.end))


@dataclass(slots=True)
class Tally:
    sentences: int = 0
    errors: int = 0
    found: int = 0  # errors whose words check changed
    right: int = 0  # ... into the teacher's form
    rule_labelled: int = 0  # right errors with a teacher's rule and an issue rule to compare
    rule_agrees: int = 0
    fixed: int = 0  # sentences whose words are the teacher's
    changed: int = 0  # sentences check changed at all
    false_alarms: int = 0  # check's changes on words the teacher left alone
    false_alarm_sentences: int = 0
    misses: list[str] = field(default_factory=list)  # the first few missed errors
    wrong: list[str] = field(default_factory=list)  # every error given a wrong form
    alarms: list[str] = field(default_factory=list)

    @property
    def wrong_form(self) -> int:
        return self.found - self.right


@dataclass(slots=True)
class CaseResult:
    id: str
    category: str
    text: str
    teacher: str
    check: str
    issues: list[dict[str, object]]
    errors: int
    found: int
    right: int
    false_alarms: list[str]
    fixed: bool


@dataclass(slots=True)
class Scores:
    by_category: dict[str, Tally]
    by_rule: dict[str, Tally]
    total: Tally  # every wrong sentence
    results: list[CaseResult]

    @property
    def correct(self) -> Tally:
        return self.by_category[CORRECT]

    @property
    def precision(self) -> float:
        made = self.total.right + self.total.wrong_form + self.total.false_alarms
        made += self.correct.false_alarms
        return self.total.right / made if made else 1.0


def _issue_rule(issues: Sequence[Any], error: GoldError) -> str | None:
    for issue in issues:
        got, expected = getattr(issue, "got", None), getattr(issue, "expected", None)
        if got is None or expected is None:
            continue
        if words(got) == words(error.got) and words(expected) == words(error.expected):
            rule = getattr(issue, "rule", None)
            return getattr(rule, "id", None)
    return None


def _describe(learner: Sequence[str], group: Group) -> str:
    return (
        f"{' '.join(learner[group.start : group.end]) or '(nothing)'} → "
        f"{' '.join(group.ours(learner)) or '(nothing)'}"
    )


def score(cases: Sequence[Case], checked: Sequence[Any], show: int = 3) -> Scores:
    """Scores of ``check``'s results (objects with ``.corrected`` and ``.issues``), one per case."""
    by_category = {name: Tally() for name in (*CATEGORIES, CORRECT)}
    by_rule: dict[str, Tally] = {}
    total = Tally()
    results: list[CaseResult] = []
    for case, result in zip(cases, checked, strict=True):
        corrected = str(result.corrected)
        learner = words(case.text)
        found = changes(case.text, corrected)
        tally = by_category.setdefault(case.category, Tally())
        fixed = words(corrected) == words(case.corrected)
        tallies = [tally] if case.correct else [tally, total]
        alarms: list[str] = []
        counts = {"found": 0, "right": 0}
        for group in groups(case, found):
            if not group.gold:
                alarms.append(_describe(learner, group))
                continue
            flagged = bool(group.changes)
            right = flagged and group.ours(learner) == group.teacher(learner)
            for error in group.gold:
                rule = error.rule or "(none: slip or Polish letters)"
                rule_tally = by_rule.setdefault(rule, Tally())
                labelled = None
                if right and error.rule is not None:
                    labelled = _issue_rule(result.issues, error)
                for t in (*tallies, rule_tally):
                    t.errors += 1
                    t.found += flagged
                    t.right += right
                    if labelled is not None:
                        t.rule_labelled += 1
                        t.rule_agrees += labelled == error.rule
                counts["found"] += flagged
                counts["right"] += right
                if not right:
                    how = f"gave {' '.join(group.ours(learner))}" if flagged else "missed"
                    note = (
                        f"[{case.id}] {case.text} — {error.got} → {error.expected} "
                        f"({error.rule or 'no rule'}): {how}; check: {corrected}"
                    )
                    if flagged:
                        tally.wrong.append(note)
                    elif len(tally.misses) < show:
                        tally.misses.append(note)
                    if not flagged and len(rule_tally.misses) < show:
                        rule_tally.misses.append(note)
        for t in tallies:
            t.sentences += 1
            t.fixed += fixed
            t.changed += bool(found)
            t.false_alarms += len(alarms)
            t.false_alarm_sentences += bool(alarms)
        if alarms and len(tally.alarms) < show:
            tally.alarms.append(f"[{case.id}] {case.text} — {'; '.join(alarms)}")
        for rule in {e.rule or "(none: slip or Polish letters)" for e in case.errors}:
            by_rule[rule].sentences += 1
        results.append(
            CaseResult(
                id=case.id,
                category=case.category,
                text=case.text,
                teacher=case.corrected,
                check=corrected,
                issues=[i.to_dict() for i in result.issues if hasattr(i, "to_dict")],
                errors=len(case.errors),
                found=counts["found"],
                right=counts["right"],
                false_alarms=alarms,
                fixed=fixed,
            )
        )
    return Scores(by_category, dict(sorted(by_rule.items())), total, results)


def run(check: Callable[[str], Any], cases: Sequence[Case]) -> tuple[list[Any], float]:
    """``check`` on every sentence, and sentences/s."""
    start = time.perf_counter()
    checked = [check(case.text) for case in cases]
    elapsed = time.perf_counter() - start
    return checked, len(cases) / elapsed if elapsed else 0.0


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _row(name: str, t: Tally) -> str:
    rule = f"{t.rule_agrees}/{t.rule_labelled}" if t.rule_labelled else "–"
    return (
        f"| {name} | {t.sentences} | {t.errors} | {t.found} ({_pct(t.found, t.errors)}) "
        f"| {t.right} ({_pct(t.right, t.errors)}) | {t.wrong_form} | {rule} "
        f"| {t.false_alarms} ({t.false_alarm_sentences}) "
        f"| {t.fixed} ({_pct(t.fixed, t.sentences)}) |"
    )


def _rule_row(name: str, t: Tally) -> str:
    rule = f"{t.rule_agrees}/{t.rule_labelled}" if t.rule_labelled else "–"
    return (
        f"| {name} | {t.sentences} | {t.errors} | {t.found} ({_pct(t.found, t.errors)}) "
        f"| {t.right} ({_pct(t.right, t.errors)}) | {t.wrong_form} | {rule} |"
    )


def report(scores: Scores, data: Path, speed: float) -> str:
    c = scores.correct
    made = scores.total.found + scores.total.false_alarms + c.false_alarms
    lines = [
        f"## check on the learners' free sentences ({data.name}, {len(scores.results)} sentences)",
        "",
        "Words compared lower-cased, punctuation aside. *found*: the error's words changed; "
        "*right*: changed into the teacher's form; *wrong form*: changed into something else; "
        "*rule*: the issue's rule id is the teacher's (right errors with a rule); *false "
        "alarms*: changes to words the teacher left alone (sentences with one); *fixed*: the "
        "whole sentence is the teacher's.",
        "",
        "| category | sentences | errors | found | right | wrong form | rule "
        "| false alarms | fixed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [_row(name, scores.by_category[name]) for name in CATEGORIES]
    lines.append(_row("**all wrong sentences**", scores.total))
    lines += [
        "",
        f"Correct sentences: {c.sentences}; changed by check: {c.changed} "
        f"({_pct(c.changed, c.sentences)}), {c.false_alarms} changes.",
        "",
        f"Precision: of {made} changes check made, {scores.total.right} are the teacher's "
        f"({_pct(scores.total.right, made)}); {scores.total.wrong_form} gave a wrong form of a "
        f"real error, {scores.total.false_alarms} touched untouched words of wrong sentences, "
        f"{c.false_alarms} touched correct sentences.",
        "",
        f"Throughput: {speed:,.0f} sentences/s (one pass, engine loaded).",
        "",
        "### by the teacher's rule",
        "",
        "| rule | sentences | errors | found | right | wrong form | rule id agrees |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [_rule_row(f"`{rule}`", t) for rule, t in scores.by_rule.items()]
    for name in (*CATEGORIES, CORRECT):
        t = scores.by_category[name]
        if t.misses or t.wrong or t.alarms:
            lines += ["", f"### {name}", ""]
            lines += [f"- miss: {m}" for m in t.misses]
            lines += [f"- wrong form: {w}" for w in t.wrong]
            lines += [f"- false alarm: {a}" for a in t.alarms]
    return "\n".join(lines) + "\n"


def figures(scores: Scores, speed: float) -> dict[str, object]:
    def plain(t: Tally) -> dict[str, object]:
        out = asdict(t)
        out["wrong_form"] = t.wrong_form
        return out

    return {
        "sentences": len(scores.results),
        "sentences_per_second": round(speed, 1),
        "precision": round(scores.precision, 4),
        "categories": {name: plain(t) for name, t in scores.by_category.items()},
        "rules": {name: plain(t) for name, t in scores.by_rule.items()},
        "all_wrong_sentences": plain(scores.total),
        "results": [asdict(r) for r in scores.results],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--show", type=int, default=3, help="misses and false alarms per category")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args()
    try:
        cases = load_cases(args.data)
    except FixtureError as exc:
        print(f"{args.data}: {exc}", file=sys.stderr)
        return 2
    engine = LanguageEngine.load()
    checked, speed = run(engine.check, cases)
    scores = score(cases, checked, args.show)
    text = report(scores, args.data, speed)
    print(text, end="")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = "check_learner"
    if args.data.resolve() != DEFAULT_DATA.resolve():  # another file's figures beside these
        stem += "_" + (args.data.stem.removeprefix(f"{DEFAULT_DATA.stem}_") or args.data.stem)
    (args.out_dir / f"{stem}.md").write_text(text, encoding="utf-8")
    (args.out_dir / f"{stem}.json").write_text(
        json.dumps(figures(scores, speed), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
