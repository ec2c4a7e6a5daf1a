"""One learner turn, top to bottom: ``ChatService.handle_turn``.

1. **Read** (one Redis round trip, ``sessions/hot.py``): the learner's rate limit is counted
   (429 past it), the session's hot state comes back (lesson, step, tries, the last turns,
   the running summary, and which of the speech this step may say is stored), the learner's
   gender, and whether the Idempotency-Key was used. A key that was used is a replay: the
   stored reply is returned (409 if the body differs). A cold cache is rebuilt from the
   database (two reads).
2. **Ask** the driver (``ai_agent/drivers/``) with a bounded context: the summary and the last
   turns, never the whole transcript. The driver reads and writes nothing. A streamed turn
   (``POST /chat/stream``, ``chat/streaming.py``) gets the reply's text as the model writes
   it, and each sentence's speech is asked for (committed and handed to the relay) as soon as
   the sentence is complete, before the turn is stored; the turn's speech is then those
   sentences (``audio_parts``), so none is made twice.
3. **Write** one batch (``kit/batch.py``): the progress counters and review cards
   (``progress/``), the session row moved on from the turn count it was read at, both turns,
   and the speech request's outbox row (``tts/service.py``; its audio is stored if step 1 said
   so, is not if step 1 asked and found no mark, else if Redis has its mark: a round trip of
   its own): one round trip on PostgreSQL; on SQLite with the ``COMMIT`` (the batch is the
   transaction's last work).
   A wrong answer's review cards (the words it missed) are read first, in the same
   transaction, just before the batch.
   A turn built on stale state breaks the unique ``(session_id, seq)`` (or the turn count
   moved): it is tried once more from the database, or, if it came from the database, 409
   ``session_busy``. Nothing is committed here: the request's dependency commits once.
4. **After the commit**, ``ChatService.after_commit`` runs the turn's side effects, which the
   write step returned, in this order:

   1. the speech: the relay gets the job (or, for stored audio, ``audio_ready`` goes out:
      first thing in step 3's round trip, but for a new session's turn, in a call of its own);
   2. a lesson's first turn: its lines are synthesised ahead of time (a task of its own);
   3. the hot state is written through to Redis (only forward: ``n`` orders writes), with
      which of the speech the next turn may say is stored (with the local driver, whose lesson
      lines are known: ``step_utterances``), for step 1 of the next turn;
   4. a summary job is queued once enough turns lie outside the context window (its lock is
      taken in step 3's round trip).

   The speech goes first because a learner waits for it; the hot state before the summary,
   which reads it. None of them can undo the turn: each only loses a head start when it fails.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.drivers.base import AgentDriverProtocol, StreamingDriver
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext
from polish_tutor.auth.repository import AuthRepository
from polish_tutor.chat.streaming import ReplyStream
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.db import call_after_commit
from polish_tutor.kit.errors import Conflict, NotFound
from polish_tutor.kit.rate_limit import Limit
from polish_tutor.lessons.catalog import LessonCatalog, LessonNotFound, LoadedLesson
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.progress.service import ProgressService
from polish_tutor.sessions.hot import HotSession, HotSessionStore, HotState
from polish_tutor.sessions.models import AgentSession, AgentTurn
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.sessions.summaries import LOCK_TTL, SummaryScheduler
from polish_tutor.tts.presynthesis import LessonPresynthesis
from polish_tutor.tts.sentences import split_sentences
from polish_tutor.tts.service import SpeechHandoff, SpeechService
from polish_tutor.turn_types import (
    Feedback,
    Gender,
    LessonState,
    Prefs,
    PromptRef,
    SpokenAnswer,
    TextPart,
)


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

    @property
    def scoped_key(self) -> str | None:
        """The Idempotency-Key as stored: scoped by the learner."""
        if self.idempotency_key is None:
            return None
        return f"{self.user_id}:{self.idempotency_key}"


class LessonProgress(BaseModel):
    """Where the learner stands in the lesson after a turn: what the page shows."""

    step: int  # the line answered next, from 0 (= lines done); steps_total once completed
    steps_total: int
    completed: bool

    @classmethod
    def of(cls, lesson: LoadedLesson | None, state: LessonState) -> LessonProgress | None:
        if lesson is None:
            return None
        total = len(lesson.lesson.dialogue)
        completed = state.completed or state.step_index >= total
        return cls(
            step=total if completed else max(0, state.step_index),
            steps_total=total,
            completed=completed,
        )


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
    lesson: LessonProgress | None = None
    audio_parts: list[str] | None = None  # a streamed turn's speech, sentence by sentence


@dataclass(frozen=True, slots=True)
class AfterCommit:
    """What a stored turn does once its transaction has committed (``ChatService.after_commit``)."""

    speech: list[SpeechHandoff]  # a streamed turn's: the sentences not asked for yet
    starts_lesson: LoadedLesson | None  # the session's first turn in a lesson
    request: TurnRequest
    gender: Gender | None
    hot: HotSession  # the session after the turn
    is_new: bool


# What a turn at a lesson's step may say aloud, exactly: (text, speed) lines, for a lesson, the
# step, the learner's speed and gender (``LocalDriver.step_utterances``; None for a driver
# whose speech is not known ahead).
StepSpeech = Callable[[Lesson, int, float, str | None], list[tuple[str, float]]]


class StaleState(Exception):
    """The hot state a turn was built on is behind the database."""


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
    "audio_parts": None,
    "idempotency_key": None,
    "request_hash": None,
}


def _turn_row(**values: Any) -> dict[str, Any]:
    """One ``agent_turns`` row with every column set: rows of one insert share their columns."""
    return {"id": uuid.uuid4(), **_TURN_COLUMNS, **values}


class ChatService:
    """Runs a turn inside the request's transaction; the request's dependency commits once and
    then runs what :meth:`handle_turn` registered: :meth:`after_commit`."""

    def __init__(
        self,
        db: AsyncSession,
        *,
        driver: AgentDriverProtocol,
        read_sessionmaker: async_sessionmaker[AsyncSession],
        hot: HotSessionStore,
        speech: SpeechService,
        lessons: LessonCatalog,
        context_turns: int,
        progress: ProgressService | None = None,
        presynthesis: LessonPresynthesis | None = None,
        summaries: SummaryScheduler | None = None,
        step_speech: StepSpeech | None = None,
    ) -> None:
        self.db = db
        self.sessions = SessionRepository(db)
        self.driver = driver
        self.read_sessionmaker = read_sessionmaker
        self.hot = hot
        self.speech = speech
        self.lessons = lessons
        self.context_turns = context_turns
        self.progress = progress
        self.presynthesis = presynthesis
        self.summaries = summaries
        self.step_speech = step_speech

    async def handle_turn(
        self, request: TurnRequest, stream: ReplyStream | None = None
    ) -> TurnResult:
        started = time.perf_counter()
        # 1. Read: rate limit, hot state, gender, the Idempotency-Key: one round trip.
        cached = await self.hot.read(
            request.session_id, request.scoped_key, request.limit, request.user_id
        )
        gender = await self._learner_gender(request.user_id, cached.gender)
        # A key Redis has not seen is new: the unique index still catches a lost mark.
        if request.scoped_key is not None and cached.key_seen is not False:
            replay = await self._replay(request)
            if replay is not None:
                return replay
        # 2. Ask the driver; 3. write the batch.
        result, effects = await self._answer(
            request,
            cached.session,
            started,
            gender,
            stream,
            cached.audio_marks,
            cached.asked_marks,
        )
        if effects is not None:
            if stream is not None:  # first: its sentences' speech is this stored turn's
                call_after_commit(self.db, stream.stored)
            # 4. After the commit: the side effects, in the order after_commit gives.
            call_after_commit(self.db, lambda: self.after_commit(effects))
        return result

    async def after_commit(self, effects: AfterCommit) -> None:
        """The turn's side effects, once it is stored, in this order (see the module's
        docstring): speech, the lesson's audio ahead of time, the hot state, the summary."""
        request, hot = effects.request, effects.hot
        # Stored speech's audio_ready rides on the write-through's round trip (first in it),
        # but a new session's (its hash is written by another script).
        ready: list[tuple[str, str]] = []
        for speech in effects.speech:
            if speech.job is None and not effects.is_new:
                ready.append(self.speech.ready_event(speech))
            else:
                self.speech.hand_over(speech)
        if effects.starts_lesson is not None and self.presynthesis is not None:
            self.presynthesis.start(
                effects.starts_lesson,
                user_id=request.user_id,
                session_id=hot.id,
                voice=request.prefs.voice,
                speed=request.prefs.speed,
                gender=effects.gender,
            )
        # A summary that is due has its lock taken in the write-through's round trip (a new
        # session's, two turns long, never is: context_turns and summary_after are >= 2).
        summaries = self.summaries
        lock = None
        if summaries is not None and not effects.is_new:
            lock = summaries.lock_if_due(hot)
        locked = await self.hot.write_turn(
            hot,
            request.scoped_key,
            new=effects.is_new,
            lock=lock,
            lock_ttl=LOCK_TTL,
            publish=ready,
            audio_marks=self._next_speech_marks(request, hot, effects.gender),
        )
        if locked and summaries is not None:
            await summaries.enqueue(hot)

    def _next_speech_marks(
        self, request: TurnRequest, hot: HotSession, gender: Gender | None
    ) -> list[str]:
        """The audio marks of what the session's next turn may say (its lesson step's lines,
        at this turn's voice and speed): the write-through keeps the ones set and the others,
        and the next turn's read returns the first and asks about the others again, so its
        speech, when among them, needs no round trip of its own."""
        lesson = self._lesson(hot)
        if self.step_speech is None or lesson is None or hot.state.completed:
            return []
        lines = self.step_speech(lesson.lesson, hot.state.step_index, request.prefs.speed, gender)
        return self.speech.marks_for(lines, voice=request.prefs.voice)

    # -- 1. read ------------------------------------------------------------------------

    async def _replay(self, request: TurnRequest) -> TurnResult | None:
        """The stored reply to this Idempotency-Key, if the turn was stored; 409 if the key
        came with another body. A replay says where the session stands now."""
        assert request.scoped_key is not None
        async with self.read_sessionmaker() as session:
            reads = SessionRepository(session)
            learner_turn = await reads.turn_by_idempotency_key(request.scoped_key)
            if learner_turn is None:
                return None
            if learner_turn.request_hash != request.fingerprint():
                raise Conflict(
                    "This Idempotency-Key was already used for a different request.",
                    code="idempotency_key_reused",
                )
            tutor_turn = await reads.turn_at(learner_turn.session_id, learner_turn.seq + 1)
            agent_session = await reads.get(learner_turn.session_id)
        if tutor_turn is None or agent_session is None:  # pragma: no cover - written together
            raise Conflict("The original turn is incomplete.", code="idempotency_conflict")
        return self._stored_result(tutor_turn, agent_session)

    def _stored_result(self, turn: AgentTurn, agent_session: AgentSession) -> TurnResult:
        lesson = self.lessons.get(agent_session.lesson_id) if agent_session.lesson_id else None
        state = LessonState(
            step_index=agent_session.step_index,
            attempts=agent_session.attempts,
            completed=agent_session.completed,
        )
        return TurnResult(
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
            lesson=LessonProgress.of(lesson, state),
            audio_parts=turn.audio_parts,
        )

    async def _load_session(
        self, request: TurnRequest, cached: HotSession | None
    ) -> tuple[HotSession, bool, bool]:
        """The session's state, whether it is new, and whether it came from the cache."""
        if request.lesson_id is not None and self.lessons.get(request.lesson_id) is None:
            raise LessonNotFound(request.lesson_id)
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

    # -- 2. ask -------------------------------------------------------------------------

    async def _answer(
        self,
        request: TurnRequest,
        hot: HotSession | None,
        started: float,
        gender: Gender | None,
        stream: ReplyStream | None,
        audio_marks: frozenset[str] = frozenset(),
        asked_marks: frozenset[str] = frozenset(),
    ) -> tuple[TurnResult, AfterCommit | None]:
        """The driver's reply, stored: from the hot state, and once more from the database
        when that state turns out stale (not streamed the second time: the text already
        shown is replaced by the final result's). ``audio_marks``: the marks the read found
        set (stored audio stays stored, so they hold for the second try too); ``asked_marks``:
        every mark the read asked about (those not set were not, then)."""
        streamer: StreamingDriver | None = None
        if stream is not None and isinstance(self.driver, StreamingDriver):
            streamer = self.driver
        while True:
            before, is_new, from_cache = await self._load_session(request, hot)
            context = self._context(request, before, is_new, gender)
            if stream is not None and streamer is not None:
                stream.begin(
                    user_id=request.user_id,
                    session_id=before.id,
                    voice=request.prefs.voice,
                    speed=request.prefs.speed,
                )
                reply = await streamer.reply_stream(context, stream)
                streamer = None  # asked again: not streamed
            else:
                reply = await self.driver.reply(context)
            try:
                return await self._store(
                    request,
                    before,
                    is_new,
                    reply,
                    started,
                    gender,
                    stream,
                    audio_marks,
                    asked_marks,
                )
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

    def _context(
        self, request: TurnRequest, hot: HotSession, is_new: bool, gender: Gender | None
    ) -> ConversationContext:
        return ConversationContext(
            session_id=hot.id,
            user_id=request.user_id,
            message=request.message,
            lesson=self._lesson(hot),
            state=hot.lesson_state,
            is_new_session=is_new,
            recent_turns=hot.state.recent,
            summary=hot.summary,
            prefs=request.prefs,
            speech=request.speech,
            learner_gender=gender,
        )

    def _lesson(self, hot: HotSession) -> LoadedLesson | None:
        return self.lessons.get(hot.state.lesson_id) if hot.state.lesson_id else None

    # -- 3. write -----------------------------------------------------------------------

    async def _store(
        self,
        request: TurnRequest,
        hot: HotSession,
        is_new: bool,
        reply: AgentReply,
        started: float,
        gender: Gender | None,
        stream: ReplyStream | None = None,
        audio_marks: frozenset[str] = frozenset(),
        asked_marks: frozenset[str] = frozenset(),
    ) -> tuple[TurnResult, AfterCommit | None]:
        """The turn's writes as one batch; returns the reply and what to do after the commit
        (nothing for a replay of a turn another request stored meanwhile)."""
        seq = hot.state.turn_count
        driver_name = reply.driver or self.driver.name
        tutor_turn_id = stream.turn_id if stream is not None else uuid.uuid4()
        lesson = self._lesson(hot)
        speech_batch = WriteBatch()
        speak = partial(
            self.speech.prepare,
            voice=request.prefs.voice,
            speed=reply.speech_speed or request.prefs.speed,
            session_id=hot.id,
            user_id=request.user_id,
            turn_id=tutor_turn_id,
            batch=speech_batch,
            marked=audio_marks,
            asked=asked_marks,
        )
        handoffs: list[SpeechHandoff] = []
        audio_parts: list[str] | None = None
        if stream is None or not stream.streamed:
            if reply.speech_text.strip():
                handoffs.append(await speak(reply.speech_text))
            audio_job_id = handoffs[0].key if handoffs else None
        else:
            # A streamed reply is spoken sentence by sentence; the stream asked for some.
            audio_parts = []
            for sentence in _speech_sentences(reply):
                key = self.speech.key_for(
                    sentence,
                    voice=request.prefs.voice,
                    speed=reply.speech_speed or request.prefs.speed,
                )
                if key not in stream.audio_keys:
                    handoff = await speak(sentence)
                    handoffs.append(handoff)
                    key = handoff.key
                audio_parts.append(key)
            audio_job_id = audio_parts[0] if audio_parts else None
        scoped_key = request.scoped_key
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
            audio_parts=audio_parts,
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
        )
        batch = WriteBatch()
        # Progress and review statements first; then the session row, its turns and speech.
        # The review cards a missed word names are read here, in the turn's transaction, just
        # before its writes (on SQLite the read takes the write lock the batch needs anyway).
        if self.progress is not None:
            await self.progress.record_turn(
                batch,
                user_id=request.user_id,
                lesson=lesson,
                starts_lesson=seq == 0,
                feedback=reply.feedback,
            )
        SessionRepository.write_turn(
            batch, before=hot, is_new=is_new, lesson=reply.state, turns=[learner, tutor]
        )
        batch.extend(speech_batch)
        try:
            # The transaction's last writes: the request commits next (nothing between can
            # fail), so on SQLite the COMMIT goes with them, in the same call to the driver.
            await batch.execute(self.db, last=True)
        except IntegrityError:
            # Another request won the race: the same Idempotency-Key, or a turn on this
            # session (or the state was stale). Nothing of ours is worth keeping.
            await self.sessions.discard()
            if scoped_key is not None:
                replay = await self._replay(request)
                if replay is not None:
                    return replay, None
            raise StaleState from None
        after = hot.after_turn(request.message, reply.text, reply.state, self.context_turns)
        result = TurnResult(
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
            lesson=LessonProgress.of(lesson, reply.state),
            audio_parts=audio_parts,
        )
        effects = AfterCommit(
            speech=handoffs,
            starts_lesson=lesson if seq == 0 else None,
            request=request,
            gender=gender,
            hot=after,
            is_new=is_new,
        )
        return result, effects


def _speech_sentences(reply: AgentReply) -> list[str]:
    """A streamed reply's speech in sentences, split as the stream split its text: the text's
    sentences, then the next line whole (a lesson line, whose audio may be stored already)."""
    if reply.speech is not None:
        return split_sentences(reply.speech)
    return [*split_sentences(reply.text), *([reply.next_dialogue] if reply.next_dialogue else [])]
