"""What governs a case or a fixed phrase: a verb's object (*Pomagam moja mama* → *mojej
mamie*), a preposition of place or motion (*Jestem u lekarz* → *u lekarza*), a negated verb's
object past an adverb (*Nie ma tutaj sklep* → *sklepu*), the instrumental after *być* and
*zostać* (*Jestem Polak* → *Polakiem*, *Jan został lekarz* → *lekarzem*) and the set phrases
learners miss a word of: *po polsku* (*Mówię polski*, *Rozumiem polsku*), *nazywać się*
(*Nazywam Anna*), *czekać na* (*Czekam autobus*), age with *mieć* (*Jestem dwadzieścia lat* →
*Mam*). The labelled sentences are ``tests/fixtures/language/government_phrases.yaml``;
precision first: where another reading fits as well, check waits. Real Morfeusz throughout.
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

WRONG, CORRECT = labelled("government_phrases.yaml")


def test_the_fixture_is_labelled() -> None:
    assert_labelled(WRONG, CORRECT, (75, 75))


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_a_learners_error_is_corrected_or_waits(
    engine: LanguageEngine, entry: dict[str, str]
) -> None:
    assert_corrected_or_waits(engine, entry)


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_sentence_stays(engine: LanguageEngine, text: str) -> None:
    assert_left_alone(engine, text)


# (learner's sentence, issue type, got, expected, English, Polish): one issue, its reason; a
# word added is missing_word (got None, expected the word), as compare gives it
PHRASES = [
    ("Mówię polski.", "wrong_word", "polski", "po polsku",
     "You speak, write or understand *po polsku*, *po angielsku* (in Polish, in English): *po* "
     "and the form in -sku (*polski* alone is the language you know or learn): *polski* → *po "
     "polsku*.",
     "Mówimy, piszemy, rozumiemy *po polsku*, *po angielsku* (*po* i forma na -sku; sam "
     "*polski* to język, który się zna albo którego się uczy): *polski* → *po polsku*."),
    ("Rozumiem polsku.", "missing_word", None, "po",
     "You speak, write or understand *po polsku*, *po angielsku* (in Polish, in English): *po* "
     "and the form in -sku (*polski* alone is the language you know or learn): *polsku* → *po "
     "polsku*.",
     "Mówimy, piszemy, rozumiemy *po polsku*, *po angielsku* (*po* i forma na -sku; sam "
     "*polski* to język, który się zna albo którego się uczy): *polsku* → *po polsku*."),
    ("Nazywam Anna.", "missing_word", None, "się",
     "To say what someone is called, Polish uses *nazywać się* (with *się*); *nazywać* alone "
     "means to name someone (*Nazywamy go Kubą*): *Nazywam* → *Nazywam się*.",
     "Mówiąc, jak ktoś się nazywa, używamy *nazywać się* (z *się*); samo *nazywać* znaczy "
     "nadawać komuś nazwę (*Nazywamy go Kubą*): *Nazywam* → *Nazywam się*."),
    ("Czekam autobus.", "missing_word", None, "na",
     "The verb *czekać* (to wait) takes *na* and the Accusative for whom or what you wait for: "
     "*autobus* → *na autobus*.",
     "Czasownik *czekać* łączy się z przyimkiem *na* i biernikiem (na kogo? na co?): *autobus* "
     "→ *na autobus*."),
    ("Jestem dwadzieścia lat.", "wrong_word", "Jestem", "Mam",
     "Age is said with *mieć* (to have), not *być*: *Mam dwadzieścia lat* (I am twenty): "
     "*Jestem* → *Mam*.",
     "Wiek podajemy z czasownikiem *mieć*, nie *być* (*Mam dwadzieścia lat*): *Jestem* → "
     "*Mam*."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "got", "expected", "english", "polish"), PHRASES)
def test_a_phrase_the_verb_takes_is_one_issue_with_its_reason(
    engine: LanguageEngine,
    text: str,
    kind: str,
    got: str | None,
    expected: str,
    english: str,
    polish: str,
) -> None:
    for lang, explanation in (("en", english), ("pl", polish)):
        result = engine.check(text, explain_in=lang)  # type: ignore[arg-type]
        assert [(i.type, i.got, i.expected, i.explanation) for i in result.issues] == [
            (kind, got, expected, explanation)
        ]


def test_the_one_a_thing_is_bought_for_is_explained_as_such(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Kupiłem siostra kwiaty.").issues
    assert (issue.got, issue.expected) == ("siostra", "siostrze")
    assert issue.explanation == (
        "The verb *kupić* (here *Kupiłem*) takes the Dative for the person something is given "
        "to or is for (to whom? for whom?) and the Accusative for the thing (what?; the "
        "Genitive after *nie*): *siostra* → *siostrze*."
    )
    (issue,) = engine.check("Kupiłem siostra kwiaty.", explain_in="pl").issues
    assert issue.explanation == (
        "Czasownik *kupić* łączy się z celownikiem osoby, której coś dajemy albo dla której coś "
        "jest (komu?), i z biernikiem rzeczy (co?; po *nie* z dopełniaczem): *siostra* → "
        "*siostrze*."
    )


def test_a_nationality_after_byc_is_the_instrumental(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Jestem Polak.").issues
    assert (issue.got, issue.expected, issue.rule and issue.rule.id) == (
        "Polak",
        "Polakiem",
        "case.copula",
    )


# (learner's sentence, the change, English, Polish)
REASONS = [
    ("Gdzie jest dworca?", ("dworca", "dworzec"),
     "The subject of *jest* is in the Nominative: *dworca* → *dworzec*.",
     "Podmiot czasownika *jest* stoi w mianowniku: *dworca* → *dworzec*."),
    ("Byłem tam z dwa kolegami.", ("dwa", "dwoma"),
     "After *z* use the Instrumental here: *dwa* → *dwoma*.",
     "Po przyimku *z* w tym znaczeniu używamy narzędnika: *dwa* → *dwoma*."),
    ("Idziemy do kina po lekcja.", ("lekcja", "lekcji"),
     "After *po* use the Locative here: *lekcja* → *lekcji*.",
     "Po przyimku *po* w tym znaczeniu używamy miejscownika: *lekcja* → *lekcji*."),
    ("Nie ma tutaj sklep.", ("sklep", "sklepu"),
     "After a negated verb (*Nie ma*) the object is in the Genitive, not the Accusative: "
     "*sklep* → *sklepu*.",
     "Po czasowniku z przeczeniem (*Nie ma*) dopełnienie stoi w dopełniaczu, a nie w bierniku: "
     "*sklep* → *sklepu*."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "english", "polish"), REASONS)
def test_the_reason_is_given_in_both_languages(
    engine: LanguageEngine, text: str, change: tuple[str, str], english: str, polish: str
) -> None:
    for lang, explanation in (("en", english), ("pl", polish)):
        (issue,) = engine.check(text, explain_in=lang).issues  # type: ignore[arg-type]
        assert ((issue.got, issue.expected), issue.explanation) == (change, explanation)
