"""A phrase check() touches comes out grammatical, or is left as the learner wrote it.

Restoring one word's Polish letters, or recasing one noun, must not leave the words that go
with it in another case: *Wracam ze szkola* was made *ze szkoła* (the letters restored, the
nominative left after *ze*), *Idę z pania Anna* → *z panią Anna*, *Mieszkam na ulica
Kwiatowa* → *na ulicy Kwiatowa*, *Wolę herbata niż kawa* → *herbatę niż kawa*. Each rule
here is tested with the learner's sentences it corrects and the right sentences around it
that stay untouched. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# z/ze + the genitive where a verb of coming from settles it (its frame z+gen holds for the
# vocalic *ze* too); with no such verb a respelt noun the preposition cannot take is left
# alone, not shown half-corrected
FROM = [
    ("Wracam ze szkola.", "Wracam ze szkoły."),
    ("Wracam ze szkoła.", "Wracam ze szkoły."),
    ("Wracam ze szkola o trzeciej.", "Wracam ze szkoły o trzeciej."),
    ("Wyszedłem ze szkola wcześnie.", "Wyszedłem ze szkoły wcześnie."),
    ("Wróciła ze sklep z zakupami.", "Wróciła ze sklepu z zakupami."),
    ("Wracam ze wies.", "Wracam ze wsi."),
    ("Wrócił ze Szkocja.", "Wrócił ze Szkocji."),
    ("Przyjechałam ze Wroclaw.", "Przyjechałam ze Wrocławia."),
    ("Wróciłem z praca bardzo zmęczony.", "Wróciłem z pracy bardzo zmęczony."),
    ("Wrócił z wakacje opalony.", "Wrócił z wakacji opalony."),
    ("Pochodzę z Wroclaw.", "Pochodzę z Wrocławia."),
    ("Wracam od babcia w niedzielę.", "Wracam od babci w niedzielę."),
    # with someone: the instrumental, the verb of motion notwithstanding
    ("Wracam ze swoja mama.", "Wracam ze swoją mamą."),
    ("Rozmawiam ze swoim brat.", "Rozmawiam ze swoim bratem."),
    ("Idę ze swój pies.", "Idę ze swoim psem."),
    ("Idę z córka do parku.", "Idę z córką do parku."),
]

FROM_RIGHT = [
    "Wracam ze szkoły.",
    "Wracam ze szkoły do domu.",
    "Wychodzę ze szkoły o drugiej.",
    "Wracam ze wsi.",
    "Jestem ze Szczecina.",
    "Idę ze znajomymi do kina.",
    "Rozmawiam ze swoim bratem.",
    "Idę ze swoim psem.",
    "Wracam ze swoją mamą.",
    "Wracam z pracy autobusem.",
    "Przyjechała z Niemiec.",
    "Tańczę z moim mężem.",
    "Gram w piłkę z przyjaciółmi.",
    "Obudziłem się w środku nocy.",
]

# no verb says which z is meant (from school, or with it?): the phrase stays as written
LEFT = [
    "Idę ze szkola.",
    "Idę ze szkola do domu.",
    "Idę z pani Anna Kowalska.",  # z pani (from her) or z panią (with her)?
    "Idę z pania Anna Nowak-Kowalska.",  # a name we do not decline: not half the phrase
    "Widzę pania Ewa.",  # panią Ewę: the case of a name after a verb is not ours to guess
    "Mieszkam na ulica Sloneczna.",  # its name, unknown, could not be made to agree
    "Pytam o pani Ewa.",  # o pani (about her) or o panią (asking for her)?
    "Przyszłam z pani Agata.",
    "Od pani Anna dostała list.",  # Anna may be the one who got it
]


def test_ze_after_a_verb_of_coming_back_is_the_genitive_explained(
    engine: LanguageEngine,
) -> None:
    issue = engine.check("Wracam ze szkola.").issues[0]
    assert issue.got == "szkola" and issue.expected == "szkoły"
    assert "Genitive" in issue.explanation and "*ze*" in issue.explanation


# a name after pan, pani is in the title's case, which the preposition settles
TITLES = [
    ("Idę z pania Anna.", "Idę z panią Anną."),
    ("Idę z panią Anna.", "Idę z panią Anną."),
    ("Ide z pania Zofia na zakupy.", "Idę z panią Zofią na zakupy."),
    ("Rozmawialam z pania Ewa.", "Rozmawiałam z panią Ewą."),
    ("Spotkałem się z pania Kasia.", "Spotkałem się z panią Kasią."),
    ("Rozmawiałam z panią Zosia.", "Rozmawiałam z panią Zosią."),
    ("Idę z panią Magda na kawę.", "Idę z panią Magdą na kawę."),
    ("Pojechałem z panią Maria do Krakowa.", "Pojechałem z panią Marią do Krakowa."),
    ("Idę z panią Anna Kowalska.", "Idę z panią Anną Kowalską."),
    ("Idę z mama i pania Ewa.", "Idę z mamą i panią Ewą."),
    ("Idę z mamą i panią Ewa.", "Idę z mamą i panią Ewą."),
    ("Idę z Ewą i panem Adam.", "Idę z Ewą i panem Adamem."),
    ("Dostałem prezent od pani Ewa i pana Adam.", "Dostałem prezent od pani Ewy i pana Adama."),
    ("Rozmawiałem z pania Ewa wczoraj.", "Rozmawiałem z panią Ewą wczoraj."),
    ("Rozmawiam z pan doktor Nowak.", "Rozmawiam z panem doktorem Nowakiem."),
    ("Byłem u pani Anna.", "Byłem u pani Anny."),
    ("Byłem u pani Halina wczoraj.", "Byłem u pani Haliny wczoraj."),
    ("Mieszkam u pani Krystyna.", "Mieszkam u pani Krystyny."),
    ("Idę do pani Kowalska.", "Idę do pani Kowalskiej."),
    ("To prezent dla pani Basia.", "To prezent dla pani Basi."),
    ("Dostałem list od pani Marta.", "Dostałem list od pani Marty."),
    ("Piszę do pani Jolanta w sprawie pracy.", "Piszę do pani Jolanty w sprawie pracy."),
    ("Zadzwoń do pani Ola.", "Zadzwoń do pani Oli."),
    ("Jutro idę do pani Ania.", "Jutro idę do pani Ani."),
    ("Dla pani Anna kupiłem kwiaty.", "Dla pani Anny kupiłem kwiaty."),
    ("Myślę o pani Ewa.", "Myślę o pani Ewie."),
    ("Pytałem o panią Anna.", "Pytałem o panią Annę."),
    ("Czekam na panią Ewa.", "Czekam na panią Ewę."),
    ("Byłem u pana Adam.", "Byłem u pana Adama."),
    ("Byłem u pana Nowak.", "Byłem u pana Nowaka."),
    ("Mieszkam u pana Jerzy.", "Mieszkam u pana Jerzego."),
    ("Rozmawiam z panem Tomek.", "Rozmawiam z panem Tomkiem."),
    ("Rozmawiam z pan Tomek.", "Rozmawiam z panem Tomkiem."),
    ("Spotkałem się z panem Krzysztof.", "Spotkałem się z panem Krzysztofem."),
    ("Zadzwoniłem do pana Krzysztof.", "Zadzwoniłem do pana Krzysztofa."),
    ("Dostałam kwiaty od pana Paweł.", "Dostałam kwiaty od pana Pawła."),
    ("Piszę do pana Piotr.", "Piszę do pana Piotra."),
    ("Czekam na pana Marek.", "Czekam na pana Marka."),
    ("Myślę o panu Adam.", "Myślę o panu Adamie."),
    ("Idę z panem Jan Kowalski.", "Idę z panem Janem Kowalskim."),
    ("Idę z siostra Anna.", "Idę z siostrą Anną."),
    ("Idę z moja siostra Anna.", "Idę z moją siostrą Anną."),
]

TITLES_RIGHT = [
    "Idę z panią Anną.",
    "Byłem u pani Anny.",
    "Byłem u pana Adama.",
    "Rozmawiam z panem Tomkiem.",
    "Idę do pani Kowalskiej.",
    "Idę z panią Nowak.",  # a woman's surname in a consonant does not decline
    "Idę z panią profesor Nowak.",
    "Dzwonię do pani doktor Anna.",  # (left: a title between)
    "Pani Anna idzie do sklepu.",
    "Pan Adam jest moim sąsiadem.",
    "Pani Kasia mieszka obok.",
    "To jest pan Marek.",
    "Dzień dobry, pani Anno.",
    "Rozmawiam z panią Kate.",
    "Myślę o pani Ewie.",
    "Dostałem list od pani Marty.",
    "To prezent dla pani Basi.",
    "Piszę do pana Piotra.",
    "Zadzwoń do pani Oli.",
    "Piszę do pani Jolanty w sprawie pracy.",
    "Rozmawiam z panią dyrektor.",
    "Idę z mamą i panią Ewą.",
    "Idę z Ewą i pani Anna.",  # (pani where panią is meant: left)
    "Kot i pani Ewa idą.",
    "Rozmawiam z panem doktorem Nowak.",  # (the name left as written: not ours)
    "Widziałem pana Adam w sklepie.",  # (after a verb: left)
]


def test_a_name_joined_to_its_noun_is_explained_by_the_preposition(
    engine: LanguageEngine,
) -> None:
    issues = engine.check("Idę z moja siostra Anna.").issues
    name = next(i for i in issues if i.got == "Anna")
    assert name.type == "inflection" and name.expected == "Anną"
    assert "Instrumental" in name.explanation and "Polish letters:" not in name.explanation


# a place named by an adjective agrees with it (ulica Kwiatowa → na ulicy Kwiatowej)
STREETS = [
    ("Mieszkam na ulica Kwiatowa.", "Mieszkam na ulicy Kwiatowej."),
    ("Mieszkam na ulicy Kwiatowa.", "Mieszkam na ulicy Kwiatowej."),
    ("Mieszkam przy ulica Długa.", "Mieszkam przy ulicy Długiej."),
    ("Mieszkam przy ulica Lipowa.", "Mieszkam przy ulicy Lipowej."),
    ("Mieszkam przy ulicy Lipowa.", "Mieszkam przy ulicy Lipowej."),
    ("Pracuję na ulicy Marszałkowska.", "Pracuję na ulicy Marszałkowskiej."),
    ("Spotkamy się na placu Zamkowy.", "Spotkamy się na placu Zamkowym."),
    ("Mieszkam w hotelu Europejski.", "Mieszkam w hotelu Europejskim."),
    ("Idę na ulicę Kwiatowa.", "Idę na ulicę Kwiatową."),
    ("Mieszkam na osiedlu Słoneczne.", "Mieszkam na osiedlu Słonecznym."),
    ("Byłem w parku Miejski.", "Byłem w parku Miejskim."),
    ("Pracuję w szpitalu Wojewódzki.", "Pracuję w szpitalu Wojewódzkim."),
    ("Pracuję w szpital Miejski.", "Pracuję w szpitalu Miejskim."),
    ("Idę do sklep na ulicy Polna.", "Idę do sklepu na ulicy Polnej."),
    ("Czekam na przystanku Centralny.", "Czekam na przystanku Centralnym."),
    ("Jestem na dworcu Centralny.", "Jestem na dworcu Centralnym."),
    ("Mieszkam na ulicy Ogrodowa w Krakowie.", "Mieszkam na ulicy Ogrodowej w Krakowie."),
    ("Mieszkam na ulica Mickiewicza.", "Mieszkam na ulicy Mickiewicza."),
    ("Mieszkam na ulicy Kwiatowa 5.", "Mieszkam na ulicy Kwiatowej 5."),
    ("Jadę na ulica Marszałkowska.", "Jadę na ulicę Marszałkowską."),
    ("Byłam w kościele Mariacki.", "Byłam w kościele Mariackim."),
]

STREETS_RIGHT = [
    "Mieszkam na ulicy Kwiatowej.",
    "Mieszkam przy ulicy Długiej.",
    "Pracuję na ulicy Marszałkowskiej.",
    "Spotkamy się na placu Zamkowym.",
    "Mieszkam w hotelu Europejskim.",
    "Idę na ulicę Kwiatową.",
    "Mieszkam na osiedlu Słonecznym.",
    "Mieszkam na ulicy Mickiewicza.",  # a man's name in the genitive: no adjective
    "Mieszkam przy ulicy Piłsudskiego.",
    "Mieszkam przy placu Wolności.",
    "Mieszkam na Alei Róż.",
    "Jadę do miasta Nowy Sącz.",  # a town's name of two words stays
    "Mieszkam w mieście Kraków.",
    "Mieszkam w domu Kowalski.",  # a house's owner, not its name (left for the learner)
    "Byłem w restauracji Polska.",
    "Pracuję w firmie Nowa Era.",
    "Przyszedł do domu głodny.",  # a predicative adjective, in small letters
    "Mieszkam na ulicy Ogrodowej w Krakowie.",
    "Jestem na Dworcu Centralnym.",
    "Mieszkam na ulicy Leśnej pięć.",
    "Mieszkam na ulicy Nowy Świat.",
    "Mieszkam obok parku Łazienki.",
    "Byłam w kościele Mariackim.",
]


# niż (and jak after tak, tak samo) compares like with like: the verb's object's case
COMPARED = [
    ("Wolę herbata niż kawa.", "Wolę herbatę niż kawę."),
    ("Wolę herbatę niż kawa.", "Wolę herbatę niż kawę."),
    ("Wolisz wodę niż lemoniada?", "Wolisz wodę niż lemoniadę?"),
    ("Wolę wodę niż kawa z mlekiem.", "Wolę wodę niż kawę z mlekiem."),
    ("Piję herbatę częściej niż kawa.", "Piję herbatę częściej niż kawę."),
    ("Piję kawę częściej niż herbata.", "Piję kawę częściej niż herbatę."),
    ("Czytam gazetę częściej niż książka.", "Czytam gazetę częściej niż książkę."),
    ("Lubię zupę bardziej niż pizza.", "Lubię zupę bardziej niż pizzę."),
    ("Jem rybę częściej niż wołowina.", "Jem rybę częściej niż wołowinę."),
    ("Wolałem kawę niż herbata.", "Wolałem kawę niż herbatę."),
    ("Lubię kawę tak samo jak herbata.", "Lubię kawę tak samo jak herbatę."),
    ("Kocham muzykę tak samo jak sztuka.", "Kocham muzykę tak samo jak sztukę."),
    ("Wolę jechać pociągiem niż autobus.", "Wolę jechać pociągiem niż autobusem."),
]

COMPARED_RIGHT = [
    "Wolę herbatę niż kawę.",
    "Wolę kawę niż herbatę.",
    "Wolę książki niż filmy.",
    "Lubię kawę tak samo jak herbatę.",
    "Lubię kawę bardziej niż mama.",  # mama likes it: the subject compared
    "Anna ma więcej czasu niż Piotr.",
    "Ona woli herbatę niż kawa.",  # (a third person's verb: left)
    "Wolisz piwo niż wino?",
    "Wolę pociąg niż samolot.",
    "Wolę jeździć do Krakowa niż Warszawa.",  # (a preposition's phrase: left)
    "Mój brat jest wyższy niż ja.",
    "Warszawa jest większa niż Kraków.",
    "Jest zimniej niż wczoraj.",
    "Kupiłam sukienkę droższą niż spódnica.",  # than the skirt is
    "Wolę góry niż morze.",
    "Lubię herbatę tak jak moja mama.",
    "Oglądam telewizję rzadziej niż moja siostra.",
    "Wolę czytać niż oglądać telewizję.",
    "Kupiłem więcej jabłek niż gruszek.",
    "Mam więcej książek niż ty.",
    "Lubię psy bardziej niż koty.",
    "Lubię kota bardziej niż pies.",  # a dog likes it less, or the dog? an animal: left
    "Wolę jechać pociągiem niż autobusem.",
    "Wolę herbatę niż kawa smakuje.",
    "Wolę lato niż zimę.",
    "Wolę samochód niż rower.",
    "Mam lepszy samochód niż rower.",
    "Bardziej lubię jabłka niż gruszki.",
    "Wolę spać niż pracować.",
]


def test_the_comparison_is_explained_by_its_partner(engine: LanguageEngine) -> None:
    issue = engine.check("Wolę herbatę niż kawa.").issues[0]
    assert issue.got == "kawa" and issue.expected == "kawę"
    assert "*herbatę*" in issue.explanation and "Accusative" in issue.explanation
    pl = engine.check("Wolę herbatę niż kawa.", explain_in="pl").issues[0]
    assert "*herbatę*" in pl.explanation and "bierniku" in pl.explanation


# a real word is not respelt into another: a verb's rare form, a name at the start
REAL_WORDS = [
    "Wy dożywicie tego psa.",
    "Dożywicie go.",
    "Debren jest ładny.",
]


@pytest.mark.parametrize(("text", "corrected"), FROM + TITLES + STREETS + COMPARED)
def test_a_touched_phrase_is_corrected_whole(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected


RIGHT = FROM_RIGHT + TITLES_RIGHT + STREETS_RIGHT + COMPARED_RIGHT


@pytest.mark.parametrize("text", RIGHT + LEFT + REAL_WORDS)
def test_right_or_unsettled_sentences_are_left_as_written(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


def test_a_street_name_is_explained_by_its_noun(engine: LanguageEngine) -> None:
    issue = engine.check("Mieszkam przy ulicy Lipowa.").issues[0]
    assert issue.got == "Lipowa" and issue.expected == "Lipowej"
    assert "*ulicy*" in issue.explanation and "Locative" in issue.explanation
