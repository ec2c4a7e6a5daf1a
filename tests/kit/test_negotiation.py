"""Which of two media types an Accept header prefers."""

from __future__ import annotations

import pytest

from polish_tutor.kit.negotiation import prefers, quality

STREAM, JSON = "text/event-stream", "application/json"


@pytest.mark.parametrize(
    ("accept", "weighed"),
    [
        ("text/event-stream", (2, 1.0)),
        ("text/*;q=0.3, text/event-stream;q=0.7", (2, 0.7)),  # the named range wins
        ("text/*;q=0.3", (1, 0.3)),
        ("*/*;q=0.2", (0, 0.2)),
        ("application/json", (-1, 0.0)),
        ("text/event-stream;q=high", (2, 0.0)),
        (" TEXT/EVENT-STREAM ; Q=0.5 ", (2, 0.5)),
    ],
)
def test_quality_is_the_most_specific_ranges(accept: str, weighed: tuple[int, float]) -> None:
    assert quality(accept, STREAM) == weighed


@pytest.mark.parametrize(
    ("accept", "preferred"),
    [
        (None, False),
        ("", False),
        ("*/*", False),
        ("text/*", False),
        ("text/event-stream-x", False),
        ("text/event-stream, application/json", False),
        ("application/json;q=0.9, text/event-stream;q=0.9", False),
        ("text/event-stream;q=0", False),
        ("text/event-stream", True),
        ("application/json;q=0.9, text/event-stream", True),
        ("text/event-stream, application/*;q=0.5", True),
    ],
)
def test_prefers_needs_the_type_named_and_weighed_above_the_default(
    accept: str | None, preferred: bool
) -> None:
    assert prefers(accept, STREAM, JSON) is preferred
