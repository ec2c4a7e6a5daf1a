"""How ``serve`` runs uvicorn on a port the public may reach.

uvicorn alone reads a request's header section whole, however large, gives a client that
dribbles its headers all the time it likes, and accepts every connection. Here:

- a header section over ``TUTOR_MAX_HEADER_BYTES`` is answered 431 and the connection closed
  as soon as that many bytes are in (never read whole);
- a request whose header section is not complete ``TUTOR_HEADER_TIMEOUT`` seconds after it
  began (or after the connection opened) is answered 408 and closed;
- past ``TUTOR_MAX_CONNECTIONS`` open connections (per API process) a new one is answered 503
  and closed at once, before it is read;
- ``X-Forwarded-For`` and ``-Proto`` are believed only from ``TUTOR_TRUSTED_PROXIES``
  (uvicorn's ``forwarded_allow_ips``; nobody by default, loopback included), so per-address
  limits count clients, not whatever a client claims to be;
- the access log names paths without their query strings (signed audio URLs carry their
  signature there); its lines are what uvicorn writes, made for less (no caller looked up, no
  record copied: :class:`QuickAccessLogger`, :class:`QuickAccessFormatter`).

The answers are JSON, ``{"error": {"code", "message"}}``, like every other error.
"""

from __future__ import annotations

import http
import json
import logging
from asyncio import Transport
from asyncio.events import TimerHandle
from typing import Any

import httptools
import uvicorn
from uvicorn.logging import AccessFormatter
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from polish_tutor.kit.errors import error_body

log = logging.getLogger(__name__)

ACCESS_LOGGER = "uvicorn.access"


class ServeConfig(uvicorn.Config):
    """uvicorn's configuration plus the limits :class:`GuardedHttpToolsProtocol` applies.

    Kept on the configuration, which uvicorn hands to every connection's protocol (and
    pickles for the processes of ``--workers``)."""

    def __init__(
        self,
        app: Any,
        *,
        header_timeout: float,
        max_header_bytes: int,
        max_connections: int,
        trusted_proxies: str,
        **kwargs: Any,
    ) -> None:
        self.header_timeout = header_timeout
        self.max_header_bytes = max_header_bytes
        self.max_connections = max_connections
        super().__init__(
            app,
            http=GuardedHttpToolsProtocol,
            proxy_headers=bool(trusted_proxies.strip()),
            forwarded_allow_ips=trusted_proxies if trusted_proxies.strip() else [],
            **kwargs,
        )

    def configure_logging(self) -> None:
        super().configure_logging()
        access = logging.getLogger(ACCESS_LOGGER)
        if not any(isinstance(f, AccessLogWithoutQuery) for f in access.filters):
            access.addFilter(AccessLogWithoutQuery())
        for handler in access.handlers:
            formatter = handler.formatter
            if type(formatter) is AccessFormatter:  # uvicorn's (its LOGGING_CONFIG), as is
                handler.setFormatter(
                    QuickAccessFormatter(
                        formatter._fmt,
                        formatter.datefmt,
                        use_colors=formatter.use_colors,
                    )
                )


_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}


class QuickAccessFormatter(AccessFormatter):
    """uvicorn's access formatter, its lines the same, without its per-line costs: a copy of
    the record made by ``copy.copy`` (pickling's protocol) and an ``HTTPStatus`` lookup. A
    terminal's coloured lines are left to uvicorn."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        args = record.args
        if self.use_colors or not isinstance(args, tuple) or len(args) != 5:
            return super().formatMessage(record)
        client_addr, method, full_path, http_version, status_code = args
        code = int(status_code)  # type: ignore[call-overload]
        view = logging.LogRecord.__new__(logging.LogRecord)  # the fields to format, not copied
        view.__dict__.update(record.__dict__)
        separator = " " * (8 - len(record.levelname))
        view.__dict__.update(
            levelprefix=record.levelname + ":" + separator,
            client_addr=client_addr,
            request_line=f"{method} {full_path} HTTP/{http_version}",
            status_code=f"{code} {_PHRASES.get(code, '')}",
        )
        return logging.Formatter.formatMessage(self, view)


class QuickAccessLogger:
    """What uvicorn's protocol calls its access logger for (``info``), without the caller's
    file and line, which no access line shows (``Logger.findCaller`` walks the stack on every
    request): the same record otherwise, through the same filters and handlers."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger

    def info(self, msg: str, *args: Any) -> None:
        logger = self.logger
        if logger.isEnabledFor(logging.INFO):
            # What ``Logger._log`` records when it cannot find the caller.
            record = logger.makeRecord(
                logger.name,
                logging.INFO,
                "(unknown file)",
                0,
                msg,
                args,
                None,
                "(unknown function)",
            )
            logger.handle(record)


