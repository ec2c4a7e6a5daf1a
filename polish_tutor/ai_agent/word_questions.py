"""The questions about one word that the tutor answers outside a lesson: what it means ("co
znaczy kawa?", "what does kawa mean?") and how it inflects ("odmień kawa", "decline kawa").
The local driver answers them; a session's summary remembers the words asked about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_MEANING = re.compile(
    r"^\s*(?:co\s+znaczy|co\s+to\s+znaczy|what\s+does)\s+[\"'«„]?(?P<word>[^\"'»”?]+?)[\"'»”]?"
    r"(?:\s+mean)?\s*\??\s*$",
    re.IGNORECASE,
)
_DECLINE = re.compile(
    r"^\s*(?:odmień|odmien|decline|conjugate)\s+[\"'«„]?(?P<word>[^\s\"'»”?]+)[\"'»”]?\s*\??\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WordQuestion:
    kind: Literal["meaning", "inflection"]
    word: str  # as the learner typed it


def word_question(message: str) -> WordQuestion | None:
    """The question ``message`` asks about a word, if it is one of those."""
    if (match := _MEANING.match(message)) is not None:
        return WordQuestion("meaning", match["word"].strip())
    if (match := _DECLINE.match(message)) is not None:
        return WordQuestion("inflection", match["word"])
    return None
