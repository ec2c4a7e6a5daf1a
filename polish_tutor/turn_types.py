"""What a turn is made of, shared by every domain: the learner's preferences, where the learner
stands in a lesson, the recent turns and the feedback on an answer.

It imports no domain (only pydantic), so sessions, progress, the drivers and the chat service
all read the same types without importing each other (STYLE.md habit 12).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Verdict = Literal["correct", "acceptable", "incorrect"]
IssueType = Literal[
    "diacritics", "inflection", "typo", "wrong_word", "missing_word", "extra_word", "word_order"
]
Gender = Literal["feminine", "masculine"]
# A voice is a name from the speech driver's list (tts/drivers/voices.py); the pattern only
# keeps paths, options and control characters out before that check.
VoiceName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9+_.-]{0,63}$")]
MIN_SPEED, MAX_SPEED = 0.5, 1.5


def _speed_in_range(speed: float) -> float:
    # One check for the range, NaN and the infinities (``1e999`` parses as one): pydantic's
    # own bounds compare NaN with one of them and say it should be at most 1.5.
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"must be a number from {MIN_SPEED} to {MAX_SPEED} (1.0: normal speed)")
    return speed


# How fast speech is spoken; the JSON schema states the range.
Speed = Annotated[
    float,
    AfterValidator(_speed_in_range),
    Field(json_schema_extra={"minimum": MIN_SPEED, "maximum": MAX_SPEED}),
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
    speed: Speed = 1.0
    explain_in: Literal["en", "pl"] = "en"


class LessonState(BaseModel):
    """Where the learner stands in the lesson; drivers return the next one."""

    step_index: int = 0
    attempts: int = 0
    completed: bool = False


class RecentTurn(BaseModel):
    role: Literal["learner", "tutor"]
    text: str


class TextPart(BaseModel):
    """A stretch of the tutor's text in one language: the page speaks and links only Polish."""

    text: str
    lang: Literal["pl", "en"]
