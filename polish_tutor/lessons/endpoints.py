from __future__ import annotations

from fastapi import APIRouter

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.lessons.catalog import LessonNotFound
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.lessons.schemas import Lesson, LessonSummary

router = APIRouter(tags=["lessons"])


@router.get("/lessons", response_model=list[LessonSummary])
async def list_lessons(lessons: Lessons, _: CurrentUser) -> list[LessonSummary]:
    """Every lesson, in curriculum order."""
    return [LessonSummary.model_validate(lesson.model_dump()) for lesson in lessons]


@router.get("/lessons/{lesson_id}", response_model=Lesson)
async def get_lesson(lesson_id: str, lessons: Lessons, _: CurrentUser) -> Lesson:
    """One lesson: goals, vocabulary, grammar note and dialogue."""
    loaded = lessons.get(lesson_id)
    if loaded is None:
        raise LessonNotFound(lesson_id)
    return loaded.lesson
