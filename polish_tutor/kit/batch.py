"""The writes of one unit of work, sent to the database together.

A chat turn writes several tables (the session, its two turns, the speech outbox, progress
counters, review cards). Repositories add their writes to a :class:`WriteBatch` instead of
executing them; the chat service executes the batch once. On PostgreSQL the statements become
data-modifying CTEs of a single statement: one round trip, atomic on its own, with every
constraint checked (a unique violation anywhere fails the whole statement). SQLite has no
data-modifying CTEs, so there the statements run one after another inside the transaction, on
its connection in one call from the event loop. With aiosqlite they go to the driver's thread
together, in one call (:func:`_driver_steps`, ``kit.db.run_in_driver``; with the
transaction's ``BEGIN`` when they are its first statements): each statement through
SQLAlchemy's ``Connection.execute`` cost three hops to that thread (a cursor opened, executed,
closed) and the execution machinery around them, more than the statements themselves. A last
batch that is its transaction's only work (a right answer's turn: nothing read before it) runs
as a transaction of its own (``kit.db.run_alone``: ``BEGIN``, the writes and ``COMMIT`` in that
one call, on a connection of the pool's): the ORM session's transaction, which would only
carry it, never begins.

Writes are :class:`WriteTemplate` s plus values. Building a SQLAlchemy statement costs more CPU
than everything else a turn does, so each statement shape (dialect, number of rows, and for
PostgreSQL the combination of writes) is built once per process and then only bound to new
values; its compiled SQL comes from SQLAlchemy's cache and its prepared statement from the
driver's.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    Delete,
    Engine,
    Executable,
    Insert,
    Table,
    Update,
    bindparam,
    literal,
    select,
    union_all,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from polish_tutor.kit.db import (
    Step,
    aiosqlite_of,
    can_run_alone,
    instrumented,
    run_alone,
    run_in_driver,
)

WriteStatement = Insert | Update | Delete
Row = Mapping[str, Any]
AnyInsert = TypeVar("AnyInsert", bound=Insert)


class Binds:
    """Names the bound parameters of one write in a batch: ``{prefix}{row}_{name}``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, table: Table, name: str, row: int = 0) -> BindParameter[Any]:
        """The parameter for ``table``'s column ``name`` in row ``row`` (typed like it)."""
        return bindparam(f"{self.prefix}{row}_{name}", type_=table.c[name].type)

    def row(self, table: Table, columns: Sequence[str], row: int = 0) -> dict[str, Any]:
        """``{column: parameter}`` for one row of a (multi-row) insert."""
        return {name: self(table, name, row) for name in columns}

    def values(self, rows: Sequence[Row]) -> dict[str, Any]:
        return {
            f"{self.prefix}{index}_{name}": value
            for index, row in enumerate(rows)
            for name, value in row.items()
        }


def insert_rows(
    statement: AnyInsert, table: Table, columns: Sequence[str], binds: Binds, rows: int
) -> AnyInsert:
    """``statement`` inserting ``rows`` rows of bound values. SQLAlchemy does not cache a
    multi-row ``VALUES``, so several rows are a ``UNION ALL`` of one-row ``SELECT`` s."""
    if rows == 1:
        return statement.values(binds.row(table, columns))
    selects = [
        select(*(binds(table, name, row).label(name) for name in columns)) for row in range(rows)
    ]
    return statement.from_select(list(columns), union_all(*selects))


Builder = Callable[[str, Binds, int], WriteStatement]


class WriteTemplate:
    """A write's shape, built by ``build(dialect, binds, rows)`` once per dialect, prefix and
    row count. Defined beside the SQL it holds, in a repository."""

    def __init__(self, name: str, build: Builder) -> None:
        self.name = name
        self._build = build
        self.statement = functools.lru_cache(maxsize=64)(self._statement)
        self._driver_forms: weakref.WeakKeyDictionary[Dialect, DriverForm | None] = (
            weakref.WeakKeyDictionary()
        )

    def _statement(self, dialect: str, prefix: str, rows: int) -> WriteStatement:
        return self._build(dialect, Binds(prefix), rows)

    def driver_form(self, dialect: Dialect) -> DriverForm | None:
        """The one-row statement compiled for ``dialect`` (an engine's) once, for the driver
        itself; None if it needs SQLAlchemy's execution (defaults computed in Python,
        ``RETURNING``, parameters expanded when executed)."""
        try:
            return self._driver_forms[dialect]
        except KeyError:
            form = DriverForm.of(self.statement(dialect.name, "", 1), dialect)
            self._driver_forms[dialect] = form
            return form

    def __repr__(self) -> str:
        return f"WriteTemplate({self.name!r})"


_REQUIRED = object()  # a parameter every row must give


