from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import AsyncRedis, DbSession, SettingsDep
from polish_tutor.kit.lifespan import provided
from polish_tutor.stt.relay import TranscriptionRelay
from polish_tutor.stt.service import RecognitionService

Transcriptions = Annotated[
    TranscriptionRelay, Depends(provided("transcriptions", TranscriptionRelay))
]


async def get_recognition_service(
    session: DbSession, settings: SettingsDep, relay: Transcriptions, redis: AsyncRedis
) -> RecognitionService:
    return RecognitionService(session, settings=settings, relay=relay, redis=redis)


Recognition = Annotated[RecognitionService, Depends(get_recognition_service)]
