"""Registration, login, refresh-token rotation with reuse detection (RFC 9700 §4.14.2)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime, timedelta

from polish_tutor.auth.models import RefreshToken
from polish_tutor.auth.passwords import hash_password, password_problem, verify_password
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.auth.revocations import RevokedFamilies
from polish_tutor.auth.schemas import TokenPair, UserOut
from polish_tutor.auth.tokens import AccessTokens, hash_refresh_token, new_refresh_token
from polish_tutor.kit.db import call_after_commit
from polish_tutor.kit.errors import InvalidInput, TutorError

log = logging.getLogger(__name__)


class Unauthorized(TutorError):
    status_code = 401
    code = "unauthorized"

    def __init__(
        self, message: str, *, code: str = "unauthorized", keep_changes: bool = False
    ) -> None:
        super().__init__(
            message, code=code, headers={"WWW-Authenticate": "Bearer"}, keep_changes=keep_changes
        )


class AuthService:
    def __init__(
        self,
        repository: AuthRepository,
        tokens: AccessTokens,
        refresh_ttl: timedelta,
        *,
        revocations: RevokedFamilies,
        reader: AuthRepository | None = None,
    ) -> None:
        self.repository = repository
        # Look-ups before a password check go through a read-only session, so the slow
        # Argon2 work never runs inside the write transaction (a lock, on SQLite).
        self.reader = reader or repository
        self.tokens = tokens
        self.refresh_ttl = refresh_ttl
        self.revocations = revocations

    async def register(self, email: str, password: str) -> UserOut:
        """A new account. An e-mail that already has one gets the same answer (with an id
        that belongs to nobody) and changes nothing: registration does not tell who has an
        account here. Its owner signs in with their own password; nothing is sent."""
        # zxcvbn takes up to ~50 ms of CPU for a long password: off the event loop.
        problem = await asyncio.to_thread(password_problem, password, email)
        if problem is not None:
            raise InvalidInput(problem, code="weak_password")
        # Hashed whether or not the e-mail is taken, so both take the same time; before the
        # write transaction starts (a lock, on SQLite).
        password_hash = await hash_password(password)
        user_id = uuid.uuid4()
        if not await self.repository.add_user_if_new(user_id, email, password_hash):
            log.info("registration for an e-mail that has an account; answered as new")
        return UserOut(id=user_id, email=email)

    async def login(self, email: str, password: str) -> TokenPair:
        user = await self.reader.user_by_email(email)
        valid = await verify_password(password, user.password_hash if user else None)
        if user is None or not valid:
            # One answer for an unknown e-mail and a wrong password.
            raise Unauthorized("Wrong e-mail or password.", code="invalid_credentials")
        return self._issue(user.id, family_id=uuid.uuid4())

    async def refresh(self, refresh_token: str) -> TokenPair:
        now = datetime.now(UTC)
        token_hash = hash_refresh_token(refresh_token)
        claimed = await self.repository.claim(token_hash, now)
        if claimed is not None:
            return self._issue(claimed.user_id, family_id=claimed.family_id)
        known = await self.repository.token_by_hash(token_hash)
        reused = known is not None and known.used_at is not None and known.revoked_at is None
        if known is not None and reused:
            # A superseded token came back: it was stolen or replayed. End the whole login.
            log.warning("refresh token reuse detected; revoking its family")
            await self._revoke_family(known.family_id, now)
        raise Unauthorized(
            "The refresh token is invalid or expired; sign in again.",
            code="invalid_refresh_token",
            keep_changes=reused,
        )

    async def logout(self, refresh_token: str) -> None:
        known = await self.repository.token_by_hash(hash_refresh_token(refresh_token))
        if known is not None:
            await self._revoke_family(known.family_id, datetime.now(UTC))

    async def _revoke_family(self, family_id: uuid.UUID, now: datetime) -> None:
        """Every refresh token of the login, and (once that has committed) its access tokens
        in every API process."""
        await self.repository.revoke_family(family_id, now)
        revocations = self.revocations
        call_after_commit(self.repository.session, lambda: revocations.revoke(family_id))

    def _issue(self, user_id: uuid.UUID, *, family_id: uuid.UUID) -> TokenPair:
        now = datetime.now(UTC)
        refresh = new_refresh_token()
        self.repository.add(
            RefreshToken(
                id=uuid.uuid4(),
                user_id=user_id,
                family_id=family_id,
                token_hash=hash_refresh_token(refresh),
                expires_at=now + self.refresh_ttl,
            )
        )
        return TokenPair(
            access_token=self.tokens.issue(user_id, family_id=family_id, now=now),
            refresh_token=refresh,
            expires_in=int(self.tokens.ttl.total_seconds()),
        )
