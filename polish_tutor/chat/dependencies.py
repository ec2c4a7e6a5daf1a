from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.drivers import AgentDriverProtocol
from polish_tutor.chat.service import ChatService, StepSpeech
from polish_tutor.kit.rate_limit import RateLimiter
from polish_tutor.kit.tasks import stop_tasks
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.hot import HotSessionStore
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.settings import Settings
from polish_tutor.stt.dependencies import RecognitionServices
from polish_tutor.tts.dependencies import SpeechServices
from polish_tutor.tts.presynthesis import LessonPresynthesis

# Seconds a shutdown waits for streamed turns still running (a model's reply, then the store).
STREAM_GRACE = 30.0


class ChatServices:
    """Builds the chat service on a given session: ``POST /chat`` on the request's
    transaction, ``POST /chat/stream`` in a transaction of its own (after the request's
    dependencies have closed). Built once per app by the lifespan (``app.py``): a turn
    resolves one dependency for it instead of ten, two of which (this class and the speech
    services', as class dependencies) ran in the thread pool on every turn. It also carries
    what the endpoints check a turn with (settings, the rate limiter, the recognitions of a
    spoken answer), so ``POST /chat`` resolves four dependencies fewer per turn."""

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
        limiter: RateLimiter,
        recognitions: RecognitionServices,
        step_speech: StepSpeech | None = None,
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
        self.limiter = limiter
        self.recognitions = recognitions
        self.step_speech = step_speech
        self._streams: set[asyncio.Task[None]] = set()

    def run_stream(self, turn: Coroutine[Any, Any, None]) -> None:
        """A streamed turn, in a task of its own (``POST /chat/stream``): it goes on when its
        client leaves, and the app's shutdown waits for it (:meth:`aclose`)."""
        task = asyncio.create_task(turn, name="streamed-turn")
        self._streams.add(task)
        task.add_done_callback(self._streams.discard)

    async def aclose(self, grace: float = STREAM_GRACE) -> None:
        """At shutdown, before the database and Redis close: the streamed turns still running
        get ``grace`` seconds to be stored (their clients may have left), then are stopped.
        Left running, one was cut off by the engine's close, or by the loop's, mid-statement
        or mid-connection."""
        if self._streams:
            await asyncio.wait(set(self._streams), timeout=grace)
        await stop_tasks(self._streams)

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
            step_speech=self.step_speech,
        )


async def get_chat_services(request: Request) -> ChatServices:
    services: ChatServices = request.app.state.chat_services
    return services


ChatFactory = Annotated[ChatServices, Depends(get_chat_services)]