class AccessLogWithoutQuery(logging.Filter):
    """uvicorn's access line with the path only: ``GET /audio/<key>.wav``, no ``?exp&sig``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2].split("?", 1)[0]
            record.args = (*args[:2], path, *args[3:])
        return True


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the bounds of :class:`ServeConfig`."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.access_logger = QuickAccessLogger(self.access_logger)  # type: ignore[assignment]
        self.header_timeout = float(getattr(config, "header_timeout", 10.0))
        self.max_header_bytes = int(getattr(config, "max_header_bytes", 16 * 1024))
        self.max_connections = int(getattr(config, "max_connections", 1000))
        self._in_headers = False
        self._header_bytes = 0  # raw bytes received since the request began
        self._parsed_bytes = 0  # the request line and headers, as parsed
        self._oversized = False
        self._header_timer: TimerHandle | None = None

    # --- the connection ---

    def connection_made(self, transport: Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            log.warning("connection refused: %d open (TUTOR_MAX_CONNECTIONS)", self.max_connections)
            self._refuse(503, "too_many_connections", "The server is busy; try again soon.")
            return
        self._begin_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        if self._in_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if self._in_headers and self._header_bytes > self.max_header_bytes:
            self._too_large()

    # --- parser callbacks ---

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._in_headers:
            self._begin_headers()

    def on_url(self, url: bytes) -> None:
        self._parsed_bytes += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._parsed_bytes += len(name) + len(value) + 4
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._parsed_bytes > self.max_header_bytes:
            # Raised inside the parser: uvicorn answers 400, which send_400_response makes 431.
            self._oversized = True
            raise httptools.HttpParserError("header section too large")
        self._in_headers = False
        self._stop_header_timer()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._oversized:
            self._too_large()
            return
        super().send_400_response(msg)

    # --- the bounds ---

    def _begin_headers(self) -> None:
        self._in_headers = True
        self._header_bytes = 0
        self._parsed_bytes = 0
        self._stop_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._in_headers and not self.transport.is_closing():
            self._refuse(408, "request_timeout", "The request's headers took too long to arrive.")

    def _too_large(self) -> None:
        if not self.transport.is_closing():
            self._refuse(
                431,
                "headers_too_large",
                f"The request's headers are over {self.max_header_bytes} bytes.",
            )

    def _refuse(self, status: int, code: str, message: str) -> None:
        """Answer and close, whatever the request's state; nothing more is read."""
        self._stop_header_timer()
        self._in_headers = False
        body = json.dumps(error_body(code, message)).encode()
        head = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            head += [name, b": ", value, b"\r\n"]
        if status == 503:
            head.append(b"retry-after: 5\r\n")
        head += [
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
            body,
        ]
        self.transport.write(b"".join(head))
        self.transport.close()


def run_server(config: ServeConfig) -> None:
    """What ``uvicorn.run`` does with a configuration, for ours: one process, or
    ``config.workers`` processes sharing one socket (the app is then an import string, with
    ``factory=True``). Signals are uvicorn's: it re-raises the one that stopped it."""
    if config.workers > 1:
        sock = config.bind_socket()
        Multiprocess(config, sockets=[sock]).run()
        return
    server = uvicorn.Server(config=config)
    server.run()
    if not server.started:
        raise SystemExit(3)  # uvicorn's STARTUP_FAILURE: the port is taken, the app failed
