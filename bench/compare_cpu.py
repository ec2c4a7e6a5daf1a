"""The language engine's part of a lesson turn, one process, no server (not a test).

    python bench/compare_cpu.py answers FILE          # write the answers (chat_wrk.py's kinds)
    python bench/compare_cpu.py time FILE [--passes 1] [--warmup 200] [--prepare answers]
    python bench/compare_cpu.py results FILE OUT [--prepare english]  # every result, to diff

``answers`` writes, for every step of every lesson, the answers ``chat_wrk.py`` and
``turn_cpu.py`` send (its right answers, three with a noun or adjective in another case, the
first without its Polish letters, two off-topic lines; seed 1), built by an engine of its own so
that the measured engine starts as a server's does. ``time`` plays the lessons as
``turn_cpu.py`` does (at each step a wrong answer, by turns of kind, then the right one) through
the lesson tutor's judging (``engine_judge``: the exact match, else ``compare`` with the step's
declarations; for a wrong answer ``looks_english`` and, where the tutor asks it, ``check``) and
prints the engine's CPU time per answer (the thread's, so that other processes on the machine
count little) by kind and by verdict (median and mean µs; every answer a
first-time one, the first ``--warmup`` not counted; with ``--passes 2 --warmup 1143`` the second
pass only: the steps seen before, each answer judged anew, as for the next learners).
``results`` runs ``compare`` on every answer of the file with no gender, each gender and both
languages, ``looks_english`` and ``check`` on the wrong ones, and ``compare`` on every
teacher-labelled reworded answer (``tests/fixtures/lessons/reworded*.yaml``), and writes one
line per call (the whole frozen result), so two checkouts' files can be diffed.

``--prepare`` is what the engine works out before the first answer, as the API's start-up
(``TUTOR_PREPARE_LANGUAGE``): ``english`` the English word list only; ``answers`` (``time``'s
default, the API's) also what ``compare`` remembers of the course's accepted answers
(``LanguageEngine.prepare_answers``; its CPU time is printed). ``results`` with each of the two
must write the same file.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from polish_tutor.ai_agent.drivers.local import (  # noqa: E402
    FULL_ANSWER_AFTER,
    LocalDriver,
    StepAnswer,
    engine_judge,
)
from polish_tutor.language import Comparison, LanguageEngine  # noqa: E402
from polish_tutor.language.types import ExplainIn, LearnerGender  # noqa: E402
from polish_tutor.lessons.catalog import LessonCatalog  # noqa: E402
from polish_tutor.lessons.schemas import DialogueStep, Lesson  # noqa: E402
from polish_tutor.turn_types import Feedback  # noqa: E402

WRONG_KINDS = ("wrong_case", "missing_letters", "off_topic")
GENDERS: tuple[LearnerGender | None, ...] = (None, "feminine", "masculine")
LANGS: tuple[ExplainIn, ...] = ("en", "pl")


def _lessons() -> list[Lesson]:
    return list(LessonCatalog.from_directory())


def write_answers(path: Path, seed: int) -> None:
    import chat_wrk as cw

    lessons = _lessons()
    steps = [
        cw.LessonSteps(lesson.id, tuple(tuple(step.answers) for step in lesson.dialogue))
        for lesson in lessons
    ]
    lines, kinds = cw.answer_lines(steps, random.Random(seed))
    rows = []
    for line in lines:
        fields = line.split("\t")
        if fields[0] == "answer":
            rows.append([fields[1], int(fields[2]), fields[3], json.loads(fields[4])])
    path.write_text(json.dumps(rows, ensure_ascii=False))
    print(f"{len(rows)} answers {kinds} written to {path}")


def _read(path: Path) -> list[tuple[str, int, str, str]]:
    return [(row[0], row[1], row[2], row[3]) for row in json.loads(path.read_text())]


def _judge_turn(
    engine: LanguageEngine, driver: LocalDriver, lesson: Lesson, step: int, message: str
) -> Feedback:
    """What the lesson tutor asks of the engine for a typed answer (local.py's reply)."""
    answer = StepAnswer.of(lesson, lesson.dialogue[step], message, "en", None)
    feedback = engine_judge(engine)(answer)
    if feedback.verdict not in ("correct", "acceptable") and not engine.looks_english(message):
        driver._another_sentence(feedback, message, "en")
        assert FULL_ANSWER_AFTER > 1
    return feedback


def _prepare(engine: LanguageEngine, lessons: list[Lesson], what: str) -> None:
    """What the API's start-up works out ahead (``state.prepare_language``), ``what`` as
    ``TUTOR_PREPARE_LANGUAGE`` (``english`` or ``answers``)."""
    engine.prepare(())
    if what == "answers":
        start = time.process_time()
        done = sum(
            engine.prepare_answers(
                lesson.expected_sentences(), [step.tutor for step in lesson.dialogue]
            )
            for lesson in lessons
        )
        print(f"prepare_answers: {done} sentences in {time.process_time() - start:.2f} s CPU")
    # as the API's start-up ends its preparation: what it made lives as long as the process,
    # out of the garbage collector's way (unfrozen, the first full collection in the timed
    # answers walked it: one answer of ~90 ms, the means and p90s of every later row up)
    gc.freeze()


def time_turns(path: Path, passes: int, warmup: int, seed: int, prepare: str) -> None:
    rows = _read(path)
    by_step: dict[tuple[str, int], dict[str, list[str]]] = {}
    for lesson_id, step, kind, message in rows:
        by_step.setdefault((lesson_id, step), {}).setdefault(kind, []).append(message)
    lessons = _lessons()
    start = time.process_time()
    engine = LanguageEngine.load()
    loaded = time.process_time() - start
    _prepare(engine, lessons, prepare)  # what the API's start-up runs
    driver = LocalDriver(engine=engine)
    rng = random.Random(seed)
    by_kind: dict[str, list[float]] = {}
    by_verdict: dict[str, list[float]] = {}
    counted = 0
    wrong_turn = 0
    for _ in range(passes):
        # a later pass: the steps seen before, the answers not (other learners' words)
        engine._compare_memo.cache_clear()
        for lesson in lessons:
            for step in range(len(lesson.dialogue)):
                kinds = by_step.get((lesson.id, step), {})
                plan: list[tuple[str, str]] = []
                wrong = WRONG_KINDS[wrong_turn % len(WRONG_KINDS)]
                if kinds.get(wrong):
                    wrong_turn += 1
                    plan.append((wrong, rng.choice(kinds[wrong])))
                plan.append(("right", kinds["right"][0]))
                for kind, message in plan:
                    t0 = time.thread_time_ns()
                    feedback = _judge_turn(engine, driver, lesson, step, message)
                    us = (time.thread_time_ns() - t0) / 1000
                    counted += 1
                    if counted > warmup:
                        by_kind.setdefault(kind, []).append(us)
                        by_verdict.setdefault(feedback.verdict, []).append(us)
    print(f"engine load {loaded:.2f} s CPU; {counted} answers, {warmup} not counted")
    for title, groups in (("sent", by_kind), ("verdict", by_verdict)):
        print(f"| {title} | answers | median µs | mean µs | p90 µs |")
        for name, values in sorted(groups.items()):
            ordered = sorted(values)
            p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
            print(
                f"| {name} | {len(values)} | {statistics.median(values):.0f} "
                f"| {statistics.fmean(values):.0f} | {p90:.0f} |"
            )
    with open(f"/proc/{__import__('os').getpid()}/status") as status:
        rss = next(line for line in status if line.startswith("VmRSS"))
    print(rss.strip())


def write_results(path: Path, out: Path, prepare: str) -> None:
    rows = _read(path)
    lessons = {lesson.id: lesson for lesson in _lessons()}
    engine = LanguageEngine.load()
    _prepare(engine, list(lessons.values()), prepare)
    n = 0
    with out.open("w", encoding="utf-8") as sink:

        def put(*parts: Any) -> None:
            nonlocal n
            n += 1
            sink.write(" ¦ ".join(repr(p) for p in parts) + "\n")

        def judged(
            lesson: Lesson,
            step: DialogueStep,
            message: str,
            lang: ExplainIn,
            gender: LearnerGender | None,
        ) -> Comparison:
            """compare with the step's declarations, as the lesson tutor judges
            (``StepAnswer.of``)."""
            answer = StepAnswer.of(lesson, step, message, lang, gender)
            return engine.compare(
                answer.accepted,
                message,
                explain_in=lang,
                learner_gender=gender,
                synonyms=answer.synonyms,
                slots=dict(answer.slots),
                question=answer.question,
                open_needs=answer.open_needs,
                slot_classes=answer.slot_classes,
                kept_aspect=answer.kept_aspect,
            )

        for lesson_id, index, kind, message in rows:
            lesson = lessons[lesson_id]
            step = lesson.dialogue[index]
            for gender in GENDERS:
                for lang in LANGS:
                    result = judged(lesson, step, message, lang, gender)
                    put(lesson_id, index, kind, message, gender, lang, result)
            if kind != "right":
                put(lesson_id, index, kind, message, engine.looks_english(message))
                put(lesson_id, index, kind, message, engine.check(message))
            for gender in GENDERS[1:]:
                put(lesson_id, index, "gendered", engine.gendered(step.tutor, gender))
        root = BENCH_DIR.parent / "tests" / "fixtures" / "lessons"
        for fixture in sorted(root.glob("reworded*.yaml")):
            for case in yaml.safe_load(fixture.read_text(encoding="utf-8")):
                lesson = lessons[case["lesson"]]
                step = lesson.dialogue[case["step"]]
                for lang in LANGS:
                    result = judged(lesson, step, case["answer"], lang, case.get("learner_gender"))
                    put(fixture.name, case["lesson"], case["step"], case["answer"], lang, result)
    print(f"{n} results written to {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["answers", "time", "results"])
    parser.add_argument("file", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prepare", choices=["english", "answers"], default=None)
    args = parser.parse_args()
    if args.what == "answers":
        write_answers(args.file, args.seed)
    elif args.what == "time":
        time_turns(args.file, args.passes, args.warmup, args.seed, args.prepare or "answers")
    else:
        if args.out is None:
            parser.error("results needs OUT")
        write_results(args.file, args.out, args.prepare or "english")
    return 0


if __name__ == "__main__":
    sys.exit(main())
