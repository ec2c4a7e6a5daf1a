"""check() on real Polish (the UD treebanks' sentences, the GEC dev set's right words): each
rule that fired on a correct sentence is fixed at the rule and tested here with that sentence,
the learner's slips the rule must still correct and right sentences around it. Real Morfeusz.
"""

from __future__ import annotations

import pytest

from polish_tutor.language import LanguageEngine

# a rare word of the dictionary's own is a word, not a slip for a common one one letter away
RARE_WORDS = [
    "Tam siedzi nasz umrzyk.",
    "Antek zbaraniał i nie bardzo wiedział, co o tym wszystkim myśleć.",
    "Podprawić przecierem, zielem angielskim, solą, pieprzem i czosnkiem.",
    "Monitował mnie jeszcze Modecki.",
    "Związek powinien zaserwować sprawę, powinna się zrobić rozróbka.",
    "Wyrób wytwarzany z wykorzystaniem metod enologicznych.",
    "Jęli z rozrzuconego drewna klecić pośpiesznie nowe ogrodzenia.",
    # an adverb made the regular way from a known adjective in -ny
    "Wśród rysi śledzonych telemetrycznie były dwie samice.",
    # a capitalised unknown word opening the sentence before a verb that would not agree with
    # the noun it would be respelt to: a name, the verb's subject
    "Myszkin zdążył już odwołać swoją gwardię.",
    "- Ocheta zbliżył się do starca.",
    # a woman's surname in the masculine -ski after pani: foreign, spelt as its owner does
    "Ponadto użyczyła swojego głosu postaci pani Karpinski w oryginalnej wersji filmu.",
]

# ...but a slip is still corrected: one that is only a name's form or an old word's, an
# unknown word, a name without its Polish letters
STILL_SLIPS = [
    ("Poproszę kawę z mlekiem, ale bez cukra.", "Poproszę kawę z mlekiem, ale bez cukru."),
    (
        "Moja ulubiona potrawa to gołombki mojej mamy.",
        "Moja ulubiona potrawa to gołąbki mojej mamy.",
    ),
    ("On maży o wakacjach.", "On marzy o wakacjach."),
    ("Kupiłem herbta.", "Kupiłem herbatę."),
    ("Ona mówi bardzo głosno.", "Ona mówi bardzo głośno."),
    ("Dizeci bawią się.", "Dzieci bawią się."),
    ("Wczorja byłem w kinie.", "Wczoraj byłem w kinie."),
    ("Ksiązka leży na stole.", "Książka leży na stole."),
    ("Mieszkam w Gdansku.", "Mieszkam w Gdańsku."),
]


# letters sound alike only where they do: the s of sz is no s, a nasal is em/om only before
# b, p, and ś is si only before a vowel
SOUND_RIGHT = [
    "Trudno ocenić wpływ wprowadzenia wartości do mass mediów na programy.",
    "Ponoś sobie przez kilka dni mokre okłady.",
    "Zimny listopad prószy śniegiem z ołowianego nieba.",
    "Szli chwilę w milczeniu, kierując się w stronę plebanii.",
]

SOUND_SLIPS = [
    ("Henri maży głośno o winie.", "Henri marzy głośno o winie."),
    ("Fala unosiła go w gurę.", "Fala unosiła go w górę."),
    ("To hyba dobrze.", "To chyba dobrze."),
    ("Oni robiom obiad.", "Oni robią obiad."),
    ("To jest wontpliwe.", "To jest wątpliwe."),
    ("On potsycał ogień.", "On podsycał ogień."),
    ("On mieszka pżed domem.", "On mieszka przed domem."),
    ("Mam ksiąszkę.", "Mam książkę."),
]


# treebank sentences each rule changed, now left alone
GRAMMAR_RIGHT = [
    # a plural copula's subject is not the singular noun right before it
    "Tekst Porozumienia oraz tekst Protokołu zmieniającego czwarty Protokół są załączone do"
    " niniejszej decyzji.",
    # a noun said twice around a preposition is a set phrase, not the subject
    "Często bywało, że kiedy stawał oko w oko z jakimś człowiekiem, musiał zatrudnić swój mózg.",
    "Szli ramię w ramię przez miasto.",
    # się before a modal is its infinitive's: wydawać się + the Instrumental
    "Takie stanowisko może się jednak słusznie wydawać nazbyt łatwą dymisją rozumu.",
    # a thing before an infinitive is the infinitive's object, not the one told (kazać komuś)
    "- Wejdź do domu, każę samowar zapalić.",
    # an instrumental inside a preposition's phrase says in what (wysokich stopniem urzędników)
    "Budżet przewiduje przywileje dla wysokich stopniem urzędników naszej branży.",
    "Chłopak biegnie, asekurując jadącego obok rowerem chłopca w kasku na głowie.",
    # a participle's own preposition: zaprzężony w + the Accusative, whatever verb is before
    "Człowiek siedzi w wozie zaprzężonym w osła.",
    # a noun with a genitive after it is the phrase's noun (część, not częsty's *części*)
    "Współpraca w południowej części basenu Morza Śródziemnego.",
    "Mieszkam w części basenu.",
    # an adjective after i in the case of the noun before: the noun said once (swojej
    # [kancelarii])
    "Premier nazwał pieniądze przeznaczone na utrzymanie Kancelarii Prezydenta i swojej"
    " wartościami.",
    # a person is not what is weighed: kilo counts no name
    "Po chwili na podest wypadła ważąca sto trzy kilo Laura Wasąg i ryknęła basem w mikrofon:",
    # a verb form that agrees with its subject in any of its readings (pilić: it urges)
    "A jeśli w dodatku sytuacja żywnościowa kraju pili - to czyż mamy siedzieć z założonymi"
    " rękami?",
    # a masculine personal nominative after the verb, the nouns before it genitives too: the
    # subject, put last
    "Z kolejnej po jabłkach, wiśniach i porzeczkach klęski urodzaju cieszą się konsumenci.",
    "W sklepie spotykają się studenci.",
]

