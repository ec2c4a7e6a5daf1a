from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import AppState, DbSession
from polish_tutor.progress.service import ProgressService


async def get_progress_service(session: DbSession, state: AppState) -> ProgressService:
    return ProgressService.for_session(session, lessons=state.lessons, engine=state.language)


Progress = Annotated[ProgressService, Depends(get_progress_service)]
