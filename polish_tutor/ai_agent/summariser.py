"""Running summaries of a session's older turns, for the driver's bounded context.

Two ways, chosen by the agent driver in use:

* the extractive summary — deterministic, from what the language engine already found: the
  lesson and where the learner is, how many answers were right, the mistakes that recur, the
  words practised and the words the learner asked about. It is a fold: ``fold`` adds the turns
  that just left the window to the statistics of every earlier summarised turn
  (``TranscriptFacts``, which the session row keeps between jobs), and ``render`` writes them
  out, so a job costs what its new turns cost however long the session is. The statistics are
  bounded by construction (counters, the ``KEPT_MISTAKES`` most frequent mistakes, the
  ``KEPT_WORDS`` most recent words of each kind, the last learner messages); as long as those
  caps are not reached, folding turn by turn, in any chunks, renders exactly what one pass over
  every turn renders (``extractive_summary``). The rendered text is a few fixed lines, each
  capped.
* ``LLMSummariser`` — the configured OpenAI-compatible model (``openai``/``langchain``) or the
  Flowise flow folds the previous summary and the turns that just left the window into a new
  summary, with the versioned ``summary`` prompt. Any failure falls back to the extractive one
  (whose statistics are folded on every job, whichever way the summary was written).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from polish_tutor.ai_agent.drivers.base import AgentDriverError, AgentDriverProtocol
from polish_tutor.ai_agent.prompts import PromptRegistry
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.settings import Settings

log = logging.getLogger(__name__)

SUMMARY_PROMPT = "summary"
MAX_SUMMARY_CHARS = 1200
MAX_MISTAKES = 5
MAX_WORDS = 20
MAX_SAID = 3  # the learner's last messages, shown in free practice
SAID_CHARS = 60
# What the folded statistics keep (``TranscriptFacts``): bounded however long the session.
FACTS_FORMAT = 2  # stored with the facts; others are folded again from the first turn
KEPT_MISTAKES = 50
KEPT_WORDS = 100
MAX_LABEL_CHARS = 200  # a mistake as stored (shown clipped to 80)
MAX_WORD_CHARS = 60  # longer tokens are not words (the dictionary takes at most 60 either)
_STRIP = ".,!?;:…\"'«»„”()–-"
_ENDS = (".", "!", "?", "…")


class SummaryTurn(Protocol):
    seq: int
    role: str
    text: str
    feedback: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class SessionFacts:
    lesson: str | None  # "title (id)" or None for free practice
    step_index: int
    steps_total: int
    completed: bool


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class TranscriptFacts:
    """What the summarised turns show about the learner, folded turn by turn.

    ``mistakes`` and ``words`` are in the order each was first seen (it breaks ties when they
    are ranked); ``said`` holds the last learner messages that were not questions about a word
    (``asked`` keeps those words), clipped as they are rendered."""

    answers: int = 0
    correct: int = 0
    mistakes: tuple[tuple[str, int, int], ...] = ()  # (label, count, seq last seen)
    words: tuple[tuple[str, int], ...] = ()  # (word, seq last used correctly)
    said: tuple[str, ...] = ()  # the last learner messages that were not such questions
    asked: tuple[tuple[str, int], ...] = ()  # (word, seq last asked about: meaning, inflection)

    def to_json(self) -> dict[str, Any]:
        """For the session row (lists of pairs, not objects: their order matters)."""
        return {
            "v": FACTS_FORMAT,
            "answers": self.answers,
            "correct": self.correct,
            "mistakes": [list(item) for item in self.mistakes],
            "words": [list(item) for item in self.words],
            "said": list(self.said),
            "asked": [list(item) for item in self.asked],
        }

    @classmethod
    def from_json(cls, data: Any) -> TranscriptFacts | None:
        """The stored facts, or ``None`` when there are none (or in a format this code does
        not read): the caller then folds them again from the session's first turn."""
        if not isinstance(data, dict) or data.get("v") != FACTS_FORMAT:
            return None
        try:
            return cls(
                answers=int(data["answers"]),
                correct=int(data["correct"]),
                mistakes=tuple((str(m), int(n), int(seq)) for m, n, seq in data["mistakes"]),
                words=tuple((str(w), int(seq)) for w, seq in data["words"]),
                said=tuple(str(text) for text in data["said"]),
                asked=tuple((str(w), int(seq)) for w, seq in data["asked"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _mistake_rank(item: tuple[str, list[int]]) -> tuple[int, int]:
    count, last_seen = item[1]
    return -count, -last_seen  # most frequent first, then most recent


def fold(previous: TranscriptFacts, turns: Iterable[SummaryTurn]) -> TranscriptFacts:
    """``previous`` with ``turns`` (in ``seq`` order, after the turns already folded) added.

    Pure, and it reads only the new turns. The caps keep what ``render`` would pick first
    (ranked the same way, ties by first sight), so they never change the summary rendered
    right after a fold; they can only lose a mistake or word that would come back later."""
    answers, correct = previous.answers, previous.correct
    mistakes = {label: [count, seq] for label, count, seq in previous.mistakes}
    words = dict(previous.words)
    said = list(previous.said)
    asked = dict(previous.asked)
    for turn in turns:
        if turn.role == "learner":
            question = word_question(turn.text)
            if question is None:
                said.append(_clip(turn.text, SAID_CHARS))
                del said[:-MAX_SAID]
            elif 0 < len(word := question.word.strip(_STRIP).casefold()) <= MAX_WORD_CHARS:
                asked[word] = turn.seq
            continue
        feedback = turn.feedback or {}
        verdict = feedback.get("verdict")
        if verdict is None:
            continue
        answers += 1
        if verdict in ("correct", "acceptable"):
            correct += 1
            for token in str(feedback.get("expected") or "").split():
                word = token.strip(_STRIP).casefold()
                if 2 < len(word) <= MAX_WORD_CHARS:
                    words[word] = turn.seq
        for issue in feedback.get("issues") or []:
            expected, got = issue.get("expected"), issue.get("got")
            label = issue.get("type", "mistake").replace("_", " ")
            if issue.get("feature"):
                label += f" ({issue['feature']})"
            if expected and got:
                label += f": {got} → {expected}"
            elif expected:
                label += f": {expected}"
            label = label[:MAX_LABEL_CHARS]
            seen = mistakes.setdefault(label, [0, turn.seq])
            seen[0] += 1
            seen[1] = turn.seq
    if len(mistakes) > KEPT_MISTAKES:
        kept = set(dict(sorted(mistakes.items(), key=_mistake_rank)[:KEPT_MISTAKES]))
        mistakes = {label: seen for label, seen in mistakes.items() if label in kept}
    words, asked = _most_recent(words), _most_recent(asked)
    return TranscriptFacts(
        answers=answers,
        correct=correct,
        mistakes=tuple((label, count, seq) for label, (count, seq) in mistakes.items()),
        words=tuple(words.items()),
        said=tuple(said),
        asked=tuple(asked.items()),
    )


def _most_recent(seen: dict[str, int]) -> dict[str, int]:
    """At most ``KEPT_WORDS`` of ``{word: seq last seen}``, the most recent, in their order."""
    if len(seen) <= KEPT_WORDS:
        return seen
    recent = set(sorted(seen, key=lambda w: -seen[w])[:KEPT_WORDS])
    return {word: seq for word, seq in seen.items() if word in recent}


def render(folded: TranscriptFacts, facts: SessionFacts) -> str:
    """What the turns show about the learner, in at most ``MAX_SUMMARY_CHARS`` characters."""
    lines: list[str] = []
    if facts.lesson is not None:
        where = (
            "finished"
            if facts.completed
            else f"at line {min(facts.step_index + 1, facts.steps_total)} of {facts.steps_total}"
        )
        lines.append(f"Lesson {facts.lesson}: {where}.")
    else:
        lines.append("Free conversation, no lesson.")
    if folded.answers:
        lines.append(f"Earlier answers: {folded.correct} of {folded.answers} accepted.")
    if folded.mistakes:
        ranked = sorted(folded.mistakes, key=lambda m: (-m[1], -m[2]))[:MAX_MISTAKES]
        listed = "; ".join(f"{_clip(label, 80)} (×{count})" for label, count, _ in ranked)
        lines.append(f"Recurring mistakes: {listed}.")
    if folded.words:
        lines.append(f"Words used correctly: {_recent_words(folded.words)}.")
    if folded.asked:
        lines.append(f"Words the learner asked about: {_recent_words(folded.asked)}.")
    if facts.lesson is None and folded.said:
        said = " | ".join(folded.said)
        lines.append(f"The learner last wrote: {said}{'' if said.endswith(_ENDS) else '.'}")
    return _clip(" ".join(lines), MAX_SUMMARY_CHARS)


def _recent_words(seen: Sequence[tuple[str, int]]) -> str:
    """The ``MAX_WORDS`` most recent words, alphabetically."""
    recent = sorted(seen, key=lambda w: -w[1])[:MAX_WORDS]
    return ", ".join(sorted(word for word, _ in recent))


def extractive_summary(turns: Sequence[SummaryTurn], facts: SessionFacts) -> str:
    """The extractive summary of ``turns`` in one pass: ``render(fold(nothing, turns))``."""
    return render(fold(TranscriptFacts(), turns), facts)


def transcript_text(turns: Sequence[SummaryTurn]) -> str:
    return "\n".join(
        f"{'Learner' if t.role == 'learner' else 'Tutor'}: {_clip(t.text, 300)}" for t in turns
    )


class LLMSummariser:
    """Summaries from the operator's model, asked through the agent driver's own provider code
    (:func:`build_completion_driver`: the same retries, breaker, error kinds and, for Flowise,
    brace escaping, in a chat of its own); ``None`` when the provider cannot answer.

    Jobs are synchronous: the driver runs on an event loop of this process. A driver built
    but not used before the worker forks is kept (building an OpenAI client takes ~50 ms);
    one used in another process is rebuilt, since its connections are not this one's."""

    def __init__(self, settings: Settings, prompts: PromptRegistry) -> None:
        self.settings = settings
        self.prompts = prompts
        self._driver: AgentDriverProtocol | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid: int | None = None  # the process that used the driver and owns the loop

    def summarise(self, previous: str, turns: Sequence[SummaryTurn]) -> str | None:
        prompt = self.prompts.get(SUMMARY_PROMPT)
        text = prompt.render(
            previous=previous or "(none yet)",
            transcript=transcript_text(turns),
            max_chars=str(MAX_SUMMARY_CHARS),
        )
        driver, loop = self._runner()
        if driver is None:
            return None
        # the fallback driver logs a failure and answers None: the extractive summary stands in
        done = asyncio.run_coroutine_threadsafe(driver.complete(text, max_tokens=400), loop)
        settings = self.settings  # the caller's own timeouts and retries come first
        answer = done.result(
            timeout=settings.openai_timeout * (settings.provider_max_retries + 2) + 5
        )
        answer = " ".join((answer or "").split())
        return _clip(answer, MAX_SUMMARY_CHARS) if answer else None

    def _runner(self) -> tuple[AgentDriverProtocol | None, asyncio.AbstractEventLoop]:
        """The driver and the event loop it runs on: a thread of this process's own (a job
        may be called where a loop is already running, and threads do not survive a fork)."""
        pid = os.getpid()
        if self._pid is not None and self._pid != pid:
            self._driver = self._loop = None  # another process's connections and loop
        if self._driver is None:
            self._driver = _completion_driver(self.settings)
        if self._loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="summariser", daemon=True).start()
            self._loop = loop
        self._pid = pid
        return self._driver, self._loop

    def prewarm(self) -> None:
        """Build the driver (and import what a request needs) without sending anything: a
        worker calls it before it forks a process per job, so that no job pays for it."""
        if self._driver is None:
            self._driver = _completion_driver(self.settings)
        if self.settings.agent_driver in ("openai", "langchain"):
            # the client loads its chat resources on first use: load them now, once
            importlib.import_module("openai.resources.chat.completions")

    def close(self) -> None:
        loop, driver = self._loop, self._driver
        if loop is not None and self._pid == os.getpid():
            if driver is not None:
                asyncio.run_coroutine_threadsafe(driver.aclose(), loop).result(timeout=10)
            loop.call_soon_threadsafe(loop.stop)
        self._driver = self._loop = None


def _completion_driver(settings: Settings) -> AgentDriverProtocol | None:
    """The remote driver behind a fallback that answers ``None`` (no local tutor needed)."""
    from polish_tutor.ai_agent.drivers import build_completion_driver
    from polish_tutor.ai_agent.drivers.fallback import FallbackDriver

    primary = build_completion_driver(settings)
    return FallbackDriver(primary, _NoModel()) if primary is not None else None


class _NoModel:
    """A fallback for completions only: no model, no answer."""

    name = "extractive"

    async def reply(self, context: ConversationContext) -> AgentReply:
        raise AgentDriverError("the summariser's fallback plays no turns")

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        return None

    async def aclose(self) -> None:
        return None


def build_summariser(settings: Settings) -> LLMSummariser | None:
    """The model that writes summaries, or ``None`` (extractive) with the local driver."""
    if settings.agent_driver == "local":
        return None
    return LLMSummariser(settings, PromptRegistry.load(versions=settings.prompt_versions))
