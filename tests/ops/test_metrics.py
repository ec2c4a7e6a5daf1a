"""``/metrics`` after a real turn and a real (burst) speech worker run, on SQLite and PostgreSQL.

Every metric family the operator's dashboard and alerts use is there, with bounded labels:
no user id, no e-mail address, no learner text, no ids in route labels.
"""

from __future__ import annotations

import logging
import re
import socket
import uuid
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.support.auth import PASSWORD, sign_up
from tests.support.db import outbox_statuses
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"
MESSAGE = "poproszę kawa z mlekiem"

FAMILIES = {
    # learner latency and HTTP
    "tutor_chat_latency_seconds",
    "tutor_http_requests",
    "tutor_http_request_duration_seconds",
    # providers
    "tutor_agent_driver_call_seconds",
    "tutor_agent_driver_errors",
    "tutor_agent_fallbacks",
    "tutor_grounding_checked_corrections",
    "tutor_grounding_dropped_corrections",
    "tutor_grounding_added_corrections",
    # speech pipeline
    "tutor_tts_jobs",
    "tutor_tts_synthesis_seconds",
    "tutor_tts_cache_requests",
    "tutor_tts_turn_to_audio_ready_seconds",
    "tutor_tts_queue_depth",
    "tutor_tts_workers",
    "tutor_tts_outbox_rows",
    "tutor_tts_outbox_oldest_age_seconds",
    # abuse and auth
    "tutor_auth_failures",
    "tutor_rate_limit_rejections",
}


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    settings.tts_per_user = 2  # so the test can see a rate-limit rejection
    return settings


async def scrape(client: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    request = client.build_request("GET", "/metrics")
    del request.headers["authorization"]  # /metrics needs no login
    response = await client.send(request)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    families = {f.name: f for f in text_string_to_metric_families(response.text)}
    return response.text, families


def sample(families: dict[str, Any], name: str, **labels: str) -> float:
    total = 0.0
    for family in families.values():
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


def outbox_request_ids(database_url: str) -> list[str | None]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT request_id FROM tts_outbox ORDER BY id"))
            return [row[0] for row in rows]
    finally:
        engine.dispose()


async def _all_enqueued(database_url: str) -> bool:
    statuses = outbox_statuses(database_url)
    return bool(statuses) and "pending" not in statuses


async def test_metrics_after_a_turn_and_a_worker_run(
    app_client: httpx.AsyncClient,
    burst_worker,  # type: ignore[no-untyped-def]
    settings,  # type: ignore[no-untyped-def]
    caplog: pytest.LogCaptureFixture,
) -> None:
    account = app_client.account  # type: ignore[attr-defined]
    request_id = f"turn-{uuid.uuid4().hex[:12]}"

    turn = await app_client.post(
        "/chat",
        json={"message": MESSAGE, "lesson_id": LESSON},
        headers={"X-Request-ID": request_id},
    )
    assert turn.status_code == 200, turn.text
    assert turn.headers["x-request-id"] == request_id
    body = turn.json()
    session_id = body["session_id"]
    assert (await app_client.get(f"/sessions/{session_id}")).status_code == 200
    assert (await app_client.get(f"/tts/status/{body['audio_job_id']}")).status_code == 200

    # An auth failure (a wrong password for the learner's own e-mail) and rate-limit rejections.
    bad = await app_client.post(
        "/auth/login", json={"email": account["email"], "password": PASSWORD + "x"}
    )
    assert bad.status_code == 401
    statuses = [
        (await app_client.post("/tts", json={"text": f"słowo {i}"})).status_code for i in range(3)
    ]
    assert statuses[-1] == 429

    # The speech request carries the turn's request id to the worker, which logs it.
    assert request_id in outbox_request_ids(settings.database_url)
    await eventually(
        lambda: _all_enqueued(settings.database_url), 10, "the relay to enqueue the outbox"
    )
    with caplog.at_level(logging.INFO, logger="polish_tutor.tts.synthesis"):
        burst_worker()
    job_lines = [r for r in caplog.records if r.name == "polish_tutor.tts.synthesis"]
    assert any(
        getattr(r, "request_id", None) == request_id or request_id in r.getMessage()
        for r in job_lines
    ), [r.getMessage() for r in job_lines]

    exposition, families = await scrape(app_client)
    missing = FAMILIES - set(families)
    assert not missing, f"missing metric families: {sorted(missing)}"

    assert sample(families, "tutor_chat_latency_seconds_count", driver="local") >= 1
    assert sample(families, "tutor_tts_cache_requests_total", result="miss") >= 1
    assert sample(families, "tutor_tts_jobs_total", status="finished", driver="espeak") >= 1
    assert sample(families, "tutor_tts_turn_to_audio_ready_seconds_count", driver="espeak") >= 1
    assert sample(families, "tutor_tts_synthesis_seconds_count", driver="espeak") >= 1
    assert sample(families, "tutor_auth_failures_total", reason="invalid_credentials") >= 1
    assert sample(families, "tutor_rate_limit_rejections_total", bucket="tts:user") >= 1
    assert sample(families, "tutor_http_requests_total", route="/chat", status="200") >= 1
    assert sample(families, "tutor_http_requests_total", route="/sessions/{session_id}") >= 1
    assert sample(families, "tutor_tts_queue_depth") == 0
    assert sample(families, "tutor_tts_outbox_oldest_age_seconds") >= 0

    # Bounded labels: nothing of the learner's in them, and route templates, not paths.
    forbidden = [account["id"], account["email"], session_id, body["audio_job_id"], "kawa"]
    for family in families.values():
        for s in family.samples:
            for value in s.labels.values():
                assert not any(f.lower() in value.lower() for f in forbidden), (s.name, value)
                assert not re.search(r"[0-9a-f]{32}|[0-9a-f-]{36}", value), (s.name, value)
    assert account["email"] not in exposition and MESSAGE not in exposition


@pytest.fixture
def dead_provider_settings(settings):  # type: ignore[no-untyped-def]
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return settings.model_copy(
        update={
            "agent_driver": "openai",
            "openai_base_url": f"http://127.0.0.1:{port}/v1",
            "openai_api_key": None,
            "provider_max_retries": 0,
        }
    )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_provider_failures_and_fallbacks_are_counted(dead_provider_settings) -> None:  # type: ignore[no-untyped-def]
    from polish_tutor.app import create_app

    app = create_app(dead_provider_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            account = await sign_up(client)
            client.headers.update(account["headers"])
            turn = await client.post("/chat", json={"message": "Dzień dobry, jak się masz?"})
            assert turn.status_code == 200, turn.text
            assert turn.json()["degraded"] is True and turn.json()["driver"] == "local"
            _, families = await scrape(client)
    assert sample(families, "tutor_agent_driver_errors_total", provider="openai") >= 1
    assert sample(families, "tutor_agent_fallbacks_total", provider="openai") >= 1
    assert (
        sample(
            families, "tutor_agent_driver_call_seconds_count", provider="openai", outcome="error"
        )
        >= 1
    )
    assert sample(families, "tutor_chat_latency_seconds_count", driver="local") >= 1
