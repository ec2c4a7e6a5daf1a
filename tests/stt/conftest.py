from __future__ import annotations

from tests.fakes.fixtures import fake_openai, openai_server  # noqa: F401 - fixtures
