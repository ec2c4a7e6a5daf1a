"""Stop 32 (l32a): a phrase after a preposition left in the nominative, where the form is
also another case's or the preposition has two cases: a man's first name (*z Tomek*: Morfeusz
also reads *tomek* as the genitive plural of *tomka*), *z* meaning "with" (*kawa z mleko*, *z
moja rodzina*), *nad*, *pod*, *przed*, *między* for where something is (*Mieszkamy nad
morze*) and a personal pronoun (*dla ty* → *dla ciebie*, *z on* → *z nim*). The labelled
sentences are ``tests/fixtures/language/preposition_phrases.yaml``; precision first: where
the other reading is as likely, check waits. Real Morfeusz throughout.
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

WRONG, CORRECT = labelled("preposition_phrases.yaml")


def test_the_fixture_is_labelled() -> None:
    assert_labelled(WRONG, CORRECT, (100, 200))


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_a_phrase_in_the_wrong_case_after_a_preposition(
    engine: LanguageEngine, entry: dict[str, str]
) -> None:
    assert_corrected_or_waits(engine, entry)


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_phrase_after_a_preposition_stays(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


# (learner's sentence, the change, English, Polish): the meaning that picks the case is named;
# for nad, pod, przed, między only that the accusative is for movement (the instrumental may be a
# place, a time or a state: pod łóżkiem, przed obiadem, pod wrażeniem)
SENSES = [
    ("Kawa z mleko.", ("mleko", "mlekiem"),
     "The preposition *z* meaning “with, together with” takes the Instrumental (meaning “from” "
     "or “made of”, the Genitive): *mleko* → *mlekiem*.",
     "Przyimek *z* w znaczeniu „razem z” łączy się z narzędnikiem (w znaczeniu „skąd?” lub "
     "„z czego?” – z dopełniaczem): *mleko* → *mlekiem*."),
    ("Rozmawiam z Tomek.", ("Tomek", "Tomkiem"), "“with, together with”", "„razem z”"),
    ("Kot śpi pod łóżko.", ("łóżko", "łóżkiem"),
     "After *pod* use the Instrumental here (where?), because the verb *spać* shows no "
     "movement toward a place; the Accusative is for movement (where to?): *łóżko* → *łóżkiem*.",
     "Po przyimku *pod* używamy tu narzędnika (gdzie?), bo czasownik *spać* nie wyraża ruchu w "
     "jakieś miejsce; biernika używamy przy ruchu (dokąd?): *łóżko* → *łóżkiem*."),
    ("Czekam przed kino.", ("kino", "kinem"), "the Accusative is for movement", "„dokąd?”"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "english", "polish"), SENSES)
def test_the_explanation_names_the_meaning_that_picks_the_case(
    engine: LanguageEngine, text: str, change: tuple[str, str], english: str, polish: str
) -> None:
    for lang, words in (("en", english), ("pl", polish)):
        issues = engine.check(text, explain_in=lang).issues
        issue = next(i for i in issues if (i.got, i.expected) == change)
        assert issue.rule is not None and issue.rule.id == "case.preposition"
        assert words in issue.explanation


# (learner's sentence, the change, the explanation): *Tomek* is also the plural genitive of
# *tomka*, *Paweł* of the name *Pawła* (main explained *u Pawła* as a nominative)
NAMES = [
    ("Dostałem prezent od Tomek.", ("Tomek", "Tomka"),
     "After *od* use the Genitive: *Tomek* → *Tomka*."),
    ("Jestem u Paweł.", ("Paweł", "Pawła"), "After *u* use the Genitive: *Paweł* → *Pawła*."),
    ("Pytała o Piotr.", ("Piotr", "Piotra"),
     "After *o* use the Accusative here: *Piotr* → *Piotra*."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "explanation"), NAMES)
def test_a_mans_name_takes_the_prepositions_case(
    engine: LanguageEngine, text: str, change: tuple[str, str], explanation: str
) -> None:
    issue = engine.check(text).issues[0]
    assert (issue.got, issue.expected, issue.explanation) == (*change, explanation)


def test_the_polish_letters_are_noted_when_the_new_case_differs_only_by_them(
    engine: LanguageEngine,
) -> None:
    """*z moja rodzina*: the learner may have meant the instrumental and left out the letters;
    the note says that the two spellings are two forms, as for *z Ania*."""
    result = engine.check("Idę z moja rodzina.")
    assert result.corrected == "Idę z moją rodziną."
    noun = next(i for i in result.issues if i.got == "rodzina")
    assert "with and without the Polish letter these are different forms" in noun.explanation


# (learner's sentence, the change, the explanation): the pronoun's form after a preposition
PRONOUNS = [
    ("To jest dla ty.", ("ty", "ciebie"), "After *dla* use the Genitive: *ty* → *ciebie*."),
    ("Byłem u on wczoraj.", ("on", "niego"), "After *u* use the Genitive: *on* → *niego*."),
    ("Jeden z my musi iść.", ("my", "nas"), "After *z* use the Genitive here: *my* → *nas*."),
    ("Tęsknię za ty.", ("ty", "tobą"), "After *za* use the Instrumental here: *ty* → *tobą*."),
]


@pytest.mark.parametrize(("text", "change", "explanation"), PRONOUNS)
def test_a_pronoun_after_a_preposition_takes_its_case(
    engine: LanguageEngine, text: str, change: tuple[str, str], explanation: str
) -> None:
    """The case of the preposition, of *z* after a word of quantity (of us: the genitive), or
    of the verb's frame (*tęsknić za* + the instrumental)."""
    issue = engine.check(text).issues[0]
    assert (issue.got, issue.expected, issue.explanation) == (*change, explanation)
