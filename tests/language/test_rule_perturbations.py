"""Perturbed sentences with one grammar rule broken (RulePerturber), labelled with the rule
and its trigger: hand-made trees for each rule, and a sample of the UD treebanks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from polish_tutor.language.evaluation import (
    RULE_KINDS,
    RulePerturbation,
    RulePerturber,
    read_trees,
)
from polish_tutor.language.government import GovernmentTable
from polish_tutor.language.morph import Morphology
from polish_tutor.language.text import strip_diacritics, tokenize

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"

# Our own sentences, in CoNLL-U with NKJP tags as the UD Polish treebanks write them.
TREES = """\
# sent_id = prep
# text = Idę do sklepu.
1	Idę	iść	VERB	fin:sg:pri:imperf	_	0	root	_	_
2	do	do	ADP	prep:gen	_	3	case	_	_
3	sklepu	sklep	NOUN	subst:sg:gen:m3	_	1	obl	_	SpaceAfter=No
4	.	.	PUNCT	interp	_	1	punct	_	_

# sent_id = verb
# text = Czytam książkę.
1	Czytam	czytać	VERB	fin:sg:pri:imperf	_	0	root	_	_
2	książkę	książka	NOUN	subst:sg:acc:f	_	1	obj	_	SpaceAfter=No
3	.	.	PUNCT	interp	_	1	punct	_	_

# sent_id = neg
# text = Nie piję kawy.
1	Nie	nie	PART	part	_	2	advmod:neg	_	_
2	piję	pić	VERB	fin:sg:pri:imperf	_	0	root	_	_
3	kawy	kawa	NOUN	subst:sg:gen:f	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	interp	_	2	punct	_	_

# sent_id = num
# text = Mam pięć kotów.
1	Mam	mieć	VERB	fin:sg:pri:imperf	_	0	root	_	_
2	pięć	pięć	NUM	num:pl:acc:m2:rec	_	3	nummod:gov	_	_
3	kotów	kot	NOUN	subst:pl:gen:m2	_	1	obj	_	SpaceAfter=No
4	.	.	PUNCT	interp	_	1	punct	_	_

# sent_id = adj
# text = To jest moja mama.
1	To	to	PRON	pred	_	4	nsubj	_	_
2	jest	być	AUX	fin:sg:ter:imperf	_	4	cop	_	_
3	moja	mój	DET	adj:sg:nom:f:pos	_	4	det:poss	_	_
4	mama	mama	NOUN	subst:sg:nom:f	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	interp	_	4	punct	_	_

# sent_id = subj
# text = Anna pracuje w banku.
1	Anna	Anna	PROPN	subst:sg:nom:f	_	2	nsubj	_	_
2	pracuje	pracować	VERB	fin:sg:ter:imperf	_	0	root	_	_
3	w	w	ADP	prep:loc:nwok	_	4	case	_	_
4	banku	bank	NOUN	subst:sg:loc:m3	_	2	obl	_	SpaceAfter=No
5	.	.	PUNCT	interp	_	2	punct	_	_

# sent_id = past
# text = Ona była w domu.
1	Ona	on	PRON	ppron3:sg:nom:f:ter:akc:npraep	_	2	nsubj	_	_
2	była	być	VERB	praet:sg:f:imperf	_	0	root	_	_
3	w	w	ADP	prep:loc:nwok	_	4	case	_	_
4	domu	dom	NOUN	subst:sg:loc:m3	_	2	obl	_	SpaceAfter=No
5	.	.	PUNCT	interp	_	2	punct	_	_

# sent_id = dia
# text = Wiem, że to prawda.
1	Wiem	wiedzieć	VERB	fin:sg:pri:imperf	_	0	root	_	SpaceAfter=No
2	,	,	PUNCT	interp	_	5	punct	_	_
3	że	że	SCONJ	comp	_	5	mark	_	_
4	to	to	PRON	pred	_	5	nsubj	_	_
5	prawda	prawda	NOUN	subst:sg:nom:f	_	1	ccomp	_	SpaceAfter=No
6	.	.	PUNCT	interp	_	1	punct	_	_

