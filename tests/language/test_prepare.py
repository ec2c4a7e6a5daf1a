"""``LanguageEngine.prepare``: the course's words analysed ahead of time change no judgement."""

from __future__ import annotations

import unicodedata

from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.validation import default_lessons_dir


def _without_polish_letters(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def test_prepare_analyses_each_lemma_once_and_changes_no_comparison(
    engine: LanguageEngine,
) -> None:
    lessons = list(LessonCatalog.from_directory(default_lessons_dir()))[:3]
    cases: list[tuple[tuple[str, ...], str]] = []
    for lesson in lessons:
        for step in lesson.dialogue:
            answer = step.answers[0]
            words = answer.split()
            cases.append((tuple(step.answers), _without_polish_letters(answer)))
            cases.append((tuple(step.answers), " ".join(words[:-1]) or "tak"))
            cases.append((tuple(step.answers), "Lubię jeździć na rowerze."))
    before = [engine.compare(list(expected), answer).to_dict() for expected, answer in cases]
    sentences = [s for lesson in lessons for s in lesson.expected_sentences()]
    assert any(step.answers[0] in sentences for step in lessons[0].dialogue)
    engine.prepare(sentences)
    assert engine.prepare(sentences) == 0  # each lemma once
    engine._compare_memo.cache_clear()  # judged again, from the prepared analyses
    after = [engine.compare(list(expected), answer).to_dict() for expected, answer in cases]
    assert after == before


async def test_the_default_start_up_loads_the_english_list_and_not_the_course(
    engine: LanguageEngine,
) -> None:
    """``TUTOR_PREPARE_LANGUAGE=english`` (the default): the English word list only; the
    course's forms (~3 s of CPU, 26 MB, longer garbage collections) only with ``course``."""
    from polish_tutor.settings import Settings
    from polish_tutor.state import prepare_language

    assert Settings().prepare_language == "english"
    prepared = set(engine._prepared)
    await prepare_language(engine, None)
    assert engine._prepared == prepared  # no lemma of the course analysed
