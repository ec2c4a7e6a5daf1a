"""Counts the SQL an engine sends, by kind, through SQLAlchemy's cursor events."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from polish_tutor.kit.request_context import current_request_id

WRITES = ("INSERT", "UPDATE", "DELETE")


def kind_of(statement: str) -> str:
    """read, write, transaction or other; a ``WITH`` statement that modifies data is a write."""
    text = statement.lstrip().upper()
    head = text.split(None, 1)[0] if text else ""
    if head in WRITES:
        return "write"
    if head == "WITH":
        return (
            "write"
            if any(f"({word} " in text or f"\n({word} " in text for word in WRITES)
            else "read"
        )
    if head == "SELECT":
        return "read"
    if head in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
        return "transaction"
    return "other"


class StatementCounter:
    def __init__(self, *, requests_only: bool) -> None:
        self.counts: Counter[str] = Counter()
        self.statements: list[str] = []
        self.active = True
        self.requests_only = requests_only

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Background tasks (the outbox relay, pre-synthesis) run outside any request.
        if self.requests_only and current_request_id() is None:
            return
        if self.active:
            self.counts[kind_of(statement)] += 1
            self.statements.append(statement)

    def reset(self) -> None:
        self.counts.clear()
        self.statements.clear()


@contextmanager
def counting(*engines: AsyncEngine, requests_only: bool = True) -> Iterator[StatementCounter]:
    """Count the statements the engines run while the block runs (distinct engines once):
    those run for an HTTP request, or (``requests_only=False``) all of them."""
    counter = StatementCounter(requests_only=requests_only)
    targets = {id(e.sync_engine): e.sync_engine for e in engines}.values()
    for target in targets:
        event.listen(target, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        counter.active = False
        for target in targets:
            event.remove(target, "before_cursor_execute", counter)


class DriverCalls:
    def __init__(self) -> None:
        self.count = 0
        self.calls: list[str] = []


@contextmanager
def counting_driver_calls() -> Iterator[DriverCalls]:
    """Count the calls into aiosqlite's thread that the HTTP requests made while the block
    runs make themselves: from the task that enters the block (an in-process client's
    requests run in it), not from tasks a request left behind (the relay's, a lesson's
    speech made ahead of time), which may run now or later."""
    import aiosqlite

    calls = DriverCalls()
    queue: Any = aiosqlite.Connection._execute
    task = asyncio.current_task()

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if current_request_id() is not None and asyncio.current_task() is task:
            calls.count += 1
            calls.calls.append(getattr(fn, "__qualname__", repr(fn)))
        return await queue(self, fn, *args, **kwargs)

    aiosqlite.Connection._execute = counted  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        aiosqlite.Connection._execute = queue  # type: ignore[method-assign]
