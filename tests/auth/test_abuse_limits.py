"""Rate limits (429 + Retry-After, recovering), body and message caps, CORS, headers."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from polish_tutor.app import create_app
from tests.support.auth import PASSWORD, new_email, sign_up


async def test_wrong_passwords_close_the_door_for_that_address_only(settings: Any) -> None:
    """Ten wrong passwords for a victim's e-mail from one address: that address must wait
    (429, and recovers); the owner's right password from another address still works."""
    settings.login_failures_per_address = 3
    settings.login_failures_per_account = 50
    settings.login_failure_window = 2
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with (
            client_from(app, "203.0.113.7") as attacker,
            client_from(app, "198.51.100.20") as owner,
        ):
            account = await sign_up(owner)
            statuses = [
                (await attacker.post("/auth/login", json=wrong(account))).status_code
                for _ in range(10)
            ]
            assert statuses == [401, 401, 401] + [429] * 7
            limited = await attacker.post("/auth/login", json=right(account))
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert limited.json()["error"]["code"] == "too_many_requests"
            # The owner, from their own address, is not locked out by someone else's guesses.
            assert (await owner.post("/auth/login", json=right(account))).status_code == 200
            await asyncio.sleep(int(limited.headers["retry-after"]) + 0.5)
            assert (await attacker.post("/auth/login", json=right(account))).status_code == 200


async def test_an_account_under_attack_from_many_addresses_has_a_ceiling(settings: Any) -> None:
    settings.login_failures_per_address = 3
    settings.login_failures_per_account = 5
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with client_from(app, "198.51.100.20") as owner:
            account = await sign_up(owner)
            statuses = []
            for n in range(8):
                async with client_from(app, f"203.0.113.{n + 1}") as attacker:
                    statuses.append(
                        (await attacker.post("/auth/login", json=wrong(account))).status_code
                    )
            assert statuses == [401] * 5 + [429] * 3
            # A right password resets only its own address's count, never the account's.
            assert (await owner.post("/auth/login", json=right(account))).status_code == 429


def wrong(account: dict[str, Any]) -> dict[str, str]:
    return {"email": account["email"], "password": "nie-to-haslo-123"}


def right(account: dict[str, Any]) -> dict[str, str]:
    return {"email": account["email"], "password": PASSWORD}


def client_from(app: Any, address: str) -> httpx.AsyncClient:
    """The application as seen from ``address`` (what uvicorn puts in the ASGI scope)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://tutor")


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
