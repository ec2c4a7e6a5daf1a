"""The free-practice question bank: the bundled questions, the loader and the validation
(real YAML files, real Morfeusz)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polish_tutor.cli import app as cli
from polish_tutor.lessons.practice import (
    LEVELS,
    TOPICS,
    PracticeBank,
    default_practice_dir,
    gendered,
    morfeusz_gender_checks,
    validate_practice,
)
from polish_tutor.lessons.validation import morfeusz_is_known


@pytest.fixture(scope="module")
def bank() -> PracticeBank:
    return PracticeBank.from_directory()


@pytest.fixture(scope="module")
def checks() -> tuple[Callable[[str], bool], Callable[[str], bool], Callable[[str], bool]]:
    you, me = morfeusz_gender_checks()
    return morfeusz_is_known(), you, me


def test_the_bundled_bank_is_valid(
    checks: tuple[Callable[[str], bool], Callable[[str], bool], Callable[[str], bool]],
) -> None:
    assert validate_practice(default_practice_dir(), *checks) == []


def test_at_least_150_questions_across_levels_and_topics(bank: PracticeBank) -> None:
    assert len(bank) >= 150
    assert set(bank.topics) == set(TOPICS)
    for topic in TOPICS:
        for level in LEVELS:
            assert len(bank.questions(topic=topic, level=level)) >= 3, (topic, level)
    ids = [q.id for q in bank]
    assert len(ids) == len(set(ids))
    assert all(q.hints and q.sample_answer.strip() for q in bank)


def test_by_level_and_topic_and_the_next_question(bank: PracticeBank) -> None:
    a1_food = bank.questions(level="A1", topic="food")
    assert [q.id for q in a1_food][:2] == ["food-a1-01", "food-a1-02"]
    assert {q.level for q in bank.questions(up_to="A2")} == {"A1", "A2"}
    first = bank.next_question("food", up_to="A1")
    assert first is not None and first.id == "food-a1-01" and first.pl == "Co lubisz jeść?"
    second = bank.next_question("food", up_to="A1", asked=["food-a1-01"])
    assert second is not None and second.id == "food-a1-02"
    done = [q.id for q in bank.questions(topic="food", up_to="A1")]
    assert bank.next_question("food", up_to="A1", asked=done) is None
    b1 = bank.next_question("food", level="B1")
    assert b1 is not None and b1.level == "B1"
    assert bank.get("no-a1-01") is None


def test_follow_ups_are_questions_or_lines(bank: PracticeBank) -> None:
    question = bank.get("food-a1-01")
    assert question is not None
    follow_ups = bank.follow_ups(question)
    assert follow_ups[0].line == "A co lubisz pić?" and follow_ups[0].question is None
    assert follow_ups[1].question is not None and follow_ups[1].question.id == "food-a1-03"
    assert [f.text for f in follow_ups] == ["A co lubisz pić?", "Czego nie lubisz jeść?"]


def test_questions_and_answers_for_either_gender(bank: PracticeBank) -> None:
    question = bank.get("yesterday-a1-01")
    assert question is not None
    assert question.pl == "Co robiłeś (robiłaś) wczoraj?"
    assert question.asked("masculine") == "Co robiłeś wczoraj?"
    assert question.asked("feminine") == "Co robiłaś wczoraj?"
    assert question.asked(None) == question.pl
    assert question.sample("feminine") == "Wczoraj pracowałam, a wieczorem oglądałam film."
    assert question.sample("masculine") == "Wczoraj pracowałem, a wieczorem oglądałem film."
    plain = bank.get("food-a1-01")
    assert plain is not None and plain.sample("feminine") == plain.sample_answer
    assert gendered("Wolałbyś (wolałabyś) kupić dom?", "feminine") == "Wolałabyś kupić dom?"
    assert gendered("Co byś zrobił (zrobiła), gdybyś mógł (mogła)?", "feminine") == (
        "Co byś zrobiła, gdybyś mogła?"
    )
    assert gendered("Wolisz być sam (sama)?", "masculine") == "Wolisz być sam?"


BROKEN = """\
topic: food
title_pl: Jedzenie
title_en: Food
questions:
  - id: food-a1-01
    level: A1
    topic: food
    pl: Co jadłeś wczoraj?
    en: What did you eat yesterday?
    sample_answer: Wczoraj jadłem zupe.
    follow_ups: [food-a1-09, "Co piłeś?"]
    hints:
      - {pl: zupa, en: soup}
  - id: food-a1-01
    level: A2
    topic: travel
    pl: Lubisz kawę?
    en: Do you like coffee?
    sample_answer: Tak.
    hints:
      - {pl: kawa, en: coffee, a drink}
"""


def test_validation_finds_every_problem(
    tmp_path: Path,
    checks: tuple[Callable[[str], bool], Callable[[str], bool], Callable[[str], bool]],
) -> None:
    (tmp_path / "food.yaml").write_text(BROKEN, encoding="utf-8")
    messages = [p.message for p in validate_practice(tmp_path, *checks)]
    # the unquoted comma in a flow mapping makes a key of its own: the schema says so
    assert any("Extra inputs are not permitted" in m for m in messages), messages
    (tmp_path / "food.yaml").write_text(
        BROKEN.replace("coffee, a drink", '"coffee, a drink"'), encoding="utf-8"
    )
    messages = [p.message for p in validate_practice(tmp_path, *checks)]
    expected = [
        "duplicate id 'food-a1-01'",
        "topic 'travel' is not the file's",
        "id does not start with 'food-a2-'",
        "Morfeusz does not know 'zupe'",
        "'jadłeś' is masculine; add the feminine in brackets",
        "follow_ups[1]: 'piłeś' is masculine",
        "sample_answer is gendered: add sample_answer_feminine",
        "no question 'food-a1-09'",
        "only 1 questions (at least 150)",
    ]
    for text in expected:
        assert any(text in m for m in messages), (text, messages)


@pytest.mark.slow  # the whole course again, through the CLI
def test_the_cli_validates_the_practice_questions(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lessons", "validate"])
    assert result.exit_code == 0, result.output
    assert "practice questions" in result.output
    (tmp_path / "food.yaml").write_text(BROKEN, encoding="utf-8")
    broken = CliRunner().invoke(cli, ["lessons", "validate", "--practice", str(tmp_path)])
    assert broken.exit_code == 1
    assert "practice/food.yaml" in broken.output
