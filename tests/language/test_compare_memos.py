"""What ``Comparer`` remembers of the accepted answers (their words' places, gendered variants,
substitution costs) changes no comparison, and stays bounded."""

from __future__ import annotations

import pytest

import polish_tutor.language.compare as compare_module
from polish_tutor.language import LanguageEngine
from polish_tutor.language.compare import Comparer
from polish_tutor.language.grammar import words_of
from polish_tutor.language.text import tokenize
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.validation import default_lessons_dir


def _forget(comparer: Comparer) -> None:
    """The comparer as a server starts it with nothing prepared: nothing of the accepted
    answers remembered."""
    comparer._costs.clear()
    comparer._gendered_of.clear()
    comparer._gendered_ahead.clear()
    comparer._expected.clear()
    comparer._expected_ahead.clear()
    comparer._classified.clear()
    comparer._groups_of.clear()
    comparer._partnered.clear()


def _cases(engine: LanguageEngine) -> list[tuple[list[str], str]]:
    """Each step's first answer with one word in other forms of its lemma: many learners'
    words at one accepted answer's place (what the memos are shared by)."""
    lessons = list(LessonCatalog.from_directory(default_lessons_dir()))[:4]
    morph = engine._morph
    cases: list[tuple[list[str], str]] = []
    for lesson in lessons:
        for step in lesson.dialogue:
            answer = step.answers[0]
            words = words_of(answer, tokenize(answer))
            for w in words[:4]:
                lemmas = sorted({r.full_lemma for r in morph.analyse(w.text)})
                forms = [f for lemma in lemmas[:2] for f in morph.form_texts(lemma)]
                for form in sorted(set(forms) - {w.text})[:3]:
                    said = answer[: w.start] + form + answer[w.end :]
                    cases.append((list(step.answers), said))
    return cases


def test_remembered_facts_change_no_comparison(engine: LanguageEngine) -> None:
    comparer = engine._comparer
    cases = _cases(engine)
    assert len(cases) > 150
    uncached = []
    for expected, answer in cases:
        _forget(comparer)  # (each answer judged with nothing remembered)
        uncached.append(comparer.compare(expected, answer).to_dict())
    _forget(comparer)
    remembered = [comparer.compare(expected, answer).to_dict() for expected, answer in cases]
    assert remembered == uncached
    # the memos were used: places of accepted answers weighed for several learners' words
    places = [len(facts.places) for facts in comparer._expected.values()]
    assert sum(places) > 50
    assert comparer._gendered_of and comparer._costs


def test_the_memos_stay_bounded(engine: LanguageEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    comparer = engine._comparer
    _forget(comparer)
    monkeypatch.setattr(compare_module, "_COSTS_KEPT", 20)
    monkeypatch.setattr(compare_module, "_GENDERED_KEPT", 5)
    words = words_of(
        "Wczoraj kupiłem trzy nowe książki w małej księgarni obok dworca",
        tokenize("Wczoraj kupiłem trzy nowe książki w małej księgarni obok dworca"),
    )
    for e in words:
        for a in words:
            comparer.sub_cost(e, a)
    assert 0 < sum(len(row) for row in comparer._costs.values()) <= 21
    for n in range(30):
        comparer.gendered_options(f"Byłem tam {n} razy.", None)
    assert 0 < len(comparer._gendered_of) <= 6
    expected = "Czytam nowe książki w małej księgarni."
    answers = [
        "Czytam nowa książki w małej księgarni.",
        "Czytam nowe książka w małej księgarni.",
        "Czytam nowe książki w mała księgarni.",
        "Czytam nowe książki w małej księgarnia.",
        "Czytałem nowe książki w małej księgarni.",
    ]

    def most_places() -> int:
        for answer in answers:
            comparer.compare(expected, answer)
        return max(len(facts.places) for facts in comparer._expected.values())

    assert most_places() >= 4  # one accepted sentence's places, one per learner's word
    _forget(comparer)
    monkeypatch.setattr(compare_module, "_PLACES_KEPT", 1)
    assert 0 < most_places() <= 2
    _forget(comparer)


def test_the_answers_speaker_is_read_only_where_the_groups_differ_by_gender(
    engine: LanguageEngine,
) -> None:
    """With no learner's gender, a step's synonym groups are said in the gender the answer's
    speaker says of themselves; where no member depends on it, the groups are the same in
    every gender and the answer is not read for it: the same groups either way."""
    plain = (("kino", "teatr"), ("duży", "wielki"))
    gendered = (("byłem zmęczony", "byłem wykończony"), ("kino", "teatr"))
    answers = ["Byłam wykończona po kinie.", "Byłem zmęczony.", "Idę do teatru.", "Mam kota."]
    for synonyms in (plain, gendered):
        for answer in answers:
            speaker = engine._speaker_gender(answer)
            assert engine._groups_as_said(synonyms, answer, None) == engine._gendered_groups(
                synonyms, speaker
            )
            for gender in ("feminine", "masculine"):
                assert engine._groups_as_said(synonyms, answer, gender) == engine._gendered_groups(
                    synonyms, gender
                )
    either = engine._gendered_groups(gendered, None)
    # (the gendered groups do differ: the answer is read for them)
    assert engine._gendered_groups(gendered, "feminine") != either
