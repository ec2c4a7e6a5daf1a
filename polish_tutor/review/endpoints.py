from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.dependencies import DbSession
from polish_tutor.review.repository import ReviewRepository
from polish_tutor.review.schemas import ReviewCardOut, ReviewIn
from polish_tutor.review.service import ReviewService

router = APIRouter(tags=["review"])


@router.get("/review/due", response_model=list[ReviewCardOut])
async def due_cards(
    user: CurrentUser, db: DbSession, limit: int = Query(default=20, ge=1, le=200)
) -> list[ReviewCardOut]:
    """Words due for review now: words already met (or missed) first, then new ones."""
    return await ReviewService(ReviewRepository(db)).due(user.user_id, limit)


@router.post("/review/{card_id}", response_model=ReviewCardOut)
async def review_card(
    card_id: uuid.UUID, body: ReviewIn, user: CurrentUser, db: DbSession
) -> ReviewCardOut:
    """Rate how well the learner recalled a word; FSRS sets the next due date."""
    return await ReviewService(ReviewRepository(db)).review(user.user_id, card_id, body.rating)
