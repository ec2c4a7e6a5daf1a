from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import AppState, DbSession
from polish_tutor.tts.service import SpeechService


async def get_speech_service(session: DbSession, state: AppState) -> SpeechService:
    return SpeechService(
        session,
        settings=state.settings,
        relay=state.relay,
        bus=state.bus,
        redis=state.redis,
        signer=state.signer,
    )


Speech = Annotated[SpeechService, Depends(get_speech_service)]
