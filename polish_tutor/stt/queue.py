"""Putting transcription jobs on their RQ queue (synchronous: called from the relay's thread)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from redis import Redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

JOB_FUNCTION = "polish_tutor.stt.jobs.transcribe_speech"
RETRY_INTERVALS = (1, 5, 15)
_FINAL = {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}
ENDED = tuple(status.value for status in _FINAL)


def job_id(recognition_id: uuid.UUID | str) -> str:
    return f"stt-{recognition_id}"


def enqueue_transcription(
    queue: Queue,
    recognition_id: uuid.UUID,
    *,
    timeout: int,
    retry_intervals: Sequence[int] = RETRY_INTERVALS,
    request_id: str | None = None,
) -> None:
    """Enqueue once per request: a job already waiting or running is left alone; one that
    ended is replaced (the job itself does nothing for a request that is already done)."""
    for _ in range(2):
        try:
            queue.enqueue_call(
                JOB_FUNCTION,
                kwargs={"recognition_id": str(recognition_id)},
                job_id=job_id(recognition_id),
                unique=True,
                timeout=timeout,
                retry=Retry(max=len(retry_intervals), interval=list(retry_intervals)),
                result_ttl=600,
                failure_ttl=24 * 3600,
                description=f"transcription {recognition_id}",
                meta={"request_id": request_id} if request_id else None,
            )
            return
        except DuplicateJobError:
            try:
                existing = Job.fetch(job_id(recognition_id), connection=queue.connection)
            except NoSuchJobError:
                continue
            if existing.get_status() not in _FINAL:
                return
            existing.delete()
    raise RuntimeError(f"could not enqueue transcription {recognition_id}")


def job_states(connection: Redis, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """Each transcription job's RQ status (``None``: no such job), in one round trip."""
    with connection.pipeline(transaction=False) as pipe:
        for recognition_id in ids:
            pipe.hget(f"rq:job:{job_id(recognition_id)}", "status")
        replies = pipe.execute()
    return {
        recognition_id: reply.decode() if isinstance(reply, bytes) else reply
        for recognition_id, reply in zip(ids, replies, strict=True)
    }
