"""``POST /chat`` and ``POST /chat/stream``: where a learner's turn enters the system (``/chat``
streams it too when the request's ``Accept`` asks for ``text/event-stream``)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response
from pydantic import TypeAdapter
from sqlalchemy.exc import StatementError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sse_starlette import EventSourceResponse

from polish_tutor.ai_agent.drivers.base import ReplyInterrupted
from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.chat.dependencies import ChatFactory, ChatServices, get_chat_services
from polish_tutor.chat.schemas import ChatIn, ChatOut
from polish_tutor.chat.service import TurnRequest, TurnResult
from polish_tutor.chat.streaming import ReplyStream, SpeechTarget
from polish_tutor.dependencies import DbSession, Sessions, transaction
from polish_tutor.kit.errors import (
    InvalidInput,
    ServiceUnavailable,
    TutorError,
    database_failure,
)
from polish_tutor.kit.lifespan import part_of
from polish_tutor.kit.metrics import STREAM_ERRORS, observe_chat
from polish_tutor.kit.negotiation import prefers
from polish_tutor.kit.openapi import errors
from polish_tutor.kit.text import LineText, shows_nothing
from polish_tutor.tts.dependencies import SpeechFactory, SpeechServices
from polish_tutor.tts.drivers.voices import require_known_voice
from polish_tutor.turn_types import HeardWord, SpokenAnswer

log = logging.getLogger(__name__)
router = APIRouter(tags=["tutor"])

# The paths whose answer depends on request headers, and which: every response of theirs
# says so in ``Vary`` (``kit.middleware.HttpEdge``), its errors too, as a JSON 404 here is an
# ``error`` event in a 200 there. ``/chat/stream`` always streams.
NEGOTIATED = {"/chat": "Accept"}


async def _turn_request(
    body: ChatIn,
    user: CurrentUser,
    services: ChatServices,
    session: AsyncSession,
    idempotency_key: str | None,
) -> TurnRequest:
    """The learner's turn, checked: what ``/chat`` and ``/chat/stream`` refuse before any
    answer starts."""
    settings = services.settings
    if shows_nothing(body.message):
        raise InvalidInput("The message is empty.", code="empty_message")
    if idempotency_key is not None and not idempotency_key.strip():
        raise InvalidInput("The Idempotency-Key header is empty.", code="invalid_idempotency_key")
    if body.prefs.voice is not None:  # before the turn, not when its speech is requested
        require_known_voice(settings, body.prefs.voice)
    speech = None
    if body.input == "speech":  # a turn by voice: what the recogniser heard, word by word
        if body.speech_job_id is None:
            raise InvalidInput("A spoken answer names its speech_job_id.", code="invalid_input")
        heard = await services.recognitions.on(session).heard(body.speech_job_id, user.user_id)
        speech = SpokenAnswer(
            transcript=heard.transcript or "",
            words=[HeardWord.model_validate(word) for word in heard.words or []],
            unclear_below=settings.stt_unclear_below,
        )
    return TurnRequest(
        user_id=user.user_id,
        message=body.message,
        lesson_id=body.lesson_id,
        session_id=body.session_id,
        prefs=body.prefs,
        idempotency_key=idempotency_key,
        limit=services.limiter.limit(
            "chat:user",
            str(user.user_id),
            limit=settings.chat_per_user,
            window=settings.rate_window,
        ),
        speech=speech,
    )


# A turn's JSON as ``ChatOut`` 's (the same fields in the same order, of the same types: what
# tests/chat/test_chat_body.py checks), written from the service's result at once: FastAPI
# would validate the result into a ChatOut (from its attributes, ~13 µs a turn) only to
# write that. ChatOut stays the response's schema.
_TURN_JSON = TypeAdapter(TurnResult)


def turn_body(result: TurnResult) -> bytes:
    """``/chat`` 's body for a turn: byte for byte what ``ChatOut`` of it writes."""
    return _TURN_JSON.dump_json(result)


def _observe(result: TurnResult, started: float) -> TurnResult:
    verdict = result.feedback.verdict if result.feedback else None
    observe_chat(result.driver, verdict, time.perf_counter() - started)
    return result


