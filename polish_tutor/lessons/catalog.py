"""The lessons, loaded once at start-up from YAML and kept in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from polish_tutor.kit.errors import NotFound
from polish_tutor.kit.text import quoted
from polish_tutor.kit.yaml_files import load_yaml
from polish_tutor.lessons.schemas import Lesson

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# Lessons that were given a new id. The migration that renamed them (296ea43fe0be) changed the
# stored data; what it cannot reach still names the former id for a while: a session's hot
# state in Redis (until it expires) and a page left open across the upgrade.
FORMER_IDS = {
    "a2-08-home": "a2-17-home",
    "a2-09-likes-hobbies": "a2-18-likes-hobbies",
    "a2-10-transport": "a2-19-transport",
    "a2-11-past-tense": "a2-20-past-tense",
    "a2-12-doctor": "a2-21-doctor",
}


def current_lesson_id(lesson_id: str) -> str:
    """The lesson's id today (a former id becomes the lesson's new one)."""
    return FORMER_IDS.get(lesson_id, lesson_id)


class LessonNotFound(NotFound):
    code = "lesson_not_found"

    def __init__(self, lesson_id: str) -> None:
        super().__init__(f"There is no lesson {quoted(lesson_id)}.")


class LessonFileError(ValueError):
    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path.name}: {message}")
        self.path = path


@dataclass(frozen=True, slots=True)
class LoadedLesson:
    lesson: Lesson
    content_hash: str  # identifies exactly which text produced a reply


def load_lesson(path: Path) -> LoadedLesson:
    raw = path.read_bytes()
    try:
        data = load_yaml(raw)
    except yaml.YAMLError as exc:
        raise LessonFileError(path, f"not valid YAML: {exc}") from exc
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as exc:
        raise LessonFileError(path, str(exc)) from exc
    return LoadedLesson(lesson, hashlib.sha256(raw).hexdigest()[:12])


class LessonCatalog:
    def __init__(self, lessons: list[LoadedLesson]) -> None:
        ordered = sorted(lessons, key=lambda item: (item.lesson.order, item.lesson.id))
        self._by_id = {item.lesson.id: item for item in ordered}
        if len(self._by_id) != len(ordered):
            raise ValueError("two lesson files share an id")

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> LessonCatalog:
        folder = directory or CONTENT_DIR
        return cls([load_lesson(path) for path in sorted(folder.glob("*.yaml"))])

    def __iter__(self) -> Iterator[Lesson]:
        return iter(item.lesson for item in self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, lesson_id: str) -> LoadedLesson | None:
        """The lesson with this id, or with this former id (see ``FORMER_IDS``)."""
        found = self._by_id.get(lesson_id)
        return found if found is not None else self._by_id.get(current_lesson_id(lesson_id))
