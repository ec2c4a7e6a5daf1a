"""What ``polish-tutor serve`` accepts from a client, tested against the real process: header
size, header time and open connections are bounded; ``X-Forwarded-For`` is believed only from
a trusted proxy; the access log keeps query strings (audio signatures) out."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.test_served_turn import Served, start_server, stop_server, wait_finished
from tests.support.auth import sign_up

HEADER_TIMEOUT = 2
MAX_CONNECTIONS = 6


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The embedded default with short limits (and the default: no trusted proxy)."""
    server = start_server(
        tmp_path_factory.mktemp("limits"),
        {
            "TUTOR_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
            "TUTOR_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
            "TUTOR_MAX_HEADER_BYTES": "8192",
        },
    )
    try:
        yield server
    finally:
        stop_server(server)


def connect(served: Served) -> socket.socket:
    url = urlsplit(served.base_url)
    sock = socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=30)
    return sock


def read_until_closed(sock: socket.socket, seconds: float) -> bytes:
    """Everything the server sends until it closes the connection (or ``seconds`` pass)."""
    sock.settimeout(seconds)
    received = b""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return received


def test_a_header_section_over_the_limit_is_refused_before_it_is_read(guarded: Served) -> None:
    with connect(guarded) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: tutor\r\nX-Padding: ")
        sent = 0
        try:
            for _ in range(64 * 16):  # up to 64 MB, as the attack did; it stops long before
                sock.sendall(b"a" * 65536)
                sent += 65536
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_until_closed(sock, 10)
    assert sent < 64 * 1024 * 1024
    if answer:  # the answer may be lost to the reset of a connection still being written to
        assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
        assert b'"headers_too_large"' in answer

    with connect(guarded) as sock:  # one that fits in a single read: parsed, then refused
        sock.sendall(
            b"GET /healthz HTTP/1.1\r\nHost: tutor\r\nX-Padding: " + b"a" * 9000 + b"\r\n\r\n"
        )
        answer = read_until_closed(sock, 10)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert b"application/json" in answer
    assert httpx.get(f"{guarded.base_url}/healthz").status_code == 200


def test_a_client_that_dribbles_its_headers_is_cut_off(guarded: Served) -> None:
    with connect(guarded) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: tutor\r\n")
        closed = False
        answer = b""
        deadline = time.monotonic() + HEADER_TIMEOUT * 10
        while time.monotonic() < deadline:
            try:
                sock.sendall(b"X")  # one byte now and then, never the end of the headers
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sock.settimeout(0.5)
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except ConnectionResetError:
                closed = True
                break
            answer += chunk
            if not chunk:
                closed = True
                break
    assert closed, "the server kept a dribbling connection open"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_connections_past_the_limit_are_refused_and_the_slots_come_back(guarded: Served) -> None:
    idle = [connect(guarded) for _ in range(MAX_CONNECTIONS)]
    try:
        for sock in idle:
            sock.sendall(b"GET /healthz HTTP/1.1\r\n")  # and nothing more
        time.sleep(0.3)  # the server has accepted them all
        refused = httpx.get(f"{guarded.base_url}/healthz", timeout=10)
        assert refused.status_code == 503, refused.text
        assert refused.json()["error"]["code"] == "too_many_connections"
        assert refused.headers["retry-after"]
        # The idle ones are cut off by the header timeout; then there is room again.
        for sock in idle:
            read_until_closed(sock, HEADER_TIMEOUT * 10)
    finally:
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 10
    while True:
        response = httpx.get(f"{guarded.base_url}/healthz", timeout=10)
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert response.status_code == 200


async def test_the_access_log_has_no_audio_signatures(guarded: Served) -> None:
    async with httpx.AsyncClient(base_url=guarded.base_url, timeout=30) as client:
        client.headers.update((await sign_up(client))["headers"])
        job = (await client.post("/tts", json={"text": "Podpis zostaje w tajemnicy."})).json()
        status = await wait_finished(client, job["audio_job_id"])
        assert status["status"] == "finished"
        audio = await client.get(status["audio_url"])
        assert audio.status_code == 200
    signature = status["audio_url"].split("sig=", 1)[1]
    log = guarded.log.read_text()
    assert f"GET /audio/{job['audio_job_id']}.wav HTTP/1.1" in log
    assert signature not in log and "sig=" not in log


def logins_from(served: Served, addresses: list[str]) -> list[int]:
    """Logins (unknown accounts: only the per-address limit counts) claiming each address."""
    statuses = []
    with httpx.Client(base_url=served.base_url, timeout=30) as client:
        for address in addresses:
            body = {"email": f"{uuid.uuid4().hex[:10]}@example.org", "password": "nie-to-haslo-12"}
            response = client.post("/auth/login", json=body, headers={"X-Forwarded-For": address})
            statuses.append(response.status_code)
    return statuses


def test_forwarded_for_from_an_untrusted_client_is_ignored(guarded: Served) -> None:
    """The attack: 25 logins from loopback, each claiming another address. By default no
    proxy is trusted, so they all count against 127.0.0.1 (20 per minute)."""
    statuses = logins_from(guarded, [f"198.51.100.{n}" for n in range(25)])
    first_refusal = statuses.index(429)  # other tests here logged in from loopback too
    assert set(statuses[:first_refusal]) == {401} and first_refusal <= 20
    assert statuses[first_refusal:] == [429] * (25 - first_refusal)
    with httpx.Client(base_url=guarded.base_url, timeout=30) as client:
        email = f"{uuid.uuid4().hex[:10]}@example.org"
        for n in range(12):
            client.post(
                "/auth/register",
                json={"email": email, "password": "kawa-z-mlekiem-42"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            )
        assert (
            client.post(
                "/auth/register",
                json={"email": email, "password": "kawa-z-mlekiem-42"},
                headers={"X-Forwarded-For": "203.0.113.99"},
            ).status_code
            == 429
        )


def test_a_trusted_proxy_gives_each_client_its_own_limit(tmp_path: Path) -> None:
    """Behind a trusted proxy (Compose: Caddy on the proxy network), each client has its own
    count, and the proxy's address is not what is counted."""
    server = start_server(tmp_path, {"TUTOR_TRUSTED_PROXIES": "127.0.0.1"}, "--tts-workers", "0")
    try:
        assert logins_from(server, [f"198.51.100.{n}" for n in range(25)]) == [401] * 25
        same = logins_from(server, ["198.51.100.200"] * 22)
        assert same[:20] == [401] * 20 and same[20:] == [429] * 2
    finally:
        stop_server(server)


def test_the_access_log_has_no_query_strings_with_json_logs_too(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Production's JSON logs (no uvicorn log config: its access lines reach our handler)."""
    from polish_tutor.kit.http_server import ACCESS_LOGGER, ServeConfig

    config = ServeConfig(
        "polish_tutor.app:create_app",
        factory=True,
        header_timeout=1,
        max_header_bytes=1024,
        max_connections=1,
        trusted_proxies="",
        log_config=None,
    )
    config.configure_logging()
    access = logging.getLogger(ACCESS_LOGGER)
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
        access.info(
            '%s - "%s %s HTTP/%s" %d',
            "127.0.0.1:4000",
            "GET",
            "/audio/abc.wav?exp=1&sig=0123abcd",
            "1.1",
            200,
        )
    assert '"GET /audio/abc.wav HTTP/1.1" 200' in caplog.text
    assert "sig=" not in caplog.text and "0123abcd" not in caplog.text
