"""Work nobody waits for yet yields the CPU: `polish-tutor worker` runs jobs from the queue of
speech made ahead of time, and summaries a model writes, in its background process at a lower
priority — one process for them all, without a fork per job. Extractive summaries (the local
driver: no model, a few milliseconds each) run in the worker itself, as speech does."""

from __future__ import annotations

import os
from typing import Any

import pytest
from redis import Redis
from rq import Queue

from polish_tutor.worker.queues import BACKGROUND_NICENESS
from tests.support.app import run_worker_cli

MODEL = {  # a summariser is built (its client too) but never asked: these jobs are not its
    "TUTOR_AGENT_DRIVER": "openai",
    "TUTOR_OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
    "TUTOR_OPENAI_API_KEY": "sk-test-key",
    "TUTOR_OPENAI_MODEL": "tutor-model",
}


@pytest.mark.slow  # a worker process of its own, and its background process
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("summaries", ["extractive", "model"])
async def test_background_jobs_run_at_a_lower_cpu_priority(settings: Any, summaries: str) -> None:
    redis = Redis.from_url(settings.redis_url)
    try:
        names = (settings.tts_queue, settings.tts_ahead_queue, settings.summary_queue)
        # os.nice(0) answers the calling process's niceness without changing it.
        queues = {name: Queue(name, connection=redis) for name in names}
        niceness_jobs = {name: queue.enqueue("os.nice", 0) for name, queue in queues.items()}
        pid_jobs = {name: queue.enqueue("os.getpid") for name, queue in queues.items()}
        more_ahead = [queues[settings.tts_ahead_queue].enqueue("os.getpid") for _ in range(3)]
        extra = MODEL if summaries == "model" else {"TUTOR_AGENT_DRIVER": "local"}
        done = await run_worker_cli(settings, **extra)
        assert done.returncode == 0, (done.stdout + done.stderr).decode()
        base = os.nice(0)  # the worker inherits this process's niceness
        lower = min(base + BACKGROUND_NICENESS, 19)
        niceness = {name: job.latest_result().return_value for name, job in niceness_jobs.items()}
        pids = {name: job.latest_result().return_value for name, job in pid_jobs.items()}
        ahead_pids = {job.latest_result().return_value for job in more_ahead}
    finally:
        redis.close()
    worker = pids[settings.tts_queue]  # speech a learner waits for: the worker itself
    assert niceness[settings.tts_queue] == base
    assert niceness[settings.tts_ahead_queue] == lower
    background = pids[settings.tts_ahead_queue]
    assert background != worker  # the worker's background process
    assert ahead_pids == {background}  # the same process for every job: no fork per job
    if summaries == "model":  # seconds waiting for a model: in the background process
        assert niceness[settings.summary_queue] == lower
        assert pids[settings.summary_queue] == background
    else:  # a fold of a few turns: in the worker, without a fork
        assert niceness[settings.summary_queue] == base
        assert pids[settings.summary_queue] == worker
