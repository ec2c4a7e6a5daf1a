from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from polish_tutor.auth.dependencies import Revocations
from polish_tutor.dependencies import AsyncRedis, ReadSessions, SettingsDep
from polish_tutor.kit.db import utcnow
from polish_tutor.kit.lifespan import provided
from polish_tutor.kit.metrics import (
    CONTENT_TYPE_LATEST,
    PipelineSnapshot,
    SnapshotCollector,
    render,
)
from polish_tutor.settings import Settings
from polish_tutor.tts.queue import running_workers
from polish_tutor.tts.repository import SpeechRepository

log = logging.getLogger(__name__)

router = APIRouter(tags=["operations"])

Engine = Annotated[AsyncEngine, Depends(provided("engine", AsyncEngine))]


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(
    engine: Engine, redis: AsyncRedis, settings: SettingsDep, revocations: Revocations
) -> JSONResponse:
    """Ready when the database answers (503 with ``Retry-After`` if not).

    Redis down does not take the process out of rotation, since every process shares that Redis
    and turns still work without it: hot session state is then read from the database
    (slower), speech requests wait in the outbox and rate limits are not enforced. No speech
    worker running does not either (turns work; speech waits in the queue), nor a subscription
    to revoked logins that is down (``auth/revocations.py``: it reads what it missed once
    back). The body says so (``"status": "degraded"``)."""
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(3):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure as unreachable
        checks["database"] = f"unreachable: {type(exc).__name__}"
    try:
        async with asyncio.timeout(3):
            await redis.ping()
        checks["redis"] = "ok"
        checks["hot_state"] = "redis"
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure as unreachable
        checks["redis"] = f"unreachable: {type(exc).__name__}"
        checks["hot_state"] = (
            "database: Redis is unreachable, so turns read session state from the database "
            "(slower) and speech requests wait in the outbox"
        )
    checks["speech_workers"] = await _speech_workers(redis, settings)
    checks["revoked_logins"] = revocations.health
    if checks["database"] != "ok":
        body = {
            "error": {"code": "not_ready", "message": "The database is unreachable."},
            "checks": checks,
        }
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    healthy = (
        checks["redis"] == "ok"
        and checks["speech_workers"].startswith("ok")
        and checks["revoked_logins"] == "ok"
    )
    status = "ready" if healthy else "degraded"
    return JSONResponse({"status": status, "checks": checks})


async def _speech_workers(redis: Redis, settings: Settings) -> str:
    """How many speech workers run (registered in Redis, heartbeat alive)."""
    try:
        async with asyncio.timeout(3):
            workers = await running_workers(redis, settings.tts_queue)
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure as unknown
        return f"unknown: {type(exc).__name__}"
    if not workers:
        return "none: speech requests wait in the queue until a worker runs"
    return f"ok: {workers}"


async def pipeline_snapshot(
    redis: Redis, settings: Settings, reads: async_sessionmaker[AsyncSession]
) -> PipelineSnapshot:
    """Queue depth, registered workers and the outbox backlog, read at scrape time."""
    queue_depth = workers = None
    try:
        async with asyncio.timeout(2):
            queue_depth = int(await redis.llen(f"rq:queue:{settings.tts_queue}"))
            queue_depth += int(await redis.llen(f"rq:queue:{settings.tts_ahead_queue}"))
            workers = int(await redis.scard(f"rq:workers:{settings.tts_queue}"))
    except Exception as exc:  # noqa: BLE001 - a scrape never fails: the gauges go missing
        log.debug("speech queue not read for metrics: %s", type(exc).__name__)
    rows: dict[str, int] = {}
    oldest_age = None
    try:
        async with asyncio.timeout(2), reads() as session:
            rows, oldest = await SpeechRepository(session).backlog()
        if oldest is not None:
            oldest_age = max(0.0, (utcnow() - oldest).total_seconds())
    except Exception as exc:  # noqa: BLE001 - a scrape never fails: the gauges go missing
        log.debug("speech outbox not read for metrics: %s", type(exc).__name__)
    return PipelineSnapshot(queue_depth, workers, rows, oldest_age)


@router.get("/metrics", include_in_schema=False)
async def metrics(redis: AsyncRedis, settings: SettingsDep, reads: ReadSessions) -> Response:
    """Prometheus metrics (no auth; expose it only to the monitoring network)."""
    snapshot = await pipeline_snapshot(redis, settings, reads)
    body = await asyncio.to_thread(render, [SnapshotCollector(snapshot)])
    return Response(body, media_type=CONTENT_TYPE_LATEST)
