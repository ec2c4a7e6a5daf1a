"""Progress a learner can read: lessons done per level, days practised, the streak and the
time spent — worked out from what is stored (sessions, turns, review cards).

The rules are tested on timestamps directly; the API on SQLite and PostgreSQL with a real
lesson played, whose stored times are then moved to earlier days (the data, not our code).
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select, update

from polish_tutor.kit.db import create_engine
from polish_tutor.kit.errors import InvalidInput
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.progress.service import BREAK, practice_activity, time_zone
from polish_tutor.sessions.models import AgentSession, AgentTurn
from tests.support.auth import sign_up

UTC_ZONE = ZoneInfo("UTC")
NOW = datetime(2026, 12, 10, 15, 0, tzinfo=UTC)


def at(days_ago: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    day = NOW - timedelta(days=days_ago)
    return day.replace(hour=hour, minute=minute, second=second)


# --- the rules ------------------------------------------------------------------------------


def test_nothing_done_is_all_zero() -> None:
    activity = practice_activity([], now=NOW, zone=UTC_ZONE)
    assert activity.model_dump() == {
        "time_zone": "UTC",
        "days_practised": 0,
        "streak_days": 0,
        "longest_streak_days": 0,
        "practised_today": False,
        "time_spent_seconds": 0,
        "time_today_seconds": 0,
    }


def test_the_streak_counts_days_in_a_row_up_to_today() -> None:
    times = [at(6, 9), at(5, 9), at(4, 9), at(3, 9), at(1, 20), at(0, 8)]
    activity = practice_activity(times, now=NOW, zone=UTC_ZONE)
    assert activity.days_practised == 6
    assert activity.streak_days == 2  # yesterday and today; the day before was missed
    assert activity.longest_streak_days == 4
    assert activity.practised_today


def test_a_streak_is_alive_until_a_day_passes_with_nothing() -> None:
    yesterday = [at(3, 9), at(2, 9), at(1, 23, 59)]
    alive = practice_activity(yesterday, now=NOW, zone=UTC_ZONE)
    assert (alive.streak_days, alive.practised_today) == (3, False)
    broken = practice_activity(yesterday[:2], now=NOW, zone=UTC_ZONE)
    assert (broken.streak_days, broken.longest_streak_days) == (0, 2)


def test_time_spent_adds_the_gaps_and_leaves_out_breaks() -> None:
    times = [
        at(2, 10, 0),
        at(2, 10, 2),  # +120 s
        at(2, 10, 2, 30),  # +30 s
        at(2, 10, 40),  # a break (38 min): nothing
        at(2, 10, 50),  # +600 s: exactly BREAK still counts
        at(0, 14, 0),
        at(0, 14, 1, 15),  # +75 s, today
    ]
    assert BREAK == timedelta(minutes=10)
    activity = practice_activity(times, now=NOW, zone=UTC_ZONE)
    assert activity.time_spent_seconds == 120 + 30 + 600 + 75
    assert activity.time_today_seconds == 75


def test_days_are_the_learners_own() -> None:
    # 23:30 and 00:30 UTC are two days in London, one (the later) in Warsaw.
    late = [at(2, 23, 30), at(1, 0, 30)]
    utc = practice_activity(late, now=NOW, zone=UTC_ZONE)
    assert (utc.days_practised, utc.streak_days) == (2, 2)
    warsaw = practice_activity(late, now=NOW, zone=ZoneInfo("Europe/Warsaw"))
    assert (warsaw.days_practised, warsaw.streak_days) == (1, 1)
    assert warsaw.time_zone == "Europe/Warsaw"
    # Last night at 23:30 UTC is today in Warsaw, still yesterday in New York.
    last_night = [at(1, 23, 30)]
    assert practice_activity(last_night, now=NOW, zone=ZoneInfo("Europe/Warsaw")).practised_today
    new_york = practice_activity(last_night, now=NOW, zone=ZoneInfo("America/New_York"))
    assert (new_york.practised_today, new_york.streak_days) == (False, 1)
    # NOW (15:00 UTC) is 05:00 tomorrow in Kiritimati (UTC+14), where 09:00 UTC was yesterday.
    kiritimati = practice_activity([at(0, 9)], now=NOW, zone=ZoneInfo("Pacific/Kiritimati"))
    assert (kiritimati.practised_today, kiritimati.streak_days) == (False, 1)


def test_naive_times_are_read_as_utc() -> None:
    naive = [at(0, 10).replace(tzinfo=None), at(0, 10, 5)]
    assert practice_activity(naive, now=NOW, zone=UTC_ZONE).time_spent_seconds == 300


def test_an_unknown_time_zone_is_invalid_input() -> None:
    assert time_zone("Europe/Warsaw").key == "Europe/Warsaw"
    for name in ["Mars/Olympus", "../../etc/passwd", "Europe/", "+02:00"]:
        with pytest.raises(InvalidInput) as caught:
            time_zone(name)
        assert caught.value.code == "invalid_time_zone"


# --- through the API, on SQLite and PostgreSQL ----------------------------------------------

LESSON = "a1-04-cafe"


async def play_through(client: httpx.AsyncClient, lesson_id: str) -> str:
    """Open the lesson and give each step's first accepted answer."""
    lesson = LessonCatalog.from_directory().get(lesson_id)
    assert lesson is not None
    opening = await client.post("/chat", json={"message": "Dzień dobry", "lesson_id": lesson_id})
    assert opening.status_code == 200, opening.text
    session_id: str = opening.json()["session_id"]
    for step in lesson.lesson.dialogue:
        reply = await client.post(
            "/chat", json={"message": step.answers[0], "session_id": session_id}
        )
        assert reply.status_code == 200, reply.text
        assert reply.json()["feedback"]["verdict"] == "correct", reply.json()
    return session_id


