"""Transcript summarisation in the background: the API schedules, an RQ worker summarises.

After a turn commits, ``SummaryScheduler.maybe_schedule`` checks the session's hot state: once
more than ``summary_after`` turns lie between the summary and the last ``context_turns`` turns,
it queues ``summarise_session`` (at most one per session at a time, through a Redis lock; if
Redis is down, the next turn past the threshold tries again).

The job is a fold, its cost set by the turns it adds, not by the session's length: it reads the
session row, with the running summary of turns ``[0, summary_upto)`` and the extractive
statistics of those turns (``summary_facts``, see :mod:`polish_tutor.ai_agent.summariser`),
then only the turns ``[summary_upto, upto)`` that left the window since. It folds them into the
statistics, and into the summary with the model when one is configured (else, or when the
model fails, the summary is the statistics rendered), and writes summary, ``summary_upto`` and
statistics together with a compare-and-set on ``summary_upto`` (a slower duplicate changes
nothing), then updates the hot state. A session summarised before the statistics were kept
has them folded from its first turn once. What the job needs besides (the lesson catalogue,
the summariser and its prompts, ``openai``) the worker builds before it forks
(:class:`polish_tutor.tts.jobs.WorkerContext`). Old turns stay in the database: only the
prompt is compressed.
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
from sqlalchemy.orm import Session, load_only, undefer

from polish_tutor.ai_agent.summariser import (
    LLMSummariser,
    SessionFacts,
    TranscriptFacts,
    fold,
    render,
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


class SummaryJobRepository:
    """All SQL a summary job runs (synchronous, in the worker)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def session_row(self, session_id: uuid.UUID) -> AgentSession | None:
        """The session with its folded facts (which nothing else loads)."""
        return self.session.get(
            AgentSession, session_id, options=[undefer(AgentSession.summary_facts)]
        )

    def turns_between(self, session_id: uuid.UUID, start: int, end: int) -> list[AgentTurn]:
        """Turns ``[start, end)`` in order: one range read on the ``(session_id, seq)`` index,
        of the columns a summary reads."""
        query = (
            select(AgentTurn)
            .options(load_only(AgentTurn.seq, AgentTurn.role, AgentTurn.text, AgentTurn.feedback))
            .where(
                AgentTurn.session_id == session_id,
                AgentTurn.seq >= start,
                AgentTurn.seq < end,
            )
            .order_by(AgentTurn.seq)
        )
        return list(self.session.scalars(query).all())

    def write_summary(
        self,
        session_id: uuid.UUID,
        *,
        read_upto: int,
        upto: int,
        summary: str,
        facts: dict[str, Any],
    ) -> bool:
        """Compare-and-set on ``summary_upto``: ``False`` (nothing written) when another job
        moved it since it was read."""
        written = self.session.execute(
            update(AgentSession)
            .where(AgentSession.id == session_id, AgentSession.summary_upto == read_upto)
            .values(
                summary=summary,
                summary_upto=upto,
                summary_facts=facts,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(written.rowcount == 1)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SummaryInput:
    previous: str
    previous_upto: int
    upto: int
    facts: SessionFacts
    folded: TranscriptFacts  # what turns [0, start) showed
    start: int  # previous_upto, or 0 when the session has no folded facts yet
    turns: list[AgentTurn]  # [start, upto)

    @property
    def new_turns(self) -> list[AgentTurn]:
        """The turns that left the window since the last summary: ``[previous_upto, upto)``."""
        return [turn for turn in self.turns if turn.seq >= self.previous_upto]


@dataclass(frozen=True, slots=True)
class ComposedSummary:
    text: str
    method: str  # "llm" | "extractive"
    facts: TranscriptFacts  # what turns [0, upto) showed


def load_summary_input(
    db: Session, session_id: uuid.UUID, *, context_turns: int, lessons: LessonCatalog
) -> SummaryInput | None:
    """What a summary needs (two reads: the session, then only the turns to fold), or ``None``
    when no turn has left the window.

    A session summarised before its facts were kept (``summary_facts`` is NULL, or in a format
    this code does not read, while ``summary_upto > 0``) has them folded again from its first
    turn, once; the jobs after that read only their new turns."""
    repository = SummaryJobRepository(db)
    agent_session = repository.session_row(session_id)
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
    folded = TranscriptFacts.from_json(agent_session.summary_facts)
    start = agent_session.summary_upto if folded is not None else 0
    return SummaryInput(
        previous=agent_session.summary,
        previous_upto=agent_session.summary_upto,
        upto=upto,
        facts=facts,
        folded=folded if folded is not None else TranscriptFacts(),
        start=start,
        turns=repository.turns_between(session_id, start, upto),
    )


def write_summary(
    db: Session, session_id: uuid.UUID, given: SummaryInput, composed: ComposedSummary
) -> bool:
    """The summary, how far it goes and its facts, with a compare-and-set on
    ``summary_upto``: a slower duplicate job writes nothing."""
    return SummaryJobRepository(db).write_summary(
        session_id,
        read_upto=given.previous_upto,
        upto=given.upto,
        summary=composed.text,
        facts=composed.facts.to_json(),
    )


def compose_summary(given: SummaryInput, summariser: LLMSummariser | None) -> ComposedSummary:
    """The new summary and how it was made: the model folds the turns that left the window
    into the previous summary; without one (or when it fails) the extractive summary. The
    extractive facts are folded either way, so a later fall-back finds them complete."""
    facts = fold(given.folded, given.turns)
    if summariser is not None:
        written = summariser.summarise(given.previous, given.new_turns)
        if written is not None:
            return ComposedSummary(written, "llm", facts)
    return ComposedSummary(render(facts, given.facts), "extractive", facts)


def summarise_session(session_id: str) -> dict[str, Any]:
    """The RQ job (runs in a worker, with what the worker built before it forked)."""
    from polish_tutor.tts.jobs import worker_context

    ctx = worker_context()
    settings = ctx.settings
    key = uuid.UUID(session_id)
    try:
        # Read, think, then write: no transaction (no SQLite lock) is held while a model runs.
        reads = ctx.engine.execution_options(**{READ_ONLY: True})
        with Session(reads, expire_on_commit=False) as db, db.begin():
            given = load_summary_input(
                db, key, context_turns=settings.context_turns, lessons=ctx.lessons
            )
        if given is None:
            return {"status": "skipped"}
        composed = compose_summary(given, ctx.summariser)
        with Session(ctx.engine) as db, db.begin():
            if not write_summary(db, key, given, composed):
                return {"status": "skipped"}
        SUMMARIES.labels(composed.method).inc()
        write_summary_sync(ctx.redis, key, composed.text, given.upto)
        log.info(  # bench/cost_growth.py reads this line
            "session summary written up to turn %d (%s), %d turns read",
            given.upto,
            composed.method,
            len(given.turns),
        )
        return {
            "status": "summarised",
            "upto": given.upto,
            "method": composed.method,
            "read": len(given.turns),
        }
    finally:
        try:
            ctx.redis.delete(summary_lock(key))
        except RedisError:
            pass  # the lock expires on its own
