"""Candidates for ``data/phrases.tsv``: a preposition and the one form of a noun it is used with.

    python bench/tools/derive_phrases.py [--least N] [--share S]

Counts, in the UD Polish PDB and LFG treebanks (dev + test), every noun right after a
preposition (case-folded), per preposition and noun lemma, by the noun's form. A pair is a
candidate when it is seen at least ``--least`` times and one form has at least ``--share`` of
them (*w końcu*, *ze względu*, *w wyniku*, *na moment*). Candidates only: every row of the
data file was checked by hand (a phrase a teacher would call fixed, or the one form the pair
takes in ordinary Polish).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from polish_tutor.language.evaluation import read_conllu  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FILES = ("pl_pdb-ud-dev", "pl_pdb-ud-test", "pl_lfg-ud-dev", "pl_lfg-ud-test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--least", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.9)
    args = parser.parse_args()
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for name in FILES:
        for sent in read_conllu(DATA / f"{name}.conllu"):
            toks = sent.tokens
            for a, b in zip(toks, toks[1:], strict=False):
                if a.upos != "ADP" or b.upos != "NOUN" or not b.lemma.islower():
                    continue
                pairs[(a.form.lower(), b.lemma)][b.form.lower()] += 1
    for (prep, lemma), forms in sorted(pairs.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(forms.values())
        form, top = forms.most_common(1)[0]
        if total >= args.least and top / total >= args.share:
            print(f"{prep}\t{form}\t{lemma}\t{top}/{total}\t{dict(forms)}")


if __name__ == "__main__":
    main()
