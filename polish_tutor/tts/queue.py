"""Putting speech jobs on the RQ queue (synchronous: called from the relay's thread)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from redis import Redis
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
            if status == JobStatus.QUEUED and behind is not None and existing.origin == behind.name:
                # Only if it is still there: a worker may just have taken it.
                if behind.remove(existing.id):
                    queue.enqueue_job(existing, at_front=True)
                return
            if status not in _FINAL:
                return
            existing.delete()
    raise RuntimeError(f"could not enqueue speech job {job.audio_key}")


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
