"""``/healthz`` and ``/chat`` under wrk, in the same server run, with CPU per turn (not a test).

    python bench/chat_wrk.py [--mode embedded|production|both] [--connections 32]
                             [--sessions 128] [--duration 30] [--healthz-duration 15]

``bench/chat_load.py``'s Python client tops out near 400 requests/s on two cores, so the
``/healthz`` ceiling it reports is the client's and its ratio flatters ``/chat``. wrk (C, one
thread: one core at most) drives thousands of requests/s. Per mode the script:

1. starts ``polish-tutor serve`` as ``chat_load.py`` does (a fresh var dir; production mode: a
   fresh PostgreSQL database and a flushed Redis db, ``--tts-workers 1``), the rate limits
   lifted (``chat_load.SERVER_LIMITS``);
2. signs up one account per connection and opens ``--sessions`` lesson sessions with
   ``POST /chat`` (the lessons round-robin, the sessions spread over the accounts);
3. writes the learners' answers for every step of every lesson to a file the Lua script
   (``bench/chat_wrk.lua``) reads: the accepted answers (right), one noun or adjective put
   in another case by Morfeusz (wrong case), the right answer without its Polish letters
   (missing letters), and lines that have nothing to do with the lesson (off-topic);
4. waits until the speech queue is empty (lesson pre-synthesis), runs ``--warmup`` seconds of
   ``/chat``, waits again, then ``--healthz-duration`` seconds of ``GET /healthz`` and
   ``--duration`` seconds of ``POST /chat`` with wrk at ``--connections`` connections;
5. reads ``utime + stime`` of the API process and of the speech worker (plus the work horses
   it forked and reaped: ``cutime + cstime``) from ``/proc/<pid>/stat`` before the ``/chat``
   run and after it (the worker's after the queue has drained again): CPU seconds per turn.

The learners: each connection sends the next free session's turn (a session is never sent
again before its reply came back), so 32 connections cycle through 128 sessions; the first try
at a step is wrong with probability ``--wrong-rate``, then the right answer; the server's reply
(``lesson.step``, ``lesson.completed``) moves the learner on; a finished lesson opens a new
session of the next lesson.

Prints a markdown report and writes it to ``bench/out/chat_wrk-<timestamp>.md``; exit code 1
if a ``/chat`` failed or the server did not stop cleanly. Needs ``wrk`` on the PATH
(``make bench`` installs Debian's when run as root).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import chat_load as cl  # noqa: E402

LUA_SCRIPT = BENCH_DIR / "chat_wrk.lua"
OFF_TOPIC = (
    "Jaka jest jutro pogoda w Krakowie?",
    "Lubię grać w piłkę nożną.",
    "Sorry, what does this mean?",
    "Mój kot śpi na kanapie.",
    "ok",
    "Ile kosztuje bilet do Gdańska?",
)
# Letters a learner without a Polish keyboard leaves out.
PLAIN_LETTERS = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
SPEECH_WORKER_SEARCH = 5.0  # seconds to wait for serve's children to appear
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Options:
    modes: list[str]
    connections: int
    sessions: int
    duration: int
    healthz_duration: int
    warmup: int
    wrong_rate: float
    drain_timeout: float
    database_url: str
    redis_url: str
    seed: int
    out_dir: Path


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description="/healthz and /chat under wrk, CPU per turn.")
    parser.add_argument("--mode", choices=["embedded", "production", "both"], default="both")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--sessions", type=int, default=128, help="open lesson sessions")
    parser.add_argument("--duration", type=int, default=30, help="seconds of /chat")
    parser.add_argument("--healthz-duration", type=int, default=15, help="seconds of /healthz")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured seconds of /chat")
    parser.add_argument("--wrong-rate", type=float, default=0.3, help="wrong first tries")
    parser.add_argument("--drain-timeout", type=float, default=180.0, help="speech queue wait")
    parser.add_argument("--database-url", default=cl.DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--redis-url", default=cl.DEFAULT_REDIS_URL)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out-dir", type=Path, default=cl.OUT_DIR)
    args = parser.parse_args(argv)
    if args.connections < 1 or args.sessions < args.connections:
        parser.error("--connections must be >= 1 and --sessions >= --connections")
    if min(args.duration, args.healthz_duration) < 1 or args.warmup < 0:
        parser.error("durations must be >= 1 s (--warmup >= 0)")
    if not 0.0 <= args.wrong_rate <= 1.0:
        parser.error("--wrong-rate must be within 0..1")
    for url in (args.database_url, args.redis_url):
        if not cl._is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    return Options(
        modes=["embedded", "production"] if args.mode == "both" else [args.mode],
        connections=args.connections,
        sessions=args.sessions,
        duration=args.duration,
        healthz_duration=args.healthz_duration,
        warmup=args.warmup,
        wrong_rate=args.wrong_rate,
        drain_timeout=args.drain_timeout,
        database_url=args.database_url,
        redis_url=args.redis_url,
        seed=args.seed,
        out_dir=args.out_dir,
    )


# ----------------------------------------------------------------------------- the answers


@dataclass(frozen=True)
class LessonSteps:
    id: str
    answers: tuple[tuple[str, ...], ...]  # the accepted answers of each step


async def load_lessons(client: httpx.AsyncClient) -> list[LessonSteps]:
    summaries = (await client.get("/lessons")).raise_for_status().json()
    lessons = []
    for summary in summaries:
        lesson = (await client.get(f"/lessons/{summary['id']}")).raise_for_status().json()
        steps = tuple(tuple(step["answers"]) for step in lesson["dialogue"])
        lessons.append(LessonSteps(lesson["id"], steps))
    if not lessons:
        raise RuntimeError("GET /lessons returned no lesson")
    return lessons


class WrongCase:
    """One noun or adjective of a sentence put in another case of the same number (Morfeusz)."""

    def __init__(self) -> None:
        from polish_tutor.language import LanguageEngine

        self.engine = LanguageEngine.load()

    def variants(self, sentence: str) -> list[str]:
        words = sentence.split()
        out: list[str] = []
        for i, word in enumerate(words):
            bare = word.strip(".,!?;:")
            if len(bare) < 3:
                continue
            for reading in self.engine.readings(bare):
                if reading.pos not in ("subst", "adj") or not reading.case:
                    continue
                for form in self.engine.forms(reading.full_lemma):
                    if (
                        form.pos == reading.pos
                        and form.number == reading.number
                        and not (form.case & reading.case)
                        and form.form.lower() != bare.lower()
                    ):
                        changed = form.form if bare[:1].islower() else form.form.capitalize()
                        out.append(
                            " ".join([*words[:i], word.replace(bare, changed), *words[i + 1 :]])
                        )
                break
        return sorted(set(out))


def answer_lines(
    lessons: list[LessonSteps], rng: random.Random
) -> tuple[list[str], dict[str, int]]:
    """The data file's ``lesson`` and ``answer`` lines, and how many answers of each kind."""
    wrong_case = WrongCase()
    lines: list[str] = []
    kinds: dict[str, int] = {}

    def add(lesson: str, step: int, kind: str, message: str) -> None:
        lines.append(f"answer\t{lesson}\t{step}\t{kind}\t{json.dumps(message)}")
        kinds[kind] = kinds.get(kind, 0) + 1

    for lesson in lessons:
        lines.append(f"lesson\t{lesson.id}\t{json.dumps(lesson.id)}")
        for step, accepted in enumerate(lesson.answers):
            for answer in accepted:
                add(lesson.id, step, "right", answer)
            cases = wrong_case.variants(accepted[0])
            for variant in rng.sample(cases, min(3, len(cases))):
                add(lesson.id, step, "wrong_case", variant)
            plain = unicodedata.normalize("NFC", accepted[0]).translate(PLAIN_LETTERS)
            if plain != accepted[0]:
                add(lesson.id, step, "missing_letters", plain)
            for line in rng.sample(OFF_TOPIC, 2):
                add(lesson.id, step, "off_topic", line)
    return lines, kinds


