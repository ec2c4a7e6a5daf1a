"""HTTP load benchmark of ``POST /chat`` against ``polish-tutor serve`` (not a test).

    python bench/chat_load.py [--mode embedded|production|both] [--concurrency 1,8,32,128]
                              [--turns 600] [--repeat 3] [--speech-samples 100]

Starts the server exactly as ``make run`` does (``python -m polish_tutor serve``) on a free
loopback port, with ``TUTOR_VAR_DIR`` in a fresh temporary directory, so every run begins with
an empty database and an empty audio cache. ``--mode production`` runs it against the machine's
PostgreSQL (a fresh database ``tutor_bench_<random>``, dropped afterwards) and Redis (db 10,
flushed before and after) with ``--tts-workers 1``.

Per repeat and concurrency level it measures:
  * /chat: simulated learners play lesson dialogues (about 30 % of steps get a wrong answer
    first); every /chat latency is recorded, and any non-200 is an error;
  * /healthz: the same number of requests at the same concurrency, the stack's ceiling;
  * speech: the time from a /chat response to its ``audio_ready`` SSE event, on separately
    sampled turns (SSE open before the turn is sent), split into cache hits and fresh syntheses.

Prints markdown tables (medians across repeats) and writes them, with a machine line, to
``bench/out/chat_load-<timestamp>.md``. Only loopback addresses are used; every loop is
bounded in count and time. See bench/README.md for what the figures mean.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "bench" / "out"
AIM = "Aim: /chat p99 < 50 ms at 32 concurrent learners"

DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/10"
OPENING = "Dzień dobry"
PLAIN_WRONG = ("banan", "Nie wiem.", "kot", "Tak.", "Dziękuję, dobranoc.")
# One word's ending swapped: a crude stand-in for a wrong grammatical case.
ENDING_SWAP = {"ę": "a", "a": "ę", "ą": "a", "e": "a", "y": "a", "i": "y", "o": "a", "u": "a"}
ACCESS_LINE = re.compile(r'"(GET|POST|PUT|DELETE|PATCH) (\S+) HTTP/[\d.]+" (\d{3})')
LOOPBACK = "127.0.0.1"
PASSWORD = "kawa-z-mlekiem-bench-42"
# The bench measures turns, not the abuse limits: lift them for its own server only.
SERVER_LIMITS = {
    "TUTOR_CHAT_PER_USER": "1000000",
    "TUTOR_TTS_PER_USER": "1000000",
    "TUTOR_REGISTER_PER_IP": "1000000",
    "TUTOR_LOGIN_PER_IP": "1000000",
    "TUTOR_LOGIN_FAILURES_PER_ADDRESS": "1000000",
    "TUTOR_LOGIN_FAILURES_PER_ACCOUNT": "1000000",
    "TUTOR_ACCESS_TOKEN_TTL": "PT2H",
}

Headers = dict[str, str]


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    modes: list[str]
    concurrency: list[int]
    turns: int
    warmup: int
    repeat: int
    speech_samples: int
    speech_concurrency: list[int]
    wrong_rate: float
    level_timeout: float
    drain_timeout: float
    database_url: str
    redis_url: str
    seed: int
    out_dir: Path
    paced: list[int] = field(default_factory=list)
    think: float = 2.0
    api_workers: int = 1


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description="HTTP load benchmark of POST /chat against `polish-tutor serve`."
    )
    parser.add_argument(
        "--mode",
        choices=["embedded", "production", "both"],
        default=None,
        help="embedded: SQLite + embedded Valkey (default); production: PostgreSQL + Redis",
    )
    parser.add_argument(
        "--concurrency", default="1,8,32,128", help="learner counts, comma-separated"
    )
    parser.add_argument("--turns", type=int, default=600, help="measured /chat turns per level")
    parser.add_argument("--warmup", type=int, default=40, help="unmeasured turns per level")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of every measurement")
    parser.add_argument(
        "--speech-samples", type=int, default=100, help="sampled turns per speech level"
    )
    parser.add_argument(
        "--speech-concurrency", default="1,8", help="learner counts for the speech latency"
    )
    parser.add_argument("--wrong-rate", type=float, default=0.3, help="share of wrong answers")
    parser.add_argument(
        "--level-timeout", type=float, default=90.0, help="seconds at most per measured level"
    )
    parser.add_argument(
        "--drain-timeout",
        type=float,
        default=120.0,
        help="seconds at most to wait for queued speech before a speech level",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL server to create a fresh tutor_bench_<random> database on "
        f"(implies --mode production; default {DEFAULT_PG_ADMIN_URL})",
    )
    parser.add_argument(
        "--redis-url",
        default=None,
        help=f"Redis to use, flushed before and after (implies --mode production; "
        f"default {DEFAULT_REDIS_URL})",
    )
    parser.add_argument(
        "--paced",
        default="32,128",
        help="learner counts for the paced levels (each learner thinks before every turn); "
        "empty for none",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean seconds a paced learner thinks before a turn (exponential)",
    )
    parser.add_argument(
        "--api-workers",
        type=int,
        default=1,
        help="API processes (serve --workers N); they share the port, the database and Redis",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the learners' choices")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where the report goes")
    args = parser.parse_args(argv)

    mode = args.mode or ("production" if args.database_url or args.redis_url else "embedded")
    modes = ["embedded", "production"] if mode == "both" else [mode]
    concurrency = _int_list(parser, args.concurrency, "--concurrency")
    speech_concurrency = _int_list(parser, args.speech_concurrency, "--speech-concurrency", 0)
    paced = _int_list(parser, args.paced, "--paced", 0) if args.paced.strip() else []
    if args.think <= 0:
        parser.error("--think must be > 0")
    if args.turns < 200:
        parser.error("--turns must be at least 200")
    if args.repeat < 1 or args.warmup < 0 or args.speech_samples < 0:
        parser.error("--repeat must be >= 1, --warmup and --speech-samples >= 0")
    if not 0.0 <= args.wrong_rate <= 1.0:
        parser.error("--wrong-rate must be within 0..1")
    database_url = args.database_url or DEFAULT_PG_ADMIN_URL
    redis_url = args.redis_url or DEFAULT_REDIS_URL
    for url in (database_url, redis_url):
        if not _is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    return Options(
        modes=modes,
        concurrency=concurrency,
        turns=args.turns,
        warmup=args.warmup,
        repeat=args.repeat,
        speech_samples=args.speech_samples,
        speech_concurrency=speech_concurrency,
        paced=paced,
        think=args.think,
        api_workers=args.api_workers,
        wrong_rate=args.wrong_rate,
        level_timeout=args.level_timeout,
        drain_timeout=args.drain_timeout,
        database_url=database_url,
        redis_url=redis_url,
        seed=args.seed,
        out_dir=args.out_dir,
    )


def _int_list(parser: argparse.ArgumentParser, text: str, name: str, minimum: int = 1) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        parser.error(f"{name} takes comma-separated integers")
    if any(value < 1 for value in values) or len(values) < minimum:
        parser.error(f"{name} takes positive integers")
    return values


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


# ----------------------------------------------------------------------------- the server


@dataclass
class Served:
    mode: str
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path


def cpu_busy(seconds: float = 1.0) -> float:
    """The share of all cores busy over ``seconds`` (from /proc/stat; 0 where there is none)."""

    def sample() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle

    try:
        total_a, idle_a = sample()
        time.sleep(seconds)
        total_b, idle_b = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    total = total_b - total_a
    return 1 - (idle_b - idle_a) / total if total > 0 else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    mode: str,
    work_dir: Path,
    env_overrides: dict[str, str],
    tts_workers: int | None = None,
    api_workers: int = 1,
    root: Path = ROOT,
) -> Served:
    """``python -m polish_tutor serve --port N`` as ``make run`` starts it; waits for /readyz.

    ``tts_workers`` passes ``--tts-workers N``; by default production mode gets one worker and
    embedded mode serve's own default; ``api_workers`` > 1 passes ``--workers N``; ``root``:
    another checkout's code, with its own ``.venv`` (a baseline to compare with).
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        {
            "TUTOR_VAR_DIR": str(work_dir / "var"),
            "PYTHONPATH": str(root),
            **SERVER_LIMITS,
            **env_overrides,
        }
    )
    python = sys.executable if root == ROOT else str(root / ".venv" / "bin" / "python")
    args = [python, "-m", "polish_tutor", "serve", "--port", str(port)]
    if tts_workers is not None:
        args += ["--tts-workers", str(tts_workers)]
    elif mode == "production":
        args += ["--tts-workers", "1"]
    if api_workers > 1:
        args += ["--workers", str(api_workers)]
    log = work_dir / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(args, cwd=root, env=env, stdout=sink, stderr=subprocess.STDOUT)
    base_url = f"http://{LOOPBACK}:{port}"
    deadline = time.monotonic() + 90
    with httpx.Client(trust_env=False, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited early:\n{log.read_text()[-3000:]}")
            try:
                if client.get(f"{base_url}/readyz").status_code == 200:
                    return Served(mode, base_url, process, log)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
    process.kill()
    process.wait()
    raise RuntimeError(f"serve did not become ready:\n{log.read_text()[-3000:]}")


def stop_server(served: Served) -> int:
    """Ctrl-C, as a person would; the exit code (killed after 60 s if it hangs)."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGINT)
    try:
        return served.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()
        return -9


@dataclass
class LogSummary:
    lines: int = 0
    tracebacks: int = 0
    errors: int = 0
    warnings: int = 0
    non_2xx: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)


def summarise_log(path: Path) -> LogSummary:
    summary = LogSummary()
    if not path.exists():
        return summary
    for line in path.read_text(errors="replace").splitlines():
        summary.lines += 1
        noteworthy = False
        if line.startswith("Traceback"):
            summary.tracebacks += 1
            noteworthy = True
        if " ERROR " in line or line.startswith("ERROR:"):
            summary.errors += 1
            noteworthy = True
        if " WARNING " in line or line.startswith("WARNING:"):
            summary.warnings += 1
            noteworthy = True
        match = ACCESS_LINE.search(line)
        if match and not match.group(3).startswith("2"):
            path_only = match.group(2).split("?", 1)[0]
            if path_only.startswith(("/tts/status/", "/audio/")):
                path_only = path_only.rsplit("/", 1)[0] + "/…"
            summary.non_2xx[f"{match.group(1)} {path_only} {match.group(3)}"] += 1
        if noteworthy and len(summary.samples) < 8:
            summary.samples.append(line[:300])
    return summary


@contextmanager
def mode_services(mode: str, pg_admin_url: str, redis_url: str) -> Iterator[dict[str, str]]:
    """Nothing for the embedded mode (``serve`` starts its own); for the production mode a
    fresh PostgreSQL database and a flushed Redis db (:func:`production_services`)."""
    if mode == "embedded":
        yield {}
        return
    with production_services(pg_admin_url, redis_url) as env:
        yield env


@contextmanager
def production_services(pg_admin_url: str, redis_url: str) -> Iterator[dict[str, str]]:
    """A fresh PostgreSQL database and a flushed Redis db for one production-mode run."""
    import psycopg
    from redis import Redis

    name = f"tutor_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(pg_admin_url)
    database_url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))
    redis = Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        redis.flushdb()
        yield {"TUTOR_DATABASE_URL": database_url, "TUTOR_REDIS_URL": redis_url}
    finally:
        try:
            redis.flushdb()
        finally:
            redis.close()
            with psycopg.connect(pg_admin_url, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ----------------------------------------------------------------------------- learners


@dataclass(frozen=True)
class Step:
    tutor: str
    answer: str


@dataclass(frozen=True)
class LessonPlan:
    id: str
    steps: tuple[Step, ...]


class LessonPicker:
    """Round-robin over the lessons, shared by every learner of a level."""

    def __init__(self, lessons: list[LessonPlan]) -> None:
        self._lessons = lessons
        self._next = 0

    def pick(self) -> LessonPlan:
        lesson = self._lessons[self._next % len(self._lessons)]
        self._next += 1
        return lesson


async def load_lessons(client: httpx.AsyncClient) -> list[LessonPlan]:
    summaries = (await client.get("/lessons")).raise_for_status().json()
    plans = []
    for summary in summaries:
        lesson = (await client.get(f"/lessons/{summary['id']}")).raise_for_status().json()
        steps = tuple(Step(s["tutor"], s["answers"][0]) for s in lesson["dialogue"])
        plans.append(LessonPlan(lesson["id"], steps))
    if not plans:
        raise RuntimeError("GET /lessons returned no lesson")
    return plans


def wrong_answer(answer: str, rng: random.Random) -> str:
    """A plausible mistake: a word dropped, one word's ending (case) changed, or a wrong word."""
    words = answer.split()
    kind = rng.randrange(3)
    if kind == 0 and len(words) > 1:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    if kind <= 1:
        candidates = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 3]
        if candidates:
            i = rng.choice(candidates)
            word = words[i]
            stem = word.rstrip(".,!?;:")
            tail = word[len(stem) :]
            last = stem[-1]
            swapped = ENDING_SWAP.get(last.lower())
            stem = stem[:-1] + swapped if swapped else stem + "a"
            words[i] = stem + tail
            return " ".join(words)
    return rng.choice(PLAIN_WRONG)


