"""Candidate verb government frames from the UD Polish treebanks, ranked by frequency.

    python bench/tools/derive_government.py candidates [--data DIR] [--top N] [--out PATH]
    python bench/tools/derive_government.py compare [--data DIR] [--table PATH] [--limit N]

``candidates`` writes one row per verb lemma (reflexives as ``bać się``): its frequency rank
(the wordfreq Polish frequency of every form Morfeusz gives that lemma; a form shared by several
lemmas is split in proportion to each lemma's unambiguous forms), Morfeusz's aspect, the
treebank count, and the frames seen with their counts. It is the starting point for
``polish_tutor/language/data/verbs.tsv``, which is then written and checked by hand: a treebank
count is evidence, not the answer (a plain ``obl`` is mostly an adjunct, *jechać tramwajem*,
*siedzieć w domu*; a genitive under *nie* is the genitive of negation, not a frame).

``compare`` lists the verbs where the hand-checked table and the treebanks' arguments disagree
most, with the counts, so each disagreement can be read and explained.

What is counted, for each VERB token (UPOS ``VERB``; *się* as ``expl:pv`` makes the lemma
reflexive):

- nominal ``obj``, ``iobj``, ``obl:arg`` and ``obl`` dependents: the case of the dependent (of
  the numeral when a numeral governs the noun: *pięć kotów* counts as acc), or, when it has a
  ``case`` child, ``prep+case`` (*na+acc*). PDB marks oblique arguments ``obl:arg`` and leaves
  adjuncts ``obl``; LFG has only ``obl``: a plain ``obl`` is counted apart (column ``obl``);
- ``xcomp`` infinitives (``inf``) and ``ccomp``/``ccomp:obj`` clauses (``że`` when introduced by
  *że*/*iż*, ``żeby`` by *żeby*/*aby*/*by*, ``clause`` otherwise: *czy*, a question word);
- a verb is negated when *nie* depends on it, or on a verb it is the ``xcomp`` of
  (*nie chcę pić kawy*): its arguments are counted apart (``arguments_under_negation``).

Not run at import time; needs the treebanks in ``../shared/data/`` and ``wordfreq``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_TABLE = ROOT / "polish_tutor" / "language" / "data" / "verbs.tsv"

UD_CASE = {
    "Nom": "nom",
    "Gen": "gen",
    "Dat": "dat",
    "Acc": "acc",
    "Ins": "inst",
    "Loc": "loc",
    "Voc": "voc",
}
NOMINAL_UPOS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X"})
ARGUMENT_RELATIONS = frozenset({"obj", "iobj", "obl:arg", "obl"})
FINITE_FOR_FREQUENCY = frozenset(
    {"fin", "praet", "bedzie", "impt", "inf", "imps", "pcon", "pant", "winien"}
)


@dataclass(slots=True)
class Token:
    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]
    head: int
    deprel: str
    children: list[int] = field(default_factory=list)


def read_sentences(path: Path) -> Iterator[list[Token]]:
    tokens: list[Token] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            if tokens:
                yield _linked(tokens)
            tokens = []
            continue
        if raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 10 or "-" in cols[0] or "." in cols[0]:
            continue
        feats = dict(f.split("=", 1) for f in cols[5].split("|") if "=" in f)
        tokens.append(
            Token(int(cols[0]), cols[1], cols[2], cols[3], cols[4], feats, int(cols[6]), cols[7])
        )
    if tokens:
        yield _linked(tokens)


def _linked(tokens: list[Token]) -> list[Token]:
    by_id = {t.id: t for t in tokens}
    for t in tokens:
        if t.head in by_id:
            by_id[t.head].children.append(t.id)
    return tokens


@dataclass(slots=True)
class VerbCounts:
    total: int = 0
    negated: int = 0
    frames: Counter[str] = field(default_factory=Counter)  # arguments, verb not negated
    neg_frames: Counter[str] = field(default_factory=Counter)  # arguments of a negated verb
    obl: Counter[str] = field(default_factory=Counter)  # plain obl: adjuncts (PDB) or either (LFG)


def _case_of(token: Token, by_id: dict[int, Token]) -> str | None:
    for cid in token.children:
        child = by_id[cid]
        if child.deprel == "nummod:gov" and child.feats.get("Case") in UD_CASE:
            return UD_CASE[child.feats["Case"]]  # pięć kotów: the numeral's case
    if token.upos == "NUM" and token.feats.get("Case") in UD_CASE:
        return UD_CASE[token.feats["Case"]]
    case = token.feats.get("Case")
    return UD_CASE.get(case) if case else None


def _preposition(token: Token, by_id: dict[int, Token]) -> str | None:
    for cid in token.children:
        child = by_id[cid]
        if child.deprel == "case" and child.upos == "ADP":
            parts = child.xpos.split(":")
            case = parts[1] if len(parts) > 1 and parts[0] == "prep" else None
            lemma = child.lemma.lower()
            lemma = {"we": "w", "ze": "z"}.get(lemma, lemma)
            if case is None:
                case = _case_of(token, by_id)
            return f"{lemma}+{case}" if case else None
    return None


def _clause_kind(token: Token, by_id: dict[int, Token]) -> str:
    for cid in token.children:
        child = by_id[cid]
        if child.deprel == "mark" and child.lemma.lower() in {"że", "iż"}:
            return "że"
        if child.deprel == "mark" and child.lemma.lower() in {"żeby", "aby", "by", "ażeby"}:
            return "żeby"
    return "clause"


def _is_negated(token: Token, by_id: dict[int, Token]) -> bool:
    current: Token | None = token
    while current is not None:
        for cid in current.children:
            child = by_id[cid]
            if child.lemma.lower() == "nie" and child.deprel.startswith("advmod"):
                return True
        if current.deprel == "xcomp" and current.head in by_id:
            current = by_id[current.head]
        else:
            current = None
    return False


def count_frames(paths: list[Path]) -> dict[str, VerbCounts]:
    counts: dict[str, VerbCounts] = defaultdict(VerbCounts)
    for path in paths:
        for sentence in read_sentences(path):
            by_id = {t.id: t for t in sentence}
            for verb in sentence:
                if verb.upos != "VERB":
                    continue
                children = [by_id[c] for c in verb.children]
                reflexive = any(
                    c.deprel == "expl:pv" and c.lemma.lower() == "się" for c in children
                )
                lemma = verb.lemma.lower() + (" się" if reflexive else "")
                vc = counts[lemma]
                vc.total += 1
                negated = _is_negated(verb, by_id)
                vc.negated += negated
                for child in children:
                    frame: str | None = None
                    if child.deprel in ARGUMENT_RELATIONS and child.upos in NOMINAL_UPOS:
                        if child.lemma.lower() == "się":
                            continue
                        frame = _preposition(child, by_id) or _case_of(child, by_id)
                    elif child.deprel == "xcomp" and child.feats.get("VerbForm") == "Inf":
                        frame = "inf"
                    elif child.deprel in {"ccomp", "ccomp:obj"}:
                        frame = _clause_kind(child, by_id)
                    if frame is None:
                        continue
                    if child.deprel == "obl":
                        vc.obl[frame] += 1
                    elif negated:
                        vc.neg_frames[frame] += 1
                    else:
                        vc.frames[frame] += 1
    return counts


def lemma_frequencies(top_words: int) -> tuple[dict[str, float], dict[str, set[str]]]:
    """wordfreq frequency of each verb lemma (sum over its forms), and its Morfeusz aspects.

    A form several lemmas share (*mamy*: mieć, mama, mamić) is split between them in proportion
    to the frequency of each lemma's unambiguous forms, so a rare homograph lemma (*mamić*)
    does not inherit half of a frequent verb's forms.
    """
    import morfeusz2
    from wordfreq import top_n_list, word_frequency

    morf = morfeusz2.Morfeusz(praet="composite")
    analysed: list[tuple[float, dict[str, bool]]] = []  # (frequency, lemma -> verbal form?)
    aspects: dict[str, set[str]] = defaultdict(set)
    for word in top_n_list("pl", top_words):
        if not word.isalpha():
            continue
        lemmas: dict[str, bool] = {}
        for _start, _end, (_form, full_lemma, tag, _names, _labels) in morf.analyse(word):
            if tag == "ign":
                continue
            lemma = full_lemma.split(":", 1)[0]
            verbal = tag.split(":", 1)[0] in FINITE_FOR_FREQUENCY
            lemmas[lemma] = lemmas.get(lemma, False) or verbal
            if verbal:
                for value in re.split(r"[:.]", tag):
                    if value in {"imperf", "perf"}:
                        aspects[lemma].add(value)
        if lemmas:
            analysed.append((word_frequency(word, "pl"), lemmas))
    unambiguous: dict[str, float] = defaultdict(float)
    for frequency, lemmas in analysed:
        if len(lemmas) == 1:
            unambiguous[next(iter(lemmas))] += frequency
    freq: dict[str, float] = defaultdict(float)
    for frequency, lemmas in analysed:
        weights = {lemma: unambiguous.get(lemma, 0.0) + 1e-9 for lemma in lemmas}
        total = sum(weights.values())
        for lemma, verbal in lemmas.items():
            if verbal:
                freq[lemma] += frequency * weights[lemma] / total
    return dict(freq), dict(aspects)


def _fmt(counter: Counter[str]) -> str:
    return " ".join(f"{k}:{v}" for k, v in counter.most_common())


def treebank_paths(data: Path) -> list[Path]:
    paths = sorted(data.glob("pl_*-ud-*.conllu"))
    if not paths:
        sys.exit(f"no UD Polish treebanks (pl_*-ud-*.conllu) in {data}")
    return paths


def candidates(args: argparse.Namespace) -> None:
    counts = count_frames(treebank_paths(args.data))
    freq, aspects = lemma_frequencies(args.words)
    ranked = sorted(freq, key=lambda lemma: -freq[lemma])[: args.top]
    rows: list[list[str]] = []
    in_rank = set(ranked)
    for rank, lemma in enumerate(ranked, 1):
        for name in [lemma, f"{lemma} się"]:
            vc = counts.get(name)
            if name != lemma and vc is None:
                continue
            vc = vc or VerbCounts()
            aspect = aspects.get(lemma, set())
            rows.append(
                [
                    str(rank),
                    name,
                    "biasp" if aspect == {"imperf", "perf"} else "".join(aspect),
                    f"{freq[lemma] * 1e6:.1f}",
                    str(vc.total),
                    str(vc.negated),
                    _fmt(vc.frames),
                    _fmt(vc.neg_frames),
                    _fmt(vc.obl),
                ]
            )
    # treebank verbs that wordfreq ranks lower but the treebank sees often
    for name, vc in sorted(counts.items(), key=lambda kv: -kv[1].total):
        base = name.removesuffix(" się")
        if base in in_rank or vc.total < 5:
            continue
        rows.append(
            [
                "-",
                name,
                "",
                f"{freq.get(base, 0.0) * 1e6:.1f}",
                str(vc.total),
                str(vc.negated),
                _fmt(vc.frames),
                _fmt(vc.neg_frames),
                _fmt(vc.obl),
            ]
        )
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(
            [
                "rank",
                "lemma",
                "aspect",
                "per_million",
                "treebank",
                "negated",
                "arguments",
                "arguments_under_negation",
                "obl",
            ]
        )
        writer.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()


def _table_frames(path: Path) -> dict[str, list[str]]:
    frames: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        value = row["frames"].strip()
        frames[row["lemma"]] = [] if value == "-" else value.split(";")
    return frames


CLAUSES = frozenset({"że", "żeby", "clause"})  # the table writes every finite clause as że


def compare(args: argparse.Namespace) -> None:
    """Verbs whose treebank arguments the table does not list, the most such arguments first.

    Arguments are ``obj``/``iobj``/``obl:arg`` dependents, infinitives and clauses; a genitive
    object of a negated verb whose table frames include ``acc`` is the genitive of negation and
    is reported apart, not as a disagreement. Plain ``obl`` dependents (adjuncts in PDB) are
    shown for reference but not scored.
    """
    counts = count_frames(treebank_paths(args.data))
    table = _table_frames(args.table)
    scored: list[tuple[int, str, str, str, str, int, str]] = []
    for lemma, frames in table.items():
        vc = counts.get(lemma)
        if vc is None:
            continue
        seen: Counter[str] = Counter()
        negation_genitive = 0
        for source in (vc.frames, vc.neg_frames):
            for frame, n in source.items():
                if source is vc.neg_frames and frame == "gen" and "acc" in frames:
                    negation_genitive += n
                    continue
                seen["że" if frame in CLAUSES else frame] += n
        outside = Counter({k: v for k, v in seen.items() if k not in frames})
        score = sum(outside.values())
        if not score:
            continue
        scored.append(
            (
                score,
                lemma,
                ";".join(frames) or "-",
                _fmt(seen),
                _fmt(outside),
                negation_genitive,
                _fmt(Counter(dict(vc.obl.most_common(4)))),
            )
        )
    scored.sort(key=lambda row: (-row[0], row[1]))
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(
        [
            "score",
            "lemma",
            "table",
            "treebank_arguments",
            "outside_table",
            "negation_genitive",
            "obl_top4",
        ]
    )
    for row in scored[: args.limit]:
        writer.writerow([str(row[0]), *row[1:5], str(row[5]), row[6]])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cand = sub.add_parser("candidates", help="candidate frames with counts, by frequency")
    cand.add_argument("--data", type=Path, default=DEFAULT_DATA)
    cand.add_argument("--top", type=int, default=700, help="verb lemmas to list")
    cand.add_argument("--words", type=int, default=200_000, help="wordfreq words to read")
    cand.add_argument("--out", type=Path, default=None)
    comp = sub.add_parser("compare", help="where the table and the treebanks disagree")
    comp.add_argument("--data", type=Path, default=DEFAULT_DATA)
    comp.add_argument("--table", type=Path, default=DEFAULT_TABLE)
    comp.add_argument("--limit", type=int, default=30)
    args = parser.parse_args(argv)
    if args.command == "candidates":
        candidates(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()
