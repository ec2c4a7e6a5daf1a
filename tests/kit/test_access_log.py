"""The access line: uvicorn's text, made for less (``kit.http_server``)."""

from __future__ import annotations

import io
import logging

import pytest
import uvicorn.config
from uvicorn.logging import AccessFormatter

from polish_tutor.kit.http_server import (
    AccessLogWithoutQuery,
    QuickAccessFormatter,
    QuickAccessLogger,
)

FORMAT = uvicorn.config.LOGGING_CONFIG["formatters"]["access"]["fmt"]
LINE = '%s - "%s %s HTTP/%s" %d'


@pytest.mark.parametrize("status", [200, 204, 404, 422, 429, 503, 599])
def test_the_quick_access_line_is_uvicorns(status: int) -> None:
    logger = logging.getLogger(f"tests.access.{status}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addFilter(AccessLogWithoutQuery())
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    args = ("127.0.0.1:50000", "GET", "/audio/ab.wav?exp=1&sig=2", "1.1", status)
    try:
        handler.setFormatter(AccessFormatter(FORMAT, use_colors=False))
        logger.info(LINE, *args)
        handler.setFormatter(QuickAccessFormatter(FORMAT, use_colors=False))
        QuickAccessLogger(logger).info(LINE, *args)
    finally:
        logger.removeHandler(handler)
    uvicorns, ours = out.getvalue().splitlines()
    assert ours == uvicorns
    assert "sig=" not in ours and f'"GET /audio/ab.wav HTTP/1.1" {status}' in ours
