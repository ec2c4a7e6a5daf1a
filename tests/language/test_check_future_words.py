"""A word of the future before a past verb puts it in the future: *Jutro zrobiłem* → *zrobię*.

*jutro*, *pojutrze*, *w przyszłym tygodniu* / *w przyszłą sobotę* … before a past-tense verb of
its clause (no other verb between): a perfective takes its simple future in the same person and
number (*poszłam* → *pójdę*), *być* its future (*byli* → *będą*). The explanation names the
whole phrase of time. Left alone: imperfective verbs (their future is two words), the word of
the future after the verb or after a preposition (*Kupiłem bilet na jutro*: what the past act
was for), another clause's verb (*Wczoraj powiedziałem, że jutro przyjdę*), a conditional, a
modal before an infinitive (*Jutro miał przyjść*), and *wkrótce*, *niedługo*, which a story in
the past takes too.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Jutro zrobiłem zadanie domowe.", "Jutro zrobię zadanie domowe.", "*Jutro*"),
    ("Jutro poszłam do lekarza.", "Jutro pójdę do lekarza.", "*Jutro*"),
    ("Pojutrze kupiłam bilety.", "Pojutrze kupię bilety.", "*Pojutrze*"),
    ("Jutro rano zadzwoniłem do ciebie.", "Jutro rano zadzwonię do ciebie.", "*Jutro*"),
    ("Jutro byli u nas goście.", "Jutro będą u nas goście.", "*Jutro*"),
    ("Jutro byłem w pracy.", "Jutro będę w pracy.", "*Jutro*"),
    (
        "W przyszłym tygodniu pojechaliśmy do Berlina.",
        "W przyszłym tygodniu pojedziemy do Berlina.",
        "*W przyszłym tygodniu*",
    ),
    (
        "W przyszłą sobotę byliśmy w kinie.",
        "W przyszłą sobotę będziemy w kinie.",
        "*W przyszłą sobotę*",
    ),
]

CORRECT = [
    "Kupiłem bilet na jutro.",
    "Zostawiłem to na jutro.",
    "Zapisałem się na kurs w przyszłym semestrze.",
    "Przełożyłem spotkanie na przyszły tydzień.",
    "Powiedział, że jutro przyjdzie.",
    "Wczoraj powiedziałem, że jutro przyjdę.",
    "Jutro powiem ci, co zrobiłem.",
    "Jutro zrobiłbym to chętnie.",
    "Jutro miał przyjść Marek.",
    "Wkrótce potem wyjechał do Francji.",
    "Niedługo potem wróciłem do domu.",
    "Jutro będę w pracy.",
    "Od jutra zacząłem nową pracę.",
    "W przyszłym tygodniu pojedziemy do Berlina.",
]


@pytest.mark.parametrize(("text", "corrected", "phrase"), PAIRS)
def test_a_past_verb_after_a_word_of_the_future(
    engine: LanguageEngine, text: str, corrected: str, phrase: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "tense.context"
    assert issue.explanation.startswith(f"{phrase} is about the future, so use the ")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(f"{phrase} wskazuje na przyszłość")


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
