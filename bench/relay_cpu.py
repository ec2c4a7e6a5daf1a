"""CPU of the outbox relay's enqueue of speech, per line, by case (not a test).

    python bench/relay_cpu.py [--lines 400] [--rounds 3] [--before /path/to/other/checkout]

Enqueues speech as the relay does, in this process, from an event loop: with the relay's
enqueue script (``polish_tutor.tts.enqueue``, one ``EVALSHA`` a round with the async client)
where the checkout has it, else with ``polish_tutor.tts.queue``'s synchronous functions in the
thread pool (``asyncio.to_thread``, as the relay called them), against a queue of its own in
Redis (``BENCH_REDIS_URL``, default database 11); and reads this process's CPU time (user +
system, every thread) around each case:

- ``ahead new``: lesson lines made ahead of time, new, 8 a round (``enqueue_speech_each`` on
  the queue of speech made ahead of time);
- ``ahead again``: the same lines asked for again while their jobs wait;
- ``moved``: a learner's line whose job waits among those made ahead of time, one a round
  (``enqueue_speech_lines``, which moves it to the front of the speech queue);
- ``new alone``: a learner's new line, one a round;
- ``new 3``: three new lines of one reply, together (a job of several lines).

Each case is also counted in Redis round trips (commands sent, pipelines counted once; the
sync and the async client).
With ``--before``, the other checkout's ``polish_tutor`` is measured the same way, in a
process of its own, rounds alternating; the medians of the rounds are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"


def measure(lines: int) -> dict[str, tuple[float, float]]:
    """In this process: each case's CPU (ms) and Redis round trips per line."""
    import asyncio
    import importlib.util

    from redis import Redis
    from redis.asyncio import Redis as AsyncRedis
    from redis.asyncio.client import Pipeline as AsyncPipeline
    from redis.client import Pipeline
    from rq import Queue

    from polish_tutor.tts.queue import SpeechJob, enqueue_speech_each, enqueue_speech_lines

    trips = [0]
    sent: Callable[..., Any] = Redis.execute_command
    immediate: Callable[..., Any] = Pipeline.immediate_execute_command
    flushed = Pipeline.execute
    sent_async: Callable[..., Any] = AsyncRedis.execute_command
    flushed_async: Callable[..., Any] = AsyncPipeline.execute

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        trips[0] += 1
        return sent(self, *args, **kwargs)

    def counted_immediate(self: Any, *args: Any, **kwargs: Any) -> Any:
        trips[0] += 1
        return immediate(self, *args, **kwargs)

    def counted_pipeline(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.command_stack:
            trips[0] += 1
        return flushed(self, *args, **kwargs)

    async def counted_async(self: Any, *args: Any, **kwargs: Any) -> Any:
        trips[0] += 1
        return await sent_async(self, *args, **kwargs)

    async def counted_async_pipeline(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.command_stack:
            trips[0] += 1
        return await flushed_async(self, *args, **kwargs)

    Redis.execute_command = counted  # type: ignore[method-assign]
    Pipeline.execute = counted_pipeline  # type: ignore[method-assign]
    Pipeline.immediate_execute_command = counted_immediate  # type: ignore[method-assign]
    AsyncRedis.execute_command = counted_async  # type: ignore[method-assign]
    AsyncPipeline.execute = counted_async_pipeline  # type: ignore[method-assign]

    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    redis = Redis.from_url(url)
    name = f"bench-relay-{uuid.uuid4().hex[:8]}"
    queue, ahead = Queue(name, connection=redis), Queue(name + "-ahead", connection=redis)
    token = uuid.uuid4().hex
    scripted = importlib.util.find_spec("polish_tutor.tts.enqueue") is not None

    def jobs(kind: str, count: int) -> list[SpeechJob]:
        return [
            SpeechJob(f"{token}{kind}{i:06d}", f"Zdanie {i}.", "pl", 1.0, "wav", "espeak")
            for i in range(count)
        ]

    results: dict[str, tuple[float, float]] = {}

    async def run() -> None:
        async_redis = AsyncRedis.from_url(url)
        send: Callable[[list[SpeechJob], bool], Any]
        if scripted:
            from polish_tutor.tts.enqueue import (  # type: ignore[import-not-found,unused-ignore]
                SpeechEnqueuer,
                SpeechGroup,
            )

            enqueuer = SpeechEnqueuer(async_redis, job_timeout=60)

            async def send(batch: list[SpeechJob], made_ahead: bool) -> None:
                group = SpeechGroup(batch, "bench", made_ahead)
                await enqueuer.send([group], queue, ahead)

        else:

            def old(batch: list[SpeechJob], made_ahead: bool) -> None:
                if made_ahead:
                    enqueue_speech_each(ahead, batch, timeout=60, request_id="bench")
                else:
                    enqueue_speech_lines(queue, batch, timeout=60, request_id="bench", behind=ahead)

            async def send(batch: list[SpeechJob], made_ahead: bool) -> None:
                await asyncio.to_thread(old, batch, made_ahead)

        async def case(label: str, rounds: list[list[SpeechJob]], made_ahead: bool) -> None:
            trips[0] = 0
            started = time.process_time()
            for batch in rounds:
                await send(batch, made_ahead)
            cpu = time.process_time() - started
            count = sum(len(batch) for batch in rounds)
            results[label] = (1000 * cpu / count, trips[0] / count)

        try:
            made_ahead = jobs("a", lines)
            by_eight = [made_ahead[i : i + 8] for i in range(0, lines, 8)]
            # Warm RQ's script cache, the server version and the pool once, out of the figures.
            await send(jobs("w", 2), False)
            await send(jobs("x", 2), True)
            await case("ahead new", by_eight, True)
            await case("ahead again", by_eight, True)
            await case("moved", [[job] for job in made_ahead], False)
            await case("new alone", [[job] for job in jobs("n", lines)], False)
            three = jobs("t", lines)
            await case("new 3", [three[i : i + 3] for i in range(0, lines - 2, 3)], False)
        finally:
            await async_redis.aclose()

    try:
        asyncio.run(run())
    finally:
        for key in redis.scan_iter(f"rq:job:{token}*"):
            redis.delete(key)
        for key in redis.scan_iter(f"tts:line:{token}*"):
            redis.delete(key)
        for key in redis.scan_iter("rq:job:lines-*"):
            if redis.hget(key, "origin") in (queue.name.encode(), ahead.name.encode()):
                redis.delete(key)
        queue.delete(delete_jobs=True)
        ahead.delete(delete_jobs=True)
        redis.close()
    return results


def one_round(source: Path, lines: int) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--lines", str(lines)],
        env=env,
        cwd=source,
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return {label: (values[0], values[1]) for label, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(measure(options.lines)))
        return 0
    sources = [("after", ROOT)]
    if options.before is not None:
        sources.insert(0, ("before", options.before.resolve()))
    rounds: dict[str, list[dict[str, tuple[float, float]]]] = {label: [] for label, _ in sources}
    for index in range(options.rounds):
        for label, source in sources:
            figures = one_round(source, options.lines)
            rounds[label].append(figures)
            shown = ", ".join(f"{case} {cpu:.3f} ms" for case, (cpu, _) in figures.items())
            print(f"round {index + 1} {label}: {shown}", flush=True)
    lines = [
        "# The relay's enqueue of speech: CPU and Redis round trips per line",
        "",
        f"load average: {os.getloadavg()[0]:.2f} (1 min); {os.cpu_count()} cores; "
        f"{options.lines} lines a case, {options.rounds} rounds (medians)",
        "",
    ]
    cases = list(rounds[sources[0][0]][0])
    header = " | ".join(f"{label}: CPU ms / round trips per line" for label, _ in sources)
    lines += [f"| case | {header} |", "|---|" + "---|" * len(sources)]
    for case in cases:
        cells = []
        for label, _ in sources:
            cpu = statistics.median(r[case][0] for r in rounds[label])
            trips = statistics.median(r[case][1] for r in rounds[label])
            cells.append(f"{cpu:.3f} / {trips:.2f}")
        lines.append(f"| {case} | {' | '.join(cells)} |")
    text = "\n".join(lines)
    print("\n" + text)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"relay_cpu-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(text + "\n")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
