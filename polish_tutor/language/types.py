"""Public data types of the Polish language engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IssueType = Literal[
    "diacritics",
    "inflection",
    "typo",
    "wrong_word",
    "missing_word",
    "extra_word",
    "word_order",
]
Verdict = Literal["correct", "acceptable", "incorrect"]
ExplainIn = Literal["en", "pl"]
LearnerGender = Literal["feminine", "masculine"]
SlotKind = Literal["name", "place", "number", "noun"]
RuleId = Literal[
    "case.preposition",
    "case.verb_government",
    "case.negation",
    "case.numeral",
    "case.copula",
    "case.subject",
    "case.genitive_attribute",
    "agreement.adjective",
    "agreement.subject_verb",
    "agreement.past_gender",
    "aspect.context",
    "tense.context",
    "ending.declension",
    "person",
    "number",
    "spelling.same_sound",
    "spelling.word_break",
    "spelling.preposition_form",
    "preposition.month",
    "degree.comparative",
    "verb.infinitive",
]
RULE_IDS: tuple[RuleId, ...] = (
    "case.preposition",
    "case.verb_government",
    "case.negation",
    "case.numeral",
    "case.copula",
    "case.subject",
    "case.genitive_attribute",
    "agreement.adjective",
    "agreement.subject_verb",
    "agreement.past_gender",
    "aspect.context",
    "tense.context",
    "ending.declension",
    "person",
    "number",
    "spelling.same_sound",
    "spelling.word_break",
    "spelling.preposition_form",
    "preposition.month",
    "degree.comparative",
    "verb.infinitive",
)

ISSUE_TYPES: tuple[IssueType, ...] = (
    "diacritics",
    "inflection",
    "typo",
    "wrong_word",
    "missing_word",
    "extra_word",
    "word_order",
)


class UnknownWordError(LookupError):
    """Raised when Morfeusz does not know a word (e.g. by ``LanguageEngine.inflect``)."""

    def __init__(self, word: str) -> None:
        super().__init__(f"unknown Polish word: {word!r}")
        self.word = word


@dataclass(frozen=True, slots=True)
class Rule:
    """Why a form is required (docs/feedback-rules.md): the rule and the word that triggers it."""

    id: RuleId
    trigger: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "trigger": self.trigger}


@dataclass(frozen=True, slots=True)
class Issue:
    """One difference between the expected sentence and the learner's answer."""

    type: IssueType
    expected: str | None
    got: str | None
    explanation: str
    feature: str | None = None
    expected_value: str | None = None
    got_value: str | None = None
    position: int | None = None
    rule: Rule | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "type": self.type,
            "expected": self.expected,
            "got": self.got,
            "explanation": self.explanation,
        }
        if self.feature is not None:
            out["feature"] = self.feature
        if self.expected_value is not None:
            out["expected_value"] = self.expected_value
        if self.got_value is not None:
            out["got_value"] = self.got_value
        if self.position is not None:
            out["position"] = self.position
        if self.rule is not None:
            out["rule"] = self.rule.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing a learner's answer with the expected sentence."""

    verdict: Verdict
    expected: str
    answer: str
    issues: tuple[Issue, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "expected": self.expected,
            "answer": self.answer,
            "issues": [issue.to_dict() for issue in self.issues],
        }


@dataclass(frozen=True, slots=True)
class Check:
    """A free sentence checked with no expected answer: the corrected sentence and the issues
    (in ``compare``'s vocabulary) that turn the learner's sentence into it."""

    text: str
    corrected: str
    issues: tuple[Issue, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "corrected": self.corrected,
            "issues": [issue.to_dict() for issue in self.issues],
        }


@dataclass(frozen=True, slots=True)
class InflectionRow:
    """One labelled row of an inflection table; ``cells`` follow the section's columns.

    A cell holds the form(s) (alternatives joined with " / "), or ``None`` if there is none.
    """

    label: str
    cells: tuple[str | None, ...]

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "cells": list(self.cells)}


@dataclass(frozen=True, slots=True)
class InflectionSection:
    """A block of a table, e.g. "Present tense" or "Declension"."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[InflectionRow, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [row.to_dict() for row in self.rows],
        }


@dataclass(frozen=True, slots=True)
class InflectionTable:
    """A declension or conjugation table of a word's lemma, labelled in plain English."""

    word: str
    lemma: str
    part_of_speech: str
    sections: tuple[InflectionSection, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Columns of the first section (convenience)."""
        return self.sections[0].columns if self.sections else ()

    @property
    def rows(self) -> tuple[InflectionRow, ...]:
        """Rows of the first section (convenience)."""
        return self.sections[0].rows if self.sections else ()

    def forms(self) -> set[str]:
        """Every form that appears anywhere in the table."""
        out: set[str] = set()
        for section in self.sections:
            for row in section.rows:
                for cell in row.cells:
                    if cell:
                        out.update(part.strip() for part in cell.split("/"))
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "word": self.word,
            "lemma": self.lemma,
            "part_of_speech": self.part_of_speech,
            "sections": [section.to_dict() for section in self.sections],
        }
