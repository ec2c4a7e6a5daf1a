"""Speaking on the page, in Debian's Chromium with a fake microphone that plays a recording the
project makes (eSpeak NG saying the line's answer), against ``polish-tutor serve`` with its
transcription worker and the real model."""

from __future__ import annotations

import io
import re
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.test_served_turn import start_server, stop_server
from tests.support.speech import espeak_clip, item_of
from tests.web.test_practice_page import open_practice
from tests.web.test_web_page import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIRST_LINE,
    LESSON,
    SECOND_LINE,
    Page,
    _unavailable,
    create_account,
    expect,
    open_lesson,
)


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ "Poproszę kawę." with a second of silence after it, as the fake microphone's input."""
    path = tmp_path_factory.mktemp("mic") / "answer.wav"
    path.write_bytes(espeak_clip("Poproszę kawę.", pad_seconds=0.6))
    with wave.open(io.BytesIO(path.read_bytes())) as wav:
        assert wav.getnframes() / wav.getframerate() > 1.5
    return path


@pytest.fixture(scope="module")
def browser(answer_wav: Path) -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"Chromium at {CHROMIUM} (apt-get install chromium; `make test` installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package (pip install -e '.[test]')")
    microphone = [
        "--use-fake-ui-for-media-stream",  # grant the microphone without asking
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={answer_wav}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ]
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *microphone]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    served = start_server(tmp_path_factory.mktemp("speaking"), {})
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


def test_a_line_answered_by_voice(tab: Page) -> None:
    page = tab.page
    create_account(page)
    open_lesson(page)
    mic = page.locator("#mic")
    expect()(mic).to_have_attribute("aria-pressed", "false")

    # hold to talk: the fake microphone says the answer while the button is held
    mic.hover()
    page.mouse.down()
    expect()(mic).to_have_attribute("aria-pressed", "true")
    expect()(page.locator(".mic-level")).to_be_visible()
    page.wait_for_timeout(3200)
    page.mouse.up()
    expect()(mic).to_have_attribute("aria-pressed", "false")

    spoken = page.locator(".turn.learner.spoken").last
    expect()(spoken.locator(".said")).to_contain_text("Poproszę kawę", timeout=90_000)
    expect()(spoken.locator(".verdict")).to_contain_text("Correct")
    expect()(spoken.locator(".heard").first).to_contain_text("The tutor heard:")
    expect()(spoken.get_by_role("button", name="Play my recording")).to_be_visible()
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)

    # the keyboard: Space starts and stops. The fake microphone says the same sentence again,
    # which is not an answer to this line: the tutor says what it heard, with no rule.
    mic.focus()
    page.keyboard.press("Space")
    expect()(mic).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(3200)
    page.keyboard.press("Space")
    expect()(mic).to_have_attribute("aria-pressed", "false")
    again = page.locator(".turn.learner.spoken").nth(1)
    expect()(again.locator(".verdict")).to_contain_text("Say it again", timeout=90_000)
    # what the recogniser makes of it (prompted with this line's answer, "Z mlekiem, proszę.")
    # varies with the part of the looping recording caught; that it is said is what counts
    expect()(again.locator(".heard").first).to_contain_text("The tutor heard:")
    expect()(again.locator(".heard").first).not_to_contain_text("Z mlekiem")
    expect()(again.locator(".issues")).to_have_count(0)
    expect()(page.locator(".turn.tutor .reply").last).to_contain_text("I heard")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)


def test_a_listening_item_answered_by_voice(tab: Page) -> None:
    """The Practice page's listening item, said into the microphone: the recording goes up
    with the item's token, what the tutor heard fills the answer and is judged."""
    page = tab.page
    create_account(page)
    open_lesson(page)  # the café lesson's lines are now the learner's listening sentences

    # Items are drawn at random: the page is handed the real item of the line the fake
    # microphone says ("Poproszę kawę.", line 0), drawn from the server until it comes.
    def first_line(route: Any) -> None:
        for _ in range(60):
            response = route.fetch()
            if item_of(response.json()["token"]) == [LESSON, "0"]:
                route.fulfill(response=response)
                return
        route.abort()

    page.route("**/drills/listening", first_line)
    told: list[dict[str, Any]] = []  # the item and the recording's status, as the page read them
    page.on(
        "response",
        lambda response: (
            told.append(response.json())
            if re.search(r"/(speech(/[^/]+)?|drills/listening)$", urlsplit(response.url).path)
            else None
        ),
    )
    open_practice(page, "Listening")
    item = page.locator("article.listening")
    expect()(item.locator(".instruction")).to_contain_text("type or say what you hear")
    mic = item.locator("#mic")
    expect()(mic).to_have_attribute("aria-pressed", "false")

    mic.hover()
    page.mouse.down()
    expect()(mic).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(3200)
    page.mouse.up()
    expect()(mic).to_have_attribute("aria-pressed", "false")

    expect()(item.locator(".verdict")).to_have_text("Right!", timeout=90_000)
    expect()(page.locator("#listening-answer")).to_have_value(re.compile(r"^Poproszę kawę"))
    expect()(item.locator(".heard").first).to_contain_text("The tutor heard:")
    expect()(item.locator(".heard q").first).to_contain_text("Poproszę kawę")
    expect()(item.get_by_role("button", name="Play my recording")).to_be_visible()
    expect()(item.get_by_role("button", name="Another sentence")).to_be_visible()
    # the page never learnt the sentence: not with the item, not from the recording's status
    items = [body for body in told if "token" in body]
    assert items and not any("kaw" in str(body) for body in items), items
    assert all(body.get("expected") is None for body in told), told


@pytest.mark.parametrize(
    ("browser_side", "says"),
    [
        (
            "navigator.mediaDevices.getUserMedia = () =>"
            " Promise.reject(new DOMException('denied', 'NotAllowedError'));",
            "The microphone is not allowed",
        ),
        ("delete Navigator.prototype.mediaDevices;", "no microphone we can use"),
    ],
)
def test_without_a_microphone_the_button_explains_and_typing_stays(
    browser: Any, server: str, browser_side: str, says: str
) -> None:
    opened = Page(browser, server, viewport={"width": 1100, "height": 820})
    try:
        opened.context.add_init_script(browser_side)
        page = opened.page
        create_account(page)
        open_lesson(page)
        page.locator("#mic").focus()
        page.keyboard.press("Enter")
        expect()(page.locator("#composer-note")).to_contain_text(says)
        expect()(page.locator("#mic")).to_have_attribute("aria-pressed", "false")
        page.locator("#answer").fill("Poproszę kawę.")
        page.locator("#answer").press("Enter")
        expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)
        assert FIRST_LINE != SECOND_LINE
    finally:
        opened.close()
    assert opened.errors == []
