"""Ratings of one card sent at once (a double tap, two tabs): each is applied, one after the
other, none lost — on PostgreSQL as on SQLite, whose writes are serialised anyway. The same
for two lesson turns that missed one word at once."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import NullPool

from polish_tutor.settings import normalise_database_url, sync_database_url
from tests.support.waiting import eventually

LESSON = "a1-04-cafe"
RATINGS = ["good", "again", "good", "easy", "again", "hard"]


def stored_card(database_url: str, card_id: str) -> tuple[int, int]:
    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT reps, lapses FROM review_cards WHERE id = :id"),
                {"id": card_id.replace("-", "") if "sqlite" in database_url else card_id},
            ).one()
            return int(row.reps), int(row.lapses)
    finally:
        engine.dispose()


async def test_ratings_of_one_card_at_once_are_all_applied(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
    card = (await app_client.get("/review/due")).json()[0]["card_id"]
    answers = await asyncio.gather(
        *(app_client.post(f"/review/{card}", json={"rating": rating}) for rating in RATINGS)
    )
    assert [answer.status_code for answer in answers] == [200] * len(RATINGS)
    # Each answer saw the ones before it: reps 1 … n, in some order.
    assert sorted(answer.json()["reps"] for answer in answers) == list(range(1, len(RATINGS) + 1))
    assert stored_card(settings.resolved_database_url, card) == (
        len(RATINGS),
        RATINGS.count("again"),
    )


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_turns_missing_one_word_at_once_both_count(
    app_client: httpx.AsyncClient, settings: Any
) -> None:
    """Two lesson turns (two tabs, two sessions) that missed the same word, writing its card
    at once on PostgreSQL: the second reads the card once the first has committed (its read
    waits for the first's row lock), so both lapses count. Read without the lock, both
    started from the same card and the second overwrote the first."""
    from polish_tutor.kit.batch import WriteBatch
    from polish_tutor.review.repository import ReviewRepository
    from polish_tutor.review.service import ReviewService
    from polish_tutor.state import app_state

    await app_client.post("/chat", json={"message": "start", "lesson_id": LESSON})
    state = app_state(app_client._transport.app)  # type: ignore[attr-defined]
    lesson = state.lessons.get(LESSON)
    assert lesson is not None
    user_id = uuid.UUID(app_client.account["id"])  # type: ignore[attr-defined]
    card = next(c for c in (await app_client.get("/review/due")).json() if c["pl"] == "kawa")

    async def missed(session: AsyncSession) -> WriteBatch:
        batch = WriteBatch()
        cards = await ReviewService(ReviewRepository(session)).missed(
            batch, user_id, [("kawę", ["kawa"])], lesson.lesson
        )
        assert [c.pl for c in cards] == ["kawa"]
        return batch

    async with state.sessionmaker() as first, state.sessionmaker() as second:
        first_writes = await missed(first)
        second_read = asyncio.create_task(missed(second))

        async def read_or_waiting() -> bool:
            return second_read.done() or await waiting_for_a_lock(first)

        await eventually(read_or_waiting, 30, "the second turn's read")
        await first_writes.execute(first, last=True)
        await first.commit()
        second_writes = await asyncio.wait_for(second_read, 30)
        await second_writes.execute(second, last=True)
        await second.commit()

    assert stored_card(settings.resolved_database_url, card["card_id"]) == (0, 2)


async def waiting_for_a_lock(session: AsyncSession) -> bool:
    """Whether another connection to this database waits for a row lock."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    )
    return bool((await session.execute(query)).scalar_one())
