"""CPU per speech job in the speech worker, end to end — the worker and any process it
starts (a work-horse it forks, its background process), from taking the job off the queue to
``audio_ready`` published.

    python bench/speech_job_cpu.py [--jobs 300] [--rounds 9] [--lines 8] [--ahead]
                                   [--before /path/to/other/checkout]

Starts ``polish-tutor worker`` (eSpeak, SQLite) on a fresh database and a queue of its own,
warms it with a few jobs, then puts ``--jobs`` speech requests of distinct sentences in the
outbox (a learner's rows, as a turn writes them) and on the queue, and waits until every row
is done. The worker's CPU is read from ``/proc/<pid>/stat`` before and after: user + system
time of the worker, of its live children (its scheduler, its background process) and of its
reaped ones (a forking worker's work-horses), divided by the jobs; every round speaks the
same sentences. With ``--before``, the same is measured for the worker of another checkout
(e.g. a temporary ``git worktree`` of main), alternating rounds in the same run, and both
medians and their ratio are reported. ``--lines N``: a worker that takes jobs of several
lines (``synthesize_speech_lines``) gets the lines in jobs of up to N, as the relay enqueues
lines handed over together (a checkout without them gets one line per job); figures are per
line. ``--ahead``: the jobs go to the queue of speech made ahead of time (``<queue>-ahead``,
one line per job, as a fresh server makes its lessons' lines), which the worker runs in its
background process (before: in a forked work-horse per job).
Needs Redis (``BENCH_REDIS_URL``, default database 11).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from redis import Redis
from rq import Queue
from rq.job import Job
from sqlalchemy import create_engine, insert, text
from sqlalchemy.pool import NullPool

from polish_tutor.tts.cache_index import audio_mark
from polish_tutor.tts.keys import audio_key
from polish_tutor.tts.models import TtsOutbox
from polish_tutor.tts.queue import LINE_JOB, SpeechJob, enqueue_speech, enqueue_speech_lines

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    label: str
    jobs: int
    cpu_s: float
    wall_s: float
    idle_cpu_s: float  # the worker's CPU over an idle stretch as long as the run

    @property
    def ms_per_job(self) -> float:
        return 1000 * (self.cpu_s - self.idle_cpu_s) / self.jobs


def own_cpu_seconds(pid: int) -> float:
    """utime + stime + cutime + cstime of ``pid`` (children: those it reaped)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / TICKS


def cpu_seconds(pid: int) -> float:
    """``pid``'s CPU and that of its live children (its scheduler, its background process)."""
    total = own_cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                total += sum(int(v) for v in fields[11:15]) / TICKS
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile: reaped, its time in its parent's
    return total


def worker_env(source: Path, db: Path, var: Path, redis_url: str, queue: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        PYTHONPATH=str(source),
        TUTOR_DATABASE_URL=f"sqlite:///{db}",
        TUTOR_VAR_DIR=str(var),
        TUTOR_REDIS_URL=redis_url,
        TUTOR_TTS_QUEUE=queue,
        TUTOR_TTS_DRIVER="espeak",  # the log level is the default (INFO), as deployed
    )
    return env


def takes_lines(source: Path) -> bool:
    return "synthesize_speech_lines" in (source / "polish_tutor/tts/jobs.py").read_text()


def clear_jobs(redis: Redis, keys: list[str]) -> None:
    """RQ's jobs (and their results) left under these audio keys by an earlier round: the
    rounds speak the same sentences, and a line whose key still has a job would be enqueued
    as a job of its own instead of in a job of lines."""
    for start in range(0, len(keys), 500):
        for job in Job.fetch_many(keys[start : start + 500], connection=redis):
            if job is not None:
                job.delete()


def put(db_url: str, queue: Queue, texts: list[str], user: uuid.UUID, lines: int = 1) -> list[str]:
    """The outbox rows (enqueued, as the relay leaves them) and the jobs."""
    jobs = [
        SpeechJob(
            audio_key(text=t, voice="pl", speed=1.0, format="wav", driver="espeak"),
            t,
            "pl",
            1.0,
            "wav",
            "espeak",
        )
        for t in texts
    ]
    clear_jobs(queue.connection, [job.audio_key for job in jobs])
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(TtsOutbox),
                [
                    {
                        "audio_key": job.audio_key,
                        "text": job.text,
                        "voice": job.voice,
                        "speed": job.speed,
                        "format": job.format,
                        "driver": job.driver,
                        "user_id": user,
                        "status": "enqueued",
                        "created_at": dt.datetime.now(dt.UTC),
                    }
                    for job in jobs
                ],
            )
    finally:
        engine.dispose()
    if lines > 1:
        for start in range(0, len(jobs), lines):
            enqueue_speech_lines(queue, jobs[start : start + lines], timeout=60)
    else:
        for job in jobs:
            enqueue_speech(queue, job, timeout=60)
    return [job.audio_key for job in jobs]


