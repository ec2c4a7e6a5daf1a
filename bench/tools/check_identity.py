"""Every output of ``check`` (and of ``compare`` on the learner sets) written down, to prove a
speed-up changed nothing.

    python bench/tools/check_identity.py --out bench/out/before.jsonl   # on the old code
    python bench/tools/check_identity.py --out bench/out/after.jsonl    # on the new code
    python bench/tools/check_identity.py --diff bench/out/before.jsonl bench/out/after.jsonl

Runs ``LanguageEngine.check`` over: the GEC dev file's incorrect and correct sentences
(explanations in English and Polish), the learners' free sentences
(``tests/fixtures/language/free_text_learner.yaml``, text and corrected, both languages), every
sentence of the treebanks in ``--data`` (``--treebanks``), the perturbed rule sentences of
``bench/tools/make_rule_set.py`` if ``--rule-set`` is given, and every string of the lessons and
the practice bank; and ``LanguageEngine.compare`` over the teacher-labelled learner sets
(``tests/fixtures/language/learner_errors*.yaml``). One JSON line per call: the set, the input
and the full result (``to_dict()``: corrected sentence, every issue with its rule, values and
explanation). ``--diff`` prints the lines that differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.language.evaluation import read_conllu  # noqa: E402
from polish_tutor.language.scoring import load_cases, run_case  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "language"
TREEBANKS = "pl_pdb-ud-dev.conllu,pl_pdb-ud-test.conllu,pl_lfg-ud-dev.conllu,pl_lfg-ud-test.conllu"
LEARNER_SETS = (
    "learner_errors.yaml",
    "learner_errors_holdout.yaml",
    "learner_errors_holdout2.yaml",
)


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def check_inputs(args: argparse.Namespace) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(set, text, explanation languages) for every ``check`` call, in a fixed order."""
    both = ("en", "pl")
    gec = args.data / "polish-gec-expert-dev.jsonl"
    if gec.exists():
        for line in gec.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield "gec", row["incorrect"], both
                yield "gec", row["correct"], both
    for item in yaml.safe_load((FIXTURES / "free_text_learner.yaml").read_text(encoding="utf-8")):
        yield "learner", item["text"], both
        yield "learner", item["corrected"], both
    for name in filter(None, args.treebanks.split(",")):
        path = args.data / name
        if path.exists():
            for sentence in read_conllu(path):
                yield name, sentence.text, ("en",)
    if args.rule_set is not None:
        for line in args.rule_set.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield "rule_set", row["incorrect"], both
    seen: set[str] = set()
    for path in sorted((ROOT / "polish_tutor" / "lessons").rglob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if text not in seen and any(ch.isalpha() for ch in text):
                seen.add(text)
                yield "lessons", text, ("en",)


def write(args: argparse.Namespace) -> int:
    engine = LanguageEngine.load()
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for kind, text, langs in check_inputs(args):
            for lang in langs:
                result: dict[str, Any] = engine.check(text, explain_in=lang).to_dict()  # type: ignore[arg-type]
                out.write(
                    json.dumps(
                        {"set": kind, "lang": lang, "text": text, "check": result},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                count += 1
        for name in LEARNER_SETS:
            path = FIXTURES / name
            if not path.exists():
                continue
            for case in load_cases(path):
                comparison = run_case(engine.compare, case)
                out.write(
                    json.dumps(
                        {"set": name, "id": case.id, "compare": comparison.to_dict()},  # type: ignore[attr-defined]
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                count += 1
    print(f"{count} results written to {args.out}")
    return 0


def diff(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    differ = 0
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            differ += 1
            if differ <= 20:
                print(f"line {k + 1}:\n- {x}\n+ {y}")
    if len(a) != len(b):
        print(f"{len(a)} lines before, {len(b)} after")
        differ += 1
    print(f"{min(len(a), len(b))} results compared, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--treebanks", default=TREEBANKS, help="comma-separated names in --data")
    ap.add_argument("--rule-set", type=Path, default=None, help="make_rule_set.py's output")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "identity.jsonl")
    ap.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.diff:
        return diff(*args.diff)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    return write(args)


if __name__ == "__main__":
    raise SystemExit(main())