async def open_sessions(
    base_url: str, lessons: list[LessonSteps], accounts: list[cl.Headers], count: int
) -> list[str]:
    """``count`` lesson sessions (lessons round-robin, accounts round-robin): ``slot`` lines."""
    lines = []
    async with cl.new_client(base_url, 4) as client:
        for n in range(count):
            lesson = lessons[n % len(lessons)]
            headers = accounts[n % len(accounts)]
            body = {"message": cl.OPENING, "lesson_id": lesson.id}
            response = await client.post("/chat", json=body, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"opening a session: {response.status_code}")
            reply = response.json()
            step = (reply.get("lesson") or {}).get("step", 0)
            auth = headers.get("Authorization", "")
            lines.append(f"slot\t{n}\t{reply['session_id']}\t{lesson.id}\t{step}\t{auth}")
    return lines


async def resync(base_url: str, state: list[str]) -> tuple[list[str], int]:
    """The ``slot`` lines of a run's end state (``CHAT_WRK_STATE``), each session's step read
    from the server (``GET /sessions/{id}``): a turn still in flight when wrk stopped was
    answered after it and moved the session on without the script seeing the reply. A finished
    session (or one in which an opening was in flight) opens the next lesson. Also returns how
    many slots the server had moved on."""
    lines, moved = [], 0
    async with cl.new_client(base_url, 4) as client:
        for line in state:
            _, n, sid, lesson, step, auth = line.split("\t")
            if sid:
                response = await client.get(
                    f"/sessions/{sid}", params={"limit": 1}, headers={"Authorization": auth}
                )
                session = response.raise_for_status().json()
                if session["completed"]:
                    sid, moved = "", moved + 1
                elif str(session["step_index"]) != step:
                    step, moved = str(session["step_index"]), moved + 1
            lines.append("\t".join(["slot", n, sid, lesson, step, auth]))
    return lines, moved


