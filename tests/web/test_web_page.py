"""The learner's web page in a real browser (Debian's Chromium driven by Playwright) against
``polish-tutor serve`` started as ``make run`` starts it.

Chromium comes from apt (``make test`` installs it when missing), never from
``playwright install``. Without it the tests are skipped with the reason, except in CI
(``CI=true``), where they fail. ``SCREENSHOTS_DIR=docs/screenshots`` (``make screenshots``)
also saves ``chat.png``: the chat after a corrected answer.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import IN_CI
from tests.e2e.test_served_turn import start_server, stop_server
from tests.support.auth import PASSWORD, new_email

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LESSON = "a1-04-cafe"
FIRST_LINE = "Dzień dobry! Co podać?"
SECOND_LINE = "Z mlekiem czy bez?"
THIRD_LINE = "Coś jeszcze?"
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI requires {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"Chromium at {CHROMIUM} (apt-get install chromium; `make test` installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a fresh ``polish-tutor serve`` (or of ``WEB_BASE_URL``, if set)."""
    if os.environ.get("WEB_BASE_URL"):
        yield os.environ["WEB_BASE_URL"].rstrip("/")
        return
    served = start_server(tmp_path_factory.mktemp("web"), {})
    try:
        yield served.base_url
    finally:
        stop_server(served)


class Page:
    """A browser tab with the page's script errors collected (each test asserts there are none)."""

    def __init__(self, browser: Any, base_url: str, **context: Any) -> None:
        self.context = browser.new_context(base_url=base_url, **context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Page]:
    opened = Page(browser, server, viewport={"width": 1100, "height": 820})
    try:
        yield opened
    finally:
        opened.close()
    assert opened.errors == []


def expect() -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def create_account(page: Any) -> str:
    email = new_email()
    page.goto("/")
    page.get_by_role("tab", name="Create account").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect()(page.get_by_role("heading", name="Lessons")).to_be_visible()
    return email


def open_lesson(page: Any) -> None:
    """Open the café lesson and start it (past its goals, words and grammar note)."""
    page.locator(f"[data-lesson='{LESSON}']").click()
    page.locator("#lesson-start").click()
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)


def answer(page: Any, text: str) -> None:
    page.locator("#answer").fill(text)
    page.locator("#answer").press("Enter")


def no_horizontal_scroll(page: Any) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def test_a_learner_plays_a_lesson_in_the_browser(tab: Page) -> None:
    page = tab.page
    response = page.goto("/")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    create_account(page)
    expect()(page.get_by_role("heading", name="Level A1")).to_be_visible()
    expect()(page.get_by_role("heading", name="Level A2")).to_be_visible()
    open_lesson(page)

    # the English gloss on demand
    first = page.locator(".turn.tutor").last
    expect()(first.locator(".gloss")).to_be_hidden()
    first.get_by_role("button", name="English").click()
    expect()(first.locator(".gloss")).to_have_text("Hello! What can I get you?")

    # the Polish letters bar inserts at the caret
    page.locator("#answer").fill("poprosz kawa")
    page.locator("#answer").evaluate("input => input.setSelectionRange(7, 7)")
    page.get_by_role("button", name="Insert ę").click()
    expect()(page.locator("#answer")).to_have_value("poproszę kawa")
    expect()(page.locator("#answer")).to_be_focused()

    # a wrong answer: the wrong word is marked on the learner's sentence, with the fix and why
    page.locator("#answer").press("Enter")
    mistake = page.locator(".turn.learner .mistake").last
    expect()(mistake.locator("mark")).to_have_text("kawa")
    expect()(mistake.locator("ins")).to_contain_text("kawę")
    feedback = page.locator(".turn.learner .feedback").last
    expect()(feedback.locator(".verdict")).to_contain_text("Almost there")
    expect()(feedback.locator(".issues")).to_contain_text("Accusative")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)

    # the right answer: praise and the next line
    answer(page, "Poproszę kawę.")
    expect()(page.locator(".turn.learner .verdict").last).to_contain_text("Correct")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)
    expect()(page.locator("#chat-steps-label")).to_have_text("Line 2 of 5")

    # the tutor's reply reaches the <audio> element as a signed, playable URL
    player = page.locator("#player")
    expect()(player).to_have_attribute(
        "src", re.compile(r"^/audio/[0-9a-f]+\.wav\?exp=\d+&sig=[0-9a-f]+$"), timeout=60_000
    )
    fetched = page.evaluate(
        """async () => {
            const r = await fetch(document.getElementById("player").getAttribute("src"));
            return [r.status, r.headers.get("content-type"), (await r.arrayBuffer()).byteLength];
        }"""
    )
    assert fetched[0] == 200 and fetched[1] == "audio/wav" and fetched[2] > 1000, fetched
    deadline = time.monotonic() + 20
    while page.evaluate("() => document.getElementById('player').readyState") < 1:
        assert time.monotonic() < deadline, "the audio element never loaded its source"
        time.sleep(0.1)
    assert page.evaluate("() => document.getElementById('player').duration") > 0.3
    expect()(page.locator(".turn.tutor").last.locator(".play")).not_to_have_class(
        re.compile("loading")
    )
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1000, "height": 1100})
        page.locator("#answer").blur()
        page.mouse.move(5, 300)
        page.locator(".transcript").evaluate("t => { t.scrollTop = t.scrollHeight; }")
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(SCREENSHOTS) / "chat.png"))
        page.set_viewport_size({"width": 1100, "height": 820})

    # typed without Polish letters: accepted, and shown how it is written
    answer(page, "Z mlekiem, prosze.")
    expect()(page.locator(".turn.learner .verdict").last).to_contain_text("Accepted")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(THIRD_LINE)
    expect()(page.locator("#chat-steps-label")).to_have_text("Line 3 of 5")

    # a reload keeps the session, the transcript and its feedback, and the step (the session's)
    page.reload()
    expect()(page.locator(".turn.tutor .line").last).to_have_text(THIRD_LINE)
    expect()(page.locator("#chat-steps-label")).to_have_text("Line 3 of 5")
    expect()(page.locator(".turn.learner .mistake mark").first).to_have_text("kawa")
    expect()(page.locator(".turn.learner .said").filter(has_text="Poproszę kawę.")).to_have_count(1)
    expect()(page.locator("#chat-title")).to_have_text("At the café (the accusative)")

    # sign out: back to the sign-in form, nothing left in this tab's storage
    page.get_by_role("button", name="Sign out").click()
    expect()(page.locator("form.auth-form")).to_be_visible()
    expect()(page.get_by_role("status").filter(has_text="signed out")).to_be_visible()
    assert page.evaluate("() => sessionStorage.length") == 0


