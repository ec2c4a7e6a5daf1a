"""The tutor's reply text out of a JSON object the model is still writing.

A streamed structured reply arrives as pieces of ``{"text": "…", "next_dialogue": …,
"corrections": […]}``. :class:`FieldTextStream` reads those pieces in order and gives back the
decoded characters of one top-level string field (``text``) as soon as they arrive, escapes
included (``\\n``, ``\\"``, ``\\u0105`` and surrogate pairs), so the page can show the words
while the rest of the object is written. It does not validate the object: once the stream has
ended, the whole content is parsed and checked as before (``parse_tutor_output``), and that
parse, not this reader, decides the turn's text. Anything before the object's ``{`` (a
Markdown fence some servers add) is skipped.
"""

from __future__ import annotations

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class FieldTextStream:
    def __init__(self, field: str = "text") -> None:
        self._field = field
        self._stack: list[str] = []  # the open containers: "{" or "["
        self._in_string = False
        self._escape = ""  # an escape being read: "\\", "\\u", "\\u01" …
        self._high: str | None = None  # a high surrogate waiting for its low half
        self._string: list[str] = []  # the key being read
        self._expect_key = False
        self._key: str | None = None  # the key whose value comes next (top level)
        self._streaming = False  # inside the wanted field's string value
        self.done = False  # the wanted field's value has been read to its end

    def feed(self, chunk: str) -> str:
        """The wanted field's characters in ``chunk`` (decoded); ``""`` when there are none."""
        out: list[str] = []
        for char in chunk:
            if self._in_string:
                self._string_char(char, out)
                continue
            if char == "{":
                self._stack.append("{")
                self._expect_key = True
            elif char == "[":
                self._stack.append("[")
            elif char in "}]":
                if self._stack:
                    self._stack.pop()
                self._expect_key = False
            elif char == "," and self._stack[-1:] == ["{"]:
                self._expect_key = True
            elif char == '"' and self._stack:
                self._in_string = True
                self._string = []
                top_value = (
                    len(self._stack) == 1 and not self._expect_key and self._key == self._field
                )
                self._streaming = top_value and not self.done
        return "".join(out)

    def _string_char(self, char: str, out: list[str]) -> None:
        if self._escape:
            self._escape += char
            decoded = self._decode_escape()
            if decoded is None:
                return
            self._escape = ""
            self._emit(decoded, out)
            return
        if char == "\\":
            self._escape = "\\"
            return
        if char == '"':
            self._end_string()
            return
        self._emit(char, out)

    def _decode_escape(self) -> str | None:
        """The escape read so far, decoded; ``None`` while it is incomplete."""
        kind = self._escape[1]
        if kind != "u":
            return _ESCAPES.get(kind, kind)
        if len(self._escape) < 6:
            return None
        try:
            return chr(int(self._escape[2:6], 16))
        except ValueError:
            return ""

    def _emit(self, char: str, out: list[str]) -> None:
        if 0xD800 <= ord(char) <= 0xDBFF:
            self._high = char
            return
        if self._high is not None:
            if 0xDC00 <= ord(char) <= 0xDFFF:
                char = chr(0x10000 + ((ord(self._high) - 0xD800) << 10) + (ord(char) - 0xDC00))
            self._high = None
        if self._streaming:
            out.append(char)
        elif self._expect_key:
            self._string.append(char)

    def _end_string(self) -> None:
        self._in_string = False
        if self._streaming:
            self._streaming = False
            self.done = True
            self._key = None
            return
        if self._expect_key and len(self._stack) == 1:
            self._key = "".join(self._string)
            self._expect_key = False
            return
        if len(self._stack) == 1:
            self._key = None  # a top-level value that is another field's
