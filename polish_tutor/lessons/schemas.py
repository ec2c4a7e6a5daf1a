"""The lesson file format (YAML under ``lessons/content/``) and its API views."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Literal["A1", "A2", "B1"]
SlotKind = Literal["name", "place", "number", "noun"]


class VocabularyItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pl: str = Field(min_length=1)
    en: str = Field(min_length=1)


class DialogueStep(BaseModel):
    """One exchange: the tutor says ``tutor``; the learner should answer one of ``answers``."""

    model_config = ConfigDict(extra="forbid")

    tutor: str = Field(min_length=1, description="the tutor's line, in Polish")
    gloss: str = Field(min_length=1, description="the tutor's line in English")
    answers: list[str] = Field(min_length=1, description="accepted learner answers, best first")
    answer_gloss: str | None = Field(default=None, description="the first answer in English")
    hints: list[str] = Field(default_factory=list, description="progressive hints, vaguest first")
    hints_pl: list[str] = Field(
        default_factory=list, description="the same hints in Polish (for learners who chose Polish)"
    )
    synonyms: list[list[str]] = Field(
        default_factory=list,
        description="groups of words a teacher accepts for each other here, e.g. [poproszę, "
        "chciałbym, chciałabym]; a word's other forms count too (auto/samochód)",
    )
    slots: dict[str, SlotKind] = Field(
        default_factory=dict,
        description="words of the answers that stand for the learner's own: name (a first name "
        "or surname), place (a city or country, in the case the sentence needs), number (digits "
        "or words), noun (any noun in the same case)",
    )
    slot_classes: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="noun slots restricted to what the step asks: a named class (sports, "
        "transport, professions, family, foods: language/data/noun_classes.tsv) or a list of "
        "lemmas; a noun outside it is refused with what the step asks for",
    )
    aspect: list[str] = Field(
        default_factory=list,
        description="verbs of the answers (lemmas) whose aspect is the step's point: the aspect "
        "partner is refused where the sentence alone would let either do (warto było zacząć: "
        "one completed start, not zaczynać)",
    )
    open: list[list[str]] = Field(
        default_factory=list,
        description="an open step (the learner's own content): what a right answer must say, "
        "one member of each group, a lemma (gorączka) or a kind of content (@date, @number, "
        "@address, @name); an answer in other words is correct when it says that and the "
        "free-text checker finds nothing wrong in it",
    )

    @field_validator("answers")
    @classmethod
    def _answers_not_blank(cls, answers: list[str]) -> list[str]:
        if any(not a.strip() for a in answers):
            raise ValueError("an accepted answer is blank")
        return answers


class GrammarTable(BaseModel):
    """A small table for the grammar note (e.g. a declension or conjugation)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    columns: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _rows_fit(cls, rows: list[list[str]]) -> list[list[str]]:
        widths = {len(row) for row in rows}
        if len(widths) != 1:
            raise ValueError("every row of a grammar table needs the same number of cells")
        return rows


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,99}$")
    version: int = Field(ge=1, default=1)
    title: str
    level: Level
    order: int = Field(ge=0, description="position in the curriculum")
    description: str
    goals: list[str] = Field(min_length=1)
    vocabulary: list[VocabularyItem] = Field(default_factory=list)
    grammar: str = ""
    grammar_pl: str = Field(default="", description="the grammar note in Polish")
    grammar_table: GrammarTable | None = None
    grammar_topics: list[str] = Field(
        default_factory=list, description="what the lesson teaches, e.g. 'accusative singular'"
    )
    names: list[str] = Field(
        default_factory=list, description="proper names used in the lesson (not checked as words)"
    )
    synonyms: list[list[str]] = Field(
        default_factory=list, description="synonym groups every step of the lesson accepts"
    )
    dialogue: list[DialogueStep] = Field(min_length=1)

    def expected_sentences(self) -> list[str]:
        """What a learner's answers are compared with: every step's accepted answers and the
        words the lesson and its steps accept for each other."""
        groups = [*self.synonyms, *(group for step in self.dialogue for group in step.synonyms)]
        answers = [answer for step in self.dialogue for answer in step.answers]
        return [*answers, *(word for group in groups for word in group)]


class LessonSummary(BaseModel):
    id: str
    title: str
    level: Level
    description: str
