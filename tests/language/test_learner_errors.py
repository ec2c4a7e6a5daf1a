"""The teacher-labelled set of learner errors and its scorer (issue 14's measurement).

The three sets (the main one and two held-out ones, which share no sentence with it) are checked
for form (every field, the minimums per category, triggers and words taken from the
sentences) and their labels against Morfeusz (the forms exist, an inflection error keeps
the lemma and the expected form has the labelled value, the edits turn the answer into an
expected sentence). The scorer is tested on tiny hand-made cases with a compare function
written here: these tests measure the scorer, not the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pytest

from polish_tutor.language.morph import Morphology
from polish_tutor.language.scoring import (
    CATEGORIES,
    CORRECT_CATEGORY,
    HOLDOUT_MINIMUM_CASES,
    HOLDOUT_MINIMUM_TOTAL,
    MINIMUM_CASES,
    MINIMUM_TOTAL,
    CaseFileError,
    GoldError,
    LearnerCase,
    format_table,
    load_cases,
    match_issues,
    sample_explanations,
    score,
    validate_cases,
)
from polish_tutor.language.text import strip_diacritics, tokenize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "language"
DATA = FIXTURES / "learner_errors.yaml"
# the held-out set, written apart from the engine (never tuned on): same checks, own minimums
HOLDOUT = FIXTURES / "learner_errors_holdout.yaml"
# a second held-out set, written blind after the first had been used to fix the engine
HOLDOUT2 = FIXTURES / "learner_errors_holdout2.yaml"
SETS: dict[str, tuple[Path, Mapping[str, int], int]] = {
    "main": (DATA, MINIMUM_CASES, MINIMUM_TOTAL),
    "holdout": (HOLDOUT, HOLDOUT_MINIMUM_CASES, HOLDOUT_MINIMUM_TOTAL),
    "holdout2": (HOLDOUT2, HOLDOUT_MINIMUM_CASES, HOLDOUT_MINIMUM_TOTAL),
}
# words a learner writes that need not be Polish: slips, missing letters, English, invented endings
_FOREIGN_OK = frozenset({"typo", "diacritics", "wrong_word"})


@pytest.fixture(scope="module", params=sorted(SETS))
def learner_set(request: pytest.FixtureRequest) -> str:
    return cast(str, request.param)


@pytest.fixture(scope="module")
def cases(learner_set: str) -> list[LearnerCase]:
    return load_cases(SETS[learner_set][0])


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


def words(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]


# ------------------------------------------------------------------------------------------
# the set


def test_the_set_is_well_formed(cases: list[LearnerCase], learner_set: str) -> None:
    _, minimums, total = SETS[learner_set]
    assert validate_cases(cases, minimums=minimums, minimum_total=total) == []
    counts = {c: sum(case.category == c for case in cases) for c in CATEGORIES}
    assert all(counts[c] >= least for c, least in minimums.items()), counts
    assert len(cases) >= total
    assert len({case.id for case in cases}) == len(cases)
    for case in cases:
        for error in case.errors:
            if error.got is not None:
                assert set(words(error.got)) <= set(words(case.answer)), case.id
            if error.trigger is not None and error.rule != "ending.declension":
                assert any(error.trigger.lower() in words(s) for s in case.expected), case.id


def _sentences(path: Path) -> set[str]:
    keys: set[str] = set()
    for case in load_cases(path):
        for text in (case.answer, *case.expected):
            keys.add(" ".join(words(text)))
    return keys


def test_the_holdout_set_shares_no_sentence_with_the_main_set() -> None:
    shared = _sentences(HOLDOUT) & _sentences(DATA)
    assert shared == set()


def test_the_second_holdout_set_shares_no_sentence_with_the_other_sets() -> None:
    assert _sentences(HOLDOUT2) & _sentences(DATA) == set()
    assert _sentences(HOLDOUT2) & _sentences(HOLDOUT) == set()


def test_each_set_is_held_to_its_own_minimums() -> None:
    one = load_cases(HOLDOUT)[:1]
    holdout = validate_cases(
        one, minimums=HOLDOUT_MINIMUM_CASES, minimum_total=HOLDOUT_MINIMUM_TOTAL
    )
    assert "case_preposition: 0 cases, at least 12 needed" in holdout
    assert f"1 cases in all, at least {HOLDOUT_MINIMUM_TOTAL} needed" in holdout
    assert "case_preposition: 0 cases, at least 30 needed" in validate_cases(one)


def test_every_word_is_known_to_morfeusz(cases: list[LearnerCase], morph: Morphology) -> None:
    unknown: list[str] = []
    for case in cases:
        slots = {word.lower() for word in case.slots}
        for sentence in case.expected:
            unknown += [
                f"{case.id}: {w}"
                for w in words(sentence)
                if w not in slots and not w.isdigit() and not morph.is_known(w)
            ]
        allowed = {
            e.got.lower()
            for e in case.errors
            if e.got and (e.type in _FOREIGN_OK or e.rule == "ending.declension")
        }
        for w in words(case.answer):
            if w.isdigit() or w in allowed or morph.is_known(w):
                continue
            if case.slots and any(kind in ("name", "place") for kind in case.slots.values()):
                continue  # the learner's own name or city need not be in the dictionary
            unknown.append(f"{case.id}: {w}")
    assert unknown == []


def _readings_with(morph: Morphology, form: str, feature: str, value: str) -> list[str]:
    return [r.lemma for r in morph.analyse(form) if value in r.values(feature)]


def test_inflection_labels_agree_with_morfeusz(cases: list[LearnerCase], morph: Morphology) -> None:
    problems: list[str] = []
    for case in cases:
        for e in case.errors:
            if e.type == "diacritics":
                assert e.got is not None and e.expected is not None
                same_letters = (
                    strip_diacritics(e.got).lower() == strip_diacritics(e.expected).lower()
                )
                if not same_letters or e.got == e.expected:
                    problems.append(f"{case.id}: {e.got} → {e.expected} is not only Polish letters")
            if e.type != "inflection":
                continue
            assert e.got and e.expected and e.feature and e.value
            lemmas = _readings_with(morph, e.expected, e.feature, e.value)
            if not lemmas:
                problems.append(f"{case.id}: {e.expected} has no {e.feature}={e.value}")
                continue
            got_lemmas = {r.lemma for r in morph.analyse(e.got)}
            if e.rule == "ending.declension":
                if e.trigger not in lemmas:
                    problems.append(f"{case.id}: trigger {e.trigger} is not {e.expected}'s lemma")
            elif e.feature == "aspect":
                other = "perf" if e.value == "imperf" else "imperf"
                if not _readings_with(morph, e.got, "aspect", other):
                    problems.append(f"{case.id}: {e.got} is not {other}")
            elif not got_lemmas & set(lemmas):
                problems.append(f"{case.id}: {e.got} and {e.expected} are not one word")
    assert problems == []


def _numeral_free(tokens: Sequence[str], morph: Morphology) -> list[str]:
    return [w for w in tokens if not any(r.pos == "num" for r in morph.analyse(w))]


def test_the_edits_turn_the_answer_into_an_expected_sentence(
    cases: list[LearnerCase], morph: Morphology
) -> None:
    problems: list[str] = []
    for case in cases:
        if not case.errors:
            continue
        tokens = words(case.answer)
        for e in case.errors:
            if e.type == "missing_word":
                tokens.append((e.expected or "").lower())
                continue
            if (e.got or "").lower() not in tokens:
                problems.append(f"{case.id}: {e.got!r} is not a word of the answer")
                break
            k = tokens.index((e.got or "").lower())
            if e.type == "extra_word":
                del tokens[k]
            else:
                tokens[k] = "\0" + (e.expected or "").lower()
        fixed = [t.lstrip("\0") for t in tokens]
        targets = [words(s) for s in case.expected]
        if any(t.isdigit() for t in fixed):  # digits stand for the numeral words
            fixed = [t for t in fixed if not t.isdigit()]
            targets = [_numeral_free(t, morph) for t in targets]
        in_order = any(fixed == t for t in targets)
        same_words = any(sorted(fixed) == sorted(t) for t in targets)
        reordered = any(e.type in ("missing_word", "word_order") for e in case.errors)
        if not (in_order or (reordered and same_words)):
            problems.append(f"{case.id}: the edits give {' '.join(fixed)!r}")
    assert problems == []


def test_a_bad_case_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- id: case_verb-001\n"
        "  category: case_verb\n"
        '  expected: ["Potrzebuję kawy."]\n'
        '  answer: "Potrzebuję kawę."\n'
        "  verdict: incorrect\n"
        "  errors:\n"
        "    - {type: inflection, got: kawę, expected: kawy, feature: case, value: gen,"
        " rule: case.object, trigger: Potrzebuję}\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseFileError, match="case_verb-001.*rule"):
        load_cases(path)


# ------------------------------------------------------------------------------------------
# the scorer, with a compare function written here


@dataclass(frozen=True)
class Rule:
    id: str
    trigger: str | None


@dataclass(frozen=True)
class Issue:
    type: str
    got: str | None
    expected: str | None
    explanation: str = "explained"
    feature: str | None = None
    expected_value: str | None = None
    rule: Rule | None = None


@dataclass(frozen=True)
class Comparison:
    verdict: str
    issues: tuple[Issue, ...]


def inflection(
    got: str, expected: str, value: str, rule: str, trigger: str | None, feature: str = "case"
) -> GoldError:
    return GoldError("inflection", got, expected, feature, value, rule, trigger)


CASE_VERB = LearnerCase(
    id="case_verb-001",
    category="case_verb",
    expected=("Potrzebuję kawy.",),
    answer="Potrzebuję kawę.",
    verdict="incorrect",
    errors=(inflection("kawę", "kawy", "gen", "case.verb_government", "Potrzebuję"),),
)
VARIANT = LearnerCase(
    id="correct_variant-001",
    category=CORRECT_CATEGORY,
    expected=("Mam na imię Anna.",),
    answer="Mam na imię Mark.",
    verdict="correct",
    errors=(),
    slots={"Anna": "name"},
    learner_gender="masculine",
)
TWO_ERRORS = LearnerCase(
    id="multiple-001",
    category="multiple",
    expected=("Idę do sklepu.",),
    answer="Idę sklep.",
    verdict="incorrect",
    errors=(
        GoldError("missing_word", None, "do"),
        inflection("sklep", "sklepu", "gen", "case.preposition", "do"),
    ),
)
PREDICTIONS: dict[str, Comparison] = {
    # the right word, feature, value and rule, but a wrong trigger
    "Potrzebuję kawę.": Comparison(
        "incorrect",
        (
            Issue(
                "inflection",
                "KAWĘ",
                "kawy",
                "",
                "case",
                "gen",
                Rule("case.verb_government", "kawy"),
            ),
        ),
    ),
    # a correct answer judged incorrect, with an issue a teacher would not mark
    "Mam na imię Mark.": Comparison("incorrect", (Issue("wrong_word", "Mark", "Anna"),)),
    # the missing word found; the case error found at its word but called a typo
    "Idę sklep.": Comparison(
        "incorrect", (Issue("missing_word", None, "do"), Issue("typo", "sklep", "sklepu"))
    ),
}


def test_score_counts_each_metric_per_category_and_overall() -> None:
    def compare(expected: list[str], answer: str, *, explain_in: str = "en") -> Comparison:
        return PREDICTIONS[answer]

    report = score([CASE_VERB, VARIANT, TWO_ERRORS], compare)
    verb = report.categories["case_verb"]
    assert (verb.verdict.hits, verb.verdict.total) == (1, 1)
    assert (verb.found.hits, verb.found.total) == (1, 1)  # "KAWĘ" matches "kawę"
    assert (verb.feature.hits, verb.case_value.hits, verb.rule.hits) == (1, 1, 1)
    assert (verb.trigger.hits, verb.trigger.total) == (0, 1)

    variant = report.categories[CORRECT_CATEGORY]
    assert (variant.false_alarm.hits, variant.false_alarm.total) == (1, 1)
    assert (variant.verdict.hits, variant.pass_fail.hits) == (0, 0)
    assert (variant.extra_issues, variant.predicted_issues) == (1, 1)

    multiple = report.categories["multiple"]
    assert (multiple.found.hits, multiple.found.total) == (2, 2)
    assert (multiple.type.hits, multiple.type.total) == (1, 2)
    assert (multiple.feature.hits, multiple.feature.total) == (0, 1)
    assert multiple.rule.total == 1 and multiple.rule.hits == 0  # a typo carries no rule

    overall = report.overall
    assert overall.cases == 3
    assert (overall.found.hits, overall.found.total) == (3, 3)
    assert (overall.verdict.hits, overall.verdict.total) == (2, 3)
    assert overall.false_alarm.total == 1
    table = format_table(report)
    assert "| case_verb | 1 | 100% (1/1) |" in table
    assert table.splitlines()[-1].startswith("| **all** | 3 |")
    assert "case_preposition" not in table  # categories without cases are left out


def test_only_the_keyword_arguments_compare_accepts_are_passed() -> None:
    seen: list[dict[str, object]] = []

    def old_engine(expected: list[str], answer: str, *, explain_in: str = "en") -> Comparison:
        seen.append({"explain_in": explain_in})
        return Comparison("correct", ())

    def new_engine(
        expected: list[str],
        answer: str,
        *,
        explain_in: str = "en",
        learner_gender: str | None = None,
        synonyms: list[list[str]] | None = None,
        slots: dict[str, str] | None = None,
    ) -> Comparison:
        seen.append(
            {
                "explain_in": explain_in,
                "gender": learner_gender,
                "synonyms": synonyms,
                "slots": slots,
            }
        )
        return Comparison("correct", ())

    score([VARIANT], old_engine, explain_in="pl")
    score([VARIANT], new_engine, explain_in="pl")
    assert seen == [
        {"explain_in": "pl"},
        {"explain_in": "pl", "gender": "masculine", "synonyms": None, "slots": {"Anna": "name"}},
    ]
    report = score([VARIANT], new_engine)
    assert report.categories[CORRECT_CATEGORY].false_alarm.hits == 0
    assert report.overall.verdict.hits == 1


def test_a_compare_that_raises_is_recorded_as_a_failure() -> None:
    def broken(expected: list[str], answer: str) -> Comparison:
        raise RuntimeError("half-written engine")

    report = score([CASE_VERB, VARIANT], broken)
    assert report.overall.failures == 2
    assert report.overall.verdict.hits == 0 and report.overall.pass_fail.hits == 0
    assert report.overall.found.hits == 0
    assert report.categories[CORRECT_CATEGORY].false_alarm.hits == 1
    assert report.results[0].failure == "RuntimeError: half-written engine"


def test_matching_pairs_words_once_same_type_first_and_inside_a_swap() -> None:
    gold = [
        GoldError("word_order", "kawę", "kawę"),
        GoldError("inflection", "kawa", "kawę", "case", "acc", "case.verb_government", "piję"),
        GoldError("missing_word", None, "z"),
    ]
    issues = [
        Issue("typo", "Kawa", "kawę"),
        Issue("word_order", "piję kawę", "kawę piję"),
        Issue("inflection", "kawa", "kawę"),
        Issue("missing_word", None, "Z"),
        Issue("extra_word", "bardzo", None),
    ]
    pairs, missed, extra = match_issues(gold, issues)
    assert pairs == [(0, 1), (1, 2), (2, 3)]
    assert missed == []
    assert extra == [0, 4]


def test_explanations_are_drawn_the_same_way_each_time() -> None:
    def compare(expected: list[str], answer: str) -> Comparison:
        return PREDICTIONS[answer]

    report = score([CASE_VERB, VARIANT, TWO_ERRORS], compare)
    first = sample_explanations(report, 3, seed=1)
    again = sample_explanations(report, 3, seed=1)
    assert [(e.case.id, e.issue.got) for e in first] == [(e.case.id, e.issue.got) for e in again]
    assert len(sample_explanations(report, 50)) == 4  # all there are
    only = sample_explanations(report, 10, types=["inflection"])
    assert [(e.case.id, e.gold) for e in only] == [("case_verb-001", CASE_VERB.errors[0])]
