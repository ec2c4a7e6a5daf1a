"""*Nie ma* with one noun after it: "there is no …" (or "has no …", its subject unsaid).

The noun is what is lacking, in the genitive either way (*Nie ma problemu*, *W domu nie ma
chleba*): it cannot be the subject, for *mieć* would have nothing to have. Left alone where
another word may be the subject or the object (*Nie ma pan czasu?*, *Czego nie ma pies?*),
or the word before the verb may itself be a noun (*Jutro*). Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Nie ma problem.", "Nie ma problemu."),
    ("Tu nie ma problem.", "Tu nie ma problemu."),
    ("W domu nie ma chleb.", "W domu nie ma chleba."),
    ("Nie ma problem z tym.", "Nie ma problemu z tym."),
    ("Nie ma mleko w lodówce.", "Nie ma mleka w lodówce."),
    ("Nie ma tata.", "Nie ma taty."),
    ("Nie ma czas na to.", "Nie ma czasu na to."),
    ("W Warszawie nie ma morze.", "W Warszawie nie ma morza."),
    ("Nie ma żaden problem.", "Nie ma żadnego problemu."),
    # with its subject said, as before
    ("Mój brat nie ma samochód.", "Mój brat nie ma samochodu."),
]

LEFT_ALONE = [
    "Czego nie ma pies?",  # pies has not what is asked about
    "Nie ma pan czasu?",  # pan is the one who has no time
    "Nie ma Anna.",  # a name: nothing says which it is
    "Nie ma problemu.",
    "Nie ma co robić.",
    "Nie ma gdzie iść.",
    "Tu nie ma nikogo.",
    "Nie ma pan racji.",
    "Ona nie ma kota.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_what_is_lacking_takes_the_genitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert any(
        "negated verb" in i.explanation and "Genitive" in i.explanation for i in result.issues
    )


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
