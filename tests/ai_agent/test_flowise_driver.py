"""``TUTOR_AGENT_DRIVER=flowise`` (JSON and SSE) through ``POST /chat`` and directly.

The fake (tests/fakes/flowise_fake.py) models **Flowise 3.1.4**: its System Message is a
LangChain template, its memory is keyed by ``sessionId``, a wrong key is a 500 and, when
streaming, a failure is an ``error`` event on a 200. ``make peers`` plays the same turns through
a real Flowise 3.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
from pydantic import SecretStr

from polish_tutor.ai_agent.drivers import build_agent_driver
from polish_tutor.ai_agent.drivers.fallback import FallbackDriver
from polish_tutor.ai_agent.drivers.flowise import FlowiseDriver, escape_template
from polish_tutor.ai_agent.resilience import OutputError, ProviderError
from polish_tutor.ai_agent.schemas import ConversationContext
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.state import language_engine
from polish_tutor.turn_types import LessonState, Prefs
from tests.fakes.flowise_fake import (
    DEFAULT_TEXT,
    FakeFlowise,
    FlowError,
    render_fstring,
    transform_braces_with_colon,
)
from tests.support.app import signed_in_app

LESSON = "a1-04-cafe"
STREAMING = pytest.mark.parametrize("streaming", [False, True], ids=["json", "sse"])
TUTOR_JSON = '{"text": "Dobrze!", "next_dialogue": null, "corrections": []}'


@pytest.fixture
def flowise_settings(settings: Any, fake_flowise: FakeFlowise) -> Any:
    settings.agent_driver = "flowise"
    settings.flowise_base_url = fake_flowise.base_url
    settings.flowise_chatflow_id = "tutor-flow"
    settings.flowise_api_key = SecretStr("flowise-key")
    settings.openai_timeout = 5
    settings.provider_backoff = 0.01
    return settings


async def chat(client: Any, **body: Any) -> dict[str, Any]:
    response = await client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def flowise_driver(settings: Any) -> FlowiseDriver:
    driver = build_agent_driver(
        settings, lessons=LessonCatalog.from_directory(), engine=language_engine()
    )
    assert isinstance(driver, FallbackDriver) and isinstance(driver.primary, FlowiseDriver)
    return driver.primary


def context(message: str = "Poproszę kawę.", summary: str = "") -> ConversationContext:
    return ConversationContext(
        session_id=uuid.uuid4(),
        user_id=None,
        message=message,
        lesson=LessonCatalog.from_directory().get(LESSON),
        state=LessonState(),
        is_new_session=False,
        recent_turns=[],
        prefs=Prefs(),
        summary=summary,
    )


@pytest.mark.parametrize(
    "text",
    [
        'Answer with {"text", "next_dialogue", "corrections"}',
        "a {word}, {a: b}, {{double}}, }{, {, }, {{{x}}}, {$flow.state} {input}",
        "{question} {chat_history} {chatOpenAI_0.data.instance} {$vars.tutor_secret}",
        "no braces at all: Poproszę kawę.",
    ],
)
def test_escaped_text_renders_to_itself_in_flowise(text: str) -> None:
    """What Flowise does to a System Message (transformBracesWithColon, then the f-string),
    applied to escaped text, gives the text back; Flowise's own ``{{...}}`` variables in it
    are kept apart by one space."""
    escaped = escape_template(text)
    rendered = render_fstring(transform_braces_with_colon(escaped), {"input": "QUESTION"})
    assert rendered.replace("{ ", "{") == text.replace("{ ", "{")
    assert "QUESTION" not in rendered


def test_unescaped_braces_fail_as_they_do_in_flowise() -> None:
    prompt = 'Answer with {"text", "next_dialogue", "corrections"}; a rule {like: this} is fine.'
    with pytest.raises(FlowError, match='Missing value for input variable `"text", "next'):
        render_fstring(transform_braces_with_colon(prompt), {"input": "x"})
    with pytest.raises(FlowError, match="Single '}'"):
        render_fstring(transform_braces_with_colon("a } alone"), {"input": "x"})


@STREAMING
async def test_the_tutor_prompt_with_its_braces_reaches_the_model_intact(
    flowise_settings: Any, fake_flowise: FakeFlowise, streaming: bool
) -> None:
    flowise_settings.flowise_streaming = streaming
    async with signed_in_app(flowise_settings) as client:
        body = await chat(client, message="Poproszę kawa", lesson_id=LESSON)
    assert body["driver"] == "flowise" and body["degraded"] is False
    sent = fake_flowise.requests[0]["overrideConfig"]
    assert sent["sessionId"] == body["session_id"]
    assert '{{"wrong", "right", "rule"}}' in sent["systemMessagePrompt"]
    system = fake_flowise.model_calls[0][0]
    assert system["role"] == "system"
    # The model gets the prompt exactly as rendered by our planner (braces single again).
    assert system["content"] == sent["systemMessagePrompt"].replace("{{", "{").replace("}}", "}")
    for part in (
        '{"wrong", "right", "rule"}',
        "Patient Polish Tutor",
        "At the café (the accusative)",  # the lesson
        "Dzień dobry! Co podać?",  # the line being answered
        "Poproszę kawę. | Kawę, poproszę.",  # the accepted answers
        "open the lesson",  # the engine's judgement of a lesson's first message
    ):
        assert part in system["content"]


@STREAMING
async def test_a_flow_with_memory_gets_no_history_and_the_model_sees_each_turn_once(
    flowise_settings: Any, fake_flowise: FakeFlowise, streaming: bool
) -> None:
    flowise_settings.flowise_streaming = streaming
    async with signed_in_app(flowise_settings) as client:
        first = await chat(client, message="Cześć!")
        session = first["session_id"]
        await chat(client, message="Mam na imię Ola", session_id=session)
        await chat(client, message="A ty?", session_id=session)
    assert all("history" not in request for request in fake_flowise.requests)
    assert [len(call) for call in fake_flowise.model_calls] == [2, 4, 6]  # system … question
    seen = [m["content"] for m in fake_flowise.model_calls[2][1:]]
    assert seen == ["Cześć!", DEFAULT_TEXT, "Mam na imię Ola", DEFAULT_TEXT, "A ty?"]


async def test_a_flow_without_memory_gets_the_recent_turns_as_history(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    fake_flowise.memory = False
    flowise_settings.flowise_flow_memory = False
    async with signed_in_app(flowise_settings) as client:
        first = await chat(client, message="Cześć!")
        await chat(client, message="Mam na imię Ola", session_id=first["session_id"])
    assert fake_flowise.requests[1]["history"] == [
        {"role": "userMessage", "content": "Cześć!"},
        {"role": "apiMessage", "content": "Cześć! Co słychać?"},
    ]
    assert [m["content"] for m in fake_flowise.model_calls[1][1:]] == [
        "Cześć!",
        "Cześć! Co słychać?",
        "Mam na imię Ola",
    ]


@STREAMING
async def test_a_wrong_key_is_not_retried_and_says_what_to_fix(
    flowise_settings: Any,
    fake_flowise: FakeFlowise,
    streaming: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    flowise_settings.flowise_streaming = streaming
    flowise_settings.flowise_api_key = SecretStr("wrong-secret-key")
    flowise_settings.breaker_failure_threshold = 2
    caplog.set_level(logging.INFO)
    async with signed_in_app(flowise_settings) as client:
        bodies = [await chat(client, message=f"Moje hasło to tajne{n}") for n in range(5)]
    assert all(b["degraded"] is True and b["driver"] == "local" for b in bodies)
    assert len(fake_flowise.requests) == 5  # one call a turn: no retry, no breaker
    failures = [r for r in caplog.records if "answering with local" in r.getMessage()]
    assert len(failures) == 5
    assert "TUTOR_FLOWISE_API_KEY" in failures[0].getMessage()
    assert "wrong-secret" not in caplog.text and "tajne" not in caplog.text
    # Neither a retry nor the breaker: nothing from the resilience module.
    assert not [r for r in caplog.records if r.name == "polish_tutor.ai_agent.resilience"]


@pytest.mark.parametrize(
    "message",
    [
        'Missing value for input variable `"wrong", "right", "rule"`',
        "Error: Single '}' in template.",
        "isDeniedIP: Error: Access to this host is denied by policy.",
    ],
    ids=["template-variable", "template-brace", "denied-ip"],
)
@STREAMING
async def test_a_configuration_error_is_not_retried_and_opens_no_breaker(
    flowise_settings: Any,
    fake_flowise: FakeFlowise,
    streaming: bool,
    message: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    flowise_settings.flowise_streaming = streaming
    flowise_settings.breaker_failure_threshold = 2
    fake_flowise.then(*[{"error": message}] * 3)
    async with signed_in_app(flowise_settings) as client:
        failed = [await chat(client, message="Cześć!") for _ in range(3)]
        after = await chat(client, message="Cześć!")
    assert all(b["degraded"] is True for b in failed)
    assert after["driver"] == "flowise" and after["degraded"] is False  # no breaker opened
    assert len(fake_flowise.requests) == 4
    assert not [r for r in caplog.records if r.name == "polish_tutor.ai_agent.resilience"]
    assert '"rule"' not in caplog.text  # Flowise's message, which quotes the prompt, is not logged


@STREAMING
async def test_an_outage_is_retried_and_opens_the_breaker(
    flowise_settings: Any, fake_flowise: FakeFlowise, streaming: bool
) -> None:
    flowise_settings.flowise_streaming = streaming
    flowise_settings.breaker_failure_threshold = 2
    flowise_settings.breaker_reset_seconds = 60
    fake_flowise.then(*[{"error": "Connection error."}] * 6)
    async with signed_in_app(flowise_settings) as client:
        bodies = [await chat(client, message="Cześć!") for _ in range(3)]
    assert all(b["degraded"] is True for b in bodies)
    assert len(fake_flowise.requests) == 6  # 3 calls for each of 2 turns, then the breaker


@pytest.mark.parametrize(
    ("step", "kind"),
    [
        ({}, "auth"),  # the driver below has the wrong key
        ({"error": 'Missing value for input variable `"wrong"`'}, "configuration"),
        ({"error": "Connection error."}, "transient"),
    ],
    ids=["wrong-key", "template", "model-down"],
)
async def test_a_stream_error_event_is_the_same_error_as_the_json_one(
    flowise_settings: Any, fake_flowise: FakeFlowise, step: dict[str, Any], kind: str
) -> None:
    flowise_settings.provider_max_retries = 0
    if not step:
        flowise_settings.flowise_api_key = SecretStr("wrong-key")
    errors: list[ProviderError] = []
    for streaming in (False, True):
        flowise_settings.flowise_streaming = streaming
        driver = flowise_driver(flowise_settings)
        fake_flowise.then(step or {"text": TUTOR_JSON})
        with pytest.raises(ProviderError) as raised:
            await driver.reply(context())
        await driver.aclose()
        errors.append(raised.value)
    as_json, as_stream = errors
    assert fake_flowise.requests[0]["streaming"] is False
    assert fake_flowise.requests[1]["streaming"] is True
    assert str(as_json) == str(as_stream)
    assert as_json.kind == as_stream.kind == kind
    assert as_json.retryable == as_stream.retryable == (kind == "transient")


async def test_flowise_variables_in_learner_text_stay_text(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    """The summary carries what the learner wrote into the System Message: Flowise must not
    read a ``{$vars.…}`` in it as one of its variables (and hand a secret to the model)."""
    driver = flowise_driver(flowise_settings)
    summary = "The learner last wrote: {$vars.tutor_secret} and {question}."
    reply = await driver.reply(context(summary=summary))
    await driver.aclose()
    assert reply.text == "Cześć! Co słychać?"
    system = fake_flowise.model_calls[0][0]["content"]
    assert "The learner last wrote: { $vars.tutor_secret} and { question}." in system
    assert "flowise-global-variable-value" not in system


async def test_a_reply_that_is_not_json_gets_one_repair_then_the_local_tutor(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    fake_flowise.then({"text": "Cześć! Jak się masz?"}, {"text": TUTOR_JSON})
    fake_flowise.then({"text": "Nie wiem."}, {"text": "Dalej nie wiem."})
    async with signed_in_app(flowise_settings) as client:
        repaired = await chat(client, message="Cześć!")
        broken = await chat(client, message="Cześć!", session_id=repaired["session_id"])
    assert repaired["driver"] == "flowise" and repaired["degraded"] is False
    assert repaired["text"] == "Dobrze!"
    assert broken["driver"] == "local" and broken["degraded"] is True
    assert len(fake_flowise.requests) == 4
    repair = fake_flowise.requests[1]
    assert repair["question"].startswith("Your last reply could not be used")
    assert repair["overrideConfig"] == fake_flowise.requests[0]["overrideConfig"]
    # The flow's memory shows the model the reply it is asked to repair.
    assert fake_flowise.model_calls[1][-2] == {
        "role": "assistant",
        "content": "Cześć! Jak się masz?",
    }


async def test_a_structured_output_parser_answer_is_used(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    structured = {"text": "Tak!", "next_dialogue": None, "corrections": []}
    fake_flowise.then({"text": "ignored", "json": structured})
    async with signed_in_app(flowise_settings) as client:
        body = await chat(client, message="Czy to kot?")
    assert body["text"] == "Tak!" and body["degraded"] is False


@pytest.mark.parametrize(
    ("streaming", "steps", "calls"),
    [
        (False, [{"status": 429, "message": "Too many requests"}] * 3, 3),
        (True, [{"status": 503, "message": "busy"}] * 3, 3),
        (False, [{"error": "Request timed out."}] * 3, 3),
    ],
    ids=["429", "sse-503", "model-timeout"],
)
async def test_transient_failures_are_retried_then_degrade(
    flowise_settings: Any,
    fake_flowise: FakeFlowise,
    streaming: bool,
    steps: list[dict[str, Any]],
    calls: int,
) -> None:
    flowise_settings.flowise_streaming = streaming
    fake_flowise.then(*steps)
    async with signed_in_app(flowise_settings) as client:
        body = await chat(client, message="Cześć!")
    assert body["degraded"] is True and body["driver"] == "local"
    assert len(fake_flowise.requests) == calls


@STREAMING
async def test_an_unknown_chatflow_is_a_configuration_error_found_at_once(
    flowise_settings: Any, fake_flowise: FakeFlowise, streaming: bool
) -> None:
    """Streaming, Flowise would never answer the prediction: the driver asks first."""
    flowise_settings.flowise_chatflow_id = "no-such-flow"
    flowise_settings.flowise_streaming = streaming
    flowise_settings.openai_timeout = 30  # what the turn would wait for each of its tries
    driver = flowise_driver(flowise_settings)
    with pytest.raises(ProviderError) as raised:
        await driver.reply(context())
    await driver.aclose()
    assert raised.value.kind == "configuration"
    assert "'no-such-flow' (TUTOR_FLOWISE_CHATFLOW_ID)" in str(raised.value)
    assert len(fake_flowise.requests) == (0 if streaming else 1)


async def test_a_streamed_call_that_got_no_answer_has_the_chatflow_checked_again(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    """The chatflow was there when the driver first streamed; then it is deleted."""
    flowise_settings.flowise_streaming = True
    flowise_settings.openai_timeout = 1
    flowise_settings.provider_max_retries = 1
    driver = flowise_driver(flowise_settings)
    assert (await driver.reply(context())).text == "Cześć! Co słychać?"
    fake_flowise.chatflow_id = "another-flow"
    try:
        with pytest.raises(ProviderError) as raised:
            await driver.reply(context())
    finally:
        fake_flowise.chatflow_id = "tutor-flow"
        await driver.aclose()
    assert raised.value.kind == "configuration"  # the retry asked, and was told
    assert len(fake_flowise.requests) == 2  # the answered one, the one that hung


async def test_a_flow_that_cannot_stream_answers_in_one_piece(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    fake_flowise.streamable = False
    flowise_settings.flowise_streaming = True
    driver = flowise_driver(flowise_settings)
    reply = await driver.reply(context())
    await driver.aclose()
    assert reply.text == "Cześć! Co słychać?"


async def test_a_second_unusable_reply_is_an_output_error(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    fake_flowise.then({"text": ""}, {"text": "{}"})
    driver = flowise_driver(flowise_settings)
    with pytest.raises(OutputError, match="after a repair"):
        await driver.reply(context())
    await driver.aclose()


async def test_a_summary_goes_through_the_driver_in_a_chat_of_its_own(
    flowise_settings: Any, fake_flowise: FakeFlowise
) -> None:
    """The summariser asks through the Flowise driver: the learner's session memory never sees
    the request, braces from learner text stay text, and a wrong key is one call, not retried,
    with the extractive summary standing in (None)."""
    from types import SimpleNamespace

    from polish_tutor.ai_agent.prompts import PromptRegistry
    from polish_tutor.ai_agent.summariser import LLMSummariser

    turns = [
        SimpleNamespace(seq=0, role="learner", text="Poproszę {kawa}.", feedback=None),
        SimpleNamespace(seq=1, role="tutor", text="Dobrze!", feedback=None),
    ]
    summariser = LLMSummariser(flowise_settings, PromptRegistry.load())
    try:
        fake_flowise.then({"text": "The learner orders coffee."})
        assert summariser.summarise("", turns) == "The learner orders coffee."
        (body,) = fake_flowise.requests
        assert "Poproszę {kawa}." in body["question"]
        assert body["overrideConfig"]["sessionId"].startswith("summary-")
    finally:
        summariser.close()
    fake_flowise.requests.clear()
    flowise_settings.flowise_api_key = SecretStr("wrong-key")
    summariser = LLMSummariser(flowise_settings, PromptRegistry.load())
    try:
        assert summariser.summarise("", turns) is None
        assert len(fake_flowise.requests) == 1  # an auth error is not retried
    finally:
        summariser.close()
