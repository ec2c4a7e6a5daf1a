"""The RQ job that turns a speech request into a stored audio file (runs in workers)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redis import Redis
from sqlalchemy import Engine, create_engine, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from polish_tutor.kit.db import READ_ONLY, configure_sqlite, utcnow
from polish_tutor.kit.metrics import AUDIO_READY, TTS_JOBS, TTS_SYNTHESIS
from polish_tutor.kit.request_context import request_id_var
from polish_tutor.settings import Settings, sync_database_url
from polish_tutor.tts import events
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.cache_index import remember_stored
from polish_tutor.tts.drivers import (
    SpeechDriverError,
    SpeechDriverProtocol,
    SpeechRequest,
    build_speech_driver,
)
from polish_tutor.tts.models import AudioAsset, OutboxStatus, TtsOutbox

if TYPE_CHECKING:
    from polish_tutor.ai_agent.summariser import LLMSummariser
    from polish_tutor.lessons.catalog import LessonCatalog

log = logging.getLogger(__name__)

PREWARM_KEY = "prewarm-" + "0" * 56  # never an audio key (those are hex digests)


@dataclass
class WorkerContext:
    """What a worker process builds once and every job reuses.

    The ``worker`` command calls :meth:`prewarm` before it starts taking jobs, so the members
    built on first use are built in the parent and every work-horse RQ forks inherits them."""

    settings: Settings
    engine: Engine
    store: AudioStore
    driver: SpeechDriverProtocol
    redis: Redis
    _lessons: LessonCatalog | None = field(default=None, init=False, repr=False)
    _summariser: LLMSummariser | None = field(default=None, init=False, repr=False)
    _summariser_built: bool = field(default=False, init=False, repr=False)

    @property
    def lessons(self) -> LessonCatalog:
        """The lesson catalogue, for summary jobs (built on first use)."""
        if self._lessons is None:
            from polish_tutor.lessons.catalog import LessonCatalog

            self._lessons = LessonCatalog.from_directory(self.settings.lessons_dir)
        return self._lessons

    @property
    def summariser(self) -> LLMSummariser | None:
        """The model that writes summaries, with its loaded prompts; ``None`` (extractive
        summaries) with the local driver. Built on first use."""
        if not self._summariser_built:
            from polish_tutor.ai_agent.summariser import build_summariser

            self._summariser = build_summariser(self.settings)
            self._summariser_built = True
        return self._summariser

    def prewarm(self) -> None:
        """Import and build what jobs need (the summary job's module, the lesson catalogue,
        the summariser and its prompts, ``openai``; the speech job's compiled SQL), so that
        no forked job pays for it."""
        import polish_tutor.sessions.summaries  # noqa: F401 - the job's module and its imports

        self.lessons  # noqa: B018 - built on access
        if self.summariser is not None:
            self.summariser.prewarm()
        # The speech job's statements, run once for a key that matches nothing and rolled
        # back: their compiled form is in the engine's cache before any work-horse forks.
        # Only a head start: a database not reachable (or not migrated) yet costs nothing.
        try:
            with Session(self.engine) as session, session.begin():
                jobs = SpeechJobRepository(session)
                jobs.asset_exists(PREWARM_KEY)
                jobs.record_asset(
                    {
                        "key": PREWARM_KEY,
                        "driver": "-",
                        "voice": "-",
                        "speed": 1.0,
                        "format": "-",
                        "content_type": "-",
                        "size_bytes": 0,
                        "duration_ms": 0,
                        "text": "",
                        "created_at": utcnow(),
                    }
                )
                jobs.finish_requests(PREWARM_KEY, OutboxStatus.DONE)
                session.rollback()
        except (SQLAlchemyError, OSError) as exc:
            log.info("speech statements not prewarmed: %s", type(exc).__name__)

    @classmethod
    def build(cls, settings: Settings) -> WorkerContext:
        url = sync_database_url(settings.resolved_database_url)
        # NullPool: forked work-horses must not share pooled connections with their parent.
        # hide_parameters: a failed statement's error (logged, sent to Sentry) names no text.
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
        if url.startswith("sqlite"):
            configure_sqlite(engine)
        if not settings.redis_url:
            raise RuntimeError("a worker needs TUTOR_REDIS_URL")
        return cls(
            settings=settings,
            engine=engine,
            store=AudioStore(settings.audio_dir),
            driver=build_speech_driver(settings),
            redis=Redis.from_url(settings.redis_url),
        )

    def close(self) -> None:
        self.driver.close()
        if self._summariser is not None:
            self._summariser.close()
        self.engine.dispose()
        self.redis.close()


_context: WorkerContext | None = None


def bind_worker_context(context: WorkerContext | None) -> None:
    global _context
    _context = context


def worker_context() -> WorkerContext:
    global _context
    if _context is None:
        _context = WorkerContext.build(Settings())
    return _context


class SpeechJobRepository:
    """All SQL a speech job runs (synchronous, in the worker)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def asset_exists(self, key: str) -> bool:
        return self.session.get(AudioAsset, key) is not None

    def record_asset(self, values: dict[str, Any]) -> None:
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        self.session.execute(insert(AudioAsset).values(**values).on_conflict_do_nothing())

    def finish_requests(self, key: str, status: str, error: str | None = None) -> Sequence[Any]:
        """Close every open request for this audio; returns who was waiting for it, since
        when, and for which request (rows of ``user_id, created_at, request_id``)."""
        waiting = self.session.execute(
            select(TtsOutbox.user_id, TtsOutbox.created_at, TtsOutbox.request_id).where(
                TtsOutbox.audio_key == key,
                TtsOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.ENQUEUED]),
            )
        ).all()
        self.session.execute(
            update(TtsOutbox)
            .where(
                TtsOutbox.audio_key == key,
                TtsOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.ENQUEUED]),
            )
            .values(status=status, error=error, done_at=utcnow())
        )
        return waiting


