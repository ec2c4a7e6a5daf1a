"""Fixtures serving the fake providers: one server per test run, emptied around each test.

Import them into a ``conftest.py`` to use them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.flowise_fake import FakeFlowise
from tests.fakes.murf_fake import FakeMurf
from tests.fakes.openai_fake import FakeOpenAI
from tests.fakes.server import Scripted, serve


def _served(fake: Scripted) -> Iterator[Scripted]:
    with serve(fake.app) as url:  # type: ignore[attr-defined]
        fake.base_url = url
        yield fake


@pytest.fixture(scope="session")
def openai_server() -> Iterator[Scripted]:
    yield from _served(FakeOpenAI())


@pytest.fixture(scope="session")
def flowise_server() -> Iterator[Scripted]:
    yield from _served(FakeFlowise())


@pytest.fixture(scope="session")
def murf_server() -> Iterator[Scripted]:
    yield from _served(FakeMurf())


@pytest.fixture
def fake_openai(openai_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    openai_server.reset()
    yield openai_server
    openai_server.reset()


@pytest.fixture
def fake_flowise(flowise_server: FakeFlowise) -> Iterator[FakeFlowise]:
    flowise_server.reset()
    yield flowise_server
    flowise_server.reset()


@pytest.fixture
def fake_murf(murf_server: FakeMurf) -> Iterator[FakeMurf]:
    murf_server.reset()
    yield murf_server
    murf_server.reset()
