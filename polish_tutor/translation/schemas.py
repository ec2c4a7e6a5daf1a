from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.ai_agent.schemas import FeedbackIssue, Verdict
from polish_tutor.kit.text import LearnerText
from polish_tutor.lessons.schemas import Level


class TranslationItem(BaseModel):
    step: int = Field(description="the dialogue step (0-based) the sentence comes from")
    english: str = Field(description="the sentence to say in Polish")
    context_pl: str = Field(description="the tutor's line it answers, in Polish")
    context_en: str = Field(description="that line in English")


class TranslationSet(BaseModel):
    lesson_id: str
    title: str
    level: Level
    items: list[TranslationItem] = Field(description="the lesson's answers, in dialogue order")


class TranslationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: LearnerText = Field(min_length=1, max_length=500, description="the Polish sentence")
    explain_in: Literal["en", "pl"] = "en"


class TranslationOut(BaseModel):
    verdict: Verdict
    expected: str = Field(description="the accepted sentence closest to the answer")
    answer: str
    issues: list[FeedbackIssue]
    accepted: list[str] = Field(
        description="every sentence the lesson accepts for this English (its variants)"
    )
