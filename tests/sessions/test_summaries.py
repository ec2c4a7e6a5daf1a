"""Transcript summaries: queued past a threshold, written by a real RQ worker, bounded context;
each job folds only the turns that left the window since the last one."""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, event
from sqlalchemy.orm import undefer

from polish_tutor.ai_agent.summariser import (
    KEPT_MISTAKES,
    KEPT_WORDS,
    MAX_SUMMARY_CHARS,
    SessionFacts,
    TranscriptFacts,
    extractive_summary,
    fold,
    render,
)
from polish_tutor.kit.migrate import downgrade, upgrade
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.sessions import jobs as session_jobs
from polish_tutor.sessions.models import AgentSession, AgentTurn
from polish_tutor.sessions.repository import SessionRepository
from polish_tutor.state import State
from tests.conftest import ROOT
from tests.fakes.fixtures import fake_openai, openai_server  # noqa: F401 - fixtures
from tests.fakes.openai_fake import DEFAULT_NOTES, FakeOpenAI
from tests.sessions.test_hot_state import app_state, cold_state, hot_state, turn
from tests.support.statements import kind_of

CONTEXT_TURNS = 4
SUMMARY_AFTER = 4
# A learner who keeps getting the accusative wrong before getting it right: 12 messages.
MESSAGES = [
    "Dzień dobry",
    *["poproszę kawa"] * 7,
    "Poproszę kawę.",
    "Z mlekiem, proszę.",
    "Poprosze herbate i ciastko.",
    "Tak. Ile płacę?",
]


@pytest.fixture
def settings(settings: Any) -> Any:
    settings.context_turns = CONTEXT_TURNS
    settings.summary_after = SUMMARY_AFTER
    return settings


async def relay_idle(state: Any) -> None:
    """Until no outbox row is pending and no write transaction is open, three times in a row:
    the in-process worker blocks the event loop, so a transaction the application had open
    when it starts (the relay marking rows enqueued, even none) would keep SQLite locked."""
    from sqlalchemy import func, select

    from polish_tutor.tts.models import OutboxStatus, TtsOutbox

    quiet = 0
    for _ in range(200):
        async with state.read_sessionmaker() as session:
            pending = await session.scalar(
                select(func.count()).where(TtsOutbox.status == OutboxStatus.PENDING)
            )
        writing = state.engine.sync_engine.pool.checkedout()
        quiet = quiet + 1 if not pending and not writing else 0
        if quiet == 3:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the relay left speech requests pending")


def tutor_turn(seq: int, feedback: dict[str, Any] | None) -> AgentTurn:
    return AgentTurn(seq=seq, role="tutor", text="…", feedback=feedback)


def test_the_extractive_summary_names_mistakes_and_words_and_stays_bounded() -> None:
    wrong = {
        "verdict": "incorrect",
        "issues": [
            {
                "type": "inflection",
                "feature": "case",
                "expected": "kawę",
                "got": "kawa",
                "explanation": "…",
            }
        ],
    }
    right = {"verdict": "correct", "issues": [], "expected": "Poproszę kawę."}
    turns = [tutor_turn(2 * i + 1, wrong if i % 3 else right) for i in range(3000)]
    facts = SessionFacts(
        lesson="At the café (a1-04-cafe)", step_index=1, steps_total=5, completed=False
    )
    summary = extractive_summary(turns, facts)
    assert summary.startswith("Lesson At the café (a1-04-cafe): at line 2 of 5.")
    assert "1000 of 3000 accepted" in summary
    assert "inflection (case): kawa → kawę (×2000)" in summary
    assert "poproszę" in summary and "kawę" in summary
    assert len(summary) <= MAX_SUMMARY_CHARS
    assert extractive_summary(turns, facts) == summary  # deterministic


