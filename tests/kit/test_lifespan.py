"""Every dependency on a thing the lifespan builds names a field of the state, of the type it
expects: a typo or a renamed field fails here, not at a learner's first request."""

from __future__ import annotations

import types
import typing
from typing import Any

import httpx
import pytest
from fastapi import Depends, FastAPI

import polish_tutor.app  # noqa: F401 - imports every endpoint, and so every alias
from polish_tutor.kit.lifespan import REQUESTED, provided, provided_if_any
from polish_tutor.state import State


def _classes(hint: Any) -> set[type]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return {c for arg in typing.get_args(hint) for c in _classes(arg)}
    origin = typing.get_origin(hint)
    return {origin if isinstance(origin, type) else hint}


def _subclass(cls: type, kind: type) -> bool:
    try:
        return issubclass(cls, kind)
    except TypeError:  # a protocol with data members: only the same class matches
        return False


def test_every_requested_part_is_a_field_of_the_state_of_that_type() -> None:
    hints = typing.get_type_hints(State)
    assert {"settings", "language", "limiter", "lessons", "signer", "speech"} <= set(REQUESTED)
    for name, kind in REQUESTED.items():
        assert name in hints, f"no State.{name}"
        assert any(c is kind or _subclass(c, kind) for c in _classes(hints[name])), name


async def test_a_part_of_the_wrong_type_is_refused_and_a_missing_optional_one_is_none() -> None:
    app = FastAPI()
    app.state.count = "not a number"

    @app.get("/wrong")
    async def wrong(value: int = Depends(provided("count", int))) -> int:
        return value

    @app.get("/missing")
    async def missing(value: int | None = Depends(provided_if_any("nothing", int))) -> str:
        return repr(value)

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/missing")).json() == "None"
        with pytest.raises(TypeError, match="app.state.count is str, not int"):
            await client.get("/wrong")
