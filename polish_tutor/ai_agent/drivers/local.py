"""The offline tutor: walks a lesson's dialogue, judges answers with the language engine,
hints patiently, and answers the few questions it honestly can outside a lesson."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Sequence

from polish_tutor.ai_agent.schemas import (
    AgentReply,
    ConversationContext,
    Feedback,
    FeedbackIssue,
    LessonState,
    PromptRef,
)
from polish_tutor.ai_agent.spoken import say_again_reply, spoken_feedback
from polish_tutor.ai_agent.word_answers import answer_word_question
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog, LoadedLesson
from polish_tutor.lessons.schemas import DialogueStep, Lesson

# Judges a learner's answer against the accepted answers of a step.
AnswerJudge = Callable[[Sequence[str], str, str], Feedback]

SKIP_WORDS = frozenset({"dalej", "skip", "pomiń", "pomin"})
HELP_WORDS = frozenset({"pomoc", "help", "?", "podpowiedź", "podpowiedz", "hint"})
REPEAT_WORDS = frozenset({"powtórz", "powtorz", "repeat"})
PRAISE = ("Świetnie!", "Brawo!", "Bardzo dobrze!", "Doskonale!", "Super, tak jest!", "Pięknie!")
SLOWER = 0.75
CLOSING = "To koniec lekcji. Gratulacje!"
FULL_ANSWER_AFTER = 3  # tries, then the answer is shown whole and the learner types it
_WORD = re.compile(r"\w+")


def normalise_answer(text: str) -> str:
    """Lower-case, drop punctuation, collapse spaces: what must match for an exact answer."""
    cleaned = "".join(
        " " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch
        for ch in unicodedata.normalize("NFC", text).casefold()
    )
    return " ".join(cleaned.split())


def exact_judge(accepted: Sequence[str], answer: str, explain_in: str) -> Feedback:
    """Accept an answer equal to an accepted one, ignoring case, punctuation and spacing."""
    given = normalise_answer(answer)
    match = next((a for a in accepted if normalise_answer(a) == given), None)
    if match is None:
        return Feedback(verdict="incorrect", expected=accepted[0] if accepted else None)
    return Feedback(verdict="correct", expected=match)


def engine_judge(engine: LanguageEngine) -> AnswerJudge:
    """Judge with the language engine: every difference named and explained (SPEC.md §4)."""

    def judge(accepted: Sequence[str], answer: str, explain_in: str) -> Feedback:
        exact = exact_judge(accepted, answer, explain_in)
        if exact.verdict == "correct":
            return exact
        return engine_feedback(engine, list(accepted), answer, explain_in)

    return judge


def engine_feedback(
    engine: LanguageEngine, expected: str | Sequence[str], answer: str, explain_in: str
) -> Feedback:
    """The engine's comparison of ``answer`` with ``expected``, as feedback (SPEC.md §4)."""
    comparison = engine.compare(expected, answer, explain_in="pl" if explain_in == "pl" else "en")
    return Feedback(
        verdict=comparison.verdict,
        expected=comparison.expected,
        issues=[FeedbackIssue.model_validate(issue.to_dict()) for issue in comparison.issues],
    )


