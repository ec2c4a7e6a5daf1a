"""Agent drivers, chosen by ``TUTOR_AGENT_DRIVER``; the orchestrator only sees the protocol."""

from __future__ import annotations

from polish_tutor.ai_agent.drivers.base import AgentDriverError, AgentDriverProtocol
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.settings import Settings

__all__ = ["AgentDriverError", "AgentDriverProtocol", "build_agent_driver"]


def build_agent_driver(
    settings: Settings, *, lessons: LessonCatalog, engine: LanguageEngine
) -> AgentDriverProtocol:
    if settings.agent_driver == "local":
        from polish_tutor.ai_agent.drivers.local import LocalDriver, engine_judge

        return LocalDriver(engine_judge(engine), engine=engine, lessons=lessons)
    raise ValueError(f"unknown agent driver {settings.agent_driver!r}")
