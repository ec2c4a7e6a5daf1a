"""Database and Redis work per ``/chat`` turn, counted (not timed) — benchmark part 3.

    python bench/db_work.py [--turns 240] [--learners 4] [--mode embedded|production|both]

Runs the application in-process (its real lifespan, reached through httpx's ASGI transport)
with a real speech worker (``polish-tutor worker``) beside it, on SQLite (embedded Valkey
started here) and on PostgreSQL + Redis. Simulated learners play lessons with mistakes, one
turn at a time, and every turn's work is attributed to it:

* SQL statements, from SQLAlchemy's ``before_cursor_execute`` event, split into reads and
  writes (a ``WITH`` statement whose CTEs insert or update is one write);
* transactions begun, from the ``begin`` event (on PostgreSQL a ``BEGIN`` and a ``COMMIT`` are
  a round trip each), and connection checkouts (each one pings the server on PostgreSQL);
* Redis round trips: commands sent by the API's client, a pipeline counting once;
* on SQLite, calls into aiosqlite's thread (``aiosqlite.Connection._execute``: each one a queue,
  a thread switch and a wake-up of the event loop, ~70 µs of CPU). The statement counter is a
  cursor listener, which makes SQLAlchemy run every statement itself (``kit.db.instrumented``),
  so these are counted in a second run of the same turns without it: the path the API takes.

Only work done for the HTTP request is counted (it carries a request id); the outbox relay's
background statements are reported separately. Four kinds of turn: the first of a session
(nothing to read), a warm turn (hot state in Redis) with a right answer and with a wrong one (by
the server's verdict: a wrong one reads the review cards of the words it missed), and a cold
turn (the hot state evicted before the turn, so it is rebuilt from the database). Writes the
table to stdout and to ``bench/out/db_work-<timestamp>.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from chat_load import (  # noqa: E402
    DEFAULT_PG_ADMIN_URL,
    Learner,
    LessonPicker,
    load_lessons,
    machine_line,
    production_services,
)

from polish_tutor.kit.request_context import current_request_id  # noqa: E402
from tests.support.auth import sign_up  # noqa: E402
from tests.support.statements import kind_of  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
REDIS_URL = "redis://127.0.0.1:6379/13"
KINDS = ("first", "warm right", "warm wrong", "cold")
RIGHT = ("correct", "acceptable")


def in_request() -> bool:
    """Work done for the HTTP request itself: tasks it spawned (lesson pre-synthesis) copy its
    context, request id included, but are background work."""
    if current_request_id() is None:
        return False
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return True
    return task is None or not task.get_name().startswith("presynthesis")


class Meter:
    """Per-turn counters, fed by SQLAlchemy and Redis hooks while a request runs."""

    def __init__(self) -> None:
        self.turn: Counter[str] = Counter()
        self.background: Counter[str] = Counter()
        self.statements: list[str] = []

    def sql(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        kind = kind_of(statement)
        target = self.turn if in_request() else self.background
        target[f"sql_{kind}"] += 1
        if target is self.turn:
            self.statements.append(statement.split("\n")[0][:90])

    def begin(self, conn: Any) -> None:
        if in_request():
            self.turn["transactions"] += 1

    def checkout(self, *args: Any) -> None:
        if in_request():
            self.turn["checkouts"] += 1

    def redis(self) -> None:
        if in_request():
            self.turn["redis"] += 1

    def driver_call(self) -> None:
        if in_request():
            self.turn["aiosqlite"] += 1


def instrument(state: Any, meter: Meter, *, statements: bool = True) -> None:
    """Count the turn's work; ``statements=False``: not its SQL statements (no cursor
    listener, so that the API runs its statements as it does in production)."""
    engines = {id(e.sync_engine): e.sync_engine for e in (state.engine, state.read_engine)}
    for engine in engines.values():
        if statements:
            event.listen(engine, "before_cursor_execute", meter.sql)
        event.listen(engine, "begin", meter.begin)
        event.listen(engine.pool, "checkout", meter.checkout)
    client = state.redis
    send = client.execute_command

    async def counted(*args: Any, **kwargs: Any) -> Any:
        meter.redis()
        return await send(*args, **kwargs)

    client.execute_command = counted
    from redis.asyncio.client import Pipeline

    original = Pipeline.execute

    async def pipeline_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        meter.redis()
        return await original(self, *args, **kwargs)

    Pipeline.execute = pipeline_execute  # type: ignore[method-assign]

    import aiosqlite

    queue: Any = aiosqlite.Connection._execute

    async def driver_call(self: Any, *args: Any, **kwargs: Any) -> Any:
        meter.driver_call()
        return await queue(self, *args, **kwargs)

    aiosqlite.Connection._execute = driver_call  # type: ignore[method-assign]


@contextmanager
def services(mode: str, work: Path, pg_admin_url: str) -> Iterator[dict[str, str]]:
    if mode == "production":
        with production_services(pg_admin_url, REDIS_URL) as env:
            yield env
        return
    from polish_tutor.embedded.stack import embedded_valkey
    from polish_tutor.settings import Settings

    settings = Settings(var_dir=work)
    with embedded_valkey(settings) as url:
        yield {"TUTOR_REDIS_URL": url}


def worker(env: dict[str, str], work: Path) -> subprocess.Popen[bytes]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    full.update(env)
    full["TUTOR_VAR_DIR"] = str(work)
    log = (work / "worker.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker"], env=full, stdout=log, stderr=log
    )


async def play(
    mode: str, env: dict[str, str], work: Path, turns: int, learners: int, statements: bool = True
) -> dict[str, Any]:
    from polish_tutor.app import create_app
    from polish_tutor.kit.migrate import upgrade
    from polish_tutor.settings import Settings

    settings = Settings(
        var_dir=work,
        database_url=env.get("TUTOR_DATABASE_URL"),
        redis_url=env["TUTOR_REDIS_URL"],
        chat_per_user=10**6,
        register_per_ip=10**6,
    )
    upgrade(settings)
    app = create_app(settings)
    meter = Meter()
    per_kind: dict[str, list[Counter[str]]] = {kind: [] for kind in KINDS}
    async with app.router.lifespan_context(app):
        state = app.state.tutor
        instrument(state, meter, statements=statements)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            accounts = [(await sign_up(client))["headers"] for _ in range(learners)]
            client.headers.update(accounts[0])
            lessons = await load_lessons(client)
            players = [
                (Learner(LessonPicker(lessons), random.Random(index), wrong_rate=0.3), headers)
                for index, headers in enumerate(accounts)
            ]
            for number in range(turns):
                learner, headers = players[number % learners]
                body = learner.next_body()
                kind = "first" if learner.session_id is None else "warm"
                if kind == "warm" and number % 3 == 0:
                    kind = "cold"
                    await state.hot.forget(uuid.UUID(learner.session_id))
                meter.turn.clear()
                meter.statements.clear()
                response = await client.post("/chat", json=body, headers=headers)
                if response.status_code != 200:
                    raise RuntimeError(f"/chat {response.status_code}: {response.text}")
                reply = response.json()
                learner.observe(reply)
                if kind == "warm":
                    verdict = (reply.get("feedback") or {}).get("verdict")
                    kind = "warm right" if verdict in RIGHT else "warm wrong"
                per_kind[kind].append(Counter(meter.turn))
                if os.environ.get("DB_WORK_DEBUG") and kind.startswith("warm"):
                    print(kind, body.get("message"), meter.statements)
                if number % 20 == 19:
                    await asyncio.sleep(0.3)  # let the worker and relay keep up
    return {"per_kind": per_kind, "background": meter.background, "turns": turns}


def summarise(mode: str, result: dict[str, Any], calls: dict[str, Any] | None = None) -> list[str]:
    """A row per kind of turn; ``calls``: the run without a statement counter, which gives
    the aiosqlite calls (the same turns: the learners are seeded)."""
    rows = []
    for kind in KINDS:
        samples = result["per_kind"][kind]
        if not samples:
            continue

        def stat(key: str, samples: list[Counter[str]] = samples) -> str:
            values = [s[key] for s in samples]
            return f"{statistics.median(values):g} / {max(values)}"

        driver = "–"
        if calls is not None and calls["per_kind"][kind]:
            driver = stat("aiosqlite", calls["per_kind"][kind])
        rows.append(
            f"| {mode} | {kind} | {len(samples)} | {stat('sql_read')} | {stat('sql_write')} | "
            f"{stat('transactions')} | {stat('checkouts')} | {stat('redis')} | {driver} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=240)
    parser.add_argument("--learners", type=int, default=4)
    parser.add_argument("--mode", choices=["embedded", "production", "both"], default="both")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    options = parser.parse_args(argv)
    modes = ["embedded", "production"] if options.mode == "both" else [options.mode]
    lines = [
        "## Database and Redis work per /chat turn (benchmark part 3)",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {machine_line()}",
        "",
        "Median / max per turn. SQL reads and writes are statements (on PostgreSQL each is one "
        "round trip; on SQLite, a call into the driver's thread). A transaction on PostgreSQL "
        "adds BEGIN and COMMIT round trips; a checkout adds a ping (`pool_pre_ping`). "
        "aiosqlite calls: calls into its thread (BEGIN, COMMIT and every statement's cursor, "
        "execute, fetch and close through SQLAlchemy; what `kit.db.run_in_driver` sends, one, "
        "with the transaction's BEGIN if not sent and, for a turn's write batch, its COMMIT), "
        "counted in a second run of the same turns without the statement counter.",
        "",
        "| database | turn | turns | SQL reads | SQL writes | transactions | checkouts "
        "| Redis round trips | aiosqlite calls |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    background: list[str] = []
    for mode in modes:
        with tempfile.TemporaryDirectory(prefix="tutor-dbwork-") as tmp, ExitStack() as stack:
            work = Path(tmp)
            env = stack.enter_context(services(mode, work, options.pg_admin_url))
            speech = worker(env, work)
            try:
                result = asyncio.run(play(mode, env, work, options.turns, options.learners))
            finally:
                speech.terminate()
                speech.wait(timeout=30)
        calls = None
        if mode == "embedded":
            with tempfile.TemporaryDirectory(prefix="tutor-dbwork-") as tmp, ExitStack() as stack:
                work = Path(tmp)
                env = stack.enter_context(services(mode, work, options.pg_admin_url))
                speech = worker(env, work)
                try:
                    calls = asyncio.run(
                        play(mode, env, work, options.turns, options.learners, statements=False)
                    )
                finally:
                    speech.terminate()
                    speech.wait(timeout=30)
        label = "SQLite" if mode == "embedded" else "PostgreSQL"
        lines += summarise(label, result, calls)
        total = sum(result["background"].values())
        background.append(
            f"- {label}: the outbox relay ran {total / result['turns']:.2f} statements per turn "
            f"in the background ({dict(result['background'])} over {result['turns']} turns)."
        )
    lines += ["", "Outside the request:", "", *background, ""]
    report = "\n".join(lines)
    print(report)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    (OUT_DIR / f"db_work-{stamp}.md").write_text(report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
