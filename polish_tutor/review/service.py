"""Vocabulary review scheduled by FSRS: lesson words become cards, misses come back first."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import utcnow
from polish_tutor.kit.errors import NotFound
from polish_tutor.language.text import words
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.review.models import ReviewCard
from polish_tutor.review.repository import CardSchedule, ReviewRepository
from polish_tutor.review.schemas import RatingName, ReviewCardOut

RATINGS: dict[RatingName, Rating] = {
    "again": Rating.Again,
    "hard": Rating.Hard,
    "good": Rating.Good,
    "easy": Rating.Easy,
}


def to_fsrs(card: ReviewCard | CardSchedule) -> Card:
    return Card(
        card_id=1,  # FSRS's own id is not used: the row's id is the card's identity
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def apply_fsrs(card: ReviewCard | CardSchedule, scheduled: Card) -> None:
    card.state = int(scheduled.state)
    card.step = scheduled.step
    card.stability = scheduled.stability
    card.difficulty = scheduled.difficulty
    card.due = scheduled.due
    card.last_review = scheduled.last_review


def card_out(card: ReviewCard) -> ReviewCardOut:
    return ReviewCardOut(
        card_id=card.id,
        pl=card.pl,
        en=card.en,
        lesson_id=card.lesson_id,
        due=card.due,
        reps=card.reps,
        lapses=card.lapses,
    )


@lru_cache(maxsize=8192)
def card_forms(pl: str) -> frozenset[str]:
    """What a card's word matches a missed word on: the word, and each word of a phrase.
    (Remembered: a pure function of the word, and a wrong answer's turn asks it of every
    word of the lesson's vocabulary; the words are the course's and the learners' cards'.)"""
    return frozenset((pl.casefold(), *(w.casefold() for w in words(pl))))


class ReviewService:
    def __init__(
        self,
        repository: ReviewRepository,
        scheduler: Scheduler | None = None,
    ) -> None:
        self.repository = repository
        self.scheduler = scheduler or Scheduler()

    def add_lesson_cards(self, batch: WriteBatch, user_id: uuid.UUID, lesson: Lesson) -> None:
        """The lesson's vocabulary becomes the learner's cards (words they have are kept)."""
        now = utcnow()
        fresh = Card()
        rows: list[dict[str, Any]] = [
            {
                "id": uuid.uuid4(),
                "user_id": user_id,
                "lesson_id": lesson.id,
                "pl": item.pl,
                "en": item.en,
                "due": now,
                "stability": None,
                "difficulty": None,
                "state": int(fresh.state),
                "step": fresh.step,
                "last_review": None,
                "reps": 0,
                "lapses": 0,
                "created_at": now,
            }
            for item in {item.pl: item for item in lesson.vocabulary}.values()
        ]
        self.repository.add_missing(batch, rows)

    async def missed(
        self,
        batch: WriteBatch,
        user_id: uuid.UUID,
        expected_words: Iterable[tuple[str, Sequence[str]]],
        lesson: Lesson | None,
    ) -> list[CardSchedule]:
        """Rate "again" the cards of words the learner just got wrong, and make them due now.

        ``expected_words`` pairs each expected word with its lemmas; a card matches on the
        word, on a lemma, or (for the lesson's phrases such as "ile płacę") on one of the
        phrase's words. One read, of the cards that can match (the lesson's phrases that hold
        none of the words are not read); the updates join ``batch``.
        """
        wanted: set[str] = set()
        for word, lemmas in expected_words:
            wanted.update(form.casefold() for form in (word, *lemmas) if form)
        if not wanted:
            return []
        lesson_id = lesson.id if lesson is not None else None
        phrases = sorted(
            {item.pl for item in lesson.vocabulary if card_forms(item.pl) & wanted}
            if lesson is not None
            else ()
        )
        cards = await self.repository.matching(user_id, sorted(wanted), lesson_id, phrases)
        now = utcnow()
        hit: list[CardSchedule] = []
        for card in cards:
            if card_forms(card.pl) & wanted:
                scheduled, _ = self.scheduler.review_card(to_fsrs(card), Rating.Again, now)
                apply_fsrs(card, scheduled)
                # FSRS would show it again after its first learning step; a word missed in
                # conversation is worth reviewing at once, so it is due now.
                card.due = min(card.due, now)
                card.lapses += 1
                hit.append(card)
        self.repository.update_cards(batch, hit)
        return hit

    async def due(
        self, user_id: uuid.UUID, limit: int, now: datetime | None = None
    ) -> list[ReviewCardOut]:
        cards = await self.repository.due(user_id, now or utcnow(), limit)
        return [card_out(card) for card in cards]

    async def review(
        self, user_id: uuid.UUID, card_id: uuid.UUID, rating: RatingName
    ) -> ReviewCardOut:
        card = await self.repository.get(card_id, user_id)
        if card is None:
            raise NotFound("There is no such card.", code="card_not_found")
        scheduled, _ = self.scheduler.review_card(to_fsrs(card), RATINGS[rating], utcnow())
        apply_fsrs(card, scheduled)
        card.reps += 1
        if rating == "again":
            card.lapses += 1
        return card_out(card)
