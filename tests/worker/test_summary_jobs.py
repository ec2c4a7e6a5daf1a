"""Extractive summaries (the local driver) run in the speech worker itself, without a
work-horse per job, and keep what a forked job had: a summary past its timeout is ended and
the worker goes on; each reuses a pooled database connection instead of opening one."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from rq import Queue
from sqlalchemy import event, text

from polish_tutor.worker.process import WorkerProcess
from tests.support.app import run_worker_cli

SLOW_SUMMARY = "tests.support.slow_summary.summarise_slowly"


@pytest.mark.slow  # a worker process of its own
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_summary_past_its_timeout_is_ended_in_the_worker_and_the_next_job_runs(
    settings: Any, tmp_path: Path
) -> None:
    started = tmp_path / "started"
    redis = Redis.from_url(settings.redis_url)
    try:
        summaries = Queue(settings.summary_queue, connection=redis)
        slow = summaries.enqueue(SLOW_SUMMARY, str(uuid.uuid4()), job_timeout=1)
        after = summaries.enqueue("os.getpid")  # the next summary job, in the same process
        done = await run_worker_cli(
            settings,
            TUTOR_AGENT_DRIVER="local",
            TUTOR_TEST_SUMMARY_STARTED=str(started),
            TUTOR_TEST_SUMMARY_DELAY="60",
        )
        log = (done.stdout + done.stderr).decode()
        assert done.returncode == 0, log
        assert slow.get_status(refresh=True) == "failed", log
        result = slow.latest_result()
        assert result is not None and "JobTimeoutException" in str(result.exc_string)
        worker = after.latest_result().return_value
    finally:
        redis.close()
    assert int(started.read_text()) == worker  # the summary ran in the worker: no fork


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_summaries_in_the_worker_reuse_a_pooled_connection_beside_the_one_speech_holds(
    settings: Any,
) -> None:
    process = WorkerProcess.for_speech(settings)
    opened: list[object] = []
    event.listen(process.engine, "connect", lambda connection, record: opened.append(record))
    try:
        assert process.speech is not None and process.summaries is not None
        with process.speech.db.begin() as connection:  # a speech job's: held from now on
            connection.execute(text("SELECT 1"))
        for _ in range(3):
            assert process.summaries.summarise(str(uuid.uuid4())) == {"status": "skipped"}
    finally:
        process.close()
    assert len(opened) == 2  # the one speech holds, and one every summary reuses (the pool's)
