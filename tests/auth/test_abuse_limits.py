"""Rate limits (429 + Retry-After, recovering), body and message caps, CORS, headers."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from polish_tutor.app import create_app
from tests.support.auth import PASSWORD, new_email, sign_up


async def test_login_is_limited_per_account_and_recovers(settings: Any) -> None:
    settings.login_per_account = 3
    settings.rate_window = 2
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            account = await sign_up(client)  # one login used
            body = {"email": account["email"], "password": "nie-to-haslo-123"}
            statuses = [(await client.post("/auth/login", json=body)).status_code for _ in range(3)]
            assert statuses == [401, 401, 429]
            limited = await client.post("/auth/login", json=body)
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert limited.json()["error"]["code"] == "too_many_requests"
            await asyncio.sleep(int(limited.headers["retry-after"]) + 0.5)
            good = {"email": account["email"], "password": PASSWORD}
            assert (await client.post("/auth/login", json=good)).status_code == 200


async def test_register_is_limited_per_ip(settings: Any) -> None:
    settings.register_per_ip = 2
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            codes = [
                (
                    await client.post(
                        "/auth/register", json={"email": new_email(), "password": PASSWORD}
                    )
                ).status_code
                for _ in range(3)
            ]
            assert codes == [201, 201, 429]


async def test_chat_and_tts_are_limited_per_user(settings: Any) -> None:
    settings.chat_per_user = 2
    settings.tts_per_user = 1
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            first = await sign_up(client)
            second = await sign_up(client)
            turn = {"message": "hej", "lesson_id": "a1-04-cafe"}
            codes = [
                (await client.post("/chat", json=turn, headers=first["headers"])).status_code
                for _ in range(3)
            ]
            assert codes == [200, 200, 429]
            # Another learner is not affected.
            assert (
                await client.post("/chat", json=turn, headers=second["headers"])
            ).status_code == 200
            speech = {"text": "kawa"}
            assert (
                await client.post("/tts", json=speech, headers=first["headers"])
            ).status_code == 202
            assert (
                await client.post("/tts", json=speech, headers=first["headers"])
            ).status_code == 429


async def test_body_and_message_caps(app_client: httpx.AsyncClient) -> None:
    huge = await app_client.post(
        "/chat",
        content=b'{"message": "' + b"a" * 70_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"

    async def chunks() -> Any:
        for _ in range(100):
            yield b"a" * 1000

    streamed = await app_client.post(
        "/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    long_message = await app_client.post("/chat", json={"message": "a" * 2001})
    assert long_message.status_code == 422


async def test_security_headers_and_no_cors_by_default(app_client: httpx.AsyncClient) -> None:
    response = await app_client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "access-control-allow-origin" not in response.headers


async def test_cors_allow_list(settings: Any) -> None:
    settings.cors_origins = ["https://tutor.example"]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            allowed = await client.options(
                "/chat",
                headers={
                    "Origin": "https://tutor.example",
                    "Access-Control-Request-Method": "POST",
                },
            )
            assert allowed.headers["access-control-allow-origin"] == "https://tutor.example"
            refused = await client.get("/healthz", headers={"Origin": "https://evil.example"})
            assert "access-control-allow-origin" not in refused.headers
