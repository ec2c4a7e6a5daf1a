"""One learner turn, end to end: hot state → driver → one write batch → write-through.

1. Redis counts the learner's rate limit, gives the session's hot state (step, tries, last
   turns, summary) and says whether the Idempotency-Key was used, in one round trip; a cold
   cache is rebuilt from the database.
2. The driver answers from a bounded context: the running summary plus the last turns.
3. The turn's writes (session, both turns, speech outbox, progress, review cards) go to the
   database as one batch: one round trip on PostgreSQL. The request's dependency commits.
4. After the commit: the new hot state is written through, the relay gets the speech job,
   and a summary job is queued once enough turns lie outside the context window.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.drivers.base import AgentDriverProtocol
from polish_tutor.ai_agent.schemas import (
    AgentReply,
    ConversationContext,
    Feedback,
    Prefs,
    PromptRef,
    SpokenAnswer,
    TextPart,
)
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import call_after_commit
from polish_tutor.kit.errors import Conflict, NotFound
from polish_tutor.kit.rate_limit import Limit
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.hot import HotSession, HotSessionStore, HotState
from polish_tutor.sessions.models import AgentTurn
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.sessions.summaries import SummaryScheduler
from polish_tutor.tts.presynthesis import LessonPresynthesis
from polish_tutor.tts.service import SpeechService

Gender = Literal["feminine", "masculine"]


@dataclass(frozen=True, slots=True)
class TurnRequest:
    user_id: uuid.UUID
    message: str
    lesson_id: str | None
    session_id: uuid.UUID | None
    prefs: Prefs
    idempotency_key: str | None = None
    # The learner's rate limit, counted by the turn's first Redis read.
    limit: Limit | None = None
    # A turn by voice: what the recogniser heard (the message is its transcript).
    speech: SpokenAnswer | None = None

    def fingerprint(self) -> str:
        body = {
            "message": self.message,
            "lesson_id": self.lesson_id,
            "session_id": str(self.session_id) if self.session_id else None,
            "prefs": self.prefs.model_dump(),
        }
        if self.speech is not None:  # only then: typed turns keep their fingerprints
            body["speech"] = self.speech.model_dump()
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class TurnResult:
    session_id: uuid.UUID
    turn_id: uuid.UUID
    text: str
    next_dialogue: str | None
    feedback: Feedback | None
    audio_job_id: str | None
    prompt: PromptRef
    driver: str
    degraded: bool
    parts: list[TextPart] | None = None

    @classmethod
    def from_tutor_turn(cls, turn: AgentTurn) -> TurnResult:
        return cls(
            session_id=turn.session_id,
            turn_id=turn.id,
            text=turn.text,
            next_dialogue=turn.next_dialogue,
            feedback=Feedback.model_validate(turn.feedback) if turn.feedback else None,
            audio_job_id=turn.audio_job_id,
            prompt=PromptRef(
                id=turn.prompt_id or "",
                version=turn.prompt_version or "",
                commit=turn.prompt_commit or "",
            ),
            driver=turn.driver or "",
            degraded=turn.degraded,
            parts=[TextPart.model_validate(part) for part in turn.parts] if turn.parts else None,
        )


_TURN_COLUMNS: dict[str, Any] = {
    "next_dialogue": None,
    "feedback": None,
    "parts": None,
    "driver": None,
    "degraded": False,
    "prompt_id": None,
    "prompt_version": None,
    "prompt_commit": None,
    "latency_ms": None,
    "audio_job_id": None,
    "idempotency_key": None,
    "request_hash": None,
}


def _turn_row(**values: Any) -> dict[str, Any]:
    """One ``agent_turns`` row with every column set: rows of one insert share their columns."""
    return {"id": uuid.uuid4(), **_TURN_COLUMNS, **values}


class StaleState(Exception):
    """The hot state a turn was built on is behind the database."""


class AgentOrchestrator:
    """Runs a turn inside the request's transaction; the caller commits once."""

    def __init__(
        self,
        *,
        driver: AgentDriverProtocol,
        sessions: SessionRepository,
        read_sessionmaker: async_sessionmaker[AsyncSession],
        hot: HotSessionStore,
        speech: SpeechService,
        lessons: LessonCatalog,
        context_turns: int,
        progress: ProgressService | None = None,
        presynthesis: LessonPresynthesis | None = None,
        summaries: SummaryScheduler | None = None,
    ) -> None:
        self.driver = driver
        self.sessions = sessions
        self.read_sessionmaker = read_sessionmaker
        self.hot = hot
        self.speech = speech
        self.lessons = lessons
        self.context_turns = context_turns
        self.progress = progress
        self.presynthesis = presynthesis
        self.summaries = summaries

    async def handle_turn(self, request: TurnRequest) -> TurnResult:
        started = time.perf_counter()
        scoped_key = self._scoped_key(request)
        cached = await self.hot.read(request.session_id, scoped_key, request.limit, request.user_id)
        gender = await self._learner_gender(request.user_id, cached.gender)
        # A key Redis has not seen is new: the unique index still catches a lost mark.
        if scoped_key is not None and cached.key_seen is not False:
            replay = await self._replay(scoped_key, request)
            if replay is not None:
                return replay
        hot = cached.session
        while True:
            before, is_new, from_cache = await self._load_session(request, hot)
            try:
                return await self._turn(request, before, is_new, scoped_key, started, gender)
            except StaleState:
                if not from_cache:
                    raise Conflict(
                        "This session changed while your answer was processed; "
                        "please send it again.",
                        code="session_busy",
                    ) from None
                # Built on a stale cache (or raced by a turn on this session): once more,
                # from the database.
                await self.hot.forget(before.id)
                hot = None

    def _scoped_key(self, request: TurnRequest) -> str | None:
        if request.idempotency_key is None:
            return None
        return f"{request.user_id}:{request.idempotency_key}"

    async def _replay(self, scoped_key: str, request: TurnRequest) -> TurnResult | None:
        async with self.read_sessionmaker() as session:
            reads = SessionRepository(session)
            learner_turn = await reads.turn_by_idempotency_key(scoped_key)
            if learner_turn is None:
                return None
            if learner_turn.request_hash != request.fingerprint():
                raise Conflict(
                    "This Idempotency-Key was already used for a different request.",
                    code="idempotency_key_reused",
                )
            tutor_turn = await reads.turn_at(learner_turn.session_id, learner_turn.seq + 1)
        if tutor_turn is None:  # pragma: no cover - both turns are written together
            raise Conflict("The original turn is incomplete.", code="idempotency_conflict")
        return TurnResult.from_tutor_turn(tutor_turn)

    async def _load_session(
        self, request: TurnRequest, cached: HotSession | None
    ) -> tuple[HotSession, bool, bool]:
        """The session's state, whether it is new, and whether it came from the cache."""
        if request.lesson_id is not None and self.lessons.get(request.lesson_id) is None:
            raise NotFound(f"There is no lesson {request.lesson_id!r}.", code="lesson_not_found")
        if request.session_id is None:
            state = HotState(
                user_id=request.user_id,
                lesson_id=request.lesson_id,
                step_index=0,
                attempts=0,
                completed=False,
                turn_count=0,
                recent=[],
            )
            return HotSession(id=uuid.uuid4(), state=state, summary="", summary_upto=0), True, False
        hot, from_cache = cached, cached is not None
        if hot is None:
            # A read-only session: on SQLite no write lock is held while the driver thinks.
            async with self.read_sessionmaker() as session:
                hot = await SessionRepository(session).hot_state(
                    request.session_id, self.context_turns
                )
            if hot is not None:
                await self.hot.fill(hot)
        if hot is None or hot.state.user_id != request.user_id:
            raise NotFound("There is no such session.", code="session_not_found")
        if request.lesson_id is not None and request.lesson_id != hot.state.lesson_id:
            raise Conflict(
                "This session belongs to another lesson; start a new session for this one.",
                code="lesson_mismatch",
            )
        return hot, False, from_cache

    async def _learner_gender(self, user_id: uuid.UUID, cached: str | None) -> Gender | None:
        """The learner's gender from the turn's Redis read, or (not cached) the database."""
        value = cached
        if value is None:
            async with self.read_sessionmaker() as session:
                value = await AuthRepository(session).gender_of(user_id)
            await self.hot.remember_gender(user_id, value)
        if value == "feminine":
            return "feminine"
        if value == "masculine":
            return "masculine"
        return None

    async def _turn(
        self,
        request: TurnRequest,
        hot: HotSession,
        is_new: bool,
        scoped_key: str | None,
        started: float,
        gender: Gender | None = None,
    ) -> TurnResult:
        lesson = self.lessons.get(hot.state.lesson_id) if hot.state.lesson_id else None
        context = ConversationContext(
            session_id=hot.id,
            user_id=request.user_id,
            message=request.message,
            lesson=lesson,
            state=hot.lesson_state,
            is_new_session=is_new,
            recent_turns=hot.state.recent,
            summary=hot.summary,
            prefs=request.prefs,
            speech=request.speech,
            learner_gender=gender,
        )
        reply = await self.driver.reply(context)
        return await self._store(request, hot, is_new, reply, scoped_key, started, gender)

    async def _store(
        self,
        request: TurnRequest,
        hot: HotSession,
        is_new: bool,
        reply: AgentReply,
        scoped_key: str | None,
        started: float,
        gender: Gender | None = None,
    ) -> TurnResult:
        seq = hot.state.turn_count
        driver_name = reply.driver or self.driver.name
        tutor_turn_id = uuid.uuid4()
        speech = WriteBatch()
        audio_job_id = None
        if reply.speech_text.strip():
            audio_job_id = await self.speech.request(
                reply.speech_text,
                voice=request.prefs.voice,
                speed=reply.speech_speed or request.prefs.speed,
                session_id=hot.id,
                user_id=request.user_id,
                turn_id=tutor_turn_id,
                batch=speech,
            )
        learner = _turn_row(
            session_id=hot.id,
            user_id=request.user_id,
            seq=seq,
            role="learner",
            text=request.message,
            idempotency_key=scoped_key,
            request_hash=request.fingerprint() if scoped_key else None,
        )
        tutor = _turn_row(
            id=tutor_turn_id,
            session_id=hot.id,
            user_id=request.user_id,
            seq=seq + 1,
            role="tutor",
            text=reply.text,
            next_dialogue=reply.next_dialogue,
            feedback=reply.feedback.model_dump(exclude_none=True) if reply.feedback else None,
            parts=[part.model_dump() for part in reply.parts] if reply.parts else None,
            driver=driver_name,
            degraded=reply.degraded,
            prompt_id=reply.prompt.id,
            prompt_version=reply.prompt.version,
            prompt_commit=reply.prompt.commit,
            audio_job_id=audio_job_id,
        )
        # Progress and review statements first; then the session row, its turns and speech.
        batch = WriteBatch()
        session = self.sessions.session
        lesson = self.lessons.get(hot.state.lesson_id) if hot.state.lesson_id else None
        if self.progress is not None:
            await self.progress.record_turn(
                batch,
                user_id=request.user_id,
                lesson=lesson,
                starts_lesson=seq == 0,
                feedback=reply.feedback,
            )
        if self.presynthesis is not None and lesson is not None and seq == 0:
            self.presynthesis.lesson_started(
                session,
                lesson,
                user_id=request.user_id,
                session_id=hot.id,
                voice=request.prefs.voice,
                speed=request.prefs.speed,
                gender=gender,
            )
        tutor["latency_ms"] = round((time.perf_counter() - started) * 1000, 3)
        SessionRepository.write_turn(
            batch, before=hot, is_new=is_new, lesson=reply.state, turns=[learner, tutor]
        )
        batch.extend(speech)
        try:
            await batch.execute(session)
        except IntegrityError:
            # Another request won the race: the same Idempotency-Key, or a turn on this
            # session (or the state was stale). Nothing of ours is worth keeping.
            await self.sessions.discard()
            if scoped_key is not None:
                replay = await self._replay(scoped_key, request)
                if replay is not None:
                    return replay
            raise StaleState from None
        after = hot.after_turn(request.message, reply.text, reply.state, self.context_turns)
        call_after_commit(session, lambda: self._committed(after, scoped_key, is_new))
        return TurnResult(
            session_id=hot.id,
            turn_id=tutor_turn_id,
            text=reply.text,
            next_dialogue=reply.next_dialogue,
            feedback=reply.feedback,
            audio_job_id=audio_job_id,
            prompt=reply.prompt,
            driver=driver_name,
            degraded=reply.degraded,
            parts=reply.parts,
        )

    async def _committed(self, after: HotSession, scoped_key: str | None, is_new: bool) -> None:
        await self.hot.write_turn(after, scoped_key, new=is_new)
        if self.summaries is not None:
            await self.summaries.maybe_schedule(after)
