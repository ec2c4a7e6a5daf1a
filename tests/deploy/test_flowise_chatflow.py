"""``deploy/flowise/``: the chatflow the README tells operators to import is the one the Flowise
driver expects (``make peers`` runs it in a real Flowise 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from polish_tutor.settings import Settings
from tests.fakes.flowise_fake import render_fstring, transform_braces_with_colon

FOLDER = Path(__file__).resolve().parents[2] / "deploy" / "flowise"


def nodes() -> dict[str, dict[str, Any]]:
    flow = json.loads((FOLDER / "tutor-chatflow.json").read_text())
    by_name = {node["data"]["name"]: node for node in flow["nodes"]}
    for edge in flow["edges"]:  # every edge joins two nodes of the flow by their anchors
        source, target = edge["source"], edge["target"]
        assert edge["sourceHandle"].startswith(f"{source}-output-")
        assert edge["targetHandle"].startswith(f"{target}-input-")
    by_name["edges"] = {"targets": {e["targetHandle"] for e in flow["edges"]}}
    return by_name


def test_a_conversation_chain_with_a_chat_model_and_a_window_memory() -> None:
    flow = nodes()
    chain, model, memory = flow["conversationChain"], flow["chatOpenAI"], flow["bufferWindowMemory"]
    assert chain["data"]["inputs"]["model"] == f"{{{{{model['id']}.data.instance}}}}"
    assert chain["data"]["inputs"]["memory"] == f"{{{{{memory['id']}.data.instance}}}}"
    targets = flow["edges"]["targets"]
    assert f"{chain['id']}-input-model-BaseChatModel" in targets
    assert f"{chain['id']}-input-memory-BaseMemory" in targets
    assert memory["data"]["category"] == "Memory"
    # The flow remembers as many turns as the driver would have sent (one exchange = 2 turns).
    assert int(memory["data"]["inputs"]["k"]) * 2 == Settings.model_fields["context_turns"].default
    assert model["data"]["inputs"]["streaming"] is True  # TUTOR_FLOWISE_STREAMING can stream
    assert model["data"]["inputs"]["basepath"].endswith("/v1")
    # The chain's own System Message (used when the override is off) is a valid template.
    own = chain["data"]["inputs"]["systemMessagePrompt"]
    assert render_fstring(transform_braces_with_colon(own), {"input": "x"}) == own


def test_the_override_allows_the_system_message_and_nothing_else() -> None:
    chain = nodes()["conversationChain"]["data"]
    config = json.loads((FOLDER / "api-config.json").read_text())["overrideConfig"]
    assert config["status"] is True
    # Flowise looks the node up by its label, the parameter by its name.
    assert list(config["nodes"]) == [chain["label"]]
    (allowed,) = config["nodes"][chain["label"]]
    assert allowed["name"] == "systemMessagePrompt" and allowed["enabled"] is True
    assert allowed["name"] in {p["name"] for p in chain["inputParams"]}
    assert config["variables"] == []
