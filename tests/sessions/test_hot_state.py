"""Hot session state: served from Redis, written through, rebuilt identically when cold."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from redis import Redis

from polish_tutor.sessions.hot import FINISHED_TTL, HotSession, HotSessionStore, session_key
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.state import State
from tests.support.auth import sign_up
from tests.support.statements import counting, counting_driver_calls

LESSON = "a1-04-cafe"
# Right and wrong answers to the café lesson, in order; each is one learner turn.
ANSWERS = [
    "Dzień dobry",
    "poproszę kawa",
    "Poproszę kawę.",
    "z mlekem",
    "Z mlekiem, proszę.",
    "pomoc",
    "Poprosze herbate i ciastko.",
    "dalej",
    "Tak. Ile płace?",
    "Tak. Ile płacę?",
    "Dziękuję.",
]


def app_state(client: httpx.AsyncClient) -> State:
    app: Any = client._transport.app  # type: ignore[attr-defined]
    state: State = app.state.tutor
    return state


async def turn(client: httpx.AsyncClient, message: str, session_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if session_id is None:
        body["lesson_id"] = LESSON
    else:
        body["session_id"] = session_id
    response = await client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def cold_state(state: State, session_id: str) -> HotSession | None:
    async with state.read_sessionmaker() as session:
        return await SessionRepository(session).hot_state(
            uuid.UUID(session_id), state.settings.context_turns
        )


async def hot_state(state: State, session_id: str) -> HotSession | None:
    return (await state.hot.read(uuid.UUID(session_id), None)).session


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in ("text", "next_dialogue", "feedback", "audio_job_id")}


async def test_write_through_equals_the_rebuild_and_a_cold_cache_changes_nothing(
    app_client: httpx.AsyncClient, redis_url: str
) -> None:
    """Two learners say the same things; one session's hot state is evicted before every
    turn. Their replies, and the state Redis holds after each turn, are the same as what the
    database gives."""
    state = app_state(app_client)
    state.settings.context_turns = 4  # so that the window slides within one lesson
    other = httpx.AsyncClient(transport=app_client._transport, base_url="http://tutor")
    other.headers.update((await sign_up(other))["headers"])
    redis = Redis.from_url(redis_url)
    warm_id = cold_id = None
    for message in ANSWERS:
        warm = await turn(app_client, message, warm_id)
        if cold_id is not None:
            redis.delete(session_key(uuid.UUID(cold_id)))  # eviction, a restart, a new process
        cold = await turn(other, message, cold_id)
        warm_id, cold_id = warm["session_id"], cold["session_id"]
        assert comparable(warm) == comparable(cold)
        for session_id in (warm_id, cold_id):
            cached = await hot_state(state, session_id)
            assert cached is not None
            assert cached == await cold_state(state, session_id)
            # Kept for TUTOR_HOT_SESSION_TTL while the lesson goes on, an hour once it is done.
            ttl = redis.ttl(session_key(uuid.UUID(session_id)))
            if cached.state.completed:
                assert 0 < ttl <= FINISHED_TTL
            else:
                assert FINISHED_TTL < ttl <= state.settings.hot_session_ttl
    assert cached.state.turn_count == 2 * len(ANSWERS)
    assert len(cached.state.recent) == 4 and cached.state.recent[-1].role == "tutor"
    assert cached.state.completed
    # The transcript endpoint still returns everything.
    transcript = (await app_client.get(f"/sessions/{warm_id}")).json()
    assert len(transcript["turns"]) == 2 * len(ANSWERS)
    await other.aclose()


async def test_a_turn_on_stale_hot_state_is_replayed_from_the_database(
    app_client: httpx.AsyncClient,
) -> None:
    """Redis holds an old state (it came back after an outage during which turns were
    written): the turn is still stored once, in order, from the database's state."""
    state = app_state(app_client)
    first = await turn(app_client, ANSWERS[0], None)
    session_id = first["session_id"]
    old = await hot_state(state, session_id)
    await turn(app_client, ANSWERS[1], session_id)
    await turn(app_client, ANSWERS[2], session_id)
    assert old is not None
    await state.hot.forget(old.id)
    await state.hot.fill(old)  # Redis now says: one turn played
    stale = await hot_state(state, session_id)
    assert stale is not None and stale.state.turn_count == 2
    result = await turn(app_client, ANSWERS[4], session_id)
    assert result["feedback"]["verdict"] == "correct"  # the answer to line 3, not line 2
    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert [t["seq"] for t in transcript["turns"]] == list(range(8))
    assert await hot_state(state, session_id) == await cold_state(state, session_id)


