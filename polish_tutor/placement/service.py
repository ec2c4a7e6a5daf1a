"""The placement quiz: 10 to 15 adaptive items across A1–B1, then where to start.

Each answer moves the estimate of where the learner stands in the course (``estimate.py``);
the next item comes from the lesson nearest it. The finished quiz suggests the first lesson the
learner probably does not know; the lessons before it count as done (``known_lessons``).
"""

from __future__ import annotations

import asyncio
import random
import secrets
import uuid
from datetime import datetime
from typing import Any

from polish_tutor.ai_agent.schemas import FeedbackIssue
from polish_tutor.kit.db import utcnow
from polish_tutor.kit.errors import Conflict, InvalidInput, NotFound
from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import ExplainIn, LearnerGender
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.placement.bank import PlacementBank, PlacementItem
from polish_tutor.placement.estimate import (
    MAX_ITEMS,
    MIN_ITEMS,
    Answered,
    estimate,
    finished,
)
from polish_tutor.placement.models import PlacementQuiz
from polish_tutor.placement.repository import PlacementRepository
from polish_tutor.placement.schemas import (
    PlacementAnswerIn,
    PlacementAnswerOut,
    PlacementItemOut,
    PlacementResult,
    PlacementStarted,
    PlacementStatus,
)


def item_out(item: PlacementItem, number: int, catalog: LessonCatalog) -> PlacementItemOut:
    loaded = catalog.get(item.lesson_id)
    assert loaded is not None  # the bank is built from this catalogue
    return PlacementItemOut(
        number=number,
        level=loaded.lesson.level,
        context_pl=item.context_pl,
        context_en=item.context_en,
        before=item.before,
        after=item.after,
        lemma=item.lemma,
        english=item.english,
    )


def _answered(rows: list[dict[str, Any]]) -> list[Answered]:
    return [Answered(int(row["position"]), bool(row["right"])) for row in rows]


class PlacementService:
    def __init__(
        self,
        repository: PlacementRepository,
        *,
        bank: PlacementBank,
        catalog: LessonCatalog,
        engine: LanguageEngine,
    ) -> None:
        self.repository = repository
        self.bank = bank
        self.catalog = catalog
        self.engine = engine
        self._lessons = list(catalog)

    def _next_item(self, seed: int, rows: list[dict[str, Any]], level: float) -> PlacementItem:
        asked = {str(row["item"]) for row in rows}
        rng = random.Random(f"{seed}:{len(asked)}")
        item = self.bank.pick(level, asked, rng)
        if item is None:  # pragma: no cover - the course has far more items than a quiz asks
            raise NotFound("The course has no placement items.", code="placement_unavailable")
        return item

    async def start(self, user_id: uuid.UUID) -> PlacementStarted:
        quiz = PlacementQuiz(
            id=uuid.uuid4(), user_id=user_id, seed=secrets.randbelow(2**31), answered=[]
        )
        first = self._next_item(quiz.seed, [], estimate([], self.bank.lessons).level)
        quiz.pending = first.key
        await self.repository.add(quiz)
        return PlacementStarted(
            quiz_id=quiz.id,
            min_items=MIN_ITEMS,
            max_items=MAX_ITEMS,
            item=item_out(first, 1, self.catalog),
        )

    async def answer(
        self,
        user_id: uuid.UUID,
        quiz_id: uuid.UUID,
        body: PlacementAnswerIn,
        learner_gender: LearnerGender | None,
    ) -> PlacementAnswerOut:
        quiz = await self.repository.get(quiz_id, user_id)
        if quiz is None:
            raise NotFound("There is no such placement quiz.", code="placement_not_found")
        if quiz.finished_at is not None:
            raise Conflict("This placement quiz is finished.", code="placement_finished")
        if body.number != quiz.asked + 1:
            raise Conflict(
                f"Item {body.number} is not the one waiting for an answer "
                f"(that is item {quiz.asked + 1}).",
                code="placement_item_answered",
            )
        item = self.bank.get(quiz.pending or "")
        if item is None:
            # The course changed under a quiz in progress: its item is gone.
            raise Conflict(
                "The course changed since this quiz began; start a new one.",
                code="placement_outdated",
            )
        typed = (body.answer or "").strip()
        if len(typed.split()) > 3:
            raise InvalidInput("Type the one missing word (at most three words).")
        judged = await asyncio.to_thread(self._judge, item, typed, body.explain_in, learner_gender)
        right, verdict, issues = judged
        rows: list[dict[str, Any]] = [
            *(quiz.answered or []),
            {"item": item.key, "position": item.position, "right": right},
        ]
        answers = _answered(rows)
        current = estimate(answers, self.bank.lessons)
        done = finished(answers, current)
        following = None if done else self._next_item(quiz.seed, rows, current.level)
        suggested = self._lessons[current.suggested_start(len(self._lessons))].id if done else None
        now = utcnow()
        stored = await self.repository.record_answer(
            quiz.id,
            user_id,
            asked=quiz.asked,
            answered=rows,
            pending=following.key if following else None,
            level=current.level,
            suggested_lesson_id=suggested,
            finished_at=now if done else None,
        )
        if not stored:
            raise Conflict(
                "That item was answered already (another tab?).", code="placement_item_answered"
            )
        return PlacementAnswerOut(
            right=right,
            verdict=verdict,
            expected=item.word,
            sentence=item.answer,
            issues=issues,
            next=item_out(following, len(rows) + 1, self.catalog) if following else None,
            result=self._result(quiz.id, suggested, rows, now) if suggested else None,
        )

    def _judge(
        self,
        item: PlacementItem,
        typed: str,
        explain_in: ExplainIn,
        learner_gender: LearnerGender | None,
    ) -> tuple[bool, Any, list[FeedbackIssue]]:
        if not typed:
            return False, None, []
        loaded = self.catalog.get(item.lesson_id)
        assert loaded is not None
        step = loaded.lesson.dialogue[item.step]
        comparison = self.engine.compare(
            item.answer,
            item.sentence_with(typed),
            explain_in=explain_in,
            learner_gender=learner_gender,
            synonyms=[*step.synonyms, *loaded.lesson.synonyms],
            slots=dict(step.slots),
            slot_classes=dict(step.slot_classes),
            kept_aspect=step.aspect,
        )
        issues = [FeedbackIssue.model_validate(i.to_dict()) for i in comparison.issues]
        return comparison.verdict != "incorrect", comparison.verdict, issues

    def _result(
        self,
        quiz_id: uuid.UUID,
        suggested: str | None,
        rows: list[dict[str, Any]],
        finished_at: datetime,
    ) -> PlacementResult:
        ids = [lesson.id for lesson in self._lessons]
        loaded = self.catalog.get(suggested or ids[0])
        if loaded is None:  # the course changed since: start at the beginning
            loaded = self.catalog.get(ids[0])
            assert loaded is not None
        lesson = loaded.lesson
        return PlacementResult(
            quiz_id=quiz_id,
            suggested_lesson_id=lesson.id,
            suggested_title=lesson.title,
            level=lesson.level,
            known_lessons=ids[: ids.index(lesson.id)],
            answered=len(rows),
            right=sum(1 for row in rows if row.get("right")),
            finished_at=finished_at,
        )

    async def status(self, user_id: uuid.UUID) -> PlacementStatus:
        quiz = await self.repository.latest_finished(user_id)
        if quiz is None or quiz.finished_at is None:
            return PlacementStatus(result=None)
        result = self._result(
            quiz.id, quiz.suggested_lesson_id, list(quiz.answered or []), quiz.finished_at
        )
        return PlacementStatus(result=result)
