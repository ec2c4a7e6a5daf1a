"""Background tasks stop for good at shutdown, even one that swallows a cancellation."""

from __future__ import annotations

import asyncio
import logging

import pytest

from polish_tutor.kit.tasks import stop_tasks


async def test_a_task_that_swallows_its_first_cancellation_is_cancelled_again() -> None:
    swallowed = 0

    async def stubborn() -> None:
        nonlocal swallowed
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                swallowed += 1
                if swallowed > 2:
                    raise

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    await asyncio.wait_for(stop_tasks([task]), 30)
    assert task.cancelled() and swallowed == 3


async def test_an_error_a_task_ended_with_is_logged_and_finished_ones_are_fine(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken() -> None:
        raise RuntimeError("lost connection")

    async def finished() -> int:
        return 1

    tasks = [asyncio.create_task(broken(), name="broken"), asyncio.create_task(finished())]
    await asyncio.sleep(0.01)
    with caplog.at_level(logging.ERROR, logger="polish_tutor.kit.tasks"):
        await stop_tasks(tasks)
    assert [r.getMessage() for r in caplog.records] == ["background task broken failed"]
