"""Polish language engine: answer comparison, diacritics restoration, inflection tables.

Built on Morfeusz 2 (SGJP dictionary) and wordfreq's Polish word frequencies. No web framework
imports here: the HTTP layer and the CLI wrap :class:`LanguageEngine`.
"""

from .engine import LanguageEngine
from .text import strip_diacritics
from .types import (
    Check,
    Comparison,
    InflectionRow,
    InflectionSection,
    InflectionTable,
    Issue,
    IssueType,
    UnknownWordError,
    Verdict,
)

__all__ = [
    "Check",
    "Comparison",
    "InflectionRow",
    "InflectionSection",
    "InflectionTable",
    "Issue",
    "IssueType",
    "LanguageEngine",
    "UnknownWordError",
    "Verdict",
    "strip_diacritics",
]