def synthesize_speech(
    audio_key: str, text: str, voice: str, speed: float, format: str, driver: str
) -> dict[str, Any]:
    """Synthesise (unless cached), store under the key, record the asset, tell the learners.

    Idempotent: running it twice for one key synthesises once. Retryable driver errors
    propagate so RQ retries with backoff; permanent ones, and a retryable one on the last
    try, close the requests as failed with the driver's message (shown by ``/tts/status``).
    """
    ctx = worker_context()
    request_id_var.set(_job_request_id())
    log.info("speech job %s started (driver %s)", audio_key, ctx.driver.name)
    if driver != ctx.settings.tts_driver:
        log.warning("job asks for driver %s; this worker runs %s", driver, ctx.settings.tts_driver)
    # The file first: for new audio (the common case) it is missing, and no read is needed.
    cached = False
    if ctx.store.exists(audio_key, format):
        reads = ctx.engine.execution_options(**{READ_ONLY: True})  # no SQLite write lock
        with Session(reads) as session, session.begin():
            cached = SpeechJobRepository(session).asset_exists(audio_key)
    asset = None
    if not cached:
        request = SpeechRequest(text=text, voice=voice, speed=speed, format=format)
        started = time.perf_counter()
        try:
            audio = ctx.driver.synthesize(request)
        except SpeechDriverError as exc:
            if exc.retryable and _retries_left() > 0:
                TTS_JOBS.labels("retry", ctx.driver.name).inc()
                raise  # RQ retries after the next interval (the worker runs the scheduler)
            TTS_JOBS.labels("failed", ctx.driver.name).inc()
            _finish(
                ctx,
                audio_key,
                OutboxStatus.FAILED,
                events.audio_failed(audio_key, exc.message),
                error=exc.message,
            )
            return {"status": "failed", "error": exc.message}
        TTS_SYNTHESIS.labels(ctx.driver.name).observe(time.perf_counter() - started)
        ctx.store.write(audio_key, format, audio.data)
        asset = {
            "key": audio_key,
            "driver": ctx.driver.name,
            "voice": voice,
            "speed": speed,
            "format": format,
            "content_type": audio.content_type,
            "size_bytes": len(audio.data),
            "duration_ms": audio.duration_ms,
            "text": text,
            "created_at": utcnow(),
        }
    TTS_JOBS.labels("cached" if cached else "finished", ctx.driver.name).inc()
    # The file is stored: from now on a turn that asks for these words needs no job.
    remember_stored(ctx.redis, audio_key)
    _finish(ctx, audio_key, OutboxStatus.DONE, events.audio_ready(audio_key, format), asset=asset)
    return {"status": "finished", "cached": cached}


def _job_request_id() -> str | None:
    """The X-Request-ID of the turn that enqueued the running job (RQ job meta)."""
    from rq import get_current_job

    job = get_current_job()
    if job is None:
        return None
    value = (job.meta or {}).get("request_id")
    return str(value) if value else None


def _retries_left() -> int:
    """Retries RQ still holds for the running job; outside RQ (a direct call), one."""
    from rq import get_current_job

    job = get_current_job()
    if job is None:
        return 1
    return int(job.retries_left or 0)


def _finish(
    ctx: WorkerContext,
    key: str,
    status: str,
    message: str,
    *,
    error: str | None = None,
    asset: dict[str, Any] | None = None,
) -> None:
    """One transaction: the new asset's row (if any) and every open request closed."""
    with Session(ctx.engine) as session, session.begin():
        jobs = SpeechJobRepository(session)
        if asset is not None:
            jobs.record_asset(asset)
        waiting = jobs.finish_requests(key, status, error)
    finished_at = utcnow()
    for row in waiting:
        if status == OutboxStatus.DONE and row.created_at is not None:
            created = row.created_at
            if created.tzinfo is None:
                created = created.replace(tzinfo=finished_at.tzinfo)
            AUDIO_READY.labels(ctx.driver.name).observe(
                max(0.0, (finished_at - created).total_seconds())
            )
    request_ids = sorted({row.request_id for row in waiting if row.request_id})
    log.info(
        "speech job %s %s for %d request(s) [request ids: %s]",
        key,
        status,
        len(waiting),
        ", ".join(request_ids) or "-",
    )
    for user_id in sorted({str(row.user_id) for row in waiting if row.user_id is not None}):
        ctx.redis.publish(events.user_channel(user_id), message)
