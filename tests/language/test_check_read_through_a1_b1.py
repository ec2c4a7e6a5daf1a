"""Stop 31's teacher's read-through of ``check``: sentences A1–B1 learners write, read as a
teacher would. The object put first and the subject after the verb (*Ten dom kupuje mój brat*)
is no object in the wrong case; and correct sentences (names, numerals, aspect pairs,
prepositions, negation, reflexives, diminutives, both genders in the past, the conditional,
imperatives, dates and times, colloquial Polish) stay as they are. Real Morfeusz throughout.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# the object first, a person (or an animal) after the verb: its subject, in the nominative
OBJECT_FIRST = [
    "Ten dom kupuje mój brat.",
    "Ten list napisała moja mama.",
    "Wczoraj ten samochód kupił mój brat.",
    "I ten dom kupił mój brat.",
    "Te książki kupił mój brat.",
]


@pytest.mark.parametrize("text", OBJECT_FIRST)
def test_a_person_after_the_verb_with_the_object_first_is_its_subject(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# (learner's sentence, corrected): the subject first, the object after in the wrong case
SUBJECT_FIRST = [
    ("Moja siostra lubi kawa.", "Moja siostra lubi kawę."),
    ("Mama kupiła nowa sukienka.", "Mama kupiła nową sukienkę."),
    ("Władze miasta zapraszają krakowianie na Rynek.",
     "Władze miasta zapraszają krakowian na Rynek."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected"), SUBJECT_FIRST)
def test_the_object_after_a_subject_and_its_verb_is_still_corrected(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    assert all(
        i.rule is None or i.rule.id in ("case.verb_government", "agreement.adjective")
        for i in result.issues
    )


CLEAN = [
    "Mam na imię Kasia i mieszkam w Gdańsku.",
    "Wczoraj Tomek poszedł do kina z Agnieszką.",
    "Moja babcia urodziła się w tysiąc dziewięćset pięćdziesiątym roku.",
    "Spotkamy się o wpół do siódmej przed dworcem.",
    "Czy mógłbyś mi pomóc z zadaniem domowym?",
    "Gdybym miał więcej czasu, uczyłbym się hiszpańskiego.",
    "Zamknij okno, proszę, bo jest zimno.",
    "Kupiłam dwa bilety na koncert w sobotę.",
    "W zeszłym roku byliśmy na wakacjach w Chorwacji.",
    "Kiedy byłam mała, często chodziłam z tatą na ryby.",
    "Nie lubię kawy bez cukru.",
    "Mój brat ma pięcioro dzieci.",
    "Napisałem już ten raport i wysłałem go szefowi.",
    "Anna i Marek wzięli ślub trzeciego maja.",
    "Muszę się pospieszyć, bo spóźnię się na autobus.",
    "Czy masz ochotę na herbatkę z cytrynką?",
    "Mój piesek lubi spać na kanapie.",
    "Nie widziałem Ewy od tygodnia.",
    "Daj mi znać, jak dojedziesz do domu.",
    "Ile kosztuje ten sweter?",
    "Pracuję w szpitalu jako pielęgniarka.",
    "Chciałabym zamówić pizzę z pieczarkami.",
    "Jutro będę pracować do późna.",
    "Siedemnastego grudnia mam urodziny.",
    "Zadzwoń do mnie po obiedzie.",
    "Ola uczy się polskiego od dwóch lat.",
    "Nie znam nikogo w tym mieście.",
    "Wróciłem do domu o jedenastej w nocy.",
    "Fajnie, że przyjechałaś!",
    "Moi rodzice mieszkają pod Krakowem.",
    "Trzech studentów czekało na profesora.",
    "Zapomniałam kluczy.",
    "Idę do lekarza, bo boli mnie gardło.",
    "Ten film był strasznie nudny.",
    "Myję się zimną wodą.",
    "Nie ma już mleka w lodówce.",
    "Zrobiłbym to, gdybyś mnie poprosiła.",
    "Co robiłeś w weekend?",
    "Kasia powiedziała, że przyjdzie o ósmej.",
    "Codziennie piję kawę z mlekiem, a wieczorem herbatę.",
    "Weź parasol, bo będzie padać.",
    "Nie martw się, wszystko będzie dobrze.",
    "Pani Nowak jest naszą sąsiadką od pięciu lat.",
    "Moja córka ma sześć lat i lubi rysować konie.",
    "Dziękuję za pomoc, jesteś bardzo miły.",
    "Poszliśmy z Jankiem na spacer nad rzekę.",
    "Szukam pracy w Krakowie od marca.",
    "Potrzebuję twojej pomocy.",
    "Boję się dużych psów.",
    "Czekam na ciebie przed kinem.",
    "Gram w piłkę z kolegami w niedzielę.",
    "Uczę się grać na pianinie.",
    "Jest wysoki jak jego ojciec.",
    "Dwie kobiety i dwóch mężczyzn czekało na pociąg.",
    "Pięć kobiet przyszło na spotkanie.",
    "Mam dwadzieścia pięć lat.",
    "Jestem z Anglii, ale mieszkam na Mokotowie.",
    "Nie było mnie wczoraj w pracy.",
    "Kupiłem mamie kwiaty na Dzień Matki.",
    "Mąż Ewy jest lekarzem.",
    "Jestem bardzo zmęczona po podróży.",
    "To jest mój kolega Paweł.",
    "Jadę pociągiem do Poznania.",
    "Mam ochotę na lody.",
    "Tęsknię za tobą.",
    "Jest mi zimno.",
    "Podoba mi się to miasto.",
    "Smakuje ci ta zupa?",
    "Wolałbym zostać w domu.",
    "Jest za piętnaście trzecia.",
    "Urodziłem się 5 marca 1990 roku.",
    "Spotkajmy się w piątek o siódmej.",
    "Niech Ania zadzwoni do mnie wieczorem.",
    "Nie wiem, czy on przyjdzie.",
    "Zjadłam całą czekoladę.",
    "Mieszkałam tam dwa miesiące.",
    "Kot leży pod stołem.",
    "Połóż książkę na stół.",
    "Ci chłopcy są bardzo wysocy.",
    "Te dziewczyny są miłe.",
    "Mój dziadek miał psa, który nazywał się Burek.",
    "Kasia z Tomkiem pojechali nad morze.",
    "Jest nas troje.",
    "Zawsze kupuję chleb w tej piekarni.",
    "Co tydzień odwiedzam babcię.",
    "Nie piję alkoholu.",
    "Nikt nic nie wie.",
    "Nie lubię go.",
    "Wstaję codziennie o szóstej rano.",
    "Ania jest starsza od Marty o dwa lata.",
    "Oglądaliśmy mecz u Michała.",
    "Ewa kupiła sobie nową sukienkę.",
    "Zostaw to, ja to zrobię.",
    "Nie zapomnij o mnie!",
    "Piszę do ciebie z Zakopanego.",
    "Spotkałem Magdę na dworcu.",
    "Chodźmy na kawę!",
    "Michał pojechał do Niemiec na tydzień.",
    "Moja koleżanka mieszka w Stanach.",
    "Byliśmy u dziadków na święta.",
    "Przyszła do mnie Zosia z mamą.",
    "Córeczka śpi w swoim łóżeczku.",
    'Jutro idziemy do teatru na "Wesele".',
    "Dostałam od Marka piękny prezent.",
    "Rano jem kanapkę z serem.",
    "Kup mi, proszę, dwa litry mleka.",
    "Chcę, żebyś przyszedł do mnie jutro.",
    "Kuba był wczoraj chory.",
    "Kuba przyszedł z Basią.",
    "Nikola zrobiła obiad dla wszystkich.",
    "Pani Kowalska była bardzo zadowolona.",
    "Kasieńka dostała od dziadka rower.",
    "Tomuś poszedł spać o dziewiątej.",
    "Mam dwadzieścia jeden lat.",
    "Moja siostra ma dwadzieścia dwa lata.",
    "Ten bilet kosztuje dziesięć złotych.",
    "Chodzę na basen dwa razy w tygodniu.",
    "Zawsze kiedy przyjdę do domu, kot na mnie czeka.",
    "Jak będę miał czas, to zadzwonię.",
    "Jestem Amerykaninem, ale moja mama jest Polką.",
    "Marek i Ania przyszli razem.",
    "To była najlepsza pizza w moim życiu.",
    "Kraków to piękne miasto.",
    "Moje hobby to gotowanie.",
    "Spotkanie jest dwudziestego pierwszego czerwca.",
    "Pociąg odjeżdża o 8:45.",
    "Jest pięć po dwunastej.",
    "Ile to kosztuje?",
    "Byłam u fryzjera w sobotę.",
    "Umyj ręce przed jedzeniem!",
    "Nie rób tego!",
    "Niech pan usiądzie.",
    "Proszę zamknąć drzwi.",
    "Chętnie bym poszedł, ale nie mogę.",
    "Gdyby nie deszcz, poszlibyśmy na spacer.",
    "Mama kazała mi posprzątać pokój.",
    "Znowu zapomniałem portfela.",
    "Dzieci bawią się w ogrodzie.",
    "Siostry nie ma w domu.",
    "W Polsce jest dużo lasów.",
    "Mało ludzi przyszło na koncert.",
    "Kilka osób czekało na autobus.",
    "Większość studentów zdała egzamin.",
    "Oboje moi rodzice pracują.",
    "Dwoje dzieci bawiło się w piaskownicy.",
    "Trzy koty spały na kanapie.",
    "Mój kot nazywa się Filemon.",
    "Ten dom należy do moich dziadków.",
    "Jadę do Gdyni na weekend.",
    "Wracam z pracy o piątej.",
    "Studiuję medycynę na uniwersytecie.",
    "Ona jest ode mnie młodsza.",
    "Kocham cię, mamo!",
    "Cześć, Olu, co słychać?",
    "Dzień dobry, panie doktorze.",
    "Kupię ci coś słodkiego.",
    "Wypiłem dwie kawy i nie mogę spać.",
    "On chciałby mieszkać nad morzem.",
    "Na śniadanie zjadłam jajecznicę.",
    "Idę spać, dobranoc!",
    "Zimą często jeździmy na nartach.",
    "Wczoraj cały dzień padało.",
    "Muszę kupić prezent dla brata.",
    "Nie mam pojęcia, gdzie są moje klucze.",
    "Po pracy poszliśmy na piwo.",
    "Mieszkam z chłopakiem i jego psem.",
    "Spoko, nie ma sprawy.",
    "No to lecimy!",
    "Wiesz co? Mam już dość tej pogody.",
    "Ta książka, którą mi dałaś, jest super.",
    "Chłopak, z którym rozmawiałam, jest z Irlandii.",
    "Kawę piję zawsze bez mleka.",
    "Herbatę zrobiła mi babcia.",
    "Tę sukienkę kupiłam w Zarze.",
    "Daj mi tę książkę, proszę.",
    "Mam więcej czasu niż ty.",
    "Mamy mniej pieniędzy niż w zeszłym roku.",
    "Jedna kawa i dwie herbaty, poproszę.",
    "Moje dzieci chodzą do przedszkola.",
    "Kupuję kawę w sklepie za rogiem.",
    "Kupuje kawę dla szefa.",
    "Ona zawsze kupuje kwiaty w piątek.",
    "Tomek kupuje nowy samochód.",
    "Gazety kupuje tata.",
    "Jeden pan pytał o ciebie.",
    "Jeden z moich kolegów mieszka w Berlinie.",
    "Mam więcej książek niż płyt.",
    "Ile masz pieniędzy?",
    "Daj mi to.",
    "Daj mi tamtą książkę.",
    "Książka, którą czytam, jest nudna.",
    "Film, który oglądałem, był długi.",
    "Wiem, która to książka.",
    "Który autobus jedzie do centrum?",
    "Kupiłem więcej jabłek, niż potrzeba.",
    "Więcej ludzi przyszło, niż myśleliśmy.",
    "Herbata z cytryną jest najlepsza.",
    "Jeden bilet do Warszawy, proszę.",
    "Jedno piwo, poproszę.",
    "Co kupuje Ania?",
    "Babcia kupuje wnukom słodycze.",
    "Nikt nie kupuje gazet.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_a_correct_learner_sentence_stays_as_it_is(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# (learner's sentence, corrected, the learner's word, the right one, gender named, Polish name)
DETERMINER_GENDER = [
    ("Moi dzieci chodzą do szkoły.", "Moje dzieci chodzą do szkoły.", "Moi", "Moje",
     "non-masculine-personal", "niemęskoosobowy"),
    ("Nasi córki są już dorosłe.", "Nasze córki są już dorosłe.", "Nasi", "Nasze",
     "non-masculine-personal", "niemęskoosobowy"),
    ("Twoi koleżanki są miłe.", "Twoje koleżanki są miłe.", "Twoi", "Twoje",
     "non-masculine-personal", "niemęskoosobowy"),
    ("Jeden kawa i dwie herbaty.", "Jedna kawa i dwie herbaty.", "Jeden", "Jedna",
     "feminine", "żeński"),
    ("To jest jeden kawa.", "To jest jedna kawa.", "jeden", "jedna", "feminine", "żeński"),
    ("Jeden koleżanka mieszka w Gdańsku.", "Jedna koleżanka mieszka w Gdańsku.", "Jeden",
     "Jedna", "feminine", "żeński"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "corrected", "got", "right", "gender", "rodzaj"), DETERMINER_GENDER
)
def test_a_determiner_takes_its_nouns_gender(
    engine: LanguageEngine,
    text: str,
    corrected: str,
    got: str,
    right: str,
    gender: str,
    rodzaj: str,
) -> None:
    """*Moi dzieci* (moi, my folks, is also a noun) and *jeden kawa* (jeden is also a plural
    numeral) keep their case and take the noun's gender."""
    result = engine.check(text)
    assert result.corrected == corrected
    assert [(i.type, i.got, i.expected) for i in result.issues] == [("inflection", got, right)]
    assert "agrees with the noun" in result.issues[0].explanation
    assert f"({gender})" in result.issues[0].explanation
    assert f"*{got}* → *{right}*" in result.issues[0].explanation
    polish = engine.check(text, explain_in="pl").issues[0]
    assert rodzaj in polish.explanation


