"""A revoked login's access tokens stop working in every API process (auth/revocations.py):
reuse of a refresh token, then the same process, a second app instance sharing Redis, one
started later, and one whose subscription dropped while the news went by. Its event streams
opened before the revocation end, in every process."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx
import jwt
import pytest
from redis.asyncio import Redis as AsyncRedis

from polish_tutor.auth.revocations import REVOKED_CHANNEL, REVOKED_KEY, SUBSCRIBER_NAME
from polish_tutor.auth.tokens import ALGORITHM
from polish_tutor.tts.events import user_channel
from tests.auth.test_tokens import claims, server_key
from tests.support.auth import PASSWORD, sign_up
from tests.support.tcp_proxy import cuttable_proxy
from tests.support.waiting import eventually

STREAM_ENDS_WITHIN = 20  # seconds: a bound for a loaded machine, not a timing assertion


@asynccontextmanager
async def api_process(settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """One more instance of the application (its own state, subscriber and set of revoked
    logins), on the same database and Redis: what a second API process is."""
    from polish_tutor.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            yield client


async def me(client: httpx.AsyncClient, access_token: str) -> httpx.Response:
    return await client.get("/auth/me", headers={"Authorization": f"Bearer {access_token}"})


async def refused_soon(
    client: httpx.AsyncClient, access_token: str, seconds: float = 10
) -> httpx.Response:
    """The answer once the token is refused (pub/sub reaches another process in a moment)."""
    deadline = time.monotonic() + seconds
    while True:
        response = await me(client, access_token)
        if response.status_code != 200 or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.05)


async def test_reuse_revokes_the_login_s_access_tokens_in_every_process(settings: Any) -> None:
    async with api_process(settings) as first, api_process(settings) as second:
        victim = await sign_up(first)
        other_login = (
            await first.post("/auth/login", json={"email": victim["email"], "password": PASSWORD})
        ).json()
        someone_else = await sign_up(first)
        legacy = jwt.encode(claims(victim["id"]), server_key(settings), ALGORITHM)  # no "sid"
        for client in (first, second):  # each process has checked (and remembers) the tokens
            for token in (victim["access_token"], other_login["access_token"], legacy):
                assert (await me(client, token)).status_code == 200

        rotated = await first.post("/auth/refresh", json={"refresh_token": victim["refresh_token"]})
        assert rotated.status_code == 200
        replay = await first.post("/auth/refresh", json={"refresh_token": victim["refresh_token"]})
        assert replay.status_code == 401

        invalid = (await me(first, "not.a.token")).json()
        for token in (victim["access_token"], rotated.json()["access_token"]):
            refused = await me(first, token)  # this process: at once
            assert refused.status_code == 401 and refused.json() == invalid
            assert refused.headers["www-authenticate"] == "Bearer"
            elsewhere = await refused_soon(second, token)
            assert elsewhere.status_code == 401 and elsewhere.json() == invalid
        # The learner's other login, another learner, and a token from before logins were
        # named in tokens all go on working, in both processes.
        for client in (first, second):
            for token in (other_login["access_token"], someone_else["access_token"], legacy):
                assert (await me(client, token)).status_code == 200

        # A process started afterwards knows the revoked login from Redis.
        async with api_process(settings) as third:
            assert (await me(third, victim["access_token"])).status_code == 401
            assert (await me(third, other_login["access_token"])).status_code == 200


async def test_logout_ends_the_login_s_access_tokens_everywhere(settings: Any) -> None:
    async with api_process(settings) as first, api_process(settings) as second:
        account = await sign_up(first)
        assert (await me(second, account["access_token"])).status_code == 200
        out = await first.post("/auth/logout", json={"refresh_token": account["refresh_token"]})
        assert out.status_code == 204
        assert (await me(first, account["access_token"])).status_code == 401
        assert (await refused_soon(second, account["access_token"])).status_code == 401


async def listeners(redis: AsyncRedis, user_id: str) -> int:
    counts = await redis.pubsub_numsub(user_channel(user_id))
    return int(counts[0][1]) if counts else 0


async def test_a_revoked_login_s_open_event_streams_end_in_every_process(settings: Any) -> None:
    """Streams opened before a logout end with a ``session_ended`` event, on the process that
    revoked the login and on another one (an in-process client returns a streamed response
    once it has ended, so each request here returns only when its stream ends)."""
    redis = AsyncRedis.from_url(settings.redis_url)
    try:
        async with api_process(settings) as first, api_process(settings) as second:
            account = await sign_up(first)
            headers = {"Authorization": f"Bearer {account['access_token']}"}
            streams = [
                asyncio.create_task(client.get("/events", headers=headers))
                for client in (first, second)
            ]

            async def both_listening() -> bool:
                return await listeners(redis, account["id"]) >= 2

            await eventually(both_listening, STREAM_ENDS_WITHIN, "both streams to subscribe")
            assert not any(stream.done() for stream in streams)
            out = await first.post("/auth/logout", json={"refresh_token": account["refresh_token"]})
            assert out.status_code == 204
            async with asyncio.timeout(STREAM_ENDS_WITHIN):
                ended = await asyncio.gather(*streams)
            for response in ended:
                assert response.status_code == 200
                assert "event: session_ended" in response.text, response.text
                assert '"code": "session_ended"' in response.text

            async def nobody_listening() -> bool:
                return await listeners(redis, account["id"]) == 0

            await eventually(nobody_listening, STREAM_ENDS_WITHIN, "the streams to unsubscribe")
            # A stream asked for with the revoked token is refused outright.
            assert (await second.get("/events", headers=headers)).status_code == 401
    finally:
        await redis.aclose()


async def test_a_subscriber_that_reconnects_reads_what_it_missed(settings: Any) -> None:
    """A login revoked while a process's subscription was down (here: written to Redis with
    no message) is refused once the subscription is back."""
    async with api_process(settings) as client:
        account = await sign_up(client)
        assert (await me(client, account["access_token"])).status_code == 200
        family = jwt.decode(account["access_token"], options={"verify_signature": False})["sid"]
        redis = AsyncRedis.from_url(settings.redis_url)
        try:
            await redis.zadd(REVOKED_KEY, {family: time.time() + 600})
            assert (await me(client, account["access_token"])).status_code == 200  # no news
            db = redis.connection_pool.connection_kwargs.get("db", 0)
            ours = [
                c
                for c in await redis.client_list()
                if c.get("name") == SUBSCRIBER_NAME and int(c["db"]) == db
            ]
            assert ours, "the subscriber has a connection of its own"
            for connection in ours:  # only this run's subscriber, not other runs' on the server
                await redis.client_kill_filter(_id=connection["id"])
            assert (await refused_soon(client, account["access_token"])).status_code == 401
        finally:
            await redis.aclose()
        assert uuid.UUID(family)


async def test_readyz_tells_while_the_subscriber_is_cut_off_and_it_catches_up_after(
    settings: Any,
) -> None:
    """A real outage (the process reaches Redis through a proxy the test cuts): ``/readyz``
    says revocations are not arriving; a login revoked meanwhile (written and published by
    another process, which this one cannot hear) is refused once Redis is back."""
    await revoked_during_an_outage(settings, hang=False)


async def test_a_subscription_that_goes_silent_is_renewed(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redis gone without a word (the proxy hangs: connections open, nothing carried): the
    subscriber's PING gets no answer, so it renews the subscription (``/readyz`` says so
    meanwhile) and reads what it missed once Redis answers again."""
    from polish_tutor.auth import revocations

    monkeypatch.setattr(revocations, "PING_EVERY", 0.2)
    monkeypatch.setattr(revocations, "SILENT_AFTER", 1.0)
    await revoked_during_an_outage(settings, hang=True)


