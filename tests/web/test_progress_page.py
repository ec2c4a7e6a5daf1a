"""The Progress page a learner can read (issue 19, item 5), in Debian's Chromium against
``polish-tutor serve``: the streak of days practised and the time spent (in the browser's own
time zone), lessons done per level, the case × gender grid in three named colours with its key,
and the weakest cells first.

A lesson is played for real in the page; the stored times of that play are then moved to the
days before (the data, not the code under test), so the streak covers three days.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import create_engine, select, update

from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.review.models import ReviewCard
from polish_tutor.sessions.models import AgentSession, AgentTurn
from tests.e2e.test_served_turn import Served, start_server, stop_server
from tests.web import test_web_page as web
from tests.web.test_web_page import (
    LESSON,
    SECOND_LINE,
    THIRD_LINE,
    Page,
    answer,
    create_account,
    expect,
    open_lesson,
)

browser = web.browser
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A fresh ``polish-tutor serve`` whose SQLite database this test can reach."""
    started = start_server(tmp_path_factory.mktemp("progress-page"), {})
    try:
        yield started
    finally:
        stop_server(started)


@pytest.fixture
def warsaw_tab(browser: Any, served: Served) -> Iterator[Page]:
    opened = Page(
        browser, served.base_url, viewport={"width": 1100, "height": 820}, timezone_id=WARSAW.key
    )
    try:
        yield opened
    finally:
        opened.close()
    assert opened.errors == []


def token(page: Any) -> str:
    return str(page.evaluate("() => JSON.parse(sessionStorage.getItem('tutor.auth')).access"))


