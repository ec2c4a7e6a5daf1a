"""Fuzz the API from its own OpenAPI schema (schemathesis), signed in, against a served stack.

No 5xx, and every error in the SPEC.md shape. ``make test`` runs a bounded number of examples
per operation (``FUZZ_EXAMPLES``, default 8); ``make fuzz`` runs many more.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.e2e.test_served_turn import Served, start_server, stop_server
from tests.support.auth import sign_up_sync

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))


@pytest.fixture(scope="module")
def served_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("fuzz")
    server = start_server(
        tmp,
        {
            "TUTOR_REGISTER_PER_IP": "100000",
            "TUTOR_LOGIN_PER_IP": "100000",
            "TUTOR_LOGIN_FAILURES_PER_ADDRESS": "100000",
            "TUTOR_LOGIN_FAILURES_PER_ACCOUNT": "100000",
            "TUTOR_CHAT_PER_USER": "100000",
            "TUTOR_TTS_PER_USER": "100000",
        },
    )
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def auth_headers(served_stack: Served) -> dict[str, str]:
    with httpx.Client(base_url=served_stack.base_url) as client:
        return dict(sign_up_sync(client)["headers"])


def _error_shape(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    if response.status_code >= 400 and response.status_code != 405:
        body = response.json()
        assert isinstance(body, dict) and set(body) >= {"error"}, body
        assert isinstance(body["error"]["code"], str) and body["error"]["code"]
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return None


def test_no_server_errors_and_every_error_in_shape(
    served_stack: Served, auth_headers: dict[str, str]
) -> None:
    schema = schemathesis.openapi.from_url(f"{served_stack.base_url}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/events":
            continue  # an endless stream; covered by the end-to-end tests
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call(headers=auth_headers, timeout=30)
            case.validate_response(response, checks=[not_a_server_error, _error_shape])

        try:
            fuzz()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:2000])
    assert operations >= 15
    assert not failures, "\n\n".join(failures)
