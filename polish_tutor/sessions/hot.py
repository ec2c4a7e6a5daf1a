"""Hot session state in Redis: what the next turn needs, without asking the database.

One hash per session, ``tutor:session:{id}``:

* ``n`` — the session's turn count, which orders writes;
* ``state`` — JSON: owner, lesson, step, tries, completion and the last ``context_turns`` turns;
* ``summary`` / ``upto`` — the running summary of turns ``[0, upto)``;
* ``audio`` — which of the audio marks the next turn may need were set when the last turn was
  written through (space-separated key names), and ``unset`` the others: the next turn's read
  returns the first and asks about the second again (a line stored since), so a turn whose
  speech is among them need not ask Redis again (``ChatService.after_commit``).

A turn writes ``n`` and ``state`` through after its transaction commits, and only if it is
newer than what Redis holds (a Lua script, one round trip), so a late write never overwrites
a later turn. The summary job writes ``summary`` and ``upto`` the same way. A missing or partial
hash (restart, eviction, TTL, a flush) is rebuilt from the database by
:meth:`SessionRepository.hot_state`, which gives exactly what write-through would have given.
Redis being down is not an error here: reads and writes return nothing, and the turn is served
from the database (``/readyz`` says so).

The database stays the authority: a turn is written with the sequence numbers it read here, and
the unique ``(session_id, seq)`` constraint rejects a turn built on stale state, which the
chat service then replays from the database.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError

from polish_tutor.auth.gender_cache import cached_gender, gender_key, remember_gender
from polish_tutor.kit.metrics import HOT_SESSION, child
from polish_tutor.kit.rate_limit import Limit, counting, unavailable
from polish_tutor.kit.redis_script import RedisScript
from polish_tutor.turn_types import LessonState, RecentTurn

log = logging.getLogger(__name__)

# KEYS[2], when not "", is the Idempotency-Key's marker (ARGV[4] its TTL); KEYS[3], when
# not "", the session's summary lock, taken if free (ARGV[5] its TTL; the reply says whether
# it was: ``sessions/summaries.py`` then queues the job); ARGV[6…] (channel, message) pairs
# published first (the turn's ``audio_ready`` for stored speech); KEYS[4…] audio marks the
# next turn may need, the ones set kept in ``audio``, the others in ``unset``. One call, one
# round trip (a script in a pipeline would cost a SCRIPT EXISTS first). Returns {written, locked}.
_MARKS_SET = """
local function marks_set(first)
  local set, unset = {}, {}
  for i = first, #KEYS do
    if redis.call('EXISTS', KEYS[i]) == 1 then
      set[#set + 1] = KEYS[i]
    else
      unset[#unset + 1] = KEYS[i]
    end
  end
  return table.concat(set, ' '), table.concat(unset, ' ')
end
"""
_WRITE_TURN = (
    _MARKS_SET
    + """
for i = 6, #ARGV, 2 do redis.call('PUBLISH', ARGV[i], ARGV[i + 1]) end
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], 1, 'EX', ARGV[4]) end
local written, locked = 0, 0
local current = redis.call('HGET', KEYS[1], 'n')
if not (current and tonumber(current) >= tonumber(ARGV[1])) then
  local set, unset = marks_set(4)
  redis.call('HSET', KEYS[1], 'n', ARGV[1], 'state', ARGV[2], 'audio', set, 'unset', unset)
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  written = 1
end
if KEYS[3] ~= '' and redis.call('SET', KEYS[3], 1, 'NX', 'EX', ARGV[5]) then locked = 1 end
return {written, locked}
"""
)
# KEYS[2], when not "", the Idempotency-Key's marker (ARGV[6] its TTL); KEYS[3…] audio marks
# as in _WRITE_TURN.
_FILL = (
    _MARKS_SET
    + """
