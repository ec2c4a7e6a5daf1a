"""Access-token attacks (RFC 8725): every forged, stale or misdirected token gets 401."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt

from polish_tutor.auth.tokens import ALGORITHM, AUDIENCE, ISSUER, AccessTokens


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def claims(user_id: str, **overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "sub": user_id,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "jti": uuid.uuid4().hex,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def server_key(settings: Any) -> bytes:
    return AccessTokens(settings.secret, timedelta(minutes=5))._key


async def status_with(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})


async def test_a_valid_token_works(app_client: httpx.AsyncClient) -> None:
    me = await app_client.get("/auth/me")
    assert me.status_code == 200 and me.json()["email"] == app_client.account["email"]  # type: ignore[attr-defined]


async def test_forged_and_stale_tokens_are_refused(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    user_id = app_client.account["id"]  # type: ignore[attr-defined]
    key = server_key(settings)
    real = app_client.headers["Authorization"].split()[1]
    header, payload, signature = real.split(".")
    tampered_payload = _b64(
        {**json.loads(base64.urlsafe_b64decode(payload + "==")), "sub": str(uuid.uuid4())}
    )
    attacks = {
        "alg none": _b64({"alg": "none", "typ": "JWT"})
        + "."
        + _b64(
            {
                k: (int(v.timestamp()) if isinstance(v, datetime) else v)
                for k, v in claims(user_id).items()
            }
        )
        + ".",
        "wrong algorithm": jwt.encode(claims(user_id), key, algorithm="HS512"),
        "tampered payload": f"{header}.{tampered_payload}.{signature}",
        "wrong key": jwt.encode(claims(user_id), b"x" * 32, algorithm=ALGORITHM),
        "expired": jwt.encode(
            claims(
                user_id,
                iat=datetime.now(UTC) - timedelta(hours=2),
                exp=datetime.now(UTC) - timedelta(hours=1),
            ),
            key,
            algorithm=ALGORITHM,
        ),
        "wrong audience": jwt.encode(claims(user_id, aud="someone-else"), key, algorithm=ALGORITHM),
        "wrong issuer": jwt.encode(claims(user_id, iss="evil"), key, algorithm=ALGORITHM),
        "no exp": jwt.encode(claims(user_id, exp=None), key, algorithm=ALGORITHM),
        "no jti": jwt.encode(claims(user_id, jti=None), key, algorithm=ALGORITHM),
        "no sub": jwt.encode(claims(user_id, sub=None), key, algorithm=ALGORITHM),
        "sub not a uuid": jwt.encode(claims("admin"), key, algorithm=ALGORITHM),
        "garbage": "not.a.token",
    }
    for name, token in attacks.items():
        response = await status_with(app_client, token)
        assert response.status_code == 401, name
        assert response.json()["error"]["code"] in {"invalid_token", "token_expired"}, name
        assert response.headers["www-authenticate"] == "Bearer"
    # The server's own key with the right claims does work: the attacks failed for their flaw.
    assert (
        await status_with(app_client, jwt.encode(claims(user_id), key, ALGORITHM))
    ).status_code == 200


async def test_missing_token_is_401_on_every_protected_route(
    anonymous_client: httpx.AsyncClient,
) -> None:
    routes = [
        ("POST", "/chat"),
        ("GET", "/sessions"),
        ("GET", f"/sessions/{uuid.uuid4()}"),
        ("GET", "/lessons"),
        ("GET", "/lessons/a1-04-cafe"),
        ("POST", "/tts"),
        ("GET", "/tts/status/" + "a" * 40),
        ("GET", "/events"),
        ("GET", "/auth/me"),
        ("POST", "/language/compare"),
        ("POST", "/language/diacritics"),
        ("GET", "/language/inflect/kawa"),
    ]
    for method, path in routes:
        response = await anonymous_client.request(method, path, json={})
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "not_authenticated"
    # the probes need no token (whether the database answered in time is tests/ops' concern:
    # on a busy machine /readyz may say 503 with Retry-After, never 401)
    assert (await anonymous_client.get("/healthz")).status_code == 200
    ready = await anonymous_client.get("/readyz")
    assert ready.status_code in (200, 503), ready.text
    assert "not_authenticated" not in ready.text


def test_a_checked_token_is_remembered_until_it_expires() -> None:
    import time

    import pytest

    from polish_tutor.auth.tokens import InvalidToken

    tokens = AccessTokens(b"s" * 32, timedelta(seconds=2))
    user = uuid.uuid4()
    token = tokens.issue(user)
    assert tokens.verify(token).user_id == user
    assert tokens.verify(token).user_id == user  # from the cache of checked tokens
    # A token that differs in one character is checked afresh, and refused.
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(InvalidToken):
        tokens.verify(forged)
    time.sleep(2.1)
    with pytest.raises(InvalidToken) as expired:
        tokens.verify(token)
    assert expired.value.reason == "expired"
    with pytest.raises(InvalidToken) as again:
        tokens.verify(token)  # and once more, now checked afresh
    assert again.value.reason == "expired"
