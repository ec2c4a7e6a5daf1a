"""Benchmark of the Polish language engine on a CoNLL-U file (default: the UD PDB dev set).

    python bench/language_bench.py [--data PATH] [--limit N] [--repeat R]

Prints a markdown table: compare() accuracy per perturbation type, false alarms on unperturbed
sentences, diacritics word accuracy vs the most-frequent-spelling baseline, throughput
(compare pairs/s and words/s, diacritics words/s; first "cold" pass and the median of R warm
passes), and LanguageEngine.load() time. Runs on one core.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine, strip_diacritics  # noqa: E402
from polish_tutor.language.evaluation import (  # noqa: E402
    PERTURBATION_TYPES,
    Perturbation,
    Perturber,
    read_conllu,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pl_pdb-ud-dev.conllu"
WORD = re.compile(r"\w+")


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpus = sorted(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpus[0]})
        except OSError:
            pass


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on this platform
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def word_accuracy(gold_texts: list[str], outputs: list[str]) -> tuple[float, float, int]:
    total = good = dia_total = dia_good = 0
    for gold, out in zip(gold_texts, outputs, strict=True):
        for g, h in zip(WORD.findall(gold), WORD.findall(out), strict=True):
            total += 1
            good += g == h
            if g != strip_diacritics(g):
                dia_total += 1
                dia_good += g == h
    return good / total, dia_good / max(1, dia_total), total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N sentences")
    ap.add_argument("--repeat", type=int, default=3, help="warm timing passes (median)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show-failures", type=int, default=0, help="print N failures per type")
    args = ap.parse_args()
    pin_one_core()

    rss_before = _peak_rss_mb()
    t0 = time.perf_counter()
    engine = LanguageEngine.load()
    load_s = time.perf_counter() - t0
    load_rss = _peak_rss_mb()
    sentences = read_conllu(args.data, args.limit)
    texts = [s.text for s in sentences]
    n_words = sum(len(WORD.findall(t)) for t in texts)

    # --- compare accuracy -------------------------------------------------------------------
    perturber = Perturber(engine._morph)
    pairs: list[tuple[str, Perturbation | None]] = []
    for s in sentences:
        pairs.append(("clean", Perturbation("clean", s.text, s.text, "")))
        for kind in PERTURBATION_TYPES:
            p = perturber.perturb(s, kind, args.seed)
            if p is not None:
                pairs.append((kind, p))
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    t0 = time.perf_counter()
    results = [engine.compare(p.expected, p.answer) for _k, p in pairs if p is not None]
    cold_compare = time.perf_counter() - t0
    for (kind, p), result in zip(pairs, results, strict=True):
        assert p is not None
        total[kind] += 1
        good = result.verdict == "correct" if kind == "clean" else p.check(result)
        ok[kind] += good
        if (
            not good
            and args.show_failures
            and len(failures.setdefault(kind, [])) < args.show_failures
        ):
            issues = "; ".join(
                f"{i.type}:{i.expected}->{i.got} {i.feature or ''} "
                f"{i.expected_value or ''}/{i.got_value or ''}"
                for i in result.issues
            )
            failures[kind].append(f"{p.answer}  ==> {issues}")
    pair_words = sum(len(WORD.findall(p.answer)) for _k, p in pairs if p is not None)
    warm_compare = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _k, p in pairs:
            assert p is not None
            engine.compare(p.expected, p.answer)
        warm_compare.append(time.perf_counter() - t0)

    # --- diacritics -------------------------------------------------------------------------
    stripped = [strip_diacritics(t) for t in texts]
    fresh = LanguageEngine.load()  # cold caches for the first pass
    t0 = time.perf_counter()
    restored = [fresh.restore_diacritics(t) for t in stripped]
    cold_dia = time.perf_counter() - t0
    acc, dia_acc, _ = word_accuracy(texts, restored)
    baseline = [fresh._restorer.restore_most_frequent(t) for t in stripped]
    b_acc, b_dia_acc, _ = word_accuracy(texts, baseline)
    warm_dia = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in stripped:
            fresh.restore_diacritics(t)
        warm_dia.append(time.perf_counter() - t0)

    # --- report -----------------------------------------------------------------------------
    n_pairs = len(pairs)
    med_c = statistics.median(warm_compare)
    med_d = statistics.median(warm_dia)
    print(
        f"## Language engine benchmark ({args.data.name}, {len(sentences)} sentences, "
        f"{n_words} words, seed {args.seed}, 1 core)\n"
    )
    print("| compare: perturbation | n | accuracy (exactly the right issue) |")
    print("| --- | ---: | ---: |")
    for kind in PERTURBATION_TYPES:
        if total[kind]:
            print(f"| {kind} | {total[kind]} | {ok[kind] / total[kind]:.1%} |")
    fa = 1 - ok["clean"] / max(1, total["clean"])
    print(f"| unperturbed → not `correct` (false alarms) | {total['clean']} | {fa:.2%} |")
    print()
    print("| diacritics restoration | all words | words with diacritics |")
    print("| --- | ---: | ---: |")
    print(f"| engine (context) | {acc:.2%} | {dia_acc:.2%} |")
    print(f"| baseline (most frequent spelling) | {b_acc:.2%} | {b_dia_acc:.2%} |")
    print()
    print(f"| throughput (1 core) | cold first pass | warm median of {args.repeat} |")
    print("| --- | ---: | ---: |")
    print(f"| compare pairs/s | {n_pairs / cold_compare:,.0f} | {n_pairs / med_c:,.0f} |")
    print(f"| compare words/s | {pair_words / cold_compare:,.0f} | {pair_words / med_c:,.0f} |")
    print(f"| diacritics words/s | {n_words / cold_dia:,.0f} | {n_words / med_d:,.0f} |")
    print(f"| LanguageEngine.load() | {load_s:.2f} s | |")
    print(f"| peak RSS after load (before: {rss_before:.0f} MB) | {load_rss:.0f} MB | |")
    for kind, items in failures.items():
        print(f"\n### failures: {kind}")
        for item in items:
            print(f"- {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
