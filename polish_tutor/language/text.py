"""Small text helpers: diacritics stripping, tokenisation, case transfer, edit distance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
_STRIP_TABLE = str.maketrans(POLISH_LETTERS, "acelnoszzACELNOSZZ")
_POLISH_SET = frozenset(POLISH_LETTERS)

# The project's tokenisers, all here (the page's WORD_RE in web/static/dom.js is this one's copy,
# and tests/js checks they agree). Text is NFC by the time it gets here (kit/text.py): Python's
# \w takes no combining mark, so a decomposed "ę" would split a word.
#
# A word: letters/digits, optionally joined by hyphens or apostrophes ("biało-czerwony", "O'Neill").
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
# Runs of letters only, split on hyphens and digits too: the pieces Morfeusz is asked about when
# lesson content is checked ("biało-czerwony" is two words it knows).
LETTERS_RE = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    """The words of ``text`` (as :data:`WORD_RE` finds them), punctuation dropped."""
    return WORD_RE.findall(text)


def letter_runs(text: str) -> list[str]:
    """The runs of letters in ``text`` (as :data:`LETTERS_RE` finds them)."""
    return LETTERS_RE.findall(text)


_STRIP_PAIRS = tuple(zip(POLISH_LETTERS, "acelnoszzACELNOSZZ", strict=True))


def strip_diacritics(text: str) -> str:
    """Replace ą ć ę ł ń ó ś ź ż (and capitals) with their plain Latin letters."""
    if text.isascii():
        return text
    if len(text) < 200:
        return text.translate(_STRIP_TABLE)
    for letter, plain in _STRIP_PAIRS:  # much faster than translate on long texts
        text = text.replace(letter, plain)
    return text


def has_diacritics(text: str) -> bool:
    return not text.isascii() and any(ch in _POLISH_SET for ch in text)


def diacritic_letters(word: str) -> list[str]:
    """The Polish letters in ``word`` (lower case, in order, without repeats)."""
    out: list[str] = []
    for ch in word.lower():
        if ch in _POLISH_SET and ch not in out:
            out.append(ch)
    return out


def transfer_case(template: str, form: str) -> str:
    """Give ``form`` the per-character capitalisation of ``template`` (same length)."""
    if template.islower() or len(template) != len(form):
        return form
    if template.isupper() and len(template) > 1:
        return form.upper()
    return "".join(f.upper() if t.isupper() else f for t, f in zip(template, form, strict=True))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` (punctuation is dropped): a new list each time (of frozen
    tokens), the same sentences (a lesson's expected answers) are tokenised once."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text))


def osa_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal-string-alignment distance (Levenshtein + adjacent transposition); with a
    ``limit``, ``limit + 1`` where it is sure to be more (the rows are cut short)."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if limit is None or limit >= max(la, lb):
        # no row can pass the limit: the whole distance, from RapidFuzz's C++
        return int(OSA.distance(a, b))
    if limit is not None and abs(la - lb) > limit:
        return limit + 1
    if la == 0:
        return lb
    if lb == 0:
        return la
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ai = a[i - 1]
        best = cur[0]
        for j in range(1, lb + 1):
            bj = b[j - 1]
            cost = 0 if ai == bj else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == bj:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < best:
                best = v
        if limit is not None and best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


_VOWELS = frozenset("aąeęioóuy")
_DIGRAPHS = frozenset({"sz", "cz", "rz", "dz", "dż", "dź", "ch"})


def preposition_form(preposition: str, word: str) -> str | None:
    """The form *z*/*ze* or *w*/*we* takes before ``word`` (lower case), or None when both are
    written or the word does not decide. *ze*, *we* before a like consonant and another
    (*ze szkoły*, *we wtorek*; sz, cz, rz … are one sound: *z szafki*) and in *ze mną*, *we
    mnie*, *ze wszystkim*, *ze względu*; *z*, *w* before a consonant and a vowel (*z mamą*, *w
    domu*). Left open: f (*we Francji*, *w francuskiej*), *ze* before s, z, ś, ź, ż and a vowel
    (*ze żoną* is said too), customary *we* (*we dwoje*, *we czwartek*), abbreviations."""
    key, low = preposition.lower(), word.lower()
    if key not in ("z", "ze", "w", "we") or len(low) < 2 or not low.isalpha() or word.isupper():
        return None
    base = key[0]
    like = "szśźż" if base == "z" else "w"
    first = 2 if low[:2] in _DIGRAPHS else 1
    cluster = low[0] in like and len(low) > first and low[first] not in _VOWELS
    special = (
        low in ("mną", "mnie")
        or (base == "z" and low.startswith(("wszys", "wsi", "wzgl")))
        or (base == "w" and low.startswith("wszys"))
    )
    if cluster or special:
        return base + "e"
    if (low[0] in _VOWELS or low[first] in _VOWELS) and low[0] not in "szśźżwf":
        return base
    return None
