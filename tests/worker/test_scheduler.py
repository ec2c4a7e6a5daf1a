"""RQ's scheduler, a child process of each worker, ends with it: a worker killed outright
(``SIGKILL``, the OOM killer) leaves no scheduler running, holding the queues' locks."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
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


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_worker_killed_outright_takes_its_scheduler_with_it(
    settings: Any, tmp_path: Path
) -> None:
    redis = Redis.from_url(settings.redis_url)
    lock = RQScheduler.get_locking_key(settings.tts_queue)
    worker = start_worker(settings, tmp_path / "worker.log")
    try:
        scheduler: list[int] = []

        async def scheduling() -> bool:
            scheduler[:] = children(worker.pid)
            return len(scheduler) == 1 and bool(redis.exists(lock))

        await eventually(scheduling, 60, "the worker's scheduler to start")
        os.kill(worker.pid, signal.SIGKILL)  # the worker alone, not its process group
        worker.wait()

        async def scheduler_gone() -> bool:
            return not alive(scheduler[0])

        await eventually(scheduler_gone, 30, "the scheduler to end with its worker")
        # It stopped as RQ stops it: its locks released at once, for the next worker's
        # scheduler (not held until they expire, a minute later).
        assert not redis.exists(lock)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        redis.close()
    assert re.search(r"Scheduler with PID \d+ has stopped", (tmp_path / "worker.log").read_text())
