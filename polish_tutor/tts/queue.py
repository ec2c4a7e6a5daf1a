"""Putting speech jobs on the RQ queue, synchronously: the cases the relay's script
(``tts/enqueue.py``) leaves to RQ itself (a line whose job ended, lines that changed while it
looked), tests and benches; and the look-ups of the sweep and ``/tts/status``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import WatchError
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

JOB_FUNCTION = "polish_tutor.tts.jobs.synthesize_speech"
LINES_FUNCTION = "polish_tutor.tts.jobs.synthesize_speech_lines"
MAX_LINES = 8  # lines per job: RQ's bookkeeping shared, a line waiting behind a few others
# A line carried by a job of several lines has no RQ job under its audio key: this key names
# the job that carries it (for the enqueue's dedup and the relay's sweep).
LINE_JOB = "tts:line:"
LINE_JOB_TTL = 7 * 24 * 3600  # as long as a failed job is kept (FAILURE_TTL)
# A claim younger than this whose job does not exist yet is a relay's enqueue in progress; an
# older one is a relay that died between its claim and its enqueue: the line is claimed again.
CLAIM_GRACE = 60
RETRY_INTERVALS = (2, 10, 30)  # seconds; TUTOR_TTS_RETRY_INTERVALS overrides
# A line whose speech was withdrawn (a streamed turn that broke off): the mark a job that holds
# it reads before it synthesises (``SpeechSynthesis.synthesize``). Kept long enough for a job
# waiting for its retries, or behind a backlog; a stale one costs a job one database read.
WITHDRAWN = "tts:withdrawn:"
WITHDRAWN_TTL = 24 * 3600
# How long RQ keeps a speech job that ended, and its result (0, dropping the job as it
# succeeds, costs RQ 3's worker more: Job.delete reads the job's status and executions
# outside its pipeline).
RESULT_TTL = 3600
FAILURE_TTL = 7 * 24 * 3600
_FINAL = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}
ENDED = tuple(status.value for status in _FINAL)


@dataclass(frozen=True, slots=True)
class SpeechJob:
    audio_key: str
    text: str
    voice: str
    speed: float
    format: str
    driver: str

    def kwargs(self) -> dict[str, Any]:
        """The job function's keyword arguments: ``dataclasses.asdict`` 's dict (the fields,
        in order) without its deep copy of each value, which cost a tenth of packing a job
        (its values are strings and a float)."""
        return {name: getattr(self, name) for name in _JOB_FIELDS}


_JOB_FIELDS = tuple(field.name for field in fields(SpeechJob))


def own_job(
    job: SpeechJob, *, timeout: int, retry_intervals: Sequence[int], request_id: str | None
) -> dict[str, Any]:
    """RQ's arguments for a line's job of its own (job id = audio key), whichever way it is
    enqueued (:func:`enqueue_speech`, :func:`_enqueue_new`, ``tts/enqueue.py``)."""
    return {
        "kwargs": job.kwargs(),
        "job_id": job.audio_key,
        "timeout": timeout,
        "retry": Retry(max=len(retry_intervals), interval=list(retry_intervals)),
        "result_ttl": RESULT_TTL,
        "failure_ttl": FAILURE_TTL,
        "description": f"speech {job.audio_key}",
        "meta": {"request_id": request_id} if request_id else None,
    }


def lines_job(
    job_id: str,
    lines: Sequence[SpeechJob],
    *,
    timeout: int,
    retry_intervals: Sequence[int],
    request_id: str | None,
) -> dict[str, Any]:
    """RQ's arguments for a job of several lines (``synthesize_speech_lines``): the line's
    timeout times its lines, kept as long as a claim (``tts:line:<key>``) names it."""
    return {
        "kwargs": {"lines": [job.kwargs() for job in lines]},
        "job_id": job_id,
        "timeout": timeout * len(lines),
        "retry": Retry(max=len(retry_intervals), interval=list(retry_intervals)),
        "result_ttl": RESULT_TTL,
        "failure_ttl": LINE_JOB_TTL,
        "description": f"speech {len(lines)} lines {lines[0].audio_key}…",
        "meta": {"request_id": request_id} if request_id else None,
    }


def enqueue_speech(
    queue: Queue,
    job: SpeechJob,
    *,
    timeout: int,
    retry_intervals: Sequence[int] = RETRY_INTERVALS,
    request_id: str | None = None,
    behind: Queue | None = None,
) -> None:
    """Enqueue once per audio key: a job already waiting or running is left alone — except
    one waiting in ``behind`` (speech made ahead of time), which moves to ``queue``'s front
    now that a learner waits for it.

    A job that already ended (finished, or failed for good) is replaced, so a learner who
    asks again gets a fresh attempt; the job itself skips synthesis when the audio exists.
    """
    for _ in range(2):
        try:
            queue.enqueue_call(
                JOB_FUNCTION,
                unique=True,
                **own_job(
                    job, timeout=timeout, retry_intervals=retry_intervals, request_id=request_id
                ),
            )
            return
        except DuplicateJobError:
            pass  # a job has this id: what it is doing decides, below
        try:
            existing = Job.fetch(job.audio_key, connection=queue.connection)
        except NoSuchJobError:
            continue
        status = existing.get_status()
        if status == JobStatus.QUEUED:
            # Only if it is still there: a worker may just have taken it.
            if behind is not None and existing.origin == behind.name:
                if behind.remove(existing.id):
                    queue.enqueue_job(existing, at_front=True)
                    return
            if not _waiting_in(queue.connection, existing):
                # "Queued" in no queue: taken by a worker that died as it took it
                # (stranded_jobs), or by one starting it now (which costs a second run
                # that finds the audio stored).
                queue.enqueue_job(existing, at_front=True)
            return
        if status not in _FINAL:
            return
        existing.delete()
    raise RuntimeError(f"could not enqueue speech job {job.audio_key}")


def enqueue_speech_each(
    queue: Queue,
    jobs: Sequence[SpeechJob],
    *,
    timeout: int,
    retry_intervals: Sequence[int] = RETRY_INTERVALS,
    request_id: str | None = None,
    behind: Queue | None = None,
) -> None:
    """Each line in a job of its own, as :func:`enqueue_speech` puts it, in a few round trips
    whatever the number of lines: the dedup checks of all of them first (a line whose job is
    running or waiting, or that a job of several lines carries, costs nothing more), then the
    new lines' jobs together (:func:`_enqueue_new`), then the waiting ones that must move
    together (:func:`_requeue_waiting`)."""
    if not jobs:
        return
    jobs = list({job.audio_key: job for job in jobs}.values())
    states = _line_states(queue.connection, jobs)
    _enqueue_own(
        queue,
        [job for job in jobs if job.audio_key not in states.carried],
        states,
        _JobOptions(timeout, tuple(retry_intervals), request_id),
        behind,
    )


@dataclass(frozen=True, slots=True)
class _JobOptions:
    timeout: int
    retry_intervals: tuple[int, ...]
    request_id: str | None

    def enqueue(self, queue: Queue, job: SpeechJob, behind: Queue | None = None) -> None:
        enqueue_speech(
            queue,
            job,
            timeout=self.timeout,
            retry_intervals=self.retry_intervals,
            request_id=self.request_id,
            behind=behind,
        )


def _enqueue_own(
    queue: Queue,
    jobs: Sequence[SpeechJob],
    states: _LineStates,
    options: _JobOptions,
    behind: Queue | None,
) -> None:
    """Lines in jobs of their own, by what their job (if any) is doing: none yet, new jobs
    together; waiting, moved or put back together; ended (rare), :func:`enqueue_speech`
    replaces it; running, left alone."""
    new: list[SpeechJob] = []
    waiting: list[tuple[SpeechJob, str | None]] = []
    for job in jobs:
        status = states.statuses[job.audio_key]
        if status is None:
            new.append(job)
        elif status == JobStatus.QUEUED.value:
            waiting.append((job, states.origins[job.audio_key]))
        elif status in ENDED:
            options.enqueue(queue, job, behind)
    _enqueue_new(queue, new, options, behind)
    _requeue_waiting(queue, waiting, behind)


def _enqueue_new(
    queue: Queue, jobs: Sequence[SpeechJob], options: _JobOptions, behind: Queue | None
) -> None:
    """Jobs for lines that had none a moment ago, in one transaction: ``WATCH`` their keys,
    check that none exists yet, then every job in one ``MULTI … EXEC`` (RQ's
    ``enqueue_many``), three round trips for any number of lines where ``enqueue_call``'s
    unique enqueue takes two per line. A job that appeared meanwhile (another relay) or a
    change while watched sends the lines through :func:`enqueue_speech`, one by one."""
    if len(jobs) <= 1:
        for job in jobs:
            options.enqueue(queue, job, behind)
        return
    keys = [Job.key_for(job.audio_key) for job in jobs]
    with queue.connection.pipeline() as pipe:
        try:
            pipe.watch(*keys)  # type: ignore[no-untyped-call]
            if not pipe.exists(*keys):
                pipe.multi()
                queue.enqueue_many(
                    [
                        Queue.prepare_data(
                            JOB_FUNCTION,
                            **own_job(
                                job,
                                timeout=options.timeout,
                                retry_intervals=options.retry_intervals,
                                request_id=options.request_id,
                            ),
                        )
                        for job in jobs
                    ],
                    pipeline=pipe,
                )
                pipe.execute()
                return
        except WatchError:
            pass  # a job of one of them appeared meanwhile: each line goes alone, below
    for job in jobs:
        options.enqueue(queue, job, behind)


def _requeue_waiting(
    queue: Queue, waiting: Sequence[tuple[SpeechJob, str | None]], behind: Queue | None
) -> None:
    """Lines whose job says "queued": one waiting in ``behind`` (speech made ahead of time)
    moves to ``queue``'s front now that a learner waits for it, if it is still there (a worker
    may just have taken it); one that waits in no queue (taken by a worker that died as it
    took it, or by one starting it now, which costs a second run that finds the audio
    stored) is put back at the front. One round trip for the checks, and for the lines to
    move, one to read their jobs and one to put them all back."""
    if not waiting:
        return
    connection = queue.connection
    with connection.pipeline(transaction=False) as pipe:
        for job, origin in waiting:
            if behind is not None and origin == behind.name:
                pipe.lrem(behind.key, 1, job.audio_key)
            else:
                pipe.lpos(f"rq:queue:{origin}", job.audio_key)
        replies = pipe.execute()
    from_behind = [behind is not None and origin == behind.name for _, origin in waiting]
    # From ``behind``: taken out (1), or gone from it (0: a worker took it, or is taking it).
    # Elsewhere: not in its queue (no position).
    moved = [
        job.audio_key
        for (job, _), ahead, reply in zip(waiting, from_behind, replies, strict=True)
        if ahead or reply is None
    ]
    removed = {
        job.audio_key
        for (job, _), ahead, reply in zip(waiting, from_behind, replies, strict=True)
        if ahead and reply == 1
    }
    if not moved:
        return
    jobs = Job.fetch_many(moved, connection=connection)
    with connection.pipeline() as pipe:
        for key, existing in zip(moved, jobs, strict=True):
            # Taken from ``behind`` by us: ours to put back. Else only if it still waits.
            if existing is not None and (
                key in removed or existing.get_status(refresh=False) == JobStatus.QUEUED
            ):
                queue.enqueue_job(existing, pipeline=pipe, at_front=True)
        pipe.execute()


def enqueue_speech_lines(
    queue: Queue,
    jobs: Sequence[SpeechJob],
    *,
    timeout: int,
    retry_intervals: Sequence[int] = RETRY_INTERVALS,
    request_id: str | None = None,
    behind: Queue | None = None,
) -> None:
    """Enqueue lines requested together as one job (``synthesize_speech_lines``), so RQ's
    bookkeeping per job is shared by its lines; one line is :func:`enqueue_speech` as ever.

    The audio key stays each line's dedup key: a line that already has a job of its own (or
    waits in ``behind``) goes through :func:`enqueue_speech`; one carried by a job of several
    lines that has not ended is left to it (a line alone too); the others go in a new job,
    each claimed for it under ``tts:line:<key>`` (``SET NX``: two relays enqueueing the same
    line at once put it in one job). The job's timeout is ``timeout`` per line."""
    if len(jobs) <= 1:
        enqueue_speech_each(
            queue,
            jobs,
            timeout=timeout,
            retry_intervals=retry_intervals,
            request_id=request_id,
            behind=behind,
        )
        return
    connection = queue.connection
    unique = list({job.audio_key: job for job in jobs}.values())
    states = _line_states(connection, unique)
    options = _JobOptions(timeout, tuple(retry_intervals), request_id)
    # Lines that have a job of their own: as enqueue_speech_each puts them.
    _enqueue_own(
        queue,
        [job for job in unique if states.statuses[job.audio_key] is not None],
        states,
        options,
        behind,
    )
    new = [
        job
        for job in unique
        if states.statuses[job.audio_key] is None and job.audio_key not in states.carried
    ]
    if not new:
        return
    job_id = "lines-" + uuid.uuid4().hex
    with connection.pipeline(transaction=False) as pipe:
        for job in new:
            key = LINE_JOB + job.audio_key
            if job.audio_key in states.carriers:  # its job ended: claimed again
                pipe.set(key, job_id, ex=LINE_JOB_TTL)
            else:
                pipe.set(key, job_id, ex=LINE_JOB_TTL, nx=True)
        claimed = pipe.execute()
    lines = [job for job, ok in zip(new, claimed, strict=True) if ok]
    if len(lines) == 1:
        connection.delete(LINE_JOB + lines[0].audio_key)
        options.enqueue(queue, lines[0], behind)
        return
    if not lines:
        return
    with connection.pipeline() as pipe:  # RQ's writes for the job in one round trip
        queue.enqueue_call(
            LINES_FUNCTION,
            pipeline=pipe,
            **lines_job(
                job_id,
                lines,
                timeout=timeout,
                retry_intervals=retry_intervals,
                request_id=request_id,
            ),
        )
        pipe.execute()


