"""The transcription relay through a database outage (PostgreSQL reached through a proxy the
test cuts): one warning when its rounds start failing, one line when the database is back,
no traceback per round, and it goes on relaying; stopped, it ends quietly."""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit

import pytest
from redis import Redis
from rq import Queue

from polish_tutor.kit.db import create_engine, create_sessionmaker
from polish_tutor.kit.tasks import stop_tasks
from polish_tutor.settings import normalise_database_url
from polish_tutor.stt.relay import TranscriptionRelay
from tests.support.tcp_proxy import cuttable_proxy
from tests.support.waiting import eventually

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_database_outage_is_one_warning_per_outage_not_a_traceback_per_round(
    database_url: str, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    direct = urlsplit(normalise_database_url(database_url))
    with (
        cuttable_proxy((direct.hostname or "127.0.0.1", direct.port or 5432)) as proxy,
        Redis.from_url(redis_url) as redis,
    ):
        through_proxy = direct._replace(netloc=f"{direct.username}@127.0.0.1:{proxy.port}").geturl()
        engine = create_engine(through_proxy)
        sessions = create_sessionmaker(engine)
        relay = TranscriptionRelay(
            sessions,
            lambda: Queue("stt-outage-test", connection=redis),
            poll_interval=0.05,
            job_timeout=60,
            keep_audio=0,
        )
        polls: list[object] = []

        def polled(count: int) -> Any:
            async def check() -> bool:
                if relay._last_poll not in polls:
                    polls.append(relay._last_poll)
                return len(polls) >= count

            return check

        caplog.set_level(logging.INFO, logger="polish_tutor")
        task = asyncio.get_running_loop().create_task(relay.run())
        try:
            await eventually(polled(2), 30, "the relay's rounds")
            proxy.cut()
            polls.clear()
            await eventually(polled(5), 60, "rounds during the outage")
            proxy.restore()

            async def back() -> bool:
                return any("database is back" in r.getMessage() for r in caplog.records)

            await eventually(back, 60, "the relay to reach the database again")
        finally:
            await stop_tasks([task])
            await engine.dispose()

    ours = [r for r in caplog.records if r.name == "polish_tutor.stt.relay"]
    warnings = [r for r in ours if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in ours]
    assert "the database is unavailable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert task.cancelled()
