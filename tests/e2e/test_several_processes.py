"""Several processes sharing nothing but PostgreSQL and Redis, started as an operator would.

* Two ``polish-tutor serve`` API processes and one ``polish-tutor worker``: a learner signs in
  on one API, listens for events there, and talks on both in turn; the turns come out exactly
  as on one process, whichever process serves them and whether or not the session's hot state
  is still in Redis.
* ``polish-tutor serve --workers 2`` (uvicorn's worker processes) with one speech worker: it
  serves a turn and its event, one ``/metrics`` covers both processes, and Ctrl-C stops them all.

Each process has a var dir of its own; like the shared audio volume of a deployment, their
``audio`` folders are one folder. The signing key comes from ``TUTOR_SECRET_KEY``.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from redis.asyncio import Redis as AsyncRedis

from polish_tutor.embedded.stack import detach_and_die_with_parent
from polish_tutor.sessions.hot import session_key
from polish_tutor.tts.events import user_channel
from tests.conftest import ROOT
from tests.e2e.test_served_turn import (
    LESSON,
    Served,
    next_audio_ready,
    start_server,
    stop_server,
    wait_finished,
)
from tests.support.auth import sign_up
from tests.support.waiting import eventually
from tests.support.wav import wav_duration

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# The learner's messages, in order: the opening, a right answer, two wrong ones on the same
# step (the second hint depends on the tries counted so far), then right answers to the end.
SCRIPT = [
    "Dzień dobry",
    "Poproszę kawę.",
    "Z mleko.",
    "Z mlekami.",
    "Z mlekiem, proszę.",
    "Poproszę herbatę i ciastko.",
    "Tak. Ile płacę?",
    "Dziękuję.",
]
WRONG = {2, 3}
FORGET_BEFORE = 3  # the session's hot state is deleted from Redis before this turn
EVENT_TIMEOUT = 60  # seconds for speech to reach the stream (a worker starts, eSpeak runs)


def shared_environment(postgres_url: str, redis_url: str) -> dict[str, str]:
    """What every process of one deployment is given: the same stores, queues and key."""
    suffix = uuid.uuid4().hex[:8]
    return {
        "TUTOR_DATABASE_URL": postgres_url,
        "TUTOR_REDIS_URL": redis_url,
        "TUTOR_TTS_QUEUE": f"tts-{suffix}",
        "TUTOR_SUMMARY_QUEUE": f"summaries-{suffix}",
        "TUTOR_SECRET_KEY": secrets.token_urlsafe(32),
    }


def process_folder(tmp_path: Path, name: str, audio: Path) -> Path:
    """``tmp_path/name`` with ``var/audio`` linked to the shared audio folder."""
    folder = tmp_path / name
    (folder / "var").mkdir(parents=True)
    (folder / "var" / "audio").symlink_to(audio, target_is_directory=True)
    return folder


@contextmanager
def speech_worker(folder: Path, env_overrides: dict[str, str]) -> Iterator[Path]:
    """``python -m polish_tutor worker`` on its own; yields its log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update({"TUTOR_VAR_DIR": str(folder / "var"), "PYTHONPATH": str(ROOT), **env_overrides})
    log = folder / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=detach_and_die_with_parent,
    )
    try:
        yield log
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def servers(folders: list[Path], env_overrides: dict[str, str]) -> Iterator[list[Served]]:
    started: list[Served] = []
    try:
        for folder in folders:
            env = {**env_overrides, "TUTOR_VAR_DIR": str(folder / "var")}
            started.append(start_server(folder, env, "--tts-workers", "0"))
        yield started
    finally:
        for server in started:
            stop_server(server)


class EventLines:
    """One SSE response read by several ``next_audio_ready`` calls in turn.

    httpx lets a response be iterated once, so every call gets the same line iterator."""

    def __init__(self, response: httpx.Response) -> None:
        self._lines = response.aiter_lines()

    def aiter_lines(self) -> AsyncIterator[str]:
        return self._lines

    async def audio_ready(self, job_id: str) -> dict[str, Any]:
        return await within(next_audio_ready(cast(httpx.Response, self), job_id), job_id)


async def within(waiting: Awaitable[dict[str, Any]], job_id: str) -> dict[str, Any]:
    try:
        return await asyncio.wait_for(waiting, timeout=EVENT_TIMEOUT)
    except TimeoutError:
        raise AssertionError(f"no audio_ready for {job_id} in {EVENT_TIMEOUT} s") from None


async def wait_subscribed(redis: AsyncRedis, user_id: str) -> None:
    """Until the API process holding the learner's stream listens on their channel.

    The response's headers are sent before the subscription is made."""
    channel = user_channel(user_id)

    async def listening() -> bool:
        counts = await redis.pubsub_numsub(channel)  # type: ignore[no-untyped-call]
        return bool(counts) and int(counts[0][1]) >= 1

    await eventually(listening, 30, f"a subscriber on {channel}")


def comparable(turn: dict[str, Any]) -> dict[str, Any]:
    """A /chat answer without what differs between two sessions (their ids)."""
    return {k: v for k, v in turn.items() if k not in ("session_id", "turn_id")}


