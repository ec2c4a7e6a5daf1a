"""An adjective typed without its Polish letters that is no word without them, and has more
than one spelling with them (*ladna*: *ładna* or *ładną*), takes the one its noun asks for.

After *jest* with a nominative subject it is the predicative nominative (*Ona jest ladna* →
*ładna*); before its noun it agrees with the noun (*najblizsza apteka* → *najbliższa*, *Mam
ladna sukienke* → *ładną sukienkę*, once the noun has its letters too); a passive participle
as well (*zmeczona kobietę* → *zmęczoną*), but not one before an instrumental, which may be
its agent (*zarazona wścieklizną*), nor an active participle, which takes objects
(*trzymajaca deskę*). Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Ona jest ladna.", "Ona jest ładna."),
    ("Moja siostra jest bardzo ladna.", "Moja siostra jest bardzo ładna."),
    ("To jest ladna dziewczyna.", "To jest ładna dziewczyna."),
    ("To piekna pogoda.", "To piękna pogoda."),
    ("Gdzie jest najblizsza apteka?", "Gdzie jest najbliższa apteka?"),
    ("Kupiłem ladna sukienkę.", "Kupiłem ładną sukienkę."),
    ("Mam ladna sukienke.", "Mam ładną sukienkę."),
    ("Joanna wyglądała na zmeczona kobietę.", "Joanna wyglądała na zmęczoną kobietę."),
]

LEFT = [
    # the participle's letters are not decided by the noun after it
    "Została zarazona wścieklizną.",
    "Stoi inna osoba trzymajaca deskę.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_adjective_takes_the_spelling_its_noun_asks_for(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert all(i.type == "diacritics" for i in result.issues), result.issues


@pytest.mark.parametrize("text", LEFT)
def test_participle_not_given_its_nouns_ending(engine: LanguageEngine, text: str) -> None:
    corrected = engine.check(text).corrected
    assert "zarażoną" not in corrected and "trzymającą" not in corrected
