"""Speech benchmark of ``polish-tutor serve`` (not a test).

    python bench/speech_bench.py [--parts latency,cache,rtf] [--mode embedded|production|both]
                                 [--workers 1,4] [--learners 8] [--samples 150] [--repeat 3]
                                 [--cache-learners 100] [--cache-mode ...] [--rtf-repeat 3]

Three figures:

a. latency: the time from a ``/chat`` response to its ``audio_ready`` SSE event, with 1 and with
   4 speech workers (``serve --tts-workers N``). Every run gets a fresh server, a fresh
   database and an empty audio cache (restarted between settings and repeats); learners play
   lessons (chat_load's ``run_speech``), fresh syntheses and cache hits reported apart.
b. cache: the audio cache hit ratio when many learners play the same lesson: the first learner
   alone (its start pre-synthesises the lesson's lines), a wait until the speech queue has
   drained, then learners 2..N a few at a time. Counted from the server's Prometheus counter
   ``tutor_tts_cache_requests_total{result="hit"|"miss"}`` read before and after each phase.
c. rtf: eSpeak NG synthesis speed in-process (the driver the workers use), as a real-time
   factor: synthesis seconds / audio seconds, over the utterances of every lesson.

Prints markdown tables and writes them, with the machine line, to
``bench/out/speech_bench-<timestamp>.md`` (server logs of every run beside it). Production mode
uses the machine's PostgreSQL (a fresh database per server, dropped afterwards) and Redis db 11
(flushed before and after). Loopback only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import random
import re
import statistics
import sys
import tempfile
import time
import wave
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

import chat_load as cl  # noqa: E402

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
PARTS = ("latency", "cache", "rtf")
PRESYNTH_LINE = re.compile(r"presynthesis of (\S+): (\d+) lines requested")
AIM_HIT_RATIO = 0.95


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    parts: list[str]
    modes: list[str]
    cache_modes: list[str]
    workers: list[int]
    presynthesis: list[bool]
    learners: int
    samples: int
    repeat: int
    wrong_rate: float
    run_timeout: float
    cache_learners: int
    cache_concurrency: int
    cache_lesson: str | None
    cache_wrong_rate: float
    drain_timeout: float
    rtf_repeat: int
    database_url: str
    redis_url: str
    seed: int
    out_dir: Path


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description="Speech benchmark of `polish-tutor serve`.")
    parser.add_argument(
        "--parts", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS)
    )
    parser.add_argument(
        "--mode",
        choices=["embedded", "production", "both"],
        default="both",
        help="stacks for the latency part (default both)",
    )
    parser.add_argument(
        "--cache-mode",
        choices=["embedded", "production", "both"],
        default=None,
        help="stacks for the cache part (default: embedded with --mode both, else --mode)",
    )
    parser.add_argument("--workers", default="1,4", help="speech worker counts to compare")
    parser.add_argument(
        "--presynthesis",
        choices=["on", "off", "both"],
        default="both",
        help="latency runs with the lesson presynthesis on (the default server), off "
        "(TUTOR_PRESYNTHESIS=false: the bare speech pipeline) or both (default)",
    )
    parser.add_argument("--learners", type=int, default=8, help="concurrent learners (latency)")
    parser.add_argument("--samples", type=int, default=150, help="sampled turns per run (latency)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per setting (latency) and per mode (cache)"
    )
    parser.add_argument(
        "--wrong-rate", type=float, default=0.3, help="share of wrong answers (latency)"
    )
    parser.add_argument(
        "--run-timeout", type=float, default=180.0, help="seconds at most per latency run"
    )
    parser.add_argument(
        "--cache-learners", type=int, default=100, help="learners playing the same lesson"
    )
    parser.add_argument(
        "--cache-concurrency", type=int, default=4, help="learners 2..N playing at a time"
    )
    parser.add_argument(
        "--cache-lesson", default=None, help="lesson id (default: the first of GET /lessons)"
    )
    parser.add_argument(
        "--cache-wrong-rate", type=float, default=0.1, help="share of wrong answers (cache)"
    )
    parser.add_argument(
        "--drain-timeout",
        type=float,
        default=120.0,
        help="seconds at most to wait for the speech queue to drain",
    )
    parser.add_argument(
        "--rtf-repeat", type=int, default=3, help="passes over the lesson utterances (rtf)"
    )
    parser.add_argument(
        "--database-url",
        default=cl.DEFAULT_PG_ADMIN_URL,
        help="PostgreSQL server for production mode (a fresh database per server)",
    )
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help="Redis for production mode, flushed before and after (db 11 by default)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out-dir", type=Path, default=cl.OUT_DIR)
    args = parser.parse_args(argv)

    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    if not parts or any(p not in PARTS for p in parts):
        parser.error(f"--parts takes some of {', '.join(PARTS)}")
    modes = ["embedded", "production"] if args.mode == "both" else [args.mode]
    cache_mode = args.cache_mode or ("embedded" if args.mode == "both" else args.mode)
    cache_modes = ["embedded", "production"] if cache_mode == "both" else [cache_mode]
    workers = cl._int_list(parser, args.workers, "--workers")
    if min(args.learners, args.samples, args.repeat, args.rtf_repeat) < 1:
        parser.error("--learners, --samples, --repeat and --rtf-repeat must be >= 1")
    if args.cache_learners < 2 or args.cache_concurrency < 1:
        parser.error("--cache-learners must be >= 2 and --cache-concurrency >= 1")
    if args.learners > 64 or args.cache_learners > 1000 or max(workers) > 16:
        parser.error("at most 64 learners, 1000 cache learners and 16 workers")
    for rate in (args.wrong_rate, args.cache_wrong_rate):
        if not 0.0 <= rate <= 1.0:
            parser.error("wrong rates must be within 0..1")
    for url in (args.database_url, args.redis_url):
        if not cl._is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    redis_db = (urlsplit(args.redis_url).path or "/0").lstrip("/") or "0"
    if not redis_db.isdigit() or int(redis_db) <= 10:
        parser.error("use a Redis db above 10 (db 0-10 belong to others); default db 11")
    return Options(
        parts=parts,
        modes=modes,
        cache_modes=cache_modes,
        workers=workers,
        presynthesis={"on": [True], "off": [False], "both": [False, True]}[args.presynthesis],
        learners=args.learners,
        samples=args.samples,
        repeat=args.repeat,
        wrong_rate=args.wrong_rate,
        run_timeout=args.run_timeout,
        cache_learners=args.cache_learners,
        cache_concurrency=args.cache_concurrency,
        cache_lesson=args.cache_lesson,
        cache_wrong_rate=args.cache_wrong_rate,
        drain_timeout=args.drain_timeout,
        rtf_repeat=args.rtf_repeat,
        database_url=args.database_url,
        redis_url=args.redis_url,
        seed=args.seed,
        out_dir=args.out_dir,
    )


# ----------------------------------------------------------------------------- servers


@dataclass
class ServerRun:
    label: str
    exit_code: int | None = None
    log: cl.LogSummary = field(default_factory=cl.LogSummary)
    presynthesised: dict[str, int] = field(default_factory=dict)


@contextmanager
def fresh_stack(
    mode: str,
    options: Options,
    tts_workers: int | None,
    run: ServerRun,
    log_sink: Path,
    extra_env: dict[str, str] | None = None,
) -> Iterator[cl.Served]:
    """A server on an empty var dir (and, in production, a fresh database and flushed Redis)."""
    with tempfile.TemporaryDirectory(prefix=f"speech_bench_{mode}_") as tmp:
        with cl.mode_services(mode, options.database_url, options.redis_url) as env:
            env = {**env, **(extra_env or {})}
            served = cl.start_server(mode, Path(tmp), env, tts_workers=tts_workers)
            try:
                yield served
            finally:
                run.exit_code = cl.stop_server(served)
                run.log = cl.summarise_log(served.log)
                text = served.log.read_text(errors="replace")
                for match in PRESYNTH_LINE.finditer(text):
                    lesson = match.group(1)
                    run.presynthesised[lesson] = run.presynthesised.get(lesson, 0) + int(
                        match.group(2)
                    )
                log_sink.parent.mkdir(parents=True, exist_ok=True)
                with log_sink.open("a") as sink:
                    sink.write(f"\n===== {run.label} (exit code {run.exit_code}) =====\n")
                    sink.write(text)


def cache_counts(metrics: dict[str, float]) -> tuple[float, float]:
    return (
        metrics.get('tutor_tts_cache_requests_total{result="hit"}', 0.0),
        metrics.get('tutor_tts_cache_requests_total{result="miss"}', 0.0),
    )


def speech_options(options: Options, samples: int, wrong_rate: float) -> cl.Options:
    """chat_load's options, for its speech helpers (they read samples, wrong rate, timeout)."""
    return cl.Options(
        modes=[],
        concurrency=[1],
        turns=200,
        warmup=0,
        repeat=1,
        speech_samples=samples,
        speech_concurrency=[options.learners],
        wrong_rate=wrong_rate,
        level_timeout=options.run_timeout,
        drain_timeout=options.drain_timeout,
        database_url=options.database_url,
        redis_url=options.redis_url,
        seed=options.seed,
        out_dir=options.out_dir,
    )


