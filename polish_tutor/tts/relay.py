"""Moves committed speech requests from the outbox table to the RQ queue.

Runs as a task in every API process. It wakes when a request commits a new outbox row and
also polls, so rows written while Redis was down (or by another process) are enqueued as soon
as the queue is reachable again. Enqueueing is idempotent (the job id is the audio key), so two
relays picking the same row cost nothing. A round's jobs go to the queue from the event loop, in
one call of a Lua script with the async client (``tts/enqueue.py``: RQ builds the jobs' hashes,
the script does what RQ's unique enqueue does, per line, atomically); the rows it enqueued are
marked in one statement now and then (``MARK_AFTER``), not one per turn. Now and then it also
sweeps rows that were enqueued long ago but whose job no longer exists in Redis (a Redis
restarted without persistence, a flushed database) or that say "queued" in no queue (taken by a
worker that died as it took it) back to pending, so the request is not lost with the queue —
and rows whose job already ended without them: a request for audio whose job was finishing
when the request committed finds the job still there (so it is not enqueued again) but is not
among the requests that job closes. Enqueued again, the job finds the audio stored, closes the
row at once and tells the learner.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.kit.db import utcnow
from polish_tutor.kit.tasks import RoundFailures
from polish_tutor.tts.enqueue import SpeechEnqueuer, SpeechGroup
from polish_tutor.tts.queue import (
    ENDED,
    MAX_LINES,
    RETRY_INTERVALS,
    SpeechJob,
    job_states,
    stranded_jobs,
    withdraw_waiting,
)
from polish_tutor.tts.repository import SpeechRepository

log = logging.getLogger(__name__)

# A committed speech request: its job, the request id, and whether it is made ahead of time.
Handoff = tuple[SpeechJob, str | None, bool]

BATCH = 100
# Speech made ahead of time is enqueued a few jobs at a time, so speech a learner waits for,
# handed over meanwhile, never queues in this process behind a whole lesson's lines.
AHEAD_CHUNK = 8
SWEEP_EVERY = timedelta(seconds=10)
STALE_AFTER = timedelta(seconds=10)
HANDOFF_GRACE = timedelta(seconds=2)
# run() marks the rows it enqueued at most this long after the first of them (seconds), in
# one statement for all: one learner's turns then cost one UPDATE (and, on SQLite, one hold
# of the only write connection) per several turns instead of one each. Under HANDOFF_GRACE.
MARK_AFTER = 0.5


class OutboxRelay:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        queue: Callable[[], Queue],
        *,
        redis: AsyncRedis,
        ahead_queue: Callable[[], Queue] | None = None,
        poll_interval: float,
        job_timeout: int,
        retry_intervals: Sequence[int] = RETRY_INTERVALS,
        read_sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._read_sessionmaker = read_sessionmaker or sessionmaker
        self._queue = queue
        self._ahead_queue = ahead_queue
        self._poll_interval = poll_interval
        self._enqueuer = SpeechEnqueuer(
            redis, job_timeout=job_timeout, retry_intervals=retry_intervals
        )
        self._wake = asyncio.Event()
        self._handoff: list[Handoff] = []  # speech a learner waits for, first
        self._ahead_handoff: list[Handoff] = []
        self._last_poll = datetime.min.replace(tzinfo=UTC)
        self._last_sweep = datetime.min.replace(tzinfo=UTC)
        self._swept_upto = 0  # the sweep pages through enqueued rows by id
        self._unmarked: list[str] = []  # audio keys enqueued, their rows not marked yet
        self._mark_due = 0.0  # the loop's time by which run() marks them
        # The rounds taking rows to the queue now: the audio keys each holds (None for a poll,
        # whose rows are known once read) and an event set once its jobs are in Redis.
        self._rounds: list[tuple[frozenset[str] | None, asyncio.Event]] = []
        self.queue_reachable = True
        self._failures = RoundFailures(log, "outbox relay")

    def wake(self) -> None:
        self._wake.set()

    def submit(
        self, jobs: Sequence[SpeechJob], request_id: str | None = None, *, ahead: bool = False
    ) -> None:
        """Hand over requests this process just committed: no need to read them back.
        ``ahead``: made ahead of time, they go to the queue workers serve last, and this relay
        enqueues a few of them per round, after every other request it holds."""
        handoff = self._ahead_handoff if ahead else self._handoff
        handoff.extend((job, request_id, ahead) for job in jobs)
        self._wake.set()

    async def withdraw(self, keys: Sequence[str]) -> None:
        """Speech nobody waits for any more (its requests deleted, none open for it): not
        handed to the queue if it is still here, taken out of the queue if no worker has
        taken it (:func:`~polish_tutor.tts.queue.withdraw_waiting`). A round that took these
        rows before they were deleted (a handoff, or a poll's read) may be enqueueing them:
        the withdrawal waits until its jobs are in Redis, else they would land after it and
        run. A job a worker holds finds the lines' withdrawal marked when it comes to them,
        and makes none that no request waits for. Redis unreachable: the jobs run, and store
        audio that closes no request."""
        gone = set(keys)
        self._handoff = [handoff for handoff in self._handoff if handoff[0].audio_key not in gone]
        for holds, enqueued in list(self._rounds):
            if holds is None or not holds.isdisjoint(gone):
                await enqueued.wait()
        try:
            await asyncio.to_thread(withdraw_waiting, self._queue(), list(keys))
        except RedisError as exc:
            log.warning("speech nobody waits for stays queued: %s", type(exc).__name__)

    async def run(self) -> None:
        try:
            await self._run()
        finally:  # stopped: the rows enqueued since the last mark are marked now
            if self._unmarked:
                with contextlib.suppress(Exception):
                    await self.mark_enqueued()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            moved = 0
            try:
                moved = await self._relay_handoff()
                now = utcnow()
                polling = now - self._last_poll > timedelta(seconds=self._poll_interval)
                sweeping = now - self._last_sweep > SWEEP_EVERY
                # The poll and the sweep read the rows' statuses: marks first.
                if self._unmarked and (
                    polling
                    or sweeping
                    or len(self._unmarked) >= BATCH
                    or loop.time() >= self._mark_due
                ):
                    await self.mark_enqueued()
                if polling:
                    moved += await self.relay_once()
                if sweeping:
                    await self.sweep_lost_jobs()
            except Exception as exc:  # noqa: BLE001 - keep relaying whatever one round hit
                self._failures.failed(exc)
            else:
                self._failures.succeeded()
            if moved >= BATCH or self._handoff or self._ahead_handoff:
                continue
            timeout = self._poll_interval
            if self._unmarked:
                timeout = max(0.0, min(timeout, self._mark_due - loop.time()))
            # asyncio.timeout, not wait_for: 3.11's wait_for can swallow the cancellation
            # that stops the relay when a wake-up comes at the same moment.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            self._wake.clear()

    async def relay_handoff(self) -> int:
        """Enqueue the rows handed over after their commit, and mark them in one statement:
        speech a learner waits for first, then a few of the lines made ahead of time (a few
        every round, so a steady stream of turns does not hold them back for ever)."""
        moved = await self._relay_handoff()
        await self.mark_enqueued()
        return moved

    async def _relay_handoff(self) -> int:
        """:meth:`relay_handoff` without the mark: :meth:`run` marks the rows of several
        rounds in one statement (:data:`MARK_AFTER`)."""
        batch, self._handoff = self._handoff[:BATCH], self._handoff[BATCH:]
        ahead, self._ahead_handoff = (
            self._ahead_handoff[:AHEAD_CHUNK],
            self._ahead_handoff[AHEAD_CHUNK:],
        )
        batch += ahead
        if not batch:
            return 0
        with self._round(frozenset(job.audio_key for job, _, _ in batch)):
            moved = await self._enqueue(batch)
        if moved and not self._unmarked:
            self._mark_due = asyncio.get_running_loop().time() + MARK_AFTER
        self._unmarked.extend(moved)
        return len(moved)

    async def mark_enqueued(self) -> None:
        """Mark the rows enqueued since the last mark, in one statement. Until then they say
        "pending", younger than the poll's grace: nothing enqueues them twice, and a process
        that dies meanwhile leaves them to the next poll (enqueueing is idempotent)."""
        if not self._unmarked:
            return
        keys, self._unmarked = list(dict.fromkeys(self._unmarked)), []
        try:
            async with self._sessionmaker() as session:
                await SpeechRepository(session).mark_enqueued(keys)
                await session.commit()
        except BaseException:
            # Marked by a later round; not at once (a database that is down is not retried
            # in a tight loop).
            self._unmarked[:0] = keys
            self._mark_due = asyncio.get_running_loop().time() + self._poll_interval
            raise

    async def relay_once(self, grace: timedelta = HANDOFF_GRACE) -> int:
        """Enqueue pending rows from the table: left by a Redis outage, a restart, or another
        process. Rows younger than ``grace`` are still on their way through a handoff."""
        self._last_poll = utcnow()
        with self._round(None):
            async with self._read_sessionmaker() as session:
                rows = await SpeechRepository(session).pending_requests(BATCH, utcnow() - grace)
            jobs = [
                (
                    SpeechJob(
                        row.audio_key, row.text, row.voice, row.speed, row.format, row.driver
                    ),
                    row.request_id,
                    row.ahead,
                )
                for row in rows
            ]
            if not jobs:
                return 0
            moved = await self._enqueue(jobs)
        self._unmarked.extend(moved)
        await self.mark_enqueued()
        return len(moved)

    @contextlib.contextmanager
    def _round(self, holds: frozenset[str] | None) -> Iterator[None]:
        """A round taking rows to the queue, for :meth:`withdraw` to wait for: ``holds``, the
        audio keys it took (None: not known yet)."""
        entry = (holds, asyncio.Event())
        self._rounds.append(entry)
        try:
            yield
        finally:
            self._rounds.remove(entry)
            entry[1].set()

    async def _enqueue(self, jobs: list[Handoff]) -> list[str]:
        """No transaction (and no SQLite lock) is held while talking to Redis. Speech a learner
        waits for goes out up to :data:`MAX_LINES` lines per job (RQ's bookkeeping shared by
        the lines handed over together); speech made ahead of time one line per job, so a
        learner who asks for one of those lines moves just that job to the front."""
        seen: set[str] = set()
        groups: list[SpeechGroup] = []
        for job, request_id, ahead in jobs:
            if job.audio_key in seen:
                continue
            seen.add(job.audio_key)
            last = groups[-1] if groups else None
            # Lines a learner waits for: up to MAX_LINES a job. Lines made ahead of time: a
            # job each, sent together.
            if last is not None and ahead == last.ahead and (ahead or len(last.lines) < MAX_LINES):
                last.lines.append(job)
                if last.request_id != request_id:  # lines of several requests: no one id
                    groups[-1] = SpeechGroup(last.lines, None, ahead)
            else:
                groups.append(SpeechGroup([job], request_id, ahead))
        queue = self._queue()
        ahead_queue = self._ahead_queue() if self._ahead_queue is not None else None
        # From the event loop: one call of the enqueue script for the round (tts/enqueue.py).
        try:
            await self._enqueuer.send(groups, queue, ahead_queue)
        except RedisError as exc:  # what was not sent waits in the outbox
            if self.queue_reachable:
                log.warning("queue unreachable, speech requests wait in the outbox: %s", exc)
            self.queue_reachable = False
            return []
        self.queue_reachable = True
        return [job.audio_key for group in groups for job in group.lines]

    async def sweep_lost_jobs(self, stale_after: timedelta = STALE_AFTER) -> int:
        """Send enqueued rows back to pending when their job vanished from Redis or ended
        without closing them."""
        self._last_sweep = utcnow()
        async with self._read_sessionmaker() as session:
            rows = await SpeechRepository(session).enqueued_before(
                utcnow() - stale_after, BATCH, after_id=self._swept_upto
            )
        # A long backlog of rows legitimately waiting must not hide the ones behind it: the
        # next sweep goes on from here, and starts again from the first row after the last.
        self._swept_upto = rows[-1].id if len(rows) == BATCH else 0
        if not rows:
            return 0
        queue = self._queue()
        keys = sorted({row.audio_key for row in rows})
        try:
            states = await asyncio.to_thread(job_states, queue.connection, keys)
            stranded = await asyncio.to_thread(stranded_jobs, queue.connection, keys)
        except RedisError:
            return 0
        lost = [
            row.id
            for row in rows
            if states.get(row.audio_key) in (None, *ENDED) or row.audio_key in stranded
        ]
        if lost:
            log.warning(
                "%d speech requests lost their queued job; enqueueing them again", len(lost)
            )
            async with self._sessionmaker() as session:
                await SpeechRepository(session).back_to_pending(lost)
                await session.commit()
            self.wake()
        return len(lost)
