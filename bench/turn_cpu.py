"""The API's CPU per ``/chat`` turn, by kind of answer (not a test).

    python bench/turn_cpu.py [--mode embedded|production|both] [--turns 400] [--warmup 200]
                             [--only right] [--floor 300] [--second] [--parts]

One learner at a time (no concurrency: nothing else of ours runs in the API while a turn is
measured) plays lessons on a ``serve`` started as ``chat_wrk.py`` starts it (rate limits
lifted). At every step it sends, one after the other, a wrong answer (by turns: one noun or
adjective in another case, the answer without its Polish letters, an off-topic line; as
``chat_wrk.py`` writes them) and then the right one. Each turn's CPU is the API process's
``sum_exec_runtime`` (``/proc/<pid>/task/*/schedstat``: nanoseconds, every thread: the event
loop, aiosqlite's thread, the thread pool) from its request to the next request, so whatever
the turn left running after its response is counted too. Reported by what was sent and by the
server's verdict (``opening``: a lesson opened, no verdict; ``none``: another turn without one,
an answer in English or a question): turns, mean, median and p90 in ms, and the API process's
CPU from its start to the last turn (what it works out in the background after start-up
included). The learner starts once the API is idle (its background start-up work done:
``settle``). The first ``--warmup`` turns (caches cold) are not counted. ``--only right`` sends
right answers only (a load to profile a right answer's turn under). ``--floor N`` first
measures, the same way, N requests each of what every request pays: ``GET /healthz`` (the HTTP
stack), ``GET /lessons/<none>`` (the access token checked: a 404) and ``GET /auth/me`` (the
token and one database read).

``--second`` measures the next learners' turns rather than the first one's: another learner
first plays the same turns, unmeasured, each answer with a "!" added (judged the same,
punctuation aside, but another text: the measured answers are still judged anew, not
remembered), so each measured turn's step (its expected answers compared, its lines' audio
stored) has been met since the server started, as on a server where many learners take the
course. Without it every step is met for the first time.

``--parts`` adds where each verdict's turn goes: the CPU of the API's event loop thread in
the turn's own work (``ChatService.handle_turn``, the HTTP stack aside) and in each of its parts
(the engine's ``compare``, ``ReviewService.missed`` …: ``turn_parts/sitecustomize.py``, which
the served API imports only then), median and mean per turn, every turn from the server's
start (the warm-up too).

``--against DIR`` (embedded mode) compares this checkout with another (a baseline worktree with
its own ``.venv``) in one run: both servers run side by side, each with its learner, and the
learners' requests take turns one at a time (this one's, the other's, …), so the machine's
drift over minutes falls on both alike; the report adds each row's median ratio (this / other).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import chat_load as cl  # noqa: E402
import chat_wrk as cw  # noqa: E402

WRONG_KINDS = ("wrong_case", "missing_letters", "off_topic")


def cpu_ns(pid: int) -> int:
    """Nanoseconds on a CPU of every thread of ``pid`` (threads that ended are not counted:
    the API's threads live as long as it does)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total


def process_cpu_s(pid: int) -> float:
    """Seconds on a CPU of the whole process since it started (every thread, ended ones too:
    ``/proc/<pid>/stat``'s utime and stime): its start-up, what it works out in the background
    and every request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def settle(pid: int, idle_ms: float = 10.0, wait_s: float = 60.0) -> None:
    """Wait until the API has finished its start-up work in the background (the language
    engine's preparation, ``TUTOR_PREPARE_LANGUAGE``): under ``idle_ms`` of CPU in each of two
    quarter-seconds in a row (``wait_s`` at most). Its CPU is in the process's total, not in a
    turn's."""
    deadline = asyncio.get_running_loop().time() + wait_s
    quiet = 0
    while quiet < 2 and asyncio.get_running_loop().time() < deadline:
        before = cpu_ns(pid)
        await asyncio.sleep(0.25)
        quiet = quiet + 1 if (cpu_ns(pid) - before) / 1e6 < idle_ms else 0


@dataclass
class Samples:
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    by_verdict: dict[str, list[float]] = field(default_factory=dict)
    process_s: float = 0.0  # the API process's CPU from its start to the last turn

    def add(self, kind: str, verdict: str, ms: float) -> None:
        self.by_kind.setdefault(kind, []).append(ms)
        self.by_verdict.setdefault(verdict, []).append(ms)


def answers_of(lines: list[str]) -> dict[tuple[str, int], dict[str, list[str]]]:
    answers: dict[tuple[str, int], dict[str, list[str]]] = {}
    for line in lines:
        fields = line.split("\t")
        if fields[0] == "answer":
            kinds = answers.setdefault((fields[1], int(fields[2])), {})
            kinds.setdefault(fields[3], []).append(json.loads(fields[4]))
    return answers


FLOOR = {
    "GET /healthz": "/healthz",
    "GET /lessons/<none> (token)": "/lessons/no-such-lesson",
    "GET /auth/me (token + read)": "/auth/me",
}


class Lockstep:
    """Two learners (sides 0 and 1) whose requests take turns, one at a time: 0, 1, 0, 1 …
    (a side that has finished no longer holds the other up)."""

    def __init__(self) -> None:
        self.next = 0
        self.ready = [False, False]
        self.finished = [False, False]
        self.changed = asyncio.Condition()

    async def start(self, side: int) -> None:
        """Wait until both learners are signed up and have read the lessons (unmeasured, at
        their own pace): then the requests start taking turns, and no connection waits
        longer than the other server's request (an idle keep-alive connection is closed)."""
        async with self.changed:
            self.ready[side] = True
            self.changed.notify_all()
            await self.changed.wait_for(lambda: self.ready[1 - side] or self.finished[1 - side])

    async def enter(self, side: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: self.next == side or self.finished[1 - side])

    async def leave(self, side: int, finished: bool = False) -> None:
        async with self.changed:
            self.next = 1 - side
            self.finished[side] = self.finished[side] or finished
            self.changed.notify_all()


@dataclass
class Gate:
    """This learner's side of a :class:`Lockstep`, or (``lockstep`` None) no one to wait for."""

    lockstep: Lockstep | None = None
    side: int = 0

    async def request(
        self, client: httpx.AsyncClient, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        if self.lockstep is not None:
            await self.lockstep.enter(self.side)
        try:
            return await client.request(method, path, **kwargs)
        finally:
            if self.lockstep is not None:
                await self.lockstep.leave(self.side)

    async def start(self) -> None:
        if self.lockstep is not None:
            await self.lockstep.start(self.side)

    async def finish(self) -> None:
        if self.lockstep is not None:
            await self.lockstep.leave(self.side, finished=True)


async def floor(
    client: httpx.AsyncClient, pid: int, requests: int, gate: Gate
) -> dict[str, list[float]]:
    """CPU per request of the cheapest requests, in turns (``requests`` each, after as many
    unmeasured)."""
    samples: dict[str, list[float]] = {name: [] for name in FLOOR}
    for index in range(2 * requests):
        for name, path in FLOOR.items():
            before = cpu_ns(pid)
            response = await gate.request(client, "GET", path)
            used_ms = (cpu_ns(pid) - before) / 1e6
            if response.status_code >= 500:
                raise RuntimeError(f"{path}: {response.status_code}")
            if index >= requests:
                samples[name].append(used_ms)
    return samples


async def play(
    base_url: str,
    pid: int,
    turns: int,
    warmup: int,
    seed: int,
    only_right: bool = False,
    floor_requests: int = 0,
    gate: Gate | None = None,
    second: bool = False,
) -> tuple[Samples, int, dict[str, list[float]]]:
    gate = gate or Gate()
    await settle(pid)
    accounts = await cl.sign_up(base_url, 2 if second else 1)
    try:
        if second:
            # the same turns, unmeasured, by a learner before this one (not in lockstep), each
            # answer ending in "!": judged the same (punctuation aside), but not the same
            # text, so the measured learner's answers are not ones the engine remembers
            async with cl.new_client(base_url, 1, accounts[1]) as client:
                await _play(client, pid, turns, warmup, seed, only_right, 0, Gate(), "!")
        async with cl.new_client(base_url, 1, accounts[0]) as client:
            return await _play(client, pid, turns, warmup, seed, only_right, floor_requests, gate)
    finally:
        await gate.finish()


async def _play(
    client: httpx.AsyncClient,
    pid: int,
    turns: int,
    warmup: int,
    seed: int,
    only_right: bool,
    floor_requests: int,
    gate: Gate,
    mark: str = "",
) -> tuple[Samples, int, dict[str, list[float]]]:
    lessons = await cw.load_lessons(client)
    await gate.start()
    floors = await floor(client, pid, floor_requests, gate) if floor_requests else {}
    lines, _ = cw.answer_lines(lessons, random.Random(seed))
    answers = answers_of(lines)
    rng = random.Random(seed)
    samples, errors, counted, wrong_turn = Samples(), 0, 0, 0
    lesson_n = 0

    async def send(body: dict[str, object], kind: str) -> dict[str, object] | None:
        nonlocal counted, errors
        before = cpu_ns(pid)
        response = await gate.request(client, "POST", "/chat", json=body)
        reply: dict[str, object] | None = response.json() if response.is_success else None
        if reply is None:
            errors += 1
        # the next request starts the next turn: CPU to here is this turn's
        used_ms = (cpu_ns(pid) - before) / 1e6
        counted += 1
        if counted > warmup and reply is not None:
            feedback = reply.get("feedback")
            verdict = feedback.get("verdict") if isinstance(feedback, dict) else None
            # (a lesson's opening has no verdict either: it is not another turn without one)
            samples.add(kind, str(verdict or ("opening" if kind == "opening" else "none")), used_ms)
        return reply

    while counted < warmup + turns:
        lesson = lessons[lesson_n % len(lessons)]
        lesson_n += 1
        opened = await send({"message": cl.OPENING, "lesson_id": lesson.id}, "opening")
        if opened is None:
            continue
        sid = opened["session_id"]
        step, done = progress(opened, 0)
        while not done and counted < warmup + turns and step < len(lesson.answers):
            kinds = answers.get((lesson.id, step), {})
            wrong = WRONG_KINDS[wrong_turn % len(WRONG_KINDS)]
            if kinds.get(wrong) and not only_right:
                wrong_turn += 1
                answer = rng.choice(kinds[wrong]) + mark
                await send({"session_id": sid, "message": answer}, wrong)
            reply = await send({"session_id": sid, "message": kinds["right"][0] + mark}, "right")
            new_step, done = progress(reply, step)
            if not done and new_step == step:  # not accepted: skip it as a learner would
                reply = await send({"session_id": sid, "message": "dalej"}, "skip")
                new_step, done = progress(reply, step)
                done = done or new_step == step
            step = new_step
    samples.process_s = process_cpu_s(pid)
    return samples, errors, floors


def progress(reply: dict[str, object] | None, step: int) -> tuple[int, bool]:
    """The step a reply says the learner is at, and whether the session is over."""
    state = reply.get("lesson") if reply is not None else None
    if not isinstance(state, dict) or state.get("completed"):
        return step, True
    return int(state.get("step", step)), False


def table(title: str, groups: dict[str, list[float]]) -> list[str]:
    lines = [f"| {title} | turns | mean | median | p90 (ms) |", "|---|---:|---:|---:|---:|"]
    for name, values in sorted(groups.items()):
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        lines.append(
            f"| {name} | {len(values)} | {statistics.fmean(values):.2f} "
            f"| {statistics.median(values):.2f} | {p90:.2f} |"
        )
    return lines


def run_mode(mode: str, args: argparse.Namespace) -> list[str]:
    against: Path | None = args.against
    with tempfile.TemporaryDirectory(prefix=f"turn_cpu_{mode}_") as tmp:
        with cl.mode_services(mode, args.database_url, args.redis_url) as env:
            dirs = [Path(tmp) / "this", Path(tmp) / "other"][: 1 if against is None else 2]
            for work_dir in dirs:
                work_dir.mkdir()
            parts_out = [work_dir / "turn_parts.json" for work_dir in dirs]
            roots = [cl.ROOT] if against is None else [cl.ROOT, against]
            servers = [
                cl.start_server(
                    mode,
                    work_dir,
                    {**env, **(parts_env(root, out) if args.parts else {})},
                    root=root,
                )
                for work_dir, root, out in zip(dirs, roots, parts_out, strict=True)
            ]
            try:
                results = asyncio.run(learners(servers, args))
            finally:
                exit_codes = [cl.stop_server(served) for served in servers]
            parts = [read_parts(out) if args.parts else {} for out in parts_out]
    names = ["this checkout", f"against {against}"] if against is not None else [""]
    lines = [f"## {mode}", ""]
    for name, (samples, errors, floors), exit_code, turn_parts in zip(
        names, results, exit_codes, parts, strict=True
    ):
        lines += [f"### {name}", ""] if name else []
        lines += [
            *([*table("request", floors), ""] if floors else []),
            *table("sent", samples.by_kind),
            "",
            *table("verdict", samples.by_verdict),
            "",
            *parts_table(turn_parts),
            f"Errors (non-2xx): {errors}; server exit {exit_code}. The API process's CPU from "
            f"its start to the last turn (start-up, background work, every request): "
            f"{samples.process_s:.2f} s.",
            "",
        ]
    if against is not None:
        (this, _, this_floors), (other, _, other_floors) = results
        lines += [
            "### this / other (medians, requests taking turns)",
            "",
            *ratios("request", this_floors, other_floors),
            "",
            *ratios("sent", this.by_kind, other.by_kind),
            "",
            *ratios("verdict", this.by_verdict, other.by_verdict),
            "",
        ]
    return lines


async def learners(
    servers: list[cl.Served], args: argparse.Namespace
) -> list[tuple[Samples, int, dict[str, list[float]]]]:
    """One learner per server; with two servers, their requests take turns."""
    lockstep = Lockstep() if len(servers) > 1 else None
    return list(
        await asyncio.gather(
            *(
                play(
                    served.base_url,
                    served.process.pid,
                    args.turns,
                    args.warmup,
                    args.seed,
                    only_right=args.only == "right",
                    floor_requests=args.floor,
                    gate=Gate(lockstep, side),
                    second=args.second,
                )
                for side, served in enumerate(servers)
            )
        )
    )


def parts_env(root: Path, out: Path) -> dict[str, str]:
    """What makes the served API import ``turn_parts/sitecustomize.py`` and write to ``out``."""
    return {
        "PYTHONPATH": os.pathsep.join([str(BENCH_DIR / "turn_parts"), str(root)]),
        "TURN_PARTS_OUT": str(out),
    }


def read_parts(path: Path) -> dict[str, list[dict[str, float]]]:
    if not path.exists():
        return {}
    parts: dict[str, list[dict[str, float]]] = json.loads(path.read_text())
    return parts


def parts_table(parts: dict[str, list[dict[str, float]]]) -> list[str]:
    """Per verdict, each part's CPU per turn (ms; 0 where a turn did not call it)."""
    if not parts:
        return []
    lines = [
        "Where the turn goes (`--parts`: the event loop thread's CPU, every turn from the "
        "server's start; a part's median counts the turns that did not call it as 0):",
        "",
        "| verdict | part | turns | calling | median | mean (ms) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for verdict, turns in sorted(parts.items()):
        values = {
            name: [1000 * sums.get(name, 0.0) for sums in turns]
            for name in {name for sums in turns for name in sums}
        }
        # the turn first, then its parts, dearest first
        for name in sorted(
            values, key=lambda n: (n != "handle_turn", -statistics.fmean(values[n]))
        ):
            calling = sum(1 for sums in turns if name in sums)
            lines.append(
                f"| {verdict} | {name} | {len(turns)} | {calling} "
                f"| {statistics.median(values[name]):.3f} | {statistics.fmean(values[name]):.3f} |"
            )
    return [*lines, ""]


def ratios(title: str, this: dict[str, list[float]], other: dict[str, list[float]]) -> list[str]:
    lines = [f"| {title} | this | other | this / other |", "|---|---:|---:|---:|"]
    for name in sorted(set(this) & set(other)):
        mine, theirs = statistics.median(this[name]), statistics.median(other[name])
        lines.append(f"| {name} | {mine:.2f} | {theirs:.2f} | {mine / theirs:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="API CPU per /chat turn, by answer kind.")
    parser.add_argument("--mode", choices=["embedded", "production", "both"], default="both")
    parser.add_argument("--turns", type=int, default=400, help="measured turns per mode")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured turns first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["right"], help="send right answers only")
    parser.add_argument(
        "--floor", type=int, default=0, help="first, N cheap requests of each kind (0: none)"
    )
    parser.add_argument(
        "--second",
        action="store_true",
        help="measure a second learner: another one plays the same turns first (unmeasured)",
    )
    parser.add_argument(
        "--parts",
        action="store_true",
        help="also where each verdict's turn goes (the event loop's CPU per part)",
    )
    parser.add_argument("--database-url", default=cl.DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--redis-url", default=cl.DEFAULT_REDIS_URL)
    parser.add_argument("--out-dir", type=Path, default=cl.OUT_DIR)
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout (with its .venv) served beside this one, requests taking turns "
        "(embedded mode only)",
    )
    args = parser.parse_args(argv)
    if args.against is not None and args.mode != "embedded":
        parser.error("--against needs --mode embedded (each server its own Valkey and SQLite)")
    for url in (args.database_url, args.redis_url):
        if not cl._is_loopback(url):
            parser.error(f"only loopback services are allowed, not {url}")
    modes = ["embedded", "production"] if args.mode == "both" else [args.mode]
    command = " ".join(["python", "bench/turn_cpu.py", *(argv or sys.argv[1:])])
    lines = [
        "# API CPU per /chat turn, by answer kind",
        "",
        cl.machine_line(),
        "",
        f"Command: `{command}`; commit {cw.commit()}. CPU: the API process's threads' "
        "run time (schedstat) from a request to the next, one learner, no concurrency.",
        "",
    ]
    for mode in modes:
        lines += run_mode(mode, args)
    text = "\n".join(lines)
    print(text)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / f"turn_cpu-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(text)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
