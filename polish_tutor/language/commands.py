"""Plain CLI helpers wrapped by the main ``polish-tutor`` command (``compare``, ``check``,
``diacritics``).

They take text streams so the CLI layer stays thin and the helpers are easy to test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from .engine import LanguageEngine
from .types import ExplainIn

_ENGINE: LanguageEngine | None = None


def get_engine() -> LanguageEngine:
    """The process-wide engine (loaded on first use)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = LanguageEngine.load()
    return _ENGINE


def _lang(explain_in: str) -> ExplainIn:
    return "pl" if explain_in == "pl" else "en"


def _error(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}}


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def compare_command(
    expected: str | None,
    answer: str | None,
    jsonl: bool,
    explain_in: str,
    stdin: TextIO,
    stdout: TextIO,
    engine: LanguageEngine | None = None,
) -> int:
    """``polish-tutor compare``: one comparison as JSON, or a JSON-lines batch from stdin.

    Returns the process exit code: 0 on success (a malformed batch line is reported on its
    own output line and does not stop the batch), 2 for bad arguments.
    """
    if explain_in not in ("en", "pl"):
        stdout.write(_dump(_error("invalid_argument", "explain_in must be 'en' or 'pl'")) + "\n")
        return 2
    lang = _lang(explain_in)
    if not jsonl:
        if expected is None or answer is None:
            stdout.write(
                _dump(_error("invalid_argument", "give --expected and --answer, or --jsonl")) + "\n"
            )
            return 2
        eng = engine or get_engine()
        stdout.write(_dump(eng.compare(expected, answer, explain_in=lang).to_dict()) + "\n")
        stdout.flush()
        return 0
    eng = engine or get_engine()
    return _each_line(stdin, stdout, lambda line: _compare_line(eng, line, lang))


def _each_line(stdin: TextIO, stdout: TextIO, handle: Callable[[str], dict[str, object]]) -> int:
    """``--jsonl``: one JSON result per non-blank input line, written as it is ready."""
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        stdout.write(_dump(handle(line)) + "\n")
        stdout.flush()
    return 0


def _compare_line(engine: LanguageEngine, line: str, lang: ExplainIn) -> dict[str, object]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error("invalid_json", f"line is not valid JSON: {exc.msg}")
    if not isinstance(item, dict):
        return _error("invalid_input", "each line must be a JSON object")
    expected = item.get("expected")
    answer = item.get("answer")
    if not isinstance(answer, str):
        return _error("invalid_input", "'answer' must be a string")
    if isinstance(expected, list):
        if not expected or not all(isinstance(e, str) for e in expected):
            return _error(
                "invalid_input", "'expected' must be a string or a non-empty list of strings"
            )
        options: str | list[str] = [str(e) for e in expected]
    elif isinstance(expected, str):
        options = expected
    else:
        return _error("invalid_input", "'expected' must be a string or a list of strings")
    line_lang = item.get("explain_in", lang)
    use_lang: ExplainIn = "pl" if line_lang == "pl" else "en"
    try:
        return engine.compare(options, answer, explain_in=use_lang).to_dict()
    except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
        return _error("compare_failed", f"{type(exc).__name__}: {exc}")


def check_command(
    text: str | None,
    jsonl: bool,
    explain_in: str,
    stdin: TextIO,
    stdout: TextIO,
    engine: LanguageEngine | None = None,
) -> int:
    """``polish-tutor check``: one free sentence checked (no expected answer) as JSON, or a
    JSON-lines batch of ``{"text": …}`` from stdin, one result per line. Exit codes as for
    :func:`compare_command`."""
    if explain_in not in ("en", "pl"):
        stdout.write(_dump(_error("invalid_argument", "explain_in must be 'en' or 'pl'")) + "\n")
        return 2
    lang = _lang(explain_in)
    if not jsonl:
        if text is None or not text.strip():
            stdout.write(_dump(_error("invalid_argument", "give --text, or --jsonl")) + "\n")
            return 2
        eng = engine or get_engine()
        stdout.write(_dump(eng.check(text, explain_in=lang).to_dict()) + "\n")
        stdout.flush()
        return 0
    eng = engine or get_engine()
    return _each_line(stdin, stdout, lambda line: _check_line(eng, line, lang))


def _check_line(engine: LanguageEngine, line: str, lang: ExplainIn) -> dict[str, object]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error("invalid_json", f"line is not valid JSON: {exc.msg}")
    if not isinstance(item, dict):
        return _error("invalid_input", "each line must be a JSON object")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return _error("invalid_input", "'text' must be a non-empty string")
    line_lang = item.get("explain_in", lang)
    use_lang: ExplainIn = "pl" if line_lang == "pl" else "en"
    try:
        return engine.check(text, explain_in=use_lang).to_dict()
    except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
        return _error("check_failed", f"{type(exc).__name__}")


def diacritics_command(stdin: TextIO, stdout: TextIO, engine: LanguageEngine | None = None) -> int:
    """``polish-tutor diacritics``: each input line written back with diacritics restored."""
    eng = engine or get_engine()
    for raw in stdin:
        if raw.endswith("\r\n"):
            body, newline = raw[:-2], "\r\n"
        elif raw.endswith("\n"):
            body, newline = raw[:-1], "\n"
        else:
            body, newline = raw, "\n"
        stdout.write(eng.restore_diacritics(body) + newline)
        stdout.flush()
    return 0
