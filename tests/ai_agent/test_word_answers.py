"""Answers to a question about one word, from the lessons' glossary, the dictionary and the
engine's tables, in English and in Polish (real dictionary, real Morfeusz)."""

from __future__ import annotations

import pytest

from polish_tutor.ai_agent.drivers.local import _glossary
from polish_tutor.ai_agent.word_answers import answer_word_question, word_answer_parts
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog


@pytest.fixture(scope="module")
def glossary() -> dict[str, str]:
    return _glossary(LessonCatalog.from_directory())


def ask(message: str, engine: LanguageEngine | None, glossary: dict[str, str], lang: str) -> str:
    question = word_question(message)
    assert question is not None, message
    answer = answer_word_question(question, explain_in=lang, engine=engine, glossary=glossary)
    assert answer is not None
    return answer


def test_a_word_beyond_the_lessons(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    assert "zamek" not in glossary
    english = ask("co znaczy zamek?", engine, glossary, "en")
    assert english == "*zamek* (noun): castle, palace; lock; fastener, zip, zipper."
    polish = ask("co znaczy zamek?", engine, glossary, "pl")
    assert polish == (
        "„zamek” (rzeczownik) po angielsku: castle, palace; lock; fastener, zip, zipper."
    )


def test_without_polish_letters(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    assert ask("what does ksiazka mean?", engine, glossary, "en") == (
        "ksiazka with its Polish letters is *książka* (noun): book."
    )
    assert ask("co znaczy ksiazke", engine, glossary, "pl") == (
        "„ksiazke” to z polskimi literami „książkę”, forma słowa „książka” (rzeczownik), "
        "po angielsku: book."
    )


def test_a_form_is_answered_by_its_lemma(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    answer = ask("What does poszedłem mean?", engine, glossary, "en")
    assert answer.startswith("*poszedłem* is a form of *pójść* (verb): go")
    mam = ask("co znaczy mam?", engine, glossary, "pl")
    assert mam.startswith("„mam” to forma słowa „mieć” (czasownik), po angielsku: have")
    assert "Także: mama (rzeczownik): mother" in mam


def test_labels_name_the_register(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    assert ask("co znaczy kot", engine, glossary, "en") == (
        "*kot* (noun): cat; dust bunny (colloquial); freshman (slang)."
    )
    assert "(*potocznie*)" in ask("co znaczy kot", engine, glossary, "pl")


def test_lesson_words_keep_their_lesson_gloss(
    engine: LanguageEngine, glossary: dict[str, str]
) -> None:
    assert ask("co znaczy herbata?", engine, glossary, "en") == f"*herbata*: {glossary['herbata']}."
    assert ask("What does kawę mean?", engine, glossary, "pl") == (
        f"„kawę” (forma podstawowa: kawa) po angielsku: {glossary['kawa']}."
    )


def test_unknown_words(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    assert ask("co znaczy qwzxv?", engine, glossary, "en") == (
        "I don't know the word 'qwzxv'; check the spelling and the Polish letters."
    )
    assert ask("co znaczy qwzxv?", engine, glossary, "pl") == (
        "Nie znam słowa „qwzxv”. Sprawdź pisownię i polskie litery."
    )
    # a word Morfeusz knows that the dictionary does not have
    known = ask("co znaczy Zmorojewa?", engine, glossary, "en")
    assert "not in my dictionary" in known or "I don't know" in known


def test_inflection_answers(engine: LanguageEngine, glossary: dict[str, str]) -> None:
    english = ask("odmień kawa", engine, glossary, "en")
    assert english.startswith("*kawa* (noun) — Declension (Singular | Plural): Nominative: *kawa*")
    assert "Accusative: *kawę* | *kawy*" in english and "*kawą*" in english
    polish = ask("odmień kawa", engine, glossary, "pl")
    assert polish.startswith("kawa (rzeczownik) — Odmiana (Liczba pojedyncza | Liczba mnoga)")
    assert "Biernik: kawę | kawy" in polish
    assert ask("decline qwzxv", engine, glossary, "en").startswith("I don't know the word")
    question = word_question("odmień kawa")
    assert question is not None
    assert answer_word_question(question, explain_in="en", engine=None, glossary=glossary) is None


def test_the_english_in_a_polish_answer_is_its_own_part(
    engine: LanguageEngine, glossary: dict[str, str]
) -> None:
    """In Polish, the translations are English (lang=en: not read in the Polish voice, not
    clickable as Polish); in English, the Polish words are marked *like this*."""
    question = word_question("co znaczy zamek?")
    assert question is not None
    polish = word_answer_parts(question, explain_in="pl", engine=engine, glossary=glossary)
    assert polish is not None
    assert [(p.lang, p.text) for p in polish] == [
        ("pl", "„zamek” (rzeczownik) po angielsku:"),
        ("en", "castle, palace; lock; fastener, zip, zipper."),
    ]
    english = word_answer_parts(question, explain_in="en", engine=engine, glossary=glossary)
    assert english is not None and {p.lang for p in english} == {"en"}
    mam = word_answer_parts(
        word_question("co znaczy mam?"),  # type: ignore[arg-type]
        explain_in="pl",
        engine=engine,
        glossary=glossary,
    )
    assert mam is not None and [p.lang for p in mam] == ["pl", "en", "pl", "en"]
