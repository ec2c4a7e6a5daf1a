"""The page's pure functions (tokeniser, event-stream parsing, formatting helpers) under
``node --test`` (tests/js/*.test.mjs, no npm packages), and the words both sides agree on."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from polish_tutor.language.text import tokenize, words
from tests.conftest import IN_CI

HERE = Path(__file__).resolve().parent


def test_the_server_finds_the_words_the_page_finds() -> None:
    cases = json.loads((HERE / "words.json").read_text())["cases"]
    assert len(cases) >= 10
    for case in cases:
        assert words(case["text"]) == case["words"], case["text"]
        assert [token.text for token in tokenize(case["text"])] == case["words"]


def test_the_pages_modules_pass_node_test() -> None:
    node = shutil.which("node")
    if node is None:
        message = "node is not installed here (CI has Node 20)"
        if IN_CI:
            pytest.fail(f"CI requires {message}", pytrace=False)
        pytest.skip(message)
    files = sorted(str(path) for path in HERE.glob("*.test.mjs"))
    assert len(files) >= 3
    result = subprocess.run(
        [node, "--test", *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
