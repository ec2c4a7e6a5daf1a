"""Translation from English over HTTP, on SQLite and PostgreSQL, with the real engine and course.

The learner gets a lesson's answers in English and types them in Polish; the engine judges the
Polish against the sentences the lesson accepts for that English (its variants, its synonyms)
and the answer counts for the learner's progress as a dialogue answer does.
"""

from __future__ import annotations

from typing import Any

import httpx

from polish_tutor.lessons.catalog import LessonCatalog

LESSON = "a1-04-cafe"


def feature(progress: dict[str, Any], name: str, value: str | None, gender: str | None = None):  # type: ignore[no-untyped-def]
    found = [
        f
        for f in progress["features"]
        if (f["feature"], f["value"], f["gender"]) == (name, value, gender)
    ]
    return found[0] if found else None


async def translate(client: httpx.AsyncClient, step: int, answer: str) -> dict[str, Any]:
    response = await client.post(f"/lessons/{LESSON}/translation/{step}", json={"answer": answer})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_lessons_english_is_given_in_dialogue_order(
    app_client: httpx.AsyncClient,
) -> None:
    response = await app_client.get(f"/lessons/{LESSON}/translation")
    assert response.status_code == 200, response.text
    body = response.json()
    lesson = LessonCatalog.from_directory().get(LESSON)
    assert lesson is not None
    steps = lesson.lesson.dialogue
    assert (body["lesson_id"], body["level"], body["title"]) == (LESSON, "A1", lesson.lesson.title)
    assert [item["english"] for item in body["items"]] == [s.answer_gloss for s in steps]
    assert [item["step"] for item in body["items"]] == list(range(len(steps)))
    first = body["items"][0]
    assert (first["english"], first["context_pl"]) == (
        "A coffee, please.",
        "Dzień dobry! Co podać?",
    )


async def test_the_polish_is_judged_against_the_lessons_variants(
    app_client: httpx.AsyncClient,
) -> None:
    right = await translate(app_client, 0, "Poproszę kawę.")
    assert right["verdict"] == "correct" and right["issues"] == []
    assert right["accepted"][0] == "Poproszę kawę." and "Kawę, poproszę." in right["accepted"]
    # another answer of the step that is another reply altogether is not a translation of it
    assert "Dla mnie kawa, proszę." not in right["accepted"]

    reordered = await translate(app_client, 0, "Kawę, poproszę")
    assert reordered["verdict"] == "correct" and reordered["expected"] == "Kawę, poproszę."
    synonym = await translate(app_client, 0, "Chciałabym kawę.")  # the lesson's synonym group
    assert synonym["verdict"] == "correct"

    wrong_case = await translate(app_client, 0, "Poproszę kawa.")
    assert wrong_case["verdict"] == "incorrect" and wrong_case["expected"] == "Poproszę kawę."
    [issue] = wrong_case["issues"]
    assert (issue["type"], issue["expected"], issue["got"]) == ("inflection", "kawę", "kawa")
    assert (issue["feature"], issue["expected_value"], issue["got_value"]) == ("case", "acc", "nom")
    assert issue["explanation"]

    no_letters = await translate(app_client, 0, "Poprosze kawe")
    assert no_letters["verdict"] == "acceptable"
    assert {(i["type"], i["expected"]) for i in no_letters["issues"]} == {
        ("diacritics", "Poproszę"),
        ("diacritics", "kawę"),
    }

    # "Bez mleka" answers the tutor's question, but it does not say "With milk, please".
    other_meaning = await translate(app_client, 1, "Bez mleka.")
    assert other_meaning["verdict"] == "incorrect"
    in_polish = await app_client.post(
        f"/lessons/{LESSON}/translation/0", json={"answer": "Poproszę kawa.", "explain_in": "pl"}
    )
    assert in_polish.status_code == 200
    assert in_polish.json()["issues"][0]["explanation"] != issue["explanation"]


async def test_answers_count_for_progress(app_client: httpx.AsyncClient) -> None:
    assert (await app_client.get("/progress")).json()["features"] == []
    await translate(app_client, 0, "Poproszę kawa.")
    await translate(app_client, 0, "Poproszę kawę.")
    await translate(app_client, 2, "Poproszę herbatę i ciastko.")
    progress = (await app_client.get("/progress")).json()
    accusative = feature(progress, "case", "acc", "f")
    assert accusative is not None, progress["features"]
    assert (accusative["wrong"], accusative["correct"]) == (1, 2)


async def test_bad_requests_are_refused_clearly(
    app_client: httpx.AsyncClient,
) -> None:
    missing = await app_client.get("/lessons/no-such-lesson/translation")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "lesson_not_found"
    for url, code in (
        ("/lessons/no-such-lesson/translation/0", "lesson_not_found"),
        (f"/lessons/{LESSON}/translation/99", "step_not_found"),
    ):
        refused = await app_client.post(url, json={"answer": "Poproszę kawę."})
        assert refused.status_code == 404 and refused.json()["error"]["code"] == code
    for body in (
        {"answer": ""},
        {"answer": "kawa\u0000"},
        {"answer": "x" * 501},
        {"answer": "Poproszę kawę.", "explain_in": "de"},
        {"text": "Poproszę kawę."},
        {},
    ):
        refused = await app_client.post(f"/lessons/{LESSON}/translation/0", json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert set(refused.json()["error"]) == {"code", "message"}
    negative = await app_client.post(f"/lessons/{LESSON}/translation/-1", json={"answer": "kawa"})
    assert negative.status_code == 422

    # without a valid token nothing is given or judged
    no_token = {"Authorization": "Bearer x"}
    url = f"/lessons/{LESSON}/translation"
    assert (await app_client.get(url, headers=no_token)).status_code == 401
    unjudged = await app_client.post(f"{url}/0", json={"answer": "Kawę."}, headers=no_token)
    assert unjudged.status_code == 401


async def test_a_slot_of_the_step_takes_only_its_class(app_client: httpx.AsyncClient) -> None:
    # "I go to the cinema with my brother": the step's slot is a member of the family, as in
    # the dialogue; any noun in its place (a cat) is not what the lesson asks
    step = 2
    url = f"/lessons/a1-16-my-friends/translation/{step}"
    family = await app_client.post(url, json={"answer": "Chodzę do kina z bratem."})
    assert family.status_code == 200 and family.json()["verdict"] == "correct"
    cat = await app_client.post(url, json={"answer": "Chodzę do kina z kotem."})
    assert cat.status_code == 200 and cat.json()["verdict"] == "incorrect"
