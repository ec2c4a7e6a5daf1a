"""The reply's text read out of the tutor's JSON object while the model is still writing it."""

from __future__ import annotations

import json
import random

import pytest

from polish_tutor.ai_agent.partial_json import FieldTextStream

OBJECTS = [
    {
        "text": 'Dzień dobry! Jak się "masz"?\nŚwietnie 😀 — np. kawę\\mleko.',
        "next_dialogue": None,
        "corrections": [{"wrong": "kawa", "right": "kawę", "rule": "biernik"}],
    },
    # "text" as a value and inside a correction are not the field; the field comes last.
    {
        "corrections": [{"wrong": "text", "right": "tekst", "rule": 'the key "text"'}],
        "next_dialogue": "text",
        "text": "Ala ma kota.",
    },
    {"text": "", "next_dialogue": "Co podać?", "corrections": []},
]


def pieces(content: str, seed: int) -> list[str]:
    chooser = random.Random(seed)
    out, start = [], 0
    while start < len(content):
        size = chooser.randint(1, 6)
        out.append(content[start : start + size])
        start += size
    return out


@pytest.mark.parametrize("ascii_only", [True, False])
@pytest.mark.parametrize("index", range(len(OBJECTS)))
def test_the_text_comes_out_whole_however_it_is_cut(index: int, ascii_only: bool) -> None:
    reply = OBJECTS[index]
    content = "```json\n" + json.dumps(reply, ensure_ascii=ascii_only) + "\n```"
    for seed in range(40):
        reader = FieldTextStream()
        assert "".join(reader.feed(piece) for piece in pieces(content, seed)) == reply["text"]
        assert reader.done


def test_text_comes_as_soon_as_it_is_written() -> None:
    reader = FieldTextStream()
    assert reader.feed('{"te') == ""
    assert reader.feed('xt": "Dzie\\u0') == "Dzie"
    assert reader.feed("144 dob") == "ń dob"
    assert not reader.done
    assert reader.feed('ry!", "next_dialogue": "x"') == "ry!"
    assert reader.done
