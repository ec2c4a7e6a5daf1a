from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Path

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.dependencies import DbSession, Language
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.text import LineText
from polish_tutor.language.types import LearnerGender
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.progress.dependencies import Progress
from polish_tutor.translation.schemas import TranslationIn, TranslationOut, TranslationSet
from polish_tutor.translation.service import TranslationService, translation_set

router = APIRouter(tags=["lessons"])

LessonId = Annotated[LineText, Path(min_length=1, max_length=100)]


@router.get("/lessons/{lesson_id}/translation", response_model=TranslationSet)
async def translation_items(
    lesson_id: LessonId, lessons: Lessons, _: CurrentUser
) -> TranslationSet:
    """The lesson's answers in English, to say in Polish (in dialogue order)."""
    return translation_set(lessons, lesson_id)


@router.post("/lessons/{lesson_id}/translation/{step}", response_model=TranslationOut)
async def check_translation(
    lesson_id: LessonId,
    step: Annotated[int, Path(ge=0, le=1000)],
    body: TranslationIn,
    user: CurrentUser,
    lessons: Lessons,
    language: Language,
    progress: Progress,
    db: DbSession,
) -> TranslationOut:
    """Judge a Polish sentence for one English sentence of the lesson, against every variant
    the lesson accepts for it; the answer counts for the learner's progress."""
    gender = await AuthRepository(db).gender_of(user.user_id)
    learner_gender = cast(LearnerGender, gender) if gender in ("feminine", "masculine") else None
    batch = WriteBatch()
    out = await TranslationService(lessons, language, progress).check(
        user.user_id, lesson_id, step, body, learner_gender, batch
    )
    await batch.execute(db)
    return out
