"""Perturbed treebank sentences with one grammar rule broken, for developing ``check``.

    python bench/tools/make_rule_set.py [--per-kind 60] [--seed 0] [--out bench/out/rule_set.jsonl]

Reads the UD Polish treebanks in ``../shared/data/`` (PDB and LFG, dev and test: gold NKJP tags
and dependency trees), breaks one rule per sentence with ``RulePerturber``
(``polish_tutor/language/evaluation.py``) and writes up to ``--per-kind`` perturbations of each
kind as JSON lines ``{kind, sent_id, correct, incorrect, errors: [{type, got, expected, rule,
trigger, feature, value, got_value}]}``, the kinds interleaved. The output stays in
``bench/out/`` (git-ignored): the treebanks' licences (CC BY-NC-SA 4.0, GPL-3.0) do not let
their sentences into the MIT repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from polish_tutor.language.evaluation import (  # noqa: E402
    RULE_KINDS,
    RulePerturbation,
    RulePerturber,
    read_trees,
)
from polish_tutor.language.morph import Morphology  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TREEBANKS = ("pl_pdb-ud-dev", "pl_pdb-ud-test", "pl_lfg-ud-dev", "pl_lfg-ud-test")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the .conllu files")
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "rule_set.jsonl")
    args = ap.parse_args()

    perturber = RulePerturber(Morphology())
    by_kind: dict[str, list[RulePerturbation]] = {kind: [] for kind in RULE_KINDS}
    sentences = 0
    for name in TREEBANKS:
        path = args.data / f"{name}.conllu"
        if not path.exists():
            print(f"skipped (missing): {path}", file=sys.stderr)
            continue
        trees = read_trees(path)
        sentences += len(trees)
        for found in perturber.generate(trees, seed=args.seed):
            # sentence ids repeat across treebanks: name the treebank
            by_kind[found.kind].append(replace(found, sent_id=f"{name}:{found.sent_id}"))
    rng = random.Random(args.seed)
    chosen: dict[str, list[RulePerturbation]] = {}
    for kind, items in by_kind.items():
        rng.shuffle(items)
        chosen[kind] = items[: args.per_kind]
    rows: list[RulePerturbation] = []
    for i in range(args.per_kind):  # interleaved: every kind early in the file
        rows.extend(items[i] for items in chosen.values() if i < len(items))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    counts = Counter(row.kind for row in rows)
    print(f"{sentences} treebank sentences → {len(rows)} perturbations in {args.out}")
    print("| kind | available | written |")
    print("| --- | ---: | ---: |")
    for kind in RULE_KINDS:
        print(f"| {kind} | {len(by_kind[kind])} | {counts[kind]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