def transcript_lines(transcript: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            turn["seq"],
            turn["role"],
            turn["text"],
            turn["next_dialogue"],
            turn["feedback"],
            turn["audio_job_id"],
        )
        for turn in transcript["turns"]
    ]


async def test_two_api_processes_and_a_worker_serve_one_learner(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    shared = shared_environment(postgres_url, redis_url)
    audio = tmp_path / "audio"
    audio.mkdir()
    folders = [process_folder(tmp_path, name, audio) for name in ("a", "b", "worker")]
    redis = AsyncRedis.from_url(redis_url)
    try:
        await learner_on_two_processes(redis, folders, shared)
    finally:
        await redis.aclose()


async def learner_on_two_processes(
    redis: AsyncRedis, folders: list[Path], shared: dict[str, str]
) -> None:
    with speech_worker(folders[2], shared), servers(folders[:2], shared) as (a, b):
        async with (
            httpx.AsyncClient(base_url=a.base_url, timeout=30) as on_a,
            httpx.AsyncClient(base_url=b.base_url, timeout=30) as on_b,
        ):
            account = await sign_up(on_a)  # registered and signed in on A ...
            on_a.headers.update(account["headers"])
            on_b.headers.update(account["headers"])  # ... and the token is good on B
            assert (await on_b.get("/auth/me")).status_code == 200

            turns: list[dict[str, Any]] = []
            async with on_a.stream("GET", "/events") as response:
                assert response.status_code == 200
                events = EventLines(response)
                await wait_subscribed(redis, account["id"])
                session_id: str | None = None
                for index, message in enumerate(SCRIPT):
                    client = on_b if index % 2 == 0 else on_a
                    if index == FORGET_BEFORE:
                        assert session_id is not None
                        key = session_key(uuid.UUID(session_id))
                        # it was written through (after the commit, so maybe just after the
                        # reply on a busy machine)
                        for _ in range(100):
                            if await redis.exists(key):
                                break
                            await asyncio.sleep(0.05)
                        assert await redis.delete(key) == 1
                    body: dict[str, Any] = {"message": message}
                    if session_id is None:
                        body["lesson_id"] = LESSON
                    else:
                        body["session_id"] = session_id
                    answer = await client.post("/chat", json=body)
                    assert answer.status_code == 200, (index, answer.text)
                    turn = answer.json()
                    session_id = session_id or turn["session_id"]
                    assert turn["session_id"] == session_id
                    assert turn["audio_job_id"], turn
                    # Every turn's speech is announced on A's stream, B's turns included.
                    ready = await events.audio_ready(turn["audio_job_id"])
                    turns.append(turn)
                    if index == 0:
                        # The worker's audio, signed on A, is served by both processes.
                        for on in (on_a, on_b):
                            spoken = await on.get(ready["audio_url"])
                            assert spoken.status_code == 200, spoken.text
                            assert wav_duration(spoken.content) > 0.5
                    if index == FORGET_BEFORE:
                        # Rebuilt from the database, then written through (before the reply).
                        assert await redis.hget(key, "n") == str(2 * len(turns)).encode()

            # The lesson moved on as it should: the opening, then a step per right answer,
            # a wrong answer staying on its step.
            dialogue = [turn["next_dialogue"] for turn in turns]
            assert dialogue[0] == "Dzień dobry! Co podać?"
            assert dialogue[1] == dialogue[2] == dialogue[3] == "Z mlekiem czy bez?"
            assert dialogue[4] == "Coś jeszcze?"
            assert dialogue[-1] is None  # the lesson is over
            verdicts = [(turn["feedback"] or {}).get("verdict") for turn in turns]
            assert verdicts[0] is None
            for index, verdict in enumerate(verdicts[1:], start=1):
                if index in WRONG:
                    assert verdict not in ("correct", "acceptable"), turns[index]
                else:
                    assert verdict in ("correct", "acceptable"), turns[index]
            # Two wrong answers in a row: the second hint is the next one, so the count of
            # tries survived the trip between processes and the rebuild from the database.
            assert turns[2]["text"] != turns[3]["text"]
            assert "Hint: Z mlekiem, proszę." in turns[3]["text"]

            # Both processes show the whole transcript: every turn once, in order.
            transcripts = [(await on.get(f"/sessions/{session_id}")).json() for on in (on_a, on_b)]
            assert transcript_lines(transcripts[0]) == transcript_lines(transcripts[1])
            transcript = transcripts[0]
            assert [t["seq"] for t in transcript["turns"]] == list(range(2 * len(SCRIPT)))
            assert [t["role"] for t in transcript["turns"]] == ["learner", "tutor"] * len(SCRIPT)
            assert [t["text"] for t in transcript["turns"][0::2]] == SCRIPT
            assert [t["text"] for t in transcript["turns"][1::2]] == [t["text"] for t in turns]
            assert transcript["turn_count"] == 2 * len(SCRIPT)
            assert transcript["completed"] is True

            # The same conversation on one process alone, with the hot state left alone,
            # gives the same answers.
            async with httpx.AsyncClient(base_url=a.base_url, timeout=30) as alone:
                alone.headers.update((await sign_up(alone))["headers"])
                reference: list[dict[str, Any]] = []
                for message in SCRIPT:
                    body = {"message": message}
                    if reference:
                        body["session_id"] = reference[0]["session_id"]
                    else:
                        body["lesson_id"] = LESSON
                    answer = await alone.post("/chat", json=body)
                    assert answer.status_code == 200, answer.text
                    reference.append(answer.json())
                alone_transcript = (
                    await alone.get(f"/sessions/{reference[0]['session_id']}")
                ).json()
            assert [comparable(t) for t in turns] == [comparable(t) for t in reference]
            assert transcript_lines(transcript) == transcript_lines(alone_transcript)


@dataclass(frozen=True)
class Proc:
    parent: int
    command: str


def process_tree(root: int) -> dict[int, Proc]:
    """The living processes under ``root`` (children, grandchildren, …), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    tree: dict[int, Proc] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                try:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                except OSError:
                    continue
                tree[pid] = Proc(ppid, command.decode(errors="replace"))
                frontier.append(pid)
    return tree


def environment_of(pid: int) -> dict[str, str]:
    items = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    return dict(item.split("=", 1) for item in items if "=" in item)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def metric_files(folder: Path, pid: int | str) -> list[str]:
    """prometheus-client's multiprocess files of one process (``counter_<pid>.db``, …)."""
    return sorted(path.name for path in folder.glob(f"*_{pid}.db"))


def metric_total(exposition: str, name: str) -> float:
    """The sum of a metric's samples over all its labels."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith((f"{name}{{", f"{name} "))
    )


async def test_serve_with_two_api_workers(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    server = start_server(
        tmp_path,
        {"TUTOR_DATABASE_URL": postgres_url, "TUTOR_REDIS_URL": redis_url},
        "--workers",
        "2",
        "--tts-workers",
        "1",
    )
    try:
        tree = process_tree(server.process.pid)
        children = {
            pid: proc.command for pid, proc in tree.items() if proc.parent == server.process.pid
        }
        api_workers = [pid for pid, command in children.items() if "spawn_main" in command]
        speech_workers = [pid for pid, command in children.items() if "tutor worker" in command]
        assert len(api_workers) == 2, children
        assert len(speech_workers) == 1, children
        metrics_dirs = {environment_of(pid).get("PROMETHEUS_MULTIPROC_DIR") for pid in api_workers}
        assert len(metrics_dirs) == 1 and None not in metrics_dirs, metrics_dirs
        metrics_dir = Path(str(metrics_dirs.pop()))

        await chat_and_scrape(server, redis_url)
        for pid in api_workers:  # each process keeps its values in the one shared folder
            assert metric_files(metrics_dir, pid), metric_files(metrics_dir, "*")
        tree = process_tree(server.process.pid)
    finally:
        code = stop_server(server)  # SIGINT, as Ctrl-C
    log = server.log.read_text()
    assert code == 0, log[-3000:]
    assert_all_stopped(tree, metrics_dir, log)
    assert "Traceback" not in log, log[-3000:]


def assert_all_stopped(tree: dict[int, Proc], metrics_dir: Path, log: str) -> None:
    """Once ``serve`` has exited: none of its processes is left, nor its metrics folder."""
    deadline = time.monotonic() + 15  # the processes it stopped may still be on their way out
    while any(alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert {pid: proc for pid, proc in tree.items() if alive(pid)} == {}, log[-3000:]
    assert not metrics_dir.exists(), sorted(metrics_dir.iterdir())


async def chat_and_scrape(server: Served, redis_url: str) -> None:
    redis = AsyncRedis.from_url(redis_url)
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            account = await sign_up(client)
            client.headers.update(account["headers"])
            async with client.stream("GET", "/events") as response:
                assert response.status_code == 200
                await wait_subscribed(redis, account["id"])
                opening = await client.post(
                    "/chat", json={"message": "Dzień dobry", "lesson_id": LESSON}
                )
                assert opening.status_code == 200, opening.text
                assert opening.json()["next_dialogue"] == "Dzień dobry! Co podać?"
                job_id = opening.json()["audio_job_id"]
                ready = await within(next_audio_ready(response, job_id), job_id)
            assert (await wait_finished(client, job_id))["status"] == "finished"
            spoken = await client.get(ready["audio_url"])
            assert spoken.status_code == 200 and wav_duration(spoken.content) > 0.5
            body = {"message": "Poproszę kawę.", "session_id": opening.json()["session_id"]}
            answer = await client.post("/chat", json=body)
            assert answer.status_code == 200, answer.text
            assert answer.json()["feedback"]["verdict"] == "correct"

        # One /metrics for every process: whichever process answers a scrape counts the turns
        # all of them served (each scrape on a new connection, which either process may take).
        for _ in range(4):
            async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as scraper:
                scrape = await scraper.get("/metrics")
            assert scrape.status_code == 200
            assert metric_total(scrape.text, "tutor_chat_latency_seconds_count") == 2
            assert metric_total(scrape.text, "tutor_http_requests_total") >= 6
            assert metric_total(scrape.text, "tutor_tts_workers") == 1
    finally:
        await redis.aclose()
