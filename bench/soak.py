"""Soak run of ``polish-tutor serve`` (not a test).

    python bench/soak.py [--minutes 10] [--learners 32] [--mode embedded|production]

Starts the server as chat_load does (a fresh var dir; in production mode a fresh PostgreSQL
database and Redis db 12, flushed before and after), signs up one account per learner and lets
the learners play lessons with mistakes (chat_load's ``Learner``) without pause: a warm-up
(``--warmup`` seconds, 30 by default), then ``--minutes`` measured minutes. Afterwards it waits
for the speech queue to drain and checks:

  * zero errors: every /chat answered 200 (no other status, no exception, no timeout);
  * every acknowledged turn is stored exactly once: learner + tutor turns in the database
    (read directly: the SQLite file in the server's var dir, or the PostgreSQL database) equal
    2 × the 200 responses, with no (session, seq) twice; and the same through the API
    (``GET /sessions`` per learner, summing ``turn_count``, and ``GET /sessions/{id}``);
  * every audio job finished: the distinct ``audio_job_id`` returned by /chat, each polled on
    ``GET /tts/status/{id}`` with its owner's token until finished (at most ``--drain-timeout``),
    and the outbox rows in the database by status;
  * memory: the RSS of every process of the stack (serve = the API, its speech workers and
    their children, the embedded Valkey), from /proc, at boot, after the warm-up ("start"),
    every ``--sample-interval`` seconds and at the end; growth start → end in MB and %.

Also reports turns/s and p50/p95/p99 per minute, so drift is visible. Prints markdown tables and
writes them, with the machine line, to ``bench/out/soak-<timestamp>.md`` (the server log beside
it). Loopback only; every loop is bounded in count and time. The exit code is 1 if a check
failed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import chat_load as cl  # noqa: E402

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
Headers = dict[str, str]


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    mode: str
    minutes: float
    learners: int
    warmup: float
    wrong_rate: float
    sample_interval: float
    drain_timeout: float
    tts_workers: int | None
    database_url: str
    redis_url: str
    seed: int
    out_dir: Path


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description="Soak run of `polish-tutor serve`.")
    parser.add_argument("--mode", choices=["embedded", "production"], default="embedded")
    parser.add_argument("--minutes", type=float, default=10.0, help="measured minutes")
    parser.add_argument("--learners", type=int, default=32, help="concurrent learners")
    parser.add_argument("--warmup", type=float, default=30.0, help="seconds before 'start'")
    parser.add_argument("--wrong-rate", type=float, default=0.3, help="share of wrong answers")
    parser.add_argument(
        "--sample-interval", type=float, default=30.0, help="seconds between RSS samples"
    )
    parser.add_argument(
        "--drain-timeout", type=float, default=120.0, help="seconds at most for speech to drain"
    )
    parser.add_argument(
        "--tts-workers",
        type=int,
        default=None,
        help="speech workers serve starts (default: serve's own in embedded mode, 1 in production)",
    )
    parser.add_argument(
        "--database-url",
        default=cl.DEFAULT_PG_ADMIN_URL,
        help="PostgreSQL server for production mode (a fresh database, dropped afterwards)",
    )
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help="Redis for production mode, flushed before and after (db 12 by default)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out-dir", type=Path, default=cl.OUT_DIR)
    args = parser.parse_args(argv)
    if not 0 < args.minutes <= 24 * 60:
        parser.error("--minutes must be within (0, 1440]")
    if not 1 <= args.learners <= 256:
        parser.error("--learners must be within 1..256")
    if args.warmup < 0 or args.sample_interval < 1 or args.drain_timeout < 0:
        parser.error("--warmup >= 0, --sample-interval >= 1, --drain-timeout >= 0")
    if not 0.0 <= args.wrong_rate <= 1.0:
        parser.error("--wrong-rate must be within 0..1")
    if args.tts_workers is not None and not 0 <= args.tts_workers <= 16:
        parser.error("--tts-workers must be within 0..16")
    for url in (args.database_url, args.redis_url):
        if not cl._is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    redis_db = (urlsplit(args.redis_url).path or "/0").lstrip("/") or "0"
    if not redis_db.isdigit() or int(redis_db) <= 10:
        parser.error("use a Redis db above 10 (db 0-10 belong to others); default db 12")
    return Options(
        mode=args.mode,
        minutes=args.minutes,
        learners=args.learners,
        warmup=args.warmup,
        wrong_rate=args.wrong_rate,
        sample_interval=args.sample_interval,
        drain_timeout=args.drain_timeout,
        tts_workers=args.tts_workers,
        database_url=args.database_url,
        redis_url=args.redis_url,
        seed=args.seed,
        out_dir=args.out_dir,
    )


# ----------------------------------------------------------------------------- processes


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return kids
    for task in tasks:
        try:
            kids += [int(part) for part in (task / "children").read_text().split()]
        except (OSError, ValueError):
            pass
    return kids


def _rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


class ProcessTree:
    """The serve process and its descendants, each with a stable label across samples."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.labels: dict[int, str] = {}
        self._workers = 0
        self._other = 0

    def _label(self, pid: int, parent: int, depth: int) -> str:
        if pid in self.labels:
            return self.labels[pid]
        command = _cmdline(pid)
        if depth == 0:
            label = "serve (API)"
        elif depth == 1 and "valkey" in command:
            label = "valkey (embedded)"
        elif depth == 1 and command.endswith("polish_tutor worker"):
            self._workers += 1
            label = f"worker #{self._workers}"
        elif parent in self.labels and self.labels[parent].startswith("worker #"):
            label = f"{self.labels[parent]} child"
        else:
            self._other += 1
            label = f"other #{self._other} ({command[:40]})"
        self.labels[pid] = label
        return label

    def sample(self) -> dict[int, tuple[str, int]]:
        """{pid: (label, RSS in kB)} for the whole tree now (bounded: 4 levels, 200 processes)."""
        found: dict[int, tuple[str, int]] = {}
        frontier = [(self.root, 0, 0)]
        while frontier and len(found) < 200:
            pid, parent, depth = frontier.pop(0)
            rss = _rss_kb(pid)
            if rss is None:
                continue
            found[pid] = (self._label(pid, parent, depth), rss)
            if depth < 3:
                frontier += [(kid, pid, depth + 1) for kid in _children(pid)]
        return found


