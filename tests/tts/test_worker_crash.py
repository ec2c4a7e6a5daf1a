"""A worker killed in the middle of a speech job: RQ notices and the job runs again."""

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

from polish_tutor.app import create_app
from polish_tutor.embedded.stack import detach_and_die_with_parent
from tests.conftest import ROOT
from tests.support.app import worker_env
from tests.support.auth import sign_up
from tests.support.db import outbox_statuses
from tests.support.waiting import eventually

SLOW_DRIVER = "tests.support.slow_speech:SlowEspeak"


def start_worker(settings: Any, tmp_path: Path, delay: float) -> subprocess.Popen[bytes]:
    env = worker_env(
        settings,
        TUTOR_TTS_DRIVER=SLOW_DRIVER,
        TUTOR_TEST_SPEECH_DELAY=str(delay),
        TUTOR_TEST_SPEECH_STARTED=str(tmp_path / "started"),
    )
    log = (tmp_path / f"worker-{delay}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker", "--maintenance-interval", "3"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # no stray worker if the test run dies
    )


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_job_killed_mid_way_is_retried_and_finishes(settings: Any, tmp_path: Path) -> None:
    settings.tts_driver = SLOW_DRIVER
    settings.tts_job_timeout = 5  # RQ declares the job abandoned 60 s after its heartbeat
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            turn = await client.post("/chat", json={"message": "hej", "lesson_id": "a1-04-cafe"})
            job_id = turn.json()["audio_job_id"]

            doomed = start_worker(settings, tmp_path, delay=120)
            try:

                async def started() -> bool:
                    return (tmp_path / "started").exists()

                await eventually(started, 30, "the first worker to start the job")
                status = (await client.get(f"/tts/status/{job_id}")).json()
                assert status["status"] == "started"
            finally:
                os.killpg(doomed.pid, signal.SIGKILL)  # the worker and its work-horse
                doomed.wait()

            survivor = start_worker(settings, tmp_path, delay=0)
            try:

                async def finished() -> bool:
                    status = (await client.get(f"/tts/status/{job_id}")).json()
                    return bool(status["status"] == "finished")

                await eventually(finished, 150, "the abandoned job to be retried")
            finally:
                survivor.send_signal(signal.SIGTERM)
                await asyncio.to_thread(survivor.wait, 20)
    assert outbox_statuses(settings.resolved_database_url) == ["done"]


@pytest.mark.processes
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_job_of_several_lines_killed_mid_way_loses_no_line(
    settings: Any, tmp_path: Path
) -> None:
    from datetime import timedelta

    from redis import Redis

    from polish_tutor.state import app_state
    from polish_tutor.tts.queue import LINE_JOB

    settings.tts_driver = SLOW_DRIVER
    settings.tts_job_timeout = 5  # per line: the job of three has 15 s
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            keys = []
            for text in ("Dzień dobry.", "Poproszę kawę.", "Z mlekiem, proszę."):
                response = await client.post("/tts", json={"text": text})
                keys.append(response.json()["audio_job_id"])

            async def enqueued() -> bool:
                statuses = outbox_statuses(settings.resolved_database_url)
                return len(statuses) == 3 and "pending" not in statuses

            await eventually(enqueued, 10, "the relay to enqueue the lines")
            # As a restart leaves them: the poll sends the three together, in one job.
            redis = Redis.from_url(settings.redis_url)
            redis.flushdb()
            relay = app_state(app).relay
            assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 3
            await relay.relay_once(grace=timedelta(0))
            await eventually(enqueued, 10, "the relay to enqueue the lines together")
            assert len({redis.get(LINE_JOB + key) for key in keys} - {None}) == 1

            doomed = start_worker(settings, tmp_path, delay=120)
            try:

                async def started() -> bool:
                    return (tmp_path / "started").exists()

                await eventually(started, 30, "the first worker to start the job")
                status = (await client.get(f"/tts/status/{keys[1]}")).json()
                assert status["status"] == "started"  # the job that carries it
            finally:
                os.killpg(doomed.pid, signal.SIGKILL)
                doomed.wait()

            survivor = start_worker(settings, tmp_path, delay=0)
            try:

                async def finished() -> bool:
                    for key in keys:
                        status = (await client.get(f"/tts/status/{key}")).json()
                        if status["status"] != "finished":
                            return False
                    return True

                await eventually(finished, 150, "the abandoned job's lines to be made")
            finally:
                survivor.send_signal(signal.SIGTERM)
                await asyncio.to_thread(survivor.wait, 20)
    assert outbox_statuses(settings.resolved_database_url) == ["done"] * 3
