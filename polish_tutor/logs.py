"""Logging set-up for every process: readable lines in development, JSON lines in production
(``TUTOR_ENV=production`` or ``TUTOR_LOG_FORMAT=json``); each record carries the request id."""

from __future__ import annotations

import logging

from polish_tutor.kit.request_context import TEXT_FORMAT, JsonFormatter, RequestIdFilter


def json_logs_wanted() -> bool:
    from polish_tutor.settings import Settings

    return Settings().json_logs


def configure_logging(level: str = "INFO", *, json_format: bool | None = None) -> None:
    if json_format is None:
        json_format = json_logs_wanted()
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if json_format else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
