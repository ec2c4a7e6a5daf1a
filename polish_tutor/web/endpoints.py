"""``GET /`` (the learner's page), ``/static/...`` (its modules, styles and icon), and
``/docs`` (Swagger UI for the API, from local files).

Plain files, no build step: ``static/index.html`` loads ``static/app.js`` as an ES module.
Nothing here needs a token; the page signs in through ``/auth`` like any other client.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.staticfiles import PathLike
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
DOCS_DIR = Path(__file__).resolve().parent / "docs"

router = APIRouter(include_in_schema=False)


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    """The single page; revalidated on every load so a new version is picked up at once."""
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/docs", include_in_schema=False)
async def api_docs() -> FileResponse:
    """Swagger UI for ``/openapi.json``, its files served from here (the app's CSP holds)."""
    return FileResponse(DOCS_DIR / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/docs/init.js", include_in_schema=False)
async def api_docs_script() -> FileResponse:
    return FileResponse(DOCS_DIR / "init.js", media_type="text/javascript")


def swagger_ui_dir() -> Path:
    """Swagger UI's built files, as the ``fastapi-offline`` package ships them."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


class _RevalidatedStatic(StaticFiles):
    """Static files the browser revalidates (ETag) instead of caching a stale module."""

    def file_response(
        self,
        full_path: PathLike,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "no-cache"
        return response


def install_web(app: FastAPI) -> None:
    """Serve the page at ``/`` and its files at ``/static``, and the API docs at ``/docs``."""
    app.include_router(router)
    app.mount("/static", _RevalidatedStatic(directory=STATIC_DIR), name="static")
    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_dir()), name="docs-assets")
