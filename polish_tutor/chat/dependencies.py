from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.ai_agent.drivers import AgentDriverProtocol
from polish_tutor.chat.service import ChatService
from polish_tutor.dependencies import DbSession, Language, ReadSessions, SettingsDep
from polish_tutor.kit.lifespan import provided, provided_if_any
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.dependencies import HotSessions
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.tts.dependencies import SpeechFactory
from polish_tutor.tts.presynthesis import LessonPresynthesis

AgentDriver = Annotated[AgentDriverProtocol, Depends(provided("driver", AgentDriverProtocol))]
Summaries = Annotated[SummaryScheduler, Depends(provided("summaries", SummaryScheduler))]
# Lesson audio made ahead of time: only with a driver whose lesson lines are known (local).
Presynthesis = Annotated[
    LessonPresynthesis | None, Depends(provided_if_any("presynthesis", LessonPresynthesis))
]


class ChatServices:
    """Builds the chat service on a given session: ``POST /chat/stream`` runs its turn in a
    transaction of its own, after the request's dependencies have closed."""

    def __init__(
        self,
        driver: AgentDriver,
        reads: ReadSessions,
        hot: HotSessions,
        speech: SpeechFactory,
        lessons: Lessons,
        language: Language,
        settings: SettingsDep,
        summaries: Summaries,
        presynthesis: Presynthesis,
    ) -> None:
        self.driver = driver
        self.reads = reads
        self.hot = hot
        self.speech = speech
        self.lessons = lessons
        self.language = language
        self.settings = settings
        self.summaries = summaries
        self.presynthesis = presynthesis

    def on(self, session: AsyncSession) -> ChatService:
        return ChatService(
            session,
            driver=self.driver,
            read_sessionmaker=self.reads,
            hot=self.hot,
            speech=self.speech.on(session),
            lessons=self.lessons,
            context_turns=self.settings.context_turns,
            summaries=self.summaries,
            progress=ProgressService.for_session(
                session, lessons=self.lessons, engine=self.language, reads=self.reads
            ),
            presynthesis=self.presynthesis,
        )


ChatFactory = Annotated[ChatServices, Depends()]


async def get_chat_service(session: DbSession, services: ChatFactory) -> ChatService:
    return services.on(session)


Chat = Annotated[ChatService, Depends(get_chat_service)]
