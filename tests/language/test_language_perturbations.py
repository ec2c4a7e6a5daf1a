"""compare() against perturbed real sentences: does it name what was changed?"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from polish_tutor.language import LanguageEngine
from polish_tutor.language.evaluation import (
    PERTURBATION_TYPES,
    Perturber,
    Sentence,
    read_conllu,
)

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pl_pdb-ud-dev.conllu"
EXCERPT = (
    Path(__file__).resolve().parents[1] / "fixtures" / "language" / "pl_pdb-ud-dev-excerpt.conllu"
)


def _run(engine: LanguageEngine, sentences: list[Sentence]) -> tuple[Counter[str], Counter[str]]:
    perturber = Perturber(engine._morph)
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for s in sentences:
        total["clean"] += 1
        ok["clean"] += engine.compare(s.text, s.text).verdict == "correct"
        for kind in PERTURBATION_TYPES:
            p = perturber.perturb(s, kind, seed=0)
            if p is None:
                continue
            total[kind] += 1
            ok[kind] += p.check(engine.compare(p.expected, p.answer))
    return ok, total


def test_perturbations_on_fixture_excerpt(engine: LanguageEngine) -> None:
    ok, total = _run(engine, read_conllu(EXCERPT))
    assert total["clean"] == 50
    assert ok["clean"] == 50
    for kind in PERTURBATION_TYPES:
        assert total[kind] >= 20, (kind, total[kind])
        assert ok[kind] / total[kind] >= 0.85, (kind, ok[kind], total[kind])


@pytest.mark.skipif(not DEV.exists(), reason="shared dev data not available")
def test_perturbations_on_dev_sample(engine: LanguageEngine) -> None:
    sentences = read_conllu(DEV)[1::6]  # a fixed sample of ~370 sentences
    ok, total = _run(engine, sentences)
    false_alarms = 1 - ok["clean"] / total["clean"]
    assert false_alarms <= 0.03, false_alarms
    report = {k: round(ok[k] / total[k], 3) for k in total}
    for kind in PERTURBATION_TYPES:
        assert total[kind] >= 150, (kind, total[kind])
        assert ok[kind] / total[kind] >= 0.90, report


def test_specific_perturbation_details(engine: LanguageEngine) -> None:
    text = "Pies płynie z małą, żółtą piłką w pysku."
    c = engine.compare(text, "Pies płynie z małą, żółtą piłką w pysk.")
    assert len(c.issues) == 1
    issue = c.issues[0]
    assert (issue.type, issue.feature, issue.expected_value, issue.got_value) == (
        "inflection",
        "case",
        "loc",
        "nom",
    )
    c = engine.compare(text, "Pies płyniesz z małą, żółtą piłką w pysku.")
    issue = c.issues[0]
    assert (issue.feature, issue.expected_value, issue.got_value) == ("person", "ter", "sec")
    c = engine.compare(text, "Pies płynie z małą, zółtą piłką w pysku.")
    assert (c.verdict, c.issues[0].type, c.issues[0].expected) == (
        "acceptable",
        "diacritics",
        "żółtą",
    )
