from __future__ import annotations

from fastapi import APIRouter

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.dependencies import AppState
from polish_tutor.kit.errors import NotFound
from polish_tutor.lessons.schemas import Lesson, LessonSummary

router = APIRouter(tags=["lessons"])


@router.get("/lessons", response_model=list[LessonSummary])
async def list_lessons(state: AppState, _: CurrentUser) -> list[LessonSummary]:
    """Every lesson, in curriculum order."""
    return [LessonSummary.model_validate(lesson.model_dump()) for lesson in state.lessons]


@router.get("/lessons/{lesson_id}", response_model=Lesson)
async def get_lesson(lesson_id: str, state: AppState, _: CurrentUser) -> Lesson:
    """One lesson: goals, vocabulary, grammar note and dialogue."""
    loaded = state.lessons.get(lesson_id)
    if loaded is None:
        raise NotFound(f"There is no lesson {lesson_id!r}.", code="lesson_not_found")
    return loaded.lesson
