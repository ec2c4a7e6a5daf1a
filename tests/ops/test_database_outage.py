"""The database going away: a clear 503, never a 500, and recovery without a restart."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from polish_tutor.app import create_app
from polish_tutor.settings import Settings
from tests.support.auth import sign_up

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


async def test_a_database_restart_costs_at_most_one_request(
    postgres_url: str, redis_url: str, tmp_path: Path
) -> None:
    from polish_tutor.kit.migrate import upgrade
    from tests.conftest import empty_postgres

    settings = Settings(
        database_url=postgres_url,
        redis_url=redis_url,
        var_dir=tmp_path / "var",
        tts_queue=f"tts-{uuid.uuid4().hex[:8]}",
        presynthesis=False,
    )
    upgrade(settings)
    empty_postgres(postgres_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            first = await client.post("/chat", json={"message": "Dzień dobry"})
            assert first.status_code == 200, first.text
            session_id = first.json()["session_id"]

            # What a restart does to the API's pooled connections: the server ends them.
            name = postgres_url.rsplit("/", 1)[1]
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                ended = admin.execute(
                    "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM "
                    "pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()) t",
                    (name,),
                ).fetchone()
            assert ended is not None and ended[0] >= 1

            statuses: list[int] = []
            for _ in range(3):
                reply = await client.post(
                    "/chat", json={"message": "Poproszę kawę.", "session_id": session_id}
                )
                statuses.append(reply.status_code)
                if reply.status_code == 503:
                    body: dict[str, Any] = reply.json()
                    assert body["error"]["code"] == "database_unavailable"
                    assert reply.headers["retry-after"] == "5"
                else:
                    assert reply.status_code == 200, reply.text
                    break
            # At most the first request after the restart fails, and it says why.
            assert statuses[-1] == 200 and statuses.count(503) <= 1
            transcript = (await client.get(f"/sessions/{session_id}")).json()
            assert [t["role"] for t in transcript["turns"]] == ["learner", "tutor"] * 2


async def test_a_database_that_is_down_gives_503_with_retry_after(
    redis_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        database_url="postgresql://postgres@127.0.0.1:1/nowhere",
        redis_url=redis_url,
        var_dir=tmp_path / "var",
        presynthesis=False,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            reply = await client.post(
                "/auth/register",
                json={"email": "learner@example.org", "password": "kawa-z-mlekiem-42"},
            )
            assert reply.status_code == 503
            assert reply.json()["error"]["code"] == "database_unavailable"
            assert reply.headers["retry-after"] == "5"
            assert "nowhere" not in reply.text and "127.0.0.1" not in reply.text
