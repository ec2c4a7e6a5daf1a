"""Work nobody waits for yet yields the CPU: `polish-tutor worker` runs jobs from the queue of
speech made ahead of time and from the summaries queue in work-horses at a lower priority."""

from __future__ import annotations

import os
from typing import Any

import pytest
from redis import Redis
from rq import Queue

from polish_tutor.worker.queues import BACKGROUND_NICENESS
from tests.support.app import run_worker_cli


@pytest.mark.slow  # forked work horses
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_background_jobs_run_at_a_lower_cpu_priority(settings: Any) -> None:
    redis = Redis.from_url(settings.redis_url)
    try:
        names = (settings.tts_queue, settings.tts_ahead_queue, settings.summary_queue)
        # os.nice(0) answers the calling process's niceness without changing it.
        jobs = {name: Queue(name, connection=redis).enqueue("os.nice", 0) for name in names}
        done = await run_worker_cli(settings)
        assert done.returncode == 0, (done.stdout + done.stderr).decode()
        base = os.nice(0)  # the worker inherits this process's niceness
        niceness = {name: job.latest_result().return_value for name, job in jobs.items()}
        assert niceness == {
            settings.tts_queue: base,
            settings.tts_ahead_queue: min(base + BACKGROUND_NICENESS, 19),
            settings.summary_queue: min(base + BACKGROUND_NICENESS, 19),
        }
    finally:
        redis.close()
