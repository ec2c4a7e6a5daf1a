from __future__ import annotations

from tests.fakes.fixtures import (  # noqa: F401 - fixtures
    fake_murf,
    fake_openai,
    murf_server,
    openai_server,
)
