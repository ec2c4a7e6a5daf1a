"""Transcribing a learner's recording: the transcription job's service (synchronous, in
``polish-tutor worker --stt``; :mod:`polish_tutor.stt.jobs` is the RQ entry point).

The recogniser's model takes a second or two to load and its runtime keeps threads, which a
forked process cannot use: so transcription workers run their jobs in the worker process
itself (a long-lived work horse) with the model loaded once, before the first job. A worker
killed mid-job leaves the job in RQ's started registry; its clean-up marks it abandoned and
retries it, and the relay's sweep re-enqueues a row whose job vanished.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from redis import Redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from polish_tutor.kit.db import READ_ONLY
from polish_tutor.stt import events
from polish_tutor.stt.drivers import (
    RecognitionDriverError,
    RecognitionDriverProtocol,
    TranscriptionRequest,
)
from polish_tutor.stt.models import RecognitionStatus
from polish_tutor.stt.repository import RecognitionJobRepository
from polish_tutor.tts.events import user_channel

log = logging.getLogger(__name__)

TIMED_OUT = "transcription timed out"


@dataclass
class Transcription:
    """What a transcription job needs, built once per worker process
    (:mod:`polish_tutor.worker`): the model (in its driver), the database and Redis."""

    engine: Engine
    driver: RecognitionDriverProtocol
    redis: Redis
    keep_audio: bool  # TUTOR_STT_KEEP_AUDIO: recordings are deleted later, not by the job

    def transcribe(self, recognition_id: str, *, retries_left: int) -> dict[str, Any]:
        """Transcribe one recording, store what was heard, tell the learner.

        Idempotent: a request that already ended is left alone. Retryable driver errors
        propagate while ``retries_left`` (RQ retries with backoff); permanent ones (and a
        retryable one on the last try) end the request as failed with the driver's message.
        The learner's words are never logged."""
        key = uuid.UUID(recognition_id)
        reads = self.engine.execution_options(**{READ_ONLY: True})  # no SQLite write lock
        with Session(reads) as session, session.begin():
            row = RecognitionJobRepository(session).open_request(key)
            if row is None:
                log.info("transcription %s already ended", recognition_id)
                return {"status": "skipped"}
            request = TranscriptionRequest(
                audio=row.audio or b"", content_type=row.content_type, expected=row.expected
            )
        started = time.perf_counter()
        try:
            heard = self.driver.transcribe(request)
        except RecognitionDriverError as exc:
            if exc.retryable and retries_left > 0:
                raise
            self.give_up(recognition_id, exc.message)
            return {"status": "failed", "error": exc.message}
        took = time.perf_counter() - started
        words = [{"word": w.word, "probability": w.probability} for w in heard.words]
        with Session(self.engine) as session, session.begin():
            user_id = self._finish(
                session,
                key,
                status=RecognitionStatus.DONE,
                transcript=heard.text,
                words=words,
            )
        if user_id is not None:
            self.redis.publish(
                user_channel(user_id), events.transcript_ready(recognition_id, heard.text, words)
            )
        log.info(
            "transcription %s done in %.2f s for %.1f s of audio (%s, %d words)",
            recognition_id,
            took,
            heard.duration_s,
            self.driver.name,
            len(words),
        )
        return {"status": "finished", "seconds": round(took, 3)}

    def give_up(self, recognition_id: str, reason: str) -> None:
        """End the request as failed with ``reason`` and tell the learner."""
        with Session(self.engine) as session, session.begin():
            user_id = self._finish(
                session, uuid.UUID(recognition_id), status=RecognitionStatus.FAILED, error=reason
            )
        if user_id is not None:
            self.redis.publish(
                user_channel(user_id), events.transcript_failed(recognition_id, reason)
            )
        log.info("transcription %s failed (%s)", recognition_id, self.driver.name)

    def close(self) -> None:
        self.driver.close()

    def _finish(
        self, session: Session, key: uuid.UUID, *, status: str, **values: Any
    ) -> uuid.UUID | None:
        return RecognitionJobRepository(session).finish(
            key, status=status, delete_audio=not self.keep_audio, **values
        )