def warsaw_time(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


def move_first_answers(database: Path, session_id: str, days: list[datetime]) -> None:
    """Give the session and its first learner turns these times (the last one keeps its own),
    and the cards reviewed when the first answer missed a word the first answer's time."""
    # stored as the app stores times: UTC (a Warsaw wall time written as is would be read as
    # UTC, an hour or two later: in Warsaw's last hour before midnight, tomorrow)
    days = [moment.astimezone(UTC) for moment in days]
    engine = create_engine(f"sqlite:///{database}")
    try:
        sid = uuid.UUID(session_id)
        deadline = time.monotonic() + 30
        while True:  # the served app may store a turn just after it answers
            with engine.connect() as conn:
                turns = list(
                    conn.scalars(
                        select(AgentTurn.id)
                        .where(AgentTurn.session_id == sid, AgentTurn.role == "learner")
                        .order_by(AgentTurn.seq)
                    )
                )
            if len(turns) == len(days) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(turns) == len(days), turns
        with engine.begin() as conn:
            conn.execute(
                update(AgentSession).where(AgentSession.id == sid).values(created_at=days[0])
            )
            # a word missed in the first answer was reviewed ("again") with that answer
            user = select(AgentSession.user_id).where(AgentSession.id == sid).scalar_subquery()
            conn.execute(
                update(ReviewCard)
                .where(ReviewCard.user_id == user, ReviewCard.last_review.is_not(None))
                .values(last_review=days[1])
            )
            for turn_id, moment in zip(turns[:-1], days[1:], strict=True):
                conn.execute(
                    update(AgentTurn).where(AgentTurn.id == turn_id).values(created_at=moment)
                )
    finally:
        engine.dispose()


def test_progress_shows_streak_time_levels_and_weak_cells(warsaw_tab: Page, served: Served) -> None:
    page = warsaw_tab.page
    create_account(page)
    open_lesson(page)
    answer(page, "Poproszę kawa.")  # the accusative of a feminine noun, wrong
    expect()(page.locator(".turn.learner .mistake mark").last).to_have_text("kawa")
    answer(page, "Poproszę kawę.")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)
    answer(page, "Z mlekiem, proszę.")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(THIRD_LINE)

    # opened and first answered the day before yesterday (two minutes apart), answered again
    # yesterday, and the last answer today: three days in a row in Warsaw
    today = datetime.now(WARSAW).date()
    headers = {"Authorization": f"Bearer {token(page)}"}
    with httpx.Client(base_url=served.base_url, headers=headers) as api:
        [played] = api.get("/sessions").json()
        assert played["lesson_id"] == LESSON
        move_first_answers(
            served.var_dir / "tutor.db",
            played["id"],
            [
                warsaw_time(today - timedelta(days=2), 10, 0),
                warsaw_time(today - timedelta(days=2), 10, 2),
                warsaw_time(today - timedelta(days=1), 18, 30),
                datetime.now(WARSAW),  # kept as stored
            ],
        )
        expected = api.get("/progress", params={"tz": WARSAW.key}).json()
    activity = expected["activity"]
    assert (activity["streak_days"], activity["practised_today"]) == (3, True), activity
    assert activity["time_spent_seconds"] == 120, activity

    with page.expect_request(re.compile(r"/progress\?")) as asked:
        page.goto("/#/progress")
    assert parse_qs(urlsplit(asked.value.url).query) == {"tz": [WARSAW.key]}

    streak = page.locator("#tile-streak")
    expect()(streak.locator(".big")).to_have_text("3")
    expect()(streak).to_contain_text("days in a row")
    expect()(streak).to_contain_text("Practised today ✓")
    expect()(streak).to_have_attribute("title", "Longest streak: 3 days. Days practised: 3.")
    spent = page.locator("#tile-time")
    expect()(spent.locator(".big")).to_have_text("2 min")
    expect()(spent).to_contain_text("Today: 0 min")

    # lessons done per level: none done, the café in progress at A1
    per_level: dict[str, int] = {}
    for lesson in LessonCatalog.from_directory():
        per_level[lesson.level] = per_level.get(lesson.level, 0) + 1
    rows = page.locator(".level-row")
    expect()(rows).to_have_count(len(per_level))
    a1 = page.locator(".level-row[data-level=A1]")
    expect()(a1).to_contain_text("Beginner")
    expect()(a1.locator(".level-count")).to_have_text(
        f"0 of {per_level['A1']} done · 1 in progress"
    )
    expect()(a1.locator("progress")).to_have_attribute("max", str(per_level["A1"]))
    expect()(page.locator(".level-row[data-level=B1] .level-count")).to_have_text(
        f"0 of {per_level['B1']} done"
    )

    # the grid: the accusative × feminine cell in the colour of its band, named in words
    acc_f = next(
        f for f in expected["features"]
        if (f["feature"], f["value"], f["gender"]) == ("case", "acc", "f")
    )  # fmt: skip
    assert acc_f["wrong"] >= 1, acc_f
    band = "strong" if acc_f["mastery"] >= 0.8 else "fair" if acc_f["mastery"] >= 0.5 else "weak"
    assert band != "strong"
    cells = page.locator("table.cases tbody tr").filter(has_text="Accusative").locator("td")
    cell = cells.nth(3)  # masculine personal, animate, inanimate, then feminine
    expect()(cell).to_have_attribute("data-band", band)
    expect()(cell).to_have_text(str(round(acc_f["mastery"] * 100)))
    words = {"weak": "needs work", "fair": "getting there"}[band]
    expect()(cell).to_have_attribute(
        "aria-label",
        f"Accusative, feminine: {words}, {round(acc_f['mastery'] * 100)}% — "
        f"{acc_f['correct']} right, {acc_f['wrong']} wrong",
    )
    colour = cell.evaluate("td => getComputedStyle(td).backgroundColor")
    swatch = page.locator(f".colour-key .swatch.{band}").evaluate(
        "s => getComputedStyle(s).backgroundColor"
    )
    assert colour == swatch and colour not in {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}
    key = page.locator(".colour-key")
    for meaning in ("Needs work", "Getting there", "Strong", "Not practised yet"):
        expect()(key).to_contain_text(meaning)
    expect()(cells.nth(0)).to_have_attribute(
        "aria-label", "Accusative, masculine personal: not practised"
    )

    # the weakest cells first, with their numbers
    weakest = page.locator(".weakest li").first
    expect()(weakest).to_contain_text("Accusative, feminine")
    expect()(weakest).to_contain_text(
        f"{acc_f['correct']} of {acc_f['correct'] + acc_f['wrong']} right"
    )

    page.locator(".weakest").get_by_role("link", name="Practise these now").click()
    expect()(page).to_have_url(re.compile(r"#/practice$"))
    page.go_back()
    expect()(page.locator(".weakest li").first).to_contain_text("Accusative, feminine")

    if web.SCREENSHOTS:
        Path(web.SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(web.SCREENSHOTS) / "progress.png"), full_page=True)

    # hours read as hours; a streak waiting for today says so
    def longer(route: Any) -> None:
        response = route.fetch()
        body = response.json()
        body["activity"] |= {
            "time_spent_seconds": 3 * 3600 + 5 * 60 + 40,
            "time_today_seconds": 40,
            "practised_today": False,
            "streak_days": 1,
        }
        route.fulfill(response=response, json=body)

    page.route(re.compile(r"/progress(\?.*)?$"), longer)
    page.reload()
    expect()(spent.locator(".big")).to_have_text("3 h 5 min")
    expect()(spent).to_contain_text("Today: < 1 min")
    expect()(streak).to_contain_text("day in a row")
    expect()(streak).to_contain_text("Practise today to keep it going")
    page.unroute(re.compile(r"/progress(\?.*)?$"))

    # in Polish
    page.get_by_text("Settings", exact=True).click()
    page.locator("#explain-in").select_option("pl")
    page.keyboard.press("Escape")
    expect()(page.get_by_role("heading", name="Postępy")).to_be_visible()
    expect()(streak).to_contain_text("dni z rzędu")
    expect()(streak).to_contain_text("Dzisiaj zrobione ✓")
    expect()(a1.locator(".level-count")).to_have_text(
        f"ukończone: 0 z {per_level['A1']} · w trakcie: 1"
    )
    expect()(page.locator(".colour-key")).to_contain_text("Do poprawy")


def test_a_time_zone_the_server_does_not_know_falls_back_to_utc(
    warsaw_tab: Page, served: Served
) -> None:
    page = warsaw_tab.page
    create_account(page)
    asked: list[str] = []

    def unknown_zone(route: Any) -> None:
        asked.append(route.request.url)
        if "tz=" in route.request.url:
            route.fulfill(
                status=422,
                content_type="application/json",
                body='{"error": {"code": "invalid_time_zone", "message": "Unknown time zone"}}',
            )
        else:
            route.continue_()

    page.route(re.compile(r"/progress(\?.*)?$"), unknown_zone)
    page.goto("/#/progress")
    expect()(page.locator("#tile-streak .big")).to_have_text("0")
    expect()(page.locator("#tile-streak")).to_contain_text("Practise today to start a streak")
    expect()(page.locator("#tile-time .big")).to_have_text("0 min")
    assert any("tz=" not in url for url in asked) and any("tz=" in url for url in asked)
