"""Speech out of band: outbox → relay → RQ → worker → audio store → status, for real."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from redis import Redis

from polish_tutor.embedded.stack import embedded_valkey
from polish_tutor.tts.signing import AudioUrlSigner
from tests.conftest import free_port
from tests.support.auth import sign_up
from tests.support.db import outbox_statuses, row_counts
from tests.support.waiting import eventually
from tests.support.wav import wav_duration

LESSON = "a1-04-cafe"


async def wait_enqueued(settings: Any, count: int = 1) -> None:
    async def enqueued() -> bool:
        statuses = outbox_statuses(settings.resolved_database_url)
        return len(statuses) >= count and "pending" not in statuses

    await eventually(enqueued, 10, "the relay to enqueue the outbox")


async def status_of(client: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    response = await client.get(f"/tts/status/{job_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_turn_audio_is_synthesised_stored_and_served_signed(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    turn = (await app_client.post("/chat", json={"message": "hej", "lesson_id": LESSON})).json()
    job_id = turn["audio_job_id"]
    await wait_enqueued(settings)
    assert (await status_of(app_client, job_id))["status"] == "queued"

    alarm = signal.getsignal(signal.SIGALRM)
    burst_worker()  # RQ installs signal handlers: main thread only
    status = await status_of(app_client, job_id)
    assert status["status"] == "finished" and status["error"] is None
    assert outbox_statuses(settings.resolved_database_url) == ["done"]
    # The worker's run left nothing behind: no guard thread, the test's own SIGALRM.
    assert not [thread for thread in threading.enumerate() if thread.name == "job-guard"]
    assert signal.getsignal(signal.SIGALRM) is alarm

    audio = await app_client.get(status["audio_url"])
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
    assert wav_duration(audio.content) > 0.5

    ranged = await app_client.get(status["audio_url"], headers={"Range": "bytes=0-43"})
    assert ranged.status_code == 206 and ranged.content == audio.content[:44]

    url = urlsplit(status["audio_url"])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    tampered = f"{url.path}?exp={query['exp']}&sig={'0' * 64}"
    assert (await app_client.get(tampered)).status_code == 403
    later = f"{url.path}?exp={int(query['exp']) + 60}&sig={query['sig']}"
    assert (await app_client.get(later)).status_code == 403
    signer = AudioUrlSigner(settings.secret, ttl_seconds=10)
    expired = signer.sign(url.path.rsplit("/", 1)[1], now=time.time() - 60)
    response = await app_client.get(expired)
    assert response.status_code == 403 and response.json()["error"]["code"] == "bad_signature"


async def test_cached_audio_needs_no_job(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    first = (await app_client.post("/chat", json={"message": "hej", "lesson_id": LESSON})).json()
    await wait_enqueued(settings)
    burst_worker()  # RQ installs signal handlers: main thread only
    second = (await app_client.post("/chat", json={"message": "hej", "lesson_id": LESSON})).json()
    assert second["audio_job_id"] == first["audio_job_id"]
    # The request is recorded (it says who may see the job) but is done at once: no job.
    assert outbox_statuses(settings.resolved_database_url) == ["done", "done"]
    assert (await status_of(app_client, second["audio_job_id"]))["status"] == "finished"


async def test_speech_on_request_and_the_job_is_idempotent(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    accepted = await app_client.post("/tts", json={"text": "żółw", "speed": 0.75})
    assert accepted.status_code == 202
    job_id = accepted.json()["audio_job_id"]
    slower = (await app_client.post("/tts", json={"text": "żółw", "speed": 1.0})).json()
    assert slower["audio_job_id"] != job_id  # the speed is part of the cache key
    await wait_enqueued(settings, 2)
    burst_worker()  # RQ installs signal handlers: main thread only
    assert (await status_of(app_client, job_id))["status"] == "finished"

    from polish_tutor.tts.jobs import synthesize_speech

    result = await asyncio.to_thread(
        synthesize_speech, job_id, "żółw", settings.tts_voice, 0.75, "wav", "espeak"
    )
    assert result == {"status": "finished", "cached": True}
    assert row_counts(settings.resolved_database_url)["audio_assets"] == 2


@pytest.mark.parametrize(
    ("body", "status"),
    [({"text": ""}, 422), ({"text": "x" * 2001}, 422), ({"text": "a", "speed": 9}, 422)],
)
async def test_bad_speech_requests(
    app_client: httpx.AsyncClient, body: dict[str, Any], status: int
) -> None:
    response = await app_client.post("/tts", json=body)
    assert response.status_code == status and response.json()["error"]["code"]


async def test_unknown_audio_job_and_file(app_client: httpx.AsyncClient) -> None:
    assert (await app_client.get("/tts/status/" + "a" * 40)).status_code == 404
    assert (await app_client.get("/tts/status/../../etc")).status_code == 404
    missing = await app_client.get("/audio/" + "b" * 40 + ".wav?exp=1&sig=x")
    assert missing.status_code == 403
    odd = await app_client.get("/audio/" + "b" * 40 + ".wav?exp=99999999999&sig=%C3%B1")
    assert odd.status_code == 403 and odd.json()["error"]["code"] == "bad_signature"


@pytest.fixture
def dead_redis_settings(settings: Any) -> Any:
    """The application pointed at a Redis port where nothing listens (yet)."""
    settings.redis_url = f"redis://127.0.0.1:{free_port()}"
    return settings


async def test_outbox_keeps_requests_while_redis_is_down(dead_redis_settings: Any) -> None:
    from polish_tutor.app import create_app
    from tests.support.app import run_speech_worker

    settings = dead_redis_settings
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            client.headers.update((await sign_up(client))["headers"])
            turn = await client.post("/chat", json={"message": "hej", "lesson_id": LESSON})
            assert turn.status_code == 200  # the learner's turn does not wait for the queue
            job_id = turn.json()["audio_job_id"]
            await asyncio.sleep(0.5)
            assert outbox_statuses(settings.resolved_database_url) == ["pending"]
            assert (await status_of(client, job_id))["status"] == "queued"
            ready = await client.get("/readyz")  # still in rotation, and says why it is slower
            assert ready.status_code == 200 and ready.json()["status"] == "degraded"
            assert ready.json()["checks"]["hot_state"].startswith("database")

            port = int(settings.redis_url.rsplit(":", 1)[1])
            with embedded_valkey(settings, port=port):
                await wait_enqueued(settings)
                run_speech_worker(settings)
                assert (await status_of(client, job_id))["status"] == "finished"
                assert Redis.from_url(settings.redis_url).ping()
    assert outbox_statuses(settings.resolved_database_url) == ["done"]


async def test_requests_whose_job_vanished_from_redis_are_enqueued_again(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    from datetime import timedelta

    from polish_tutor.state import app_state

    turn = (await app_client.post("/chat", json={"message": "hej", "lesson_id": LESSON})).json()
    await wait_enqueued(settings)
    Redis.from_url(settings.redis_url).flushdb()  # a Redis restarted without persistence
    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 1
    await wait_enqueued(settings)
    burst_worker()  # RQ installs signal handlers: main thread only
    assert (await status_of(app_client, turn["audio_job_id"]))["status"] == "finished"


async def test_a_job_a_dying_worker_took_from_the_queue_is_enqueued_again(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    """A worker killed while it waits for a job can still be handed one: Redis may serve its
    pending BLPOP before it notices the closed connection. The job then says "queued" but is
    in no queue (seen when ``serve``'s worker was killed and speech asked for at once). The
    sweep finds it, and it runs."""
    from datetime import timedelta

    from polish_tutor.state import app_state

    job_id = (await app_client.post("/tts", json={"text": "Zgubione zadanie."})).json()[
        "audio_job_id"
    ]
    await wait_enqueued(settings)
    redis = Redis.from_url(settings.redis_url)
    assert redis.lpop(f"rq:queue:{settings.tts_queue}") == job_id.encode()  # the dead BLPOP
    assert redis.hget(f"rq:job:{job_id}", "status") == b"queued"
    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 1
    await wait_enqueued(settings)
    burst_worker()
    assert (await status_of(app_client, job_id))["status"] == "finished"


async def test_a_request_that_arrives_while_its_job_finishes_is_not_left_behind(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    """The race: a second request for the same audio commits while the first job is running
    but has already closed the requests it knew of. The relay finds the job still there, so it
    does not enqueue it again; the job then ends without closing the new row. The sweep sends
    such a row back, and a new job (finding the audio stored) closes it."""
    from datetime import timedelta

    from polish_tutor.state import app_state
    from polish_tutor.tts.cache_index import audio_mark

    body = {"text": "Dzień dobry, poproszę kawę."}
    first = (await app_client.post("/tts", json=body)).json()["audio_job_id"]
    await wait_enqueued(settings)
    burst_worker()
    assert (await status_of(app_client, first))["status"] == "finished"

    redis = Redis.from_url(settings.redis_url)
    redis.delete(audio_mark(first))  # the API must not know yet that the audio exists
    redis.hset(f"rq:job:{first}", "status", "started")  # the job is still running
    second = (await app_client.post("/tts", json=body)).json()["audio_job_id"]
    assert second == first
    await wait_enqueued(settings, count=2)  # marked enqueued: the job "is running"
    redis.hset(f"rq:job:{first}", "status", "finished")  # ...and ends without this row
    assert outbox_statuses(settings.resolved_database_url) == ["done", "enqueued"]

    relay = app_state(app_client._transport.app).relay  # type: ignore[attr-defined]
    assert await relay.sweep_lost_jobs(stale_after=timedelta(0)) == 1
    await wait_enqueued(settings, count=2)
    burst_worker()
    assert outbox_statuses(settings.resolved_database_url) == ["done", "done"]
    assert (await status_of(app_client, second))["status"] == "finished"