class Learner:
    """Plays a lesson's dialogue turn by turn; the server's verdicts drive its position."""

    def __init__(
        self,
        picker: LessonPicker,
        rng: random.Random,
        wrong_rate: float,
        prefs: dict[str, Any] | None = None,
    ) -> None:
        self.picker = picker
        self.prefs = prefs
        self.rng = rng
        self.wrong_rate = wrong_rate
        self.session_id: str | None = None
        self.lesson = picker.pick()
        self.step = 0
        self.tried_wrong = False
        self.desyncs = 0
        self.completed = 0

    def next_body(self) -> dict[str, Any]:
        body = self._next_body()
        if self.prefs:
            body["prefs"] = self.prefs
        return body

    def _next_body(self) -> dict[str, Any]:
        if self.session_id is None:
            self.lesson = self.picker.pick()
            self.step = 0
            self.tried_wrong = False
            return {"message": OPENING, "lesson_id": self.lesson.id}
        answer = self.lesson.steps[self.step].answer
        if not self.tried_wrong:
            self.tried_wrong = True
            if self.rng.random() < self.wrong_rate:
                return {"message": wrong_answer(answer, self.rng), "session_id": self.session_id}
        return {"message": answer, "session_id": self.session_id}

    def observe(self, body: dict[str, Any]) -> None:
        self.session_id = str(body["session_id"])
        feedback = body.get("feedback")
        if feedback and feedback.get("verdict") in ("correct", "acceptable"):
            self.step += 1
            self.tried_wrong = False
        following = body.get("next_dialogue")
        if following is None:  # the lesson is complete: a new session next time
            self.completed += 1
            self.session_id = None
            return
        steps = self.lesson.steps
        if self.step < len(steps) and steps[self.step].tutor == following:
            return
        self.desyncs += 1
        found = [i for i, s in enumerate(steps) if s.tutor == following]
        if found:
            self.step = found[0]
            self.tried_wrong = False
        else:
            self.session_id = None

    def abandon(self) -> None:
        self.session_id = None


