"""Work nobody waits for yet yields the CPU: `polish-tutor worker` runs jobs from the queue of
speech made ahead of time and from the summaries queue in work-horses at a lower priority."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import Any

import pytest
from redis import Redis
from rq import Queue

from polish_tutor.kit.queues import BACKGROUND_NICENESS
from tests.conftest import ROOT


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_background_jobs_run_at_a_lower_cpu_priority(settings: Any) -> None:
    redis = Redis.from_url(settings.redis_url)
    try:
        names = (settings.tts_queue, settings.tts_ahead_queue, settings.summary_queue)
        # os.nice(0) answers the calling process's niceness without changing it.
        jobs = {name: Queue(name, connection=redis).enqueue("os.nice", 0) for name in names}
        env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
        env.update(
            {
                "TUTOR_DATABASE_URL": settings.resolved_database_url,
                "TUTOR_REDIS_URL": settings.redis_url,
                "TUTOR_VAR_DIR": str(settings.var_dir),
                "TUTOR_TTS_QUEUE": settings.tts_queue,
                "TUTOR_SUMMARY_QUEUE": settings.summary_queue,
            }
        )
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "polish_tutor", "worker", "--burst"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        )
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
