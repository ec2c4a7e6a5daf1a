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
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from redis import Redis
from rq import Queue
from rq.job import JobStatus
from rq.registry import ScheduledJobRegistry
from rq.scheduler import RQScheduler

from polish_tutor.embedded.stack import detach_and_die_with_parent
from tests.conftest import ROOT
from tests.support.app import worker_env
from tests.support.processes import alive, schedulers
from tests.support.tcp_proxy import cuttable_proxy
from tests.support.waiting import eventually


def start_worker(settings: Any, log: Path, maintenance: int = 3) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polish_tutor",
            "worker",
            "--maintenance-interval",
            str(maintenance),
        ],
        env=worker_env(settings),
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # its own group: killpg ends what it left
    )


@asynccontextmanager
async def scheduling_worker(
    settings: Any, log: Path, redis: Redis, maintenance: int = 3
) -> AsyncIterator[tuple[subprocess.Popen[bytes], int]]:
    """A ``polish-tutor worker`` whose scheduler runs (its lock taken): the worker and its
    scheduler's pid. Ended with ``SIGKILL`` to its whole process group."""
    worker = start_worker(settings, log, maintenance)
    lock = RQScheduler.get_locking_key(settings.tts_queue)
    try:
        scheduler: list[int] = []

        async def scheduling() -> bool:
            scheduler[:] = schedulers(worker.pid)
            return len(scheduler) == 1 and bool(redis.exists(lock))

        await eventually(scheduling, 60, "the worker's scheduler to start")
        yield worker, scheduler[0]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


@asynccontextmanager
async def killed_worker(settings: Any, log: Path, redis: Redis) -> AsyncIterator[int]:
    """A ``polish-tutor worker`` whose scheduler runs, then killed with ``SIGKILL`` (the
    worker alone, not its process group); yields its scheduler's pid."""
    async with scheduling_worker(settings, log, redis) as (worker, scheduler):
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        yield scheduler


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


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_scheduler_outlives_a_redis_outage_and_schedules_again(
    settings: Any, tmp_path: Path
) -> None:
    """The worker reaches Redis through a proxy the test cuts (every connection closed, new
    ones refused) and restores: its scheduler, the same process, enqueues a job scheduled
    after the outage long before maintenance (10 min here) could have started another one,
    and says so once each way, with no traceback."""
    log = tmp_path / "worker.log"
    direct = urlsplit(settings.redis_url)
    with (
        cuttable_proxy((direct.hostname or "127.0.0.1", direct.port or 6379)) as proxy,
        contextlib.closing(Redis.from_url(settings.redis_url)) as redis,
    ):
        settings.redis_url = direct._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
        async with scheduling_worker(settings, log, redis, maintenance=600) as (
            worker,
            scheduler,
        ):
            proxy.cut()

            async def outage_seen() -> bool:
                return not alive(scheduler) or "cannot reach Redis" in log.read_text()

            await eventually(outage_seen, 60, "the scheduler to meet the outage")
            proxy.restore()
            queue = Queue(settings.tts_queue, connection=redis)
            job = queue.enqueue_in(timedelta(seconds=1), "os.getpid")
            registry = ScheduledJobRegistry(settings.tts_queue, connection=redis)

            async def enqueued() -> bool:
                return job.id not in registry.get_job_ids()

            await eventually(enqueued, 120, "the scheduler to enqueue the job due")

            async def run() -> bool:  # the worker, too, outlived the outage
                return job.get_status(refresh=True) == JobStatus.FINISHED

            await eventually(run, 90, "the worker to run the job")
            assert schedulers(worker.pid) == [scheduler]  # the same scheduler, never restarted
            text = log.read_text()
            assert text.count("cannot reach Redis") == 1, text
            assert text.count("reaches Redis again") == 1, text
            assert "Traceback" not in text, text
