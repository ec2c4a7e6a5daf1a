from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polish_tutor.kit.text import LearnerText
from polish_tutor.turn_types import FeedbackIssue, Verdict


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    expected: LearnerText | list[LearnerText] = Field(
        description="the expected sentence, or accepted answers"
    )
    answer: LearnerText = Field(min_length=1, max_length=2000)
    explain_in: Literal["en", "pl"] = "en"

    def accepted(self) -> list[str]:
        return [self.expected] if isinstance(self.expected, str) else self.expected


class CompareOut(BaseModel):
    verdict: Verdict
    expected: str
    answer: str
    issues: list[FeedbackIssue]


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: LearnerText = Field(min_length=1, max_length=2000, description="the learner's text")
    explain_in: Literal["en", "pl"] = "en"


class CheckOut(BaseModel):
    text: str
    corrected: str = Field(description="the text with every correction the engine is sure of")
    issues: list[FeedbackIssue]


class DiacriticsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: LearnerText = Field(min_length=1, max_length=20000)


class DiacriticsOut(BaseModel):
    text: str


class InflectionRowOut(BaseModel):
    label: str
    cells: list[str | None]


class InflectionSectionOut(BaseModel):
    title: str
    columns: list[str]
    rows: list[InflectionRowOut]


class InflectionOut(BaseModel):
    word: str
    lemma: str
    part_of_speech: str
    sections: list[InflectionSectionOut]
