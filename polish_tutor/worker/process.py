"""What a worker process builds once and every job reuses: the database engine, Redis, and
each kind of job's service (the speech driver, the summariser, the recogniser's model), bound
into the domains' ``jobs.py`` before the first job and closed when the worker stops."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis import Redis
from sqlalchemy import Engine, create_engine

from polish_tutor.ai_agent.summariser import build_summariser
from polish_tutor.kit.db import configure_sqlite
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.sessions import jobs as session_jobs
from polish_tutor.sessions.summaries import SessionSummaries
from polish_tutor.settings import Settings, sync_database_url
from polish_tutor.stt import jobs as stt_jobs
from polish_tutor.stt.drivers import RecognitionDriverProtocol, build_recognition_driver
from polish_tutor.stt.queue import JOB_FUNCTION as TRANSCRIPTION_JOB
from polish_tutor.stt.transcription import Transcription
from polish_tutor.tts import jobs as tts_jobs
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.drivers import SpeechDriverProtocol, build_speech_driver
from polish_tutor.tts.queue import JOB_FUNCTION as SPEECH_JOB
from polish_tutor.tts.queue import LINES_FUNCTION as SPEECH_LINES_JOB
from polish_tutor.tts.synthesis import SpeechSynthesis

log = logging.getLogger(__name__)

# How to end a job that is stuck past its timeout (worker.guard): its domain closes its
# requests as failed and tells the learner, so the outbox does not send it again.
GIVE_UP: dict[str, Callable[[tuple[Any, ...], dict[str, Any]], None]] = {
    SPEECH_JOB: tts_jobs.give_up,
    SPEECH_LINES_JOB: tts_jobs.give_up_lines,
    TRANSCRIPTION_JOB: stt_jobs.give_up,
}


def connect(settings: Settings) -> tuple[Engine, Redis]:
    """The worker's synchronous engine and Redis client. A small pool: jobs run one at a
    time, and the guard's thread may need a connection while a stuck job holds one."""
    if not settings.redis_url:
        raise RuntimeError("a worker needs TUTOR_REDIS_URL")
    url = sync_database_url(settings.resolved_database_url)
    # hide_parameters: a failed statement's error (logged, sent to Sentry) names no text.
    engine = create_engine(url, pool_size=1, max_overflow=2, hide_parameters=True)
    if url.startswith("sqlite"):
        configure_sqlite(engine)
    return engine, Redis.from_url(settings.redis_url)


@dataclass
class WorkerProcess:
    """A speech worker's (speech and summaries) or a transcription worker's resources."""

    settings: Settings
    engine: Engine
    redis: Redis
    speech: SpeechSynthesis | None = None
    summaries: SessionSummaries | None = None
    transcription: Transcription | None = None

    @classmethod
    def for_speech(
        cls, settings: Settings, driver: SpeechDriverProtocol | None = None
    ) -> WorkerProcess:
        """Speech synthesis and session summaries, bound into their ``jobs`` modules."""
        engine, redis = connect(settings)
        process = cls(settings, engine, redis)
        process.speech = SpeechSynthesis(
            engine=engine,
            store=AudioStore(settings.audio_dir),
            driver=driver if driver is not None else build_speech_driver(settings),
            redis=redis,
            driver_setting=settings.tts_driver,
        )
        process.summaries = SessionSummaries(
            engine=engine,
            redis=redis,
            lessons=LessonCatalog.from_directory(settings.lessons_dir),
            summariser=build_summariser(settings),
            context_turns=settings.context_turns,
        )
        tts_jobs.synthesis.bind(process.speech)
        session_jobs.summaries.bind(process.summaries)
        return process

    @classmethod
    def for_transcription(
        cls, settings: Settings, driver: RecognitionDriverProtocol | None = None
    ) -> WorkerProcess:
        """Transcription, with the recogniser's model loaded (unless ``driver`` is given)."""
        engine, redis = connect(settings)
        if driver is None:
            driver = build_recognition_driver(settings)
            prewarm = getattr(driver, "prewarm", None)
            if callable(prewarm):
                prewarm()
        process = cls(settings, engine, redis)
        process.transcription = Transcription(
            engine=engine, driver=driver, redis=redis, keep_audio=settings.stt_keep_audio != 0
        )
        stt_jobs.transcription.bind(process.transcription)
        return process

    @property
    def model_summaries(self) -> bool:
        """Whether a model writes this process's session summaries (then in the worker's
        background process; else they are extractive: a few milliseconds, run in the worker
        itself; see :mod:`polish_tutor.worker.queues`)."""
        return self.summaries is not None and self.summaries.summariser is not None

    def prewarm(self) -> None:
        """What the first job would pay for: the summariser's prompts and client, the speech
        job's compiled statements."""
        if self.summaries is not None:
            self.summaries.prewarm()
        if self.speech is not None:
            self.speech.prewarm()

    def close(self) -> None:
        tts_jobs.synthesis.bind(None)
        session_jobs.summaries.bind(None)
        stt_jobs.transcription.bind(None)
        for service in (self.speech, self.summaries, self.transcription):
            if service is not None:
                service.close()
        self.engine.dispose()
        self.redis.close()
