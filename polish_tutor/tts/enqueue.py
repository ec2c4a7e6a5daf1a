"""The relay's speech jobs onto the RQ queues from the event loop: one Lua script a round.

RQ is synchronous; calling it from the relay cost the API a hop to the thread pool and two to
four round trips of the synchronous client a round, RQ building and reading ``Job`` objects on
the way (about a tenth of the API's CPU under ``bench/turn_cpu.py``, competing with the event
loop for the GIL). Here RQ still builds each job's hash (``Queue.create_job``, then
``Job.to_dict``: the fields and their encoding are RQ's), and the async client sends the round
in one ``EVALSHA`` of :data:`_ENQUEUE`, which does for each line, atomically, what
``tts/queue.py``'s functions do in several steps:

- its own job (job id = audio key) waits in ``behind`` (speech made ahead of time): taken out
  and put at the front of its queue (``LPUSH``), now that a learner waits for it; waits in no
  queue (taken by a worker that died as it took it): put back at the front; waits, or runs:
  left alone;
- it has no job of its own: a job of several lines that has not ended carries it (its claim
  ``tts:line:<key>``; a claim younger than ``CLAIM_GRACE`` whose job does not exist yet is a
  relay enqueueing it): left to it; else its job is written as RQ's unique enqueue writes it
  (``HSET`` of the hash, ``RPUSH`` on the queue, ``SADD`` to RQ's set of queues);
- lines handed over together (a group of a learner's lines): the ones that have no job go in
  one job of several lines, each claimed for it, if they are the lines the job was built for;
  else the script writes nothing for them and they go again in the next call, in the job
  built for exactly them (one line alone: a job of its own);
- a learner's line alone that the relay has seen with a job (most often made ahead of time:
  the script moves it, as above) is sent without its job, which RQ's ``create_job`` and
  ``to_dict`` would build for nothing (~0.1 ms); should it have no job after all (it ended
  and expired, Redis lost it), the script writes none and it goes again with its job.

A line whose own job ended (finished, or failed for good; rare: its audio is stored then) is
replaced by RQ itself (:func:`~polish_tutor.tts.queue.enqueue_speech`, in the thread pool), as
are lines still changing after a few calls. Moving a job writes the three fields RQ's
``enqueue_job`` changes on a job that exists (``status``, ``origin``, ``enqueued_at``);
``tests/tts/test_enqueue.py`` checks, field for field, that both ways give RQ's own job.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis as AsyncRedis
from rq import Queue
from rq.job import Job, JobStatus
from rq.utils import now, utcformat

from polish_tutor.kit.redis_script import RedisScript
from polish_tutor.tts.queue import (
    CLAIM_GRACE,
    ENDED,
    JOB_FUNCTION,
    LINE_JOB,
    LINE_JOB_TTL,
    LINES_FUNCTION,
    RETRY_INTERVALS,
    SpeechJob,
    enqueue_speech,
    enqueue_speech_lines,
    lines_job,
    own_job,
)

# Calls of the script a round before the lines still changing go to RQ itself.
ATTEMPTS = 3

# ARGV[1..8]: RQ's set of queues, RQ's job and queue key prefixes, the claim prefix, a claim's
# TTL and grace, the time a moved job is enqueued at (RQ's format), the statuses of an ended
# job, then the groups: kind ("own": each line in a job of its own; "lines": one job for the
# lines without one), queue name, behind's name ("": none), n, the n line ids; then for "own"
# each line's job ("": not sent, written by no one), for "lines" the job's id and the job; a
# job is its hash's fields and values
# in one argument, each as "<length>:<bytes>" (one argument, not forty: the client encodes
# each argument apart, and that was most of the call's CPU). Returns each line's state, in
# order: new, moved, requeued, waiting, running, carried, ended (left to RQ), again (its
# group's job was built for other lines, or it has no job and none was sent: go again).
# The keys are built in the script: one Redis, as RQ needs (no cluster).
_ENQUEUE = """
local queues_key, job_prefix, queue_prefix, claim_prefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local claim_ttl, grace, enqueued_at = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local ended = {}
for status in string.gmatch(ARGV[8], '%S+') do ended[status] = true end

