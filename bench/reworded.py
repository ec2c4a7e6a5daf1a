"""The teacher-labelled reworded answers (issue 14): how many correct rewordings the lesson
tutor accepts and how many wrong ones it refuses, per level and per lesson.

    python bench/reworded.py [--write-misses]

Every case of ``tests/fixtures/lessons/reworded*.yaml`` goes through the real engine the way
the lesson tutor judges an answer (the step's accepted answers, its and the lesson's synonyms,
its slots, the learner's gender). Writes bench/out/reworded.md. ``--write-misses`` rewrites
``tests/fixtures/lessons/reworded-engine-misses.txt``, the cases the engine gets wrong today,
which ``tests/lessons/test_reworded_answers.py`` runs as strict xfails.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.validation import default_lessons_dir, load_lesson_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "lessons"
MISSES = FIXTURES / "reworded-engine-misses.txt"
OUT = ROOT / "bench" / "out" / "reworded.md"
HEADER = """\
# Reworded answers the engine gets wrong today: a correct rewording it refuses, or a wrong one it
# accepts (one case id per line, as tests/lessons/test_reworded_answers.py names them). They run as
# strict xfails; a fix makes one pass, and its line must go. Written by
# `python bench/reworded.py --write-misses`; the figures are in bench/out/reworded.md.
"""


def case_id(case: dict[str, Any]) -> str:
    """The id the test gives a case (keep in step with the test's ``_case_id``)."""
    mark = "ok" if case.get("correct") else "wrong"
    gender = f" ({case['learner_gender']})" if case.get("learner_gender") else ""
    return f"{case.get('lesson')}[{case.get('step')}] {mark}: {case.get('answer')}{gender}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-misses", action="store_true")
    args = parser.parse_args()
    lessons = {
        lesson.id: lesson
        for lesson in map(load_lesson_file, sorted(default_lessons_dir().glob("*.yaml")))
    }
    cases: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob("reworded*.yaml")):
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    engine = LanguageEngine.load()
    tally: Counter[tuple[str, str, bool]] = Counter()  # (group, kind, right)
    misses: list[str] = []
    for case in cases:
        lesson = lessons[case["lesson"]]
        step = lesson.dialogue[case["step"]]
        result = engine.compare(
            step.answers,
            case["answer"],
            synonyms=[*step.synonyms, *lesson.synonyms],
            slots=step.slots,
            question=step.tutor,
            learner_gender=case.get("learner_gender"),
            open_needs=step.open,
            slot_classes=step.slot_classes,
            kept_aspect=step.aspect,
        )
        accepted = result.verdict in ("correct", "acceptable")
        right = accepted == bool(case["correct"])
        kind = "correct" if case["correct"] else "wrong"
        for group in (lesson.level, lesson.id, "all"):
            tally[(group, kind, right)] += 1
        if not right:
            misses.append(case_id(case))

    def row(group: str) -> str:
        ok_right, ok_all = (
            tally[(group, "correct", True)],
            sum(tally[(group, "correct", r)] for r in (True, False)),
        )
        bad_right, bad_all = (
            tally[(group, "wrong", True)],
            sum(tally[(group, "wrong", r)] for r in (True, False)),
        )
        return (
            f"| {group} | {ok_all} | {ok_right} ({100 * ok_right / max(ok_all, 1):.0f}%) "
            f"| {bad_all} | {bad_right} ({100 * bad_right / max(bad_all, 1):.0f}%) |"
        )

    groups = sorted({g for g, _k, _r in tally if g != "all" and "-" not in g})
    lesson_ids = sorted({g for g, _k, _r in tally if "-" in g})
    lines = [
        "## Reworded answers (teacher-labelled), judged as the lesson tutor judges them",
        "",
        "| group | correct rewordings | accepted | wrong answers | refused |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(row(g) for g in [*groups, "all"]),
        "",
        "Per lesson:",
        "",
        "| lesson | correct rewordings | accepted | wrong answers | refused |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(row(g) for g in lesson_ids),
    ]
    report = "\n".join(lines) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report, encoding="utf-8")
    print(report)
    if args.write_misses:
        MISSES.write_text(HEADER + "".join(f"{m}\n" for m in sorted(misses)), encoding="utf-8")
        print(f"wrote {len(misses)} known misses to {MISSES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
