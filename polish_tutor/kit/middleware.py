"""The ASGI layer every HTTP request goes through: request id, metrics, security headers,
``Vary`` for negotiated routes and a cap on request bodies."""

from __future__ import annotations

import contextlib
import json
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polish_tutor.kit.errors import error_body
from polish_tutor.kit.metrics import observe_http
from polish_tutor.kit.request_context import REQUEST_ID_HEADER, accept_request_id, request_id_var

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        b"style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; "
        b"base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
]


# Production is served over HTTPS (behind the proxy): browsers must never use plain HTTP for it
# again, for a year. Not in development, where http://127.0.0.1 is the address.
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class HttpEdge:
    """Every HTTP request's edge, in one ASGI layer (four nested layers cost a closure, a
    message copy and a frame each per message; a turn paid for them on every response):

    1. the request id (``kit.request_context``): read from ``X-Request-ID`` or made, kept in
       a contextvar for the whole request (its log lines, its speech job), and returned;
    2. metrics: every request counted and timed by method, route template and status;
    3. security headers on every response (those the app set itself are left alone), and
       ``Vary`` on every response of a path whose answer depends on request headers
       (``vary``: ``POST /chat`` answers JSON or an event stream by ``Accept``), its errors
       too, so that a cache between never gives one representation to a client that asked
       for the other;
    4. a cap on the body: 413 for a body over ``max_bytes``, whether announced by
       Content-Length or streamed; ``per_path`` sets another cap for a route (uploads:
       ``POST /speech``).

    The 413 goes out with the request id and the security headers, and is counted.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        per_path: dict[str, int] | None = None,
        vary: dict[str, str] | None = None,
        hsts: bool = False,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = per_path or {}
        self.vary = {path: names.encode("latin-1") for path, names in (vary or {}).items()}
        self.headers = [*SECURITY_HEADERS, HSTS] if hsts else SECURITY_HEADERS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        raw = None
        limit = self.per_path.get(scope["path"], self.max_bytes)
        too_large = False
        for name, value in scope["headers"]:
            if name == REQUEST_ID_HEADER and raw is None:
                raw = value.decode("latin-1")
            elif name == b"content-length":
                with contextlib.suppress(ValueError):
                    too_large = too_large or int(value) > limit
        request_id = accept_request_id(raw)
        token = request_id_var.set(request_id)
        status = 500
        response_started = False
        rejected = False
        received = 0
        extra = self.headers
        varies = self.vary.get(scope["path"])

        async def edge_send(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [h for h in message.get("headers", ()) if h[0] != REQUEST_ID_HEADER]
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in extra if h[0] not in present)
                if varies is not None:
                    headers = _varied(headers, varies)
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        async def app_send(message: Message) -> None:
            if not rejected:  # after a 413, the application's own answer is dropped
                await edge_send(message)

        async def limited_receive() -> Message:
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not response_started:
                    # Answer now; the application sees the client go away.
                    rejected = True
                    await _reject(edge_send, limit)
                    return {"type": "http.disconnect"}
            return message

        try:
            if too_large:
                await _reject(edge_send, limit)
                return
            try:
                await self.app(scope, limited_receive, app_send)
            except Exception:
                if not rejected:
                    raise
        finally:
            request_id_var.reset(token)
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            observe_http(scope["method"], route, status, time.perf_counter() - started)


def _varied(headers: list[tuple[bytes, bytes]], names: bytes) -> list[tuple[bytes, bytes]]:
    """``headers`` with ``names`` in their one ``Vary`` (merged with what the app said, such
    as CORS's ``Origin``; ``*`` already says everything)."""
    said = [v.strip() for name, value in headers if name == b"vary" for v in value.split(b",")]
    known = {v.lower() for v in said}
    if b"*" not in known:
        said.extend(n.strip() for n in names.split(b",") if n.strip().lower() not in known)
    kept = [h for h in headers if h[0] != b"vary"]
    return [*kept, (b"vary", b", ".join(v for v in said if v))]


async def _reject(send: Send, limit: int) -> None:
    body = json.dumps(error_body("payload_too_large", f"The body is over {limit} bytes.")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