local function push(id, queue_name, front)
  local queue_key = queue_prefix .. queue_name
  redis.call(front and 'LPUSH' or 'RPUSH', queue_key, id)
  redis.call('SADD', queues_key, queue_key)
end

local function to_front(id, queue_name)
  redis.call('HSET', job_prefix .. id, 'status', 'queued', 'origin', queue_name,
    'enqueued_at', enqueued_at)
  push(id, queue_name, true)
end

-- The line's own job: nil if it has none, else what became of it.
local function own(id, queue_name, behind)
  local job = redis.call('HMGET', job_prefix .. id, 'status', 'origin')
  local status, origin = job[1], job[2]
  if not status then return nil end
  if ended[status] then return 'ended' end
  if status ~= 'queued' then return 'running' end
  if behind ~= '' and origin == behind then
    local taken = redis.call('LREM', queue_prefix .. behind, 1, id)
    to_front(id, queue_name)
    return taken == 1 and 'moved' or 'requeued'
  end
  if origin and redis.call('LPOS', queue_prefix .. origin, id) then return 'waiting' end
  to_front(id, queue_name)
  return 'requeued'
end

local function carried(id)
  local claim = claim_prefix .. id
  local carrier = redis.call('GET', claim)
  if not carrier then return false end
  local status = redis.call('HGET', job_prefix .. carrier, 'status')
  if status then return not ended[status] end
  return redis.call('TTL', claim) > claim_ttl - grace
end

