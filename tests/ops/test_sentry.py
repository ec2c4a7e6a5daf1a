"""Sentry gets errors without secrets: events go to an in-memory transport and are searched."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sentry_sdk
from fastapi import Request
from sentry_sdk.envelope import Envelope
from sentry_sdk.integrations import sqlalchemy as sentry_sqlalchemy
from sentry_sdk.transport import Transport
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.engine import Engine

from polish_tutor.kit.sentry import FILTERED, before_send, init_sentry
from polish_tutor.settings import Settings

SECRETS = {
    "password": "hunter2-very-secret",
    "refresh_token": "rt-0123456789abcdef",
    "access_token": "at-abcdef0123456789",
    "api_key": "sk-live-should-never-leave",
    "bearer": "eyJhbGciOiJIUzI1NiJ9.payload.signature",
    "cookie": "session=cookie-secret-value",
}


class CapturingTransport(Transport):
    """Keeps every envelope in memory instead of sending it anywhere."""

    envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        CapturingTransport.envelopes.append(envelope)

    def flush(self, timeout: float, callback: Any = None) -> None:
        return None


def events() -> list[dict[str, Any]]:
    found = []
    for envelope in CapturingTransport.envelopes:
        for item in envelope.items:
            if item.type in ("event", "transaction") and item.payload.json is not None:
                found.append(item.payload.json)
    return found


@pytest.fixture
def sentry(tmp_path: Any) -> Iterator[Settings]:
    CapturingTransport.envelopes = []
    settings = Settings(
        sentry_dsn="http://public@127.0.0.1:9/1",  # never contacted: the transport keeps all
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'x.db'}",
    )
    assert init_sentry(settings, component="api", transport=CapturingTransport)
    try:
        yield settings
    finally:
        sentry_sdk.get_client().close()
        # no DSN and no integration: nothing is sent, and the integrations' patches (RQ's job
        # meta) do nothing in later tests
        sentry_sdk.init(default_integrations=False, auto_enabling_integrations=False)
        remove_sqlalchemy_listeners()


def remove_sqlalchemy_listeners() -> None:
    """Sentry's SQLAlchemy integration listens on the ``Engine`` class, so every engine made
    later in this process would carry its cursor events (and take SQLAlchemy's execution path,
    ``kit.db.instrumented``): tests after this one would not run what production runs without
    Sentry. The listeners are taken off again."""
    for name, listener in (
        ("before_cursor_execute", sentry_sqlalchemy._before_cursor_execute),
        ("after_cursor_execute", sentry_sqlalchemy._after_cursor_execute),
        ("handle_error", sentry_sqlalchemy._handle_error),
    ):
        if sqlalchemy_event.contains(Engine, name, listener):
            sqlalchemy_event.remove(Engine, name, listener)


async def test_an_unhandled_error_reaches_sentry_without_secrets(
    sentry: Settings, settings: Settings
) -> None:
    from polish_tutor.app import create_app

    app = create_app(settings)  # the test settings have no DSN: the SDK set up above is used

    @app.post("/boom")
    async def boom(request: Request, refresh_token: str | None = None) -> None:
        # refresh_token: a query parameter the route takes (API routes refuse unknown ones), so
        # the secret in the query string reaches the error report, to be scrubbed there.
        body = await request.json()
        logging.getLogger("polish_tutor.test").warning(
            "about to fail", extra={"password": body["password"], "api_key": body["api_key"]}
        )
        sentry_sdk.set_extra("login", {"email": "x@example.org", "password": body["password"]})
        raise RuntimeError("something broke")

    async with app.router.lifespan_context(app):
        # Starlette re-raises after answering 500; the client must not.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            response = await client.post(
                "/boom?refresh_token=" + SECRETS["refresh_token"],
                json={
                    "password": SECRETS["password"],
                    "refresh_token": SECRETS["refresh_token"],
                    "access_token": SECRETS["access_token"],
                    "api_key": SECRETS["api_key"],
                },
                headers={
                    "Authorization": f"Bearer {SECRETS['bearer']}",
                    "Cookie": SECRETS["cookie"],
                },
            )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    sentry_sdk.flush()
    captured = events()
    assert captured, "the error was not reported"
    assert any("something broke" in json.dumps(event) for event in captured)
    # The request was attached (so scrubbing had something to do), minus its secrets.
    assert any(event.get("request", {}).get("headers") for event in captured), captured
    dumped = json.dumps(captured)
    for name, secret in SECRETS.items():
        assert secret not in dumped, f"{name} leaked to Sentry"
    for event in captured:
        headers = {k.lower() for k in (event.get("request", {}).get("headers") or {})}
        assert not headers & {"authorization", "cookie"}
        assert "cookies" not in event.get("request", {})


def test_before_send_scrubs_bodies_extra_and_breadcrumbs() -> None:
    event: dict[str, Any] = {
        "request": {
            "url": "http://tutor/auth/login",
            "headers": {"Authorization": "Bearer abc", "Cookie": "a=b", "User-Agent": "curl"},
            "cookies": {"session": "s"},
            "data": {"email": "a@b.c", "password": "p", "nested": {"refresh_token": "r"}},
            "query_string": "sig=xyz&exp=1",
        },
        "extra": {"api_key": "k", "note": "Authorization: Bearer sekret-token-value"},
        "breadcrumbs": {"values": [{"message": "x", "data": {"access_token": "t"}}]},
    }
    scrubbed = before_send(event, {})  # type: ignore[arg-type]
    assert scrubbed is not None
    request = scrubbed["request"]
    assert request["headers"] == {"User-Agent": "curl"}
    assert "cookies" not in request
    assert request["data"]["password"] == FILTERED and request["data"]["email"] == "a@b.c"
    assert request["data"]["nested"]["refresh_token"] == FILTERED
    assert "xyz" not in request["query_string"]
    assert scrubbed["extra"]["api_key"] == FILTERED
    assert "sekret-token-value" not in scrubbed["extra"]["note"]
    assert scrubbed["breadcrumbs"]["values"][0]["data"]["access_token"] == FILTERED
    raw = before_send({"request": {"data": '{"password": "p2", "x": 1}'}}, {})  # type: ignore[arg-type]
    assert raw is not None and raw["request"]["data"] == {"password": FILTERED, "x": 1}


def test_no_dsn_no_sentry(tmp_path: Any) -> None:
    assert not init_sentry(Settings(var_dir=tmp_path), component="api")
