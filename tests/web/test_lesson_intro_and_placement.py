"""Teach before testing, and the placement quiz, in Debian's Chromium against
``polish-tutor serve``: a lesson opens with its goals, words (each playable) and grammar note
with its table, then "Start" (or its sentences to translate from English first); the grammar
note stays a button away during the lesson. A learner
who knows A1 takes the placement quiz and the lessons page marks the lessons before the
suggested one as known."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.placement.bank import PlacementBank, PlacementItem
from polish_tutor.placement.dependencies import placement_bank
from polish_tutor.state import language_engine
from tests.web.test_web_page import (
    FIRST_LINE,
    LESSON,
    SECOND_LINE,
    Page,
    answer,
    browser,
    create_account,
    expect,
    server,
)

__all__ = ["browser", "server"]  # the module's fixtures: a browser and a served tutor


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Page]:
    opened = Page(browser, server, viewport={"width": 1100, "height": 820})
    try:
        yield opened
    finally:
        opened.close()
    assert opened.errors == []


def test_a_lesson_teaches_before_it_tests(tab: Page) -> None:
    page = tab.page
    create_account(page)
    loaded = LessonCatalog.from_directory().get(LESSON)
    assert loaded is not None
    lesson = loaded.lesson
    page.locator(f"[data-lesson='{LESSON}']").click()

    intro = page.locator(".lesson-intro")
    expect()(page.locator("#chat-title")).to_have_text(lesson.title)
    for goal in lesson.goals:
        expect()(intro.locator(".goals")).to_contain_text(goal)
    words = intro.locator(".vocabulary li")
    expect()(words).to_have_count(len(lesson.vocabulary))
    expect()(words.first).to_contain_text("kawa")
    expect()(words.first).to_contain_text("coffee")
    assert lesson.grammar_table is not None
    table = intro.locator(".grammar-table")
    expect()(table.locator("caption")).to_have_text(lesson.grammar_table.title)
    expect()(table.locator("tbody tr")).to_have_count(len(lesson.grammar_table.rows))
    expect()(table.locator("tbody tr").first).to_contain_text("kawę")
    expect()(intro.locator(".grammar-note p").first).to_contain_text("accusative")
    # nothing is asked before "Start": no tutor line and no answer box yet
    expect()(page.locator(".turn.tutor")).to_have_count(0)
    expect()(page.locator("#answer")).to_be_hidden()

    # a word is played through the speech pipeline
    intro.get_by_role("button", name="Hear kawa").click()
    expect()(page.locator("#player")).to_have_attribute(
        "src", re.compile(r"^/audio/[0-9a-f]+\.wav\?"), timeout=60_000
    )

    # translation from English first: judged against the lesson's variants, mistakes explained
    page.locator("#lesson-translate").click()
    exercise = page.locator(".translation")
    expect()(exercise.locator("#translation-english")).to_have_text("A coffee, please.")
    expect()(exercise.locator("#translation-count")).to_have_text(
        f"Sentence 1 of {len(lesson.dialogue)}"
    )
    typed = page.locator("#translation-answer")
    typed.fill("Poproszę kawa.")
    typed.press("Enter")
    feedback = exercise.locator(".translation-feedback")
    expect()(feedback.locator(".verdict")).to_contain_text("Almost")
    expect()(feedback.locator(".issues")).to_contain_text("kawę")
    expect()(typed).to_be_focused()
    typed.fill("Kawę, poproszę.")
    typed.press("Enter")
    expect()(feedback.locator(".verdict")).to_have_text("Correct!")
    expect()(feedback).to_contain_text("Also right: Poproszę kawę.")
    page.locator("#translation-next").click()
    expect()(exercise.locator("#translation-english")).to_have_text("With milk, please.")
    exercise.get_by_role("button", name="Show the answer").click()
    expect()(feedback).to_contain_text("The answer: Z mlekiem, proszę.")
    exercise.get_by_role("button", name="Back to the lesson").click()
    expect()(page.locator(".translation")).to_have_count(0)

    page.locator("#lesson-start").click()
    expect()(page.locator(".turn.tutor .line").last).to_have_text(FIRST_LINE)
    expect()(page.locator(".lesson-intro")).to_have_count(0)
    expect()(page.locator("#answer")).to_be_focused()
    answer(page, "Poproszę kawę.")
    expect()(page.locator(".turn.tutor .line").last).to_have_text(SECOND_LINE)

    # the grammar note, mid-lesson, in a dialog that closes back to the lesson
    page.locator("#grammar-open").click()
    dialog = page.get_by_role("dialog")
    expect()(dialog).to_be_visible()
    expect()(dialog.locator(".grammar-table tbody tr")).to_have_count(
        len(lesson.grammar_table.rows)
    )
    dialog.get_by_role("button", name="Close").click()
    expect()(dialog).to_have_count(0)
    answer(page, "Z mlekiem, proszę.")
    expect()(page.locator("#chat-steps-label")).to_have_text("Line 3 of 5")

    # a lesson resumed after a reload goes straight back to its dialogue
    page.reload()
    expect()(page.locator(".turn.tutor .line").last).to_have_text("Coś jeszcze?")
    expect()(page.locator(".lesson-intro")).to_have_count(0)

    # after the last line, the lesson's sentences can be translated from English
    verdicts = page.locator(".turn.learner .verdict")
    expect()(verdicts).to_have_count(2)  # the two answers before the reload, restored
    for count, line in enumerate(
        ("Poproszę herbatę i ciastko.", "Tak. Ile płacę?", "Dziękuję."), 3
    ):
        answer(page, line)
        expect()(verdicts).to_have_count(count)
        expect()(verdicts.last).to_contain_text("Correct")
    complete = page.locator(".complete")
    complete.locator("#complete-translate").click()
    expect()(complete).to_be_hidden()
    expect()(page.locator("#translation-english")).to_have_text("A coffee, please.")
    page.locator("#translation-back").click()
    expect()(complete).to_be_visible()


@pytest.fixture(scope="module")
def bank() -> PlacementBank:
    return placement_bank(LessonCatalog.from_directory(), language_engine())


def shown_item(page: Any, bank: PlacementBank) -> PlacementItem:
    """The bank's item behind the sentence on the page (the page never shows the word)."""
    form = page.locator(".placement-item")
    english = form.locator("#placement-english").inner_text()
    lemma = form.locator(".lemma").inner_text().strip("()")
    sentence = form.locator(".sentence").inner_text()
    found = {
        item.word: item
        for position in bank.positions
        for item in bank.at(position)
        if (item.english, item.lemma) == (english, lemma)
        and sentence.startswith(item.before.strip())
    }
    assert len(found) == 1, (english, lemma, sentence, list(found))
    return next(iter(found.values()))


