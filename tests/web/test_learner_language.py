"""The page in the learner's language (issue 14, items 1, 5 and 7), in Debian's Chromium against
``polish-tutor serve``: the learner's gender is asked once and the tutor follows it, English in a
reply is marked ``lang="en"`` and is not sayable, Polish mode labels the chat in Polish, and the
Progress page names grammar as a teacher does (no NKJP tag such as m1 or imperf is shown)."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from polish_tutor.lessons.catalog import LessonCatalog
from tests.web import test_web_page as web
from tests.web.test_web_page import (
    FIRST_LINE,
    LESSON,
    SECOND_LINE,
    Page,
    answer,
    create_account,
    expect,
    open_lesson,
)

# the browser, the served tutor and a tab: the fixtures of the page's other tests
browser, server, tab = web.browser, web.server, web.tab

PAST_TENSE = "a2-20-past-tense"
PAST_FIRST_LINE = "Cześć! Wczoraj cały dzień padał deszcz. Byłeś w domu?"
# GET /progress speaks NKJP; none of these may reach the learner as text, tooltip or label.
RAW_TAG = re.compile(
    r"(?<![\w.])(m1\.m2\.m3|m2\.m3\.f\.n|m1|m2|m3|pri|sec|ter|imperf|perf|praet|fin|sg|nom|gen|"
    r"acc|inst|loc|dat)(?![\w.])"
)


def token(page: Any) -> str:
    return str(page.evaluate("() => JSON.parse(sessionStorage.getItem('tutor.auth')).access"))


def question(page: Any) -> Any:
    return page.locator("#gender-question")


def patch_body(request: Any) -> Any:
    return json.loads(request.post_data or "null")


def test_the_learners_gender_is_asked_once_and_the_tutor_follows_it(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    asked = question(page)
    expect()(asked.get_by_role("heading", name="How should the tutor address you?")).to_be_visible()
    with page.expect_request(
        lambda r: r.method == "PATCH" and r.url.endswith("/auth/me")
    ) as patched:
        asked.get_by_role("button", name=re.compile(r"^As a woman")).click()
    assert patch_body(patched.value) == {"gender": "feminine"}
    expect()(asked).to_have_count(0)
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token(page)}"}) as api:
        assert api.get("/auth/me").json()["gender"] == "feminine"

    # asked once: a reload (which reads the account again) does not ask again
    with page.expect_response(lambda r: r.url.endswith("/auth/me")):
        page.reload()
    expect()(page.locator("#learner-gender")).to_have_value("feminine")
    expect()(page.get_by_role("heading", name="Lessons")).to_be_visible()
    expect()(question(page)).to_have_count(0)

    # the tutor's line follows it, and the line still finds its step (counter, English gloss)
    page.locator(f"[data-lesson='{PAST_TENSE}']").click()
    page.locator("#lesson-start").click()
    line = page.locator(".turn.tutor .line").last
    expect()(line).to_have_text(PAST_FIRST_LINE.replace("Byłeś", "Byłaś"))
    expect()(page.locator("#chat-steps-label")).to_have_text(re.compile(r"^Line 1 of \d+$"))
    first = page.locator(".turn.tutor").last
    first.get_by_role("button", name="English").click()
    expect()(first.locator(".gloss")).to_contain_text("Were you at home?")

    # editable in Settings: "either way" stores null, and the tutor shows both forms again
    page.get_by_text("Settings", exact=True).click()
    with page.expect_request(
        lambda r: r.method == "PATCH" and r.url.endswith("/auth/me")
    ) as patched:
        page.get_by_label("The tutor addresses me").select_option("")
    assert patch_body(patched.value) == {"gender": None}
    expect()(page.locator("#settings-note")).to_contain_text("both forms")
    page.keyboard.press("Escape")
    expect()(page.locator("#settings .settings-panel")).to_be_hidden()
    page.locator("button[data-cmd=pomoc]").click()  # a hint: the line is said again
    expect()(page.locator(".turn.tutor .line").last).to_have_text(
        PAST_FIRST_LINE.replace("Byłeś", "Byłeś (byłaś)")
    )


GREETINGS = "a1-01-greetings"


def lesson_step(lesson: str, index: int) -> Any:
    found = LessonCatalog.from_directory().get(lesson)
    assert found is not None
    return found.lesson.dialogue[index]


def start_lesson(page: Any, lesson: str) -> None:
    page.get_by_role("link", name="Lessons", exact=True).click()
    page.locator(f"[data-lesson='{lesson}']").click()
    page.locator("#lesson-start").click()


def answered_right(page: Any, text: str, next_line: str) -> None:
    """The answer is judged right (✓: correct, or accepted with a note), nothing in it is
    marked as a mistake, and the tutor goes on to ``next_line``."""
    answer(page, text)
    turn = page.locator(".turn.learner").filter(has_text=text).last
    expect()(turn.locator(".verdict")).to_contain_text("✓")
    expect()(turn.locator(".mistake")).to_have_count(0)
    expect()(turn).not_to_contain_text("Almost there")
    expect()(turn).not_to_contain_text("not a Polish word")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(next_line)


def test_a_woman_plays_lessons_with_her_own_name_gender_and_word_order(tab: Page) -> None:
    """Issue 14's walk-through: Jennifer, who said she is a woman, answers with her own (not a
    Polish) name, feminine past forms, another word order and no pronoun, asks what a word
    means inside the lesson; nothing right is called wrong, the question costs no try (the
    hint after it is still the first), and the model answers she is shown are feminine."""
    page = tab.page
    create_account(page)
    question(page).get_by_role("button", name=re.compile(r"^As a woman")).click()
    expect()(question(page)).to_have_count(0)

    start_lesson(page, GREETINGS)
    expect()(page.locator(".turn.tutor .line").last).to_have_text(lesson_step(GREETINGS, 0).tutor)
    answered_right(page, "Dzień dobry!", lesson_step(GREETINGS, 1).tutor)
    # her own name, in the other order of "Mam na imię …"
    answered_right(page, "Na imię mam Jennifer.", lesson_step(GREETINGS, 2).tutor)

    start_lesson(page, PAST_TENSE)
    first = PAST_FIRST_LINE.replace("Byłeś", "Byłaś")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(first)
    verdicts = page.locator(".turn.learner .verdict")
    judged = verdicts.count()
    # a question inside the lesson: answered, not judged, and the line stays
    answer(page, "co znaczy deszcz?")
    expect()(page.locator(".turn.tutor").last.locator(".reply")).to_contain_text("rain")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(first)
    expect()(verdicts).to_have_count(judged)
    # it cost no try: the hint asked for now is the step's first one, not its second
    hints = lesson_step(PAST_TENSE, 0).hints
    page.locator("button[data-cmd=pomoc]").click()
    reply = page.locator(".turn.tutor").last.locator(".reply")
    expect()(reply).to_contain_text(hints[0])
    expect()(reply).not_to_contain_text(hints[1])
    # feminine, the adverbial first, no pronoun
    second = "Co robiłaś w domu? Czytałaś książkę?"
    answered_right(page, "Tak, w domu byłam.", second)
    # skipped: the answer she is shown is a woman's
    page.locator("button[data-cmd=dalej]").click()
    reply = page.locator(".turn.tutor").last.locator(".reply")
    expect()(reply).to_contain_text("Tak, czytałam książkę.")
    expect()(reply).not_to_contain_text("czytałem")
    # the subject left out and the place first
    answered_right(page, "W kinie był.", lesson_step(PAST_TENSE, 3).tutor)


def test_rather_not_say_is_not_asked_again(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    with page.expect_request(
        lambda r: r.method == "PATCH" and r.url.endswith("/auth/me")
    ) as patched:
        question(page).get_by_role("button", name=re.compile(r"^Rather not say")).click()
    assert patch_body(patched.value) == {"gender": None}
    expect()(question(page)).to_have_count(0)
    with page.expect_response(lambda r: r.url.endswith("/auth/me")):
        page.reload()
    expect()(page.get_by_role("heading", name="Lessons")).to_be_visible()
    expect()(page.locator("#learner-gender")).to_have_value("")
    expect()(question(page)).to_have_count(0)


def test_english_in_a_reply_is_marked_and_not_sayable(tab: Page) -> None:
    page = tab.page
    create_account(page)
    expect()(question(page)).to_be_visible()  # unanswered: it waits, and is not in the chat
    open_lesson(page)
    expect()(question(page)).to_be_hidden()

    answer(page, "I don't understand")  # answered in English, with the hint; no try counted
    reply = page.locator(".turn.tutor").last.locator(".reply")
    expect()(reply).to_contain_text("No problem. In English:")
    english = reply.locator("[lang=en]")
    expect()(english.first).to_contain_text("No problem")
    expect()(english.filter(has_text="Hint:")).to_have_count(1)
    expect()(reply.locator("[lang=en] .w")).to_have_count(0)  # nothing English is clickable
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)

    answer(page, "poprosze kawa")  # wrong: Polish "Jeszcze nie." and an English hint label
    reply = page.locator(".turn.tutor").last.locator(".reply")
    expect()(reply.locator("[lang=pl] .w", has_text="Jeszcze")).to_have_count(1)
    expect()(reply.locator("[lang=en]").filter(has_text="Hint:")).to_have_count(1)
    expect()(reply.locator("[lang=en] .w")).to_have_count(0)
    explanation = page.locator(".turn.learner .explanation").last
    expect()(explanation).to_have_attribute("lang", "en")
    expect()(explanation.locator("em[lang=pl]").first).to_be_visible()  # its Polish words
    # a Polish word of the reply is spoken when clicked
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/tts")) as said:
        reply.locator("[lang=pl] .w", has_text="Jeszcze").click()
    assert patch_body(said.value)["text"] == "Jeszcze"

    answer(page, "Poproszę kawę.")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)


def test_polish_mode_labels_the_chat_in_polish(tab: Page) -> None:
    page = tab.page
    create_account(page)
    page.get_by_text("Settings", exact=True).click()
    page.locator("#explain-in").select_option("pl")
    expect()(page.locator("#settings summary")).to_contain_text("Ustawienia")
    expect()(question(page).get_by_role("heading")).to_have_text(
        "Jak nauczyciel ma się do ciebie zwracać?"
    )
    page.keyboard.press("Escape")
    page.locator(f"[data-lesson='{LESSON}']").click()
    page.locator("#lesson-start").click()
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)
    chat = page.locator("section.chat")
    expect()(chat).to_have_attribute("lang", "pl")
    for name in ("Podpowiedź", "Powtórz", "Dalej", "Wyślij"):
        expect()(chat.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect()(page.locator("#mic .mic-label")).to_have_text("Mów")
    tools = page.locator(".turn.tutor").last.locator(".tools")
    expect()(tools).to_contain_text("Posłuchaj")
    expect()(tools).to_contain_text("Wolniej")
    expect()(tools).to_contain_text("Po angielsku")
    expect()(page.locator("#chat-steps-label")).to_have_text("Kwestia 1 z 5")

    answer(page, "poprosze kawa")
    feedback = page.locator(".turn.learner .feedback").last
    expect()(feedback.locator(".verdict")).to_have_text(
        "Prawie dobrze Poprawimy to razem — bez pośpiechu."
    )
    expect()(feedback.locator(".tag").first).to_have_text(re.compile("Przypadek|Polskie litery"))
    expect()(feedback.locator(".explanation").first).to_have_attribute("lang", "pl")
    reply = page.locator(".turn.tutor").last.locator(".reply")
    expect()(reply.locator("[lang=pl]").filter(has_text="Podpowiedź:")).to_have_count(1)

    answer(page, "Poproszę kawę.")
    expect()(page.locator(".turn.learner .verdict").last).to_have_text("✓ Dobrze!")
    expect()(page.locator("#chat-steps-label")).to_have_text("Kwestia 2 z 5")
    for step in range(2, 6):  # skip to the end of the lesson
        chat.get_by_role("button", name="Dalej", exact=True).click()
        if step < 5:
            expect()(page.locator("#chat-steps-label")).to_have_text(f"Kwestia {step + 1} z 5")
    done = page.locator(".complete")
    expect()(done).to_contain_text("Lekcja ukończona — gratulacje!")
    expect()(done.get_by_role("link", name="Wszystkie lekcje")).to_be_visible()
    expect()(done.get_by_role("link", name="Powtórz słówka")).to_be_visible()
    expect()(done.get_by_role("button", name=re.compile(r"^Następna: "))).to_be_visible()
    expect()(page.locator("#chat-steps-label")).to_have_text("Lekcja ukończona")
    shown = chat.inner_text()
    for english in (
        "Almost there",
        "Let's fix",
        "Correct",
        "Hint",
        "Repeat",
        "Skip",
        "Play",
        "Slower",
        "Written",
        "Lesson complete",
        "All lessons",
        "Send",
        "Line ",
        "Speak",
    ):
        assert english not in shown, english


def _every_value(real: dict[str, Any]) -> dict[str, Any]:
    """The real GET /progress answer with a row for every value it can hold added."""

    def row(feature: str, value: str | None, gender: str | None, right: int = 3) -> dict[str, Any]:
        return {
            "feature": feature,
            "value": value,
            "gender": gender,
            "correct": right,
            "wrong": 1,
            "mastery": right / (right + 1),
        }

    rows = [
        row("case", case, gender)
        for case in ("nom", "gen", "dat", "acc", "inst", "loc")
        for gender in ("m1", "m2", "m3", "f", "n")
    ]
    rows += [
        row("case", "acc", "m1.m2.m3"),
        row("case", "gen", None),
        row("case", "gen.acc", "f"),
        row("person", "pri", None),
        row("person", "sec", None),
        row("person", "ter", None),
        row("aspect", "imperf", None),
        row("aspect", "perf", None),
        row("gender", "m1.m2.m3", None),
        row("gender", "m2.m3.f.n", None),
        row("gender", "m1", None),
        row("number", "sg", None),
        row("number", "pl", None),
        row("tense", "praet", None),
        row("tense", "fin", None),
        row("tense", "fin:perf", None),
        row("degree", "com", None),
        row("diacritics", None, None),
    ]
    return real | {"features": [*real["features"], *rows]}


def _no_raw_tag(page: Any) -> None:
    area = page.locator("main")
    shown = area.inner_text()
    found = RAW_TAG.search(shown)
    context = shown[max(0, found.start() - 60) : found.end() + 60] if found else ""
    assert found is None, f"a raw tag is shown: {context!r}"
    labels = area.evaluate(
        """main => [...main.querySelectorAll("[title], [aria-label]")]
            .flatMap((el) => [el.getAttribute("title"), el.getAttribute("aria-label")])
            .filter(Boolean)"""
    )
    for label in labels:
        assert RAW_TAG.search(label) is None, f"a raw tag in a tooltip or label: {label!r}"


def test_the_progress_page_names_grammar_and_shows_no_raw_tag(tab: Page, server: str) -> None:
    page = tab.page
    create_account(page)
    open_lesson(page)
    answer(page, "Poproszę kawę.")  # real progress: person pri, aspect perf, case acc × f
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token(page)}"}) as api:
        real = api.get("/progress").json()
    assert {(f["feature"], f["value"]) for f in real["features"]} >= {("person", "pri")}

    page.goto("/#/progress")
    expect()(page.get_by_role("heading", name="Progress")).to_be_visible()
    expect()(page.locator("table.persons")).to_contain_text("1st person")
    _no_raw_tag(page)

    # every value GET /progress can hold, added to the real answer
    def with_every_value(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, json=_every_value(response.json()))

    page.route(re.compile(r"/progress(\?.*)?$"), with_every_value)
    page.reload()
    cases = page.locator("table.cases")
    expect()(cases.locator("thead th")).to_have_count(7)  # five, masculine (any) and any gender
    expect()(cases.locator("thead")).to_contain_text("masculine personal")
    expect()(cases.locator("tbody th").first).to_have_text("Nominative")
    expect()(cases.locator("tbody")).to_contain_text("Genitive / Accusative")
    others = page.locator("table.others")
    for name in (
        "Aspect: imperfective",
        "Aspect: perfective",
        "Gender: masculine",
        "Gender: non-masculine-personal",
        "Gender: masculine personal",
        "Number: singular",
        "Tense: past",
        "Degree: comparative",
        "Polish letters",
    ):
        expect()(others).to_contain_text(name)
    expect()(page.locator("table.persons thead")).to_have_text(
        re.compile("1st person.*2nd person.*3rd person")
    )
    _no_raw_tag(page)

    # in Polish mode, in Polish
    page.get_by_text("Settings", exact=True).click()
    page.locator("#explain-in").select_option("pl")
    page.keyboard.press("Escape")
    expect()(page.get_by_role("heading", name="Postępy")).to_be_visible()
    expect()(page.locator("table.cases tbody th").first).to_have_text("Mianownik")
    expect()(page.locator("table.cases thead")).to_contain_text("męskoosobowy")
    others = page.locator("table.others")
    for name in (
        "Aspekt: niedokonany",
        "Rodzaj: męski",
        "Rodzaj: niemęskoosobowy",
        "Liczba: pojedyncza",
        "Czas: przeszły",
        "Polskie litery",
    ):
        expect()(others).to_contain_text(name)
    expect()(page.locator("table.persons thead")).to_contain_text("1. osoba")
    _no_raw_tag(page)
