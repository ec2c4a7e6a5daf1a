from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.ai_agent.schemas import FeedbackIssue, Verdict
from polish_tutor.kit.text import LearnerText, LineText
from polish_tutor.review.schemas import RatingName
from polish_tutor.turn_types import Heard

Feature = Literal["case", "person", "aspect"]
ExplainLang = Literal["en", "pl"]


class CellOut(BaseModel):
    """One cell of the progress grid."""

    feature: Feature
    value: str = Field(description="the case (acc, inst …), person (pri, sec, ter) or aspect")
    gender: str | None = Field(default=None, description="a case's gender: m1 m2 m3 f n")
    label: str = Field(description="the cell in plain words: 'instrumental, feminine'")
    correct: int = Field(default=0, description="answers right in this cell so far")
    wrong: int = Field(default=0, description="answers wrong in this cell so far")


class DrillOut(BaseModel):
    token: str = Field(description="the drill, signed: send it back with the answer")
    cell: CellOut
    instruction: str = Field(description="what to do; Polish words are marked *like this*")
    hint: str = Field(description="the rule, for when the learner is stuck")
    before: str = Field(description="the words before the gap")
    after: str = Field(description="the words (or the full stop) after it")
    base: str = Field(description="the word(s) to put in, in the dictionary form")
    gloss: str | None = Field(default=None, description="the word in English, if known")


class DrillSet(BaseModel):
    aimed_at: list[CellOut] = Field(description="the weak cells the drills practise, weakest first")
    drills: list[DrillOut]


class DrillAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LineText = Field(min_length=1, max_length=400)
    answer: LearnerText = Field(min_length=1, max_length=300, description="the missing words")
    explain_in: ExplainLang = "en"


class Judged(BaseModel):
    verdict: Verdict
    expected: str = Field(description="the accepted sentence closest to the answer")
    answer: str = Field(description="the sentence the learner made")
    issues: list[FeedbackIssue]


class DrillResult(Judged):
    cell: CellOut
    accepted: list[str] = Field(description="every sentence accepted for the drill")


class ListeningOut(BaseModel):
    token: str = Field(description="the sentence, signed: send it back with what was heard")
    audio_job_id: str = Field(description="its speech: GET /tts/status/{id} gives the audio URL")
    words: int = Field(description="how many words the sentence has")
    lesson_id: str = Field(description="the lesson the sentence comes from")


class SpokenWord(BaseModel):
    """A word of a transcript, as ``transcript_ready`` (or ``GET /speech/{id}``) gave it."""

    model_config = ConfigDict(extra="forbid")

    word: LineText = Field(max_length=100)
    probability: float | None = Field(default=None, ge=0, le=1)


class ListeningIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LineText = Field(min_length=1, max_length=400)
    answer: LearnerText = Field(min_length=1, max_length=500, description="what the learner heard")
    explain_in: ExplainLang = "en"
    input: Literal["text", "speech"] = Field(
        default="text",
        description="speech: the answer is what the tutor heard the learner say (POST /speech "
        "with this item's token as listening_token)",
    )
    words: list[SpokenWord] = Field(
        default_factory=list,
        max_length=200,
        description="a spoken answer's words with the recogniser's probability: a word heard "
        "faintly is marked not clear, never wrong",
    )


class Misheard(BaseModel):
    heard: str | None = Field(description="what the learner typed (None: a word left out)")
    said: str | None = Field(description="what the sentence says (None: a word not in it)")


class ListeningResult(Judged):
    misheard: list[Misheard] = Field(description="each word typed otherwise than it was said")
    heard: Heard | None = Field(
        default=None, description="a spoken answer: what the tutor heard, word by word"
    )


class DailyCard(BaseModel):
    card_id: uuid.UUID
    en: str = Field(description="the English: the learner types the Polish")
    lesson_id: str


class DailyItem(BaseModel):
    kind: Literal["card", "drill"]
    card: DailyCard | None = None
    drill: DrillOut | None = None


class DailySession(BaseModel):
    items: list[DailyItem] = Field(description="due cards and drills on weak cells, mixed")
    due_cards: int = Field(description="how many of the items are due cards")
    aimed_at: list[CellOut] = Field(description="the weak cells the drills practise")


class CardAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: LearnerText = Field(min_length=1, max_length=300, description="the Polish word")
    explain_in: ExplainLang = "en"


class CardResult(Judged):
    rating: RatingName = Field(description="the FSRS rating the result gave")
    due: datetime = Field(description="when the card comes back")
