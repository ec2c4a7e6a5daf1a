from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.chat.service import ChatService
from polish_tutor.dependencies import AppState, DbSession
from polish_tutor.progress.service import ProgressService
from polish_tutor.tts.dependencies import Speech


async def get_chat_service(session: DbSession, state: AppState, speech: Speech) -> ChatService:
    return ChatService(
        session,
        driver=state.driver,
        read_sessionmaker=state.read_sessionmaker,
        hot=state.hot,
        speech=speech,
        lessons=state.lessons,
        context_turns=state.settings.context_turns,
        summaries=state.summaries,
        progress=ProgressService.for_session(
            session, lessons=state.lessons, engine=state.language, reads=state.read_sessionmaker
        ),
        presynthesis=state.presynthesis,
    )


Chat = Annotated[ChatService, Depends(get_chat_service)]
