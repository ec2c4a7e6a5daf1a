"""The RQ job that transcribes a learner's recording (runs in ``polish-tutor worker --stt``).

The recogniser's model takes a second or two to load and its runtime keeps threads, which a
forked process cannot use: so transcription workers run their jobs in the worker process
itself (RQ's ``SimpleWorker``, a long-lived work horse) with the model loaded once, before the
first job. A worker killed mid-job leaves the job in RQ's started registry; its clean-up marks
it abandoned and retries it, and the relay's sweep re-enqueues a row whose job vanished.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from redis import Redis
from sqlalchemy import Engine, create_engine, select, update
from sqlalchemy.orm import Session, undefer

from polish_tutor.kit.db import READ_ONLY, configure_sqlite, utcnow
from polish_tutor.kit.request_context import request_id_var
from polish_tutor.settings import Settings, sync_database_url
from polish_tutor.stt import events
from polish_tutor.stt.drivers import (
    RecognitionDriverError,
    RecognitionDriverProtocol,
    TranscriptionRequest,
    build_recognition_driver,
)
from polish_tutor.stt.models import RecognitionStatus, SpeechRecognition
from polish_tutor.tts.events import user_channel

log = logging.getLogger(__name__)


@dataclass
class RecognitionContext:
    """What a transcription worker builds once: the model (in its driver), the database
    engine and Redis."""

    settings: Settings
    engine: Engine
    driver: RecognitionDriverProtocol
    redis: Redis

    @classmethod
    def build(
        cls, settings: Settings, driver: RecognitionDriverProtocol | None = None
    ) -> RecognitionContext:
        """Everything from ``settings``; the driver (and its model) too unless given."""
        if not settings.redis_url:
            raise RuntimeError("a worker needs TUTOR_REDIS_URL")
        url = sync_database_url(settings.resolved_database_url)
        engine = create_engine(url, pool_size=1, max_overflow=1)
        if url.startswith("sqlite"):
            configure_sqlite(engine)
        if driver is None:
            driver = build_recognition_driver(settings)
            prewarm = getattr(driver, "prewarm", None)
            if callable(prewarm):
                prewarm()
        return cls(settings, engine, driver, Redis.from_url(settings.redis_url))

    def close(self) -> None:
        self.driver.close()
        self.engine.dispose()
        self.redis.close()


_context: RecognitionContext | None = None


def bind_recognition_context(context: RecognitionContext | None) -> None:
    global _context
    _context = context


def recognition_context() -> RecognitionContext:
    global _context
    if _context is None:
        _context = RecognitionContext.build(Settings())
    return _context


class RecognitionJobRepository:
    """All SQL a transcription job runs (synchronous, in the worker)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def open_request(self, recognition_id: uuid.UUID) -> SpeechRecognition | None:
        """The request with its recording, unless it has ended already."""
        query = (
            select(SpeechRecognition)
            .options(undefer(SpeechRecognition.audio))
            .where(
                SpeechRecognition.id == recognition_id,
                SpeechRecognition.status.in_(
                    [RecognitionStatus.PENDING, RecognitionStatus.ENQUEUED]
                ),
            )
        )
        return self.session.scalars(query).first()

    def finish(
        self,
        recognition_id: uuid.UUID,
        *,
        status: str,
        delete_audio: bool,
        transcript: str | None = None,
        words: list[dict[str, Any]] | None = None,
        error: str | None = None,
    ) -> None:
        now = utcnow()
        values: dict[str, Any] = {
            "status": status,
            "transcript": transcript,
            "words": words,
            "error": error,
            "done_at": now,
        }
        if delete_audio:
            values.update(audio=None, audio_deleted_at=now)
        self.session.execute(
            update(SpeechRecognition).where(SpeechRecognition.id == recognition_id).values(**values)
        )


def transcribe_speech(recognition_id: str) -> dict[str, Any]:
    """Transcribe one recording, store what was heard, tell the learner.

    Idempotent: a request that already ended is left alone. Retryable driver errors propagate
    so RQ retries with backoff; permanent ones (and a retryable one on the last try) end the
    request as failed with the driver's message. The learner's words are never logged.
    """
    ctx = recognition_context()
    request_id_var.set(_job_request_id())
    key = uuid.UUID(recognition_id)
    reads = ctx.engine.execution_options(**{READ_ONLY: True})  # no SQLite write lock
    with Session(reads) as session, session.begin():
        row = RecognitionJobRepository(session).open_request(key)
        if row is None:
            log.info("transcription %s already ended", recognition_id)
            return {"status": "skipped"}
        request = TranscriptionRequest(
            audio=row.audio or b"",
            content_type=row.content_type,
            expected=row.expected,
        )
        user_id = row.user_id
    delete_audio = ctx.settings.stt_keep_audio == 0
    started = time.perf_counter()
    try:
        heard = ctx.driver.transcribe(request)
    except RecognitionDriverError as exc:
        if exc.retryable and _retries_left() > 0:
            raise
        with Session(ctx.engine) as session, session.begin():
            RecognitionJobRepository(session).finish(
                key, status=RecognitionStatus.FAILED, delete_audio=delete_audio, error=exc.message
            )
        ctx.redis.publish(
            user_channel(user_id), events.transcript_failed(recognition_id, exc.message)
        )
        log.info("transcription %s failed (%s)", recognition_id, ctx.driver.name)
        return {"status": "failed", "error": exc.message}
    took = time.perf_counter() - started
    words = [{"word": w.word, "probability": w.probability} for w in heard.words]
    with Session(ctx.engine) as session, session.begin():
        RecognitionJobRepository(session).finish(
            key,
            status=RecognitionStatus.DONE,
            delete_audio=delete_audio,
            transcript=heard.text,
            words=words,
        )
    ctx.redis.publish(
        user_channel(user_id), events.transcript_ready(recognition_id, heard.text, words)
    )
    log.info(
        "transcription %s done in %.2f s for %.1f s of audio (%s, %d words)",
        recognition_id,
        took,
        heard.duration_s,
        ctx.driver.name,
        len(words),
    )
    return {"status": "finished", "seconds": round(took, 3)}


def _job_request_id() -> str | None:
    from rq import get_current_job

    job = get_current_job()
    if job is None:
        return None
    value = (job.meta or {}).get("request_id")
    return str(value) if value else None


def _retries_left() -> int:
    from rq import get_current_job

    job = get_current_job()
    if job is None:
        return 0
    return int(job.retries_left or 0)
