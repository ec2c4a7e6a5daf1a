"""Control characters in text (a NUL is refused by PostgreSQL), NFC at the edge, database
errors that no schema catches, and what a failed statement leaves in the logs."""

from __future__ import annotations

import logging
import unicodedata
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from polish_tutor.app import create_app
from polish_tutor.dependencies import DbSession
from polish_tutor.kit.db import create_engine
from polish_tutor.worker.process import connect
from tests.support.auth import PASSWORD, new_email, sign_up
from tests.support.db import row_counts

LESSON = "a1-04-cafe"


def assert_invalid(response: httpx.Response, code: str = "invalid_input") -> None:
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("bad", ["kawa\u0000kawa", "kawa\u0007", "\u001bkawa", "ka\u007fwa"])
async def test_control_characters_are_refused_in_every_text_field(
    app_client: httpx.AsyncClient, settings: Any, bad: str
) -> None:
    before = row_counts(settings.database_url)
    assert_invalid(await app_client.post("/chat", json={"message": bad}))
    assert_invalid(await app_client.post("/chat", json={"message": bad, "lesson_id": LESSON}))
    opening = await app_client.post("/chat", json={"message": "Dzień dobry", "lesson_id": LESSON})
    assert opening.status_code == 200, opening.text
    session_id = opening.json()["session_id"]
    # A lesson answer.
    assert_invalid(await app_client.post("/chat", json={"message": bad, "session_id": session_id}))
    assert_invalid(
        await app_client.post(
            "/chat",
            json={"message": "Poproszę kawę.", "session_id": session_id},
            headers={"Idempotency-Key": bad},
        )
    )
    assert_invalid(
        await app_client.post(
            "/chat",
            json={"message": "Poproszę kawę.", "session_id": session_id, "prefs": {"voice": bad}},
        )
    )
    assert_invalid(await app_client.post("/tts", json={"text": bad}))
    assert_invalid(await app_client.post("/tts", json={"text": "kawa", "voice": bad}))
    assert_invalid(
        await app_client.post("/language/compare", json={"expected": bad, "answer": "kawa"})
    )
    assert_invalid(
        await app_client.post("/language/compare", json={"expected": "kawa", "answer": bad})
    )
    assert_invalid(await app_client.post("/language/diacritics", json={"text": bad}))
    assert_invalid(
        await app_client.post("/auth/register", json={"email": new_email(), "password": bad * 4}),
        "weak_password",
    )
    after = row_counts(settings.database_url)
    # Only the opening turn (two turns, its session and its speech request) was written.
    assert after["agent_turns"] == before["agent_turns"] + 2
    assert after["tts_outbox"] == before["tts_outbox"] + 1


async def test_tabs_and_new_lines_are_text_and_learner_text_is_nfc(
    app_client: httpx.AsyncClient,
) -> None:
    typed = "Dzien\u0301 dobry!\n\tPoprosze\u0328 kawe\u0328."  # combining marks, as some keyboards
    turn = await app_client.post("/chat", json={"message": typed})
    assert turn.status_code == 200, turn.text
    transcript = (await app_client.get(f"/sessions/{turn.json()['session_id']}")).json()
    stored = transcript["turns"][0]["text"]
    assert stored == unicodedata.normalize("NFC", typed) == "Dzień dobry!\n\tPoproszę kawę."
    speech = await app_client.post("/tts", json={"text": "z\u0307o\u0301\u0142w"})
    assert speech.status_code == 202
    same = await app_client.post("/tts", json={"text": "żółw"})
    assert same.json()["audio_job_id"] == speech.json()["audio_job_id"]


