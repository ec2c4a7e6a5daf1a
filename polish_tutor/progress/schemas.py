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
    known: bool = Field(
        default=False,
        description="before the lesson the placement quiz suggested: counted as done",
    )


class LevelProgress(BaseModel):
    level: Level
    lessons_total: int = Field(description="lessons of this level in the course")
    lessons_done: int = Field(
        description="lessons of this level the learner finished, or knows by the placement quiz"
    )
    lessons_known: int = Field(
        default=0, description="of those, the ones counted as known by the placement quiz"
    )
    lessons_in_progress: int = Field(description="lessons of this level started, not finished")


class PracticeActivity(BaseModel):
    """When the learner practised, from what is stored: each lesson or conversation opened,
    each answer sent, and each review card's last review. Days are the learner's own
    (``tz``)."""

    time_zone: str = Field(description="the IANA time zone the days are counted in")
    days_practised: int = Field(
        description="days with something done: a lesson or conversation opened, an answer, a review"
    )
    streak_days: int = Field(
        description="days practised in a row up to today, or up to yesterday when today has "
        "nothing yet (the streak is still alive until the day ends)"
    )
    longest_streak_days: int = Field(description="the longest run of days practised in a row")
    practised_today: bool
    time_spent_seconds: int = Field(
        description="time practising: the time from one thing done to the next, a pause "
        "longer than 10 minutes counting as a break (left out)"
    )
    time_today_seconds: int = Field(description="the same, for today")


class ProgressOut(BaseModel):
    features: list[FeatureMastery] = Field(
        description="one list for every feature (case × gender, person, aspect, diacritics…), "
        "sorted by feature, value and gender"
    )
    lessons: list[LessonProgress] = Field(description="every lesson, in curriculum order")
    levels: list[LevelProgress] = Field(description="lessons done per level, A1 first")
    words_learned: int = Field(
        description="review cards FSRS has moved to its Review state: recalled right through "
        "the learning steps (and not forgotten since)"
    )
    activity: PracticeActivity
