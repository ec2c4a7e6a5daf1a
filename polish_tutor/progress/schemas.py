from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from polish_tutor.lessons.schemas import Level

LessonStatus = Literal["not_started", "in_progress", "done"]


class FeatureMastery(BaseModel):
    feature: str = Field(
        description="case, person, aspect, number, gender, tense, degree (Morfeusz categories) "
        "or diacritics"
    )
    value: str | None = Field(
        description="the expected value in NKJP tags (acc, pri, perf, …); null for diacritics"
    )
    gender: str | None = Field(
        description="for case: the gender of the noun (m1 m2 m3 f n), when Morfeusz is sure"
    )
    correct: int = Field(description="answers that used it right")
    wrong: int = Field(description="feedback issues about it")
    mastery: float = Field(ge=0, le=1, description="correct / (correct + wrong)")


class LessonProgress(BaseModel):
    lesson_id: str
    title: str
    level: Level
    status: LessonStatus
    steps_done: int
    steps_total: int


class ProgressOut(BaseModel):
    features: list[FeatureMastery] = Field(
        description="one list for every feature (case × gender, person, aspect, diacritics…), "
        "sorted by feature, value and gender"
    )
    lessons: list[LessonProgress] = Field(description="every lesson, in curriculum order")
    words_learned: int = Field(
        description="review cards FSRS has moved to its Review state: recalled right through "
        "the learning steps (and not forgotten since)"
    )
