"""Registration, login, refresh-token rotation, reuse detection, logout, expiry, the race."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.support.auth import PASSWORD, new_email, sign_up


async def test_register_login_me(anonymous_client: httpx.AsyncClient) -> None:
    email = new_email()
    registered = await anonymous_client.post(
        "/auth/register", json={"email": f"  {email.upper()} ", "password": PASSWORD}
    )
    assert registered.status_code == 201
    assert registered.json()["email"] == email  # normalised
    assert "password" not in registered.text
    # The same e-mail again: the same answer as a new account (registration does not tell
    # who has an account here), and nothing changes.
    again = await anonymous_client.post(
        "/auth/register", json={"email": email, "password": "another-Pass-phrase-77"}
    )
    assert again.status_code == 201, again.text
    assert set(again.json()) == set(registered.json()) and again.json()["email"] == email
    assert again.json()["id"] != registered.json()["id"]
    refused = await anonymous_client.post(
        "/auth/login", json={"email": email, "password": "another-Pass-phrase-77"}
    )
    assert refused.status_code == 401

    login = await anonymous_client.post(
        "/auth/login", json={"email": email.upper(), "password": PASSWORD}
    )
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    me = await anonymous_client.get(
        "/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json() == registered.json()


@pytest.mark.parametrize(
    ("email", "password", "code"),
    [
        ("not-an-email", PASSWORD, "invalid_input"),
        ("a@example.org", "short", "weak_password"),
        ("a@example.org", "aaaaaaaaaaaaaa", "weak_password"),
        ("a@example.org", "password123", "weak_password"),
        ("jankowalski@example.org", "jankowalski-haslo", "weak_password"),
        # What the attack run got accepted: common, breached, keyboard and repeated.
        ("a@example.org", "12345678901", "weak_password"),
        ("a@example.org", "password1234", "weak_password"),
        ("a@example.org", "qwertyuiop1", "weak_password"),
        ("a@example.org", "abcdabcdab", "weak_password"),
        ("a@example.org", "haslo12345", "weak_password"),
        ("a@example.org", "kawa-z-mleki\u0000em-42", "weak_password"),
        ("a@example.org", "kawa-z-mleki\u001bem-42", "weak_password"),
        ("a@example.org", "kawa-z-mleki\tem-42", "weak_password"),
        # Over 128 characters: refused by the schema, which says so (maxLength 128).
        ("a@example.org", "Kr0wa-pije-mleko" * 8 + "x", "invalid_input"),
    ],
)
async def test_weak_or_malformed_registrations(
    anonymous_client: httpx.AsyncClient, email: str, password: str, code: str
) -> None:
    response = await anonymous_client.post(
        "/auth/register", json={"email": email, "password": password}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert password not in response.text


async def test_unknown_email_and_wrong_password_look_the_same(
    app_client: httpx.AsyncClient,
) -> None:
    wrong_password = await app_client.post(
        "/auth/login",
        json={"email": app_client.account["email"], "password": "nie-to-haslo-123"},  # type: ignore[attr-defined]
    )
    unknown = await app_client.post(
        "/auth/login", json={"email": new_email(), "password": "nie-to-haslo-123"}
    )
    assert wrong_password.status_code == unknown.status_code == 401
    assert wrong_password.json() == unknown.json()


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": token})


async def test_rotation_and_reuse_detection(anonymous_client: httpx.AsyncClient) -> None:
    victim = await sign_up(anonymous_client)
    stolen = victim["refresh_token"]

    rotated = await refresh(anonymous_client, stolen)
    assert rotated.status_code == 200
    new_pair = rotated.json()
    assert new_pair["refresh_token"] != stolen

    # The attacker replays the old token: 401, and the whole login (family) is revoked ...
    attack = await refresh(anonymous_client, stolen)
    assert attack.status_code == 401 and attack.json()["error"]["code"] == "invalid_refresh_token"
    # ... so the victim's current token dies too, and so does the attacker's next try.
    assert (await refresh(anonymous_client, new_pair["refresh_token"])).status_code == 401
    assert (await refresh(anonymous_client, stolen)).status_code == 401
    # The access tokens already issued to that login are refused at once, like invalid ones
    # (tests/auth/test_revocations.py: in every process, and no other login's).
    for access in (victim["access_token"], new_pair["access_token"]):
        me = await anonymous_client.get("/auth/me", headers={"Authorization": f"Bearer {access}"})
        assert me.status_code == 401 and me.json()["error"]["code"] == "invalid_token"
    # A new login starts a new family.
    login = await anonymous_client.post(
        "/auth/login", json={"email": victim["email"], "password": PASSWORD}
    )
    assert (await refresh(anonymous_client, login.json()["refresh_token"])).status_code == 200


async def test_logout_revokes_the_family(anonymous_client: httpx.AsyncClient) -> None:
    account = await sign_up(anonymous_client)
    rotated = (await refresh(anonymous_client, account["refresh_token"])).json()
    out = await anonymous_client.post(
        "/auth/logout", json={"refresh_token": rotated["refresh_token"]}
    )
    assert out.status_code == 204
    assert (await refresh(anonymous_client, rotated["refresh_token"])).status_code == 401
    # The login's access tokens end with it.
    me = await anonymous_client.get(
        "/auth/me", headers={"Authorization": f"Bearer {rotated['access_token']}"}
    )
    assert me.status_code == 401 and me.json()["error"]["code"] == "invalid_token"


async def test_two_refreshes_racing_with_one_token(anonymous_client: httpx.AsyncClient) -> None:
    account = await sign_up(anonymous_client)
    results = await asyncio.gather(
        *(refresh(anonymous_client, account["refresh_token"]) for _ in range(2))
    )
    assert sorted(r.status_code for r in results) == [200, 401]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_expired_refresh_tokens_are_refused(settings: Any) -> None:
    from polish_tutor.app import create_app

    settings.refresh_token_ttl = timedelta(seconds=1)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            account = await sign_up(client)
            await asyncio.sleep(1.5)
            response = await refresh(client, account["refresh_token"])
            assert response.status_code == 401


async def test_garbage_refresh_tokens(anonymous_client: httpx.AsyncClient) -> None:
    for token in ("x" * 40, "short"):
        response = await refresh(anonymous_client, token)
        assert response.status_code in (401, 422)
        assert response.json()["error"]["code"]


async def test_the_password_limits_are_the_same_in_the_schema_and_the_code(
    anonymous_client: httpx.AsyncClient,
) -> None:
    from polish_tutor.auth.passwords import MAX_LENGTH

    schema = (await anonymous_client.get("/openapi.json")).json()["components"]["schemas"]
    assert schema["Credentials"]["properties"]["password"]["maxLength"] == MAX_LENGTH == 128
    longest = "Kr0wa-pije-mleko" * 8  # exactly 128 characters, and strong
    assert len(longest) == MAX_LENGTH
    created = await anonymous_client.post(
        "/auth/register", json={"email": new_email(), "password": longest}
    )
    assert created.status_code == 201, created.text


async def test_a_strong_password_is_accepted(anonymous_client: httpx.AsyncClient) -> None:
    for password in ("correct horse battery", "Kr0wa-pije-mleko", "żółta-łódź-płynie-9"):
        email = new_email()
        created = await anonymous_client.post(
            "/auth/register", json={"email": email, "password": password}
        )
        assert created.status_code == 201, (password, created.text)
        login = await anonymous_client.post(
            "/auth/login", json={"email": email, "password": password}
        )
        assert login.status_code == 200
