"""Recordings from the API side: check them, store them with their outbox row, report on them."""

from __future__ import annotations

import asyncio
import logging
import unicodedata
import uuid

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.db import call_after_commit, utcnow
from polish_tutor.kit.errors import Conflict, InvalidInput, NotFound, TutorError
from polish_tutor.kit.request_context import current_request_id
from polish_tutor.settings import Settings
from polish_tutor.stt.audio import UnreadableAudio, media_type, probe
from polish_tutor.stt.models import RecognitionStatus, SpeechRecognition
from polish_tutor.stt.queue import job_id
from polish_tutor.stt.relay import TranscriptionRelay
from polish_tutor.stt.repository import RecognitionRepository
from polish_tutor.stt.schemas import HeardWordOut, RecognitionJobStatus, SpeechJobOut

log = logging.getLogger(__name__)

MAX_EXPECTED = 500


class TooLarge(TutorError):
    status_code = 413
    code = "payload_too_large"


def clean_expected(text: str | None) -> str | None:
    """The sentence to say, as learner text is read everywhere: NFC, no control characters."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text).strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput("The expected sentence has control characters.", code="invalid_input")
    if len(text) > MAX_EXPECTED:
        raise InvalidInput(
            f"The expected sentence is over {MAX_EXPECTED} characters.", code="invalid_input"
        )
    return text or None


class RecognitionService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        settings: Settings,
        relay: TranscriptionRelay,
        redis: AsyncRedis,
    ) -> None:
        self.session = session
        self.repository = RecognitionRepository(session)
        self.settings = settings
        self.relay = relay
        self.redis = redis

    async def accept(
        self,
        *,
        user_id: uuid.UUID,
        data: bytes,
        content_type: str | None,
        expected: str | None,
        expected_hidden: bool = False,
    ) -> uuid.UUID:
        """Check a recording (type, size, length), store it with its outbox row; the relay
        hands it to a worker after the commit. Returns the speech job id.

        ``expected_hidden``: the expected sentence is one the learner is to hear, not read (a
        listening item's): the job uses it, ``status`` never tells it."""
        if not data:
            raise InvalidInput("The recording is empty.", code="empty_audio")
        if len(data) > self.settings.stt_max_bytes:
            raise TooLarge(f"The recording is over {self.settings.stt_max_bytes} bytes.")
        kind = media_type(content_type)
        if kind is None:
            raise InvalidInput(
                "Send the recording as audio/webm, audio/ogg, audio/mp4 or audio/wav.",
                code="unsupported_audio_type",
            )
        limit = self.settings.stt_max_seconds
        try:
            info = await asyncio.to_thread(probe, data, max_seconds=limit)
        except UnreadableAudio:
            raise InvalidInput(
                "The recording is not audio we can read.", code="not_audio"
            ) from None
        if info.samples == 0:
            raise InvalidInput("The recording has no sound in it.", code="empty_audio")
        if info.seconds > limit:
            raise TooLarge(
                f"The recording is longer than {limit:g} seconds.", code="audio_too_long"
            )
        request_id = current_request_id()
        row = SpeechRecognition(
            id=uuid.uuid4(),
            user_id=user_id,
            status=RecognitionStatus.PENDING,
            content_type=kind,
            audio=data,
            size_bytes=len(data),
            duration_ms=round(info.seconds * 1000),
            expected=expected,
            expected_hidden=expected_hidden,
            attempts=0,
            request_id=request_id,
            created_at=utcnow(),
        )
        self.repository.add(row)
        await self.repository.flush()
        recognition_id = row.id
        call_after_commit(self.session, lambda: self.relay.submit(recognition_id, request_id))
        return recognition_id

    async def status(self, recognition_id: uuid.UUID, user_id: uuid.UUID) -> SpeechJobOut:
        """Where a transcription stands, for the learner who recorded it (404 for anyone else)."""
        row = await self.repository.owned(recognition_id, user_id)
        if row is None:
            raise NotFound("No such speech job.", code="speech_job_not_found")
        status: RecognitionJobStatus = "queued"
        if row.status == RecognitionStatus.DONE:
            status = "finished"
        elif row.status == RecognitionStatus.FAILED:
            status = "failed"
        elif row.status == RecognitionStatus.ENQUEUED:
            try:
                raw = await self.redis.hget(f"rq:job:{job_id(row.id)}", "status")
            except RedisError:
                raw = None
            if raw is not None and (raw.decode() if isinstance(raw, bytes) else raw) == "started":
                status = "started"
        return SpeechJobOut(
            speech_job_id=row.id,
            status=status,
            transcript=row.transcript if status == "finished" else None,
            words=[HeardWordOut.model_validate(w) for w in row.words or []]
            if status == "finished"
            else None,
            expected=None if row.expected_hidden else row.expected,
            duration_ms=row.duration_ms,
            error=row.error if status == "failed" else None,
        )

    async def heard(self, recognition_id: uuid.UUID, user_id: uuid.UUID) -> SpeechRecognition:
        """A finished transcription of this learner's, for a turn by voice."""
        row = await self.repository.owned(recognition_id, user_id)
        if row is None:
            raise NotFound("No such speech job.", code="speech_job_not_found")
        if row.status != RecognitionStatus.DONE:
            raise Conflict(
                "This recording is not transcribed yet; wait for transcript_ready.",
                code="speech_not_ready",
            )
        return row