@dataclass(frozen=True, slots=True)
class _LineStates:
    statuses: dict[str, str | None]  # each line's own job's status (None: it has none)
    origins: dict[str, str | None]  # the queue its own job was put in
    carriers: dict[str, str]  # the job of several lines that claimed a line without one
    carried: set[str]  # the lines such a job still carries (_carried_by_live_jobs)


def _line_states(connection: Redis, jobs: Sequence[SpeechJob]) -> _LineStates:
    """Each line's own job's status and queue, the job of several lines that claimed each line
    without a job of its own, and which of those lines such a job still carries
    (:func:`_carried_by_live_jobs`): one round trip, and one more only for claimed lines."""
    with connection.pipeline(transaction=False) as pipe:
        for job in jobs:
            pipe.hmget(f"rq:job:{job.audio_key}", "status", "origin")
            pipe.get(LINE_JOB + job.audio_key)
        replies = pipe.execute()
    statuses: dict[str, str | None] = {}
    origins: dict[str, str | None] = {}
    carriers: dict[str, str] = {}
    for job, (status, origin), carrier in zip(jobs, replies[0::2], replies[1::2], strict=True):
        key = job.audio_key
        statuses[key] = status.decode() if status else None
        origins[key] = origin.decode() if origin else None
        if not status and carrier:
            carriers[key] = carrier.decode()
    return _LineStates(statuses, origins, carriers, _carried_by_live_jobs(connection, carriers))


