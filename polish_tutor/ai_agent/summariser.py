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

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from polish_tutor.ai_agent.prompts import PromptRegistry
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.settings import Settings

if TYPE_CHECKING:
    from openai import OpenAI

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
    """Summaries from the operator's model; ``None`` when the provider cannot answer."""

    def __init__(self, settings: Settings, prompts: PromptRegistry) -> None:
        self.settings = settings
        self.prompts = prompts
        self._client: OpenAI | None = None

    def summarise(self, previous: str, turns: Sequence[SummaryTurn]) -> str | None:
        prompt = self.prompts.get(SUMMARY_PROMPT)
        text = prompt.render(
            previous=previous or "(none yet)",
            transcript=transcript_text(turns),
            max_chars=str(MAX_SUMMARY_CHARS),
        )
        try:
            answer = self._ask(text)
        except Exception as exc:  # noqa: BLE001 - any provider failure: the extractive summary stands in
            log.warning("LLM summary failed (%s); using the extractive summary", type(exc).__name__)
            return None
        answer = " ".join((answer or "").split())
        return _clip(answer, MAX_SUMMARY_CHARS) if answer else None

    def _ask(self, text: str) -> str | None:
        settings = self.settings
        if settings.agent_driver == "flowise":
            headers = {}
            if settings.flowise_api_key is not None:
                headers["Authorization"] = f"Bearer {settings.flowise_api_key.get_secret_value()}"
            response = httpx.post(
                f"{settings.flowise_base_url.rstrip('/')}/api/v1/prediction/"
                f"{settings.flowise_chatflow_id}",
                json={"question": text, "streaming": False},
                headers=headers,
                timeout=settings.openai_timeout,
            )
            response.raise_for_status()
            body = response.json()
            return str(body.get("text") or "") if isinstance(body, dict) else None
        completion = self._openai().chat.completions.create(
            model=settings.openai_model,
            messages=[{"role": "user", "content": text}],
            max_tokens=400,
        )
        return completion.choices[0].message.content

    def _openai(self) -> OpenAI:
        """One client for every job (building one, with its TLS context, takes ~50 ms)."""
        if self._client is None:
            from openai import OpenAI

            settings = self.settings
            key = settings.openai_api_key
            self._client = OpenAI(
                base_url=settings.openai_base_url,
                api_key=key.get_secret_value() if key is not None else "not-needed",
                timeout=settings.openai_timeout,
                max_retries=settings.provider_max_retries,
            )
        return self._client

    def prewarm(self) -> None:
        """Build the client and import what a request will need (``openai`` and the modules
        its client loads on first use), without sending one: a worker calls it before it
        forks a process per job, so that no job pays for them. The client has no connection
        yet, so each work-horse opens its own."""
        if self.settings.agent_driver == "flowise":
            return  # httpx only, imported already
        self._openai().chat.completions  # noqa: B018 - the chat resources are imported on access

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def build_summariser(settings: Settings) -> LLMSummariser | None:
    """The model that writes summaries, or ``None`` (extractive) with the local driver."""
    if settings.agent_driver == "local":
        return None
    return LLMSummariser(settings, PromptRegistry.load(versions=settings.prompt_versions))
