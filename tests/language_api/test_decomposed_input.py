"""Text typed in decomposed form (NFD: ``e`` + combining ogonek, as some keyboards and macOS
file names send it) is judged exactly like the composed form: it is normalised to NFC where it
enters (``kit/text.py``), so no false Polish-letter error."""

from __future__ import annotations

import unicodedata
from typing import Any

import httpx
import pytest


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text  # the test means something only if the forms differ
    return decomposed


def issues(body: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(i["type"], i["expected"], i["got"]) for i in body["issues"]]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_language_endpoints_read_nfd_as_nfc(app_client: httpx.AsyncClient) -> None:
    answers: dict[str, dict[str, Any]] = {}
    for form, answer in (("nfc", "Poproszę kawa."), ("nfd", nfd("Poproszę kawa."))):
        response = await app_client.post(
            "/language/compare", json={"expected": "Poproszę kawę.", "answer": answer}
        )
        assert response.status_code == 200, response.text
        answers[form] = response.json()
    assert answers["nfd"] == answers["nfc"]
    assert issues(answers["nfd"]) == [("inflection", "kawę", "kawa")]  # no diacritics issue

    right = await app_client.post(
        "/language/compare",
        json={"expected": nfd("Poproszę kawę."), "answer": nfd("Poproszę kawę.")},
    )
    assert right.json()["verdict"] == "correct" and right.json()["answer"] == "Poproszę kawę."

    checked = await app_client.post("/language/check", json={"text": nfd("Ja lubię kawa.")})
    assert checked.json()["corrected"] == "Ja lubię kawę."
    assert [i["rule"]["id"] for i in checked.json()["issues"]] == ["case.verb_government"]

    restored = await app_client.post("/language/diacritics", json={"text": nfd("Żółw je zdzblo.")})
    assert restored.json() == {"text": "Żółw je źdźbło."}

    table = await app_client.get(f"/language/inflect/{nfd('mówiła')}")
    assert table.status_code == 200, table.text
    assert table.json()["lemma"] == "mówić"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_chat_turn_in_nfd_is_judged_like_nfc(app_client: httpx.AsyncClient) -> None:
    feedback = {}
    for form, message in (("nfc", "Poproszę kawa."), ("nfd", nfd("Poproszę kawa."))):
        opening = await app_client.post(
            "/chat", json={"message": "Cześć!", "lesson_id": "a1-04-cafe"}
        )
        session_id = opening.json()["session_id"]
        turn = await app_client.post("/chat", json={"message": message, "session_id": session_id})
        assert turn.status_code == 200, turn.text
        feedback[form] = turn.json()["feedback"]
    assert feedback["nfd"] == feedback["nfc"]
    assert feedback["nfd"]["verdict"] == "incorrect"
    assert issues(feedback["nfd"]) == [("inflection", "kawę", "kawa")]

    opening = await app_client.post("/chat", json={"message": "Cześć!", "lesson_id": "a1-04-cafe"})
    right = await app_client.post(
        "/chat",
        json={"message": nfd("Poproszę kawę."), "session_id": opening.json()["session_id"]},
    )
    assert right.json()["feedback"]["verdict"] == "correct"
    assert right.json()["next_dialogue"] == "Z mlekiem czy bez?"