@router.post(
    "/chat",
    response_model=ChatOut,
    responses={
        200: {
            "description": "The turn (`ChatOut`). With `Accept: text/event-stream` (named, "
            "and weighed above `application/json`) the turn streamed instead: what "
            "`POST /chat/stream` answers, event for event. Every answer says `Vary: Accept`.",
            "content": {"text/event-stream": {}},
        },
        **errors(404, 409, 429),
    },
)
async def chat(
    body: ChatIn,
    user: CurrentUser,
    http_request: Request,
    idempotency_key: Annotated[LineText | None, Header(max_length=200)] = None,
) -> Response:
    """Send the learner's message; get the reply, feedback, next line and an audio job (or,
    asked for with ``Accept: text/event-stream``, the turn streamed as ``/chat/stream``)."""
    # The chat services and the request's transaction are taken here, not resolved as
    # dependencies (``ChatFactory``, ``DbSession``: the busiest endpoint pays for each one it
    # resolves, a generator's most). The same transaction as ``DbSession``'s: committed once
    # the turn's reply is made, before the response is sent, then what runs after the commit.
    services = await get_chat_services(http_request)
    writes = part_of(http_request, "sessionmaker", async_sessionmaker)
    streamed = prefers(http_request.headers.get("accept"), "text/event-stream", "application/json")
    async with transaction(writes) as session:
        request = await _turn_request(body, user, services, session, idempotency_key)
        if not streamed:
            started = time.perf_counter()
            result = _observe(await services.on(session).handle_turn(request), started)
            # As FastAPI answers with a response model (``application/json``); sent once the
            # transaction has committed and run what comes after the commit, as before.
            return Response(turn_body(result), media_type="application/json")
    # As /chat/stream: the request's transaction ends here, the turn runs in its own.
    speech = part_of(http_request, "speech", SpeechServices)
    return _streamed_turn(request, services, speech, writes)


# /chat/stream's events (and /chat's, asked for a stream), for the OpenAPI schema (README's
# "Streamed replies" says the same).
_STREAM_EVENTS = """Server-Sent Events (`event: <name>` and `data: <JSON>`; a comment \
line every 15 s keeps the connection open), in this order:

- `text` `{"delta": "…"}`: the next piece of the reply's text as the model writes it (only \
the `openai` driver streams; the others send no `text` event and answer whole);
- `audio` `{"index": 0, "audio_job_id": "…"}`: a complete sentence's speech was asked for \
(`GET /tts/status/{audio_job_id}`, `audio_ready` on `GET /events`);
- then exactly one of:
  - `turn`: the `/chat` response (`ChatOut`), the turn stored; its `audio_parts` are the \
sentences' audio jobs, in order;
  - `error` `{"error": {"code", "message", "status", "retry_after"?}}`: the turn failed \
and nothing was stored (the speech its sentences asked for is withdrawn). `code` and \
`message` are the error body `/chat` would have answered, `status` its HTTP status, \
`retry_after` its `Retry-After` in seconds (429, 503). Codes: `reply_interrupted` (503: \
the model's reply broke off after words were shown; send it again), `lesson_not_found`, \
`session_not_found` (404), `session_busy`, `idempotency_key_reused` (409), \
`too_many_requests` (429), `database_unavailable`, `database_error`, `service_unavailable` \
(503), `internal_error` (500). The message never repeats the learner's text.

`POST /chat` with `Accept: text/event-stream` (named, and weighed above \
`application/json`) answers the same.

Errors found before the stream starts (a bad token, an empty message, an unknown voice, a \
`speech_job_id` unknown (404) or not transcribed yet (409)) are answered as by `/chat`: \
that HTTP status and the error body."""


@router.post(
    "/chat/stream",
    response_class=EventSourceResponse,
    responses={
        200: {"description": _STREAM_EVENTS, "content": {"text/event-stream": {}}},
        **errors(404, 409),
    },
)
async def chat_stream(
    body: ChatIn,
    user: CurrentUser,
    services: ChatFactory,
    speech: SpeechFactory,
    writes: Sessions,
    session: DbSession,
    idempotency_key: Annotated[LineText | None, Header(max_length=200)] = None,
) -> EventSourceResponse:
    """``POST /chat`` streamed: the reply's words as the model writes them, each sentence's
    speech as soon as the sentence is complete, then the turn as ``/chat`` returns it."""
    request = await _turn_request(body, user, services, session, idempotency_key)
    return _streamed_turn(request, services, speech, writes)


