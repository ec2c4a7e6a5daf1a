"""``polish-tutor lessons validate`` on the real lessons, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
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
