"""Evaluation helpers shared by the tests and ``bench/language_bench.py``.

Reads CoNLL-U files (e.g. UD Polish PDB) and builds perturbed learner answers from real
sentences: a word without its Polish letters, a noun in another case, a verb in another person,
two swapped letters, a dropped word, an added word, two swapped neighbouring words. Each
perturbation records what ``compare`` should report, so accuracy can be measured per type.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .morph import Morphology
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
            return issue.type == "diacritics" and issue.expected == self.word
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
            return issue.type == "typo" and issue.expected == self.word and issue.got == self.got
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