def _streamed_turn(
    request: TurnRequest,
    services: ChatServices,
    speech: SpeechServices,
    writes: async_sessionmaker[AsyncSession],
) -> EventSourceResponse:
    """The turn of a checked ``request`` as Server-Sent Events (:data:`_STREAM_EVENTS`), run
    in transactions of its own: ``/chat/stream``'s answer, and ``/chat``'s when asked for
    with ``Accept: text/event-stream``."""
    started = time.perf_counter()
    events: asyncio.Queue[dict[str, str] | None] = asyncio.Queue()

    async def emit(event: str, data: dict[str, Any]) -> None:
        await events.put({"event": event, "data": json.dumps(data, ensure_ascii=False)})

    async def say(sentence: str, target: SpeechTarget) -> str:
        async with transaction(writes) as db:
            return await speech.on(db).request(
                sentence,
                voice=target.voice,
                speed=target.speed,
                user_id=target.user_id,
                session_id=target.session_id,
                turn_id=target.turn_id,
            )

    async def withdraw(reply: ReplyStream) -> None:
        """The speech of sentences shown for a turn that was not stored (or that another
        request stored first): nobody will hear it as part of a turn."""
        try:
            async with transaction(writes) as db:
                await speech.on(db).withdraw(request.user_id, reply.turn_id)
        except Exception as exc:  # noqa: BLE001 - the jobs then run, closing their rows
            log.warning("a broken-off turn's speech was not withdrawn (%s)", type(exc).__name__)

    async def turn() -> None:
        reply = ReplyStream(emit, say)
        try:
            async with transaction(writes) as db:
                result = await services.on(db).handle_turn(request, reply)
            out = turn_body(_observe(result, started)).decode()
            await events.put({"event": "turn", "data": out})
        except Exception as exc:  # noqa: BLE001 - every failure ends the stream as an event
            await events.put({"event": "error", "data": json.dumps(_error_event(exc))})
        finally:
            if reply.streamed and not reply.committed:
                await withdraw(reply)
            await events.put(None)

    services.run_stream(turn())  # a client that leaves does not stop it: it is stored

    async def stream() -> AsyncIterator[dict[str, str]]:
        while (event := await events.get()) is not None:
            yield event

    return EventSourceResponse(stream(), ping=15)


def _error_event(exc: Exception) -> dict[str, Any]:
    """The ``error`` event that ends a streamed turn which failed, nothing stored: the body
    ``/chat`` would have answered (``{"error": {"code", "message"}}``), with the status it
    would have had and its ``Retry-After`` as ``retry_after``. Counted, since the response's
    status is already 200 (the server-errors alert adds the 5xx ones to the requests' 5xx).
    Neither the learner's text nor an exception's message goes into it or the log."""
    if isinstance(exc, TutorError):
        failure = exc
    elif isinstance(exc, ReplyInterrupted):
        failure = ServiceUnavailable(
            "The tutor's reply broke off; nothing was saved. Please send it again.",
            code="reply_interrupted",
            retry_after=1,
        )
    elif isinstance(exc, ConnectionError | SQLAlchemyTimeout | StatementError):
        failure = database_failure(exc)
    else:
        log.error("a streamed turn failed (%s)", type(exc).__name__)
        failure = TutorError(
            "Something went wrong on our side; nothing was saved. Please try again.",
            status_code=500,
            code="internal_error",
        )
    STREAM_ERRORS.labels(code=failure.code, status=str(failure.status_code)).inc()
    error: dict[str, Any] = {
        "code": failure.code,
        "message": failure.message,
        "status": failure.status_code,
    }
    if failure.headers and "Retry-After" in failure.headers:
        error["retry_after"] = failure.headers["Retry-After"]
    return {"error": error}
