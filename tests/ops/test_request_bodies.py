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


async def post_raw(client: httpx.AsyncClient, url: str, body: str) -> httpx.Response:
    return await client.post(url, content=body, headers={"Content-Type": "application/json"})


@SQLITE
async def test_a_body_that_names_a_field_twice_is_refused(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    from tests.support.db import row_counts

    before = row_counts(settings.database_url)
    for url, body, key in (
        ("/tts", '{"text": "Kot.", "text": "Pies."}', "text"),
        ("/tts", '{"text": "Kot." , "speed":1.0,"text" :"Pies."}', "text"),  # spacing aside
        ("/tts", '{"text": "Kot.", "te\\u0078t": "Pies."}', "text"),  # spelt another way
        ("/chat", '{"message": "Cześć", "prefs": {"speed": 1.0, "speed": 1.2}}', "speed"),
        ("/auth/login", '{"email": "a@example.com", "email": "b@example.com"}', "email"),
        ("/language/check", '{"text": "Ala", "text": ' + '"' + "x" * 500 + '"}', "text"),
    ):
        error = error_of(await post_raw(app_client, url, body), 422)
        assert error["code"] == "duplicate_key", (url, error)
        assert repr(key) in error["message"], error
        assert "x" * 41 not in error["message"]
    assert row_counts(settings.database_url) == before  # nothing was done with either value
    # The same key in two objects, colons in text, and a key's name as a value are fine.
    for url, body in (
        ("/chat", '{"message": "Uwaga: kawa", "prefs": {"speed": 1.0}}'),
        ("/tts", '{"text": "text", "speed": 1.0}'),
        ("/language/check", '{"text": "Godzina 10:30: \\"kawa\\": tak"}'),
    ):
        assert (await post_raw(app_client, url, body)).status_code in (200, 202), body


@SQLITE
@pytest.mark.parametrize("speed", ["NaN", "Infinity", "-Infinity", "1e999", "2.0", "0"])
async def test_a_speed_that_is_no_number_in_range_is_a_clear_422(
    app_client: httpx.AsyncClient, speed: str
) -> None:
    for url, body in (
        ("/tts", '{"text": "Kot.", "speed": ' + speed + "}"),
        ("/chat", '{"message": "Cześć", "prefs": {"speed": ' + speed + "}}"),
    ):
        error = error_of(await post_raw(app_client, url, body), 422)
        assert error["code"] == "invalid_input", error
        assert "speed" in error["message"] and "0.5" in error["message"], error
        assert "1.5" in error["message"], error
