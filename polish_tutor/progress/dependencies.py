from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import DbSession, Language
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.progress.service import ProgressService


async def get_progress_service(
    session: DbSession, lessons: Lessons, language: Language
) -> ProgressService:
    return ProgressService.for_session(session, lessons=lessons, engine=language)


Progress = Annotated[ProgressService, Depends(get_progress_service)]
