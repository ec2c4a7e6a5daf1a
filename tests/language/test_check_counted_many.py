"""A subject counted from five up takes a singular verb: *Pięć osób są w pokoju* → *jest*.

A numeral that takes the genitive (*pięć*, *dwadzieścia*, *kilka*, *dziesięciu* for men …) makes
a subject the verb agrees with in the 3rd person singular, neuter in the past (*przyszło*,
*było*). Corrected only where the counted phrase is surely the subject: opening its clause
right before a verb that takes no accusative, or after *być* with no other subject in the
clause. Left alone: a counted object (*Pięć jabłek zjedli chłopcy*), a counted time (*Mieszkali
tam pięć lat*), a numeral after a preposition (*tłumaczone na kilkanaście języków*), and the
numerals *dwa*–*cztery*, which take the plural (*Na stole są trzy książki*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("W pokoju są pięć osób.", "W pokoju jest pięć osób."),
    ("W pokoju są dwadzieścia osoby.", "W pokoju jest dwadzieścia osób."),
    ("Pięć osób są w pokoju.", "Pięć osób jest w pokoju."),
    ("W klasie byli dziesięć studentów.", "W klasie było dziesięciu studentów."),
    ("Dziesięciu studentów przyszli na zajęcia.", "Dziesięciu studentów przyszło na zajęcia."),
    ("Kilka osób czekali na autobus.", "Kilka osób czekało na autobus."),
]

CORRECT = [
    "W pokoju jest pięć osób.",
    "Przyszło pięciu studentów.",
    "Pięć jabłek zjedli chłopcy.",
    "Mieszkali tam pięć lat.",
    "Byli tam pięć dni.",
    "Oni są tu od pięciu dni.",
    "Studenci czekali pięć godzin.",
    "Moi rodzice mają pięć kotów.",
    "Na stole są trzy książki.",
    "W Polsce są miliony ludzi.",
    "Listy były tłumaczone na kilkanaście języków.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_verb_of_a_subject_counted_from_five_is_singular(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    verb = [
        i for i in result.issues if i.rule is not None and i.rule.id == "agreement.subject_verb"
    ]
    assert len(verb) == 1
    assert "3rd person singular" in verb[0].explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_explained_with_the_rule_of_five(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Kilka osób czekali na autobus.").issues
    assert issue.explanation.endswith(
        "A subject with a number from five up (also *kilka*, *wiele*) takes a singular verb, "
        "neuter in the past tense (*przyszło*)."
    )
    (issue,) = engine.check("Pięć osób są w pokoju.", explain_in="pl").issues
    assert "Gdy w podmiocie jest liczebnik od *pięć* w górę" in issue.explanation
