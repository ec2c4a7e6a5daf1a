"""A speech worker's background process (speech made ahead of time, summaries a model writes):
one long-lived child of the worker that runs those jobs without a fork each, at a lower
priority, so the worker takes a learner's speech while a model's summary runs; a job of a
child killed mid-way is not lost and another child takes over; a job past its timeout is
ended and the next runs; SIGTERM ends both, the job in hand finished."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from rq import Queue, Retry
from rq.job import Job, JobStatus

from polish_tutor.embedded.stack import detach_and_die_with_parent
from polish_tutor.tts.keys import audio_key
from polish_tutor.tts.queue import SpeechJob, enqueue_speech
from polish_tutor.worker.guard import STUCK_AFTER
from polish_tutor.worker.queues import BACKGROUND_NICENESS
from tests.conftest import ROOT
from tests.support.app import run_worker_cli, worker_env
from tests.support.held_job import started
from tests.support.processes import alive, background_processes
from tests.support.waiting import eventually

HOLD = "tests.support.held_job.hold"
MODEL = {  # a summariser is built (its client too) but never asked: these jobs are not its
    "TUTOR_AGENT_DRIVER": "openai",
    "TUTOR_OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
    "TUTOR_OPENAI_API_KEY": "sk-test-key",
    "TUTOR_OPENAI_MODEL": "tutor-model",
}


def start_worker(settings: Any, log: Path, **extra: str) -> subprocess.Popen[bytes]:
    """``polish-tutor worker`` (model summaries: in the background process)."""
    return subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker", "--maintenance-interval", "3"],
        env=worker_env(settings, **MODEL, **extra),
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # no stray worker if the test run dies
    )


@contextlib.asynccontextmanager
async def running_worker(
    settings: Any, log: Path, **extra: str
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """:func:`start_worker`'s, ended at the end with SIGKILL if it has not stopped by then."""
    worker = start_worker(settings, log, **extra)
    try:
        yield worker
    finally:
        if worker.poll() is None:
            for child in background_processes(worker.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


async def hold_started(folder: Path, other_than: int | None = None) -> tuple[int, int]:
    async def begun() -> bool:
        found = started(folder)
        return found is not None and found[0] != other_than

    await eventually(begun, 60, "the held job to start")
    found = started(folder)
    assert found is not None
    return found


async def job_ended(job: Job, seconds: float) -> JobStatus | None:
    async def ended() -> bool:
        return job.get_status(refresh=True) in (JobStatus.FINISHED, JobStatus.FAILED)

    await eventually(ended, seconds, f"job {job.id} to end")
    return job.get_status(refresh=True)


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_speech_is_taken_while_a_model_summary_runs_and_sigterm_ends_both(
    settings: Any, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        summary = Queue(settings.summary_queue, connection=redis).enqueue(HOLD, str(tmp_path))
        async with running_worker(settings, log) as worker:
            child, niceness = await hold_started(tmp_path)
            assert background_processes(worker.pid) == [child]
            assert niceness == min(os.nice(0) + BACKGROUND_NICENESS, 19)
            # The summary holds its process; the worker itself takes speech meanwhile.
            speech = Queue(settings.tts_queue, connection=redis).enqueue("os.getpid")
            assert await job_ended(speech, 60) == JobStatus.FINISHED, log.read_text()
            assert speech.latest_result().return_value == worker.pid  # type: ignore[union-attr]
            assert summary.get_status(refresh=True) == JobStatus.STARTED
            # A warm shutdown of both: the summary in hand finishes, then both exit.
            worker.send_signal(signal.SIGTERM)
            (tmp_path / "release").touch()
            assert await asyncio.to_thread(worker.wait, 60) == 0, log.read_text()
        assert summary.get_status(refresh=True) == JobStatus.FINISHED, log.read_text()
        assert summary.latest_result().return_value == child  # type: ignore[union-attr]
    assert not alive(child)


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_background_process_killed_mid_job_loses_no_job_and_another_takes_over(
    settings: Any, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        # RQ declares the job abandoned when its heartbeat (its timeout + 60 s) expires.
        ahead = Queue(settings.tts_ahead_queue, connection=redis)
        job = ahead.enqueue(HOLD, str(tmp_path), job_timeout=5, retry=Retry(max=1))
        async with running_worker(settings, log) as worker:
            doomed, _ = await hold_started(tmp_path)
            os.kill(doomed, signal.SIGKILL)
            (tmp_path / "release").touch()  # the job's next run ends at once

            async def replaced() -> bool:
                return bool(background_processes(worker.pid)) and not alive(doomed)

            await eventually(replaced, 30, "another background process")
            [successor] = background_processes(worker.pid)
            assert successor != doomed
            assert await job_ended(job, 150) == JobStatus.FINISHED, log.read_text()
            assert job.latest_result().return_value == successor  # type: ignore[union-attr]
            assert worker.poll() is None  # the worker itself went on
            worker.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(worker.wait, 60) == 0, log.read_text()
    assert not alive(successor)
    assert f"background process {doomed} ended" in log.read_text()


@pytest.mark.slow  # a worker process of its own
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_background_job_past_its_timeout_is_ended_and_the_next_runs_in_the_same_process(
    settings: Any, tmp_path: Path
) -> None:
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        ahead = Queue(settings.tts_ahead_queue, connection=redis)
        held = ahead.enqueue(HOLD, str(tmp_path), job_timeout=1)  # never released
        after = ahead.enqueue("os.getpid")
        done = await run_worker_cli(settings, TUTOR_AGENT_DRIVER="local")
        output = (done.stdout + done.stderr).decode()
        assert done.returncode == 0, output
        assert held.get_status(refresh=True) == JobStatus.FAILED, output
        result = held.latest_result()
        assert result is not None and "JobTimeoutException" in str(result.exc_string)
        found = started(tmp_path)
        assert found is not None
        assert after.latest_result().return_value == found[0]  # type: ignore[union-attr]


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_synthesis_stuck_in_the_background_is_ended_and_the_process_starts_afresh(
    settings: Any, tmp_path: Path
) -> None:
    """Stuck where its alarm cannot reach it: the guard ends the job, the background process
    starts afresh in place (the same pid, still the worker's child) and takes the next."""
    log = tmp_path / "worker.log"
    marker = tmp_path / "speech-started"
    text = "Dzień dobry."
    key = audio_key(text=text, voice="pl", speed=1.0, format="wav", driver="espeak")
    with contextlib.closing(Redis.from_url(settings.redis_url)) as redis:
        ahead = Queue(settings.tts_ahead_queue, connection=redis)
        enqueue_speech(
            ahead, SpeechJob(key, text, "pl", 1.0, "wav", "espeak"), timeout=1, request_id="r"
        )
        stuck = Job.fetch(key, connection=redis)  # a speech job's id is its audio key
        after = ahead.enqueue("os.getpid")
        async with running_worker(
            settings,
            log,
            TUTOR_TTS_DRIVER="tests.support.slow_speech:StuckEspeak",
            TUTOR_TEST_SPEECH_STARTED=str(marker),
        ) as worker:
            assert await job_ended(stuck, STUCK_AFTER + 60) == JobStatus.FAILED, log.read_text()
            assert await job_ended(after, 60) == JobStatus.FINISHED, log.read_text()
            child = int(marker.read_text())
            assert after.latest_result().return_value == child  # type: ignore[union-attr]
            assert background_processes(worker.pid) == [child]
            assert worker.poll() is None
    text_log = log.read_text()
    assert "starts afresh after a stuck job" in text_log
    assert "ended (exit" not in text_log  # started afresh in place, not restarted
