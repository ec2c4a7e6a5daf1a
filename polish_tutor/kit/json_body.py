"""A JSON body names each field once: ``{"text": "a", "text": "b"}`` is ambiguous (Python's
parser keeps the last, others the first) and refused, 422 ``duplicate_key``, in every JSON
body the API parses, nested objects included.

Checked from the body FastAPI has parsed already (Starlette keeps it on the request), at
almost no cost (no second parse on the /chat path): every key written in a body is followed
by a colon, so a body with no more colons than the keys it parsed into names none twice
(nearly every body). Only a body with more (a colon in a text, or a key written twice,
however spelt) is parsed again, with a hook that sees every key as written."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from polish_tutor.kit.errors import InvalidInput
from polish_tutor.kit.text import quoted

_UNPARSED = object()


async def refuse_repeated_keys(request: Request) -> None:
    """A global dependency (``FastAPI(dependencies=...)``): it runs once the body is parsed."""
    # What FastAPI parsed as JSON, as Starlette's ``Request.json`` keeps it (and the bytes
    # it read): read here without a call, as this runs on every request. A request whose
    # body was not parsed as JSON (none, a form, an upload) has none.
    parsed = getattr(request, "_json", _UNPARSED)
    if parsed is _UNPARSED:
        return
    body: bytes = getattr(request, "_body", b"")
    if body.count(b":") > _keys(parsed):
        json.loads(body, object_pairs_hook=_each_key_once)


def _keys(value: Any) -> int:
    """How many keys the objects in ``value`` hold."""
    if isinstance(value, dict):
        count = len(value)
        for item in value.values():
            if isinstance(item, dict | list):
                count += _keys(item)
        return count
    if isinstance(value, list):
        return sum(_keys(item) for item in value if isinstance(item, dict | list))
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
