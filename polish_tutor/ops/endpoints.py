from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from polish_tutor.dependencies import AppState

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(state: AppState) -> JSONResponse:
    """The database and Redis are reachable (503 with ``Retry-After`` if not)."""
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(3):
            async with state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    try:
        async with asyncio.timeout(3):
            await state.redis.ping()
        checks["redis"] = "ok"
    except Exception as exc:
        checks["redis"] = f"unreachable: {type(exc).__name__}"
    ready = all(value == "ok" for value in checks.values())
    if ready:
        return JSONResponse({"status": "ready", "checks": checks})
    body = {
        "error": {"code": "not_ready", "message": "A dependency is unreachable."},
        "checks": checks,
    }
    return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
