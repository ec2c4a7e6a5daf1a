"""``polish-tutor lessons validate`` on the real lessons, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from polish_tutor.cli import app as cli


@pytest.mark.slow  # the whole course again, through the CLI
def test_the_bundled_lessons_validate() -> None:
    result = CliRunner().invoke(cli, ["lessons", "validate"])
    assert result.exit_code == 0, result.output


def test_a_broken_lesson_folder_fails_validation(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lessons", "validate", str(tmp_path)])
    assert result.exit_code != 0
    assert "broken.yaml" in result.output


def test_a_declaration_the_engine_cannot_read_fails_validation(tmp_path: Path) -> None:
    # a slot class that is not a named class, a class on a word that is not a noun slot, and
    # a kind of content that does not exist (issue 14)
    step = {
        "tutor": "Jak jeździsz do pracy?",
        "gloss": "How do you get to work?",
        "answers": ["Jeżdżę tramwajem."],
        "slots": {"tramwajem": "noun"},
        "slot_classes": {"tramwajem": "vehicles", "Jeżdżę": "transport"},
        "open": [["@when"], []],
    }
    lesson = {
        "id": "a1-90-test",
        "title": "Test",
        "level": "A1",
        "order": 90,
        "description": "A test lesson.",
        "goals": ["Say how you travel"],
        "dialogue": [step],
    }
    (tmp_path / "a1-90-test.yaml").write_text(
        yaml.safe_dump(lesson, allow_unicode=True), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lessons", "validate", "--no-course", str(tmp_path)])
    assert result.exit_code == 1
    assert "no class 'vehicles'" in result.output
    assert "'Jeżdżę' is not a noun slot" in result.output
    assert "no kind of content '@when'" in result.output
    assert "dialogue[0].open[1]: an empty group asks nothing" in result.output
