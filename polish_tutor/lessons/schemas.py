"""The lesson file format (YAML under ``lessons/content/``) and its API views."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Literal["A1", "A2", "B1"]


class VocabularyItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pl: str = Field(min_length=1)
    en: str = Field(min_length=1)


class DialogueStep(BaseModel):
    """One exchange: the tutor says ``tutor``; the learner should answer one of ``answers``."""

    model_config = ConfigDict(extra="forbid")

    tutor: str = Field(min_length=1, description="the tutor's line, in Polish")
    gloss: str = Field(min_length=1, description="the tutor's line in English")
    answers: list[str] = Field(min_length=1, description="accepted learner answers, best first")
    answer_gloss: str | None = Field(default=None, description="the first answer in English")
    hints: list[str] = Field(default_factory=list, description="progressive hints, vaguest first")

    @field_validator("answers")
    @classmethod
    def _answers_not_blank(cls, answers: list[str]) -> list[str]:
        if any(not a.strip() for a in answers):
            raise ValueError("an accepted answer is blank")
        return answers


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,99}$")
    version: int = Field(ge=1, default=1)
    title: str
    level: Level
    order: int = Field(ge=0, description="position in the curriculum")
    description: str
    goals: list[str] = Field(min_length=1)
    vocabulary: list[VocabularyItem] = Field(default_factory=list)
    grammar: str = ""
    names: list[str] = Field(
        default_factory=list, description="proper names used in the lesson (not checked as words)"
    )
    dialogue: list[DialogueStep] = Field(min_length=1)


class LessonSummary(BaseModel):
    id: str
    title: str
    level: Level
    description: str
