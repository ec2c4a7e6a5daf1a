"""What a turn teaches us about the learner: feature counters, lesson cards, missed words.

``record_turn`` adds its writes to the turn's write batch (the orchestrator executes it with
the turn), reads at most once (the cards of words the learner missed, in the turn's transaction
just before its writes), and never talks to Redis.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from polish_tutor.ai_agent.schemas import Feedback
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.errors import InvalidInput
from polish_tutor.language import LanguageEngine
from polish_tutor.language.morph import FINITE_VERB_CLASSES
from polish_tutor.lessons.catalog import LessonCatalog, LoadedLesson
from polish_tutor.lessons.schemas import Level
from polish_tutor.placement.repository import PlacementRepository
from polish_tutor.progress.repository import Counts, FeatureKey, ProgressRepository
from polish_tutor.progress.schemas import (
    FeatureMastery,
    LessonProgress,
    LevelProgress,
    PracticeActivity,
    ProgressOut,
)
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


# A longer pause between two things the learner did is a break, not time spent practising.
BREAK = timedelta(minutes=10)


def time_zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (Europe/Warsaw, UTC); 422 ``invalid_time_zone`` if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(
            f"Unknown time zone {name[:64]!r}: use an IANA name such as Europe/Warsaw or UTC.",
            code="invalid_time_zone",
        ) from exc


def _runs(days: Sequence[date]) -> Iterable[tuple[date, int]]:
    """(last day, length) of each run of consecutive days in sorted, distinct ``days``."""
    start = 0
    for i in range(1, len(days) + 1):
        if i == len(days) or days[i] - days[i - 1] != timedelta(days=1):
            yield days[i - 1], i - start
            start = i


def practice_activity(
    times: Iterable[datetime], *, now: datetime, zone: ZoneInfo
) -> PracticeActivity:
    """Days practised, the streak and the time spent, from when the learner did things.

    The streak counts the days in a row up to today, or up to yesterday when nothing has been
    done today yet. Time spent adds the time from each thing done to the next one when it is
    at most :data:`BREAK`; a longer pause is a break and adds nothing.
    """
    moments = sorted(t if t.tzinfo is not None else t.replace(tzinfo=UTC) for t in times)
    today = now.astimezone(zone).date()
    days = sorted({moment.astimezone(zone).date() for moment in moments})
    runs = list(_runs(days))
    streak = next(
        (length for end, length in runs if today - end <= timedelta(days=1) and end <= today),
        0,
    )
    spent = timedelta()
    spent_today = timedelta()
    for before, after in zip(moments, moments[1:], strict=False):
        gap = after - before
        if gap > BREAK:
            continue
        spent += gap
        if after.astimezone(zone).date() == today:
            spent_today += gap
    return PracticeActivity(
        time_zone=zone.key,
        days_practised=len(days),
        streak_days=streak,
        longest_streak_days=max((length for _end, length in runs), default=0),
        practised_today=today in days,
        time_spent_seconds=int(spent.total_seconds()),
        time_today_seconds=int(spent_today.total_seconds()),
    )


def level_progress(lessons: Sequence[LessonProgress]) -> list[LevelProgress]:
    """Lessons done and in progress per level, every level of the course (A1 first)."""
    out: list[LevelProgress] = []
    for level in get_args(Level):
        mine = [lesson for lesson in lessons if lesson.level == level]
        statuses = Counter(lesson.status for lesson in mine)
        known = sum(1 for lesson in mine if lesson.known and lesson.status != "done")
        out.append(
            LevelProgress(
                level=level,
                lessons_total=statuses.total(),
                lessons_done=statuses["done"] + known,
                lessons_known=known,
                lessons_in_progress=statuses["in_progress"],
            )
        )
    return out


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
        placement: PlacementRepository | None = None,
    ) -> None:
        self.progress = progress
        self.review = review
        self.lessons = lessons
        self.engine = engine
        self.placement = placement

    @classmethod
    def for_session(
        cls,
        session: AsyncSession,
        *,
        lessons: LessonCatalog,
        engine: LanguageEngine | None,
    ) -> ProgressService:
        return cls(
            ProgressRepository(session),
            ReviewService(ReviewRepository(session)),
            lessons=lessons,
            engine=engine,
            placement=PlacementRepository(session),
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
                await self.review.missed(
                    batch, user_id, words, lesson.lesson if lesson is not None else None
                )

    async def _known_by_placement(self, user_id: uuid.UUID) -> set[str]:
        """The lessons before the one the learner's latest placement quiz suggested."""
        quiz = await self.placement.latest_finished(user_id) if self.placement else None
        if quiz is None or quiz.suggested_lesson_id is None:
            return set()
        ids = [lesson.id for lesson in self.lessons]
        if quiz.suggested_lesson_id not in ids:
            return set()
        return set(ids[: ids.index(quiz.suggested_lesson_id)])

    async def summary(
        self, user_id: uuid.UUID, *, zone: ZoneInfo | None = None, now: datetime | None = None
    ) -> ProgressOut:
        """Everything the progress page shows; days are counted in ``zone`` (UTC if None)."""
        rows = await self.progress.features(user_id)
        positions = {p.lesson_id: p for p in await self.progress.lesson_positions(user_id)}
        known = await self._known_by_placement(user_id)
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
                    known=lesson.id in known,
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
            levels=level_progress(lessons),
            words_learned=await self.review.repository.count_learned(user_id),
            activity=practice_activity(
                await self.progress.practice_times(user_id),
                now=now or datetime.now(UTC),
                zone=zone or ZoneInfo("UTC"),
            ),
        )