@dataclass(frozen=True, slots=True)
class DriverForm:
    """A statement as the DB-API driver takes it: its SQL (``qmark`` style) and, in order,
    each parameter's name in a row (a one-row statement's ``0_{name}`` is a row's ``name``;
    None for a parameter no row gives), SQLAlchemy's bind processor for its type (UUIDs,
    timestamps, JSON as SQLAlchemy would store them), and the value a parameter has when a
    row does not give one (a literal in the statement)."""

    sql: str
    params: tuple[tuple[str | None, Callable[[Any], Any] | None, Any], ...]

    @classmethod
    def of(cls, statement: WriteStatement, dialect: Dialect) -> DriverForm | None:
        compiled: Any = statement.compile(dialect=dialect)
        if (
            not compiled.positional
            or dialect.paramstyle != "qmark"
            or compiled.insert_prefetch
            or compiled.update_prefetch
            or compiled.postfetch
            or compiled.effective_returning
            or compiled.literal_execute_params
            or compiled.post_compile_params
        ):
            return None
        processors = compiled._bind_processors
        params = []
        for name in compiled.positiontup:
            bind = compiled.binds[name]
            fixed = _REQUIRED if bind.required else bind.effective_value
            key = name.removeprefix("0_") if name.startswith("0_") else None
            params.append((key, processors.get(name), fixed))
        return cls(compiled.string, tuple(params))

    def values(self, row: Row) -> tuple[Any, ...]:
        """The row's parameters in order, processed (KeyError if one is missing)."""
        out = []
        for key, process, fixed in self.params:
            if key is not None and key in row:
                value = row[key]
            elif fixed is _REQUIRED:
                raise KeyError(key)
            else:
                value = fixed
            out.append(process(value) if process is not None else value)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Write:
    template: WriteTemplate
    rows: Sequence[Row]


@functools.lru_cache(maxsize=512)
def _combined(dialect: str, shape: tuple[tuple[WriteTemplate, int], ...]) -> Executable:
    ctes = [
        template.statement(dialect, f"w{index}_", rows).cte(f"w{index}")
        for index, (template, rows) in enumerate(shape)
    ]
    return select(literal(1)).add_cte(*ctes)


class WriteBatch:
    def __init__(self) -> None:
        self.writes: list[Write] = []

    def add(self, template: WriteTemplate, rows: Sequence[Row] | Row) -> None:
        """One write: ``rows`` gives the values of each row (one mapping for one row)."""
        self.writes.append(Write(template, [rows] if isinstance(rows, Mapping) else rows))

    def extend(self, other: WriteBatch) -> None:
        self.writes.extend(other.writes)
        other.writes = []

    def __len__(self) -> int:
        return len(self.writes)

    async def execute(self, session: AsyncSession, *, last: bool = False) -> None:
        """Run every write in ``session``'s transaction; the caller commits.

        ``last``: these are the transaction's last writes, and the caller commits it next
        (nothing that may fail, or write, comes between). On aiosqlite the ``COMMIT`` then goes
        to the driver's thread with them, in the same call, and the caller's commit sends
        nothing (``kit.db.run_in_driver``): a call less. Nothing is committed when a write
        fails (the caller rolls back as before); once they succeed, a rollback cannot undo
        them. Other drivers, and SQLAlchemy's execution, commit when the caller commits."""
        writes, self.writes = self.writes, []
        if not writes:
            return
        bind = session.get_bind()
        dialect = bind.dialect.name
        if len(writes) > 1 and dialect == "postgresql":
            shape = tuple((write.template, len(write.rows)) for write in writes)
            values: dict[str, Any] = {}
            for index, write in enumerate(writes):
                values.update(Binds(f"w{index}_").values(write.rows))
            await session.execute(_combined(dialect, shape), values)
            return
        if (
            last
            and isinstance(bind, Engine)  # (a session bound to a connection: in its transaction)
            and not session.in_transaction()
            and can_run_alone(bind)
        ):
            # The transaction's only work: a transaction of its own (kit.db.run_alone),
            # which the session never sees; its commit then has nothing to do.
            work = _driver_steps(bind.dialect, writes)
            if work is not None:
                await run_alone(bind, work)
                return
        # One row's statement per write, run for each row (``executemany``); all of them on
        # the session's connection in one call, not one session call (and greenlet) each.
        await session.run_sync(_execute_each, writes, last)


def _execute_each(session: Session, writes: Sequence[Write], last: bool = False) -> None:
    """In SQLAlchemy's greenlet: each write's statement on the session's transaction's
    connection; with aiosqlite, all of them in one call to its thread (``last``: with the
    transaction's ``COMMIT``, unless in a savepoint)."""
    connection = session.connection()
    dialect = connection.dialect
    if aiosqlite_of(connection) is not None and not instrumented(connection):
        work = _driver_steps(dialect, writes)
        if work is not None:
            commit = last and not connection.in_nested_transaction()
            run_in_driver(connection, work, commit=commit)
            return
    for write in writes:
        rows = [{f"0_{name}": value for name, value in row.items()} for row in write.rows]
        statement = write.template.statement(dialect.name, "", 1)
        connection.execute(statement, rows[0] if len(rows) == 1 else rows)


def _driver_steps(dialect: Dialect, writes: Sequence[Write]) -> list[Step] | None:
    """The writes as aiosqlite's thread runs them (sqlite3 ``execute`` / ``executemany``,
    :func:`kit.db.run_in_driver`), with the parameters SQLAlchemy would send; None when that
    cannot be done, and SQLAlchemy runs them instead (a driver error is then raised as
    SQLAlchemy's, ``IntegrityError`` …, without parameters). An engine with cursor listeners
    (Sentry's SQLAlchemy integration, a statement counter) runs its statements through
    SQLAlchemy: the listeners expect its execution context (the callers ask first)."""
    work: list[Step] = []
    try:
        for write in writes:
            form = write.template.driver_form(dialect)
            if form is None:
                return None
            rows = write.rows
            if len(rows) == 1:
                work.append((form.sql, form.values(rows[0]), False))
            else:
                work.append((form.sql, [form.values(row) for row in rows], True))
    except KeyError:  # a value missing: SQLAlchemy's execution says which
        return None
    return work