# ----------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Ticks:
    own: int  # utime + stime
    reaped: int  # cutime + cstime: children it waited for (RQ's work horses)


def ticks(pid: int) -> Ticks:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # after the command: state ppid … utime(12) stime(13) cutime(14) cstime(15)
    return Ticks(int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]))


def children(pid: int) -> dict[str, int]:
    """serve's children by role: speech worker, transcription worker, valkey."""
    roles: dict[str, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
            continue
        words = [w.decode(errors="replace") for w in command]
        if "worker" in words:
            roles["transcription worker" if "--stt" in words else "speech worker"] = int(entry.name)
        elif any("valkey" in w for w in words):
            roles["valkey"] = int(entry.name)
    return roles


def find_processes(served: cl.Served) -> dict[str, int]:
    deadline = time.monotonic() + SPEECH_WORKER_SEARCH
    while True:
        roles = children(served.process.pid)
        if "speech worker" in roles or time.monotonic() > deadline:
            return {"API": served.process.pid, **roles}
        time.sleep(0.2)


def cpu_of(processes: dict[str, int]) -> dict[str, Ticks]:
    return {role: ticks(pid) for role, pid in processes.items()}


# ----------------------------------------------------------------------------- wrk


@dataclass
class WrkRun:
    requests: int
    seconds: float
    errors: dict[str, int]
    latency_ms: dict[str, float]
    counts: dict[str, int]
    chat: bool = False  # the /chat learners (else plain requests of one URL: /healthz)

    @property
    def answered(self) -> int:
        """/chat: the turns answered 200 (the Lua script counts them); else every request."""
        return self.counts.get("ok", 0) if self.chat else self.requests

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def run_wrk(
    url: str,
    options: Options,
    seconds: int,
    work_dir: Path,
    data: Path | None = None,
    state: Path | None = None,
) -> WrkRun:
    report = work_dir / "wrk-report.json"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "CHAT_WRK_REPORT": str(report),
        "CHAT_WRK_WRONG_RATE": str(options.wrong_rate),
        "CHAT_WRK_SEED": str(options.seed),
        "CHAT_WRK_THREADS": "1",
    }
    if data is not None:
        env["CHAT_WRK_DATA"] = str(data)
    if state is not None:
        env["CHAT_WRK_STATE"] = str(state)
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(options.connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(LUA_SCRIPT),
        url,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0 or not report.exists():
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr[-2000:]}")
    raw = json.loads(report.read_text())
    return WrkRun(
        requests=int(raw["requests"]),
        seconds=raw["duration_us"] / 1e6,
        errors={k: int(v) for k, v in raw["errors"].items() if v},
        latency_ms={k: v / 1000 for k, v in raw["latency_us"].items()},
        counts={k: int(v) for k, v in raw["counts"].items()},
        chat=data is not None,
    )


# ----------------------------------------------------------------------------- a mode


@dataclass
class ModeResult:
    mode: str
    healthz: WrkRun | None = None
    chat: WrkRun | None = None
    healthz_cpu_ms: float | None = None  # API CPU per /healthz request
    cpu_ms: dict[str, float] = field(default_factory=dict)  # per /chat turn, by process
    answer_kinds: dict[str, int] = field(default_factory=dict)
    speech_jobs: int = 0  # speech requests the /chat run sent to the queue (cache misses)
    speech_hits: int = 0  # and those the audio cache answered
    drained: bool = True
    drain_seconds: float = 0.0
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    busy_before: float = 0.0
    exit_code: int | None = None
    log: cl.LogSummary = field(default_factory=cl.LogSummary)


def ms_per(before: Ticks, after: Ticks, count: int, reaped: bool) -> float:
    used = after.own - before.own + ((after.reaped - before.reaped) if reaped else 0)
    return 1000 * used / CLK_TCK / count if count else 0.0


async def drain(base_url: str, limit: float) -> tuple[float, bool]:
    async with cl.new_client(base_url, 1) as client:
        return await cl.drain_queue(client, limit)


