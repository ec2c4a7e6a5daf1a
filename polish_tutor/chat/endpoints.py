"""``POST /chat``: where a learner's turn enters the system."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Header

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.chat.dependencies import Chat
from polish_tutor.chat.schemas import ChatIn, ChatOut
from polish_tutor.chat.service import TurnRequest
from polish_tutor.dependencies import Limiter, SettingsDep
from polish_tutor.kit.errors import InvalidInput
from polish_tutor.kit.metrics import observe_chat
from polish_tutor.kit.openapi import errors
from polish_tutor.kit.text import LineText
from polish_tutor.stt.dependencies import Recognition
from polish_tutor.tts.drivers.voices import require_known_voice
from polish_tutor.turn_types import HeardWord, SpokenAnswer

router = APIRouter(tags=["tutor"])


@router.post("/chat", response_model=ChatOut, responses=errors(404, 409, 429))
async def chat(
    body: ChatIn,
    user: CurrentUser,
    settings: SettingsDep,
    limiter: Limiter,
    chat_service: Chat,
    recognition: Recognition,
    idempotency_key: Annotated[LineText | None, Header(max_length=200)] = None,
) -> ChatOut:
    """Send the learner's message; get the reply, feedback, next line and an audio job."""
    if not body.message.strip():
        raise InvalidInput("The message is empty.", code="empty_message")
    if idempotency_key is not None and not idempotency_key.strip():
        raise InvalidInput("The Idempotency-Key header is empty.", code="invalid_idempotency_key")
    if body.prefs.voice is not None:  # before the turn, not when its speech is requested
        require_known_voice(settings, body.prefs.voice)
    speech = None
    if body.input == "speech":  # a turn by voice: what the recogniser heard, word by word
        if body.speech_job_id is None:
            raise InvalidInput("A spoken answer names its speech_job_id.", code="invalid_input")
        heard = await recognition.heard(body.speech_job_id, user.user_id)
        speech = SpokenAnswer(
            transcript=heard.transcript or "",
            words=[HeardWord.model_validate(word) for word in heard.words or []],
            unclear_below=settings.stt_unclear_below,
        )
    started = time.perf_counter()
    result = await chat_service.handle_turn(
        TurnRequest(
            user_id=user.user_id,
            message=body.message,
            lesson_id=body.lesson_id,
            session_id=body.session_id,
            prefs=body.prefs,
            idempotency_key=idempotency_key,
            limit=limiter.limit(
                "chat:user",
                str(user.user_id),
                limit=settings.chat_per_user,
                window=settings.rate_window,
            ),
            speech=speech,
        )
    )
    verdict = result.feedback.verdict if result.feedback else None
    observe_chat(result.driver, verdict, time.perf_counter() - started)
    return ChatOut.model_validate(result, from_attributes=True)
