"""Lemma weights (``polish_tutor/language/lemma_weights.py``): the install-time table and the
weights computed on the spot are the same numbers, and a table made from another Morfeusz,
wordfreq or code is never used. Real Morfeusz and wordfreq."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polish_tutor.cli import app as cli
from polish_tutor.language import LanguageEngine, lemma_weights
from polish_tutor.language.lemma_weights import (
    PATH_VARIABLE,
    LemmaWeights,
    build_table,
    default_path,
    frequencies,
    read_table,
    table_key,
)
from polish_tutor.language.morph import Morphology

WORDS = [
    "kot", "kota", "braci", "mnie", "tak", "albo", "zamek", "polska", "Polska", "warszawie",
    "mam", "dzień", "ból", "lasa", "sklepu", "jest", "może", "morze", "że", "ze", "idę",
]  # fmt: skip


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="module")
def freq() -> dict[str, float]:
    return frequencies()


def _every_form(morph: Morphology, freq: dict[str, float], full_lemma: str) -> float:
    """The weight as first written: every form generated and analysed, used or not."""
    base = full_lemma.split(":", 1)[0]
    total = 0.0
    forms = {g.form.lower() for g in morph.generate(full_lemma)}
    for form in forms:
        lemmas = {r.lemma for r in morph.analyse(form)}
        if lemmas == {base}:
            total += freq.get(form, 0.0) * 1e9
        elif total == 0 and len(forms) == 1 and lemmas:
            total = freq.get(form, 0.0) * 1e9 / len(lemmas)
    return total


def test_the_table_holds_the_weights_computed_on_the_spot(
    morph: Morphology, freq: dict[str, float]
) -> None:
    table = build_table(morph, freq, WORDS)
    assert {"kot:Sm2", "brat", "brać:S", "ja", "miąć"} <= table.keys()
    live = LemmaWeights(Morphology(), lambda w: freq.get(w, 0.0))
    for lemma, weight in table.items():
        assert live(lemma) == weight, lemma
        # reading only the forms people write changes nothing
        assert _every_form(morph, freq, lemma) == pytest.approx(weight, rel=1e-12, abs=0.0)
    assert table["brat"] > 0 == table["brać:S"]  # braci is brat's
    assert table["ja"] > 100 * table["miąć"]  # mnie is ja's
    assert table["tak:I"] > 0  # a word that does not inflect gets its one form's share


def test_a_table_is_used_only_with_its_own_key(
    morph: Morphology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"key": table_key(morph), "weights": {"kot:Sm2": 5.0}}))
    assert read_table(morph, path) == {"kot:Sm2": 5.0}
    monkeypatch.setenv(PATH_VARIABLE, str(path))
    assert default_path(table_key(morph)) == path
    assert read_table(morph) == {"kot:Sm2": 5.0}
    path.write_text(json.dumps({"key": "morfeusz2 0; other", "weights": {"kot:Sm2": 5.0}}))
    assert read_table(morph, path) is None
    path.write_text("not json")
    assert read_table(morph, path) is None
    assert read_table(morph, tmp_path / "missing.json") is None


def test_the_engine_takes_a_lemma_from_the_table_before_weighing_it(
    engine: LanguageEngine,
) -> None:
    morph = Morphology()
    own = LanguageEngine(morph, engine._restorer, lemma_table={"kot:Sm2": 5.0})
    assert own._lemma_weight("kot:Sm2") == 5.0
    assert own._lemma_weight("pies:Sm2") == engine._lemma_weights.weigh("pies:Sm2") > 0


def test_the_command_writes_a_table_only_when_none_valid_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "weights.json"
    monkeypatch.setattr(lemma_weights, "frequencies", lambda: {"kot": 1e-5, "tak": 1e-3})
    result = CliRunner().invoke(cli, ["lemma-weights", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "lemma weights written" in result.output
    table = read_table(Morphology(), path)
    assert table is not None and table["tak:I"] > 0 and "kot:Sm2" in table
    assert path.stat().st_mode & 0o777 == 0o644  # readable by the server's user
    again = CliRunner().invoke(cli, ["lemma-weights", "--path", str(path)])
    assert again.exit_code == 0 and "up to date" in again.output
