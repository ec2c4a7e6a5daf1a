"""X-Request-ID in and out, the contextvar in log records, JSON lines in production."""

from __future__ import annotations

import json
import logging
import sys

import httpx

from polish_tutor.kit.request_context import (
    TEXT_FORMAT,
    JsonFormatter,
    RequestIdFilter,
    accept_request_id,
    request_id_var,
)
from polish_tutor.settings import Settings


async def test_the_request_id_is_returned_or_made(app_client: httpx.AsyncClient) -> None:
    given = await app_client.get("/healthz", headers={"X-Request-ID": "abc-123.def"})
    assert given.headers["x-request-id"] == "abc-123.def"
    made = await app_client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    # A header that could forge log lines is replaced, not repeated.
    forged = await app_client.get("/healthz", headers={"X-Request-ID": 'x" level=ERROR y'})
    assert forged.headers["x-request-id"] != 'x" level=ERROR y'
    # Errors carry it too.
    missing = await app_client.get("/nowhere", headers={"X-Request-ID": "req-404"})
    assert missing.status_code == 404 and missing.headers["x-request-id"] == "req-404"


def test_accept_request_id_bounds_what_it_keeps() -> None:
    assert accept_request_id("turn-1") == "turn-1"
    assert accept_request_id("a" * 65) != "a" * 65
    assert accept_request_id(None) and accept_request_id("") != ""
    assert accept_request_id("with space") != "with space"


def record(message: str, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("polish_tutor.test", logging.INFO, __file__, 1, message, (), None)
    rec.__dict__.update(extra)
    RequestIdFilter().filter(rec)
    return rec


def test_json_lines_carry_the_request_id() -> None:
    token = request_id_var.set("req-42")
    try:
        line = JsonFormatter().format(record("speech job %s", audio_key="k1"))
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "req-42"
    assert entry["message"] == "speech job %s" and entry["level"] == "INFO"
    assert entry["logger"] == "polish_tutor.test" and entry["audio_key"] == "k1"
    try:
        raise ValueError("boom")
    except ValueError:
        rec = record("failed")
        rec.exc_info = sys.exc_info()
    assert "ValueError: boom" in json.loads(JsonFormatter().format(rec))["exception"]


def test_text_lines_carry_the_request_id_too() -> None:
    token = request_id_var.set("req-7")
    try:
        line = logging.Formatter(TEXT_FORMAT).format(record("hello"))
    finally:
        request_id_var.reset(token)
    assert "[req-7] hello" in line
    assert "[-] hello" in logging.Formatter(TEXT_FORMAT).format(record("hello"))


def test_json_is_the_production_default(tmp_path: object) -> None:
    assert Settings(env="production").json_logs
    assert not Settings(env="development").json_logs
    assert Settings(log_format="json").json_logs
    assert not Settings(env="production", log_format="text").json_logs
