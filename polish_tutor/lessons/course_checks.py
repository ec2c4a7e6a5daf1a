"""Checks of the course as a whole, run by ``polish-tutor lessons validate`` after the per-file
checks of :mod:`polish_tutor.lessons.validation`:

- every sentence a lesson holds up as right passes the engine's ``check`` with no issue: each
  tutor line and accepted answer, each of them in a woman's and a man's words, and each answer
  with a word of a declared synonym group swapped for another member (in the form the sentence
  needs, its adjectives agreeing);
- each level reuses the words the levels before it taught (their vocabulary lists);
- the course is as big as issue 19 asks (lessons, lessons per level, steps, distinct words).

Words are counted as lemmas (*kawa*, *kawę* and *kawy* are one word), the most plausible one
Morfeusz gives; proper names and the names a lesson declares are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from polish_tutor.language import LanguageEngine
from polish_tutor.language.morph import Reading
from polish_tutor.language.open_answers import noun_class
from polish_tutor.language.text import WORD_RE, preposition_form
from polish_tutor.language.types import LearnerGender
from polish_tutor.lessons.schemas import DialogueStep, Lesson, Level
from polish_tutor.lessons.validation import (
    LESSON_SUFFIX,
    LessonLoadError,
    LessonProblem,
    load_lesson_file,
    polish_words,
)

__all__ = [
    "COURSE_SIZE",
    "CourseProblems",
    "CourseSize",
    "LevelFigures",
    "course_figures",
    "course_size_problems",
    "declaration_problems",
    "declared_variants",
    "level_reuse_problems",
    "sentence_problems",
    "validate_course",
]

GENDERS: tuple[LearnerGender, ...] = ("feminine", "masculine")
# The features a swapped-in synonym keeps from the word it replaces.
_KEPT = ("case", "number", "person")


@dataclass(frozen=True)
class CourseSize:
    """What issue 19 asks of the course."""

    lessons: int = 48
    lessons_per_level: int = 16
    steps: int = 600
    distinct_words: int = 1200
    # share of the vocabulary taught at the earlier levels that a level's dialogues use again,
    # and the fewest of those words a lesson above A1 uses
    level_reuse: float = 0.4
    lesson_reuse: int = 10


COURSE_SIZE = CourseSize()


@dataclass
class LevelFigures:
    level: Level
    lessons: int = 0
    steps: int = 0
    accepted_answers: int = 0
    words: set[str] = field(default_factory=set)  # lemmas of vocabulary and dialogue
    vocabulary: set[str] = field(default_factory=set)  # lemmas of the vocabulary lists
    dialogue: set[str] = field(default_factory=set)  # lemmas of tutor lines and answers
    grammar_topics: set[str] = field(default_factory=set)
    answer_words: int = 0  # words in each step's first answer, summed
    tutor_words: int = 0  # words in each tutor line, summed


# --- sentences ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A sentence the lesson holds up as right, or the forms it may take (any one passing
    ``check`` will do: a synonym may fit in more than one form of its own)."""

    where: str
    what: str
    candidates: tuple[str, ...]


def _keep_case(template: str, word: str) -> str:
    if word[:1].isupper():
        return word  # a proper name keeps its capital (Giewont)
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def _compatible(form: Reading, like: Reading) -> bool:
    if form.pos != like.pos or form.qualifiers:
        return False
    return all(
        not getattr(like, feature) or bool(getattr(form, feature) & getattr(like, feature))
        for feature in _KEPT
    )


def _forms_like(engine: LanguageEngine, member: str, word: str) -> list[str]:
    """Forms of the synonym ``member`` in the case, number and person of ``word`` (any of its
    readings), the member as written first."""
    likes = engine.readings(word) or engine.readings(word.lower())
    out = [member]
    for lemma in sorted({r.full_lemma for r in engine.readings(member)}):
        for form in engine.forms(lemma):
            if form.form in out or form.form.casefold() == word.casefold():
                continue  # the word itself is no swap (chcę, a form of chciałbym's verb)
            if any(_compatible(form, like) for like in likes):
                out.append(form.form)
    return out


def _with_preposition(before: str, word: str) -> str:
    """The text before a swapped word, its last word (z/ze, w/we) in the form the new word
    asks (*w piątek* → *we wtorek*)."""
    last = list(WORD_RE.finditer(before))
    if not last or before[last[-1].end() :].strip():
        return before
    prep = last[-1].group(0)
    want = preposition_form(prep, word)
    if want is None or want == prep.lower():
        return before
    return before[: last[-1].start()] + _keep_case(prep, want) + before[last[-1].end() :]