if KEYS[2] and KEYS[2] ~= '' then redis.call('SET', KEYS[2], 1, 'EX', ARGV[6]) end
local current = redis.call('HGET', KEYS[1], 'n')
if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
local set, unset = marks_set(3)
redis.call('HSET', KEYS[1], 'n', ARGV[1], 'state', ARGV[2], 'summary', ARGV[3], 'upto', ARGV[4],
  'audio', set, 'unset', unset)
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""
)
# The turn's first read, one round trip: KEYS are the session's hash, the Idempotency-Key's
# marker, the learner's gender and the learner's rate-limit counter (window ARGV[1], counted by
# kit.rate_limit); "" for what is not asked. The hash's ``unset`` marks are asked about again
# (EXISTS each; the keys are named by the hash, as the write-through was given them: one
# Redis, no cluster): a sixth field says which are set now.
_READ = counting(
    """
local fields, seen, gender = false, 0, false
if KEYS[1] ~= '' then
  fields = redis.call('HMGET', KEYS[1], 'state', 'summary', 'upto', 'audio', 'unset')
  fields[6] = false
  if fields[5] then
    local now = {}
    for mark in string.gmatch(fields[5], '%S+') do
      if redis.call('EXISTS', mark) == 1 then now[#now + 1] = mark end
    end
    fields[6] = table.concat(now, ' ')
  end
end
if KEYS[2] ~= '' then seen = redis.call('EXISTS', KEYS[2]) end
if KEYS[3] ~= '' then gender = redis.call('GET', KEYS[3]) end
return {fields, seen, gender}
"""
)
_WRITE_SUMMARY = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[1], 'upto')
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'upto', ARGV[1], 'summary', ARGV[2])
return 1
"""

# A finished lesson's session stays hot for at most an hour (TUTOR_HOT_SESSION_TTL otherwise).
FINISHED_TTL = 3600


def session_key(session_id: uuid.UUID) -> str:
    return f"tutor:session:{session_id}"


def idempotency_marker(scoped_key: str) -> str:
    return f"tutor:idem:{scoped_key}"


class HotState(BaseModel):
    """Everything about a session that is not its summary."""

    user_id: uuid.UUID | None
    lesson_id: str | None
    step_index: int
    attempts: int
    completed: bool
    turn_count: int
    recent: list[RecentTurn]


class HotSession(BaseModel):
    id: uuid.UUID
    state: HotState
    summary: str
    summary_upto: int

    @property
    def lesson_state(self) -> LessonState:
        return LessonState(
            step_index=self.state.step_index,
            attempts=self.state.attempts,
            completed=self.state.completed,
        )

    def after_turn(
        self, learner: str, tutor: str, lesson: LessonState, context_turns: int
    ) -> HotSession:
        recent = [
            *self.state.recent,
            RecentTurn(role="learner", text=learner),
            RecentTurn(role="tutor", text=tutor),
        ]
        state = self.state.model_copy(
            update={
                "step_index": lesson.step_index,
                "attempts": lesson.attempts,
                "completed": lesson.completed,
                "turn_count": self.state.turn_count + 2,
                "recent": recent[-context_turns:],
            }
        )
        return self.model_copy(update={"state": state})


@dataclass(frozen=True, slots=True)
class HotRead:
    session: HotSession | None
    # Whether this Idempotency-Key was seen: True, False, or None when Redis cannot say.
    key_seen: bool | None
    # The learner's gender: "feminine", "masculine", "" (not given), None (not cached).
    gender: str | None = None
    # The audio marks the session's last write-through found set (of those it was given: the
    # speech this turn may need), and those of the others set now (asked in this read). Stored
    # audio is never removed, so these stay true.
    audio_marks: frozenset[str] = frozenset()
    # Every mark the last write-through was given: a mark among these but not among
    # ``audio_marks`` was not set at this read (its speech is not stored, as far as Redis knew).
    asked_marks: frozenset[str] = frozenset()


class HotSessionStore:
    def __init__(self, redis: AsyncRedis, *, ttl: int, idempotency_ttl: int = 24 * 3600) -> None:
        self.redis = redis
        self.ttl = ttl
        self.idempotency_ttl = idempotency_ttl
        self.available = True
        # A turn's two round trips (its read, its write-through): without redis-py's layers.
        self._read = RedisScript(redis, _READ)
        self._write_turn = RedisScript(redis, _WRITE_TURN)
        self._fill = RedisScript(redis, _FILL)

    def _failed(self, exc: RedisError) -> None:
        HOT_SESSION.labels("error").inc()
        if self.available:
            log.warning("hot session state unavailable, serving turns from the database: %s", exc)
        self.available = False

    async def read(
        self,
        session_id: uuid.UUID | None,
        scoped_key: str | None,
        limit: Limit | None = None,
        user_id: uuid.UUID | None = None,
    ) -> HotRead:
        """The session's hot state, whether the Idempotency-Key was used, (with ``limit``)
        one hit on the learner's rate limit, judged here (429 past it), and (with
        ``user_id``) the learner's gender: one round trip."""
        if session_id is None and scoped_key is None and limit is None and user_id is None:
            return HotRead(None, False)
        keys = [
            session_key(session_id) if session_id is not None else "",
            idempotency_marker(scoped_key) if scoped_key is not None else "",
            gender_key(user_id) if user_id is not None else "",
            limit.key if limit is not None else "",
        ]
        try:
            fields, seen, gender, count, ttl = await self._read(
                keys=keys, args=[limit.window if limit is not None else 0]
            )
        except RedisError as exc:
            self._failed(exc)
            if limit is not None:
                unavailable(limit, exc)
            return HotRead(None, None)
        self.available = True
        if limit is not None:
            limit.judge(count, ttl)
        hot, marks, asked = None, frozenset[str](), frozenset[str]()
        if session_id is not None:
            state, summary, upto, audio, unset, now = fields or [None] * 6
            hot = self._parse(session_id, [state, summary, upto])
            child(HOT_SESSION, "hit" if hot is not None else "miss").inc()
            if hot is not None:
                marks = frozenset(audio.decode().split()) if audio else marks
                if unset is not None:
                    # (a hash written by an earlier version has no ``unset``: it says nothing
                    # of the marks not set, which are then asked about as before)
                    asked = marks | frozenset(unset.decode().split())
                    if now:
                        marks = marks | frozenset(now.decode().split())
        seen = bool(seen) if scoped_key is not None else False
        return HotRead(hot, seen, cached_gender(gender), marks, asked)

    async def remember_gender(self, user_id: uuid.UUID, gender: str | None) -> None:
        """Cache the learner's gender (after a database read, or a change that committed)."""
        try:
            await remember_gender(self.redis, user_id, gender)
        except RedisError as exc:
            self._failed(exc)

    @staticmethod
    def _parse(session_id: uuid.UUID, fields: list[bytes | None]) -> HotSession | None:
        state, summary, upto = fields
        if state is None or summary is None or upto is None:
            return None
        try:
            return HotSession(
                id=session_id,
                state=HotState.model_validate_json(state),
                summary=summary.decode(),
                summary_upto=int(upto),
            )
        except ValueError:  # written by another version: rebuild it
            return None

    async def write_turn(
        self,
        hot: HotSession,
        scoped_key: str | None,
        *,
        new: bool,
        lock: str | None = None,
        lock_ttl: int = 0,
        publish: Sequence[tuple[str, str]] = (),
        audio_marks: Sequence[str] = (),
    ) -> bool:
        """After the turn's commit: the new state, and the Idempotency-Key as used, in one
        round trip. A new session's hash is written whole (its summary is empty). For a
        session that is not new, the same round trip also publishes ``publish``'s (channel,
        message) pairs first, and with ``lock`` (a session's summary lock) takes that key if
        it is free (``SET NX``, ``lock_ttl`` seconds): returns whether it did (False if Redis
        is down: the next turn past the threshold tries again; an event lost with it only
        means the client polls). ``audio_marks``: the marks of the speech the next turn may
        need; the ones set are kept with the state, for the next turn's read."""
        try:
            if new:
                keys = [
                    session_key(hot.id),
                    idempotency_marker(scoped_key) if scoped_key is not None else "",
                    *audio_marks,
                ]
                await self._fill(keys=keys, args=[*self._fill_args(hot), self.idempotency_ttl])
                return False
            keys = [
                session_key(hot.id),
                idempotency_marker(scoped_key) if scoped_key is not None else "",
                lock or "",
                *audio_marks,
            ]
            args: list[str | int] = [
                hot.state.turn_count,
                hot.state.model_dump_json(),
                self.ttl_of(hot),
                self.idempotency_ttl,
                lock_ttl,
                *(part for pair in publish for part in pair),
            ]
            _, locked = await self._write_turn(keys=keys, args=args)
        except RedisError as exc:
            self._failed(exc)
            return False
        return bool(locked)

    def _fill_args(self, hot: HotSession) -> list[str | int]:
        return [
            hot.state.turn_count,
            hot.state.model_dump_json(),
            hot.summary,
            hot.summary_upto,
            self.ttl_of(hot),
        ]

    def ttl_of(self, hot: HotSession) -> int:
        """Seconds Redis keeps the session: a finished lesson's turns are rare (a look back, a
        question), so it leaves the hot set within ``FINISHED_TTL``; a rebuild is identical."""
        return min(self.ttl, FINISHED_TTL) if hot.state.completed else self.ttl

    async def fill(self, hot: HotSession) -> None:
        """Store state rebuilt from the database (unless a newer turn got there first)."""
        try:
            await self._fill(keys=[session_key(hot.id)], args=self._fill_args(hot))
        except RedisError as exc:
            self._failed(exc)

    async def forget(self, session_id: uuid.UUID) -> None:
        try:
            await self.redis.delete(session_key(session_id))
        except RedisError as exc:
            self._failed(exc)


def write_summary_sync(redis: Redis, session_id: uuid.UUID, summary: str, upto: int) -> None:
    """From a worker (sync Redis): the new summary, if the session is hot and it is newer."""
    redis.register_script(_WRITE_SUMMARY)(keys=[session_key(session_id)], args=[upto, summary])
