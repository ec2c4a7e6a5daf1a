"""The placement quiz's items, taken from the course itself.

An item is one word of a lesson's model answer left blank, with its dictionary form shown:
*Tak, mieszkam w ____ domu (duży)*, in reply to the tutor's line, with the English of the whole
answer. The learner types the form the sentence needs. The word chosen is the one that shows
what the lesson teaches: a form printed in the lesson's grammar table first, then one its
grammar note names, then any inflected noun, adjective, numeral or verb. An item's difficulty
is its lesson's place in the course, so a right answer says "the learner knows this far".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from polish_tutor.language import LanguageEngine
from polish_tutor.language.text import tokenize
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.schemas import Lesson

# Parts of speech whose form the sentence decides (Morfeusz classes).
_INFLECTED = frozenset({"subst", "adj", "num", "fin", "praet", "impt", "bedzie", "cond"})
# Set phrases a learner knows as wholes, whatever the level: no test of grammar.
_FORMULAS = frozenset({"proszę", "poproszę", "dziękuję", "przepraszam", "dzień", "dobry"})
# Kept per lesson: the best few, so two quizzes do not ask exactly the same words.
PER_LESSON = 4


@dataclass(frozen=True, slots=True)
class PlacementItem:
    """One word of a lesson's model answer to type in its right form."""

    lesson_id: str
    position: int  # the lesson's place in the course (0 = the first lesson)
    step: int
    word_index: int  # which word of the answer is blank
    answer: str  # the whole model answer
    before: str  # the answer's text before the blank word
    word: str  # the blank word as the answer has it
    after: str  # the answer's text after it
    lemma: str  # the dictionary form shown to the learner
    english: str  # the answer in English
    context_pl: str  # the tutor's line it answers
    context_en: str
    weight: int  # how surely the word shows the lesson's grammar (higher first)

    @property
    def key(self) -> str:
        return f"{self.lesson_id}:{self.step}:{self.word_index}"

    def sentence_with(self, typed: str) -> str:
        """The model answer with the learner's word in the blank."""
        return f"{self.before}{typed.strip()}{self.after}"


class PlacementBank:
    """Every lesson's candidate items, in course order (built once from the catalogue)."""

    def __init__(self, items: Sequence[PlacementItem], lessons: int) -> None:
        self.lessons = lessons
        self._by_position: dict[int, list[PlacementItem]] = {}
        self._by_key: dict[str, PlacementItem] = {}
        for item in items:
            self._by_position.setdefault(item.position, []).append(item)
            self._by_key[item.key] = item
        self.positions = sorted(self._by_position)

    @classmethod
    def build(cls, catalog: LessonCatalog, engine: LanguageEngine) -> PlacementBank:
        items: list[PlacementItem] = []
        position = 0
        for position, lesson in enumerate(catalog):
            found = sorted(_candidates(lesson, position, engine), key=lambda i: (-i.weight, i.step))
            items += found[:PER_LESSON]
        return cls(items, lessons=position + 1)

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> PlacementItem | None:
        return self._by_key.get(key)

    def at(self, position: int) -> list[PlacementItem]:
        return list(self._by_position.get(position, ()))

    def pick(self, target: float, asked: set[str], rng: random.Random) -> PlacementItem | None:
        """An item of the lesson nearest ``target`` that has one not asked yet (a lesson that
        was asked about already only when no other is left)."""
        asked_lessons = {key.split(":", 1)[0] for key in asked}
        ranked = sorted(self.positions, key=lambda p: (abs(p - target), p))
        for allow_repeat in (False, True):
            for position in ranked:
                fresh = [i for i in self.at(position) if i.key not in asked]
                if not fresh or (not allow_repeat and fresh[0].lesson_id in asked_lessons):
                    continue
                best = max(i.weight for i in fresh)
                return rng.choice([i for i in fresh if i.weight == best])
        return None


def _grammar_words(lesson: Lesson) -> tuple[set[str], set[str]]:
    """Words printed in the grammar table, and words of the grammar note (lower case)."""
    table: set[str] = set()
    if lesson.grammar_table is not None:
        for row in lesson.grammar_table.rows:
            for cell in row:
                table.update(token.key for token in tokenize(cell))
    note = {token.key for token in tokenize(lesson.grammar)}
    return table, note


def _candidates(lesson: Lesson, position: int, engine: LanguageEngine) -> list[PlacementItem]:
    table, note = _grammar_words(lesson)
    names = {name.casefold() for name in lesson.names}
    out: list[PlacementItem] = []
    for index, step in enumerate(lesson.dialogue):
        answer = step.answers[0]
        tokens = tokenize(answer)
        if len(tokens) < 3 or not step.answer_gloss:
            continue
        keys = [token.key for token in tokens]
        slots = {word.casefold() for word in step.slots}
        for word_index, token in enumerate(tokens):
            key = token.key
            if key in slots or key in names or key in _FORMULAS or keys.count(key) > 1:
                continue
            if word_index > 0 and token.text[:1].isupper():
                continue  # a name Morfeusz may also read as a word
            readings = engine.readings(token.text)
            lemmas = {reading.lemma for reading in readings}
            if len(lemmas) != 1 or not all(r.pos in _INFLECTED for r in readings):
                continue
            lemma = next(iter(lemmas))
            if lemma.casefold() == key or not lemma.isalpha():
                continue
            if lemma == "być" and key in ("jest", "są") and lesson.level != "A1":
                continue  # too easy to tell anyone apart after A1
            weight = 4 * (key in table) + 2 * (key in note)
            weight += int(any(case != "nom" for r in readings for case in r.case))
            weight += int(any(r.pos in ("praet", "impt", "bedzie", "cond") for r in readings))
            out.append(
                PlacementItem(
                    lesson_id=lesson.id,
                    position=position,
                    step=index,
                    word_index=word_index,
                    answer=answer,
                    before=answer[: token.start],
                    word=token.text,
                    after=answer[token.end :],
                    lemma=lemma,
                    english=step.answer_gloss,
                    context_pl=step.tutor,
                    context_en=step.gloss,
                    weight=weight,
                )
            )
    return out
