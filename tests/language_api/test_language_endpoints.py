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
