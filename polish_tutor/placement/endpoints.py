from __future__ import annotations

import uuid
from typing import cast

from fastapi import APIRouter

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.dependencies import DbSession
from polish_tutor.kit.openapi import errors
from polish_tutor.language.types import LearnerGender
from polish_tutor.placement.dependencies import Placement
from polish_tutor.placement.schemas import (
    PlacementAnswerIn,
    PlacementAnswerOut,
    PlacementStarted,
    PlacementStatus,
)

router = APIRouter(tags=["placement"])


@router.get("/placement", response_model=PlacementStatus)
async def placement_status(user: CurrentUser, placement: Placement) -> PlacementStatus:
    """Where the latest finished placement quiz suggests starting, if one was taken."""
    return await placement.status(user.user_id)


@router.post("/placement", response_model=PlacementStarted, status_code=201)
async def start_placement(user: CurrentUser, placement: Placement) -> PlacementStarted:
    """Start a placement quiz: 10 to 15 items across A1–B1, each chosen from the answers so
    far; the first item comes with it."""
    return await placement.start(user.user_id)


@router.post(
    "/placement/{quiz_id}/answers",
    response_model=PlacementAnswerOut,
    responses=errors(409),
)
async def answer_placement(
    quiz_id: uuid.UUID,
    body: PlacementAnswerIn,
    user: CurrentUser,
    placement: Placement,
    db: DbSession,
) -> PlacementAnswerOut:
    """Answer the waiting item (by its number): whether it was right, the next item, and,
    after the last one, where to start."""
    gender = await AuthRepository(db).gender_of(user.user_id)
    learner_gender = cast(LearnerGender, gender) if gender in ("feminine", "masculine") else None
    return await placement.answer(user.user_id, quiz_id, body, learner_gender)
