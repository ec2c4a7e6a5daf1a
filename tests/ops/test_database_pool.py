"""The API's database pool is the operator's to size (TUTOR_DB_POOL_SIZE, TUTOR_DB_MAX_OVERFLOW),
and a busy API reuses its connections instead of opening one per request."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from polish_tutor.app import create_app
from polish_tutor.state import app_state
from tests.support.auth import sign_up

pytestmark = pytest.mark.redis


async def test_turns_share_the_pool_it_was_given(settings: Any) -> None:
    settings.db_pool_size = 2
    settings.db_max_overflow = 0
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        engine = app_state(app).engine
        opened: list[object] = []
        event.listen(engine.sync_engine.pool, "connect", lambda *_: opened.append(1))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            learners = [(await sign_up(client))["headers"] for _ in range(6)]

            async def play(headers: dict[str, str]) -> list[int]:
                codes = []
                first = await client.post("/chat", json={"message": "Dzień dobry"}, headers=headers)
                codes.append(first.status_code)
                session_id = first.json()["session_id"]
                for message in ("Jak się masz?", "Poproszę kawa", "Dziękuję"):
                    reply = await client.post(
                        "/chat",
                        json={"message": message, "session_id": session_id},
                        headers=headers,
                    )
                    codes.append(reply.status_code)
                return codes

            results = await asyncio.gather(*(play(headers) for headers in learners))

        assert [code for codes in results for code in codes] == [200] * 24
        if engine.dialect.name == "sqlite":
            # SQLite keeps its single writer whatever the setting says.
            assert engine.pool.size() == 1  # type: ignore[attr-defined]
        else:
            assert engine.pool.size() == 2  # type: ignore[attr-defined]
            # 24 concurrent turns from 6 learners, and never more than the pool's 2 connections.
            assert 1 <= len(opened) <= 2