def _swaps(
    engine: LanguageEngine, answer: str, groups: Sequence[Sequence[str]]
) -> Iterator[tuple[str, str, list[str]]]:
    """(word, member, sentences) for each word of ``answer`` in a synonym group (as written or
    by its lemma) and each other member of the group; a group with a phrase in it (*pół roku*,
    *sześć miesięcy*) swaps its members as written."""
    phrases = [g for g in groups if any(len(re.findall(r"\w+", m)) > 1 for m in g)]
    groups = [g for g in groups if g not in phrases]
    for group in phrases:
        spans = {m: _phrase_at(answer, m) for m in group}
        for member, found in spans.items():
            if found is None:
                continue
            start, end = found
            if any(
                s is not None and s != found and s[0] <= start and end <= s[1]
                for s in spans.values()
            ):
                continue  # inside a longer member (nie znam in nie znam żadnej)
            said = answer[start:end]
            for other in group:
                if other.casefold() != member.casefold():
                    text = _keep_case(said, other)
                    yield said, other, [answer[:start] + text + answer[end:]]
    for match in WORD_RE.finditer(answer):
        word = match.group(0)
        key = word.casefold()
        lemmas = {lemma.casefold() for lemma in engine.lemmas(word)}
        for group in groups:
            members = {m.casefold() for m in group}
            if key not in members and not lemmas & members:
                continue
            for member in group:
                folded = member.casefold()
                if folded == key or folded in lemmas:
                    continue
                sentences = [
                    _with_preposition(answer[: match.start()], form)
                    + _keep_case(word, form)
                    + answer[match.end() :]
                    for form in _forms_like(engine, member, word)
                ]
                yield word, member, sentences