class Budget:
    """A fixed number of requests shared by concurrent tasks, and a deadline."""

    def __init__(self, count: int, seconds: float) -> None:
        self.remaining = count
        self.deadline = time.monotonic() + seconds

    def take(self) -> bool:
        if self.remaining <= 0 or time.monotonic() > self.deadline:
            return False
        self.remaining -= 1
        return True


def new_client(
    base_url: str, connections: int, headers: Headers | None = None
) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(
        base_url=base_url,
        limits=limits,
        timeout=httpx.Timeout(30.0),
        trust_env=False,
        headers=headers,
    )


def auth_of(client: httpx.AsyncClient) -> Headers:
    return {k: v for k, v in client.headers.items() if k.lower() == "authorization"}


async def sign_up(base_url: str, count: int) -> list[Headers]:
    """One account per learner (register + login; not measured): their Authorization headers.

    A server without accounts (``/auth/register`` 404) gets anonymous learners.
    """
    accounts: list[Headers] = []
    async with new_client(base_url, 2) as client:
        for _ in range(count):
            email = f"bench-{uuid.uuid4().hex[:12]}@example.org"
            credentials = {"email": email, "password": PASSWORD}
            registered = await client.post("/auth/register", json=credentials)
            if registered.status_code == 404:
                return [{} for _ in range(count)]
            if registered.status_code != 201:
                raise RuntimeError(f"register: {registered.status_code} {registered.text[:300]}")
            login = await client.post("/auth/login", json=credentials)
            if login.status_code != 200:
                raise RuntimeError(f"login: {login.status_code} {login.text[:300]}")
            accounts.append({"Authorization": f"Bearer {login.json()['access_token']}"})
    return accounts


