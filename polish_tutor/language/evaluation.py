"""Evaluation helpers shared by the tests and ``bench/language_bench.py``.

Reads CoNLL-U files (e.g. UD Polish PDB) and builds perturbed learner answers from real
sentences: a word without its Polish letters, a noun in another case, a verb in another person,
two swapped letters, a dropped word, an added word, two swapped neighbouring words. Each
perturbation records what ``compare`` should report, so accuracy can be measured per type.

:class:`RulePerturber` breaks one grammar rule of a correct sentence instead (a preposition's,
a verb's, a negated verb's or a numeral's case; adjective, subject-verb and past-tense gender
agreement; Polish letters whose absence makes another real word), labelled with the rule and
its trigger as ``check`` should report them (docs/feedback-rules.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wordfreq import zipf_frequency

from .government import GovernmentTable
from .morph import ADJ_CLASSES, NOMINAL_CLASSES, Morphology, Reading, parse_tag
from .text import Token, has_diacritics, strip_diacritics, tokenize
from .types import Comparison

UD_CASE = {
    "Nom": "nom",
    "Gen": "gen",
    "Dat": "dat",
    "Acc": "acc",
    "Ins": "inst",
    "Loc": "loc",
    "Voc": "voc",
}
UD_NUMBER = {"Sing": "sg", "Plur": "pl"}
UD_PERSON = {"1": "pri", "2": "sec", "3": "ter"}
EXTRA_WORDS = ("bardzo", "też", "już", "tylko", "jednak", "nawet", "zawsze", "często", "tam")
PERTURBATION_TYPES = (
    "diacritics",
    "inflection_case",
    "inflection_person",
    "typo",
    "missing_word",
    "extra_word",
    "word_order",
)


@dataclass(frozen=True, slots=True)
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]


@dataclass(frozen=True, slots=True)
class Sentence:
    sent_id: str
    text: str
    tokens: tuple[UDToken, ...]  # syntactic words outside multi-word tokens


def read_conllu(path: str | Path, limit: int | None = None) -> list[Sentence]:
    return list(iter_conllu(Path(path).read_text(encoding="utf-8").splitlines(), limit))


def iter_conllu(lines: Iterable[str], limit: int | None = None) -> Iterator[Sentence]:
    sent_id = ""
    text = ""
    tokens: list[UDToken] = []
    skip_until = 0
    count = 0
    for raw in lines:
        line = raw.rstrip("\n")
        if not line:
            if text:
                yield Sentence(sent_id, text, tuple(tokens))
                count += 1
                if limit is not None and count >= limit:
                    return
            sent_id, text, tokens, skip_until = "", "", [], 0
            continue
        if line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = ") :]
            continue
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            continue
        tid = cols[0]
        if "-" in tid:
            skip_until = int(tid.split("-")[1])
            continue
        if "." in tid:
            continue
        if skip_until and int(tid) <= skip_until:
            continue
        feats: dict[str, str] = {}
        if cols[5] != "_":
            for kv in cols[5].split("|"):
                k, _, v = kv.partition("=")
                feats[k] = v
        tokens.append(UDToken(cols[1], cols[2], cols[3], cols[4], feats))
    if text:
        yield Sentence(sent_id, text, tuple(tokens))


@dataclass(slots=True)
class Perturbation:
    kind: str
    expected: str  # the original sentence
    answer: str  # the perturbed answer
    word: str  # the word involved (expected form; for extra_word the added word)
    got: str | None = None
    feature: str | None = None
    expected_value: str | None = None
    got_values: frozenset[str] = field(default_factory=frozenset)

    def check(self, result: Comparison) -> bool:
        """Did ``compare`` report exactly this perturbation (and nothing else)?"""
        if len(result.issues) != 1:
            return False
        issue = result.issues[0]
        if self.kind == "diacritics":
            # a form of the same word without its letters (wodą → woda) is judged by grammar
            return issue.expected == self.word and issue.type in ("diacritics", "inflection")
        if self.kind in ("inflection_case", "inflection_person"):
            return (
                issue.type == "inflection"
                and issue.expected == self.word
                and issue.got == self.got
                and issue.feature == self.feature
                and issue.expected_value == self.expected_value
                and issue.got_value in self.got_values
            )
        if self.kind == "typo":
            # swapped letters that make another real word (pisaku) are a wrong word
            return (
                issue.type in ("typo", "wrong_word")
                and issue.expected == self.word
                and issue.got == self.got
            )
        if self.kind == "missing_word":
            return issue.type == "missing_word" and issue.expected == self.word
        if self.kind == "extra_word":
            return issue.type == "extra_word" and issue.got == self.word
        if self.kind == "word_order":
            return issue.type == "word_order" and self.word in (issue.expected or "").split()
        return False


class Perturber:
    """Builds deterministic perturbations of a sentence with Morfeusz's generator."""

    def __init__(self, morph: Morphology) -> None:
        self._morph = morph

    def perturb(self, sentence: Sentence, kind: str, seed: int) -> Perturbation | None:
        rng = random.Random(f"{seed}:{sentence.sent_id}:{kind}")
        words = tokenize(sentence.text)
        if len(words) < 2:
            return None
        text = sentence.text
        alpha = [i for i, w in enumerate(words) if w.text.isalpha()]

        def replace(i: int, new: str) -> str:
            return text[: words[i].start] + new + text[words[i].end :]

        if kind == "diacritics":
            cands = [i for i in alpha if has_diacritics(words[i].text)]
            if not cands:
                return None
            i = rng.choice(cands)
            return Perturbation(
                kind,
                text,
                replace(i, strip_diacritics(words[i].text)),
                words[i].text,
                got=strip_diacritics(words[i].text),
            )
        if kind == "typo":
            cands = [i for i in alpha if len(words[i].text) >= 4]
            rng.shuffle(cands)
            for i in cands:
                w = words[i].text
                positions = [k for k in range(1, len(w) - 1) if w[k].lower() != w[k + 1].lower()]
                if not positions:
                    continue
                k = rng.choice(positions)
                new = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
                if strip_diacritics(new.lower()) == strip_diacritics(w.lower()):
                    continue
                lemmas = {r.lemma.lower() for r in self._morph.analyse(w)}
                if any(r.lemma.lower() in lemmas for r in self._morph.analyse(new)):
                    continue  # swapping letters made another form of the same word
                return Perturbation(kind, text, replace(i, new), w, got=new)
            return None
        if kind == "missing_word":
            keys = [w.key for w in words]
            cands = [i for i in alpha if keys.count(words[i].key) == 1]
            if not cands or len(words) < 3:
                return None
            i = rng.choice(cands)
            start = words[i].start
            end = words[i].end
            if end < len(text) and text[end] == " ":
                end += 1
            elif start > 0 and text[start - 1] == " ":
                start -= 1
            answer = text[:start] + text[end:]
            return Perturbation(kind, text, answer, words[i].text)
        if kind == "extra_word":
            present = {w.key for w in words}
            options = [w for w in EXTRA_WORDS if w not in present]
            if not options:
                return None
            extra = rng.choice(options)
            i = rng.randrange(1, len(words))
            answer = text[: words[i].start] + extra + " " + text[words[i].start :]
            return Perturbation(kind, text, answer, extra, got=extra)
        if kind == "word_order":
            # Polish phrases move freely, so only a swap that breaks a phrase is an error for
            # sure: a preposition after its noun (domu w), nie after its verb (mam nie).
            cands = [
                i
                for i in range(len(words) - 1)
                if words[i].key != words[i + 1].key
                and text[words[i].end : words[i + 1].start] == " "
                and words[i].text.isalpha()
                and words[i + 1].text.isalpha()
                and self._opens_phrase(words[i].text)
            ]
            if not cands:
                return None
            i = rng.choice(cands)
            a, b = words[i], words[i + 1]
            answer = text[: a.start] + b.text + " " + a.text + text[b.end :]
            return Perturbation(kind, text, answer, a.text)
        if kind in ("inflection_case", "inflection_person"):
            return self._inflection(sentence, kind, rng, words, replace)
        raise ValueError(f"unknown perturbation kind {kind!r}")

    def _opens_phrase(self, word: str) -> bool:
        if word.lower() == "nie":
            return True
        readings = self._morph.analyse(word)
        return bool(readings) and all(r.pos == "prep" for r in readings)

    def _inflection(
        self,
        sentence: Sentence,
        kind: str,
        rng: random.Random,
        words: list[Token],
        replace: Callable[[int, str], str],
    ) -> Perturbation | None:
        # map gold tokens to surface words (sequentially, by form)
        gold: dict[int, UDToken] = {}
        j = 0
        for tok in sentence.tokens:
            for k in range(j, min(j + 4, len(words))):
                if words[k].text == tok.form:
                    gold[k] = tok
                    j = k + 1
                    break
        pos_tag = "subst" if kind == "inflection_case" else "fin"
        cands = [i for i, t in gold.items() if t.xpos.startswith(pos_tag + ":")]
        rng.shuffle(cands)
        for i in cands:
            tok = gold[i]
            if kind == "inflection_case":
                feature = "case"
                gold_value = UD_CASE.get(tok.feats.get("Case", ""))
                number = UD_NUMBER.get(tok.feats.get("Number", ""))
            else:
                feature = "person"
                gold_value = UD_PERSON.get(tok.feats.get("Person", ""))
                number = UD_NUMBER.get(tok.feats.get("Number", ""))
            if gold_value is None or number is None:
                continue
            readings = [
                r
                for r in self._morph.analyse(tok.form)
                if r.pos == pos_tag and gold_value in r.values(feature) and number in r.number
            ]
            if not readings:
                continue
            reading = readings[0]
            options: dict[str, set[str]] = {}
            for g in self._morph.generate(reading.full_lemma):
                if g.pos != pos_tag or number not in g.number or g.qualifiers:
                    continue
                if reading.gender and g.gender and not reading.gender & g.gender:
                    continue
                if feature == "person" and g.aspect != reading.aspect:
                    continue
                options.setdefault(g.form, set()).update(g.values(feature))
            original_values = options.get(tok.form, set())
            usable: list[str] = []
            for form, values in options.items():
                if form == tok.form or gold_value in values or values & original_values:
                    continue
                if strip_diacritics(form.lower()) == strip_diacritics(tok.form.lower()):
                    continue
                # the new form must not also be read with the original value
                if any(
                    gold_value in r.values(feature) and number in r.number
                    for r in self._morph.analyse(form)
                    if r.lemma == reading.lemma
                ):
                    continue
                usable.append(form)
            if not usable:
                continue
            usable.sort()
            new = rng.choice(usable)
            if tok.form[:1].isupper():
                new = new[:1].upper() + new[1:]
            got_values = frozenset(
                v
                for r in self._morph.analyse(new)
                if r.lemma == reading.lemma and r.pos == pos_tag
                for v in r.values(feature)
            )
            return Perturbation(
                kind,
                sentence.text,
                replace(i, new),
                tok.form,
                got=new,
                feature=feature,
                expected_value=gold_value,
                got_values=got_values,
            )
        return None