async def revoked_during_an_outage(settings: Any, *, hang: bool) -> None:
    """An API process reaching Redis through a proxy that is cut (or ``hang``s), a login
    revoked by another process meanwhile, then Redis back."""
    direct = urlsplit(settings.redis_url)
    redis = AsyncRedis.from_url(settings.redis_url)
    try:
        with cuttable_proxy((direct.hostname or "127.0.0.1", direct.port or 6379)) as proxy:
            settings.redis_url = direct._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
            async with api_process(settings) as client:

                async def revoked_logins() -> str:
                    return str((await client.get("/readyz")).json()["checks"]["revoked_logins"])

                assert await revoked_logins() == "ok"
                account = await sign_up(client)
                assert (await me(client, account["access_token"])).status_code == 200
                token = jwt.decode(account["access_token"], options={"verify_signature": False})

                proxy.hang() if hang else proxy.cut()

                async def cut_off() -> bool:
                    return (await revoked_logins()).startswith("reconnecting")

                await eventually(cut_off, 60, "/readyz to say the subscriber is cut off")
                ready = (await client.get("/readyz")).json()
                assert ready["status"] == "degraded", ready
                # Another process revokes the login: Redis has it, this process hears nothing.
                await redis.zadd(REVOKED_KEY, {token["sid"]: time.time() + 600})
                await redis.publish(REVOKED_CHANNEL, token["sid"])  # (channels span databases)
                assert (await me(client, account["access_token"])).status_code == 200

                # The subscriber retries every 5 s at most, then reads the set.
                proxy.resume() if hang else proxy.restore()
                refused = await refused_soon(client, account["access_token"], seconds=30)
                assert refused.status_code == 401

                async def back() -> bool:
                    return await revoked_logins() == "ok"

                await eventually(back, 30, "/readyz to say the subscriber is back")
    finally:
        await redis.aclose()


async def test_a_revocation_is_kept_while_its_tokens_live_and_then_forgotten(
    redis_url: str,
) -> None:
    from datetime import timedelta

    from polish_tutor.auth import revocations
    from polish_tutor.auth.revocations import RevokedFamilies

    redis = AsyncRedis.from_url(redis_url)
    try:
        revoked = RevokedFamilies(redis, redis, timedelta(minutes=15))
        family = uuid.uuid4()
        await revoked.revoke(family)
        until = revoked.ids[str(family)]
        assert until >= time.time() + 15 * 60 + revocations.MARGIN - 5
        assert await redis.zscore(REVOKED_KEY, str(family)) == until
        assert 0 < await redis.ttl(REVOKED_KEY) <= 15 * 60 + revocations.MARGIN + 1
        # Once every access token of the family has expired, it is forgotten.
        revoked._prune(until + 1)
        assert str(family) not in revoked.ids
        another = RevokedFamilies(redis, redis, timedelta(minutes=15))
        await another._load()
        assert str(family) in another.ids  # still within its time, read from Redis
    finally:
        await redis.aclose()


async def test_a_revocation_while_redis_is_down_holds_in_this_process() -> None:
    from datetime import timedelta

    from polish_tutor.auth.revocations import RevokedFamilies
    from tests.conftest import free_port

    dead = AsyncRedis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5)
    try:
        revoked = RevokedFamilies(dead, dead, timedelta(minutes=15))
        family = uuid.uuid4()
        await revoked.revoke(family)  # logged, not raised: the database revoked the login
        assert str(family) in revoked.ids
    finally:
        await dead.aclose()