# ----------------------------------------------------------------------------- throughput


@dataclass
class Sample:
    latencies_ms: list[float]
    errors: Counter[str]
    seconds: float

    @property
    def count(self) -> int:
        return len(self.latencies_ms) + sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else 0.0


@dataclass
class LevelRun:
    chat: Sample
    healthz: Sample
    desyncs: int
    lessons_completed: int
    # Seconds the speech worker still needed after the level's last turn (its backlog).
    backlog_seconds: float
    fresh_jobs: int


async def chat_turn(
    client: httpx.AsyncClient, learner: Learner, latencies: list[float], errors: Counter[str]
) -> dict[str, Any] | None:
    body = learner.next_body()
    started = time.perf_counter()
    try:
        response = await client.post("/chat", json=body)
    except httpx.HTTPError as exc:
        errors[type(exc).__name__] += 1
        learner.abandon()
        return None
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        errors[f"HTTP {response.status_code}"] += 1
        learner.abandon()
        return None
    latencies.append(elapsed)
    data: dict[str, Any] = response.json()
    learner.observe(data)
    return data


async def run_learners(
    clients: list[httpx.AsyncClient],
    learners: list[Learner],
    budget: Budget,
    latencies: list[float],
    errors: Counter[str],
    audio_keys: dict[str, Headers],
    think: float = 0.0,
) -> float:
    """Closed loop (``think`` 0: the next turn as soon as the last is answered), or paced:
    each learner thinks an exponential time of mean ``think`` seconds before every turn.
    Returns the seconds from the first turn sent to the last answered (a paced learner's
    last pause, after the budget ran out, is not part of it)."""
    first: list[float] = []
    last = [0.0]

    async def play(client: httpx.AsyncClient, learner: Learner) -> None:
        pause = random.Random(id(learner))
        while True:
            if think:
                await asyncio.sleep(pause.expovariate(1 / think))
            if not budget.take():
                break
            if not first:
                first.append(time.perf_counter())
            data = await chat_turn(client, learner, latencies, errors)
            last[0] = max(last[0], time.perf_counter())
            if data and data.get("audio_job_id"):
                audio_keys[str(data["audio_job_id"])] = auth_of(client)

    await asyncio.gather(
        *(play(client, learner) for client, learner in zip(clients, learners, strict=True))
    )
    return last[0] - first[0] if first else 0.0


async def run_healthz(clients: list[httpx.AsyncClient], count: int, seconds: float) -> Sample:
    budget = Budget(count, seconds)
    latencies: list[float] = []
    errors: Counter[str] = Counter()

    async def hammer(client: httpx.AsyncClient) -> None:
        while budget.take():
            started = time.perf_counter()
            try:
                response = await client.get("/healthz")
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] += 1
                continue
            if response.status_code == 200:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors[f"HTTP {response.status_code}"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(hammer(client) for client in clients))
    return Sample(latencies, errors, time.perf_counter() - started)


async def run_level(
    base_url: str,
    lessons: list[LessonPlan],
    concurrency: int,
    options: Options,
    seed: int,
    audio_keys: dict[str, Headers],
    known_finished: set[str],
    accounts: list[Headers],
    think: float = 0.0,
) -> LevelRun:
    picker = LessonPicker(lessons)
    learners = [
        Learner(picker, random.Random(seed * 1000 + i), options.wrong_rate)
        for i in range(concurrency)
    ]
    # One client (one keep-alive connection) per learner: httpx's pool serves one client
    # shared by 32 tasks far slower than the server (healthz 250/s instead of 550/s here).
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(new_client(base_url, 2, accounts[i]))
            for i in range(concurrency)
        ]
        if options.warmup:
            await run_learners(
                clients,
                learners,
                Budget(options.warmup, options.level_timeout),
                [],
                Counter(),
                audio_keys,
            )
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        seconds = await run_learners(
            clients,
            learners,
            Budget(options.turns, options.level_timeout),
            latencies,
            errors,
            audio_keys,
            think,
        )
        chat = Sample(latencies, errors, seconds)
        # /healthz gets an idle speech worker too, not the turns' synthesis backlog.
        fresh_jobs = sum(1 for key in audio_keys if key not in known_finished)
        backlog, _, _ = await drain_speech(
            base_url, audio_keys, known_finished, options.drain_timeout
        )
        # The same client warmed the same connections: /healthz gets no unfair start.
        await run_healthz(clients, min(options.warmup, 50), options.level_timeout)
        healthz = await run_healthz(clients, options.turns, options.level_timeout)
    return LevelRun(
        chat=chat,
        healthz=healthz,
        desyncs=sum(learner.desyncs for learner in learners),
        lessons_completed=sum(learner.completed for learner in learners),
        backlog_seconds=backlog,
        fresh_jobs=fresh_jobs,
    )


