"""The tutor through a LangChain chat model (``langchain-openai``) with structured output.

An optional extra (``pip install .[langchain]``): LangChain is imported only when this driver
is built, so the application runs without it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from polish_tutor.ai_agent.conversation import ChatMessage, TurnPlanner, parse_tutor_output
from polish_tutor.ai_agent.resilience import OutputError, ResilientCaller
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, TutorOutput


class LangChainDriver:
    name = "langchain"

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float,
        planner: TurnPlanner | None,
        caller: ResilientCaller,
    ) -> None:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "TUTOR_AGENT_DRIVER=langchain needs the extra: "
                "pip install 'polish-tutor[langchain]'"
            ) from exc
        from pydantic import SecretStr

        chat = ChatOpenAI(
            model=model,
            base_url=base_url,
            api_key=SecretStr(api_key or "not-needed"),
            timeout=timeout,
            max_retries=0,  # our caller retries only what may pass
        )
        self._chat = chat
        self._structured: Any = chat.with_structured_output(
            TutorOutput, method="json_schema", strict=True, include_raw=True
        )
        self._planner = planner
        self._caller = caller

    @property
    def _plan(self) -> TurnPlanner:
        """The turn planner (a driver built for completions only has none)."""
        if self._planner is None:
            raise RuntimeError(f"{self.name}: built for completions only, not for turns")
        return self._planner

    async def aclose(self) -> None:
        client = getattr(self._chat, "root_async_client", None)
        if client is not None:
            await client.close()

    async def reply(self, context: ConversationContext) -> AgentReply:
        planned = self._plan.plan(context)
        output = await self._ask(planned.messages)
        return self._plan.finish(planned, output)

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        import openai
        from langchain_core.messages import HumanMessage

        from polish_tutor.ai_agent.drivers.openai import provider_error

        async def call() -> Any:
            try:
                return await self._chat.bind(max_tokens=max_tokens).ainvoke(
                    [HumanMessage(content=prompt)]
                )
            except openai.OpenAIError as exc:
                raise provider_error(exc, self.name) from exc

        return _content(await self._caller.call(call))

    async def _ask(self, messages: list[ChatMessage]) -> TutorOutput:
        result = await self._invoke(messages)
        parsed = result.get("parsed")
        if isinstance(parsed, TutorOutput):
            return parsed
        raw = _content(result.get("raw"))
        try:
            return parse_tutor_output(raw)  # e.g. the JSON arrived inside a code fence
        except OutputError as problem:
            repair = [
                *messages,
                ChatMessage("assistant", raw or ""),
                self._plan.repair_message(str(problem)),
            ]
        result = await self._invoke(repair)
        parsed = result.get("parsed")
        if isinstance(parsed, TutorOutput):
            return parsed
        return parse_tutor_output(_content(result.get("raw")))

    async def _invoke(self, messages: list[ChatMessage]) -> dict[str, Any]:
        import openai
        from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

        from polish_tutor.ai_agent.drivers.openai import provider_error

        kinds: dict[str, type[BaseMessage]] = {
            "system": SystemMessage,
            "user": HumanMessage,
            "assistant": AIMessage,
        }
        prompt = [kinds[m.role](content=m.content) for m in messages]

        async def call() -> dict[str, Any]:
            try:
                result: dict[str, Any] = await self._structured.ainvoke(prompt)
            except openai.OpenAIError as exc:
                raise provider_error(exc, self.name) from exc
            except ValidationError as exc:
                # Newer langchain-openai parses strict JSON itself and raises instead of
                # returning ``parsing_error``: keep the raw text for the repair attempt.
                raw = next((e.get("input") for e in exc.errors()), None)
                return {
                    "parsed": None,
                    "raw": AIMessage(content=raw if isinstance(raw, str) else ""),
                }
            return result

        return await self._caller.call(call)


def _content(message: Any) -> str | None:
    content = getattr(message, "content", None)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return None
