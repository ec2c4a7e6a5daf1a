"""A streamed reply in the browser: against ``polish-tutor serve`` with the OpenAI-compatible
driver (the fake server of tests/fakes writing its reply a few characters at a time), the page
shows the tutor's words while the model is still writing and plays the first sentence's audio
before the model has finished: the model is held after its first sentence until the page has
both, so the order is the events', not a race."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.test_served_turn import start_server, stop_server
from tests.fakes.fixtures import fake_openai, openai_server  # noqa: F401 - fixtures
from tests.fakes.openai_fake import FakeOpenAI
from tests.web.test_web_page import (  # noqa: F401 - the browser fixture
    FIRST_LINE,
    SECOND_LINE,
    Page,
    answer,
    browser,
    create_account,
    expect,
    open_lesson,
)

OPENING = {"text": "Zaczynamy lekcję w kawiarni.", "next_dialogue": None, "corrections": []}
PRAISE = {
    "text": "Świetnie, bardzo dobrze! Jak się masz? Teraz kelner pyta o mleko.",
    "next_dialogue": None,
    "corrections": [],
}
FIRST_SENTENCE = "Świetnie, bardzo dobrze!"


@pytest.fixture(scope="module")
def streaming_server(
    tmp_path_factory: pytest.TempPathFactory,
    openai_server: FakeOpenAI,  # noqa: F811
) -> Iterator[str]:
    served = start_server(
        tmp_path_factory.mktemp("stream"),
        {
            "TUTOR_AGENT_DRIVER": "openai",
            "TUTOR_OPENAI_BASE_URL": f"{openai_server.base_url}/v1",
            "TUTOR_OPENAI_API_KEY": "sk-test-key",
            "TUTOR_OPENAI_MODEL": "tutor-model",
            "TUTOR_OPENAI_TIMEOUT": "60",
        },
    )
    try:
        yield served.base_url
    finally:
        stop_server(served)


@pytest.fixture
def tab(browser: Any, streaming_server: str) -> Iterator[Page]:  # noqa: F811
    opened = Page(browser, streaming_server, viewport={"width": 1100, "height": 820})
    try:
        yield opened
    finally:
        opened.close()
    assert opened.errors == []


def test_the_words_show_and_the_first_sentence_plays_while_the_model_writes(
    tab: Page,
    fake_openai: FakeOpenAI,  # noqa: F811
) -> None:
    fake_openai.token_chars = 3
    fake_openai.token_delay = 0.03
    fake_openai.then({"reply": OPENING}, {"reply": PRAISE, "hold_after": "Jak się"})
    page = tab.page
    create_account(page)
    open_lesson(page)
    expect()(page.locator(".turn.tutor .reply").last).to_have_text(OPENING["text"])

    answer(page, "Poproszę kawę.")
    # The model is held after its first sentence: what the page has now, it had before the
    # model finished.
    streaming = page.locator(".turn.tutor.typing.streaming .reply")
    expect()(streaming).to_contain_text(FIRST_SENTENCE, timeout=30_000)
    assert PRAISE["text"] not in streaming.inner_text()
    player = page.locator("#player")
    expect()(player).to_have_attribute(
        "src", re.compile(r"^/audio/[0-9a-f]+\.wav\?exp=\d+&sig=[0-9a-f]+$"), timeout=60_000
    )
    first_audio = player.get_attribute("src")
    fetched = page.evaluate(
        """async (src) => {
            const r = await fetch(src);
            return [r.status, r.headers.get("content-type"), (await r.arrayBuffer()).byteLength];
        }""",
        first_audio,
    )
    assert fetched[0] == 200 and fetched[1] == "audio/wav" and fetched[2] > 1000, fetched
    assert fake_openai.released_by_test is None  # still held

    fake_openai.release()
    reply = page.locator(".turn.tutor:not(.typing)").last
    expect()(reply.locator(".reply")).to_have_text(PRAISE["text"], timeout=30_000)
    expect()(reply.locator(".line")).to_have_text(SECOND_LINE)
    expect()(page.locator(".turn.tutor.typing")).to_have_count(0)
    assert fake_openai.released_by_test is True
    assert FIRST_LINE != SECOND_LINE
