"""Stopping background tasks for good at shutdown, and telling of their failed rounds.

``task.cancel()`` then ``await task`` waits for ever on a task that swallowed its one
cancellation: Python 3.11's ``asyncio.wait_for`` returns the inner result instead of raising
when the inner awaitable finishes as the cancellation arrives (a relay woken by a turn just as
the app stops), and a loop around it then runs on. :func:`stop_tasks` cancels again until every
task has ended.

A cancellation is not a failure: a round cancelled at shutdown ends quietly, even when a
library's clean-up of the interrupted work raised an error of its own in its place
(:func:`stop_if_cancelled`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from polish_tutor.kit.errors import database_unreachable

log = logging.getLogger(__name__)

RECANCEL_AFTER = 0.5  # seconds a cancelled task gets before it is cancelled again


async def stop_tasks(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until each has ended, cancelling again those that go on; an
    error a task ended with is logged (it would otherwise be lost)."""
    tasks = list(tasks)
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=RECANCEL_AFTER)
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())


def stop_if_cancelled() -> None:
    """Called where a background loop catches ``Exception``: if its task is being cancelled,
    the error stands for the cancellation it replaced (SQLAlchemy cleaning up a statement
    the cancellation cut short, say), and the cancellation goes on, unlogged."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class RoundFailures:
    """How a background loop that retries by itself (a relay) tells of its failed rounds: a
    database in trouble (:func:`kit.errors.database_unreachable`) in one line when it starts
    failing and one when it is back, anything else with its traceback, every time."""

    def __init__(self, logger: logging.Logger, loop_name: str) -> None:
        self._log = logger
        self._name = loop_name
        self._failing: str | None = None  # the error of the database's trouble under way

    def failed(self, exc: Exception) -> None:
        """In the loop's ``except Exception``."""
        stop_if_cancelled()
        if not database_unreachable(exc):
            self._log.error("%s round failed", self._name, exc_info=exc)
            return
        root: BaseException = exc  # ConnectionRefusedError, not the driver's wrappers
        while root.__cause__ is not None:
            root = root.__cause__
        cause = type(root).__name__
        if self._failing is None:
            self._log.warning(
                "%s: the database is unavailable (%s); retrying each round", self._name, cause
            )
        self._failing = cause

    def succeeded(self) -> None:
        if self._failing is not None:
            self._log.info("%s: the database is back", self._name)
            self._failing = None
