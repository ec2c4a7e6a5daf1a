"""One error type that carries its HTTP status, and the handlers that render every error as
``{"error": {"code", "message"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    StatementError,
)
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class TutorError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        keep_changes: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        # The request's transaction is committed before this error is answered (e.g. the
        # revocation of a refresh-token family whose stolen token was just presented).
        self.keep_changes = keep_changes
        if status_code is not None:
            self.status_code = status_code
        if code is not None:
            self.code = code
        self.headers = headers


class NotFound(TutorError):
    status_code = 404
    code = "not_found"


class Conflict(TutorError):
    status_code = 409
    code = "conflict"


class Forbidden(TutorError):
    status_code = 403
    code = "forbidden"


class InvalidInput(TutorError):
    status_code = 422
    code = "invalid_input"


class ServiceUnavailable(TutorError):
    status_code = 503
    code = "service_unavailable"

    def __init__(self, message: str, *, retry_after: int = 5, code: str | None = None) -> None:
        super().__init__(message, code=code, headers={"Retry-After": str(retry_after)})


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "invalid_input",
    429: "too_many_requests",
    503: "service_unavailable",
}


def _describe_validation(exc: RequestValidationError) -> tuple[str, str]:
    errors = exc.errors()
    if any(err.get("type") == "json_invalid" for err in errors):
        return "malformed_json", "The request body is not valid JSON."
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    return "invalid_input", "; ".join(parts) or "The request is not valid."


def _sqlstate(exc: Exception) -> str:
    """PostgreSQL's SQLSTATE of a driver error ("22…" data, "23…" constraints), or "".
    asyncpg's adapter raises most of them as a plain ``DBAPIError``: the class alone does
    not tell a NUL in text from a broken server."""
    original = getattr(exc, "orig", None)
    return str(getattr(original, "sqlstate", None) or getattr(original, "pgcode", None) or "")


def database_unreachable(exc: BaseException) -> bool:
    """The database is down, restarting, locked, or out of pool connections: trouble that
    passes (what failed is worth trying again as it was), not a bug."""
    return isinstance(
        exc, OperationalError | InterfaceError | SQLAlchemyTimeout | OSError | TimeoutError
    ) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


def database_failure(exc: Exception) -> TutorError:
    """What a database error (a ``ConnectionError``, SQLAlchemy's pool timeout or a
    ``StatementError``) means to the client: never a 500. A value the database refuses is bad
    input, a broken constraint a conflict, anything else the database's trouble. Statements
    are logged without their parameters (``hide_parameters`` on every engine): those are
    learner text and ids. The error handler answers it; a streamed turn sends it as its
    ``error`` event."""
    sqlstate = _sqlstate(exc)
    cause = type(getattr(exc, "orig", exc)).__name__
    if isinstance(exc, DataError) or sqlstate.startswith("22"):
        log.warning("the database refused a value: %s", cause)
        return InvalidInput("The database refused a value in the request.")
    if isinstance(exc, IntegrityError) or sqlstate.startswith("23"):
        log.warning("a write broke a constraint: %s", cause)
        return Conflict("The request conflicts with what is already stored.")
    if isinstance(exc, StatementError) and not database_unreachable(exc):
        log.error("database error", exc_info=exc)
        return ServiceUnavailable(
            "The database could not do that; try again soon.", code="database_error"
        )
    # A restarted database costs the request that finds its connection dead (the pool then
    # reconnects); a database that is down, or a full pool, every request.
    log.warning("database unavailable: %s", type(exc).__name__)
    return ServiceUnavailable(
        "The database is unavailable; try again soon.", code="database_unavailable"
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TutorError)
    async def _tutor_error(_: Request, exc: TutorError) -> JSONResponse:
        if exc.status_code == 401:
            from polish_tutor.kit.metrics import AUTH_FAILURES

            AUTH_FAILURES.labels(exc.code).inc()
        return JSONResponse(
            error_body(exc.code, exc.message), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        code, message = _describe_validation(exc)
        return JSONResponse(error_body(code, message), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's answer to a body that is not UTF-8: bad input, like malformed JSON.
            return JSONResponse(
                error_body("malformed_body", "The body must be UTF-8 encoded JSON."),
                status_code=422,
            )
        if exc.status_code == 400:
            # Starlette's answer to a form or multipart body it cannot read (the only 400 it
            # raises here): bad input too, said the same way.
            message = exc.detail if isinstance(exc.detail, str) else "The body cannot be read."
            return JSONResponse(error_body("malformed_body", message), status_code=422)
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(
            error_body(code, message), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(ConnectionError)
    @app.exception_handler(SQLAlchemyTimeout)
    @app.exception_handler(StatementError)
    async def _database_error(request: Request, exc: Exception) -> JSONResponse:
        failure = database_failure(exc)
        return JSONResponse(
            error_body(failure.code, failure.message),
            status_code=failure.status_code,
            headers=failure.headers,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(
            error_body("internal_error", "Something went wrong on our side; please try again."),
            status_code=500,
        )
