"""*pan*, *pani* (the polite "you") take a verb in the 3rd person.

*Czy pan mówisz po polsku?* → *mówi*, *Czy pani masz czas?* → *ma*, explained as the polite
form, not as a subject the learner would not recognise. Left alone: *pani* where it may be
whom the verb is about (its dative and genitive are *pani* too: *Czy pani pomożesz?*), a
comma's address (*Pani, masz czas?*), *proszę pani*, a preposition's *pani*, and *państwo*,
*panie*, *panowie*, which take the 2nd person plural as well (*Państwo znaliście*). *Pani* is
not whom when the verb's genitive object is already there (*Czy pani chcesz kawę?*) or the
verb speaks a language (*Czy pani mówisz po polsku?*: to whom would be *do pani*). Real
Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Czy pan mówisz po polsku?", "Czy pan mówi po polsku?", "on"),
    ("Pan mówisz po polsku.", "Pan mówi po polsku.", "on"),
    ("Czy pani masz czas?", "Czy pani ma czas?", "ona"),
    ("Czy pan jesteś z Polski?", "Czy pan jest z Polski?", "on"),
    ("Czy pani byłaś w Krakowie?", "Czy pani była w Krakowie?", "ona"),
    ("Czy pan mi pomożesz?", "Czy pan mi pomoże?", "on"),
    ("Co pan robisz?", "Co pan robi?", "on"),
    ("Czy pan się nazywasz Kowalski?", "Czy pan się nazywa Kowalski?", "on"),
    # pani is no dative of a verb of speaking a language, no genitive beside another object
    ("Czy pani mówisz po polsku?", "Czy pani mówi po polsku?", "ona"),
    ("Czy pani chcesz kawę?", "Czy pani chce kawę?", "ona"),
    ("Czy pani potrzebujesz pomocy?", "Czy pani potrzebuje pomocy?", "ona"),
]

LEFT_ALONE = [
    "Czy pan mówi po polsku?",
    "Czy pani ma czas?",
    "Czy pani pomożesz?",  # will you help the lady?
    "Czy pani szukasz?",  # are you looking for the lady?
    "Czy pani kupisz chleb?",  # will you buy the lady bread?
    "Czy pani mówisz prawdę?",  # are you telling the lady the truth?
    "Czy panie mówicie po polsku?",  # the plural's 2nd person, as with państwo
    "Czy panowie jesteście gotowi?",
    "Czy ty pani pomożesz?",
    "Pani nie widzisz?",
    "Pani, masz czas?",
    "Proszę pani, masz czas?",
    "Dla pani mam kwiaty.",
    "Czy państwo jesteście z Polski?",
    "Państwo znaliście wymarłą?",
]


@pytest.mark.parametrize(("text", "corrected", "like"), PAIRS)
def test_polite_you_takes_the_third_person(
    engine: LanguageEngine, text: str, corrected: str, like: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert "(the polite “you”) the verb is in the 3rd person" in issue.explanation
    assert f"as with *{like}*" in issue.explanation


def test_explained_in_polish(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Czy pani masz czas?", explain_in="pl").issues
    assert issue.explanation == (
        "Forma grzecznościowa *pani* łączy się z czasownikiem w 3. osobie (jak *ona*): "
        "*masz* → *ma*."
    )


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
