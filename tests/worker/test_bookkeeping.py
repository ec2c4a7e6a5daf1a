"""The speech worker's trimmed RQ bookkeeping still does what RQ's does: `rq suspend` stops it
taking jobs, jobs back to back end finished with their results (or failed), and the log keeps
the line for a job taken and every failure, without RQ's two lines for a job that succeeded."""

from __future__ import annotations

import logging
import os
import signal
from typing import Any

import pytest
from redis import Redis
from rq import Queue
from rq.job import JobStatus
from rq.suspension import resume, suspend

from polish_tutor.worker.process import WorkerProcess
from polish_tutor.worker.run import speech_worker
from tests.support.app import signals_kept


def run_burst(settings: Any) -> None:
    """A real speech worker (every job in this process) until its queues are empty."""
    process = WorkerProcess.for_speech(settings)
    try:
        worker = speech_worker(settings, process, restart_when_stuck=False)
        with signals_kept():
            worker.work(burst=True)
    finally:
        process.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_suspended_worker_takes_no_job_and_takes_it_once_resumed(settings: Any) -> None:
    redis = Redis.from_url(settings.redis_url)
    queue = Queue(settings.tts_queue, connection=redis)
    job = queue.enqueue_call("os.getpid")
    suspend(redis)
    try:
        run_burst(settings)
        assert job.get_status(refresh=True) == JobStatus.QUEUED
    finally:
        resume(redis)
    run_burst(settings)
    assert job.get_status(refresh=True) == JobStatus.FINISHED
    assert isinstance(job.return_value(refresh=True), int)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_jobs_back_to_back_end_as_in_rq_and_the_log_keeps_what_matters(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    redis = Redis.from_url(settings.redis_url)
    queue = Queue(settings.tts_queue, connection=redis)
    good = [queue.enqueue_call("os.getpid") for _ in range(6)]
    bad = queue.enqueue_call("os.getpgid", args=("not a pid",))
    with caplog.at_level(logging.INFO, logger="rq.worker"):
        run_burst(settings)
    assert all(job.get_status(refresh=True) == JobStatus.FINISHED for job in good)
    assert all(isinstance(job.return_value(refresh=True), int) for job in good)
    assert bad.get_status(refresh=True) == JobStatus.FAILED
    lines = [record.getMessage() for record in caplog.records if record.name == "rq.worker"]
    for job in [*good, bad]:
        assert any(job.id in line for line in lines), job.id  # the line for a job taken
    assert not any("Successfully completed" in line or "Job OK" in line for line in lines)
    assert any(r.levelno >= logging.ERROR for r in caplog.records if r.name == "rq.worker")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_command_channel_is_read_with_a_short_timeout_and_its_thread_stops(
    settings: Any,
) -> None:
    # RQ reads the worker's command channel with a 60 s timeout, and from redis 8.2 stopping
    # that thread waits for the read: every shutdown waited up to a minute. Ours reads with
    # COMMAND_READ_TIMEOUT and is still subscribed to RQ's channel.
    from polish_tutor.worker.run import COMMAND_READ_TIMEOUT

    process = WorkerProcess.for_speech(settings)
    try:
        worker = speech_worker(settings, process, restart_when_stuck=False)
        worker.subscribe()
        thread = worker.pubsub_thread
        assert thread is not None and thread.sleep_time == COMMAND_READ_TIMEOUT
        redis = Redis.from_url(settings.redis_url)
        for _ in range(50):  # the subscription is sent by the thread's first read
            if redis.pubsub_numsub(worker.pubsub_channel_name)[0][1]:
                break
            thread.join(0.1)
        assert redis.pubsub_numsub(worker.pubsub_channel_name)[0][1] == 1
        worker.unsubscribe()
        assert not thread.is_alive()
    finally:
        process.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_job_that_depends_on_one_the_worker_ran_is_enqueued_after_it(settings: Any) -> None:
    """The worker reads a job's dependents inside the transaction that records its success
    (RQ watches and reads them in two round trips before it): a dependent still runs."""
    redis = Redis.from_url(settings.redis_url)
    queue = Queue(settings.tts_queue, connection=redis)
    first = queue.enqueue_call("os.getpid")
    then = queue.enqueue_call("os.getpid", depends_on=first)
    assert then.get_status(refresh=True) == JobStatus.DEFERRED
    run_burst(settings)
    for job in (first, then):
        assert job.get_status(refresh=True) == JobStatus.FINISHED
        assert isinstance(job.return_value(refresh=True), int)
        assert job.id in queue.finished_job_registry
    assert not redis.exists(first.dependents_key)
    assert then.id not in queue.deferred_job_registry


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("moment", ["as the job's end is recorded", "between two jobs"])
def test_sigterm_stops_the_worker_after_the_job_in_hand_and_loses_none(
    settings: Any, moment: str
) -> None:
    """SIGTERM is a warm shutdown whenever it comes: the job in hand ends as it would have
    (finished, not failed and retried), the worker stops taking jobs, and the jobs it did not
    take wait in the queue. The worker records a job's end with its own return to idle, in one
    transaction: a SIGTERM while that transaction was being built found the worker "idle",
    raised RQ's StopRequested inside the job's bookkeeping, where it was taken for the job's
    failure (retried, though it had succeeded), and the stop was lost: the worker went on
    until it was killed."""
    redis = Redis.from_url(settings.redis_url)
    queue = Queue(settings.tts_queue, connection=redis)
    jobs = [queue.enqueue_call("os.getpid") for _ in range(3)]
    process = WorkerProcess.for_speech(settings)
    try:
        worker = speech_worker(settings, process, restart_when_stuck=False)
        signalled: list[str] = []

        def term_once() -> None:
            if not signalled:
                signalled.append(moment)
                os.kill(os.getpid(), signal.SIGTERM)  # its handler runs at once, right here

        if moment == "between two jobs":
            ended = worker.execute_job

            def execute_job(job: Any, queue: Queue) -> None:
                ended(job, queue)
                term_once()

            worker.execute_job = execute_job  # type: ignore[method-assign]
        else:
            cleanup = worker.cleanup_execution

            def cleanup_execution(job: Any, pipeline: Any, execution: Any = None) -> None:
                cleanup(job, pipeline, execution)
                term_once()

            worker.cleanup_execution = cleanup_execution  # type: ignore[method-assign]
        with signals_kept():
            worker.work(burst=True)
    finally:
        process.close()
    assert signalled == [moment]
    first, *rest = jobs
    assert first.get_status(refresh=True) == JobStatus.FINISHED
    assert first.id in queue.finished_job_registry
    assert [job.get_status(refresh=True) for job in rest] == [JobStatus.QUEUED] * 2
    assert queue.get_job_ids() == [job.id for job in rest]
    assert not queue.started_job_registry.get_job_ids()
