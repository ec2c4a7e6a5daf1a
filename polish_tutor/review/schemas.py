from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RatingName = Literal["again", "hard", "good", "easy"]


class ReviewCardOut(BaseModel):
    card_id: uuid.UUID
    pl: str = Field(description="the Polish word or phrase")
    en: str = Field(description="its English gloss")
    lesson_id: str = Field(description="the lesson that introduced it")
    due: datetime = Field(description="when FSRS wants it reviewed next (UTC)")
    reps: int = Field(description="reviews so far")
    lapses: int = Field(description="times forgotten: rated again, or missed in a lesson")


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: RatingName = Field(description="how well the learner recalled the word")
