from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_language_over_http(app_client: httpx.AsyncClient) -> None:
    compared = await app_client.post(
        "/language/compare", json={"expected": "Widzę kotkę.", "answer": "Widzę kotka."}
    )
    assert compared.status_code == 200
    body = compared.json()
    assert body["verdict"] == "incorrect" and body["issues"][0]["type"] in {"inflection", "typo"}

    several = await app_client.post(
        "/language/compare",
        json={
            "expected": ["Poproszę kawę.", "Kawę, poproszę."],
            "answer": "kawe poprosze",
            "explain_in": "pl",
        },
    )
    assert several.json()["expected"] == "Kawę, poproszę."

    restored = await app_client.post("/language/diacritics", json={"text": "Zolw je zdzblo."})
    assert restored.json() == {"text": "Żółw je źdźbło."}

    table = await app_client.get("/language/inflect/kawy")
    assert table.status_code == 200 and table.json()["lemma"] == "kawa"

    unknown = await app_client.get("/language/inflect/qqqxz")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_word"
    empty = await app_client.post("/language/compare", json={"expected": [], "answer": "x"})
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_inflection_tables_in_english_and_polish(app_client: httpx.AsyncClient) -> None:
    english = (await app_client.get("/language/inflect/mówiła")).json()
    titles = [s["title"] for s in english["sections"]]
    assert english["lemma"] == "mówić" and english["part_of_speech"] == "verb"
    assert {"Present tense", "Past tense", "Future tense", "Imperative"} <= set(titles)
    polish = (await app_client.get("/language/inflect/mówiła?explain_in=pl")).json()
    assert polish["part_of_speech"] == "czasownik"
    assert "Czas przeszły" in [s["title"] for s in polish["sections"]]
    past = next(s for s in polish["sections"] if s["title"] == "Czas przeszły")
    assert past["columns"][1] == "Rodzaj żeński, lp." and past["rows"][0]["cells"][1] == "mówiłam"
    wrong = await app_client.get("/language/inflect/kawa?explain_in=de")
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_check_a_free_sentence_over_http(app_client: httpx.AsyncClient) -> None:
    checked = await app_client.post("/language/check", json={"text": "Ja lubię kawa."})
    assert checked.status_code == 200
    body = checked.json()
    assert body["corrected"] == "Ja lubię kawę."
    (issue,) = body["issues"]
    assert issue["rule"] == {"id": "case.verb_government", "trigger": "lubię"}
    assert (issue["got"], issue["expected"]) == ("kawa", "kawę")

    polish = await app_client.post(
        "/language/check", json={"text": "Ona jest bardzo ładny.", "explain_in": "pl"}
    )
    assert polish.json()["corrected"] == "Ona jest bardzo ładna."
    assert "żeński" in polish.json()["issues"][0]["explanation"]

    clean = await app_client.post("/language/check", json={"text": "Kot pije mleko."})
    assert clean.json() == {"text": "Kot pije mleko.", "corrected": "Kot pije mleko.", "issues": []}

    for bad in ({"text": ""}, {"text": "x" * 2001}, {"text": "a\x00b"}, {"txt": "x"}):
        refused = await app_client.post("/language/check", json=bad)
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_input"
    wrong_lang = await app_client.post("/language/check", json={"text": "x", "explain_in": "de"})
    assert wrong_lang.status_code == 422
