"""Accounts for tests: register and sign in through the real API."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

PASSWORD = "kawa-z-mlekiem-42"


def new_email() -> str:
    return f"learner-{uuid.uuid4().hex[:10]}@example.org"


async def sign_up(client: httpx.AsyncClient, email: str | None = None) -> dict[str, Any]:
    """Register and log in; returns the token pair plus ``email`` and ``headers``."""
    email = email or new_email()
    registered = await client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    tokens: dict[str, Any] = login.json()
    tokens["email"] = email
    tokens["id"] = registered.json()["id"]
    tokens["headers"] = {"Authorization": f"Bearer {tokens['access_token']}"}
    return tokens


def sign_up_sync(client: httpx.Client, email: str | None = None) -> dict[str, Any]:
    email = email or new_email()
    registered = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    tokens: dict[str, Any] = client.post(
        "/auth/login", json={"email": email, "password": PASSWORD}
    ).json()
    tokens["headers"] = {"Authorization": f"Bearer {tokens['access_token']}"}
    return tokens