@dataclass
class RssSample:
    seconds: float  # since the server was ready
    phase: str
    processes: dict[int, tuple[str, int]]

    def total_mb(self) -> float:
        return sum(rss for _, rss in self.processes.values()) / 1024


# ----------------------------------------------------------------------------- learners


@dataclass
class Bucket:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


@dataclass
class SoakState:
    t0: float  # when the warm-up started (perf_counter)
    warmup: float
    measured_end: float  # seconds after t0
    warm: Bucket = field(default_factory=Bucket)
    minutes: dict[int, Bucket] = field(default_factory=dict)
    acknowledged: int = 0
    audio: dict[str, Headers] = field(default_factory=dict)
    sessions_seen: dict[str, Headers] = field(default_factory=dict)

    def bucket(self, started: float) -> Bucket:
        elapsed = started - self.t0
        if elapsed < self.warmup:
            return self.warm
        return self.minutes.setdefault(int((elapsed - self.warmup) // 60), Bucket())


async def soak_turn(
    client: httpx.AsyncClient, learner: cl.Learner, state: SoakState, headers: Headers
) -> None:
    """One /chat turn: a latency on 200, otherwise an error (and a fresh session next time)."""
    body = learner.next_body()
    started = time.perf_counter()
    bucket = state.bucket(started)
    try:
        response = await client.post("/chat", json=body)
    except Exception as exc:  # noqa: BLE001 - transport errors, timeouts: all count
        bucket.errors[type(exc).__name__] += 1
        learner.abandon()
        return
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        code = ""
        try:
            code = response.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = ""  # not the API's error body
        bucket.errors[f"HTTP {response.status_code} {code}".strip()] += 1
        learner.abandon()
        return
    bucket.latencies_ms.append(elapsed)
    state.acknowledged += 1
    try:
        data: dict[str, Any] = response.json()
        state.sessions_seen.setdefault(str(data["session_id"]), headers)
        if data.get("audio_job_id"):
            state.audio.setdefault(str(data["audio_job_id"]), headers)
        learner.observe(data)
    except Exception as exc:  # noqa: BLE001 - a 200 with a body the client cannot use is an error too
        bucket.errors[f"bad 200 body: {type(exc).__name__}"] += 1
        learner.abandon()


async def play(
    client: httpx.AsyncClient, learner: cl.Learner, state: SoakState, headers: Headers
) -> None:
    deadline = state.t0 + state.measured_end
    # Bounded: the clock ends it; the count guards a server that answers errors instantly.
    for _ in range(1_000_000):
        if time.perf_counter() >= deadline:
            return
        await soak_turn(client, learner, state, headers)


async def sampler(
    tree: ProcessTree, state: SoakState, interval: float, samples: list[RssSample], ready: float
) -> None:
    """RSS at the end of the warm-up ('start') and every ``interval`` seconds after it."""
    start_at = state.t0 + state.warmup
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    samples.append(RssSample(time.perf_counter() - ready, "start", tree.sample()))
    for k in range(1, 100_000):
        due = start_at + k * interval
        if due >= state.t0 + state.measured_end - 1:
            return
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        samples.append(RssSample(time.perf_counter() - ready, "run", tree.sample()))


# ----------------------------------------------------------------------------- checks


@dataclass
class DbCounts:
    turns: int = 0
    distinct_turns: int = 0
    learner_turns: int = 0
    tutor_turns: int = 0
    sessions: int = 0
    session_turn_count: int = 0
    outbox: dict[str, int] = field(default_factory=dict)
    assets: int = 0
    error: str | None = None


DB_QUERIES = {
    "turns": "SELECT count(*) FROM agent_turns",
    "distinct_turns": "SELECT count(*) FROM (SELECT DISTINCT session_id, seq FROM agent_turns) t",
    "learner_turns": "SELECT count(*) FROM agent_turns WHERE role = 'learner'",
    "tutor_turns": "SELECT count(*) FROM agent_turns WHERE role = 'tutor'",
    "sessions": "SELECT count(*) FROM agent_sessions",
    "session_turn_count": "SELECT coalesce(sum(turn_count), 0) FROM agent_sessions",
    "assets": "SELECT count(*) FROM audio_assets",
}
OUTBOX_QUERY = "SELECT status, count(*) FROM tts_outbox GROUP BY status"


def db_counts(mode: str, var_dir: Path, env: dict[str, str]) -> DbCounts:
    counts = DbCounts()
    try:
        if mode == "embedded":
            path = var_dir / "tutor.db"
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
                for name, query in DB_QUERIES.items():
                    setattr(counts, name, int(conn.execute(query).fetchone()[0]))
                counts.outbox = {s: int(n) for s, n in conn.execute(OUTBOX_QUERY).fetchall()}
        else:
            import psycopg

            with psycopg.connect(env["TUTOR_DATABASE_URL"], connect_timeout=5) as conn:
                for name, query in DB_QUERIES.items():
                    row = conn.execute(query).fetchone()
                    setattr(counts, name, int(row[0]) if row else 0)
                counts.outbox = {s: int(n) for s, n in conn.execute(OUTBOX_QUERY).fetchall()}
    except Exception as exc:  # noqa: BLE001 - reported in the figures, the soak goes on
        counts.error = f"{type(exc).__name__}: {exc}"[:300]
    return counts


@dataclass
class ApiCounts:
    listed_sessions: int = 0
    listed_turn_count: int = 0
    truncated_lists: int = 0
    transcripts: int = 0
    transcript_turns: int = 0
    turn_count: int = 0
    mismatched_transcripts: int = 0
    seen_not_listed: int = 0
    listed_not_seen: int = 0
    incomplete: bool = False
    errors: Counter[str] = field(default_factory=Counter)


LIST_LIMIT = 200  # GET /sessions returns at most this many (newest first), with no paging


async def api_counts(
    base_url: str, accounts: list[Headers], seen: dict[str, Headers], budget: float = 300.0
) -> ApiCounts:
    """Each learner's sessions through the API, with its own token: ``GET /sessions`` per
    learner (at most 200 each), then ``GET /sessions/{id}`` for every session the client was
    given, four at a time (bounded by ``budget`` seconds)."""
    counts = ApiCounts()
    deadline = time.monotonic() + budget
    listed: set[str] = set()
    truncated_owner: set[str] = set()
    async with cl.new_client(base_url, 4) as client:
        for headers in accounts:
            try:
                response = await client.get(
                    "/sessions", params={"limit": LIST_LIMIT}, headers=headers
                )
            except httpx.HTTPError as exc:
                counts.errors[f"GET /sessions {type(exc).__name__}"] += 1
                continue
            if response.status_code != 200:
                counts.errors[f"GET /sessions {response.status_code}"] += 1
                continue
            sessions = response.json()
            if len(sessions) >= LIST_LIMIT:
                counts.truncated_lists += 1
                truncated_owner.add(headers.get("Authorization", ""))
            for session in sessions:
                counts.listed_sessions += 1
                counts.listed_turn_count += int(session["turn_count"])
                listed.add(str(session["id"]))

        pending = list(seen.items())

        async def read_transcripts() -> None:
            while pending:
                if time.monotonic() > deadline:
                    counts.incomplete = True
                    return
                session_id, headers = pending.pop()
                try:
                    detail = await client.get(f"/sessions/{session_id}", headers=headers)
                except httpx.HTTPError as exc:
                    counts.errors[f"GET /sessions/{{id}} {type(exc).__name__}"] += 1
                    continue
                if detail.status_code != 200:
                    counts.errors[f"GET /sessions/{{id}} {detail.status_code}"] += 1
                    continue
                body = detail.json()
                turns = body["turns"]
                counts.transcripts += 1
                counts.transcript_turns += len(turns)
                counts.turn_count += int(body["turn_count"])
                seqs = [int(turn["seq"]) for turn in turns]
                if len(turns) != int(body["turn_count"]) or seqs != list(range(len(turns))):
                    counts.mismatched_transcripts += 1

        await asyncio.gather(*(read_transcripts() for _ in range(4)))
    counts.seen_not_listed = sum(
        1
        for session_id, headers in seen.items()
        if session_id not in listed and headers.get("Authorization", "") not in truncated_owner
    )
    counts.listed_not_seen = len(listed - set(seen))
    return counts


# ----------------------------------------------------------------------------- the run


@dataclass
class SoakResult:
    options: Options
    signup_seconds: float = 0.0
    state: SoakState | None = None
    samples: list[RssSample] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    audio_requested: int = 0
    audio_failed: int = 0
    audio_unfinished: int = 0
    drain_seconds: float = 0.0
    db: DbCounts = field(default_factory=DbCounts)
    api: ApiCounts = field(default_factory=ApiCounts)
    completed: int = 0
    desyncs: int = 0
    exit_code: int | None = None
    log: cl.LogSummary = field(default_factory=cl.LogSummary)
    log_copy: str = ""
    seconds: float = 0.0
    busy_before: float = 0.0
    # Production: the Redis service's memory and the run's keys, (phase, used MB, keys, hot
    # sessions) at boot, end and drained; it is a shared service, not a process under serve.
    redis: list[tuple[str, float, int, int]] = field(default_factory=list)


def redis_usage(url: str) -> tuple[float, int, int] | None:
    """The Redis server's used memory (MB), the keys in ``url``'s database, and how many of
    them are hot sessions."""
    from redis import Redis
    from redis.exceptions import RedisError

    client = Redis.from_url(url)
    try:
        used = int(client.info("memory")["used_memory"]) / 2**20
        keys = int(client.dbsize())
        sessions = sum(1 for _ in client.scan_iter(match="tutor:session:*", count=1000))
        return used, keys, sessions
    except RedisError:
        return None
    finally:
        client.close()


async def _note_redis(result: SoakResult, env: dict[str, str], phase: str) -> None:
    url = env.get("TUTOR_REDIS_URL")
    if url and (usage := await asyncio.to_thread(redis_usage, url)) is not None:
        result.redis.append((phase, *usage))


async def soak(
    served: cl.Served, options: Options, result: SoakResult, var_dir: Path, env: dict[str, str]
) -> None:
    ready = time.perf_counter()
    tree = ProcessTree(served.process.pid)
    result.samples.append(RssSample(0.0, "boot", tree.sample()))
    await _note_redis(result, env, "boot")
    started = time.perf_counter()
    accounts = await cl.sign_up(served.base_url, options.learners)
    result.signup_seconds = time.perf_counter() - started
    async with cl.new_client(served.base_url, 2, accounts[0]) as client:
        lessons = await cl.load_lessons(client)
    print(
        f"  {len(accounts)} accounts in {result.signup_seconds:.1f} s, {len(lessons)} lessons; "
        f"warm-up {options.warmup:.0f} s, then {options.minutes:g} min with "
        f"{options.learners} learners",
        flush=True,
    )
    picker = cl.LessonPicker(lessons)
    learners = [
        cl.Learner(picker, random.Random(options.seed * 1000 + i), options.wrong_rate)
        for i in range(options.learners)
    ]
    state = SoakState(
        t0=time.perf_counter(),
        warmup=options.warmup,
        measured_end=options.warmup + 60 * options.minutes,
    )
    result.state = state
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(cl.new_client(served.base_url, 2, accounts[i]))
            for i in range(options.learners)
        ]
        sampling = asyncio.create_task(
            sampler(tree, state, options.sample_interval, result.samples, ready)
        )
        progress = asyncio.create_task(_progress(state))
        await asyncio.gather(
            *(
                play(client, learner, state, accounts[i])
                for i, (client, learner) in enumerate(zip(clients, learners, strict=True))
            )
        )
        result.samples.append(RssSample(time.perf_counter() - ready, "end", tree.sample()))
        await _note_redis(result, env, "end")
        for task in (sampling, progress):
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
    result.completed = sum(learner.completed for learner in learners)
    result.desyncs = sum(learner.desyncs for learner in learners)
    result.labels = dict(tree.labels)

    # Speech: every distinct job the learners were given, polled with its owner's token.
    result.audio_requested = len(state.audio)
    finished: set[str] = set()
    print(f"  draining speech: {result.audio_requested} distinct audio jobs", flush=True)
    result.drain_seconds, result.audio_failed, result.audio_unfinished = await cl.drain_speech(
        served.base_url, dict(state.audio), finished, options.drain_timeout
    )
    # The lesson lines made ahead of time are speech requests too: wait for the whole queue.
    async with cl.new_client(served.base_url, 2, accounts[0]) as client:
        seconds, _ = await cl.drain_queue(client, options.drain_timeout)
    result.drain_seconds += seconds
    result.samples.append(RssSample(time.perf_counter() - ready, "drained", tree.sample()))
    await _note_redis(result, env, "drained")
    result.db = await asyncio.to_thread(db_counts, options.mode, var_dir, env)
    result.api = await api_counts(served.base_url, accounts, state.sessions_seen)


async def _progress(state: SoakState) -> None:
    """A line a minute on the console (bounded by the run's length)."""
    for minute in range(1, 100_000):
        due = state.t0 + state.warmup + 60 * minute
        if due > state.t0 + state.measured_end:
            return
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        bucket = state.minutes.get(minute - 1, Bucket())
        p99 = cl.percentile(bucket.latencies_ms, 99)
        print(
            f"  minute {minute}: {len(bucket.latencies_ms)} turns "
            f"({len(bucket.latencies_ms) / 60:.1f}/s), p99 {cl._fmt_ms(p99)} ms, "
            f"errors {sum(bucket.errors.values())}",
            flush=True,
        )


@contextmanager
def _services(options: Options) -> Iterator[dict[str, str]]:
    if options.mode == "embedded":
        yield {}
        return
    with cl.production_services(options.database_url, options.redis_url) as env:
        yield env


def run(options: Options) -> SoakResult:
    result = SoakResult(options, busy_before=cl.cpu_busy())
    if result.busy_before > 0.25:
        print(
            f"WARNING: the CPU was {100 * result.busy_before:.0f} % busy before the run: "
            "something else is using the cores; figures will be low and noisy",
            file=sys.stderr,
        )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"soak_{options.mode}_") as tmp:
        work_dir = Path(tmp)
        with _services(options) as env:
            served = cl.start_server(options.mode, work_dir, env, tts_workers=options.tts_workers)
            print(f"{options.mode}: serving on {served.base_url} (var dir {work_dir / 'var'})")
            try:
                asyncio.run(soak(served, options, result, work_dir / "var", env))
            finally:
                result.exit_code = cl.stop_server(served)
                result.log = cl.summarise_log(served.log)
                options.out_dir.mkdir(parents=True, exist_ok=True)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                copy = options.out_dir / f"soak-serve-{options.mode}-{stamp}.log"
                shutil.copy(served.log, copy)
                result.log_copy = copy.name
    result.seconds = time.perf_counter() - started
    return result


