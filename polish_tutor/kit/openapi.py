"""The OpenAPI schema tells every error a route can answer, with the one error body
(``{"error": {"code", "message"}}``).

Routes name the errors of their own (``responses=errors(409, 429)``); :func:`install_openapi`
adds those any route of a kind gives: 401 where a token is needed, 404 where the path names
something, 413 and 422 where there is a body (422 with our body, not FastAPI's
``HTTPValidationError``), 503 (``Retry-After``) wherever the database or Redis is used.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="snake_case and stable: what a client tests for")
    message: str = Field(description="for a person to read")


class ErrorResponse(BaseModel):
    """Every error's body."""

    error: ErrorDetail


_DESCRIPTIONS = {
    400: "The request is malformed",
    401: "Missing, invalid or expired token, or wrong credentials",
    403: "Forbidden (an audio link that is forged or expired)",
    404: "Unknown, or not yours",
    409: "Conflict with what is stored",
    413: "The body is too large",
    416: "The range asked for is outside the file",
    422: "The input is not valid",
    429: "Too many requests: try again after Retry-After seconds",
    503: "A dependency (database, Redis) is unavailable: try again after Retry-After seconds",
}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "seconds to wait before trying again",
        "schema": {"type": "string"},
    }
}
_REF = {"$ref": "#/components/schemas/ErrorResponse"}
_UNUSED = ("HTTPValidationError", "ValidationError")


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """A route's ``responses=``: these error statuses, with the error body."""
    return {status: _documented(status, model=True) for status in statuses}


def _documented(status: int, *, model: bool = False) -> dict[str, Any]:
    response: dict[str, Any] = {"description": _DESCRIPTIONS.get(status, "Error")}
    if model:
        response["model"] = ErrorResponse
    else:
        response["content"] = {"application/json": {"schema": dict(_REF)}}
    if status in (429, 503):
        response["headers"] = dict(_RETRY_AFTER)
    return response


def install_openapi(app: FastAPI, *, without_backends: frozenset[str] = frozenset()) -> None:
    """Build ``/openapi.json`` with the errors every route of a kind can give.
    ``without_backends``: paths that touch neither the database nor Redis (no 503)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(
            ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")["$defs"]
        )
        components["ErrorResponse"] = {
            key: value
            for key, value in ErrorResponse.model_json_schema(
                ref_template="#/components/schemas/{model}"
            ).items()
            if key != "$defs"
        }
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                _add_errors(path, operation, without_backends)
        for name in _UNUSED:
            components.pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_errors(path: str, operation: dict[str, Any], without_backends: frozenset[str]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    statuses: set[int] = set()
    if operation.get("security"):
        statuses.add(401)
    parameters = operation.get("parameters", [])
    if any(parameter.get("in") == "path" for parameter in parameters):
        statuses.add(404)
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if "requestBody" in operation:
        statuses.add(413)
    if path not in without_backends:
        statuses.add(503)
    for status in sorted(statuses):
        responses.setdefault(str(status), _documented(status))
    if "422" in responses:  # FastAPI's own 422 names HTTPValidationError: ours replaces it
        responses["422"] = _documented(422)
