"""``POST /tts`` refuses text with nothing to say (white space, invisible characters only):
a 422, and no request or job (a provider refuses silence, and is paid per request)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from redis import Redis
from rq import Queue

from tests.support.db import row_counts


@pytest.mark.parametrize("text", ["   ", "\u3000\n", "\u200b", "\ufeff\u200d \u2060"])
async def test_text_with_nothing_to_say_is_refused(
    app_client: httpx.AsyncClient, settings: Any, text: str
) -> None:
    before = row_counts(settings.resolved_database_url)
    response = await app_client.post("/tts", json={"text": text})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_text"
    assert row_counts(settings.resolved_database_url) == before
    with Redis.from_url(settings.redis_url) as redis:
        assert Queue(settings.tts_queue, connection=redis).count == 0


@pytest.mark.parametrize("text", ["kot", "\u200bkot", " Żółw. "])
async def test_text_with_words_in_it_is_spoken(app_client: httpx.AsyncClient, text: str) -> None:
    response = await app_client.post("/tts", json={"text": text})
    assert response.status_code == 202, response.text