# ----------------------------------------------------------------------------- speech


@dataclass
class SpeechRun:
    fresh_ms: list[float] = field(default_factory=list)
    cached_ms: list[float] = field(default_factory=list)
    missed: int = 0
    failed: int = 0
    early: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    status_disagrees: int = 0

    @property
    def samples(self) -> int:
        return len(self.fresh_ms) + len(self.cached_ms)


class EventReader:
    """Reads one session's SSE stream and notes when each audio job's event arrived."""

    def __init__(self) -> None:
        self.arrived: dict[str, tuple[float, str]] = {}
        self._signals: dict[str, asyncio.Event] = {}

    def signal(self, key: str) -> asyncio.Event:
        return self._signals.setdefault(key, asyncio.Event())

    def forget(self, key: str) -> None:
        """After a turn: the same audio later in the session must raise a new event."""
        self._signals.pop(key, None)
        self.arrived.pop(key, None)

    async def read(self, response: httpx.Response) -> None:
        event = ""
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("audio_ready", "audio_failed"):
                now = time.perf_counter()
                key = str(json.loads(line.split(":", 1)[1])["audio_job_id"])
                self.arrived.setdefault(key, (now, event))
                self.signal(key).set()
            elif not line:
                event = ""


async def speech_learner(
    client: httpx.AsyncClient,
    learner: Learner,
    budget: Budget,
    run: SpeechRun,
    known_finished: set[str],
) -> None:
    while budget.remaining > 0 and time.monotonic() < budget.deadline:
        # The opening turn makes the session; it is not sampled (no session to listen to yet).
        opening = await chat_turn(client, learner, [], run.errors)
        if opening is None or learner.session_id is None:
            continue
        session_id = learner.session_id
        reader = EventReader()
        # /events is the learner's own stream (it takes no query: an unknown one is a 422)
        async with client.stream("GET", "/events") as stream:
            if stream.status_code != 200:
                run.errors[f"SSE HTTP {stream.status_code}"] += 1
                learner.abandon()
                continue
            task = asyncio.create_task(reader.read(stream))
            await asyncio.sleep(0.05)  # let the server subscribe before the first turn
            try:
                while learner.session_id == session_id and budget.take():
                    await speech_turn(client, learner, reader, run, known_finished)
            finally:
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, httpx.HTTPError):
                    pass
        learner.abandon()  # a fresh session (and SSE stream) for the next round


async def speech_turn(
    client: httpx.AsyncClient,
    learner: Learner,
    reader: EventReader,
    run: SpeechRun,
    known_finished: set[str],
) -> None:
    data = await chat_turn(client, learner, [], run.errors)
    answered = time.perf_counter()
    if data is None or not data.get("audio_job_id"):
        return
    key = str(data["audio_job_id"])
    known_before = key in known_finished
    try:
        status = (await client.get(f"/tts/status/{key}")).json().get("status")
    except (httpx.HTTPError, ValueError) as exc:
        run.errors[f"status {type(exc).__name__}"] += 1
        status = None
    cached = status == "finished"
    if cached != known_before:
        run.status_disagrees += 1
    try:
        await asyncio.wait_for(reader.signal(key).wait(), timeout=30)
    except TimeoutError:
        run.missed += 1
        reader.forget(key)
        return
    arrived, kind = reader.arrived[key]
    reader.forget(key)
    if kind != "audio_ready":
        run.failed += 1
        return
    known_finished.add(key)
    if arrived < answered:
        run.early += 1
    latency = max(0.0, (arrived - answered) * 1000)
    (run.cached_ms if cached else run.fresh_ms).append(latency)


async def run_speech(
    base_url: str,
    lessons: list[LessonPlan],
    concurrency: int,
    options: Options,
    seed: int,
    known_finished: set[str],
    speed: float,
    accounts: list[Headers],
) -> SpeechRun:
    picker = LessonPicker(lessons)
    prefs = {"speed": speed}
    learners = [
        Learner(picker, random.Random(seed * 1000 + 500 + i), options.wrong_rate, prefs)
        for i in range(concurrency)
    ]
    run = SpeechRun()
    budget = Budget(options.speech_samples, options.level_timeout)
    async with AsyncExitStack() as stack:
        # Two connections per learner: its SSE stream and its requests.
        clients = [
            await stack.enter_async_context(new_client(base_url, 2, accounts[i]))
            for i in range(concurrency)
        ]
        await asyncio.gather(
            *(
                speech_learner(client, learner, budget, run, known_finished)
                for client, learner in zip(clients, learners, strict=True)
            )
        )
    return run


METRIC_LINE = re.compile(r"^(tutor_[a-z_]+)(?:\{([^}]*)\})? (\S+)$")