def _phrase_at(answer: str, phrase: str) -> tuple[int, int] | None:
    """Where the words of ``phrase`` stand together in ``answer`` (any letter case)."""
    words = [re.escape(w) for w in re.findall(r"\w+", phrase)]
    match = re.search(r"(?<!\w)" + r"[\s,]+".join(words) + r"(?!\w)", answer, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def declared_variants(engine: LanguageEngine, lesson: Lesson) -> Iterator[Variant]:
    """Every sentence the lesson holds up as right, with where it comes from."""
    for i, step in enumerate(lesson.dialogue):
        yield from _step_variants(engine, lesson, i, step)


def _step_variants(
    engine: LanguageEngine, lesson: Lesson, i: int, step: DialogueStep
) -> Iterator[Variant]:
    where = f"dialogue[{i}]"
    yield Variant(f"{where}.tutor", "the tutor's line", (step.tutor,))
    for gender in GENDERS:
        said = engine.gendered(step.tutor, gender, addressee=True)
        if said != step.tutor:
            yield Variant(f"{where}.tutor", f"the tutor's line to a {gender} learner", (said,))
    groups = [*step.synonyms, *lesson.synonyms]
    for j, answer in enumerate(step.answers):
        at = f"{where}.answers[{j}]"
        yield Variant(at, "the answer", (answer,))
        for gender in GENDERS:
            said = engine.regender(answer, gender)
            if said != answer:
                yield Variant(at, f"the answer in a {gender} speaker's words", (said,))
        for word, member, sentences in _swaps(engine, answer, groups):
            yield Variant(at, f"the answer with {member!r} for {word!r}", tuple(sentences))


def _passes(engine: LanguageEngine, sentence: str) -> tuple[bool, str]:
    result = engine.check(sentence)
    return (not result.issues and result.corrected == sentence), result.corrected


def _agreeing(engine: LanguageEngine, sentence: str, corrected: str) -> str | None:
    """``corrected`` when ``check`` changed only adjectives (a swapped noun's new gender), so the
    synonym fits once its adjectives agree; None otherwise."""
    before, after = WORD_RE.findall(sentence), WORD_RE.findall(corrected)
    if len(before) != len(after):
        return None
    for old, new in zip(before, after, strict=True):
        if old == new:
            continue
        if not any(r.pos in ("adj", "ppas", "pact") for r in engine.readings(old)):
            return None
    return corrected


def sentence_problems(
    engine: LanguageEngine, lessons: Iterable[tuple[str, Lesson]]
) -> list[LessonProblem]:
    """Each sentence of :func:`declared_variants` that ``check`` flags in every form tried."""
    problems: list[LessonProblem] = []
    for file, lesson in lessons:
        for variant in declared_variants(engine, lesson):
            first_fix = None
            for sentence in variant.candidates:
                ok, corrected = _passes(engine, sentence)
                if ok:
                    break
                first_fix = first_fix or (sentence, corrected)
                agreeing = _agreeing(engine, sentence, corrected)
                if agreeing is not None and _passes(engine, agreeing)[0]:
                    break
            else:
                assert first_fix is not None
                sentence, corrected = first_fix
                problems.append(
                    LessonProblem(
                        file,
                        f"{variant.where}: {variant.what} {sentence!r} does not pass check "
                        f"(it would be corrected to {corrected!r})",
                    )
                )
    return problems


# --- words and levels -----------------------------------------------------------------------


def _lemma(engine: LanguageEngine, word: str) -> str | None:
    """The word's most plausible lemma, lowercased; None for a proper name."""
    readings = engine.readings(word) or engine.readings(word.lower())
    if not readings:
        return word.casefold()
    if word[:1].isupper() and any(r.lemma[:1].isupper() for r in readings):
        return None  # a proper name (Kraków, Anna, Warszawa: also a common noun's lemma)
    return readings[0].lemma.casefold()


def _lemmas(engine: LanguageEngine, texts: Iterable[str], names: set[str]) -> set[str]:
    out: set[str] = set()
    for text in texts:
        for word in polish_words(text):
            if word.casefold() in names:
                continue
            lemma = _lemma(engine, word)
            if lemma is not None:
                out.add(lemma)
    return out


def course_figures(engine: LanguageEngine, lessons: Iterable[Lesson]) -> list[LevelFigures]:
    """Lessons, steps, distinct words and grammar topics per level, A1 first."""
    figures = {level: LevelFigures(level) for level in get_args(Level)}
    for lesson in lessons:
        f = figures[lesson.level]
        names = {name.casefold() for name in lesson.names}
        f.lessons += 1
        f.steps += len(lesson.dialogue)
        f.accepted_answers += sum(len(step.answers) for step in lesson.dialogue)
        f.grammar_topics.update(lesson.grammar_topics)
        f.vocabulary |= _lemmas(engine, (item.pl for item in lesson.vocabulary), names)
        lines = [text for step in lesson.dialogue for text in (step.tutor, *step.answers)]
        f.dialogue |= _lemmas(engine, lines, names)
        f.answer_words += sum(len(polish_words(step.answers[0])) for step in lesson.dialogue)
        f.tutor_words += sum(len(polish_words(step.tutor)) for step in lesson.dialogue)
    for f in figures.values():
        f.words = f.vocabulary | f.dialogue
    return list(figures.values())


def level_reuse_problems(
    engine: LanguageEngine,
    lessons: Sequence[tuple[str, Lesson]],
    size: CourseSize = COURSE_SIZE,
) -> list[LessonProblem]:
    """Each level's dialogues use again at least ``size.level_reuse`` of the vocabulary the
    levels before it taught, and each of its lessons at least ``size.lesson_reuse`` of those
    words."""
    problems: list[LessonProblem] = []
    figures = course_figures(engine, (lesson for _file, lesson in lessons))
    taught: set[str] = set()
    for f in figures:
        if taught and f.lessons:
            reused = len(taught & f.dialogue) / len(taught)
            if reused < size.level_reuse:
                problems.append(
                    LessonProblem(
                        f"level {f.level}",
                        f"its dialogues use {reused:.0%} of the {len(taught)} words taught at "
                        f"the levels before it (at least {size.level_reuse:.0%} expected)",
                    )
                )
            for file, lesson in lessons:
                if lesson.level != f.level:
                    continue
                names = {name.casefold() for name in lesson.names}
                lines = [t for step in lesson.dialogue for t in (step.tutor, *step.answers)]
                count = len(taught & _lemmas(engine, lines, names))
                if count < size.lesson_reuse:
                    problems.append(
                        LessonProblem(
                            file,
                            f"the dialogue uses {count} words taught at the levels before "
                            f"{f.level} (at least {size.lesson_reuse} expected)",
                        )
                    )
        taught |= f.vocabulary
    return problems


def course_size_problems(
    engine: LanguageEngine, lessons: Sequence[Lesson], size: CourseSize = COURSE_SIZE
) -> list[LessonProblem]:
    """The course holds at least ``size.lessons`` lessons, ``size.lessons_per_level`` at each
    level, ``size.steps`` dialogue steps and ``size.distinct_words`` distinct words."""
    where = "course"
    problems: list[LessonProblem] = []
    if len(lessons) < size.lessons:
        problems.append(
            LessonProblem(where, f"{len(lessons)} lessons (at least {size.lessons} expected)")
        )
    per_level = Counter(lesson.level for lesson in lessons)
    for level in get_args(Level):
        if per_level[level] < size.lessons_per_level:
            problems.append(
                LessonProblem(
                    where,
                    f"{per_level[level]} lessons at {level} "
                    f"(at least {size.lessons_per_level} expected)",
                )
            )
    steps = sum(len(lesson.dialogue) for lesson in lessons)
    if steps < size.steps:
        problems.append(
            LessonProblem(where, f"{steps} dialogue steps (at least {size.steps} expected)")
        )
    words = set().union(*(f.words for f in course_figures(engine, lessons)))
    if len(words) < size.distinct_words:
        problems.append(
            LessonProblem(
                where,
                f"{len(words)} distinct words (at least {size.distinct_words} expected)",
            )
        )
    return problems


# --- all of it ------------------------------------------------------------------------------


@dataclass
class CourseProblems:
    problems: list[LessonProblem]
    figures: list[LevelFigures]


def declaration_problems(
    engine: LanguageEngine, lessons: Iterable[tuple[str, Lesson]]
) -> list[LessonProblem]:
    """What a step declares agrees with its own answers: each accepted answer of an open step
    says what ``open`` asks, a classed noun slot's own word is of its class, and each verb
    whose aspect the step keeps (``aspect``) is a verb of an accepted answer."""
    problems: list[LessonProblem] = []
    for file, lesson in lessons:
        for i, step in enumerate(lesson.dialogue):
            # (an @name group signs one of the step's answers with the learner's name)
            needs = [group for group in step.open if "@name" not in group]
            if needs:
                for j, answer in enumerate(step.answers):
                    if not engine.says_what_is_asked(answer, needs):
                        problems.append(
                            LessonProblem(
                                file,
                                f"dialogue[{i}].answers[{j}]: {answer!r} does not say what the "
                                f"step's open declaration asks ({needs})",
                            )
                        )
            for word, spec in step.slot_classes.items():
                cls = noun_class(spec)
                lemmas = {
                    r.lemma.lower() for r in engine.readings(word) if r.pos in ("subst", "ger")
                }
                if cls is not None and not lemmas & cls.lemmas:
                    problems.append(
                        LessonProblem(
                            file,
                            f"dialogue[{i}].slot_classes: the slot's own word {word!r} is not of "
                            f"its class {spec!r}",
                        )
                    )
            verbs = {
                r.lemma.lower()
                for answer in step.answers
                for word in polish_words(answer)
                for r in engine.readings(word)
                if r.pos in ("inf", "fin", "praet", "impt", "bedzie", "imps", "pcon", "ger")
            }
            for lemma in step.aspect:
                if lemma.lower() not in verbs:
                    problems.append(
                        LessonProblem(
                            file,
                            f"dialogue[{i}].aspect: {lemma!r} is not a verb of any accepted answer",
                        )
                    )
    return problems


def validate_course(
    directory: Path, engine: LanguageEngine, *, size: CourseSize | None = COURSE_SIZE
) -> CourseProblems:
    """The checks above on the lessons of ``directory`` that load (the per-file checks report
    the others); the course's size only when ``size`` is given."""
    loaded: list[tuple[str, Lesson]] = []
    if directory.is_dir():
        for path in sorted(directory.glob(f"*{LESSON_SUFFIX}")):
            try:
                loaded.append((path.name, load_lesson_file(path)))
            except LessonLoadError:
                continue
    loaded.sort(key=lambda pair: pair[1].order)
    problems = sentence_problems(engine, loaded)
    problems += declaration_problems(engine, loaded)
    problems += level_reuse_problems(engine, loaded, size or COURSE_SIZE)
    lessons = [lesson for _file, lesson in loaded]
    if size is not None:
        problems += course_size_problems(engine, lessons, size)
    return CourseProblems(problems, course_figures(engine, lessons))