class LocalDriver:
    name = "local"

    def __init__(
        self,
        judge: AnswerJudge = exact_judge,
        *,
        engine: LanguageEngine | None = None,
        lessons: LessonCatalog | None = None,
    ) -> None:
        self._judge = judge
        self._engine = engine
        self._glossary = _glossary(lessons) if lessons is not None else {}

    async def aclose(self) -> None:
        return None

    def lesson_utterances(self, lesson: Lesson, speed: float) -> list[tuple[str, float]]:
        """What this driver may say aloud in the lesson, exactly, with the speed: the opening,
        each right answer's praise and next line, a retry, a hint's line and a slower repeat.
        Speech for these can be made before the learner needs it (the audio key matches)."""
        steps = lesson.dialogue
        said: dict[tuple[str, float], None] = {(opening_speech(steps[0]), speed): None}
        for index, step in enumerate(steps):
            following = steps[index + 1] if index + 1 < len(steps) else None
            said[(advance_speech(praise_for(index), following), speed)] = None
            said[(retry_speech(step), speed)] = None
            said[(step.tutor, speed)] = None
            said[(step.tutor, slower(speed))] = None
        return list(said)

    async def reply(self, context: ConversationContext) -> AgentReply:
        if context.lesson is None:
            return self._free_practice(context)
        lesson = context.lesson
        prompt = PromptRef(
            id=f"lesson:{lesson.lesson.id}",
            version=str(lesson.lesson.version),
            commit=lesson.content_hash,
        )
        state = context.state
        steps = lesson.lesson.dialogue
        if state.completed or state.step_index >= len(steps):
            return AgentReply(
                text="Ta lekcja jest już skończona. Wybierz następną lekcję!",
                next_dialogue=None,
                feedback=None,
                state=LessonState(step_index=len(steps), completed=True),
                prompt=prompt,
            )
        step = steps[state.step_index]
        command = normalise_answer(context.message)

        if command in SKIP_WORDS:
            return self._advance(
                context, lesson, prompt, f"Dobrze, idziemy dalej. Odpowiedź: {step.answers[0]}"
            )
        if command in HELP_WORDS or context.message.strip() == "?":
            return AgentReply(
                text=f"Podpowiedź: {_hint(step, state.attempts)}",
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
                speech=step.tutor,
            )
        if command in REPEAT_WORDS:
            return AgentReply(
                text="Powtarzam, wolniej.",
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
                speech=step.tutor,
                speech_speed=slower(context.prefs.speed),
            )

        feedback = self._judge(step.answers, context.message, context.prefs.explain_in)
        if context.speech is not None:  # a spoken answer: judged as heard (ai_agent/spoken.py)
            explain_in = context.prefs.explain_in
            feedback = spoken_feedback(feedback, context.message, context.speech, explain_in)
        if feedback.verdict in ("correct", "acceptable"):
            praise = praise_for(state.step_index)
            text = praise
            if feedback.verdict == "acceptable":
                text += f" Poprawnie piszemy: {feedback.expected or step.answers[0]}"
            return self._advance(context, lesson, prompt, text, feedback, spoken=praise)

        if context.is_new_session and state.step_index == 0 and state.attempts == 0:
            # The learner has not heard the first line yet: open the lesson instead of judging.
            return AgentReply(
                text=f"Cześć! Zaczynamy lekcję: {lesson.lesson.title}.",
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
                speech=opening_speech(step),
            )
        if feedback.heard is not None and feedback.heard.say_again:  # no try counted
            return say_again_reply(step.tutor, feedback, state, prompt, context.prefs.explain_in)
        attempts = state.attempts + 1
        if attempts >= FULL_ANSWER_AFTER:
            text = f"Poprawna odpowiedź to: {step.answers[0]} Napisz ją, proszę."
            speech = f"Posłuchaj: {step.answers[0]} Teraz napisz to."
        else:
            explanation = " ".join(issue.explanation for issue in feedback.issues[:2])
            text = " ".join(
                part
                for part in ("Jeszcze nie.", explanation, f"Hint: {_hint(step, attempts - 1)}")
                if part
            )
            speech = retry_speech(step)
        return AgentReply(
            text=text,
            next_dialogue=step.tutor,
            feedback=feedback,
            state=LessonState(step_index=state.step_index, attempts=attempts),
            prompt=prompt,
            speech=speech,
        )

    def _advance(
        self,
        context: ConversationContext,
        lesson: LoadedLesson,
        prompt: PromptRef,
        text: str,
        feedback: Feedback | None = None,
        *,
        spoken: str | None = None,
    ) -> AgentReply:
        steps = lesson.lesson.dialogue
        following = context.state.step_index + 1
        if following >= len(steps):
            return AgentReply(
                text=f"{text} {CLOSING}",
                next_dialogue=None,
                feedback=feedback,
                state=LessonState(step_index=len(steps), completed=True),
                prompt=prompt,
                speech=advance_speech(spoken or text, None),
            )
        return AgentReply(
            text=text,
            next_dialogue=steps[following].tutor,
            feedback=feedback,
            state=LessonState(step_index=following),
            prompt=prompt,
            speech=advance_speech(spoken or text, steps[following]),
        )

    def _free_practice(self, context: ConversationContext) -> AgentReply:
        prompt = PromptRef(id="local:free-practice", version="1", commit="builtin")
        text = self._answer_question(context.message, context.prefs.explain_in)
        if text is None:
            letters = self._polish_letters(context, prompt)
            if letters is not None:
                return letters
            text = (
                "Bez lekcji umiem niewiele: zapytaj „co znaczy kawa?” albo „odmień kawa”, "
                "albo wybierz lekcję (GET /lessons), a poprowadzę cię krok po kroku."
                if context.prefs.explain_in == "pl"
                else "Outside a lesson I can tell you what a word means (“what does kawa mean?”) "
                "or decline it (“decline kawa”). For conversation practice, pick a lesson "
                "(GET /lessons) and I'll guide you step by step."
            )
        return AgentReply(
            text=text,
            next_dialogue=None,
            feedback=None,
            state=context.state,
            prompt=prompt,
            speech="",
        )

    def _polish_letters(self, context: ConversationContext, prompt: PromptRef) -> AgentReply | None:
        """Outside a lesson there is no expected answer, so only what the engine is sure of is
        corrected: a word Morfeusz does not know that becomes a word it knows once its Polish
        letters are restored ("kawe" → "kawę"). A word typed as a real word is left alone, even
        where another spelling was likely meant ("ze", "że")."""
        engine, message = self._engine, context.message
        if engine is None:
            return None
        restored = engine.restore_diacritics(message)
        if len(restored) != len(message):
            return None
        expected = message
        for match in _WORD.finditer(message):
            typed, start, end = match.group(), match.start(), match.end()
            fixed = restored[start:end]
            if fixed != typed and not engine.is_known(typed) and engine.is_known(fixed):
                expected = expected[:start] + fixed + expected[end:]
        if expected == message:
            return None
        explain_in = context.prefs.explain_in
        feedback = engine_feedback(engine, expected, message, explain_in)
        intro = "Z polskimi literami:" if explain_in == "pl" else "With the Polish letters:"
        explanations = " ".join(issue.explanation for issue in feedback.issues if issue.explanation)
        return AgentReply(
            text=f"{intro} „{expected.strip()}”. {explanations}".strip(),
            next_dialogue=None,
            feedback=feedback,
            state=context.state,
            prompt=prompt,
            speech=expected,  # the sentence as it is written, to hear it
        )

    def _answer_question(self, message: str, explain_in: str) -> str | None:
        question = word_question(message)
        if question is None:
            return None
        return answer_word_question(
            question, explain_in=explain_in, engine=self._engine, glossary=self._glossary
        )


def praise_for(step_index: int) -> str:
    """The praise for a right answer: varied, but the same for a step (so its audio is too)."""
    return PRAISE[step_index % len(PRAISE)]


def slower(speed: float) -> float:
    return max(0.5, round(speed * SLOWER, 2))


def opening_speech(step: DialogueStep) -> str:
    return f"Cześć! Zaczynamy. {step.tutor}"


def retry_speech(step: DialogueStep) -> str:
    return f"Jeszcze nie. Spróbuj jeszcze raz. {step.tutor}"


def advance_speech(spoken: str, following: DialogueStep | None) -> str:
    return f"{spoken} {following.tutor if following is not None else CLOSING}"


def _glossary(lessons: LessonCatalog) -> dict[str, str]:
    return {item.pl.casefold(): item.en for lesson in lessons for item in lesson.vocabulary}


def _hint(step: DialogueStep, attempts: int) -> str:
    """Progressive hints, vaguest first; past the last one, the expected answer itself."""
    if attempts < len(step.hints):
        return step.hints[attempts]
    return step.answers[0]
