"""Putting speech jobs on the RQ queue (synchronous: called from the relay's thread)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

JOB_FUNCTION = "polish_tutor.tts.jobs.synthesize_speech"
RETRY_INTERVALS = (2, 10, 30)  # seconds; TUTOR_TTS_RETRY_INTERVALS overrides
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
    """Each speech job's RQ status (``None``: no such job), in one round trip."""
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.hget(f"rq:job:{key}", "status")
        replies = pipe.execute()
    return {
        key: reply.decode() if isinstance(reply, bytes) else reply
        for key, reply in zip(keys, replies, strict=True)
    }
