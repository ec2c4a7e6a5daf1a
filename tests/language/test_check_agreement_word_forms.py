"""Agreement and word forms in learners' sentences (stop 35, helper l35b): the labelled
sentences of ``tests/fixtures/language/agreement_word_forms.yaml`` (adjectives, determiners and
the past tense of masculine personal plurals, numbers and the verb after a counted subject, the
verb's person, polite address, names and Polish letters), and the rules they led to, each with
the correct sentences around it that stay. Precision first: where the other reading is as
likely, check waits. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import (
    assert_corrected_or_waits,
    assert_labelled,
    assert_left_alone,
    labelled,
)

WRONG, CORRECT = labelled("agreement_word_forms.yaml")


def test_the_fixture_is_labelled() -> None:
    assert len(WRONG) + len(CORRECT) >= 150
    assert_labelled(WRONG, CORRECT, (1, 1))


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_a_learners_error_is_corrected(engine: LanguageEngine, entry: dict[str, str]) -> None:
    assert_corrected_or_waits(engine, entry)


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_sentence_stays(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


# A determiner or possessive before a masculine personal plural (its plural is ci, moi, nasi):
# named as such in both languages
DETERMINERS = [
    ("Ten studenci są zmęczeni.", ("Ten", "Ci"), "(masculine personal, plural)",
     "(rodzaj męskoosobowy, liczba mnoga)"),
    ("Te studenci są zmęczeni.", ("Te", "Ci"), "(masculine personal)", "(rodzaj męskoosobowy)"),
    ("Moje rodzice mieszkają w Krakowie.", ("Moje", "Moi"), "(masculine personal)",
     "(rodzaj męskoosobowy)"),
    ("Mój rodzice są w domu.", ("Mój", "Moi"), "(masculine personal, plural)",
     "(rodzaj męskoosobowy, liczba mnoga)"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "en", "pl"), DETERMINERS)
def test_a_determiner_agrees_with_a_masculine_personal_plural(
    engine: LanguageEngine, text: str, change: tuple[str, str], en: str, pl: str
) -> None:
    (issue,) = engine.check(text).issues
    assert (issue.got, issue.expected) == change
    assert issue.rule is not None and issue.rule.id == "agreement.adjective"
    assert en in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert pl in issue.explanation


# Left alone: te for tę as most people say it, a postposed demonstrative of the noun before it,
# an interjection before a vocative, the preposition temu (ago), a depreciative meant
DETERMINERS_LEFT = [
    "Źle chyba wbijali te skrzynię.",
    "Artykułach te pracownicy kupują za własne pieniądze.",
    "Dobra ludzie, teraz brawa.",
    "Jeszcze sto lat temu astronomowie wiązali z nim nadzieje.",
    "Krew, pot i łzy, i w tym wszystkim osoba komornika.",
]


@pytest.mark.parametrize("text", DETERMINERS_LEFT)
def test_a_word_that_is_not_the_nouns_determiner_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert not any(i.rule and i.rule.id == "agreement.adjective" for i in result.issues)


# A number that governs the genitive plural (pięć, kilka, dwóch, pięciu) makes a subject with a
# verb in the 3rd person singular (a past form neuter)
COUNTED = [
    ("Pięć osób przyszły na spotkanie.", ("przyszły", "przyszło"), "Pięć osób"),
    ("Dwóch studentów przyszli.", ("przyszli", "przyszło"), "Dwóch studentów"),
    ("Kilka osób czekają na autobus.", ("czekają", "czeka"), "Kilka osób"),
    ("Dziesięć osób pracują w biurze.", ("pracują", "pracuje"), "Dziesięć osób"),
]


@pytest.mark.parametrize(("text", "change", "subject"), COUNTED)
def test_a_counted_genitive_subject_takes_the_singular(
    engine: LanguageEngine, text: str, change: tuple[str, str], subject: str
) -> None:
    (issue,) = engine.check(text).issues
    assert (issue.got, issue.expected) == change
    assert issue.rule is not None and issue.rule.id == "agreement.subject_verb"
    assert f"its subject *{subject}* (3rd person singular, like *ono*)" in issue.explanation


COUNTED_LEFT = [
    "Pięć osób przyszło na spotkanie.",
    "Pięć książek kupili w księgarni.",  # the object: they bought five books
    "Wiele osób mówi po angielsku.",
    "Pięć minut później przyszli.",  # how long, not who
    "Dwie godziny czekali na autobus.",
    "Trzy dni pracowali w ogrodzie.",
    "Dwaj studenci przyszli.",
]


@pytest.mark.parametrize("text", COUNTED_LEFT)
def test_a_counted_phrase_that_is_no_subject_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# A name in its own spelling keeps it (a foreign one, one after a person's title that our
# letters would make a place); a Polish one gets its letters
NAMES_KEPT = [
    "Wladimir mieszka w Moskwie.",
    "To na razie wszystko, Wladimir.",
    "Mikhail jest moim kolegą.",
    "Byłem u pana Kozlu.",
    "Moja koleżanka Ales jest z Białorusi.",
]
NAMES_LETTERED = [
    ("Kaczynski był premierem.", "Kaczyński był premierem."),
    ("Lukasz mieszka w Krakowie.", "Łukasz mieszka w Krakowie."),
    ("Malgorzata jest moją siostrą.", "Małgorzata jest moją siostrą."),
]


@pytest.mark.parametrize("text", NAMES_KEPT)
def test_a_name_in_its_own_spelling_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


@pytest.mark.parametrize(("text", "corrected"), NAMES_LETTERED)
def test_a_polish_name_gets_its_letters(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


def test_no_verbs_person_right_after_a_verb(engine: LanguageEngine) -> None:
    # jedza: jedzą (they eat) is a verb's person, which does not follow jest; jędza and jędzą
    # are as likely as each other: left alone
    assert engine.check("To jest jedza.").corrected == "To jest jedza."
    assert engine.check("Oni jedza obiad.").corrected == "Oni jedzą obiad."


def test_men_counted_by_two_to_four_are_not_said_to_be_five(engine: LanguageEngine) -> None:
    # dwóch, trzech, czterech take the genitive like pięć, but are no number from five up
    (issue,) = engine.check("Dwóch studentów przyszli.").issues
    assert "Men counted with *dwóch*, *trzech*, *czterech* (with the Genitive)" in issue.explanation
    assert "from five up" not in issue.explanation
    (issue,) = engine.check("Trzech panów siedzieli przy stole.", explain_in="pl").issues
    assert "liczymy mężczyzn liczebnikiem *dwóch*, *trzech*, *czterech*" in issue.explanation
    (issue,) = engine.check("Pięć osób przyszły na spotkanie.").issues
    assert "A subject with a number from five up" in issue.explanation
