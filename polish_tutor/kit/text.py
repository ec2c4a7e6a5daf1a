"""Text as it enters the API: no control characters, and learner text in NFC.

A NUL reaches PostgreSQL as an error (it has no place in ``text``), and other C0 controls
(and DEL) only ever arrive by accident or on purpose, to forge log lines or confuse a speech
engine. The schemas refuse them (422 ``invalid_input``) with these types; the JSON schema says
so too (a ``pattern``), so clients and the fuzzer know before they send.

- ``LineText``: one line (names, ids, voices, a word to look up): no control character at
  all, normalised to NFC.
- ``LearnerText``: what a learner writes: tab and new lines allowed, normalised to NFC.

NFC here, once, is what the rest relies on: ``z`` + combining dot and ``ż`` are the same word
for the language engine's tokeniser (``language/text.py``), its dictionary and Morfeusz, and a
decomposed "Poproszę kawa." gets no false Polish-letter error.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

# What the JSON schema advertises; the validators below give the clearer message.
LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f]*$"
LEARNER_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"

_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f]")
_LEARNER_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(value: str, *, lines: bool = False) -> str | None:
    """The first control character ``value`` may not hold, as ``U+XXXX``, or None."""
    found = (_LEARNER_CONTROLS if lines else _LINE_CONTROLS).search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def _line(value: str) -> str:
    bad = control_character(value)
    if bad is not None:
        raise ValueError(f"must not contain control characters (found {bad})")
    return unicodedata.normalize("NFC", value)


def _learner(value: str) -> str:
    bad = control_character(value, lines=True)
    if bad is not None:
        raise ValueError(
            f"must not contain control characters other than tab and new line (found {bad})"
        )
    return unicodedata.normalize("NFC", value)


QUOTED_AT_MOST = 40  # characters of a client's value an error message repeats


def quoted(value: str, limit: int = QUOTED_AT_MOST) -> str:
    """``value`` quoted for an error message, cut after ``limit`` characters: an error body
    never echoes unbounded input (SPEC §3)."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def shows_nothing(value: str) -> bool:
    """Whether ``value`` has nothing to read or say: white space and invisible format
    characters only (Unicode's ``Cf``: zero-width spaces and joiners, a byte-order mark,
    direction marks), which ``str.strip`` leaves. Stops at the first visible character."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


class _Pattern:
    """Adds the refusal to the field's JSON schema as a ``pattern``."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        value: dict[str, Any] = handler(schema)
        value.setdefault("pattern", self.pattern)
        return value


LineText = Annotated[str, AfterValidator(_line), _Pattern(LINE_PATTERN)]
LearnerText = Annotated[str, AfterValidator(_learner), _Pattern(LEARNER_PATTERN)]
