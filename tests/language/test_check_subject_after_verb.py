"""The thing liked is the subject of *podobać się*, *smakować*: the verb agrees with it.

*Podoba mi się te książki* → *Podobają*: the clitic *mi* is no noun (Morfeusz also reads it as
the Greek letter), and a determiner that is no genitive (*te*) makes the noun after it a
nominative, not the genitive singular *książki* may also be. Left alone: a noun an infinitive
further on may own as its object (*potrafi te wzory zgrabnie, bez zgrzytów, przeszczepić*,
from the UD Polish treebank), a genitive after the subject (*okładka tej książki*).
Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Podoba mi się te książki.", "Podobają mi się te książki."),
    ("Podobają mi się ta książka.", "Podoba mi się ta książka."),
    ("Smakuje mi te pierogi.", "Smakują mi te pierogi."),
    ("Podoba mi się twoje oczy.", "Podobają mi się twoje oczy."),
    ("Podoba mi się te książki, bo lubię czytać.", "Podobają mi się te książki, bo lubię czytać."),
]

LEFT_ALONE = [
    "Podoba mi się okładka tej książki.",
    "Podobają mi się te książki.",
    "Podoba mi się ta książka.",
    "Było to miasto.",
    "Były to domy.",
    "W sali rozpoczyna się bankiet mający uczcić rocznicę.",
    "Co trzeba przyznać Kaszyńskiemu, to to, że potrafi te wzory zgrabnie, bez zgrzytów "
    "przeszczepić na polski grunt.",
    "Potrafi te zadania szybko rozwiązać.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_verb_agrees_with_the_thing_liked(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