async def test_a_warm_turn_reads_nothing_and_writes_once(
    app_client: httpx.AsyncClient, database_url: str
) -> None:
    state = app_state(app_client)
    session_id = (await turn(app_client, ANSWERS[0], None))["session_id"]
    await turn(app_client, ANSWERS[1], session_id)  # warms the hot state
    # The tutor's line is cached audio by now (a turn with fresh audio reads once more).
    with counting(state.engine, state.read_engine) as warm:
        result = await turn(app_client, ANSWERS[2], session_id)
    assert result["feedback"]["verdict"] == "correct"
    assert warm.counts["read"] <= 1, warm.statements
    if database_url.startswith("postgresql"):
        assert warm.counts["write"] == 1, warm.statements  # session, turns, outbox, progress
    else:
        assert 1 <= warm.counts["write"] <= 5, warm.statements  # in-process, one transaction

    await state.hot.forget(uuid.UUID(session_id))
    with counting(state.engine, state.read_engine) as cold:
        await turn(app_client, ANSWERS[3], session_id)
    assert cold.counts["read"] >= warm.counts["read"] + 2  # the session and its recent turns
    if database_url.startswith("postgresql"):
        assert cold.counts["write"] == 1, cold.statements


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_warm_turn_calls_aiosqlites_thread_once_and_a_wrong_one_twice(
    app_client: httpx.AsyncClient,
) -> None:
    """Each call into aiosqlite's thread costs ~70 µs of the API's CPU: a warm turn's
    transaction sends its BEGIN with its first statement and its COMMIT with its last, the
    write batch; a right answer makes that one call, a wrong one two (its review cards read
    first)."""
    engine = app_state(app_client).engine.sync_engine
    # No cursor listeners (tests/ops/test_sentry.py takes Sentry's off the Engine class
    # again): with them every statement takes SQLAlchemy's execution (kit.db.instrumented).
    assert not engine.dispatch.before_cursor_execute, "an earlier test left cursor listeners"
    assert not engine.dispatch.after_cursor_execute, "an earlier test left cursor listeners"
    session_id = (await turn(app_client, ANSWERS[0], None))["session_id"]
    with counting_driver_calls() as wrong:
        result = await turn(app_client, ANSWERS[1], session_id)  # "poproszę kawa"
    assert result["feedback"]["verdict"] not in ("correct", "acceptable")
    with counting_driver_calls() as right:
        result = await turn(app_client, ANSWERS[2], session_id)
    assert result["feedback"]["verdict"] == "correct"
    assert right.count == 1, right.calls
    assert wrong.count == 2, wrong.calls
    # The missed word's review card was read and rescheduled in that one transaction.
    cards = (await app_client.get("/review/due")).json()
    assert [(card["pl"], card["lapses"]) for card in cards[:1]] == [("kawa", 1)], cards


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_cold_turn_rebuilds_the_hot_state_in_two_calls_to_aiosqlites_thread(
    app_client: httpx.AsyncClient,
) -> None:
    """A cold turn (the hash evicted) reads the session row and its recent turns as rows, one
    call to aiosqlite's thread each (the ORM's get and scalars made four or five each), and
    writes its batch with the COMMIT in one more."""
    engine = app_state(app_client).engine.sync_engine
    if engine.dispatch.before_cursor_execute or engine.dispatch.after_cursor_execute:
        pytest.skip("an earlier test instrumented every engine (Sentry's SQLAlchemy hooks)")
    state = app_state(app_client)
    session_id = (await turn(app_client, ANSWERS[0], None))["session_id"]
    await turn(app_client, ANSWERS[1], session_id)
    expected = await hot_state(state, session_id)
    await state.hot.forget(uuid.UUID(session_id))
    with counting_driver_calls() as cold:
        result = await turn(app_client, ANSWERS[2], session_id)
    assert result["feedback"]["verdict"] == "correct"
    assert cold.count == 3, cold.calls
    # What it rebuilt is what write-through had held (the turn then moved it on).
    assert expected is not None
    after = await hot_state(state, session_id)
    assert after is not None and after.state.turn_count == expected.state.turn_count + 2
    assert after == await cold_state(state, session_id)


