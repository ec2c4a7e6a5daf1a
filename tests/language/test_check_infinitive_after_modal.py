"""After a verb of must, can, want, like, know how, should, start or stop, and after *trzeba*,
*warto*, *można*, *należy*, the next verb is an infinitive: *Musisz uczysz się więcej* →
*uczyć się*, *Lubię pływam* → *pływać*, *Muszę kupię chleb* → *kupić*, *Trzeba robimy* →
*robić*, *Zaczynam pracuję* → *pracować*. Only a second verb read as nothing but one verb's
non-past form (present, or a perfective's future), right after the first (or after *się* and
short pronouns: *Możesz mi pomożesz?*), in the first one's person and number where it has one.
Not after *może* (also "maybe": *Być może jest*, *Może pójdę*), nor *wolno* (also "slowly":
*Wolno jedziemy*), nor a word that is also a noun (*Umiem gram*: *gram*, the gram; *Można płacę*:
*płacę*, a wage), nor a perfective after a verb of starting or stopping (its infinitive is
imperfective), nor in a clause that opens with a condition and asks nothing (*Jeśli chcesz
pójdziemy razem*, *Jak trzeba pomogę*: a comma left out). A perfective's non-past form is named
a future, not a present. Run before the rules of objects, so a negated modal's object keeps
its genitive (*nie potrafię cytuję nazwisk* → *cytować nazwisk*).
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# the learner's verb is an imperfective's present
PRESENT_PAIRS = [
    ("Musisz uczysz się więcej.", "Musisz uczyć się więcej."),
    ("Powinieneś idziesz do lekarza.", "Powinieneś iść do lekarza."),
    ("Lubię pływam w morzu.", "Lubię pływać w morzu."),
    ("Nie mogę, nie potrafię cytuję nazwisk.", "Nie mogę, nie potrafię cytować nazwisk."),
    ("Chcę idę do kina.", "Chcę iść do kina."),
    ("Muszę robię zadanie domowe.", "Muszę robić zadanie domowe."),
    ("Chcesz idziesz z nami?", "Chcesz iść z nami?"),
    ("Nie umiem pływam.", "Nie umiem pływać."),
    ("Wolę piję herbatę.", "Wolę pić herbatę."),
    ("Potrafisz gotujesz?", "Potrafisz gotować?"),
    ("Oni chcą idą do parku.", "Oni chcą iść do parku."),
    ("Ona musi pracuje dużo.", "Ona musi pracować dużo."),
    ("Musiałem pracuję wczoraj.", "Musiałem pracować wczoraj."),
    ("Chcę się uczę polskiego.", "Chcę się uczyć polskiego."),
    ("Gdzie chcesz mieszkasz?", "Gdzie chcesz mieszkać?"),
    ("Co chcesz robisz jutro?", "Co chcesz robić jutro?"),
    ("Powinniśmy idziemy.", "Powinniśmy iść."),
    ("Nie muszę pracuję w sobotę.", "Nie muszę pracować w sobotę."),
    # verbs of starting and stopping
    ("Zaczynam pracuję o ósmej.", "Zaczynam pracować o ósmej."),
    ("Kończę piszę list.", "Kończę pisać list."),
    ("Przestałam jem mięso.", "Przestałam jeść mięso."),
    ("Zaczęliśmy uczymy się polskiego.", "Zaczęliśmy uczyć się polskiego."),
    ("Skończyłem czytam książkę.", "Skończyłem czytać książkę."),
    # trzeba, warto, można, należy: no person of their own
    ("Trzeba robimy to jutro.", "Trzeba robić to jutro."),
    ("Należy czekamy na zielone światło.", "Należy czekać na zielone światło."),
    ("Należy się uczymy codziennie.", "Należy się uczyć codziennie."),
]

# the learner's verb is a perfective's non-past form: a future
FUTURE_PAIRS = [
    ("Czy możesz otworzysz okno?", "Czy możesz otworzyć okno?"),
    ("Muszę kupię chleb.", "Muszę kupić chleb."),
    ("Musimy kupimy bilety.", "Musimy kupić bilety."),
    ("Chcę kupię nowy samochód.", "Chcę kupić nowy samochód."),
    ("Mogę pomogę ci jutro.", "Mogę pomóc ci jutro."),
    ("Czy mogę zapłacę kartą?", "Czy mogę zapłacić kartą?"),
    ("Chciałbym zamówię pizzę.", "Chciałbym zamówić pizzę."),
    ("Chciałabym zostanę lekarzem.", "Chciałabym zostać lekarzem."),
    ("Mogłeś zadzwonisz do mnie.", "Mogłeś zadzwonić do mnie."),
    ("Próbuję zrozumiem ten tekst.", "Próbuję zrozumieć ten tekst."),
    ("Planuję pojadę do Polski.", "Planuję pojechać do Polski."),
    ("Zamierzam kupię mieszkanie.", "Zamierzam kupić mieszkanie."),
    ("Możesz mi pomożesz?", "Możesz mi pomóc?"),
    ("Chcę cię zobaczę.", "Chcę cię zobaczyć."),
    ("Musisz mu powiesz prawdę.", "Musisz mu powiedzieć prawdę."),
    ("Czy możemy się spotkamy jutro?", "Czy możemy się spotkać jutro?"),
    ("Kiedy możesz przyjdziesz?", "Kiedy możesz przyjść?"),
    ("Powinieneś zrobisz to sam.", "Powinieneś zrobić to sam."),
    ("Warto zobaczysz ten film.", "Warto zobaczyć ten film."),
    ("Warto odwiedzę Kraków.", "Warto odwiedzić Kraków."),
    ("Trzeba kupię chleb.", "Trzeba kupić chleb."),
    ("Można się spotkamy jutro?", "Można się spotkać jutro?"),
]

CORRECT = [
    "Musisz uczyć się więcej.",
    "Lubię pływać w morzu.",
    "Być może jest o krok wyżej.",
    "A może jest to jakiś oszust?",
    "Chcę, żebyś przyszedł.",
    "Proszę otworzyć okno.",
    "Umiem grać na gitarze.",
    "Może pójdę do kina.",
    "Może pójdziemy do kina?",
    "Może przyjdzie jutro.",
    "Może masz rację.",
    "Mogę?",
    "Umiem pływać.",
    "Możesz mi pomóc?",
    "Muszę już iść.",
    "Zaczynam rozumieć.",
    "Zaczynam się uczyć.",
    "Lubię, kiedy pada.",
    "Lubię, jak śpiewasz.",
    "Wiem, że idzie.",
    "Wiem, że chcesz iść.",
    "Chcesz, to idź.",
    "Mogę, ale nie chcę.",
    "Muszę, bo nie mam wyboru.",
    "Chcesz kawy?",
    "Wolę herbatę.",
    "Kończę pracę o piątej.",
    "Zaczynam pracę o ósmej.",
    "Przestań płakać.",
    "Chciałbym zamówić pizzę.",
    "Czy możesz, proszę, otworzyć okno?",
    "Nie wiem, czy mogę.",
    # impersonal: their infinitive, their past and future, *należeć* of belonging
    "Trzeba robić to jutro.",
    "Trzeba mu pomóc.",
    "Trzeba, żebyś przyszedł.",
    "Trzeba było iść.",
    "Trzeba będzie poczekać.",
    "Warto było przyjść.",
    "Warto jest pamiętać o tym.",
    "Można było zobaczyć morze.",
    "Można by to zrobić.",
    "Można płacić kartą?",
    "Można ci zaufać?",
    "Należy czekać.",
    "Należy do mnie.",
    "Ten dom należy do mojej mamy.",
    "Należy mi się urlop.",
    "Należy się pani dwadzieścia złotych.",
    "Wolno tu palić?",
    "Wolno jedziemy.",
    "Wolno idziemy do domu.",
    # a condition whose comma is left out, a parenthesis before the infinitive
    "Jeśli chcesz pójdziemy razem.",
    "Jak chcesz zrobisz to sam.",
    "Jak trzeba pomogę.",
    "Jeśli można poproszę kawę.",
    "Trzeba wiesz uważać.",
]


@pytest.mark.parametrize(("text", "corrected"), PRESENT_PAIRS)
def test_present_after_a_modal_becomes_the_infinitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert issue.rule is not None and issue.rule.id == "verb.infinitive"
    assert "takes an infinitive after it, not the present tense:" in issue.explanation


@pytest.mark.parametrize(("text", "corrected"), FUTURE_PAIRS)
def test_perfective_future_after_a_modal_becomes_the_infinitive(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    (issue,) = result.issues
    assert "takes an infinitive after it, not the simple future (perfective):" in (
        issue.explanation
    )
    (issue,) = engine.check(text, explain_in="pl").issues
    assert "następuje bezokolicznik, a nie czas przyszły prosty:" in issue.explanation


@pytest.mark.parametrize("text", CORRECT)
def test_correct_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text and not result.issues, result.issues


def test_a_perfective_is_not_named_a_present_by_compare(engine: LanguageEngine) -> None:
    (issue,) = engine.compare("Kupiłem chleb.", "Kupię chleb.").issues
    assert "not the simple future (perfective)" in issue.explanation
    (issue,) = engine.compare("Kupiłem chleb.", "Kupię chleb.", explain_in="pl").issues
    assert "a nie czas przyszły prosty" in issue.explanation


def test_w_kazde_is_a_habit_only_before_a_word_of_time(engine: LanguageEngine) -> None:
    (issue,) = engine.check("W każdą sobotę zrobię zakupy.").issues
    assert issue.explanation.startswith("*W każdą sobotę* signals a habit")
    text = "Dla takiej muzyki mogę uwierzyć w każde czary."
    assert engine.check(text).corrected == text
