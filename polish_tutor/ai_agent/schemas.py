"""What flows between the orchestrator and a driver, and what a turn tells the learner."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.lessons.catalog import LoadedLesson
from polish_tutor.tts.schemas import VoiceName

Verdict = Literal["correct", "acceptable", "incorrect"]
IssueType = Literal[
    "diacritics", "inflection", "typo", "wrong_word", "missing_word", "extra_word", "word_order"
]


class FeedbackRule(BaseModel):
    """Why a form is required (docs/feedback-rules.md): the rule and the word that triggers it."""

    id: str
    trigger: str | None = None


class FeedbackIssue(BaseModel):
    type: IssueType
    expected: str | None = None
    got: str | None = None
    feature: str | None = None
    expected_value: str | None = None
    got_value: str | None = None
    explanation: str
    position: int | None = None
    rule: FeedbackRule | None = None


class HeardWord(BaseModel):
    """One word of a spoken answer, with the recogniser's confidence."""

    word: str
    probability: float | None = None
    clear: bool = Field(default=True, description="heard well enough to be judged")


class SpokenAnswer(BaseModel):
    """A turn by voice: what the recogniser heard (``/chat`` with ``input: \"speech\"``)."""

    transcript: str
    words: list[HeardWord] = Field(default_factory=list)
    unclear_below: float = 0.5


class Heard(BaseModel):
    """What the tutor heard, beside the expected sentence (ai_agent/spoken.py)."""

    transcript: str
    words: list[HeardWord] = Field(default_factory=list)
    unclear: list[str] = Field(
        default_factory=list, description="words heard too faintly to judge: not clear, not wrong"
    )
    say_again: bool = Field(
        default=False, description="nothing the tutor could judge was heard: the step stays"
    )


class Feedback(BaseModel):
    verdict: Verdict
    issues: list[FeedbackIssue] = Field(default_factory=list)
    expected: str | None = Field(
        default=None, description="the accepted answer the learner's was compared with"
    )
    heard: Heard | None = Field(default=None, description="a spoken answer: what was heard")


class PromptRef(BaseModel):
    """Which prompt (or lesson text) produced a reply: enough to reproduce it."""

    id: str
    version: str
    commit: str


class Prefs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    voice: VoiceName | None = None
    speed: float = Field(default=1.0, ge=0.5, le=1.5)
    explain_in: Literal["en", "pl"] = "en"


class LessonState(BaseModel):
    """Where the learner stands in the lesson; drivers return the next one."""

    step_index: int = 0
    attempts: int = 0
    completed: bool = False


class RecentTurn(BaseModel):
    role: Literal["learner", "tutor"]
    text: str


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
    learner_gender: Literal["feminine", "masculine"] | None = None


class TextPart(BaseModel):
    """A stretch of the tutor's text in one language: the page speaks and links only Polish."""

    text: str
    lang: Literal["pl", "en"]


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


class TutorOutput(BaseModel):
    """The structured reply every LLM driver asks its model for."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    next_dialogue: str | None
    corrections: list[Correction]


# Strict structured output: every property required, no others (OpenAI's strict mode rules).
TUTOR_OUTPUT_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "the tutor's reply to the learner"},
        "next_dialogue": {
            "type": ["string", "null"],
            "description": "the Polish line the learner should answer next, or null",
        },
        "corrections": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "wrong": {"type": "string"},
                    "right": {"type": "string"},
                    "rule": {"type": "string"},
                },
                "required": ["wrong", "right", "rule"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["text", "next_dialogue", "corrections"],
    "additionalProperties": False,
}
