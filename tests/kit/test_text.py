"""What counts as text with nothing in it (``kit.text.shows_nothing``)."""

from __future__ import annotations

import pytest

from polish_tutor.kit.text import shows_nothing


@pytest.mark.parametrize("value", ["", " ", "\t\n", "\u00a0\u3000", "\u200b", "\ufeff\u200d\u2060"])
def test_white_space_and_invisible_characters_show_nothing(value: str) -> None:
    assert shows_nothing(value)


@pytest.mark.parametrize("value", ["a", "\u200bkot", " ż ", "?", "1", "\u0301"])
def test_anything_visible_shows_something(value: str) -> None:
    assert not shows_nothing(value)
