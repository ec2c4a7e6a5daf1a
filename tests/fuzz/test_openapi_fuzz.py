"""Fuzz the API from its own OpenAPI schema (schemathesis), signed in, against a served stack
on each database: the embedded default (SQLite + Valkey) and production's PostgreSQL + Redis.

Every check schemathesis has runs on every response (status codes, content types, headers and
bodies as documented, valid data accepted, invalid data refused, auth enforced ...), plus the
error body `{"error": {"code", "message"}}`. Each generated request is then sent again with NUL
and other control characters in every string it carries (body, query, path): those must be
refused, never a 5xx. ``make test`` runs a bounded number of examples per operation and mode
(``FUZZ_EXAMPLES``, default 8); ``make fuzz`` runs many more. The figures (cases sent, 5xx
found) are printed per database.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from tests.e2e.test_served_turn import Served, start_server, stop_server
from tests.support.auth import sign_up_sync

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
ONLY = os.environ.get("FUZZ_ONLY")  # one path, to reproduce a failure (e.g. /lessons)
CONTROL = "\u0000\u0007\u001b"
# Valid by the schema, refused by a rule it cannot state (a weak password, an unknown voice,
# an empty message, a lesson that does not exist): 422 or 404, never a 5xx.
ACCEPTED = ["2xx", "401", "403", "404", "409", "422", "429"]
NO_LIMITS = {
    "TUTOR_REGISTER_PER_IP": "100000",
    "TUTOR_LOGIN_PER_IP": "100000",
    "TUTOR_LOGIN_FAILURES_PER_ADDRESS": "100000",
    "TUTOR_LOGIN_FAILURES_PER_ACCOUNT": "100000",
    "TUTOR_CHAT_PER_USER": "100000",
    "TUTOR_TTS_PER_USER": "100000",
    "TUTOR_STT_PER_USER": "100000",
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served_stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    if request.param == "sqlite":
        server = start_server(tmp, NO_LIMITS)
    else:
        database = request.getfixturevalue("postgres_url")
        redis = request.getfixturevalue("redis_service_url")
        server = start_server(
            tmp,
            {**NO_LIMITS, "TUTOR_DATABASE_URL": database, "TUTOR_REDIS_URL": redis},
            "--tts-workers",
            "1",
        )
    try:
        yield server
    finally:
        stop_server(server)


def _error_shape(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict) and set(body) >= {"error"}, body
        assert isinstance(body["error"]["code"], str) and body["error"]["code"]
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return None


def with_control_characters(value: Any) -> Any:
    """``value`` with control characters inside every string it holds."""
    if isinstance(value, str):
        return value[:1] + CONTROL + value[1:]
    if isinstance(value, dict):
        return {key: with_control_characters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_control_characters(item) for item in value]
    return value


def hostile(case: schemathesis.Case) -> schemathesis.Case | None:
    """The same request with control characters in its strings; None if it has none."""
    parts = {
        "body": case.body if isinstance(case.body, dict | list | str) else None,
        "query": case.query or None,
        "path_parameters": case.path_parameters or None,
    }
    changed = {name: with_control_characters(part) for name, part in parts.items() if part}
    if all(changed.get(name) == part for name, part in parts.items() if part):
        return None
    return case.operation.Case(
        method=case.method,
        path_parameters=changed.get("path_parameters", case.path_parameters),
        headers=case.headers,
        query=changed.get("query", case.query),
        body=changed.get("body", case.body),
        media_type=case.media_type,
    )


def describe(exc: BaseException) -> str:
    """An exception with the ones it groups or wraps (hypothesis's Flaky hides the cause)."""
    text = f"{type(exc).__name__}: {exc}"
    inner = list(getattr(exc, "exceptions", []) or [])
    if exc.__cause__ is not None:
        inner.append(exc.__cause__)
    return "\n".join([text, *(f"  {describe(sub)}" for sub in inner)])


def test_no_server_errors_and_every_check_passes(
    served_stack: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    with httpx.Client(base_url=served_stack.base_url) as client:
        auth_headers = dict(sign_up_sync(client)["headers"])
    # The token for the schema's security scheme, so schemathesis knows it: a case that leaves
    # it out or spoils it on purpose (ignored_auth, negative cases) is sent that way.
    token = auth_headers["Authorization"].split(" ", 1)[1]
    config = SchemathesisConfig.from_dict(
        {
            "auth": {"openapi": {"HTTPBearer": {"bearer": token}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    )
    schema = schemathesis.openapi.from_url(f"{served_stack.base_url}/openapi.json", config=config)
    database = "PostgreSQL" if "fuzz-postgres" in str(served_stack.var_dir) else "SQLite"
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/events" or (ONLY and operation.path != ONLY):
            continue  # /events: an endless stream, covered by the end-to-end tests
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def fuzz(case: schemathesis.Case) -> None:
                response = case.call(timeout=30)
                statuses[response.status_code] += 1
                case.validate_response(response, additional_checks=[_error_shape])
                spoiled = hostile(case)
                if spoiled is None:
                    return
                response = spoiled.call(headers=auth_headers, timeout=30)
                statuses[response.status_code] += 1
                spoiled.validate_response(
                    response,
                    checks=[
                        not_a_server_error,
                        _error_shape,
                        status_code_conformance,
                        content_type_conformance,
                        response_schema_conformance,
                    ],
                    headers=auth_headers,
                )

            try:
                fuzz()
            except Unsatisfiable:
                continue  # nothing to negate (no parameters, or only free strings)
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect all, then report
                label = f"{operation.method.upper()} {operation.path} ({mode.value})"
                failures.append(f"{label}: {describe(exc)}"[:6000])
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    with capsys.disabled():
        print(
            f"\nfuzz [{database}]: {operations} operations, {sum(statuses.values())} cases, "
            f"{server_errors} 5xx; statuses {dict(sorted(statuses.items()))}"
        )
    assert operations >= (1 if ONLY else 15)
    assert server_errors == 0, dict(statuses)
    assert not failures, "\n\n".join(failures)