def test_in_free_practice_the_summary_keeps_the_words_asked_about() -> None:
    said = ["co znaczy herbata?", "Dzień dobry", "odmień kawa", "What does mlekiem mean?"]
    said += ["Co znaczy „herbata”?"]  # asked again: listed once
    turns = []
    for n, text in enumerate(said):
        turns.append(AgentTurn(seq=2 * n, role="learner", text=text, feedback=None))
        turns.append(AgentTurn(seq=2 * n + 1, role="tutor", text="…", feedback=None))
    facts = SessionFacts(lesson=None, step_index=0, steps_total=0, completed=False)
    summary = extractive_summary(turns, facts)
    assert "Words the learner asked about: herbata, kawa, mlekiem." in summary
    assert summary.endswith("The learner last wrote: Dzień dobry.")  # what else they wrote
    turns.append(AgentTurn(seq=len(turns), role="learner", text="Ile płacę?", feedback=None))
    assert extractive_summary(turns, facts).endswith("Dzień dobry | Ile płacę?")


LESSON_FACTS = SessionFacts(
    lesson="At the café (a1-04-cafe)", step_index=3, steps_total=5, completed=False
)
FREE_FACTS = SessionFacts(lesson=None, step_index=0, steps_total=0, completed=False)
WORDS = ["kawę", "herbatę", "mlekiem", "poproszę", "ciastko", "dziękuję", "płacę", "tak", "Ile"]
WORDS += [f"słowo{n}" for n in range(30)]
ISSUE_TYPES = ["inflection", "word_order", None]  # with the rest: 42 labels at most


def random_turns(rng: random.Random, count: int) -> list[AgentTurn]:
    """Learner and tutor turns with feedback of every shape the summary reads; fewer distinct
    mistakes and words than the folded facts keep."""
    turns = []
    for seq in range(count):
        if seq % 2 == 0:
            words = rng.choices(WORDS, k=rng.randint(1, 15))  # sometimes over 60 characters
            text = rng.choice(["  ", " ", "\n"]).join(words)
            if rng.random() < 0.2:  # a question about a word, in any of its forms
                asked = rng.choice(WORDS)
                text = rng.choice(
                    [f"co znaczy {asked}?", f"Odmień {asked}", f"What does {asked} mean"]
                )
            turns.append(AgentTurn(seq=seq, role="learner", text=text, feedback=None))
            continue
        verdict = rng.choice([None, "correct", "acceptable", "incorrect", "partial"])
        feedback: dict[str, Any] | None = None
        if verdict is not None or rng.random() < 0.5:
            feedback = {"verdict": verdict, "issues": []}
            if rng.random() < 0.8:
                feedback["expected"] = " ".join(rng.choices(WORDS, k=rng.randint(1, 5))) + "."
            for _ in range(rng.choice([0, 0, 1, 2, 3])):
                issue: dict[str, Any] = {"explanation": "…"}
                if (kind := rng.choice(ISSUE_TYPES)) is not None:
                    issue["type"] = kind
                if rng.random() < 0.5:
                    issue["feature"] = "case"
                if rng.random() < 0.8:
                    issue["expected"] = rng.choice(WORDS[:2])
                if rng.random() < 0.6:
                    issue["got"] = rng.choice(["kawa", "herbata"])
                feedback["issues"].append(issue)
        turns.append(AgentTurn(seq=seq, role="tutor", text="…", feedback=feedback))
    return turns


def stored(facts: TranscriptFacts) -> TranscriptFacts:
    """Through the session row's JSON and back, as between two jobs."""
    again = TranscriptFacts.from_json(json.loads(json.dumps(facts.to_json())))
    assert again is not None
    return again


def test_folding_in_chunks_renders_what_one_pass_over_every_turn_renders() -> None:
    rng = random.Random(20261130)
    for _ in range(300):
        turns = random_turns(rng, rng.randint(0, 160))
        cuts = sorted(rng.sample(range(len(turns) + 1), k=min(len(turns) + 1, rng.randint(0, 8))))
        folded = TranscriptFacts()
        for start, end in zip([0, *cuts], [*cuts, len(turns)], strict=True):
            folded = stored(fold(folded, turns[start:end]))
        whole = fold(TranscriptFacts(), turns)
        assert len(whole.mistakes) < KEPT_MISTAKES and len(whole.words) < KEPT_WORDS  # no cap
        assert len(whole.asked) < KEPT_WORDS
        assert folded == whole
        for facts in (LESSON_FACTS, FREE_FACTS):
            assert render(folded, facts) == extractive_summary(turns, facts)
    assert TranscriptFacts.from_json(None) is None  # never summarised, or before facts were kept
    assert TranscriptFacts.from_json({**TranscriptFacts().to_json(), "v": 99}) is None


