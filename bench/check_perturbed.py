"""Free-text checking on treebank sentences with one error put in: restored, wrong, left alone.

    python bench/check_perturbed.py [--data PATH] [--per-kind N] [--seed S] [--show N]

Reads the UD Polish treebanks in ``../shared/data/`` (PDB and LFG dev: correct Polish with gold
lemmas and tags) and makes, per sentence, at most one error of each kind:

- the rule kinds of ``RulePerturber`` (``polish_tutor/language/evaluation.py``): a preposition's,
  a verb's, a numeral's case, the genitive of negation, an adjective's agreement, a verb's person
  or number, a past tense's gender;
- ``ending.unknown``: a noun's, adjective's, pronoun's or verb's ending put wrong, the way the
  Polish GEC set's annotators did (*serialu* → *seriala*, *pokaż* → *pokażu*, *czekała* →
  *czekałą*, *wnętrzu* → *wnętrzowi*), so that the word is no longer one Morfeusz knows.

``check`` runs on every perturbed sentence; per kind the script counts **restored** (the
sentence's words are the treebank's again), **wrong** (a word changed, but the words are not the
treebank's: a false correction, or a right one with another word made wrong) and **left**
(nothing changed). Precision is restored / (restored + wrong). Some perturbations are correct
Polish too (a case a verb also allows), so *wrong* is an upper bound; compare two runs, not
one with zero. The sentences stay in ``bench/out/`` (git-ignored): the treebanks' licences do not
let them into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.language.evaluation import (  # noqa: E402
    RULE_KINDS,
    RulePerturber,
    TreeSentence,
    read_trees,
)
from polish_tutor.language.morph import Morphology  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT_DIR = ROOT / "bench" / "out"
TREEBANKS = ("pl_pdb-ud-dev", "pl_lfg-ud-dev")
ENDING = "ending.unknown"
# what the GEC set's annotators put in place of an ending (or after a whole word)
_WRONG_ENDINGS = ("u", "a", "owi", "ą", "e", "y", "ę", "em", "om", "iu", "o")
_VOWELS = "aąeęioóuy"
_UPOS = frozenset({"NOUN", "ADJ", "VERB", "PRON", "DET", "NUM", "AUX"})
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def wrong_ending(
    sentence: TreeSentence, morph: Morphology, rng: random.Random
) -> tuple[str, str, str] | None:
    """(incorrect sentence, the word as it was, the word made wrong), or None."""
    nodes = [
        n
        for n in sentence.nodes
        if n.upos in _UPOS
        and n.span is not None
        and not n.in_mwt
        and sentence.word_span(n.span) == n.span
        and n.form.isalpha()
        and n.form.islower()
        and len(n.form) >= 4
        and any(r.lemma == n.lemma for r in morph.analyse(n.form))
    ]
    rng.shuffle(nodes)
    for node in nodes:
        form = node.form
        cut = len(form)
        while cut > 0 and form[cut - 1] in _VOWELS:
            cut -= 1
        stem = form[:cut] if cut >= 3 else form
        options = [stem + e for e in _WRONG_ENDINGS] + [form + "u"]
        rng.shuffle(options)
        for new in options:
            if new == form or morph.analyse(new):
                continue
            assert node.span is not None
            start, end = node.span
            return sentence.text[:start] + new + sentence.text[end:], form, new
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--per-kind", type=int, default=400, help="perturbations per kind at most")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=20, help="wrong corrections listed per kind")
    ap.add_argument("--out", type=Path, default=OUT_DIR / "check_perturbed.json")
    args = ap.parse_args()

    engine = LanguageEngine.load()
    morph = Morphology()
    perturber = RulePerturber(morph)
    cases: dict[str, list[tuple[str, str, str]]] = {k: [] for k in (*RULE_KINDS, ENDING)}
    for name in TREEBANKS:
        path = args.data / f"{name}.conllu"
        if not path.exists():
            print(f"skipped (missing): {path}", file=sys.stderr)
            continue
        for tree in read_trees(path):
            for kind in RULE_KINDS:
                if kind == "diacritics.real_word":
                    continue
                p = perturber.perturb(tree, kind, args.seed)
                if p is not None:
                    cases[kind].append((p.correct, p.incorrect, p.errors[0].got or ""))
            rng = random.Random(f"{args.seed}:{name}:{tree.sent_id}:ending")
            made = wrong_ending(tree, morph, rng)
            if made is not None:
                cases[ENDING].append((tree.text, made[0], f"{made[1]} → {made[2]}"))
    report: dict[str, object] = {}
    print("| kind | sentences | restored | wrong | left | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    shown: dict[str, list[str]] = {}
    for kind, items in cases.items():
        if not items:
            continue
        rng = random.Random(args.seed)
        rng.shuffle(items)
        items = items[: args.per_kind]
        tally: Counter[str] = Counter()
        for correct, incorrect, note in items:
            got = engine.check(incorrect).corrected
            if words(got) == words(incorrect):
                tally["left"] += 1
            elif words(got) == words(correct):
                tally["restored"] += 1
            else:
                tally["wrong"] += 1
                shown.setdefault(kind, []).append(f"{note} | {incorrect} → {got}")
        done = tally["restored"] + tally["wrong"]
        precision = f"{tally['restored'] / done:.0%}" if done else "–"
        print(
            f"| {kind} | {len(items)} | {tally['restored']} | {tally['wrong']} | {tally['left']} "
            f"| {precision} |"
        )
        report[kind] = dict(tally, sentences=len(items))
    for kind, lines in shown.items():
        print(f"\n### wrong: {kind}\n")
        for line in lines[: args.show]:
            print(f"- {line}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    dump = {"figures": report, "wrong": shown}
    args.out.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