# ---- Perturbed sentences for the grammar rules ------------------------------------------------
#
# Correct treebank sentences (UD Polish, with gold NKJP tags in XPOS and a dependency tree)
# with one rule broken, labelled in the vocabulary of docs/feedback-rules.md: which word is
# wrong, what it should be, the rule, the word that triggers it, the feature and its value.
# A perturbation is kept only when the new form is wrong in that place whatever its reading
# (no reading of it is what the rule requires there).

RULE_KINDS = (
    "case.preposition",
    "case.verb_government",
    "case.negation",
    "case.numeral",
    "agreement.adjective",
    "agreement.subject_verb",
    "agreement.past_gender",
    "diacritics.real_word",
)
# the order in which a wrong case is tried: what learners most often leave a noun in
_CASE_PREFERENCE = ("nom", "acc", "gen", "loc", "inst", "dat")
_NOMINAL_XPOS = ("subst",)
_GENDER_GROUPS: dict[str, frozenset[str]] = {
    "m": frozenset({"m1", "m2", "m3"}),
    "f": frozenset({"f"}),
    "n": frozenset({"n"}),
}


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A syntactic word of a UD sentence, with where it stands in the sentence's text."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]
    head: int
    deprel: str
    span: tuple[int, int] | None  # characters of its token in the text (a whole MWT for parts)
    in_mwt: bool  # part of a multi-word token ("zrobiłem" = zrobił + em)