async def test_turns_go_on_from_the_database_while_redis_is_down(
    settings: Any, database_url: str
) -> None:
    from tests.conftest import free_port
    from tests.support.app import signed_in_app

    settings.redis_url = f"redis://127.0.0.1:{free_port()}"  # nothing listens there
    async with signed_in_app(settings) as client:
        session_id = None
        for message in ANSWERS[:5]:
            result = await turn(client, message, session_id)
            session_id = result["session_id"]
        assert result["feedback"]["verdict"] == "correct"
        assert result["next_dialogue"] == "Coś jeszcze?"
        state = app_state(client)
        assert state.hot.available is False
        ready = (await client.get("/readyz")).json()
        assert ready["status"] == "degraded" and ready["checks"]["hot_state"].startswith("database")
        transcript = (await client.get(f"/sessions/{session_id}")).json()
        assert transcript["turn_count"] == 10 and transcript["step_index"] == 2


@pytest.mark.parametrize("ttl", [60])
async def test_hot_state_expires_with_the_configured_ttl(redis_url: str, ttl: int) -> None:
    from redis.asyncio import Redis as AsyncRedis

    from polish_tutor.sessions.hot import HotState

    redis = AsyncRedis.from_url(redis_url)
    store = HotSessionStore(redis, ttl=ttl)
    hot = HotSession(
        id=uuid.uuid4(),
        state=HotState(
            user_id=None,
            lesson_id=None,
            step_index=0,
            attempts=0,
            completed=False,
            turn_count=2,
            recent=[],
        ),
        summary="",
        summary_upto=0,
    )
    await store.fill(hot)
    assert 0 < await redis.ttl(session_key(hot.id)) <= ttl
    assert (await store.read(hot.id, None)).session == hot
    # A late write of an older turn never replaces a newer state.
    newer = hot.model_copy(update={"state": hot.state.model_copy(update={"turn_count": 4})})
    await store.write_turn(newer, None, new=False)
    await store.write_turn(hot, None, new=False)
    assert (await store.read(hot.id, None)).session == newer
    await redis.aclose()


async def test_a_turns_write_through_takes_a_due_summarys_lock_once(redis_url: str) -> None:
    """The summary lock rides on the write-through's round trip: taken if free (with its TTL),
    not again while held, and taken even by a late write that leaves the state alone."""
    from redis.asyncio import Redis as AsyncRedis

    from polish_tutor.sessions.hot import HotState
    from polish_tutor.sessions.summaries import LOCK_TTL, summary_lock

    redis = AsyncRedis.from_url(redis_url)
    store = HotSessionStore(redis, ttl=60)
    state = HotState(
        user_id=None,
        lesson_id=None,
        step_index=0,
        attempts=0,
        completed=False,
        turn_count=30,
        recent=[],
    )
    hot = HotSession(id=uuid.uuid4(), state=state, summary="", summary_upto=0)
    lock = summary_lock(hot.id)
    assert await store.write_turn(hot, None, new=False) is False
    assert await redis.exists(lock) == 0
    assert await store.write_turn(hot, "u:k", new=False, lock=lock, lock_ttl=LOCK_TTL) is True
    assert 0 < await redis.ttl(lock) <= LOCK_TTL
    assert await redis.exists("tutor:idem:u:k") == 1
    older = hot.model_copy(update={"state": state.model_copy(update={"turn_count": 28})})
    assert await store.write_turn(older, None, new=False, lock=lock, lock_ttl=LOCK_TTL) is False
    await redis.delete(lock)
    assert await store.write_turn(older, None, new=False, lock=lock, lock_ttl=LOCK_TTL) is True
    assert (await store.read(hot.id, None)).session is None  # no summary fields: not whole
    assert int(await redis.hget(session_key(hot.id), "n")) == 30
    await redis.delete(lock, session_key(hot.id), "tutor:idem:u:k")
    await redis.aclose()


