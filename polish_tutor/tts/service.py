"""Speech requests from the API side: cache look-up, outbox rows, job status."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import call_after_commit, utcnow
from polish_tutor.kit.errors import NotFound
from polish_tutor.kit.metrics import TTS_CACHE, child
from polish_tutor.kit.request_context import current_request_id
from polish_tutor.settings import Settings
from polish_tutor.tts import events
from polish_tutor.tts.cache_index import AudioCacheIndex, audio_mark
from polish_tutor.tts.drivers import default_voice
from polish_tutor.tts.drivers.voices import require_known_voice
from polish_tutor.tts.keys import audio_key
from polish_tutor.tts.models import OutboxStatus
from polish_tutor.tts.queue import LINE_JOB, SpeechJob
from polish_tutor.tts.relay import OutboxRelay
from polish_tutor.tts.repository import SpeechRepository
from polish_tutor.tts.schemas import AudioJobStatus, AudioJobStatusOut
from polish_tutor.tts.signing import AudioUrlSigner

log = logging.getLogger(__name__)

_RQ_STATUS: dict[str, AudioJobStatus] = {
    "queued": "queued",
    "deferred": "queued",
    "scheduled": "queued",
    "started": "started",
    "failed": "failed",
    "stopped": "failed",
    "canceled": "failed",
}


@dataclass(frozen=True, slots=True)
class SpeechHandoff:
    """A committed speech request's next step: its job for the relay, or (``job`` is None, the
    audio is stored) an ``audio_ready`` for the learner."""

    key: str
    user_id: uuid.UUID
    request_id: str | None
    job: SpeechJob | None


class SpeechService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        settings: Settings,
        relay: OutboxRelay,
        bus: events.EventBus,
        redis: AsyncRedis,
        signer: AudioUrlSigner,
    ) -> None:
        self.session = session
        self.repository = SpeechRepository(session)
        self.settings = settings
        self.relay = relay
        self.bus = bus
        self.redis = redis
        self.signer = signer
        self.index = AudioCacheIndex(redis)

    async def request(
        self,
        text: str,
        *,
        voice: str | None,
        speed: float,
        user_id: uuid.UUID,
        session_id: uuid.UUID | None = None,
        turn_id: uuid.UUID | None = None,
        private: bool = False,
    ) -> str:
        """Ask for speech now (``POST /tts``); returns the audio job id. The request's row is
        written at once and its job handed over once the request's transaction commits."""
        handoff = await self.prepare(
            text,
            voice=voice,
            speed=speed,
            user_id=user_id,
            session_id=session_id,
            turn_id=turn_id,
            private=private,
        )
        call_after_commit(self.session, lambda: self.hand_over(handoff))
        return handoff.key

    async def prepare(
        self,
        text: str,
        *,
        voice: str | None,
        speed: float,
        user_id: uuid.UUID,
        session_id: uuid.UUID | None = None,
        turn_id: uuid.UUID | None = None,
        batch: WriteBatch | None = None,
        private: bool = False,
        marked: Collection[str] = (),
        asked: Collection[str] = (),
    ) -> SpeechHandoff:
        """A speech request's row, and what :meth:`hand_over` does once it has committed.
        Cached audio needs no job.

        Every request leaves a row, cached or not: it records who may see the job's status.
        With ``batch`` the row's insert joins the caller's other writes; without, it runs now.
        ``private``: the words are the learner's own choice (``POST /tts``), so stored audio
        counts as cached only if this learner has had it before; otherwise the request goes
        through the queue like a new one (the job finds the file and finishes at once), and
        its status does not tell that someone else asked for the same words.
        ``marked``: audio marks the caller already found set (a turn's hot read: see
        :meth:`marks_for`); the audio of one of them is stored, with no round trip to Redis.
        ``asked``: marks the caller asked Redis about just before (the same read), the set ones
        among ``marked``: one of them not marked was not set then, and is not asked again (its
        speech goes through the queue; stored meanwhile, the job finds it and ends at once).
        """
        if voice is not None:
            require_known_voice(self.settings, voice)
        voice = voice or default_voice(self.settings)
        speed = round(speed, 2)
        key = self.key_for(text, voice=voice, speed=speed)
        mark = audio_mark(key)
        if mark in marked:
            cached = True
        elif mark in asked:
            cached = False
        else:
            cached = await self.is_cached(key)
        if cached and private:
            cached = await self.repository.heard(key, user_id)
        child(TTS_CACHE, "hit" if cached else "miss").inc()
        request_id = current_request_id()
        row = self._row(key, text, voice, speed, user_id, session_id, turn_id, request_id, cached)
        own = batch if batch is not None else WriteBatch()
        SpeechRepository.add_requests(own, [row])
        if batch is None:
            await own.execute(self.session)
        if cached:
            return SpeechHandoff(key, user_id, request_id, job=None)
        return SpeechHandoff(key, user_id, request_id, job=self._job(key, text, voice, speed))

    async def withdraw(self, user_id: uuid.UUID, turn_id: uuid.UUID) -> None:
        """Speech asked for a turn that was not stored after all (a streamed reply that broke
        off): its requests are deleted, and once that commits, the jobs no other request
        waits for are withdrawn from the queue if no worker has taken them yet."""
        keys = await self.repository.withdraw_requests(user_id, turn_id)
        if keys:
            call_after_commit(self.session, lambda: self.relay.withdraw(keys))

    def hand_over(self, handoff: SpeechHandoff) -> None:
        """After the request's commit: the job to the relay, or, for stored audio, the
        learner's ``audio_ready`` at once."""
        if handoff.job is not None:
            self.relay.submit([handoff.job], handoff.request_id)
            return
        channel, message = self.ready_event(handoff)
        self.bus.publish_soon([channel], message)

    def ready_event(self, handoff: SpeechHandoff) -> tuple[str, str]:
        """Stored audio's ``audio_ready`` for its learner, as (channel, message): what
        :meth:`hand_over` publishes for a handoff without a job (a caller with a Redis call
        of its own to make may publish it in that one: ``ChatService.after_commit``)."""
        message = events.audio_ready(handoff.key, self.settings.tts_format)
        return events.user_channel(handoff.user_id), message

    async def request_ahead(
        self,
        lines: Sequence[tuple[str, float]],
        *,
        voice: str | None,
        user_id: uuid.UUID,
        session_id: uuid.UUID | None = None,
    ) -> int:
        """Ask for speech nobody waits for yet (lesson pre-synthesis): ``(text, speed)`` lines.

        Lines whose audio is stored (a mark in Redis, or else a stored asset) are skipped; the
        rest are requested together — one Redis round trip, one read, one write, whatever the
        number of lines — and their jobs yield to speech a learner is waiting for. Returns how
        many lines were requested.
        """
        voice = voice or default_voice(self.settings)
        wanted: dict[str, tuple[str, float]] = {}
        for text, speed in lines:
            key = self.key_for(text, voice=voice, speed=speed)
            wanted.setdefault(key, (text, round(speed, 2)))
        known = await self.index.known_many(list(wanted))
        unknown = [key for key in wanted if key not in known]
        stored = await self.repository.stored(unknown)
        missing = [key for key in unknown if key not in stored]
        if not missing:
            return 0
        TTS_CACHE.labels("miss").inc(len(missing))
        request_id = current_request_id()
        rows = []
        jobs = []
        for key in missing:
            text, speed = wanted[key]
            rows.append(
                self._row(
                    key,
                    text,
                    voice,
                    speed,
                    user_id,
                    session_id,
                    None,
                    request_id,
                    False,
                    ahead=True,
                )
            )
            jobs.append(self._job(key, text, voice, speed))
        batch = WriteBatch()
        SpeechRepository.add_requests(batch, rows)
        await batch.execute(self.session)
        call_after_commit(self.session, lambda: self.relay.submit(jobs, request_id, ahead=True))
        return len(missing)

    def _row(
        self,
        key: str,
        text: str,
        voice: str,
        speed: float,
        user_id: uuid.UUID,
        session_id: uuid.UUID | None,
        turn_id: uuid.UUID | None,
        request_id: str | None,
        cached: bool,
        *,
        ahead: bool = False,
    ) -> dict[str, Any]:
        """A speech request's outbox row: done at once for cached audio, else pending."""
        now = utcnow()
        return {
            "audio_key": key,
            "text": text,
            "voice": voice,
            "speed": speed,
            "format": self.settings.tts_format,
            "driver": self.settings.tts_driver,
            "session_id": session_id,
            "user_id": user_id,
            "turn_id": turn_id,
            "status": OutboxStatus.DONE if cached else OutboxStatus.PENDING,
            "attempts": 0,
            "error": None,
            "enqueued_at": None,
            "done_at": now if cached else None,
            "created_at": now,
            "request_id": request_id,
            "ahead": ahead,
        }

    def _job(self, key: str, text: str, voice: str, speed: float) -> SpeechJob:
        return SpeechJob(
            key, text, voice, speed, self.settings.tts_format, self.settings.tts_driver
        )

    async def is_cached(self, key: str) -> bool:
        """Redis's mark only: no database read on the hot path. A missing mark (flushed,
        evicted, Redis down) sends the request through the queue, where the worker finds the
        stored audio, finishes at once and marks it again: slower, never wrong."""
        return await self.index.known(key)

    def marks_for(self, lines: Sequence[tuple[str, float]], *, voice: str | None) -> list[str]:
        """The audio marks of ``(text, speed)`` lines at ``voice``: what a caller asks Redis
        about ahead of time (the chat service, in a round trip it makes anyway) and passes to
        :meth:`prepare` as ``marked``."""
        return [audio_mark(self.key_for(text, voice=voice, speed=speed)) for text, speed in lines]

    def key_for(self, text: str, *, voice: str | None, speed: float) -> str:
        """The audio key (the job id) that ``request`` gives these words at this voice and speed."""
        return audio_key(
            text=text,
            voice=voice or default_voice(self.settings),
            speed=round(speed, 2),
            format=self.settings.tts_format,
            driver=self.settings.tts_driver,
        )

    def audio_url(self, key: str, fmt: str) -> str:
        return self.signer.sign(f"{key}.{fmt}")

    async def status(self, key: str, user_id: uuid.UUID) -> AudioJobStatusOut:
        """The job's state, for a user who asked for it (404 for anyone else), from that
        user's own request: audio stored for someone else is not "finished" for them until
        their request is closed (the job closes every open request for its key)."""
        request = await self.repository.latest_request(key, user_id)
        if request is None:
            raise NotFound("No such audio job.", code="audio_job_not_found")
        if request.status == OutboxStatus.DONE:
            return AudioJobStatusOut(
                audio_job_id=key, status="finished", audio_url=self.audio_url(key, request.format)
            )
        if request.status == OutboxStatus.FAILED:
            return AudioJobStatusOut(audio_job_id=key, status="failed", error=request.error)
        if request.status == OutboxStatus.PENDING:
            return AudioJobStatusOut(audio_job_id=key, status="queued")
        try:
            raw = await self.redis.hget(f"rq:job:{key}", "status")
            if raw is None:  # a line carried by a job of several lines: that job's state
                carrier = await self.redis.get(LINE_JOB + key)
                if carrier is not None:
                    job_id = carrier.decode() if isinstance(carrier, bytes) else str(carrier)
                    raw = await self.redis.hget(f"rq:job:{job_id}", "status")
        except RedisError:
            return AudioJobStatusOut(audio_job_id=key, status="queued")
        if raw is None:
            return AudioJobStatusOut(audio_job_id=key, status="queued")
        # "finished" is not in the map: a job that ended without closing this request (it
        # was asked for while the job was finishing) is queued again by the relay's sweep.
        status = _RQ_STATUS.get(raw.decode() if isinstance(raw, bytes) else str(raw), "queued")
        if status == "failed":
            return AudioJobStatusOut(
                audio_job_id=key,
                status="failed",
                error="Speech synthesis failed after several tries; ask again later.",
            )
        return AudioJobStatusOut(audio_job_id=key, status=status)
