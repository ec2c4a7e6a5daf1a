"""What flows between the chat service and a driver (the driver seam's own types)."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from polish_tutor.lessons.catalog import LoadedLesson
from polish_tutor.turn_types import (
    Feedback,
    FeedbackIssue,
    FeedbackRule,
    Gender,
    Heard,
    HeardWord,
    IssueType,
    LessonState,
    Prefs,
    PromptRef,
    RecentTurn,
    SpokenAnswer,
    TextPart,
    Verdict,
)

# The shared turn types live in polish_tutor/turn_types.py; these names stay importable from
# here until every import has moved.
__all__ = [
    "AgentReply",
    "ConversationContext",
    "Correction",
    "Feedback",
    "FeedbackIssue",
    "FeedbackRule",
    "Gender",
    "Heard",
    "HeardWord",
    "IssueType",
    "LessonState",
    "Prefs",
    "PromptRef",
    "RecentTurn",
    "SpokenAnswer",
    "TextPart",
    "TutorOutput",
    "Verdict",
]


class ConversationContext(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    session_id: uuid.UUID
    user_id: uuid.UUID | None
    message: str
    lesson: LoadedLesson | None
    state: LessonState
    is_new_session: bool
    recent_turns: list[RecentTurn]
    prefs: Prefs
    # The running summary of the turns before ``recent_turns`` (may be empty).
    summary: str = ""
    # A spoken answer: the message is its transcript (ai_agent/spoken.py judges it).
    speech: SpokenAnswer | None = None
    # The learner's gender (account setting): feedback and model answers follow it.
    learner_gender: Gender | None = None


class AgentReply(BaseModel):
    """A driver's answer to one learner message."""

    text: str = Field(description="the tutor's reply, spoken to the learner")
    next_dialogue: str | None = Field(description="the line the learner should answer next")
    feedback: Feedback | None = Field(description="None when the message was not an answer")
    state: LessonState
    prompt: PromptRef
    speech: str | None = Field(
        default=None, description="what to say aloud; by default the text and the next line"
    )
    speech_speed: float | None = Field(
        default=None, description="speak this reply at another speed than the learner's prefs"
    )
    driver: str | None = Field(
        default=None, description="the driver that actually answered, when not the configured one"
    )
    degraded: bool = Field(
        default=False, description="the configured provider failed and a fallback answered"
    )
    parts: list[TextPart] | None = Field(
        default=None, description="``text`` in parts with their language, when the driver knows"
    )

    @property
    def speech_text(self) -> str:
        if self.speech is not None:
            return self.speech
        return " ".join(part for part in (self.text, self.next_dialogue) if part)


class Correction(BaseModel):
    """One fix an LLM proposes; shown only after the language engine confirms it."""

    model_config = ConfigDict(extra="forbid")

    wrong: str = Field(description="the learner's words, exactly as written")
    right: str = Field(description="the corrected words")
    rule: str = Field(description="the rule, in one short sentence")


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("the reply text is empty")
    return text


class TutorOutput(BaseModel):
    """The structured reply every LLM driver asks its model for. Its JSON schema is the one
    the model is held to (OpenAI's strict mode: every field required, no others), so it keeps
    to what strict mode accepts: the non-empty check is a validator, not ``min_length``."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, AfterValidator(_not_blank)] = Field(
        description="the tutor's reply to the learner"
    )
    next_dialogue: str | None = Field(
        description="the Polish line the learner should answer next, or null"
    )
    corrections: list[Correction]