# ----------------------------------------------------------------------------- a. latency


@dataclass
class LatencyRun:
    mode: str
    workers: int
    speech: cl.SpeechRun
    seconds: float
    drain_seconds: float
    drained: bool
    presynthesised: int
    presynthesis: bool


async def latency_run(
    served: cl.Served, options: Options, workers: int, seed: int
) -> tuple[cl.SpeechRun, float, float, bool]:
    accounts = await cl.sign_up(served.base_url, options.learners)
    async with cl.new_client(served.base_url, 2, accounts[0]) as client:
        lessons = await cl.load_lessons(client)
        started = time.perf_counter()
        speech = await cl.run_speech(
            served.base_url,
            lessons,
            options.learners,
            speech_options(options, options.samples, options.wrong_rate),
            seed,
            set(),
            1.0,
            accounts,
        )
        seconds = time.perf_counter() - started
        drain_seconds, drained = await cl.drain_queue(client, options.drain_timeout)
    return speech, seconds, drain_seconds, drained


def bench_latency(options: Options, servers: list[ServerRun], log_sink: Path) -> list[LatencyRun]:
    runs: list[LatencyRun] = []
    settings = [
        (mode, presynthesis, workers)
        for mode in options.modes
        for presynthesis in options.presynthesis
        for workers in options.workers
    ]
    for mode, presynthesis, workers in settings:
        env = {} if presynthesis else {"TUTOR_PRESYNTHESIS": "false"}
        tag = f"{mode} presynthesis={'on' if presynthesis else 'off'} w={workers}"
        for repeat in range(options.repeat):
            run = ServerRun(f"latency {tag} run {repeat + 1}")
            servers.append(run)
            with fresh_stack(mode, options, workers, run, log_sink, env) as served:
                seed = options.seed * 100 + repeat
                speech, seconds, drain_s, drained = asyncio.run(
                    latency_run(served, options, workers, seed)
                )
            pre = sum(run.presynthesised.values())
            runs.append(
                LatencyRun(mode, workers, speech, seconds, drain_s, drained, pre, presynthesis)
            )
            print(
                f"  [latency {tag} r{repeat + 1}] {speech.samples} samples in "
                f"{seconds:.1f} s: {len(speech.fresh_ms)} fresh (p50 "
                f"{cl._fmt_ms(cl.percentile(speech.fresh_ms, 50))} ms, p95 "
                f"{cl._fmt_ms(cl.percentile(speech.fresh_ms, 95))} ms), "
                f"{len(speech.cached_ms)} cached, missed {speech.missed}, failed "
                f"{speech.failed}, errors {dict(speech.errors) or 0}; queue drained after "
                f"{drain_s:.1f} s{'' if drained else ' (NOT drained)'}; server exit "
                f"{run.exit_code}",
                flush=True,
            )
    return runs