# ...and the learner's slips around each rule, still corrected
GRAMMAR_SLIPS = [
    ("Moje dzieci są zmęczony.", "Moje dzieci są zmęczone."),
    ("Książka jest nudny.", "Książka jest nudna."),
    ("Dziecko płakał całą noc.", "Dziecko płakało całą noc."),
    ("Rozpoczął się wojna.", "Rozpoczęła się wojna."),
    ("Muszę się uczyć polski.", "Muszę się uczyć polskiego."),
    ("Interesuję się sport.", "Interesuję się sportem."),
    ("Muszę się nauczyć język.", "Muszę się nauczyć języka."),
    ("Pozwolę brat pojechać.", "Pozwolę bratu pojechać."),
    ("Pomagam mama gotować obiad.", "Pomagam mamie gotować obiad."),
    ("Kazałem kolega przynieść książkę.", "Kazałem koledze przynieść książkę."),
    ("Kupiłem prezent dla mamą.", "Kupiłem prezent dla mamy."),
    ("Mieszkam obok parkiem.", "Mieszkam obok parku."),
    ("Idę do domem kolegi.", "Idę do domu kolegi."),
    ("Idę do dom kolegi.", "Idę do domu kolegi."),
    ("Mieszkam w Gdańsk.", "Mieszkam w Gdańsku."),
    ("Pracuję w bank.", "Pracuję w banku."),
    ("Siedzę w duży pokój.", "Siedzę w dużym pokoju."),
    ("Mam twój nowy koleżanka.", "Mam twoją nową koleżankę."),
    ("Lubię polską kuchnię i włoski kawa.", "Lubię polską kuchnię i włoską kawę."),
    ("Mam brata i młodsza siostrę.", "Mam brata i młodszą siostrę."),
    ("Kupiłam dwa kilo ziemniaki.", "Kupiłam dwa kilo ziemniaków."),
    ("Poproszę pół kilo ser.", "Poproszę pół kilo sera."),
    ("Moja siostra pracują w banku.", "Moja siostra pracuje w banku."),
    ("Rodzice mieszka w Gdańsku.", "Rodzice mieszkają w Gdańsku."),
    ("Mój brat interesuje się sport.", "Mój brat interesuje się sportem."),
    ("Znam twoi koledzy.", "Znam twoich kolegów."),
    ("Lubię studenci.", "Lubię studentów."),
    # a noun twice around za is no set phrase: it may be the subject
    (
        "Jednak zamiast spodziewanych zwycięstw spotykał je klęska za klęską.",
        "Jednak zamiast spodziewanych zwycięstw spotykała je klęska za klęską.",
    ),
    # an adjective that is a noun too (młode, małe) agreeing with the numeral before it is the
    # adjective; the genitive after it is the slip
    ("Dwie młode kobiet jadą czerwonym tandemem.", "Dwie młode kobiety jadą czerwonym tandemem."),
    ("Cztery małe groszków w strąku.", "Cztery małe groszki w strąku."),
    # (and the verb of a subject counted from five up is singular: *idzie*)
    ("Sześć młodych kobiety idą po trawie.", "Sześć młodych kobiet idzie po trawie."),
    (
        "Rozmowy pokojowe od dawna tkwią w ślepym zaułka.",
        "Rozmowy pokojowe od dawna tkwią w ślepym zaułku.",
    ),
]


@pytest.mark.parametrize("text", RARE_WORDS + SOUND_RIGHT + GRAMMAR_RIGHT)
def test_right_polish_stays(engine: LanguageEngine, text: str) -> None:
    result = engine.check(text)
    assert result.corrected == text, result.issues


@pytest.mark.parametrize(("text", "corrected"), STILL_SLIPS + SOUND_SLIPS + GRAMMAR_SLIPS)
def test_slip_around_the_rule_still_corrected(
    engine: LanguageEngine, text: str, corrected: str
) -> None:
    assert engine.check(text).corrected == corrected
