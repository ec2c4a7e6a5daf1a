"""Loading and checking the lesson files under ``lessons/content/``.

``validate_lessons`` reports every problem it can find in a directory of lessons instead of
stopping at the first one: schema errors, duplicate ids and ``order`` values, Polish words that
the morphological analyser does not know (usually typos or missing diacritics), last hints that
are not an accepted answer, and answers or hints cut in two by an unquoted comma in a YAML
flow list.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from polish_tutor.kit.yaml_files import load_yaml
from polish_tutor.language.open_answers import CONTENT_KINDS, named_classes
from polish_tutor.language.text import letter_runs
from polish_tutor.lessons.schemas import DialogueStep, Lesson

__all__ = [
    "LessonLoadError",
    "LessonProblem",
    "default_lessons_dir",
    "load_lesson_file",
    "morfeusz_is_known",
    "polish_words",
    "validate_lessons",
]

LESSON_SUFFIX = ".yaml"  # the catalog loads only these

# Runs of letters (any script, so Polish ą ć ę ł ń ó ś ź ż are kept); digits, underscores,
# spaces, punctuation, hyphens and apostrophes all separate words.
_PUNCTUATION = string.punctuation + "…–—„”“«»‚’‘¡¿"
_SPACES_RE = re.compile(r"\s+")
_HINT_ENDINGS = (".", "!", "?", "…", ")", '"', "”")


@dataclass(frozen=True)
class LessonProblem:
    """One problem found in a lesson file (``file`` is the file name, e.g. ``a1-01-x.yaml``)."""

    file: str
    message: str


class LessonLoadError(ValueError):
    """A lesson file could not be read or does not match the schema.

    ``errors`` holds one human-readable message per problem, each naming the field.
    """

    def __init__(self, path: Path, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(f"{path}: " + "; ".join(errors))


def default_lessons_dir() -> Path:
    """The ``content/`` directory beside this module, holding the bundled lessons."""
    return Path(__file__).resolve().parent / "content"


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.isidentifier():
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


def _describe_error(err: ErrorDetails) -> str:
    message = f"field {_field_path(err['loc'])}: {err['msg']}"
    if err["type"] == "extra_forbidden":
        message += " (unknown field; in a {...} mapping, quote values that contain a comma)"
    return message


def load_lesson_file(path: Path) -> Lesson:
    """Read one YAML lesson file and validate it against :class:`Lesson`.

    Raises :class:`LessonLoadError` naming the file and each offending field.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonLoadError(path, [f"cannot read file: {exc}"]) from exc
    try:
        data: Any = load_yaml(text)
    except yaml.YAMLError as exc:
        raise LessonLoadError(path, [f"invalid YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise LessonLoadError(path, [f"expected a mapping of lesson fields, got {kind}"])
    try:
        return Lesson.model_validate(data)
    except ValidationError as exc:
        errors = [_describe_error(err) for err in exc.errors()]
        raise LessonLoadError(path, errors) from exc


def polish_words(text: str) -> list[str]:
    """Split ``text`` into words: runs of letters, split on spaces, punctuation and hyphens."""
    return letter_runs(text)


def _normalise_answer(text: str) -> str:
    """Roughly how the tutor compares answers: ignore case, punctuation and extra spaces."""
    stripped = text.translate(str.maketrans(_PUNCTUATION, " " * len(_PUNCTUATION)))
    return _SPACES_RE.sub(" ", stripped).strip().casefold()


def _polish_texts(lesson: Lesson) -> Iterator[tuple[str, str]]:
    """(where, text) for every Polish text in the lesson that is checked word by word."""
    for i, item in enumerate(lesson.vocabulary):
        yield f"vocabulary[{i}].pl", item.pl
    for i, step in enumerate(lesson.dialogue):
        yield f"dialogue[{i}].tutor", step.tutor
        for j, answer in enumerate(step.answers):
            yield f"dialogue[{i}].answers[{j}]", answer
        for j, group in enumerate(step.synonyms):
            yield f"dialogue[{i}].synonyms[{j}]", " ".join(group)
    for j, group in enumerate(lesson.synonyms):
        yield f"synonyms[{j}]", " ".join(group)


def _lesson_problems(
    file: str, lesson: Lesson, is_known: Callable[[str], bool]
) -> Iterator[LessonProblem]:
    names = {name.casefold() for name in lesson.names}
    for where, text in _polish_texts(lesson):
        for word in polish_words(text):
            if word.casefold() in names or is_known(word):
                continue
            yield LessonProblem(file, f"{where}: unknown Polish word {word!r} in {text!r}")
    for i, step in enumerate(lesson.dialogue):
        for j, answer in enumerate(step.answers):
            first = answer.lstrip(_PUNCTUATION + " ")[:1]
            if first.islower():
                # Usually an unquoted YAML flow list: [Dobrze, dziękuję.] is two answers.
                yield LessonProblem(
                    file,
                    f"dialogue[{i}].answers[{j}]: answer {answer!r} starts with a lowercase "
                    "letter (if it is the end of an answer split at a comma, quote the answer)",
                )
        # The last hint is the full answer (checked below), so only the English ones before it.
        for j, hint in enumerate(step.hints[:-1]):
            if not hint.rstrip().endswith(_HINT_ENDINGS):
                yield LessonProblem(
                    file,
                    f"dialogue[{i}].hints[{j}]: hint {hint!r} does not end a sentence (if it is "
                    "part of a hint split at a comma, quote the hint)",
                )
        answer_words = {w.casefold() for a in step.answers for w in polish_words(a)}
        for word in step.slots:
            if word.casefold() not in answer_words:
                yield LessonProblem(
                    file,
                    f"dialogue[{i}].slots: {word!r} is not a word of any accepted answer "
                    "(a slot names the word of the answer that the learner may replace)",
                )
        yield from _declaration_problems(file, i, step)
        for j, group in enumerate([*step.synonyms, *lesson.synonyms]):
            if len({w.casefold() for w in group}) < 2:
                yield LessonProblem(
                    file, f"dialogue[{i}].synonyms[{j}]: a synonym group needs two different words"
                )
        if step.hints_pl and len(step.hints_pl) != len(step.hints):
            yield LessonProblem(
                file,
                f"dialogue[{i}].hints_pl: {len(step.hints_pl)} Polish hints for "
                f"{len(step.hints)} hints (give each hint in Polish, in the same order)",
            )
        accepted = {_normalise_answer(a) for a in step.answers}
        if step.hints_pl and _normalise_answer(step.hints_pl[-1]) not in accepted:
            yield LessonProblem(
                file,
                f"dialogue[{i}].hints_pl: the last Polish hint {step.hints_pl[-1]!r} "
                "should be one of the accepted answers",
            )
        if step.hints and _normalise_answer(step.hints[-1]) not in accepted:
            yield LessonProblem(
                file,
                f"dialogue[{i}].hints: the last hint {step.hints[-1]!r} "
                "should be one of the accepted answers",
            )


def _declaration_problems(file: str, i: int, step: DialogueStep) -> Iterator[LessonProblem]:
    """An open step's groups, a noun slot's class and the verbs whose aspect a step keeps,
    as the engine reads them (what they say of the step's answers is checked with the engine
    in ``course_checks``)."""
    for word, spec in step.slot_classes.items():
        if step.slots.get(word) != "noun":
            yield LessonProblem(
                file,
                f"dialogue[{i}].slot_classes: {word!r} is not a noun slot of the step (declare "
                "it in slots as noun first)",
            )
        if isinstance(spec, str) and spec not in named_classes():
            yield LessonProblem(
                file,
                f"dialogue[{i}].slot_classes: no class {spec!r} (the named classes: "
                f"{', '.join(sorted(named_classes()))}; or give a list of lemmas)",
            )
        elif not isinstance(spec, str) and not [lemma for lemma in spec if lemma.strip()]:
            yield LessonProblem(file, f"dialogue[{i}].slot_classes: {word!r} has no lemma")
    for j, group in enumerate(step.open):
        if not group:
            yield LessonProblem(file, f"dialogue[{i}].open[{j}]: an empty group asks nothing")
        for member in group:
            if member.startswith("@") and member not in CONTENT_KINDS:
                yield LessonProblem(
                    file,
                    f"dialogue[{i}].open[{j}]: no kind of content {member!r} (the kinds: "
                    f"{', '.join(sorted(CONTENT_KINDS))})",
                )


def _lesson_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix == LESSON_SUFFIX)


def validate_lessons(directory: Path, is_known: Callable[[str], bool]) -> list[LessonProblem]:
    """Check every lesson file in ``directory``; return all problems found (empty if none).

    ``is_known(word)`` says whether a Polish word form exists (see :func:`morfeusz_is_known`).
    """
    if not directory.is_dir():
        return [LessonProblem(str(directory), "lesson directory does not exist")]
    files = _lesson_files(directory)
    if not files:
        return [LessonProblem(str(directory), "no lesson files (*.yaml) found")]

    problems = [
        LessonProblem(p.name, "not loaded by the tutor: lesson files must end in .yaml")
        for p in sorted(directory.glob("*.yml"))
    ]
    ids: dict[str, str] = {}
    orders: dict[int, str] = {}
    for path in files:
        file = path.name
        try:
            lesson = load_lesson_file(path)
        except LessonLoadError as exc:
            problems.extend(LessonProblem(file, message) for message in exc.errors)
            continue
        if lesson.id in ids:
            problems.append(
                LessonProblem(file, f"duplicate id {lesson.id!r} (also in {ids[lesson.id]})")
            )
        else:
            ids[lesson.id] = file
        if lesson.order in orders:
            problems.append(
                LessonProblem(
                    file, f"duplicate order {lesson.order} (also in {orders[lesson.order]})"
                )
            )
        else:
            orders[lesson.order] = file
        if path.stem != lesson.id:
            problems.append(
                LessonProblem(file, f"id {lesson.id!r} does not match the file name {file!r}")
            )
        problems.extend(_lesson_problems(file, lesson, is_known))
    return problems


def morfeusz_is_known() -> Callable[[str], bool]:
    """A word checker backed by one ``morfeusz2.Morfeusz()`` instance.

    A word is known if Morfeusz gives it any analysis other than ``ign`` (unknown); a
    capitalised word is also tried in lowercase (sentence-initial capitals).
    """
    import morfeusz2

    morfeusz = morfeusz2.Morfeusz()

    def analysed(word: str) -> bool:
        results: list[tuple[int, int, tuple[str, str, str, list[str], list[str]]]]
        results = morfeusz.analyse(word)
        return any(interp[2] != "ign" for _start, _end, interp in results)

    @functools.lru_cache(maxsize=8192)
    def is_known(word: str) -> bool:
        word = word.strip()
        if not word:
            return False
        if analysed(word):
            return True
        lower = word.lower()
        return lower != word and analysed(lower)

    return is_known
