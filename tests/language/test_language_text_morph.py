"""The edit distance and Morfeusz's generation, against plain reference implementations (both
have a fast path: RapidFuzz's OSA, Morfeusz's low-level interpretations)."""

from __future__ import annotations

import random

import pytest

from polish_tutor.language.morph import Morphology, _reading
from polish_tutor.language.text import osa_distance


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table (the textbook recurrence)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _pairs(seed: int, n: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    letters = "aąbcćeęłnńoószźż -"
    out: list[tuple[str, str]] = []
    for _ in range(n):
        alphabet = letters[: rng.randint(2, len(letters))]
        a, b = ("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in "ab")
        out.append((a, b))
    return out


def test_osa_distance_is_the_whole_distance_without_a_limit_that_cuts() -> None:
    for a, b in _pairs(1, 3000):
        longest = max(len(a), len(b))
        assert osa_distance(a, b) == _osa(a, b), (a, b)
        assert osa_distance(a, b, limit=longest) == _osa(a, b), (a, b)
        assert osa_distance(a, b, limit=longest + 2) == _osa(a, b), (a, b)
    assert osa_distance("łazienke", "łazienkę") == 1
    assert osa_distance("kawa", "kwaa") == 1  # one transposition


def test_osa_distance_with_a_limit_says_more_than_the_limit_or_the_distance() -> None:
    for a, b in _pairs(2, 3000):
        for limit in (0, 1, 2, 3):
            got = osa_distance(a, b, limit=limit)
            true = _osa(a, b)
            if true <= limit:
                assert got == true, (a, b, limit)
            else:
                assert got > limit, (a, b, limit)
                if abs(len(a) - len(b)) > limit:
                    assert got == limit + 1


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.mark.parametrize(
    "lemma", ["robić", "kawa", "dobry", "być", "on", "nie", "dom:s1", "xyzqx", "", "ąę"]
)
def test_generate_is_morfeusz_s_forms_as_the_wrapper_gives_them(
    morph: Morphology, lemma: str
) -> None:
    try:
        raw = morph._morf.generate(lemma)
    except Exception:  # noqa: BLE001  # (as generate: Morfeusz's SWIG layer may raise)
        raw = []
    expected = tuple(_reading(form, lem, tag, quals) for form, lem, tag, _n, quals in raw)
    assert Morphology().form_texts(lemma) == tuple(r.form for r in expected)
    assert morph.generate(lemma) == expected
    assert morph.form_texts(lemma) == tuple(r.form for r in expected)  # from the cache now