def test_the_folded_facts_stay_bounded_and_keep_what_recurs() -> None:
    """Caps reached: every turn a new mistake and new words, one mistake recurring."""
    recurring = {"type": "inflection", "feature": "case", "expected": "kawę", "got": "kawa"}
    folded = TranscriptFacts()
    seq = 0
    for chunk in range(40):
        turns = []
        for _ in range(50):
            one_off = {"type": "spelling", "expected": f"x{seq}" * 200, "got": f"y{seq}"}
            issues = [one_off, recurring] if seq % 20 == 2 else [one_off]  # 1 in 10
            expected = f"Słowo{seq} inne{seq} {'z' * 500}."
            feedback = {"verdict": "correct", "expected": expected, "issues": issues}
            turns.append(AgentTurn(seq=seq, role="tutor", text="…", feedback=feedback))
            said = f"co znaczy pytanie{seq}?" if seq % 4 == 0 else "ja " * 500
            turns.append(AgentTurn(seq=seq + 1, role="learner", text=said, feedback=None))
            seq += 2
        folded = stored(fold(folded, turns))
        assert len(folded.mistakes) <= KEPT_MISTAKES and len(folded.words) <= KEPT_WORDS
        assert len(folded.asked) <= KEPT_WORDS
        assert len(folded.said) <= 3
        assert len(json.dumps(folded.to_json(), ensure_ascii=False)) < 20_000
        if chunk == 0:
            assert render(folded, FREE_FACTS) == extractive_summary(turns, FREE_FACTS)
    assert folded.answers == folded.correct == 2000
    summary = render(folded, FREE_FACTS)
    assert "Recurring mistakes: inflection (case): kawa → kawę (×200);" in summary
    assert f"inne{seq - 2}" in summary and "zzz" not in summary  # recent words; no giant tokens
    assert f"pytanie{seq - 4}" in summary and "pytanie0," not in summary  # recent questions
    assert len(summary) <= MAX_SUMMARY_CHARS


