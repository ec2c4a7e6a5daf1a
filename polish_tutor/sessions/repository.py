"""All SQL about sessions and their turns: async for the API (:class:`SessionRepository`),
synchronous for the worker's summary job (:class:`SummaryJobRepository`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, load_only, undefer

from polish_tutor.kit.batch import Binds, WriteBatch, WriteTemplate, insert_rows
from polish_tutor.kit.db import discard_after_commit, read_rows, utcnow
from polish_tutor.sessions.hot import HotSession, HotState
from polish_tutor.sessions.models import AgentSession, AgentTurn
from polish_tutor.turn_types import LessonState, RecentTurn

SESSIONS: Table = AgentSession.__table__  # type: ignore[assignment]
TURNS: Table = AgentTurn.__table__  # type: ignore[assignment]
_POSITION = ("step_index", "attempts", "completed", "turn_count", "updated_at")
_NEW_SESSION = ("id", "user_id", "lesson_id", "summary", "summary_upto", "created_at")
_TURN = tuple(column.name for column in TURNS.columns)


def _new_session(dialect: str, binds: Binds, rows: int) -> Any:
    return insert(SESSIONS).values(binds.row(SESSIONS, _NEW_SESSION + _POSITION))


def _moved_on(dialect: str, binds: Binds, rows: int) -> Any:
    """The session moves on from the turn count it was read at (else nothing changes)."""
    return (
        update(SESSIONS)
        .where(
            SESSIONS.c.id == binds(SESSIONS, "id"),
            SESSIONS.c.turn_count == bindparam(f"{binds.prefix}0_read_at", type_=Integer()),
        )
        .values(**binds.row(SESSIONS, _POSITION))
    )


def _turns(dialect: str, binds: Binds, rows: int) -> Any:
    return insert_rows(insert(TURNS), TURNS, _TURN, binds, rows)


# A cold turn's two reads (``SessionRepository.hot_state``), built once per process: Core rows
# through ``kit.db.read_rows`` (on aiosqlite one call to its thread each, with the read
# transaction's BEGIN for the first; the ORM's ``get`` and ``scalars`` made four or five each).
_HOT_COLUMNS = (
    "user_id",
    "lesson_id",
    "step_index",
    "attempts",
    "completed",
    "turn_count",
    "summary",
    "summary_upto",
)
_HOT_SESSION = select(*(SESSIONS.c[name] for name in _HOT_COLUMNS)).where(
    SESSIONS.c.id == bindparam("session_id", type_=SESSIONS.c.id.type)
)
_RECENT_TURNS = (
    select(TURNS.c.role, TURNS.c.text)
    .where(TURNS.c.session_id == bindparam("session_id", type_=TURNS.c.session_id.type))
    .order_by(TURNS.c.seq.desc())
    .limit(bindparam("limit", type_=Integer()))
)

NEW_SESSION = WriteTemplate("new session", _new_session)
SESSION_MOVED_ON = WriteTemplate("session moved on", _moved_on)
TURNS_ADDED = WriteTemplate("turns", _turns)


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, session_id: uuid.UUID) -> AgentSession | None:
        return await self.session.get(AgentSession, session_id)

    async def discard(self) -> None:
        """Roll back everything this request wrote, including what would run after commit."""
        await self.session.rollback()
        discard_after_commit(self.session)

    async def hot_state(self, session_id: uuid.UUID, context_turns: int) -> HotSession | None:
        """The session's hot state rebuilt from the database (a cold cache): two reads, rows
        (not ORM objects)."""
        found = await read_rows(self.session, _HOT_SESSION, {"session_id": session_id})
        if not found:
            return None
        row = dict(zip(_HOT_COLUMNS, found[0], strict=True))
        recent: list[RecentTurn] = []
        if context_turns > 0:
            turns = await read_rows(
                self.session, _RECENT_TURNS, {"session_id": session_id, "limit": context_turns}
            )
            recent = [RecentTurn(role=role, text=text) for role, text in reversed(turns)]
        return HotSession(
            id=session_id,
            state=HotState(
                user_id=row["user_id"],
                lesson_id=row["lesson_id"],
                step_index=row["step_index"],
                attempts=row["attempts"],
                completed=row["completed"],
                turn_count=row["turn_count"],
                recent=recent,
            ),
            summary=row["summary"],
            summary_upto=row["summary_upto"],
        )

    @staticmethod
    def write_turn(
        batch: WriteBatch,
        *,
        before: HotSession,
        is_new: bool,
        lesson: LessonState,
        turns: list[dict[str, Any]],
    ) -> None:
        """Add a turn's writes to ``batch``: the session row (new, or moved on from the turn
        count it was read at) and the learner's and tutor's turns in one multi-row insert.

        The turns' unique ``(session_id, seq)`` makes a turn built on stale state fail."""
        now = utcnow()
        values = {
            "id": before.id,
            "step_index": lesson.step_index,
            "attempts": lesson.attempts,
            "completed": lesson.completed,
            "turn_count": before.state.turn_count + len(turns),
            "updated_at": now,
        }
        if is_new:
            batch.add(
                NEW_SESSION,
                {
                    "user_id": before.state.user_id,
                    "lesson_id": before.state.lesson_id,
                    "summary": "",
                    "summary_upto": 0,
                    "created_at": now,
                    **values,
                },
            )
        else:
            batch.add(SESSION_MOVED_ON, {"read_at": before.state.turn_count, **values})
        batch.add(TURNS_ADDED, [{"created_at": now, **turn} for turn in turns])

    async def list_for_user(self, user_id: uuid.UUID, limit: int) -> Sequence[AgentSession]:
        query = (
            select(AgentSession)
            .where(AgentSession.user_id == user_id)
            .order_by(AgentSession.updated_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()

    async def transcript(
        self, session_id: uuid.UUID, *, before: int | None = None, limit: int | None = None
    ) -> Sequence[AgentTurn]:
        """The session's turns in order: all of them, or (``limit``) the last ``limit`` of
        those with ``seq < before``."""
        query = select(AgentTurn).where(AgentTurn.session_id == session_id)
        if before is not None:
            query = query.where(AgentTurn.seq < before)
        if limit is None:
            return (await self.session.scalars(query.order_by(AgentTurn.seq))).all()
        newest = (
            await self.session.scalars(query.order_by(AgentTurn.seq.desc()).limit(limit))
        ).all()
        return newest[::-1]

    async def turn_by_idempotency_key(self, key: str) -> AgentTurn | None:
        query = select(AgentTurn).where(AgentTurn.idempotency_key == key)
        return (await self.session.scalars(query)).first()

    async def turn_at(self, session_id: uuid.UUID, seq: int) -> AgentTurn | None:
        query = select(AgentTurn).where(AgentTurn.session_id == session_id, AgentTurn.seq == seq)
        return (await self.session.scalars(query)).first()


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
