"""The writes of one unit of work, sent to the database together.

A chat turn writes several tables (the session, its two turns, the speech outbox, progress
counters, review cards). Repositories add their statements to a :class:`WriteBatch` instead of
executing them; the orchestrator executes the batch once. On PostgreSQL the statements become
data-modifying CTEs of a single statement: one round trip, atomic on its own, with every
constraint checked (a unique violation anywhere fails the whole statement). SQLite has no
data-modifying CTEs, so there the statements run one after another inside the transaction;
SQLite is in-process, so each is a call into the driver's thread, not a network round trip.
"""

from __future__ import annotations

from sqlalchemy import Delete, Insert, Update, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

WriteStatement = Insert | Update | Delete


class WriteBatch:
    def __init__(self) -> None:
        self.statements: list[WriteStatement] = []

    def add(self, statement: WriteStatement) -> None:
        self.statements.append(statement)

    def extend(self, other: WriteBatch) -> None:
        self.statements.extend(other.statements)
        other.statements = []

    def __len__(self) -> int:
        return len(self.statements)

    async def execute(self, session: AsyncSession) -> None:
        """Run every statement in ``session``'s transaction; the caller commits."""
        statements, self.statements = self.statements, []
        if not statements:
            return
        if len(statements) > 1 and session.get_bind().dialect.name == "postgresql":
            ctes = [statement.cte(f"w{index}") for index, statement in enumerate(statements)]
            await session.execute(select(literal(1)).add_cte(*ctes))
            return
        for statement in statements:
            await session.execute(statement)
