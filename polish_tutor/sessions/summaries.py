"""Transcript summarisation in the background: the API schedules, an RQ worker summarises.

After a turn commits, ``SummaryScheduler`` checks the session's hot state: once more than
``summary_after`` turns lie between the summary and the last ``context_turns`` turns, it queues
``summarise_session`` (at most one per session at a time, through a Redis lock, which the
turn's write-through takes in its own round trip; if Redis is down, the next turn past the
threshold tries again).

The job is a fold, its cost set by the turns it adds, not by the session's length: it reads the
session row, with the running summary of turns ``[0, summary_upto)`` and the extractive
statistics of those turns (``summary_facts``, see :mod:`polish_tutor.ai_agent.summariser`),
then only the turns ``[summary_upto, upto)`` that left the window since. It folds them into the
statistics, and into the summary with the model when one is configured (else, or when the
model fails, the summary is the statistics rendered), and writes summary, ``summary_upto`` and
statistics together with a compare-and-set on ``summary_upto`` (a slower duplicate changes
nothing), then updates the hot state. A session summarised before the statistics were kept
has them folded from its first turn once. What the job needs besides (the lesson catalogue,
the summariser and its prompts, ``openai``) the worker process builds once
(:class:`SessionSummaries`, bound in :mod:`polish_tutor.sessions.jobs` by
:mod:`polish_tutor.worker`). Old turns stay in the database: only the prompt is compressed.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy import Engine
from sqlalchemy.orm import Session

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
from polish_tutor.sessions.models import AgentTurn
from polish_tutor.sessions.repository import SummaryJobRepository

log = logging.getLogger(__name__)

JOB_FUNCTION = "polish_tutor.sessions.jobs.summarise_session"
LOCK_TTL = 300  # seconds: a job that died frees its session after this
JOB_TIMEOUT = 120


def summary_lock(session_id: uuid.UUID | str) -> str:
    return f"tutor:summarising:{session_id}"


class SummaryScheduler:
    def __init__(
        self,
        queue: Callable[[], Queue],
        *,
        context_turns: int,
        summary_after: int,
    ) -> None:
        self._queue = queue
        self.context_turns = context_turns
        self.summary_after = summary_after

    def due(self, hot: HotSession) -> bool:
        outside = hot.state.turn_count - self.context_turns - hot.summary_upto
        return outside > self.summary_after

    def lock_if_due(self, hot: HotSession) -> str | None:
        """The session's summary lock when a summary is due: a turn's write-through takes it
        in its own round trip (``HotSessionStore.write_turn``), then calls :meth:`enqueue`."""
        return summary_lock(hot.id) if self.due(hot) else None

    async def enqueue(self, hot: HotSession) -> bool:
        """Queue the session's summary job; the caller holds its lock."""
        try:
            await asyncio.to_thread(
                self._queue().enqueue,
                JOB_FUNCTION,
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


@dataclass
class SessionSummaries:
    """What a summary job needs, built once per worker process (:mod:`polish_tutor.worker`):
    the database, Redis, the lesson catalogue and the summariser with its prompts."""

    engine: Engine
    redis: Redis
    lessons: LessonCatalog
    summariser: LLMSummariser | None  # None: extractive summaries (the local driver)
    context_turns: int

    def summarise(self, session_id: str) -> dict[str, Any]:
        """Fold the turns that left the window into the session's summary (see the module)."""
        key = uuid.UUID(session_id)
        try:
            # Read, think, then write: no transaction (no SQLite lock) is held while a model
            # runs.
            reads = self.engine.execution_options(**{READ_ONLY: True})
            with Session(reads, expire_on_commit=False) as db, db.begin():
                given = load_summary_input(
                    db, key, context_turns=self.context_turns, lessons=self.lessons
                )
            if given is None:
                return {"status": "skipped"}
            composed = compose_summary(given, self.summariser)
            with Session(self.engine) as db, db.begin():
                if not write_summary(db, key, given, composed):
                    return {"status": "skipped"}
            SUMMARIES.labels(composed.method).inc()
            write_summary_sync(self.redis, key, composed.text, given.upto)
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
                self.redis.delete(summary_lock(key))
            except RedisError:
                pass  # the lock expires on its own

    def prewarm(self) -> None:
        """The summariser's prompts and client, before the first job."""
        if self.summariser is not None:
            self.summariser.prewarm()

    def close(self) -> None:
        if self.summariser is not None:
            self.summariser.close()
