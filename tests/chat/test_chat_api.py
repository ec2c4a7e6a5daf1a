"""``POST /chat`` and the session endpoints against the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.support.db import row_counts

LESSON = "a1-04-cafe"


async def chat(client: httpx.AsyncClient, body: dict[str, Any], **headers: str) -> httpx.Response:
    return await client.post("/chat", json=body, headers=headers)


async def test_a_lesson_is_played_step_by_step(app_client: httpx.AsyncClient) -> None:
    opening = await chat(app_client, {"message": "Cześć!", "lesson_id": LESSON})
    assert opening.status_code == 200, opening.text
    body = opening.json()
    session_id = body["session_id"]
    assert body["next_dialogue"] == "Dzień dobry! Co podać?"
    assert body["feedback"] is None
    assert body["driver"] == "local" and body["degraded"] is False
    assert body["prompt"]["id"] == f"lesson:{LESSON}" and len(body["prompt"]["commit"]) == 12
    assert len(body["audio_job_id"]) == 40

    wrong = (await chat(app_client, {"message": "poproszę kawa", "session_id": session_id})).json()
    assert wrong["feedback"]["verdict"] == "incorrect"
    [issue] = wrong["feedback"]["issues"]
    assert issue["type"] == "inflection" and issue["expected"] == "kawę" and issue["got"] == "kawa"
    assert (issue["feature"], issue["expected_value"], issue["got_value"]) == ("case", "acc", "nom")
    assert "Accusative" in issue["explanation"] and issue["explanation"] in wrong["text"]
    assert wrong["next_dialogue"] == "Dzień dobry! Co podać?"  # still on the same step

    right = await chat(app_client, {"message": "  POPROSZĘ   kawę ", "session_id": session_id})
    assert right.json()["feedback"]["verdict"] == "correct"
    assert right.json()["next_dialogue"] == "Z mlekiem czy bez?"

    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert [t["seq"] for t in transcript["turns"]] == list(range(6))
    assert [t["role"] for t in transcript["turns"]] == ["learner", "tutor"] * 3
    assert transcript["turns"][2]["text"] == "poproszę kawa"
    assert transcript["turns"][3]["feedback"]["verdict"] == "incorrect"
    assert transcript["turns"][5]["prompt_commit"] == body["prompt"]["commit"]
    assert transcript["turns"][5]["latency_ms"] > 0
    assert transcript["step_index"] == 1

    listed = (await app_client.get("/sessions")).json()
    assert [s["id"] for s in listed] == [session_id]


async def test_a_long_transcript_comes_in_pages_from_the_end(
    app_client: httpx.AsyncClient,
) -> None:
    session_id = (await chat(app_client, {"message": "Dzień dobry"})).json()["session_id"]
    for message in ("Jak się masz?", "Lubię kawę", "Mam psa", "Dziękuję", "Do widzenia"):
        reply = await chat(app_client, {"message": message, "session_id": session_id})
        assert reply.status_code == 200, reply.text
    url = f"/sessions/{session_id}"
    whole = (await app_client.get(url)).json()
    assert [t["seq"] for t in whole["turns"]] == list(range(12))
    assert whole["next_before"] is None

    pages, before = [], None
    while True:
        params = {"limit": 5} | ({} if before is None else {"before": before})
        page = (await app_client.get(url, params=params)).json()
        assert page["id"] == session_id and page["turn_count"] == whole["turn_count"]
        pages.append([t["seq"] for t in page["turns"]])
        before = page["next_before"]
        if before is None:
            break
        assert before == page["turns"][0]["seq"]
    assert pages == [[7, 8, 9, 10, 11], [2, 3, 4, 5, 6], [0, 1]]
    assert [t for page in pages[::-1] for t in page] == list(range(12))
    # The turns of a page are the transcript's own.
    last = (await app_client.get(url, params={"limit": 2})).json()["turns"]
    assert last == whole["turns"][-2:]
    below = (await app_client.get(url, params={"before": 3})).json()
    assert [t["seq"] for t in below["turns"]] == [0, 1, 2] and below["next_before"] is None
    exact = (await app_client.get(url, params={"limit": 12})).json()
    assert len(exact["turns"]) == 12 and exact["next_before"] is None

    for bad in ({"limit": 0}, {"limit": 1001}, {"before": -1}, {"limit": "all"}):
        refused = await app_client.get(url, params=bad)
        assert refused.status_code == 422, bad
        assert refused.json()["error"]["code"] == "invalid_input"


async def test_the_whole_lesson_can_be_finished_and_skipped(app_client: httpx.AsyncClient) -> None:
    lesson = (await app_client.get(f"/lessons/{LESSON}")).json()
    total = len(lesson["dialogue"])
    body = (await chat(app_client, {"message": "start", "lesson_id": LESSON})).json()
    # The page reads where the learner stands from the reply, never from the lines' text.
    assert body["lesson"] == {"step": 0, "steps_total": total, "completed": False}
    session_id = body["session_id"]
    for index, step in enumerate(lesson["dialogue"][:-1]):
        body = await chat(app_client, {"message": step["answers"][0], "session_id": session_id})
        assert body.json()["feedback"]["verdict"] == "correct"
        assert body.json()["lesson"] == {
            "step": index + 1,
            "steps_total": total,
            "completed": False,
        }
        assert body.json()["next_dialogue"] is not None
    body = (await chat(app_client, {"message": "dalej", "session_id": session_id})).json()
    assert body["next_dialogue"] is None and "koniec lekcji" in body["text"].lower()
    assert body["lesson"] == {"step": total, "steps_total": total, "completed": True}
    done = (await app_client.get(f"/sessions/{session_id}")).json()
    assert done["completed"] is True


async def test_free_practice_has_no_lesson_progress(app_client: httpx.AsyncClient) -> None:
    body = await chat(app_client, {"message": "Cześć!"})
    assert body.status_code == 200, body.text
    assert body.json()["lesson"] is None


async def test_idempotency_key_replays_the_same_turn(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    body = {"message": "Poproszę kawę.", "lesson_id": LESSON}
    first = await chat(app_client, body, **{"Idempotency-Key": "turn-1"})
    again = await chat(app_client, body, **{"Idempotency-Key": "turn-1"})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    counts = row_counts(settings.resolved_database_url)
    assert counts["agent_turns"] == 2 and counts["agent_sessions"] == 1

    other = await chat(app_client, body, **{"Idempotency-Key": "turn-2"})
    assert other.json()["turn_id"] != first.json()["turn_id"]
    assert row_counts(settings.resolved_database_url)["agent_turns"] == 4

    changed = await chat(app_client, {**body, "message": "Kawę"}, **{"Idempotency-Key": "turn-1"})
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "idempotency_key_reused"
    assert row_counts(settings.resolved_database_url)["agent_turns"] == 4


async def test_racing_requests_with_one_key_store_one_turn(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    opening = (await chat(app_client, {"message": "start", "lesson_id": LESSON})).json()
    body = {"message": "Poproszę kawę.", "session_id": opening["session_id"]}
    responses = await asyncio.gather(
        *(chat(app_client, body, **{"Idempotency-Key": "race"}) for _ in range(4))
    )
    assert {r.status_code for r in responses} == {200}, [r.text for r in responses]
    assert len({r.json()["turn_id"] for r in responses}) == 1
    assert row_counts(settings.resolved_database_url)["agent_turns"] == 4


BAD_REQUESTS = [
    ({"message": ""}, 422, "invalid_input"),
    ({"message": "   "}, 422, "empty_message"),
    ({"message": "\u200b\ufeff \u2060"}, 422, "empty_message"),  # invisible: nothing said
    ({"message": "a" * 2001}, 422, "invalid_input"),
    ({"message": "Cześć", "lesson_id": "no-such-lesson"}, 404, "lesson_not_found"),
    (
        {"message": "Cześć", "session_id": "0b7f3c1e-2f6a-4d55-9a0e-3d7b1c2e4f5a"},
        404,
        "session_not_found",
    ),
    ({"message": "Cześć", "session_id": "not-a-uuid"}, 422, "invalid_input"),
    ({"message": 42}, 422, "invalid_input"),
    ({"message": "Cześć", "prefs": {"speed": 3}}, 422, "invalid_input"),
    ({"message": "Cześć", "surprise": True}, 422, "invalid_input"),
    ({}, 422, "invalid_input"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_REQUESTS)
async def test_bad_input_gets_a_clear_error_and_writes_nothing(
    app_client: httpx.AsyncClient, settings: Any, body: dict[str, Any], status: int, code: str
) -> None:
    before = row_counts(settings.resolved_database_url)
    response = await chat(app_client, body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert row_counts(settings.resolved_database_url) == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"message": "Cze', "malformed_json"),
        (b'{"message": "\xff\xfe caf\xe9"}', "malformed_body"),
        (b"message=hello", "malformed_json"),
    ],
)
async def test_malformed_bodies(
    app_client: httpx.AsyncClient, settings: Any, content: bytes, code: str
) -> None:
    before = row_counts(settings.resolved_database_url)
    response = await app_client.post(
        "/chat", content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert row_counts(settings.resolved_database_url) == before


async def test_a_session_cannot_change_lesson(app_client: httpx.AsyncClient) -> None:
    opening = (await chat(app_client, {"message": "start", "lesson_id": LESSON})).json()
    response = await chat(
        app_client,
        {"message": "Cześć", "session_id": opening["session_id"], "lesson_id": "a1-01-greetings"},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "lesson_mismatch"


async def test_lessons_and_unknown_routes(app_client: httpx.AsyncClient) -> None:
    lessons = (await app_client.get("/lessons")).json()
    assert {"a1-01-greetings", LESSON} <= {lesson["id"] for lesson in lessons}
    missing = await app_client.get("/lessons/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "lesson_not_found"
    unknown = await app_client.get("/nowhere")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    session = await app_client.get("/sessions/0b7f3c1e-2f6a-4d55-9a0e-3d7b1c2e4f5a")
    assert session.status_code == 404 and session.json()["error"]["code"] == "session_not_found"


async def test_the_learners_gender_is_an_account_setting_the_tutor_follows(
    app_client: httpx.AsyncClient,
) -> None:
    me = (await app_client.get("/auth/me")).json()
    assert me["gender"] is None  # not asked yet: either form is accepted
    opening = await chat(app_client, {"message": "Cześć!", "lesson_id": "a2-20-past-tense"})
    session_id = opening.json()["session_id"]
    assert opening.json()["next_dialogue"].endswith("Byłeś (byłaś) w domu?")
    judged = (
        await chat(app_client, {"message": "Tak, byłam w domu.", "session_id": session_id})
    ).json()
    assert judged["feedback"]["verdict"] == "correct"
    assert judged["next_dialogue"] == "Co robiłeś (robiłaś) w domu? Czytałeś (czytałaś) książkę?"

    changed = await app_client.patch("/auth/me", json={"gender": "feminine"})
    assert changed.status_code == 200 and changed.json()["gender"] == "feminine"
    assert (await app_client.get("/auth/me")).json()["gender"] == "feminine"
    wrong = (
        await chat(app_client, {"message": "Tak, czytałem książkę.", "session_id": session_id})
    ).json()
    assert wrong["feedback"]["verdict"] == "incorrect"
    [issue] = wrong["feedback"]["issues"]
    assert (issue["got"], issue["expected"]) == ("czytałem", "czytałam")
    assert issue["rule"] == {"id": "agreement.past_gender", "trigger": None}
    assert wrong["next_dialogue"] == "Co robiłaś w domu? Czytałaś książkę?"
    assert {"text": "Jeszcze nie.", "lang": "pl"} in wrong["parts"]
    # the parts are stored with the turn and come back in the transcript
    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert transcript["turns"][-1]["parts"] == wrong["parts"]

    bad = await app_client.patch("/auth/me", json={"gender": "other"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
    cleared = await app_client.patch("/auth/me", json={"gender": None})
    assert cleared.json()["gender"] is None
