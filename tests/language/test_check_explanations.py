"""Explanations read as a teacher would (issue 14): the rule each names must be true, its
trigger the word that asks for the form, and where the engine cannot tell which form was
meant it leaves the word alone rather than teach a false reason. Real Morfeusz throughout.
"""

from __future__ import annotations

import re

from polish_tutor.language import LanguageEngine


def test_a_verbs_own_preposition_names_the_case_of_its_frame(engine: LanguageEngine) -> None:
    """*uznać za* + the accusative: *żywiciela* is also a genitive (za takes one in *za
    czasów*), but after *uznać za* the phrase is accusative, so the adjective is not said to
    agree with a genitive."""
    for text in (
        "Można w takim wypadku uznać za jedyne żywiciela rodziny.",
        "Uznali go za jedyne żywiciela rodziny.",
    ):
        for lang in ("en", "pl"):
            issue = next(i for i in engine.check(text, explain_in=lang).issues)
            assert (issue.got, issue.expected) == ("jedyne", "jedynego")
            assert "Genitive" not in issue.explanation
            assert "dopełniacz" not in issue.explanation
    # the genitive of za's own (time) meaning is still the genitive
    issue = engine.check("Za moje czasów tak nie było.").issues[0]
    assert (issue.got, issue.expected) == ("moje", "moich")
    assert "Accusative" not in issue.explanation


def test_a_word_that_is_two_verb_forms_with_a_tail_is_left_alone(engine: LanguageEngine) -> None:
    """*byłowi*: *był* + the noun ending *-owi*, or *było* with a slip (*gdyby tak nie
    było*); the engine cannot tell which, so it corrects neither. A verb form with only
    one reading of its tail is still corrected."""
    result = engine.check("Zdziwiłbym się, gdyby tak nie byłowi.")
    assert not any(i.got == "byłowi" and i.expected == "był" for i in result.issues)
    assert "nie był." not in result.corrected
    znal = engine.check("On znału ten dom.")
    assert znal.corrected == "On znał ten dom."


def test_a_verb_with_a_slip_is_not_given_a_nouns_case(engine: LanguageEngine) -> None:
    """*Unię szlag trafa*: the clause's verb *trafia* with a letter left out, not a form of the
    noun *traf* with a wrong ending (*trafu*); a noun's wrong ending in a clause with its
    verb is still corrected."""
    result = engine.check("Prędzej czy później Unię szlag trafa.")
    assert "trafu" not in result.corrected
    assert not any(i.rule is not None and i.rule.id.startswith("ending") for i in result.issues)
    sklep = engine.check("Idę do sklepa.")
    assert sklep.corrected == "Idę do sklepu."
    assert sklep.issues[0].rule is not None and sklep.issues[0].rule.id == "ending.declension"


def test_the_plural_genders_are_named_one_way_in_english(engine: LanguageEngine) -> None:
    """ "masculine personal" (as the issue names it) for men, "non-masculine-personal" for the
    rest of the plural: never "masculine-personal" in one explanation and "masculine
    personal" in another."""
    texts = ("Oni poszły do kina.", "Moje koledzy są mili.", "Te koleżanki byli w domu.")
    seen = []
    for text in texts:
        for issue in engine.check(text).issues:
            seen.append(issue.explanation)
            assert not re.search(r"(?<!non-)masculine-personal", issue.explanation)
    assert any("(masculine personal)" in e for e in seen)
