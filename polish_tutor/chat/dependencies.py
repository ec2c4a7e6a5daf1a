from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.drivers import AgentDriverProtocol
from polish_tutor.chat.service import ChatService
from polish_tutor.dependencies import DbSession
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.hot import HotSessionStore
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.settings import Settings
from polish_tutor.tts.dependencies import SpeechServices
from polish_tutor.tts.presynthesis import LessonPresynthesis


class ChatServices:
    """Builds the chat service on a given session: ``POST /chat`` on the request's
    transaction, ``POST /chat/stream`` in a transaction of its own (after the request's
    dependencies have closed). Built once per app by the lifespan (``app.py``): a turn
    resolves one dependency for it instead of ten, two of which (this class and the speech
    services', as class dependencies) ran in the thread pool on every turn."""

    def __init__(
        self,
        *,
        driver: AgentDriverProtocol,
        reads: async_sessionmaker[AsyncSession],
        hot: HotSessionStore,
        speech: SpeechServices,
        lessons: LessonCatalog,
        language: LanguageEngine,
        settings: Settings,
        summaries: SummaryScheduler,
        presynthesis: LessonPresynthesis | None,
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
                session, lessons=self.lessons, engine=self.language
            ),
            presynthesis=self.presynthesis,
        )


async def get_chat_services(request: Request) -> ChatServices:
    services: ChatServices = request.app.state.chat_services
    return services


ChatFactory = Annotated[ChatServices, Depends(get_chat_services)]


async def get_chat_service(session: DbSession, services: ChatFactory) -> ChatService:
    return services.on(session)


Chat = Annotated[ChatService, Depends(get_chat_service)]
