"""What a request body may not do: echo unbounded input back in an error, say one field twice
(an ambiguous body), or give a number that is not one (NaN, an infinity)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
LONG = "x" * 5000


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    return error


@SQLITE
async def test_a_404_does_not_echo_a_long_lesson_id(app_client: httpx.AsyncClient) -> None:
    answers = [
        await app_client.get(f"/lessons/{LONG}"),
        await app_client.get(f"/lessons/{LONG}/translation"),  # (a 422: ids are bounded there)
        await app_client.post(f"/lessons/{LONG}/translation/0", json={"answer": "Kawa."}),
        await app_client.post("/chat", json={"message": "Cześć", "lesson_id": "y" * 100}),
    ]
    assert error_of(answers[0], 404)["code"] == "lesson_not_found"
    assert error_of(answers[-1], 404)["code"] == "lesson_not_found"
    for response in answers:
        assert response.status_code in (404, 422), response.text
        assert "x" * 41 not in response.text and "y" * 41 not in response.text, response.text
    # A short one is still named, as it helps.
    error = error_of(await app_client.get("/lessons/no-such-lesson"), 404)
    assert "no-such-lesson" in error["message"]
