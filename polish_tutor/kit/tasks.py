"""Stopping background tasks for good at shutdown.

``task.cancel()`` then ``await task`` waits for ever on a task that swallowed its one
cancellation: Python 3.11's ``asyncio.wait_for`` returns the inner result instead of raising
when the inner awaitable finishes as the cancellation arrives (a relay woken by a turn just as
the app stops), and a loop around it then runs on. :func:`stop_tasks` cancels again until every
task has ended.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

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
