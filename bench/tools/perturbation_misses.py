"""The treebank perturbation test's loop, printing every case ``compare`` gets wrong.

    python bench/tools/perturbation_misses.py [--kinds extra_word,missing_word] [--data PATH]

The same sample and perturbations as
``tests/language/test_language_perturbations.py::test_perturbations_on_dev_sample`` (every 6th
sentence of the UD PDB dev file, seed 0), with the verdict and issues of each miss, then the
figures per kind (``clean``: the unperturbed sentence judged correct). The test only asserts
the floors; this shows what lies under them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from polish_tutor.language import LanguageEngine
from polish_tutor.language.evaluation import PERTURBATION_TYPES, Perturber, read_conllu

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pl_pdb-ud-dev.conllu"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(("clean", *PERTURBATION_TYPES)))
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    engine = LanguageEngine.load()
    perturber = Perturber(engine._morph)
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for s in read_conllu(args.data)[1::6]:
        if "clean" in kinds:
            total["clean"] += 1
            verdict = engine.compare(s.text, s.text).verdict
            ok["clean"] += verdict == "correct"
            if verdict != "correct":
                print(f"MISS clean: {s.text!r} -> {verdict}")
        for kind in kinds:
            if kind == "clean":
                continue
            p = perturber.perturb(s, kind, seed=0)
            if p is None:
                continue
            total[kind] += 1
            result = engine.compare(p.expected, p.answer)
            if p.check(result):
                ok[kind] += 1
                continue
            issues = [(i.type, i.got, i.expected) for i in result.issues]
            print(f"MISS {kind} ({p.word}): {p.answer!r} -> {result.verdict} {issues}")
    print()
    print("| perturbation | found | of | share |")
    print("| --- | ---: | ---: | ---: |")
    for kind in total:
        print(f"| {kind} | {ok[kind]} | {total[kind]} | {ok[kind] / total[kind]:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
