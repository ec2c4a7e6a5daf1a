"""The patient local tutor, driven directly with real lessons and the real language engine."""

from __future__ import annotations

import uuid

import pytest

from polish_tutor.ai_agent.drivers.local import LocalDriver, engine_judge
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, LessonState, Prefs
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog


@pytest.fixture(scope="module")
def lessons() -> LessonCatalog:
    return LessonCatalog.from_directory()


@pytest.fixture(scope="module")
def driver(lessons: LessonCatalog) -> LocalDriver:
    engine = LanguageEngine.load()
    return LocalDriver(engine_judge(engine), engine=engine, lessons=lessons)


async def say(
    driver: LocalDriver,
    lessons: LessonCatalog,
    message: str,
    state: LessonState,
    lesson_id: str | None = "a1-04-cafe",
    **prefs: object,
) -> AgentReply:
    context = ConversationContext(
        session_id=uuid.uuid4(),
        user_id=None,
        message=message,
        lesson=lessons.get(lesson_id) if lesson_id else None,
        state=state,
        is_new_session=False,
        recent_turns=[],
        prefs=Prefs.model_validate(prefs),
    )
    return await driver.reply(context)


async def test_wrong_answers_get_specific_feedback_then_hints_then_the_answer(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    state = LessonState()
    first = await say(driver, lessons, "Poproszę kawa", state)
    assert first.feedback is not None and first.feedback.verdict == "incorrect"
    assert first.feedback.issues[0].type == "inflection"
    assert first.state == LessonState(step_index=0, attempts=1)
    step = lessons.get("a1-04-cafe").lesson.dialogue[0]  # type: ignore[union-attr]
    assert step.hints[0] in first.text

    second = await say(driver, lessons, "Poproszę kawa", first.state)
    assert step.hints[1] in second.text and second.state.attempts == 2
    third = await say(driver, lessons, "Poproszę kawa", second.state)
    assert f"Poprawna odpowiedź to: {step.answers[0]}" in third.text
    assert third.state.step_index == 0  # patience: never moves on by itself

    right = await say(driver, lessons, step.answers[0], third.state)
    assert right.feedback is not None and right.feedback.verdict == "correct"
    assert right.state == LessonState(step_index=1, attempts=0)
    assert right.next_dialogue == lessons.get("a1-04-cafe").lesson.dialogue[1].tutor  # type: ignore[union-attr]


async def test_missing_polish_letters_are_accepted_and_taught(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    reply = await say(driver, lessons, "poprosze kawe", LessonState())
    assert reply.feedback is not None and reply.feedback.verdict == "acceptable"
    assert {issue.type for issue in reply.feedback.issues} == {"diacritics"}
    assert "Poprawnie piszemy: Poproszę kawę." in reply.text
    assert reply.state.step_index == 1


async def test_help_repeat_and_skip(driver: LocalDriver, lessons: LessonCatalog) -> None:
    state = LessonState(step_index=1, attempts=1)
    helped = await say(driver, lessons, "pomoc", state)
    assert helped.feedback is None and helped.state == state and "Podpowiedź" in helped.text
    repeated = await say(driver, lessons, "powtórz", state, speed=1.0)
    assert repeated.speech_speed == 0.75 and repeated.state == state
    assert repeated.speech_text == repeated.next_dialogue
    skipped = await say(driver, lessons, "dalej", state)
    assert skipped.state == LessonState(step_index=2)


async def test_explanations_in_polish(driver: LocalDriver, lessons: LessonCatalog) -> None:
    reply = await say(driver, lessons, "Poproszę kawa", LessonState(), explain_in="pl")
    assert reply.feedback is not None
    assert "biernik" in reply.feedback.issues[0].explanation.lower()


async def test_outside_a_lesson_it_answers_what_it_honestly_can(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    meaning = await say(driver, lessons, "co znaczy herbata?", LessonState(), lesson_id=None)
    assert "tea" in meaning.text
    english = await say(driver, lessons, "What does kawę mean?", LessonState(), lesson_id=None)
    assert "coffee" in english.text and "kawa" in english.text
    declined = await say(driver, lessons, "odmień kawa", LessonState(), lesson_id=None)
    assert "kawę" in declined.text and "kawą" in declined.text
    other = await say(driver, lessons, "Opowiedz mi o Krakowie", LessonState(), lesson_id=None)
    assert "lesson" in other.text.lower() and other.feedback is None
    assert other.speech_text == ""  # nothing worth speaking


async def test_outside_a_lesson_missing_polish_letters_are_corrected_where_the_engine_is_sure(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    reply = await say(driver, lessons, "Mam zolta kawe", LessonState(), lesson_id=None)
    assert reply.feedback is not None and reply.feedback.verdict == "acceptable"
    issues = [(i.type, i.got, i.expected) for i in reply.feedback.issues]
    assert issues == [("diacritics", "zolta", "żółtą"), ("diacritics", "kawe", "kawę")]
    assert reply.feedback.expected == "Mam żółtą kawę"
    assert reply.text.startswith("With the Polish letters: „Mam żółtą kawę”.")
    assert all(issue.explanation in reply.text for issue in reply.feedback.issues)
    assert reply.speech_text == "Mam żółtą kawę"  # to hear it as it is written
    assert reply.next_dialogue is None and reply.prompt.id == "local:free-practice"

    polish = await say(
        driver, lessons, "Dziekuje bardzo!", LessonState(), lesson_id=None, explain_in="pl"
    )
    assert polish.text.startswith("Z polskimi literami: „Dziękuję bardzo!”.")
    assert "Pamiętaj o polskich literach" in polish.text

    # Words typed as real words are never "corrected", even where another was likely meant.
    for message in ("Wiem, ze to prawda.", "Mam psa", "Opowiedz mi o Krakowie"):
        plain = await say(driver, lessons, message, LessonState(), lesson_id=None)
        assert plain.feedback is None and plain.speech_text == "", message
