"""Stop 33 (l33b): learners' sentences about time, dates, travel and directions. Each rule
changed here has right sentences next to it that must stay as they are: a weekday after *w*
takes the accusative (*w środę*, never *w środzie*; *w Środzie Śląskiej* is a town); a date's
ordinal is not made to agree with its month (*piątego maj* was made *piąty maj*); a time noun
is no place for *w*'s locative (*Obiad jest w południe* was made *w południu*); *o* + a time
noun is by how much or at what time (*opóźniony o godzinę*, *o godzinie ósmej*); a counted
*raz* is *razy* (not *razów*); a plural's nominative that is also a singular's genitive is not
made a singular (*w góry* was made *w górze*); after *między* the second noun takes the
first's case. The labelled sentences are ``tests/fixtures/language/time_travel_phrases.yaml``.
Real Morfeusz throughout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from polish_tutor.language import LanguageEngine

DATA = Path(__file__).parents[1] / "fixtures" / "language" / "time_travel_phrases.yaml"
_FIXTURE: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
WRONG: list[dict[str, str]] = _FIXTURE["wrong"]
CORRECT: list[str] = _FIXTURE["correct"]


def test_the_fixture_is_labelled() -> None:
    assert len(WRONG) >= 150 and len(CORRECT) >= 400
    texts = [e["text"] for e in WRONG]
    assert len(set(texts)) == len(texts) and len(set(CORRECT)) == len(CORRECT)
    assert all(e["text"] != e["corrected"] for e in WRONG)
    assert not set(texts) & set(CORRECT)


@pytest.mark.parametrize("entry", WRONG, ids=[e["text"] for e in WRONG])
def test_a_learners_time_or_travel_sentence(engine: LanguageEngine, entry: dict[str, str]) -> None:
    result = engine.check(entry["text"])
    if "waits" in entry:
        assert result.corrected in (entry["text"], entry["corrected"]), result.issues
    else:
        assert result.corrected == entry["corrected"], result.issues


@pytest.mark.parametrize("text", CORRECT)
def test_a_correct_time_or_travel_sentence_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# (learner's sentence, the change, English, Polish): what the explanation must say
EXPLAINED = [
    # a weekday after w: the accusative (main: the locative, *w środzie*)
    ("W środa pracuję w domu.", ("środa", "środę"),
     "After *w* use the Accusative here: *środa* → *środę*.",
     "biernika"),
    ("W poniedziałku mam kurs.", ("poniedziałku", "poniedziałek"),
     "After *w* use the Accusative here: *poniedziałku* → *poniedziałek*.",
     "biernika"),
    # a counted raz: SGJP's form after a numeral
    ("Pięć raz w tygodniu pracuję.", ("raz", "razy"),
     "After *Pięć* (as with 5, 6, 7 …) the noun is in the Genitive plural: *raz* → *razy*.",
     "dopełniaczu liczby mnogiej"),
    # the whole number counts, not jeden
    ("Ona ma dwadzieścia jeden roku.", ("roku", "lat"),
     "After *dwadzieścia jeden* (as with 5, 6, 7 …) the noun is in the Genitive plural: "
     "*roku* → *lat*.",
     "*dwadzieścia jeden*"),
    # po + a noun: the locative (main named po's dative of *po polsku*)
    ("Kościół jest po lewa strona.", ("lewa", "lewej"),
     "This word agrees with the noun *stronie* (Locative): *lewa* → *lewej*.",
     "(miejscownik)"),
    # the hour's adjective agrees with godzinie before it (main: with wieczorem after it)
    ("Wróciłem o godzina dziesiąta wieczorem.", ("dziesiąta", "dziesiątej"),
     "This word agrees with the noun *godzinie* (Locative): *dziesiąta* → *dziesiątej*.",
     "*godzinie* (miejscownik)"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "change", "english", "polish"), EXPLAINED)
def test_the_explanation_names_the_right_rule(
    engine: LanguageEngine, text: str, change: tuple[str, str], english: str, polish: str
) -> None:
    for lang, words in (("en", english), ("pl", polish)):
        issues = engine.check(text, explain_in=lang).issues
        issue = next(i for i in issues if (i.got, i.expected) == change)
        assert words in issue.explanation, issue.explanation


# an unknown word given its Polish letters before a noun: the spelling that agrees with it
# (main: *zeszła*, zejść's past, before środę)
LETTERED = [
    ("W zeszla srode bylem chory.", "zeszłą"),
    ("W przyszla sobote jade do Krakowa.", "przyszłą"),
]


@pytest.mark.parametrize(("text", "form"), LETTERED)
def test_the_spelling_agrees_with_its_noun(engine: LanguageEngine, text: str, form: str) -> None:
    result = engine.check(text)
    assert result.corrected.split()[1] == form, result.issues
    issue = next(i for i in result.issues if i.expected == form)
    assert issue.type == "diacritics"


# a verb's spelling stays a verb outside a preposition's phrase (she came: przyszła, not the
# adjective *przyszłą* agreeing with mamę)
VERB_KEPT = [
    ("Przyszla mame odwiedzic.", "Przyszła mamę odwiedzić."),
    ("Zeszla noc byla zimna.", "Zeszła noc była zimna."),
]


@pytest.mark.parametrize(("text", "corrected"), VERB_KEPT)
def test_a_verb_keeps_its_spelling(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


# a word without Polish letters that are far likelier is not what the rules read it as: *cala*
# (of cal, the inch) is not recased after przez, *piaty* (of piat) makes no verb plural
UNLETTERED = [
    ("Przez cala noc padal deszcz.", "Przez cala noc padał deszcz."),
    ("Dzisiaj jest piaty maja.", "Dzisiaj jest piaty maja."),
]


@pytest.mark.parametrize(("text", "corrected"), UNLETTERED)
def test_a_word_without_its_letters_is_not_recased(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected
