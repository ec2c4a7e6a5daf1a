"""Labelled learner sentences kept as fixtures (``tests/fixtures/language/*.yaml``: ``wrong``,
entries of ``text`` and ``corrected``, with ``waits`` where check may leave the error, and
``correct``, sentences check must leave alone), and the checks every such set gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from polish_tutor.language import LanguageEngine

FIXTURES = Path(__file__).parents[1] / "fixtures" / "language"


def labelled(name: str) -> tuple[list[dict[str, str]], list[str]]:
    """The wrong entries and the correct sentences of ``FIXTURES / name``."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return data["wrong"], data["correct"]


def assert_labelled(
    wrong: list[dict[str, str]], correct: list[str], least: tuple[int, int]
) -> None:
    """Enough of each, none twice, every wrong one changed, no sentence on both sides."""
    assert len(wrong) >= least[0] and len(correct) >= least[1]
    texts = [e["text"] for e in wrong]
    assert len(set(texts)) == len(texts) and len(set(correct)) == len(correct)
    assert all(e["text"] != e["corrected"] for e in wrong)
    assert not set(texts) & set(correct)


def assert_corrected_or_waits(engine: LanguageEngine, entry: dict[str, str]) -> None:
    """The teacher's correction, or (an entry that ``waits``) the sentence left as written."""
    result = engine.check(entry["text"])
    if "waits" in entry:
        assert result.corrected in (entry["text"], entry["corrected"])
    else:
        assert result.corrected == entry["corrected"]


def assert_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())
