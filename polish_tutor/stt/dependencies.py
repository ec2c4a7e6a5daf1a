from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import AppState, DbSession
from polish_tutor.stt.service import RecognitionService


async def get_recognition_service(session: DbSession, state: AppState) -> RecognitionService:
    return RecognitionService(
        session, settings=state.settings, relay=state.transcriptions, redis=state.redis
    )


Recognition = Annotated[RecognitionService, Depends(get_recognition_service)]