async def move_to(
    database_url: str, session_id: str, opened: datetime, answers: list[datetime]
) -> None:
    """Give the stored session and its learner turns these times (the lesson was played now)."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            sid = uuid.UUID(session_id)
            await conn.execute(
                update(AgentSession).where(AgentSession.id == sid).values(created_at=opened)
            )
            turns = (
                await conn.execute(
                    select(AgentTurn.id)
                    .where(AgentTurn.session_id == sid, AgentTurn.role == "learner")
                    .order_by(AgentTurn.seq)
                )
            ).scalars()
            ids = list(turns)
            assert len(ids) == len(answers)
            for turn_id, moment in zip(ids, answers, strict=True):
                await conn.execute(
                    update(AgentTurn).where(AgentTurn.id == turn_id).values(created_at=moment)
                )
    finally:
        await engine.dispose()


async def test_progress_shows_levels_streak_and_time_spent(
    app_client: httpx.AsyncClient, database_url: str
) -> None:
    catalog = LessonCatalog.from_directory()
    per_level = Counter(lesson.level for lesson in catalog)

    before = (await app_client.get("/progress")).json()
    assert before["levels"] == [
        {"level": level, "lessons_total": per_level[level], "lessons_done": 0,
         "lessons_known": 0, "lessons_in_progress": 0}
        for level in ("A1", "A2", "B1")
    ]  # fmt: skip
    assert before["activity"]["days_practised"] == 0
    assert before["activity"]["streak_days"] == 0
    assert before["activity"]["time_spent_seconds"] == 0

    cafe = await play_through(app_client, LESSON)
    opening = await app_client.post(
        "/chat", json={"message": "Dzień dobry", "lesson_id": "b1-33-job-interview"}
    )
    assert opening.status_code == 200, opening.text

    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)

    def day(days_ago: int, minute: int) -> datetime:
        return today - timedelta(days=days_ago) + timedelta(minutes=minute)

    # The café over four days: opened, then answers 2 and 5 minutes apart, a 25-minute break.
    await move_to(
        database_url,
        cafe,
        opened=day(4, 0),
        answers=[day(4, 1), day(4, 3), day(2, 0), day(2, 5), day(2, 30), day(1, 0)],
    )
    await move_to(database_url, opening.json()["session_id"], opened=day(1, 1), answers=[day(1, 2)])

    progress = (await app_client.get("/progress")).json()
    levels = {row["level"]: row for row in progress["levels"]}
    assert (levels["A1"]["lessons_done"], levels["A1"]["lessons_in_progress"]) == (1, 0)
    assert (levels["B1"]["lessons_done"], levels["B1"]["lessons_in_progress"]) == (0, 1)
    assert levels["A2"]["lessons_done"] == levels["A2"]["lessons_in_progress"] == 0
    assert sum(row["lessons_total"] for row in progress["levels"]) == len(catalog)
    activity = progress["activity"]
    assert activity["time_zone"] == "UTC"
    assert (activity["days_practised"], activity["streak_days"]) == (3, 2)
    assert activity["longest_streak_days"] == 2 and activity["practised_today"] is False
    # 60 + 120 on day 4, 300 on day 2 (then a break), 60 + 60 on day 1 (two sessions).
    assert activity["time_spent_seconds"] == 60 + 120 + 300 + 60 + 60
    assert activity["time_today_seconds"] == 0

    # A card reviewed today is practice today: the streak reaches today.
    [card, *_] = (await app_client.get("/review/due")).json()
    rated = await app_client.post(f"/review/{card['card_id']}", json={"rating": "good"})
    assert rated.status_code == 200, rated.text
    activity = (await app_client.get("/progress")).json()["activity"]
    assert (activity["days_practised"], activity["streak_days"]) == (4, 3)
    assert activity["practised_today"] is True

    # Another learner sees none of it.
    stranger = (await sign_up(app_client))["headers"]
    theirs = (await app_client.get("/progress", headers=stranger)).json()
    assert theirs["activity"]["days_practised"] == 0
    assert all(row["lessons_done"] == 0 for row in theirs["levels"])


async def test_progress_takes_the_learners_time_zone(app_client: httpx.AsyncClient) -> None:
    warsaw = await app_client.get("/progress", params={"tz": "Europe/Warsaw"})
    assert warsaw.status_code == 200, warsaw.text
    assert warsaw.json()["activity"]["time_zone"] == "Europe/Warsaw"

    for bad in ["Mars/Olympus", "x" * 65, ""]:
        response = await app_client.get("/progress", params={"tz": bad})
        assert response.status_code == 422, (bad, response.text)
        assert set(response.json()) == {"error"}
        assert response.json()["error"]["code"] in {"invalid_time_zone", "invalid_input"}
    unknown = await app_client.get("/progress", params={"timezone": "UTC"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "unknown_query_parameter"


async def test_progress_is_documented_with_its_time_zone(
    anonymous_client: httpx.AsyncClient,
) -> None:
    schema = (await anonymous_client.get("/openapi.json")).json()
    operation = schema["paths"]["/progress"]["get"]
    [parameter] = operation["parameters"]
    assert parameter["name"] == "tz" and parameter["in"] == "query"
    assert {"401", "422"} <= set(operation["responses"])
    error = operation["responses"]["422"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/ErrorResponse"}
    out = schema["components"]["schemas"]["ProgressOut"]
    assert {"levels", "activity"} <= set(out["properties"])
