"""User B gets 404 for every object of user A, by id guessing too."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from tests.support.auth import sign_up


async def test_nothing_of_a_learner_is_visible_to_another(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    alice = app_client.headers["Authorization"]
    turn = await app_client.post("/chat", json={"message": "hej", "lesson_id": "a1-04-cafe"})
    session_id, job_id = turn.json()["session_id"], turn.json()["audio_job_id"]
    spoken = (await app_client.post("/tts", json={"text": "Dzień dobry, Alicjo."})).json()
    # the relay hands the jobs to RQ after the commit: run the worker until Alice's line is
    # spoken (RQ installs signal handlers: main thread only)
    for _ in range(50):
        await asyncio.sleep(0.2)
        burst_worker()
        done = await app_client.get(f"/tts/status/{job_id}")
        if done.json()["status"] == "finished":
            break

    bob = await sign_up(app_client)
    as_bob = {"Authorization": bob["headers"]["Authorization"]}
    for path in (
        f"/sessions/{session_id}",
        f"/tts/status/{job_id}",
        f"/tts/status/{spoken['audio_job_id']}",
    ):
        response = await app_client.get(path, headers=as_bob)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"].endswith("not_found")
    assert (await app_client.get("/sessions", headers=as_bob)).json() == []
    stolen_turn = await app_client.post(
        "/chat", json={"message": "Poproszę kawę.", "session_id": session_id}, headers=as_bob
    )
    assert stolen_turn.status_code == 404

    # Alice still sees all of hers.
    assert await app_client.get(f"/sessions/{session_id}", headers={"Authorization": alice})
    status = await app_client.get(f"/tts/status/{job_id}", headers={"Authorization": alice})
    assert status.json()["status"] == "finished"
