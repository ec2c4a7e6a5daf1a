"""Everything a process builds once at start-up and closes at shutdown (never at import)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, fields
from typing import Any

from fastapi import FastAPI
from redis import Redis
from redis.asyncio import BlockingConnectionPool
from redis.asyncio import Redis as AsyncRedis
from rq import Queue
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.drivers import AgentDriverProtocol, build_agent_driver
from polish_tutor.ai_agent.drivers.local import LocalDriver
from polish_tutor.auth.revocations import SUBSCRIBER_NAME, RevokedFamilies
from polish_tutor.auth.tokens import AccessTokens
from polish_tutor.kit.db import create_engine, create_sessionmaker
from polish_tutor.kit.rate_limit import RateLimiter
from polish_tutor.kit.tasks import stop_tasks
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.sessions.hot import HotSessionStore
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.settings import Settings
from polish_tutor.stt.dependencies import RecognitionServices
from polish_tutor.stt.relay import TranscriptionRelay
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.dependencies import SpeechServices
from polish_tutor.tts.events import EventBus
from polish_tutor.tts.presynthesis import LessonPresynthesis
from polish_tutor.tts.relay import OutboxRelay
from polish_tutor.tts.signing import AudioUrlSigner

log = logging.getLogger(__name__)

REDIS_TIMEOUTS: dict[str, Any] = {"socket_connect_timeout": 2, "socket_timeout": 5}


@dataclass
class State:
    settings: Settings
    engine: AsyncEngine
    read_engine: AsyncEngine  # the same engine, except on SQLite (see kit.db.create_engine)
    sessionmaker: async_sessionmaker[AsyncSession]
    read_sessionmaker: async_sessionmaker[AsyncSession]
    redis: AsyncRedis
    queue_redis: Redis
    lessons: LessonCatalog
    language: LanguageEngine
    driver: AgentDriverProtocol
    relay: OutboxRelay
    bus: EventBus
    signer: AudioUrlSigner
    store: AudioStore
    access_tokens: AccessTokens
    revoked_families: RevokedFamilies
    limiter: RateLimiter
    hot: HotSessionStore
    summaries: SummaryScheduler
    transcriptions: TranscriptionRelay  # learners' recordings to the transcription queue
    # The per-transaction services' factories, built once: a request resolves one dependency.
    speech: SpeechServices
    recognitions: RecognitionServices
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    presynthesis: LessonPresynthesis | None = None  # with the local driver, whose lines are known


def redis_url(settings: Settings) -> str:
    if not settings.redis_url:
        raise RuntimeError(
            "TUTOR_REDIS_URL is not set; `polish-tutor serve` starts an embedded Valkey for you"
        )
    return settings.redis_url


@functools.cache
def language_engine() -> LanguageEngine:
    """One engine per process: it is read-only and thread-safe, and takes a second to load."""
    return LanguageEngine.load()


@contextlib.asynccontextmanager
async def build_state(settings: Settings) -> AsyncIterator[State]:
    engine = create_engine(
        settings.resolved_database_url,
        pre_ping=settings.db_pre_ping,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    sqlite = engine.dialect.name == "sqlite"
    read_engine = (
        create_engine(settings.resolved_database_url, for_reads=True) if sqlite else engine
    )
    sessionmaker = create_sessionmaker(engine)
    read_sessionmaker = create_sessionmaker(read_engine, read_only=True)
    url = redis_url(settings)
    # A blocking pool: under a burst, requests queue for a connection instead of failing.
    redis = AsyncRedis.from_pool(
        BlockingConnectionPool.from_url(
            url, max_connections=settings.redis_max_connections, timeout=5, **REDIS_TIMEOUTS
        )
    )
    queue_redis = Redis.from_url(url, **REDIS_TIMEOUTS)
    # The revoked logins' subscriber holds its pub/sub connection for good: not one of the
    # request pool's.
    subscriber_redis = AsyncRedis.from_url(url, client_name=SUBSCRIBER_NAME, **REDIS_TIMEOUTS)
    revoked_families = RevokedFamilies(redis, subscriber_redis, settings.access_token_ttl)
    lessons = LessonCatalog.from_directory(settings.lessons_dir)
    # Morfeusz and the diacritics index load once per process (about a second), off the loop.
    language = await asyncio.to_thread(language_engine)
    driver = build_agent_driver(settings, lessons=lessons, engine=language)
    state: State | None = None
    try:
        holder: dict[str, Queue] = {}

        def queue_named(name: str) -> Callable[[], Queue]:
            def queue() -> Queue:  # built on first use: nothing touches Redis at start-up
                if name not in holder:
                    holder[name] = Queue(name, connection=queue_redis)
                return holder[name]

            return queue

        queue = queue_named(settings.tts_queue)

        relay = OutboxRelay(
            sessionmaker,
            queue,
            redis=redis,
            ahead_queue=queue_named(settings.tts_ahead_queue),
            poll_interval=settings.outbox_poll_interval,
            job_timeout=settings.tts_job_timeout,
            retry_intervals=settings.tts_retry_intervals,
            read_sessionmaker=read_sessionmaker,
        )
        bus = EventBus(redis)
        signer = AudioUrlSigner(settings.secret, settings.audio_url_ttl)
        transcriptions = TranscriptionRelay(
            sessionmaker,
            queue_named(settings.stt_queue),
            poll_interval=settings.outbox_poll_interval,
            job_timeout=settings.stt_job_timeout,
            keep_audio=settings.stt_keep_audio,
            read_sessionmaker=read_sessionmaker,
        )
        state = State(
            settings=settings,
            engine=engine,
            read_engine=read_engine,
            sessionmaker=sessionmaker,
            read_sessionmaker=read_sessionmaker,
            redis=redis,
            queue_redis=queue_redis,
            lessons=lessons,
            language=language,
            driver=driver,
            relay=relay,
            bus=bus,
            signer=signer,
            store=AudioStore(settings.audio_dir),
            access_tokens=AccessTokens(
                settings.secret,
                settings.access_token_ttl,
                revoked_families=revoked_families.ids,
            ),
            revoked_families=revoked_families,
            limiter=RateLimiter(redis),
            hot=HotSessionStore(redis, ttl=settings.hot_session_ttl),
            summaries=SummaryScheduler(
                queue_named(settings.summary_queue),
                context_turns=settings.context_turns,
                summary_after=settings.summary_after,
            ),
            transcriptions=transcriptions,
            speech=SpeechServices(
                settings=settings, relay=relay, bus=bus, redis=redis, signer=signer
            ),
            recognitions=RecognitionServices(settings=settings, relay=transcriptions, redis=redis),
        )
        state.tasks.append(asyncio.create_task(revoked_families.run(), name="revoked-logins"))
        # Serving starts with the logins revoked so far known (unless Redis is down).
        await revoked_families.wait_loaded()
        state.tasks.append(asyncio.create_task(relay.run(), name="outbox-relay"))
        state.tasks.append(
            asyncio.create_task(state.transcriptions.run(), name="transcription-relay")
        )
        state.presynthesis = lesson_presynthesis(state)
        if settings.prepare_language != "off":
            state.tasks.append(
                asyncio.create_task(
                    prepare_language(
                        language,
                        lessons if settings.prepare_language != "english" else None,
                        forms=settings.prepare_language == "course",
                    ),
                    name="language-prepare",
                )
            )
        yield state
    finally:
        if state is not None:
            if state.presynthesis is not None:
                await state.presynthesis.aclose()
            await stop_tasks(state.tasks)
            await state.bus.aclose()
        await driver.aclose()
        await redis.aclose()
        await subscriber_redis.aclose()
        queue_redis.close()
        await engine.dispose()
        if read_engine is not engine:
            await read_engine.dispose()


async def prepare_language(
    language: LanguageEngine, lessons: LessonCatalog | None, *, forms: bool = False
) -> None:
    """The English word list loaded, and with ``lessons`` what the engine remembers of the
    course's accepted answers worked out ahead of time (``LanguageEngine.prepare_answers``)
    and, with ``forms``, every form of their words analysed (``LanguageEngine.prepare``), a
    lesson at a time in a thread: the loop keeps serving, and a shutdown waits for one lesson
    at most."""
    started = time.perf_counter()
    count = await asyncio.to_thread(language.prepare, ())
    sentences = 0
    for lesson in lessons or ():
        expected = lesson.expected_sentences()
        questions = [step.tutor for step in lesson.dialogue]
        sentences += await asyncio.to_thread(language.prepare_answers, expected, questions)
        if forms:
            count += await asyncio.to_thread(language.prepare, expected)
    # The analyses live as long as the process: out of the garbage collector's way (with them
    # a full collection took 0.3 s, a request's stall each time one fell into a turn).
    gc.freeze()
    log.info(
        "language engine prepared: %d accepted answers and %d word forms of the course in %.1f s",
        sentences,
        count,
        time.perf_counter() - started,
    )


def lesson_presynthesis(state: State) -> LessonPresynthesis | None:
    """Lesson audio made ahead of time, when the driver's lesson speech is deterministic."""
    if not state.settings.presynthesis or not isinstance(state.driver, LocalDriver):
        return None

    return LessonPresynthesis(state.sessionmaker, state.speech.on, state.driver.lesson_utterances)


def step_speech(
    state: State,
) -> Callable[[Lesson, int, float, str | None], list[tuple[str, float]]] | None:
    """What a turn at a lesson's step may say, when the driver's lesson speech is known ahead
    (the local driver's): the chat service has the hot state carry which of it is stored."""
    return state.driver.step_utterances if isinstance(state.driver, LocalDriver) else None


def install(app: FastAPI, state: State) -> None:
    """Put the state on ``app.state``, and each of its parts under its own name: endpoints ask
    for the part they use (``kit.lifespan.provided``), never for the whole state."""
    app.state.tutor = state
    for part in fields(state):
        setattr(app.state, part.name, getattr(state, part.name))


def app_state(app: FastAPI) -> State:
    state: State = app.state.tutor
    return state
