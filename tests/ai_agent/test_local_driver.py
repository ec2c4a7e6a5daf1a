"""The patient local tutor, driven directly with real lessons and the real language engine."""

from __future__ import annotations

import uuid
from typing import Literal

import pytest

from polish_tutor.ai_agent.drivers.local import LocalDriver, engine_judge
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.practice import PracticeBank
from polish_tutor.turn_types import LessonState, Prefs


@pytest.fixture(scope="module")
def lessons() -> LessonCatalog:
    return LessonCatalog.from_directory()


@pytest.fixture(scope="module")
def driver(lessons: LessonCatalog, engine: LanguageEngine) -> LocalDriver:
    return LocalDriver(
        engine_judge(engine), engine=engine, lessons=lessons, practice=PracticeBank.from_directory()
    )


async def say(
    driver: LocalDriver,
    lessons: LessonCatalog,
    message: str,
    state: LessonState,
    lesson_id: str | None = "a1-04-cafe",
    gender: Literal["feminine", "masculine"] | None = None,
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
        learner_gender=gender,
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
    assert helped.feedback is None and helped.state == state and "Hint:" in helped.text
    helped_pl = await say(driver, lessons, "pomoc", state, explain_in="pl")
    assert "Podpowiedź:" in helped_pl.text
    repeated = await say(driver, lessons, "powtórz", state, speed=1.0)
    assert repeated.speech_speed == 0.75 and repeated.state == state
    assert repeated.speech_text == repeated.next_dialogue
    skipped = await say(driver, lessons, "dalej", state)
    assert skipped.state == LessonState(step_index=2)


async def test_explanations_in_polish(driver: LocalDriver, lessons: LessonCatalog) -> None:
    reply = await say(driver, lessons, "Poproszę kawa", LessonState(), explain_in="pl")
    assert reply.feedback is not None
    assert "biernik" in reply.feedback.issues[0].explanation.lower()


async def test_outside_a_lesson_word_questions_are_answered(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    meaning = await say(driver, lessons, "co znaczy herbata?", LessonState(), lesson_id=None)
    assert "tea" in meaning.text
    english = await say(driver, lessons, "What does kawę mean?", LessonState(), lesson_id=None)
    assert "coffee" in english.text and "kawa" in english.text
    declined = await say(driver, lessons, "odmień kawa", LessonState(), lesson_id=None)
    assert "kawę" in declined.text and "kawą" in declined.text
    assert declined.speech_text == "" and declined.feedback is None


async def test_free_practice_is_a_conversation_that_corrects_and_moves_on(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    bank = PracticeBank.from_directory()
    replies: list[AgentReply] = []

    async def turn(message: str, state: LessonState, **prefs: object) -> AgentReply:
        reply = await say(driver, lessons, message, state, lesson_id=None, **prefs)
        replies.append(reply)
        return reply

    opened = await turn("Zaczynamy!", LessonState())
    first = bank.topics["name"].questions[0]
    assert opened.next_dialogue == first.asked(None) and opened.feedback is None
    assert "answer in a whole sentence" in opened.text
    assert opened.prompt.id == "local:free-practice"

    # a right answer: praise, then a follow-up
    right = await turn("Mam na imię Anna.", opened.state)
    assert right.feedback is not None and right.feedback.verdict == "correct"
    assert right.text in (
        "Świetnie!",
        "Bardzo dobrze!",
        "Brawo!",
        "Doskonale!",
        "Pięknie!",
        "Tak jest!",
    )
    assert right.next_dialogue and right.next_dialogue != opened.next_dialogue
    assert right.state.step_index != opened.state.step_index

    # a wrong answer: the correction with its reason, spoken, and the next question
    wrong = await turn("Mieszkam w Warszawa.", right.state)
    assert wrong.feedback is not None and wrong.feedback.verdict == "incorrect"
    assert wrong.feedback.expected == "Mieszkam w Warszawie."
    (issue,) = wrong.feedback.issues
    assert issue.rule is not None and issue.rule.id == "case.preposition"
    assert "„Mieszkam w Warszawie.”" in wrong.text and issue.explanation in wrong.text
    assert wrong.speech_text.startswith("Mieszkam w Warszawie.")
    assert wrong.next_dialogue and wrong.speech_text.endswith(wrong.next_dialogue)
    assert wrong.state.step_index == right.state.step_index + 1  # the next on the topic

    # questions on the way keep the question
    for message in ("co znaczy zamek?", "pomoc", "nie wiem"):
        aside = await turn(message, wrong.state)
        assert aside.next_dialogue == wrong.next_dialogue and aside.state == wrong.state
        assert aside.feedback is None
    assert "castle" in replies[-3].text
    assert replies[-2].text.startswith("Hint:")
    assert replies[-1].text.startswith("No problem. In English:")
    polish = await turn("nie wiem", wrong.state, explain_in="pl")
    assert polish.parts is not None  # Polish words in the Polish voice, the English marked
    asked = next(q for q in bank if q.asked(None) == wrong.next_dialogue)
    assert [(p.lang, p.text) for p in polish.parts[:2]] == [
        ("pl", "Nie szkodzi. Po angielsku:"),
        ("en", f"„{asked.en}”"),
    ]
    english = await turn("I live in London", wrong.state)
    assert english.text.startswith("Try to answer in Polish.") and english.feedback is None

    # the learner chooses the topic and the level
    food = await turn("porozmawiajmy o jedzeniu", wrong.state)
    question = bank.topics["food"].questions
    assert food.next_dialogue in [q.asked(None) for q in question]
    harder = await turn("trudniej", food.state)
    assert harder.text == "All right, level A2."
    assert harder.next_dialogue in [q.asked(None) for q in question if q.level == "A2"]
    skipped = await turn("dalej", harder.state)
    assert skipped.next_dialogue != harder.next_dialogue

    # in Polish, with the learner's gender
    polish = await say(
        driver, lessons, "Lubię pierogi i zupa.", food.state, lesson_id=None, explain_in="pl"
    )
    assert polish.text.startswith("Prawie! Powiedz tak: „Lubię pierogi i zupę.”")
    assert "biernik" in polish.text

    # never an API path
    assert not any("GET /" in r.text or "/lessons" in r.text for r in [*replies, polish])


async def test_free_practice_before_any_question_checks_the_sentence_and_starts(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    reply = await say(driver, lessons, "Mam zolty kawa", LessonState(), lesson_id=None)
    assert reply.feedback is not None and reply.feedback.expected == "Mam żółtą kawę"
    assert "„Mam żółtą kawę”" in reply.text
    assert reply.next_dialogue == PracticeBank.from_directory().topics["name"].questions[0].pl
    plain = await say(driver, lessons, "Opowiedz mi o Krakowie", LessonState(), lesson_id=None)
    assert plain.feedback is not None and plain.feedback.verdict == "correct"
    assert plain.text.startswith("Let's talk!")


PAST = "a2-20-past-tense"


async def test_without_a_gender_either_form_is_right_and_lines_give_both(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    first = await say(driver, lessons, "Tak, byłam w domu.", LessonState(), lesson_id=PAST)
    assert first.feedback is not None and first.feedback.verdict == "correct"
    assert first.next_dialogue == "Co robiłeś (robiłaś) w domu? Czytałeś (czytałaś) książkę?"
    also = await say(driver, lessons, "Tak, byłem w domu.", LessonState(), lesson_id=PAST)
    assert also.feedback is not None and also.feedback.verdict == "correct"


async def test_a_woman_is_taught_the_feminine_and_addressed_in_it(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    wrong = await say(
        driver, lessons, "Tak, byłem w domu.", LessonState(), lesson_id=PAST, gender="feminine"
    )
    assert wrong.feedback is not None and wrong.feedback.verdict == "incorrect"
    issue = wrong.feedback.issues[0]
    assert (issue.got, issue.expected, issue.feature) == ("byłem", "byłam", "gender")
    assert issue.rule is not None and issue.rule.id == "agreement.past_gender"
    assert "woman" in issue.explanation
    assert wrong.next_dialogue == "Cześć! Wczoraj cały dzień padał deszcz. Byłaś w domu?"
    right = await say(
        driver, lessons, "Tak, byłam w domu.", LessonState(), lesson_id=PAST, gender="feminine"
    )
    assert right.feedback is not None and right.feedback.verdict == "correct"
    assert right.next_dialogue == "Co robiłaś w domu? Czytałaś książkę?"
    shown = await say(
        driver,
        lessons,
        "Tak, byłem w domu.",
        LessonState(attempts=2),
        lesson_id=PAST,
        gender="feminine",
    )
    assert "Poprawna odpowiedź to: Tak, byłam w domu." in shown.text


async def test_a_man_is_taught_the_masculine(driver: LocalDriver, lessons: LessonCatalog) -> None:
    reply = await say(
        driver, lessons, "Tak, byłam w domu.", LessonState(), lesson_id=PAST, gender="masculine"
    )
    assert reply.feedback is not None and reply.feedback.verdict == "incorrect"
    assert reply.feedback.issues[0].expected == "byłem"
    assert "man" in reply.feedback.issues[0].explanation


@pytest.mark.parametrize(
    "question",
    [
        "co znaczy kawa?",
        "what does mleko mean?",
        "odmień kawa",
        "nie rozumiem",
        "Nie rozumiem.",
        "I don't understand",
        "możesz powtórzyć?",
        "Can you repeat that?",
        "jak się mówi tea?",
        "how do you say water?",
    ],
)
async def test_a_question_inside_a_lesson_is_answered_and_costs_no_try(
    driver: LocalDriver, lessons: LessonCatalog, question: str
) -> None:
    state = LessonState(step_index=0, attempts=1)
    reply = await say(driver, lessons, question, state)
    assert reply.feedback is None  # nothing judged, so no review lapse either
    assert reply.state == state
    assert reply.next_dialogue == lessons.get("a1-04-cafe").lesson.dialogue[0].tutor  # type: ignore[union-attr]


async def test_how_do_you_say_answers_from_the_lessons(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    reply = await say(driver, lessons, "how do you say tea?", LessonState())
    assert "herbata" in reply.text
    assert reply.parts is not None and "*herbata*" in reply.parts[0].text  # marked Polish
    reply = await say(driver, lessons, "jak się mówi water?", LessonState(), explain_in="pl")
    assert "woda" in reply.text and "po polsku" in reply.text
    assert reply.parts is not None  # the English word is not read in the Polish voice
    assert [(p.lang, p.text) for p in reply.parts] == [
        ("en", "„water”"),
        ("pl", "po polsku: woda."),
    ]


async def test_an_answer_in_english_is_asked_for_in_polish(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    state = LessonState(step_index=1)  # "Z mlekiem czy bez?"
    reply = await say(driver, lessons, "with milk please", state)
    assert reply.feedback is None and reply.state == state
    assert reply.text.startswith("Try it in Polish. Hint:")
    assert "spelling" not in reply.text
    polish = await say(driver, lessons, "with milk please", state, explain_in="pl")
    assert polish.text.startswith("Spróbuj po polsku. Podpowiedź:")


async def test_polish_mode_is_polish_and_english_is_marked(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    step = lessons.get("a1-04-cafe").lesson.dialogue[0]  # type: ignore[union-attr]
    polish = await say(driver, lessons, "Poproszę kawa", LessonState(), explain_in="pl")
    assert "Hint" not in polish.text and f"Podpowiedź: {step.hints_pl[0]}" in polish.text
    assert polish.parts is not None and {p.lang for p in polish.parts} == {"pl"}
    english = await say(driver, lessons, "Poproszę kawa", LessonState())
    assert english.parts is not None
    langs = [(p.lang, p.text) for p in english.parts]
    assert langs[0] == ("pl", "Jeszcze nie.")
    assert ("en", "Hint:") in langs and ("en", step.hints[0]) in langs
    explanation = english.feedback.issues[0].explanation  # type: ignore[union-attr]
    assert ("en", explanation) in langs


async def test_a_correct_sentence_that_is_not_the_steps_answer_gets_no_word_by_word_list(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    """*Jestem z Kanady.* for *Jak się masz?*: good Polish, another sentence. No *z is a
    different word, here we need Dobrze*; a try is counted and the hint is given."""
    step = lessons.get("a1-01-greetings").lesson.dialogue[2]  # type: ignore[union-attr]
    assert "Jak się masz?" in step.tutor
    state = LessonState(step_index=2)
    reply = await say(driver, lessons, "Jestem z Kanady.", state, "a1-01-greetings")
    assert reply.feedback is not None and reply.feedback.verdict == "incorrect"
    assert reply.feedback.issues == []
    assert "correct Polish, but this step practises another answer" in reply.text
    assert step.hints[0] in reply.text and reply.state.attempts == 1
    polish = await say(
        driver, lessons, "Jestem z Kanady.", state, "a1-01-greetings", explain_in="pl"
    )
    assert "To poprawne zdanie, ale ten krok ćwiczy inną odpowiedź." in polish.text
    # the same step's answer with a mistake keeps its list of what is wrong
    wrong = await say(driver, lessons, "Dobrze, dziekuje.", state, "a1-01-greetings")
    assert wrong.feedback is not None and wrong.feedback.issues
    # another sentence with a mistake in it is not called correct
    off = await say(driver, lessons, "Jestem z Anglia.", state, "a1-01-greetings")
    assert "correct Polish" not in off.text and off.feedback is not None
    assert off.feedback.issues


async def test_not_understood_in_polish_mode_reads_the_polish_and_marks_the_english(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    step = lessons.get("a1-04-cafe").lesson.dialogue[0]  # type: ignore[union-attr]
    reply = await say(driver, lessons, "nie rozumiem", LessonState(), explain_in="pl")
    assert reply.parts is not None and reply.feedback is None
    assert [(p.lang, p.text) for p in reply.parts[:2]] == [
        ("pl", "Nie szkodzi. Po angielsku to znaczy:"),
        ("en", f"„{step.gloss}”"),
    ]


async def test_the_tutors_when_question_decides_the_aspect_of_the_answer(
    driver: LocalDriver, lessons: LessonCatalog
) -> None:
    """*Kiedy wyjechałeś?* asks about one completed departure: *Wyjeżdżałem w piątek rano.* is
    the aspect said wrong, with the question's verb as the reason; *Wyjechałem …* is right."""
    step = lessons.get("b1-37-travel-story").lesson.dialogue[1]  # type: ignore[union-attr]
    assert "Kiedy wyjechałeś?" in step.tutor
    state = LessonState(step_index=1)
    reply = await say(driver, lessons, "Wyjeżdżałem w piątek rano.", state, "b1-37-travel-story")
    assert reply.feedback is not None and reply.feedback.verdict == "incorrect"
    (issue,) = reply.feedback.issues
    assert issue.feature == "aspect" and issue.rule is not None
    assert (issue.rule.id, issue.rule.trigger) == ("aspect.context", "wyjechałeś")
    right = await say(driver, lessons, "Wyjechałem w piątek rano.", state, "b1-37-travel-story")
    assert right.feedback is not None and right.feedback.verdict == "correct"