# ----------------------------------------------------------------------------- report


def _errors(state: SoakState) -> Counter[str]:
    total: Counter[str] = Counter(state.warm.errors)
    for bucket in state.minutes.values():
        total.update(bucket.errors)
    return total


def minute_table(state: SoakState) -> list[str]:
    lines = [
        "| minute | turns | turns/s | p50 | p95 | p99 (ms) | max (ms) | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows: list[tuple[str, Bucket, float]] = [("warm-up", state.warm, state.warmup)]
    measured = state.measured_end - state.warmup
    for minute in sorted(state.minutes):
        seconds = min(60.0, measured - 60 * minute)
        rows.append((str(minute + 1), state.minutes[minute], seconds))
    everything = Bucket()
    for bucket in state.minutes.values():
        everything.latencies_ms += bucket.latencies_ms
        everything.errors.update(bucket.errors)
    rows.append(("**all measured**", everything, measured))
    for name, bucket, seconds in rows:
        count = len(bucket.latencies_ms) + sum(bucket.errors.values())
        rate = count / seconds if seconds > 0 else 0.0
        stats = [cl.percentile(bucket.latencies_ms, p) for p in (50, 95, 99, 100)]
        lines.append(
            f"| {name} | {count} | {rate:.1f} | "
            + " | ".join(cl._fmt_ms(s) for s in stats)
            + f" | {sum(bucket.errors.values())} |"
        )
    return lines


def _stable(samples: list[RssSample]) -> tuple[RssSample | None, RssSample | None]:
    start = next((s for s in samples if s.phase == "start"), None)
    end = next((s for s in samples if s.phase == "end"), None)
    return start, end


def rss_table(result: SoakResult) -> list[str]:
    start, end = _stable(result.samples)
    lines = [
        "| process | pid | boot MB | start MB | end MB | growth MB | growth % | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if start is None or end is None:
        return [*lines, "| (no start/end sample) | | | | | | | |"]
    boot = result.samples[0]
    pids = [pid for pid in start.processes if pid in end.processes]
    for pid in sorted(pids, key=lambda p: start.processes[p][0]):
        label = start.processes[pid][0]
        values = [s.processes[pid][1] for s in result.samples if pid in s.processes]
        first, last = start.processes[pid][1], end.processes[pid][1]
        boot_mb = f"{boot.processes[pid][1] / 1024:.1f}" if pid in boot.processes else "–"
        growth = (last - first) / 1024
        pct = f"{100 * (last - first) / first:+.1f} %" if first else "–"
        lines.append(
            f"| {label} | {pid} | {boot_mb} | {first / 1024:.1f} | {last / 1024:.1f} | "
            f"{growth:+.1f} | {pct} | {max(values) / 1024:.1f} |"
        )
    first_total = sum(start.processes[p][1] for p in pids) / 1024
    last_total = sum(end.processes[p][1] for p in pids) / 1024
    pct = f"{100 * (last_total - first_total) / first_total:+.1f} %" if first_total else "–"
    lines.append(
        f"| **long-lived total** | | | {first_total:.1f} | {last_total:.1f} | "
        f"{last_total - first_total:+.1f} | {pct} | |"
    )
    transient = {
        pid: label
        for s in result.samples
        for pid, (label, _) in s.processes.items()
        if pid not in pids
    }
    if transient:
        peak = max(
            s.processes[pid][1] for s in result.samples for pid in s.processes if pid in transient
        )
        lines.append(
            f"| short-lived ({len(transient)} seen: "
            f"{', '.join(sorted(set(transient.values())))}) | | | | | | | {peak / 1024:.1f} |"
        )
    return lines


def redis_lines(result: SoakResult) -> list[str]:
    """The Redis service in production mode (a shared server: its memory is not under serve)."""
    if not result.redis:
        return []
    parts = [
        f"{phase} {used:.1f} MB, {keys} keys ({sessions} hot sessions)"
        for phase, used, keys, sessions in result.redis
    ]
    return [
        "Redis (the machine's service, not a process under `serve`): used memory and the run's "
        "keys — " + "; ".join(parts) + ". Hot sessions expire "
        "`TUTOR_HOT_SESSION_TTL` after their last turn, a finished lesson's within an hour; "
        "RQ keeps a finished job's result for an hour.",
        "",
    ]


def sample_table(result: SoakResult) -> list[str]:
    start, end = _stable(result.samples)
    if start is None or end is None:
        return []
    # Columns: the processes alive at both 'start' and 'end' (work-horses come and go).
    pids = sorted(
        (p for p in start.processes if p in end.processes), key=lambda p: (start.processes[p][0], p)
    )
    lines = [
        "| t (s) | phase | "
        + " | ".join(start.processes[p][0] for p in pids)
        + " | short-lived | total MB |",
        "|---:|---|" + "---:|" * (len(pids) + 2),
    ]
    for sample in result.samples:
        cells = [
            f"{sample.processes[p][1] / 1024:.1f}" if p in sample.processes else "–" for p in pids
        ]
        others = [rss for pid, (_, rss) in sample.processes.items() if pid not in pids]
        lines.append(
            f"| {sample.seconds:.0f} | {sample.phase} | "
            + " | ".join(cells)
            + f" | {len(others)} × {sum(others) / 1024:.1f} | {sample.total_mb():.1f} |"
        )
    return lines


@dataclass
class Check:
    name: str
    expected: str
    got: str
    ok: bool


def checks(result: SoakResult) -> list[Check]:
    state = result.state
    assert state is not None
    errors = _errors(state)
    acknowledged = state.acknowledged
    db, api = result.db, result.api
    finished = result.audio_requested - result.audio_failed - result.audio_unfinished
    outbox_total = sum(db.outbox.values())
    outbox_done = db.outbox.get("done", 0)
    out = [
        Check(
            "/chat errors (non-200, exceptions, timeouts)",
            "0",
            f"{sum(errors.values())} {dict(errors) if errors else ''}".strip(),
            not errors,
        ),
        Check(
            "turns in the database (learner + tutor)",
            f"2 × {acknowledged} = {2 * acknowledged}",
            f"{db.turns}" + (f" (error: {db.error})" if db.error else ""),
            db.error is None and db.turns == 2 * acknowledged,
        ),
        Check(
            "… of which learner / tutor",
            f"{acknowledged} / {acknowledged}",
            f"{db.learner_turns} / {db.tutor_turns}",
            db.learner_turns == acknowledged == db.tutor_turns,
        ),
        Check(
            "… distinct (session, seq)",
            f"{db.turns}",
            f"{db.distinct_turns}",
            db.turns == db.distinct_turns,
        ),
        Check(
            "sum of sessions' turn_count in the database",
            f"{2 * acknowledged}",
            f"{db.session_turn_count} over {db.sessions} sessions",
            db.session_turn_count == 2 * acknowledged,
        ),
        Check(
            "API: turns in GET /sessions/{id} for every session the client was given "
            "(each learner's token)",
            f"{2 * acknowledged} in {len(state.sessions_seen)} sessions",
            f"{api.transcript_turns} in {api.transcripts}"
            + (" (time budget ran out)" if api.incomplete else "")
            + (f", errors {dict(api.errors)}" if api.errors else ""),
            api.transcript_turns == 2 * acknowledged
            and api.transcripts == len(state.sessions_seen)
            and not api.errors,
        ),
        Check(
            "API: transcripts whose turns are not seq 0..n-1 with n = turn_count",
            "0",
            str(api.mismatched_transcripts),
            api.mismatched_transcripts == 0 and api.turn_count == api.transcript_turns,
        ),
        Check(
            "API: GET /sessions lists exactly the sessions the client was given",
            "0 missing, 0 unknown",
            f"{api.seen_not_listed} missing, {api.listed_not_seen} unknown; "
            f"{api.listed_sessions} listed, turn_count sum {api.listed_turn_count}"
            + (
                f" ({api.truncated_lists} learners have more than {LIST_LIMIT} sessions: "
                "their lists are cut, not checked for missing ones)"
                if api.truncated_lists
                else ""
            ),
            api.seen_not_listed == 0
            and api.listed_not_seen == 0
            and (api.truncated_lists > 0 or api.listed_turn_count == 2 * acknowledged),
        ),
        Check(
            f"audio jobs finished (GET /tts/status, ≤ {result.options.drain_timeout:.0f} s)",
            f"{result.audio_requested} distinct audio_job_ids",
            f"{finished} finished, {result.audio_failed} failed, "
            f"{result.audio_unfinished} unfinished, after {result.drain_seconds:.1f} s",
            finished == result.audio_requested,
        ),
        Check(
            "outbox rows done (database)",
            f"{outbox_total} rows",
            ", ".join(f"{k} {v}" for k, v in sorted(db.outbox.items())) or "none",
            outbox_done == outbox_total and db.error is None,
        ),
        Check(
            "server stopped cleanly (Ctrl-C)",
            "exit code 0",
            f"exit code {result.exit_code}",
            result.exit_code == 0,
        ),
        Check(
            "server log: tracebacks / ERROR lines",
            "0 / 0",
            f"{result.log.tracebacks} / {result.log.errors}",
            result.log.tracebacks == 0 and result.log.errors == 0,
        ),
    ]
    return out


def report(result: SoakResult, command: str) -> str:
    options, state = result.options, result.state
    assert state is not None
    measured = state.measured_end - state.warmup
    turns = sum(len(b.latencies_ms) for b in state.minutes.values())
    all_latencies = [v for b in state.minutes.values() for v in b.latencies_ms]
    start, end = _stable(result.samples)
    growth = ""
    if start is not None and end is not None:
        pids = [p for p in start.processes if p in end.processes]
        a = sum(start.processes[p][1] for p in pids) / 1024
        b = sum(end.processes[p][1] for p in pids) / 1024
        growth = (
            f"; RSS of the stack {a:.0f} → {b:.0f} MB ({b - a:+.1f} MB, {100 * (b - a) / a:+.1f} %)"
        )
    check_rows = checks(result)
    lines = [
        "# Soak run",
        "",
        cl.machine_line(),
        "",
        f"Command: `{command}`",
        "",
        f"Mode {options.mode}"
        + (
            " (SQLite + embedded Valkey + serve's speech worker)"
            if options.mode == "embedded"
            else f" (PostgreSQL, a fresh database; Redis {options.redis_url})"
        )
        + f"; speech workers: {'default' if options.tts_workers is None else options.tts_workers}"
        f"; {options.learners} learners playing lessons without pause, wrong answer first on "
        f"{100 * options.wrong_rate:.0f} % of steps; warm-up {options.warmup:.0f} s, then "
        f"{measured / 60:g} measured minutes. CPU {100 * result.busy_before:.0f} % busy "
        "(all cores, 1 s) before the server started.",
        "",
        f"**{turns} measured turns, {turns / measured:.1f} turns/s, p50/p95/p99 "
        f"{cl._fmt_ms(cl.percentile(all_latencies, 50))}/"
        f"{cl._fmt_ms(cl.percentile(all_latencies, 95))}/"
        f"{cl._fmt_ms(cl.percentile(all_latencies, 99))} ms; "
        f"{sum(c.ok for c in check_rows)}/{len(check_rows)} checks passed{growth}.**",
        "",
        "## Checks",
        "",
        "| check | expected | got | ok |",
        "|---|---|---|---|",
        *(
            f"| {c.name} | {c.expected} | {c.got} | {'yes' if c.ok else '**NO**'} |"
            for c in check_rows
        ),
        "",
        "Turns acknowledged = /chat responses with status 200 over the whole run (warm-up "
        "included); each stores a learner and a tutor turn. Database counts are read directly "
        + (
            "from the SQLite file in the server's var dir"
            if options.mode == "embedded"
            else "from the run's PostgreSQL database"
        )
        + " after the speech queue drained.",
        "",
        "## Per minute",
        "",
        "/chat latency seen by the client (request sent → response read), nearest-rank "
        "percentiles; a turn belongs to the minute it started in.",
        "",
        *minute_table(state),
        "",
        "## Memory (RSS, from /proc)",
        "",
        "Every process under `serve`: the API (uvicorn runs in the serve process itself), "
        "the speech workers and their children (the long-lived one is RQ's scheduler; "
        "work-horses live for one job each and show up only when a sample catches one), the "
        "embedded Valkey. 'start' = after the warm-up, 'end' = when the learners stopped, "
        "'drained' = after the speech queue drained."
        + (
            " Production mode: the machine's PostgreSQL and Redis are not part of this tree."
            if options.mode == "production"
            else ""
        ),
        "",
        *rss_table(result),
        "",
        *redis_lines(result),
        f"Samples (every {options.sample_interval:.0f} s; MB per long-lived process; "
        "short-lived = processes not alive at both 'start' and 'end', count × MB):",
        "",
        *sample_table(result),
        "",
        "## Details",
        "",
        f"- lessons completed {result.completed}, learner desyncs {result.desyncs}, distinct "
        f"sessions seen {len(state.sessions_seen)}; sign-up {result.signup_seconds:.1f} s; "
        f"whole run {result.seconds:.0f} s",
        f"- database: {result.db.sessions} sessions, {result.db.assets} audio assets, outbox "
        f"{result.db.outbox or 'empty'}",
        f"- server log (`{result.log_copy}`): {result.log.lines} lines, "
        f"{result.log.tracebacks} tracebacks, {result.log.errors} ERROR, "
        f"{result.log.warnings} WARNING, non-2xx {dict(result.log.non_2xx) or 'none'}",
        *(f"    - `{sample}`" for sample in result.log.samples),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    command = " ".join(["python", "bench/soak.py", *(argv or sys.argv[1:])])
    result = run(options)
    text = report(result, command)
    print()
    print(text)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = options.out_dir / f"soak-{stamp}.md"
    out.write_text(text)
    print(f"written to {out}")
    failed = [c for c in checks(result) if not c.ok]
    for check in failed:
        print(f"NOTE check failed: {check.name}: expected {check.expected}, got {check.got}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