async def read_metrics(client: httpx.AsyncClient) -> dict[str, float]:
    """``/metrics`` as {"name{labels}": value} for the tutor_ families (one API process: its own
    registry; with PROMETHEUS_MULTIPROC_DIR set, whatever the aggregated scrape serves)."""
    response = await client.get("/metrics")
    response.raise_for_status()
    values: dict[str, float] = {}
    for line in response.text.splitlines():
        match = METRIC_LINE.match(line)
        if match:
            name, labels, value = match.groups()
            values[f"{name}{{{labels or ''}}}"] = float(value)
    return values


async def drain_queue(client: httpx.AsyncClient, limit_seconds: float) -> tuple[float, bool]:
    """Until no outbox row is pending or enqueued and the RQ queue is empty (per /metrics)."""
    started = time.perf_counter()
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        try:
            metrics = await read_metrics(client)
        except httpx.HTTPError:
            metrics = {}
        backlog = [
            metrics.get('tutor_tts_outbox_rows{status="pending"}'),
            metrics.get('tutor_tts_outbox_rows{status="enqueued"}'),
            metrics.get("tutor_tts_queue_depth{}"),
        ]
        if all(value == 0 for value in backlog):
            return time.perf_counter() - started, True
        await asyncio.sleep(0.2)
    return time.perf_counter() - started, False


async def drain_speech(
    base_url: str, keys: dict[str, Headers], known_finished: set[str], limit_seconds: float
) -> tuple[float, int, int]:
    """Wait until every audio job the bench caused is done: (seconds, failed, unfinished)."""
    started = time.perf_counter()
    deadline = time.monotonic() + limit_seconds
    failed = 0
    pending = [key for key in keys if key not in known_finished]
    async with new_client(base_url, 4) as client:
        # The queue is roughly first in, first out: wait on the newest, then sweep the rest.
        for key in reversed(pending):
            while time.monotonic() < deadline:
                try:
                    response = await client.get(f"/tts/status/{key}", headers=keys[key])
                    status = response.json().get("status")
                except (httpx.HTTPError, ValueError):
                    status = None
                if status == "finished":
                    known_finished.add(key)
                    break
                if status == "failed":
                    failed += 1
                    known_finished.add(key)
                    break
                await asyncio.sleep(0.1)
    unfinished = sum(1 for key in pending if key not in known_finished)
    keys.clear()
    return time.perf_counter() - started, failed, unfinished


# ----------------------------------------------------------------------------- a mode


@dataclass
class ModeResult:
    mode: str
    levels: dict[int, list[LevelRun]] = field(default_factory=dict)
    paced: dict[int, list[LevelRun]] = field(default_factory=dict)
    speech: dict[int, list[SpeechRun]] = field(default_factory=dict)
    drains: list[tuple[float, int, int]] = field(default_factory=list)
    log: LogSummary = field(default_factory=LogSummary)
    exit_code: int | None = None
    seconds: float = 0.0
    busy_before: float = 0.0
    signup_seconds: float = 0.0


async def bench_mode(served: Served, options: Options, result: ModeResult) -> None:
    learners = max(options.concurrency + options.paced)
    started = time.perf_counter()
    accounts = await sign_up(served.base_url, learners + max(options.speech_concurrency, default=0))
    result.signup_seconds = time.perf_counter() - started
    print(
        f"  [{served.mode}] {len(accounts)} accounts (register + login, one at a time) in "
        f"{result.signup_seconds:.1f} s",
        flush=True,
    )
    chat_accounts, speech_accounts = accounts[:learners], accounts[learners:]
    async with new_client(served.base_url, 4, accounts[0]) as client:
        lessons = await load_lessons(client)
    audio_keys: dict[str, Headers] = {}
    known_finished: set[str] = set()
    for repeat in range(options.repeat):
        seed = options.seed * 100 + repeat
        for index, concurrency in enumerate(options.speech_concurrency):
            if options.speech_samples == 0:
                break
            # A speech speed of its own gives every speech level a cold cache for its audio
            # (the speed is part of the audio key); its cache hits are repeats within the level.
            speed = 0.90 + 0.01 * ((repeat * len(options.speech_concurrency) + index) % 50)
            result.drains.append(
                await drain_speech(
                    served.base_url, audio_keys, known_finished, options.drain_timeout
                )
            )
            speech = await run_speech(
                served.base_url,
                lessons,
                concurrency,
                options,
                seed,
                known_finished,
                speed,
                speech_accounts,
            )
            result.speech.setdefault(concurrency, []).append(speech)
            fresh = _fmt_ms(percentile(speech.fresh_ms, 50))
            cached = _fmt_ms(percentile(speech.cached_ms, 50))
            print(
                f"  [{served.mode} r{repeat + 1}] speech c={concurrency}: "
                f"{len(speech.fresh_ms)} fresh (p50 {fresh} ms), "
                f"{len(speech.cached_ms)} cached (p50 {cached} ms), missed {speech.missed}",
                flush=True,
            )
        # Closed-loop levels (capacity), then paced ones (learners who think first).
        levels = [(count, 0.0) for count in options.concurrency]
        levels += [(count, options.think) for count in options.paced]
        for count, think in levels:
            # Each level starts with an idle speech worker, not the previous level's backlog.
            result.drains.append(
                await drain_speech(
                    served.base_url, audio_keys, known_finished, options.drain_timeout
                )
            )
            level = await run_level(
                served.base_url,
                lessons,
                count,
                options,
                seed,
                audio_keys,
                known_finished,
                chat_accounts,
                think=think,
            )
            (result.paced if think else result.levels).setdefault(count, []).append(level)
            label = f"paced {count}" if think else f"c={count}"
            extra = (
                ""
                if think
                else f"; healthz {level.healthz.rate:.0f}/s; speech backlog "
                f"{level.fresh_jobs} new audio, {level.backlog_seconds:.1f} s to drain"
            )
            print(
                f"  [{served.mode} r{repeat + 1}] {label}: "
                f"{level.chat.count} turns in {level.chat.seconds:.1f} s "
                f"({level.chat.rate:.0f}/s, p99 {_fmt_ms(percentile(level.chat.latencies_ms, 99))}"
                f" ms, {sum(level.chat.errors.values())} errors){extra}",
                flush=True,
            )


