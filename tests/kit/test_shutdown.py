"""The app stops at once when a relay is woken as it stops (seen as a hang in a test's
teardown: Python 3.11's ``wait_for`` swallowed the relay's cancellation)."""

from __future__ import annotations

import asyncio
from typing import Any

from polish_tutor.app import create_app


async def test_the_lifespan_ends_when_the_relays_are_woken_as_it_stops(settings: Any) -> None:
    settings = settings.model_copy(update={"outbox_poll_interval": 60.0})
    app = create_app(settings)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    state = app.state.tutor
    await asyncio.sleep(0.5)  # both relays have done their first round and wait to be woken
    for relay in (state.relay, state.transcriptions):
        relay._wake.set()
    await asyncio.sleep(0)  # the wake-up has run; the relays' own steps have not
    await asyncio.wait_for(lifespan.__aexit__(None, None, None), 30)
    assert all(task.done() for task in state.tasks)
