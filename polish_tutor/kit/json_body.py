"""A JSON body names each field once: ``{"text": "a", "text": "b"}`` is ambiguous (Python's
parser keeps the last, others the first) and refused, 422 ``duplicate_key``, in every JSON
body the API parses, nested objects included.

Checked from the body FastAPI has parsed already (Starlette keeps it on the request), at
almost no cost: every key written in a body is followed by a colon, so a body with no more
colons than the keys it parsed into names none twice (nearly every body). Only a body with
more (a colon in a text, or a key written twice, however spelt) is parsed again, with a hook
that sees every key as written."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

from polish_tutor.kit.errors import InvalidInput
from polish_tutor.kit.text import quoted


async def refuse_repeated_keys(request: Request) -> None:
    """A global dependency (``FastAPI(dependencies=...)``): it runs once the body is parsed."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.body_field is None:
        return
    content_type = request.headers.get("content-type", "")
    if content_type and not content_type.split(";", 1)[0].strip().endswith("json"):
        return  # a form or an upload: FastAPI did not parse it as JSON
    body = await request.body()
    if not body:
        return
    try:
        parsed = await request.json()  # FastAPI's, kept by Starlette: not parsed again
    except ValueError:
        return  # FastAPI refused it already
    if body.count(b":") > _keys(parsed):
        json.loads(body, object_pairs_hook=_each_key_once)


def _keys(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys(item) for item in value.values())
    if isinstance(value, list):
        return sum(_keys(item) for item in value)
    return 0


def _each_key_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InvalidInput(
                    f"The body names the field {quoted(key)} more than once.",
                    code="duplicate_key",
                )
            seen.add(key)
    return result
