"""Stop 33a: corrections that taught something false, and the rules that now leave them or
make them whole, with right sentences around each that must stay as they are.

- After a preposition of two cases (*z*: from / with; *w*, *na*, *o*: where to / where; *za*,
  *pod*, *przed*: where to / where), an adjective in one of them and its noun in another are
  not made to agree unless the clause says which case it asks (*Wracam z mojej pracą*: z mojej
  pracy or z moją pracą; left alone).
- *za* + money is a price, in the Accusative (*za frank* → *za franka*), not behind it.
- A man's title and names after a preposition go into its case together (*z pan Nowak* → *z
  panem Nowakiem*), or none of them does.
- Under negation a phrase with *jeden* goes into the Genitive whole (*Nie mam jeden złoty
  pierścionek* → *jednego złotego pierścionka*).
- Recall: *jako* + the subject's Nominative; *Czy moge zapłacić karta?* → *kartą* after the
  respelt *mogę*; *Jutro kupie* → *kupię*; *Pani jest bardzo mila* → *miła*; a thing after a
  verb only a living being does (*Pije kawa* → *kawę*).
Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine


def _unchanged(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


# -- two cases after one preposition ---------------------------------------------------------

SPLIT_LEFT = [
    "Wracam z mojej pracą.",
    "Wróciłam z nowej pracą.",
    "Wyszedłem z mojego domem.",
    "Piję kawę z gorącym mleka.",
    "Jem chleb z żółtym sera.",
    "Jadę nad morze z moimi dzieci.",
    "Zrobiłam sałatkę ze świeżymi warzyw.",
    "Idę na nową pracy.",
    "Jestem w nowej pracę.",
    "Myślę o mojej mamę.",
]


@pytest.mark.parametrize("text", SPLIT_LEFT)
def test_an_adjective_and_noun_in_two_cases_of_the_preposition_are_left(
    engine: LanguageEngine, text: str
) -> None:
    _unchanged(engine, text)


# the clause says which case (the verb's frame, motion or rest), and the noun is in it: the
# adjective agrees
SPLIT_DECIDED = [
    ("Czekam na moim brata.", "Czekam na mojego brata."),
    ("Jestem w nową pracy.", "Jestem w nowej pracy."),
    ("Myślę o moją mamie.", "Myślę o mojej mamie."),
    ("Kot wszedł pod starym stół.", "Kot wszedł pod stary stół."),
    ("Siedzę przed duży domem.", "Siedzę przed dużym domem."),
    ("Pojechałem na długim urlop.", "Pojechałem na długi urlop."),
    ("Idę na nowej pracę.", "Idę na nową pracę."),
    ("Wyjąłem klucze z moją torby.", "Wyjąłem klucze z mojej torby."),
    ("Kupiłem prezent dla mój brata.", "Kupiłem prezent dla mojego brata."),
    ("Mieszkam z moja mamą.", "Mieszkam z moją mamą."),
    # an adverbial participle's frame too (patrzeć na + the Accusative)
    ("Stałem, patrząc na wysokich góry.", "Stałem, patrząc na wysokie góry."),
]


@pytest.mark.parametrize(("text", "corrected"), SPLIT_DECIDED)
def test_the_case_the_clause_asks_for_decides(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


SPLIT_RIGHT = [
    "Wracam z mojej pracy.",
    "Wracam z moją żoną.",
    "Wracam z moją pracą do domu.",
    "Piję kawę z gorącym mlekiem.",
    "Przyjechałam z dużego miasta.",
    "Jestem w nowej pracy.",
    "Idę na nową pracę.",
    "Myślę o mojej mamie.",
    "Zrobiłam sałatkę ze świeżych warzyw.",
    "Jadę nad morze z moimi dziećmi.",
    "Patrząc na wysokie góry, myślałem o domu.",
]


@pytest.mark.parametrize("text", SPLIT_RIGHT)
def test_right_phrases_after_two_case_prepositions_stay(engine: LanguageEngine, text: str) -> None:
    _unchanged(engine, text)


# -- za + money ------------------------------------------------------------------------------

PRICES = [
    ("Kupiłem to za frank.", "Kupiłem to za franka."),
    ("Kupiłem to za rubel.", "Kupiłem to za rubla."),
    ("Kupiłem chleb za złotówka.", "Kupiłem chleb za złotówkę."),
]


@pytest.mark.parametrize(("text", "corrected"), PRICES)
def test_za_and_money_is_a_price_in_the_accusative(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    [issue] = result.issues
    assert "Accusative" in issue.explanation and "price" in issue.explanation
    assert "Instrumental here" not in issue.explanation


PRICES_RIGHT = [
    "Kupiłem to za franka.",
    "Kupiłem to za dolara.",
    "Kupiłem to za euro.",
    "Kupiłem to za jeden złoty.",
    "Kupiłem to za jednego złotego.",
    "Kupiłem to za funt.",
    "Kupiłam bilet za dziesięć euro.",
    "Sprzedałem rower za sto złotych.",
    "Tęsknię za frankiem.",
    "Stoję za frankiem.",
    "Mieszkam za granicą.",
    "Za domem jest ogród.",
]


@pytest.mark.parametrize("text", PRICES_RIGHT)
def test_prices_and_places_after_za_stay(engine: LanguageEngine, text: str) -> None:
    _unchanged(engine, text)


# -- a man's title and names -----------------------------------------------------------------

NAMES = [
    ("Rozmawiam z pan Nowak.", "Rozmawiam z panem Nowakiem."),
    ("Rozmawiam z pan Kowalski.", "Rozmawiam z panem Kowalskim."),
    ("Idę do pan Nowak.", "Idę do pana Nowaka."),
    ("Dzwonię do pan Zieliński.", "Dzwonię do pana Zielińskiego."),
    ("Piszę list do pan profesor Nowak.", "Piszę list do pana profesora Nowaka."),
    ("Mam spotkanie z pan dyrektor.", "Mam spotkanie z panem dyrektorem."),
    ("Rozmawiałam z pan Piotr Nowak.", "Rozmawiałam z panem Piotrem Nowakiem."),
    ("O pan Nowak nic nie wiem.", "O panu Nowaku nic nie wiem."),
]


@pytest.mark.parametrize(("text", "corrected"), NAMES)
def test_a_mans_title_and_names_take_the_case_together(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    pan = result.issues[0].explanation.rsplit(":", 1)[0]
    assert all(i.explanation.rsplit(":", 1)[0] == pan for i in result.issues)


NAMES_RIGHT = [
    "Rozmawiam z panem Nowakiem.",
    "Rozmawiam z panią Nowak.",
    "Rozmawiam z panią Kowalską.",
    "Idę do pana Kowalskiego.",
    "Idę do pani Nowak.",
    "Dostałem list od pani Nowak.",
    "Rozmawiałem z doktor Nowak.",
    "Pan Nowak jest lekarzem.",
    "To jest pan Nowak.",
    "Dzień dobry, panie Nowak.",
    # a name that is not a man's one word (a double surname, read as its second half; a woman's
    # surname after pan; a name Morfeusz lacks): the phrase is left whole
    "Rozmawiam z pan Nowak-Kowalski.",
    "Rozmawiam z pan Kowalska.",
    "Spotkałem się z pan Müller.",
]


@pytest.mark.parametrize("text", NAMES_RIGHT)
def test_names_right_or_unknown_stay(engine: LanguageEngine, text: str) -> None:
    _unchanged(engine, text)


# -- a negated object with jeden -------------------------------------------------------------

NEGATED = [
    ("Nie mam jeden złoty pierścionek.", "Nie mam jednego złotego pierścionka."),
    ("Nie mam jeden wolny dzień.", "Nie mam jednego wolnego dnia."),
    ("Nie mam jeden dobry pomysł.", "Nie mam jednego dobrego pomysłu."),
    ("Nie kupiłem jeden nowy samochód.", "Nie kupiłem jednego nowego samochodu."),
    ("Nie mam ten duży dom.", "Nie mam tego dużego domu."),
]


@pytest.mark.parametrize(("text", "corrected"), NEGATED)
def test_a_negated_phrase_goes_genitive_whole(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


NEGATED_RIGHT = [
    "Nie mam jednego złotego pierścionka.",
    "Mam jeden złoty pierścionek.",
    "Kupiłem jeden złoty pierścionek.",
    "Nie mam tego dużego domu.",
    "Nie mam ani jednego grosza.",
    "Nie mam dwóch nowych samochodów.",
]


@pytest.mark.parametrize("text", NEGATED_RIGHT)
def test_right_negated_and_affirmed_phrases_stay(engine: LanguageEngine, text: str) -> None:
    _unchanged(engine, text)


# -- recall ----------------------------------------------------------------------------------

RECALL = [
    ("Pracuję jako lekarzem.", "Pracuję jako lekarz."),
    ("Pracowałam jako nauczycielką w szkole.", "Pracowałam jako nauczycielka w szkole."),
    ("Pracuję jako dobrym kelnerem.", "Pracuję jako dobry kelner."),
    ("Czy moge zapłacić karta?", "Czy mogę zapłacić kartą?"),
    ("Jutro kupie chleb.", "Jutro kupię chleb."),
    ("Pani jest bardzo mila.", "Pani jest bardzo miła."),
    ("On jest bardzo mily.", "On jest bardzo miły."),
    ("Pije kawa.", "Pije kawę."),
    ("Czyta książka.", "Czyta książkę."),
    ("Mama czyta gazeta.", "Mama czyta gazetę."),
]


@pytest.mark.parametrize(("text", "corrected"), RECALL)
def test_missed_errors_now_found(engine: LanguageEngine, text: str, corrected: str) -> None:
    assert engine.check(text).corrected == corrected


def test_two_nouns_after_jako_are_not_half_corrected(engine: LanguageEngine) -> None:
    corrected = engine.check("Pracuję jako tłumaczem i lektorem.").corrected
    assert corrected in ("Pracuję jako tłumaczem i lektorem.", "Pracuję jako tłumacz i lektor.")


def test_jako_after_the_subject_is_explained(engine: LanguageEngine) -> None:
    [issue] = engine.check("Pracuję jako lekarzem.").issues
    assert "subject" in issue.explanation and "Nominative" in issue.explanation


RECALL_RIGHT = [
    "Pracuję jako lekarz.",
    "Rozmawiałem z nim jako lekarzem.",
    "Zatrudnili go jako kelnera.",
    "Znam go jako dobrego człowieka.",
    "Jako dziecko lubiłem lody.",
    "W tej kupie liści jest jeż.",
    "Jutro na kupie liści będzie jeż.",
    "To jest bardzo mila.",
    "Ta mila jest bardzo długa.",
    "Kawę pije mama.",
    "Książkę czyta Anna.",
    "Czyta cała szkoła.",
    "Gotuje się woda.",
    "Pije kot mleko.",
]


@pytest.mark.parametrize("text", RECALL_RIGHT)
def test_right_or_unclear_sentences_near_the_recall_rules_stay(
    engine: LanguageEngine, text: str
) -> None:
    _unchanged(engine, text)
