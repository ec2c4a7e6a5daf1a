from __future__ import annotations

import pytest

from tests.fakes.fixtures import (  # noqa: F401 - fixtures
    fake_flowise,
    fake_openai,
    flowise_server,
    openai_server,
)


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: these tests are about providers; tests/chat covers both databases."""
    return sqlite_url
