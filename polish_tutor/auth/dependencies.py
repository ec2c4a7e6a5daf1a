from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from polish_tutor.auth.repository import AuthRepository
from polish_tutor.auth.revocations import RevokedFamilies
from polish_tutor.auth.service import AuthService, Unauthorized
from polish_tutor.auth.tokens import AccessTokens, InvalidToken
from polish_tutor.dependencies import DbSession, ReadSession, SettingsDep
from polish_tutor.kit.lifespan import part_of, provided

Tokens = Annotated[AccessTokens, Depends(provided("access_tokens", AccessTokens))]
Revocations = Annotated[RevokedFamilies, Depends(provided("revoked_families", RevokedFamilies))]
_bearer = HTTPBearer(auto_error=False, description="an access token from POST /auth/login")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, from a verified access token (no database read)."""

    user_id: uuid.UUID
    family_id: str | None = None  # the login (``auth.tokens.FAMILY_CLAIM``), if the token names it


async def get_current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, from the access token. The verifier is read from the app's state here, not
    as a dependency of its own: every authenticated request pays for each one it resolves.
    A token of a revoked login is refused as any invalid token is (no round trip: the
    verifier looks in the process's set of revoked logins, ``auth/revocations.py``)."""
    tokens = part_of(request, "access_tokens", AccessTokens)
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized(
            "Sign in first: send Authorization: Bearer <access token>.", code="not_authenticated"
        )
    try:
        claims = tokens.verify(credentials.credentials)
    except InvalidToken as exc:
        if exc.reason == "expired":
            raise Unauthorized(
                "The access token has expired; refresh it.", code="token_expired"
            ) from exc
        raise Unauthorized("The access token is not valid.", code="invalid_token") from exc
    return Principal(user_id=claims.user_id, family_id=claims.family_id)


CurrentUser = Annotated[Principal, Depends(get_current_user)]


async def get_auth_service(
    session: DbSession,
    reader: ReadSession,
    tokens: Tokens,
    revocations: Revocations,
    settings: SettingsDep,
) -> AuthService:
    return AuthService(
        AuthRepository(session),
        tokens,
        settings.refresh_token_ttl,
        revocations=revocations,
        reader=AuthRepository(reader),
    )


Auth = Annotated[AuthService, Depends(get_auth_service)]
