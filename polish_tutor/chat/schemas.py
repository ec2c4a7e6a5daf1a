from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from polish_tutor.kit.text import LearnerText, LineText
from polish_tutor.lessons.catalog import current_lesson_id
from polish_tutor.turn_types import Feedback, Prefs, PromptRef, TextPart

MAX_MESSAGE = 2000


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: LearnerText = Field(min_length=1, max_length=MAX_MESSAGE)
    lesson_id: LineText | None = Field(default=None, max_length=100)
    session_id: uuid.UUID | None = None
    prefs: Prefs = Field(default_factory=Prefs)
    input: Literal["text", "speech"] = Field(
        default="text",
        description="speech: the message is what POST /speech heard (name it in speech_job_id)",
    )
    speech_job_id: uuid.UUID | None = None

    @field_validator("lesson_id")
    @classmethod
    def _current_lesson_id(cls, lesson_id: str | None) -> str | None:
        """A renamed lesson's former id (a page open across the upgrade) starts a session
        under its new id, where the learner's progress is kept."""
        return current_lesson_id(lesson_id) if lesson_id is not None else None


class LessonProgressOut(BaseModel):
    step: int = Field(
        description="the lesson line the learner answers next, from 0 (= lines done); "
        "steps_total once completed"
    )
    steps_total: int
    completed: bool


class ChatOut(BaseModel):
    session_id: uuid.UUID
    turn_id: uuid.UUID
    text: str
    next_dialogue: str | None
    feedback: Feedback | None
    audio_job_id: str | None
    prompt: PromptRef
    driver: str
    degraded: bool
    parts: list[TextPart] | None = Field(
        default=None,
        description="the text in parts with their language (pl, en): only Polish is spoken",
    )
    lesson: LessonProgressOut | None = Field(
        default=None, description="where the learner stands in the lesson; null outside one"
    )
    audio_parts: list[str] | None = Field(
        default=None,
        description="a streamed reply's speech, one audio job per sentence in order (the "
        "first is audio_job_id); null when the reply is spoken in one job",
    )