def test_keyboard_only(tab: Page, server: str) -> None:
    page = tab.page
    email = new_email()
    with httpx.Client(base_url=server) as client:
        created = client.post("/auth/register", json={"email": email, "password": PASSWORD})
        assert created.status_code == 201
    page.goto("/")
    expect()(page.locator("#email")).to_be_focused()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect()(page.get_by_role("heading", name="Lessons")).to_be_visible()

    def tab_to(selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(f"[data-lesson='{LESSON}']")
    page.keyboard.press("Enter")
    tab_to("#lesson-start", limit=40)  # past the lesson's goals, words and grammar note
    page.keyboard.press("Enter")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)
    expect()(page.locator("#answer")).to_be_focused()

    page.evaluate("() => document.activeElement.blur()")
    tab_to("#answer")
    page.keyboard.type("Poprosz")
    tab_to("button[data-letter='ę']", limit=5)  # the letters bar follows the input
    page.keyboard.press("Enter")
    expect()(page.locator("#answer")).to_be_focused()
    page.keyboard.type(" kawę.")
    expect()(page.locator("#answer")).to_have_value("Poproszę kawę.")
    page.keyboard.press("Enter")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)
    expect()(page.locator("#answer")).to_be_focused()

    tab_to("button[data-cmd='pomoc']", limit=20)
    page.keyboard.press("Enter")
    hint = page.locator(".turn.tutor .reply").last
    expect()(hint).to_contain_text("Hint:")  # English mode: "Podpowiedź:" in Polish mode
    expect()(hint.locator("[lang=en]").first).to_have_text("Hint:")


def test_phone_sized_screen(browser: Any, server: str) -> None:
    tab = Page(browser, server, viewport={"width": 360, "height": 740}, is_mobile=True)
    page = tab.page
    try:
        page.goto("/")
        no_horizontal_scroll(page)
        create_account(page)
        no_horizontal_scroll(page)
        open_lesson(page)
        answer(page, "poprosze kawa")
        expect()(page.locator(".turn.learner .mistake").first).to_be_visible()
        no_horizontal_scroll(page)
        box = page.locator("#answer").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 740, box
        for route in ("review", "progress"):
            page.goto(f"/#/{route}")
            expect()(page.locator(".view-title")).to_be_visible()
            expect()(page.locator(".loading-line")).to_have_count(0)
            no_horizontal_scroll(page)
    finally:
        tab.close()
    assert tab.errors == []


