from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.ai_agent.drivers import AgentDriverProtocol
from polish_tutor.chat.service import ChatService
from polish_tutor.dependencies import DbSession, Language, ReadSessions, SettingsDep
from polish_tutor.kit.lifespan import provided, provided_if_any
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.dependencies import HotSessions
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.tts.dependencies import Speech
from polish_tutor.tts.presynthesis import LessonPresynthesis

AgentDriver = Annotated[AgentDriverProtocol, Depends(provided("driver", AgentDriverProtocol))]
Summaries = Annotated[SummaryScheduler, Depends(provided("summaries", SummaryScheduler))]
# Lesson audio made ahead of time: only with a driver whose lesson lines are known (local).
Presynthesis = Annotated[
    LessonPresynthesis | None, Depends(provided_if_any("presynthesis", LessonPresynthesis))
]


async def get_chat_service(
    session: DbSession,
    driver: AgentDriver,
    reads: ReadSessions,
    hot: HotSessions,
    speech: Speech,
    lessons: Lessons,
    language: Language,
    settings: SettingsDep,
    summaries: Summaries,
    presynthesis: Presynthesis,
) -> ChatService:
    return ChatService(
        session,
        driver=driver,
        read_sessionmaker=reads,
        hot=hot,
        speech=speech,
        lessons=lessons,
        context_turns=settings.context_turns,
        summaries=summaries,
        progress=ProgressService.for_session(
            session, lessons=lessons, engine=language, reads=reads
        ),
        presynthesis=presynthesis,
    )


Chat = Annotated[ChatService, Depends(get_chat_service)]
