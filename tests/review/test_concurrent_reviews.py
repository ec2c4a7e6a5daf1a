"""Ratings of one card sent at once (a double tap, two tabs): each is applied, one after the
other, none lost — on PostgreSQL as on SQLite, whose writes are serialised anyway."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from polish_tutor.settings import normalise_database_url, sync_database_url

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
