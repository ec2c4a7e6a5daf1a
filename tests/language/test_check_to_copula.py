"""After *to* opening its clause, a singular past form of *być* takes the gender of the noun
it names: *To był dzień*, *To była zima*, *To było lato*. *To był zimny zima* → *To była
zimna zima*: the copula follows the noun, then the adjective agrees with both (main left the
sentence alone, its adjective agreeing with the copula). Explained in English and Polish.
Left alone: a noun of two genders or numbers (*pies*, *wina*: wino's plural too), a name, a
noun in -a after *było* that may be an instrumental with its ą left out (*To było zima*:
zimą, in winter; *To było dobra decyzja*: dobrą decyzją), a preposition's phrase, a plural."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("To był zimny zima.", "To była zimna zima.", "był", "była", "zima", "feminine"),
    ("To był zima.", "To była zima.", "był", "była", "zima", "feminine"),
    ("To była dzień.", "To był dzień.", "była", "był", "dzień", "masculine inanimate"),
    ("To była zimne lato.", "To było zimne lato.", "była", "było", "lato", "neuter"),
    ("To było dobry pomysł.", "To był dobry pomysł.", "było", "był", "pomysł", "masculine"),
    ("To był bardzo zimna zima.", "To była bardzo zimna zima.", "był", "była", "zima", "fem"),
]

CORRECT = [
    "To był zimny dzień.",
    "To była zimna zima.",
    "To było zimne lato.",
    "To była ciekawa książka.",
    "To był mój brat.",
    "To była moja mama.",
    "To było moje marzenie.",
    "To były piękne wakacje.",
    "To była dla mnie trudna decyzja.",
    "To był dla mnie szok.",
    "To było pięć lat temu.",
    "To było zimą.",
    "I to był błąd.",
    "To był dobry pomysł.",
]

LEFT = [
    "To było zima.",
    "To było dobra decyzja.",
    "To była pies.",
    "To był Anna.",
    "To była zima i lato.",
]


@pytest.mark.parametrize(("text", "corrected", "got", "expected", "noun", "gender"), PAIRS)
def test_the_copula_after_to_takes_the_nouns_gender(
    engine: LanguageEngine,
    text: str,
    corrected: str,
    got: str,
    expected: str,
    noun: str,
    gender: str,
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    issue = next(i for i in result.issues if i.got == got)
    assert issue.expected == expected
    assert issue.rule is not None and issue.rule.id == "agreement.past_gender"
    assert issue.explanation.startswith(
        f"After *to*, the past tense of *być* takes the gender of the noun that follows, "
        f"*{noun}* ({gender}"
    )
    polish = next(i for i in engine.check(text, explain_in="pl").issues if i.got == got)
    assert polish.explanation.startswith(
        f"Po *to* czasownik *być* w czasie przeszłym przyjmuje rodzaj rzeczownika, który po "
        f"nim następuje, *{noun}* (rodzaj "
    )


@pytest.mark.parametrize("text", CORRECT + LEFT)
def test_correct_and_unsure_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
