"""Correct Polish that is not in a step's list is accepted; wrong Polish is not.

``tests/fixtures/lessons/reworded*.yaml`` hold, for every step of every bundled lesson, answers a
real learner gives instead of the listed ones (reordered, a subject pronoun added or dropped,
polite words, digits, the learner's own name, age or home, feminine forms, synonyms), each
labelled by a Polish teacher as correct or wrong (with the error a teacher would mark). Every
case goes through the real engine (Morfeusz, no mocks) with what the step declares: its synonyms
and the lesson's, its slots, and the learner's gender when the case gives one.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from polish_tutor.language import Comparison, LanguageEngine
from polish_tutor.lessons.schemas import DialogueStep, Lesson
from polish_tutor.lessons.validation import default_lessons_dir, load_lesson_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lessons"
FIXTURE = FIXTURES / "reworded.yaml"  # A1 and A2; reworded-b1*.yaml hold B1's
Gender = Literal["feminine", "masculine"]
GENDERS: dict[str, Gender] = {"feminine": "feminine", "masculine": "masculine"}
CASE_KEYS = {"lesson", "step", "answer", "correct", "learner_gender", "why", "error"}

_PUNCTUATION = string.punctuation + "…–—„”“«»‚’‘¡¿"
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    stripped = text.translate(str.maketrans(_PUNCTUATION, " " * len(_PUNCTUATION)))
    return _SPACES.sub(" ", stripped).strip().casefold()


def _load_lessons() -> dict[str, Lesson]:
    paths = sorted(default_lessons_dir().glob("*.yaml"))
    return {lesson.id: lesson for lesson in (load_lesson_file(path) for path in paths)}


def _load_cases(pattern: str = "reworded*.yaml") -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name} is a list of cases"
        cases += data
    return cases


LESSONS = _load_lessons()
CASES = _load_cases()
# reworded-*-adversarial.yaml: many wrong answers per step, written against its declared synonym
# groups and slots (they count in the verdict tests, not in the per-step 1-4 / 1-2 balance)
ADVERSARIAL = {
    (case["lesson"], case["step"], _normalise(case["answer"]))
    for case in _load_cases("reworded-*-adversarial.yaml")
}


def _case_id(case: dict[str, Any]) -> str:
    mark = "ok" if case.get("correct") else "wrong"
    gender = f" ({case['learner_gender']})" if case.get("learner_gender") else ""
    return f"{case.get('lesson')}[{case.get('step')}] {mark}: {case.get('answer')}{gender}"


def _accepted() -> list[tuple[str, int, str]]:
    return [
        (lesson.id, index, answer)
        for lesson in LESSONS.values()
        for index, step in enumerate(lesson.dialogue)
        for answer in step.answers
    ]


def judge(
    engine: LanguageEngine, lesson: Lesson, step: DialogueStep, answer: str, gender: Gender | None
) -> Comparison:
    """The step's verdict on ``answer``, the way the lesson tutor asks for it."""
    return engine.compare(
        step.answers,
        answer,
        synonyms=[*step.synonyms, *lesson.synonyms],
        slots=step.slots,
        question=step.tutor,
        learner_gender=gender,
        open_needs=step.open,
        slot_classes=step.slot_classes,
        kept_aspect=step.aspect,
    )


# --- the fixture itself ---------------------------------------------------------------------


def test_every_case_names_a_real_step_and_is_labelled() -> None:
    problems: list[str] = []
    for case in CASES:
        where = _case_id(case)
        if set(case) - CASE_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}")
        lesson = LESSONS.get(case.get("lesson", ""))
        if lesson is None:
            problems.append(f"{where}: no such lesson")
            continue
        step = case.get("step")
        if not isinstance(step, int) or not 0 <= step < len(lesson.dialogue):
            problems.append(f"{where}: no such step")
            continue
        if not isinstance(case.get("answer"), str) or not case["answer"].strip():
            problems.append(f"{where}: the answer is blank")
            continue
        if not isinstance(case.get("correct"), bool):
            problems.append(f"{where}: correct is true or false")
        if case.get("learner_gender") not in (None, *GENDERS):
            problems.append(f"{where}: learner_gender is feminine or masculine")
        label = "why" if case.get("correct") else "error"
        if not str(case.get(label, "")).strip():
            problems.append(f"{where}: says {label}")
        accepted = {_normalise(a) for a in lesson.dialogue[step].answers}
        if case.get("correct") and _normalise(case["answer"]) in accepted:
            problems.append(f"{where}: already one of the step's accepted answers")
    assert not problems, "\n".join(problems)


