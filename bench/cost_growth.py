"""Cost growth of one long session: context size and /chat latency per turn (not a test).

    python bench/cost_growth.py [--mode embedded|production|both] [--drivers local,openai]
                                [--turns 2000] [--repeat 3] [--session free|lesson]

For each driver and repeat it starts its own server as chat_load does (``python -m polish_tutor
serve`` on a free loopback port, a fresh ``TUTOR_VAR_DIR``; ``--mode production``: a fresh
PostgreSQL database and Redis db 14, flushed before and after) and lets ONE learner play ONE
session of ``--turns`` /chat turns, one after another, about 30 % of its sentences with a
mistake. Per turn it records:

  * the /chat latency seen by the client (request sent → body read) and, from the transcript
    afterwards, the server's own ``latency_ms`` of the tutor turn;
  * the driver's context: with ``openai`` (pointed at the test suite's fake OpenAI server, run
    in a thread here) the characters of the ``messages`` the tutor-reply request carried; with
    ``local`` the session's hot state in Redis read just before the turn (what the orchestrator
    hands the driver): running summary + last ``context_turns`` turns + the message.

Reports turns 20, 200 and 2,000 (context at the turn, latency as the median of a 20-turn
window), their ratio to turn 20 against the aim (≤ 1.2×), the trend per tenth of the session,
the summary jobs (from the server log) and whether ``GET /sessions/{id}`` still returns every
turn. Prints markdown and writes it, with the machine line, to
``bench/out/cost_growth-<timestamp>.md``. Loopback only; every loop is bounded in count and
time. The exit code is 1 if any /chat failed, the transcript missed turns or a server did not
stop cleanly.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from redis import Redis
from redis.exceptions import RedisError

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(1, str(ROOT))  # tests.fakes: the fake OpenAI server

import chat_load as cl  # noqa: E402

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
AIM_RATIO = 1.2
FAKE_API_KEY = "sk-bench-cost-growth"
QUESTION_EVERY = 5  # free practice: every 5th message asks about a word, the others are sentences
# A rough token estimate: ~4 characters a token (OpenAI's rule of thumb for English; Polish
# with diacritics usually needs more tokens, so this is a floor). Words + punctuation marks
# are counted too, as a second, tokenizer-free measure.
CHARS_PER_TOKEN = 4
WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")
JOB_DONE = re.compile(
    r"\[(\d+)\].*Successfully completed polish_tutor\.sessions\.jobs\.summarise_session"
    r"\('([0-9a-f-]+)'\) job in (\d+):(\d+):([\d.]+)s"
)
SUMMARY_WRITTEN = re.compile(r"\[(\d+)\].*session summary written up to turn (\d+) \((\w+)\)")


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Options:
    modes: list[str]
    drivers: list[str]
    turns: int
    checkpoints: list[int]
    window: int
    repeat: int
    warmup: int
    wrong_rate: float
    session: str
    workload: str
    run_timeout: float
    database_url: str
    redis_url: str
    seed: int
    out_dir: Path


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description="Context size and /chat latency over one long session."
    )
    parser.add_argument(
        "--mode",
        choices=["embedded", "production", "both"],
        default=None,
        help="embedded: SQLite + embedded Valkey (default); production: PostgreSQL + Redis",
    )
    parser.add_argument(
        "--drivers", default="local,openai", help="agent drivers, comma-separated: local,openai"
    )
    parser.add_argument("--turns", type=int, default=2000, help="/chat turns in the session")
    parser.add_argument(
        "--checkpoints", default=None, help="turns to report (default 20,200,<turns>)"
    )
    parser.add_argument("--window", type=int, default=20, help="turns in a latency window")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per driver (a fresh server each)"
    )
    parser.add_argument(
        "--warmup", type=int, default=12, help="unmeasured turns in a session of their own first"
    )
    parser.add_argument("--wrong-rate", type=float, default=0.3, help="share of wrong sentences")
    parser.add_argument(
        "--session",
        choices=["free", "lesson"],
        default="free",
        help="free: free practice (no lesson_id); lesson: the longest lesson, played to its "
        "end and then continued in the same (completed) session",
    )
    parser.add_argument(
        "--workload",
        choices=["cycle", "random"],
        default="cycle",
        help="free practice: cycle (default) repeats the same --window messages over and over, "
        "so every latency window sees the same messages and only the session's length "
        "differs; random draws every message afresh",
    )
    parser.add_argument(
        "--run-timeout", type=float, default=900.0, help="seconds at most per measured session"
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL server for a fresh tutor_bench_<random> database per run "
        f"(implies --mode production; default {cl.DEFAULT_PG_ADMIN_URL})",
    )
    parser.add_argument(
        "--redis-url",
        default=None,
        help="Redis for production mode, flushed before and after each run "
        f"(implies --mode production; default {DEFAULT_REDIS_URL})",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the learner's choices")
    parser.add_argument("--out-dir", type=Path, default=cl.OUT_DIR, help="where the report goes")
    args = parser.parse_args(argv)

    mode = args.mode or ("production" if args.database_url or args.redis_url else "embedded")
    modes = ["embedded", "production"] if mode == "both" else [mode]
    drivers = [d.strip() for d in args.drivers.split(",") if d.strip()]
    if not drivers or any(d not in ("local", "openai") for d in drivers):
        parser.error("--drivers takes local and/or openai")
    if not 20 <= args.turns <= 20_000:
        parser.error("--turns must be within 20..20000")
    if not 2 <= args.window <= args.turns:
        parser.error("--window must be within 2..--turns")
    text = args.checkpoints or f"20,200,{args.turns}"
    try:
        checkpoints = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        parser.error("--checkpoints takes comma-separated integers")
    checkpoints = [c for c in checkpoints if 1 <= c <= args.turns]
    if not checkpoints:
        parser.error("--checkpoints needs at least one turn within 1..--turns")
    if not 1 <= args.repeat <= 20 or not 0 <= args.warmup <= 1000:
        parser.error("--repeat must be within 1..20 and --warmup within 0..1000")
    if not 0.0 <= args.wrong_rate <= 1.0:
        parser.error("--wrong-rate must be within 0..1")
    if not 10 <= args.run_timeout <= 6 * 3600:
        parser.error("--run-timeout must be within 10..21600 seconds")
    database_url = args.database_url or cl.DEFAULT_PG_ADMIN_URL
    redis_url = args.redis_url or DEFAULT_REDIS_URL
    for url in (database_url, redis_url):
        if not cl._is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    redis_db = (urlsplit(redis_url).path or "/0").lstrip("/") or "0"
    if not redis_db.isdigit() or int(redis_db) <= 10:
        parser.error("use a Redis db above 10 (db 0-10 belong to others); default db 14")
    return Options(
        modes=modes,
        drivers=drivers,
        turns=args.turns,
        checkpoints=checkpoints,
        window=args.window,
        repeat=args.repeat,
        warmup=args.warmup,
        wrong_rate=args.wrong_rate,
        session=args.session,
        workload=args.workload,
        run_timeout=args.run_timeout,
        database_url=database_url,
        redis_url=redis_url,
        seed=args.seed,
        out_dir=args.out_dir,
    )


# ----------------------------------------------------------------------------- the learner


@dataclass(frozen=True)
class Corpus:
    sentences: list[str]  # the first accepted answer of every step of every lesson
    words: list[str]  # one-word vocabulary items
    longest: cl.LessonPlan


async def load_corpus(client: httpx.AsyncClient) -> Corpus:
    plans = await cl.load_lessons(client)
    words: list[str] = []
    for plan in plans:
        lesson = (await client.get(f"/lessons/{plan.id}")).raise_for_status().json()
        words += [v["pl"] for v in lesson.get("vocabulary", []) if v["pl"].isalpha()]
    sentences = [step.answer for plan in plans for step in plan.steps]
    longest = max(plans, key=lambda plan: len(plan.steps))
    return Corpus(sentences, words or ["kawa"], longest)


class LongLearner:
    """One learner, one session, as many turns as asked.

    ``free``: no lesson; four messages in five are lesson sentences (a share of them with a
    chat_load-style mistake), every fifth asks what a word means or how it declines — what the
    local tutor answers outside a lesson. ``lesson``: the longest lesson played step by step
    (a wrong answer first at ``wrong_rate``), then, once it is complete, its sentences again in
    the same session.
    """

    def __init__(
        self,
        corpus: Corpus,
        rng: random.Random,
        wrong_rate: float,
        kind: str,
        period: int | None = None,
    ) -> None:
        self.corpus = corpus
        self.rng = rng
        # ``period``: free practice repeats its messages with this period (turn t's message
        # depends on t mod period only), so windows of that length all see the same messages.
        self.period = period
        self._seed = rng.randrange(2**32)
        self.wrong_rate = wrong_rate
        self.kind = kind
        self.session_id: str | None = None
        self.turns = 0
        self.wrong_sent = 0
        self.questions = 0
        self._next_sentence = rng.randrange(len(corpus.sentences))
        self._first_sentence = self._next_sentence
        self.step = 0
        self.tried_wrong = False
        self.completed_at: int | None = None
        self.desyncs = 0

    def next_body(self) -> dict[str, Any]:
        self.turns += 1
        if self.kind == "lesson":
            body = self._lesson_body()
        else:
            body = {"message": self._free_message()}
        if self.session_id is not None:
            body["session_id"] = self.session_id
        return body

    def _sentence(self, sentences: list[str]) -> str:
        answer = sentences[self._next_sentence % len(sentences)]
        self._next_sentence += 1
        if self.rng.random() < self.wrong_rate:
            self.wrong_sent += 1
            return cl.wrong_answer(answer, self.rng)
        return answer

    def _free_message(self) -> str:
        index = self.turns
        if self.period is not None:
            position = (self.turns - 1) % self.period
            self.rng = random.Random(self._seed + position)
            self._next_sentence = self._first_sentence + position
            index = position + 1
        if index % QUESTION_EVERY == 0:
            self.questions += 1
            word = self.rng.choice(self.corpus.words)
            return f"co znaczy {word}?" if self.rng.random() < 0.5 else f"odmień {word}"
        return self._sentence(self.corpus.sentences)

    def _lesson_body(self) -> dict[str, Any]:
        lesson = self.corpus.longest
        if self.session_id is None:
            return {"message": cl.OPENING, "lesson_id": lesson.id}
        if self.completed_at is not None:
            return {"message": self._sentence([s.answer for s in lesson.steps])}
        answer = lesson.steps[min(self.step, len(lesson.steps) - 1)].answer
        if not self.tried_wrong:
            self.tried_wrong = True
            if self.rng.random() < self.wrong_rate:
                self.wrong_sent += 1
                return {"message": cl.wrong_answer(answer, self.rng)}
        return {"message": answer}

    def observe(self, data: dict[str, Any]) -> None:
        self.session_id = str(data["session_id"])
        if self.kind != "lesson" or self.completed_at is not None:
            return
        feedback = data.get("feedback") or {}
        if feedback.get("verdict") in ("correct", "acceptable"):
            self.step += 1
            self.tried_wrong = False
        following = data.get("next_dialogue")
        if following is None:
            self.completed_at = self.turns
            return
        steps = self.corpus.longest.steps
        if self.step < len(steps) and steps[self.step].tutor == following:
            return
        self.desyncs += 1
        found = [i for i, s in enumerate(steps) if s.tutor == following]
        if found:
            self.step, self.tried_wrong = found[0], False


# ----------------------------------------------------------------------------- a run


@dataclass
class RunResult:
    mode: str
    driver: str
    repeat: int
    turns_asked: int
    latencies: list[float | None] = field(default_factory=list)  # per turn; None = failed
    context_chars: list[int | None] = field(default_factory=list)  # what the driver got
    context_words: list[int | None] = field(default_factory=list)
    hot_chars: list[int | None] = field(default_factory=list)  # summary + recent + message
    system_chars: list[int | None] = field(default_factory=list)  # openai: the system prompt
    summary_chars: list[int | None] = field(default_factory=list)
    summary_lag: list[int | None] = field(default_factory=list)  # rows not yet summarised
    server_ms: list[float | None] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    degraded: int = 0
    wrong_sent: int = 0
    questions: int = 0
    lesson_completed_at: int | None = None
    desyncs: int = 0
    tutor_requests: int = 0
    repairs: int = 0
    fake_summary_requests: int = 0
    session_id: str = ""
    final_summary: str = ""
    final_upto: int | None = None
    summary_jobs: list[float] = field(default_factory=list)  # seconds, in order
    summary_methods: Counter[str] = field(default_factory=Counter)
    transcript_turns: int | None = None
    transcript_expected: int = 0
    transcript_ok: bool = False
    transcript_ms: float | None = None
    transcript_bytes: int = 0
    log: cl.LogSummary = field(default_factory=cl.LogSummary)
    exit_code: int | None = None
    seconds: float = 0.0
    busy_before: float = 0.0

    @property
    def ok_turns(self) -> int:
        return sum(1 for value in self.latencies if value is not None)


class HotReader:
    """The session's hot state in Redis (``tutor:session:{id}``), read between turns."""

    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)

    def read(self, session_id: str | None) -> tuple[str, list[str], int, int] | None:
        """(summary, recent turns' texts, upto, turn count), or None when there is none."""
        if session_id is None:
            return "", [], 0, 0
        try:
            state, summary, upto = self.redis.hmget(
                f"tutor:session:{session_id}", ["state", "summary", "upto"]
            )
        except RedisError:
            return None
        if state is None or summary is None or upto is None:
            return None
        parsed = json.loads(state)
        recent = [str(turn["text"]) for turn in parsed.get("recent", [])]
        text = summary.decode() if isinstance(summary, bytes) else str(summary)
        return text, recent, int(upto), int(parsed.get("turn_count", 0))

    def summarising(self, session_id: str) -> bool:
        try:
            return bool(self.redis.exists(f"tutor:summarising:{session_id}"))
        except RedisError:
            return False

    def close(self) -> None:
        self.redis.close()


