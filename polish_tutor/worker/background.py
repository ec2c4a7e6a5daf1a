"""A speech worker's background process: one long-lived child (``polish-tutor worker
--background-of PID``) that runs the jobs nobody waits for yet (speech made ahead of time,
summaries a model writes: :func:`polish_tutor.worker.queues.background_queues`) one after
another, without a fork per job, at :data:`BACKGROUND_NICENESS` — so the worker itself serves
only what a learner waits for, and a learner's speech never waits behind a model.

The child is a ``TutorWorker`` of its own, as the worker is: the same in-process run of a job,
the same timeout guard (a job stuck past its timeout is ended and the child starts afresh in
place), the same abandoned-job recovery (a job of a child killed mid-way stays in RQ's
started registry; the next child's maintenance retries it, and the outbox sweeps what
vanished). The worker (:class:`BackgroundProcess`) starts it with itself, starts another if it
dies, forwards its stop signals to it (a SIGTERM finishes the job in hand in both) and waits
for it before it exits; the child dies with the worker (``PR_SET_PDEATHSIG``) if the worker is
killed outright.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from polish_tutor.embedded.stack import detach_and_die_with_parent
from polish_tutor.worker import metrics
from polish_tutor.worker.queues import BACKGROUND_NICENESS

log = logging.getLogger(__name__)

STOP_WAIT = 10.0  # seconds the worker waits for its stopping child before it kills it
RESTART_WAIT = 1.0  # seconds before the first restart of a child that died
RESTART_WAIT_MAX = 30.0  # a child that keeps dying at once is restarted at most this often
SETTLED_AFTER = 30.0  # seconds a child lived before its death counts as a fresh one's


class BackgroundProcess:
    """The worker's side: its one background child, started, restarted, stopped."""

    def __init__(self, *, maintenance_interval: int, burst: bool, fold_metrics: bool) -> None:
        self.command = [
            sys.executable,
            "-m",
            "polish_tutor",
            "worker",
            "--background-of",
            str(os.getpid()),
            "--maintenance-interval",
            str(maintenance_interval),
            *(["--burst"] if burst else []),
        ]
        self.burst = burst
        self.fold_metrics = fold_metrics
        self.child: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        return self.child.pid if self.child is not None else None

    def start(self) -> None:
        """The child, and the thread that starts another when it dies."""
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="background-watch", daemon=True)
        self._watcher.start()

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            # Its own session (a Ctrl-C reaches the worker, which forwards it) and a
            # SIGTERM when the worker dies.
            child = subprocess.Popen(self.command, preexec_fn=detach_and_die_with_parent)
            self.child = child
        log.info("background process %s started (niceness +%d)", child.pid, BACKGROUND_NICENESS)

    def _watch(self) -> None:
        wait = RESTART_WAIT
        while True:
            child, started = self.child, time.monotonic()
            assert child is not None
            code = child.wait()
            if self._stopping.is_set() or (self.burst and code == 0):
                return
            log.error("background process %s ended (exit %s); starting another", child.pid, code)
            if self.fold_metrics:
                try:
                    metrics.fold_dead_files()
                except OSError:
                    log.exception("could not fold metric files")
            wait = RESTART_WAIT if time.monotonic() - started > SETTLED_AFTER else wait
            if self._stopping.wait(wait):
                return
            wait = min(wait * 2, RESTART_WAIT_MAX)
            self._spawn()

    def signal(self, sig: int = signal.SIGTERM) -> None:
        """Forward a stop (the worker's SIGTERM or SIGINT): no restart from now on."""
        with self._lock:
            self._stopping.set()
            child = self.child
        if child is not None and child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(sig)

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """End the child: a SIGTERM (if not sent yet), then SIGKILL after ``timeout`` (its job
        in hand stays in the started registry and is retried)."""
        if not self._stopping.is_set():
            self.signal()
        child = self.child
        if child is not None:
            try:
                child.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning(
                    "background process %s did not stop in %.0f s: killed", child.pid, timeout
                )
                child.kill()
                child.wait()
        if self._watcher is not None:
            self._watcher.join()

    def wait(self) -> None:
        """In burst mode: until the child has emptied its queues and exited."""
        if self._watcher is not None:
            self._watcher.join()
        self.stop()


def become_background(worker_pid: int) -> bool:
    """In the child, first thing: its niceness the worker's plus :data:`BACKGROUND_NICENESS`
    (set, not added: the child starts afresh in place after a stuck job, keeping its
    niceness). False if the worker is already gone (it died before the child could ask for a
    signal at its death): the child then exits."""
    if os.getppid() != worker_pid:
        return False
    try:
        base = os.getpriority(os.PRIO_PROCESS, worker_pid)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, min(base + BACKGROUND_NICENESS, 19))
    return True