# B1 lessons whose reworded answers a teacher has not labelled yet (the list only shrinks)
NOT_YET_LABELLED: frozenset[str] = frozenset()


def _lesson_number(lesson_id: str) -> str:
    return "-".join(lesson_id.split("-")[:2])


def test_the_lessons_not_yet_labelled_really_have_no_cases() -> None:
    labelled = {_lesson_number(case["lesson"]) for case in CASES}
    assert NOT_YET_LABELLED <= {_lesson_number(lesson) for lesson in LESSONS}
    assert not NOT_YET_LABELLED & labelled, "a labelled lesson is still listed as not labelled"


def test_every_step_has_reworded_correct_and_wrong_answers() -> None:
    counts: dict[tuple[str, int], list[int]] = {
        (lesson.id, index): [0, 0]
        for lesson in LESSONS.values()
        if _lesson_number(lesson.id) not in NOT_YET_LABELLED
        for index in range(len(lesson.dialogue))
    }
    seen: set[tuple[str, int, str, str]] = set()
    for case in CASES:
        key = (case["lesson"], case["step"])
        if (*key, _normalise(case["answer"])) not in ADVERSARIAL:
            counts[key][0 if case["correct"] else 1] += 1
        unique = (*key, _normalise(case["answer"]), str(case.get("learner_gender")))
        assert unique not in seen, f"duplicate case: {_case_id(case)}"
        seen.add(unique)
    bad = {
        f"{lesson}[{step}]": (right, wrong)
        for (lesson, step), (right, wrong) in counts.items()
        if not (1 <= right <= 4 and 1 <= wrong <= 2)
    }
    # (a step whose list already holds every short variant may have a single reworded one)
    assert not bad, f"each step needs 1-4 correct and 1-2 wrong cases (correct, wrong): {bad}"


# --- the engine's verdicts ------------------------------------------------------------------

# pytest --fast runs every FAST_SAMPLE-th case of each parametrised test; the full suite all.
FAST_SAMPLE = 8


def _sampled(index: int) -> list[pytest.MarkDecorator]:
    return [] if index % FAST_SAMPLE == 0 else [pytest.mark.slow]


@pytest.mark.parametrize(
    ("lesson_id", "step_index", "answer"),
    [
        pytest.param(
            *accepted, id=f"{accepted[0]}[{accepted[1]}]: {accepted[2]}", marks=_sampled(i)
        )
        for i, accepted in enumerate(_accepted())
    ],
)
def test_every_accepted_answer_is_correct(
    engine: LanguageEngine, lesson_id: str, step_index: int, answer: str
) -> None:
    lesson = LESSONS[lesson_id]
    result = judge(engine, lesson, lesson.dialogue[step_index], answer, None)
    assert result.verdict == "correct", result.to_dict()


# Cases the engine gets wrong today (one case id per line; see the file's header): they run as
# strict xfails, so a fix shows up as XPASS and fails until its line is taken out.
KNOWN_MISSES_FILE = FIXTURES / "reworded-engine-misses.txt"


def _known_misses() -> set[str]:
    if not KNOWN_MISSES_FILE.exists():
        return set()
    lines = KNOWN_MISSES_FILE.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line.strip() and not line.startswith("#")}


KNOWN_MISSES = _known_misses()


def test_every_known_miss_is_a_case() -> None:
    assert KNOWN_MISSES <= {_case_id(case) for case in CASES}


def _verdict_params() -> list[Any]:
    return [
        pytest.param(
            case,
            id=_case_id(case),
            marks=[
                *_sampled(index),
                *(
                    [pytest.mark.xfail(strict=True, reason="a known engine miss")]
                    if _case_id(case) in KNOWN_MISSES
                    else []
                ),
            ],
        )
        for index, case in enumerate(CASES)
    ]


@pytest.mark.parametrize("case", _verdict_params())
def test_reworded_answer_gets_a_teachers_verdict(
    engine: LanguageEngine, case: dict[str, Any]
) -> None:
    lesson = LESSONS[case["lesson"]]
    step = lesson.dialogue[case["step"]]
    gender = GENDERS.get(case.get("learner_gender") or "")
    result = judge(engine, lesson, step, case["answer"], gender)
    if case["correct"]:
        assert result.verdict in ("correct", "acceptable"), (case["why"], result.to_dict())
    else:
        assert result.verdict == "incorrect", (case["error"], result.to_dict())