def _carried_by_live_jobs(connection: Redis, carriers: dict[str, str]) -> set[str]:
    """The lines whose job of several lines has not ended: it exists and runs or waits, or
    it does not exist yet because the relay that claimed the line within the last
    :data:`CLAIM_GRACE` seconds is enqueueing it now (two relays at once: the second must
    not take the claim for an ended job and enqueue the line again)."""
    if not carriers:
        return set()
    job_ids = sorted(set(carriers.values()))
    keys = list(carriers)
    with connection.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.hget(f"rq:job:{job_id}", "status")
        for key in keys:
            pipe.ttl(LINE_JOB + key)
        replies = pipe.execute()
    statuses = dict(zip(job_ids, replies[: len(job_ids)], strict=True))
    ttls = dict(zip(keys, replies[len(job_ids) :], strict=True))
    return {
        key
        for key, job_id in carriers.items()
        if (statuses[job_id] and statuses[job_id].decode() not in ENDED)
        or (not statuses[job_id] and ttls[key] > LINE_JOB_TTL - CLAIM_GRACE)
    }


def _job_ids(connection: Redis, keys: Sequence[str]) -> dict[str, str]:
    """Each audio key's RQ job id: its own job's (the key), or the job of several lines that
    carries it (``tts:line:<key>``), in one round trip."""
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.exists(f"rq:job:{key}")
            pipe.get(LINE_JOB + key)
        replies = pipe.execute()
    return {
        key: carrier.decode() if not own and carrier else key
        for key, own, carrier in zip(keys, replies[0::2], replies[1::2], strict=True)
    }


