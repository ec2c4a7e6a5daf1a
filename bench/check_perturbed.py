"""Free-text checking on treebank sentences with one error put in: restored, wrong, left alone.

    python bench/check_perturbed.py [--data PATH] [--per-kind N] [--seed S] [--show N]

Reads the UD Polish treebanks in ``../shared/data/`` (PDB and LFG dev: correct Polish with gold
lemmas and tags) and makes, per sentence, at most one error of each kind:

- the rule kinds of ``RulePerturber`` (``polish_tutor/language/evaluation.py``): a preposition's,
  a verb's, a numeral's case, the genitive of negation, an adjective's agreement, a verb's person
  or number, a past tense's gender;
- the verb of three kinds of subject made to disagree with it (another gender or number in the
  past, the other number in the present): ``agreement.name_subject`` (a person's name),
  ``agreement.counted_subject`` (a noun counted by *dwa, dwie, trzy, cztery, oba, obie*, not
  masculine personal), ``agreement.subject_after_verb`` (a common noun after its verb);
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
    TreeNode,
    TreeSentence,
    read_trees,
)
from polish_tutor.language.morph import Morphology, parse_tag  # noqa: E402

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


NAME_SUBJECT = "agreement.name_subject"
COUNTED_SUBJECT = "agreement.counted_subject"
AFTER_VERB = "agreement.subject_after_verb"
_COUNTING = frozenset({"dwa", "dwie", "trzy", "cztery", "oba", "obie"})


def subject_kind(sentence: TreeSentence, subject: TreeNode, verb: TreeNode) -> str | None:
    """Which of the subject kinds the (subject, verb) pair is, if any: a person's name
    (PROPN, m1 or f), a noun counted by 2-4 or both (not masculine personal), a noun after
    its verb."""
    if any(c.deprel == "conj" for c in sentence.children(subject.id)):
        return None  # "Anna i Piotr"
    if subject.upos == "PROPN" and subject.feats.get("Gender") in ("Masc", "Fem"):
        if subject.feats.get("Animacy", "Hum") == "Hum" and subject.feats.get("Number") == "Sing":
            return NAME_SUBJECT
    counted = [
        c for c in sentence.children(subject.id) if c.deprel.startswith("nummod") or c.upos == "NUM"
    ]
    if counted:
        if len(counted) == 1 and counted[0].form.lower() in _COUNTING:
            if subject.feats.get("Number") == "Plur" and subject.xpos.startswith("subst"):
                return COUNTED_SUBJECT
        return None
    if subject.id > verb.id and subject.xpos.startswith("subst") and subject.upos == "NOUN":
        return AFTER_VERB
    return None


def subject_error(
    sentence: TreeSentence, morph: Morphology, rng: random.Random, kind: str
) -> tuple[str, str] | None:
    """(incorrect sentence, "verb → wrong verb") with the verb of a subject of ``kind`` made
    to disagree with it: a past form of another gender or number (3rd person), a present form
    of the other number."""
    pairs = []
    for node in sentence.nodes:
        if node.deprel != "nsubj" or node.span is None:
            continue
        verb = sentence.node(node.head)
        if verb is None or verb.span is None or verb.in_mwt or node.in_mwt:
            continue
        if not verb.xpos.startswith(("praet:", "fin:")) or not verb.form.isalpha():
            continue
        if sentence.word_span(verb.span) != verb.span:
            continue
        if any(c.deprel.startswith("aux") for c in sentence.children(verb.id)):
            continue
        if subject_kind(sentence, node, verb) == kind:
            pairs.append((node, verb))
    rng.shuffle(pairs)
    for _subject, verb in pairs:
        v = parse_tag(verb.xpos)
        readings = [r for r in morph.analyse(verb.form) if r.lemma == verb.lemma]
        if not readings:
            continue
        options = set()
        for g in morph.generate(verb.lemma):
            if g.pos != v.pos or g.qualifiers or not g.aspect & v.aspect:
                continue
            if v.pos == "fin" and (g.person != v.person or g.number == v.number):
                continue
            if v.pos == "praet" and (
                set(g.tag.split(":")) & {"pri", "sec"}
                or (g.number, g.gender) == (v.number, v.gender)
            ):
                continue
            if any(
                r.pos == v.pos and r.number & v.number and r.gender >= v.gender
                for r in morph.analyse(g.form)
            ):
                continue  # the same form for the subject's gender too
            options.add(g.form)
        if not options:
            continue
        new = rng.choice(sorted(options))
        if verb.form[:1].isupper():
            new = new[:1].upper() + new[1:]
        start, end = verb.span or (0, 0)
        return sentence.text[:start] + new + sentence.text[end:], f"{verb.form} → {new}"
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
    subject_kinds = (NAME_SUBJECT, COUNTED_SUBJECT, AFTER_VERB)
    cases: dict[str, list[tuple[str, str, str]]] = {
        k: [] for k in (*RULE_KINDS, *subject_kinds, ENDING)
    }
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
            for kind in subject_kinds:
                rng = random.Random(f"{args.seed}:{name}:{tree.sent_id}:{kind}")
                broken = subject_error(tree, morph, rng, kind)
                if broken is not None:
                    cases[kind].append((tree.text, *broken))
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
