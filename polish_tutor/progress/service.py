"""What a turn teaches us about the learner: feature counters, lesson cards, missed words.

``record_turn`` adds its writes to the turn's write batch (the orchestrator executes it with
the turn), reads at most once (the cards of words the learner missed, in a read-only session of
its own), and never talks to Redis.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.ai_agent.schemas import Feedback
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.language import LanguageEngine
from polish_tutor.language.morph import FINITE_VERB_CLASSES
from polish_tutor.lessons.catalog import LessonCatalog, LoadedLesson
from polish_tutor.progress.repository import Counts, FeatureKey, ProgressRepository
from polish_tutor.progress.schemas import FeatureMastery, LessonProgress, ProgressOut
from polish_tutor.review.repository import ReviewRepository
from polish_tutor.review.service import ReviewService

POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Issues that name a word the learner should have written (and may have a card for).
WORD_ISSUES = frozenset({"inflection", "diacritics", "typo", "wrong_word", "missing_word"})
_STRIP = ".,!?;:…\"'«»„”()–-"


def _tokens(text: str) -> list[str]:
    return [token for token in (word.strip(_STRIP) for word in text.split()) if token]


def case_gender(engine: LanguageEngine | None, word: str, case: str) -> str:
    """The gender of ``word`` read in ``case``, when Morfeusz gives exactly one; else ""."""
    if engine is None:
        return ""
    genders = {
        gender
        for reading in engine.readings(word)
        if case in reading.case
        for gender in reading.gender
    }
    return next(iter(genders)) if len(genders) == 1 else ""


def features_used(engine: LanguageEngine | None, sentence: str) -> set[FeatureKey]:
    """The case × gender, person and aspect values a sentence certainly uses.

    Only unambiguous words count: a word every reading of which is a noun in one case and
    gender, or a finite verb in one person (and aspect). "Poproszę kawę." → person pri,
    aspect perf, case acc × f. Polish letters in the sentence count for diacritics.
    """
    used: set[FeatureKey] = set()
    if any(ch in POLISH_LETTERS for ch in sentence):
        used.add(("diacritics", "", ""))
    if engine is None:
        return used
    for token in _tokens(sentence):
        readings = engine.readings(token)
        if not readings:
            continue
        if all(r.pos == "subst" for r in readings):
            pairs = {(c, g) for r in readings for c in r.case for g in r.gender}
            if len(pairs) == 1:
                case, gender = next(iter(pairs))
                used.add(("case", case, gender))
        elif all(r.pos in FINITE_VERB_CLASSES for r in readings):
            persons = {p for r in readings for p in r.person}
            aspects = {a for r in readings for a in r.aspect}
            if len(persons) == 1:
                used.add(("person", next(iter(persons)), ""))
            if len(aspects) == 1:
                used.add(("aspect", next(iter(aspects)), ""))
    return used


def feedback_counts(engine: LanguageEngine | None, feedback: Feedback) -> dict[FeatureKey, Counts]:
    """Counter deltas for one judged answer: a wrong for each grammatical or diacritics issue;
    when the answer was accepted, a correct for every feature its expected sentence uses."""
    wrong: Counter[FeatureKey] = Counter()
    for issue in feedback.issues:
        if issue.type == "diacritics":
            wrong[("diacritics", "", "")] += 1
        elif issue.type == "inflection" and issue.feature:
            value = issue.expected_value or ""
            gender = ""
            if issue.feature == "case" and issue.expected and value:
                gender = case_gender(engine, issue.expected, value)
            wrong[(issue.feature, value, gender)] += 1
    right: set[FeatureKey] = set()
    if feedback.verdict in ("correct", "acceptable") and feedback.expected:
        right = features_used(engine, feedback.expected) - set(wrong)
    return {key: (int(key in right), wrong[key]) for key in right | set(wrong)}


def missed_words(
    engine: LanguageEngine | None, feedback: Feedback
) -> list[tuple[str, Sequence[str]]]:
    """Each word the feedback says was expected, with its lemmas."""
    words: list[tuple[str, Sequence[str]]] = []
    for issue in feedback.issues:
        if issue.type not in WORD_ISSUES or not issue.expected:
            continue
        for token in _tokens(issue.expected):
            words.append((token, engine.lemmas(token) if engine is not None else []))
    return words


def mastery(correct: int, wrong: int) -> float:
    total = correct + wrong
    return round(correct / total, 3) if total else 0.0


class ProgressService:
    def __init__(
        self,
        progress: ProgressRepository,
        review: ReviewService,
        *,
        lessons: LessonCatalog,
        engine: LanguageEngine | None,
    ) -> None:
        self.progress = progress
        self.review = review
        self.lessons = lessons
        self.engine = engine

    @classmethod
    def for_session(
        cls,
        session: AsyncSession,
        *,
        lessons: LessonCatalog,
        engine: LanguageEngine | None,
        reads: async_sessionmaker[AsyncSession] | None = None,
    ) -> ProgressService:
        return cls(
            ProgressRepository(session),
            ReviewService(ReviewRepository(session), reads=reads),
            lessons=lessons,
            engine=engine,
        )

    async def record_turn(
        self,
        batch: WriteBatch,
        *,
        user_id: uuid.UUID,
        lesson: LoadedLesson | None,
        starts_lesson: bool,
        feedback: Feedback | None,
    ) -> None:
        if starts_lesson and lesson is not None:
            self.review.add_lesson_cards(batch, user_id, lesson.lesson)
        if feedback is None:
            return
        self.progress.add_counts(batch, user_id, feedback_counts(self.engine, feedback))
        if feedback.verdict == "incorrect" or feedback.issues:
            words = missed_words(self.engine, feedback)
            if words:
                lesson_id = lesson.lesson.id if lesson is not None else None
                await self.review.missed(batch, user_id, words, lesson_id)

    async def summary(self, user_id: uuid.UUID) -> ProgressOut:
        rows = await self.progress.features(user_id)
        positions = {p.lesson_id: p for p in await self.progress.lesson_positions(user_id)}
        lessons: list[LessonProgress] = []
        for lesson in self.lessons:
            total = len(lesson.dialogue)
            position = positions.get(lesson.id)
            if position is None:
                status, done = "not_started", 0
            elif position.completed:
                status, done = "done", total
            else:
                status, done = "in_progress", min(position.furthest_step, total)
            lessons.append(
                LessonProgress(
                    lesson_id=lesson.id,
                    title=lesson.title,
                    level=lesson.level,
                    status=status,
                    steps_done=done,
                    steps_total=total,
                )
            )
        return ProgressOut(
            features=[
                FeatureMastery(
                    feature=row.feature,
                    value=row.value or None,
                    gender=row.gender or None,
                    correct=row.correct,
                    wrong=row.wrong,
                    mastery=mastery(row.correct, row.wrong),
                )
                for row in rows
            ],
            lessons=lessons,
            words_learned=await self.review.repository.count_learned(user_id),
        )
