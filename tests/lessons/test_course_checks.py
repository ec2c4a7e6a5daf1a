"""The course as a whole (issue 19): every sentence a lesson holds up as right passes the
engine's ``check``, each level reuses the words of the levels before it, and the course is as
big as asked. Real Morfeusz and the real engine; the broken lessons are written to a folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from polish_tutor.cli import app as cli
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.course_checks import (
    COURSE_SIZE,
    CourseSize,
    course_figures,
    course_size_problems,
    declared_variants,
    validate_course,
)
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.lessons.validation import default_lessons_dir, load_lesson_file

SMALL = CourseSize(lessons=1, lessons_per_level=0, steps=1, distinct_words=1, lesson_reuse=2)


@pytest.fixture(scope="module")
def bundled() -> list[Lesson]:
    files = sorted(default_lessons_dir().glob("*.yaml"))
    return sorted((load_lesson_file(path) for path in files), key=lambda lesson: lesson.order)


def _lesson(lesson_id: str, level: str, order: int, **changes: Any) -> dict[str, Any]:
    lesson: dict[str, Any] = {
        "id": lesson_id,
        "title": "Test lesson",
        "level": level,
        "order": order,
        "description": "A lesson for the course checks.",
        "goals": ["Order a coffee"],
        "vocabulary": [{"pl": "kawa", "en": "coffee"}, {"pl": "mleko", "en": "milk"}],
        "dialogue": [
            {
                "tutor": "Dzień dobry! Co podać?",
                "gloss": "Hello! What can I get you?",
                "answers": ["Poproszę kawę z mlekiem."],
                "hints": ["Ask for a coffee with milk.", "Poproszę kawę z mlekiem."],
            }
        ],
    }
    lesson.update(changes)
    return lesson


def _write(folder: Path, *lessons: dict[str, Any]) -> Path:
    for lesson in lessons:
        text = yaml.safe_dump(lesson, allow_unicode=True, sort_keys=False)
        (folder / f"{lesson['id']}.yaml").write_text(text, encoding="utf-8")
    return folder


def _step(tutor: str, answers: list[str], **more: Any) -> dict[str, Any]:
    return {"tutor": tutor, "gloss": "(English)", "answers": answers, **more}


def _messages(folder: Path, engine: LanguageEngine, size: CourseSize | None = None) -> list[str]:
    return [f"{p.file}: {p.message}" for p in validate_course(folder, engine, size=size).problems]


# --- the bundled course ---------------------------------------------------------------------


def test_the_bundled_course_passes_every_course_check(engine: LanguageEngine) -> None:
    checked = validate_course(default_lessons_dir(), engine, size=COURSE_SIZE)
    assert checked.problems == [], "\n".join(f"{p.file}: {p.message}" for p in checked.problems)


def test_the_course_is_as_big_as_issue_19_asks(
    engine: LanguageEngine, bundled: list[Lesson]
) -> None:
    figures = course_figures(engine, bundled)
    assert [f.level for f in figures] == ["A1", "A2", "B1"]
    assert sum(f.lessons for f in figures) == len(bundled) >= 48
    assert all(f.lessons >= 16 for f in figures), [(f.level, f.lessons) for f in figures]
    assert sum(f.steps for f in figures) == sum(len(x.dialogue) for x in bundled) >= 600
    words = set().union(*(f.words for f in figures))
    assert len(words) >= 1200
    # words are lemmas: the forms of one word count once, proper names not at all
    assert {"kawa", "być", "mieć"} <= words
    assert not {"kawę", "jestem", "kraków", "warszawa"} & words
    assert all(f.grammar_topics for f in figures)
    # every level above A1 reuses what the levels before it taught
    taught = figures[0].vocabulary
    for f in figures[1:]:
        assert len(taught & f.dialogue) / len(taught) >= COURSE_SIZE.level_reuse, f.level
        taught = taught | f.vocabulary


def test_every_declared_variant_of_the_cafe_is_checked(
    engine: LanguageEngine, bundled: list[Lesson]
) -> None:
    cafe = next(lesson for lesson in bundled if lesson.id == "a1-04-cafe")
    variants = list(declared_variants(engine, cafe))
    sentences = {s for v in variants for s in v.candidates}
    for step in cafe.dialogue:
        assert step.tutor in sentences
        assert set(step.answers) <= sentences
    # the lesson's synonyms [poproszę, chciałbym, chciałabym, wezmę] swapped in
    assert {"Chciałabym kawę.", "Wezmę kawę."} <= sentences, sorted(sentences)[:20]


# --- each check finds what it is for --------------------------------------------------------


def test_a_clean_lesson_passes(tmp_path: Path, engine: LanguageEngine) -> None:
    assert _messages(_write(tmp_path, _lesson("a1-90-test", "A1", 90)), engine, SMALL) == []


def test_a_wrong_answer_or_tutor_line_is_reported(tmp_path: Path, engine: LanguageEngine) -> None:
    lesson = _lesson(
        "a1-90-test",
        "A1",
        90,
        dialogue=[
            _step("Dzień dobry! Co podać?", ["Poproszę kawę z mlekiem.", "Poproszę kawa."]),
            _step("Masz dużo czas?", ["Nie, nie mam czasu."]),
        ],
    )
    messages = _messages(_write(tmp_path, lesson), engine)
    assert len(messages) == 2, messages
    answer, tutor = messages
    assert answer.startswith("a1-90-test.yaml: dialogue[0].answers[1]: the answer 'Poproszę kawa.'")
    assert "'Poproszę kawę.'" in answer
    assert tutor.startswith(
        "a1-90-test.yaml: dialogue[1].tutor: the tutor's line 'Masz dużo czas?'"
    )
    assert "'Masz dużo czasu?'" in tutor


def test_a_synonym_that_does_not_fit_is_reported(tmp_path: Path, engine: LanguageEngine) -> None:
    step = _step("Z mlekiem?", ["Tak, z mlekiem."], synonyms=[["z", "do"]])
    messages = _messages(_write(tmp_path, _lesson("a1-90-test", "A1", 90, dialogue=[step])), engine)
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        "a1-90-test.yaml: dialogue[0].answers[0]: the answer with 'do' for 'z' 'Tak, do mlekiem.'"
    )


def test_a_synonym_is_swapped_in_the_form_the_sentence_needs(
    tmp_path: Path, engine: LanguageEngine
) -> None:
    # Sobota is swapped in as sobotę (w + accusative), and a noun of another gender brings its
    # adjective along (nową kurtkę → nowy płaszcz); the lesson passes.
    steps = [
        _step("Kiedy wyjeżdżasz?", ["W piątek rano."], synonyms=[["piątek", "sobota"]]),
        _step("Co kupiłeś?", ["Kupiłem nową kurtkę."], synonyms=[["kurtka", "płaszcz"]]),
    ]
    lesson = _lesson("a1-90-test", "A1", 90, dialogue=steps)
    assert _messages(_write(tmp_path, lesson), engine, SMALL) == []
    [friday, jacket] = [
        v
        for v in declared_variants(engine, Lesson.model_validate(lesson))
        if v.what.startswith("the answer with")
    ]
    assert friday.candidates[0] == "W sobota rano." and "W sobotę rano." in friday.candidates
    assert jacket.candidates[0] == "Kupiłem nową płaszcz."


def test_a_phrase_synonym_is_swapped_as_written(tmp_path: Path, engine: LanguageEngine) -> None:
    steps = [
        _step(
            "Jak długo potrwa remont?",
            ["Podobno potrwa pół roku."],
            synonyms=[["pół roku", "sześć miesięcy"]],
        ),
        _step("Co ci przeszkadza?", ["Smog zimą."], synonyms=[["zimą", "w zimie"]]),
        _step("Znasz kolędy?", ["Nie znam żadnej."], synonyms=[["nie znam", "nie znam żadnej"]]),
    ]
    lesson = _lesson("a1-90-test", "A1", 90, dialogue=steps)
    assert _messages(_write(tmp_path, lesson), engine, SMALL) == []
    said = {
        v.candidates
        for v in declared_variants(engine, Lesson.model_validate(lesson))
        if v.what.startswith("the answer with")
    }
    # nie znam inside nie znam żadnej is not swapped on its own (no 'Nie znam żadnej żadnej')
    assert said == {("Podobno potrwa sześć miesięcy.",), ("Smog w zimie.",), ("Nie znam.",)}


def test_the_learners_gender_is_a_declared_variant(engine: LanguageEngine) -> None:
    lesson = Lesson.model_validate(
        _lesson("a1-90-test", "A1", 90, dialogue=[_step("Byłeś w kinie?", ["Tak, byłem."])])
    )
    said = {(v.what, v.candidates) for v in declared_variants(engine, lesson)}
    assert ("the tutor's line to a feminine learner", ("Byłaś w kinie?",)) in said
    assert ("the answer in a feminine speaker's words", ("Tak, byłam.",)) in said


def test_a_level_that_does_not_reuse_earlier_words_is_reported(
    tmp_path: Path, engine: LanguageEngine
) -> None:
    a1 = _lesson("a1-01-cafe", "A1", 1)
    reusing = _lesson(
        "a2-02-cafe-again",
        "A2",
        2,
        dialogue=[_step("Pijesz kawę z mlekiem?", ["Tak, piję kawę z mlekiem."])],
    )
    folder = tmp_path / "ok"
    folder.mkdir()
    assert _messages(_write(folder, a1, reusing), engine, SMALL) == []
    new_words = _lesson(
        "a2-02-weather",
        "A2",
        2,
        vocabulary=[{"pl": "deszcz", "en": "rain"}],
        dialogue=[_step("Jaka jest pogoda?", ["Pada deszcz."])],
    )
    folder = tmp_path / "bad"
    folder.mkdir()
    messages = _messages(_write(folder, a1, new_words), engine, SMALL)
    assert messages == [
        "level A2: its dialogues use 0% of the 2 words taught at the levels before it "
        "(at least 40% expected)",
        "a2-02-weather.yaml: the dialogue uses 0 words taught at the levels before A2 "
        "(at least 2 expected)",
    ]


def test_a_course_too_small_is_reported(engine: LanguageEngine, bundled: list[Lesson]) -> None:
    assert course_size_problems(engine, bundled) == []
    a1 = [lesson for lesson in bundled if lesson.level == "A1"]
    messages = [p.message for p in course_size_problems(engine, a1)]
    assert messages[0] == f"{len(a1)} lessons (at least 48 expected)"
    assert "0 lessons at A2 (at least 16 expected)" in messages
    assert "0 lessons at B1 (at least 16 expected)" in messages
    assert any(m.endswith("dialogue steps (at least 600 expected)") for m in messages)
    assert any(m.endswith("distinct words (at least 1200 expected)") for m in messages)


@pytest.mark.slow  # the whole course again, through the CLI
def test_the_cli_checks_the_course_size_of_the_bundled_lessons_only(tmp_path: Path) -> None:
    _write(tmp_path, _lesson("a1-90-test", "A1", 90))
    small = CliRunner().invoke(cli, ["lessons", "validate", str(tmp_path)])
    assert small.exit_code == 0, small.output
    assert "A1: 1 lessons, 1 steps" in small.output
    sized = CliRunner().invoke(cli, ["lessons", "validate", str(tmp_path), "--course"])
    assert sized.exit_code == 1
    assert "course: 1 lessons (at least 48 expected)" in sized.output


def test_declarations_that_disagree_with_the_step_are_reported(
    tmp_path: Path, engine: LanguageEngine
) -> None:
    # an open step whose own answer does not say what it asks, a classed slot whose own word
    # is not of its class, and a kept aspect that is no verb of the answers (issue 14)
    steps = [
        _step("Jest gorączka?", ["Tak, mam gorączkę.", "Nie."], open=[["gorączka"]]),
        _step(
            "Czym jeździsz?",
            ["Jeżdżę tramwajem."],
            slots={"tramwajem": "noun"},
            slot_classes={"tramwajem": "sports"},
        ),
        _step("Warto było?", ["Warto było zacząć."], aspect=["zacząć", "skończyć"]),
    ]
    lesson = _lesson("a1-90-test", "A1", 90, dialogue=steps)
    messages = _messages(_write(tmp_path, lesson), engine)
    assert any("dialogue[0].answers[1]: 'Nie.' does not say what" in m for m in messages), messages
    assert any("'tramwajem' is not of its class 'sports'" in m for m in messages), messages
    assert any("dialogue[2].aspect: 'skończyć' is not a verb" in m for m in messages), messages
    assert not any("'zacząć'" in m for m in messages), messages
