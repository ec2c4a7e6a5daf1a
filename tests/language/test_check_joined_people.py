"""Two people joined by *i* are one plural subject: *Marek i Ola mieszka* → *mieszkają*.

The verb right after two nouns joined by *i* at the start of their clause is plural. Both nouns
surely in the nominative, or both people (first names, nouns for people) with one of them
surely nominative: joined, they share their case (*Marek* may also be a woman's surname in any
case; *Ola* is only the nominative). *być* alone is made plural before a place (*jest w domu*)
or before a predicate already plural (*jest zmęczeni*, *jest lekarkami*); before one in the
singular (*jest zmęczony*) more would have to change, and it is left. Left alone: the subject
after the verb (*Na stole jest chleb i masło*: the verb may agree with the nearest), two things
that may be the object (*Chleb i masło kupił Marek*), *albo* / *lub* (one or the other:
singular), *ja* among them (*Ola i ja mieszkamy*), a verb already plural.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Marek i Ola mieszka w Krakowie.", "Marek i Ola mieszkają w Krakowie.", "Marek i Ola"),
    ("Marek i Ola jest zmęczeni.", "Marek i Ola są zmęczeni.", "Marek i Ola"),
    ("Moja mama i mój tata pracuje.", "Moja mama i mój tata pracują.", "Moja mama i mój tata"),
    ("Ola i Marek mieszka w Warszawie.", "Ola i Marek mieszkają w Warszawie.", "Ola i Marek"),
    ("Tomek i Ola pracował w banku.", "Tomek i Ola pracowali w banku.", "Tomek i Ola"),
    ("Marek i Ola lubi kawę.", "Marek i Ola lubią kawę.", "Marek i Ola"),
    ("Ania i Kasia jest zmęczone.", "Ania i Kasia są zmęczone.", "Ania i Kasia"),
    ("Ania i Kasia jest lekarkami.", "Ania i Kasia są lekarkami.", "Ania i Kasia"),
    ("Marek i Ola jest bardzo zmęczeni.", "Marek i Ola są bardzo zmęczeni.", "Marek i Ola"),
    ("Piotr i jego żona ma dom.", "Piotr i jego żona mają dom.", "Piotr i jego żona"),
]

# wrong, but more than the verb would have to change: left as written for now
WAITS = [
    "Ania i Kasia jest zmęczony.",
]

CORRECT = [
    "Marek i Ola mieszkają w Krakowie.",
    "Na stole jest chleb i masło.",
    "W domu mieszka Marek i Ola.",
    "Rozmawia Ola i Marek.",
    "Ola i ja mieszkamy w Krakowie.",
    "Mama albo tata przyjdzie.",
    "Mama lub tata odbierze dziecko.",
    "Chleb i masło kupił Marek.",
    "Mamę i tatę kocha Ola.",
    "Marek i Ola są zmęczeni.",
    "Ania i Kasia są lekarkami.",
    "Marek i Ola to moi przyjaciele.",
    "Tomek i Ola pracowali w banku.",
]


@pytest.mark.parametrize(("text", "corrected", "subject"), PAIRS)
def test_a_singular_verb_after_two_people(
    engine: LanguageEngine, text: str, corrected: str, subject: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "agreement.subject_verb"
    assert issue.explanation.startswith(f"The verb agrees with its subject *{subject}* (3rd ")
    assert "plural" in issue.explanation
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(f"Czasownik zgadza się z podmiotem *{subject}* (3. ")
    assert "liczby mnogiej" in issue.explanation


@pytest.mark.parametrize("text", WAITS)
def test_more_to_change_waits(engine: LanguageEngine, text: str) -> None:
    assert engine.check(text).corrected == text


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
