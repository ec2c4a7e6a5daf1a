"""Moves committed recordings from ``stt_requests`` to the transcription queue.

The same outbox pattern as speech synthesis (``tts/relay.py``), smaller: one task in every API
process, woken by a request that has just committed, polling for rows left by a Redis outage
or a restart, sweeping rows whose job vanished from Redis back to pending, and emptying the
recordings whose keeping time (``TUTOR_STT_KEEP_AUDIO``) is over. Enqueueing is idempotent
(the job id comes from the row's id), so two relays picking one row cost nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.kit.db import utcnow
from polish_tutor.kit.tasks import RoundFailures
from polish_tutor.stt.queue import ENDED, RETRY_INTERVALS, enqueue_transcription, job_states
from polish_tutor.stt.repository import RecognitionRepository

log = logging.getLogger(__name__)

BATCH = 50
SWEEP_EVERY = timedelta(seconds=15)
STALE_AFTER = timedelta(seconds=30)
PURGE_EVERY = timedelta(seconds=30)
HANDOFF_GRACE = timedelta(seconds=2)


class TranscriptionRelay:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        queue: Callable[[], Queue],
        *,
        poll_interval: float,
        job_timeout: int,
        keep_audio: int,
        retry_intervals: Sequence[int] = RETRY_INTERVALS,
        read_sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._read_sessionmaker = read_sessionmaker or sessionmaker
        self._queue = queue
        self._poll_interval = poll_interval
        self._job_timeout = job_timeout
        self._keep_audio = timedelta(seconds=keep_audio)
        self._retry_intervals = tuple(retry_intervals)
        self._wake = asyncio.Event()
        self._handoff: list[tuple[uuid.UUID, str | None]] = []
        never = datetime.min.replace(tzinfo=UTC)
        self._last_poll = self._last_sweep = self._last_purge = never
        self.queue_reachable = True
        self._failures = RoundFailures(log, "transcription relay")

    def submit(self, recognition_id: uuid.UUID, request_id: str | None = None) -> None:
        """Hand over a request this process has just committed."""
        self._handoff.append((recognition_id, request_id))
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                await self.round()
            except Exception as exc:  # noqa: BLE001 - keep relaying whatever one round hit
                self._failures.failed(exc)
            else:
                self._failures.succeeded()
            if self._handoff:
                continue
            # asyncio.timeout, not wait_for: 3.11's wait_for can swallow the cancellation
            # that stops the relay when a wake-up comes at the same moment.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_interval):
                    await self._wake.wait()
            self._wake.clear()

    async def round(self) -> None:
        batch, self._handoff = self._handoff[:BATCH], self._handoff[BATCH:]
        if batch:
            await self._enqueue(batch)
        now = utcnow()
        if now - self._last_poll > timedelta(seconds=self._poll_interval):
            await self.relay_once()
        if now - self._last_sweep > SWEEP_EVERY:
            await self.sweep_lost_jobs()
        if now - self._last_purge > PURGE_EVERY:
            await self.delete_old_recordings()

    async def relay_once(self, grace: timedelta = HANDOFF_GRACE) -> int:
        """Enqueue pending rows (a Redis outage, a restart, another process's)."""
        self._last_poll = utcnow()
        async with self._read_sessionmaker() as session:
            rows = await RecognitionRepository(session).pending(BATCH, utcnow() - grace)
        return await self._enqueue(list(rows)) if rows else 0

    async def _enqueue(self, rows: list[tuple[uuid.UUID, str | None]]) -> int:
        """No transaction (and no SQLite lock) is held while talking to Redis."""
        moved: list[uuid.UUID] = []
        queue = self._queue()
        try:
            for recognition_id, request_id in rows:
                await asyncio.to_thread(
                    enqueue_transcription,
                    queue,
                    recognition_id,
                    timeout=self._job_timeout,
                    retry_intervals=self._retry_intervals,
                    request_id=request_id,
                )
                moved.append(recognition_id)
            self.queue_reachable = True
        except RedisError as exc:
            if self.queue_reachable:
                log.warning("queue unreachable, recordings wait in the database: %s", exc)
            self.queue_reachable = False
        if moved:
            async with self._sessionmaker() as session:
                await RecognitionRepository(session).mark_enqueued(moved)
                await session.commit()
        return len(moved)

    async def sweep_lost_jobs(self, stale_after: timedelta = STALE_AFTER) -> int:
        """Rows enqueued long ago whose job is gone from Redis (or ended without them) go back
        to pending, so a recording is not lost with the queue."""
        self._last_sweep = utcnow()
        async with self._read_sessionmaker() as session:
            ids = await RecognitionRepository(session).enqueued_before(
                utcnow() - stale_after, BATCH
            )
        if not ids:
            return 0
        try:
            states = await asyncio.to_thread(job_states, self._queue().connection, list(ids))
        except RedisError:
            return 0
        lost = [i for i in ids if states.get(i) in (None, *ENDED)]
        if lost:
            log.warning("%d transcriptions lost their queued job; enqueueing them again", len(lost))
            async with self._sessionmaker() as session:
                await RecognitionRepository(session).back_to_pending(lost)
                await session.commit()
            self._wake.set()
        return len(lost)

    async def delete_old_recordings(self) -> int:
        """Recordings kept past ``TUTOR_STT_KEEP_AUDIO`` after their transcription are deleted
        (with the default 0 the job itself deletes them; this catches the rest)."""
        self._last_purge = utcnow()
        async with self._sessionmaker() as session:
            deleted = await RecognitionRepository(session).delete_recordings(
                utcnow() - self._keep_audio
            )
            await session.commit()
        return deleted