def speech_status(database_url: str, audio_key: str) -> list[str]:
    """The statuses of the speech requests for ``audio_key``."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from polish_tutor.settings import normalise_database_url, sync_database_url

    engine = create_engine(
        sync_database_url(normalise_database_url(database_url)), poolclass=NullPool
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT status FROM tts_outbox WHERE audio_key = :key"), {"key": audio_key}
            )
            return [row[0] for row in rows]
    finally:
        engine.dispose()


async def test_the_next_steps_stored_speech_rides_on_the_hot_state(
    app_client: httpx.AsyncClient, redis_url: str, database_url: str
) -> None:
    """A turn's write-through keeps which of the next step's lines have their audio marked
    (only those), and the next turn's read returns them: a turn whose speech is among them
    knows it is stored without a mark of its own (deleted here before the turn, so only the
    hot state can say so). A line not marked then is asked about as before."""
    from polish_tutor.ai_agent.drivers.local import LocalDriver
    from polish_tutor.tts.cache_index import audio_mark

    state = app_state(app_client)
    assert isinstance(state.driver, LocalDriver)
    lesson = state.lessons.get(LESSON)
    assert lesson is not None
    redis = Redis.from_url(redis_url)
    async with state.sessionmaker() as session:
        speech = state.speech.on(session)
        right, retry, line, slower = speech.marks_for(
            state.driver.step_utterances(lesson.lesson, 0, 1.0, None), voice=None
        )
        next_retry = speech.marks_for(
            state.driver.step_utterances(lesson.lesson, 1, 1.0, None), voice=None
        )[1]

    session_id = (await turn(app_client, ANSWERS[0], None))["session_id"]
    read = await state.hot.read(uuid.UUID(session_id), None)
    assert read.audio_marks == frozenset()  # nothing of step 0 was stored yet
    for mark in (right, retry):  # the worker stores two of step 0's lines
        redis.set(mark, 1)
    wrong = await turn(app_client, ANSWERS[1], session_id)  # a wrong answer: still step 0
    assert wrong["feedback"]["verdict"] == "incorrect"
    assert audio_mark(wrong["audio_job_id"]) == retry
    read = await state.hot.read(uuid.UUID(session_id), None)
    assert read.audio_marks == {right, retry}  # not the line or its slower repeat

    redis.delete(right, retry)  # the marks are lost (eviction, a flush): the audio is not
    answered = await turn(app_client, ANSWERS[2], session_id)
    assert answered["feedback"]["verdict"] == "correct"
    assert audio_mark(answered["audio_job_id"]) == right
    # Stored, as the hot state said: done at once, no job.
    assert speech_status(database_url, answered["audio_job_id"]) == ["done"]

    # Step 1's lines were not marked when that turn was written through, nor at the next read.
    assert (await state.hot.read(uuid.UUID(session_id), None)).audio_marks == frozenset()
    missed = await turn(app_client, ANSWERS[3], session_id)
    assert audio_mark(missed["audio_job_id"]) == next_retry
    assert speech_status(database_url, missed["audio_job_id"]) != ["done"]  # a job, pending


async def test_the_next_steps_lines_not_stored_are_asked_about_again_in_the_next_read(
    app_client: httpx.AsyncClient, redis_url: str, database_url: str
) -> None:
    """The write-through also keeps the next step's lines whose marks were not set, and the
    next turn's read asks about them again, in its one round trip: a line stored in between
    is found stored, one still not stored goes to the queue, and neither turn asks Redis about
    its speech on its own (no EXISTS). A line the read did not ask about is asked as before."""
    from polish_tutor.ai_agent.drivers.local import LocalDriver
    from polish_tutor.tts.cache_index import audio_mark

    state = app_state(app_client)
    assert isinstance(state.driver, LocalDriver)
    lesson = state.lessons.get(LESSON)
    assert lesson is not None
    redis = Redis.from_url(redis_url)
    async with state.sessionmaker() as session:
        speech = state.speech.on(session)
        step0 = speech.marks_for(
            state.driver.step_utterances(lesson.lesson, 0, 1.0, None), voice=None
        )
    right, retry = step0[:2]
    session_id = (await turn(app_client, ANSWERS[0], None))["session_id"]
    read = await state.hot.read(uuid.UUID(session_id), None)
    assert read.audio_marks == frozenset()
    assert read.asked_marks == set(step0)

    sent: list[str] = []
    client: Any = state.redis
    execute = client.execute_command

    async def counted(*args: Any, **options: Any) -> Any:
        sent.append(str(args[0]))
        return await execute(*args, **options)

    client.execute_command = counted
    try:
        redis.set(retry, 1)  # stored after the write-through, before the next turn
        wrong = await turn(app_client, ANSWERS[1], session_id)
        assert audio_mark(wrong["audio_job_id"]) == retry
        assert speech_status(database_url, wrong["audio_job_id"]) == ["done"]  # the read said
        answered = await turn(app_client, ANSWERS[2], session_id)  # its line is not stored
        assert answered["feedback"]["verdict"] == "correct"
        assert audio_mark(answered["audio_job_id"]) == right
        assert speech_status(database_url, answered["audio_job_id"]) != ["done"]  # a job
        assert "EXISTS" not in sent, sent
    finally:
        del client.execute_command

    # A hash written by an earlier version (no ``unset``) says nothing of the lines not set.
    redis.hdel(session_key(uuid.UUID(session_id)), "unset")
    read = await state.hot.read(uuid.UUID(session_id), None)
    assert read.asked_marks == frozenset() and read.audio_marks == frozenset()
