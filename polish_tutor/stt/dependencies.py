from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.dependencies import DbSession
from polish_tutor.kit.lifespan import provided
from polish_tutor.settings import Settings
from polish_tutor.stt.relay import TranscriptionRelay
from polish_tutor.stt.service import RecognitionService


class RecognitionServices:
    """Builds the recognition service on a given session, built once by the lifespan
    (``State.recognitions``): ``/chat`` needs one only for a turn by voice."""

    def __init__(self, *, settings: Settings, relay: TranscriptionRelay, redis: Redis) -> None:
        self.settings = settings
        self.relay = relay
        self.redis = redis

    def on(self, session: AsyncSession) -> RecognitionService:
        return RecognitionService(
            session, settings=self.settings, relay=self.relay, redis=self.redis
        )


RecognitionFactory = Annotated[
    RecognitionServices, Depends(provided("recognitions", RecognitionServices))
]


async def get_recognition_service(
    session: DbSession, services: RecognitionFactory
) -> RecognitionService:
    return services.on(session)


Recognition = Annotated[RecognitionService, Depends(get_recognition_service)]
