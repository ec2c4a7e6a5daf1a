"""Keeps the embedded default's children running: a speech worker or the embedded Valkey that
dies (killed, crashed, out of memory) is started again, after a pause that doubles while it
keeps dying (0.5 s up to 10 s) and starts over once it has run for a while. Each exit and
restart is logged. Queued speech then finishes without a restart of ``serve``: Valkey comes
back from its append-only file, the relay re-sends what the outbox still holds, and RQ retries
a job whose worker died mid-way.

Linux sends a child's death signal when the *thread* that started it ends
(``PR_SET_PDEATHSIG``), so the supervising thread lives until ``serve`` has stopped the
children itself, in order: :meth:`Supervisor.halt` before stopping them, :meth:`release`
after.
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Process = subprocess.Popen[bytes]


@dataclass
class _Watch:
    name: str
    processes: list[Process]  # replaced in place, so whoever stops them stops the live ones
    start: Callable[[], Process]
    on_exit: Callable[[Process], None] | None
    delay: list[float] = field(default_factory=list)
    restart_at: dict[int, float] = field(default_factory=dict)
    started_at: list[float] = field(default_factory=list)


class Supervisor:
    def __init__(
        self,
        *,
        first_delay: float = 0.5,
        max_delay: float = 10.0,
        healthy_after: float = 30.0,
        poll: float = 0.5,
    ) -> None:
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after
        self.poll = poll
        self._watches: list[_Watch] = []
        self._lock = threading.Lock()
        self._halted = threading.Event()
        self._released = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(
        self,
        name: str,
        processes: list[Process],
        start: Callable[[], Process],
        on_exit: Callable[[Process], None] | None = None,
    ) -> None:
        """Keep each process of ``processes`` running: one that exits is replaced, in the
        list, by ``start()``; ``on_exit`` is told of the one that died first."""
        now = time.monotonic()
        with self._lock:
            self._watches.append(
                _Watch(
                    name,
                    processes,
                    start,
                    on_exit,
                    delay=[self.first_delay] * len(processes),
                    started_at=[now] * len(processes),
                )
            )
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="supervisor", daemon=True)
            self._thread.start()

    def halt(self) -> None:
        """Restart nothing from now on (``serve`` is stopping its children)."""
        self._halted.set()
        with self._lock:  # a restart in progress finishes first
            pass

    def release(self) -> None:
        """The children are stopped: the supervising thread may end."""
        self._halted.set()
        self._released.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._halted.wait(self.poll):
            with self._lock:
                if self._halted.is_set():
                    break
                for watch in self._watches:
                    self._check(watch, time.monotonic())
        self._released.wait()

    def _check(self, watch: _Watch, now: float) -> None:
        for index, process in enumerate(watch.processes):
            code = process.poll()
            if code is None:
                if now - watch.started_at[index] > self.healthy_after:
                    watch.delay[index] = self.first_delay
                continue
            if index not in watch.restart_at:
                delay = watch.delay[index]
                log.warning(
                    "%s (pid %d) exited with %s; restarting in %.1f s",
                    watch.name,
                    process.pid,
                    code,
                    delay,
                )
                if watch.on_exit is not None:
                    try:
                        watch.on_exit(process)
                    except Exception:
                        log.exception("%s: clean-up after its exit failed", watch.name)
                watch.restart_at[index] = now + delay
                continue
            if now < watch.restart_at[index]:
                continue
            # Doubled now, so a child that keeps dying waits longer each time; back to the
            # first pause once one has run for ``healthy_after`` seconds.
            watch.delay[index] = min(watch.delay[index] * 2, self.max_delay)
            try:
                replacement = watch.start()
            except Exception as exc:  # noqa: BLE001 - logged; the supervisor tries again later
                log.warning(
                    "%s did not start again (%s); next try in %.1f s",
                    watch.name,
                    exc,
                    watch.delay[index],
                )
                watch.restart_at[index] = time.monotonic() + watch.delay[index]
                continue
            watch.processes[index] = replacement
            watch.started_at[index] = time.monotonic()
            del watch.restart_at[index]
            log.info("%s restarted (pid %d)", watch.name, replacement.pid)
