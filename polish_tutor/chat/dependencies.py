from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.ai_agent.orchestrator import AgentOrchestrator
from polish_tutor.dependencies import AppState, DbSession
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.tts.dependencies import Speech


async def get_orchestrator(
    session: DbSession, state: AppState, speech: Speech
) -> AgentOrchestrator:
    return AgentOrchestrator(
        driver=state.driver,
        sessions=SessionRepository(session),
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


Orchestrator = Annotated[AgentOrchestrator, Depends(get_orchestrator)]
