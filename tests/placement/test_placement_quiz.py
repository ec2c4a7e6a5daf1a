"""The placement quiz over HTTP, on SQLite and PostgreSQL, with the real engine and course.

A simulated learner knows the course up to some lesson: it types the right word for items from
lessons up to there and "I don't know" after. The quiz must stop after 10 to 15 items, suggest
starting near that lesson, count the lessons before it as known, and keep the result.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.placement.bank import PlacementBank, PlacementItem
from polish_tutor.placement.dependencies import placement_bank
from polish_tutor.state import language_engine
from tests.support.auth import sign_up


@pytest.fixture(scope="module")
def catalog() -> LessonCatalog:
    return LessonCatalog.from_directory()


@pytest.fixture(scope="module")
def bank(catalog: LessonCatalog) -> PlacementBank:
    return placement_bank(catalog, language_engine())


def the_item(bank: PlacementBank, shown: dict[str, Any]) -> PlacementItem:
    """The bank's item behind what the API showed (the API never shows the word)."""
    found = [
        item
        for position in bank.positions
        for item in bank.at(position)
        if (item.before, item.after, item.lemma, item.english)
        == (shown["before"], shown["after"], shown["lemma"], shown["english"])
    ]
    assert len(found) == 1, shown
    return found[0]


async def take_quiz(
    client: httpx.AsyncClient, bank: PlacementBank, knows_up_to: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    started = await client.post("/placement")
    assert started.status_code == 201, started.text
    body = started.json()
    assert (body["min_items"], body["max_items"]) == (10, 15)
    quiz_id, shown = body["quiz_id"], body["item"]
    replies: list[dict[str, Any]] = []
    while True:
        assert shown["number"] == len(replies) + 1
        item = the_item(bank, shown)
        answer = item.word if item.position <= knows_up_to else None
        reply = await client.post(
            f"/placement/{quiz_id}/answers", json={"number": shown["number"], "answer": answer}
        )
        assert reply.status_code == 200, reply.text
        out = reply.json()
        assert out["right"] is (answer is not None), out
        assert out["expected"] == item.word and out["sentence"] == item.answer
        replies.append(out)
        if out["next"] is None:
            assert out["result"] is not None
            return replies, out["result"]
        assert out["result"] is None
        shown = out["next"]


@pytest.mark.parametrize("knows_up_to", [-1, 20, 47])
async def test_the_quiz_places_a_learner_near_what_they_know(
    app_client: httpx.AsyncClient, bank: PlacementBank, catalog: LessonCatalog, knows_up_to: int
) -> None:
    before = await app_client.get("/placement")
    assert before.status_code == 200 and before.json() == {"result": None}

    replies, result = await take_quiz(app_client, bank, knows_up_to)
    assert 10 <= len(replies) <= 15
    ids = [lesson.id for lesson in catalog]
    start = ids.index(result["suggested_lesson_id"])
    assert result["known_lessons"] == ids[:start]
    assert result["answered"] == len(replies)
    assert result["right"] == sum(1 for r in replies if r["right"])
    assert result["level"] == catalog.get(ids[start]).lesson.level  # type: ignore[union-attr]
    if knows_up_to < 0:
        assert start == 0 and result["level"] == "A1"
    elif knows_up_to == 20:
        assert 10 <= start <= 22, result  # somewhere in late A1 or early A2
    else:
        assert start >= 36 and result["level"] == "B1", result

    kept = await app_client.get("/placement")
    assert kept.status_code == 200 and kept.json()["result"] == result


async def test_a_word_in_the_wrong_form_is_explained_and_missing_letters_still_count(
    app_client: httpx.AsyncClient, bank: PlacementBank
) -> None:
    started = (await app_client.post("/placement")).json()
    item = the_item(bank, started["item"])
    wrong = await app_client.post(
        f"/placement/{started['quiz_id']}/answers", json={"number": 1, "answer": item.lemma}
    )
    assert wrong.status_code == 200, wrong.text
    out = wrong.json()
    assert out["right"] is False and out["verdict"] == "incorrect"
    assert any(issue["expected"] == item.word for issue in out["issues"]), out["issues"]

    # the second item typed without Polish letters (when it has any) is still right
    second = the_item(bank, out["next"])
    plain = second.word.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ"))
    right = await app_client.post(
        f"/placement/{started['quiz_id']}/answers", json={"number": 2, "answer": plain}
    )
    assert right.status_code == 200, right.text
    assert right.json()["right"] is True
    assert right.json()["verdict"] == ("correct" if plain == second.word else "acceptable")


async def test_bad_answers_are_refused_clearly(
    app_client: httpx.AsyncClient, anonymous_client: httpx.AsyncClient
) -> None:
    started = (await app_client.post("/placement")).json()
    url = f"/placement/{started['quiz_id']}/answers"

    again = await app_client.post(url, json={"number": 2, "answer": "kot"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "placement_item_answered"
    for body in (
        {"number": 1, "answer": "kot\u0000"},
        {"number": 0, "answer": "kot"},
        {"number": 1, "answer": "x" * 101},
        {"number": 1, "answer": "jeden dwa trzy cztery"},
        {"number": 1, "word": "kot"},
    ):
        refused = await app_client.post(url, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert set(refused.json()["error"]) == {"code", "message"}
    missing = await app_client.post(f"/placement/{uuid.uuid4()}/answers", json={"number": 1})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "placement_not_found"
    assert (
        await app_client.post("/placement/not-a-uuid/answers", json={"number": 1})
    ).status_code == 422

    # someone else's quiz is not found, and without a token nothing is
    other = await sign_up(anonymous_client)
    theirs = await anonymous_client.post(url, json={"number": 1}, headers=other["headers"])
    assert theirs.status_code == 404
    assert (
        await anonymous_client.get("/placement", headers={"Authorization": "Bearer x"})
    ).status_code == 401

    # the right answer is still waiting: the refused ones did not use the item up
    skipped = await app_client.post(url, json={"number": 1, "answer": None})
    assert skipped.status_code == 200 and skipped.json()["right"] is False


async def test_a_finished_quiz_takes_no_more_answers(
    app_client: httpx.AsyncClient, bank: PlacementBank
) -> None:
    replies, result = await take_quiz(app_client, bank, knows_up_to=-1)
    late = await app_client.post(
        f"/placement/{result['quiz_id']}/answers",
        json={"number": len(replies) + 1, "answer": "kot"},
    )
    assert late.status_code == 409 and late.json()["error"]["code"] == "placement_finished"


async def test_the_lessons_the_quiz_says_are_known_count_as_done_in_progress(
    app_client: httpx.AsyncClient, bank: PlacementBank, catalog: LessonCatalog
) -> None:
    _replies, result = await take_quiz(app_client, bank, 20)
    known = set(result["known_lessons"])
    assert known  # a learner who knows A1 skips some lessons
    progress = (await app_client.get("/progress")).json()
    rows = {row["lesson_id"]: row for row in progress["lessons"]}
    assert {lesson_id for lesson_id, row in rows.items() if row["known"]} == known
    assert all(rows[lesson_id]["status"] == "not_started" for lesson_id in known)
    for level in progress["levels"]:
        mine = [lesson for lesson in catalog if lesson.level == level["level"]]
        expected = sum(1 for lesson in mine if lesson.id in known)
        assert level["lessons_known"] == expected
        assert level["lessons_done"] == expected  # nothing played yet
