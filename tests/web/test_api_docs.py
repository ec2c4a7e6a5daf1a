"""``/docs`` renders in a real browser under the app's own CSP, with nothing from a CDN."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from tests.web.test_web_page import Page, browser, expect, server  # noqa: F401 - fixtures


def test_the_api_docs_render_offline_under_the_csp(browser: Any, server: str) -> None:  # noqa: F811
    tab = Page(browser, server, viewport={"width": 1200, "height": 900})
    elsewhere: list[str] = []
    own = urlsplit(server).netloc
    tab.page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).netloc not in (own, "") and request.url.startswith("http")
            else None
        ),
    )
    try:
        tab.page.goto("/docs")
        expect()(tab.page.locator(".information-container .title")).to_contain_text(
            "Patient Polish Tutor"
        )
        chat = tab.page.locator(".opblock-summary-path", has_text="/chat").first
        expect()(chat).to_be_visible()
        chat.click()  # an operation opens, with its documented error responses
        expect()(tab.page.locator(".responses-table").first).to_contain_text("429")
    finally:
        tab.close()
    assert tab.errors == []
    assert elsewhere == []