# sent_id = mwt
# text = Wczoraj kupiłem chleb.
1	Wczoraj	wczoraj	ADV	adv	_	2	advmod	_	_
2-3	kupiłem	_	_	_	_	_	_	_	_
2	kupił	kupić	VERB	praet:sg:m1:perf	_	0	root	_	_
3	em	być	AUX	aglt:sg:pri:imperf:wok	_	2	aux:clitic	_	_
4	chleb	chleb	NOUN	subst:sg:acc:m3	_	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	interp	_	2	punct	_	_
"""

EXPECTED = {
    # kind: (sentence, expected word, trigger, feature, value)
    "case.preposition": ("prep", "sklepu", "do", "case", "gen"),
    "case.verb_government": ("verb", "książkę", "Czytam", "case", "acc"),
    "case.negation": ("neg", "kawy", "Nie", "case", "gen"),
    "case.numeral": ("num", "kotów", "pięć", "case", "gen"),
    "agreement.adjective": ("adj", "moja", "mama", None, None),
    "agreement.subject_verb": ("subj", "pracuje", "Anna", None, None),
    "agreement.past_gender": ("past", "była", "Ona", "gender", "f"),
    "diacritics.real_word": ("dia", "że", None, None, None),
}


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="module")
def perturber(morph: Morphology) -> RulePerturber:
    return RulePerturber(morph, GovernmentTable.load())


def well_formed(p: RulePerturbation, morph: Morphology) -> None:
    """One word differs, as the error says, and the error is labelled in the rules' terms."""
    assert p.kind in RULE_KINDS and len(p.errors) == 1
    error = p.errors[0]
    correct = [t.text for t in tokenize(p.correct)]
    incorrect = [t.text for t in tokenize(p.incorrect)]
    assert len(correct) == len(incorrect)
    diff = [(c, i) for c, i in zip(correct, incorrect, strict=True) if c != i]
    assert diff == [(error.expected, error.got)], (p, diff)
    assert re.sub(r"\w+", "", p.correct) == re.sub(r"\w+", "", p.incorrect)  # spacing, punctuation
    if p.kind == "diacritics.real_word":
        assert error.type == "diacritics" and error.rule is None
        assert strip_diacritics(error.expected) == error.got and morph.is_known(error.got)
        return
    assert error.type == "inflection" and error.rule == p.kind
    assert error.trigger and error.trigger in p.correct
    assert error.feature in ("case", "gender", "number", "person")
    assert error.value and error.got_value and error.value != error.got_value
    expected_lemmas = {r.lemma.lower() for r in morph.analyse(error.expected)}
    got_lemmas = {r.lemma.lower() for r in morph.analyse(error.got)}
    assert expected_lemmas & got_lemmas, "the wrong word is a form of the same word"


def test_each_rule_on_a_hand_made_sentence(
    tmp_path: Path, perturber: RulePerturber, morph: Morphology
) -> None:
    path = tmp_path / "trees.conllu"
    path.write_text(TREES, encoding="utf-8")
    trees = {t.sent_id: t for t in read_trees(path)}
    assert set(trees) == {"prep", "verb", "neg", "num", "adj", "subj", "past", "dia", "mwt"}
    for kind, (sent, expected, trigger, feature, value) in EXPECTED.items():
        found = perturber.perturb(trees[sent], kind, seed=1)
        assert found is not None, kind
        well_formed(found, morph)
        error = found.errors[0]
        assert (error.expected, error.trigger) == (expected, trigger), (kind, error)
        if feature is not None:
            assert (error.feature, error.value) == (feature, value), (kind, error)
    # the object of a negated verb is left to case.negation, and the verb's case is not broken
    assert perturber.perturb(trees["neg"], "case.verb_government", seed=1) is None
    # "pięć kotów" → never "pięć kota" (a genitive is still a genitive): a nominative plural
    numeral = perturber.perturb(trees["num"], "case.numeral", seed=1)
    assert numeral is not None and numeral.errors[0].got == "koty"
    negated = perturber.perturb(trees["neg"], "case.negation", seed=1)
    assert negated is not None and negated.incorrect == "Nie piję kawę."
    adjective = perturber.perturb(trees["adj"], "agreement.adjective", seed=1)
    assert adjective is not None
    assert adjective.errors[0].feature in ("gender", "case", "number")
    # a verb written with its clitic ("kupiłem" = kupił + em) is not changed in part
    mwt = trees["mwt"]
    assert mwt.surface(mwt.nodes[1]) == "kupiłem" and mwt.nodes[1].in_mwt
    assert perturber.perturb(mwt, "agreement.past_gender", seed=1) is None
    with pytest.raises(ValueError):
        perturber.perturb(trees["prep"], "no.such.rule")


@pytest.mark.skipif(not (DATA / "pl_lfg-ud-dev.conllu").exists(), reason="shared data missing")
def test_a_treebank_sample_is_well_formed(perturber: RulePerturber, morph: Morphology) -> None:
    trees = read_trees(DATA / "pl_lfg-ud-dev.conllu", limit=400)
    found = list(perturber.generate(trees, seed=0))
    kinds = {p.kind for p in found}
    assert kinds >= set(RULE_KINDS) - {"case.negation"}, kinds
    for p in found:
        well_formed(p, morph)
