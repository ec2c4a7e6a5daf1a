"""Practice on the page (issue 19), in Debian's Chromium against ``polish-tutor serve``: a drill
set aimed at a cell made weak on purpose, a listening item heard and typed, and a typed review.
The answers typed are a learner's: wrong first, then the right one the feedback showed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.test_served_turn import start_server, stop_server
from tests.web.test_web_page import (
    Page,
    browser,
    create_account,
    expect,
    no_horizontal_scroll,
)

INST_F = "instrumental, feminine"
__all__ = ["browser"]  # the module's fixture: Debian's Chromium (from test_web_page)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    served = start_server(tmp_path_factory.mktemp("practice"), {})
    try:
        yield served.base_url
    finally:
        stop_server(served)


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Page]:
    opened = Page(browser, server, viewport={"width": 1100, "height": 820})
    try:
        yield opened
    finally:
        opened.close()
    assert opened.errors == []


def learner_api(page: Any, server: str) -> httpx.Client:
    token = page.evaluate("() => JSON.parse(sessionStorage.getItem('tutor.auth')).access")
    return httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def gap(expected: str, before: str, after: str) -> str:
    """The words of the expected sentence that go in the gap."""
    if after and expected.endswith(after):
        expected = expected[: -len(after)]
    return " ".join(expected.split()[len(before.split()) :])


def open_practice(page: Any, part: str) -> None:
    page.get_by_role("link", name="Practice").click()
    expect()(page.get_by_role("heading", name="Practice")).to_be_visible()
    if part != "Today's review":
        page.get_by_role("tab", name=part).click()


def test_a_drill_set_aims_at_a_cell_made_weak_on_purpose(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    with learner_api(page, server) as client:
        made = client.get(
            "/drills", params={"feature": "case", "value": "inst", "gender": "f", "count": 3}
        )
        assert made.status_code == 200, made.text
        for drill in made.json()["drills"]:  # the dictionary form each time: wrong
            noun = drill["base"].split(" + ")[-1]
            judged = client.post("/drills/answer", json={"token": drill["token"], "answer": noun})
            assert judged.json()["verdict"] == "incorrect"

    open_practice(page, "Drills")
    expect()(page.locator(".aimed strong").first).to_have_text(INST_F)
    card = page.locator("article.drill")
    expect()(card.locator(".cell-tag")).to_have_text(INST_F)
    expect()(card.locator(".instruction")).to_contain_text("Put ")
    card.get_by_role("button", name="Hint").click()
    expect()(card.locator(".hint")).to_contain_text("instrumental")

    page.locator("#drill-answer").fill("xyz")
    page.locator("#drill-answer").press("Enter")
    expect()(card.locator(".verdict")).to_have_text("Not quite.")
    expected = card.locator(".expected strong").inner_text()
    frames = card.locator(".drill-form .frame")
    before = frames.first.inner_text() if frames.count() else ""
    page.locator("#drill-answer").fill(gap(expected, before, "."))
    page.locator("#drill-answer").press("Enter")
    expect()(card.locator(".verdict")).to_have_text("Right!")
    page.locator("#drill-next").click()
    expect()(page.get_by_role("status").filter(has_text=re.compile(r"^2 of \d"))).to_be_visible()
    # on a phone: nothing scrolls sideways
    page.set_viewport_size({"width": 360, "height": 740})
    expect()(page.locator("#drill-answer")).to_be_visible()
    no_horizontal_scroll(page)


def test_a_listening_item(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    open_practice(page, "Listening")
    item = page.locator("article.listening")
    expect()(item.locator(".instruction")).to_contain_text("type or say what you hear")
    page.get_by_role("button", name="Listen").click()
    # the sentence's speech, synthesised by the server's worker, is what the player plays
    expect()(page.locator("#player")).to_have_attribute(
        "src", re.compile(r"/audio/"), timeout=90_000
    )

    page.locator("#listening-answer").fill("nie wiem")
    page.locator("#listening-answer").press("Enter")
    expect()(item.locator(".verdict")).to_have_text("Not quite.")
    sentence = item.locator(".expected strong").inner_text()
    expect()(item.locator(".misheard li").first).to_be_visible()

    words = sentence.rstrip(".!?").split()
    longest = max(range(len(words)), key=lambda i: len(words[i].strip(",")))
    said = words[longest].strip(",")
    words[longest] = "pies"
    page.locator("#listening-answer").fill(" ".join(words))
    page.locator("#listening-answer").press("Enter")
    expect()(item.locator(".misheard")).to_contain_text(f"You typed pies — it was {said}")

    page.locator("#listening-answer").fill(sentence)
    page.locator("#listening-answer").press("Enter")
    expect()(item.locator(".verdict")).to_have_text("Right!")
    expect()(item.locator(".misheard")).to_have_count(0)


def test_a_typed_review(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    with learner_api(page, server) as client:
        opened = client.post("/chat", json={"message": "Zaczynamy!", "lesson_id": "a1-04-cafe"})
        assert opened.status_code == 200, opened.text
        due = client.get("/review/due", params={"limit": 50}).json()
        polish = {card["en"]: card["pl"] for card in due}
        ids = {card["en"]: card["card_id"] for card in due}
    assert len(due) >= 2

    # the Review page offers the daily session
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("link", name="Today's review").click()
    expect()(page.get_by_role("tab", name="Today's review")).to_have_attribute(
        "aria-selected", "true"
    )
    card = page.locator("article.review-card")
    expect()(card.locator(".instruction")).to_contain_text("Type the Polish for")
    first_en = card.locator(".instruction strong").inner_text()
    page.locator("#card-answer").fill("nie wiem")
    page.locator("#card-answer").press("Enter")
    expect()(card.locator(".verdict")).to_have_text("Not quite.")
    expect()(card.locator(".rating")).to_have_text("Rated again soon.")
    page.locator("#drill-next").click()

    second = page.locator("article.review-card")
    expect()(second.locator(".instruction strong")).not_to_have_text(first_en)
    second_en = second.locator(".instruction strong").inner_text()
    page.locator("#card-answer").fill(polish[second_en])
    page.locator("#card-answer").press("Enter")
    expect()(second.locator(".verdict")).to_have_text("Right!")
    expect()(second.locator(".rating")).to_have_text("Rated good.")

    with learner_api(page, server) as client:
        still_due = {c["card_id"] for c in client.get("/review/due", params={"limit": 50}).json()}
    assert ids[second_en] not in still_due
    # after two cards, a drill on a weak cell
    page.locator("#drill-next").click()
    expect()(page.locator("article.drill .instruction")).to_be_visible()
