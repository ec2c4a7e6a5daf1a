"""What an RQ job function needs from its process: the service the worker bound for it, the
running job's request id and its retries left.

Job functions are module-level (RQ enqueues them by dotted name), so each domain's ``jobs.py``
holds a :class:`Bound` slot that the worker process (:mod:`polish_tutor.worker`) fills once,
before the first job: the domain never builds connections itself and never imports the worker.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rq import get_current_job

from polish_tutor.kit.request_context import request_id_var

T = TypeVar("T")


class Bound(Generic[T]):
    """One service a worker process built for a kind of job."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._value: T | None = None

    def bind(self, value: T | None) -> None:
        self._value = value

    def get(self) -> T:
        if self._value is None:
            raise RuntimeError(
                f"no {self._what} in this process: jobs run in `polish-tutor worker` "
                "(polish_tutor.worker binds it before the first job)"
            )
        return self._value


def job_request_id() -> str | None:
    """The X-Request-ID of the request that enqueued the running job (RQ job meta), also set
    as this job's request id for its log lines."""
    job = get_current_job()
    value = (job.meta or {}).get("request_id") if job is not None else None
    request_id = str(value) if value else None
    request_id_var.set(request_id)
    return request_id


def retries_left(outside_rq: int) -> int:
    """Retries RQ still holds for the running job; ``outside_rq`` for a direct call."""
    job = get_current_job()
    if job is None:
        return outside_rq
    return int(job.retries_left or 0)
