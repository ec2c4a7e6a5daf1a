"""The lessons, loaded once at start-up from YAML and kept in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from polish_tutor.lessons.schemas import Lesson

CONTENT_DIR = Path(__file__).resolve().parent / "content"


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
        data = yaml.safe_load(raw)
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
        return self._by_id.get(lesson_id)
