from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.ai_agent.schemas import Feedback, Prefs, PromptRef
from polish_tutor.kit.text import LearnerText, LineText

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
