"""One learner turn, end to end: context → driver → stored turns → speech request."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from polish_tutor.ai_agent.drivers.base import AgentDriverProtocol
from polish_tutor.ai_agent.schemas import (
    AgentReply,
    ConversationContext,
    Feedback,
    LessonState,
    Prefs,
    PromptRef,
    RecentTurn,
)
from polish_tutor.kit.errors import Conflict, NotFound
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.models import AgentSession, AgentTurn
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.tts.presynthesis import LessonPresynthesis
from polish_tutor.tts.service import SpeechService

HISTORY_TURNS = 8


@dataclass(frozen=True, slots=True)
class TurnRequest:
    user_id: uuid.UUID
    message: str
    lesson_id: str | None
    session_id: uuid.UUID | None
    prefs: Prefs
    idempotency_key: str | None = None

    def fingerprint(self) -> str:
        body = {
            "message": self.message,
            "lesson_id": self.lesson_id,
            "session_id": str(self.session_id) if self.session_id else None,
            "prefs": self.prefs.model_dump(),
        }
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
        )


class AgentOrchestrator:
    """Runs a turn inside the request's transaction; the caller commits once."""

    def __init__(
        self,
        *,
        driver: AgentDriverProtocol,
        sessions: SessionRepository,
        speech: SpeechService,
        lessons: LessonCatalog,
        progress: ProgressService | None = None,
        presynthesis: LessonPresynthesis | None = None,
    ) -> None:
        self.driver = driver
        self.sessions = sessions
        self.speech = speech
        self.lessons = lessons
        self.progress = progress
        self.presynthesis = presynthesis

    async def handle_turn(self, request: TurnRequest) -> TurnResult:
        started = time.perf_counter()
        scoped_key = self._scoped_key(request)
        if scoped_key is not None:
            replay = await self._replay(scoped_key, request)
            if replay is not None:
                return replay

        agent_session, is_new = await self._load_session(request)
        lesson = self.lessons.get(agent_session.lesson_id) if agent_session.lesson_id else None
        history = (
            [] if is_new else await self.sessions.recent_turns(agent_session.id, HISTORY_TURNS)
        )
        state = LessonState(
            step_index=agent_session.step_index,
            attempts=agent_session.attempts,
            completed=agent_session.completed,
        )
        context = ConversationContext(
            session_id=agent_session.id,
            user_id=request.user_id,
            message=request.message,
            lesson=lesson,
            state=state,
            is_new_session=is_new,
            recent_turns=[RecentTurn.model_validate(t, from_attributes=True) for t in history],
            prefs=request.prefs,
        )
        reply = await self.driver.reply(context)
        return await self._store(
            request,
            agent_session,
            reply,
            scoped_key,
            started,
            driver_name=reply.driver or self.driver.name,
            degraded=reply.degraded,
        )

    def _scoped_key(self, request: TurnRequest) -> str | None:
        if request.idempotency_key is None:
            return None
        return f"{request.user_id}:{request.idempotency_key}"

    async def _replay(self, scoped_key: str, request: TurnRequest) -> TurnResult | None:
        learner_turn = await self.sessions.turn_by_idempotency_key(scoped_key)
        if learner_turn is None:
            return None
        if learner_turn.request_hash != request.fingerprint():
            raise Conflict(
                "This Idempotency-Key was already used for a different request.",
                code="idempotency_key_reused",
            )
        tutor_turn = await self.sessions.turn_at(learner_turn.session_id, learner_turn.seq + 1)
        if tutor_turn is None:  # pragma: no cover - both turns are written together
            raise Conflict("The original turn is incomplete.", code="idempotency_conflict")
        return TurnResult.from_tutor_turn(tutor_turn)

    async def _load_session(self, request: TurnRequest) -> tuple[AgentSession, bool]:
        if request.lesson_id is not None and self.lessons.get(request.lesson_id) is None:
            raise NotFound(f"There is no lesson {request.lesson_id!r}.", code="lesson_not_found")
        if request.session_id is None:
            agent_session = AgentSession(
                id=uuid.uuid4(),
                user_id=request.user_id,
                lesson_id=request.lesson_id,
                step_index=0,
                attempts=0,
                completed=False,
                turn_count=0,
            )
            return agent_session, True
        existing = await self.sessions.get(request.session_id)
        if existing is None or existing.user_id != request.user_id:
            raise NotFound("There is no such session.", code="session_not_found")
        if request.lesson_id is not None and request.lesson_id != existing.lesson_id:
            raise Conflict(
                "This session belongs to another lesson; start a new session for this one.",
                code="lesson_mismatch",
            )
        return existing, False

    async def _store(
        self,
        request: TurnRequest,
        agent_session: AgentSession,
        reply: AgentReply,
        scoped_key: str | None,
        started: float,
        *,
        driver_name: str,
        degraded: bool = False,
    ) -> TurnResult:
        seq = agent_session.turn_count
        learner = AgentTurn(
            id=uuid.uuid4(),
            session_id=agent_session.id,
            user_id=request.user_id,
            seq=seq,
            role="learner",
            text=request.message,
            idempotency_key=scoped_key,
            request_hash=request.fingerprint() if scoped_key else None,
        )
        tutor_turn_id = uuid.uuid4()
        audio_job_id = None
        if reply.speech_text.strip():
            audio_job_id = await self.speech.request(
                reply.speech_text,
                voice=request.prefs.voice,
                speed=reply.speech_speed or request.prefs.speed,
                session_id=agent_session.id,
                user_id=request.user_id,
                turn_id=tutor_turn_id,
            )
        feedback = reply.feedback.model_dump(exclude_none=True) if reply.feedback else None
        tutor = AgentTurn(
            id=tutor_turn_id,
            session_id=agent_session.id,
            user_id=request.user_id,
            seq=seq + 1,
            role="tutor",
            text=reply.text,
            next_dialogue=reply.next_dialogue,
            feedback=feedback,
            driver=driver_name,
            degraded=degraded,
            prompt_id=reply.prompt.id,
            prompt_version=reply.prompt.version,
            prompt_commit=reply.prompt.commit,
            audio_job_id=audio_job_id,
        )
        agent_session.step_index = reply.state.step_index
        agent_session.attempts = reply.state.attempts
        agent_session.completed = reply.state.completed
        agent_session.turn_count = seq + 2
        lesson = self.lessons.get(agent_session.lesson_id) if agent_session.lesson_id else None
        if self.progress is not None:
            # Counters, new cards and missed words: written in this transaction, flushed below.
            await self.progress.record_turn(
                user_id=request.user_id,
                lesson=lesson,
                starts_lesson=seq == 0,
                feedback=reply.feedback,
            )
        if self.presynthesis is not None and lesson is not None and seq == 0:
            self.presynthesis.lesson_started(
                self.sessions.session,
                lesson,
                user_id=request.user_id,
                session_id=agent_session.id,
                voice=request.prefs.voice,
                speed=request.prefs.speed,
            )
        tutor.latency_ms = round((time.perf_counter() - started) * 1000, 3)
        self.sessions.add(agent_session, learner, tutor)
        try:
            await self.sessions.flush()
        except (IntegrityError, StaleDataError) as exc:
            # Another request won the race: the same Idempotency-Key, or a turn on this session.
            # Nothing of ours is worth keeping, so the whole transaction is discarded.
            await self.sessions.discard()
            if scoped_key is not None:
                replay = await self._replay(scoped_key, request)
                if replay is not None:
                    return replay
            raise Conflict(
                "This session changed while your answer was processed; please send it again.",
                code="session_busy",
            ) from exc
        return TurnResult(
            session_id=agent_session.id,
            turn_id=tutor.id,
            text=tutor.text,
            next_dialogue=tutor.next_dialogue,
            feedback=reply.feedback,
            audio_job_id=audio_job_id,
            prompt=reply.prompt,
            driver=driver_name,
            degraded=degraded,
        )
