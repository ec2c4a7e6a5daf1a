"""``/chat`` 's body is written from the service's ``TurnResult`` directly (``turn_body``), not
validated into a ``ChatOut`` first: it must be, byte for byte, what ``ChatOut`` writes, the
response's documented schema."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import httpx
import pytest

from polish_tutor.chat.endpoints import turn_body
from polish_tutor.chat.schemas import ChatOut, LessonProgressOut
from polish_tutor.chat.service import LessonProgress, TurnResult
from polish_tutor.turn_types import (
    Feedback,
    FeedbackIssue,
    FeedbackRule,
    Heard,
    HeardWord,
    PromptRef,
    TextPart,
)

LESSON = "a1-04-cafe"


def chat_out(result: TurnResult) -> bytes:
    """What FastAPI wrote for a ``/chat`` turn before: the result as a ``ChatOut``."""
    return ChatOut.model_validate(result, from_attributes=True).model_dump_json().encode()


def test_a_turn_has_chat_outs_fields_in_chat_outs_order() -> None:
    assert [field.name for field in dataclasses.fields(TurnResult)] == list(ChatOut.model_fields)
    assert list(LessonProgress.model_fields) == list(LessonProgressOut.model_fields)


FEEDBACK = Feedback(
    verdict="incorrect",
    issues=[
        FeedbackIssue(
            type="inflection",
            expected="mleka",
            got="mleko",
            feature="case",
            expected_value="gen",
            got_value="nom",
            explanation="After *nie ma* the noun takes the Genitive: *mleka* (\"ę\", 'ą').",
            position=2,
            rule=FeedbackRule(id="government.genitive_of_negation", trigger="nie ma"),
        ),
        FeedbackIssue(type="missing_word", expected="już", explanation="A word is missing."),
    ],
    expected="Nie ma już mleka.",
    heard=Heard(
        transcript="nie ma mleko",
        words=[HeardWord(word="nie", probability=0.93), HeardWord(word="mleko", clear=False)],
        unclear=["mleko"],
        say_again=False,
    ),
)


@pytest.mark.parametrize(
    "result",
    [
        TurnResult(
            session_id=uuid.uuid4(),
            turn_id=uuid.uuid4(),
            text="Prawie! Poproszę kawę.\nSay it again?",
            next_dialogue="Z mlekiem czy bez?",
            feedback=FEEDBACK,
            audio_job_id="a" * 40,
            prompt=PromptRef(id=f"lesson:{LESSON}", version="3", commit="0123456789ab"),
            driver="local",
            degraded=False,
            parts=[TextPart(text="Almost!", lang="en"), TextPart(text="Poproszę kawę.", lang="pl")],
            lesson=LessonProgress(step=2, steps_total=12, completed=False),
            audio_parts=["b" * 40, "c" * 40],
        ),
        TurnResult(
            session_id=uuid.uuid4(),
            turn_id=uuid.uuid4(),
            text="Dobrze!",
            next_dialogue=None,
            feedback=Feedback(verdict="correct"),
            audio_job_id=None,
            prompt=PromptRef(id="", version="", commit=""),
            driver="openai",
            degraded=True,
        ),
    ],
    ids=["every-field", "the-least"],
)
def test_a_turns_body_is_what_chat_out_writes(result: TurnResult) -> None:
    assert turn_body(result) == chat_out(result)


async def post(client: httpx.AsyncClient, body: dict[str, Any], **headers: str) -> httpx.Response:
    response = await client.post("/chat", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)
    # What ChatOut writes for the turn it reads back: the same bytes.
    assert ChatOut.model_validate_json(response.content).model_dump_json().encode() == (
        response.content
    )
    return response


async def test_the_served_turns_are_chat_outs_byte_for_byte(
    app_client: httpx.AsyncClient,
) -> None:
    opening = await post(app_client, {"message": "Cześć!", "lesson_id": LESSON})
    session_id = opening.json()["session_id"]
    keyed = {"Idempotency-Key": "k1"}
    wrong = await post(app_client, {"message": "poproszę kawa", "session_id": session_id}, **keyed)
    assert wrong.json()["feedback"]["issues"] and wrong.json()["parts"] is not None
    # A replay is built from the stored turn: the same bytes as the first answer.
    again = await post(app_client, {"message": "poproszę kawa", "session_id": session_id}, **keyed)
    assert again.content == wrong.content
    right = await post(app_client, {"message": "Poproszę kawę", "session_id": session_id})
    assert right.json()["feedback"]["verdict"] == "correct" and right.json()["lesson"]["step"] == 1
    free = await post(app_client, {"message": "Dzień dobry"})
    assert free.json()["lesson"] is None