def latency_table(runs: list[LatencyRun]) -> list[str]:
    lines = [
        "| mode | presynthesis | speech workers | runs | samples | cache hits | fresh p50 "
        "| fresh p95 (ms) | cached p50 | cached p95 (ms) | missed events | failed | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups: dict[tuple[str, bool, int], list[LatencyRun]] = {}
    for run in runs:
        groups.setdefault((run.mode, run.presynthesis, run.workers), []).append(run)
    for (mode, presynthesis, workers), group in groups.items():
        speeches = [run.speech for run in group]
        fresh = sum(len(s.fresh_ms) for s in speeches)
        cached = sum(len(s.cached_ms) for s in speeches)
        samples = fresh + cached
        share = f"{100 * cached / samples:.0f} % (fresh n={fresh})" if samples else "–"
        stats = [
            cl.median_of([cl.percentile(getattr(s, kind), p) for s in speeches])
            for kind in ("fresh_ms", "cached_ms")
            for p in (50, 95)
        ]
        errors = sum(sum(s.errors.values()) for s in speeches)
        lines.append(
            f"| {mode} | {'on' if presynthesis else 'off'} | {workers} | {len(group)} | "
            f"{samples} | {share} | "
            + " | ".join(cl._fmt_ms(v) for v in stats)
            + f" | {sum(s.missed for s in speeches)} | {sum(s.failed for s in speeches)} "
            f"| {errors} |"
        )
    return lines


def latency_details(runs: list[LatencyRun]) -> list[str]:
    lines = []
    for run in runs:
        s = run.speech
        lines.append(
            f"- {run.mode} presynthesis {'on' if run.presynthesis else 'off'} w={run.workers}: "
            f"{s.samples} samples in {run.seconds:.1f} s; fresh "
            f"{len(s.fresh_ms)} × {cl._fmt_ms(cl.percentile(s.fresh_ms, 50))}/"
            f"{cl._fmt_ms(cl.percentile(s.fresh_ms, 95))} ms, cached {len(s.cached_ms)} × "
            f"{cl._fmt_ms(cl.percentile(s.cached_ms, 50))}/"
            f"{cl._fmt_ms(cl.percentile(s.cached_ms, 95))} ms; events before the response "
            f"{s.early}; lines presynthesised at lesson starts {run.presynthesised}; "
            f"queue drained {run.drain_seconds:.1f} s after the last sample"
            f"{'' if run.drained else ' (NOT drained)'}; client errors "
            f"{dict(s.errors) or 'none'}"
        )
    return lines


# ----------------------------------------------------------------------------- b. cache


@dataclass
class Phase:
    name: str
    learners: int = 0
    turns: int = 0
    speech_turns: int = 0
    client_hits: int = 0
    hits: float = 0.0
    misses: float = 0.0
    completed: int = 0
    desyncs: int = 0
    seconds: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def ratio(self) -> float | None:
        total = self.hits + self.misses
        return self.hits / total if total else None


@dataclass
class CacheRun:
    mode: str
    lesson: str
    learners: int
    first: Phase
    presynthesis: Phase
    rest: Phase
    drain_seconds: float = 0.0
    drained: bool = False
    signup_seconds: float = 0.0
    logged_presynthesis: int = 0  # lines the server log says it presynthesised in phase 1
    logged_presynthesis_later: int = 0  # ... and in phase 2 (expected 0)


def logged_presynthesis(log: Path) -> int:
    text = log.read_text(errors="replace") if log.exists() else ""
    return sum(int(match.group(2)) for match in PRESYNTH_LINE.finditer(text))


async def play_lesson(
    client: httpx.AsyncClient,
    lesson: cl.LessonPlan,
    rng: random.Random,
    wrong_rate: float,
    phase: Phase,
) -> None:
    """One learner plays the lesson once (bounded turns); client-side cache hit = the job's
    status said ``finished`` right after the response."""
    learner = cl.Learner(cl.LessonPicker([lesson]), rng, wrong_rate)
    limit = 4 * len(lesson.steps) + 6
    for _ in range(limit):
        data = await cl.chat_turn(client, learner, [], phase.errors)
        if data is None:
            break
        phase.turns += 1
        key = data.get("audio_job_id")
        if key:
            phase.speech_turns += 1
            try:
                status = (await client.get(f"/tts/status/{key}")).json().get("status")
            except (httpx.HTTPError, ValueError) as exc:
                phase.errors[f"status {type(exc).__name__}"] += 1
                status = None
            phase.client_hits += status == "finished"
        if learner.completed:
            break
    phase.completed += learner.completed
    phase.desyncs += learner.desyncs


async def cache_run(served: cl.Served, options: Options, seed: int, run: CacheRun) -> None:
    started = time.perf_counter()
    accounts = await cl.sign_up(served.base_url, options.cache_learners)
    run.signup_seconds = time.perf_counter() - started
    async with cl.new_client(served.base_url, 4, accounts[0]) as client:
        lessons = await cl.load_lessons(client)
        wanted = options.cache_lesson or lessons[0].id
        found = [lesson for lesson in lessons if lesson.id == wanted]
        if not found:
            raise SystemExit(f"no lesson {wanted!r}; there are {[x.id for x in lessons]}")
        lesson = found[0]
        run.lesson = lesson.id

        # Phase 1: the first learner alone. Its opening turn starts the lesson's presynthesis.
        before = cache_counts(await cl.read_metrics(client))
        first = run.first
        first.learners = 1
        t0 = time.perf_counter()
        async with cl.new_client(served.base_url, 2, accounts[0]) as own:
            await play_lesson(own, lesson, random.Random(seed), options.cache_wrong_rate, first)
        first.seconds = time.perf_counter() - t0
        run.drain_seconds, run.drained = await cl.drain_queue(client, options.drain_timeout)
        after_first = cache_counts(await cl.read_metrics(client))
        # Phase 1's requests: the learner's own turns (the client knows how many had speech)
        # and the lesson's presynthesised lines (all misses on an empty cache: presynthesis
        # skips lines whose audio exists). The server log's count is the cross-check.
        hits, misses = after_first[0] - before[0], after_first[1] - before[1]
        first.hits = hits
        first.misses = first.speech_turns - hits
        run.presynthesis.misses = hits + misses - first.speech_turns
        run.presynthesis.speech_turns = round(run.presynthesis.misses)
        run.logged_presynthesis = logged_presynthesis(served.log)

        # Phase 2: learners 2..N, a few at a time, each in a client of its own.
        rest = run.rest
        queue = list(range(1, options.cache_learners))
        t0 = time.perf_counter()
        deadline = time.monotonic() + max(options.run_timeout, 3.0 * options.cache_learners)

        async def worker(worker_index: int) -> None:
            while queue and time.monotonic() < deadline:
                index = queue.pop(0)
                rng = random.Random(seed * 10_000 + index)
                async with cl.new_client(served.base_url, 2, accounts[index]) as own:
                    await play_lesson(own, lesson, rng, options.cache_wrong_rate, rest)
                rest.learners += 1

        await asyncio.gather(*(worker(i) for i in range(options.cache_concurrency)))
        rest.seconds = time.perf_counter() - t0
        after_rest = cache_counts(await cl.read_metrics(client))
        rest.hits = after_rest[0] - after_first[0]
        rest.misses = after_rest[1] - after_first[1]
        run.logged_presynthesis_later = logged_presynthesis(served.log) - run.logged_presynthesis
        # Let the misses of phase 2 (if any) finish before the server stops.
        await cl.drain_queue(client, min(30.0, options.drain_timeout))


def bench_cache(options: Options, servers: list[ServerRun], log_sink: Path) -> list[CacheRun]:
    runs: list[CacheRun] = []
    for mode in options.cache_modes:
        for repeat in range(options.repeat):
            server = ServerRun(f"cache {mode} run {repeat + 1}")
            servers.append(server)
            run = CacheRun(
                mode,
                "",
                options.cache_learners,
                Phase("learner 1 (its own turns)"),
                Phase("learner 1's start: presynthesis"),
                Phase(f"learners 2..{options.cache_learners}"),
            )
            with fresh_stack(mode, options, None, server, log_sink) as served:
                asyncio.run(cache_run(served, options, options.seed * 100 + repeat, run))
            pre = run.presynthesis.misses
            runs.append(run)
            ratio = run.rest.ratio
            print(
                f"  [cache {mode} r{repeat + 1}] lesson {run.lesson}: learner 1 "
                f"{run.first.hits:.0f} hits / {run.first.misses:.0f} misses (+{pre:.0f} "
                f"presynthesised; server log: {run.logged_presynthesis}), drained after "
                f"{run.drain_seconds:.1f} s; learners "
                f"2..{options.cache_learners}: {run.rest.hits:.0f} hits / "
                f"{run.rest.misses:.0f} misses = "
                f"{'–' if ratio is None else f'{100 * ratio:.1f} %'} in {run.rest.seconds:.1f} s;"
                f" errors {sum(run.first.errors.values()) + sum(run.rest.errors.values())}; "
                f"server exit {server.exit_code}",
                flush=True,
            )
    return runs


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def cache_table(runs: list[CacheRun]) -> list[str]:
    lines = [
        "| mode | lesson | phase | runs | learners | /chat turns | speech requests | hits "
        "| misses | hit ratio (metric) | client-side hits | seconds | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups: dict[tuple[str, str], list[CacheRun]] = {}
    for run in runs:
        groups.setdefault((run.mode, run.lesson), []).append(run)
    for (mode, lesson), group in groups.items():
        for attr in ("first", "presynthesis", "rest"):
            phases: list[Phase] = [getattr(run, attr) for run in group]
            hits = sum(p.hits for p in phases)
            misses = sum(p.misses for p in phases)
            ratio = cl.median_of([p.ratio for p in phases])
            speech_turns = sum(p.speech_turns for p in phases)
            client = (
                f"{sum(p.client_hits for p in phases)} / {speech_turns}"
                if attr != "presynthesis"
                else "–"
            )
            seconds = cl.median_of([p.seconds for p in phases]) if attr != "presynthesis" else None
            learners = sum(p.learners for p in phases) if attr != "presynthesis" else "–"
            turns = sum(p.turns for p in phases) if attr != "presynthesis" else "–"
            lines.append(
                f"| {mode} | {lesson} | {phases[0].name} | {len(group)} | {learners} | {turns} | "
                f"{hits + misses:.0f} | {hits:.0f} | {misses:.0f} | {_pct(ratio)} | {client} | "
                f"{'–' if seconds is None else f'{seconds:.1f}'} | "
                f"{sum(sum(p.errors.values()) for p in phases)} |"
            )
    return lines


def cache_verdict(runs: list[CacheRun]) -> list[str]:
    lines = []
    groups: dict[str, list[CacheRun]] = {}
    for run in runs:
        groups.setdefault(run.mode, []).append(run)
    for mode, group in groups.items():
        ratio = cl.median_of([run.rest.ratio for run in group])
        if ratio is None:
            continue
        met = "met" if ratio >= AIM_HIT_RATIO else "NOT met"
        drains = ", ".join(
            f"{run.drain_seconds:.1f} s{'' if run.drained else ' (not drained)'}" for run in group
        )
        lines.append(
            f"- {mode}: hit ratio of learners 2..{group[0].learners} {100 * ratio:.1f} % "
            f"(aim ≥ {100 * AIM_HIT_RATIO:.0f} %): {met}; queue drain after learner 1: {drains}; "
            f"lessons completed {sum(r.first.completed + r.rest.completed for r in group)}, "
            f"desyncs {sum(r.first.desyncs + r.rest.desyncs for r in group)}, sign-up "
            f"{statistics.median(r.signup_seconds for r in group):.1f} s; presynthesised lines "
            f"from the counter vs. the server log: "
            + ", ".join(f"{r.presynthesis.misses:.0f} vs {r.logged_presynthesis}" for r in group)
            + "; presynthesis logged during learners 2..N: "
            + ", ".join(str(r.logged_presynthesis_later) for r in group)
        )
    return lines


# ----------------------------------------------------------------------------- c. rtf


@dataclass
class RtfPass:
    rtfs: list[float]
    synth_seconds: float
    audio_seconds: float
    per_line_ms: list[float]
    duration_mismatches: int


@dataclass
class RtfResult:
    passes: list[RtfPass]
    lines: int
    chars: int
    init_seconds: float
    voice: str
    fmt: str
    sample_rate: int | None
    speeds: Counter[float]


def lesson_utterances() -> list[tuple[str, float]]:
    """What the local driver says aloud in every lesson (the presynthesised lines), with speeds."""
    from polish_tutor.ai_agent.drivers.local import LocalDriver
    from polish_tutor.lessons.catalog import LessonCatalog

    driver = LocalDriver()
    said: dict[tuple[str, float], None] = {}
    for lesson in LessonCatalog.from_directory():
        for item in driver.lesson_utterances(lesson, 1.0):
            said[item] = None
    return list(said)


def bench_rtf(options: Options) -> RtfResult:
    from polish_tutor.settings import Settings
    from polish_tutor.tts.drivers import SpeechRequest, default_voice
    from polish_tutor.tts.drivers.espeak import EspeakDriver

    settings = Settings()
    voice = default_voice(settings) if settings.tts_driver == "espeak" else settings.tts_voice
    fmt = settings.tts_format
    if fmt != "wav":
        print(f"  [rtf] TUTOR_TTS_FORMAT={fmt}; eSpeak makes WAV, measuring WAV", flush=True)
        fmt = "wav"
    utterances = lesson_utterances()
    started = time.perf_counter()
    driver = EspeakDriver()
    init_seconds = time.perf_counter() - started
    sample_rate = None
    passes = []
    try:
        driver.synthesize(SpeechRequest("Dzień dobry.", voice, 1.0, fmt))  # warm-up
        for _ in range(options.rtf_repeat):
            rtfs, per_line, mismatches = [], [], 0
            synth_total = audio_total = 0.0
            for text, speed in utterances:
                t0 = time.perf_counter()
                audio = driver.synthesize(SpeechRequest(text, voice, speed, fmt))
                elapsed = time.perf_counter() - t0
                with wave.open(io.BytesIO(audio.data), "rb") as wav:
                    frames, sample_rate = wav.getnframes(), wav.getframerate()
                seconds = frames / sample_rate
                if abs(seconds * 1000 - audio.duration_ms) > 2:
                    mismatches += 1
                rtfs.append(elapsed / seconds)
                per_line.append(elapsed * 1000)
                synth_total += elapsed
                audio_total += seconds
            passes.append(RtfPass(rtfs, synth_total, audio_total, per_line, mismatches))
            print(
                f"  [rtf] {len(utterances)} utterances: median RTF "
                f"{statistics.median(rtfs):.4f}, {synth_total:.2f} s of synthesis for "
                f"{audio_total:.1f} s of audio",
                flush=True,
            )
    finally:
        driver.close()
    return RtfResult(
        passes,
        len(utterances),
        sum(len(text) for text, _ in utterances),
        init_seconds,
        voice,
        fmt,
        sample_rate,
        Counter(speed for _, speed in utterances),
    )


def rtf_table(result: RtfResult) -> list[str]:
    passes = result.passes
    med = cl.median_of
    median_rtf = med([statistics.median(p.rtfs) for p in passes])
    p95_rtf = med([cl.percentile(p.rtfs, 95) for p in passes])
    overall = med([p.synth_seconds / p.audio_seconds for p in passes])
    per_line = med([statistics.median(p.per_line_ms) for p in passes])
    audio = med([p.audio_seconds for p in passes])
    synth = med([p.synth_seconds for p in passes])
    speed_up = f"{1 / median_rtf:.0f}×" if median_rtf else "–"
    return [
        "| passes | utterances | characters | audio s | synthesis s | median RTF | p95 RTF "
        "| overall RTF | median ms per utterance | faster than real time |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(passes)} | {result.lines} | {result.chars} | {audio:.1f} | {synth:.2f} | "
        f"{median_rtf:.4f} | {p95_rtf:.4f} | {overall:.4f} | {per_line:.1f} | {speed_up} |",
    ]


# ----------------------------------------------------------------------------- report


def _speeds(speeds: Counter[float]) -> str:
    return ", ".join(f"{speed:g} × {count}" for speed, count in sorted(speeds.items()))


def report(
    options: Options,
    command: str,
    latency: list[LatencyRun],
    cache: list[CacheRun],
    rtf: RtfResult | None,
    servers: list[ServerRun],
    log_name: str,
    busy: float,
) -> str:
    lines = [
        "# Speech benchmark",
        "",
        cl.machine_line(),
        "",
        f"Command: `{command}`",
        "",
        f"CPU {100 * busy:.0f} % busy (all cores, 1 s) before the first server started.",
        "",
    ]
    if "latency" in options.parts:
        lines += [
            "## a. /chat response → `audio_ready` (SSE)",
            "",
            f"{options.learners} concurrent learners, {options.samples} sampled turns per run, "
            f"{options.repeat} run(s) per setting, each on a fresh server (empty database and "
            "audio cache) started with `serve --tts-workers N`. Medians across runs of each "
            "run's p50/p95; counts are totals. Cache hit = `/tts/status` said `finished` "
            "right after the response (the event then arrives with the response: 0 ms); "
            "fresh = the rest: relay → RQ → eSpeak NG → stored → event. Learners play "
            "lessons round-robin (wrong answer first on "
            f"{100 * options.wrong_rate:.0f} % of steps), speech speed 1.0. "
            "Presynthesis on (the default server): each lesson's first start queues all of "
            "its lines (≈ 20–40 jobs), so the turns right after the learners' lesson starts "
            "wait behind several hundred presynthesis jobs on the same FIFO queue — that "
            "backlog is the p95; the turns after it mostly hit the cache. Presynthesis off "
            "(`TUTOR_PRESYNTHESIS=false`): only the turns' own jobs, the bare pipeline.",
            "",
            *latency_table(latency),
            "",
            *latency_details(latency),
            "",
        ]
    if "cache" in options.parts:
        lines += [
            "## b. Cache hit ratio, many learners on one lesson",
            "",
            f"{options.cache_learners} learners play the same lesson once each (wrong answer "
            f"first on {100 * options.cache_wrong_rate:.0f} % of steps); learner 1 alone, then "
            "a wait until the speech queue has drained (no outbox row pending or enqueued, RQ "
            f"queue empty), then learners 2..N, {options.cache_concurrency} at a time. "
            "Counted from the API's Prometheus counter "
            '`tutor_tts_cache_requests_total{result="hit"|"miss"}` on `/metrics` (incremented '
            "by the API process on every speech request; `serve` runs one API process, so "
            "this is its own registry), read before and after each phase. The presynthesised "
            "lines are speech requests too (misses on an empty cache): learner 1's row has its "
            "own turns (the turns whose response carried an audio_job_id; hits = the counter's "
            "hits), the presynthesis row the rest of the phase's requests, cross-checked "
            "against the server log (`presynthesis of …: N lines requested`). Client-side "
            "hits: `/tts/status` said `finished` right after "
            "the response (a cross-check). Hit ratio: median across runs.",
            "",
            *cache_table(cache),
            "",
            *cache_verdict(cache),
            "",
        ]
    if "rtf" in options.parts and rtf is not None:
        lines += [
            "## c. eSpeak NG synthesis speed (in-process)",
            "",
            f"`EspeakDriver.synthesize` called directly (voice `{rtf.voice}`, {rtf.fmt}, "
            f"{rtf.sample_rate} Hz), one thread, over every utterance the local driver "
            "pre-synthesises for the lessons (openings, praise + next line, retries, lines "
            f"and their slower repeats; speeds {_speeds(rtf.speeds)}). RTF = synthesis seconds / "
            "audio seconds (audio length from the WAV header); medians across passes. Driver "
            f"initialisation {1000 * rtf.init_seconds:.0f} ms (not counted); WAV length vs. "
            f"the driver's duration_ms disagreements: "
            f"{sum(p.duration_mismatches for p in rtf.passes)}.",
            "",
            *rtf_table(rtf),
            "",
        ]
    if servers:
        lines += [f"## Servers (logs in `{log_name}`)", ""]
        for server in servers:
            log = server.log
            lines.append(
                f"- {server.label}: exit code {server.exit_code}, {log.lines} log lines, "
                f"{log.tracebacks} tracebacks, {log.errors} ERROR, {log.warnings} WARNING, "
                f"non-2xx {dict(log.non_2xx) or 'none'}"
            )
            lines += [f"    - `{sample}`" for sample in log.samples[:4]]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    command = " ".join(["python", "bench/speech_bench.py", *(argv or sys.argv[1:])])
    started = time.perf_counter()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log_sink = options.out_dir / f"speech_bench-{stamp}-serve.log"
    busy = cl.cpu_busy()
    if busy > 0.25:
        print(
            f"WARNING: the CPU was {100 * busy:.0f} % busy before the run; figures will be noisy",
            file=sys.stderr,
        )
    servers: list[ServerRun] = []
    latency: list[LatencyRun] = []
    cache: list[CacheRun] = []
    rtf = None
    if "rtf" in options.parts:
        rtf = bench_rtf(options)
    if "latency" in options.parts:
        latency = bench_latency(options, servers, log_sink)
    if "cache" in options.parts:
        cache = bench_cache(options, servers, log_sink)
    text = report(options, command, latency, cache, rtf, servers, log_sink.name, busy)
    print()
    print(text)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    out = options.out_dir / f"speech_bench-{stamp}.md"
    out.write_text(text)
    print(f"written to {out} in {time.perf_counter() - started:.0f} s")
    failures = [f"{s.label}: server exit code {s.exit_code}" for s in servers if s.exit_code != 0]
    for run in latency:
        errors = sum(run.speech.errors.values())
        if errors or run.speech.missed or run.speech.failed:
            failures.append(
                f"latency {run.mode} presynthesis={run.presynthesis} w={run.workers}: "
                f"{errors} errors, {run.speech.missed} missed, {run.speech.failed} failed"
            )
    for cache_run in cache:
        errors = sum(cache_run.first.errors.values()) + sum(cache_run.rest.errors.values())
        if errors:
            failures.append(f"cache {cache_run.mode}: {errors} errors")
    for failure in failures:
        print(f"NOTE {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