def open_rows(db_url: str) -> int:
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("SELECT count(*) FROM tts_outbox WHERE status != 'done'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def wait_done(db_url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while open_rows(db_url):
        if time.monotonic() > deadline:
            raise RuntimeError("speech jobs did not finish")
        time.sleep(0.05)


def one_round(
    label: str, source: Path, jobs: int, redis_url: str, lines: int = 1, ahead: bool = False
) -> Round:
    with tempfile.TemporaryDirectory(prefix="speech-cpu-") as tmp:
        db, var = Path(tmp) / "tutor.db", Path(tmp) / "var"
        queue_name = f"bench-tts-{uuid.uuid4().hex[:8]}"
        env = worker_env(source, db, var, redis_url, queue_name)
        python = sys.executable
        # cwd: ``-m`` imports from the working directory first.
        subprocess.run(
            [python, "-m", "polish_tutor", "migrate"],
            env=env,
            check=True,
            capture_output=True,
            cwd=source,
        )
        db_url = f"sqlite:///{db}"
        redis = Redis.from_url(redis_url)
        queue = Queue(queue_name, connection=redis)
        measured = Queue(f"{queue_name}-ahead", connection=redis) if ahead else queue
        log = (Path(tmp) / "worker.log").open("wb")
        worker = subprocess.Popen(
            [python, "-m", "polish_tutor", "worker"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=source,
        )
        keys: list[str] = []
        try:
            user = uuid.uuid4()
            # The same sentences in every round, on both sides: eSpeak's work depends on the
            # words (a random token in them, spoken as letters or numbers, once moved a
            # round's eSpeak CPU per line between 4.5 and 6.9 ms).
            keys += put(db_url, measured, [f"Rozgrzewka {i}." for i in range(5)], user)
            # One ahead too: the worker's background process (started with it, at a lower
            # priority) has run a job before the measure, not its start-up during it.
            ahead_queue = Queue(f"{queue_name}-ahead", connection=redis)
            keys += put(db_url, ahead_queue, ["Rozgrzewka w tle."], user)
            wait_done(db_url, 120)
            time.sleep(1.0)
            texts = [f"Zdanie numer {i}: dzień dobry, poproszę kawę." for i in range(jobs)]
            before, started = cpu_seconds(worker.pid), time.monotonic()
            per_job = lines if takes_lines(source) and not ahead else 1
            keys += put(db_url, measured, texts, user, per_job)
            wait_done(db_url, 600)
            cpu, wall = cpu_seconds(worker.pid) - before, time.monotonic() - started
            idle_from = cpu_seconds(worker.pid)
            time.sleep(wall)
            idle = cpu_seconds(worker.pid) - idle_from
            return Round(label, jobs, cpu, wall, idle)
        except RuntimeError:
            print((Path(tmp) / "worker.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            worker.terminate()
            worker.wait(30)
            log.close()
            queue.delete(delete_jobs=True)
            Queue(f"{queue_name}-ahead", connection=redis).delete(delete_jobs=True)
            if keys:  # the jobs, the lines' carriers, the audio marks: the next round's
                clear_jobs(redis, keys)
                redis.delete(*(LINE_JOB + key for key in keys))
                redis.delete(*(audio_mark(key) for key in keys))
            redis.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--lines", type=int, default=1, help="lines per job, where taken")
    parser.add_argument("--before", type=Path, help="another checkout to measure alongside")
    parser.add_argument(
        "--ahead", action="store_true", help="jobs on the queue of speech made ahead of time"
    )
    options = parser.parse_args(argv)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    sources = [("after (this checkout)", ROOT)]
    if options.before is not None:
        sources.insert(0, (f"before ({options.before})", options.before.resolve()))
    rounds: list[Round] = []
    for index in range(options.rounds):
        for label, source in sources:
            result = one_round(label, source, options.jobs, redis_url, options.lines, options.ahead)
            rounds.append(result)
            print(
                f"round {index + 1} {label}: {result.ms_per_job:.2f} ms CPU per line "
                f"({result.cpu_s:.2f} s for {result.jobs} lines in {result.wall_s:.1f} s; "
                f"idle {result.idle_cpu_s:.2f} s)",
                flush=True,
            )
    medians = {
        label: statistics.median(r.ms_per_job for r in rounds if r.label == label)
        for label, _ in sources
    }
    print(f"\nload average: {os.getloadavg()[0]:.2f} (1 min); {os.cpu_count()} cores")
    kind = "--ahead" if options.ahead else f"--lines {options.lines}"
    print(f"| worker ({kind}) | CPU per speech line (median of rounds) |")
    print("| --- | --- |")
    for label, value in medians.items():
        print(f"| {label} | {value:.2f} ms |")
    if len(medians) == 2:
        before, after = medians.values()
        print(f"\nafter / before: {after / before:.2f}")
        # The machine drifts by ±15 % over minutes: each round's pair, measured back to back,
        # says more than medians of rounds minutes apart.
        befores, afters = rounds[::2], rounds[1::2]  # each round: before, then after
        pairs = [a.ms_per_job / b.ms_per_job for b, a in zip(befores, afters, strict=True)]
        print(
            f"per round, after / before: median {statistics.median(pairs):.2f}, "
            f"range {min(pairs):.2f}–{max(pairs):.2f} ({len(pairs)} rounds)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
