"""Turning a speech request into a stored audio file: the speech job's service (synchronous,
in a worker process; :mod:`polish_tutor.tts.jobs` is the RQ entry point)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from polish_tutor.kit.db import utcnow
from polish_tutor.kit.held_connection import HeldConnection
from polish_tutor.kit.metrics import AUDIO_READY, TTS_JOBS, TTS_SYNTHESIS
from polish_tutor.tts import events
from polish_tutor.tts.audio_store import AudioStore
from polish_tutor.tts.cache_index import MARK_TTL, audio_mark
from polish_tutor.tts.drivers import SpeechDriverError, SpeechDriverProtocol, SpeechRequest
from polish_tutor.tts.models import OutboxStatus
from polish_tutor.tts.queue import WITHDRAWN, SpeechJob
from polish_tutor.tts.repository import SpeechJobRepository

log = logging.getLogger(__name__)

PREWARM_KEY = "prewarm-" + "0" * 56  # never an audio key (those are hex digests)
TIMED_OUT = "speech synthesis timed out"


@dataclass
class SpeechSynthesis:
    """What a speech job needs, built once per worker process (:mod:`polish_tutor.worker`)."""

    engine: Engine
    store: AudioStore
    driver: SpeechDriverProtocol
    redis: Redis
    driver_setting: str  # TUTOR_TTS_DRIVER, to notice a job queued for another driver
    # The worker's jobs run one after another: one connection for all of them (see the module).
    db: HeldConnection = field(init=False, repr=False, compare=False)
    # The metrics' children for this driver, looked up once (``labels`` per job was 2 % of
    # the worker's Python).
    _outcomes: dict[str, Any] = field(init=False, repr=False, compare=False)
    _synthesis_time: Any = field(init=False, repr=False, compare=False)
    _audio_ready: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.db = HeldConnection(self.engine)
        name = self.driver.name
        self._outcomes = {
            status: TTS_JOBS.labels(status, name)
            for status in ("finished", "cached", "failed", "retry", "withdrawn")
        }
        self._synthesis_time = TTS_SYNTHESIS.labels(name)
        self._audio_ready = AUDIO_READY.labels(name)

    def synthesize(self, job: SpeechJob, *, retries_left: int) -> dict[str, Any]:
        """Synthesise (unless cached), store under the key, record the asset, tell the learners.

        A line withdrawn while the job held it, that nobody asked for since, is not made
        (:meth:`_withdrawn`; ``{"status": "withdrawn"}``): no synthesis, no file, no
        ``audio_ready``; its requests were deleted by the withdrawal. Withdrawn while it was
        being synthesised, it is stored (the audio is made; the next learner who asks for
        these words gets it at once) and announced to nobody (no request is open).

        Idempotent: running it twice for one key synthesises once. Retryable driver errors
        propagate while ``retries_left`` (RQ retries with backoff); permanent ones, and a
        retryable one on the last try, close the requests as failed with the driver's message
        (shown by ``/tts/status``)."""
        key, driver_name = job.audio_key, self.driver.name
        log.debug("speech job %s started (driver %s)", key, driver_name)
        if job.driver != self.driver_setting:
            log.warning("job asks for driver %s; this worker runs %s", job.driver, driver_name)
        # The file first: for new audio (the common case) it is missing, and no read is needed.
        cached = False
        if self.store.exists(key, job.format):
            with self.db.begin(read_only=True) as connection:  # no SQLite write lock
                cached = SpeechJobRepository(connection).asset_exists(key)
        asset = None
        if not cached:
            if self._withdrawn(key):
                self._outcomes["withdrawn"].inc()
                log.info("speech job %s withdrawn: nobody waits for it", key)
                return {"status": "withdrawn"}
            request = SpeechRequest(
                text=job.text, voice=job.voice, speed=job.speed, format=job.format
            )
            started = time.perf_counter()
            try:
                audio = self.driver.synthesize(request)
            except SpeechDriverError as exc:
                if exc.retryable and retries_left > 0:
                    self._outcomes["retry"].inc()
                    raise  # RQ retries after the next interval (the worker runs the scheduler)
                self.give_up(job, exc.message)
                return {"status": "failed", "error": exc.message}
            self._synthesis_time.observe(time.perf_counter() - started)
            self.store.save(key, job.format, audio.data)
            asset = {
                "key": key,
                "driver": driver_name,
                "voice": job.voice,
                "speed": job.speed,
                "format": job.format,
                "content_type": audio.content_type,
                "size_bytes": len(audio.data),
                "duration_ms": audio.duration_ms,
                "text": job.text,
                "created_at": utcnow(),
            }
        self._outcomes["cached" if cached else "finished"].inc()
        # The file and its row are stored: the mark (a turn that asks for these words needs no
        # job from now on) goes with the learners' audio_ready, in one round trip.
        self._finish(
            key, OutboxStatus.DONE, events.audio_ready(key, job.format), asset=asset, mark=True
        )
        return {"status": "finished", "cached": cached}

    def synthesize_lines(
        self,
        jobs: Sequence[SpeechJob],
        *,
        retries_left: int,
        interrupted: type[BaseException],
    ) -> dict[str, Any]:
        """Several lines, each as :meth:`synthesize` makes it (stored, recorded, announced as
        soon as it is made), so a failure of one line loses none of the others.

        A line whose failure may pass (a retryable driver error, the database or Redis
        unreachable) does not stop the rest: with retries left, the first such error is raised
        after the last line, and RQ tries the whole job again (the lines made are found stored
        and cost a file check and a read). ``interrupted`` (the job's timeout) stops the job:
        raised again while retries are left, else the lines not made are closed as failed."""
        results: list[dict[str, Any]] = []
        error: Exception | None = None
        for index, job in enumerate(jobs):
            try:
                results.append(self.synthesize(job, retries_left=retries_left))
            except interrupted:
                if retries_left > 0:
                    raise
                for rest in jobs[index:]:
                    self.give_up(rest, TIMED_OUT)
                results.extend({"status": "failed", "error": TIMED_OUT} for _ in jobs[index:])
                break
            except (SpeechDriverError, SQLAlchemyError, RedisError, OSError) as exc:
                log.warning("speech line %s failed: %s", job.audio_key, type(exc).__name__)
                results.append({"status": "retry", "error": type(exc).__name__})
                error = error or exc
        if error is not None:
            raise error
        return {"status": "finished", "lines": results}

    def _withdrawn(self, key: str) -> bool:
        """Whether this line's speech was withdrawn while a job held it (a streamed turn that
        broke off: ``tts.queue.withdraw_waiting``) and no request for it is open since. Read
        just before the synthesis (the cost a withdrawn line must not pay; a job of several
        lines reads it for each line as it comes to it): one ``EXISTS`` of the withdrawal's
        mark, and only when it is set (rare) the database's word, since someone may have asked
        for the same words after the withdrawal. Redis unreachable: the line is made."""
        try:
            if not self.redis.exists(WITHDRAWN + key):
                return False
        except RedisError:
            return False
        with self.db.begin(read_only=True) as connection:
            return not SpeechJobRepository(connection).wanted(key)

    def give_up(self, job: SpeechJob, reason: str) -> None:
        """Close the requests for this audio as failed with ``reason`` and tell the learners
        (a permanent driver error, the last try, or a synthesis that timed out)."""
        self._outcomes["failed"].inc()
        self._finish(
            job.audio_key, OutboxStatus.FAILED, events.audio_failed(job.audio_key, reason), reason
        )

    def prewarm(self) -> None:
        """Run the job's statements once for a key that matches nothing, rolled back, so their
        compiled form is cached before the first job. Only a head start: a database not
        reachable (or not migrated) yet costs nothing."""
        try:
            with self.db.rolled_back() as connection:
                jobs = SpeechJobRepository(connection)
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
        except (SQLAlchemyError, OSError) as exc:
            log.info("speech statements not prewarmed: %s", type(exc).__name__)

    def close(self) -> None:
        self.db.release()
        self.driver.close()

    def _finish(
        self,
        key: str,
        status: str,
        message: str,
        error: str | None = None,
        *,
        asset: dict[str, Any] | None = None,
        mark: bool = False,
    ) -> None:
        """One transaction: the new asset's row (if any) and every open request closed; then
        one Redis round trip: the audio's stored mark (with ``mark``) and the learners'
        ``message``. A mark that cannot be set costs a later job, not this one; a message
        that cannot be sent fails the job (RQ tries it again)."""
        with self.db.begin() as connection:
            jobs = SpeechJobRepository(connection)
            if asset is not None:
                jobs.record_asset(asset)
            waiting = jobs.finish_requests(key, status, error)
        finished_at = utcnow()
        for row in waiting:
            if status == OutboxStatus.DONE and row.created_at is not None:
                created = row.created_at
                if created.tzinfo is None:
                    created = created.replace(tzinfo=finished_at.tzinfo)
                self._audio_ready.observe(max(0.0, (finished_at - created).total_seconds()))
        request_ids = sorted({row.request_id for row in waiting if row.request_id})
        log.info(
            "speech job %s %s for %d request(s) [request ids: %s]",
            key,
            status,
            len(waiting),
            ", ".join(request_ids) or "-",
        )
        users = sorted({str(row.user_id) for row in waiting if row.user_id is not None})
        if not users:
            if mark:
                try:
                    self.redis.set(audio_mark(key), 1, ex=MARK_TTL)
                except RedisError:
                    log.warning("could not mark audio %s as cached in Redis", key)
            return
        with self.redis.pipeline(transaction=False) as batch:
            if mark:
                batch.set(audio_mark(key), 1, ex=MARK_TTL)
            for user_id in users:
                batch.publish(events.user_channel(user_id), message)
            batch.execute()
