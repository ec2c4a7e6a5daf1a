"""The whole turn over HTTP against ``polish-tutor serve`` started as ``make run`` starts it.

Two shapes: the embedded default (SQLite + embedded Valkey + the worker ``serve`` starts)
and production (the machine's PostgreSQL and Redis, selected by settings).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from polish_tutor.embedded.stack import detach_and_die_with_parent
from polish_tutor.tts.signing import AudioUrlSigner
from tests.conftest import ROOT, free_port
from tests.support.auth import PASSWORD, sign_up
from tests.support.wav import wav_duration

LESSON = "a1-04-cafe"


@dataclass
class Served:
    base_url: str
    var_dir: Path
    process: subprocess.Popen[bytes]
    log: Path

    def signer(self) -> AudioUrlSigner:
        secret = (self.var_dir / "secret_key").read_text().strip().encode()
        return AudioUrlSigner(secret, ttl_seconds=60)


def start_server(tmp_path: Path, env_overrides: dict[str, str], *args: str) -> Served:
    port = free_port()
    var_dir = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        {
            "TUTOR_VAR_DIR": str(var_dir),
            "PYTHONPATH": str(ROOT),
            "TUTOR_TTS_QUEUE": f"tts-{uuid.uuid4().hex[:8]}",
            **env_overrides,
        }
    )
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "polish_tutor", "serve", "--port", str(port), *args]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,  # nothing left running if the test run dies
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return Served(base_url, var_dir, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"serve did not become ready:\n{log.read_text()[-3000:]}")


def stop_server(served: Served) -> int:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGINT)
    try:
        return served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()
        raise


@pytest.fixture(params=["embedded", "production"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    if request.param == "embedded":
        server = start_server(tmp_path, {})
    else:
        database = request.getfixturevalue("postgres_url")
        redis = request.getfixturevalue("redis_url")
        server = start_server(
            tmp_path,
            {"TUTOR_DATABASE_URL": database, "TUTOR_REDIS_URL": redis},
            "--tts-workers",
            "1",
        )
    try:
        yield server
    finally:
        stop_server(server)


async def next_audio_ready(response: httpx.Response, job_id: str) -> dict[str, Any]:
    event = None
    async for line in response.aiter_lines():
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event == "audio_ready":
            data: dict[str, Any] = json.loads(line.split(":", 1)[1])
            if data["audio_job_id"] == job_id:
                return data
    raise AssertionError("the event stream ended")


async def wait_finished(client: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    for _ in range(300):
        status: dict[str, Any] = (await client.get(f"/tts/status/{job_id}")).json()
        if status["status"] in ("finished", "failed"):
            return status
        await asyncio.sleep(0.1)
    raise AssertionError("the audio job did not finish")


async def test_a_turn_travels_the_whole_pipeline(served: Served) -> None:
    async with httpx.AsyncClient(base_url=served.base_url, timeout=30) as client:
        client.headers.update((await sign_up(client))["headers"])
        opening = await client.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
        assert opening.status_code == 200, opening.text
        session_id = opening.json()["session_id"]

        status = await wait_finished(client, opening.json()["audio_job_id"])
        assert status["status"] == "finished", status
        audio = await client.get(status["audio_url"])
        assert audio.status_code == 200 and wav_duration(audio.content) > 0.5

        async with client.stream("GET", "/events") as events:
            assert events.headers["content-type"].startswith("text/event-stream")
            answer = await client.post(
                "/chat", json={"message": "Poproszę kawę.", "session_id": session_id}
            )
            assert answer.json()["feedback"]["verdict"] == "correct"
            ready = await asyncio.wait_for(
                next_audio_ready(events, answer.json()["audio_job_id"]), timeout=30
            )
        spoken = await client.get(ready["audio_url"])
        assert spoken.status_code == 200 and wav_duration(spoken.content) > 0.5

        transcript = (await client.get(f"/sessions/{session_id}")).json()
        assert [turn["role"] for turn in transcript["turns"]] == ["learner", "tutor"] * 2

        url = urlsplit(ready["audio_url"])
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        forged = await client.get(f"{url.path}?exp={query['exp']}&sig={'f' * 64}")
        assert forged.status_code == 403
        name = url.path.rsplit("/", 1)[1]
        expired = served.signer().sign(name, now=time.time() - 3600)
        assert (await client.get(expired)).status_code == 403
        assert (await client.get(served.signer().sign(name))).status_code == 200


def test_serve_stops_everything_on_ctrl_c(tmp_path: Path) -> None:
    server = start_server(tmp_path, {})
    children = subprocess.run(
        ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert len(children) >= 2  # Valkey and one worker
    assert stop_server(server) == 0
    time.sleep(0.5)
    alive = [
        pid
        for pid in children
        if Path(f"/proc/{pid}").exists()
        and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    ]
    assert alive == [], server.log.read_text()[-3000:]
    assert "Traceback" not in server.log.read_text()


async def test_events_reach_only_their_owner(tmp_path: Path) -> None:
    server = start_server(tmp_path, {})
    try:
        async with (
            httpx.AsyncClient(base_url=server.base_url, timeout=30) as alice,
            httpx.AsyncClient(base_url=server.base_url, timeout=30) as bob,
        ):
            alice.headers.update((await sign_up(alice))["headers"])
            bob.headers.update((await sign_up(bob))["headers"])
            async with (
                alice.stream("GET", "/events") as alice_events,
                bob.stream("GET", "/events") as bob_events,
            ):
                job = (await alice.post("/tts", json={"text": "Tylko dla Alicji."})).json()
                ready = await asyncio.wait_for(
                    next_audio_ready(alice_events, job["audio_job_id"]), timeout=30
                )
                assert ready["audio_url"].startswith("/audio/")
                with pytest.raises(TimeoutError):
                    await asyncio.wait_for(
                        next_audio_ready(bob_events, job["audio_job_id"]), timeout=2
                    )
    finally:
        stop_server(server)


async def test_no_secret_reaches_the_logs(tmp_path: Path) -> None:
    secret_key = "operator-secret-" + uuid.uuid4().hex
    server = start_server(tmp_path, {"TUTOR_SECRET_KEY": secret_key})
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            account = await sign_up(client)
            rotated = (
                await client.post("/auth/refresh", json={"refresh_token": account["refresh_token"]})
            ).json()
            replay = await client.post(
                "/auth/refresh", json={"refresh_token": account["refresh_token"]}
            )
            assert replay.status_code == 401  # reuse detection logs a warning: without the token
            wrong = await client.post(
                "/auth/login", json={"email": account["email"], "password": "zle-haslo-12345"}
            )
            assert wrong.status_code == 401
            # The replay ended that login, its rotated access token with it: a new login.
            revoked = {"Authorization": f"Bearer {rotated['access_token']}"}
            assert (await client.get("/auth/me", headers=revoked)).status_code == 401
            again = await client.post(
                "/auth/login", json={"email": account["email"], "password": PASSWORD}
            )
            headers = {"Authorization": f"Bearer {again.json()['access_token']}"}
            turn = await client.post(
                "/chat", json={"message": "hej", "lesson_id": LESSON}, headers=headers
            )
            await wait_finished(
                httpx.AsyncClient(base_url=server.base_url, headers=headers),
                turn.json()["audio_job_id"],
            )
            bad = await client.get("/auth/me", headers={"Authorization": "Bearer not-a-token"})
            bodies = replay.text + wrong.text + bad.text
    finally:
        stop_server(server)
    logs = server.log.read_text()
    assert "POST /chat" in logs  # the access log is there to be searched
    for secret in (
        secret_key,
        PASSWORD,
        "zle-haslo-12345",
        account["access_token"],
        account["refresh_token"],
        rotated["access_token"],
        rotated["refresh_token"],
        again.json()["access_token"],
        again.json()["refresh_token"],
    ):
        assert secret not in logs
        assert secret not in bodies