async def test_a_long_session_is_summarised_by_a_worker_and_its_context_stays_bounded(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    state = app_state(app_client)
    session_id = None
    for index, message in enumerate(MESSAGES):
        session_id = (await turn(app_client, message, session_id))["session_id"]
        if index % 4 == 3:
            await relay_idle(state)
            burst_worker()  # speech and, once past the threshold, the summary
    assert session_id is not None
    stored = await cold_state(state, session_id)
    assert stored is not None and stored.state.turn_count == 24
    # Queued after the turn that left 5 turns outside the window; folded up to its window.
    assert stored.summary_upto >= 2 * 8 - CONTEXT_TURNS
    assert "Recurring mistakes: inflection (case): kawa → kawę (×7)" in stored.summary
    assert "Earlier answers: 2 of 9 accepted." in stored.summary
    assert await hot_state(state, session_id) == stored  # the worker updated Redis too
    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert len(transcript["turns"]) == 24  # old turns stay; only the prompt is compressed


@dataclass
class TurnReads:
    """What summary jobs read of ``agent_turns``: each read's integer bounds, the rows loaded."""

    ranges: list[list[int]] = field(default_factory=list)
    rows: int = 0


@contextmanager
def turn_reads(engine: Engine) -> Iterator[TurnReads]:
    reads = TurnReads()

    def statement(conn: Any, cursor: Any, sql: str, parameters: Any, *args: Any) -> None:
        if kind_of(sql) == "read" and "FROM agent_turns" in sql:
            values = parameters.values() if isinstance(parameters, dict) else parameters
            reads.ranges.append([v for v in values if type(v) is int])

    def loaded(target: Any, context: Any) -> None:
        reads.rows += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(AgentTurn, "load", loaded)
    try:
        yield reads
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(AgentTurn, "load", loaded)


async def play(
    client: httpx.AsyncClient,
    session_id: str | None,
    messages: list[str],
    burst_worker: Callable[[], None],
) -> tuple[str, TurnReads]:
    """The messages as turns, then a burst of the worker (which runs the summary job queued
    past the threshold): the session and what the worker read of its turns."""
    for message in messages:
        session_id = (await turn(client, message, session_id))["session_id"]
    assert session_id is not None
    await relay_idle(app_state(client))
    with turn_reads(session_jobs.summaries.get().engine) as reads:
        burst_worker()
    return session_id, reads


async def one_pass(state: State, session_id: str, upto: int) -> tuple[str, dict[str, Any]]:
    """The extractive summary of turns [0, upto) from one pass over all of them (what every
    job computed before summaries were folded), and the facts of those turns."""
    key = uuid.UUID(session_id)
    async with state.read_sessionmaker() as session:
        repository = SessionRepository(session)
        row = await repository.get(key)
        turns = [t for t in await repository.transcript(key) if t.seq < upto]
    assert row is not None and len(turns) == upto
    lessons = LessonCatalog.from_directory(state.settings.lessons_dir)
    lesson = lessons.get(row.lesson_id) if row.lesson_id is not None else None
    facts = SessionFacts(
        lesson=f"{lesson.lesson.title} ({lesson.lesson.id})" if lesson is not None else None,
        step_index=row.step_index,
        steps_total=len(lesson.lesson.dialogue) if lesson is not None else 0,
        completed=row.completed,
    )
    return extractive_summary(turns, facts), fold(TranscriptFacts(), turns).to_json()


async def stored_facts(state: State, session_id: str) -> Any:
    async with state.read_sessionmaker() as session:
        row = await session.get(
            AgentSession, uuid.UUID(session_id), options=[undefer(AgentSession.summary_facts)]
        )
        assert row is not None
        return row.summary_facts


async def assert_summarised(state: State, session_id: str, upto: int) -> None:
    """Summary, facts and hot state as one pass over turns [0, upto) gives them."""
    stored = await cold_state(state, session_id)
    assert stored is not None and stored.summary_upto == upto
    summary, facts = await one_pass(state, session_id, upto)
    assert stored.summary == summary
    assert await stored_facts(state, session_id) == facts
    assert await hot_state(state, session_id) == stored


async def test_each_job_reads_only_the_turns_that_left_the_window_since_the_last(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    state = app_state(app_client)
    # Queued at turn 10 (6 turns outside the window of 4); run at 16 turns: up to turn 12.
    session_id, first = await play(app_client, None, MESSAGES[:8], burst_worker)
    assert first.ranges == [[0, 12]] and first.rows == 12
    await assert_summarised(state, session_id, 12)
    # Queued at turn 22, run at 32: turns [12, 28) only, one range read.
    session_id, second = await play(app_client, session_id, MESSAGES[4:], burst_worker)
    assert second.ranges == [[12, 28]] and second.rows == 16
    await assert_summarised(state, session_id, 28)  # the same as a pass over all 28 turns
    stored = await cold_state(state, session_id)
    assert stored is not None
    assert "Recurring mistakes: inflection (case): kawa → kawę (×11)" in stored.summary


async def test_a_session_summarised_before_facts_were_kept_is_folded_once_from_its_start(
    app_client: httpx.AsyncClient, burst_worker: Callable[[], None]
) -> None:
    state = app_state(app_client)
    session_id, _ = await play(app_client, None, MESSAGES[:8], burst_worker)
    # The schema and rows of before: the column dropped, then added back empty (the migration
    # under test). In a thread: the application's background tasks go on meanwhile.
    await asyncio.to_thread(downgrade, state.settings, "d4e8f1a2b3c5")
    await asyncio.to_thread(upgrade, state.settings)
    assert await stored_facts(state, session_id) is None
    before = await cold_state(state, session_id)
    assert before is not None and before.summary_upto == 12 and before.summary
    # Its next job folds the facts from turn 0 (once) ...
    session_id, rebuilt = await play(app_client, session_id, MESSAGES[4:], burst_worker)
    assert rebuilt.ranges == [[0, 28]] and rebuilt.rows == 28
    await assert_summarised(state, session_id, 28)
    # ... and the one after reads its new turns only.
    session_id, after = await play(app_client, session_id, MESSAGES[:8], burst_worker)
    assert after.ranges == [[28, 44]] and after.rows == 16
    await assert_summarised(state, session_id, 44)
    transcript = (await app_client.get(f"/sessions/{session_id}")).json()
    assert [t["seq"] for t in transcript["turns"]] == list(range(48))


@pytest.fixture
def openai_settings(settings: Any, fake_openai: FakeOpenAI) -> Any:  # noqa: F811
    settings.agent_driver = "openai"
    settings.openai_base_url = f"{fake_openai.base_url}/v1"
    settings.openai_api_key = SecretStr("sk-test-key")
    settings.openai_model = "tutor-model"
    settings.openai_timeout = 5
    return settings


async def test_with_an_llm_the_model_writes_the_summary_and_sees_it_each_turn(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    from tests.support.app import run_speech_worker, signed_in_app

    async with signed_in_app(openai_settings) as client:
        state = app_state(client)
        session_id = None
        for index in range(20):
            result = await client.post(
                "/chat",
                json={"message": f"Lubię kawę numer {index}.", "session_id": session_id},
            )
            assert result.status_code == 200, result.text
            session_id = result.json()["session_id"]
            if index % 5 == 4:
                await relay_idle(state)
                run_speech_worker(openai_settings)
        stored = await cold_state(state, str(session_id))
        assert stored is not None
        # The statistics were folded all along: an extractive fall-back would have them all.
        _, facts = await one_pass(state, str(session_id), stored.summary_upto)
        assert await stored_facts(state, str(session_id)) == facts
    assert stored.summary == DEFAULT_NOTES
    summary_requests = [r for r in fake_openai.requests if not r.get("response_format")]
    turn_requests = [r for r in fake_openai.requests if r.get("response_format")]
    assert summary_requests and len(turn_requests) == 20
    assert "Lubię kawę numer 0." in summary_requests[0]["messages"][0]["content"]
    # Each later request has only the turns that left the window since (and the notes).
    assert "Lubię kawę numer 0." not in summary_requests[1]["messages"][0]["content"]
    assert DEFAULT_NOTES in summary_requests[1]["messages"][0]["content"]
    # Every turn: the system prompt, at most CONTEXT_TURNS earlier turns, the message.
    assert max(len(r["messages"]) for r in turn_requests) == CONTEXT_TURNS + 2
    assert DEFAULT_NOTES in turn_requests[-1]["messages"][0]["content"]
    sizes = [sum(len(m["content"]) for m in r["messages"]) for r in turn_requests]
    assert max(sizes[10:]) < 2 * min(sizes[10:])  # flat, not growing with the session
    assert uuid.UUID(str(session_id))


async def test_when_the_model_fails_the_extractive_summary_covers_every_earlier_turn(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    from tests.support.app import run_speech_worker, signed_in_app

    async with signed_in_app(openai_settings) as client:
        state = app_state(client)
        session_id = None
        for index in range(15):
            message = "Poproszę kawa." if index % 3 else f"Lubię kawę numer {index}."
            result = await client.post("/chat", json={"message": message, "session_id": session_id})
            assert result.status_code == 200, result.text
            session_id = result.json()["session_id"]
            if index % 5 == 4:
                if index == 14:  # the third summary: the model refuses it
                    fake_openai.then({"status": 400, "message": "scripted failure"})
                await relay_idle(state)
                run_speech_worker(openai_settings)
                stored = await cold_state(state, str(session_id))
                assert stored is not None
                assert (stored.summary == DEFAULT_NOTES) == (index < 14)
        assert stored.summary_upto == 26  # jobs at turns 10, 16 and 26: up to 6, 16, 26
        summary, facts = await one_pass(state, str(session_id), 26)
        assert stored.summary == summary  # folded [0, 16) by the model's jobs, then [16, 26)
        assert await stored_facts(state, str(session_id)) == facts
        assert summary.startswith("Free conversation, no lesson.")


def prewarmed_modules(driver: str, tmp_path: Path) -> dict[str, Any]:
    """In a fresh interpreter: the modules a summary job needs that a worker process has
    loaded once it is built and prewarmed."""
    script = """
import json, sys
from polish_tutor.settings import Settings
from polish_tutor.worker.process import WorkerProcess
wanted = ["polish_tutor.sessions.summaries", "polish_tutor.lessons.catalog", "openai",
          "openai.resources.chat.completions"]
process = WorkerProcess.for_speech(Settings())
process.prewarm()
summaries = process.summaries
summariser = summaries.summariser
print(json.dumps({
    "after": {name: name in sys.modules for name in wanted},
    "lessons": len(summaries.lessons),
    "summary prompt": summariser.prompts.get("summary").spec.id if summariser else None,
    "client": summariser is not None and summariser._driver is not None,
}))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TUTOR_DATABASE_URL": f"sqlite:///{tmp_path / 'never-opened.db'}",
            "TUTOR_REDIS_URL": "redis://127.0.0.1:1/0",  # never connected to either
            "TUTOR_VAR_DIR": str(tmp_path / "var"),
            "TUTOR_AGENT_DRIVER": driver,
            "TUTOR_OPENAI_BASE_URL": "http://127.0.0.1:1/v1",  # no request is sent
        }
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    result: dict[str, Any] = json.loads(done.stdout.decode().splitlines()[-1])
    return result


@pytest.mark.slow  # a Python process of its own
def test_a_worker_prewarms_what_summary_jobs_need_before_the_first_job(tmp_path: Path) -> None:
    """A worker's jobs (and the work-horses it forks for summaries) reuse what its process
    built: the job's module and its imports, the lesson catalogue, the summariser with its
    prompts, ``openai`` and its client."""
    openai = prewarmed_modules("openai", tmp_path)
    assert all(openai["after"].values())
    assert openai["lessons"] > 0 and openai["summary prompt"] == "summary"
    assert openai["client"]  # built once (about 50 ms), before any job forks, for every job
    local = prewarmed_modules("local", tmp_path)
    assert local["after"] == {
        "polish_tutor.sessions.summaries": True,
        "polish_tutor.lessons.catalog": True,
        "openai": False,  # the local driver's summaries are extractive: no model, no import
        "openai.resources.chat.completions": False,
    }
    assert local["summary prompt"] is None


@pytest.mark.slow  # a worker process of its own
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_forking_worker_process_summarises_with_what_it_built_before_forking(
    openai_settings: Any,
    fake_openai: FakeOpenAI,  # noqa: F811
    tmp_path: Path,
) -> None:
    from tests.support.app import run_worker_cli, signed_in_app

    async with signed_in_app(openai_settings) as client:
        state = app_state(client)
        session_id = None
        for index in range(6):  # queued at turn 10, run at 12: turns [0, 8)
            result = await client.post(
                "/chat", json={"message": f"Lubię kawę numer {index}.", "session_id": session_id}
            )
            assert result.status_code == 200, result.text
            session_id = result.json()["session_id"]
        # The summaries queue's jobs run in a work-horse forked from the worker.
        done = await run_worker_cli(
            openai_settings,
            TUTOR_CONTEXT_TURNS=str(CONTEXT_TURNS),
            TUTOR_AGENT_DRIVER="openai",
            TUTOR_OPENAI_BASE_URL=openai_settings.openai_base_url,
            TUTOR_OPENAI_API_KEY="sk-test-key",
            TUTOR_OPENAI_MODEL="tutor-model",
        )
        log = (done.stdout + done.stderr).decode()
        assert done.returncode == 0, log
        assert "session summary written up to turn 8 (llm), 8 turns read" in log, log
        stored = await cold_state(state, str(session_id))
        assert stored is not None and stored.summary == DEFAULT_NOTES
        _, facts = await one_pass(state, str(session_id), 8)
        assert await stored_facts(state, str(session_id)) == facts
