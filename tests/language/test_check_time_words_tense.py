"""A word of time against the tense of the verb (rule ``tense.context``), beyond
test_check_future_words.py.

An imperfective past form after a word of the future (*jutro*, *w przyszłym tygodniu*) takes
the compound future with the infinitive, which has no gender to guess: *Jutro pracowałem* →
*będę pracować*. A perfective verb's non-past form (its future) after *wczoraj*,
*przedwczoraj*, *w zeszłym tygodniu*, *dwa dni temu* takes its past, in the gender and number
of a 3rd-person subject that shows them (a pronoun, a first name, a noun surely in the
nominative): *Wczoraj Marek przeczyta* → *przeczytał*. Left alone: the speaker or the one
addressed (*Wczoraj przeczytam*: a man's or a woman's past?), a word of time in another
clause (*Wczoraj powiedział, że jutro przyjdzie*), after a preposition (*Od wczoraj*), after
the verb, or inside a longer phrase before it (*Wczoraj kupiona książka się przyda*); a modal
or *mieć* with its infinitive (*Jutro miałem iść*); *jutro*, *wczoraj* as the noun that is
the subject (*Jutro nadeszło szybko*, *Wczoraj już nie wróci*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

FUTURE = [
    ("Jutro pracowałem w domu.", "Jutro będę pracować w domu.", "*Jutro*"),
    ("Jutro nie pracowałem w domu.", "Jutro nie będę pracować w domu.", "*Jutro*"),
    ("Jutro Marek pracował w domu.", "Jutro Marek będzie pracować w domu.", "*Jutro*"),
    ("Jutro uczyłam się polskiego.", "Jutro będę uczyć się polskiego.", "*Jutro*"),
    (
        "W przyszłym tygodniu mieszkaliśmy w hotelu.",
        "W przyszłym tygodniu będziemy mieszkać w hotelu.",
        "*W przyszłym tygodniu*",
    ),
]

PAST = [
    ("Wczoraj Marek przeczyta książkę.", "Wczoraj Marek przeczytał książkę."),
    ("Wczoraj Ola kupi chleb.", "Wczoraj Ola kupiła chleb."),
    ("Wczoraj on zadzwoni do mnie.", "Wczoraj on zadzwonił do mnie."),
    ("Wczoraj ona nie przyjdzie.", "Wczoraj ona nie przyszła."),
    ("Wczoraj moja mama upiecze ciasto.", "Wczoraj moja mama upiekła ciasto."),
    ("Wczoraj studenci napiszą test.", "Wczoraj studenci napisali test."),
    ("Wczoraj oni pójdą do kina.", "Wczoraj oni poszli do kina."),
    ("Wczoraj Marek się spóźni.", "Wczoraj Marek się spóźnił."),
]

PAST_PHRASES = [
    (
        "W zeszłym tygodniu Marek przeczyta książkę.",
        "W zeszłym tygodniu Marek przeczytał książkę.",
        "*W zeszłym tygodniu*",
    ),
    ("W zeszłą sobotę Ola kupi chleb.", "W zeszłą sobotę Ola kupiła chleb.", "*W zeszłą sobotę*"),
    ("Dwa dni temu on zadzwoni do mnie.", "Dwa dni temu on zadzwonił do mnie.", "*Dwa dni temu*"),
    (
        "Tydzień temu moja mama upiecze ciasto.",
        "Tydzień temu moja mama upiekła ciasto.",
        "*Tydzień temu*",
    ),
    (
        "W ubiegłym roku studenci napiszą test.",
        "W ubiegłym roku studenci napisali test.",
        "*W ubiegłym roku*",
    ),
]

# wrong, but the speaker's gender (or the subject's case) is not known: left as written
WAITS = [
    "Wczoraj przeczytam książkę.",
    "Wczoraj przeczytasz książkę.",
    "Wczoraj dziecko zje obiad.",
]

CORRECT = [
    "Jutro będę pracować w domu.",
    "Jutro miałem iść do lekarza.",
    "Jutro będę wiedział, co robiłem wczoraj.",
    "Wczoraj powiedział, że jutro przyjdzie.",
    "Jutro powiem ci, co robiłem.",
    "Pamiętam, że jutro pracowałem.",
    "Kupiłem bilet na jutro.",
    "Wczoraj kupiona książka się przyda.",
    "Od wczoraj Marek zrobi wszystko.",
    "Marek przeczyta wczoraj kupioną książkę.",
    "Wczoraj Marek przeczytał książkę.",
    "Wczoraj Marek powiedział, że przeczyta książkę.",
    "Tak jak wczoraj Marek przyjdzie o ósmej.",
    "Jutro o tej porze będę już w domu.",
    "Jutro nie istniało dla niego.",
    "Jutro nadeszło szybko.",
    "Wczoraj już nie wróci.",
    "W zeszłym tygodniu Marek przeczytał książkę.",
    "Dwa dni temu powiedział, że przyjdzie.",
    "Od zeszłego tygodnia Marek zrobi wszystko.",
    "Tydzień temu Marek powiedział, że przeczyta książkę.",
    "Marek przeczyta książkę kupioną tydzień temu.",
]


@pytest.mark.parametrize(("text", "corrected", "phrase"), FUTURE)
def test_an_imperfective_past_after_a_word_of_the_future(
    engine: LanguageEngine, text: str, corrected: str, phrase: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "tense.context"
    assert issue.explanation.startswith(
        f"{phrase} is about the future: an imperfective verb takes the compound future "
    )
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(
        f"{phrase} wskazuje na przyszłość: czasownik niedokonany tworzy czas przyszły złożony "
    )


@pytest.mark.parametrize(("text", "corrected"), PAST)
def test_a_perfective_future_after_wczoraj(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "tense.context"
    assert issue.explanation.startswith("*Wczoraj* is about the past, so use the past tense: ")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(
        "*Wczoraj* wskazuje na przeszłość, więc potrzebny jest czas przeszły: "
    )


@pytest.mark.parametrize(("text", "corrected", "phrase"), PAST_PHRASES)
def test_a_perfective_future_after_a_phrase_of_the_past(
    engine: LanguageEngine, text: str, corrected: str, phrase: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "tense.context"
    assert issue.explanation.startswith(f"{phrase} is about the past, so use the past tense: ")
    (issue,) = engine.check(text, explain_in="pl").issues
    assert issue.explanation.startswith(f"{phrase} wskazuje na przeszłość")


@pytest.mark.parametrize("text", WAITS)
def test_unknown_gender_waits(engine: LanguageEngine, text: str) -> None:
    assert engine.check(text).corrected == text


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues
