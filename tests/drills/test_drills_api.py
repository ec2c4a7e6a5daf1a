"""Drills, listening and the daily review over HTTP: real app, SQLite and PostgreSQL, real
Morfeusz, real speech worker; nothing mocked. The answers typed are a learner's: wrong first,
then the right one the feedback gave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.support.db import outbox_statuses
from tests.support.waiting import eventually

INST_F = {"feature": "case", "value": "inst", "gender": "f"}


def gap_of(result: dict[str, Any], drill: dict[str, Any]) -> str:
    """The words of the expected sentence that go in the gap (the frame taken off)."""
    expected: str = result["expected"]
    after = drill["after"]
    if after and expected.endswith(after):
        expected = expected[: -len(after)]
    frame = drill["before"].split()
    return " ".join(expected.split()[len(frame) :])


async def get_json(client: httpx.AsyncClient, url: str, **params: Any) -> Any:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def post_json(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> Any:
    response = await client.post(url, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def grid_cell(progress: dict[str, Any], feature: str, value: str, gender: str | None) -> Any:
    found = [
        f
        for f in progress["features"]
        if (f["feature"], f["value"], f["gender"]) == (feature, value, gender)
    ]
    return found[0] if found else None


async def test_a_weak_cell_made_weak_on_purpose_is_drilled(app_client: httpx.AsyncClient) -> None:
    first = await get_json(app_client, "/drills", count=3, **INST_F)
    assert [(c["feature"], c["value"], c["gender"]) for c in first["aimed_at"]] == [
        ("case", "inst", "f")
    ]
    assert first["aimed_at"][0]["label"] == "instrumental, feminine"
    assert len(first["drills"]) == 3
    for drill in first["drills"]:
        assert drill["cell"]["label"] == "instrumental, feminine"
        assert drill["instruction"].startswith("Put *")
        # the dictionary form in the gap: wrong, and said to be the wrong case
        noun = drill["base"].split(" + ")[-1]
        wrong = await post_json(
            app_client, "/drills/answer", {"token": drill["token"], "answer": noun}
        )
        assert wrong["verdict"] == "incorrect", wrong
        assert any(i["type"] == "inflection" for i in wrong["issues"]), wrong
        assert wrong["expected"] in wrong["accepted"]
    progress = await get_json(app_client, "/progress")
    weak = grid_cell(progress, "case", "inst", "f")
    assert weak is not None and weak["wrong"] == 3 and weak["correct"] == 0

    # with no cell named, the set is aimed at the weakest cell first: the one missed
    aimed = await get_json(app_client, "/drills", count=6)
    assert (aimed["aimed_at"][0]["value"], aimed["aimed_at"][0]["gender"]) == ("inst", "f")
    assert aimed["aimed_at"][0]["wrong"] == 3
    on_weak = [d for d in aimed["drills"] if d["cell"]["label"] == "instrumental, feminine"]
    assert len(on_weak) >= 2
    # fresh drills: none twice in a set, and not the first set again
    tokens = [d["token"] for d in aimed["drills"]]
    assert len(set(tokens)) == len(tokens) and set(tokens) != {d["token"] for d in first["drills"]}

    # wrong, then the right words from the feedback: the cell gets its first right answer
    drill = on_weak[0]
    missed = await post_json(
        app_client, "/drills/answer", {"token": drill["token"], "answer": "xyz"}
    )
    assert missed["verdict"] == "incorrect"
    right = await post_json(
        app_client, "/drills/answer", {"token": drill["token"], "answer": gap_of(missed, drill)}
    )
    assert right["verdict"] == "correct" and right["issues"] == []
    assert (right["cell"]["correct"], right["cell"]["wrong"]) == (1, 4)
    # the whole sentence typed is judged the same
    whole = await post_json(
        app_client, "/drills/answer", {"token": drill["token"], "answer": missed["expected"]}
    )
    assert whole["verdict"] == "correct"


async def test_drill_errors_are_clear(app_client: httpx.AsyncClient) -> None:
    drills = await get_json(app_client, "/drills", count=1)
    token = drills["drills"][0]["token"]
    body, mac = token.split(".")
    # (found by make fuzz: a signature with letters outside ASCII was a 500)
    for bad in (f"{body}.{mac[:-2]}xx", "nonsense", f"{body[:-4]}AAAA.{mac}", f"{body}.żółw"):
        response = await app_client.post("/drills/answer", json={"token": bad, "answer": "kot"})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "bad_token"
    for params in (
        {"feature": "case", "value": "inst"},
        {"feature": "case", "value": "nope", "gender": "f"},
        {"feature": "person", "value": "pri", "gender": "f"},
        {"value": "pri"},
    ):
        response = await app_client.get("/drills", params=params)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_cell"
    too_many = await app_client.get("/drills", params={"count": 500})
    assert too_many.status_code == 422
    empty = await app_client.post("/drills/answer", json={"token": token, "answer": ""})
    assert empty.status_code == 422
    # a listening token is not a drill token
    listening = await app_client.post(
        "/drills/listening/answer", json={"token": token, "answer": "Dzień dobry"}
    )
    assert listening.status_code == 422 and listening.json()["error"]["code"] == "bad_token"
    foreign = await app_client.post(
        "/drills/listening/answer", json={"token": f"{body}.ćma", "answer": "Dzień dobry"}
    )
    assert foreign.status_code == 422 and foreign.json()["error"]["code"] == "bad_token"


async def test_listening_hear_a_sentence_and_type_it(
    app_client: httpx.AsyncClient, settings: Any, burst_worker: Callable[[], None]
) -> None:
    item = await post_json(app_client, "/drills/listening", {})
    assert item["words"] >= 2 and item["lesson_id"].startswith("a1-")
    assert "text" not in item  # the sentence comes only with the answer

    async def enqueued() -> bool:
        statuses = outbox_statuses(settings.resolved_database_url)
        return bool(statuses) and "pending" not in statuses

    await eventually(enqueued, 10, "the relay to enqueue the sentence's speech")
    burst_worker()
    status = await get_json(app_client, f"/tts/status/{item['audio_job_id']}")
    assert status["status"] == "finished", status
    audio = await app_client.get(status["audio_url"])
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"

    unsure = await post_json(
        app_client, "/drills/listening/answer", {"token": item["token"], "answer": "nie wiem"}
    )
    assert unsure["verdict"] == "incorrect" and unsure["misheard"]
    sentence: str = unsure["expected"]
    assert len(sentence.split()) == item["words"]

    heard = await post_json(
        app_client, "/drills/listening/answer", {"token": item["token"], "answer": sentence}
    )
    assert heard["verdict"] == "correct" and heard["misheard"] == []

    # one word heard wrong: that word is named, with what was said
    words = sentence.rstrip(".!?").split()
    longest = max(range(len(words)), key=lambda i: len(words[i].strip(",")))
    said = words[longest].strip(",")
    words[longest] = "pies"
    misheard = await post_json(
        app_client,
        "/drills/listening/answer",
        {"token": item["token"], "answer": " ".join(words)},
    )
    assert misheard["verdict"] == "incorrect"
    assert {"heard": "pies", "said": said} in misheard["misheard"], misheard


def spoken_words(answer: str, probability: dict[str, float]) -> list[dict[str, Any]]:
    """The words of ``answer`` as the recogniser gives them (a space before each), each heard
    with the probability named, else 0.95."""
    return [
        {"word": f" {word}", "probability": probability.get(word.strip(".,?!"), 0.95)}
        for word in answer.split()
    ]


async def test_a_listening_answer_said_is_read_as_heard(app_client: httpx.AsyncClient) -> None:
    # the café lesson's sentences: each has Polish letters
    opened = await app_client.post(
        "/chat", json={"message": "Zaczynamy!", "lesson_id": "a1-04-cafe"}
    )
    assert opened.status_code == 200, opened.text
    item = await post_json(app_client, "/drills/listening", {})
    assert item["lesson_id"] == "a1-04-cafe"
    typed = await post_json(
        app_client, "/drills/listening/answer", {"token": item["token"], "answer": "nie wiem"}
    )
    sentence: str = typed["expected"]
    assert typed["heard"] is None  # typed: nothing was heard

    def voice(answer: str, **probability: float) -> dict[str, Any]:
        return {
            "token": item["token"],
            "answer": answer,
            "input": "speech",
            "words": spoken_words(answer, probability),
        }

    # The recogniser's spelling is not the learner's: without Polish letters, typed is
    # "mind the letters", said is right.
    plain = sentence.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ"))
    assert plain != sentence
    typed_plain = await post_json(
        app_client, "/drills/listening/answer", {"token": item["token"], "answer": plain}
    )
    assert typed_plain["verdict"] == "acceptable", typed_plain
    said_plain = await post_json(app_client, "/drills/listening/answer", voice(plain))
    assert said_plain["verdict"] == "correct" and said_plain["issues"] == [], said_plain
    assert said_plain["heard"]["transcript"] == plain
    assert said_plain["heard"]["unclear"] == [] and said_plain["heard"]["say_again"] is False

    # One word heard as another: clearly heard, it is a mistake named as typed ...
    words = sentence.rstrip(".!?").split()
    longest = max(range(len(words)), key=lambda i: len(words[i].strip(",")))
    said = words[longest].strip(",")
    words[longest] = "pies"
    other = " ".join(words)
    clear = await post_json(app_client, "/drills/listening/answer", voice(other))
    assert clear["verdict"] == "incorrect" and clear["issues"], clear
    assert {"heard": "pies", "said": said} in clear["misheard"]
    assert clear["heard"]["say_again"] is False and clear["heard"]["unclear"] == []
    # ... heard faintly, it is not clear, never wrong: no rule, say it again.
    faint = await post_json(app_client, "/drills/listening/answer", voice(other, pies=0.2))
    assert faint["verdict"] == "incorrect" and faint["issues"] == [], faint
    assert faint["heard"]["unclear"] == ["pies"] and faint["heard"]["say_again"] is True
    flags = {w["word"]: w["clear"] for w in faint["heard"]["words"]}
    assert flags.pop("pies") is False and all(flags.values()), faint["heard"]["words"]

    # what a spoken answer's words may be
    for bad in (
        {**voice(plain), "words": [{"word": "kot", "probability": 1.5}]},
        {**voice(plain), "words": [{"word": "kot", "probability": 0.5, "clear": True}]},
        {**voice(plain), "input": "telepathy"},
    ):
        response = await app_client.post("/drills/listening/answer", json=bad)
        assert response.status_code == 422, response.text


async def test_daily_review_typed_cards_and_drills(app_client: httpx.AsyncClient) -> None:
    opened = await app_client.post(
        "/chat", json={"message": "Dzień dobry", "lesson_id": "a1-04-cafe"}
    )
    assert opened.status_code == 200, opened.text
    session = await get_json(app_client, "/drills/daily", cards=4, drills=2)
    kinds = [item["kind"] for item in session["items"]]
    assert kinds == ["card", "card", "drill", "card", "card", "drill"]
    assert session["due_cards"] == 4 and len(session["aimed_at"]) >= 1
    cards = [item["card"] for item in session["items"] if item["kind"] == "card"]
    assert all(card["lesson_id"] == "a1-04-cafe" and card["en"] for card in cards)

    # a card typed wrong: again
    first = cards[0]
    wrong = await post_json(
        app_client, f"/drills/daily/cards/{first['card_id']}", {"answer": "nie pamiętam"}
    )
    assert (wrong["verdict"], wrong["rating"]) == ("incorrect", "again")
    polish: str = wrong["expected"]
    # typed right: good
    second = cards[1]
    missed = await post_json(
        app_client, f"/drills/daily/cards/{second['card_id']}", {"answer": "?"}
    )
    right = await post_json(
        app_client, f"/drills/daily/cards/{second['card_id']}", {"answer": missed["expected"]}
    )
    assert (right["verdict"], right["rating"]) == ("correct", "good")
    assert right["due"] > wrong["due"]
    due = await get_json(app_client, "/review/due", limit=50)
    due_ids = {card["card_id"] for card in due}
    assert second["card_id"] not in due_ids
    # the missed card comes back within minutes (FSRS's first learning step)
    soon = datetime.fromisoformat(wrong["due"]) - datetime.now(UTC)
    assert soon < timedelta(minutes=15) and polish

    # the drills of the session are judged like any other
    drill = next(item["drill"] for item in session["items"] if item["kind"] == "drill")
    judged = await post_json(app_client, "/drills/answer", {"token": drill["token"], "answer": "?"})
    assert judged["verdict"] == "incorrect"

    unknown = await app_client.post(
        "/drills/daily/cards/00000000-0000-0000-0000-000000000000", json={"answer": "kawa"}
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "card_not_found"
