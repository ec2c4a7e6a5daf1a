"""The offline tutor: walks a lesson's dialogue, judges answers, hints patiently."""

from __future__ import annotations

import hashlib
import string
import unicodedata
from collections.abc import Callable, Sequence

from polish_tutor.ai_agent.schemas import (
    AgentReply,
    ConversationContext,
    Feedback,
    LessonState,
    PromptRef,
)
from polish_tutor.lessons.catalog import LoadedLesson
from polish_tutor.lessons.schemas import DialogueStep

# Judges a learner's answer against the accepted answers of a step.
AnswerJudge = Callable[[Sequence[str], str, str], Feedback]

SKIP_WORDS = frozenset({"dalej", "skip", "pomiń", "pomin"})
HELP_WORDS = frozenset({"pomoc", "help", "?", "podpowiedź", "podpowiedz", "hint"})
REPEAT_WORDS = frozenset({"powtórz", "powtorz", "repeat"})
PRAISE = ("Świetnie!", "Brawo!", "Bardzo dobrze!", "Doskonale!", "Super, tak jest!", "Pięknie!")
SLOWER = 0.75


def normalise_answer(text: str) -> str:
    """Lower-case, drop punctuation, collapse spaces: what must match for an exact answer."""
    cleaned = "".join(
        " " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch
        for ch in unicodedata.normalize("NFC", text).casefold()
    )
    return " ".join(cleaned.split())


def exact_judge(accepted: Sequence[str], answer: str, explain_in: str) -> Feedback:
    """Accept an answer equal to an accepted one, ignoring case, punctuation and spacing."""
    wanted = {normalise_answer(a) for a in accepted}
    return Feedback(verdict="correct" if normalise_answer(answer) in wanted else "incorrect")


class LocalDriver:
    name = "local"

    def __init__(self, judge: AnswerJudge = exact_judge) -> None:
        self._judge = judge

    async def aclose(self) -> None:
        return None

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
                text=_hint(step, state.attempts),
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
            )
        if command in REPEAT_WORDS:
            return AgentReply(
                text="Powtarzam, wolniej.",
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
                speech_speed=max(0.5, context.prefs.speed * SLOWER),
            )

        feedback = self._judge(step.answers, context.message, context.prefs.explain_in)
        if feedback.verdict in ("correct", "acceptable"):
            praise = _praise(context, state)
            if feedback.verdict == "acceptable":
                praise += f" Poprawnie piszemy: {step.answers[0]}"
            return self._advance(context, lesson, prompt, praise, feedback)

        if context.is_new_session and state.step_index == 0 and state.attempts == 0:
            # The learner has not heard the first line yet: open the lesson instead of judging.
            return AgentReply(
                text=f"Cześć! Zaczynamy lekcję: {lesson.lesson.title}.",
                next_dialogue=step.tutor,
                feedback=None,
                state=state,
                prompt=prompt,
            )
        return AgentReply(
            text=f"Jeszcze nie. {_hint(step, state.attempts)}",
            next_dialogue=step.tutor,
            feedback=feedback,
            state=LessonState(step_index=state.step_index, attempts=state.attempts + 1),
            prompt=prompt,
        )

    def _advance(
        self,
        context: ConversationContext,
        lesson: LoadedLesson,
        prompt: PromptRef,
        text: str,
        feedback: Feedback | None = None,
    ) -> AgentReply:
        steps = lesson.lesson.dialogue
        following = context.state.step_index + 1
        if following >= len(steps):
            return AgentReply(
                text=f"{text} To koniec lekcji. Gratulacje!",
                next_dialogue=None,
                feedback=feedback,
                state=LessonState(step_index=len(steps), completed=True),
                prompt=prompt,
            )
        return AgentReply(
            text=text,
            next_dialogue=steps[following].tutor,
            feedback=feedback,
            state=LessonState(step_index=following),
            prompt=prompt,
        )

    def _free_practice(self, context: ConversationContext) -> AgentReply:
        return AgentReply(
            text=(
                "Bez lekcji mogę niewiele: wybierz lekcję (lesson_id), a poprowadzę cię krok "
                "po kroku."
            ),
            next_dialogue=None,
            feedback=None,
            state=context.state,
            prompt=PromptRef(id="local:free-practice", version="1", commit="builtin"),
        )


def _hint(step: DialogueStep, attempts: int) -> str:
    """The expected answer is always there to copy; the hints say why."""
    return f"Odpowiedz na przykład: {step.answers[0]}"


def _praise(context: ConversationContext, state: LessonState) -> str:
    seed = hashlib.blake2s(f"{context.session_id}:{state.step_index}".encode()).digest()[0]
    return PRAISE[seed % len(PRAISE)]
