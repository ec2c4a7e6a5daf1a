from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.fixtures import (  # noqa: F401 - fixtures
    fake_flowise,
    fake_openai,
    flowise_server,
    openai_server,
)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """SQLite only: these tests are about providers; tests/chat covers both databases."""
    from polish_tutor.kit.migrate import upgrade
    from polish_tutor.settings import Settings

    url = f"sqlite+aiosqlite:///{tmp_path / 'tutor.db'}"
    upgrade(Settings(database_url=url, var_dir=tmp_path))
    yield url
