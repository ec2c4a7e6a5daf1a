"""Agent drivers, chosen by ``TUTOR_AGENT_DRIVER``; the chat service only sees the protocol.

``local`` answers alone. ``openai``, ``flowise`` and ``langchain`` call a provider through a
:class:`ResilientCaller` (timeout, retries, circuit breaker) and are wrapped in a
:class:`FallbackDriver` whose fallback is the local tutor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from polish_tutor.ai_agent.drivers.base import AgentDriverError, AgentDriverProtocol
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.settings import Settings

__all__ = [
    "AgentDriverError",
    "AgentDriverProtocol",
    "build_agent_driver",
    "build_completion_driver",
]

if TYPE_CHECKING:
    from polish_tutor.ai_agent.conversation import TurnPlanner
    from polish_tutor.ai_agent.drivers.langchain import LangChainDriver
    from polish_tutor.ai_agent.drivers.openai import OpenAIDriver


def build_agent_driver(
    settings: Settings, *, lessons: LessonCatalog, engine: LanguageEngine
) -> AgentDriverProtocol:
    from polish_tutor.ai_agent.conversation import TurnPlanner
    from polish_tutor.ai_agent.drivers.fallback import FallbackDriver
    from polish_tutor.ai_agent.drivers.local import LocalDriver, engine_judge
    from polish_tutor.ai_agent.grounding import CorrectionGrounder
    from polish_tutor.ai_agent.prompts import PromptRegistry
    from polish_tutor.lessons.practice import PracticeBank

    # Loaded (and validated) whatever the driver: a broken prompt file stops the start-up.
    prompts = PromptRegistry.load(versions=settings.prompt_versions)
    judge = engine_judge(engine)
    local = LocalDriver(
        judge, engine=engine, lessons=lessons, practice=PracticeBank.from_directory()
    )
    if settings.agent_driver == "local":
        return local
    planner = TurnPlanner(prompts, judge, CorrectionGrounder(engine))
    return FallbackDriver(_remote(settings, planner), local)


def build_completion_driver(settings: Settings) -> AgentDriverProtocol | None:
    """The operator's model for plain completions (session summaries), with its retries and
    breaker, or ``None`` with the local tutor; it cannot play turns (no planner, no engine)."""
    if settings.agent_driver == "local":
        return None
    return _remote(settings, None)


def _remote(settings: Settings, planner: TurnPlanner | None) -> AgentDriverProtocol:
    """The remote driver ``settings`` name, with a caller of its own (retries, breaker)."""
    from polish_tutor.ai_agent.resilience import CircuitBreaker, ResilientCaller, RetryPolicy

    kind = settings.agent_driver
    caller = ResilientCaller(
        CircuitBreaker(
            kind,
            failure_threshold=settings.breaker_failure_threshold,
            reset_seconds=settings.breaker_reset_seconds,
        ),
        RetryPolicy(
            timeout=settings.openai_timeout,
            max_retries=settings.provider_max_retries,
            base_delay=settings.provider_backoff,
            max_delay=settings.provider_max_backoff,
        ),
    )
    primary: AgentDriverProtocol
    if kind in ("openai", "langchain"):
        # Both speak to an OpenAI-compatible server: the SDK directly, or through LangChain.
        driver_class: type[OpenAIDriver] | type[LangChainDriver]
        if kind == "openai":
            from polish_tutor.ai_agent.drivers.openai import OpenAIDriver

            driver_class = OpenAIDriver
        else:
            from polish_tutor.ai_agent.drivers.langchain import LangChainDriver

            driver_class = LangChainDriver
        primary = driver_class(
            base_url=settings.openai_base_url,
            api_key=_secret(settings.openai_api_key),
            model=settings.openai_model,
            timeout=settings.openai_timeout,
            planner=planner,
            caller=caller,
        )
    elif kind == "flowise":
        from polish_tutor.ai_agent.drivers.flowise import FlowiseDriver

        if not settings.flowise_chatflow_id:
            raise ValueError("TUTOR_AGENT_DRIVER=flowise needs TUTOR_FLOWISE_CHATFLOW_ID")
        primary = FlowiseDriver(
            base_url=settings.flowise_base_url,
            chatflow_id=settings.flowise_chatflow_id,
            api_key=_secret(settings.flowise_api_key),
            timeout=settings.openai_timeout,
            streaming=settings.flowise_streaming,
            flow_memory=settings.flowise_flow_memory,
            planner=planner,
            caller=caller,
        )
    else:  # pragma: no cover - the settings' Literal rules it out
        raise ValueError(f"unknown agent driver {kind!r}")
    return primary


def _secret(value: object) -> str | None:
    from pydantic import SecretStr

    return value.get_secret_value() if isinstance(value, SecretStr) else None
