"""The async engine, the declarative base and the per-request session."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import sqlite3
import uuid
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, MetaData, Select, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import PoolResetState
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_, greenlet_spawn

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored with their zone on PostgreSQL and read back as aware UTC on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


READ_ONLY = "tutor_read_only"
# The BEGIN of a transaction on aiosqlite not sent yet (in the connection's ``info``).
PENDING_BEGIN = "tutor_pending_begin"
# On aiosqlite, the transaction's COMMIT went to the driver's thread with its last statements
# (``run_in_driver(..., commit=True)``) and nothing ran since: its commit sends nothing.
COMMITTED = "tutor_committed"


def _begin_sql(connection: Connection | Engine) -> str:
    return "BEGIN" if connection.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"


def configure_sqlite(sync_engine: Any) -> None:
    """SQLite as a server: WAL, a busy timeout, and write transactions that lock up front.

    ``BEGIN IMMEDIATE`` takes the write lock at the start of every transaction that may
    write, so two concurrent turns queue behind the busy timeout instead of failing with
    ``database is locked`` when a read snapshot tries to upgrade to a write. Connections with
    the ``tutor_read_only`` execution option start plain (deferred) transactions: in WAL mode
    they read alongside the writer. On aiosqlite the ``BEGIN`` goes to the driver's thread
    with the transaction's first statement, not in a call of its own (~70 µs of CPU each).
    """

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        sql = _begin_sql(connection)
        if aiosqlite_of(connection) is None or instrumented(connection):
            connection.exec_driver_sql(sql)
            return
        # Sent with the transaction's first statement, in its call to aiosqlite's thread
        # (run_in_driver), or just before it (SQLAlchemy's execution: _send_begin); a
        # transaction that runs nothing sends none.
        connection.info[PENDING_BEGIN] = sql

    if sync_engine.dialect.driver == "aiosqlite":
        _send_pending_begin(sync_engine)


def _send_pending_begin(sync_engine: Any) -> None:
    """An aiosqlite engine's deferred ``BEGIN`` (``configure_sqlite``), sent before the
    first statement SQLAlchemy executes in the transaction, and forgotten when the
    transaction ends without one; and its commit, which sends nothing when the ``COMMIT``
    went with the transaction's last statements (``run_in_driver(..., commit=True)``)."""

    def _send_begin(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        connection = context.root_connection
        if PENDING_BEGIN in connection.info:
            run_in_driver(connection, [])
        return False  # SQLAlchemy runs the statement itself

    def _send_begin_no_params(cursor: Any, statement: str, context: Any) -> bool:
        return _send_begin(cursor, statement, None, context)

    # Every statement SQLAlchemy executes passes one of these (the dialect's events).
    event.listen(sync_engine, "do_execute", _send_begin)
    event.listen(sync_engine, "do_executemany", _send_begin)
    event.listen(sync_engine, "do_execute_no_params", _send_begin_no_params)

    @event.listens_for(sync_engine, "commit")
    def _on_commit(connection: Connection) -> None:
        connection.info.pop(PENDING_BEGIN, None)  # (COMMITTED is read by do_commit, next)

    @event.listens_for(sync_engine, "rollback")
    def _on_rollback(connection: Connection) -> None:
        if connection.invalidated:
            # A statement cut short (a cancellation) invalidated it: reading its info would
            # raise, in place of the cancellation; the pool clears that info on reconnecting.
            return
        connection.info.pop(PENDING_BEGIN, None)
        connection.info.pop(COMMITTED, None)

    @event.listens_for(sync_engine.pool, "checkin")
    def _on_checkin(_: Any, record: Any) -> None:
        if record is not None:
            record.info.pop(PENDING_BEGIN, None)
            record.info.pop(COMMITTED, None)

    # SQLAlchemy's commit calls the dialect's do_commit after the "commit" event: a call to
    # aiosqlite's thread, unless the COMMIT was sent already (the dialect is this engine's own).
    dialect = sync_engine.dialect
    plain_commit = dialect.do_commit

    def do_commit(dbapi_connection: Any) -> None:
        if dbapi_connection.info.pop(COMMITTED, False):
            return
        plain_commit(dbapi_connection)

    dialect.do_commit = do_commit


def _reset_open_transactions(sync_engine: Any) -> None:
    """The pool's reset on return, for an engine made with ``pool_reset_on_return=None``:
    a ``ROLLBACK`` only when the connection comes back with a transaction open. SQLAlchemy's
    own reset sent one after every ORM commit too (on aiosqlite a call to its thread)."""

    @event.listens_for(sync_engine, "reset")
    def _on_reset(dbapi_connection: Any, _: Any, state: PoolResetState) -> None:
        if state.terminate_only or not state.asyncio_safe:
            return
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None and hasattr(driver, "in_transaction") and not driver.in_transaction:
            return
        dbapi_connection.rollback()


def instrumented(connection: Connection | Engine) -> bool:
    """Whether the engine has cursor listeners (Sentry's SQLAlchemy integration, a statement
    counter): they expect SQLAlchemy's execution context, so statements go through it."""
    dispatch = connection.dispatch
    return bool(dispatch.before_cursor_execute or dispatch.after_cursor_execute)


def aiosqlite_of(connection: Connection) -> Any | None:
    """The aiosqlite connection under ``connection`` (None for any other driver)."""
    if connection.dialect.driver != "aiosqlite":
        return None
    driver = connection.connection.driver_connection
    return driver if hasattr(driver, "_execute") and hasattr(driver, "_conn") else None


Step = tuple[str, Any, bool]  # SQL, its parameters (a row's, or a list of rows'), executemany


def run_in_driver(
    connection: Connection, steps: list[Step], *, fetch: bool = False, commit: bool = False
) -> list[Any] | None:
    """Run SQL on sqlite3 in aiosqlite's thread, every step in one call to it, from
    SQLAlchemy's greenlet (``connection`` is an aiosqlite one: :func:`aiosqlite_of`), after
    the transaction's ``BEGIN`` if it is not sent yet; ``fetch``: the last step's rows. The
    first error stops them and is raised as SQLAlchemy raises it (``IntegrityError``,
    ``OperationalError`` …, without parameters).

    ``commit``: the steps are the transaction's last statements, and its ``COMMIT`` goes with
    them, after them, in the same call; the transaction's commit then sends nothing (a call
    to the thread less). Nothing is committed when a step fails. A statement run after them in
    the same SQLAlchemy transaction begins a new one, committed by that commit as usual; a
    rollback cannot undo them. Not in a nested transaction (a savepoint): no ``COMMIT`` then.
    """
    driver = aiosqlite_of(connection)
    assert driver is not None
    assert not (fetch and commit), "the rows of the COMMIT's statement: none"
    begin = connection.info.pop(PENDING_BEGIN, None)
    if begin is not None:
        connection.info.pop(COMMITTED, None)  # a statement after an early COMMIT: begins anew
        steps = [(begin, (), False), *steps]
    if commit:
        assert not connection.in_nested_transaction(), "no COMMIT inside a savepoint"
        steps = [*steps, ("COMMIT", (), False)]
    if not steps:
        return None
    rows = _in_driver(driver, connection.dialect, steps, fetch=fetch)
    if commit:
        # Committed: the SQLAlchemy transaction stays open until its own commit, which sends
        # nothing now; a statement before that begins a new transaction first.
        connection.info[COMMITTED] = True
        connection.info[PENDING_BEGIN] = _begin_sql(connection)
    return rows


def _in_driver(
    driver: Any, dialect: Dialect, steps: list[Step], *, fetch: bool = False, alone: bool = False
) -> list[Any] | None:
    """``steps`` in one call to aiosqlite's thread (``driver``), from SQLAlchemy's greenlet;
    the first error raised as SQLAlchemy raises it, without parameters (``alone``: rolled
    back in the same call)."""
    failed: tuple[int, sqlite3.Error] | None
    rows: list[Any] | None
    try:
        failed, rows = await_(driver._execute(_execute, driver._conn, steps, fetch, alone))
    except ValueError as exc:  # aiosqlite's "no active connection", "Connection closed"
        failed, rows = (0, sqlite3.OperationalError(str(exc))), None
    if failed is not None:
        index, error = failed
        sql, params, many = steps[index]
        raise DBAPIError.instance(
            sql,
            params,
            error,
            sqlite3.Error,
            hide_parameters=True,
            dialect=dialect,
            ismulti=many,
        ) from error
    return rows


def _execute(
    conn: sqlite3.Connection, steps: list[Step], fetch: bool, alone: bool = False
) -> tuple[tuple[int, sqlite3.Error] | None, list[Any] | None]:
    """In the driver's thread: each step in order, and (``fetch``) the last one's rows; the
    first error stops them and is returned with the step's index (``alone``: after rolling
    back the transaction the steps began, so the connection is left with none open whether
    or not anyone is still waiting for the call)."""
    cursor = None
    for index, (sql, params, many) in enumerate(steps):
        try:
            if many:
                cursor = conn.executemany(sql, params)
            else:
                cursor = conn.execute(sql, params)
        except sqlite3.Error as error:
            if alone and conn.in_transaction:
                # (a broken connection fails its ROLLBACK too: the write's error is the one told)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            return (index, error), None
    if not fetch or cursor is None:
        return None, None
    try:
        return None, cursor.fetchall()
    except sqlite3.Error as error:
        return (len(steps) - 1, error), None


def can_run_alone(engine: Engine) -> bool:
    """Whether :func:`run_alone` may run statements on ``engine``: an aiosqlite one without
    cursor listeners (:func:`instrumented`)."""
    return engine.dialect.driver == "aiosqlite" and not instrumented(engine)


async def run_alone(engine: Engine, steps: list[Step]) -> None:
    """``steps`` as a transaction of their own: its ``BEGIN``, the steps and its ``COMMIT``
    in one call to aiosqlite's thread (:func:`can_run_alone`), on a connection of
    ``engine``'s pool (taken in its turn, as a session takes it, and given back at once).
    For a session's only work, its last (``WriteBatch.execute``): the session's own
    transaction (a ``Session``, a ``Connection``, their events and state, a call to
    SQLAlchemy's greenlet for the statements and another for the commit) then never begins.

    A step that fails is raised as :func:`run_in_driver` raises it, nothing committed: the
    transaction is rolled back in the same call, so the connection goes back to the pool
    with none open even if the caller was cancelled meanwhile."""
    steps = [(_begin_sql(engine), (), False), *steps, ("COMMIT", (), False)]
    await greenlet_spawn(_run_alone, engine, steps)


def _run_alone(engine: Engine, steps: list[Step]) -> None:
    connection = engine.raw_connection()  # waits in the pool's queue if it must
    try:
        driver = connection.driver_connection
        assert hasattr(driver, "_execute") and hasattr(driver, "_conn"), "aiosqlite's"
        _in_driver(driver, engine.dialect, steps, alone=True)
    finally:
        connection.close()  # back to the pool (its reset rolls back only an open transaction)


@dataclass(frozen=True, slots=True)
class DriverRead:
    """A query compiled for an engine's dialect once, to run in the driver's thread
    (:func:`read_rows`): SQLAlchemy's compiled form (it expands ``IN`` lists when bound) and
    each column's result processor, as SQLAlchemy's execution would apply them."""

    compiled: Any
    processors: tuple[Callable[[Any], Any] | None, ...]

    @classmethod
    def of(cls, statement: Select[Any], dialect: Dialect) -> DriverRead | None:
        compiled: Any = statement.compile(dialect=dialect)
        if not compiled.positional or dialect.paramstyle != "qmark":
            return None
        processors = tuple(
            column.type._cached_result_processor(dialect, None)
            for column in statement.selected_columns
        )
        return cls(compiled, processors)

    def step(self, params: Mapping[str, Any]) -> Step:
        """The query's SQL and parameters, bound and processed as SQLAlchemy binds them."""
        expanded = self.compiled.construct_expanded_state(params, escape_names=False)
        processors = {**self.compiled._bind_processors, **expanded.processors}
        values = expanded.parameters
        bound = tuple(
            processors[name](values[name]) if name in processors else values[name]
            for name in expanded.positiontup
        )
        return expanded.statement, bound, False

    def rows(self, raw: list[Any]) -> list[tuple[Any, ...]]:
        processors = self.processors
        return [
            tuple(
                value if process is None else process(value)
                for process, value in zip(processors, row, strict=True)
            )
            for row in raw
        ]


_driver_reads: weakref.WeakKeyDictionary[Dialect, dict[Select[Any], DriverRead | None]] = (
    weakref.WeakKeyDictionary()
)


def _driver_read(statement: Select[Any], dialect: Dialect) -> DriverRead | None:
    forms = _driver_reads.setdefault(dialect, {})
    try:
        return forms[statement]
    except KeyError:
        if len(forms) >= 256:  # statements built per call: compiled each time, not kept
            forms.clear()
        form = forms[statement] = DriverRead.of(statement, dialect)
        return form


async def read_rows(
    session: AsyncSession, statement: Select[Any], params: Mapping[str, Any]
) -> Sequence[tuple[Any, ...]]:
    """The rows of a query built once per process (it is cached by identity), in
    ``session``'s transaction. With aiosqlite it runs in one call to the driver's thread
    (with the transaction's ``BEGIN`` if not sent yet); SQLAlchemy's execution makes four
    (cursor, execute, fetch, close). Other drivers, and engines with cursor listeners
    (:func:`instrumented`), run it through ``session.execute``."""
    if session.get_bind().dialect.driver != "aiosqlite":
        rows: Sequence[tuple[Any, ...]] = (await session.execute(statement, params)).all()
        return rows
    return await session.run_sync(_read_rows, statement, params)


def _read_rows(
    session: Session, statement: Select[Any], params: Mapping[str, Any]
) -> Sequence[tuple[Any, ...]]:
    connection = session.connection()
    form = None
    if aiosqlite_of(connection) is not None and not instrumented(connection):
        form = _driver_read(statement, connection.dialect)
    if form is None:
        rows: Sequence[tuple[Any, ...]] = session.execute(statement, params).all()
        return rows
    raw = run_in_driver(connection, [form.step(params)], fetch=True)
    return form.rows(raw or [])


def create_engine(
    url: str,
    *,
    for_reads: bool = False,
    pre_ping: bool = False,
    pool_size: int = 10,
    max_overflow: int = 20,
    **kwargs: Any,
) -> AsyncEngine:
    """The process's engine, which never puts a statement's parameters (learner text, ids)
    in an error message or a log line (``hide_parameters``). On SQLite, writes go through a
    single pooled connection, so concurrent writers wait in the pool's queue, in order,
    rather than in SQLite's busy handler (which sleeps up to 100 ms between tries); reads get
    an engine of their own.
    ``pool_size`` and ``max_overflow`` size PostgreSQL's pool (``TUTOR_DB_POOL_SIZE``,
    ``TUTOR_DB_MAX_OVERFLOW``)."""
    if url.startswith("sqlite"):
        if for_reads:
            kwargs.setdefault("pool_size", 5)
            kwargs.setdefault("max_overflow", 5)
        else:
            kwargs.setdefault("pool_size", 1)
            kwargs.setdefault("max_overflow", 0)
        kwargs.setdefault("pool_timeout", 60)
        kwargs.setdefault("pool_reset_on_return", None)
        engine = create_async_engine(url, hide_parameters=True, **kwargs)
        configure_sqlite(engine.sync_engine)
        if kwargs["pool_reset_on_return"] is None:
            _reset_open_transactions(engine.sync_engine)
        return engine
    kwargs.update(pool_size=pool_size, max_overflow=max_overflow)
    # No ping before each checkout: on asyncpg it costs three round trips (BEGIN, ";",
    # ROLLBACK) per request. A connection a database restart killed fails its request with a
    # 503 instead, and SQLAlchemy then replaces every pooled connection.
    kwargs.setdefault("pool_pre_ping", pre_ping)
    return create_async_engine(url, hide_parameters=True, **kwargs)


def create_sessionmaker(
    engine: AsyncEngine, *, read_only: bool = False
) -> async_sessionmaker[AsyncSession]:
    """Sessions for writing, or (``read_only``) for requests that only read."""
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False)


AFTER_COMMIT = "after_commit"


def call_after_commit(
    session: AsyncSession, callback: Callable[[], Awaitable[None] | None]
) -> None:
    """Run ``callback`` once the request's transaction has committed (never on rollback).

    A callback may be a coroutine function: ``run_after_commit_async`` awaits it (the request
    dependency does, before the response is sent); ``run_after_commit`` runs it as a task."""
    session.info.setdefault(AFTER_COMMIT, []).append(callback)


def run_after_commit(session: AsyncSession) -> None:
    for callback in session.info.pop(AFTER_COMMIT, []):
        result = callback()
        if inspect.isawaitable(result):
            asyncio.ensure_future(result)


async def run_after_commit_async(session: AsyncSession) -> None:
    for callback in session.info.pop(AFTER_COMMIT, []):
        result = callback()
        if inspect.isawaitable(result):
            await result


def discard_after_commit(session: AsyncSession) -> None:
    session.info.pop(AFTER_COMMIT, None)
