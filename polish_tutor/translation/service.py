"""Translation from English: a lesson's answers, given in English, to say in Polish.

A step's English (``answer_gloss``) is the English of its first answer only; the step's other
answers are often other replies altogether (*Bez mleka* beside *Z mlekiem*), so they are not all
translations of it. The sentences accepted are the first answer and those of the others that
the engine judges the same sentence (word order, synonyms, Polish letters), and the judging uses
the step's and the lesson's declarations (synonyms, slots) and the learner's gender, as in the
dialogue. Each answer counts for the learner's progress as a dialogue answer does.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import Sequence
from typing import TypedDict

from polish_tutor.ai_agent.schemas import Feedback, FeedbackIssue
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.errors import NotFound
from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import ExplainIn, LearnerGender
from polish_tutor.lessons.catalog import LessonCatalog, LessonNotFound, LoadedLesson
from polish_tutor.lessons.schemas import DialogueStep, Lesson, SlotKind
from polish_tutor.progress.service import ProgressService
from polish_tutor.translation.schemas import (
    TranslationIn,
    TranslationItem,
    TranslationOut,
    TranslationSet,
)


class _Declared(TypedDict):
    synonyms: list[list[str]]
    slots: dict[str, SlotKind]
    slot_classes: dict[str, str | list[str]]
    kept_aspect: Sequence[str]


def _declarations(lesson: Lesson, step: DialogueStep) -> _Declared:
    """What the lesson declares for the step, as the dialogue judges it: synonyms, slots and
    their classes (*z bratem*: a member of the family, not any noun), the aspect it asks for.
    Not an open step's content words: the English is of one answer, so another answer that
    says the same kind of thing is not its translation."""
    return {
        "synonyms": [*step.synonyms, *lesson.synonyms],
        "slots": dict(step.slots),
        "slot_classes": dict(step.slot_classes),
        "kept_aspect": step.aspect,
    }


def same_sentence(engine: LanguageEngine, lesson: Lesson, step: DialogueStep) -> list[str]:
    """The step's first answer and the others that say the same (the translation's variants)."""
    first = step.answers[0]
    out = [first]
    for other in step.answers[1:]:
        judged = engine.compare(first, other, **_declarations(lesson, step))
        if judged.verdict != "incorrect":
            out.append(other)
    return out


@functools.lru_cache(maxsize=4096)
def _variants(
    engine: LanguageEngine, catalog: LessonCatalog, lesson_id: str, step: int
) -> tuple[str, ...]:
    loaded = catalog.get(lesson_id)
    assert loaded is not None
    lesson = loaded.lesson
    return tuple(same_sentence(engine, lesson, lesson.dialogue[step]))


def lesson_of(catalog: LessonCatalog, lesson_id: str) -> LoadedLesson:
    loaded = catalog.get(lesson_id)
    if loaded is None:
        raise LessonNotFound(lesson_id)
    return loaded


def translation_set(catalog: LessonCatalog, lesson_id: str) -> TranslationSet:
    """The lesson's answers in English, each with the tutor's line it answers."""
    lesson = lesson_of(catalog, lesson_id).lesson
    return TranslationSet(
        lesson_id=lesson.id,
        title=lesson.title,
        level=lesson.level,
        items=[
            TranslationItem(
                step=index,
                english=step.answer_gloss,
                context_pl=step.tutor,
                context_en=step.gloss,
            )
            for index, step in enumerate(lesson.dialogue)
            if step.answer_gloss
        ],
    )


class TranslationService:
    def __init__(
        self, catalog: LessonCatalog, engine: LanguageEngine, progress: ProgressService
    ) -> None:
        self.catalog = catalog
        self.engine = engine
        self.progress = progress

    def _judge(
        self,
        loaded: LoadedLesson,
        index: int,
        answer: str,
        explain_in: ExplainIn,
        gender: LearnerGender | None,
    ) -> TranslationOut:
        lesson = loaded.lesson
        step = lesson.dialogue[index]
        accepted = list(_variants(self.engine, self.catalog, lesson.id, index))
        judged = self.engine.compare(
            accepted,
            answer,
            explain_in=explain_in,
            learner_gender=gender,
            **_declarations(lesson, step),
        )
        return TranslationOut(
            verdict=judged.verdict,
            expected=judged.expected,
            answer=answer,
            issues=[FeedbackIssue.model_validate(issue.to_dict()) for issue in judged.issues],
            accepted=accepted,
        )

    async def check(
        self,
        user_id: uuid.UUID,
        lesson_id: str,
        step: int,
        body: TranslationIn,
        gender: LearnerGender | None,
        batch: WriteBatch,
    ) -> TranslationOut:
        """Judge the learner's Polish for the step's English; the progress writes join
        ``batch`` (the caller executes it)."""
        loaded = lesson_of(self.catalog, lesson_id)
        dialogue = loaded.lesson.dialogue
        if not 0 <= step < len(dialogue) or not dialogue[step].answer_gloss:
            raise NotFound(
                f"Lesson {lesson_id!r} has no sentence {step} to translate.",
                code="step_not_found",
            )
        out = await asyncio.to_thread(
            self._judge, loaded, step, body.answer.strip(), body.explain_in, gender
        )
        feedback = Feedback(verdict=out.verdict, expected=out.expected, issues=out.issues)
        await self.progress.record_turn(
            batch, user_id=user_id, lesson=loaded, starts_lesson=False, feedback=feedback
        )
        return out