def test_review_and_progress_say_not_yet_when_missing(tab: Page) -> None:
    page = tab.page

    def missing(route: Any) -> None:
        route.fulfill(
            status=404,
            content_type="application/json",
            body='{"error": {"code": "not_found", "message": "Not Found"}}',
        )

    page.route(re.compile(r"/(review/due|progress)(\?.*)?$"), missing)
    create_account(page)  # the lesson list still works without /progress
    expect()(page.locator(f"[data-lesson='{LESSON}']")).to_be_visible()
    page.goto("/#/review")
    expect()(page.get_by_role("heading", name="Review is not available yet")).to_be_visible()
    page.goto("/#/progress")
    expect()(page.get_by_role("heading", name="Progress is not available yet")).to_be_visible()


def test_tokens_refresh_once_and_an_ended_session_says_so(tab: Page) -> None:
    page = tab.page
    create_account(page)
    refreshes: list[str] = []
    page.on(
        "request",
        lambda request: refreshes.append(request.url) if "/auth/refresh" in request.url else None,
    )
    # A stale access token: every request of the lesson list gets 401 at once; exactly one
    # refresh runs and they all retry with its new token.
    page.evaluate(
        """() => {
            const auth = JSON.parse(sessionStorage.getItem("tutor.auth"));
            auth.access = "stale";
            sessionStorage.setItem("tutor.auth", JSON.stringify(auth));
        }"""
    )
    page.reload()
    expect()(page.locator(f"[data-lesson='{LESSON}']")).to_be_visible()
    page.wait_for_timeout(500)  # the event stream reconnects with the new token too
    assert len(refreshes) == 1, refreshes

    # A login revoked elsewhere: the page says the session ended and asks to sign in.
    page.evaluate(
        """() => {
            const auth = JSON.parse(sessionStorage.getItem("tutor.auth"));
            auth.access = "stale";
            auth.refresh = "revoked-".padEnd(43, "x");
            sessionStorage.setItem("tutor.auth", JSON.stringify(auth));
        }"""
    )
    page.reload()
    expect()(page.get_by_text("Your session has ended")).to_be_visible()
    expect()(page.locator("#email")).to_be_visible()


def test_a_missed_word_is_reviewed_in_the_browser(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    open_lesson(page)
    answer(page, "poprosze kawa")  # wrong: "kawa" is missed, so its card is due now
    expect()(page.locator(".turn.learner .mistake mark").last).to_have_text("kawa")

    token = page.evaluate("() => JSON.parse(sessionStorage.getItem('tutor.auth')).access")
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token}"}) as client:

        def due_cards() -> list[dict[str, Any]]:
            response = client.get("/review/due", params={"limit": 20})
            assert response.status_code == 200, response.text
            return response.json()

        before = due_cards()
        assert before, "no card is due after a missed word"
        assert any(card["pl"].casefold() == "kawa" and card["lapses"] >= 1 for card in before)

        page.goto("/#/review")
        expect()(page.get_by_role("heading", name="Review")).to_be_visible()
        first = before[0]
        card = page.locator("article.flashcard")
        expect()(page.locator(".review-bar [role=status]")).to_have_text(f"Card 1 of {len(before)}")
        expect()(card.locator(".card-front .card-pl")).to_have_text(first["pl"])
        expect()(card.locator(".card-back")).to_be_hidden()
        card.get_by_role("button", name="Show answer").click()
        expect()(card.locator(".card-back .card-en")).to_have_text(first["en"])

        with page.expect_response(
            lambda r: r.request.method == "POST" and f"/review/{first['card_id']}" in r.url
        ) as rated:
            card.get_by_role("button", name="Good").click()
        assert rated.value.ok
        rated_card = rated.value.json()
        assert rated_card["card_id"] == first["card_id"] and rated_card["reps"] == 1

        if len(before) > 1:
            expect()(page.locator(".review-bar [role=status]")).to_have_text(
                f"Card 2 of {len(before)}"
            )
            expect()(card.locator(".card-front .card-pl")).to_have_text(before[1]["pl"])
        else:
            expect()(page.get_by_text("All done for now")).to_be_visible()

        after = due_cards()
        assert first["card_id"] not in [c["card_id"] for c in after]
        assert len(after) == len(before) - 1
    # the rated card is scheduled ahead: its due date is now in the future
    assert datetime.fromisoformat(rated_card["due"]) > datetime.now(UTC)


