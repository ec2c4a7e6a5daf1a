"""Dependencies on what the lifespan built, without importing the object that holds it.

The lifespan puts each thing it builds on ``app.state`` under its name; an endpoint asks for
the one thing it uses through an ``Annotated`` alias made with :func:`provided`, declared by the
package that owns its type. So no package imports the lifespan's whole state (which imports
every package), and a test or a reader sees from a signature what an endpoint touches.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from starlette.requests import Request

T = TypeVar("T")

# Every (name, type) a dependency asks the lifespan for: a test checks each against the state.
REQUESTED: dict[str, type] = {}


# (kind, type of the value) pairs already checked: isinstance against a runtime-checkable
# Protocol looks at every member, tens of microseconds on every request that asks.
_CHECKED: set[tuple[type, type]] = set()


def _get(request: Request, name: str, kind: type[T], optional: bool) -> T | None:
    value = getattr(request.app.state, name, None)
    if value is None and optional:
        return None
    if (kind, type(value)) in _CHECKED:
        return value
    if not isinstance(value, kind):  # a wiring mistake, found by the first request that asks
        raise TypeError(f"app.state.{name} is {type(value).__name__}, not {kind.__name__}")
    _CHECKED.add((kind, type(value)))
    return value


def part_of(request: Request, name: str, kind: type[T]) -> T:
    """``app.state.<name>``, which must be a ``kind``: for a dependency that picks one of
    several parts by the request (each name is declared by a ``provided`` alias as well)."""
    value = _get(request, name, kind, optional=False)
    assert value is not None
    return value


def provided(name: str, kind: type[T]) -> Callable[[Request], Coroutine[Any, Any, T]]:
    """A dependency returning ``app.state.<name>``, which must be a ``kind`` (async: FastAPI
    would run a plain function in a thread)."""
    REQUESTED[name] = kind

    async def dependency(request: Request) -> T:
        value = _get(request, name, kind, optional=False)
        assert value is not None
        return value

    dependency.__name__ = f"get_{name}"
    return dependency


def provided_if_any(name: str, kind: type[T]) -> Callable[[Request], Coroutine[Any, Any, T | None]]:
    """A dependency returning ``app.state.<name>``, a ``kind`` or ``None``."""
    REQUESTED[name] = kind

    async def dependency(request: Request) -> T | None:
        return _get(request, name, kind, optional=True)

    dependency.__name__ = f"get_{name}"
    return dependency