def test_the_placement_quiz_suggests_a_start_and_marks_earlier_lessons_known(
    tab: Page, bank: PlacementBank
) -> None:
    page = tab.page
    create_account(page)
    page.locator("#placement-entry").get_by_role("link", name="Take the quiz").click()
    expect()(page.get_by_role("heading", name="Placement quiz")).to_be_visible()
    page.locator("#placement-begin").click()

    a1 = sum(1 for lesson in LessonCatalog.from_directory() if lesson.level == "A1")
    answered = 0
    while True:
        expect()(page.locator("#placement-answer")).to_be_focused()
        item = shown_item(page, bank)
        answered += 1
        expect()(page.locator("#placement-count")).to_contain_text(f"Sentence {answered} ")
        if answered == 1:  # an empty answer is refused on the page, not sent
            page.get_by_role("button", name="Check").click()
            expect()(page.locator(".placement-item .form-error")).to_contain_text("missing word")
        if item.position < a1:
            page.locator("#placement-answer").fill(item.word)
            page.get_by_role("button", name="Check").click()
            expect()(page.locator(".placement-feedback .verdict")).to_contain_text("Right.")
        else:
            page.locator("#placement-skip").click()
            expect()(page.locator(".placement-feedback")).to_contain_text(item.word)
        next_button = page.locator("#placement-next")
        expect()(next_button).to_be_focused()
        last = next_button.inner_text() == "See where to start"
        next_button.click()
        if last:
            break
    assert 10 <= answered <= 15

    result = page.locator("#placement-result")
    expect()(result).to_contain_text(f"of {answered} right")
    title = result.locator("strong").inner_text()
    ids = [lesson.id for lesson in LessonCatalog.from_directory()]
    titles = {lesson.title: lesson.id for lesson in LessonCatalog.from_directory()}
    start = ids.index(titles[title])
    assert 8 <= start <= 20, title  # knows A1 (16 lessons): late A1 or early A2
    known = page.locator("#placement-result .muted").inner_text()
    assert f"The {start} lessons before it are marked as known" in known

    page.get_by_role("link", name="All lessons").click()
    expect()(page.locator(f".lesson-card.s-known [data-lesson='{ids[0]}']")).to_be_visible()
    expect()(page.locator(".lesson-card.s-known")).to_have_count(start)
    suggested = page.locator(".lesson-card.suggested")
    expect()(suggested).to_have_count(1)
    expect()(suggested).to_contain_text("Start here")
    expect()(suggested.locator(f"[data-lesson='{ids[start]}']")).to_be_visible()
    expect()(page.locator("#level-A1")).to_contain_text(f"{min(start, a1)} of {a1} done")

    # the quiz page keeps the result, and its lesson opens from there
    page.locator("#placement-entry").get_by_role("link", name="Retake the quiz").click()
    expect()(page.locator("#placement-result")).to_contain_text("Your last result")
    page.locator("#placement-open").click()
    expect()(page.locator("#lesson-start")).to_be_visible()
    expect()(page.locator("#chat-title")).to_have_text(title)
