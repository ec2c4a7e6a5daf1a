"""Speech jobs run in the worker process itself (no work-horse per job), and a synthesis that
does not end is still timed out: by the job's ``SIGALRM`` when the interpreter gets control,
else by the worker's guard, which ends the job for good and starts the worker afresh."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis import Redis
from rq.job import Job

from polish_tutor.app import create_app
from polish_tutor.embedded.stack import detach_and_die_with_parent
from polish_tutor.worker.guard import STUCK_AFTER
from tests.conftest import ROOT
from tests.support.app import worker_env
from tests.support.auth import sign_up
from tests.support.db import outbox_statuses
from tests.support.processes import schedulers
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"


def start_worker(
    settings: Any, tmp_path: Path, driver: str, **extra: str
) -> subprocess.Popen[bytes]:
    env = worker_env(
        settings,
        TUTOR_TTS_DRIVER=f"tests.support.slow_speech:{driver}",
        TUTOR_TEST_SPEECH_STARTED=str(tmp_path / "started"),
        **extra,
    )
    log = (tmp_path / "worker.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker", "--maintenance-interval", "3"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # no stray worker if the test run dies
    )


async def stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(worker.wait, 20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


async def status_when_ended(client: httpx.AsyncClient, job_id: str, seconds: float) -> Any:
    ended: dict[str, Any] = {}

    async def done() -> bool:
        ended.update((await client.get(f"/tts/status/{job_id}")).json())
        return ended["status"] in ("finished", "failed")

    await eventually(done, seconds, f"speech job {job_id} to end")
    return ended


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_slow_synthesis_runs_in_the_worker_and_times_out_on_its_last_try(
    settings: Any, tmp_path: Path
) -> None:
    settings.tts_driver = "tests.support.slow_speech:SlowEspeak"
    settings.tts_job_timeout = 1
    settings.tts_retry_intervals = [1]  # one retry, which times out too
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            worker = start_worker(settings, tmp_path, "SlowEspeak", TUTOR_TEST_SPEECH_DELAY="30")
            try:
                turn = await client.post("/chat", json={"message": "hej", "lesson_id": LESSON})
                job_id = turn.json()["audio_job_id"]
                ended = await status_when_ended(client, job_id, 60)
                # The synthesis ran in the worker process itself: no work-horse was forked.
                assert int((tmp_path / "started").read_text()) == worker.pid
                assert worker.poll() is None
            finally:
                await stop(worker)
    assert ended["status"] == "failed"
    assert ended["error"] == "speech synthesis timed out"
    assert outbox_statuses(settings.resolved_database_url) == ["failed"]
    redis = Redis.from_url(settings.redis_url)
    try:
        job = Job.fetch(job_id, connection=redis)
        assert job.retries_left == 0  # it was tried again once before it gave up
    finally:
        redis.close()


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_synthesis_stuck_out_of_reach_of_its_alarm_is_ended_by_the_guard(
    settings: Any, tmp_path: Path
) -> None:
    settings.tts_driver = "tests.support.slow_speech:StuckEspeak"
    settings.tts_job_timeout = 1
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            worker = start_worker(settings, tmp_path, "StuckEspeak")
            try:
                turn = await client.post("/chat", json={"message": "hej", "lesson_id": LESSON})
                stuck_id = turn.json()["audio_job_id"]
                stuck = await status_when_ended(client, stuck_id, STUCK_AFTER + 40)
                # The same worker process (it started afresh in place) makes the next audio.
                assert worker.poll() is None
                again = await client.post("/tts", json={"text": "Dzień dobry, poproszę kawę."})
                fresh = await status_when_ended(client, again.json()["audio_job_id"], 60)
                assert worker.poll() is None
                # Its RQ scheduler was stopped, not orphaned: one scheduler, the new one's.
                assert len(schedulers(worker.pid)) <= 1, schedulers(worker.pid)
            finally:
                await stop(worker)
            log = (tmp_path / "worker.log").read_text()
    assert stuck["status"] == "failed", log[-3000:]
    assert stuck["error"] == "speech synthesis timed out"
    assert fresh["status"] == "finished", log[-3000:]
    assert "starts afresh after a stuck job" in log
    assert outbox_statuses(settings.resolved_database_url) == ["failed", "done"]
    redis = Redis.from_url(settings.redis_url)
    try:
        job = Job.fetch(stuck_id, connection=redis)
        assert job.get_status() == "failed"  # for good: it would only stick again
    finally:
        redis.close()
