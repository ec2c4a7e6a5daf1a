"""RQ's scheduler, a child process of each worker, ends with it: a worker killed outright
(``SIGKILL``, the OOM killer) leaves no scheduler running, holding the queues' locks, and
filling the log with "Scheduler lock … had expired; re-acquired" each second its database
is emptied (as the test suite empties it around every test)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from rq.scheduler import RQScheduler

from polish_tutor.embedded.stack import detach_and_die_with_parent
from tests.conftest import ROOT
from tests.support.app import worker_env
from tests.support.processes import alive, children
from tests.support.waiting import eventually


def start_worker(settings: Any, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker", "--maintenance-interval", "3"],
        env=worker_env(settings),
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # its own group: killpg ends what it left
    )


@asynccontextmanager
async def killed_worker(settings: Any, log: Path, redis: Redis) -> AsyncIterator[int]:
    """A ``polish-tutor worker`` whose scheduler runs, then killed with ``SIGKILL`` (the
    worker alone, not its process group); yields its scheduler's pid."""
    worker = start_worker(settings, log)
    lock = RQScheduler.get_locking_key(settings.tts_queue)
    try:
        scheduler: list[int] = []

        async def scheduling() -> bool:
            scheduler[:] = children(worker.pid)
            return len(scheduler) == 1 and bool(redis.exists(lock))

        await eventually(scheduling, 60, "the worker's scheduler to start")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        yield scheduler[0]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_worker_killed_outright_takes_its_scheduler_with_it(
    settings: Any, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        async with killed_worker(settings, log, redis) as scheduler:

            async def scheduler_gone() -> bool:
                return not alive(scheduler)

            await eventually(scheduler_gone, 30, "the scheduler to end with its worker")
            # It stopped as RQ stops it: its locks released at once, for the next worker's
            # scheduler (not held until they expire, a minute later).
            assert not redis.exists(RQScheduler.get_locking_key(settings.tts_queue))
    assert re.search(r"Scheduler with PID \d+ has stopped", log.read_text())


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_no_scheduler_outlives_its_worker_to_fill_the_log(
    settings: Any, tmp_path: Path
) -> None:
    """Its database emptied twice a second, from the moment the worker was killed: the
    scheduler re-acquires no lock on its way out, and nothing logs that one had expired."""
    log = tmp_path / "worker.log"
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        async with killed_worker(settings, log, redis) as scheduler:
            for _ in range(10):
                redis.flushdb()
                await asyncio.sleep(0.5)
            # An orphan logged it for each of its three queues every second (15 lines here).
            assert "had expired" not in log.read_text()
            assert not alive(scheduler)