async def test_a_database_error_no_schema_caught_is_never_a_500(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A value the database refuses (PostgreSQL: a NUL in text), a conflict and a broken
    statement, run by routes added for the test to the real application."""
    app = create_app(settings)
    secret_value = f"learner-words-{uuid.uuid4().hex}"
    postgres = settings.resolved_database_url.startswith("postgresql")

    @app.post("/_test/refused")
    async def refused(db: DbSession) -> dict[str, str]:
        await db.execute(text("SELECT CAST(:v AS text)"), {"v": secret_value + "\x00"})
        return {}

    @app.post("/_test/conflict")
    async def conflict(db: DbSession) -> dict[str, str]:
        insert = text(
            "INSERT INTO users (id, email, password_hash, created_at) "
            "VALUES (:id, :v, 'x', CURRENT_TIMESTAMP)"
        )
        for _ in range(2):
            new_id = uuid.uuid4()
            await db.execute(insert, {"id": new_id if postgres else new_id.hex, "v": secret_value})
        return {}

    @app.post("/_test/broken")
    async def broken(db: DbSession) -> dict[str, str]:
        query = text("SELECT no_such_column FROM users WHERE email = :v")
        await db.execute(query, {"v": secret_value})
        return {}

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
            with caplog.at_level(logging.INFO):
                responses = [
                    await client.post("/_test/conflict"),
                    await client.post("/_test/broken"),
                ]
                if postgres:
                    responses.append(await client.post("/_test/refused"))
    conflict_response, broken_response = responses[:2]
    assert conflict_response.status_code == 409, conflict_response.text
    assert conflict_response.json()["error"]["code"] == "conflict"
    assert broken_response.status_code == 503, broken_response.text
    # sqlite3 calls a missing column an OperationalError, like a locked database.
    assert broken_response.json()["error"]["code"] in ("database_error", "database_unavailable")
    assert broken_response.headers["retry-after"]
    if postgres:
        refused_response = responses[2]
        assert refused_response.status_code == 422, refused_response.text
        assert refused_response.json()["error"]["code"] == "invalid_input"
    for response in responses:
        assert secret_value not in response.text
    if postgres:  # the operator learns which statement failed ...
        assert "no_such_column" in caplog.text
    assert secret_value not in caplog.text  # ... but not with which values


async def test_failed_statements_keep_their_parameters_out_of_errors(settings: Any) -> None:
    """The API's engine and a worker's: an error names the statement, never the values."""
    secret_value = f"kawa-{uuid.uuid4().hex}"
    engine = create_engine(settings.resolved_database_url)
    try:
        async with engine.connect() as connection:
            with pytest.raises(DBAPIError) as api_error:
                await connection.execute(
                    text("SELECT no_such_column FROM users WHERE email = :v"), {"v": secret_value}
                )
    finally:
        await engine.dispose()
    assert "no_such_column" in str(api_error.value)
    assert secret_value not in str(api_error.value)

    worker_engine, worker_redis = connect(settings)
    try:
        with worker_engine.connect() as connection, pytest.raises(DBAPIError) as job_error:
            connection.execute(
                text("SELECT no_such_column FROM users WHERE email = :v"), {"v": secret_value}
            )
    finally:
        worker_engine.dispose()
        worker_redis.close()
    assert secret_value not in str(job_error.value)


async def test_registration_with_a_nul_in_the_email_is_refused(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.post(
        "/auth/register", json={"email": "a\u0000b@example.org", "password": PASSWORD}
    )
    assert_invalid(response)
    account = await sign_up(anonymous_client)
    login = await anonymous_client.post(
        "/auth/login", json={"email": account["email"] + "\u0000", "password": PASSWORD}
    )
    assert_invalid(login)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_digits_that_are_not_decimal_reach_the_engine_safely(
    app_client: httpx.AsyncClient,
) -> None:
    """Found by ``make fuzz``: a superscript digit (``str.isdigit`` but not a number ``int``
    reads) in a sentence made the engine's numeral reading fail with a 500."""
    for expected, answer in (("Mam ³ koty.", "Mam 3 koty."), ("Mam 3 koty.", "Mam ³ koty.")):
        compared = await app_client.post(
            "/language/compare", json={"expected": expected, "answer": answer}
        )
        assert compared.status_code == 200, compared.text
    turn = await app_client.post("/chat", json={"message": "Mam ² lata i ³ koty."})
    assert turn.status_code == 200, turn.text
