"""Grounded corrections with the real engine, the prompt registry, retries and the breaker."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from polish_tutor.ai_agent import grounding
from polish_tutor.ai_agent.grounding import CorrectionGrounder
from polish_tutor.ai_agent.prompts import PromptError, PromptRegistry, validate_prompts
from polish_tutor.ai_agent.resilience import (
    CircuitBreaker,
    CircuitOpenError,
    ProviderError,
    ResilientCaller,
    RetryPolicy,
    parse_retry_after,
)
from polish_tutor.ai_agent.schemas import Correction
from polish_tutor.cli import app as cli
from polish_tutor.state import language_engine


@pytest.fixture(scope="module")
def grounder() -> CorrectionGrounder:
    return CorrectionGrounder(language_engine())


def fix(wrong: str, right: str) -> Correction:
    return Correction(wrong=wrong, right=right, rule="a rule")


@pytest.mark.parametrize(
    ("correction", "reason"),
    [
        (fix("kawa", "kawę"), None),
        (fix("do kino", "do kina"), None),
        (fix("kawa", "kafę"), "not Polish"),
        (fix("herbata", "herbatę"), "did not write"),
        (fix("kawa", "Kawa"), "nothing to correct"),
        (fix("kawa", "kawa!"), "nothing to correct"),
    ],
)
def test_a_correction_is_kept_only_when_the_engine_confirms_it(
    grounder: CorrectionGrounder, correction: Correction, reason: str | None
) -> None:
    problem = grounder.problem(correction, "Poproszę kawa i idę do kino")
    if reason is None:
        assert problem is None
    else:
        assert problem is not None and reason in problem


def test_feedback_is_rebuilt_from_the_kept_corrections(grounder: CorrectionGrounder) -> None:
    before = grounding.dropped_total.value
    result = grounder.ground(
        [fix("kawa", "kawę"), fix("kawa", "kafę")], "Poproszę kawa", explain_in="pl"
    )
    assert [c.right for c in result.kept] == ["kawę"]
    assert grounding.dropped_total.value == before + 1
    assert result.feedback is not None and result.feedback.verdict == "incorrect"
    assert result.feedback.expected == "Poproszę kawę"
    [issue] = result.feedback.issues
    assert (issue.type, issue.feature, issue.expected_value) == ("inflection", "case", "acc")
    assert grounder.ground([], "Poproszę kawę").feedback is None


def test_a_correction_check_finds_wrong_is_dropped(grounder: CorrectionGrounder) -> None:
    """The model's 'right' words must not be an error the engine is sure of: *do sklep* →
    *do sklepem* is a real difference, but check knows *do* takes the genitive."""
    problem = grounder.problem(fix("sklep", "sklepem"), "Idę do sklep")
    assert problem is not None and "correction wrong" in problem
    assert grounder.problem(fix("sklep", "sklepu"), "Idę do sklep") is None
    assert grounder.problem(fix("mój", "moja"), "To jest mój mama") is None


def test_errors_the_model_missed_are_added_and_counted(grounder: CorrectionGrounder) -> None:
    added_before = grounding.added_total.value
    result = grounder.ground([fix("kawa", "kawę")], "Poproszę kawa. Idę do sklep.")
    assert [(c.wrong, c.right) for c in result.added] == [("sklep", "sklepu")]
    assert grounding.added_total.value == added_before + 1
    assert result.feedback is not None
    assert result.feedback.expected == "Poproszę kawę. Idę do sklepu."
    assert {(i.got, i.expected) for i in result.feedback.issues} == {
        ("kawa", "kawę"),
        ("sklep", "sklepu"),
    }
    # nothing from the model, the engine's alone; a correct sentence gets nothing
    alone = grounder.ground([], "Ja lubię kawa.")
    assert alone.feedback is not None and alone.feedback.expected == "Ja lubię kawę."
    assert grounder.ground([], "Ja lubię kawę.").feedback is None


def test_prompts_latest_by_default_or_as_configured() -> None:
    latest = PromptRegistry.load().get("tutor")
    assert latest.spec.version == "3"
    assert len(latest.commit) == 40 or latest.commit.startswith("sha256:")
    pinned = PromptRegistry.load(versions={"tutor": "1"})
    assert pinned.get("tutor").ref.version == "1" and pinned.versions("tutor") == ["1", "2", "3"]
    with pytest.raises(PromptError, match="no version 9"):
        PromptRegistry.load(versions={"tutor": "9"})
    rendered = pinned.get("tutor-repair").render(problem="it was not JSON")
    assert "it was not JSON" in rendered


BAD_PROMPTS = {
    "undeclared.yaml": "id: a\nversion: '1'\ndescription: d\nvariables: []\ntemplate: Hi $name\n",
    "unused.yaml": "id: b\nversion: '1'\ndescription: d\nvariables: [x, y]\ntemplate: Hi $x\n",
    "dup1.yaml": "id: c\nversion: '1'\ndescription: d\ntemplate: Hi\n",
    "dup2.yaml": "id: c\nversion: '1'\ndescription: d\ntemplate: Hello\n",
    "extra.yaml": "id: d\nversion: '1'\ndescription: d\ntemplate: Hi\nmodel: gpt\n",
    "broken.yaml": "id: [\n",
}


def test_prompt_validation_and_the_cli(tmp_path: Path) -> None:
    for name, text in BAD_PROMPTS.items():
        (tmp_path / name).write_text(text)
    problems = {p.file: p.message for p in validate_prompts(tmp_path)}
    assert set(problems) == {
        "undeclared.yaml",
        "unused.yaml",
        "dup2.yaml",
        "extra.yaml",
        "broken.yaml",
    }
    assert "undeclared variables" in problems["undeclared.yaml"]
    assert "also in dup1.yaml" in problems["dup2.yaml"]
    runner = CliRunner()
    bad = runner.invoke(cli, ["prompts", "validate", str(tmp_path)])
    assert bad.exit_code == 1 and "undeclared.yaml" in bad.output
    good = runner.invoke(cli, ["prompts", "validate"])
    assert good.exit_code == 0, good.output


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_then_lets_one_trial_through() -> None:
    clock = Clock()
    breaker = CircuitBreaker("p", failure_threshold=2, reset_seconds=10, clock=clock)
    breaker.before_call()
    breaker.record_failure()
    breaker.before_call()
    breaker.record_failure()
    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError):
        breaker.before_call()
    clock.now = 11
    breaker.before_call()  # the trial
    with pytest.raises(CircuitOpenError):
        breaker.before_call()  # only one at a time
    breaker.record_failure()
    assert breaker.state == "open"
    clock.now = 22
    breaker.before_call()
    breaker.record_success()
    assert breaker.state == "closed"


async def test_retries_only_what_may_pass_and_honour_retry_after() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    def caller() -> ResilientCaller:
        breaker = CircuitBreaker("p", failure_threshold=5, reset_seconds=10)
        return ResilientCaller(
            breaker, RetryPolicy(timeout=1, max_retries=3, max_delay=5), sleep=sleep
        )

    failures = [
        ProviderError("429", retryable=True, retry_after=2),
        ProviderError("503", retryable=True),
    ]

    async def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "ok"

    assert await caller().call(flaky) == "ok"
    assert 2 <= waits[0] < 2.2 and 0.5 <= waits[1] <= 1.0  # backoff 0.5 s · 2^1, jittered

    async def forbidden() -> str:
        raise ProviderError("403", retryable=False)

    waits.clear()
    with pytest.raises(ProviderError, match="403"):
        await caller().call(forbidden)
    assert waits == []

    async def wait_long() -> str:
        raise ProviderError("429", retryable=True, retry_after=60)

    with pytest.raises(ProviderError):
        await caller().call(wait_long)  # longer than a learner should wait: give up now
    assert waits == []
    assert parse_retry_after({"retry-after-ms": "1500"}) == 1.5
    assert parse_retry_after({"retry-after": "3"}) == 3.0