DETERMINER_CLEAN = [
    "Moi rodzice mieszkają w Anglii.",
    "Moi kochani, dziękuję!",
    "Jeden z nich przyszedł.",
    "Kupiłem jeden bilet.",
    "Jedno piwo i jedna woda.",
    "Przez jeden tydzień byłem chory.",
]


@pytest.mark.parametrize("text", DETERMINER_CLEAN)
def test_a_determiner_that_agrees_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


def test_jeden_after_a_verb_is_not_made_feminine_alone(engine: LanguageEngine) -> None:
    """*Poproszę jeden herbata*: the case is wrong too (jedną herbatę); *jedna herbata* alone
    would still be wrong after the verb."""
    assert "jedna herbata" not in engine.check("Poproszę jeden herbata.").corrected


# (learner's sentence, corrected, the noun's change, the verb named): a dative clitic between
# the verb and its object
AFTER_A_DATIVE = [
    ("Daj mi ta książka.", "Daj mi tę książkę.", ("książka", "książkę"), "dać"),
    ("Przyniosę ci woda.", "Przyniosę ci wodę.", ("woda", "wodę"), "przynieść"),
    ("Powiedz mi prawda.", "Powiedz mi prawdę.", ("prawda", "prawdę"), "powiedzieć"),
    ("Opowiedz nam historia.", "Opowiedz nam historię.", ("historia", "historię"),
     "opowiedzieć"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "corrected", "change", "verb"), AFTER_A_DATIVE)