local function save(id, queue_name, packed)
  local fields, at = {}, 1
  while at <= #packed do
    local colon = string.find(packed, ':', at, true)
    local size = tonumber(string.sub(packed, at, colon - 1))
    fields[#fields + 1] = string.sub(packed, colon + 1, colon + size)
    at = colon + size + 1
  end
  redis.call('HSET', job_prefix .. id, unpack(fields))
  push(id, queue_name, false)
end

local out, i = {}, 9
while i <= #ARGV do
  local kind, queue_name, behind, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local ids = i + 4
  i = ids + n
  if kind == 'own' then
    for k = 0, n - 1 do
      local id = ARGV[ids + k]
      local state = own(id, queue_name, behind)
      if not state then
        if carried(id) then
          state = 'carried'
        elseif ARGV[i] == '' then
          state = 'again'  -- sent without its job (the relay knew it had one): built next call
        else
          save(id, queue_name, ARGV[i])
          state = 'new'
        end
      end
      out[#out + 1] = state
      i = i + 1
    end
  else
    local carrier = ARGV[i]
    local states, fresh = {}, 0
    for k = 1, n do
      local id = ARGV[ids + k - 1]
      local state = own(id, queue_name, behind)
      if not state then
        state = carried(id) and 'carried' or 'again'
        if state == 'again' then fresh = fresh + 1 end
      end
      states[k] = state
    end
    if fresh == n then
      for k = 1, n do
        redis.call('SET', claim_prefix .. ARGV[ids + k - 1], carrier, 'EX', claim_ttl)
        states[k] = 'new'
      end
      save(carrier, queue_name, ARGV[i + 1])
    end
    for k = 1, n do out[#out + 1] = states[k] end
    i = i + 2
  end
end
return out
"""


class _PackedJob(Job):
    """RQ's ``Job`` as the relay builds one to pack its hash, with the serializer of the
    queue it is made for as that queue resolved it. ``Job`` resolves its serializer again
    for every job (``resolve_serializer``: an ``isinstance`` of RQ's runtime-checkable
    ``Serializer`` protocol, ~27 µs on Python 3.11, a fifth of packing a job); the queue
    checked the same object when it was made."""

    def __init__(
        self, id: str | None = None, connection: Any = None, serializer: Any = None
    ) -> None:
        super().__init__(id, connection)  # RQ's default serializer, not checked
        if serializer is not None:
            self.serializer = serializer


@dataclass(frozen=True, slots=True)
class SpeechGroup:
    """Lines the relay sends together: ``ahead`` (made ahead of time), each in a job of its own
    on the queue of speech made ahead; else a learner's, up to ``MAX_LINES`` in one job on the
    speech queue (one line: a job of its own), each moved to the front if it waits in the
    queue of speech made ahead."""

    lines: list[SpeechJob]
    request_id: str | None
    ahead: bool


@dataclass(frozen=True, slots=True)
class _Call:
    """A group as the script takes it, with the queue its jobs go to; ``packed``: with the
    lines' jobs (an "own" call without them writes no job: a line that has none comes back
    "again", and goes in the next call with its job)."""

    kind: str  # "own" or "lines"
    queue: Queue
    behind: Queue | None
    lines: list[SpeechJob]
    request_id: str | None
    packed: bool = True


# Audio keys this relay saw with a job (their last KNOWN, oldest out first): a learner's line
# among them is sent without its job, which the script would not write (see SpeechEnqueuer).
KNOWN = 4096


class SpeechEnqueuer:
    """Puts the relay's rounds of speech on RQ's queues with the async client (see the
    module's docstring); the script is sent by its SHA (loaded when Redis lacks it)."""

    def __init__(
        self,
        redis: AsyncRedis,
        *,
        job_timeout: int,
        retry_intervals: Sequence[int] = RETRY_INTERVALS,
    ) -> None:
        # Not redis-py's Script: its call goes through execute_command's layers (and checks
        # the client against two protocols), ~45 µs a round more (kit/redis_script.py).
        self._script = RedisScript(redis, _ENQUEUE)
        self._timeout = job_timeout
        self._retry_intervals = tuple(retry_intervals)
        self._packers: dict[int, tuple[Queue, Queue]] = {}
        self._known: dict[str, None] = {}  # insertion order: oldest first

    async def send(
        self, groups: Sequence[SpeechGroup], queue: Queue, ahead_queue: Queue | None
    ) -> None:
        """The round's groups onto the queues: one call of the script, one more only for a
        learner's lines of which some had a job or a carrier already (the others' job is built
        again for exactly them). Raises ``RedisError`` (Redis down): the caller
        keeps the requests in the outbox (enqueueing again is idempotent)."""
        calls = [self._call(group, queue, ahead_queue) for group in groups if group.lines]
        ended: list[tuple[_Call, SpeechJob]] = []
        for _ in range(ATTEMPTS):
            if not calls:
                break
            replies = iter(await self._script(args=self._args(calls)))
            again: list[_Call] = []
            for call in calls:
                states = [(line, _text(next(replies))) for line in call.lines]
                ended += [(call, line) for line, state in states if state == "ended"]
                redo = [line for line, state in states if state == "again"]
                self._saw(line.audio_key for line, state in states if state != "again")
                if redo:
                    again.append(_Call(_kind(redo), call.queue, call.behind, redo, call.request_id))
            calls = again
        if ended or calls:
            await asyncio.to_thread(self._by_rq, ended, calls)

    def _call(self, group: SpeechGroup, queue: Queue, ahead_queue: Queue | None) -> _Call:
        if group.ahead:
            target = ahead_queue if ahead_queue is not None else queue
            return _Call("own", target, None, group.lines, group.request_id)
        kind = _kind(group.lines)
        # A learner's line this relay saw with a job (most often made ahead of time, now
        # moved to the front): its job, which the script would leave unwritten, is not built.
        packed = kind != "own" or group.lines[0].audio_key not in self._known
        return _Call(kind, queue, ahead_queue, group.lines, group.request_id, packed)

    def _saw(self, keys: Iterable[str]) -> None:
        """Lines the script found with a job, or gave one (or left to RQ, which does)."""
        known = self._known
        for key in keys:
            known.pop(key, None)
            known[key] = None
        while len(known) > KNOWN:
            del known[next(iter(known))]

    def _args(self, calls: Sequence[_Call]) -> list[Any]:
        enqueued_at = utcformat(now())
        args: list[Any] = [
            Queue.redis_queues_keys,
            Job.redis_job_namespace_prefix,
            Queue.redis_queue_namespace_prefix,
            LINE_JOB,
            LINE_JOB_TTL,
            CLAIM_GRACE,
            enqueued_at,
            " ".join(ENDED),
        ]
        for call in calls:
            args += [
                call.kind,
                call.queue.name,
                call.behind.name if call.behind is not None else "",
                len(call.lines),
            ]
            args += [line.audio_key for line in call.lines]
            if call.kind == "own" and not call.packed:
                args += [b""] * len(call.lines)
            elif call.kind == "own":
                for line in call.lines:
                    options = own_job(line, **self._options(call))
                    args.append(self._packed(self._packer(call.queue), JOB_FUNCTION, options))
            else:
                job_id = "lines-" + uuid.uuid4().hex
                options = lines_job(job_id, call.lines, **self._options(call))
                args += [job_id, self._packed(self._packer(call.queue), LINES_FUNCTION, options)]
        return args

    def _packer(self, queue: Queue) -> Queue:
        """``queue`` as the relay packs its jobs: its name, connection, default timeout and
        serializer, its jobs :class:`_PackedJob` s (made once per queue)."""
        known = self._packers.get(id(queue))
        if known is not None and known[0] is queue:
            return known[1]
        packer = Queue(
            queue.name,
            connection=queue.connection,
            default_timeout=queue._default_timeout,
            job_class=_PackedJob,
            serializer=queue.serializer,
        )
        self._packers[id(queue)] = (queue, packer)
        return packer

    def _options(self, call: _Call) -> dict[str, Any]:
        return {
            "timeout": self._timeout,
            "retry_intervals": self._retry_intervals,
            "request_id": call.request_id,
        }

    @staticmethod
    def _packed(queue: Queue, function: str, options: dict[str, Any]) -> bytes:
        """The job's hash as RQ writes it on enqueue (``Queue.enqueue_call``: the job built by
        ``create_job``, stamped as ``Queue._prepare_for_queue`` stamps it, saved from
        ``to_dict``, empty fields left out as RQ's unique enqueue leaves them; each value
        encoded as the Redis client encodes it), packed for the script."""
        job = queue.create_job(function, status=JobStatus.QUEUED, **options)
        job.enqueued_at = now()
        parts = []
        for field, value in job.to_dict().items():
            if value is None:
                continue
            name = field.encode()
            data = value if isinstance(value, bytes) else _encoded(value)
            parts.append(b"%d:%b%d:%b" % (len(name), name, len(data), data))
        return b"".join(parts)

    def _by_rq(self, ended: list[tuple[_Call, SpeechJob]], calls: list[_Call]) -> None:
        """In the thread pool: lines whose own job ended (RQ replaces it), and lines still
        changing after :data:`ATTEMPTS` calls, as ``tts/queue.py`` enqueues them."""
        for call, line in ended:
            enqueue_speech(
                call.queue,
                line,
                timeout=self._timeout,
                retry_intervals=self._retry_intervals,
                request_id=call.request_id,
                behind=call.behind,
            )
        for call in calls:
            enqueue_speech_lines(
                call.queue,
                call.lines,
                timeout=self._timeout,
                retry_intervals=self._retry_intervals,
                request_id=call.request_id,
                behind=call.behind,
            )


def _kind(lines: Sequence[SpeechJob]) -> str:
    return "own" if len(lines) == 1 else "lines"


def _text(reply: bytes | str) -> str:
    return reply.decode() if isinstance(reply, bytes) else reply


def _encoded(value: Any) -> bytes:
    """A value as redis-py's encoder sends it (strings as UTF-8, numbers by ``repr``)."""
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value).encode()
    raise TypeError(f"a job field RQ writes that the relay cannot pack: {type(value).__name__}")
