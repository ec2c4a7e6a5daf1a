"""A job's timeout in a worker that runs its jobs itself, without a work-horse per job.

RQ's forking worker enforces a job's timeout twice: ``SIGALRM`` in the work-horse raises
``JobTimeoutException`` in the job, and the parent kills a horse still running 60 s later. A
worker that runs the job in its own process (``SimpleWorker``) keeps only the first, and that
one needs the interpreter: a job stuck in C (a synthesis library call that never returns, a
blocked lock) never sees it, and an exception raised inside a C callback (eSpeak's) is
swallowed. The guard is the second: a watchdog thread, armed for every job at its timeout plus
:data:`STUCK_AFTER`, that calls the worker's ``on_stuck`` for a job that has not returned.
The worker then ends the job for good and starts afresh (:mod:`polish_tutor.worker.run`).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from rq.timeouts import JobTimeoutException, UnixSignalDeathPenalty

log = logging.getLogger(__name__)

STUCK_AFTER = 10.0  # seconds past the job's timeout (its SIGALRM) before the guard steps in


class Watchdog:
    """One daemon thread for the process; :meth:`arm` and :meth:`disarm` only move a deadline
    (no thread or timer per job). The thread is woken only when a deadline comes sooner than
    the one it sleeps towards (or it sleeps without one): a job's deadline is always later than
    the one before, so jobs back to back cost no thread switch each; the thread wakes at the
    older deadline, sees the new one (or none) and sleeps again."""

    def __init__(self, on_stuck: Callable[[str], None]) -> None:
        self._on_stuck = on_stuck
        self._lock = threading.Condition()
        self._deadline: float | None = None
        self._job_id = ""
        self._thread: threading.Thread | None = None
        self._closed = False
        self._sleeps_until = math.inf  # (monotonic) when the thread wakes by itself

    def arm(self, job_id: str, seconds: float) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="job-guard", daemon=True)
                self._thread.start()
            self._deadline = time.monotonic() + seconds
            self._job_id = job_id
            if self._deadline < self._sleeps_until:
                self._lock.notify()

    def disarm(self) -> None:
        with self._lock:
            self._deadline = None

    def close(self) -> None:
        """End the thread (the worker has stopped); a later :meth:`arm` starts another."""
        with self._lock:
            self._closed, self._deadline = True, None
            thread, self._thread = self._thread, None
            self._lock.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._lock:
            self._closed = False

    def _watch(self) -> None:
        while True:
            with self._lock:
                while not self._closed and (
                    self._deadline is None or time.monotonic() < self._deadline
                ):
                    if self._deadline is None:
                        self._sleeps_until, wait = math.inf, None
                    else:
                        self._sleeps_until, wait = self._deadline, self._deadline - time.monotonic()
                    self._lock.wait(wait)
                    self._sleeps_until = -math.inf  # awake: it looks at the deadline itself
                if self._closed:
                    return
                job_id, self._deadline = self._job_id, None
            log.error("job %s is stuck past its timeout", job_id)
            try:
                self._on_stuck(job_id)
            except Exception:  # the guard must survive what it guards against
                log.exception("the stuck job %s could not be ended", job_id)


def guarded_death_penalty(watchdog: Watchdog) -> type[UnixSignalDeathPenalty]:
    """RQ's ``SIGALRM`` death penalty (the soft timeout, inside the job), plus ``watchdog``
    armed for a job's run at its timeout and :data:`STUCK_AFTER` (the hard one)."""

    class GuardedDeathPenalty(UnixSignalDeathPenalty):
        def __init__(
            self, timeout: Any, exception: Any = JobTimeoutException, **kwargs: Any
        ) -> None:
            super().__init__(timeout, exception, **kwargs)  # type: ignore[no-untyped-call]
            # A job's run (and its callbacks'), not the forking worker's waits for a horse.
            self._job_id: str | None = kwargs.get("job_id")

        def setup_death_penalty(self) -> None:
            if self._job_id and self._timeout and self._timeout > 0:
                watchdog.arm(self._job_id, self._timeout + STUCK_AFTER)
            super().setup_death_penalty()  # type: ignore[no-untyped-call]

        def cancel_death_penalty(self) -> None:
            super().cancel_death_penalty()  # type: ignore[no-untyped-call]
            if self._job_id:
                watchdog.disarm()

    return GuardedDeathPenalty
