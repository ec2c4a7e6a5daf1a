"""Speech over HTTP: job status, ad-hoc speech, signed audio files and the event stream."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from redis.exceptions import RedisError
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask
from starlette.types import Message, Receive, Scope, Send

from polish_tutor.auth.dependencies import CurrentUser, Revocations
from polish_tutor.dependencies import Limiter, SettingsDep
from polish_tutor.kit.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceUnavailable,
    error_body,
)
from polish_tutor.kit.openapi import errors
from polish_tutor.kit.text import shows_nothing
from polish_tutor.tts import events
from polish_tutor.tts.audio_store import CONTENT_TYPES
from polish_tutor.tts.dependencies import AudioFiles, Events, Speech, UrlSigner
from polish_tutor.tts.keys import is_audio_key
from polish_tutor.tts.schemas import AudioJobStatusOut, SpeechAccepted, SpeechIn

router = APIRouter(tags=["speech"])

_RANGE_ERRORS = {
    400: ("bad_range", "The Range header is not one this server understands."),
    416: ("range_not_satisfiable", "The Range asked for is outside the audio."),
}


class AudioFileResponse(FileResponse):
    """Starlette's file response (HTTP Range included) whose Range errors, plain text there,
    are JSON here like every other error (``kit.errors``)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused: Message | None = None

        async def json_errors(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and message["status"] in _RANGE_ERRORS:
                refused = message
                return
            if refused is not None and message["type"] == "http.response.body":
                code, text = _RANGE_ERRORS[refused["status"]]
                body = json.dumps(error_body(code, text)).encode()
                kept = [
                    (name, value)
                    for name, value in refused.get("headers", [])
                    if name.lower() not in (b"content-type", b"content-length")
                ]
                await send(
                    {
                        **refused,
                        "headers": [
                            *kept,
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                refused = None
                return
            await send(message)

        await super().__call__(scope, receive, json_errors)


@router.get("/tts/status/{audio_job_id}", response_model=AudioJobStatusOut)
async def tts_status(audio_job_id: str, user: CurrentUser, speech: Speech) -> AudioJobStatusOut:
    """Where a speech job stands; a finished one comes with a signed audio URL."""
    if not is_audio_key(audio_job_id):
        raise NotFound("No such audio job.", code="audio_job_not_found")
    return await speech.status(audio_job_id, user.user_id)


@router.post("/tts", status_code=202, response_model=SpeechAccepted, responses=errors(429))
async def tts_request(
    body: SpeechIn, user: CurrentUser, limiter: Limiter, settings: SettingsDep, speech: Speech
) -> SpeechAccepted:
    """Hear any word or sentence: queue its speech (or find it in the cache)."""
    if shows_nothing(body.text):  # no job for silence (a provider refuses it, and is paid)
        raise InvalidInput("There is nothing to say in this text.", code="empty_text")
    await limiter.hit(
        "tts:user", str(user.user_id), limit=settings.tts_per_user, window=settings.rate_window
    )
    key = await speech.request(
        body.text, voice=body.voice, speed=body.speed, user_id=user.user_id, private=True
    )
    return SpeechAccepted(audio_job_id=key)


@router.get(
    "/audio/{name}",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The audio (206 and Content-Range for a Range request)",
            "content": {media: {} for media in CONTENT_TYPES.values()},
        },
        **errors(400, 403, 416),
    },
)
async def audio_file(
    name: str,
    signer: UrlSigner,
    store: AudioFiles,
    exp: Annotated[int, Query(description="expiry, seconds since the epoch")],
    sig: Annotated[str, Query(max_length=128)],
) -> FileResponse:
    """The audio bytes behind a signed, expiring URL (HTTP Range supported)."""
    key, _, fmt = name.partition(".")
    if not signer.verify(name, exp, sig):
        raise Forbidden("This audio link is invalid or has expired.", code="bad_signature")
    if not is_audio_key(key) or fmt not in CONTENT_TYPES:
        raise NotFound("No such audio.", code="audio_not_found")
    path = store.path_for(key, fmt)
    if not path.is_file():
        raise NotFound("No such audio.", code="audio_not_found")
    return AudioFileResponse(
        path,
        media_type=CONTENT_TYPES[fmt],
        headers={"Cache-Control": "private, max-age=3600"},
    )


# Put in a stream's queue when its login is revoked: the stream says so and ends.
_SESSION_ENDED: dict[str, Any] = {"event": "session_ended"}


@router.get("/events")
async def event_stream(
    bus: Events, signer: UrlSigner, user: CurrentUser, revocations: Revocations
) -> EventSourceResponse:
    """Server-Sent Events for the caller: ``audio_ready`` when speech they asked for is stored.
    The stream ends (after a ``session_ended`` event) once the caller's login is revoked."""
    # Subscribed before the response starts: an event published once the client has the
    # headers reaches it.
    try:
        subscription = await bus.subscribe([events.user_channel(user.user_id)])
    except (RedisError, TimeoutError) as exc:
        raise ServiceUnavailable(
            "Live events are unavailable; poll /tts/status.", code="events_unavailable"
        ) from exc
    # Watched after subscribing, so a revocation that arrived meanwhile counts too.
    unwatch = (
        revocations.watch(user.family_id, lambda: subscription.deliver(_SESSION_ENDED))
        if user.family_id is not None
        else None
    )

    async def close() -> None:
        if unwatch is not None:
            unwatch()
        await subscription.close()

    async def stream() -> AsyncIterator[dict[str, Any]]:
        try:
            while True:
                message = await subscription.next()
                kind = message.get("event")
                if message is _SESSION_ENDED:
                    ended = {"code": "session_ended", "message": "This login has ended."}
                    yield {"event": "session_ended", "data": json.dumps(ended)}
                    return
                if kind == "audio_ready":
                    key = str(message["audio_job_id"])
                    url = signer.sign(f"{key}.{message.get('format', 'wav')}")
                    data = {"audio_job_id": key, "audio_url": url}
                    yield {"event": "audio_ready", "data": json.dumps(data)}
                elif kind == "audio_failed":
                    failure = {
                        "audio_job_id": message["audio_job_id"],
                        "error": message.get("error"),
                    }
                    yield {"event": "audio_failed", "data": json.dumps(failure)}
                elif kind in ("transcript_ready", "transcript_failed"):
                    # What was heard in the learner's own recording (stt/events.py).
                    heard = {k: v for k, v in message.items() if k != "event"}
                    yield {"event": kind, "data": json.dumps(heard)}
        finally:
            await close()

    # A comment every 15 s keeps proxies from closing a quiet stream; the background task
    # closes a subscription whose stream never started.
    return EventSourceResponse(stream(), ping=15, background=BackgroundTask(close))