class FakeLog:
    """The fake OpenAI server's request bodies, consumed in order."""

    def __init__(self, fake: Any) -> None:
        self.fake = fake
        self.seen = 0

    def new(self) -> list[dict[str, Any]]:
        requests = self.fake.requests
        end = len(requests)
        fresh = [r for r in requests[self.seen : end] if isinstance(r.get("messages"), list)]
        self.seen = end
        return fresh


def words_of(text: str) -> int:
    return len(WORD_OR_MARK.findall(text))


async def play_session(
    served: cl.Served,
    redis_url: str,
    corpus_seed: int,
    options: Options,
    result: RunResult,
    fake_log: FakeLog | None,
) -> None:
    accounts = await cl.sign_up(served.base_url, 1)
    hot = HotReader(redis_url)
    tag = f"[{result.mode} {result.driver} r{result.repeat + 1}]"
    try:
        async with cl.new_client(served.base_url, 2, accounts[0]) as client:
            corpus = await load_corpus(client)
            rng = random.Random(corpus_seed)
            # A short session of its own first (below the summary threshold by default): the
            # connection, the engine's caches and the database are warm for turn 1.
            warm = LongLearner(corpus, random.Random(corpus_seed + 7), options.wrong_rate, "free")
            for _ in range(options.warmup):
                warm_response = await client.post("/chat", json=warm.next_body())
                if warm_response.status_code == 200:
                    warm.observe(warm_response.json())
            if fake_log is not None:
                await asyncio.sleep(0.5)
                fake_log.new()  # the warm-up's requests are not the session's
            period = options.window if options.workload == "cycle" else None
            learner = LongLearner(corpus, rng, options.wrong_rate, options.session, period)
            deadline = time.monotonic() + options.run_timeout
            started_all = time.perf_counter()
            consecutive_errors = 0
            for turn in range(1, options.turns + 1):
                if time.monotonic() > deadline or consecutive_errors >= 20:
                    print(f"  {tag} stopped at turn {turn - 1}", file=sys.stderr, flush=True)
                    break
                body = learner.next_body()
                state = hot.read(learner.session_id)
                if state is None:
                    result.hot_chars.append(None)
                    result.summary_chars.append(None)
                    result.summary_lag.append(None)
                    hot_text = None
                else:
                    summary, recent, upto, count = state
                    hot_text = "\n".join([summary, *recent, body["message"]])
                    result.hot_chars.append(
                        len(summary) + sum(map(len, recent)) + len(body["message"])
                    )
                    result.summary_chars.append(len(summary))
                    result.summary_lag.append(count - upto)
                headers = {"Idempotency-Key": uuid.uuid4().hex}  # as the web page sends
                began = time.perf_counter()
                response: httpx.Response | None
                try:
                    response = await client.post("/chat", json=body, headers=headers)
                    elapsed = (time.perf_counter() - began) * 1000
                except httpx.HTTPError as exc:
                    response, elapsed = None, 0.0
                    result.errors[type(exc).__name__] += 1
                if response is not None and response.status_code != 200:
                    result.errors[f"HTTP {response.status_code}"] += 1
                if response is None or response.status_code != 200:
                    consecutive_errors += 1
                    result.latencies.append(None)
                    result.context_chars.append(None)
                    result.context_words.append(None)
                    result.system_chars.append(None)
                    if fake_log is not None:
                        fake_log.new()
                    continue
                consecutive_errors = 0
                data = response.json()
                learner.observe(data)
                result.latencies.append(elapsed)
                result.degraded += bool(data.get("degraded"))
                _record_context(result, fake_log, hot_text)
                if turn % max(1, options.turns // 10) == 0:
                    _progress(tag, turn, options.turns, result, started_all)
            result.session_id = learner.session_id or ""
            result.wrong_sent = learner.wrong_sent
            result.questions = learner.questions
            result.lesson_completed_at = learner.completed_at
            result.desyncs = learner.desyncs
            await _settle(hot, result, fake_log)
            await _transcript(client, result)
    finally:
        hot.close()


def _record_context(result: RunResult, fake_log: FakeLog | None, hot_text: str | None) -> None:
    if fake_log is None:  # local: the hot state the orchestrator handed the driver
        result.context_chars.append(result.hot_chars[-1])
        result.context_words.append(words_of(hot_text) if hot_text is not None else None)
        result.system_chars.append(None)
        return
    chars = words = system = 0
    tutor = 0
    for request in fake_log.new():
        if not request.get("response_format"):  # the summariser asks for plain text
            result.fake_summary_requests += 1
            continue
        tutor += 1
        messages = request["messages"]
        texts = [str(m.get("content") or "") for m in messages]
        chars += sum(map(len, texts))
        words += sum(map(words_of, texts))
        if messages and messages[0].get("role") == "system" and tutor == 1:
            system = len(texts[0])
    result.tutor_requests += tutor
    result.repairs += max(0, tutor - 1)
    result.context_chars.append(chars if tutor else None)
    result.context_words.append(words if tutor else None)
    result.system_chars.append(system if tutor else None)


def _progress(tag: str, turn: int, total: int, result: RunResult, started: float) -> None:
    block = max(1, total // 10)
    recent = [v for v in result.latencies[-block:] if v is not None]
    context = next((c for c in reversed(result.context_chars) if c is not None), None)
    summary = next((s for s in reversed(result.summary_chars) if s is not None), None)
    p50 = statistics.median(recent) if recent else float("nan")
    print(
        f"  {tag} turn {turn}/{total}: p50 {p50:.1f} ms over the last {block}, context "
        f"{context} chars, summary {summary} chars, errors {sum(result.errors.values())}, "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
        flush=True,
    )


async def _settle(hot: HotReader, result: RunResult, fake_log: FakeLog | None) -> None:
    """Wait (30 s at most) for a summary job still running, then read the final summary."""
    if not result.session_id:
        return
    for _ in range(150):
        if not hot.summarising(result.session_id):
            break
        await asyncio.sleep(0.2)
    state = hot.read(result.session_id)
    if state is not None:
        result.final_summary, _, result.final_upto, _ = state
    if fake_log is not None:
        await asyncio.sleep(0.2)
        result.fake_summary_requests += sum(
            1 for request in fake_log.new() if not request.get("response_format")
        )


async def _transcript(client: httpx.AsyncClient, result: RunResult) -> None:
    """GET /sessions/{id}: every turn still there, in order; the server's latency_ms."""
    result.transcript_expected = 2 * result.ok_turns
    if not result.session_id:
        return
    began = time.perf_counter()
    try:
        response = await client.get(f"/sessions/{result.session_id}", timeout=120)
    except httpx.HTTPError as exc:
        result.errors[f"transcript {type(exc).__name__}"] += 1
        return
    result.transcript_ms = (time.perf_counter() - began) * 1000
    result.transcript_bytes = len(response.content)
    if response.status_code != 200:
        result.errors[f"transcript HTTP {response.status_code}"] += 1
        return
    turns = response.json()["turns"]
    result.transcript_turns = len(turns)
    seqs = [turn["seq"] for turn in turns]
    roles_ok = all(t["role"] == ("learner" if t["seq"] % 2 == 0 else "tutor") for t in turns)
    result.transcript_ok = (
        seqs == list(range(len(turns))) and roles_ok and len(turns) == result.transcript_expected
    )
    tutor_ms = iter(t.get("latency_ms") for t in turns if t["role"] == "tutor")
    result.server_ms = [next(tutor_ms, None) if v is not None else None for v in result.latencies]


def summary_jobs_from_log(path: Path, session_id: str) -> tuple[list[float], Counter[str]]:
    """The session's summary jobs in the server log: durations (s) and how they were made."""
    durations: list[float] = []
    methods: Counter[str] = Counter()
    written: dict[str, str] = {}
    if not path.exists() or not session_id:
        return durations, methods
    for line in path.read_text(errors="replace").splitlines():
        if (match := SUMMARY_WRITTEN.search(line)) is not None:
            written[match.group(1)] = match.group(3)
        elif (match := JOB_DONE.search(line)) is not None and match.group(2) == session_id:
            hours, minutes, seconds = match.group(3, 4, 5)
            durations.append(int(hours) * 3600 + int(minutes) * 60 + float(seconds))
            methods[written.pop(match.group(1), "skipped")] += 1
    return durations, methods


@contextmanager
def fake_openai() -> Iterator[tuple[Any, str]]:
    from tests.fakes.openai_fake import FakeOpenAI
    from tests.fakes.server import serve

    fake = FakeOpenAI(api_key=FAKE_API_KEY)
    with serve(fake.app) as url:
        fake.base_url = url
        yield fake, url


def embedded_redis_url(var_dir: Path) -> str:
    config = (var_dir / "valkey" / "valkey.conf").read_text()
    match = re.search(r'^port\s+"?(\d+)"?\s*$', config, re.MULTILINE)
    if match is None:
        raise RuntimeError("no port in the embedded Valkey's configuration")
    return f"redis://{cl.LOOPBACK}:{match.group(1)}"


def run_once(mode: str, driver: str, repeat: int, options: Options) -> RunResult:
    result = RunResult(mode, driver, repeat, options.turns, busy_before=cl.cpu_busy())
    if result.busy_before > 0.25:
        print(
            f"WARNING: the CPU was {100 * result.busy_before:.0f} % busy before the run; "
            "figures will be noisy",
            file=sys.stderr,
        )
    started = time.perf_counter()
    seed = options.seed * 1000 + repeat
    with tempfile.TemporaryDirectory(prefix=f"cost_growth_{mode}_{driver}_") as tmp:
        work_dir = Path(tmp)
        with (
            cl.mode_services(mode, options.database_url, options.redis_url) as env,
            _driver_env(driver) as (driver_env, fake),
        ):
            served = cl.start_server(mode, work_dir, {**env, **driver_env})
            print(
                f"{mode} {driver} r{repeat + 1}: serving on {served.base_url}",
                file=sys.stderr,
                flush=True,
            )
            try:
                redis_url = (
                    env["TUTOR_REDIS_URL"]
                    if mode == "production"
                    else embedded_redis_url(work_dir / "var")
                )
                fake_log = FakeLog(fake) if fake is not None else None
                asyncio.run(play_session(served, redis_url, seed, options, result, fake_log))
            finally:
                result.exit_code = cl.stop_server(served)
                result.log = cl.summarise_log(served.log)
                result.summary_jobs, result.summary_methods = summary_jobs_from_log(
                    served.log, result.session_id
                )
                options.out_dir.mkdir(parents=True, exist_ok=True)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                name = f"serve-cost_growth-{mode}-{driver}-r{repeat + 1}-{stamp}.log"
                shutil.copy(served.log, options.out_dir / name)
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _driver_env(driver: str) -> Iterator[tuple[dict[str, str], Any]]:
    if driver == "local":
        yield {"TUTOR_AGENT_DRIVER": "local"}, None
        return
    with fake_openai() as (fake, url):
        yield (
            {
                "TUTOR_AGENT_DRIVER": "openai",
                "TUTOR_OPENAI_BASE_URL": f"{url}/v1",
                "TUTOR_OPENAI_API_KEY": FAKE_API_KEY,
                "TUTOR_OPENAI_MODEL": "gpt-4o-mini",
            },
            fake,
        )


# ----------------------------------------------------------------------------- report


def window_of(turn: int, total: int, size: int) -> tuple[int, int]:
    """A ``size``-turn window around ``turn`` (1-based, inclusive), kept within the session:
    20 → 11–30, 200 → 191–210, 2000 of 2000 → 1981–2000."""
    start = max(1, min(turn - size // 2 + 1, total - size + 1))
    return start, start + size - 1


def window_median(values: list[Any], turn: int, total: int, size: int) -> float | None:
    start, end = window_of(turn, total, size)
    present = [v for v in values[start - 1 : end] if v is not None]
    return statistics.median(present) if present else None


def at(values: list[Any], turn: int) -> Any:
    return values[turn - 1] if 0 < turn <= len(values) else None


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _fmt_int(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _ratio(later: float | None, first: float | None) -> float | None:
    return later / first if later is not None and first else None


def _groups(results: list[RunResult]) -> dict[tuple[str, str], list[RunResult]]:
    groups: dict[tuple[str, str], list[RunResult]] = {}
    for result in results:
        groups.setdefault((result.mode, result.driver), []).append(result)
    return groups


def checkpoint_table(results: list[RunResult], options: Options) -> list[str]:
    lines = [
        "| mode | driver | turn | context chars at the turn | context chars (window median) "
        "| est. tokens (chars/4) | words + marks | summary chars | /chat p50 (ms, window) "
        "| server latency_ms p50 (window) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    w = options.window
    for (mode, driver), runs in _groups(results).items():
        for turn in options.checkpoints:
            total = options.turns
            chars = cl.median_of([at(r.context_chars, turn) for r in runs])
            chars_w = cl.median_of([window_median(r.context_chars, turn, total, w) for r in runs])
            words = cl.median_of([at(r.context_words, turn) for r in runs])
            summary = cl.median_of([at(r.summary_chars, turn) for r in runs])
            latency = cl.median_of([window_median(r.latencies, turn, total, w) for r in runs])
            server = cl.median_of([window_median(r.server_ms, turn, total, w) for r in runs])
            tokens = None if chars is None else math.ceil(chars / CHARS_PER_TOKEN)
            start, end = window_of(turn, total, w)
            lines.append(
                f"| {mode} | {driver} | {turn} ({start}–{end}) | {_fmt_int(chars)} | "
                f"{_fmt_int(chars_w)} | {_fmt_int(tokens)} | {_fmt_int(words)} | "
                f"{_fmt_int(summary)} | {_fmt(latency)} | {_fmt(server)} |"
            )
    return lines


def aim_table(results: list[RunResult], options: Options) -> list[str]:
    first, last = options.checkpoints[0], options.checkpoints[-1]
    lines = [
        f"| mode | driver | context ×, turn {last} / turn {first} (window medians) "
        "| max context chars (turn) | /chat latency × | server latency_ms × "
        f"| aim ≤ {AIM_RATIO}× | last tenth / first tenth: mean ctx ×, /chat p50 × |",
        "|---|---|---:|---:|---:|---:|---|---:|",
    ]
    w, total = options.window, options.turns
    for (mode, driver), runs in _groups(results).items():

        def ratio(name: str, runs: list[RunResult] = runs) -> float | None:
            a = cl.median_of([window_median(getattr(r, name), first, total, w) for r in runs])
            b = cl.median_of([window_median(getattr(r, name), last, total, w) for r in runs])
            return _ratio(b, a)

        context, latency, server = ratio("context_chars"), ratio("latencies"), ratio("server_ms")
        peaks = [
            max(((c, i + 1) for i, c in enumerate(r.context_chars) if c is not None), default=None)
            for r in runs
        ]
        peak = max((p for p in peaks if p is not None), default=None)
        # The aim is about the context and the /chat latency; the server's latency_ms (a
        # millisecond or two with the local driver) is shown, not judged.
        judged = {"context": context, "/chat latency": latency}
        known = [v for v in judged.values() if v is not None]
        if not known:
            verdict = "–"
        elif all(v <= AIM_RATIO for v in known):
            verdict = "met"
        else:
            verdict = "not met: " + _over(judged)
        block = max(1, total // 10)
        head, tail = _block(runs, 0, block), _block(runs, total - block, total)
        tenths = f"{_fmt(_ratio(tail[3], head[3]), 2)}, {_fmt(_ratio(tail[0], head[0]), 2)}"
        lines.append(
            f"| {mode} | {driver} | {_fmt(context, 2)} | "
            f"{'–' if peak is None else f'{peak[0]} ({peak[1]})'} | {_fmt(latency, 2)} | "
            f"{_fmt(server, 2)} | {verdict} | {tenths} |"
        )
    return lines


def _over(ratios: dict[str, float | None]) -> str:
    return ", ".join(name for name, v in ratios.items() if v is not None and v > AIM_RATIO)


def trend_table(results: list[RunResult], options: Options) -> list[str]:
    groups = _groups(results)
    block = max(1, options.turns // 10)
    header = "| turns |" + "".join(
        f" {mode} {driver}: /chat p50 / p95 (ms) | server p50 | ctx chars |"
        for mode, driver in groups
    )
    lines = [header, "|---|" + "---:|---:|---:|" * len(groups)]
    for start in range(0, options.turns, block):
        end = min(start + block, options.turns)
        cells = []
        for runs in groups.values():
            p50, p95, server, ctx = _block(runs, start, end)
            cells.append(f" {_fmt(p50)} / {_fmt(p95)} | {_fmt(server)} | {_fmt_int(ctx)} |")
        lines.append(f"| {start + 1}–{end} |" + "".join(cells))
    return lines


def _block(
    runs: list[RunResult], start: int, end: int
) -> tuple[float | None, float | None, float | None, float | None]:
    """Turns [start, end) of every run: medians across runs of p50, p95, server p50, mean ctx."""
    return (
        cl.median_of([cl.percentile(_present(r.latencies[start:end]), 50) for r in runs]),
        cl.median_of([cl.percentile(_present(r.latencies[start:end]), 95) for r in runs]),
        cl.median_of([cl.percentile(_present(r.server_ms[start:end]), 50) for r in runs]),
        cl.median_of([_mean(_present(r.context_chars[start:end])) for r in runs]),
    )


def _present(values: list[Any]) -> list[Any]:
    return [v for v in values if v is not None]


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summary_table(results: list[RunResult]) -> list[str]:
    lines = [
        "| mode | driver | run | turns ok | errors | summary jobs (written / skipped) | method "
        "| job s, first 10 / last 10 (median) | summary chars at end (upto) | max lag (rows) "
        "| transcript turns / expected | GET /sessions/{id} ms (MB) |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        written = sum(n for m, n in r.summary_methods.items() if m != "skipped")
        skipped = r.summary_methods.get("skipped", 0)
        methods = ", ".join(m for m in r.summary_methods if m != "skipped") or "–"
        head = _median(r.summary_jobs[:10])
        tail = _median(r.summary_jobs[-10:])
        lag = max(_present(r.summary_lag), default=None)
        transcript = f"{_fmt_int(r.transcript_turns)} / {r.transcript_expected}" + (
            "" if r.transcript_ok else " ✗"
        )
        lines.append(
            f"| {r.mode} | {r.driver} | {r.repeat + 1} | {r.ok_turns} | "
            f"{sum(r.errors.values())} | {written} / {skipped} | {methods} | "
            f"{_fmt(head, 2)} / {_fmt(tail, 2)} | {len(r.final_summary)} ({r.final_upto}) | "
            f"{_fmt_int(lag)} | {transcript} | {_fmt_int(r.transcript_ms)} "
            f"({r.transcript_bytes / 1e6:.2f}) |"
        )
    return lines


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def details(results: list[RunResult], options: Options) -> list[str]:
    lines = []
    for r in results:
        extra = ""
        if r.driver == "openai":
            system = _present(r.system_chars)
            extra = (
                f"; {r.tutor_requests} tutor-reply requests ({r.repairs} repairs), "
                f"{r.fake_summary_requests} summary requests at the fake; system prompt "
                f"{min(system, default=0)}–{max(system, default=0)} chars; hot state (summary "
                f"+ recent + message) at turn {options.checkpoints[-1]}: "
                f"{_fmt_int(at(r.hot_chars, options.checkpoints[-1]))} chars"
            )
        if options.session == "lesson":
            extra += f"; lesson completed at turn {r.lesson_completed_at}, desyncs {r.desyncs}"
        log = r.log
        lines += [
            f"- {r.mode} {r.driver} r{r.repeat + 1}: {r.ok_turns} turns in {r.seconds:.0f} s "
            f"(whole run), errors {dict(r.errors) or 'none'}, degraded {r.degraded}, "
            f"{r.wrong_sent} sentences with a mistake, {r.questions} word questions{extra}; "
            f"CPU {100 * r.busy_before:.0f} % busy before; server exit code {r.exit_code}, "
            f"log {log.lines} lines, {log.tracebacks} tracebacks, {log.errors} ERROR, "
            f"{log.warnings} WARNING, non-2xx {dict(log.non_2xx) or 'none'}",
        ]
        lines += [f"    - `{sample}`" for sample in log.samples]
    finals = {r.driver: r.final_summary for r in results if r.final_summary}
    for driver, text in finals.items():
        lines.append(f"- final summary ({driver}, last run): “{text[:400]}”")
    return lines


def report(results: list[RunResult], options: Options, command: str, seconds: float) -> str:
    first, last = options.checkpoints[0], options.checkpoints[-1]
    context_note = (
        "Context = what the driver got for the turn. `openai`: the characters of the `messages` "
        "of the turn's tutor-reply request(s) as the fake OpenAI server received them (system "
        "prompt with the running summary, the recent turns, the message; requests without a "
        "`response_format` are the summariser's and are counted apart). `local`: the session's "
        "hot state in Redis read just before the turn — running summary + the last "
        "`context_turns` turns + the message — which is what the orchestrator hands the "
        "driver (the local driver itself reads neither the summary nor the recent turns). "
        f"Est. tokens = ⌈chars / {CHARS_PER_TOKEN}⌉ (no tokenizer offline; Polish usually "
        "needs more tokens than this, so read it as a floor); words + marks = matches of "
        "`\\w+|[^\\w\\s]`."
    )
    if options.session == "free":
        played = "one free-practice session (no lesson)"
        if options.workload == "cycle":
            played += (
                f" whose messages repeat every {options.window} turns (the same sentences, "
                "mistakes and word questions in every latency window, so only the session's "
                "length differs between windows)"
            )
    else:
        played = "one lesson session (the longest lesson, continued after it is complete)"
    lines = [
        "# Cost growth of one long session",
        "",
        cl.machine_line(),
        "",
        f"Command: `{command}` ({seconds:.0f} s)",
        "",
        f"One learner, {played}, of {options.turns} sequential /chat turns per run; "
        f"{options.repeat} run(s) per driver, each on a fresh server, after {options.warmup} "
        f"warm-up turns in another session; about {100 * options.wrong_rate:.0f} % of the "
        f"sentences carry a mistake. Latency = median over a {options.window}-turn window "
        "around the turn (the turns in brackets): client-side (request sent → body read) and "
        "the server's own `latency_ms` of the tutor turn (hot-state read → driver → before the "
        "write). Medians across the runs. " + context_note,
        "",
    ]
    lines += [
        *checkpoint_table(results, options),
        "",
        f"Aim: turn {last} within {AIM_RATIO}× of turn {first} (context by window medians; the "
        "maximum context of any turn beside it).",
        "",
        *aim_table(results, options),
        "",
        f"Trend per {max(1, options.turns // 10)} turns (medians across runs of each run's "
        "p50/p95 and mean context):",
        "",
        *trend_table(results, options),
        "",
        "Summary jobs (from the server log, this session only; job time as RQ logs it), the "
        "summary in Redis at the end, the largest number of turn rows not yet summarised seen "
        "before a turn, and the whole transcript read back at the end:",
        "",
        *summary_table(results),
        "",
        *details(results, options),
        "",
    ]
    return "\n".join(lines)


def _raw(r: RunResult) -> dict[str, Any]:
    """One run's per-turn figures (index 0 = turn 1), for a closer look than the report."""
    keys = (
        "latencies",
        "server_ms",
        "context_chars",
        "context_words",
        "hot_chars",
        "system_chars",
        "summary_chars",
        "summary_lag",
        "summary_jobs",
    )
    return {
        "mode": r.mode,
        "driver": r.driver,
        "run": r.repeat + 1,
        "session_id": r.session_id,
        **{key: getattr(r, key) for key in keys},
    }


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    command = " ".join(["python", "bench/cost_growth.py", *(argv or sys.argv[1:])])
    started = time.perf_counter()
    results: list[RunResult] = []
    for mode in options.modes:
        for repeat in range(options.repeat):
            for driver in options.drivers:  # interleaved: drift hits both drivers alike
                results.append(run_once(mode, driver, repeat, options))
    text = report(results, options, command, time.perf_counter() - started)
    print()
    print(text)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = options.out_dir / f"cost_growth-{stamp}.md"
    out.write_text(text)
    raw = out.with_suffix(".json")
    raw.write_text(json.dumps([_raw(r) for r in results]))
    seconds = time.perf_counter() - started
    print(f"written to {out} (per-turn figures in {raw.name}) in {seconds:.0f} s")
    failures = []
    for r in results:
        errors = sum(r.errors.values())
        if errors or r.exit_code != 0 or not r.transcript_ok or r.ok_turns < options.turns:
            failures.append(
                f"{r.mode} {r.driver} r{r.repeat + 1}: {errors} errors, {r.ok_turns} turns ok, "
                f"transcript {'ok' if r.transcript_ok else 'incomplete'}, exit code {r.exit_code}"
            )
    for failure in failures:
        print(f"NOTE {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
