"""Putting speech jobs on the RQ queue (synchronous: called from the relay's thread)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

JOB_FUNCTION = "polish_tutor.tts.jobs.synthesize_speech"
LINES_FUNCTION = "polish_tutor.tts.jobs.synthesize_speech_lines"
MAX_LINES = 8  # lines per job: RQ's bookkeeping shared, a line waiting behind a few others
# A line carried by a job of several lines has no RQ job under its audio key: this key names
# the job that carries it (for the enqueue's dedup and the relay's sweep).
LINE_JOB = "tts:line:"
LINE_JOB_TTL = 7 * 24 * 3600  # as long as a failed job is kept
# A claim younger than this whose job does not exist yet is a relay's enqueue in progress; an
# older one is a relay that died between its claim and its enqueue: the line is claimed again.
CLAIM_GRACE = 60
RETRY_INTERVALS = (2, 10, 30)  # seconds; TUTOR_TTS_RETRY_INTERVALS overrides
_FINAL = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}
ENDED = tuple(status.value for status in _FINAL)
# A job in these states will run without help (one that says "queued" may have been lost by
# a dying worker, or wait behind speech made ahead of time: enqueue_speech looks at those).
_UNDER_WAY = frozenset(
    {JobStatus.STARTED.value, JobStatus.DEFERRED.value, JobStatus.SCHEDULED.value}
)


@dataclass(frozen=True, slots=True)
class SpeechJob:
    audio_key: str
    text: str
    voice: str
    speed: float
    format: str
    driver: str


def enqueue_speech(
    queue: Queue,
    job: SpeechJob,
    *,
    timeout: int,
    retry_intervals: Sequence[int] = RETRY_INTERVALS,
    request_id: str | None = None,
    behind: Queue | None = None,
    queued: bool = False,
) -> None:
    """Enqueue once per audio key: a job already waiting or running is left alone — except
    one waiting in ``behind`` (speech made ahead of time), which moves to ``queue``'s front
    now that a learner waits for it.

    A job that already ended (finished, or failed for good) is replaced, so a learner who
    asks again gets a fresh attempt; the job itself skips synthesis when the audio exists.
    ``queued``: the caller saw the job say "queued" (no enqueue to try first).
    """
    for attempt in range(2):
        if not (queued and attempt == 0):
            try:
                queue.enqueue_call(
                    JOB_FUNCTION,
                    kwargs=asdict(job),
                    job_id=job.audio_key,
                    unique=True,
                    timeout=timeout,
                    retry=Retry(max=len(retry_intervals), interval=list(retry_intervals)),
                    result_ttl=3600,
                    failure_ttl=7 * 24 * 3600,
                    description=f"speech {job.audio_key}",
                    meta={"request_id": request_id} if request_id else None,
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
    """Each line in a job of its own (:func:`enqueue_speech`), with the dedup checks of all
    of them in one round trip first: a line whose job is running or waiting (or that a job
    of several lines carries) costs nothing more, and a new line goes straight to the
    enqueue."""
    if not jobs:
        return
    statuses, _, carried = _line_states(queue.connection, jobs)
    for job, status in zip(jobs, statuses, strict=True):
        if status in _UNDER_WAY or job.audio_key in carried:
            continue  # on its way: in its own job, or in a job of several lines
        enqueue_speech(
            queue,
            job,
            timeout=timeout,
            retry_intervals=retry_intervals,
            request_id=request_id,
            behind=behind,
            queued=status == JobStatus.QUEUED.value,
        )


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
    statuses, carriers, carried = _line_states(connection, unique)
    own_job = {
        job.audio_key: status
        for job, status in zip(unique, statuses, strict=True)
        if status is not None
    }
    for job in unique:
        status = own_job.get(job.audio_key)
        if status is None or status in _UNDER_WAY:
            continue
        enqueue_speech(
            queue,
            job,
            timeout=timeout,
            retry_intervals=retry_intervals,
            request_id=request_id,
            behind=behind,
            queued=status == JobStatus.QUEUED.value,
        )
    new = [job for job in unique if job.audio_key not in own_job and job.audio_key not in carried]
    if not new:
        return
    job_id = "lines-" + uuid.uuid4().hex
    with connection.pipeline(transaction=False) as pipe:
        for job in new:
            key = LINE_JOB + job.audio_key
            if job.audio_key in carriers:  # its job ended: claimed again
                pipe.set(key, job_id, ex=LINE_JOB_TTL)
            else:
                pipe.set(key, job_id, ex=LINE_JOB_TTL, nx=True)
        claimed = pipe.execute()
    lines = [job for job, ok in zip(new, claimed, strict=True) if ok]
    if len(lines) == 1:
        connection.delete(LINE_JOB + lines[0].audio_key)
        enqueue_speech(
            queue,
            lines[0],
            timeout=timeout,
            retry_intervals=retry_intervals,
            request_id=request_id,
            behind=behind,
        )
        return
    if not lines:
        return
    queue.enqueue_call(
        LINES_FUNCTION,
        kwargs={"lines": [asdict(job) for job in lines]},
        job_id=job_id,
        timeout=timeout * len(lines),
        retry=Retry(max=len(retry_intervals), interval=list(retry_intervals)),
        result_ttl=3600,
        failure_ttl=LINE_JOB_TTL,
        description=f"speech {len(lines)} lines {lines[0].audio_key}…",
        meta={"request_id": request_id} if request_id else None,
    )


def _line_states(
    connection: Redis, jobs: Sequence[SpeechJob]
) -> tuple[list[str | None], dict[str, str], set[str]]:
    """Each line's own job's status (None: it has none), the job of several lines that claimed
    each line without a job of its own, and which of those lines such a job still carries
    (:func:`_carried_by_live_jobs`): one round trip, and one more only for claimed lines."""
    with connection.pipeline(transaction=False) as pipe:
        for job in jobs:
            pipe.hget(f"rq:job:{job.audio_key}", "status")
            pipe.get(LINE_JOB + job.audio_key)
        replies = pipe.execute()
    statuses = [status.decode() if status else None for status in replies[0::2]]
    carriers = {
        job.audio_key: carrier.decode()
        for job, status, carrier in zip(jobs, statuses, replies[1::2], strict=True)
        if status is None and carrier
    }
    return statuses, carriers, _carried_by_live_jobs(connection, carriers)


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