async def speech_requests(base_url: str) -> tuple[float, float]:
    """The API's speech requests so far: (sent to the queue, answered from the cache)."""
    async with cl.new_client(base_url, 1) as client:
        metrics = await cl.read_metrics(client)
    return (
        metrics.get('tutor_tts_cache_requests_total{result="miss"}', 0.0),
        metrics.get('tutor_tts_cache_requests_total{result="hit"}', 0.0),
    )


def bench_mode(served: cl.Served, options: Options, result: ModeResult, work_dir: Path) -> None:
    processes = find_processes(served)
    print(f"  [{served.mode}] processes: {processes}", flush=True)
    accounts = asyncio.run(cl.sign_up(served.base_url, options.connections))

    async def prepare() -> tuple[list[LessonSteps], list[str]]:
        async with cl.new_client(served.base_url, 2, accounts[0]) as client:
            lessons = await load_lessons(client)
        slots = await open_sessions(served.base_url, lessons, accounts, options.sessions)
        return lessons, slots

    lessons, slots = asyncio.run(prepare())
    answers, result.answer_kinds = answer_lines(lessons, random.Random(options.seed))
    data = work_dir / "learners.tsv"
    data.write_text("\n".join(slots + answers) + "\n")
    print(
        f"  [{served.mode}] {len(accounts)} accounts, {len(slots)} sessions, answers "
        f"{result.answer_kinds}",
        flush=True,
    )
    asyncio.run(drain(served.base_url, options.drain_timeout))
    chat_url = f"{served.base_url}/chat"
    if options.warmup:
        state = work_dir / "learners-after-warmup.tsv"
        run_wrk(chat_url, options, options.warmup, work_dir, data, state)
        # the warm-up moved the sessions on: start the measured run where it left them
        asyncio.run(drain(served.base_url, options.drain_timeout))
        slots, moved = asyncio.run(resync(served.base_url, state.read_text().splitlines()))
        data.write_text("\n".join(slots + answers) + "\n")
        print(f"  [{served.mode}] after the warm-up: {moved} sessions moved on unseen", flush=True)

    before = cpu_of(processes)
    result.healthz = run_wrk(
        f"{served.base_url}/healthz", options, options.healthz_duration, work_dir
    )
    after = cpu_of(processes)
    result.healthz_cpu_ms = ms_per(before["API"], after["API"], result.healthz.requests, False)
    print(f"  [{served.mode}] /healthz {result.healthz.rate:.0f} req/s", flush=True)

    misses, hits = asyncio.run(speech_requests(served.base_url))
    before = cpu_of(processes)
    result.chat = run_wrk(chat_url, options, options.duration, work_dir, data)
    after_chat = cpu_of(processes)
    misses_after, hits_after = asyncio.run(speech_requests(served.base_url))
    result.speech_jobs = round(misses_after - misses)
    result.speech_hits = round(hits_after - hits)
    result.drain_seconds, result.drained = asyncio.run(
        drain(served.base_url, options.drain_timeout)
    )
    after_drain = cpu_of(processes)
    turns = result.chat.answered
    for role in processes:
        end = after_chat[role] if role == "API" else after_drain[role]
        result.cpu_ms[role] = ms_per(before[role], end, turns, role != "API")
    print(
        f"  [{served.mode}] /chat {result.chat.rate:.1f} turns/s, p99 "
        f"{result.chat.latency_ms['p99']:.1f} ms, errors {result.chat.errors}, CPU ms/turn "
        f"{ {k: round(v, 2) for k, v in result.cpu_ms.items()} }",
        flush=True,
    )


def run_mode(mode: str, options: Options) -> ModeResult:
    result = ModeResult(mode, busy_before=cl.cpu_busy(), load_before=os.getloadavg())
    with tempfile.TemporaryDirectory(prefix=f"chat_wrk_{mode}_") as tmp:
        work_dir = Path(tmp)
        with cl.mode_services(mode, options.database_url, options.redis_url) as env:
            served = cl.start_server(mode, work_dir, {**env, "TUTOR_STT_PER_USER": "1000000"})
            print(f"{mode}: serving on {served.base_url}", flush=True)
            try:
                bench_mode(served, options, result, work_dir)
            finally:
                result.load_after = os.getloadavg()
                result.exit_code = cl.stop_server(served)
                result.log = cl.summarise_log(served.log)
                options.out_dir.mkdir(parents=True, exist_ok=True)
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                shutil.copy(served.log, options.out_dir / f"serve-wrk-{mode}-{stamp}.log")
    return result


