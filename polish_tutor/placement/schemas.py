from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.ai_agent.schemas import FeedbackIssue, Verdict
from polish_tutor.kit.text import LearnerText
from polish_tutor.lessons.schemas import Level


class PlacementItemOut(BaseModel):
    number: int = Field(description="1 for the first item of the quiz")
    level: Level = Field(description="the level of the lesson the item comes from")
    context_pl: str = Field(description="the tutor's line the sentence answers")
    context_en: str
    before: str = Field(description="the sentence before the blank")
    after: str = Field(description="the sentence after the blank")
    lemma: str = Field(description="the dictionary form of the missing word")
    english: str = Field(description="the whole sentence in English")


class PlacementResult(BaseModel):
    quiz_id: uuid.UUID
    suggested_lesson_id: str = Field(description="where to start: the first lesson not known yet")
    suggested_title: str
    level: Level = Field(description="the suggested lesson's level")
    known_lessons: list[str] = Field(
        description="the lessons before it, counted as done (they stay open to practise)"
    )
    answered: int
    right: int
    finished_at: datetime


class PlacementStarted(BaseModel):
    quiz_id: uuid.UUID
    min_items: int
    max_items: int
    item: PlacementItemOut


class PlacementAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, le=100, description="the number of the item answered")
    answer: LearnerText | None = Field(
        default=None, max_length=100, description='the word typed; null for "I don\'t know"'
    )
    explain_in: Literal["en", "pl"] = "en"


class PlacementAnswerOut(BaseModel):
    right: bool
    verdict: Verdict | None = Field(description="the engine's verdict; null when skipped")
    expected: str = Field(description="the missing word")
    sentence: str = Field(description="the whole sentence, as the lesson has it")
    issues: list[FeedbackIssue]
    next: PlacementItemOut | None = Field(description="the next item; null when finished")
    result: PlacementResult | None = Field(description="where to start, once finished")


class PlacementStatus(BaseModel):
    result: PlacementResult | None = Field(description="the latest finished quiz, if any")