def run_mode(mode: str, options: Options) -> ModeResult:
    result = ModeResult(mode, busy_before=cpu_busy())
    if result.busy_before > 0.25:
        print(
            f"WARNING: the CPU was {100 * result.busy_before:.0f} % busy before the run: "
            "something else is using the cores the client and server share; figures will be "
            "low and noisy",
            file=sys.stderr,
        )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"chat_load_{mode}_") as tmp:
        work_dir = Path(tmp)
        with mode_services(mode, options.database_url, options.redis_url) as env:
            served = start_server(mode, work_dir, env, api_workers=options.api_workers)
            print(f"{mode}: serving on {served.base_url} (var dir {work_dir / 'var'})", flush=True)
            try:
                asyncio.run(bench_mode(served, options, result))
            finally:
                result.exit_code = stop_server(served)
                result.log = summarise_log(served.log)
                options.out_dir.mkdir(parents=True, exist_ok=True)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                shutil.copy(served.log, options.out_dir / f"serve-{mode}-{stamp}.log")
    result.seconds = time.perf_counter() - started
    return result


# ----------------------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median_of(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _fmt_rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def throughput_table(results: list[ModeResult]) -> list[str]:
    lines = [
        "| mode | concurrency | turns | errors | turns/s | p50 | p95 | p99 (ms) "
        "| healthz req/s | healthz p99 (ms) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for concurrency, runs in result.levels.items():
            turns = sum(run.chat.count for run in runs)
            errors = sum(sum(run.chat.errors.values()) for run in runs)
            rate = median_of([run.chat.rate for run in runs])
            stats = [
                median_of([percentile(run.chat.latencies_ms, p) for run in runs])
                for p in (50, 95, 99)
            ]
            h_rate = median_of([run.healthz.rate for run in runs])
            h_p99 = median_of([percentile(run.healthz.latencies_ms, 99) for run in runs])
            ratio = f"{100 * rate / h_rate:.1f} %" if rate and h_rate else "–"
            lines.append(
                f"| {result.mode} | {concurrency} | {turns} | {errors} | {_fmt_rate(rate)} | "
                + " | ".join(_fmt_ms(s) for s in stats)
                + f" | {_fmt_rate(h_rate)} | {_fmt_ms(h_p99)} | {ratio} |"
            )
    return lines


def paced_table(results: list[ModeResult], think: float) -> list[str]:
    lines = [
        "| mode | learners | offered turns/s | turns | errors | turns/s | p50 | p95 | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for learners, runs in result.paced.items():
            turns = sum(run.chat.count for run in runs)
            errors = sum(sum(run.chat.errors.values()) for run in runs)
            rate = median_of([run.chat.rate for run in runs])
            stats = [
                median_of([percentile(run.chat.latencies_ms, p) for run in runs])
                for p in (50, 95, 99)
            ]
            lines.append(
                f"| {result.mode} | {learners} | {learners / think:.0f} | {turns} | {errors} | "
                f"{_fmt_rate(rate)} | " + " | ".join(_fmt_ms(s) for s in stats) + " |"
            )
    return lines


def speech_table(results: list[ModeResult]) -> list[str]:
    lines = [
        "| mode | concurrency | samples | cache hits | fresh p50 | fresh p95 (ms) "
        "| cached p50 | cached p95 (ms) | missed events | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for concurrency, runs in result.speech.items():
            fresh = sum(len(run.fresh_ms) for run in runs)
            cached = sum(len(run.cached_ms) for run in runs)
            samples = fresh + cached
            share = f"{100 * cached / samples:.0f} %" if samples else "–"
            stats = [
                median_of([percentile(getattr(run, kind), p) for run in runs])
                for kind in ("fresh_ms", "cached_ms")
                for p in (50, 95)
            ]
            lines.append(
                f"| {result.mode} | {concurrency} | {samples} | {share} (fresh n={fresh}) | "
                + " | ".join(_fmt_ms(v) for v in stats)
                + f" | {sum(r.missed for r in runs)} | {sum(r.failed for r in runs)} |"
            )
    return lines


def details(results: list[ModeResult]) -> list[str]:
    lines = [
        "Per repeat (turns/s, p50/p95/p99 ms; healthz req/s; new audio keys the level "
        "caused and the seconds the worker needed after its last turn; speech: count × "
        "p50/p95 ms):",
        "",
    ]
    for result in results:
        for concurrency, runs in result.levels.items():
            cells = []
            for run in runs:
                p = [_fmt_ms(percentile(run.chat.latencies_ms, q)) for q in (50, 95, 99)]
                cells.append(
                    f"{run.chat.rate:.0f}/s {'/'.join(p)}; {run.healthz.rate:.0f}/s; "
                    f"{run.fresh_jobs} new audio, backlog {run.backlog_seconds:.1f} s"
                )
            lines.append(f"- {result.mode} c={concurrency}: " + " · ".join(cells))
        for concurrency, speech_runs in result.speech.items():
            cells = [
                f"fresh {len(r.fresh_ms)} × {_fmt_ms(percentile(r.fresh_ms, 50))}/"
                f"{_fmt_ms(percentile(r.fresh_ms, 95))}, cached {len(r.cached_ms)} × "
                f"{_fmt_ms(percentile(r.cached_ms, 50))}/{_fmt_ms(percentile(r.cached_ms, 95))}"
                for r in speech_runs
            ]
            lines.append(f"- {result.mode} speech c={concurrency}: " + " · ".join(cells))
        desyncs = sum(run.desyncs for runs in result.levels.values() for run in runs)
        completed = sum(run.lessons_completed for runs in result.levels.values() for run in runs)
        errors: Counter[str] = Counter()
        for runs in result.levels.values():
            for run in runs:
                errors.update(run.chat.errors)
                errors.update(run.healthz.errors)
        for speech_runs in result.speech.values():
            for speech in speech_runs:
                errors.update(speech.errors)
        early = sum(s.early for runs in result.speech.values() for s in runs)
        disagree = sum(s.status_disagrees for runs in result.speech.values() for s in runs)
        drain_s = sum(d[0] for d in result.drains)
        drain_failed = sum(d[1] for d in result.drains)
        drain_left = sum(d[2] for d in result.drains)
        log = result.log
        lines += [
            f"- {result.mode}: {completed} lessons completed, {desyncs} learner desyncs, "
            f"client errors {dict(errors) or 'none'}; speech events before the /chat response "
            f"{early}, cache verdict (status vs. known) disagreements {disagree}; "
            f"speech queue drains {drain_s:.1f} s in total ({drain_failed} failed, "
            f"{drain_left} unfinished); sign-up {result.signup_seconds:.1f} s; "
            f"whole mode {result.seconds:.0f} s; CPU {100 * result.busy_before:.0f} % busy "
            "(all cores, 1 s) before the server started",
            f"- {result.mode} server log: exit code {result.exit_code}, {log.lines} lines, "
            f"{log.tracebacks} tracebacks, {log.errors} ERROR, {log.warnings} WARNING, "
            f"non-2xx responses {dict(log.non_2xx) or 'none'}",
        ]
        lines += [f"    - `{sample}`" for sample in log.samples]
    return lines


def aim_verdict(results: list[ModeResult]) -> list[str]:
    lines = []
    for result in results:
        for kind, levels in (("closed loop", result.levels), ("paced", result.paced)):
            runs = levels.get(32)
            if not runs:
                continue
            p99 = median_of([percentile(run.chat.latencies_ms, 99) for run in runs])
            if p99 is not None:
                met = "met" if p99 <= 50 else "not met"
                lines.append(f"- {result.mode}, {kind}: p99 {p99:.1f} ms at 32 learners: {met}")
    return lines


def machine_line() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return (
        f"Machine: nproc {nproc}, {model}, Python {platform.python_version()}, {now} "
        "(client and server share these cores)"
    )


def report(results: list[ModeResult], options: Options, command: str) -> str:
    lines = [
        "# /chat load benchmark",
        "",
        machine_line(),
        "",
        f"Command: `{command}`",
        "",
        f"Medians across {options.repeat} repeats of {options.turns} measured turns per level "
        f"(after {options.warmup} warm-up turns); healthz: the same number of requests at the "
        "same concurrency; ratio = turns/s as a share of healthz req/s. `turns` and `errors` "
        "are totals over the repeats.",
        "",
        *throughput_table(results),
        "",
        f"Paced learners: each thinks before every turn (exponential, mean {options.think:g} s),"
        " so the offered load is learners / think time; the latency a learner sees when the "
        "server is not saturated.",
        "",
        *(paced_table(results, options.think) if options.paced else ["(no paced levels)"]),
        "",
        f"Speech latency: /chat response → `audio_ready` on SSE, {options.speech_samples} "
        "sampled turns per level and repeat; medians across repeats of each repeat's p50/p95. "
        "Every speech level uses a speech speed of its own, so it starts with a cold cache; "
        "cache hit = /tts/status said finished right after the response (the same text came "
        "up earlier in the level).",
        "",
        *speech_table(results),
        "",
        *details(results),
        "",
        AIM,
        *aim_verdict(results),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    command = " ".join(["python", "bench/chat_load.py", *(argv or sys.argv[1:])])
    started = time.perf_counter()
    results = []
    for mode in options.modes:
        results.append(run_mode(mode, options))
    text = report(results, options, command)
    print()
    print(text)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = options.out_dir / f"chat_load-{stamp}.md"
    out.write_text(text)
    print(f"written to {out} in {time.perf_counter() - started:.0f} s")
    failures: list[str] = []
    for result in results:
        errors = sum(
            sum(r.chat.errors.values())
            for levels in (result.levels, result.paced)
            for runs in levels.values()
            for r in runs
        )
        if errors or result.exit_code != 0:
            failures.append(f"{result.mode}: {errors} /chat errors, exit code {result.exit_code}")
    for failure in failures:
        print(f"NOTE {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
