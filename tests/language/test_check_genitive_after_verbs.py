"""The genitive a learner forgets: *nikt* as a negated verb's object (*Nie znam nikt* →
*nikogo*; *Nie mam nic*, *Nikt nie przyszedł* stay), the objects after *ani … ani* (*Nie lubię
ani kawa, ani herbata* → *ani kawy, ani herbaty*), verbs of the genitive (*Potrzebuję czas* →
*czasu*, *Nienawidzę poniedziałki* → *poniedziałków*), a verb of the genitive and the dative
with the dative said (*Życzę ci szczęście* → *szczęścia*), and *za* + the accusative after
*dziękować*, *przepraszać*, *płacić* (*Dziękuję za pomocy* → *za pomoc*; *za domem*, *za
tydzień*, *za młodu* stay). The labelled sentences are
``tests/fixtures/language/genitive_after_verbs.yaml``. Real Morfeusz throughout."""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine
from tests.support.labelled import (
    assert_corrected_or_waits,
    assert_labelled,
    assert_left_alone,
    labelled,
)

WRONG, CORRECT = labelled("genitive_after_verbs.yaml")


def test_the_fixture_is_labelled() -> None:
    assert_labelled(WRONG, CORRECT, (90, 150))


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_a_learners_error_is_corrected_or_waits(
    engine: LanguageEngine, entry: dict[str, str]
) -> None:
    assert_corrected_or_waits(engine, entry)


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_sentence_stays(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


# (learner's sentence, the changes, rule, English, Polish): each change's reason, in both
# languages (one reason for each word; the second of *ani … ani* has the first's)
REASONS = [
    ("Nie znam nikt.", [("nikt", "nikogo")], "case.negation",
     "After a negated verb (*Nie znam*) the object is in the Genitive, not the Accusative: "
     "*nikt* → *nikogo*.",
     "Po czasowniku z przeczeniem (*Nie znam*) dopełnienie stoi w dopełniaczu, a nie w "
     "bierniku: *nikt* → *nikogo*."),
    ("Nie mogę znaleźć nikt.", [("nikt", "nikogo")], "case.negation",
     "After a negated verb (*Nie mogę znaleźć*) the object is in the Genitive, not the "
     "Accusative: *nikt* → *nikogo*.",
     "Po czasowniku z przeczeniem (*Nie mogę znaleźć*) dopełnienie stoi w dopełniaczu, a nie w "
     "bierniku: *nikt* → *nikogo*."),
    ("Nie pomagam nikt.", [("nikt", "nikomu")], "case.verb_government",
     "The verb *pomagać* (here *pomagam*) takes the Dative: *nikt* → *nikomu*.",
     "Czasownik *pomagać* łączy się z celownikiem: *nikt* → *nikomu*."),
    ("Nie piję ani kawa, ani herbata.", [("kawa", "kawy"), ("herbata", "herbaty")],
     "case.negation",
     "After a negated verb (*Nie piję*) the object is in the Genitive, not the Accusative: "
     "*kawa* → *kawy*.",
     "Po czasowniku z przeczeniem (*Nie piję*) dopełnienie stoi w dopełniaczu, a nie w "
     "bierniku: *kawa* → *kawy*."),
    ("Dziękuję za pomocy.", [("pomocy", "pomoc")], "case.preposition",
     "The verb *dziękować* takes *za* with the Accusative: *pomocy* → *pomoc*.",
     "Czasownik *dziękować* łączy się z przyimkiem *za* i biernikiem (za co?): *pomocy* → "
     "*pomoc*."),
    ("Zapłaciłem za obiadu.", [("obiadu", "obiad")], "case.preposition",
     "The verb *zapłacić* takes *za* with the Accusative: *obiadu* → *obiad*.",
     "Czasownik *zapłacić* łączy się z przyimkiem *za* i biernikiem (za co?): *obiadu* → "
     "*obiad*."),
    ("Wziąłem się za pracy.", [("pracy", "pracę")], "case.preposition",
     "The verb *wziąć się* takes *za* with the Accusative: *pracy* → *pracę*.",
     "Czasownik *wziąć się* łączy się z przyimkiem *za* i biernikiem (za co?): *pracy* → "
     "*pracę*."),
    ("Nie zna ani polski, ani angielski.",
     [("polski", "polskiego"), ("angielski", "angielskiego")], "case.negation",
     "After a negated verb (*Nie zna*) the object is in the Genitive, not the Accusative: "
     "*polski* → *polskiego*.",
     "Po czasowniku z przeczeniem (*Nie zna*) dopełnienie stoi w dopełniaczu, a nie w "
     "bierniku: *polski* → *polskiego*."),
    ("Życzę ci szczęście.", [("szczęście", "szczęścia")], "case.verb_government",
     "The verb *życzyć* (here *Życzę*) takes the Genitive: *szczęście* → *szczęścia*.",
     "Czasownik *życzyć* łączy się z dopełniaczem: *szczęście* → *szczęścia*."),
    ("Potrzebuję czas.", [("czas", "czasu")], "case.verb_government",
     "The verb *potrzebować* (here *Potrzebuję*) takes the Genitive: *czas* → *czasu*.",
     "Czasownik *potrzebować* łączy się z dopełniaczem: *czas* → *czasu*."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "changes", "rule", "english", "polish"), REASONS)
def test_the_reason_is_given_in_both_languages(
    engine: LanguageEngine,
    text: str,
    changes: list[tuple[str, str]],
    rule: str,
    english: str,
    polish: str,
) -> None:
    for lang, explanation in (("en", english), ("pl", polish)):
        result = engine.check(text, explain_in=lang)  # type: ignore[arg-type]
        assert [(i.got, i.expected) for i in result.issues] == changes
        assert all(i.rule is not None and i.rule.id == rule for i in result.issues)
        assert result.issues[0].explanation == explanation
