"""The five A2 lessons that moved to orders 17-21 (a2-08-home → a2-17-home …): the migration
renames their ids in a learner's stored data (and back), on SQLite and PostgreSQL, and what the
migration cannot reach (a hot session in Redis, a page left open) still finds the lesson."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from alembic.script import ScriptDirectory
from redis import Redis
from sqlalchemy import (
    Connection,
    Integer,
    String,
    Uuid,
    column,
    create_engine,
    insert,
    table,
)
from sqlalchemy.pool import NullPool

from polish_tutor.kit.db import UTCDateTime
from polish_tutor.kit.migrate import alembic_config, downgrade, upgrade
from polish_tutor.lessons.catalog import FORMER_IDS, LessonCatalog
from polish_tutor.settings import Settings, sync_database_url
from tests.support.db import USERS_TABLE, sessions_table

RENAME = "296ea43fe0be"
RENAMED = {
    "a2-08-home": "a2-17-home",
    "a2-09-likes-hobbies": "a2-18-likes-hobbies",
    "a2-10-transport": "a2-19-transport",
    "a2-11-past-tense": "a2-20-past-tense",
    "a2-12-doctor": "a2-21-doctor",
}

# The tables as they were before the rename (only the columns these tests write and read).
USERS = USERS_TABLE
SESSIONS = sessions_table("version")
CARDS = table(
    "review_cards",
    column("id", Uuid),
    column("user_id", Uuid),
    column("lesson_id", String),
    column("pl", String),
    column("en", String),
    column("due", UTCDateTime()),
    *(column(name, Integer) for name in ("state", "step", "reps", "lapses")),
    column("created_at", UTCDateTime()),
)


@contextmanager
def connect(settings: Settings) -> Iterator[Connection]:
    engine = create_engine(sync_database_url(settings.resolved_database_url), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def stored(settings: Settings) -> dict[str, Any]:
    with connect(settings) as db:
        rows = db.execute(
            SESSIONS.select().with_only_columns(SESSIONS.c["id", "lesson_id", "summary"])
        )
        cards = db.execute(CARDS.select().with_only_columns(CARDS.c["pl", "lesson_id"]))
        return {
            "sessions": {str(i): (lesson, summary) for i, lesson, summary in rows},
            "cards": {pl: lesson for pl, lesson in cards},
        }


def test_the_migration_renames_the_five_lessons_in_every_stored_place_and_back(
    database_url: str, tmp_path: Path
) -> None:
    settings = Settings(database_url=database_url, var_dir=tmp_path)
    before = ScriptDirectory.from_config(alembic_config(settings)).get_revision(RENAME)
    assert before is not None and isinstance(before.down_revision, str)
    downgrade(settings, before.down_revision)

    now = datetime.now(UTC)
    user = uuid.uuid4()
    sessions = {
        "home": ("a2-08-home", "Lesson At home (rooms and adjectives) (a2-08-home): step 3 of 7."),
        "doctor": ("a2-12-doctor", ""),
        "cafe": ("a1-04-cafe", "Lesson At the café (the accusative) (a1-04-cafe): step 2 of 5."),
        "free": (None, "Free conversation, no lesson."),
    }
    ids = {name: uuid.uuid4() for name in sessions}
    cards = {"mieszkanie": "a2-08-home", "pociąg": "a2-10-transport", "kawa": "a1-04-cafe"}
    with connect(settings) as db:
        db.execute(insert(USERS).values(id=user, email=f"{user.hex}@example.com", created_at=now))
        for name, (lesson, summary) in sessions.items():
            db.execute(
                insert(SESSIONS).values(
                    id=ids[name],
                    user_id=user,
                    lesson_id=lesson,
                    step_index=0,
                    attempts=0,
                    completed=False,
                    turn_count=0,
                    summary=summary,
                    summary_upto=0,
                    version=1,
                    updated_at=now,
                    created_at=now,
                )
            )
        for pl, lesson in cards.items():
            db.execute(
                insert(CARDS).values(
                    id=uuid.uuid4(),
                    user_id=user,
                    lesson_id=lesson,
                    pl=pl,
                    en="x",
                    due=now,
                    state=1,
                    step=0,
                    reps=0,
                    lapses=0,
                    created_at=now,
                )
            )
    old = stored(settings)

    upgrade(settings)
    new = stored(settings)
    assert new["sessions"] == {
        str(ids["home"]): (
            "a2-17-home",
            "Lesson At home (rooms and adjectives) (a2-17-home): step 3 of 7.",
        ),
        str(ids["doctor"]): ("a2-21-doctor", ""),
        str(ids["cafe"]): old["sessions"][str(ids["cafe"])],  # not renamed: untouched
        str(ids["free"]): (None, "Free conversation, no lesson."),
    }
    assert new["cards"] == {
        "mieszkanie": "a2-17-home",
        "pociąg": "a2-19-transport",
        "kawa": "a1-04-cafe",
    }

    downgrade(settings, before.down_revision)
    assert stored(settings) == old
    upgrade(settings)  # the fixture empties a database at head
    assert stored(settings) == new


def test_the_catalogue_knows_the_new_ids_and_finds_a_lesson_by_its_former_one() -> None:
    assert FORMER_IDS == RENAMED
    catalog = LessonCatalog.from_directory()
    ids = {lesson.id for lesson in catalog}
    for former, current in RENAMED.items():
        assert current in ids and former not in ids
        found = catalog.get(former)
        assert found is not None and found.lesson.id == current
        assert catalog.get(current) is found
    assert catalog.get("a2-99-nowhere") is None


async def test_a_former_id_from_an_open_page_starts_the_lesson_under_its_new_id(
    app_client: httpx.AsyncClient,
) -> None:
    lesson = await app_client.get("/lessons/a2-08-home")
    assert lesson.status_code == 200 and lesson.json()["id"] == "a2-17-home"
    opening = await app_client.post("/chat", json={"message": "Cześć!", "lesson_id": "a2-08-home"})
    assert opening.status_code == 200, opening.text
    assert opening.json()["next_dialogue"] == lesson.json()["dialogue"][0]["tutor"]
    session = (await app_client.get(f"/sessions/{opening.json()['session_id']}")).json()
    assert session["lesson_id"] == "a2-17-home"  # where the progress page looks for it
    progress = (await app_client.get("/progress")).json()
    [home] = [row for row in progress["lessons"] if row["lesson_id"] == "a2-17-home"]
    assert home["status"] != "not_started"


async def test_a_hot_session_written_before_the_rename_keeps_its_lesson(
    app_client: httpx.AsyncClient, redis_url: str
) -> None:
    opening = await app_client.post("/chat", json={"message": "Cześć!", "lesson_id": "a2-17-home"})
    session_id = opening.json()["session_id"]
    # The hot state as Redis held it before the upgrade: the lesson under its former id.
    redis = Redis.from_url(redis_url)
    try:
        key = f"tutor:session:{session_id}"
        state = json.loads(redis.hget(key, "state") or b"{}")
        assert state["lesson_id"] == "a2-17-home"
        state["lesson_id"] = "a2-08-home"
        redis.hset(key, "state", json.dumps(state))
    finally:
        redis.close()
    turn = await app_client.post(
        "/chat", json={"message": "Jest bardzo ładne!", "session_id": session_id}
    )
    assert turn.status_code == 200, turn.text
    assert turn.json()["feedback"]["verdict"] == "correct"  # judged as the lesson's step
    assert turn.json()["next_dialogue"].startswith("Salon jest duży")
