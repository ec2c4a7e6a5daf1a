"""The free-text benchmark's counting: LanguageTool's figures come out as issue 15 states them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / ".." / "shared" / "data" / "polish-gec-expert-dev.jsonl"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_bench", ROOT / "bench" / "check_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_bench"] = module
    spec.loader.exec_module(module)
    return module


check_bench = _load()


def test_words_ignore_punctuation_spacing_and_capitals() -> None:
    assert check_bench.words("– Proszę,  pokaż!") == ["proszę", "pokaż"]
    assert check_bench.words("Nie była głośna; nie") == check_bench.words("nie była głośna nie")


def test_a_sentence_counts_for_a_type_only_when_every_error_has_it() -> None:
    row = check_bench.Row("Ide do sklep.", "Idę do sklepu.", "Idę do sklep.", frozenset({"ort"}))
    assert row.single_type == "ort"
    mixed = check_bench.Row("Ide do sklep.", "Idę do sklepu.", "", frozenset({"ort", "fleks"}))
    assert mixed.single_type is None
    with_punctuation = check_bench.Row("Ide, do", "Idę do", "", frozenset({"ort", "int"}))
    assert with_punctuation.single_type is None
    clean = check_bench.Row("Idę, do domu", "Idę do domu.", "", frozenset({"int"}))
    assert clean.clean and clean.single_type is None


def test_scores_count_fixed_flagged_and_false_alarms() -> None:
    rows = [
        check_bench.Row("Ide do domu.", "Idę do domu.", "", frozenset({"ort"})),
        check_bench.Row("Mam kot.", "Mam kota.", "", frozenset({"fleks"})),
        check_bench.Row("To dom.", "To dom.", "", frozenset()),
    ]
    predictions = [
        check_bench.Prediction("Idę do domu", 1),  # fixed (punctuation aside)
        check_bench.Prediction("Mam kot.", 1),  # flagged, not fixed
        check_bench.Prediction("To dym.", 1),  # a false alarm
    ]
    scores = check_bench.score(rows, predictions, 0)
    assert (scores.by_type["ort"].sentences, scores.by_type["ort"].fixed) == (1, 1)
    fleks = scores.by_type["fleks"]
    assert (fleks.sentences, fleks.flagged, fleks.fixed) == (1, 1, 0)
    assert (scores.clean.sentences, scores.clean.flagged) == (1, 1)


@pytest.mark.skipif(not DEV.exists(), reason="shared dev data not available")
def test_languagetool_figures_are_those_of_the_issue() -> None:
    rows = check_bench.read_rows(DEV)
    scores = check_bench.score(rows, check_bench.languagetool(rows), 0)
    fixed = {k: round(100 * t.fixed / t.sentences) for k, t in scores.by_type.items()}
    assert fixed == {"ort": 78, "fleks": 13, "skład": 0, "leks": 2}
    assert int(100 * scores.clean.flagged / scores.clean.sentences) == 11
