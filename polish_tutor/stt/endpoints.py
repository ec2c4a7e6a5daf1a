"""Speaking practice over HTTP: upload a recording, then read what the tutor heard."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.dependencies import DbSession, Limiter, SettingsDep
from polish_tutor.drills.dependencies import DrillsSigner, token_sentence
from polish_tutor.kit.errors import InvalidInput, NotFound
from polish_tutor.kit.openapi import errors
from polish_tutor.kit.text import LearnerText, LineText
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.stt.dependencies import Recognition
from polish_tutor.stt.schemas import SpeechAccepted, SpeechJobOut
from polish_tutor.stt.service import clean_expected

router = APIRouter(tags=["speech"])


@router.post("/speech", status_code=202, response_model=SpeechAccepted, responses=errors(404, 429))
async def speech_upload(
    user: CurrentUser,
    settings: SettingsDep,
    limiter: Limiter,
    lessons: Lessons,
    signer: DrillsSigner,
    session: DbSession,
    recognition: Recognition,
    audio: Annotated[
        UploadFile, File(description="the recording: WebM/Opus, Ogg/Opus, MP4/AAC or WAV")
    ],
    expected: Annotated[
        LearnerText | None,
        Form(description="the sentence the learner is to say (outside a lesson)"),
    ] = None,
    session_id: Annotated[
        uuid.UUID | None,
        Form(description="a lesson session: its current line's answer is the expected sentence"),
    ] = None,
    listening_token: Annotated[
        LineText | None,
        Form(
            max_length=400,
            description="a listening drill's item (its token from POST /drills/listening): its "
            "sentence is the expected one, and is never shown back (GET /speech/{id} leaves "
            "expected out)",
        ),
    ] = None,
) -> SpeechAccepted:
    """Send what the learner said; ``transcript_ready`` on ``GET /events`` says what was heard."""
    await limiter.hit(
        "stt:user", str(user.user_id), limit=settings.stt_per_user, window=settings.rate_window
    )
    sentence = clean_expected(expected)
    hidden = False
    if listening_token is not None:
        if sentence is not None or session_id is not None:
            raise InvalidInput(
                "Send listening_token alone: not with expected or session_id.",
                code="invalid_input",
            )
        sentence, hidden = token_sentence(lessons, signer, listening_token), True
    elif sentence is None and session_id is not None:
        sentence = await _lesson_answer(lessons, session, session_id, user.user_id)
    data = await audio.read(settings.stt_max_bytes + 1)
    recognition_id = await recognition.accept(
        user_id=user.user_id,
        data=data,
        content_type=audio.content_type,
        expected=sentence,
        expected_hidden=hidden,
    )
    return SpeechAccepted(speech_job_id=recognition_id)


@router.get("/speech/{speech_job_id}", response_model=SpeechJobOut)
async def speech_status(
    speech_job_id: uuid.UUID, user: CurrentUser, recognition: Recognition
) -> SpeechJobOut:
    """Where a transcription stands, and what was heard (the learner's own jobs only)."""
    return await recognition.status(speech_job_id, user.user_id)


async def _lesson_answer(
    lessons: LessonCatalog, session: DbSession, session_id: uuid.UUID, user_id: uuid.UUID
) -> str | None:
    """The first accepted answer of the session's current line (``None`` outside a lesson)."""
    found = await SessionRepository(session).get(session_id)
    if found is None or found.user_id != user_id:
        raise NotFound("There is no such session.", code="session_not_found")
    loaded = lessons.get(found.lesson_id) if found.lesson_id else None
    if loaded is None or found.completed:
        return None
    steps = loaded.lesson.dialogue
    return steps[found.step_index].answers[0] if found.step_index < len(steps) else None
