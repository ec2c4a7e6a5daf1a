"""A job for tests that need one in flight in a known process: ``hold(folder)`` writes the
process id and niceness of whoever runs it to ``folder/started`` (``pid niceness``), then
waits until ``folder/release`` exists (a sleep the job's ``SIGALRM`` interrupts; two minutes
at most) and returns its process id. Queued on any queue, it runs where that queue's jobs run."""

from __future__ import annotations

import os
import time
from pathlib import Path


def hold(folder: str) -> int:
    Path(folder, "started").write_text(f"{os.getpid()} {os.nice(0)}")
    deadline = time.monotonic() + 120
    while not Path(folder, "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return os.getpid()


def started(folder: Path) -> tuple[int, int] | None:
    """The process id and niceness of the last process that started ``hold``, if any."""
    try:
        pid, niceness = (folder / "started").read_text().split()
    except (OSError, ValueError):
        return None
    return int(pid), int(niceness)
