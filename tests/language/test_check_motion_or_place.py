"""Stop 36 (l36b): where to or where. After *w*, *na*, *za*, *nad*, *pod*, *przed* the verb
decides the case: a verb of going toward a place takes the accusative (*Idę na poczcie* →
*na pocztę*, *Pojechałam za granicą* → *za granicę*), a verb of being somewhere the locative or
the instrumental (*Mieszkam w Warszawę* → *w Warszawie*, *Siedzę pod lampę* → *pod lampą*);
*do* takes the genitive (*Idę do szkoła* → *do szkoły*). The explanation names the verb and
what it says. The labelled sentences are ``tests/fixtures/language/motion_or_place.yaml``;
precision first: where the verb may name the moving itself, done somewhere (*Idę na dworcu do
kasy*, *Jadę w górach*), check waits. Real Morfeusz throughout.
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

WRONG, CORRECT = labelled("motion_or_place.yaml")


def test_the_fixture_is_labelled() -> None:
    assert_labelled(WRONG, CORRECT, (60, 140))


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_the_case_of_where_to_or_where(engine: LanguageEngine, entry: dict[str, str]) -> None:
    assert_corrected_or_waits(engine, entry)


@pytest.mark.parametrize("text", CORRECT)
def test_a_right_sentence_stays(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


# (learner's sentence, the change, English, Polish): the verb and what it says are named
REASONS = [
    ("Idę na poczcie.", ("poczcie", "pocztę"),
     "After *na* use the Accusative here (where to?), because the verb *iść* shows movement "
     "toward a place; the Locative is for where someone or something is (where?): *poczcie* → "
     "*pocztę*.",
     "Po przyimku *na* używamy tu biernika (dokąd?), bo czasownik *iść* wyraża ruch w jakieś "
     "miejsce; miejscownika używamy, gdy mówimy, gdzie ktoś lub coś jest (gdzie?): *poczcie* → "
     "*pocztę*."),
    ("Pojechałam za granicą na studia.", ("granicą", "granicę"),
     "the Instrumental is for where someone or something is (where?)",
     "narzędnika używamy, gdy mówimy, gdzie ktoś lub coś jest"),
    ("Mieszkam w Warszawę.", ("Warszawę", "Warszawie"),
     "After *w* use the Locative here (where?), because the verb *mieszkać* shows no movement "
     "toward a place; the Accusative is for movement (where to?): *Warszawę* → *Warszawie*.",
     "Po przyimku *w* używamy tu miejscownika (gdzie?), bo czasownik *mieszkać* nie wyraża "
     "ruchu w jakieś miejsce; biernika używamy przy ruchu (dokąd?): *Warszawę* → *Warszawie*."),
    ("Byłem na pocztę.", ("pocztę", "poczcie"), "because the verb *być* shows no movement",
     "bo czasownik *być* nie wyraża ruchu"),
    ("Siedzę pod lampę.", ("lampę", "lampą"), "After *pod* use the Instrumental here (where?)",
     "Po przyimku *pod* używamy tu narzędnika (gdzie?)"),
    ("Mieszkamy między bank a poczta.", ("poczta", "pocztą"), "the verb *mieszkać*",
     "czasownik *mieszkać*"),
    ("Urodziłem się w Kraków.", ("Kraków", "Krakowie"), "the verb *urodzić się*",
     "czasownik *urodzić się*"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "english", "polish"), REASONS)
def test_the_explanation_names_the_verb_and_what_it_says(
    engine: LanguageEngine, text: str, change: tuple[str, str], english: str, polish: str
) -> None:
    for lang, words in (("en", english), ("pl", polish)):
        issues = engine.check(text, explain_in=lang).issues
        issue = next(i for i in issues if (i.got, i.expected) == change)
        assert issue.rule is not None and issue.rule.id == "case.preposition"
        assert words in issue.explanation


def test_the_place_is_read_as_the_place_not_a_look_alike(engine: LanguageEngine) -> None:
    """*poczcie* is also the locative of *poczet* (a retinue): the place one goes to is poczta."""
    assert engine.check("Idę na poczcie.").corrected == "Idę na pocztę."
