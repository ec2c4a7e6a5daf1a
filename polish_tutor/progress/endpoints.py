from __future__ import annotations

from fastapi import APIRouter

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.progress.dependencies import Progress
from polish_tutor.progress.schemas import ProgressOut

router = APIRouter(tags=["progress"])


@router.get("/progress", response_model=ProgressOut)
async def get_progress(user: CurrentUser, progress: Progress) -> ProgressOut:
    """Mastery per grammatical feature, every lesson's status, and words learned."""
    return await progress.summary(user.user_id)
