"""The embedded default heals: ``serve`` restarts its speech worker and its Valkey when they
die (with backoff, logged), queued speech then finishes without a restart of ``serve``, and
``/readyz`` says when no speech worker is running."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx

from tests.e2e.test_served_turn import Served, start_server, stop_server, wait_finished
from tests.support.auth import sign_up


def children(served: Served, name: str) -> list[int]:
    """The pids of ``serve``'s children whose command line ends with ``name`` (the speech
    ``worker``, not a ``worker --stt``) or runs ``valkey``."""
    found = subprocess.run(
        ["pgrep", "-P", str(served.process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    pids = []
    for pid in found:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            continue
        words = command.split()
        wanted = words[-1:] == [name] if name in ("worker", "--stt") else name in command
        if wanted and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower():
            pids.append(int(pid))
    return pids


async def eventually_one(served: Served, name: str, other_than: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = [pid for pid in children(served, name) if pid != other_than]
        if pids:
            return pids[0]
        await asyncio.sleep(0.2)
    raise AssertionError(f"no new {name} after {seconds} s:\n{served.log.read_text()[-3000:]}")


async def speak(client: httpx.AsyncClient, text: str) -> str:
    response = await client.post("/tts", json={"text": text})
    assert response.status_code == 202, response.text
    return str(response.json()["audio_job_id"])


async def test_a_killed_speech_worker_is_restarted_and_the_queue_drains(tmp_path: Path) -> None:
    server = start_server(tmp_path, {})
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            client.headers.update((await sign_up(client))["headers"])
            first = await speak(client, "Pierwsze zdanie.")
            assert (await wait_finished(client, first))["status"] == "finished"
            ready = (await client.get("/readyz")).json()
            assert ready["status"] == "ready" and ready["checks"]["speech_workers"] == "ok: 1"

            [worker] = children(server, "worker")
            os.killpg(worker, signal.SIGKILL)  # the worker and any work-horse it forked
            queued = [await speak(client, f"Zdanie numer {n}.") for n in range(2, 5)]
            for job in queued:
                assert (await wait_finished(client, job))["status"] == "finished"
            replacement = await eventually_one(server, "worker", other_than=worker, seconds=30)
            assert replacement != worker
            ready = (await client.get("/readyz")).json()
            assert ready["checks"]["speech_workers"] == "ok: 1", ready

            [listener] = children(server, "--stt")  # the transcription worker, the same way
            os.killpg(listener, signal.SIGKILL)
            assert await eventually_one(server, "--stt", other_than=listener, seconds=30)
    finally:
        stop_server(server)
    log = server.log.read_text()
    assert "speech worker" in log and "restarting" in log, log[-3000:]
    assert "transcription worker" in log, log[-3000:]
    assert "Traceback" not in log


async def test_a_killed_valkey_is_restarted_and_queued_speech_finishes(tmp_path: Path) -> None:
    server = start_server(tmp_path, {})
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            client.headers.update((await sign_up(client))["headers"])
            first = await speak(client, "Zanim Valkey zniknie.")
            assert (await wait_finished(client, first))["status"] == "finished"

            [valkey] = children(server, "valkey")
            os.kill(valkey, signal.SIGKILL)
            # Asked for while the queue is gone: kept in the outbox, relayed once it is back.
            queued = [await speak(client, f"Kiedy Valkey nie ma, zdanie {n}.") for n in (1, 2)]
            for job in queued:
                assert (await wait_finished(client, job))["status"] == "finished"
            assert await eventually_one(server, "valkey", other_than=valkey, seconds=30)
            ready = (await client.get("/readyz")).json()
            assert ready["checks"]["redis"] == "ok", ready
    finally:
        stop_server(server)
    log = server.log.read_text()
    assert "Valkey" in log and "restarting" in log, log[-3000:]


async def test_readyz_says_when_no_speech_worker_runs(tmp_path: Path) -> None:
    server = start_server(tmp_path, {}, "--tts-workers", "0")
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            ready = await client.get("/readyz")
            # Still in rotation (turns work; speech waits in the queue), and it says why.
            assert ready.status_code == 200
            assert ready.json()["status"] == "degraded"
            assert ready.json()["checks"]["speech_workers"].startswith("none")
    finally:
        stop_server(server)
