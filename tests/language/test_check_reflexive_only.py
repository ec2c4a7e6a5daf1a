"""A verb that never goes without *się* has lost it: *Boję pająków* → *Boję się pająków*.

*bać się*, *śmiać się*, *spóźnić się*, *podobać się*, *zgadzać się*, *opiekować się* … are never
used without *się*; a clause with such a verb and no *się* anywhere in it (nor a word or three
away, past a stray comma) gets one, where Polish puts it: after the verb, after a short dative
pronoun beside it (*Podoba mi się*, *Bardzo mi się podobała*), or second after a question word
(*Czego się boisz?*). The explanation names the verb with its *się*. Left alone: verbs that also
go without *się* (*To mnie martwi*, *Zastanowiło nas to*, *Urodziłam córkę*, *Uczę dzieci*), a
word that is also a noun (*Dzieje*), and a clause whose *się* stands elsewhere. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Boję pająków.", "Boję się pająków."),
    ("Bałem ciemności, kiedy byłem dzieckiem.", "Bałem się ciemności, kiedy byłem dzieckiem."),
    ("Śmieję z tego filmu.", "Śmieję się z tego filmu."),
    ("Spóźniłem na autobus.", "Spóźniłem się na autobus."),
    ("Zakochałem w Polsce.", "Zakochałem się w Polsce."),
    ("Opiekuję moją babcią.", "Opiekuję się moją babcią."),
    ("Zgadzam z tobą.", "Zgadzam się z tobą."),
    ("Uśmiechnij!", "Uśmiechnij się!"),
    ("Staram mówić po polsku.", "Staram się mówić po polsku."),
    ("Podoba mi ten film.", "Podoba mi się ten film."),
    ("Bardzo mi podobała.", "Bardzo mi się podobała."),
    ("Też mi nie podoba.", "Też mi się nie podoba."),
    ("Czego boisz?", "Czego się boisz?"),
    ("Dlaczego spóźniłeś?", "Dlaczego się spóźniłeś?"),
    ("Nie słuchajcie go i nie bójcie!", "Nie słuchajcie go i nie bójcie się!"),
]

CORRECT = [
    "Boję się pająków.",
    "Czego się boisz?",
    "Bardzo mi się podobała.",
    "Nie ma się czego bać.",
    "Boję się i śmieję.",
    "Spóźniłem się na autobus.",
    "Martwię się o ciebie.",
    "To mnie martwi.",
    "Zastanowiło nas to, że nikt nie przyszedł.",
    "Cieszę się, że przyjechałeś.",
    "To mnie cieszy.",
    "Urodziłam córkę w maju.",
    "Uczę dzieci matematyki.",
    "Uczę polskiego od roku.",
    "Myję ręce.",
    "Dzieje się coś dziwnego.",
    "Wydaje mi się, że masz rację.",
    "Wydaję dużo pieniędzy.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_lost_sie_is_put_back(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.type == "missing_word" and issue.expected == "się"
    assert "is never used without *się*" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_a_stray_comma_before_sie_is_not_a_lost_sie(engine: LanguageEngine) -> None:
    text = "Zgadzam, się z tym, że to najlepsze."
    assert "się się" not in engine.check(text).corrected
    assert engine.check(text).corrected.count("się") == 1


def test_explained_in_both_languages(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Boję pająków.").issues
    assert issue.explanation == (
        "The verb *bać się* is never used without *się*: add *się* after *Boję*."
    )
    (issue,) = engine.check("Podoba mi ten film.", explain_in="pl").issues
    assert issue.explanation == (
        "Czasownik *podobać się* nie występuje bez *się*: dodaj *się* po *mi*."
    )


def test_lesson_answer_without_sie(engine: LanguageEngine) -> None:
    result = engine.compare("Spóźniłem się na autobus.", "Spóźniłem na autobus.")
    (issue,) = result.issues
    assert issue.type == "missing_word"
    assert issue.explanation.startswith("The verb *spóźnić się* is never used without")
