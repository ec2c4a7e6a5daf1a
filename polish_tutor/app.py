"""The FastAPI application: routers, error handlers, and the lifespan that owns the State."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from polish_tutor import __version__
from polish_tutor.auth.endpoints import router as auth_router
from polish_tutor.chat.dependencies import ChatServices
from polish_tutor.chat.endpoints import NEGOTIATED
from polish_tutor.chat.endpoints import router as chat_router
from polish_tutor.drills.endpoints import router as drills_router
from polish_tutor.kit.errors import install_error_handlers
from polish_tutor.kit.json_body import refuse_repeated_keys
from polish_tutor.kit.middleware import HttpEdge
from polish_tutor.kit.openapi import install_openapi
from polish_tutor.kit.query import refuse_unknown_query
from polish_tutor.kit.sentry import init_sentry
from polish_tutor.language_api.endpoints import router as language_router
from polish_tutor.lessons.endpoints import router as lessons_router
from polish_tutor.ops.endpoints import router as ops_router
from polish_tutor.placement.endpoints import router as placement_router
from polish_tutor.progress.endpoints import router as progress_router
from polish_tutor.review.endpoints import router as review_router
from polish_tutor.sessions.endpoints import router as sessions_router
from polish_tutor.settings import Settings
from polish_tutor.state import build_state, install, step_speech
from polish_tutor.stt.endpoints import router as stt_router
from polish_tutor.translation.endpoints import router as translation_router
from polish_tutor.tts.endpoints import router as tts_router
from polish_tutor.web.endpoints import install_web


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    init_sentry(settings, component="api")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with build_state(settings) as state:
            install(app, state)
            # Built once here, not per request: the chat layer never imports the state.
            app.state.chat_services = ChatServices(
                driver=state.driver,
                reads=state.read_sessionmaker,
                hot=state.hot,
                speech=state.speech,
                lessons=state.lessons,
                language=state.language,
                settings=state.settings,
                summaries=state.summaries,
                presynthesis=state.presynthesis,
                limiter=state.limiter,
                recognitions=state.recognitions,
                step_speech=step_speech(state),
            )
            try:
                yield
            finally:  # streamed turns end before the state closes what they use
                await app.state.chat_services.aclose()

    app = FastAPI(
        title="Patient Polish Tutor",
        version=__version__,
        lifespan=lifespan,
        # /docs is web/endpoints.py's: Swagger UI served from here, not from a CDN the CSP
        # blocks; ReDoc would need one too.
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(refuse_unknown_query), Depends(refuse_repeated_keys)],
        # No OpenTelemetry here (metrics are Prometheus', kit/metrics.py): FastAPI's own spans,
        # metrics and logs off, so a request does not look up the three global providers to
        # find them unconfigured (~8 µs a request).
        telemetry={"tracing": False, "metrics": False, "logs": False},
        description="A Polish tutor that never rushes you. Errors: "
        '`{"error": {"code", "message"}}`.',
    )
    install_error_handlers(app)
    install_openapi(app, without_backends=frozenset({"/healthz"}))
    for router in (
        auth_router,
        chat_router,
        sessions_router,
        progress_router,
        review_router,
        drills_router,
        lessons_router,
        translation_router,
        placement_router,
        language_router,
        tts_router,
        stt_router,
        ops_router,
    ):
        app.include_router(router)
    install_web(app)  # GET / and /static: the learner's page (no token needed to load it)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        )
    # Recordings are larger than any JSON body: their own cap (plus the multipart framing).
    uploads = {"/speech": settings.stt_max_bytes + 64 * 1024}
    # Outermost: every log line of a request has its id; a 413 is counted and has its headers.
    app.add_middleware(
        HttpEdge,
        max_bytes=settings.max_body_bytes,
        per_path=uploads,
        vary=NEGOTIATED,
        hsts=settings.env == "production",
    )
    return app