def test_the_object_after_a_dative_pronoun_takes_the_verbs_case(
    engine: LanguageEngine, text: str, corrected: str, change: tuple[str, str], verb: str
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    issue = next(i for i in result.issues if (i.got, i.expected) == change)
    assert issue.rule is not None and issue.rule.id == "case.verb_government"
    assert f"The verb *{verb}*" in issue.explanation and "Accusative" in issue.explanation


def test_after_a_negated_verb_and_a_dative_the_object_takes_the_genitive(
    engine: LanguageEngine,
) -> None:
    result = engine.check("Nie daj mu ta gazeta.")
    assert result.corrected == "Nie daj mu tej gazety."
    issue = next(i for i in result.issues if i.got == "gazeta")
    assert issue.rule is not None and issue.rule.id == "case.negation"


# the noun after the dative is the subject (or another verb's, or no object at all)
DATIVE_CLEAN = [
    "Podoba mi się ta książka.",
    "Smakuje mi ta zupa.",
    "Przyszła mi do głowy myśl.",
    "Zginął mi pies.",
    "Umarł mu ojciec.",
    "Urodziło im się dziecko.",
    "Ukradli mi portfel.",
    "Daje mi mama pieniądze.",
    "Zabrała mi mama telefon.",
    "Daj mi znać.",
    "Wydaje mi się, że tak.",
    "Udało mi się zdać egzamin.",
    "Pożycz mi długopis.",
]


@pytest.mark.parametrize("text", DATIVE_CLEAN)
def test_a_noun_after_a_dative_pronoun_that_is_right_stays(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# (learner's sentence, corrected, the noun's change): więcej and mniej count like dużo
MORE_OR_LESS = [
    ("Mam więcej pieniądze.", "Mam więcej pieniędzy.", ("pieniądze", "pieniędzy")),
    ("Mam więcej czas niż ty.", "Mam więcej czasu niż ty.", ("czas", "czasu")),
    ("Więcej ludzie przyszło.", "Więcej ludzi przyszło.", ("ludzie", "ludzi")),
    ("Mniej cukier, proszę.", "Mniej cukru, proszę.", ("cukier", "cukru")),
]


@pytest.mark.parametrize(("text", "corrected", "change"), MORE_OR_LESS)
def test_a_noun_after_more_or_less_is_in_the_genitive(
    engine: LanguageEngine, text: str, corrected: str, change: tuple[str, str]
) -> None:
    """The rule is the one of *dużo*: a word of quantity and the Genitive, not the one of
    2, 3, 4 or of 5, 6, 7 (Morfeusz calls *więcej* a numeral of both kinds)."""
    result = engine.check(text)
    assert result.corrected == corrected
    [issue] = result.issues
    assert (issue.got, issue.expected) == change
    assert issue.rule is not None and issue.rule.id == "case.numeral"
    assert "a word of quantity" in issue.explanation and "Genitive:" in issue.explanation
    assert "2, 3, 4" not in issue.explanation and "5, 6, 7" not in issue.explanation
    polish = engine.check(text, explain_in="pl").issues[0]
    assert "dopełniacz" in polish.explanation and "5, 6, 7" not in polish.explanation


MORE_OR_LESS_CLEAN = [
    "Co więcej Ania przyszła.",
    "Mniej więcej dwa lata.",
    "Więcej wie Ania niż ja.",
    "Więcej niż połowa studentów zdała.",
    "Chcę więcej zarabiać.",
    "Nigdy więcej wojny.",
    "Jeszcze więcej ludzi przyszło.",
    "Pracuję więcej godzin niż mój brat.",
    "Mniej znaczy więcej.",
    "Więcej razy tam nie pójdę.",
    "To kosztuje więcej niż sto złotych.",
    "Mam więcej wolnego czasu.",
]


@pytest.mark.parametrize("text", MORE_OR_LESS_CLEAN)
def test_more_or_less_that_is_right_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# (learner's sentence, corrected, the learner's który, the right one, its noun, the verb's
# lemma, the case named)
RELATIVE_OBJECT = [
    ("Książka który czytam jest ciekawa.", "Książka którą czytam jest ciekawa.", "który",
     "którą", "Książka", "czytać", "Accusative"),
    ("Film, która oglądam, jest długi.", "Film, który oglądam, jest długi.", "która", "który",
     "Film", "oglądać", "Accusative"),
    ("Sukienka, który kupiłam, jest za mała.", "Sukienka, którą kupiłam, jest za mała.",
     "który", "którą", "Sukienka", "kupić", "Accusative"),
    ("Chłopak, który znam, jest miły.", "Chłopak, którego znam, jest miły.", "który",
     "którego", "Chłopak", "znać", "Accusative"),
    ("Piosenka, który słucham, jest smutna.", "Piosenka, której słucham, jest smutna.",
     "który", "której", "Piosenka", "słuchać", "Genitive"),
    ("Miasto, który odwiedzamy, jest piękne.", "Miasto, które odwiedzamy, jest piękne.",
     "który", "które", "Miasto", "odwiedzać", "Accusative"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "corrected", "got", "right", "noun", "verb", "case"), RELATIVE_OBJECT
)
def test_który_as_the_object_takes_its_nouns_gender_and_its_verbs_case(
    engine: LanguageEngine,
    text: str,
    corrected: str,
    got: str,
    right: str,
    noun: str,
    verb: str,
    case: str,
) -> None:
    result = engine.check(text)
    assert result.corrected == corrected
    [issue] = result.issues
    assert (issue.type, issue.got, issue.expected) == ("inflection", got, right)
    assert issue.rule is not None and issue.rule.id == "case.verb_government"
    assert f"from *{noun}*" in issue.explanation
    assert f"the object of *{verb}*" in issue.explanation and case in issue.explanation
    polish = engine.check(text, explain_in="pl").issues[0]
    assert f"rzeczownika *{noun}*" in polish.explanation and f"*{verb}*" in polish.explanation


def test_który_after_a_negated_verb_is_in_the_genitive(engine: LanguageEngine) -> None:
    result = engine.check("Książka, który nie czytam, leży na stole.")
    assert result.corrected == "Książka, której nie czytam, leży na stole."
    [issue] = result.issues
    assert issue.rule is not None and issue.rule.id == "case.negation"
    assert "negated verb (*nie czytam*)" in issue.explanation
    assert "Genitive" in issue.explanation


RELATIVE_CLEAN = [
    "Książka, którą czytam, jest ciekawa.",
    "Książka, której nie czytam, leży na stole.",
    "Pan, któremu pomagam, jest stary.",
    "Samochód, który mam, jest stary.",
    "Film, który chcę obejrzeć, jest nowy.",
    "Książka, którą chcę przeczytać, jest gruba.",
    "Zapytaj pana, który autobus jedzie do centrum.",
    "Film, który wczoraj widziałem, był nudny.",
    "Widzę dom mojego brata, który kupiłem.",
    "Mieszkam w domu, który kupiłem rok temu.",
    "Myszka, której nadałam imię Kubuś.",
    "Kobieta, która mieszka obok, jest miła.",
]


@pytest.mark.parametrize("text", RELATIVE_CLEAN)
def test_który_that_is_right_or_unclear_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# more of the read-through, near the rules above (a relative, a dative pronoun, więcej, a
# possessive plural, jeden, the object first)
CLEAN_MORE = [
    "Ala ma kota, a Ola psa.",
    "Tata z mamą pojechali do Włoch.",
    "Ja i moja żona mieszkamy w Łodzi.",
    "Ty i ja jesteśmy przyjaciółmi.",
    "Dwóch moich kolegów pracuje w banku.",
    "Dwie moje koleżanki studiują prawo.",
    "Cztery lata temu przeprowadziłem się do Polski.",
    "Było zimno, więc zostaliśmy w domu.",
    "Wszyscy byli zadowoleni z wycieczki.",
    "Jest już późno, chodźmy do domu.",
    "To jest dla ciebie.",
    "Codziennie rano biegam w parku.",
    "Często dzwonię do babci.",
    "Zazwyczaj jem obiad o drugiej.",
    "Zawsze zapominam, jak ona ma na imię.",
    "Nigdy nie byłem w Paryżu.",
    "Marta jest wyższa niż jej brat.",
    "Ten pies jest mój.",
    "Ta książka jest twoja?",
    "Mam trzydzieści jeden lat.",
    "Mój syn skończył wczoraj osiem lat.",
    "Urodziłam się w Manchesterze.",
    "Chcę zostać lekarzem.",
    "Lubię, jak pada deszcz.",
    "Wolę herbatę od kawy.",
    "Idę na zakupy z Kasią.",
    "Spotkałam się z Piotrem w kawiarni.",
    "Było nas dziesięcioro.",
    "Zjem coś i wychodzę.",
    "Mieszkam tu od trzech miesięcy.",
    "Przyjechałem do Polski pierwszego września.",
    "Mam spotkanie o wpół do dziesiątej.",
    "Jakbyś miał czas, zadzwoń.",
    "Pojedziemy tam samochodem czy pociągiem?",
    "Ona ma na imię Magda, a on Kuba.",
    "Julia była w ciąży z bliźniakami.",
    "Agata zgubiła telefon w tramwaju.",
    "Nie było żadnych problemów.",
    "Na obiad jest zupa pomidorowa.",
    "W kuchni stoi duży stół.",
    "Pod oknem leży kot.",
    "Na stole leżą klucze.",
    "Przyszedł do nas listonosz.",
    "Brakuje mi ciebie.",
    "Zależy mi na tym.",
    "Chce mi się pić.",
    "Szkoda, że nie przyszłaś.",
    "Musiałam wcześnie wstać.",
    "Nie mogłem zasnąć.",
    "Przez cały dzień padał deszcz.",
    "Dostaliśmy list od cioci z Kanady.",
    "Słyszałem, że Ania wyszła za mąż.",
    "Mój kolega Adam gra na gitarze.",
    "Pan Tadeusz to książka Mickiewicza.",
    "Lubię chodzić po górach.",
    "Jeździmy do babci co niedzielę.",
    "Dawno cię nie widziałam!",
    "Miałam wtedy dziesięć lat.",
    "Siedziałem w domu cały weekend.",
    "Ta pani, którą widziałeś wczoraj, to moja ciocia.",
    "Ten człowiek, którego szukasz, już wyszedł.",
    "Miejsce, które polecam, jest niedaleko.",
    "Restauracja, do której chodzimy, jest tania.",
    "Pies, którego mamy, jest bardzo mądry.",
    "Kolega, któremu pożyczyłem książkę, nie oddał jej.",
    "Dom, który budujemy, będzie gotowy w maju.",
    "Kobieta, którą poznałem w pracy, jest z Litwy.",
    "Mam psa, który lubi dzieci.",
    "Znam dziewczynę, która śpiewa w chórze.",
    "Rzeczy, których nie potrzebujesz, oddaj.",
    "Nauczycielka, której się boję, jest surowa.",
    "Kawa, którą pijesz, jest zimna.",
    "Dałam mu moją książkę.",
    "Powiedz mi, co myślisz.",
    "Kup mi bilet na pociąg.",
    "Daj nam chwilę.",
    "Zrób mi przysługę.",
    "Przynieś mi szklankę wody.",
    "Daj mi jeszcze jedną szansę.",
    "Opowiedz mi o swojej rodzinie.",
    "Pokaż mi, jak to zrobić.",
    "Wyślij mi wiadomość, jak dojedziesz.",
    "Daj mi spokój!",
    "Mam więcej pracy niż zwykle.",
    "Jedz mniej słodyczy.",
    "Coraz więcej osób uczy się polskiego.",
    "Im więcej czytam, tym więcej rozumiem.",
    "Ten rower kupił mi tata.",
    "Tę piosenkę śpiewała moja babcia.",
    "Ten obraz namalował mój dziadek.",
    "Obiad zrobiła mama, a deser tata.",
    "Jedna z moich koleżanek mieszka w Paryżu.",
    "Jeden mój kolega jest lekarzem.",
    "Moi znajomi przyjdą w sobotę.",
    "Twoi rodzice są bardzo mili.",
    "Nasi sąsiedzi mają nowy samochód.",
    "Wasi synowie są wysocy.",
    "Kupiłem jeden chleb i dwie bułki.",
    "Jeden dzień to za mało.",
]


@pytest.mark.parametrize("text", CLEAN_MORE)
def test_more_correct_learner_sentences_stay(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


# a quantity word said twice for emphasis: the preposition before the first governs both
REPEATED_QUANTITY_CLEAN = [
    "Po wielu, wielu latach wrócił do domu.",
    "W kilku, kilku miastach byliśmy.",
]


@pytest.mark.parametrize("text", REPEATED_QUANTITY_CLEAN)
def test_a_repeated_quantity_word_keeps_its_prepositions_case(
    engine: LanguageEngine, text: str
) -> None:
    result = engine.check(text)
    assert (result.corrected, result.issues) == (text, ())


def test_a_repeated_quantity_word_with_no_preposition_still_takes_the_genitive(
    engine: LanguageEngine,
) -> None:
    assert engine.check("Mam wielu, wielu przyjaciele.").corrected == (
        "Mam wielu, wielu przyjaciół."
    )
