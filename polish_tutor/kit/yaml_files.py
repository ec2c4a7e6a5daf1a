"""YAML read with libyaml's C parser when PyYAML has it (about ten times faster than the pure
Python one: the lessons, practice banks and prompts are read at every start), the same safe
loader either way; errors are :class:`yaml.YAMLError` as with ``yaml.safe_load``."""

from __future__ import annotations

from typing import Any

import yaml

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes) -> Any:
    """``yaml.safe_load``, through the C parser where available."""
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
