"""Free-text checking on real Polish: how many treebank sentences ``check`` changes (false alarms).

    python bench/check_treebank.py [--files pl_pdb-ud-dev.conllu,...] [--limit N] [--show N]

The UD Polish treebanks in ``../shared/data/`` are edited, correct text: every word ``check``
changes in them is a false alarm (or a real slip of the source, rare). Reports per file the
sentences whose words ``check`` changed (lower-cased ``\\w+`` words, as ``check_bench.py``
counts), the sentences with any issue reported, and the changes themselves grouped by rule,
in ``bench/out/check_treebank.md``. Runs on one core.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.language.evaluation import read_conllu  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT_DIR = ROOT / "bench" / "out"
DEFAULT_FILES = "pl_pdb-ud-dev.conllu,pl_pdb-ud-test.conllu,pl_lfg-ud-test.conllu"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", default=DEFAULT_FILES, help="comma-separated names in --data")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each file")
    ap.add_argument("--show", type=int, default=1000, help="changed sentences listed per file")
    ap.add_argument("--out", type=Path, default=OUT_DIR / "check_treebank.md")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass
    engine = LanguageEngine.load()
    lines = ["# check on treebank text (false alarms)", ""]
    summary = [
        "| file | sentences | changed | issues reported | sentences/s |",
        "|---|---:|---:|---:|---:|",
    ]
    detail: list[str] = []
    for name in args.files.split(","):
        path = args.data / name
        if not path.exists():
            print(f"{name}: missing", file=sys.stderr)
            continue
        sentences = read_conllu(path, args.limit)
        changed = reported = 0
        rules: Counter[str] = Counter()
        shown: list[str] = []
        start = time.perf_counter()
        for s in sentences:
            result = engine.check(s.text)
            if result.issues:
                reported += 1
            if words(str(result.corrected)) != words(s.text):
                changed += 1
                for issue in result.issues:
                    rules[issue.rule.id if issue.rule else issue.type] += 1
                if len(shown) < args.show:
                    pairs = ", ".join(
                        f"{i.got} → {i.expected} ({i.rule.id if i.rule else i.type})"
                        for i in result.issues
                    )
                    shown.append(f"- `{s.sent_id}` {s.text}  \n  {pairs}")
        elapsed = time.perf_counter() - start
        n = len(sentences)
        summary.append(
            f"| {name} | {n} | {changed} ({changed / n:.2%}) | {reported} ({reported / n:.2%}) "
            f"| {n / elapsed:.0f} |"
        )
        detail += [
            f"## {name}",
            "",
            "Rules: " + ", ".join(f"{r} {c}" for r, c in rules.most_common()),
            "",
        ]
        detail += shown + [""]
        print(summary[-1], flush=True)
    text = "\n".join(lines + summary + [""] + detail)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
