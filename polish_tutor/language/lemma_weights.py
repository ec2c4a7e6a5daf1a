"""How often a lemma is used: the frequency of the forms only it has.

``check`` and ``compare`` weigh a word's rival lemmas against each other (*braci* is *brat*'s,
not *brać*'s), so every new word a learner types asks for the weight of each of its lemmas. A
weight reads the lemma's forms (Morfeusz's generator) and the readings of each of them, which
made it the largest cost of checking a sentence never seen before. Here it reads only what can
count: a form nobody writes (frequency 0) adds nothing, so it is neither built into readings
nor analysed.
"""

from __future__ import annotations

from collections.abc import Callable

from .morph import Morphology

# Weights remembered (a float per lemma; about 100 bytes each with the key).
MEMO = 200_000


class LemmaWeights:
    """``weights(full_lemma)`` → the summed frequency (``10 ** zipf``) of the lemma's own forms.

    A form counts when every reading of it has this lemma (homonym markers aside); a word that
    does not inflect (*tak*, *albo*, beside the nouns *taka*, *alba*) gets its share of its one
    form. A pure function of the lemma, remembered per process.
    """

    def __init__(self, morph: Morphology, frequency: Callable[[str], float]) -> None:
        self._morph = morph
        self._frequency = frequency
        self._memo: dict[str, float] = {}

    def __call__(self, full_lemma: str) -> float:
        cached = self._memo.get(full_lemma)
        if cached is not None:
            return cached
        value = self._weigh(full_lemma)
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[full_lemma] = value
        return value

    def _weigh(self, full_lemma: str) -> float:
        base = full_lemma.split(":", 1)[0]
        forms = self._morph.lowered_forms(full_lemma)
        frequency = self._frequency
        analyse = self._morph.analyse
        total = 0.0
        for form in forms:
            used = frequency(form)
            if not used:
                continue  # adds 0 either way: no need to read it
            lemmas = {r.lemma for r in analyse(form)}
            if lemmas == {base}:
                total += used * 1e9  # 10 ** zipf
            elif total == 0 and len(forms) == 1 and lemmas:
                total = used * 1e9 / len(lemmas)
        return total
