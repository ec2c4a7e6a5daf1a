"""Transcript summarisation in the background: the API schedules, an RQ worker summarises.

After a turn commits, ``SummaryScheduler.maybe_schedule`` checks the session's hot state: once
more than ``summary_after`` turns lie between the summary and the last ``context_turns`` turns,
it queues ``summarise_session`` (at most one per session at a time, through a Redis lock; if
Redis is down, the next turn past the threshold tries again). The job folds the turns that left
the window into the session's running summary, writes it with a compare-and-set on
``summary_upto`` (a slower duplicate changes nothing) and updates the hot state. Old turns stay
in the database: only the prompt is compressed.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from polish_tutor.ai_agent.summariser import (
    LLMSummariser,
    SessionFacts,
    build_summariser,
    extractive_summary,
)
from polish_tutor.kit.db import READ_ONLY
from polish_tutor.kit.metrics import SUMMARIES
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.sessions.hot import HotSession, write_summary_sync
from polish_tutor.sessions.models import AgentSession, AgentTurn

log = logging.getLogger(__name__)

LOCK_TTL = 300  # seconds: a job that died frees its session after this
JOB_TIMEOUT = 120


def summary_lock(session_id: uuid.UUID | str) -> str:
    return f"tutor:summarising:{session_id}"


class SummaryScheduler:
    def __init__(
        self,
        redis: AsyncRedis,
        queue: Callable[[], Queue],
        *,
        context_turns: int,
        summary_after: int,
    ) -> None:
        self.redis = redis
        self._queue = queue
        self.context_turns = context_turns
        self.summary_after = summary_after

    def due(self, hot: HotSession) -> bool:
        outside = hot.state.turn_count - self.context_turns - hot.summary_upto
        return outside > self.summary_after

    async def maybe_schedule(self, hot: HotSession) -> bool:
        if not self.due(hot):
            return False
        try:
            if not await self.redis.set(summary_lock(hot.id), 1, nx=True, ex=LOCK_TTL):
                return False  # a job for this session is queued or running
            await asyncio.to_thread(
                self._queue().enqueue,
                "polish_tutor.sessions.summaries.summarise_session",
                str(hot.id),
                job_timeout=JOB_TIMEOUT,
                result_ttl=600,
                failure_ttl=24 * 3600,
            )
        except RedisError as exc:
            log.warning("could not queue a summary for a session: %s", exc)
            return False
        return True


@dataclass(frozen=True, slots=True)
class SummaryInput:
    previous: str
    previous_upto: int
    upto: int
    facts: SessionFacts
    turns: list[AgentTurn]  # [0, upto)


def load_summary_input(
    db: Session, session_id: uuid.UUID, *, context_turns: int, lessons: LessonCatalog
) -> SummaryInput | None:
    """What a summary needs (a read), or ``None`` when no turn has left the window."""
    agent_session = db.get(AgentSession, session_id)
    if agent_session is None:
        return None
    upto = agent_session.turn_count - context_turns
    if upto <= agent_session.summary_upto:
        return None
    lesson = lessons.get(agent_session.lesson_id) if agent_session.lesson_id else None
    facts = SessionFacts(
        lesson=f"{lesson.lesson.title} ({lesson.lesson.id})" if lesson is not None else None,
        step_index=agent_session.step_index,
        steps_total=len(lesson.lesson.dialogue) if lesson is not None else 0,
        completed=agent_session.completed,
    )
    query = (
        select(AgentTurn)
        .where(AgentTurn.session_id == session_id, AgentTurn.seq < upto)
        .order_by(AgentTurn.seq)
    )
    return SummaryInput(
        previous=agent_session.summary,
        previous_upto=agent_session.summary_upto,
        upto=upto,
        facts=facts,
        turns=list(db.scalars(query).all()),
    )


def write_summary(db: Session, session_id: uuid.UUID, given: SummaryInput, summary: str) -> bool:
    """Compare-and-set on ``summary_upto``: a slower duplicate job writes nothing."""
    written = db.execute(
        update(AgentSession)
        .where(AgentSession.id == session_id, AgentSession.summary_upto == given.previous_upto)
        .values(summary=summary, summary_upto=given.upto, version=AgentSession.version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(written.rowcount == 1)  # type: ignore[attr-defined]


def compose_summary(given: SummaryInput, summariser: LLMSummariser | None) -> tuple[str, str]:
    """The new summary and how it was made: the model folds in the turns that left the
    window; without one (or when it fails) the extractive summary of every summarised turn."""
    if summariser is not None:
        new_turns = [turn for turn in given.turns if turn.seq >= given.previous_upto]
        folded = summariser.summarise(given.previous, new_turns)
        if folded is not None:
            return folded, "llm"
    return extractive_summary(given.turns, given.facts), "extractive"


_lessons: LessonCatalog | None = None


def _catalog(directory: Any) -> LessonCatalog:
    global _lessons
    if _lessons is None:
        _lessons = LessonCatalog.from_directory(directory)
    return _lessons


def summarise_session(session_id: str) -> dict[str, Any]:
    """The RQ job (runs in a worker)."""
    from polish_tutor.tts.jobs import worker_context

    ctx = worker_context()
    settings = ctx.settings
    key = uuid.UUID(session_id)
    try:
        # Read, think, then write: no transaction (no SQLite lock) is held while a model runs.
        reads = ctx.engine.execution_options(**{READ_ONLY: True})
        with Session(reads, expire_on_commit=False) as db, db.begin():
            given = load_summary_input(
                db,
                key,
                context_turns=settings.context_turns,
                lessons=_catalog(settings.lessons_dir),
            )
        if given is None:
            return {"status": "skipped"}
        summary, method = compose_summary(given, build_summariser(settings))
        with Session(ctx.engine) as db, db.begin():
            if not write_summary(db, key, given, summary):
                return {"status": "skipped"}
        SUMMARIES.labels(method).inc()
        write_summary_sync(ctx.redis, key, summary, given.upto)
        log.info("session summary written up to turn %d (%s)", given.upto, method)
        return {"status": "summarised", "upto": given.upto, "method": method}
    finally:
        try:
            ctx.redis.delete(summary_lock(key))
        except RedisError:
            pass  # the lock expires on its own
