from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import AsyncRedis, DbSession, SettingsDep
from polish_tutor.kit.lifespan import provided
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.events import EventBus
from polish_tutor.tts.relay import OutboxRelay
from polish_tutor.tts.service import SpeechService
from polish_tutor.tts.signing import AudioUrlSigner

UrlSigner = Annotated[AudioUrlSigner, Depends(provided("signer", AudioUrlSigner))]
Events = Annotated[EventBus, Depends(provided("bus", EventBus))]
AudioFiles = Annotated[AudioStore, Depends(provided("store", AudioStore))]
SpeechRelay = Annotated[OutboxRelay, Depends(provided("relay", OutboxRelay))]


async def get_speech_service(
    session: DbSession,
    settings: SettingsDep,
    relay: SpeechRelay,
    bus: Events,
    redis: AsyncRedis,
    signer: UrlSigner,
) -> SpeechService:
    return SpeechService(
        session, settings=settings, relay=relay, bus=bus, redis=redis, signer=signer
    )


Speech = Annotated[SpeechService, Depends(get_speech_service)]
