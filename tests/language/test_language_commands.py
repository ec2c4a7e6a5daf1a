"""The CLI helpers wrapped by `polish-tutor compare` and `polish-tutor diacritics`."""

from __future__ import annotations

import io
import json

from polish_tutor.language import LanguageEngine
from polish_tutor.language.commands import compare_command, diacritics_command


def test_compare_single(engine: LanguageEngine) -> None:
    out = io.StringIO()
    code = compare_command(
        "poproszę kawę", "poproszę kawa", False, "en", io.StringIO(), out, engine
    )
    assert code == 0
    result = json.loads(out.getvalue())
    assert result["verdict"] == "incorrect"
    assert result["issues"][0]["expected_value"] == "acc"


def test_compare_missing_arguments(engine: LanguageEngine) -> None:
    out = io.StringIO()
    assert compare_command(None, "x", False, "en", io.StringIO(), out, engine) == 2
    assert json.loads(out.getvalue())["error"]["code"] == "invalid_argument"


def test_compare_jsonl_batch_keeps_order_and_survives_bad_lines(engine: LanguageEngine) -> None:
    lines = [
        json.dumps({"expected": "Dzień dobry.", "answer": "dzien dobry"}),
        "this is not json",
        json.dumps({"expected": ["Cześć!", "Dzień dobry."], "answer": "czesc"}),
        json.dumps({"expected": "Kot", "answer": 5}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"expected": "Kot pije mleko.", "answer": "Kot pije mleko"}),
    ]
    out = io.StringIO()
    code = compare_command(
        None, None, True, "pl", io.StringIO("\n".join(lines) + "\n"), out, engine
    )
    assert code == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 6
    assert results[0]["verdict"] == "acceptable"
    assert "polskich" in results[0]["issues"][0]["explanation"]
    assert results[1]["error"]["code"] == "invalid_json"
    assert results[2]["expected"] == "Cześć!"
    assert results[3]["error"]["code"] == "invalid_input"
    assert results[4]["error"]["code"] == "invalid_input"
    assert results[5]["verdict"] == "correct"


def test_diacritics_command_one_line_out_per_line_in(engine: LanguageEngine) -> None:
    out = io.StringIO()
    text = "zolw je zdzblo\n\nZe szkoly, ze...\nostatnia linia"
    assert diacritics_command(io.StringIO(text), out, engine) == 0
    assert out.getvalue() == "żółw je źdźbło\n\nZe szkoły, że...\nostatnia linia\n"
