"""Accounts and tokens: register, login, refresh (rotating), logout, me."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from redis.exceptions import RedisError

from polish_tutor.auth.dependencies import Auth, CurrentUser
from polish_tutor.auth.gender_cache import remember_gender
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.auth.schemas import Credentials, RefreshIn, TokenPair, UserOut, UserPatch
from polish_tutor.auth.service import Unauthorized
from polish_tutor.dependencies import AsyncRedis, DbSession, Limiter, SettingsDep
from polish_tutor.kit.db import call_after_commit
from polish_tutor.kit.openapi import errors

log = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/register", status_code=201, response_model=UserOut, responses=errors(429))
async def register(
    body: Credentials, request: Request, auth: Auth, limiter: Limiter, limits: SettingsDep
) -> UserOut:
    """Create an account (README "Accounts and security": the password policy).

    An e-mail that already has an account gets the same 201 and nothing changes, so this
    does not tell who has an account; its owner signs in with their own password."""
    await limiter.hit(
        "register:ip", _client_ip(request), limit=limits.register_per_ip, window=limits.rate_window
    )
    return await auth.register(body.email, body.password)


@router.post("/login", response_model=TokenPair, responses=errors(401, 429))
async def login(
    body: Credentials, request: Request, auth: Auth, limiter: Limiter, limits: SettingsDep
) -> TokenPair:
    """Exchange e-mail and password for an access token and a refresh token.

    Wrong passwords are counted per account and address, and (more loosely) per account:
    past either limit the login answers 429 until the window ends, so guessing is slow, and
    someone else's wrong guesses do not lock a learner out of their own account."""
    address = _client_ip(request)
    await limiter.hit("login:ip", address, limit=limits.login_per_ip, window=limits.rate_window)
    pair = limiter.limit(
        "login:account_address",
        f"{body.email}\n{address}",
        limit=limits.login_failures_per_address,
        window=limits.login_failure_window,
    )
    account = limiter.limit(
        "login:account",
        body.email,
        limit=limits.login_failures_per_account,
        window=limits.login_failure_window,
    )
    await limiter.refuse_if_failing([pair, account])
    try:
        tokens = await auth.login(body.email, body.password)
    except Unauthorized:
        await limiter.failed([pair, account])
        raise
    await limiter.forget(pair)
    return tokens


@router.post("/refresh", response_model=TokenPair, responses=errors(401))
async def refresh(body: RefreshIn, auth: Auth) -> TokenPair:
    """A new token pair; the refresh token sent is dead from now on (reuse revokes the login)."""
    return await auth.refresh(body.refresh_token)


@router.post("/logout", status_code=204)
async def logout(body: RefreshIn, auth: Auth) -> Response:
    """End this login: every refresh token of its family is revoked."""
    await auth.logout(body.refresh_token)
    return Response(status_code=204)


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser, db: DbSession) -> UserOut:
    """The signed-in account."""
    account = await AuthRepository(db).user(user.user_id)
    if account is None:
        raise Unauthorized("This account no longer exists.", code="invalid_token")
    return UserOut.model_validate(account)


@router.patch("/me", response_model=UserOut, responses=errors(401))
async def update_me(
    body: UserPatch, user: CurrentUser, db: DbSession, redis: AsyncRedis
) -> UserOut:
    """Change the account's settings: the learner's gender (feminine, masculine or null).

    Feedback and model answers follow it from the next turn on; with null, either form of
    what the learner says of themselves (*byłem*, *byłam*) is accepted."""
    accounts = AuthRepository(db)
    if not await accounts.set_gender(user.user_id, body.gender):
        raise Unauthorized("This account no longer exists.", code="invalid_token")
    account = await accounts.user(user.user_id)
    gender = body.gender

    async def cache() -> None:
        try:
            await remember_gender(redis, user.user_id, gender)
        except RedisError as exc:  # the next turn reads it from the database and caches it
            log.warning("learner gender not cached: %s", type(exc).__name__)

    call_after_commit(db, cache)
    return UserOut.model_validate(account)
