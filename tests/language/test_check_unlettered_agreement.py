"""Words typed without their Polish letters that are also real words without them (stop 32d):
an adjective and its noun that agree only with their letters (*Mam dobra prace* → *dobrą
pracę*, not the plural *dobre prace*; *z moja zona* → *z moją żoną*, not *zoną*, "zone"),
and correct sentences with the same words used rightly, which must stay as they are.
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# (learner's sentence, corrected)
PAIRS = [
    ("Mam dobra prace.", "Mam dobrą pracę."),
    ("Mieszkam z moja zona.", "Mieszkam z moją żoną."),
    ("Zacząłem nowa prace.", "Zacząłem nową pracę."),
    ("Mam pierwsza lekcje jutro.", "Mam pierwszą lekcję jutro."),
    ("Nowa prace zaczynam w poniedziałek.", "Nową pracę zaczynam w poniedziałek."),
    # a noun Morfeusz lacks without its letters: after z the Instrumental, after to jest the
    # nominative
    ("To jest moja corka.", "To jest moja córka."),
    ("Rozmawiam z moja corka.", "Rozmawiam z moją córką."),
    ("Rozmawiam z moja kolezanka.", "Rozmawiam z moją koleżanką."),
]

# corrected by the case rules as well (a preposition's or a verb's), and still so
NEAR = [
    ("Uważam ją za dobra matke.", "Uważam ją za dobrą matkę."),
    ("Idę z moja mama do kina.", "Idę z moją mamą do kina."),
    ("Lubię twoja siostre.", "Lubię twoją siostrę."),
]


@pytest.mark.parametrize(("text", "corrected"), NEAR)
def test_near_pairs_still_right(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


@pytest.mark.parametrize(("text", "corrected"), PAIRS)
def test_a_pair_agrees_with_its_letters(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    assert all(i.type == "diacritics" for i in result.issues), result.issues
    for issue in result.issues:
        assert "Polish letter" in issue.explanation or "ą" in issue.explanation


CORRECT = [
    "Dobra, idziemy.",
    "Dobra robota!",
    "To jest dobra praca.",
    "Ta praca jest dobra.",
    "Mam prace domowe.",
    "Wszystkie prace są gotowe.",
    "Dobra kultury trzeba chronić.",
    "Szklanka jest pełna wody.",
    "Ta karta nie działa.",
    "Płacę kartą.",
    "W tej kupie liści jest jeż.",
    "Mila to jednostka długości.",
    "Ta zona jest zamknięta.",
    "Strefa czasowa to inaczej zona.",
    "Nie chcę pokazywać moje ciele.",
    "Moja żona pracuje w szkole.",
    "Nowe prace zaczynają się w poniedziałek.",
    "Dobre prace wiszą w muzeum.",
    "Moja córka ma pięć lat.",
    "Rozmawiam z moją córką.",
]


@pytest.mark.parametrize("text", CORRECT)
def test_real_words_used_rightly_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


# a verb's 1st person typed without its ę, that is also a noun's form (kupie: of kupa) or
# no word: restored where nothing else in the clause can be its verb
FIRST_PERSON = [
    ("Kupie to jutro.", "Kupię to jutro."),
    ("Zrobie obiad.", "Zrobię obiad."),
    ("Zadzwonie wieczorem.", "Zadzwonię wieczorem."),
    ("Ide do sklepu i kupie chleb.", "Idę do sklepu i kupię chleb."),
    ("Widze twoja siostre.", "Widzę twoją siostrę."),
    ("Kupie chleb, a ty kupisz mleko.", "Kupię chleb, a ty kupisz mleko."),
]


@pytest.mark.parametrize(("text", "corrected"), FIRST_PERSON)
def test_a_first_person_gets_its_letter(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    verb = next(
        i for i in result.issues if i.got and i.got.lower().startswith(("kup", "zro", "zad", "wid"))
    )
    assert verb.type == "diacritics" and "ę" in verb.explanation


NOUN_KEPT = [
    "W tej kupie liści jest jeż.",
    "Na kupie piasku siedzi kot.",
    "Kupie piasku nie ma końca.",
    "Dzieci bawią się przy kupie kamieni.",
    "Widze to znaczy widzowie.",
    "Mamie.",
    "Mamie, tacie i babci.",
]


@pytest.mark.parametrize("text", NOUN_KEPT)
def test_the_noun_where_the_clause_has_its_verb(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


# after jest/była a noun would be in the Instrumental: mila (the mile) is miła, agreeing
PREDICATIVE = [
    ("Ona jest mila.", "Ona jest miła."),
    ("Moja mama jest mila.", "Moja mama jest miła."),
    ("Ta pani była mila.", "Ta pani była miła."),
    ("Anna jest mila i ładna.", "Anna jest miła i ładna."),
]


@pytest.mark.parametrize(("text", "corrected"), PREDICATIVE)
def test_a_predicative_adjective_gets_its_letter(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    (issue,) = result.issues
    assert issue.type == "diacritics" and "ł" in issue.explanation


MILE_KEPT = [
    "To jest mila.",
    "Ta jednostka to mila.",
    "Mila to jednostka długości.",
    "Jedna mila to około półtora kilometra.",
    "Przeszliśmy milę.",
]


@pytest.mark.parametrize("text", MILE_KEPT)
def test_the_mile_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


# after a verb that takes the Instrumental, in a clause of the 1st or 2nd person: karta is
# nobody's subject, and kartą is the means
INSTRUMENTAL = [
    ("Czy mogę zapłacić karta?", "Czy mogę zapłacić kartą?"),
    ("Płacę karta.", "Płacę kartą."),
    ("Czy mogę płacić karta?", "Czy mogę płacić kartą?"),
]


@pytest.mark.parametrize(("text", "corrected"), INSTRUMENTAL)
def test_the_means_gets_its_letter(engine: LanguageEngine, text: str, corrected: str) -> None:
    result = engine.check(text)
    assert result.corrected == corrected, result.issues
    (issue,) = result.issues
    assert issue.type == "diacritics" and "ą" in issue.explanation


CARD_KEPT = [
    "Ta karta nie działa.",
    "Karta jest ważna.",
    "Płaci karta.",
    "Moja karta kredytowa jest w portfelu.",
    "Czy ta karta jest twoja?",
]


@pytest.mark.parametrize("text", CARD_KEPT)
def test_the_card_as_subject_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


# płacić, rzucać, kręcić … take what (the Accusative) or with what (the Instrumental): a
# feminine noun in -a may be either with a letter changed (gotówkę, gotówką), so it is left
# (main made it gotówkę: pay the cash, not pay in cash); the right cases stay right
BOTH_FRAMES_KEPT = [
    "Czy mogę płacić gotówka?",
    "Czy mogę zapłacić gotówka?",
    "Płacę gotówka.",
    "Rzucam piłka do psa.",
    "Płacę rachunek.",
    "Zapłaciłem rachunek kartą.",
    "Płacę za zakupy gotówką.",
    "Rzucam piłkę do psa.",
]


@pytest.mark.parametrize("text", BOTH_FRAMES_KEPT)
def test_the_accusative_or_the_means_is_not_guessed(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


def test_a_one_frame_verb_still_gets_its_accusative(engine: LanguageEngine) -> None:
    assert engine.check("Kupuję gazeta.").corrected == "Kupuję gazetę."
    assert engine.check("Piję herbata.").corrected == "Piję herbatę."
