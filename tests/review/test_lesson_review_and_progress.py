"""A learner plays a whole lesson with real mistakes; then progress and review reflect them.

Real application, SQLite and PostgreSQL, real Morfeusz; nothing mocked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from polish_tutor.lessons.catalog import LessonCatalog
from tests.support.auth import sign_up

LESSON = "a1-04-cafe"


async def say(client: httpx.AsyncClient, session_id: str, message: str) -> dict[str, Any]:
    response = await client.post("/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def feature(progress: dict[str, Any], name: str, value: str | None, gender: str | None = None):  # type: ignore[no-untyped-def]
    matches = [
        f
        for f in progress["features"]
        if (f["feature"], f["value"], f["gender"]) == (name, value, gender)
    ]
    assert len(matches) == 1, progress["features"]
    return matches[0]


async def play_the_cafe_with_mistakes(client: httpx.AsyncClient) -> str:
    opening = await client.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
    assert opening.status_code == 200, opening.text
    session_id: str = opening.json()["session_id"]
    assert opening.json()["feedback"] is None

    wrong_case = await say(client, session_id, "poproszę kawa")
    [issue] = wrong_case["feedback"]["issues"]
    assert wrong_case["feedback"]["verdict"] == "incorrect"
    assert (issue["type"], issue["feature"], issue["expected_value"], issue["got_value"]) == (
        "inflection",
        "case",
        "acc",
        "nom",
    )
    assert (issue["expected"], issue["got"]) == ("kawę", "kawa")
    assert (await say(client, session_id, "Poproszę kawę."))["feedback"]["verdict"] == "correct"

    no_letters = await say(client, session_id, "Z mlekiem, prosze.")
    assert no_letters["feedback"]["verdict"] == "acceptable"
    assert [(i["type"], i["expected"]) for i in no_letters["feedback"]["issues"]] == [
        ("diacritics", "proszę")
    ]
    assert no_letters["next_dialogue"] == "Coś jeszcze?"

    typo = await say(client, session_id, "Poproszę herbtę i ciastko.")
    assert typo["feedback"]["verdict"] == "incorrect"
    assert [(i["type"], i["expected"], i["got"]) for i in typo["feedback"]["issues"]] == [
        ("typo", "herbatę", "herbtę")
    ]
    right = await say(client, session_id, "Poproszę herbatę i ciastko.")
    assert right["feedback"]["verdict"] == "correct"

    place = await say(client, session_id, "Tak. Ile place?")
    assert place["feedback"]["verdict"] == "acceptable"
    assert [(i["type"], i["expected"]) for i in place["feedback"]["issues"]] == [
        ("diacritics", "płacę")
    ]
    last = await say(client, session_id, "Dziękuję.")
    assert last["feedback"]["verdict"] == "correct" and last["next_dialogue"] is None
    return session_id


async def test_a_played_lesson_shows_in_progress_and_review(
    app_client: httpx.AsyncClient,
) -> None:
    before = (await app_client.get("/progress")).json()
    assert before["features"] == [] and before["words_learned"] == 0
    assert {lesson["status"] for lesson in before["lessons"]} == {"not_started"}
    assert (await app_client.get("/review/due")).json() == []

    await play_the_cafe_with_mistakes(app_client)

    progress = (await app_client.get("/progress")).json()
    cafe = next(lesson for lesson in progress["lessons"] if lesson["lesson_id"] == LESSON)
    assert cafe["status"] == "done" and cafe["steps_done"] == cafe["steps_total"] == 5
    assert cafe["title"] and cafe["level"] == "A1"
    others = [lesson for lesson in progress["lessons"] if lesson["lesson_id"] != LESSON]
    assert len(others) == len(LessonCatalog.from_directory()) - 1
    assert {lesson["status"] for lesson in others} == {"not_started"}

    # kawa → kawę was wrong once and right twice (kawę, herbatę): feminine accusative.
    accusative = feature(progress, "case", "acc", "f")
    assert (accusative["wrong"], accusative["correct"]) == (1, 2)
    assert accusative["mastery"] == round(2 / 3, 3)
    diacritics = feature(progress, "diacritics", None)
    assert diacritics["wrong"] == 2 and diacritics["correct"] == 3  # prosze, place
    first_person = feature(progress, "person", "pri")
    assert first_person["wrong"] == 0 and first_person["correct"] >= 3
    assert feature(progress, "aspect", "perf")["correct"] == 2  # poproszę, twice
    assert feature(progress, "case", "inst", "n")["correct"] == 1  # z mlekiem
    assert progress["words_learned"] == 0

    due = (await app_client.get("/review/due")).json()
    lesson = (await app_client.get(f"/lessons/{LESSON}")).json()
    assert sorted(card["pl"] for card in due) == sorted(item["pl"] for item in lesson["vocabulary"])
    # The words missed in the lesson come first, in the order they were missed.
    assert [card["pl"] for card in due[:3]] == ["kawa", "herbata", "ile płacę"]
    assert all(card["lapses"] == 1 for card in due[:3])
    assert all(card["lapses"] == 0 and card["reps"] == 0 for card in due[3:])
    assert all(card["lesson_id"] == LESSON for card in due)
    assert due[0]["en"] == "coffee"
    assert (await app_client.get("/review/due", params={"limit": 2})).json() == due[:2]

    kawa = due[0]
    reviewed = await app_client.post(f"/review/{kawa['card_id']}", json={"rating": "good"})
    assert reviewed.status_code == 200, reviewed.text
    after = reviewed.json()
    assert after["card_id"] == kawa["card_id"] and after["reps"] == 1 and after["lapses"] == 1
    assert datetime.fromisoformat(after["due"]) > datetime.now(UTC)
    assert datetime.fromisoformat(after["due"]) > datetime.fromisoformat(kawa["due"])

    woda = next(card for card in due if card["pl"] == "woda")
    easy = (await app_client.post(f"/review/{woda['card_id']}", json={"rating": "easy"})).json()
    assert (datetime.fromisoformat(easy["due"]) - datetime.now(UTC)).days >= 1
    again = (await app_client.post(f"/review/{due[1]['card_id']}", json={"rating": "again"})).json()
    assert again["lapses"] == 2 and again["reps"] == 1

    still_due = [card["pl"] for card in (await app_client.get("/review/due")).json()]
    assert "kawa" not in still_due and "woda" not in still_due
    assert (await app_client.get("/progress")).json()["words_learned"] == 1  # woda


async def test_cards_are_the_learners_own(app_client: httpx.AsyncClient) -> None:
    await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
    [card, *_] = (await app_client.get("/review/due")).json()

    stranger = (await sign_up(app_client))["headers"]
    foreign = await app_client.post(
        f"/review/{card['card_id']}", json={"rating": "easy"}, headers=stranger
    )
    assert foreign.status_code == 404
    assert foreign.json()["error"]["code"] == "card_not_found"
    assert (await app_client.get("/review/due", headers=stranger)).json() == []
    stranger_progress = (await app_client.get("/progress", headers=stranger)).json()
    assert {lesson["status"] for lesson in stranger_progress["lessons"]} == {"not_started"}

    unchanged = (await app_client.get("/review/due")).json()[0]
    assert unchanged == card

    bad = await app_client.post(f"/review/{card['card_id']}", json={"rating": "perfect"})
    assert bad.status_code == 422
    assert set(bad.json()) == {"error"} and set(bad.json()["error"]) == {"code", "message"}
    missing = await app_client.post(f"/review/{card['card_id']}", json={})
    assert missing.status_code == 422 and "error" in missing.json()
    assert (await app_client.post("/review/not-a-uuid", json={"rating": "good"})).status_code == 422
    anonymous = await app_client.get("/review/due", headers={"Authorization": ""})
    assert anonymous.status_code == 401


async def test_starting_a_lesson_again_adds_no_duplicate_cards(
    app_client: httpx.AsyncClient,
) -> None:
    for _ in range(2):
        started = await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
        assert started.status_code == 200
    due = (await app_client.get("/review/due", params={"limit": 200})).json()
    assert len(due) == len({card["pl"] for card in due}) == 7
    progress = (await app_client.get("/progress")).json()
    cafe = next(lesson for lesson in progress["lessons"] if lesson["lesson_id"] == LESSON)
    assert (cafe["status"], cafe["steps_done"]) == ("in_progress", 0)
