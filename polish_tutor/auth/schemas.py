from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from polish_tutor.auth.passwords import MAX_LENGTH
from polish_tutor.kit.text import LineText


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=320)
    # Control characters are refused on registration (auth/passwords.py), not here: a login
    # compares, and never stores, what it is given.
    password: str = Field(min_length=1, max_length=MAX_LENGTH)

    @field_validator("email")
    @classmethod
    def _normalise(cls, email: str) -> str:
        return email.strip().lower()


LearnerGender = Literal["feminine", "masculine"]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    gender: LearnerGender | None = Field(
        default=None, description="the learner's gender, for feedback and model answers"
    )


class UserPatch(BaseModel):
    """What a learner may change on their account."""

    model_config = ConfigDict(extra="forbid")

    gender: LearnerGender | None = Field(
        description="feminine, masculine, or null (not given: either form is accepted)"
    )


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: LineText = Field(min_length=10, max_length=200)
