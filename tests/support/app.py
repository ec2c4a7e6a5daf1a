"""The real application started from settings a test has just changed, signed in."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx

from tests.support.auth import sign_up


@asynccontextmanager
async def signed_in_app(settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    from polish_tutor.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            account = await sign_up(client)
            client.headers.update(account["headers"])
            yield client


@contextmanager
def signals_kept() -> Iterator[None]:
    """Run an in-process RQ worker without taking the test's own signals: RQ's timeout
    (``SIGALRM``) would cancel pytest-timeout's alarm for the rest of the test, and its
    ``SIGINT``/``SIGTERM`` handlers would outlive the worker."""
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGALRM, signal.SIGINT, signal.SIGTERM)}
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    try:
        yield
    finally:
        for sig, handler in kept.items():
            signal.signal(sig, handler)
        if remaining:
            left = remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def run_speech_worker(settings: Any, *, with_scheduler: bool = False) -> None:
    """One real speech worker (``polish_tutor.worker``'s, every job in this process) in burst
    mode, built from the settings as they are now."""
    from polish_tutor.worker.process import WorkerProcess
    from polish_tutor.worker.run import speech_worker

    process = WorkerProcess.for_speech(settings)
    try:
        with signals_kept():
            speech_worker(settings, process, restart_when_stuck=False).work(
                burst=True, with_scheduler=with_scheduler
            )
    finally:
        process.close()


def worker_env(settings: Any, **extra: str) -> dict[str, str]:
    """The environment of a ``polish-tutor`` process configured like ``settings`` (plus
    ``extra`` TUTOR_* variables), without the TUTOR_* variables of this one."""
    from tests.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TUTOR_DATABASE_URL": settings.resolved_database_url,
            "TUTOR_REDIS_URL": settings.redis_url,
            "TUTOR_VAR_DIR": str(settings.var_dir),
            "TUTOR_TTS_QUEUE": settings.tts_queue,
            "TUTOR_SUMMARY_QUEUE": settings.summary_queue,
            **extra,
        }
    )
    return env


async def run_worker_cli(settings: Any, **extra: str) -> subprocess.CompletedProcess[bytes]:
    """``polish-tutor worker --burst`` in a process of its own, configured from ``settings``
    (and ``extra`` TUTOR_* variables), as deployed."""
    from tests.conftest import ROOT

    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "polish_tutor", "worker", "--burst"],
        env=worker_env(settings, **extra),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )


def run_transcription_worker(settings: Any, driver: Any) -> None:
    """One real transcription worker in burst mode, as ``polish-tutor worker --stt`` runs,
    with a recogniser the test module loaded once (not closed here)."""
    from polish_tutor.worker.process import WorkerProcess
    from polish_tutor.worker.run import transcription_worker

    process = WorkerProcess.for_transcription(settings, driver)
    try:
        with signals_kept():
            transcription_worker(settings, process, restart_when_stuck=False).work(burst=True)
    finally:
        from polish_tutor.stt import jobs

        jobs.transcription.bind(None)
        process.engine.dispose()
        process.redis.close()
