"""Two words that Polish writes as one: *po za tym* → *poza tym*, *na prawdę* → *naprawdę*.

Some pairs are never a phrase of their own (two prepositions: *po za*, *z pod*, *w śród*,
*po między*) and are always joined. The others are joined only where the words around show the
one word: *co raz* before a comparative (*coraz lepiej*), *nie długo* before a future
(*niedługo wrócę*) — *Nie długo czekałem* ("I did not wait long") is right —, *nie dawno*
before a past, *na prawdę* as an adverb (not after a verb of *na* + the accusative: *Czekam na
prawdę*), *dla tego* before no noun (*dla tego człowieka* is right), *nie prawda* standing alone,
*z resztą* opening a clause alone (*z resztą grupy* is right), *w cale* before *nie*
(*w cale* may be *w całe*). And *niema* before what there is none of is *nie ma*; *niema* is
also the adjective "mute" (*niema kobieta*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

PAIRS = [
    ("Po za tym wszystko dobrze.", "Poza tym wszystko dobrze."),
    ("Kot wyszedł z pod łóżka.", "Kot wyszedł spod łóżka."),
    ("Mieszkam na przeciwko parku.", "Mieszkam naprzeciwko parku."),
    ("W śród moich przyjaciół jest dwóch Polaków.", "Wśród moich przyjaciół jest dwóch Polaków."),
    ("Po między domami jest ogród.", "Pomiędzy domami jest ogród."),
    ("To jest zdjęcie z przed wojny.", "To jest zdjęcie sprzed wojny."),
    ("Co raz lepiej mówię po polsku.", "Coraz lepiej mówię po polsku."),
    ("Co raz więcej ludzi uczy się polskiego.", "Coraz więcej ludzi uczy się polskiego."),
    ("Nie długo wrócę.", "Niedługo wrócę."),
    ("Nie dawno przyjechałem do Polski.", "Niedawno przyjechałem do Polski."),
    ("Na prawdę lubię moją nową pracę.", "Naprawdę lubię moją nową pracę."),
    ("On jest na prawdę miły.", "On jest naprawdę miły."),
    ("To na prawdę dobry film.", "To naprawdę dobry film."),
    ("Dla tego nie przyszedłem.", "Dlatego nie przyszedłem."),
    ("Dla tego, że byłem chory.", "Dlatego, że byłem chory."),
    ("Nie prawda, to nie tak.", "Nieprawda, to nie tak."),
    ("To nie prawda, że on jest zły.", "To nieprawda, że on jest zły."),
    ("Z resztą, to nieważne.", "Zresztą, to nieważne."),
    ("W cale nie jestem zmęczony.", "Wcale nie jestem zmęczony."),
    ("W moim mieście niema dobrych restauracji.", "W moim mieście nie ma dobrych restauracji."),
    ("Dzisiaj niema go w domu.", "Dzisiaj nie ma go w domu."),
    ("Na codzień pracuję w biurze.", "Na co dzień pracuję w biurze."),
]

CORRECT = [
    "Poza tym wszystko dobrze.",
    "Kupiłem to dla tego człowieka.",
    "Dla tego, kto pyta, mam odpowiedź.",
    "Zrobiłem to dla tego.",
    "Z resztą pieniędzy kupiłem chleb.",
    "Poszedłem z resztą grupy.",
    "Nie długo czekałem na autobus.",
    "Czekam na prawdę.",
    "Mam nadzieję na prawdę.",
    "Wierzę w całe życie.",
    "Ona jest niema od urodzenia.",
    "Niema kobieta siedziała w kącie.",
    "Co tydzień gram w tenisa.",
    "Naprawdę nie wiem.",
]


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_two_words_written_as_one(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "spelling.word_break"


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_explained_as_one_word_in_english_and_polish(engine: LanguageEngine) -> None:
    (issue,) = engine.check("Na prawdę lubię moją nową pracę.").issues
    assert issue.explanation == "*Naprawdę* is one word, not *Na prawdę*."
    (issue,) = engine.check("Na prawdę lubię moją nową pracę.", explain_in="pl").issues
    assert issue.explanation == "*Naprawdę* piszemy łącznie, jako jeden wyraz, nie *Na prawdę*."