def test_a_long_conversation_opens_at_its_end_and_shows_earlier_turns(
    tab: Page, server: str
) -> None:
    page = tab.page
    create_account(page)
    token = page.evaluate("() => JSON.parse(sessionStorage.getItem('tutor.auth')).access")
    messages = [f"Mam {n} kotów" for n in range(55)]  # 110 stored turns: more than a page
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token}"}) as client:
        session_id = None
        for message in messages:
            body = {"message": message} | ({"session_id": session_id} if session_id else {})
            response = client.post("/chat", json=body)
            assert response.status_code == 200, response.text
            session_id = response.json()["session_id"]
    page.evaluate(
        "id => sessionStorage.setItem('tutor.chat', "
        "JSON.stringify({sessionId: id, lessonId: null}))",
        session_id,
    )
    page.goto("/#/chat")
    said = page.locator(".turn.learner .said")
    expect()(said).to_have_count(50)  # the last 100 turns: 50 of the learner's, 50 replies
    expect()(said.first).to_have_text(messages[5])
    expect()(said.last).to_have_text(messages[-1])
    expect()(page.locator(".turn.tutor")).to_have_count(50)

    earlier = page.get_by_role("button", name="Show earlier turns")
    earlier.click()
    expect()(said).to_have_count(55)
    assert said.all_inner_texts() == messages
    expect()(page.locator(".turn.tutor")).to_have_count(55)
    expect()(earlier).to_have_count(0)  # nothing before the first turn
    expect()(page.locator("#answer")).to_be_focused()


def test_free_practice_is_a_conversation(tab: Page) -> None:
    """A question, a wrong answer, the correction with its reason, a right answer, the next
    question (issue 15)."""
    page = tab.page
    create_account(page)
    page.get_by_role("button", name="Practise freely").click()
    first = page.locator(".turn.tutor").last
    expect()(first.locator(".line")).to_have_text("Jak masz na imię?")
    expect()(first.locator(".reply")).to_contain_text("answer in a whole sentence")
    expect()(page.locator(".divider")).to_have_text("Free conversation")

    answer(page, "Mam na imię Anna.")  # right: praise and the next question
    expect()(page.locator(".turn.tutor")).to_have_count(2)
    praised = page.locator(".turn.tutor").last
    expect()(praised.locator(".line")).not_to_have_text("Jak masz na imię?")
    expect()(page.locator(".turn.learner").last.locator(".mistake")).to_have_count(0)
    asked = praised.locator(".line").inner_text()

    answer(page, "Mieszkam w Warszawa.")  # wrong: the correction and why, then another question
    expect()(page.locator(".turn.tutor")).to_have_count(3)
    learner = page.locator(".turn.learner").last
    expect()(learner.locator(".mistake")).to_have_count(1)
    expect()(learner.locator(".mistake")).to_contain_text("Warszawa")
    expect()(learner.locator(".feedback")).to_contain_text("Warszawie")
    corrected = page.locator(".turn.tutor").last
    expect()(corrected.locator(".reply")).to_contain_text("„Mieszkam w Warszawie.”")
    expect()(learner.locator(".feedback")).to_contain_text("After w use the Locative")
    next_line = corrected.locator(".line")
    expect()(next_line).not_to_have_text(asked)
    expect()(corrected.get_by_role("button", name="Play the tutor's reply")).to_be_visible()

    answer(page, "co znaczy zamek?")  # a word question keeps the question
    expect()(page.locator(".turn.tutor").last.locator(".reply")).to_contain_text("castle")
    expect()(page.locator(".turn.tutor").last.locator(".line")).to_have_text(next_line.inner_text())
    assert "GET /" not in page.locator("#transcript, .transcript").first.inner_text()


def test_free_practice_shows_a_declension_as_a_table(tab: Page) -> None:
    page = tab.page
    create_account(page)
    page.get_by_role("button", name="Practise freely").click()
    expect()(page.locator(".turn.tutor .line")).to_have_text("Jak masz na imię?")
    answer(page, "odmień kawa")
    reply = page.locator(".turn.tutor").last
    table = reply.locator("table.inflection-table").first
    expect()(table.locator("caption")).to_have_text("Declension")
    accusative = table.locator("tbody tr", has=page.locator("th", has_text="Accusative"))
    expect()(accusative.locator("td")).to_have_text(["kawę", "kawy"])
    expect()(reply.locator(".reply")).to_be_hidden()  # the table replaces its one-line text
    answer(page, "decline mówić")
    verb = page.locator(".turn.tutor").last
    expect()(verb.locator("table.inflection-table caption")).to_contain_text(
        ["Infinitive", "Present tense", "Past tense", "Future tense"]
    )
    past = verb.locator(
        "table.inflection-table", has=page.locator("caption", has_text="Past tense")
    )
    expect()(past.locator("thead th")).to_contain_text(["Masculine singular", "Feminine singular"])
    expect()(past.locator("tbody tr").first.locator("td").nth(1)).to_have_text("mówiłam")
    no_horizontal_scroll(page)
    page.reload()  # a restored conversation draws the tables again
    expect()(page.locator("table.inflection-table caption", has_text="Declension")).to_be_visible()
