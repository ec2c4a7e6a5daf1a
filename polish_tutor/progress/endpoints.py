from __future__ import annotations

from fastapi import APIRouter, Query

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.kit.openapi import errors
from polish_tutor.progress.dependencies import Progress
from polish_tutor.progress.schemas import ProgressOut
from polish_tutor.progress.service import time_zone

router = APIRouter(tags=["progress"])


@router.get("/progress", response_model=ProgressOut, responses=errors(422))
async def get_progress(
    user: CurrentUser,
    progress: Progress,
    tz: str = Query(
        default="UTC",
        min_length=1,
        max_length=64,
        description="the learner's IANA time zone (Europe/Warsaw): where a day of the streak "
        "begins and ends",
    ),
) -> ProgressOut:
    """Mastery per grammatical feature, every lesson's status, lessons done per level, words
    learned, and the days practised (streak) and time spent."""
    return await progress.summary(user.user_id, zone=time_zone(tz))
