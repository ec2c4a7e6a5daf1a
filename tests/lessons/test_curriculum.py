"""The bundled curriculum is valid, and the lesson validator really catches problems.

These tests use the real Morfeusz analyser (no mocks): a word counts as Polish only if
Morfeusz knows it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.lessons.validation import (
    LessonLoadError,
    LessonProblem,
    default_lessons_dir,
    load_lesson_file,
    morfeusz_is_known,
    polish_words,
    validate_lessons,
)

IsKnown = Callable[[str], bool]

# The two lessons that existed before the curriculum was written (their vocabulary is shorter).
ORIGINAL_LESSONS = {"a1-01-greetings", "a1-04-cafe"}

EXPECTED_IDS = {
    "a1-01-greetings",
    "a1-02-numbers-age",
    "a1-03-family",
    "a1-04-cafe",
    "a1-05-shopping",
    "a1-06-places-directions",
    "a1-07-days-time",
    "a2-17-home",
    "a2-18-likes-hobbies",
    "a2-19-transport",
    "a2-20-past-tense",
    "a2-21-doctor",
}


@pytest.fixture(scope="module")
def is_known() -> IsKnown:
    return morfeusz_is_known()


@pytest.fixture(scope="module")
def lessons() -> list[Lesson]:
    files = sorted(default_lessons_dir().glob("*.yaml"))
    return sorted((load_lesson_file(path) for path in files), key=lambda lesson: lesson.order)


# --- the bundled curriculum -----------------------------------------------------------------


def test_all_bundled_lessons_validate_without_problems(is_known: IsKnown) -> None:
    problems = validate_lessons(default_lessons_dir(), is_known)
    assert problems == [], "\n".join(f"{p.file}: {p.message}" for p in problems)


def test_curriculum_has_at_least_twelve_lessons_covering_a1_and_a2(lessons: list[Lesson]) -> None:
    assert len(lessons) >= 12
    assert {lesson.id for lesson in lessons} >= EXPECTED_IDS
    assert {"A1", "A2"} <= {lesson.level for lesson in lessons}


def test_ids_and_orders_are_unique(lessons: list[Lesson]) -> None:
    ids = [lesson.id for lesson in lessons]
    orders = [lesson.order for lesson in lessons]
    assert len(ids) == len(set(ids))
    assert len(orders) == len(set(orders))


def test_file_names_match_ids() -> None:
    for path in default_lessons_dir().glob("*.yaml"):
        assert load_lesson_file(path).id == path.stem


def test_levels_rise_with_order_and_ids_carry_level_and_position(lessons: list[Lesson]) -> None:
    rank = {"A1": 1, "A2": 2, "B1": 3}
    levels = [rank[lesson.level] for lesson in lessons]
    assert levels == sorted(levels), "an easier lesson comes after a harder one"
    for lesson in lessons:
        assert lesson.id.startswith(f"{lesson.level.lower()}-{lesson.order:02d}-"), lesson.id


def test_every_lesson_has_a_dialogue_of_its_length(lessons: list[Lesson]) -> None:
    """The first twelve lessons are short (5-8 steps); the course's lessons have 12-15."""
    for lesson in lessons:
        low, high = (5, 8) if lesson.id in EXPECTED_IDS else (12, 15)
        assert low <= len(lesson.dialogue) <= high, (lesson.id, len(lesson.dialogue))


def test_every_lesson_is_complete(lessons: list[Lesson]) -> None:
    for lesson in lessons:
        assert lesson.goals, lesson.id
        assert lesson.grammar.strip(), lesson.id
        assert lesson.description.strip(), lesson.id
        if lesson.id in EXPECTED_IDS:
            low, high = (7 if lesson.id in ORIGINAL_LESSONS else 8), 15
        else:
            low, high = 15, 30
        assert low <= len(lesson.vocabulary) <= high, (lesson.id, len(lesson.vocabulary))
        for step in lesson.dialogue:
            assert step.answer_gloss, (lesson.id, step.tutor)
            assert len(step.hints) >= 2, (lesson.id, step.tutor)


def test_the_courses_lessons_teach_before_they_test(lessons: list[Lesson]) -> None:
    """Every lesson written for the course (issue 19): 3-5 goals, a grammar note in English
    and Polish with a table and topics, and per step 2-6 accepted answers, two hints and the
    same hints in Polish."""
    for lesson in lessons:
        if lesson.id in EXPECTED_IDS:
            continue
        assert 3 <= len(lesson.goals) <= 5, (lesson.id, len(lesson.goals))
        assert lesson.grammar_pl.strip() and lesson.grammar_table is not None, lesson.id
        assert lesson.grammar_topics, lesson.id
        for index, step in enumerate(lesson.dialogue):
            where = (lesson.id, index, step.tutor)
            assert 2 <= len(step.answers) <= 6, where
            assert len(step.hints) == 2 and len(step.hints_pl) == 2, where


