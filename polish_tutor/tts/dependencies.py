from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.dependencies import DbSession
from polish_tutor.kit.lifespan import provided
from polish_tutor.settings import Settings
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.events import EventBus
from polish_tutor.tts.relay import OutboxRelay
from polish_tutor.tts.service import SpeechService
from polish_tutor.tts.signing import AudioUrlSigner

UrlSigner = Annotated[AudioUrlSigner, Depends(provided("signer", AudioUrlSigner))]
Events = Annotated[EventBus, Depends(provided("bus", EventBus))]
AudioFiles = Annotated[AudioStore, Depends(provided("store", AudioStore))]
SpeechRelay = Annotated[OutboxRelay, Depends(provided("relay", OutboxRelay))]


class SpeechServices:
    """Builds the speech service on a given session: for each request's transaction, and for
    work that opens its own (a streamed turn outlives its request's session). Built once by
    the lifespan (``State.speech``), so a request resolves one dependency, not five."""

    def __init__(
        self,
        *,
        settings: Settings,
        relay: OutboxRelay,
        bus: EventBus,
        redis: Redis,
        signer: AudioUrlSigner,
    ) -> None:
        self.settings = settings
        self.relay = relay
        self.bus = bus
        self.redis = redis
        self.signer = signer

    def on(self, session: AsyncSession) -> SpeechService:
        return SpeechService(
            session,
            settings=self.settings,
            relay=self.relay,
            bus=self.bus,
            redis=self.redis,
            signer=self.signer,
        )


SpeechFactory = Annotated[SpeechServices, Depends(provided("speech", SpeechServices))]


async def get_speech_service(session: DbSession, services: SpeechFactory) -> SpeechService:
    return services.on(session)


Speech = Annotated[SpeechService, Depends(get_speech_service)]