@dataclass(frozen=True, slots=True)
class TreeSentence:
    sent_id: str
    text: str
    nodes: tuple[TreeNode, ...]

    def node(self, node_id: int) -> TreeNode | None:
        return self.nodes[node_id - 1] if 0 < node_id <= len(self.nodes) else None

    def children(self, node_id: int) -> list[TreeNode]:
        return [n for n in self.nodes if n.head == node_id]

    def surface(self, node: TreeNode) -> str | None:
        """The word the node is written in, whole: a multi-word token, or a verb written
        together with its clitic ("czytał" + "em" → "czytałem")."""
        if node.span is None:
            return None
        start, end = self.word_span(node.span)
        return self.text[start:end]

    def word_span(self, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` widened to the whole word around it."""
        start, end = span
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        return start, end


def read_trees(path: str | Path, limit: int | None = None) -> list[TreeSentence]:
    """Sentences of a CoNLL-U file with their trees (heads, relations, multi-word tokens)."""
    out: list[TreeSentence] = []
    sent_id = text = ""
    rows: list[list[str]] = []
    for raw in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.rstrip("\n")
        if not line:
            if text and rows:
                sentence = _tree(sent_id, text, rows)
                if sentence is not None:
                    out.append(sentence)
                    if limit is not None and len(out) >= limit:
                        break
            sent_id, text, rows = "", "", []
        elif line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = ") :]
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 10 and "." not in cols[0]:
                rows.append(cols)
    return out


def _tree(sent_id: str, text: str, rows: list[list[str]]) -> TreeSentence | None:
    """Nodes with their spans: tokens (words and multi-word tokens) are found in the text in
    order; ``None`` if the text and the tokens do not agree."""
    spans: dict[int, tuple[int, int]] = {}
    in_mwt: set[int] = set()
    pos = 0
    skip_until = 0
    for cols in rows:
        tid = cols[0]
        if "-" in tid:
            first, last = (int(x) for x in tid.split("-"))
            start = text.find(cols[1], pos)
            if start < 0:
                return None
            pos = start + len(cols[1])
            for i in range(first, last + 1):
                spans[i] = (start, pos)
                in_mwt.add(i)
            skip_until = last
            continue
        i = int(tid)
        if i <= skip_until:
            continue
        start = text.find(cols[1], pos)
        if start < 0:
            return None
        pos = start + len(cols[1])
        spans[i] = (start, pos)
    nodes = []
    for cols in rows:
        if "-" in cols[0]:
            continue
        i = int(cols[0])
        feats = {}
        if cols[5] != "_":
            for kv in cols[5].split("|"):
                key, _, value = kv.partition("=")
                feats[key] = value
        nodes.append(
            TreeNode(
                i,
                cols[1],
                cols[2],
                cols[3],
                cols[4],
                feats,
                int(cols[6]) if cols[6].isdigit() else 0,
                cols[7],
                spans.get(i),
                i in in_mwt,
            )
        )
    if [n.id for n in nodes] != list(range(1, len(nodes) + 1)):
        return None
    return TreeSentence(sent_id, text, tuple(nodes))


@dataclass(frozen=True, slots=True)
class RuleError:
    """One broken rule, as the engine should report it (docs/feedback-rules.md)."""

    type: str  # "inflection" or "diacritics"
    got: str
    expected: str
    rule: str | None  # a rule id ("case.preposition" …); None for Polish letters
    trigger: str | None  # the word that requires the form, as written in the correct text
    feature: str | None  # case, gender, number, person
    value: str | None  # the required value (NKJP tag: gen, f, sg, ter …)
    got_value: str | None = None  # the value of the wrong form

    def to_dict(self) -> dict[str, str | None]:
        return {
            "type": self.type,
            "got": self.got,
            "expected": self.expected,
            "rule": self.rule,
            "trigger": self.trigger,
            "feature": self.feature,
            "value": self.value,
            "got_value": self.got_value,
        }


@dataclass(frozen=True, slots=True)
class RulePerturbation:
    kind: str  # one of RULE_KINDS
    sent_id: str
    correct: str
    incorrect: str
    errors: tuple[RuleError, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "sent_id": self.sent_id,
            "correct": self.correct,
            "incorrect": self.incorrect,
            "errors": [e.to_dict() for e in self.errors],
        }


def _with_case(template: str, form: str) -> str:
    return form[:1].upper() + form[1:] if template[:1].isupper() else form


class RulePerturber:
    """Breaks one grammar rule in a correct treebank sentence, with Morfeusz's generator for
    the new form and the government table for what a verb or preposition allows."""

    def __init__(self, morph: Morphology, government: GovernmentTable | None = None) -> None:
        self._morph = morph
        self._government = government or GovernmentTable.load()

    def generate(
        self, sentences: Iterable[TreeSentence], seed: int = 0, kinds: Sequence[str] = RULE_KINDS
    ) -> Iterator[RulePerturbation]:
        """Every perturbation the sentences allow, at most one per sentence and kind."""
        for sentence in sentences:
            for kind in kinds:
                found = self.perturb(sentence, kind, seed)
                if found is not None:
                    yield found

    def perturb(self, sentence: TreeSentence, kind: str, seed: int = 0) -> RulePerturbation | None:
        if kind not in RULE_KINDS:
            raise ValueError(f"unknown rule perturbation {kind!r}")
        rng = random.Random(f"{seed}:{sentence.sent_id}:{kind}")
        build: dict[str, Callable[[TreeSentence, random.Random], RulePerturbation | None]] = {
            "case.preposition": self._preposition,
            "case.verb_government": self._verb_government,
            "case.negation": self._negation,
            "case.numeral": self._numeral,
            "agreement.adjective": self._adjective,
            "agreement.subject_verb": self._subject_verb,
            "agreement.past_gender": self._past_gender,
            "diacritics.real_word": self._diacritics,
        }
        return build[kind](sentence, rng)

    # -- helpers -------------------------------------------------------------------------------

    def _replace(
        self, sentence: TreeSentence, node: TreeNode, new: str, kind: str, error: RuleError
    ) -> RulePerturbation | None:
        if node.span is None or node.in_mwt or sentence.word_span(node.span) != node.span:
            return None  # only a word written on its own ("czytał" of "czytałem" is not)
        if error.type == "inflection" and not any(
            r.lemma == node.lemma for r in self._morph.analyse(node.form)
        ):
            return None  # a dialect or misspelt word in the treebank: no paradigm to trust
        start, end = node.span
        incorrect = sentence.text[:start] + new + sentence.text[end:]
        if incorrect == sentence.text:
            return None
        return RulePerturbation(kind, sentence.sent_id, sentence.text, incorrect, (error,))

    def _nominal_forms(self, node: TreeNode, pos: str) -> list[Reading]:
        """Forms of the node's lemma in the same part of speech (and, for a noun, gender)."""
        gold = parse_tag(node.xpos)
        out = []
        for g in self._morph.generate(node.lemma):
            if g.pos != pos or g.qualifiers or not g.form.isalpha() or node.form.isupper():
                continue  # no acronyms ("ROP", "ROP-ie"), no multi-word forms
            if pos == "subst" and gold.gender and not (g.gender & gold.gender):
                continue
            out.append(g)
        if node.form.lower() not in {g.form.lower() for g in out}:
            return []  # "ul." for ulica: the word as written is not one of these forms
        return out

    def _wrong_case(
        self,
        node: TreeNode,
        allowed: frozenset[str],
        rng: random.Random,
        only: tuple[str, ...] = _CASE_PREFERENCE,
        same_number: bool = False,
    ) -> tuple[str, str] | None:
        """(new form, its case): the noun in the same number in a case outside ``allowed``,
        none of whose readings (of any word) has an allowed case, in any number ("nie robią
        przerw" → *przerwy* is no error: it is also the genitive singular), or, with
        ``same_number``, in the noun's number (after a numeral the number is fixed)."""
        gold = parse_tag(node.xpos)
        options: dict[str, set[str]] = {}
        for g in self._nominal_forms(node, "subst"):
            if gold.number and not (g.number & gold.number):
                continue
            options.setdefault(g.form, set()).update(g.case)
        usable: list[tuple[str, str]] = []
        for form, cases in options.items():
            if form.lower() == node.form.lower() or cases & allowed:
                continue
            if any(
                r.case & allowed and (not same_number or not gold.number or r.number & gold.number)
                for r in self._morph.analyse(form)
                if r.pos in NOMINAL_CLASSES
            ):
                continue  # also read with an allowed case: not surely wrong
            case = next((c for c in only if c in cases), None)
            if case is not None:
                usable.append((form, case))
        if not usable:
            return None
        usable.sort(key=lambda fc: (only.index(fc[1]), fc[0]))
        best = [fc for fc in usable if fc[1] == usable[0][1]]
        pick = best[0] if rng.random() < 0.6 else rng.choice(sorted(usable))
        return pick

    def _negated(self, sentence: TreeSentence, verb: TreeNode) -> bool:
        """Is the verb (or a verb it depends on through xcomp) negated with *nie*?"""
        seen: set[int] = set()
        node: TreeNode | None = verb
        while node is not None and node.id not in seen:
            seen.add(node.id)
            if any(c.lemma == "nie" for c in sentence.children(node.id)):
                return True
            if node.deprel not in ("xcomp", "xcomp:pred"):
                break
            node = sentence.node(node.head)
        return False

    def _verb_cases(self, sentence: TreeSentence, verb: TreeNode) -> frozenset[str]:
        reflexive = any(
            c.lemma == "się" and c.deprel.startswith("expl") for c in sentence.children(verb.id)
        )
        return self._government.case_of(verb.lemma, reflexive)

    @staticmethod
    def _plain_noun(node: TreeNode) -> bool:
        return node.upos in ("NOUN", "PROPN") and node.xpos.startswith(_NOMINAL_XPOS)

    # -- the rules -----------------------------------------------------------------------------

    def _preposition(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = []
        for node in sentence.nodes:
            if not self._plain_noun(node) or node.in_mwt:
                continue
            preps = [
                c
                for c in sentence.children(node.id)
                if c.deprel == "case" and c.upos == "ADP" and c.id < node.id
            ]
            if len(preps) == 1 and not preps[0].in_mwt:
                candidates.append((node, preps[0]))
        rng.shuffle(candidates)
        for node, prep in candidates:
            gold = parse_tag(node.xpos)
            allowed = frozenset(self._government.prep_cases(prep.lemma)) | parse_tag(prep.xpos).case
            if not gold.case or not gold.case <= allowed:
                continue
            found = self._wrong_case(node, allowed, rng)
            if found is None:
                continue
            new, case = found
            error = RuleError(
                "inflection",
                _with_case(node.form, new),
                node.form,
                "case.preposition",
                sentence.surface(prep),
                "case",
                sorted(gold.case)[0],
                case,
            )
            return self._replace(
                sentence, node, _with_case(node.form, new), "case.preposition", error
            )
        return None

    def _objects(self, sentence: TreeSentence) -> list[tuple[TreeNode, TreeNode]]:
        out = []
        for node in sentence.nodes:
            if node.deprel != "obj" or not self._plain_noun(node) or node.in_mwt:
                continue
            verb = sentence.node(node.head)
            if verb is None or verb.upos not in ("VERB", "AUX"):
                continue
            if any(
                c.deprel in ("case", "nummod", "nummod:gov") for c in sentence.children(node.id)
            ):
                continue
            out.append((node, verb))
        return out

    def _verb_government(
        self, sentence: TreeSentence, rng: random.Random
    ) -> RulePerturbation | None:
        candidates = self._objects(sentence)
        rng.shuffle(candidates)
        for node, verb in candidates:
            if self._negated(sentence, verb):
                continue
            cases = self._verb_cases(sentence, verb)
            gold = parse_tag(node.xpos)
            if not cases or not gold.case or not gold.case & cases:
                continue
            allowed = cases | ({"gen"} if "acc" in cases else set())  # partitive: kupić chleba
            found = self._wrong_case(node, frozenset(allowed), rng)
            if found is None:
                continue
            new, case = found
            error = RuleError(
                "inflection",
                _with_case(node.form, new),
                node.form,
                "case.verb_government",
                sentence.surface(verb),
                "case",
                sorted(gold.case & cases)[0],
                case,
            )
            return self._replace(
                sentence, node, _with_case(node.form, new), "case.verb_government", error
            )
        return None

    def _negation(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = self._objects(sentence)
        rng.shuffle(candidates)
        for node, verb in candidates:
            nie = next(
                (c for c in sentence.children(verb.id) if c.lemma == "nie" and c.id < verb.id),
                None,
            )
            if nie is None or nie.in_mwt:
                continue
            cases = self._verb_cases(sentence, verb)
            gold = parse_tag(node.xpos)
            if "acc" not in cases or "gen" in cases or gold.case != frozenset({"gen"}):
                continue
            found = self._wrong_case(node, frozenset({"gen"}), rng, only=("acc",))
            if found is None:
                continue
            new, _case = found
            error = RuleError(
                "inflection",
                _with_case(node.form, new),
                node.form,
                "case.negation",
                sentence.surface(nie),
                "case",
                "gen",
                "acc",
            )
            return self._replace(sentence, node, _with_case(node.form, new), "case.negation", error)
        return None

    def _numeral(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = []
        for node in sentence.nodes:
            if not self._plain_noun(node) or node.in_mwt:
                continue
            children = sentence.children(node.id)
            if any(c.deprel == "case" for c in children):
                continue  # a preposition decides the case too
            nums = [
                c
                for c in children
                if c.deprel in ("nummod", "nummod:gov") and c.upos == "NUM" and c.id < node.id
            ]
            if len(nums) == 1 and not nums[0].in_mwt:
                candidates.append((node, nums[0]))
        rng.shuffle(candidates)
        for node, num in candidates:
            gold = parse_tag(node.xpos)
            num_tag = num.xpos.split(":")
            if gold.number != frozenset({"pl"}) or len(gold.case) != 1:
                continue
            if "rec" in num_tag and gold.case == frozenset({"gen"}):
                only: tuple[str, ...] = ("nom",)  # pięć kotów → *pięć koty
                allowed = frozenset({"gen"})
            elif "congr" in num_tag and gold.case <= {"nom", "acc"}:
                only = ("gen",)  # dwa koty → *dwa kotów
                allowed = frozenset({"nom", "acc"})
            else:
                continue
            found = self._wrong_case(node, allowed, rng, only=only, same_number=True)
            if found is None:
                continue
            new, case = found
            error = RuleError(
                "inflection",
                _with_case(node.form, new),
                node.form,
                "case.numeral",
                sentence.surface(num),
                "case",
                sorted(gold.case)[0],
                case,
            )
            return self._replace(sentence, node, _with_case(node.form, new), "case.numeral", error)
        return None

    def _adjective(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = []
        for node in sentence.nodes:
            if node.deprel not in ("amod", "det", "det:poss") or node.in_mwt:
                continue
            if not node.xpos.startswith("adj:"):
                continue
            noun = sentence.node(node.head)
            if noun is None or not self._plain_noun(noun) or noun.span is None:
                continue
            candidates.append((node, noun))
        rng.shuffle(candidates)
        for adj, noun in candidates:
            n = parse_tag(noun.xpos)
            a = parse_tag(adj.xpos)
            if not (n.case and n.number and n.gender) or not (a.case & n.case):
                continue
            features = ["gender", "case", "number"]
            if rng.random() >= 0.5:  # gender first half the time: "mój mama"
                rng.shuffle(features)
            for feature in features:
                found = self._adjective_form(adj, n, a, feature)
                if found is None:
                    continue
                new, got_value, value = found
                error = RuleError(
                    "inflection",
                    _with_case(adj.form, new),
                    adj.form,
                    "agreement.adjective",
                    sentence.surface(noun),
                    feature,
                    value,
                    got_value,
                )
                return self._replace(
                    sentence, adj, _with_case(adj.form, new), "agreement.adjective", error
                )
        return None

    def _adjective_form(
        self, adj: TreeNode, noun: Any, gold: Any, feature: str
    ) -> tuple[str, str, str] | None:
        """An adjective form differing from the gold one in ``feature`` only, with no reading
        that agrees with the noun: (form, its value, the required value)."""
        degree = gold.degree
        options: list[tuple[str, str]] = []
        for g in self._morph.generate(adj.lemma):
            if g.pos != "adj" or g.qualifiers or (degree and not g.degree & degree):
                continue
            if g.form.lower() == adj.form.lower():
                continue
            same_case = bool(g.case & gold.case)
            same_number = bool(g.number & gold.number)
            same_gender = bool(g.gender & gold.gender)
            if feature == "gender" and same_case and same_number and not same_gender:
                value = _gender_value(noun.gender, noun.number)
                got = _gender_value(g.gender, g.number)
            elif feature == "case" and not same_case and same_number and same_gender:
                value, got = sorted(noun.case)[0], _first(g.case, _CASE_PREFERENCE)
            elif feature == "number" and same_case and not same_number and g.gender & gold.gender:
                value, got = sorted(noun.number)[0], sorted(g.number)[0]
            else:
                continue
            if value is None or got is None:
                continue
            if any(
                r.pos in ADJ_CLASSES
                and r.case & noun.case
                and r.number & noun.number
                and r.gender & noun.gender
                for r in self._morph.analyse(g.form)
            ):
                continue  # also a form that agrees with the noun
            options.append((g.form, got))
        if not options:
            return None
        # the most frequent form: "moje" rather than the bookish "me"
        form, got = max(sorted(set(options)), key=lambda o: zipf_frequency(o[0].lower(), "pl"))
        if feature == "gender":
            value = _gender_value(noun.gender, noun.number)
        elif feature == "case":
            value = sorted(noun.case)[0]
        else:
            value = sorted(noun.number)[0]
        return (form, got, value) if value else None

    def _subjects(self, sentence: TreeSentence, xpos: str) -> list[tuple[TreeNode, TreeNode]]:
        out = []
        for node in sentence.nodes:
            if node.deprel != "nsubj" or node.span is None or node.in_mwt:
                continue
            if not (self._plain_noun(node) or node.xpos.startswith(("ppron12", "ppron3"))):
                continue
            if any(
                c.deprel in ("conj", "nummod", "nummod:gov") or c.deprel.startswith("det:num")
                for c in sentence.children(node.id)
            ):
                continue  # "Anna i Piotr", "pięć osób", "kilka osób": not the noun's own number
            verb = sentence.node(node.head)
            if verb is None or not verb.xpos.startswith(xpos) or verb.in_mwt:
                continue
            if any(c.deprel.startswith("aux") for c in sentence.children(verb.id)):
                continue  # będzie robił, by zrobił: the auxiliary carries person
            out.append((node, verb))
        return out

    def _subject_verb(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = self._subjects(sentence, "fin:")
        rng.shuffle(candidates)
        for subject, verb in candidates:
            s = parse_tag(subject.xpos)
            v = parse_tag(verb.xpos)
            person = s.person or frozenset({"ter"})
            if len(s.number) != 1 or len(person) != 1 or not v.aspect:
                continue
            features = ["person", "number"] if rng.random() < 0.6 else ["number", "person"]
            for feature in features:
                options = []
                for g in self._morph.generate(verb.lemma):
                    if g.pos != "fin" or g.qualifiers or not g.aspect & v.aspect:
                        continue
                    if feature == "person" and (g.number != v.number or g.person & v.person):
                        continue
                    if feature == "number" and (g.person != v.person or g.number & v.number):
                        continue
                    if any(
                        r.pos == "fin" and r.person & person and r.number & s.number
                        for r in self._morph.analyse(g.form)
                    ):
                        continue
                    options.append(g)
                if not options:
                    continue
                options.sort(key=lambda g: g.form)
                g = rng.choice(options)
                value = sorted(v.person if feature == "person" else v.number)[0]
                got = sorted(g.person if feature == "person" else g.number)[0]
                error = RuleError(
                    "inflection",
                    _with_case(verb.form, g.form),
                    verb.form,
                    "agreement.subject_verb",
                    sentence.surface(subject),
                    feature,
                    value,
                    got,
                )
                return self._replace(
                    sentence, verb, _with_case(verb.form, g.form), "agreement.subject_verb", error
                )
        return None

    def _past_gender(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = self._subjects(sentence, "praet:")
        rng.shuffle(candidates)
        for subject, verb in candidates:
            s = parse_tag(subject.xpos)
            v = parse_tag(verb.xpos)
            if subject.xpos.startswith("ppron12") or len(s.number) != 1 or not s.gender:
                continue
            value = _gender_value(s.gender, s.number)
            if value is None or value != _gender_value(v.gender, v.number):
                continue
            options = []
            for g in self._morph.generate(verb.lemma):
                if g.pos != "praet" or g.qualifiers or g.number != v.number:
                    continue
                if not g.aspect & v.aspect or set(g.tag.split(":")) & {"pri", "sec", "ter"}:
                    continue  # the 3rd-person l-form only ("był", not "byłem")
                if any(
                    r.pos == "praet" and r.number & s.number and r.gender & s.gender
                    for r in self._morph.analyse(g.form)
                ):
                    continue
                got = _gender_value(g.gender, g.number)
                if got is not None and got != value:
                    options.append((g.form, got))
            if not options:
                continue
            new, got = rng.choice(sorted(set(options)))
            error = RuleError(
                "inflection",
                _with_case(verb.form, new),
                verb.form,
                "agreement.past_gender",
                sentence.surface(subject),
                "gender",
                value,
                got,
            )
            return self._replace(
                sentence, verb, _with_case(verb.form, new), "agreement.past_gender", error
            )
        return None

    def _diacritics(self, sentence: TreeSentence, rng: random.Random) -> RulePerturbation | None:
        candidates = []
        for node in sentence.nodes:
            if node.span is None or node.in_mwt or not node.form.isalpha():
                continue
            plain = strip_diacritics(node.form)
            if plain == node.form or not has_diacritics(node.form):
                continue
            # a common word of its own: not a name, an abbreviation or a marked rarity
            # (wordfreq counts "osob" often, typed without letters, but it is no word)
            lemmas = {
                r.lemma
                for r in self._morph.analyse(plain.lower())
                if r.pos not in ("brev", "ign") and not r.qualifiers and r.lemma[:1].islower()
            }
            if not lemmas or max(zipf_frequency(lemma, "pl") for lemma in lemmas) < 3.0:
                continue
            candidates.append((node, plain))
        if not candidates:
            return None
        candidates.sort(key=lambda c: c[0].id)
        node, plain = rng.choice(candidates)
        error = RuleError("diacritics", plain, node.form, None, None, None, None, None)
        return self._replace(sentence, node, plain, "diacritics.real_word", error)


def _first(values: frozenset[str], order: Sequence[str]) -> str | None:
    return next((v for v in order if v in values), sorted(values)[0] if values else None)


def _gender_value(genders: frozenset[str], number: frozenset[str]) -> str | None:
    """The gender as NKJP tags name it: in the singular m1, m2, m3, f or n (a masculine verb
    or adjective form, the same for all three: "m1.m2.m3"); in the plural "m1" (masculine
    personal) or "m2.m3.f.n" (non-masculine-personal)."""
    if not genders:
        return None
    if number == frozenset({"pl"}):
        if genders == frozenset({"m1"}):
            return "m1"
        return "m2.m3.f.n" if "m1" not in genders else None
    if len(genders) == 1:
        return next(iter(genders))
    if genders <= _GENDER_GROUPS["m"]:
        return "m1.m2.m3"
    return None
