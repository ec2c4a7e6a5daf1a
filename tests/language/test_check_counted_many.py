"""A subject counted from five up takes a singular verb: *Pięć osób są w pokoju* → *jest*.

A numeral that takes the genitive (*pięć*, *dwadzieścia*, *kilka*, *dziesięciu* for men …) makes
a subject the verb agrees with in the 3rd person singular, neuter in the past (*przyszło*,
*było*). Corrected only where the counted phrase is surely the subject: opening its clause
right before a verb that takes no accusative, or after *być* with no other subject in the
clause. Left alone: a counted object (*Pięć jabłek zjedli chłopcy*), a counted time (*Mieszkali
tam pięć lat*), a numeral after a preposition (*tłumaczone na kilkanaście języków*), and the
numerals *dwa*–*cztery*, which take the plural (*Na stole są trzy książki*).

After a verb of its own (*Na stole leżą pięć książek* → *leży*) the counted phrase is taken for
the subject only where it can be nothing else: the clause's one verb, not negated, known to
take no accusative or genitive object (*Kupili pięć jabłek*, *Słuchali pięciu studentów*: objects),
not a verb of going (*Szli pięć kilometrów*), and a noun of no measure (*Leżą pięć metrów dalej*,
*Byli tam pięć razy*, *Trwały pięć minut*, *Są warte pięć złotych*; after a verb of its own, no
way either: *Mieszkają pięć przystanków stąd*), with no other subject in the clause (*Tu
mieszkają moi rodzice i pięć kotów*).
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
    ("W klasie są dziesięć studentów.", "W klasie jest dziesięciu studentów."),
    ("W parku były dużo ludzi.", "W parku było dużo ludzi."),
    ("W sklepie są dużo ludzi.", "W sklepie jest dużo ludzi."),
    ("W mieście są wiele parków.", "W mieście jest wiele parków."),
    ("W lodówce są kilka jajek.", "W lodówce jest kilka jajek."),
    # after a verb of its own
    ("Na stole leżą pięć książek.", "Na stole leży pięć książek."),
    ("Na stole leżą pięć nowych książek.", "Na stole leży pięć nowych książek."),
    ("Na ulicy stoją sześć samochodów.", "Na ulicy stoi sześć samochodów."),
    ("W domu mieszkają pięć osób.", "W domu mieszka pięć osób."),
    ("Na parkingu stały dziesięć aut.", "Na parkingu stało dziesięć aut."),
    ("W pokoju siedzą kilka osób.", "W pokoju siedzi kilka osób."),
    ("W ogrodzie rosną pięć drzew.", "W ogrodzie rośnie pięć drzew."),
    ("W bibliotece pracują kilka osób.", "W bibliotece pracuje kilka osób."),
    ("Na ścianie wiszą pięć obrazów.", "Na ścianie wisi pięć obrazów."),
    ("W autobusie siedziały dużo ludzi.", "W autobusie siedziało dużo ludzi."),
    ("W sali czekają dziesięć osób.", "W sali czeka dziesięć osób."),
    ("W sklepie pracowali pięciu sprzedawców.", "W sklepie pracowało pięciu sprzedawców."),
    ("W ogrodzie bawią się pięć dzieci.", "W ogrodzie bawi się pięć dzieci."),
    ("W domu mieszkają pięcioro dzieci.", "W domu mieszka pięcioro dzieci."),
    # nouns of a way are what there is after *być*
    ("W budynku są pięć pięter.", "W budynku jest pięć pięter."),
    ("Na trasie są pięć przystanków.", "Na trasie jest pięć przystanków."),
    ("W mieście są pięć tysięcy ludzi.", "W mieście jest pięć tysięcy ludzi."),
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
    "W klasie jest dziesięciu studentów.",
    "W parku było dużo ludzi.",
    "W parku jest dużo ludzi.",
    "Są dwie książki.",
    "Było pięć osób.",
    "Pięć osób przyszło.",
    "Dwie osoby przyszły.",
    "Przyszło pięć osób.",
    "Na stole leży pięć książek.",
    "Na stole leżą dwie książki.",
    "Na stole leżą książki.",
    "W klasie są trzy studentki.",
    "W domu mieszkają cztery osoby.",
    "W domu mieszka pięć osób.",
    "W sklepie pracowało pięciu sprzedawców.",
    "Są tam dwa koty.",
    "Byli tam dwaj studenci.",
    "Było tam dwóch studentów.",
    # the counted phrase after the verb is no subject: an object, a measure, or there is one
    "Mają pięć kotów.",
    "Kupili pięć jabłek.",
    "Widzieli dużo ludzi.",
    "Zjedli pięć ciastek.",
    "Tańczą pięć tańców.",
    "Wygrali pięć meczów.",
    "Słuchali pięciu studentów.",
    "Bali się pięciu psów.",
    "Nie było pięciu studentów.",
    "Mogą kupić pięć książek.",
    "Czekali pięć godzin.",
    "Śpią osiem godzin.",
    "Siedzą tam kilka godzin.",
    "Są tu kilka dni.",
    "Pracują tu pięć dni w tygodniu.",
    "Dzieci siedzą pięć godzin przed telewizorem.",
    "Dzieci śpiewają pięć piosenek.",
    "Trwały pięć minut.",
    "Są pięć minut od domu.",
    "Leżą tu od pięciu dni.",
    "Leżą pięć metrów dalej.",
    "Mieszkają pięć przystanków stąd.",
    "Przychodzą pięć razy w tygodniu.",
    "Szli pięć kilometrów.",
    "Jechali pięć stacji.",
    "Biegają pięć kilometrów.",
    "Biegają pięć okrążeń.",
    "Idą dziesięć minut.",
    "Ważą pięć kilo.",
    "Kosztują pięć złotych.",
    "Zarabiają pięć tysięcy.",
    "W klasie są studenci z pięciu krajów.",
    "Na stole leżą dwie książki i pięć długopisów.",
    "Tu mieszkają moi rodzice i pięć kotów.",
    "Do nich należy pięć firm.",
    "W ogrodzie bawi się pięcioro dzieci.",
    "Są warte pięć złotych.",
    "Byli tam pięć razy.",
    "Leżą pięć kroków ode mnie.",
    "Mieszkają pięć pięter wyżej.",
    "Uczą się pięć godzin dziennie.",
    "Spotykają się pięć razy w roku.",
    "Znają pięć języków.",
    "Uczą się pięciu języków.",
    "Boją się pięciu rzeczy.",
    "Rozmawiają z pięcioma osobami.",
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
