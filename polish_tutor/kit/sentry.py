"""Error reporting to Sentry when ``TUTOR_SENTRY_DSN`` is set (API and workers).

Nothing secret leaves: ``send_default_pii=False``, no local variables, and ``before_send``
removes Authorization and cookie headers, cookies, and every password, token or key field
from request bodies, query strings, extra data and breadcrumbs.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from polish_tutor import __version__
from polish_tutor.settings import Settings

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

FILTERED = "[Filtered]"
SENSITIVE_HEADERS = {
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "x-csrf-token",
}
_SENSITIVE_KEY = re.compile(
    r"pass(word|wd)?|secret|token|api[_-]?key|authorization|cookie|session[_-]?id|dsn|\bsig\b",
    re.IGNORECASE,
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")


def sensitive_key(key: object) -> bool:
    return isinstance(key, str) and bool(_SENSITIVE_KEY.search(key))


def scrub(value: Any, depth: int = 0) -> Any:
    """``value`` with every sensitive field replaced and bearer credentials masked."""
    if depth > 20:
        return FILTERED
    if isinstance(value, dict):
        return {k: FILTERED if sensitive_key(k) else scrub(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v, depth + 1) for v in value]
    if isinstance(value, str):
        return _BEARER.sub(lambda m: f"{m.group(1)} {FILTERED}", value)
    return value


def _scrub_body(data: Any) -> Any:
    if isinstance(data, str | bytes):
        try:
            parsed = json.loads(data)
        except ValueError:
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            if "=" in text:
                pairs = parse_qsl(text, keep_blank_values=True)
                if pairs:
                    return urlencode([(k, FILTERED if sensitive_key(k) else v) for k, v in pairs])
            return scrub(text)
        return scrub(parsed)
    return scrub(data)


def _scrub_request(request: dict[str, Any]) -> None:
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {
            k: v for k, v in headers.items() if str(k).lower() not in SENSITIVE_HEADERS
        }
    request.pop("cookies", None)
    if "data" in request:
        request["data"] = _scrub_body(request["data"])
    query = request.get("query_string")
    if isinstance(query, str) and query:
        request["query_string"] = urlencode(
            [
                (k, FILTERED if sensitive_key(k) else v)
                for k, v in parse_qsl(query, keep_blank_values=True)
            ]
        )
    elif isinstance(query, dict):
        request["query_string"] = scrub(query)
    if "env" in request:
        request["env"] = scrub(request["env"])


def before_send(event: Event, hint: Hint) -> Event | None:
    request = event.get("request")
    if isinstance(request, dict):
        _scrub_request(request)
    for field in ("extra", "contexts", "tags"):
        if field in event:
            event[field] = scrub(event[field])
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values") if isinstance(crumbs, dict) else crumbs
    if isinstance(values, list):
        for crumb in values:
            if isinstance(crumb, dict):
                if "data" in crumb:
                    crumb["data"] = scrub(crumb["data"])
                if isinstance(crumb.get("message"), str):
                    crumb["message"] = scrub(crumb["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict) and "params" in logentry:
        logentry["params"] = scrub(logentry["params"])
    return event


def init_sentry(settings: Settings, *, component: str, transport: Any = None) -> bool:
    """Start the Sentry SDK if a DSN is configured; returns whether it did."""
    if settings.sentry_dsn is None or not settings.sentry_dsn.get_secret_value().strip():
        return False
    import sentry_sdk

    options: dict[str, Any] = {
        "dsn": settings.sentry_dsn.get_secret_value(),
        "environment": settings.sentry_environment or settings.env,
        "release": f"polish-tutor@{__version__}",
        "send_default_pii": False,
        "include_local_variables": False,
        "before_send": before_send,
        "traces_sample_rate": settings.sentry_traces_sample_rate,
        "max_request_body_size": "small",
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
    sentry_sdk.set_tag("component", component)
    return True
