"""A route takes the query parameters its schema lists, and refuses others (422
``unknown_query_parameter``): a misspelt ``limt`` fails loudly instead of being ignored, and
the API does what its OpenAPI schema says. Pages for people (``include_in_schema=False``:
``/``, ``/docs``) are not API routes and take any query string."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from polish_tutor.kit.errors import InvalidInput

_CACHED = "_tutor_query_names"


def _declared(route: APIRoute) -> frozenset[str]:
    """Worked out once per route and kept on it."""
    names: frozenset[str] | None = getattr(route, _CACHED, None)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        setattr(route, _CACHED, names)
    return names


def _query_names(dependant: Dependant) -> set[str]:
    """The route's query parameters and those of every dependency it has."""
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


async def refuse_unknown_query(request: Request) -> None:
    """A global dependency (``FastAPI(dependencies=...)``)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return
    unknown = sorted(set(request.query_params) - _declared(route))
    if unknown:
        raise InvalidInput(
            f"This route takes no query parameter {unknown[0][:40]!r}.",
            code="unknown_query_parameter",
        )
