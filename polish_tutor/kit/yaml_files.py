"""YAML read with libyaml's C parser when PyYAML has it (about ten times faster than the pure
Python one: the lessons, practice banks and prompts are read at every start), the same safe
loader either way; errors are :class:`yaml.YAMLError` as with ``yaml.safe_load``.

The same text is parsed once per process and each caller gets its own deep copy (a tenth of
the parse): every application a process builds reads the same 60-odd files again, and the
tests build hundreds of applications in one process."""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=512)
def _parsed(text: str | bytes) -> Any:
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader


def load_yaml(text: str | bytes) -> Any:
    """``yaml.safe_load``, through the C parser where available; a document of one's own."""
    return copy.deepcopy(_parsed(text))