def test_gendered_first_person_answers_accept_both_genders(
    lessons: list[Lesson], engine: LanguageEngine
) -> None:
    """A man says byłem / zmęczony, a woman byłam / zmęczona: both must be accepted. Answers
    are written as a man says them (some lessons list both); the engine makes a woman's."""
    checked = 0
    for lesson in lessons:
        for step in lesson.dialogue:
            synonyms = [*step.synonyms, *lesson.synonyms]
            for answer in step.answers:
                for gender in ("feminine", "masculine"):
                    other = engine.regender(answer, gender)
                    if other == answer:
                        continue
                    checked += 1
                    result = engine.compare(
                        step.answers,
                        other,
                        synonyms=synonyms,
                        slots=step.slots,
                        learner_gender=gender,
                    )
                    assert result.verdict == "correct", (lesson.id, answer, other, gender)
    assert checked >= 10  # the past-tense lesson really has gendered answers


# --- the validator catches problems ---------------------------------------------------------


def _lesson(lesson_id: str = "a1-90-test", order: int = 90) -> dict[str, Any]:
    return {
        "id": lesson_id,
        "version": 1,
        "title": "Test lesson",
        "level": "A1",
        "order": order,
        "description": "A lesson for the validator tests.",
        "goals": ["Order a coffee"],
        "vocabulary": [{"pl": "kawa", "en": "coffee"}],
        "grammar": "Kawa becomes kawę after poproszę.",
        "names": ["Brzęczysław"],
        "dialogue": [
            {
                "tutor": "Dzień dobry! Co podać?",
                "gloss": "Hello! What can I get you?",
                "answers": ["Poproszę kawę.", "Kawę, poproszę."],
                "answer_gloss": "A coffee, please.",
                "hints": ["Ask for a coffee.", "Poproszę kawę."],
            }
        ],
    }


