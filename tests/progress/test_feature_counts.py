"""Which grammatical features a judged answer counts, with the real Morfeusz."""

from __future__ import annotations

from polish_tutor.ai_agent.schemas import Feedback, FeedbackIssue
from polish_tutor.language import LanguageEngine
from polish_tutor.progress.service import (
    case_gender,
    features_used,
    feedback_counts,
    mastery,
    missed_words,
)


def test_a_sentence_counts_only_the_features_it_certainly_uses(engine: LanguageEngine) -> None:
    assert features_used(engine, "Poproszę kawę.") == {
        ("person", "pri", ""),
        ("aspect", "perf", ""),
        ("case", "acc", "f"),
        ("diacritics", "", ""),
    }
    # ciastko is nom, acc or voc: ambiguous, so not counted; "i" is no noun or verb.
    assert ("case", "acc", "n") not in features_used(engine, "Poproszę herbatę i ciastko.")
    assert features_used(engine, "Z mlekiem") == {("case", "inst", "n")}
    assert features_used(None, "Dziękuję.") == {("diacritics", "", "")}


def test_the_gender_of_a_case_issue_comes_from_the_expected_word(engine: LanguageEngine) -> None:
    assert case_gender(engine, "kawę", "acc") == "f"
    assert case_gender(engine, "mlekiem", "inst") == "n"
    assert case_gender(engine, "kawę", "nom") == ""
    assert case_gender(None, "kawę", "acc") == ""


def test_issues_count_wrong_and_accepted_answers_count_right(engine: LanguageEngine) -> None:
    wrong_case = Feedback(
        verdict="incorrect",
        expected="Poproszę kawę.",
        issues=[
            FeedbackIssue(
                type="inflection",
                expected="kawę",
                got="kawa",
                feature="case",
                expected_value="acc",
                got_value="nom",
                explanation="…",
            ),
            FeedbackIssue(type="typo", expected="herbatę", got="herbtę", explanation="…"),
        ],
    )
    assert feedback_counts(engine, wrong_case) == {("case", "acc", "f"): (0, 1)}
    assert [word for word, _ in missed_words(engine, wrong_case)] == ["kawę", "herbatę"]
    assert "kawa" in dict(missed_words(engine, wrong_case))["kawę"]

    no_letters = Feedback(
        verdict="acceptable",
        expected="Poproszę kawę.",
        issues=[FeedbackIssue(type="diacritics", expected="kawę", got="kawe", explanation="…")],
    )
    counts = feedback_counts(engine, no_letters)
    assert counts[("diacritics", "", "")] == (0, 1)
    assert counts[("case", "acc", "f")] == (1, 0)
    assert counts[("person", "pri", "")] == (1, 0)

    person = Feedback(
        verdict="incorrect",
        issues=[
            FeedbackIssue(
                type="inflection",
                expected="mam",
                got="ma",
                feature="person",
                expected_value="pri",
                got_value="ter",
                explanation="…",
            )
        ],
    )
    assert feedback_counts(engine, person) == {("person", "pri", ""): (0, 1)}


def test_mastery_is_the_share_of_right_uses() -> None:
    assert mastery(0, 0) == 0.0
    assert mastery(2, 1) == 0.667
    assert mastery(5, 0) == 1.0
