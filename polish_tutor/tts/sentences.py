"""A reply's speech in sentences: what a streamed turn asks the speech worker for, one
sentence at a time, as soon as the model has written it.

The same rule splits a text that grows (``SentenceSplitter.feed``, while the model writes) and
a whole text (``split_sentences``, once the turn is stored), so the sentences a stream asked
for are the stored turn's own and their audio is never made twice. A sentence ends at ``.``,
``!``, ``?`` or ``…`` (with any closing quotes or brackets after it) followed by white space;
not after a number (``3. lekcja``), one letter (an initial) or a short abbreviation
(``np.``, ``tzn.``): a sentence split too late only starts its audio a moment later, one split
too early is read with the wrong melody.
"""

from __future__ import annotations

import re

_END = frozenset(".!?…")
_CLOSING = frozenset("\"'”’»)]")
# Abbreviations after which a full stop does not end a sentence (lower case, without the stop).
_ABBREVIATIONS = frozenset(
    {
        "np",
        "tzn",
        "tj",
        "itd",
        "itp",
        "m.in",
        "godz",
        "ul",
        "nr",
        "str",
        "prof",
        "dr",
        "mgr",
        "inż",
        "św",
        "zob",
        "por",
        "e.g",
        "i.e",
        "etc",
        "mr",
        "mrs",
    }
)
_WORD_BEFORE = re.compile(r"(\S+)$")


def _ends_sentence(text: str, end: int) -> bool:
    """Whether ``text[:end]`` (its last characters a terminator and closing marks) ends a
    sentence, judged from the word before the terminator."""
    stop = end
    while stop > 0 and text[stop - 1] in _CLOSING:
        stop -= 1
    if stop == 0 or text[stop - 1] not in _END:
        return False
    if text[stop - 1] != ".":
        return True
    if stop >= 2 and text[stop - 2] == ".":  # an ellipsis written as dots
        return True
    word = _WORD_BEFORE.search(text, 0, stop - 1)
    if word is None:
        return True
    token = word[1].lstrip("\"'„“«([").lower()
    if token.isdigit() or (len(token) == 1 and token.isalpha()):
        return False
    return token not in _ABBREVIATIONS


class SentenceSplitter:
    """Feeds on a text as it grows; returns each sentence once it is complete."""

    def __init__(self) -> None:
        self._text = ""
        self._start = 0  # where the sentence being written starts
        self._scanned = 0  # how far the text has been looked at

    def feed(self, delta: str) -> list[str]:
        self._text += delta
        done: list[str] = []
        text = self._text
        index = max(self._scanned, self._start)
        while index < len(text):
            # A sentence is complete at the white space after its terminator (and closing
            # marks): the last character fed may still be followed by more of the same word.
            if text[index].isspace() and index > self._start and _ends_sentence(text, index):
                sentence = text[self._start : index].strip()
                if sentence:
                    done.append(sentence)
                self._start = index
            index += 1
        self._scanned = index
        return done

    def rest(self) -> str | None:
        """The text after the last complete sentence (the end of the text): the last sentence."""
        sentence = self._text[self._start :].strip()
        self._start = len(self._text)
        self._scanned = self._start
        return sentence or None


def split_sentences(text: str) -> list[str]:
    """``text`` in sentences, by the rule :class:`SentenceSplitter` applies as it grows."""
    splitter = SentenceSplitter()
    sentences = splitter.feed(text)
    last = splitter.rest()
    return [*sentences, last] if last else sentences