def _write(directory: Path, data: dict[str, Any], name: str | None = None) -> Path:
    path = directory / (name or f"{data['id']}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _messages(problems: list[LessonProblem]) -> str:
    return "\n".join(f"{p.file}: {p.message}" for p in problems)


def test_a_clean_lesson_has_no_problems(tmp_path: Path, is_known: IsKnown) -> None:
    _write(tmp_path, _lesson())
    assert validate_lessons(tmp_path, is_known) == []


def test_unknown_word_in_an_answer_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    data = _lesson()
    data["dialogue"][0]["answers"].append("Poproszę kawaa.")
    _write(tmp_path, data)
    problems = validate_lessons(tmp_path, is_known)
    assert len(problems) == 1, _messages(problems)
    assert problems[0].file == "a1-90-test.yaml"
    assert "kawaa" in problems[0].message
    assert "dialogue[0].answers[2]" in problems[0].message


def test_unknown_words_in_tutor_lines_and_vocabulary_are_reported(
    tmp_path: Path, is_known: IsKnown
) -> None:
    data = _lesson()
    data["dialogue"][0]["tutor"] = "Dzien dobry! Co podać?"  # missing diacritic
    data["vocabulary"].append({"pl": "herbatka-kawaa", "en": "tea"})
    _write(tmp_path, data)
    messages = _messages(validate_lessons(tmp_path, is_known))
    assert "'Dzien'" in messages and "dialogue[0].tutor" in messages
    assert "'kawaa'" in messages and "vocabulary[1].pl" in messages
    assert "'herbatka'" not in messages  # split on the hyphen; herbatka itself is a word


def test_english_hints_and_glosses_are_not_checked(tmp_path: Path, is_known: IsKnown) -> None:
    data = _lesson()
    data["dialogue"][0]["hints"] = ["Say please with the word kawaa.", "Poproszę kawę."]
    data["dialogue"][0]["gloss"] = "Hello there, what would you like?"
    _write(tmp_path, data)
    assert validate_lessons(tmp_path, is_known) == []


def test_names_are_not_flagged_case_insensitively(tmp_path: Path, is_known: IsKnown) -> None:
    data = _lesson()
    data["dialogue"][0]["tutor"] = "Dzień dobry, BRZĘCZYSŁAW! Co podać?"
    data["dialogue"][0]["answers"].append("Poproszę kawę, brzęczysław.")
    _write(tmp_path, data)
    assert validate_lessons(tmp_path, is_known) == []

    data["names"] = []
    _write(tmp_path, data)
    messages = _messages(validate_lessons(tmp_path, is_known))
    assert "'BRZĘCZYSŁAW'" in messages and "'brzęczysław'" in messages


def test_duplicate_id_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    _write(tmp_path, _lesson("a1-90-test", order=90))
    _write(tmp_path, _lesson("a1-90-test", order=91), name="a1-91-copy.yaml")
    problems = validate_lessons(tmp_path, is_known)
    duplicate = [p for p in problems if "duplicate id" in p.message]
    assert len(duplicate) == 1, _messages(problems)
    assert duplicate[0].file == "a1-91-copy.yaml"
    assert "a1-90-test.yaml" in duplicate[0].message


def test_duplicate_order_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    _write(tmp_path, _lesson("a1-90-test", order=90))
    _write(tmp_path, _lesson("a1-91-test", order=90))
    problems = validate_lessons(tmp_path, is_known)
    assert [p.message for p in problems] == ["duplicate order 90 (also in a1-90-test.yaml)"]
    assert problems[0].file == "a1-91-test.yaml"


def test_schema_error_missing_answers_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    data = _lesson()
    del data["dialogue"][0]["answers"]
    _write(tmp_path, data)
    _write(tmp_path, _lesson("a1-91-good", order=91))
    problems = validate_lessons(tmp_path, is_known)
    assert len(problems) == 1, _messages(problems)
    assert problems[0].file == "a1-90-test.yaml"
    assert "dialogue[0].answers" in problems[0].message
    assert "Field required" in problems[0].message


def test_load_lesson_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    data = _lesson()
    data["dialogue"][0]["answers"] = []
    data["level"] = "C2"
    path = _write(tmp_path, data)
    with pytest.raises(LessonLoadError) as caught:
        load_lesson_file(path)
    text = str(caught.value)
    assert str(path) in text
    assert "field level" in text
    assert "field dialogue[0].answers" in text
    assert len(caught.value.errors) == 2


def test_invalid_yaml_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    (tmp_path / "a1-90-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "a1-91-list.yaml").write_text("- just a list\n", encoding="utf-8")
    problems = validate_lessons(tmp_path, is_known)
    assert [p.file for p in problems] == ["a1-90-broken.yaml", "a1-91-list.yaml"]
    assert "invalid YAML" in problems[0].message
    assert "expected a mapping" in problems[1].message


def test_answer_split_by_an_unquoted_comma_is_reported(tmp_path: Path, is_known: IsKnown) -> None:
    # Written the way lesson authors write answers: a YAML flow list. The comma is unquoted, so
    # YAML reads two answers, "Dobrze" and "dziękuję.", instead of one.
    (tmp_path / "a1-90-test.yaml").write_text(
        """id: a1-90-test
title: Test
level: A1
order: 90
description: Test.
goals: [Test]
dialogue:
  - tutor: Jak się masz?
    gloss: How are you?
    answers: [Dobrze, dziękuję.]
    hints: [Say you are fine, "Dobrze, dziękuję."]
""",
        encoding="utf-8",
    )
    problems = validate_lessons(tmp_path, is_known)
    messages = _messages(problems)
    assert "dialogue[0].answers[1]" in messages and "lowercase" in messages
    assert "dialogue[0].hints: the last hint" in messages
    assert "dialogue[0].hints[0]" in messages  # "Say you are fine" does not end a sentence


def test_last_hint_must_be_an_accepted_answer(tmp_path: Path, is_known: IsKnown) -> None:
    data = _lesson()
    data["dialogue"][0]["hints"] = ["Ask for a coffee.", "Poproszę herbatę."]
    _write(tmp_path, data)
    problems = validate_lessons(tmp_path, is_known)
    assert len(problems) == 1, _messages(problems)
    assert "last hint" in problems[0].message

    data["dialogue"][0]["hints"] = ["Ask for a coffee.", "poproszę KAWĘ"]  # case, punctuation
    _write(tmp_path, data)
    assert validate_lessons(tmp_path, is_known) == []


def test_id_must_match_the_file_name(tmp_path: Path, is_known: IsKnown) -> None:
    _write(tmp_path, _lesson(), name="a1-90-other.yaml")
    problems = validate_lessons(tmp_path, is_known)
    assert len(problems) == 1 and "does not match the file name" in problems[0].message


def test_yml_files_are_reported_because_the_tutor_ignores_them(
    tmp_path: Path, is_known: IsKnown
) -> None:
    _write(tmp_path, _lesson())
    _write(tmp_path, _lesson("a1-91-test", order=91), name="a1-91-test.yml")
    problems = validate_lessons(tmp_path, is_known)
    assert [p.file for p in problems] == ["a1-91-test.yml"], _messages(problems)


def test_missing_or_empty_directory_is_a_problem(tmp_path: Path, is_known: IsKnown) -> None:
    assert validate_lessons(tmp_path / "nowhere", is_known)
    assert validate_lessons(tmp_path, is_known)


# --- the word checker and tokeniser ---------------------------------------------------------


def test_morfeusz_is_known(is_known: IsKnown) -> None:
    for word in ["kawę", "Dzień", "złotych", "byłam", "Poproszę", "ŁAZIENCE", "w"]:
        assert is_known(word), word
    for word in ["kawaa", "Dzien", "xyzzy", ""]:
        assert not is_known(word), word


def test_polish_words_keeps_polish_letters_and_splits_on_punctuation() -> None:
    assert polish_words("Dzień dobry! Co-to? Mam 20 lat, ok…") == [
        "Dzień",
        "dobry",
        "Co",
        "to",
        "Mam",
        "lat",
        "ok",
    ]
    assert polish_words("Źdźbło, żółć; gęś") == ["Źdźbło", "żółć", "gęś"]


def test_default_lessons_dir_is_the_bundled_content() -> None:
    directory = default_lessons_dir()
    assert directory.is_dir() and directory.name == "content"
    assert (directory / "a1-01-greetings.yaml").is_file()