# ----------------------------------------------------------------------------- report


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=cl.ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "polish_tutor"],
        cwd=cl.ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() + (" (polish_tutor/ modified)" if dirty.stdout.strip() else "")


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def report(results: list[ModeResult], options: Options, command: str) -> str:
    lines = [
        "# /healthz and /chat under wrk",
        "",
        cl.machine_line(),
        "",
        f"Command: `{command}`; commit {commit()}.",
        "",
        f"wrk, one thread, {options.connections} connections; /chat: {options.sessions} open "
        f"lesson sessions, a wrong first try at {100 * options.wrong_rate:.0f} % of the steps; "
        f"{options.healthz_duration} s of /healthz, then {options.duration} s of /chat (after "
        f"{options.warmup} s of warm-up), same server. Latency: wrk's distribution (ms). CPU: "
        "ms per /chat turn from /proc/<pid>/stat; the speech worker's includes its work "
        "horses and the speech the turns caused (read after the queue drained).",
        "",
        "| mode | /healthz req/s | /healthz p99 | /chat turns/s | p50 | p95 | p99 | ratio "
        "| non-200 | API CPU ms/turn | speech worker CPU ms/turn | speech jobs | worker CPU ms/job "
        "| API CPU ms per /healthz |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.healthz is None or r.chat is None:
            lines.append(f"| {r.mode} | (failed) |||||||||||||")
            continue
        ratio = r.chat.rate / r.healthz.rate if r.healthz.rate else 0.0
        worker = r.cpu_ms.get("speech worker", float("nan"))
        per_job = f"{worker * r.chat.answered / r.speech_jobs:.1f}" if r.speech_jobs else "-"
        chat = r.chat.latency_ms
        lines.append(
            f"| {r.mode} | {r.healthz.rate:,.0f} | {r.healthz.latency_ms['p99']:.1f} "
            f"| {r.chat.rate:.1f} | {chat['p50']:.1f} | {chat['p95']:.1f} | {chat['p99']:.1f} "
            f"| {ratio:.3f} | {r.chat.requests - r.chat.answered} "
            f"({100 * (r.chat.requests - r.chat.answered) / max(1, r.chat.requests):.1f} %) "
            f"| {r.cpu_ms.get('API', 0):.2f} "
            f"| {worker:.2f} | {r.speech_jobs} | {per_job} | {r.healthz_cpu_ms or 0:.3f} |"
        )
    lines.append("")
    for r in results:
        if r.chat is None:
            continue
        counts = r.chat.counts
        sent = {k[5:]: v for k, v in sorted(counts.items()) if k.startswith("sent_")}
        verdicts = {k[8:]: v for k, v in sorted(counts.items()) if k.startswith("verdict_")}
        others = {
            k: v for k, v in sorted(counts.items()) if not k.startswith(("sent_", "verdict_"))
        }
        other_cpu = {
            k: round(v, 2) for k, v in r.cpu_ms.items() if k not in ("API", "speech worker")
        }
        lines += [
            f"- {r.mode}: {r.chat.answered} turns answered 200 of {r.chat.requests} requests "
            f"in {r.chat.seconds:.1f} s; sent {sent}; "
            f"verdicts {verdicts}; {others}; wrk errors {r.chat.errors or 'none'} "
            f"(/healthz: {r.healthz.errors if r.healthz else '-'}); other processes' CPU "
            f"ms/turn {other_cpu}; speech requests: {r.speech_jobs} queued, {r.speech_hits} "
            f"from the cache; speech queue drained in {r.drain_seconds:.1f} s"
            f"{'' if r.drained else ' (NOT drained: the worker figure is low)'}; load average "
            f"(1/5/15 min) {_load(r.load_before)} before, {_load(r.load_after)} after; CPU "
            f"{100 * r.busy_before:.0f} % busy before; server exit {r.exit_code}, log: "
            f"{r.log.tracebacks} tracebacks, {r.log.errors} errors, non-2xx "
            f"{dict(r.log.non_2xx) or 'none'}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    if shutil.which("wrk") is None:
        print(
            "wrk is not on the PATH (Debian: apt-get install wrk; make bench does)", file=sys.stderr
        )
        return 1
    command = " ".join(["python", "bench/chat_wrk.py", *(argv or sys.argv[1:])])
    results = [run_mode(mode, options) for mode in options.modes]
    text = report(results, options, command)
    print()
    print(text)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    out = options.out_dir / f"chat_wrk-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(text)
    print(f"written to {out}")
    failed = [
        r.mode
        for r in results
        if r.exit_code != 0
        or r.chat is None
        or r.chat.failed
        or r.chat.answered != r.chat.requests
        or r.chat.counts.get("no_free_slot")
        or r.chat.counts.get("reply_unmatched")
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
