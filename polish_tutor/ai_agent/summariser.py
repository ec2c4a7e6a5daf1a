"""Running summaries of a session's older turns, for the driver's bounded context.

Two ways, chosen by the agent driver in use:

* ``extractive_summary`` — deterministic, from what the language engine already found: the
  lesson and where the learner is, how many answers were right, the mistakes that recur and
  the words practised. It is rebuilt from every summarised turn, so it never drifts, and it is
  bounded by construction (a few fixed lines, each capped).
* ``LLMSummariser`` — the configured OpenAI-compatible model (``openai``/``langchain``) or the
  Flowise flow folds the previous summary and the turns that just left the window into a new
  summary, with the versioned ``summary`` prompt. Any failure falls back to the extractive one.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from polish_tutor.ai_agent.prompts import PromptRegistry
from polish_tutor.settings import Settings

log = logging.getLogger(__name__)

SUMMARY_PROMPT = "summary"
MAX_SUMMARY_CHARS = 1200
MAX_MISTAKES = 5
MAX_WORDS = 20
_STRIP = ".,!?;:…\"'«»„”()–-"


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


def extractive_summary(turns: Sequence[SummaryTurn], facts: SessionFacts) -> str:
    """What the turns show about the learner, in at most ``MAX_SUMMARY_CHARS`` characters."""
    answers = correct = 0
    mistakes: Counter[str] = Counter()
    last_seen: dict[str, int] = {}
    words: dict[str, int] = {}
    free_messages: list[str] = []
    for turn in turns:
        if turn.role == "learner":
            free_messages.append(turn.text)
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
                if len(word) > 2:
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
            mistakes[label] += 1
            last_seen[label] = turn.seq
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
    if answers:
        lines.append(f"Earlier answers: {correct} of {answers} accepted.")
    if mistakes:
        ranked = sorted(mistakes, key=lambda m: (-mistakes[m], -last_seen[m]))[:MAX_MISTAKES]
        listed = "; ".join(f"{_clip(m, 80)} (×{mistakes[m]})" for m in ranked)
        lines.append(f"Recurring mistakes: {listed}.")
    if words:
        recent = sorted(words, key=lambda w: -words[w])[:MAX_WORDS]
        lines.append(f"Words used correctly: {', '.join(sorted(recent))}.")
    if facts.lesson is None and free_messages:
        said = " | ".join(_clip(text, 60) for text in free_messages[-3:])
        lines.append(f"The learner last wrote: {said}.")
    return _clip(" ".join(lines), MAX_SUMMARY_CHARS)


def transcript_text(turns: Sequence[SummaryTurn]) -> str:
    return "\n".join(
        f"{'Learner' if t.role == 'learner' else 'Tutor'}: {_clip(t.text, 300)}" for t in turns
    )


class LLMSummariser:
    """Summaries from the operator's model; ``None`` when the provider cannot answer."""

    def __init__(self, settings: Settings, prompts: PromptRegistry) -> None:
        self.settings = settings
        self.prompts = prompts

    def summarise(self, previous: str, turns: Sequence[SummaryTurn]) -> str | None:
        prompt = self.prompts.get(SUMMARY_PROMPT)
        text = prompt.render(
            previous=previous or "(none yet)",
            transcript=transcript_text(turns),
            max_chars=str(MAX_SUMMARY_CHARS),
        )
        try:
            answer = self._ask(text)
        except Exception as exc:  # any provider failure: the extractive summary stands in
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
        from openai import OpenAI

        key = settings.openai_api_key
        with OpenAI(
            base_url=settings.openai_base_url,
            api_key=key.get_secret_value() if key is not None else "not-needed",
            timeout=settings.openai_timeout,
            max_retries=settings.provider_max_retries,
        ) as client:
            completion = client.chat.completions.create(
                model=settings.openai_model,
                messages=[{"role": "user", "content": text}],
                max_tokens=400,
            )
        return completion.choices[0].message.content


def build_summariser(settings: Settings) -> LLMSummariser | None:
    """The model that writes summaries, or ``None`` (extractive) with the local driver."""
    if settings.agent_driver == "local":
        return None
    return LLMSummariser(settings, PromptRegistry.load(versions=settings.prompt_versions))
