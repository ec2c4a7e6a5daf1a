"""All SQL about users and refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.auth.models import RefreshToken
from polish_tutor.kit.db import utcnow
from polish_tutor.kit.upsert import dialect_insert
from polish_tutor.users.models import User


class AuthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_by_email(self, email: str) -> User | None:
        return (await self.session.scalars(select(User).where(User.email == email))).first()

    async def set_gender(self, user_id: uuid.UUID, gender: str | None) -> bool:
        """Store the learner's gender; False when there is no such account."""
        result = await self.session.execute(
            update(User).where(User.id == user_id).values(gender=gender)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def gender_of(self, user_id: uuid.UUID) -> str | None:
        return await self.session.scalar(select(User.gender).where(User.id == user_id))

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def add_user_if_new(self, user_id: uuid.UUID, email: str, password_hash: str) -> bool:
        """Insert the account unless the e-mail has one: one statement, so two registrations
        racing for an address never fail. True if this one was inserted."""
        dialect = self.session.get_bind().dialect.name
        inserted = await self.session.execute(
            dialect_insert(dialect, User)
            .values(id=user_id, email=email, password_hash=password_hash, created_at=utcnow())
            .on_conflict_do_nothing(index_elements=[User.email])
            .returning(User.id)
        )
        return inserted.first() is not None

    def add(self, row: User | RefreshToken) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()

    async def token_by_hash(self, token_hash: str) -> RefreshToken | None:
        query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        return (await self.session.scalars(query)).first()

    async def claim(self, token_hash: str, now: datetime) -> RefreshToken | None:
        """Mark a live token used, atomically: of two racing refreshes only one gets it back."""
        result = await self.session.execute(
            update(RefreshToken)
            .where(
                RefreshToken.token_hash == token_hash,
                RefreshToken.used_at.is_(None),
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > now,
            )
            .values(used_at=now)
            .returning(RefreshToken.id, RefreshToken.user_id, RefreshToken.family_id)
        )
        row = result.first()
        if row is None:
            return None
        return RefreshToken(id=row.id, user_id=row.user_id, family_id=row.family_id)

    async def revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
