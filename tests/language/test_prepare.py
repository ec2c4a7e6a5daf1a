"""``LanguageEngine.prepare`` and ``prepare_answers``: the course's words and accepted answers
worked out ahead of time change no judgement."""

from __future__ import annotations

import unicodedata

from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import LearnerGender
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.schemas import Lesson
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


def _fresh(engine: LanguageEngine) -> LanguageEngine:
    """An engine as a server starts it (nothing compared yet), on the loaded Morfeusz."""
    return LanguageEngine(
        engine._morph,
        engine._restorer,
        table=engine.table,
        lemma_table=engine._lemma_weights._table,
    )


def _judged(
    engine: LanguageEngine, lessons: list[Lesson], gender: LearnerGender | None
) -> list[dict[str, object]]:
    """Each step's answers a learner gives (another form of a word, no Polish letters, a word
    left out, another sentence), compared with the step's declarations as a lesson does."""
    out = []
    for lesson in lessons:
        for step in lesson.dialogue:
            answer = step.answers[0]
            words = answer.split()
            last = words[-1].strip(",.?!")
            other = [r.form for lemma in engine.lemmas(last)[:1] for r in engine.forms(lemma)]
            said = [
                _without_polish_letters(answer),
                " ".join(words[:-1]) or "tak",
                *(" ".join([*words[:-1], form]) for form in other[:3] if form != last),
                "Lubię jeździć na rowerze.",
            ]
            for message in said:
                result = engine.compare(
                    step.answers,
                    message,
                    learner_gender=gender,
                    synonyms=[*step.synonyms, *lesson.synonyms],
                    slots=dict(step.slots),
                    question=step.tutor,
                    open_needs=step.open,
                    slot_classes=dict(step.slot_classes),
                    kept_aspect=step.aspect,
                )
                out.append(result.to_dict())
    return out


def _facts(engine: LanguageEngine) -> dict[tuple[object, ...], dict[str, dict[object, object]]]:
    """What the engine remembers of each accepted sentence's words, as plain dicts."""
    names = ("read", "places", "alone", "kin", "repeated")
    return {
        state: {
            "opening": {0: facts.opening},
            **{name: dict(getattr(facts, name)) for name in names},
        }
        for state, facts in engine._comparer._expected.items()
    }


def test_prepared_answers_change_no_comparison(engine: LanguageEngine) -> None:
    """A comparison with the accepted answers worked out ahead (``prepare_answers``, the API's
    start-up) is the one worked out when the first answer comes, in each learner's gender;
    and what was worked out ahead of each sentence is what a comparison works out of it."""
    lessons = list(LessonCatalog.from_directory(default_lessons_dir()))[:4]
    prepared = _fresh(engine)
    done = sum(
        prepared.prepare_answers(
            lesson.expected_sentences(), [step.tutor for step in lesson.dialogue]
        )
        for lesson in lessons
    )
    assert done > 100
    ahead = _facts(prepared)
    assert sum(len(facts["places"]) for facts in ahead.values()) > 100
    lazy = _fresh(engine)
    for gender in (None, "feminine", "masculine"):
        assert _judged(prepared, lessons, gender) == _judged(lazy, lessons, gender)
    # each fact a comparison worked out of a sentence was worked out the same ahead of it
    shared = 0
    for state, facts in _facts(lazy).items():
        for name, values in facts.items():
            for key, value in values.items():
                if state in ahead and key in ahead[state][name]:
                    assert ahead[state][name][key] == value, (name, key)
                    shared += 1
    assert shared > 100
    assert prepared.prepare_answers(lessons[0].expected_sentences()) == 0  # each sentence once


def test_a_changed_answer_is_worked_out_anew(engine: LanguageEngine) -> None:
    """What is worked out ahead is keyed on the sentences themselves: a course whose answer
    changed (or a sentence never prepared) is compared as if nothing had been prepared."""
    prepared = _fresh(engine)
    assert prepared.prepare_answers(["Byłem wczoraj w kinie z bratem."]) > 0
    lazy = _fresh(engine)
    for expected, answer in [
        ("Byłam wczoraj w teatrze z siostrą.", "Byłam wczoraj w teatr z siostrą."),
        ("Byłem wczoraj w kinie z bratem.", "Byłem wczoraj w kino z brat."),
    ]:
        for gender in (None, "feminine"):
            assert prepared.compare(expected, answer, learner_gender=gender) == lazy.compare(
                expected, answer, learner_gender=gender
            )


async def test_the_default_start_up_works_out_the_answers_and_not_every_form(
    engine: LanguageEngine,
) -> None:
    """``TUTOR_PREPARE_LANGUAGE=answers`` (the default): the English word list and what
    ``compare`` remembers of the course's accepted answers (about 1 s of CPU, 30 MB); every
    form of their words (~3 s of CPU, 26 MB more, longer garbage collections) only with
    ``course``."""
    from polish_tutor.settings import Settings
    from polish_tutor.state import prepare_language

    assert Settings().prepare_language == "answers"
    lessons = LessonCatalog.from_directory(default_lessons_dir())
    own = _fresh(engine)
    await prepare_language(own, lessons)
    assert not own._prepared  # no lemma of the course analysed
    first = next(iter(lessons)).dialogue[0].answers[0]
    assert (first, None) in own._comparer._gendered_ahead