async def running_workers(redis: AsyncRedis, queue_name: str) -> int:
    """Workers registered on this queue whose registration is alive (a worker that died
    without unregistering counts until its heartbeat key expires), in two round trips."""
    names = await redis.smembers(f"rq:workers:{queue_name}")
    if not names:
        return 0
    async with redis.pipeline(transaction=False) as pipe:
        for name in names:
            pipe.exists(name)
        alive = await pipe.execute()
    return sum(1 for found in alive if found)


def _waiting_in(connection: Redis, job: Job) -> bool:
    return connection.lpos(f"rq:queue:{job.origin}", job.id) is not None


def stranded_jobs(connection: Redis, keys: Sequence[str]) -> set[str]:
    """Jobs that say "queued" but wait in no queue. A worker killed while it waited for a job
    can still be handed one (Redis may serve its pending BLPOP before it notices the closed
    connection): that job is out of its queue, and no worker will ever start it."""
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.hmget(f"rq:job:{key}", "status", "origin")
        replies = pipe.execute()
    queued = {
        key: origin.decode()
        for key, (status, origin) in zip(keys, replies, strict=True)
        if status == b"queued" and origin
    }
    if not queued:
        return set()
    with connection.pipeline(transaction=False) as pipe:
        for key, origin in queued.items():
            pipe.lpos(f"rq:queue:{origin}", key)
        positions = pipe.execute()
    return {key for key, position in zip(queued, positions, strict=True) if position is None}


