"""Going by a vehicle is riding: *Idę do pracy autobusem* → *Jadę*.

A verb of going on foot (*iść*, *pójść*, *chodzić*, *przyjść*, *wyjść*, *dojść*) with a vehicle in
the bare instrumental in its clause (*autobusem*, *samochodem*, *rowerem*, *taksówką* …) becomes
the verb of riding in the same form (*jechać*, *pojechać*, *jeździć*, *przyjechać* …); by plane,
of flying (*lecieć*). Left alone: a vehicle after a preposition (*z rowerem*, *za autobusem*), a
vehicle that goes with another verb of the sentence, and verbs that are not of going on foot
(*Wróciłem samochodem*). The explanation names both verbs, in a lesson's comparison too.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Idę do pracy autobusem.", "Jadę do pracy autobusem."),
    ("Codziennie chodzę do pracy rowerem.", "Codziennie jeżdżę do pracy rowerem."),
    ("Wczoraj poszłam do kina taksówką.", "Wczoraj pojechałam do kina taksówką."),
    ("Szedłem do domu tramwajem.", "Jechałem do domu tramwajem."),
    ("Przyszedłem do szkoły samochodem.", "Przyjechałem do szkoły samochodem."),
    ("Idę do Londynu samolotem.", "Lecę do Londynu samolotem."),
    ("Jutro pójdziemy nad morze pociągiem.", "Jutro pojedziemy nad morze pociągiem."),
    ("Idź metrem, będzie szybciej.", "Jedź metrem, będzie szybciej."),
]

CORRECT = [
    "Jadę do pracy autobusem.",
    "Idę z rowerem do sklepu.",
    "Biegnę za autobusem.",
    "Idę do domu pieszo.",
    "Wróciłem samochodem.",
    "Idę na przystanek, a potem jadę autobusem.",
    "Poszedłem do garażu, bo samochodem nie jeżdżę.",
    "Idę do pracy, a Marek jedzie samochodem.",
    "Możesz chodzić do pracy pieszo zamiast jeździć samochodem.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_walking_verb_with_a_vehicle_becomes_riding(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.explanation.startswith("Travelling by vehicle (")


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_explained_with_both_verbs(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Codziennie chodzę do pracy rowerem.").issues
    assert issue.explanation == (
        "Travelling by vehicle (*rowerem*) is *jeździć*, not *chodzić* (on foot): "
        "*chodzę* → *jeżdżę*."
    )
    (issue,) = engine.check("Idę do Londynu samolotem.", explain_in="pl").issues
    assert issue.explanation == (
        "Podróż pojazdem (*samolotem*) to *lecieć*, a nie *iść* (pieszo): *Idę* → *Lecę*."
    )


def test_lesson_answer_on_foot(engine: LanguageEngine) -> None:
    result = engine.compare("Jadę do pracy autobusem.", "Idę do pracy autobusem.")
    (issue,) = result.issues
    assert issue.expected == "Jadę" and issue.got == "Idę"
    assert issue.explanation.startswith("Travelling by vehicle (*autobusem*) is *jechać*")
