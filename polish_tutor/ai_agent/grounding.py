"""Corrections an LLM proposes are shown only when the language engine confirms them.

A correction ``{wrong, right, rule}`` survives when every word of ``right`` is real Polish
(Morfeusz knows it), ``wrong`` is really in the learner's message, comparing the corrected
sentence with the learner's finds exactly the difference claimed (the ``wrong`` words as what
the learner got, the ``right`` words as what was expected), and ``check`` finds no error of
its own in the words the model put there. Everything else is dropped and counted. Errors that
``check`` is sure of and the model missed are added (and counted). The learner's feedback is
rebuilt from the engine's own comparison, as a ``Feedback`` (verdict, issues, rules),
whatever the model wrote.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from polish_tutor.ai_agent.drivers.local import engine_feedback
from polish_tutor.ai_agent.schemas import Correction, Feedback
from polish_tutor.kit.metrics import GROUNDING_ADDED, GROUNDING_CHECKED, GROUNDING_DROPPED
from polish_tutor.language import LanguageEngine
from polish_tutor.language.text import words as tokens


class Counter:
    """A monotonic in-process counter (the metrics endpoint can export it as is)."""

    def __init__(self, name: str, description: str) -> None:
        self.name = name
        self.description = description
        self._value = 0
        self._lock = threading.Lock()

    def inc(self, amount: int = 1) -> None:
        with self._lock:
            self._value += amount

    @property
    def value(self) -> int:
        return self._value


checked_total = Counter(
    "tutor_grounding_checked_corrections_total", "LLM corrections checked by the language engine"
)
dropped_total = Counter(
    "tutor_grounding_dropped_corrections_total",
    "LLM corrections dropped because the language engine could not confirm them",
)
added_total = Counter(
    "tutor_grounding_added_corrections_total",
    "Errors the language engine is sure of that the LLM did not correct",
)


def words(text: str) -> list[str]:
    return [w.casefold() for w in tokens(text)]


@dataclass(frozen=True, slots=True)
class GroundedCorrections:
    kept: list[Correction]
    dropped: list[tuple[Correction, str]]  # with the reason
    feedback: Feedback | None  # None when there is nothing to correct
    added: list[Correction] = field(default_factory=list)  # the engine's, the model missed


class CorrectionGrounder:
    def __init__(self, engine: LanguageEngine) -> None:
        self._engine = engine

    def problem(self, correction: Correction, learner_text: str) -> str | None:
        """Why the correction cannot be shown, or None when the engine confirms it."""
        wrong_words, right_words = words(correction.wrong), words(correction.right)
        if not wrong_words or not right_words or wrong_words == right_words:
            return "nothing to correct"
        unknown = [w for w in tokens(correction.right) if not self._engine.is_known(w)]
        if unknown:
            return f"not Polish: {', '.join(unknown)}"
        corrected = _replace_words(learner_text, correction.wrong, correction.right)
        if corrected is None:
            return "the learner did not write that"
        issues = self._engine.compare(corrected, learner_text).issues
        if not issues:
            return "the engine finds no difference"
        for issue in issues:
            got = words(issue.got or "")
            expected = words(issue.expected or "")
            if any(w not in wrong_words for w in got) or any(
                w not in right_words for w in expected
            ):
                return f"the engine finds another difference ({issue.type})"
        for issue in self._engine.check(corrected).issues:
            if set(words(issue.got or "")) & set(right_words):
                return f"the engine finds the correction wrong ({issue.type})"
        return None

    def ground(
        self, corrections: Sequence[Correction], learner_text: str, explain_in: str = "en"
    ) -> GroundedCorrections:
        kept: list[Correction] = []
        dropped: list[tuple[Correction, str]] = []
        for correction in corrections:
            checked_total.inc()
            GROUNDING_CHECKED.inc()
            reason = self.problem(correction, learner_text)
            if reason is None:
                kept.append(correction)
            else:
                dropped_total.inc()
                GROUNDING_DROPPED.inc()
                dropped.append((correction, reason))
        covered = {w for c in kept for w in words(c.wrong)}
        added = [
            Correction(
                wrong=issue.got, right=issue.expected, rule=issue.rule.id if issue.rule else ""
            )
            for issue in self._engine.check(learner_text).issues
            if issue.got and issue.expected and not set(words(issue.got)) & covered
        ]
        added_total.inc(len(added))
        GROUNDING_ADDED.inc(len(added))
        feedback = None
        if kept or added:
            corrected = learner_text
            for correction in [*kept, *added]:
                corrected = (
                    _replace_words(corrected, correction.wrong, correction.right) or corrected
                )
            feedback = engine_feedback(self._engine, corrected, learner_text, explain_in)
        return GroundedCorrections(kept, dropped, feedback, added)


def _replace_words(text: str, wrong: str, right: str) -> str | None:
    """``text`` with the first whole-word occurrence of ``wrong`` replaced, or None."""
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in wrong.split()) + r"(?!\w)"
    match = re.search(pattern, text, re.IGNORECASE)
    if match is None:
        return None
    return text[: match.start()] + right.strip() + text[match.end() :]