def job_states(connection: Redis, keys: Sequence[str]) -> dict[str, str | None]:
    """Each speech line's RQ status (``None``: no such job): of its own job, or of the job
    of several lines that carries it, in two round trips."""
    ids = _job_ids(connection, keys)
    job_ids = sorted(set(ids.values()))
    with connection.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.hget(f"rq:job:{job_id}", "status")
        replies = dict(zip(job_ids, pipe.execute(), strict=True))
    return {
        key: reply.decode() if isinstance(reply, bytes) else reply
        for key, reply in ((key, replies[ids[key]]) for key in keys)
    }


def withdraw_waiting(queue: Queue, keys: Sequence[str]) -> list[str]:
    """Take the jobs of their own that these lines have out of ``queue`` while no worker has
    taken them, and delete them: nobody waits for these lines any more (a streamed reply that
    broke off). Returns the keys withdrawn. In the same round trip each line gets the mark
    :data:`WITHDRAWN`, for the jobs this cannot reach: one a worker took, one waiting for a
    retry, one of several lines carrying the line. Such a job reads the mark before it
    synthesises the line and, if no request for it is open, makes nothing (no audio, no
    ``audio_ready``).

    A request for the same words committed meanwhile finds its job gone (or ended without
    it) at the next sweep (``tts/relay.py``), which enqueues it again: late, never lost; the
    job then finds it open and makes the line."""
    connection = queue.connection
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.lrem(queue.key, 1, key)
        for key in keys:
            pipe.set(WITHDRAWN + key, 1, ex=WITHDRAWN_TTL)
        removed = pipe.execute()[: len(keys)]
    taken = [key for key, count in zip(keys, removed, strict=True) if count]
    for job in Job.fetch_many(taken, connection=connection):
        if job is not None:  # out of its queue: nothing runs it any more
            job.delete(remove_from_queue=False)
    return taken
