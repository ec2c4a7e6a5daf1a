"""The small parts of the HTTP contract: HSTS in production, JSON for Range errors, every
error status in the OpenAPI schema, and API docs served from here (no CDN)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from polish_tutor.app import create_app
from polish_tutor.settings import Settings

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE
async def test_hsts_only_in_production(settings: Any) -> None:
    for env, expected in (("production", True), ("development", False)):
        settings.env = env
        transport = httpx.ASGITransport(app=create_app(settings))  # no lifespan needed
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            response = await client.get("/healthz")
        hsts = response.headers.get("strict-transport-security")
        if expected:
            assert (
                hsts is not None
                and "max-age=" in hsts
                and int(
                    re.search(r"max-age=(\d+)", hsts).group(1)  # type: ignore[union-attr]
                )
                >= 180 * 24 * 3600
            )
        else:
            assert hsts is None


@SQLITE
async def test_range_errors_are_json(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    import asyncio

    job = (await app_client.post("/tts", json={"text": "Zakres bajtów."})).json()["audio_job_id"]
    await asyncio.sleep(0.5)
    burst_worker()
    url = (await app_client.get(f"/tts/status/{job}")).json()["audio_url"]
    whole = await app_client.get(url)
    assert whole.status_code == 200
    malformed = await app_client.get(url, headers={"Range": "bytes=abc"})
    assert malformed.status_code == 400, malformed.text
    assert malformed.json()["error"]["code"] == "bad_range"
    beyond = await app_client.get(url, headers={"Range": f"bytes={len(whole.content) + 10}-"})
    assert beyond.status_code == 416, beyond.text
    assert beyond.json()["error"]["code"] == "range_not_satisfiable"
    assert beyond.headers["content-range"] == f"bytes */{len(whole.content)}"
    assert beyond.headers["content-type"] == "application/json"
    ranged = await app_client.get(url, headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206 and ranged.content == whole.content[:10]


def responses_of(schema: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = schema["paths"][path][method]
    return dict(operation["responses"])


async def test_every_error_status_is_in_the_schema() -> None:
    transport = httpx.ASGITransport(app=create_app(Settings()))
    async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
        schema = (await client.get("/openapi.json")).json()
    error = schema["components"]["schemas"]["ErrorResponse"]
    assert set(error["properties"]) == {"error"}
    expected = {
        ("post", "/chat"): {"401", "404", "409", "413", "422", "429", "503"},
        ("post", "/tts"): {"401", "413", "422", "429", "503"},
        ("get", "/tts/status/{audio_job_id}"): {"401", "404"},
        ("get", "/sessions/{session_id}"): {"401", "404", "422"},
        ("post", "/auth/login"): {"401", "413", "422", "429"},
        ("post", "/auth/register"): {"413", "422", "429"},
        ("post", "/auth/refresh"): {"401", "413", "422"},
        ("get", "/audio/{name}"): {"400", "403", "404", "416"},
        ("get", "/lessons/{lesson_id}"): {"404"},
        ("post", "/review/{card_id}"): {"401", "404", "413", "422"},
    }
    for (method, path), statuses in expected.items():
        documented = responses_of(schema, method, path)
        assert statuses <= set(documented), (method, path, sorted(documented))
        for status in statuses:
            body = documented[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")) and "content" in response:
                    assert "HTTPValidationError" not in str(response), (method, path, status)
    assert "429" in responses_of(schema, "post", "/chat")
    assert "retry-after" in {
        name.lower() for name in responses_of(schema, "post", "/chat")["429"].get("headers", {})
    }


async def test_the_api_docs_need_nothing_from_elsewhere() -> None:
    transport = httpx.ASGITransport(app=create_app(Settings()))
    async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
        docs = await client.get("/docs")
        assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in docs.headers["content-security-policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", docs.text), "inline script"
        assert not re.search(r"(src|href)=\"(https?:)?//", docs.text), "a CDN"
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', docs.text):
            served = await client.get(asset)
            assert served.status_code == 200, asset
        assert "/openapi.json" in (await client.get("/docs/init.js")).text


@SQLITE
async def test_unknown_query_parameters_are_refused(app_client: httpx.AsyncClient) -> None:
    """The schema lists each route's query parameters, and nothing else is taken silently."""
    assert (await app_client.get("/sessions", params={"limit": 5})).status_code == 200
    refused = await app_client.get("/sessions", params={"limit": 5, "lmit": 5})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "unknown_query_parameter"
    assert (await app_client.get("/lessons", params={"x": "\u0000"})).status_code == 422
    # Pages for people are not API routes: a query string there is nobody's business.
    assert (await app_client.get("/", params={"utm_source": "mail"})).status_code == 200


@SQLITE
async def test_a_malformed_upload_is_bad_input_like_malformed_json(
    app_client: httpx.AsyncClient,
) -> None:
    """Found by ``make fuzz``: a multipart body that does not parse was an undocumented 400."""
    boundary = "fd8981f872150c5e8d51bbe2a2b4ad6c"
    broken = await app_client.post(
        "/speech",
        content=f"--{boundary}\r\n111729--{boundary}--\r\n".encode(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert broken.status_code == 422, broken.text
    assert broken.json()["error"]["code"] == "malformed_body"
