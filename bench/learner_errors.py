"""The language engine on the teacher-labelled set of learner errors (issue 14).

    python bench/learner_errors.py [--cases PATH] [--lang en|pl] [--explanations N] [--seed S]

``--cases`` (alias ``--data``) picks the set: the main one by default, or the held-out one,
``tests/fixtures/language/learner_errors_holdout.yaml``, written apart from the engine and
never tuned on (its own, smaller minimums per category apply to it).

Prints the per-category table (markdown): verdict accuracy, pass/fail agreement, errors found
at the right word, type, feature, case value, rule id and trigger accuracy over the matched
errors, false alarms on correct variants, and predicted issues that match no gold error.
Writes the figures and every case's prediction to bench/out/<set's file name>.json
(learner_errors.json, learner_errors_holdout.json).
``--explanations N`` also prints N predicted issues drawn at random (fixed seed) with their
case, for a person to read; ``--types inflection`` restricts the draw to some issue types.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.language.scoring import (  # noqa: E402
    HOLDOUT_MINIMUM_CASES,
    HOLDOUT_MINIMUM_TOTAL,
    MINIMUM_CASES,
    MINIMUM_TOTAL,
    Explanation,
    format_table,
    load_cases,
    rule_of,
    sample_explanations,
    score,
    validate_cases,
)
from polish_tutor.language.types import ExplainIn  # noqa: E402

DEFAULT_DATA = ROOT / "tests" / "fixtures" / "language" / "learner_errors.yaml"
HOLDOUT_DATA = DEFAULT_DATA.with_name("learner_errors_holdout.yaml")
OUT_DIR = ROOT / "bench" / "out"


def show(item: Explanation, number: int) -> str:
    case, issue = item.case, item.issue
    rule_id, trigger = rule_of(issue)
    lines = [
        f"{number}. [{case.id}] expected: {' | '.join(case.expected)}",
        f"   answer: {case.answer}",
    ]
    if case.learner_gender:
        lines.append(f"   learner: {case.learner_gender}")
    gold = item.gold
    if gold is None:
        lines.append("   teacher: (no error marked at this word)")
    else:
        mark = f"{gold.type} {gold.got} → {gold.expected}"
        if gold.type == "inflection":
            mark += f" ({gold.feature}={gold.value}, {gold.rule}, trigger {gold.trigger})"
        lines.append(f"   teacher: {mark}")
    predicted = f"{issue.type} {issue.got} → {issue.expected}"
    if issue.feature:
        predicted += f" ({issue.feature}={issue.expected_value}"
        predicted += f", {rule_id}, trigger {trigger})" if rule_id else ", no rule)"
    lines.append(f"   engine: {predicted}")
    lines.append(f"   explanation: {issue.explanation}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cases", "--data", dest="cases", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=None, help="default bench/out/<set>.json")
    ap.add_argument("--lang", choices=("en", "pl"), default="en", help="language of explanations")
    ap.add_argument("--explanations", type=int, default=0, metavar="N", help="print N at random")
    ap.add_argument("--types", default="", help="comma-separated issue types to draw from")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    lang = cast(ExplainIn, args.lang)

    out: Path = args.out or OUT_DIR / f"{args.cases.stem}.json"
    cases = load_cases(args.cases)
    if args.cases.name == HOLDOUT_DATA.name:
        minimums, total = HOLDOUT_MINIMUM_CASES, HOLDOUT_MINIMUM_TOTAL
    else:
        minimums, total = MINIMUM_CASES, MINIMUM_TOTAL
    problems = validate_cases(cases, minimums=minimums, minimum_total=total)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)

    t0 = time.perf_counter()
    engine = LanguageEngine.load()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = score(cases, engine.compare, explain_in=lang)
    run_s = time.perf_counter() - t0

    print(f"## Learner errors: {args.cases.name} ({len(cases)} cases, explanations in {lang})\n")
    print(format_table(report))
    print(
        f"\nengine load {load_s:.1f} s; {len(cases)} comparisons in {run_s:.2f} s "
        f"({len(cases) / run_s:.0f} cases/s, not a throughput benchmark)"
    )
    failures = [r for r in report.results if r.failure]
    if failures:
        print(f"\ncompare raised on {len(failures)} cases:")
        for r in failures[:20]:
            print(f"  {r.case.id}: {r.failure}")

    if args.explanations:
        types = [t.strip() for t in args.types.split(",") if t.strip()] or None
        drawn = sample_explanations(report, args.explanations, seed=args.seed, types=types)
        print(f"\n## {len(drawn)} explanations drawn at random (seed {args.seed}, {lang})\n")
        for k, item in enumerate(drawn, 1):
            print(show(item, k))
            print()

    out.parent.mkdir(parents=True, exist_ok=True)
    payload = report.to_dict()
    payload["data"] = str(args.cases)
    payload["problems"] = problems
    payload["seconds"] = {"load": round(load_s, 3), "compare": round(run_s, 3)}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
