"""Check a learner's free sentence with no expected answer: find the errors the engine is sure
of, correct them, and explain each one with the same rules as ``compare``.

``Checker.check`` works in two passes over the learner's own words:

1. **Spelling.** A word nobody uses (not in Morfeusz, or only as a never-used lemma) is replaced
   by the known word it most likely is: the same word with its Polish letters (*zolty* →
   *żółty*), one slip away (*herbta* → *herbata*), or both. Only a clear winner is taken.
2. **Grammar.** Each rule of ``grammar.py`` is read the other way round: where the rule is
   certain of what it requires and the learner's form cannot be it, the form is made what the
   rule requires (a preposition's case, a verb's object case from the government table, the
   genitive of negation, a numeral's case and number, *być* + the instrumental, agreement of an
   adjective with its noun and of a verb with its subject pronoun, a past tense with its
   subject's gender, the aspect a habit word asks for).

The corrected sentence is then compared with what the learner wrote (``Comparer``), which
classifies and explains every difference. Precision first: a rule that is not sure changes
nothing; a wrong correction teaches something false, a missed one only waits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache, partial

from . import explain
from .compare import Comparer, missing_letters
from .government import DATA_DIR
from .grammar import (
    BY_VEHICLE,
    COMPARED_QUANTITIES,
    COORDINATORS,
    COPULAS,
    CURRENCIES,
    GOING_HABITUALLY,
    HABIT_PHRASES,
    INDEFINITE_NUMERALS,
    MONTHS,
    NEGATIVE_LEMMAS,
    PERFECTIVE_PHRASES,
    PERFECTIVE_WORDS,
    PHASE_VERBS,
    RARE_QUALIFIERS,
    REFLEXIVE_ONLY,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    THING_SUBJECT_VERBS,
    TIME_NOUNS,
    VEHICLES,
    VERBAL,
    WEEKDAYS,
    Grammar,
    Word,
    words_of,
)
from .morph import ADJ_CLASSES, Morphology, Reading
from .text import preposition_form, strip_diacritics, tokenize
from .types import Check, ExplainIn, Issue, IssueType, Rule, RuleId
from .variants import Variants

_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżqvx"
# Verbs of motion: w / na / za / przed / nad / pod + the accusative (where to?), else the
# locative or instrumental (where?).
MOTION_VERBS = frozenset(
    {"iść", "pójść", "chodzić", "jechać", "pojechać", "jeździć", "wchodzić", "wejść", "wjechać"}
    | {"wjeżdżać", "lecieć", "polecieć", "latać", "biec", "pobiec", "biegać", "wracać", "wrócić"}
    | {"przychodzić", "przyjść", "przyjeżdżać", "przyjechać", "wyjeżdżać", "wyjechać"}
    | {"wychodzić", "wyjść", "kłaść", "położyć", "wkładać", "włożyć", "wysyłać", "wysłać"}
    | {"zapraszać", "zaprosić", "zabierać", "zabrać", "spieszyć", "śpieszyć", "wpaść", "wpadać"}
    | {"patrzeć", "spojrzeć", "dzwonić", "zadzwonić", "płynąć", "pływać", "przenieść", "przenosić"}
)
_TWO_CASE_PREPS = {
    "w": ("acc", "loc"),
    "we": ("acc", "loc"),
    "na": ("acc", "loc"),
    "o": ("acc", "loc"),
    "po": ("acc", "loc"),
    "za": ("acc", "inst"),
    "przed": ("acc", "inst"),
    "nad": ("acc", "inst"),
    "pod": ("acc", "inst"),
    "między": ("acc", "inst"),
}
_PLURAL_QUANTITIES = frozenset(
    {"kilka", "kilku", "kilkanaście", "kilkadziesiąt", "kilkaset", "parę", "paru", "wiele", "wielu"}
)
_PRONOUN_FEATURES: dict[str, tuple[str, str, frozenset[str] | None]] = {
    "ja": ("pri", "sg", None),
    "ty": ("sec", "sg", None),
    "on": ("ter", "sg", frozenset({"m1", "m2", "m3"})),
    "ona": ("ter", "sg", frozenset({"f"})),
    "ono": ("ter", "sg", frozenset({"n"})),
    "my": ("pri", "pl", None),
    "wy": ("sec", "pl", None),
    "oni": ("ter", "pl", frozenset({"m1"})),
    "one": ("ter", "pl", frozenset({"m2", "m3", "f", "n"})),
}
# Who-pronouns that are only nominative and take a 3rd person singular, masculine verb
# (*Nikt nie przyszedł*, *Kto ma …*, *Ktoś dzwonił*), whoever they stand for.
_WHO_FEATURES: dict[str, tuple[str, str, frozenset[str] | None]] = {
    "nikt": ("ter", "sg", frozenset({"m1"})),
    "ktoś": ("ter", "sg", frozenset({"m1"})),
    "kto": ("ter", "sg", frozenset({"m1"})),
}
_FINITE = frozenset({"fin", "praet", "bedzie", "cond"})
_NOUNS = frozenset({"subst", "depr"})
_COPULA_3SG = frozenset({"jest", "była", "był", "było", "będzie"})
_VERB_LIKE = frozenset({"fin", "praet", "bedzie", "impt", "inf", "imps", "pred", "winien"})
# A word that can also be one of these is never taken for a noun to correct (*albo* is not the
# noun *alba*, *tak* not *taka*, *kilka* not the fish).
_NOT_NOUNS = frozenset(
    {"conj", "comp", "part", "qub", "adv", "prep", "interj", "num", "numcol", "brev"}
)
# Nouns that are pronouns: their case follows their own clause (*Nie wiem, co robić*).
_PRONOUN_NOUNS = frozenset(
    {"co", "coś", "cokolwiek", "nic", "kto", "ktoś", "nikt", "to", "wszystko", "czego", "kogo"}
)
# Nouns in the instrumental that say when (*o ósmej wieczorem*, *latem*): adverbs here.
_TIME_ADVERBS = frozenset(
    {"wieczorem", "rano", "nocą", "dniem", "latem", "zimą", "jesienią", "wiosną", "popołudniem"}
    | {"rankiem", "południem", "świtem", "zmierzchem", "czasem", "razem", "tydzień", "miesiąc"}
)
# Words that make a clause's subject something else than its one noun (a relative pronoun, a
# quantity, "to", a comparison, an impersonal verb's complement).
_SUBJECT_BLOCKERS = frozenset(
    {"to", "co", "kto", "który", "która", "które", "którzy", "nic", "nikt", "coś", "ktoś"}
    | {"wszystko", "wszyscy", "każdy", "jak", "niż", "jako", "można", "trzeba", "warto"}
    | {"ile", "dużo", "wiele", "kilka", "mało", "trochę", "większość", "połowa", "państwo"}
    | {"słychać", "widać", "wolno", "czuć", "szkoda", "potrzeba"}  # "Słychać było oddech"
)
_AND = frozenset({"i", "oraz", "albo", "lub"})
_BETWEEN = frozenset({"między", "pomiędzy"})  # (two things joined after it)
# Time nouns that name time itself, not a unit of it one counts (*ile czasu*, *dużo czasu*)
_MASS_TIMES = frozenset({"czas"})
# Words of quantity that measure out one thing (*pół godziny*, *kilo cukru*)
_MEASURES = frozenset({"pół", "kilo"})
# Unstressed datives that stand between a verb and its object (*Daj mi tę książkę*)
_AFTER_NUMERAL = "po_liczebniku"  # SGJP's mark of a form used after a numeral (pięć razy)
_DATIVE_CLITICS = frozenset({"mi", "ci", "mu", "nam", "wam", "im"})
# verbs one speaks a language with, *po polsku* (*mówię po polsku*, *rozmawiamy po angielsku*)
_SPEAKING_VERBS = frozenset({"mówić", "rozmawiać", "porozmawiać", "pogadać", "gadać"})
_WAITING_VERBS = frozenset({"czekać", "poczekać", "zaczekać"})
# how long one waits, in the accusative (*Poczekaj moment*, *Czekam godzinę*)
_WAIT_TIMES = TIME_NOUNS | {"moment", "momencik", "chwilka", "chwileczka", "kwadrans"}
# things that happen and are over, not fetched: po + one of them is "after" (the locative)
_EVENTS = frozenset(
    {"lekcja", "zajęcia", "szkoła", "praca", "spotkanie", "koncert", "mecz", "wykład"}
    | {"egzamin", "zebranie", "przerwa", "trening", "kurs", "film", "impreza", "wakacje"}
    | {"urlop", "seans", "przedstawienie", "wizyta", "rozmowa", "podróż", "studia", "ślub"}
)
_MEALS = frozenset({"obiad", "śniadanie", "kolacja", "lunch", "podwieczorek"})
# neuter nouns for the young of people and animals (*Dzieci bawią się*)
_YOUNG = frozenset({"dziecko", "zwierzę", "niemowlę", "kocię", "szczenię", "źrebię", "cielę"})
# the pronouns that stand between a verb and its infinitive (*Możesz mi pomóc*, *Chcę go
# zobaczyć*, *Muszę się uczyć*)
_SHORT_PRONOUNS = _DATIVE_CLITICS | {"się", "mnie", "cię", "go", "ją", "nas", "was", "ich", "jej"}
# the cases a noun may take with no preposition before it (not the locative; the vocative
# stands apart, after a comma)
_BARE_CASES = frozenset({"nom", "gen", "dat", "acc", "inst"})
_PARTITIVE_PREPOSITIONS = frozenset({"z", "ze", "spośród", "wśród"})
_PERSONAL_12 = frozenset({"ja", "ty", "my", "wy"})
_DATIVE_PRONOUNS = _DATIVE_CLITICS | {"mnie", "tobie", "jemu", "jej", "sobie"}
# Verbs of lacking, with no subject: who lacks in the dative, what in the genitive (*Brakuje
# mi czasu*, *Zabrakło nam mleka*)
_LACKING = frozenset({"brakować", "zabraknąć"})
# predicative adverbs of a feeling, said of the one who feels in the dative (*Jest mi zimno*)
_FEELINGS = frozenset(
    {"zimno", "chłodno", "gorąco", "ciepło", "duszno", "smutno", "wesoło", "przykro"}
    | {"niedobrze", "słabo", "głupio", "nudno", "niewygodnie", "wygodnie"}
)
_FEELER_DATIVE = {
    ("pri", "sg"): "mi",
    ("sec", "sg"): "ci",
    ("pri", "pl"): "nam",
    ("sec", "pl"): "wam",
}
# verbs said to the one thanked or asked to forgive, who is often addressed (*Dziękuję, koledzy*)
_THANKING = frozenset({"dziękować", "podziękować", "przepraszać", "przeprosić"})
# *wszystek*: its old forms (*wszech*, *wszego*) live on only in set phrases (*wszech czasów*)
_WHOLE = frozenset({"wszystek"})
_OLD_FORMS = frozenset({"wszech", "wszej", "wszego", "wszemu", "wszym", "wszą"})
# A clause-opening word read as an imperative, not as the noun it also is, before a thing in
# the nominative, when its verb is used this many times as much (*Kup*: kupić, not kupa)
_IMPERATIVE_MARGIN = 5.0
# Nouns for what a country or a town has, whose place name after them says whose: in the
# genitive (*historia Polski*, *stolica Niemiec*, *centrum Krakowa*); none a place may be
# named by in apposition (*miasto Kraków*, *hotel Polonia*, *stacja Warszawa Centralna*)
_OF_A_PLACE = frozenset(
    {"historia", "kultura", "stolica", "mapa", "flaga", "hymn", "godło", "granica", "rząd"}
    | {"prezydent", "premier", "król", "królowa", "gospodarka", "geografia", "literatura"}
    | {"kuchnia", "tradycja", "mieszkaniec", "obywatel", "ambasada", "centrum", "północ"}
    | {"południe", "wschód", "zachód", "przyroda", "architektura", "zabytek", "obywatelstwo"}
    | {"konstytucja", "język", "ludność", "władza", "armia", "reprezentacja", "turystyka"}
)
_NOT_MEN = frozenset({"m2", "m3", "f", "n"})  # the plural's non-masculine-personal genders
# verbs whose subject is a person or an animal, never a thing (not kupować, sprzedawać,
# pisać: a firm buys and sells, a paper writes): a thing in the nominative after one is its
# object in the wrong case (*Je zupa*, *Pije kawa*, *Czyta książka*)
_LIVING_DOERS = frozenset(
    {"jeść", "zjeść", "pić", "wypić", "czytać", "przeczytać", "gotować", "ugotować"}
)
# adverbs of degree between a copula and its adjective (*Pani jest bardzo miła*)
_DEGREE_ADVERBS = frozenset({"bardzo", "naprawdę", "zbyt", "dość", "całkiem", "niezwykle"})
_INTENSIFIERS = frozenset({"bardzo", "naprawdę", "trochę", "za", "zbyt", "taki", "taka", "takie"})
# unstressed pronouns that stand between a subject and its verb (*Maciek go naprawia*)
_CLITICS = frozenset({"go", "mu", "ją", "je", "jej", "ich", "im", "się", "mi", "ci", "cię", "mnie"})
# classes an adjective agrees with (or with which it agrees)
_AGREEING = frozenset(
    {"subst", "depr", "ger", "adj", "ppas", "pact", "num", "numcol", "ppron12", "ppron3"}
)
# 2 and both: (feminine, other non-masculine-personal)
_TWO_FORMS = {"dwa": ("dwie", "dwa"), "dwie": ("dwie", "dwa"), "oba": ("obie", "oba")}
_TWO_FORMS["obie"] = _TWO_FORMS["oba"]
# verbs of being somewhere: w/na after them is the place (locative)
_STATIC_VERBS = frozenset(
    {"mieszkać", "pracować", "leżeć", "siedzieć", "stać", "spać", "studiować", "urodzić"}
    | {"przebywać", "odpoczywać", "wisieć", "uczyć"}
    | {"być"}  # only for w: "Byłam w kino" → w kinie (być na + acc: "jest na sprzedaż")
)
_WHERE_VERBS = frozenset({"mieszkać", "leżeć", "siedzieć", "stać", "wisieć", "przebywać", "spać"})
# verbs of appearing or taking place: a na-phrase that opens the clause before them says where
_APPEARING = frozenset({"pojawić", "pojawiać", "znajdować", "odbywać", "odbyć", "dziać"})
# w + a day is when (the accusative): "w piątek", "w sobotę"
_DAYS = WEEKDAYS | {"weekend"}
_JOINING = frozenset({"i", "oraz", "lub", "albo", "ani", "z", "ze", "czy"})
_QUOTES = frozenset('„”"«»“')
# Prepositional phrases whose noun is a word used only in them (Morfeusz reads it otherwise).
# who can (not) afford something: *Nie stać mnie na to* (see Checker._affords)
_ACCUSATIVE_PRONOUNS = frozenset({"mnie", "cię", "ciebie", "go", "jego", "ją", "nas", "was", "ich"})
_BOUND_PHRASES = frozenset(
    {("na", "jaw"), ("w", "zamian"), ("na", "oścież"), ("w", "poprzek"), ("na", "wskroś")}
    | {("po", "omacku"), ("na", "bakier"), ("w", "mig"), ("na", "przekór"), ("w", "bród")}
    | {("na", "korzyść"), ("na", "niekorzyść"), ("na", "rzecz"), ("na", "czas")}
    | {("w", "sam"), ("w", "kratkę"), ("w", "paski"), ("w", "ogóle"), ("w", "miarę")}
    | {("na", "sprzedaż"), ("na", "wynos"), ("na", "miejscu")}
    | {("w", "dół"), ("w", "górę")}  # which way: "wisi głową w dół", not where
    # prepositions made of na + a noun's accusative, taking the genitive after them (*na
    # skutek wojny*, *na prośbę mamy*): never where something is, whatever the verb
    | {("na", "skutek"), ("na", "wzór"), ("na", "kształt"), ("na", "podobieństwo")}
    | {("na", "koszt"), ("na", "prośbę"), ("na", "życzenie"), ("na", "zlecenie")}
    | {("na", "polecenie"), ("na", "rozkaz"), ("na", "temat"), ("na", "cześć")}
    | {("na", "znak"), ("na", "wypadek"), ("na", "okoliczność"), ("na", "poczet")}
)
# Adjectives (and participles, by their verb: *zadowolony*, *zadowolić*) that take a preposition
# with one case of its several (see Checker._framed_case): *zadowolony z pracy*, *dumny z
# syna*, *zły na brata*, *chory na grypę*, *wdzięczny za pomoc*
_ADJECTIVE_FRAMES = {
    **dict.fromkeys(
        ((lemma, "z") for lemma in ("zadowolić", "dumny", "znać", "słynny")),
        "gen",
    ),
    **dict.fromkeys(
        ((lemma, "na") for lemma in ("zły", "obrazić", "wściekły", "chory", "gotowy")),
        "acc",
    ),
    **dict.fromkeys(((lemma, "za") for lemma in ("wdzięczny", "odpowiedzialny")), "acc"),
}
# 2, 3, 4 as children are counted (*dwoje dzieci*): the collective numeral's nominative
_COLLECTIVE_TWO_TO_FOUR = {"dwa": "dwoje", "dwie": "dwoje", "trzy": "troje", "cztery": "czworo"}
_INDEFINITE_LEMMAS = frozenset(
    {"ile", "ileś", "kilka", "kilkanaście", "kilkadziesiąt", "kilkaset", "parę", "paręnaście"}
    | {"wiele", "niewiele", "tyle", "iluś", "ilu", "ileż", "tyleż"}
)
# What a noun's ending says it is, by gender: the case and number a learner means with it
# (-a on a masculine noun is its genitive singular, as in *kota*, *stołu* taking -u instead).
_SG, _PL = "sg", "pl"
_MASC_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "u": (("gen", _SG), ("dat", _SG), ("loc", _SG)),
    "owi": (("dat", _SG),),
    "em": (("inst", _SG),),
    "e": (("loc", _SG),),
    "owie": (("nom", _PL),),
    "ów": (("gen", _PL),),
    "om": (("dat", _PL),),
    "ami": (("inst", _PL),),
    "ach": (("loc", _PL),),
}
_ENDING_SLOTS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "m": {**_MASC_ENDINGS, "a": (("gen", _SG), ("acc", _SG))},
    "m3": {**_MASC_ENDINGS, "a": (("gen", _SG),)},
    "f": {
        # -u and -owi of a masculine noun put on a feminine one (*w Polsku*, *mamowi*): the
        # dative or locative they stand for there
        "u": (("dat", _SG), ("loc", _SG)),
        "owi": (("dat", _SG),),
        "ę": (("acc", _SG),),
        "ą": (("inst", _SG),),
        "ów": (("gen", _PL),),
        "om": (("dat", _PL),),
        "ami": (("inst", _PL),),
        "ach": (("loc", _PL),),
    },
    "n": {
        "a": (("gen", _SG),),
        "u": (("dat", _SG), ("loc", _SG)),
        "owi": (("dat", _SG),),  # a masculine dative's ending: *wnętrzowi* → *wnętrzu*
        "em": (("inst", _SG),),
        "ów": (("gen", _PL),),
        "om": (("dat", _PL),),
        "ami": (("inst", _PL),),
        "ach": (("loc", _PL),),
    },
}
# another gender's endings in _ENDING_SLOTS: read only where the context asks for a case
# what a one-letter tail after a form may stand for instead (*sklepę*: sklepu?)
_TAIL_RIVALS = ("a", "ą", "e", "ę", "i", "o", "u", "y", "ie")
# the letters of the endings of nouns and adjectives
_ENDING_LETTERS = frozenset("aąeęioóuyjmwchg")
_VOWEL_LETTERS = frozenset("aąeęioóuy")
_BORROWED_SLOTS = frozenset({("f", "u"), ("f", "owi"), ("n", "owi")})
_SLOT_ENDINGS = frozenset(e for slots in _ENDING_SLOTS.values() for e in slots)
_LEMMA_ENDINGS = ("", "a", "o", "e", "um", "ia", "ie", "io")
# Every noun ending a learner may put on a stem (one or more letters, no stem letter).
_NOUN_ENDINGS = frozenset(
    {e for slots in _ENDING_SLOTS.values() for e in slots}
    | {"a", "e", "i", "y", "o", "u", "ę", "ą", "ie", "owie", "ami", "mi"}
)
# a stem's last consonant softened before -e/-i (świat → świecie, noga → nodze, rower →
# rowerze, stół → stole), and what it was
_SOFTENED = (
    ("ci", ("t",)),
    ("c", ("t", "k")),
    ("dzi", ("d",)),
    ("dz", ("d", "g")),
    ("rz", ("r",)),
    ("l", ("ł",)),
    ("si", ("s",)),
    ("zi", ("z",)),
)
_STEM_ALTERNATIONS = (("e", "a"), ("o", "ó"), ("ę", "ą"), ("ie", "ia"), ("ie", "a"))
# Habit words that rule out a perfective verb in their clause (not *zawsze*, *nigdy*, *czasem*:
# "Zawsze ci pomogę", "Czasem coś zapomnę").
# Words that put their clause in the future (*Jutro zrobiłem* → *zrobię*): not *wkrótce*,
# *niedługo*, *zaraz*, which a story in the past takes too (*wkrótce potem wyjechał*)
_FUTURE_WORDS = frozenset({"jutro", "pojutrze"})
# the time nouns *w przyszłym* / *w przyszłą* puts in the future (*w przyszłym tygodniu*)
_FUTURE_TIMES = frozenset(
    {"tydzień", "miesiąc", "rok", "weekend", "semestr", "poniedziałek", "wtorek", "środa"}
    | {"czwartek", "piątek", "sobota", "niedziela", "lato", "zima", "wiosna", "jesień"}
)
_SURE_HABIT_WORDS = frozenset(
    {"codziennie", "często", "zwykle", "zazwyczaj", "regularnie", "wieczorami", "rankami"}
    | {"weekendami", "popołudniami"}
)
# Perfective verbs used of the present (*wystarczy*: it is enough).
# the forms of a verb that take *się* beside them (not participles or verbal nouns)
_REFLEXIVE_VERB_FORMS = frozenset({"fin", "praet", "impt", "inf", "cond", "pcon", "pant"})
# short dative pronouns that stand between a verb and its *się* (*Podoba mi się*)
_CLITIC_DATIVES = frozenset({"mi", "ci", "mu", "jej", "nam", "wam", "im"})
# question words after which a clitic (*się*) comes before the verb (*Czego się boisz?*)
_QUESTION_WORDS = frozenset(
    {"czego", "dlaczego", "czemu", "kiedy", "gdzie", "jak", "co", "kto", "kogo", "komu", "ile"}
)
# the forms that make a clause of their own verb
_CLAUSE_VERBS = frozenset({"fin", "praet", "impt", "bedzie"})
# Verbs whose next verb is their infinitive (*Muszę iść*, *Lubię pływać*, *Powinieneś
# odpocząć*), never a second verb in the same person (*Muszę idę*)
_TAKES_INFINITIVE = frozenset(
    {"musieć", "móc", "chcieć", "lubić", "umieć", "woleć", "powinien", "potrafić"}
    | {"zamierzać", "planować", "próbować", "spróbować"}
    | PHASE_VERBS
)
# the forms of a verb that takes an infinitive whose person and number the verb after it would
# wrongly copy (*Muszę idę*, *Przestań mówisz*)
_GOVERNING_FORMS = frozenset({"fin", "praet", "winien", "cond", "bedzie", "impt"})
# Words of "one must, it is worth, one may" with no person of their own: the verb after them
# is an infinitive (*Trzeba iść*, *Warto zobaczyć*, *Można płacić*, *Należy czekać*). Not
# *wolno*, also "slowly" (*Wolno jedziemy*: we drive slowly).
_IMPERSONAL_MODALS = frozenset({"trzeba", "warto", "można"})
# Words that open a condition: after one, a modal's clause may end with no comma before the
# clause it conditions (*Jeśli chcesz pójdziemy razem*, *Jak trzeba pomogę*)
_CONDITIONS = frozenset({"jeśli", "jeżeli", "jak", "gdy", "kiedy", "skoro", "gdyby", "jakby"})
_PRESENT_PERFECTIVES = frozenset({"wystarczyć", "zdarzyć"})
# Nouns of a measure that a bare counted phrase gives after a verb (*Byli tam pięć razy*, *Leżą
# pięć metrów dalej*, *Są warte pięć złotych*): how often, how far, how much, not who. (Time,
# TIME_NOUNS, and money, CURRENCIES, too.)
_MEASURE_NOUNS = TIME_NOUNS | frozenset(
    {"raz", "kilometr", "metr", "centymetr", "milimetr", "mila", "kilogram", "kilo", "deko"}
    | {"dekagram", "gram", "tona", "litr", "procent", "stopień", "sekunda", "kwadrans"}
    | {"stulecie", "dekada", "semestr"}
)
# Nouns that measure a way after a verb of its own (*Mieszkają pięć przystanków stąd*, *Biegają
# pięć okrążeń*), though after *być* they may be what there is (*Na trasie są pięć przystanków*)
_WAY_NOUNS = frozenset({"krok", "przystanek", "stacja", "piętro", "okrążenie", "długość", "kółko"})
# a man's past form made on a woman's stem (poszłam → *poszłem), and a woman's on a man's
# (poszedłem → *poszedłam): written → right ending
_MIXED_PAST = (
    ("szłem", "szedłem"),
    ("szłeś", "szedłeś"),
    ("ęłem", "ąłem"),
    ("ęłeś", "ąłeś"),
    ("ełem", "ąłem"),
    ("ełeś", "ąłeś"),
    ("szedłam", "szłam"),
    ("szedłaś", "szłaś"),
    ("ąłam", "ęłam"),
    ("ąłaś", "ęłaś"),
)
_OTHER_PAST_ENDING = {"em": "am", "eś": "aś", "am": "em", "aś": "eś"}
# nouns that take an infinitive of their own as a predicate: *Czas będzie wyjść*, *To będzie
# zrobić łatwo* are no compound future
_PREDICATIVE_NOUNS = frozenset({"czas", "pora", "to"})
_PRONOUNS = ("ppron12", "ppron3", "siebie")
# numerals that count a subject the verb agrees with in the plural, and their genders
_COUNTING: dict[str, frozenset[str]] = {
    "dwa": frozenset({"m2", "m3", "n"}),
    "dwie": frozenset({"f"}),
    "trzy": frozenset({"m2", "m3", "f", "n"}),
    "cztery": frozenset({"m2", "m3", "f", "n"}),
    "oba": frozenset({"m2", "m3", "n"}),
    "obie": frozenset({"f"}),
    # the masculine personal ones, with a masculine personal noun only (*Dwaj studenci*)
    "dwaj": frozenset({"m1"}),
    "trzej": frozenset({"m1"}),
    "czterej": frozenset({"m1"}),
    "obaj": frozenset({"m1"}),
}
# verbs whose name after them is what someone is called, not who does it
_NAMING_VERBS = frozenset({"nazywać", "zwać", "wołać", "mianować", "ochrzcić", "nazwać"})
_RELATIVES = frozenset({"który", "jaki", "czyj", "kto", "co", "jakiś", "któryś"})
_DEMONSTRATIVES = frozenset({"ten", "tamten", "taki", "ów"})
# The hour as a feminine ordinal (godzina understood), and the case each preposition gives it
_HOURS = frozenset(
    {"pierwszy", "drugi", "trzeci", "czwarty", "piąty", "szósty", "siódmy", "ósmy"}
    | {"dziewiąty", "dziesiąty", "jedenasty", "dwunasty", "trzynasty", "czternasty"}
    | {"piętnasty", "szesnasty", "siedemnasty", "osiemnasty", "dziewiętnasty", "dwudziesty"}
)
# A day of the month's ordinal (*piątego*, *dwudziestego pierwszego*, *trzydziestego*)
_DAY_ORDINALS = _HOURS | {"trzydziesty"}
_WOMEN = frozenset(
    {"mama", "matka", "siostra", "córka", "żona", "babcia", "ciocia", "dziewczyna", "pani"}
    | {"narzeczona", "wnuczka", "kuzynka", "koleżanka", "przyjaciółka", "teściowa", "osoba"}
    | {"szefowa", "sąsiadka", "lekarka", "dziewczynka", "kobieta", "mamusia", "siostrzenica"}
)
_PARTITIVES = frozenset(
    {"jeden", "żaden", "każdy", "który", "któryś", "ktoś", "nikt", "wiele", "kilka", "część"}
    | {"większość", "połowa", "reszta", "niektóry", "wszyscy", "ten", "tamten", "inny"}
)
# A preposition and the case it takes with a man's first name (*do Marka*, *przy Tomku*); z
# and o depend on their meaning or verb (see _name_after_preposition)
_NAME_PREPOSITIONS = {"do": "gen", "od": "gen", "dla": "gen", "u": "gen", "bez": "gen"}
_NAME_PREPOSITIONS |= {"obok": "gen", "koło": "gen", "przy": "loc", "przez": "acc"}
_NAME_PREPOSITIONS |= {"dzięki": "dat", "przeciwko": "dat", "przeciw": "dat"}
# a personal pronoun after a preposition, by case (*dla ciebie*, *z nim*: the forms with n-)
_PRONOUNS_AFTER = {
    "ja": {"gen": "mnie", "dat": "mnie", "acc": "mnie", "inst": "mną", "loc": "mnie"},
    "ty": {"gen": "ciebie", "dat": "tobie", "acc": "ciebie", "inst": "tobą", "loc": "tobie"},
    "on": {"gen": "niego", "dat": "niemu", "acc": "niego", "inst": "nim", "loc": "nim"},
    "ona": {"gen": "niej", "dat": "niej", "acc": "nią", "inst": "nią", "loc": "niej"},
    "my": {"gen": "nas", "dat": "nam", "acc": "nas", "inst": "nami", "loc": "nas"},
    "wy": {"gen": "was", "dat": "wam", "acc": "was", "inst": "wami", "loc": "was"},
    "oni": {"gen": "nich", "dat": "nim", "acc": "nich", "inst": "nimi", "loc": "nich"},
    "one": {"gen": "nich", "dat": "nim", "acc": "nich", "inst": "nimi", "loc": "nich"},
}
# a personal pronoun as a verb's object, by case: the short forms that follow a verb (*Kocham
# cię*, *Widzę go*, *Pomóż mi*); the instrumental has no short form
_PRONOUN_OBJECTS = {
    "ja": {"gen": "mnie", "dat": "mi", "acc": "mnie", "inst": "mną"},
    "ty": {"gen": "cię", "dat": "ci", "acc": "cię", "inst": "tobą"},
    "on": {"gen": "go", "dat": "mu", "acc": "go", "inst": "nim"},
    "ona": {"gen": "jej", "dat": "jej", "acc": "ją", "inst": "nią"},
    "my": {"gen": "nas", "dat": "nam", "acc": "nas", "inst": "nami"},
    "wy": {"gen": "was", "dat": "wam", "acc": "was", "inst": "wami"},
    "oni": {"gen": "ich", "dat": "im", "acc": "ich", "inst": "nimi"},
    "one": {"gen": "ich", "dat": "im", "acc": "je", "inst": "nimi"},
}
# *nikt* (nobody) is only a subject; its object forms, after a negated verb (*Nie znam nikogo*)
_NOBODY_OBJECTS = {"gen": "nikogo", "dat": "nikomu", "acc": "nikogo", "inst": "nikim"}
# a pronoun's accusative that learners put after a verb of the dative (*Dziękuję ciebie* →
# *ci*, *Pomagam ją* → *jej*): its nominative and cases. Not a dative after a verb of the
# accusative (*Kocham tobie*): any verb may have a dative of whom it is for, its thing left
# unsaid (*Zaśpiewała mu*, *Ugotuję ci*)
_OBLIQUE_PRONOUNS = {
    "ciebie": ("ty", frozenset({"gen", "acc"})),
    "cię": ("ty", frozenset({"gen", "acc"})),
    "ją": ("ona", frozenset({"acc"})),
}
# prepositions that go with a place's name: a name that is also a town's form (*Marek*, of
# *Marki*) is left as it is after them (*do Marek*, *z Marek*: to, from the town)
_PLACE_PREPOSITIONS = frozenset({"do", "od", "z", "ze", "obok", "koło", "przez", "spod", "zza"})
# nouns for a group of people: *z moją rodziną* is "with" them, like *z bratem*
# (not *klasa*, *grupa*, *drużyna*: *wyszedłem z klasy*, *odszedł z drużyny* are out of them)
_GROUPS = frozenset({"rodzina", "rodzinka"})
# and pets: *z psem*, *z kotem*
_PETS = frozenset({"pies", "piesek", "kot", "kotek", "kotka", "suczka", "chomik"})
# women one goes somewhere with (*z moją siostrą*), as men are told by their gender (m1)
_WOMEN_CLOSE = frozenset(
    "mama matka siostra córka babcia wnuczka ciocia żona partnerka kuzynka koleżanka "
    "przyjaciółka dziewczyna narzeczona sąsiadka teściowa szwagierka".split()
)
# a dish or drink and what is put in or on it: *kawa z mlekiem*, *kanapka z serem* ("with";
# not *sok*, *zupa*, *dżem*, *sałatka*, *ciasto*: those are also made of it, *sok z cytryny*)
_SERVED = frozenset(
    {"kawa", "kawka", "herbata", "herbatka", "kanapka", "bułka", "bułeczka", "chleb", "grzanka"}
    | {"tost", "pizza", "pieróg", "naleśnik", "makaron", "ziemniak", "frytka", "jajecznica"}
    | {"omlet", "placek", "kotlet", "hot-dog", "hamburger", "burger", "bagietka", "gofr"}
)
_ADDED = frozenset(
    {"mleko", "mleczko", "cukier", "cytryna", "cytrynka", "miód", "ser", "serek", "szynka"}
    | {"masło", "dżem", "śmietana", "śmietanka", "keczup", "ketchup", "majonez", "musztarda"}
    | {"pieczarka", "sos", "boczek", "cebula", "czosnek", "szpinak", "kiełbasa", "cynamon"}
    | {"imbir", "syrop", "nutella", "czekolada", "truskawka", "jagoda", "owoc", "mak", "lód"}
    | {"kapusta", "grzyb", "ryż", "sałata", "pomidor", "ogórek", "jajko", "kurczak", "mięso"}
)
# after nad, pod, przed, między these nouns make set phrases with the accusative wherever
# one is (*pod koniec*, *pod rząd*, *nad wyraz*, *nad życie*)
_ACCUSATIVE_IDIOMS = frozenset({"koniec", "rząd", "prąd", "wyraz", "podziw", "życie"})
# w + these in the accusative is a pattern (*sukienka w kwiaty*, *w paski*, *w kratkę*)
_PATTERNS = frozenset({"kwiat", "kwiatek", "pasek", "kratka", "groszek", "prążek", "kropka"})
# verbs of staying put that are not in _STATIC_VERBS: *czekam przed kinem*
_WAITING = frozenset({"czekać", "poczekać", "zaczekać", "spotkać", "spotykać", "stać"})
_HOUR_PREPOSITIONS = {"o": "loc", "po": "loc", "do": "gen", "od": "gen", "około": "gen"}
# The case a year said with *rok* takes after each preposition (*w 1990 roku*, *od 2010 roku*,
# *przed 2000 rokiem*); a preposition of two cases takes the one of time
_YEAR_PREPOSITIONS = {
    "w": "loc",
    "we": "loc",
    "po": "loc",
    "od": "gen",
    "do": "gen",
    "z": "gen",
    "około": "gen",
    "koło": "gen",
    "przed": "inst",
}
# The adjectives with only a comparative of their own (*lepszy*, never *bardziej dobry*); not
# *zły*: *bardziej zły* is angrier (*gorszy* is worse)
_OWN_COMPARATIVE = frozenset({"dobry", "duży", "mały"})
_HOUR_PREPOSITIONS |= {"przed": "inst"}
# adjectives that also stand alone as pronouns (tego, inni, sam): agreement only when sure
# Adjectives that stand before their noun (UD Polish PDB and LFG: nowy 79 before, 0 after;
# duży 72/1, mały 54/2, stary 37/0, młody 42/0, cały 92/1, inny 114/1, własny 36/1, następny
# 20/0, różny 33/0, ogromny 15/0, przyszły 15/0): right before a noun they disagree with,
# they belong to it, not to the noun before them (*prezentacji nowej smartfona*).
# Verbs that with się say an event begins, ends or happens: their subject is the event, not
# the speaker or the one addressed (*W sali rozpoczynam się bankiet* → *rozpoczyna*).
_EVENT_VERBS = frozenset(
    {
        "zaczynać",
        "zacząć",
        "rozpoczynać",
        "rozpocząć",
        "kończyć",
        "skończyć",
        "zakończyć",
        "zakańczać",
        "odbywać",
        "odbyć",
        "dziać",
        "wydarzyć",
        "zdarzyć",
        "zdarzać",
        "toczyć",
    }
)
# Verbs of eating, drinking, taking, giving and pouring: their object may be a partitive
# genitive, some of it (*jadł chleba*, *pił wody*, *nalewał wina*, *kupował mleka*).
_PARTITIVE_VERBS = frozenset(
    {"jeść", "pić", "brać", "dawać", "kupować", "nalewać", "dolewać", "dodawać", "sypać"}
    | {"dosypywać", "nabierać", "pożyczać", "przynosić", "podawać", "kosztować", "próbować"}
)
# Where one comes back, out or away from after a verb of motion and *z* + the genitive: places,
# institutions, vehicles and events (*Wracam z pracy*, *Wyszedłem z kina*, *Wysiadłem z
# autobusu*, *Wróciłem z wakacji*). Another noun after *z* there may be what one comes with
# (*Wróciłam z walizką*, *Wyszedł z parasolem*): no case is guessed for it.
_ORIGINS = frozenset(
    {"dom", "szkoła", "praca", "uczelnia", "uniwersytet", "studia", "biuro", "firma", "sklep"}
    | {"market", "supermarket", "rynek", "targ", "kino", "teatr", "opera", "filharmonia"}
    | {"muzeum", "galeria", "koncert", "przedstawienie", "spektakl", "mecz", "impreza"}
    | {"przyjęcie", "wesele", "spotkanie", "zebranie", "lekcja", "zajęcia", "wykład", "kurs"}
    | {"trening", "basen", "siłownia", "boisko", "stadion", "park", "las", "góry", "morze"}
    | {"plaża", "jezioro", "wieś", "miasto", "centrum", "kraj", "zagranica", "wakacje"}
    | {"urlop", "ferie", "wycieczka", "podróż", "wyjazd", "delegacja", "spacer", "zakupy"}
    | {"pociąg", "autobus", "tramwaj", "samolot", "samochód", "taksówka", "metro", "statek"}
    | {"dworzec", "lotnisko", "przystanek", "stacja", "poczta", "bank", "apteka", "szpital"}
    | {"przychodnia", "restauracja", "kawiarnia", "bar", "pub", "klub", "hotel", "kościół"}
    | {"msza", "biblioteka", "kuchnia", "łazienka", "pokój", "sypialnia", "ogród", "balkon"}
    | {"piwnica", "strych", "mieszkanie", "budynek", "klasa", "sala", "gabinet", "urząd"}
    | {"ambasada", "więzienie", "wojsko", "obóz", "egzamin", "pole", "podwórko", "dyskoteka"}
    | {"ulica", "plac", "osiedle", "zamek", "wyspa", "region", "przedszkole", "urodziny"}
    # (lemmas of plurals: zakupy, zajęcia, studia, góry)
    | {"zakup", "zajęcie", "studium", "góra", "imieniny", "święto"}
)
# Verbs of going toward a place, one way or there and back as a habit (*iść*, *pojechać*,
# *wrócić*, *chodzić na basen*): *na* + the accusative after them is where to (*Idę na pocztę*).
# Not *jeździć*, *latać*, *biegać*, *pływać*, which also name the activity done somewhere
# (*jeżdżę na rowerze*, *pływam na basenie*), nor the verbs of putting (*położyć na stole* and
# *na stół* are both right).
_GOING_TO = frozenset(
    {"iść", "pójść", "chodzić", "jechać", "pojechać", "przyjść", "przychodzić", "przyjechać"}
    | {"przyjeżdżać", "wyjść", "wychodzić", "wyjechać", "wyjeżdżać", "wracać", "wrócić"}
    | {"lecieć", "polecieć", "przylecieć", "wylecieć", "biec", "pobiec", "wejść", "wchodzić"}
    | {"wjechać", "wjeżdżać"}
)
# The verbs of _GOING_TO that name the moving itself, with no goal in them: a place one moves
# about in or an outing (_ROOMY) after them may be where the moving is (*Idę na dworcu do
# kasy*, *Pies biegnie na spacerze obok mnie*, *Chodzę na basenie w klapkach*)
_MOVING_ABOUT = frozenset({"iść", "jechać", "chodzić", "lecieć", "biec"})
# verbs of going to and fro: *po* after them is around a place (*chodzę po parku*) as often as
# to fetch (*jeżdżę po dzieci*)
_TO_AND_FRO = frozenset({"chodzić", "jeździć", "biegać", "latać", "pływać"})
# Places and events of _ORIGINS one is *na* (where: *na poczcie*) and goes *na* (where to: *na
# pocztę*): an institution, a stop, an event one attends. Not the open spaces one also moves
# about on (*na ulicy*, *na plaży*, *na rynku*), nor a vehicle (*na rowerze*).
_ON_PLACES = (
    frozenset(
        {"poczta", "dworzec", "lotnisko", "przystanek", "stacja", "uczelnia", "uniwersytet"}
        | {"studia", "studium", "koncert", "przedstawienie", "spektakl", "mecz", "impreza"}
        | {"przyjęcie", "wesele", "spotkanie", "zebranie", "lekcja", "zajęcia", "zajęcie"}
        | {"wykład", "kurs", "trening", "basen", "siłownia", "wakacje", "urlop", "ferie"}
        | {"wycieczka", "wyjazd", "delegacja", "spacer", "zakupy", "zakup", "msza", "obóz"}
        | {"egzamin", "dyskoteka", "urodziny", "imieniny", "wieś"}
    )
    | _MEALS
)
_ROOMY = frozenset(
    {"dworzec", "lotnisko", "stacja", "stadion", "basen", "siłownia", "uczelnia", "uniwersytet"}
    | {"wieś", "obóz", "spacer", "wakacje", "urlop", "ferie", "wycieczka", "wyjazd"}
    | {"delegacja", "zakupy", "zakup"}
)
# *za granicą* (abroad: where), *za granicę* (abroad: where to)
_ABROAD = frozenset({"granica"})
# waters one goes *nad* (*nad morze*) and is *nad* (*nad morzem*)
_WATERS = frozenset({"morze", "jezioro", "rzeka", "ocean", "zalew", "staw", "zatoka"})
# verbs of _GOING_TO that may fly over a place (*Polecieliśmy nad morzem*), and those that may
# be on the way along it (*Szliśmy nad rzeką*): nad + the instrumental after them is left
_OVER_OR_ALONG = _MOVING_ABOUT | {"polecieć", "przylecieć", "wylecieć", "pobiec"}
# what *przed* is before in time, in the instrumental (*przed obiadem*, *przed lekcją*,
# *przed weekendem*), never a place one goes in front of (not *szkoła*, *praca*: *Wyszedłem
# przed szkołę*)
_BEFORE_TIMES = (_MEALS | _EVENTS | TIME_NOUNS) - {"szkoła", "praca", "studia"}
_OPENING_CONJUNCTIONS = frozenset({"a", "i", "ale", "lecz", "więc"})
_MOTION_FORMS = frozenset({"fin", "praet", "inf", "impt", "bedzie", "cond", "imps"})
# What may stand between a conjunction and a verb sharing the subject before it (*i potem
# poszedł*, *ale nic nie kupił*, *i go zjadł*): no subject of its own
_BEFORE_SHARED_VERB = frozenset(
    {"nie", "się", "nic", "potem", "też", "także", "również", "już", "jeszcze", "tylko"}
    | {"go", "ją", "je", "mu", "jej", "im", "ich", "mi", "ci", "mnie", "cię", "nas", "was"}
)
_PREPOSED = frozenset(
    {
        "nowy",
        "duży",
        "mały",
        "stary",
        "młody",
        "cały",
        "inny",
        "własny",
        "następny",
        "różny",
        "ogromny",
        "przyszły",
    }
)
_PRONOMINAL = _DEMONSTRATIVES | {"sam", "inny", "jeden", "każdy", "wszystek", "żaden", "który"}
# Words that open a noun phrase: its determiner and possessive
_DETERMINERS = _DEMONSTRATIVES | {"mój", "twój", "swój", "nasz", "wasz", "ten", "tamten"}
# Numbers of men from two to four that take the genitive (*Dwóch studentów przyszło*)
_MEN_FEW = frozenset({"dwóch", "dwu", "trzech", "czterech", "obu"})
# A determiner's form as most people say it, and the one written (*te skrzynię*, the
# spoken accusative of *tę*): left alone.
_SPOKEN_FORMS = frozenset({("te", "tę")})
# Possessives that are also nouns for one's people (*moi*, my folks): before a noun, the
# possessive (*Moi dzieci* → *Moje dzieci*)
_FOLKS = frozenset({"moi", "twoi", "nasi", "wasi"})
# A correction is taken only when its word is used at least this often (zipf 2)...
_MIN_FREQUENCY = 1e-7
# ...and this many times more often than the next candidate of the same kind (and than what
# was written).
_MARGIN = 4.0
# A rare word is taken for a common homophone (zipf 4) used this many times as often.
_COMMON = 1e-5
# A word written less often than this (zipf 2.5) may be another word's wrong ending.
_ODD_FREQUENCY = 10**2.5 / 1e9
_HOMOPHONE_MARGIN = 1000.0
_BY_FORMS = frozenset({"by", "bym", "byś", "byśmy", "byście"})
# the nouns of set phrases with mieć, in the accusative singular (explain.SET_PHRASE_GLOSS)
_SET_PHRASE_NOUNS = {"nadzieja": "nadzieję", "racja": "rację"}
# conjunctions that say what something is done for (a doer's purpose)
_PURPOSE = frozenset({"żeby", "aby", "by", "ażeby", "iżby"})
# conjunctions that open a clause of what is said, hoped, thought
_THAT_CONJUNCTIONS = frozenset({"że", "iż", "żeby", "aby"})
_AND_OR = frozenset({"i", "oraz", "lub", "albo", "czy", "bądź"})
# the 3rd person's possessives, the same for every noun (*jego dom*, *na ich życzenie*)
_POSSESSIVE_3 = frozenset({"jego", "jej", "ich"})
# the infinitives after which a noun says who someone is (or becomes): *chcę być*, *zostać*
_COPULA_INFINITIVES = frozenset({"być", "zostać"})
_BY_NUMBER = {"bym": "sg", "byś": "sg", "byśmy": "pl", "byście": "pl"}
# *żebyś*, *gdybym* …: the person's ending is on them, not on the past form after them
_PERSON_BY = frozenset(head + by for head in ("", "gdy", "że", "a", "jak") for by in _BY_NUMBER)
# Phrases often written as one word (the spelling dictionary has no such word).
_WRITTEN_APART = {
    "narazie": "na razie",
    "wogóle": "w ogóle",
    "wogule": "w ogóle",
    "napewno": "na pewno",
    "odrazu": "od razu",
    "poprostu": "po prostu",
    "conajmniej": "co najmniej",
    "przedewszystkim": "przede wszystkim",
    "wkońcu": "w końcu",
    "zpowrotem": "z powrotem",
    "spowrotem": "z powrotem",
    "naprzykład": "na przykład",
    "niewiem": "nie wiem",
    "dzieńdobry": "dzień dobry",
    "dowidzenia": "do widzenia",
    "wczasie": "w czasie",
    "naszczęście": "na szczęście",
    "wdomu": "w domu",
    "codzień": "co dzień",
}


# SGJP's labels of a field a word belongs to (*alergia*: med., *delfin*: zool.), which say
# nothing of how common or how correct its forms are (unlike rzad., daw., pot., char. …)
_FIELD_LABELS = frozenset(
    "zool. komp. chem. techn. sport. wojsk. praw. med. anat. muz. biol. łow. bot. jęz. ekon. "
    "monet. rel. żegl. karc. gry hist. kulin. chor. fiz. mat. mikol. geogr. filoz. mors. term. "
    "górn. bud. bibl. pszcz. włók. leśn. druk. edyt. astrol. astron. meteor.".split()
)


def _style_marks(qualifiers: tuple[str, ...]) -> set[str]:
    """A generated form's SGJP labels but those of a field (see _FIELD_LABELS)."""
    return {p for q in qualifiers for p in q.split(",")} - _FIELD_LABELS


def _gender_named(gender: frozenset[str], number: str) -> str:
    """The gender a subject is named by: *on*, read in every masculine gender (a man, an
    animal or a thing alike), is masculine, no more ("m1.m2.m3")."""
    if number == "sg" and len(gender & {"m1", "m2", "m3"}) > 1:
        return "m1.m2.m3"
    return sorted(gender)[0]


# *boleć*'s person in pain in the dative (*Boli mi głowa*) → the accusative (*Boli mnie*);
# not *jej*, *im*, which are possessives too (*Boli jej głowa*: her head)
_ACHING_PERSON = {"mi": "mnie", "ci": "cię", "mu": "go", "nam": "nas", "wam": "was"}
_ACHING_PEOPLE = frozenset(_ACHING_PERSON) | frozenset(_ACHING_PERSON.values()) | {"ją", "ich"}
# Two words a learner writes apart that Polish writes as one: the pair → the word, and when.
# "always": the pair is no phrase of its own (two prepositions: *po za*, *z pod*); otherwise
# what the words around must show (see Checker._as_one_word): *co raz* before a comparative
# (*coraz lepiej*), *nie długo* before a future (*niedługo wrócę*; *Nie długo czekałem* is
# right), *nie dawno* before a past, *na prawdę* as an adverb (not *czekam na prawdę*), *dla
# tego* before no noun (*dlatego nie przyszedłem*; *dla tego człowieka* is right), *nie prawda*
# standing alone (*To nieprawda.*), *z resztą* opening a clause alone (*Zresztą, to
# nieważne*; *z resztą pieniędzy* is right), *w cale* before *nie* (*w cale* may be *w całe*)
_WRITTEN_AS_ONE: dict[tuple[str, str], tuple[str, str]] = {
    ("po", "za"): ("poza", "always"),
    ("w", "śród"): ("wśród", "always"),
    ("po", "między"): ("pomiędzy", "always"),
    ("na", "przeciwko"): ("naprzeciwko", "always"),
    ("na", "przeciw"): ("naprzeciw", "always"),
    ("z", "pod"): ("spod", "always"),
    ("z", "nad"): ("znad", "always"),
    ("z", "poza"): ("spoza", "always"),
    ("z", "pośród"): ("spośród", "always"),
    ("z", "przed"): ("sprzed", "always"),
    ("w", "cale"): ("wcale", "before_nie"),
    ("co", "raz"): ("coraz", "comparative"),
    ("nie", "długo"): ("niedługo", "future"),
    ("nie", "dawno"): ("niedawno", "past"),
    ("na", "prawdę"): ("naprawdę", "adverb"),
    ("dla", "tego"): ("dlatego", "no_noun"),
    ("nie", "prawda"): ("nieprawda", "alone"),
    ("z", "resztą"): ("zresztą", "opening"),
}
# comparatives *coraz* goes with that Morfeusz reads as no degree of an adjective
_MORE_LESS = frozenset({"więcej", "mniej", "bardziej"})
# the words before *jak* that make it compare two things alike (*tak samo jak*, *równie … jak*)
_AS_AS = frozenset({"tak", "samo", "równie", "sam", "sama"})
# places in a town or the land named by a proper adjective after them, which agrees with
# them in every case (*ulica Kwiatowa* → *na ulicy Kwiatowej*, *plac Zamkowy*, *hotel
# Europejski*, *kościół Mariacki*); not a house or a firm, after which a surname in -ski is
# its owner's (*w domu Kowalskich*), nor a town's name, a noun (*w mieście Kraków*)
_NAMED_PLACES = frozenset(
    (
        "ulica aleja plac osiedle rynek park ogród dworzec przystanek stacja most rondo bulwar "
        "hotel szpital cmentarz kościół pałac zamek stadion jezioro las brama dzielnica wzgórze "
        "droga"
    ).split()
)
# the titles a name follows in the same case (*z panią Anną*, *u pana Adama*)
_TITLES = frozenset({"pan", "pani"})
# A name written in English or German at least a tenth as often as its Polish-lettered
# spelling in Polish is a foreign name in its own spelling (Wladimir: zipf 3.9 in German,
# Władimir 3.9 in Polish; Lukasz 2.6, Łukasz 4.3): see Checker._own_spelling.
_OWN_SPELLING_MARGIN = 10.0
# A word written this often (zipf 2.5) is not corrected by a slip of one letter.
_SLIP_CEILING = 10**2.5 / 1e9


@lru_cache(maxsize=1)
def _fixed_phrases() -> dict[str, tuple[tuple[str, str], ...]]:
    """``data/phrases.tsv``: preposition → its fixed phrases' (noun form, case)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA_DIR / "phrases.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("preposition\t"):
            continue
        prep, form, case = line.split("\t")
        out.setdefault(prep, []).append((form, case))
    return {prep: tuple(rows) for prep, rows in out.items()}


# adverbial phrases of a preposition and an adjective's form, and fractions: no noun's phrase
# (*Po pierwsze wymóg …* is not *Po pierwszy wymóg*; *jedna trzecia mieszkańców*)
_FRACTIONS = ("trzeci", "czwart", "piąt", "szóst", "siódm", "ósm", "dziewiąt", "dziesiąt")
_SET_PHRASES: dict[str, frozenset[str]] = {
    "po": frozenset({"pierwsze", "drugie", "ostatnie", *(f + "e" for f in _FRACTIONS)})
    | frozenset({"swojemu", "mojemu", "twojemu", "naszemu", "waszemu", "staremu", "nowemu"}),
    "do": frozenset({"niedawna"}),
    "od": frozenset({"niedawna", "dawna"}),
    "jedna": frozenset(f + "a" for f in _FRACTIONS),
    "dwie": frozenset(f + "e" for f in _FRACTIONS),
}


@dataclass(slots=True)
class _Sentence:
    text: str
    words: list[Word]
    fixes: dict[int, str]
    frozen: frozenset[int] = frozenset()  # words no rule changes: quoted titles, abbreviations
    kinds: dict[int, str] = field(default_factory=dict)  # why a word was respelt
    endings: dict[int, explain.InflectionFacts] = field(default_factory=dict)
    reasons: dict[int, explain.InflectionFacts] = field(default_factory=dict)  # a rule's own
    respelt: frozenset[str] = frozenset()  # words the spelling pass put in (lower case)
    assigned: dict[int, tuple[str, str]] = field(default_factory=dict)  # recased: case, number
    # verbs made to agree with a subject the comparer may not find (a name, a counted noun):
    # the subject as written and its gender and number
    agreed: dict[int, tuple[str, frozenset[str], str]] = field(default_factory=dict)
    # an adjective changed with the one after it, for the same noun: explained as that one
    twins: dict[int, int] = field(default_factory=dict)
    # subjects counted from five up (*pięć osób*), whose verb is singular
    counted: set[str] = field(default_factory=set)
    # a word given another beside it or put in another's place, for a phrase the verb takes
    # (*polsku* → *po polsku*, *Nazywam* → *Nazywam się*, *Jestem* … lat → *Mam*): the kind
    phrased: dict[int, explain.PhraseKind] = field(default_factory=dict)
    # two words made one (*więcej stary* → *starszy*): the first's index → the second's
    merged: dict[int, tuple[int, explain.InflectionFacts]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Sentence:
        words = words_of(text, tokenize(text))
        frozen: set[int] = set()
        quoted = False
        cursor = 0
        # a word in capitals in a sentence that is not all capitals is an acronym (IT, IKEA,
        # PKP): said letter by letter or kept as its owner writes it, never given an ending
        shouting = not any(ch.islower() for ch in text)
        for i, w in enumerate(words):
            quoted ^= sum(ch in _QUOTES for ch in text[cursor : w.start]) % 2 == 1
            after = text[w.end : w.end + 2].lstrip()[:1]
            acronym = not shouting and len(w.text) > 1 and w.text.isupper()
            if quoted or acronym or (after == "." and len(w.text) <= 3 and i + 1 < len(words)):
                frozen.add(i)  # "„Ojciec Mateusz”", "IT", "ul.", "np."
            if i > 0 and w.key in _SET_PHRASES.get(words[i - 1].key, ()):
                frozen.update((i - 1, i))  # "Po pierwsze", "po swojemu", "jedna trzecia"
            cursor = w.end
        return cls(text, words, {}, frozenset(frozen))

    def apply(self) -> str:
        out: list[str] = []
        cursor = 0
        for i, w in enumerate(self.words):
            if i in self.fixes:
                if self.fixes[i]:
                    out.append(self.text[cursor : w.start])
                    out.append(self.fixes[i])
                cursor = w.end  # an empty fix joins the word to the one before it
        out.append(self.text[cursor:])
        return "".join(out)

    def current(self) -> list[Word]:
        """The words with the fixes made so far."""
        return [
            w.replaced(self.fixes[i]) if i in self.fixes else w for i, w in enumerate(self.words)
        ]


class Checker:
    """Finds and corrects errors in free text (see the module's docstring)."""

    def __init__(
        self,
        morph: Morphology,
        grammar: Grammar,
        comparer: Comparer,
        *,
        respell: Callable[[str], Sequence[str]],
        frequency: Callable[[str], float],
        known: Callable[[str], bool],
        listed: Callable[[str], Sequence[str]] | None = None,
        english: Callable[[str], bool] | None = None,
        foreign: Callable[[str], float] | None = None,
    ) -> None:
        self._morph = morph
        self._grammar = grammar
        self._comparer = comparer
        self._respell = respell
        # spellings with Polish letters people use (a slip's restored candidates: a word
        # nobody writes never wins, so only these are looked up)
        self._listed = listed or respell
        self._frequency = frequency
        self._known = known
        self._english = english or (lambda _word: False)
        # how often a word is written in the languages a name's own spelling comes from
        self._foreign = foreign or (lambda _word: 0.0)
        self._variants = Variants(morph, frequency)
        self._reads: dict[str, tuple[Reading, ...]] = {}  # _read's, per word as written

    def check(self, text: str, lang: ExplainIn = "en") -> Check:
        if _shouted(text):
            # "MAM DWA KOT": capitals say nothing of names or acronyms here (KOT was read as
            # a feminine's abbreviation): the sentence is checked as written in small
            # letters, its corrections given back in capitals
            return _in_capitals(text, self.check(text[:1] + text[1:].lower(), lang))
        return self._checked(text, lang, frozenset())

    def _checked(self, text: str, lang: ExplainIn, kept: frozenset[int]) -> Check:
        """check() with the learner's words at ``kept`` left as written by the spelling
        passes: a respelling that left its phrase half-corrected (see _half_fixed)."""
        spelled = _Sentence.of(text)
        self._letters_pairs(spelled)
        self._spelling(spelled)
        self._word_breaks(spelled)
        self._as_one_word(spelled)
        self._preposition_forms(spelled)
        for i in kept:
            spelled.fixes.pop(i, None)
            spelled.kinds.pop(i, None)
            spelled.endings.pop(i, None)
        respelt = spelled.apply()
        sentence = _Sentence.of(respelt)
        sentence.respelt = frozenset(fix.casefold() for fix in spelled.fixes.values() if fix)
        for rule in (
            self._finite_after_modal,  # first: the rules of objects then see the infinitive
            self._numerals,
            self._numeral_after_preposition,
            self._percent,
            self._clock_times,
            self._years,
            self._dates,
            self._degree,
            self._bare_locative,
            self._preposition_names,
            self._prepositions,
            self._title_names,
            self._as_subject,
            self._where_subject,
            self._preposition_nominatives,
            self._noun_after_adjectives,
            self._copula,
            self._objects,
            self._none_there,
            self._pronoun_objects,
            self._set_phrase_objects,
            self._counted_object,
            self._compared,
            self._country_of,
            self._relative,
            self._relative_subject,
            self._subject_verb,
            self._cost_subject,
            self._polite_address,
            self._conditional_person,
            self._bare_infinitive,
            self._noun_verb,
            self._named_subject,
            self._joined_subject,
            self._counted_subject,
            self._counted_many,
            self._predicative,
            self._this_was,
            self._adjectives,
            self._postposed,
            self._verbless_postposed,
            self._aspect,
            self._future_past,
            self._past_of_future,
            self._compound_future,
            self._phase_infinitive,
            self._reflexive_only,
            self._negative_concord,
            self._by_vehicle,
            self._language_adverbs,
            self._naming,
            self._waiting_for,
            self._age,
            self._feeling,
            self._aching,
        ):
            rule(sentence)
        half = self._half_fixed(sentence)
        undo = (
            frozenset(i for i, fix in spelled.fixes.items() if fix and fix.casefold() in half)
            - kept
        )
        if undo:
            return self._checked(text, lang, kept | undo)
        corrected = sentence.apply()
        if corrected == text:
            return Check(text=text, corrected=text, issues=())
        spelling = self._spelling_issues(spelled, lang)
        grammar: list[Issue] = []
        explained: set[int] = set()
        if corrected != respelt:
            for issue in self._comparer.compare(corrected, respelt, lang).issues:
                if issue.got == issue.expected:
                    continue
                if issue.type == "diacritics":
                    # a rule's new case that differs only in its letters (*z Ewa* → *z Ewą*):
                    # the rule is the reason, not the spelling
                    issue = self._recased_look_alike(sentence, issue, lang) or issue
                ending = next(
                    (
                        f
                        for f in sentence.endings.values()
                        if _same(f.got, issue.got) and _same(f.expected, issue.expected)
                    ),
                    None,
                )
                # the same change twice ("Mam jeden pies i jeden kot"): each its own reason,
                # in the order of the words
                alike = [
                    i
                    for i, f in sorted(sentence.reasons.items())
                    if _same(f.got, issue.got) and _same(f.expected, issue.expected)
                ]
                fresh = [i for i in alike if i not in explained] or alike
                reason = sentence.reasons[fresh[0]] if fresh else None
                explained.update(fresh[:1])
                if reason is not None and reason.rule is not None:
                    issue = _facts_issue(reason, issue.got, issue.expected, lang)
                elif ending is not None:
                    issue = _facts_issue(
                        ending, issue.got, issue.expected, lang, "ending.declension"
                    )
                agreed = self._agreed_subject(sentence, issue)
                if agreed is not None:
                    issue = self._subject_issue(issue, *agreed, lang)
                    if agreed[0] in sentence.counted:
                        numeral = agreed[0].split()[0].lower()
                        note = explain.counted_from_five(
                            lang, men_few=numeral in _MEN_FEW, numeral=numeral
                        )
                        issue = replace(issue, explanation=f"{issue.explanation} {note}")
                # a word respelt and then inflected is one issue, with what the learner wrote
                own = next((i for i in spelling if _same(i.expected, issue.got)), None)
                if (
                    own is not None
                    and own.got is not None
                    and issue.expected is not None
                    and issue.got is not None
                    and own.type == "diacritics"
                    and not any(
                        c in "ąćęłńóśźż" and c not in own.got.lower()
                        for c in issue.expected.lower()
                    )
                ):
                    # our Polish letters went again (*twarza* → twarzą → *twarzy*): the rule
                    # alone, on what the learner wrote
                    spelling.remove(own)
                    text = issue.explanation.replace(f"*{issue.got}*", f"*{own.got}*")
                    issue = replace(issue, got=own.got, explanation=text)
                elif own is not None and own.got is not None and issue.expected is not None:
                    spelling.remove(own)
                    note = (
                        explain.also_polish_letters(issue.expected, lang)
                        if own.type == "diacritics"
                        else explain.also_spelling(issue.expected, lang)
                    )
                    issue = replace(issue, got=own.got, explanation=f"{issue.explanation} {note}")
                grammar.append(issue)
        grammar = self._merged_issues(sentence, grammar, lang)
        grammar = self._explain_twins(sentence, self._only_changes_made(sentence, grammar, lang))
        grammar = self._phrase_issues(sentence, grammar, lang)
        issues = sorted(
            _placed([w.text for w in spelled.words], [*spelling, *grammar]),
            key=lambda i: -1 if i.position is None else i.position,
        )
        return Check(text=text, corrected=corrected, issues=tuple(issues))

    @staticmethod
    def _merged_issues(s: _Sentence, issues: list[Issue], lang: ExplainIn) -> list[Issue]:
        """Two words made one (see _merge): one issue of both, with the rule's reason, for the
        comparer's word left out and word changed."""
        for a, (k, facts) in s.merged.items():
            first, form = s.words[a].text, s.fixes[a]
            issues = [
                i
                for i in issues
                if not (_same(i.got, first) and (i.expected is None or _same(i.expected, form)))
            ]
            issues.append(
                Issue(
                    type="wrong_word",
                    expected=form,
                    got=f"{first} {s.words[k].text}",
                    explanation=explain.inflection(facts, lang),
                    feature=facts.feature,
                    expected_value=facts.expected_value,
                    rule=Rule("degree.comparative", facts.trigger),
                    position=a,
                )
            )
        return issues

    def _half_fixed(self, s: _Sentence) -> frozenset[str]:
        """The words our spelling put into a preposition's phrase (lower case) that no rule
        then put into a case the preposition takes: *Idę ze szkola* → *ze szkoła* restores
        the letters and leaves the nominative, which *ze* never takes (from school, *ze
        szkoły*, or with it?). A phrase shown as the correction must be right: these words
        are left as the learner wrote them."""
        words = s.current()
        out: set[str] = set()
        for j, w in enumerate(words[:-1]):
            if not self._grammar.is_prep(w) or self._grammar.is_verb(w):
                continue
            if any(r.pos in ("conj", "comp") for r in self._morph.analyse(w.text)):
                continue  # "a", "jako": more often not a preposition
            cases = self._grammar.prep_cases(w)
            head = self._phrase_head(words, j + 1) if cases else None
            if head is None or not self._nouns(words[head]):
                continue
            if self._numeral_between(words, j, head):
                continue  # "przez ćwierć wieku": the numeral's case, its noun's genitive
            ours = [
                k
                for k in range(j + 1, head + 1)
                if k not in s.fixes and words[k].text.casefold() in s.respelt
            ]
            if ours and not self._could_be(words[head], cases, places=True):
                out.update(words[k].text.casefold() for k in ours)
        for k, w in enumerate(words):
            # (anywhere: *z mamą i panią Ewa*, *Widzę panią Ewa*)
            if k not in s.fixes and w.text.casefold() in s.respelt and self._name_left(words, k):
                out.add(w.text.casefold())
        return frozenset(out)

    def _name_left(self, words: list[Word], head: int) -> bool:
        """Is the word after the noun at ``head`` its name left in another case: a first name
        in the nominative after a person in another (*z panią Anna*), or a street's adjective
        name that does not agree with it (*na ulicy Kwiatowa*)?"""
        n = head + 1
        if n >= len(words) or words[n].boundary_before:
            return False
        nouns = self._nouns(words[head])
        if self._street_name(words, n):
            adjs = [r for r in self._read(words[n].text) if r.pos == "adj"]
            return bool(adjs) and not any(_agrees(a, r) for a in adjs for r in nouns)
        if not self._first_name(words[n]) or not any(self._person(r) for r in nouns):
            return False
        names = [
            r
            for r in self._morph.analyse(words[n].text)
            if r.pos == "subst" and r.lemma[:1].isupper()
        ]
        own = frozenset(c for r in nouns if self._person(r) for c in r.case)
        return bool(names) and all(r.case <= {"nom", "voc"} for r in names) and "nom" not in own

    def _recased_look_alike(self, s: _Sentence, issue: Issue, lang: ExplainIn) -> Issue | None:
        """The preposition's case, with a word a rule recased right after the preposition into
        a form that differs from the learner's only by Polish letters."""
        for i, new in s.fixes.items():
            if not (_same(s.words[i].text, issue.got) and _same(new, issue.expected)):
                continue
            if i not in s.assigned or i == 0 or not self._grammar.is_prep(s.words[i - 1]):
                return None
            case, number = s.assigned[i]
            facts = explain.InflectionFacts(
                expected=new,
                got=s.words[i].text,
                feature="case",
                expected_value=case,
                got_value=None,
                rule="case.preposition",
                trigger=s.words[i - 1].text,
                lemma=new,
                number=number,
                detail="several" if len(self._grammar.prep_cases(s.words[i - 1])) > 1 else None,
                look_alike=True,
            )
            return _facts_issue(facts, s.words[i].text, new, lang)
        return None

    @staticmethod
    def _only_changes_made(s: _Sentence, issues: list[Issue], lang: ExplainIn) -> list[Issue]:
        """Every inflection issue is a change the rules made, and a change with a rule's own
        reason is reported: asked what separates the corrected sentence from the learner's,
        compare may read it another way (*Byłam zmęczony i głodny* → *zmęczona i głodna*: it
        would rather make *Byłam* masculine, which no rule did)."""
        made = {i: new for i, new in s.fixes.items() if new}
        changed = [s.words[i].text for i in made]
        kept = [w.text for i, w in enumerate(s.words) if i not in made]
        out = [
            issue
            for issue in issues
            if issue.type != "inflection"
            or any(_same(issue.expected, new) for new in made.values())
            # (not a word left as it was, read as the one changed: *Znam ona i jej brata*,
            # ona → ją, is not jej → ją)
            and not (
                any(_same(issue.got, w) for w in kept)
                and not any(_same(issue.got, w) for w in changed)
            )
        ]
        # the *będę* a compound future put before the learner's verb (*pracowałem* → *będę
        # pracować*) is that reason's, not a word missing of its own
        added = {
            w.casefold()
            for i, new in made.items()
            if i in s.reasons and s.reasons[i].detail == "compound"
            for w in new.split()[:-1]
        }
        out = [
            x for x in out if x.type != "missing_word" or (x.expected or "").casefold() not in added
        ]
        for i, new in made.items():
            facts = s.reasons.get(i)
            if facts is None or facts.rule is None or any(_same(x.expected, new) for x in out):
                continue
            out.append(replace(_facts_issue(facts, s.words[i].text, new, lang), position=i))
        return out

    @staticmethod
    def _phrase_issues(s: _Sentence, issues: list[Issue], lang: ExplainIn) -> list[Issue]:
        """A phrase a rule made (see ``_Sentence.phrased``) as one issue with its reason, in
        place of what compare reads in it: a word added beside the learner's as it was is
        ``missing_word`` (the word to add, as compare gives it: *się* after *Nazywam*), any
        other change ``wrong_word`` (*polski* → *po polsku*, *Jestem* → *Mam*)."""
        if not s.phrased:
            return issues
        out = list(issues)
        for i, kind in s.phrased.items():
            got, new = s.words[i].text, s.fixes[i]
            added = {w.casefold() for w in new.split()}
            out = [
                x
                for x in out
                if not (
                    _same(x.got, got)
                    or x.type == "missing_word"
                    and (x.expected or "").casefold() in added
                )
            ]
            parts = new.split(" ")
            lone = [w for w in parts if w != got]
            inserted = len(parts) == 2 and got in parts and len(lone) == 1
            out.append(
                Issue(
                    # (*mi* → *mnie*, *głowę* → *głowa*: the same word in another case)
                    type="inflection"
                    if kind == "aching"
                    else "missing_word"
                    if inserted
                    else "wrong_word",
                    expected=lone[0] if inserted else new,
                    got=None if inserted else got,
                    explanation=explain.phrase(kind, got, new, lang),
                    position=i,
                    rule=Rule("case.verb_government", got)
                    if kind in ("waiting", "aching")
                    else None,
                )
            )
        return sorted(out, key=lambda x: -1 if x.position is None else x.position)

    @staticmethod
    def _explain_twins(s: _Sentence, issues: list[Issue]) -> list[Issue]:
        """The first of two coordinated adjectives gets the second's rule and explanation."""
        out = list(issues)
        for first, second in s.twins.items():

            def at(i: int) -> int | None:
                return next(
                    (
                        n
                        for n, x in enumerate(out)
                        if _same(x.got, s.words[i].text) and _same(x.expected, s.fixes.get(i))
                    ),
                    None,
                )

            a, b = at(first), at(second)
            if a is None or b is None:
                continue
            one, two = out[a], out[b]
            if two.rule is None or two.got is None or two.expected is None:
                continue
            old = f"*{two.got}* → *{two.expected}*"
            if f"{old}." not in two.explanation or one.got is None or one.expected is None:
                continue
            # (before a note on the Polish letters: *siostrą Anną*, both look-alikes)
            text = two.explanation.replace(f"{old}.", f"*{one.got}* → *{one.expected}*.", 1)
            out[a] = replace(
                one,
                type=two.type,
                explanation=text,
                rule=two.rule,
                feature=two.feature,
                expected_value=two.expected_value,
                got_value=two.got_value,
            )
        return out

    @staticmethod
    def _agreed_subject(s: _Sentence, issue: Issue) -> tuple[str, frozenset[str], str] | None:
        """The subject a rule made the issue's verb agree with, if it did."""
        for i, subject in s.agreed.items():
            if _same(s.words[i].text, issue.got) and _same(s.fixes.get(i), issue.expected):
                return subject
        return None

    @staticmethod
    def _subject_issue(
        issue: Issue, subject: str, gender: frozenset[str], number: str, lang: ExplainIn
    ) -> Issue:
        """The issue of a verb that agrees with ``subject``, its rule and trigger named."""
        if issue.type != "inflection" or issue.feature not in ("gender", "number", "person"):
            return issue
        rule: RuleId = (
            "agreement.past_gender" if issue.feature == "gender" else "agreement.subject_verb"
        )
        one = _one(gender)
        if number == "sg" and one is None and _gender_named(gender, number) == "m1.m2.m3":
            one = "m1.m2.m3"  # on: a man, an animal or a thing alike, masculine
        if issue.feature == "gender" and number == "sg" and one is not None:
            issue = replace(issue, expected_value=one)  # Jan: masculine personal
        facts = explain.InflectionFacts(
            expected=issue.expected or "",
            got=issue.got or "",
            feature=issue.feature,
            expected_value=issue.expected_value,
            got_value=issue.got_value,
            rule=rule,
            trigger=subject,
            lemma="",
            number=number,
            person="ter",
            gender=one if one is not None else ("m1" if "m1" in gender else None),
        )
        return replace(issue, explanation=explain.inflection(facts, lang), rule=Rule(rule, subject))

    def _spelling_issues(self, s: _Sentence, lang: ExplainIn) -> list[Issue]:
        out: list[Issue] = []
        for i, new in sorted(s.fixes.items()):
            if not new:
                continue  # the second half of a join, reported with the first
            got = s.words[i].text
            kind = s.kinds.get(i, "slip")
            rule: Rule | None = None
            if kind == "together":
                got = s.text[s.words[i].start : s.words[i + 1].end]
                text = explain.written_together(new, got, lang)
                rule = Rule("spelling.word_break", None)
            elif kind == "one_word":
                got = s.text[s.words[i].start : s.words[i + 1].end]
                text = explain.written_as_one(new, got, lang)
                rule = Rule("spelling.word_break", None)
            elif kind in ("apart", "apart_nie", "apart_po"):
                why = {"apart_nie": "nie", "apart_po": "po"}.get(kind)
                text = explain.written_apart(new, got, why, lang)
                rule = Rule("spelling.word_break", None)
            elif kind == "diacritics":
                after = self._preposition_look_alike(s, i, new, lang)
                if after is not None:
                    out.append(after)
                    continue
                letters = missing_letters(new, got)
                out.append(
                    Issue(
                        type="diacritics",
                        expected=new,
                        got=got,
                        explanation=explain.diacritics(new, got, letters, False, lang),
                    )
                )
                continue
            elif kind == "ending":
                facts = s.endings[i]
                out.append(_facts_issue(facts, got, new, lang, facts.rule or "ending.declension"))
                continue
            elif kind in ("form_tail", "verb_tail", "nasal_past"):
                out.append(self._tail_issue(s, i, new, got, kind, lang))
                continue
            elif kind == "other_stem_present":
                present = self._present_on_other_stem(got.lower())
                assert present is not None  # it gave the fix
                text = explain.other_stem_present(present[0], got, present[1], present[2], lang)
            elif kind == "mixed_past":
                past = self._mixed_past(got.lower())
                assert past is not None  # it gave the fix
                text = explain.mixed_past(past[0], got, past[1], past[2], past[3], lang)
            elif kind == "preposition_form":
                text = explain.vocalic(new, got, s.words[i + 1].text, lang)
                rule = Rule("spelling.preposition_form", None)
            elif kind == "month_preposition":
                text = explain.month_preposition(new, got, s.words[i + 1].text, lang)
                rule = Rule("preposition.month", None)
            elif kind == "same_sound":
                text = explain.same_sound(new, got, _spelling_pairs(new, got), lang)
                rule = Rule("spelling.same_sound", None)
            else:
                text = explain.typo(new, got, self._known(got), lang)
            kind_of: IssueType = "wrong_word" if kind == "month_preposition" else "typo"
            out.append(Issue(type=kind_of, expected=new, got=got, explanation=text, rule=rule))
        return out

    def _preposition_look_alike(
        self, s: _Sentence, i: int, new: str, lang: ExplainIn
    ) -> Issue | None:
        """*z moją rodzina* → *rodziną*: without its Polish letter the noun is another of its
        own forms, in no case the preposition before it takes; the preposition's case (the one
        the new form is in) is the reason, with the letter."""
        got = s.words[i].text
        p = self._grammar.preposition_before(s.words, i)
        if p is None:
            return None
        cases = self._grammar.prep_cases(s.words[p])
        nouns = [r for r in self._read(got) if r.pos in _NOUNS]
        if not nouns or any(
            r.case & cases for r in self._morph.analyse(got) if r.pos in _NOUNS | {"frag"}
        ):
            return None
        lemmas = {r.lemma for r in nouns}
        fits = [
            r for r in self._read(new) if r.pos in _NOUNS and r.lemma in lemmas and r.case & cases
        ]
        found = {c for r in fits for c in r.case & cases}
        numbers = {n for r in fits for n in r.number}
        if len(found) != 1 or len(numbers) != 1:
            return None
        facts = explain.InflectionFacts(
            expected=new,
            got=got,
            feature="case",
            expected_value=found.pop(),
            got_value=None,
            rule="case.preposition",
            trigger=s.words[p].text,
            lemma=new,
            number=numbers.pop(),
            detail="several" if len(cases) > 1 else None,
            look_alike=True,
        )
        return _facts_issue(facts, got, new, lang)

    def _tail_issue(
        self, s: _Sentence, i: int, new: str, got: str, kind: str, lang: ExplainIn
    ) -> Issue:
        """An inflection issue for a form with an ending put after it (*osobnikówowi*,
        *znału*) or a woman's past form written *-łą* (*czekałą*)."""
        if kind == "nasal_past":
            return Issue(
                type="inflection",
                expected=new,
                got=got,
                explanation=explain.nasal_past(new, got, lang),
                feature="gender",
                expected_value="f",
            )
        readings = self._read(new)
        lemmas = list(dict.fromkeys(r.lemma for r in readings))
        lemma = lemmas[0] if len(lemmas) == 1 else new
        if kind == "verb_tail":
            return Issue(
                type="inflection",
                expected=new,
                got=got,
                explanation=explain.verb_with_tail(new, got, lemma, lang),
            )
        # the case and number named only when the form (in the case the word before asks
        # for, if it asks) has one reading of them
        context = self._context_cases(s.words, i)
        slots = {
            (c, n)
            for r in readings
            for c in (r.case & context if context is not None else r.case)
            for n in r.number
        }
        case, number = next(iter(slots)) if len(slots) == 1 else (None, None)
        return Issue(
            type="inflection",
            expected=new,
            got=got,
            explanation=explain.ending_after_form(new, got, lemma, case, number, lang),
            feature="case" if case else None,
            expected_value=case,
            got_value=case,
            rule=Rule("ending.declension", lemma) if case and len(lemmas) == 1 else None,
        )

    # -- helpers -------------------------------------------------------------------------
    def _read(self, text: str) -> tuple[Reading, ...]:
        """The readings a writer means; a lower-case word is not a name (*samochoda* is not
        SGJP's *samoChoda*)."""
        cached = self._reads.get(text)
        if cached is not None:
            return cached
        readings = self._grammar.usual(text)
        if text.islower():
            readings = tuple(r for r in readings if r.lemma.islower() or not r.lemma.isalpha())
        if len(self._reads) > 100_000:
            self._reads.clear()
        self._reads[text] = readings
        return readings

    def _form(
        self,
        lemma: str,
        pos: Iterable[str],
        *,
        case: str | None = None,
        number: str | None = None,
        gender: frozenset[str] | None = None,
        person: str | None = None,
        like: Reading | None = None,
        counted: bool = False,
    ) -> str | None:
        """The lemma's most used form with these features (and the rest of ``like``'s);
        ``counted``: after a numeral, the form SGJP gives for that place (*pięć razy*, not
        *razów*; *pięć procent*), where the noun has one."""
        classes = frozenset(pos)
        found: list[str] = []
        homonyms: set[str] = set()
        after_numeral: list[str] = []
        contested = False  # another form has these features, not marked rare (babć, babci)
        for g in self._morph.generate(lemma):
            if g.pos not in classes:
                continue
            if counted and _AFTER_NUMERAL in g.qualifiers:
                if (case is None or case in g.case) and (number is None or number in g.number):
                    after_numeral.append(g.form)
                continue
            marks = _style_marks(g.qualifiers)
            if marks and marks != {"hom."}:
                rare = bool(marks & RARE_QUALIFIERS)
                if not rare and (case is None or case in g.case):
                    if number is None or number in g.number:
                        contested = True
                continue
            if case is not None and case not in g.case:
                continue
            if number is not None and number not in g.number:
                continue
            if gender is not None and g.gender and not g.gender & gender:
                continue
            if g.form in _OLD_FORMS:
                continue  # "wszystkich dokumentów", never "wszech dokumentów"
            if person is not None and person not in g.person:
                if g.pos != "praet" or g.person or person != "ter":
                    continue  # a past form has no person of its own unless it is 1st/2nd
            if like is not None:
                if like.aspect and g.aspect and not g.aspect & like.aspect:
                    continue
                if like.degree and g.degree and not g.degree & like.degree:
                    continue
                if like.pos in _FINITE and g.pos != like.pos:
                    continue
                if gender is None and like.gender and g.gender and not g.gender & like.gender:
                    continue
            if _negated(g) != (like is not None and _negated(like)):
                continue  # "byli pijane" → pijani, not niepijani (SGJP's negated participle)
            found.append(g.form)
            if marks:
                homonyms.add(g.form)
        # a form SGJP marks only as the same as another of the lemma's (*informacji*, the
        # genitive plural as well as the singular) when no other has these features
        if after_numeral:
            return self._variants.most_used(after_numeral)
        plain = [f for f in found if f not in homonyms]
        return self._variants.most_used(plain or ([] if contested else found))

    def _set(self, s: _Sentence, i: int, form: str | None) -> bool:
        if form is None or i in s.frozen:
            return False
        word = s.words[i]
        new = form[:1].upper() + form[1:] if word.text[:1].isupper() else form
        current = s.fixes.get(i, word.text)
        if new == current:
            return False
        s.fixes[i] = new
        return True

    # -- 1. spelling ---------------------------------------------------------------------
    def _spelling(self, s: _Sentence) -> None:
        for i, w in enumerate(s.words):
            if not w.text.isalpha():
                continue
            lower = w.text.islower() or i == 0 and w.text[1:].islower()
            if lower and self._set(
                s,
                i,
                self._letters_first_person(s.words, i)
                # the words before it as respelt (*Czy moge zapłacić karta*: mogę, the 1st
                # person's)
                or self._letters_predicative(fixed := s.current(), i)
                or self._letters_instrumental(fixed, i)
                or self._letters_with_someone(fixed, i)
                or self._letters_infinitive(fixed, i),
            ):
                s.kinds[i] = "diacritics"
                continue
            if self._known(w.text):
                if lower and self._set(
                    s,
                    i,
                    self._letters_meant(s.words, i)
                    or self._letters_agreeing(s.words, i)
                    or self._letters_before_infinitive(s.words, i),
                ):
                    s.kinds[i] = "diacritics"
                elif lower and self._set(s, i, self._homophone(w.key)):
                    s.kinds[i] = "same_sound"
                elif lower and self._odd(w.key) and not self._english_phrase(s.words, i):
                    ending = self._by_ending(s.words, i)
                    if ending is not None and self._set(s, i, ending.expected):
                        s.kinds[i] = "ending"
                        s.endings[i] = ending
                elif not lower and self._by_name_ending(s, i):
                    pass  # *w Polsku* → *w Polsce*
                elif lower and self._verb_after_preposition(s.words, i):
                    # *w wynika której*: a verb's form where only a noun can stand
                    ending = self._by_fixed_phrase(s.words, i)
                    if ending is not None and self._set(s, i, ending.expected):
                        s.kinds[i] = "ending"
                        s.endings[i] = ending
                continue
            rest = Word(w.text[3:], w.key[3:], w.plain[3:])
            if w.key.startswith("nie") and self._known(rest.text) and self._grammar.is_verb(rest):
                continue  # "Nielubię": nie and its verb, written apart below, not respelt
            # a name the dictionary does not have (Mark, Smith, Henri) gets its Polish letters
            # at most; a short word may be an abbreviation or a foreign word (np, the)
            if self._english_phrase(s.words, i):
                continue  # "na home office": a phrase borrowed whole
            past = self._mixed_past(w.key) if lower else None
            if past is not None and self._set(s, i, past[0]):
                s.kinds[i] = "mixed_past"
                continue
            present = self._present_on_other_stem(w.key) if lower else None
            if present is not None and self._set(s, i, present[0]):
                s.kinds[i] = "other_stem_present"
                continue
            # a verb with a noun's ending after it first: *wyjśćiu* is *wyjść*, not *wyjściu*
            verb = self._nasal_past(s.words, i) if lower else None
            if verb is not None:
                if self._set(s, i, verb):
                    s.kinds[i] = "nasal_past"
                continue
            if lower:
                verb = self._verb_with_tail(w.key, opening=i == 0)
            found = (verb, "verb_tail") if verb is not None else None
            clause = not (lower and self._no_clause_after(s, i))
            person = not (lower and self._after_finite(s.words, i))
            named = not lower or self._unknown_beside(s.words, i)  # "z brad pittem": a name
            # a rare word of the dictionary's own (*umrzyk*, *klecić*, *zbaraniał*) is a word,
            # not a slip for a common one: its Polish letters at most
            rare_word = lower and (
                self._dictionary_word(w.text) or self._adverb_of_adjective(w.key)
            )
            if found is None:
                found = self._spell(
                    w.key, names=named or rare_word, slips=False, clause=clause, verb=person
                )
            if found is None and lower:
                found = self._letters_of_adjective(s.words, i)
            if found is None and not lower and self._by_name_ending(s, i):
                continue  # *z Hiszpanią* …
            if found is None and lower:
                ending = self._by_ending(s.words, i) or self._by_agreement(s.words, i)
                if ending is None and self._form_with_tail(s.words, i) is None:
                    # (*wysokichem odsetek*: wysokich with a tail, not wysoki)
                    ending = self._by_noun_after(s.words, i)
                if ending is not None and self._set(s, i, ending.expected):
                    s.kinds[i] = "ending"
                    s.endings[i] = ending
                    continue
            if found is None and lower:
                whole = self._form_with_tail(s.words, i)
                found = (whole, "form_tail") if whole is not None else None
            if found is None and lower and len(w.key) >= 4 and not named and not rare_word:
                context = self._context_cases(s.words, i)
                found = self._spell(
                    w.key, names=False, slips=True, cases=context, clause=clause, verb=person
                )
                if (
                    found is not None
                    and context is None
                    and i > 0
                    and not w.boundary_before
                    and self._grammar.preposition_before(s.words, i) is None
                    and not self._fits_cases(found[0], _BARE_CASES)
                ):
                    found = None  # "Lubię herbte": not herbie, a locative with no preposition
            if found is not None and (
                self._name_before_verb(s.words, i, found[0])
                or self._foreign_womans_name(s.words, i)
                or self._own_spelling(s.words, i, found[0])
            ):
                found = None
            if found is not None and self._set(s, i, found[0]):
                s.kinds[i] = found[1]
        self._letters_before_noun(s)

    def _letters_before_noun(self, s: _Sentence) -> None:
        """*W zeszla srode* → *zeszłą środę* (not *zeszła*, zejść's past): a word given its
        Polish letters right before a noun takes the spelling that agrees with the noun, when
        the one picked does not and exactly one other does. A verb picked stays, but right
        after a preposition (*Przyszla mame odwiedzic*: she came, przyszła)."""
        words = s.words
        for i in range(len(words) - 1):
            if i not in s.fixes and words[i].text.islower() and not self._known(words[i].text):
                # *Mam ladna sukienke*: the noun after it got its letters only now
                found = self._letters_of_adjective(s.current(), i)
                if found is not None and self._set(s, i, found[0]):
                    s.kinds[i] = "diacritics"
                continue
            if s.kinds.get(i) != "diacritics" or words[i + 1].boundary_before:
                continue
            if any(r.pos in VERBAL for r in self._read(s.fixes[i])) and not (
                i > 0 and self._grammar.is_prep(words[i - 1])
            ):
                continue
            noun = s.fixes.get(i + 1, words[i + 1].text)
            nouns = [r for r in self._read(noun) if r.pos in _NOUNS]
            if not nouns or self._pair_agrees(s.fixes[i], noun, None):
                continue
            fits = self._agreeing_spellings(words[i].key, nouns)
            if len(fits) == 1:
                self._set(s, i, fits[0])

    def _dictionary_word(self, text: str) -> bool:
        """Does Morfeusz know the word as a common word's form with no qualifier (not a name's,
        not an old or rare one: *maży*, Morfeusz's old *maża*, is still *marzy* misspelt;
        *cukra*, only a name's form, is *cukru*)?"""
        return any(
            r.pos != "ign" and not r.lemma[:1].isupper() and not r.qualifiers
            for r in self._morph.analyse(text.lower())
        )

    def _name_before_verb(self, words: list[Word], i: int, found: str) -> bool:
        """Is the unknown word i capitalised, opening its sentence, right before a 3rd person
        verb, and the word it would be respelt to a noun whose nominative the verb does not
        agree with (*Myszkin zdążył*: not *Myszki*, plural; *Ocheta zbliżył się*: not *Ochota*,
        feminine)? Then it is the verb's subject, a name the dictionary lacks."""
        w = words[i]
        if w.text.islower() or not (i == 0 or w.boundary_before) or i + 1 >= len(words):
            return False
        verbs = [
            r
            for r in self._read(words[i + 1].text)
            if r.pos == "praet" or r.pos == "fin" and "ter" in r.person
        ]
        shape = self._noun_shape(Word(found, found.lower(), found.lower()))
        if not verbs or shape is None or words[i + 1].boundary_before:
            return False
        number, gender = shape
        return not any(
            number in r.number and (r.pos != "praet" or r.gender & gender) for r in verbs
        )

    @staticmethod
    def _foreign_womans_name(words: list[Word], i: int) -> bool:
        """Is word i a capitalised surname in the masculine *-ski*, *-cki*, *-dzki* after a
        woman's title (*pani Karpinski*)? A Polish woman's would be *-ska*: this one is
        foreign, spelt as its owner spells it (not *Karpiński*)."""
        w = words[i]
        return (
            i > 0
            and not w.text.islower()
            and not w.boundary_before
            and words[i - 1].key in _WOMANS_TITLES
            and w.key.endswith(("ski", "cki", "dzki"))
        )

    def _own_spelling(self, words: list[Word], i: int, found: str) -> bool:
        """Is the capitalised word i, which would be respelt ``found`` (a name only, if it opens
        the sentence), a name in its own spelling? So it is after a person's title when
        ``found`` is no person's name (*u pana Kozlu*: not the town Koźle's *Koźlu*), and when
        it is written in English or German about as often as ``found`` in Polish (*Wladimir*,
        *Mikhail*: a foreign name as its owner spells it, not *Władimir*, *Michaił*; but
        *Kaczynski*, *Lukasz*, far more used as *Kaczyński*, *Łukasz*, get their letters)."""
        w = words[i]
        name = found[:1].upper() + found[1:]
        readings = self._morph.analyse(name)
        if not w.text[:1].isupper() or not readings:
            return False
        inside = i > 0 and not w.boundary_before
        if not inside and any(not r.lemma[:1].isupper() for r in readings):
            return False  # a common word opening the sentence (*Sie* → *Się*) is respelt
        if (
            inside
            and any(r.pos == "subst" and r.lemma in _TITLES for r in self._read(words[i - 1].text))
            and not (self._morph.is_first_name(name) or self._morph.is_surname(name))
        ):
            return True
        return self._foreign(w.key) * _OWN_SPELLING_MARGIN >= self._frequency(found.lower())

    def _adverb_of_adjective(self, key: str) -> bool:
        """Is the word an adverb made the regular way from an adjective in *-ny* that Morfeusz
        knows (*telemetrycznie* from *telemetryczny*, though the dictionary lacks the adverb)?"""
        if not key.endswith("nie") or len(key) < 7:
            return False
        return any(
            r.pos == "adj" and r.lemma == key[:-2] + "y"
            for r in self._morph.analyse(key[:-2] + "y")
        )

    def _unknown_beside(self, words: list[Word], i: int) -> bool:
        """Is a word right beside word i, in small letters, unknown too, with or without
        Polish letters, and no known word's sound-alike either (*z brad pittem*: a foreign name
        in small letters, not *z bratem*; but *głuwnych rul*: two slips, głównych ról)?"""
        return any(
            0 <= k < len(words)
            and not words[max(i, k)].boundary_before
            and words[k].text.isalpha()
            and words[k].text.islower()
            and not self._english(words[k].text)  # (*think thanku*: a slip in a borrowing)
            and not self._known(words[k].text)
            and not any(self._known(c) for c in self._listed(words[k].key))
            and self._spell(words[k].key, names=False, slips=False) is None
            for k in (i - 1, i + 1)
        )

    def _by_name_ending(self, s: _Sentence, i: int) -> bool:
        """*w Polsku* → *w Polsce*, *w Hiszpaniu* → *w Hiszpanii*: a capitalised word inside
        the sentence, no form of a name, right after a preposition, that is a place name's
        stem with an ending which, for that name's gender, stands for a case the preposition
        allows: that case's one form. Sets the fix and says whether it did."""
        words = s.words
        w = words[i]
        if i == 0 or w.boundary_before or not w.text[1:].islower():
            return False
        if any(r.lemma[:1].isupper() or r.pos in _NOUNS for r in self._morph.analyse(w.text)):
            return False  # a name's own form, or a noun's (*do Oceanu Atlantyckiego*)
        context = self._context_cases(words, i)
        if not context:
            return False
        key = w.text
        found: dict[str, tuple[str, str, Reading]] = {}
        for cut in (1, 2, 3):
            stem, ending = key[:-cut], key[-cut:]
            if len(stem) < 3:
                break
            slot_key = ending[1:] if len(ending) > 1 and ending[0] == "i" else ending
            for end in ("a", "", "o", "e", "ia", "i", "y"):
                if not self._morph.is_place(stem + end):
                    continue  # a place only: a person's name may be a man's or a woman's
                for r in self._morph.analyse(stem + end):
                    if r.pos != "subst" or r.lemma != stem + end:
                        continue
                    if "nom" not in r.case or "sg" not in r.number or r.qualifiers:
                        continue
                    if not self._grammar.used(r.full_lemma):
                        continue  # (*Polska* declined as an adjective: Polskiej)
                    slots = _ENDING_SLOTS.get(_gender_kind(r.gender), {}).get(slot_key, ())
                    forms = [
                        g
                        for g in self._morph.generate(r.full_lemma)
                        if g.pos == "subst" and not g.qualifiers and _SG in g.number
                    ]
                    for g in forms:
                        if g.form == key or _common_prefix(g.form, key) < len(stem) - 1:
                            continue
                        for case, number in slots:
                            if case not in g.case or number not in g.number:
                                continue
                            shared = context & frozenset(
                                c for f in forms if f.form == g.form for c in f.case
                            )
                            if len(shared) == 1:
                                found.setdefault(g.form, (next(iter(shared)), number, r))
            if found:
                break
        if len(found) != 1:
            return False
        form, (case, number, lemma) = next(iter(found.items()))
        if self._frequency(form.lower()) < _MIN_FREQUENCY or not self._set(s, i, form):
            return False
        s.kinds[i] = "ending"
        s.endings[i] = _declension_facts(key, key, form, case, number, lemma.lemma)
        return True

    def _verb_after_preposition(self, words: list[Word], i: int) -> bool:
        """Is word i right after a preposition, and nothing but a verb's form (which no
        preposition takes)?"""
        if i == 0 or words[i].boundary_before:
            return False
        before = words[i - 1]
        if not self._grammar.is_prep(before) or self._grammar.is_verb(before):
            return False
        readings = self._morph.analyse(words[i].text)
        return bool(readings) and all(r.pos in VERBAL for r in readings)

    def _present_on_other_stem(self, key: str) -> tuple[str, str, str] | None:
        """(the right form, the form it was made on, the lemma) for a 1st-person present a
        learner made on another form's stem, a word that does not exist: *jedzę* on *jedzą*
        (jem), *wiedzę* on *wiedzą* (wiem), *umię* on *umie* (umiem), *pisam* on *pisać*
        (piszę). Only when that form is the verb's and no other verb's, and the verb's own
        1st person singular is another word."""
        if self._morph.is_known(key) or len(key) < 4:
            return None
        if key.endswith("ę"):
            made_on = [(key[:-1] + "ą", "pl"), (key[:-1] + "e", "sg")]
        elif key.endswith("am"):
            made_on = [(key[:-2] + "ać", "")]
        else:
            return None
        for form, number in made_on:
            readings = [
                r
                for r in self._read(form)
                if (r.pos == "inf" if not number else r.pos == "fin" and number in r.number)
                and (not number or "ter" in r.person)
            ]
            if len({r.lemma for r in readings}) != 1 or len(self._read(form)) != len(readings):
                continue
            right = self._form(readings[0].lemma, {"fin"}, person="pri", number="sg")
            if right is not None and right != key:
                return right, form, readings[0].lemma
        return None

    def _mixed_past(self, key: str) -> tuple[str, str, str, bool] | None:
        """(the right form, the other sex's, the lemma, whether it is a woman's) for a past
        form a learner made on the other sex's stem: *poszłem* (poszłam) → *poszedłem*,
        *weszłem* → *wszedłem*, *zaczęłem* → *zacząłem*; *poszedłam* (poszedłem) →
        *poszłam*, *wszedłam* → *weszłam*, *zacząłam* → *zaczęłam*. Only when that form and
        the other's are both a known past tense of one verb."""
        for wrong, right in _MIXED_PAST:
            if not key.endswith(wrong):
                continue
            stem = key[: -len(wrong)]
            woman = wrong.endswith(("am", "aś"))
            ending = _OTHER_PAST_ENDING[wrong[-2:]]
            other: list[Reading] = []
            for written in dict.fromkeys((wrong[:-2], wrong[:-2].replace("e", "ę", 1))):
                other_form = stem + written + ending
                other = [
                    r
                    for r in self._read(other_form)
                    if r.pos == "praet" and ("m1" if woman else "f") in r.gender
                ]
                if other:
                    break
            if not other:
                continue
            stems = [stem]
            if right.startswith("sze") and stem.endswith("e"):
                stems.append(stem[:-1])  # weszłam → wszedłem
            elif right.startswith("sz") and woman:
                stems.append(stem + "e")  # wszedłem → weszłam
            for candidate in (s + right for s in stems):
                same = [
                    r
                    for r in self._read(candidate)
                    if r.pos == "praet"
                    and ("f" if woman else "m1") in r.gender
                    and r.lemma == other[0].lemma
                ]
                if same:
                    return candidate, other_form, other[0].lemma, woman
        return None

    def _spell(
        self,
        key: str,
        *,
        names: bool,
        slips: bool,
        cases: frozenset[str] | None = None,
        clause: bool = True,
        verb: bool = True,
    ) -> tuple[str, str] | None:
        """The known word an unknown one most likely is, a clear winner only and far more used
        than what was written (a word people write often is a word, even if the dictionary
        lacks it). Tried in turn: its Polish letters added (*zolty* → *żółty*); letters that
        sound the same (*gura* → *góra*, *pżed* → *przed*, *hyba* → *chyba*, *wontpliwość* →
        *wątpliwość*, *potsycał* → *podsycał*); one slip (*herbta* → *herbata*), with its
        Polish letters added, and in one of ``cases`` if it declines (the preposition before
        it asks for them: *z dzieciami* is not *z dzieciaki*). Without ``clause`` no word
        that opens a clause is meant (*myje zeby* is zęby, not żeby), without ``verb`` no
        verb's person (*To jest jedza*: not jedzą, the verb's, after the verb *jest*)."""
        own = self._frequency(key)
        # each tier is built only when the ones before it found nothing (most of the cost of
        # an unknown word is the Polish letters looked up for its slips)
        tiers: list[tuple[Callable[[], list[str]], float, str]] = [
            (
                lambda: [
                    c
                    for c in self._accented(key)
                    if (clause or not self._complementizer(c))
                    and (verb or not self._only_person(c))
                ],
                _MIN_FREQUENCY,
                "diacritics",
            )
        ]
        for rounds in () if names else range(1, _MAX_SOUND_CHANGES + 1):
            # a word that sounds the same is a likely one even when rarely written
            tiers.append((partial(self._sounding, key, rounds), 0.0, "same_sound"))
        for make, least, kind in tiers:
            decided, best = self._pick(make(), key, own, least)
            if decided:
                return None if best is None else (best, kind)
        if not slips or own >= _SLIP_CEILING or self._conjugated(key):
            return None
        # (a slip is rarely in the first letter: kanalizy is not analizy)
        edits = [e for e in _edits1(key) if e[:1] == key[:1]]

        def fits(c: str) -> bool:
            return cases is None or self._declines_in(c, cases)

        # known words one slip away: only those people use can win, so they are looked up
        # first (a dictionary look-up for each of the hundreds of edits is most of the cost)
        used = [e for e in edits if self._frequency(e) > 0 and self._known(e) and fits(e)]
        if used:
            decided, best = self._pick(used, key, own, _MIN_FREQUENCY)
            return None if best is None else (best, "slip")
        # one slip away with Polish letters added (only spellings people use can win)
        restored = [
            c
            for e in edits
            if not any(ch in "ąćęłńóśźż" for ch in e)
            for c in self._listed(e)
            if c != e and self._known(c) and fits(c)
        ]
        decided, best = self._pick(restored, key, own, _MIN_FREQUENCY)
        if best is None:
            return None
        # a known word one slip away that nobody uses leaves it alone too
        if any(
            self._morph.is_known_word(e) and self._known(e) and fits(e)
            for e in edits
            if self._frequency(e) == 0
        ):
            return None
        return best, "slip"

    def _nasal_past(self, words: list[Word], i: int) -> str | None:
        """*czekałą* → *czekała*: a woman's past form with its last *a* written *ą* (no verb
        form ends in -łą), when nothing in its clause (outside a preposition's phrase) may be a
        subject that is not a woman or a feminine noun (*Pierre zatrzymałą się*: zatrzymał
        with a tail, more likely; *Nie powiodłą się negocjacje*: powiodły)."""
        key = words[i].key
        if not key.endswith("łą") or len(key) < 5:
            return None
        plain = key[:-1] + "a"
        readings = self._read(plain)
        if not readings or not all(r.pos == "praet" for r in readings):
            return None
        if self._frequency(plain) < _MIN_FREQUENCY:
            return None
        start, end = i, i + 1
        while start > 0 and not words[start].boundary_before:
            start -= 1
        while end < len(words) and not words[end].boundary_before:
            end += 1
        for k in range(start, end):
            w = words[k]
            if k == i or k > i and self._grammar.is_prep(words[k - 1]):
                continue  # (*czekała na autobus*: the preposition's)
            pronouns = [r for r in self._read(w.text) if r.pos in ("ppron12", "ppron3")]
            nominative = [r for r in [*self._nouns(w), *pronouns] if "nom" in r.case]
            if not nominative and w.text[:1].isupper() and k > start:
                return None  # a name, whose gender is not known
            if nominative and not any(
                "f" in r.gender and "sg" in r.number or r.pos == "ppron12" for r in nominative
            ):
                return None  # *negocjacje*, *on*: not a woman's subject
        return plain

    def _verb_with_tail(self, key: str, *, opening: bool) -> str | None:
        """*Pokażu* → *Pokaż*, *znału* → *znał*: a common verb form with a noun's ending put
        after it. Only one such form, and one that is nothing but a verb (*stało* + *wi* is
        not taken: *owi* after *stał* is the ending); an imperative only opening the sentence
        (*czekajiu* inside one is more likely *czekają*)."""
        found: list[str] = []
        for cut in (1, 2, 3):
            head, tail = key[:-cut], key[-cut:]
            if len(head) < 3 or tail not in _NOUN_ENDINGS and tail != "iu" or tail in "iy":
                continue  # (-i, -y after a past form are its plural: *zostałi* is *zostali*)
            if self._frequency(head) < _COMMON / 10 or not self._known(head):
                continue
            readings = self._morph.analyse(head)
            if not readings or not all(r.pos in VERBAL for r in readings):
                continue
            if not opening and all(r.pos == "impt" for r in readings):
                continue
            found.append(head)
        if len(found) != 1:
            return None
        # a longer verb form in the word as well: *byłowi* may be *był* + *owi* or *było* with
        # a slip (*gdyby tak nie było*), so which form is meant is not sure
        for longer in (key[:-k] for k in range(1, len(key) - len(found[0]))):
            if self._frequency(longer) >= _COMMON / 10 and self._grammar.is_verb(
                Word(longer, longer, strip_diacritics(longer))
            ):
                return None
        # the ending may stand for another instead: *Wydaju mi się* is *Wydaje*, far commoner
        # than *wydaj*
        rivals = (key[:-1] + v for v in "aeęąioy" if key[:-1] + v != found[0])
        if any(self._frequency(r) > _MARGIN * self._frequency(found[0]) for r in rivals):
            return None
        # ...or be a nasal vowel written as it sounds: *robiem* is *robię*, not *robi*
        nasal = {"em": "ę", "om": "ą"}.get(key[-2:])
        if nasal is not None and self._known(key[:-2] + nasal):
            return None
        # ...or the word be one without its Polish letters: *zadzwonie* is *zadzwonię*
        if any(c != key and self._known(c) for c in self._listed(key)):
            return None
        return found[0]

    def _form_with_tail(self, words: list[Word], i: int) -> str | None:
        """*osobnikówowi* → *osobników*, *barakowozieu* → *barakowozie*, *wysokichem* →
        *wysokich*: a whole noun's or adjective's form with an ending put after it. Only one
        such form, one that fits the case the word before asks for, and for a one-letter tail
        no likelier word with that letter for the form's last one (*sklepę*: sklepu?)."""
        key = words[i].key
        context = self._context_cases(words, i)
        found: list[str] = []
        for cut in (1, 2, 3):
            head, tail = key[:-cut], key[-cut:]
            if len(head) < 5 or tail not in _NOUN_ENDINGS and tail not in ("iu", "em", "om"):
                continue
            if not self._known(head) or self._frequency(head) < _MIN_FREQUENCY:
                continue
            readings = self._read(head)
            if not readings or any(
                r.pos in VERBAL or r.pos in _NOT_NOUNS or not r.lemma[:1].islower()
                for r in readings
            ):
                continue
            if any(r.lemma.startswith(head) for r in readings):
                continue  # a bare stem (*stolic*, *proces*): the tail may be its ending
            if context is not None and not self._fits_cases(head, context):
                continue
            if cut == 1:
                rivals = [head + v for v in _TAIL_RIVALS if v != tail]
                least = self._frequency(head) / _MARGIN
                if any(self._known(r) and self._frequency(r) >= least for r in rivals):
                    continue
            found.append(head)
        return found[0] if len(found) == 1 else None

    def _after_finite(self, words: list[Word], i: int) -> bool:
        """Is word i right after a word that is only a verb's person or past (*jest*, *mam*,
        *czytał*)? Another verb's person does not follow it with nothing between."""
        if i == 0 or words[i].boundary_before:
            return False
        readings = self._read(words[i - 1].text)
        return bool(readings) and all(r.pos in ("fin", "praet", "bedzie") for r in readings)

    def _only_person(self, word: str) -> bool:
        """Is the word only a verb's person (*jedzą*), in every reading?"""
        readings = self._morph.analyse(word)
        return bool(readings) and all(r.pos == "fin" for r in readings)

    def _complementizer(self, word: str) -> bool:
        """Is the word only a conjunction that opens a clause (*żeby*, *aby*), or that and a
        particle whose clause has a verb too (*Żeby tylko nie padało!*)?"""
        readings = self._morph.analyse(word)
        return any(r.pos == "comp" for r in readings) and all(
            r.pos in ("comp", "part") for r in readings
        )

    def _no_clause_after(self, s: _Sentence, i: int) -> bool:
        """Is there no clause after word i that it could open: no verb after it in the
        sentence (*Myje zeby codziennie*, *Mam białe zeby.*), or the first one only a present
        or an imperative after *i*, *a* … (*myje zeby i biore prysznic*: another clause's; a
        clause *żeby* opens has a past form or an infinitive: *żeby i on przyszedł*)?"""
        joined = False
        for k in range(i + 1, len(s.words)):
            w = s.words[k]
            if any(ch in ".!?;" for ch in s.text[s.words[k - 1].end : w.start]):
                return True  # the sentence ends
            if w.key in _AND or w.key in _OPENING_CONJUNCTIONS:
                joined = True
                continue
            spellings = [w.key, *(c for c in self._listed(w.key) if self._known(c))]
            verbs = {r.pos for c in spellings for r in self._read(c) if r.pos in VERBAL}
            if verbs:
                return joined and verbs <= {"fin", "impt", "bedzie"}
        return True

    def _pick(
        self, candidates: Iterable[str], key: str, own: float, least: float
    ) -> tuple[bool, str | None]:
        """(whether this tier decides, the word it gives): the most used candidate, if it is
        used at least ``least`` and far more than ``key`` and the runner-up."""
        ranked = sorted(
            dict.fromkeys(c for c in candidates if c != key and not self._never_meant(c)),
            key=self._by_frequency,
        )
        if not ranked:
            return False, None
        best = ranked[0]
        if self._frequency(best) < max(least, _MARGIN * own):
            return True, None
        if len(ranked) > 1 and self._frequency(best) < _MARGIN * self._frequency(ranked[1]):
            return True, None  # two likely words: leave it for the learner
        return True, best

    def _conjugated(self, key: str) -> bool:
        """Is the word a verb's own form (its person, past or imperative) in Morfeusz, in no
        old or rare reading? Every verb has those forms, however rarely the verb is used: a
        rare verb's form is a Polish word (*dożywicie*, of dożywić), not a slip for another
        word (*dożywocie*)."""
        return any(
            r.pos in ("fin", "praet", "impt", "bedzie") and not _rare(r)
            for r in self._morph.analyse(key)
        )

    def _never_meant(self, word: str) -> bool:
        """A form no one writes to mean something else: a past tense of the speaker or the
        person addressed as a neuter (*czekałom*: "I, a child, waited")."""
        readings = self._morph.analyse(word)
        return bool(readings) and all(
            r.pos == "praet" and r.gender == frozenset({"n"}) and r.person & {"pri", "sec"}
            for r in readings
        )

    def _written_any(self, variants: Sequence[str]) -> list[str]:
        return [c for v in variants for c in self._as_written(v)]

    def _sounding(self, key: str, rounds: int) -> list[str]:
        """The words that are ``key`` with ``rounds`` of its sounds written another way. A final
        *-em* is the nasal *-ę* of a verb (*idem* → *idę*), not of a noun or an adjective: there
        it is the Instrumental's ending, put on a word that has another (*kartem*: kartą, not
        kartę)."""
        return [
            c
            for c in self._written_any(_sound_alikes(key, rounds)[-1])
            if self._nasal_meant(key, c)
        ]

    def _nasal_meant(self, key: str, candidate: str) -> bool:
        """Is ``candidate``'s final *-ę* for ``key``'s *-em* the nasal it sounds like (a verb:
        *idem* → *idę*)? On a noun or an adjective *-em* is the Instrumental's ending (*kartem*
        for kartą: not kartę), or another form altogether."""
        if not (key.endswith("em") and candidate.endswith("ę")):
            return True
        return any(not r.case for r in self._morph.analyse(candidate))

    def _declines_in(self, word: str, cases: frozenset[str]) -> bool:
        """Is ``word`` a form in one of ``cases``, or a word that does not decline at all and
        is not a verb's form? (*sklep* after *w* + the locative: no, though *sklep* is also an
        imperative; *pod onknie*: not the verb *ocknie*.)"""
        readings = self._morph.analyse(word)
        return any(r.case & cases for r in readings) or all(
            not r.case and r.pos not in VERBAL for r in readings
        )

    def _fits_cases(self, word: str, cases: frozenset[str]) -> bool:
        """Can ``word`` stand where one of ``cases`` is asked: a reading in one of them, or
        one that does not decline."""
        return any(not r.case or r.case & cases for r in self._morph.analyse(word))

    def _letters_meant(self, words: list[Word], i: int) -> str | None:
        """A word without Polish letters that Morfeusz knows only as something nobody means
        here: a name or an abbreviation written in lower case (*moj*: the surname Moj; *lubie*:
        Luba's; *ide*: IDE; *sa*: SA), or an old or historical word (*juz*, *sie*), when the
        word with its Polish letters is a common one (*mój*, *lubię*, *idę*, *są*, *już*, *się*).
        A capitalised word inside a sentence may be a name: left alone."""
        w = words[i]
        if any(ch in "ąćęłńóśźż" for ch in w.key) or len(w.key) < 2:
            return None
        if i > 0 and not w.text.islower():
            return None
        readings = self._morph.analyse(w.text.lower())
        options = [
            c for c in self._listed(w.key) if c != w.key and self._known(c) and not self._odd(c)
        ]
        if not options:
            return None
        counted = self._counted_after(words, i)
        numerals = [c for c in options if any(r.pos == "num" for r in self._morph.analyse(c))]
        if counted and numerals and not any(r.pos == "num" for r in readings):
            return numerals[0]  # "ma piec lat": pięć, before a counted genitive plural
        if not readings or not all(
            r.lemma[:1].isupper()
            or _rare(r)
            or "daw." in r.qualifiers
            or "hist." in "".join(r.qualifiers)
            for r in readings
        ):
            return None
        best = max(options, key=self._frequency)
        if self._frequency(best) < _COMMON:
            return None
        return best[:1].upper() + best[1:] if w.text[:1].isupper() else best

    def _letters_before_infinitive(self, words: list[Word], i: int) -> str | None:
        """*musze kupić* → *muszę kupić*: a word without Polish letters that is no verb (*musze*:
        the fly's dative) right before an infinitive, when the word with its letters is a
        finite form of a verb that takes an infinitive (*musieć*, *móc*, *chcieć* …, from the
        government table). Only one such spelling."""
        w = words[i]
        if any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        if any(r.pos in _FINITE or r.pos == "impt" for r in self._read(w.text.lower())):
            return None
        j = i + 1  # over up to two adverbs or particles (*musze jutro wcześnie wstać*)
        while j < len(words) and j <= i + 2 and not words[j].boundary_before:
            between = self._read(words[j].text)
            if not any(r.pos in ("adv", "part", "qub") for r in between):
                break
            j += 1
        if j >= len(words):
            return None
        nxt = words[j]
        if nxt.boundary_before or not nxt.text.isalpha():
            return None
        spellings = [nxt.key] + [c for c in self._listed(nxt.key) if self._known(c)]
        if not any(r.pos == "inf" for c in spellings for r in self._read(c)):
            return None
        table = self._grammar.table
        fits = self._lettered(
            w.key, lambda r: r.pos == "fin" and any(f.kind == "inf" for f in table.frames(r.lemma))
        )
        if len(fits) != 1:
            return None
        return fits[0][:1].upper() + fits[0][1:] if w.text[:1].isupper() else fits[0]

    def _letters_agreeing(self, words: list[Word], i: int) -> str | None:
        """*polską kuchnie* → *kuchnię*: a noun without Polish letters that disagrees with the
        adjective right before it, when the same word with its letters agrees with it (a
        missing letter is likelier than a wrong adjective). Only one such spelling."""
        w = words[i]
        if i == 0 or w.boundary_before or any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        before = self._read(words[i - 1].text)
        adjs = [r for r in before if r.pos == "adj"]  # a participle may have an object
        nouns = [r for r in self._read(w.text) if r.pos in _NOUNS]
        if not adjs or len(adjs) != len(before) or not nouns:
            return None
        if any(_agrees(a, n) for a in adjs for n in nouns):
            return None
        cases = frozenset().union(*(a.case for a in adjs)) - {"voc"}
        if i > 1 and self._grammar.is_prep(words[i - 2]):
            cases &= self._grammar.table.prep_cases(words[i - 2].key).keys()  # *z całą*: inst.
        if any("nom" in n.case and "sg" in n.number for n in nouns) and len(cases) > 1:
            # the noun as in the dictionary, not declined: which case is meant is not sure
            # (*ładną dziewczyna*: dziewczynę after widzieć, or dziewczyną after z)
            return None
        lemmas = {n.lemma for n in nouns}
        fits = self._lettered(
            w.key,
            lambda r: r.pos in _NOUNS and r.lemma in lemmas and any(_agrees(a, r) for a in adjs),
        )
        return fits[0] if len(fits) == 1 else None

    def _letters_pairs(self, s: _Sentence) -> None:
        """*Mam dobra prace* → *dobrą pracę*, *z moja zona* → *z moją żoną*: an adjective and
        the noun right after it, both typed without Polish letters, that do not agree (or not
        in a case the preposition before them takes), when exactly one spelling of the two
        with their letters does: a missing letter is likelier than two wrong endings (*dobre
        prace* would change the meaning). Of two such spellings (*zoną*, *żoną*) one must be
        used far more than the other, and a noun is not made a rarer word (*moje ciele*)."""
        words = s.words
        for i in range(1, len(words)):
            a, n = words[i - 1], words[i]
            if n.boundary_before or not (a.text.isalpha() and n.text.isalpha()):
                continue
            if {i - 1, i} & (s.fixes.keys() | s.frozen):
                continue
            if any(ch in "ąćęłńóśźż" for ch in a.key + n.key):
                continue
            if not n.text.islower() or not (a.text.islower() or i == 1 or a.boundary_before):
                continue
            cases: frozenset[str] | None = None
            if i > 1 and not a.boundary_before and self._grammar.is_prep(words[i - 2]):
                cases = frozenset(self._grammar.table.prep_cases(words[i - 2].key).keys())
                if words[i - 2].key in ("z", "ze") and self._adjective_before(words, i - 2):
                    cases = frozenset({"gen"})  # "zadowolony z moja praca": of it, not with
            elif i > 2 and words[i - 2].key == "jest" and words[i - 3].key == "to":
                cases = frozenset({"nom"})  # *To jest moja córka*: to jest + the nominative

            before = self._read(a.text)
            if not any(r.pos == "adj" for r in before) or any(r.pos in VERBAL for r in before):
                continue  # (*on ma racje*: mieć's ma, not mój's old mą)
            own = self._morph.analyse(n.key)
            if own and not any(r.pos in _NOUNS for r in self._read(n.text)):
                continue  # (a word Morfeusz lacks, *corka*, may be a noun with its letters)
            if self._pair_agrees(a.key, n.key, cases):
                continue
            spell_a = [a.key] + [c for c in self._listed(a.key) if c != a.key and self._known(c)]
            spell_n = [n.key] + [c for c in self._listed(n.key) if c != n.key and self._known(c)]
            pairs = sorted(
                (
                    (x, y)
                    for x in spell_a
                    for y in spell_n
                    if (x, y) != (a.key, n.key) and self._pair_agrees(x, y, cases)
                ),
                key=lambda p: -self._frequency(p[1]),
            )
            if not pairs:
                continue
            best = pairs[0]
            if any(
                p[1] != best[1]
                and self._frequency(best[1]) < _MARGIN * self._frequency(p[1])
                or p[1] == best[1]
                and p[0] != best[0]
                for p in pairs[1:]
            ):
                continue  # two spellings that fit: leave it for the learner
            typed = {r.lemma for r in self._read(n.key) if r.pos in _NOUNS}
            if (
                best[1] != n.key
                and not typed & {r.lemma for r in self._read(best[1])}
                and self._frequency(best[1]) < self._frequency(n.key)
            ):
                continue  # *moje ciele*: not cielę, another word, rarer than the one typed
            if self._frequency(best[1]) < _MIN_FREQUENCY:
                continue
            for k, form in ((i - 1, best[0]), (i, best[1])):
                if self._set(s, k, form):
                    s.kinds[k] = "diacritics"

    def _letters_first_person(self, words: list[Word], i: int) -> str | None:
        """*Kupie to jutro* → *Kupię*, *Zadzwonie wieczorem* → *Zadzwonię*, *Widze* →
        *Widzę*: a word without Polish letters that is no verb (unknown, or only a noun's
        dative, locative or vocative, or a rare or depreciative form: *kupie*, of kupa;
        *widze*, of widz), opening its clause, when with its letters it is a verb's first
        person singular (one such spelling) and nothing else in the clause, with or without
        Polish letters, can be a verb: the clause needs one, and a noun's dative cannot be
        its head (*W tej kupie liści jest jeż* has one: left alone)."""
        w = words[i]
        if any(ch in "ąćęłńóśźż" for ch in w.key) or len(w.key) < 4:
            return None
        if (
            i > 0
            and not w.boundary_before
            and words[i - 1].key not in _OPENING_CONJUNCTIONS
            and not self._only_adverbs_before(words, i)
        ):
            return None  # (*na kupie*, *tej kupie*: the noun's; *Jutro kupie*: the verb's)
        for r in self._morph.analyse(w.key):
            if not (
                r.pos == "depr"
                or _rare(r)
                or r.pos in _NOUNS
                and r.case
                and r.case <= {"dat", "loc", "voc"}
            ):
                return None
        fits = self._lettered(
            w.key, lambda r: r.pos == "fin" and r.person == {"pri"} and r.number == {"sg"}
        )
        if len(fits) != 1 or self._frequency(fits[0]) < max(_MIN_FREQUENCY, self._frequency(w.key)):
            return None  # (*Mamie.*, an answer to komu?: mamie, not mamię, is what is written)
        end = i + 1
        while end < len(words) and not words[end].boundary_before:
            if words[end].key in _OPENING_CONJUNCTIONS or words[end].key in ("że", "ze", "bo"):
                break
            end += 1
        for k in range(i + 1, end):
            if k == i + 1 and words[k].key == "to":
                continue  # (*Kupie to jutro*: its object, not the predicative to)
            spellings = [words[k].key, *self._listed(words[k].key)]
            if any(r.pos in _VERB_LIKE for c in spellings for r in self._morph.analyse(c)):
                return None
        return fits[0][:1].upper() + fits[0][1:] if w.text[:1].isupper() else fits[0]

    def _only_adverbs_before(self, words: list[Word], i: int) -> bool:
        """Is every word of i's clause before it an adverb (*Jutro*, *Potem*, *Dziś
        wieczorem*; a noun that is also the adverb, *jutro*, or says when, *wieczorem*)?"""
        for k in range(i - 1, -1, -1):
            if words[k].key not in _TIME_ADVERBS:
                readings = self._morph.analyse(words[k].text.lower())
                adverbs = {r.lemma for r in readings if r.pos == "adv"}
                if not adverbs or any(
                    r.pos not in ("adv", "qub") and not (r.pos in _NOUNS and r.lemma in adverbs)
                    for r in readings
                ):
                    return False
            if words[k].boundary_before:
                break
        return True

    def _letters_predicative(self, words: list[Word], i: int) -> str | None:
        """*Ona jest mila* → *miła*: a noun without Polish letters in the nominative only
        (*mila*, the mile), or no word at all (*ladna*), right after *jest*/*była*/*będzie*,
        where a noun would be in the Instrumental, when with its letters it is an adjective
        agreeing with the nominative right before the verb (*ona*, *mama*): the subject's
        predicative. One such spelling."""
        w = words[i]
        if i < 2 or not w.text.islower() or any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        v = i - 2 if words[i - 1].key in _DEGREE_ADVERBS and i >= 3 else i - 1
        verb, subject = words[v], words[v - 1]
        if any(words[k].boundary_before for k in range(v, i + 1)) or verb.key not in _COPULA_3SG:
            return None
        readings = self._morph.analyse(w.key)
        if readings and not all(r.pos in _NOUNS and r.case == {"nom"} for r in readings):
            return None  # (no reading: *ladna*, a word only with its letters)
        nominatives = [
            r
            for r in self._read(subject.text)
            if r.pos in _NOUNS or r.pos == "ppron3"
            if "nom" in r.case and r.number == {"sg"}
        ]
        if not nominatives:
            return None
        fits = self._lettered(
            w.key,
            lambda r: (
                r.pos == "adj" and "nom" in r.case and any(_agrees(r, n) for n in nominatives)
            ),
        )
        return fits[0] if len(fits) == 1 else None

    def _letters_instrumental(self, words: list[Word], i: int) -> str | None:
        """*Czy mogę zapłacić karta?* → *kartą*: a noun without Polish letters that is only a
        nominative (besides colloquial or rare readings), right after a verb that takes an
        Instrumental (*zapłacić*, *jechać*, *opiekować się*), in a clause whose verb is in
        the 1st or 2nd person (so the nominative is nobody's subject), when with its letters
        it is that noun's Instrumental (one such spelling)."""
        w = words[i]
        if i < 1 or not w.text.islower() or any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        verb = words[i - 1]
        if w.boundary_before or not verb.text.isalpha():
            return None
        readings = [r for r in self._morph.analyse(w.key) if not r.qualifiers]
        if not readings or not all(
            r.pos in _NOUNS and r.case and r.case <= {"nom", "voc"} for r in readings
        ):
            return None
        # after *być* the copula's rule names the case (*Jestem studentka* → *studentką*)
        verbs = [r for r in self._read(verb.text) if r.pos in ("inf", "fin") and r.lemma != "być"]
        if not verbs or not any("inst" in self._grammar.table.case_of(r.lemma) for r in verbs):
            return None
        start = i - 1
        while start > 0 and not words[start].boundary_before:
            start -= 1
        persons = [
            r.person
            for k in range(start, i)
            for r in self._read(words[k].text)
            if r.pos in ("fin", "praet", "bedzie")
        ]
        if not persons or not all(p and p <= {"pri", "sec"} for p in persons):
            return None  # a 3rd person's verb: the nominative may be its subject
        lemmas = {r.lemma for r in readings}
        fits = self._lettered(w.key, lambda r: r.lemma in lemmas and "inst" in r.case)
        return fits[0] if len(fits) == 1 else None

    def _letters_with_someone(self, words: list[Word], i: int) -> str | None:
        """*byłam w kinie z kolezanka* → *z koleżanką*, *Rozmawiam z zona* → *z żoną* (not
        *zoną*, a zone's): after *z*, a word that is no Polish word without its letters, or
        none for a person, and with them a person's nominative (*koleżanka*, *żona*) and that
        person's Instrumental (*koleżanką*, one such spelling): with someone, as
        _with_someone reads a person after *z*."""
        w = words[i]
        if i < 1 or w.boundary_before or not w.text.islower():
            return None
        if self._known(w.key) and any(
            r.pos == "subst" and self._person(r) for r in self._read(w.key)
        ):
            return None  # *z mama*: the preposition's case, for the case rules
        if (
            i + 1 < len(words)
            and not words[i + 1].boundary_before
            and any(r.pos in ("adj", "ppas", "pact") for r in self._read(words[i + 1].text))
        ):
            return None  # *z zona buforowa*: an adjective after it says which noun it is
        if any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        nominative = self._lettered(
            w.key, lambda r: r.pos == "subst" and r.case == {"nom"} and r.number == {"sg"}
        )
        if len(nominative) != 1:
            return None
        as_noun = Word(nominative[0], nominative[0], w.plain)
        if not self._with_someone(words, i - 1, as_noun):
            return None
        lemmas = {r.lemma for r in self._read(nominative[0]) if r.pos == "subst"}
        fits = self._lettered(w.key, lambda r: r.lemma in lemmas and "inst" in r.case)
        return fits[0] if len(fits) == 1 else None

    def _letters_infinitive(self, words: list[Word], i: int) -> str | None:
        """*czy mozesz mi pomoc* → *pomóc*, *chce pic* → *pić*: a noun without Polish letters
        (*pomoc*, help) right after a verb that takes an infinitive (over the short pronouns
        and *się* between), that with its letters is an infinitive (one such spelling). The
        verb takes no object but an infinitive (*móc*, *musieć*), or the infinitive is far
        commoner than the noun (*Chcę pomoc*: help, as written, may be wanted)."""
        w = words[i]
        if i == 0 or not w.text.islower() or any(ch in "ąćęłńóśźż" for ch in w.key):
            return None
        readings = self._read(w.key)
        if not readings or not all(r.pos in _NOUNS for r in readings):
            return None
        infinitives = self._lettered(w.key, lambda r: r.pos == "inf")
        if len(infinitives) != 1:
            return None
        j = i - 1
        while j > 0 and words[j].key in _SHORT_PRONOUNS:
            j -= 1
        if any(words[m].boundary_before for m in range(j + 1, i + 1)):
            return None
        table = self._grammar.table
        verbs = [
            r
            for c in (words[j].key, *self._lettered(words[j].key, lambda r: r.pos == "fin"))
            for r in self._read(c)
            if r.pos in ("fin", "praet", "impt")
            and any(f.kind == "inf" for f in table.frames(r.lemma))
        ]
        if not verbs:
            return None
        if any(table.case_of(r.lemma) for r in verbs) and self._frequency(
            infinitives[0]
        ) < _MARGIN * self._frequency(w.key):
            return None
        return infinitives[0]

    def _lettered(self, key: str, fits: Callable[[Reading], bool]) -> list[str]:
        """The word's known spellings with Polish letters (*prace*: *pracę*), not
        itself, that have a reading ``fits`` takes."""
        return [
            c
            for c in self._listed(key)
            if c != key and self._known(c) and any(fits(r) for r in self._read(c))
        ]

    def _likelier_lettered(
        self,
        key: str,
        fits: Callable[[str], bool] | None = None,
        least: float = _MIN_FREQUENCY,
    ) -> bool:
        """Is the word, typed without Polish letters, with them a known word (one ``fits``
        takes) used far more often, and at least ``least`` (*piaty*, a plural of *piat*:
        *piąty*)? Then what was meant is not sure."""
        if any(ch in "ąćęłńóśźż" for ch in key):
            return False
        floor = max(least, _MARGIN * self._frequency(key))
        return any(
            self._frequency(c) >= floor and (fits or self._known)(c)
            for c in self._listed(key)
            if c != key
        )

    def _no_noun(self, word: str) -> bool:
        """A known word that is no noun, adjective or numeral (*też*, *może*)."""
        readings = self._read(word)
        return bool(readings) and not any(
            r.pos in _NOUNS or r.pos in ("adj", "num") for r in readings
        )

    def _letters_of_adjective(self, words: list[Word], i: int) -> tuple[str, str] | None:
        """*najblizsza apteka* → *najbliższa*: an unknown word whose Polish letters make more
        than one form of an adjective (*najbliższa*, *najbliższą*) takes the one that agrees
        with the noun right after it, if only one does."""
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return None
        nouns = [r for r in self._read(words[i + 1].text) if r.pos in _NOUNS]
        if not nouns or len(self._accented(words[i].key)) < 2:
            return None
        fits = self._agreeing_spellings(words[i].key, nouns)
        return (fits[0], "diacritics") if len(fits) == 1 else None

    def _agreeing_spellings(self, key: str, nouns: list[Reading]) -> list[str]:
        """The word's spellings with Polish letters that are an adjective (or a passive
        participle used as one: *zmęczoną kobietę*) agreeing with one of ``nouns``. Not a
        participle before an instrumental, which may be its agent (*zarażona wścieklizną*),
        nor an active one, which takes objects (*trzymająca deskę*)."""
        passive = not any("inst" in n.case for n in nouns)
        return self._lettered(
            key,
            lambda r: (
                (r.pos == "adj" or passive and r.pos == "ppas")
                and any(_agrees(r, n) for n in nouns)
            ),
        )

    def _instrumental_unlettered(self, w: Word) -> bool:
        """Is the word a noun's nominative in -a that is its Instrumental with the ą left
        out (*gotówka*: *gotówką*)?"""
        if not w.text.lower().endswith("a"):
            return False
        lemmas = {r.lemma for r in self._nouns(w)}
        return any(
            r.pos in _NOUNS and r.lemma in lemmas and "inst" in r.case
            for r in self._read(w.text[:-1] + "ą")
        )

    def _pair_agrees(self, adj: str, noun: str, cases: frozenset[str] | None) -> bool:
        """Do an adjective's and a noun's readings agree (in one of ``cases``, if given)?"""
        adjs = [r for r in self._read(adj) if r.pos == "adj"]
        nouns = [r for r in self._read(noun) if r.pos in _NOUNS]
        return any(
            _agrees(x, y) and (cases is None or bool(x.case & y.case & cases))
            for x in adjs
            for y in nouns
        )

    def _counted_after(self, words: list[Word], i: int) -> bool:
        """Is the word after i a noun that is only a genitive plural (*lat*, *dni*, *minut*),
        with no *nie* before i (*nie będę piec ciast*)?"""
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return False
        if any(w.key == "nie" for w in words[max(0, i - 3) : i]):
            return False
        nouns = [r for r in self._read(words[i + 1].text) if r.pos in _NOUNS]
        return bool(nouns) and all(r.case == {"gen"} and r.number == {"pl"} for r in nouns)

    def _homophone(self, key: str) -> str | None:
        """A word nobody writes that sounds like a common one (*hyba* → *chyba*, *gurę* →
        *górę*, *pokarz* → *pokaż*): the common one, if it is used a thousand times as often.
        Two common words (*morze*, *może*) are left to grammar."""
        own = self._frequency(key)
        if own >= _MIN_FREQUENCY:
            return None
        ranked = sorted(
            (c for c in _sound_alikes(key, 1)[0] if self._known(c) and self._nasal_meant(key, c)),
            key=self._by_frequency,
        )
        if not ranked:
            return None
        best = ranked[0]
        if self._frequency(best) < max(_COMMON, _HOMOPHONE_MARGIN * own):
            return None
        if len(ranked) > 1 and self._frequency(best) < _MARGIN * self._frequency(ranked[1]):
            return None
        return best

    def _word_breaks(self, s: _Sentence) -> None:
        """Words written together that are two (*niemogła* → *nie mogła*, *narazie* → *na
        razie*), and *by* with its person written apart from a past-tense verb (*było by* →
        *byłoby*, *gadał byś* → *gadałbyś*)."""
        words = s.words
        for i, w in enumerate(words):
            listed = w.key in _WRITTEN_APART
            # *niemogę* is known only as a surname's form: nie and a verb form written
            # together (not *Niedzieli*, of niedziela), written small or opening a sentence
            known = self._known(w.text) and not (
                w.key.startswith("nie")
                and (w.text.islower() or i == 0 or w.boundary_before)
                and self._morph.only_names(w.text)
                and self._is_verb_form(w.key[3:])
            )
            if i in s.fixes or i in s.frozen or not w.text.isalpha() or (known and not listed):
                if (
                    i > 0
                    and w.key in _BY_FORMS
                    and not w.boundary_before
                    and i - 1 not in s.fixes
                    and self._by_joins(words, i)
                ):
                    s.fixes[i - 1] = words[i - 1].text + w.text
                    s.fixes[i] = ""
                    s.kinds[i - 1] = "together"
                continue
            split = _WRITTEN_APART.get(w.key)
            kind = "apart"
            if split is None and w.key.startswith("nie") and self._is_verb_form(w.key[3:]):
                split = "nie " + w.key[3:]
                kind = "apart_nie"
            elif (
                split is None
                and w.key.startswith("po")
                and any(r.pos == "adjp" for r in self._morph.analyse(w.key[2:]))
            ):
                split = "po " + w.key[2:]  # "popolsku": po and the form only po takes
                kind = "apart_po"
            if split is not None and self._set(s, i, split):
                s.kinds[i] = kind

    def _as_one_word(self, s: _Sentence) -> None:
        """Two words that Polish writes as one (*po za tym* → *poza tym*, *na prawdę* →
        *naprawdę*, _WRITTEN_AS_ONE), and *niema* before what there is none of (*niema
        czasu* → *nie ma czasu*; *niema* alone is the adjective "mute")."""
        words = s.words
        for i, w in enumerate(words):
            if i in s.fixes or i in s.frozen:
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if w.key == "niema" and nxt is not None and self._genitive_after_niema(nxt):
                if self._set(s, i, "nie ma"):
                    s.kinds[i] = "apart_nie"
                continue
            if nxt is None or nxt.boundary_before or i + 1 in s.fixes or i + 1 in s.frozen:
                continue
            entry = _WRITTEN_AS_ONE.get((w.key, nxt.key))
            if entry is None or not nxt.text.islower():
                continue
            joined, when = entry
            if when != "always" and not self._one_word_fits(words, i, when):
                continue
            s.fixes[i] = joined.capitalize() if w.text[:1].isupper() else joined
            s.fixes[i + 1] = ""
            s.kinds[i] = "one_word"

    def _genitive_after_niema(self, nxt: Word) -> bool:
        """Is the word after *niema* what there is none of: a noun, adjective or pronoun
        that may be genitive and is never nominative (*czasu*, *dobrych*, *go*), not the
        nominative the adjective *niema* would describe (*niema kobieta*)?"""
        if nxt.boundary_before:
            return False
        readings = self._read(nxt.text)
        if any(r.pos in ("ppron3", "ppron12") and "gen" in r.case for r in readings):
            return True  # *niema go*
        nominal = [r for r in readings if r.pos in _NOUNS or r.pos in ADJ_CLASSES]
        return any("gen" in r.case for r in nominal) and not any("nom" in r.case for r in nominal)

    def _one_word_fits(self, words: list[Word], i: int, when: str) -> bool:
        """Do the words around the pair at i, i+1 show it is the one word (see
        _WRITTEN_AS_ONE)?"""
        after = words[i + 2] if i + 2 < len(words) else None
        follows = None if after is None or after.boundary_before else after
        opens = i == 0 or words[i].boundary_before
        nxt_readings = self._read(follows.text) if follows is not None else []
        if when == "before_nie":
            return follows is not None and follows.key == "nie"
        if when == "comparative":
            return follows is not None and (
                follows.key in _MORE_LESS
                or any(r.degree == {"com"} for r in nxt_readings if r.pos in ("adj", "adv"))
            )
        if when == "future":
            return bool(nxt_readings) and all(
                r.pos == "bedzie" or r.pos == "fin" and r.aspect == {"perf"} for r in nxt_readings
            )
        if when == "past":
            return bool(nxt_readings) and all(r.pos == "praet" for r in nxt_readings)
        if when == "alone":
            # *To nieprawda.*, *Nieprawda, że …*; not *nie prawda, lecz plotka*
            before = i == 0 or words[i].boundary_before or words[i - 1].key in ("to", "jest")
            ends = after is None or after.boundary_before
            contrast = after is not None and after.key in ("lecz", "ale", "tylko")
            return before and ends and not contrast
        if when == "opening":
            return opens and (after is None or after.boundary_before or after.key in ("nie", "to"))
        if when == "no_noun":
            # *Dlatego nie przyszedłem*, *Dlatego, że …*; not *dla tego człowieka*, *dla
            # tego, kto pyta*
            if after is None:
                return False
            if after.boundary_before:
                return after.key == "że"
            return after.key in ("nie", "że", "się", "też", "właśnie", "teraz") or (
                bool(nxt_readings)
                and all(r.pos in ("fin", "praet", "bedzie", "inf", "impt") for r in nxt_readings)
            )
        if when == "adverb":
            # *Naprawdę lubię*, *naprawdę dobry*; not *czekam na prawdę*, *szansa na prawdę*,
            # *na prawdę historyczną*
            if i > 0 and not opens:
                prev = self._read(words[i - 1].text)
                if any(r.pos in _NOUNS or r.pos in ADJ_CLASSES or r.pos == "prep" for r in prev):
                    if words[i - 1].key not in _PRONOUN_FEATURES and words[i - 1].key != "to":
                        return False
                if self._framed_case(words, i, frozenset({"acc"}), besides="być") is not None:
                    return False  # *czekam na prawdę*; not *być*'s frame (*jest na prawdę miły*)
            if follows is None:
                return False
            if follows.key in ("nie", "to", "się"):  # (read as nouns too, or as no part)
                return True
            return (
                bool(nxt_readings)
                and not all(r.pos in _NOUNS for r in nxt_readings)
                and not any(
                    r.pos in ADJ_CLASSES and {"acc", "f", "sg"} <= r.case | r.gender | r.number
                    for r in nxt_readings
                )
            )
        return False

    def _preposition_forms(self, s: _Sentence) -> None:
        """*z szkoły* → *ze szkoły*, *w wtorek* → *we wtorek*, *ze mamą* → *z mamą*, by
        :func:`preposition_form`; and *ze* where no preposition can stand is *że*."""
        for i, w in enumerate(s.words[:-1]):
            nxt = s.words[i + 1]
            if i in s.fixes or i + 1 in s.fixes or nxt.boundary_before or not nxt.text.isalpha():
                continue
            key = w.key
            if key == "na" and self._month_after_na(s.words, i):
                key = "w"  # "na wrześniu" → "we wrześniu": a month takes w (then w or we)
                s.kinds[i] = "month_preposition"
                s.fixes[i] = "W" if w.text[:1].isupper() else "w"
            if key not in ("z", "ze", "w", "we"):
                continue
            want = preposition_form(key, nxt.text)
            if key == "ze" and want != "ze" and self._opens_clause_word(nxt):
                # "Myślę, ze to dobre": no preposition before to, on, nie, a verb: że
                s.fixes[i] = "Że" if w.text[:1].isupper() else "że"
                s.kinds[i] = "diacritics"
                continue
            if want is None or want == key or len(want) < len(key) and not self._nouns(nxt):
                continue  # (ze/we → z/w only before a noun: "ze" may be "że")
            if not self._known(nxt.text):
                continue  # *z swewastopola*: the word is misspelt (Sewastopola), its form unsure
            if w.text[:1].isupper():
                want = want.capitalize()
            s.fixes[i] = want
            if s.kinds.get(i) != "month_preposition":
                s.kinds[i] = "preposition_form"

    def _month_after_na(self, words: list[Word], i: int) -> bool:
        """*na wrześniu*: na before a month in the locative, where the clause's verb has no
        na + locative frame (*skupić się na wrześniu*)? A month takes *w*: *we wrześniu*."""
        readings = self._read(words[i + 1].text)
        if not readings or not all(
            r.pos == "subst" and r.lemma in MONTHS and r.case <= {"loc", "voc"} for r in readings
        ):
            return False
        return self._framed_case(words, i, frozenset({"loc", "acc"})) is None

    def _opens_clause_word(self, word: Word) -> bool:
        """A word a clause starts with and no preposition takes: a finite verb, *nie*, *to*,
        a nominative personal pronoun, *się*, *jest*, *by*."""
        if word.key in ("nie", "to", "się", "by", "już", "tylko", "jeszcze", "tak", "jak"):
            return True
        if word.key in _PRONOUN_FEATURES:
            return True  # ze on: on is no preposition's case (jego, nim)
        readings = self._read(word.text)
        if any(r.pos in _NOUNS or r.pos in ADJ_CLASSES or r.pos == "num" for r in readings):
            return word.key in _PRONOUN_FEATURES
        return any(r.pos in ("fin", "praet", "bedzie", "impt") for r in readings)

    def _english_phrase(self, words: list[Word], i: int) -> bool:
        """Is word i English, next to another English word (*na home office*, *fast food*)? A
        phrase borrowed whole, not a Polish word with a wrong ending (*home*: not homo's)."""
        if not self._english(words[i].text):
            return False
        return any(
            0 <= k < len(words) and words[k].text.isalpha() and self._english(words[k].text)
            for k in (i - 1, i + 1)
        )

    def _odd(self, key: str) -> bool:
        """A known word a writer hardly means: only a proper name's form (*lesiu*: Lesio), a
        rare or old form (*żołnierzów*), a mis-capitalised entry (*samochoda*), or a word
        hardly ever written (*lasa*)."""
        plain = [
            r
            for r in self._morph.analyse(key)
            if r.lemma.islower()
            and not any(part in RARE_QUALIFIERS for q in r.qualifiers for part in q.split(","))
        ]
        if self._frequency(key) < _ODD_FREQUENCY:
            # a rare form of a common word is its own form, rightly written (*prezydentom*,
            # *marszałkom*: their dative plural), not a slip for another (but a thing's
            # vocative is: *w domie*)
            return not any(
                r.pos in _NOUNS and r.case != {"voc"} and self._frequency(r.lemma) >= _COMMON
                for r in plain
            )
        return not plain

    def _by_ending(self, words: list[Word], i: int) -> explain.InflectionFacts | None:
        """*sklepa* → *sklepu*, *w lesiu* → *w lesie*, *żołnierzów* → *żołnierzy*: a noun's stem
        with an ending it does not take. The ending says which case and number the learner
        meant (-a on a masculine noun: the genitive singular); the noun's own form for them is
        taken when it is one form, or one that the word before (a preposition, a numeral)
        allows."""
        key = words[i].key
        if len(key) < 4:
            return None  # "inu": too short to say whose stem it is
        context = self._context_cases(words, i) or self._preposition_over(words, i)
        accusative = context is None and (
            self._accusative_object(words, i) or self._listed_object(words, i)
        )
        genitive_unproven = not accusative and self._genitive_unproven(words, i)
        before: list[Reading] = []  # the adjective right before, which the noun agrees with
        if i > 0 and not words[i].boundary_before:
            before = self._modifier(self._read(words[i - 1].text), before_noun=True)
        found: dict[str, tuple[str, str, Reading]] = {}
        recased: set[str] = set()  # forms of another case than the ending's
        # a feminine -u may be the accusative's (*na minutu*: minutę) unless the preposition
        # takes none, or the clause is one of being somewhere (*Mieszkam w szkołu*)
        p = self._preposition_at(words, i)
        russian_free = p is not None and (
            "acc" not in self._grammar.prep_cases(words[p]) or self._static_clause(words, p)
        )
        for cut in (1, 2, 3):
            stem, ending = key[:-cut], key[-cut:]
            if len(stem) < 2:
                break
            slot_key = ending[1:] if len(ending) > 1 and ending[0] == "i" else ending
            if slot_key not in _SLOT_ENDINGS:
                continue  # no noun has a case with this ending: no stem to look up
            lemmas = self._stem_lemmas(stem)
            # the noun that is the stem itself (pies, cukier) before a longer one (piesio,
            # cukierek): *piesem* is *psem*, with the vowel its other forms drop
            exact = [r for r in lemmas if r.lemma == stem]
            for lemma in exact or lemmas:
                kind = _gender_kind(lemma.gender)
                slots = _ENDING_SLOTS.get(kind, {}).get(slot_key, ())
                if (kind, slot_key) in _BORROWED_SLOTS and (
                    context is None
                    or (kind == "f" and slot_key == "u" and not russian_free)
                    or any(r.pos in _NOUNS and r.lemma.islower() for r in self._morph.analyse(key))
                ):
                    # another gender's ending says which case only where one fits, and not
                    # on a word that is a form already (*w małym bioderku*: not bioderce)
                    slots = ()
                near = 1 if exact else len(stem)
                if accusative and kind == "f" and slot_key == "u":
                    # *Lubię kawu*, *otwieramy puszku*: the -u of the Russian accusative on a
                    # feminine noun a verb takes in the accusative (kawę)
                    slots = (("acc", _SG),)
                if accusative and kind == "m3" and slot_key == "a":
                    # *Kupiłem nowy samochoda*: the -a of *kota* on a thing the verb takes in
                    # the accusative, which for a thing is the bare stem (samochód)
                    slots = (("acc", _SG),)
                    near = min(near, len(stem) - 2)
                elif kind == "m3" and slot_key == "a" and context is None and genitive_unproven:
                    # *zrealizowano seriala*: the -a says genitive, but the verb's object may
                    # be an accusative (serial): no case to name
                    slots = ()
                forms = [
                    g
                    for g in self._morph.generate(lemma.full_lemma)
                    if g.pos == "subst" and not g.qualifiers and g.form != key
                ]
                for g in forms:
                    if before and not any(_agrees(m, g) for m in before):
                        continue  # *na całym świeciu*: świecie, not świecy (candle)
                    for case, number in slots:
                        if case not in g.case or number not in g.number:
                            continue
                        took = case
                        if context is not None and case not in context:
                            # the form may be another case's too, one the context asks for:
                            # *w jego wnętrzowi* (the -owi of a dative) → *wnętrzu*, locative
                            shared = context & frozenset(
                                c
                                for f in forms
                                if f.form == g.form and number in f.number
                                for c in f.case
                            )
                            if len(shared) != 1:
                                continue
                            took = next(iter(shared))
                            recased.add(g.form)
                        if took == "loc" and not self._after_locative_preposition(words, i):
                            continue  # no locative without its preposition (*największym ciężare*)
                        # (a locative's or dative's -e softens the stem's last consonant:
                        # szkoła → szkole, Polska → Polsce)
                        soft = 1 if took in ("loc", "dat") and g.form.endswith("e") else 0
                        if _common_prefix(g.form, key) < near - soft:
                            continue  # dniów is not a form of dno (den)
                        found.setdefault(g.form, (took, number, lemma))
            if found:
                break
        if not found:
            found = self._by_form_stem(key, context)
        if not found and context:
            numeral = self._by_numeral_stem(words[i].text, key, context)
            if numeral is not None:
                return None if self._rare_for(key, numeral.expected) else numeral
        if not found and not self._common_noun_form(key):
            phrase = self._by_phrase(words, i) or self._by_fixed_phrase(words, i)
            if phrase is not None and not self._rare_for(key, phrase.expected):
                return phrase
        if len(found) != 1:
            return None
        form, (case, number, lemma) = next(iter(found.items()))
        if self._rare_for(key, form):
            return None  # a real word, if rare: only for a far commoner form
        if self._verb_slip(words, i, form):
            return None  # *Unię szlag trafa*: trafia with a letter left out, not a noun's case
        if not self._next_adjective_agrees(words, i, form, case):
            # "znam osobu wykształcone": osoby (plural), not osobę; "w klatku piersiową":
            # klatkę, not klatce — the one form in a case the context allows that the
            # adjective after it agrees with, if there is one
            wanted = frozenset({case}) if accusative else context
            if not wanted:
                return None
            agreeing = {
                g.form: (c, sorted(g.number)[0])
                for g in self._morph.generate(lemma.full_lemma)
                if g.pos == "subst" and not g.qualifiers
                for c in sorted(g.case & wanted)
                if self._next_adjective_agrees(words, i, g.form, c)
            }
            if len(agreeing) != 1:
                return None
            form, (case, number) = next(iter(agreeing.items()))
        prep = self._preposition_at(words, i)
        if form in recased and prep is not None:
            # the ending is another case's (*na brzega*: the genitive's): the preposition's
            return explain.InflectionFacts(
                expected=form,
                got=words[i].text,
                feature="case",
                expected_value=case,
                got_value=None,
                rule="case.preposition",
                trigger=words[prep].text,
                lemma=lemma.lemma,
                number=number,
            )
        return _declension_facts(words[i].text, key, form, case, number, lemma.lemma)

    def _verb_slip(self, words: list[Word], i: int, form: str) -> bool:
        """Is word i, which a noun's ending would make *form*, more likely a finite verb with
        a slip, its clause having no other finite verb (*Unię szlag trafa*: trafia, not the
        genitive trafu)? One slip away (same first letter), a verb form far commoner than
        *form*."""
        if any(
            k != i and self._grammar.is_finite(words[k]) for k in self._grammar.clause(words, i)
        ):
            return False
        key = words[i].key
        floor = _MARGIN * max(self._frequency(form), _MIN_FREQUENCY)
        return any(
            e[:1] == key[:1]
            and self._frequency(e) >= floor
            and any(r.pos in ("fin", "praet") for r in self._morph.analyse(e))
            and not any(r.pos in _NOUNS for r in self._morph.analyse(e))
            for e in _edits1(key)
        )

    def _preposition_at(self, words: list[Word], i: int) -> int | None:
        """Where the preposition of word i's phrase is (over possessives and adjectives)."""
        j = i - 1
        while j >= 0 and i - j <= 4 and not words[j + 1].boundary_before:
            if self._grammar.is_prep(words[j]) and not self._grammar.is_verb(words[j]):
                return j
            if words[j].key not in ("jego", "jej", "ich") and not any(
                r.pos == "adj" for r in self._read(words[j].text)
            ):
                return None
            j -= 1
        return None

    def _by_numeral_stem(
        self, got: str, key: str, context: frozenset[str]
    ) -> explain.InflectionFacts | None:
        """*dla wiela firm* → *wielu*: a numeral's stem (*wiel-e*, *kilk-a*) with an ending it
        does not take, where the word before asks for a case: that numeral's one form for
        it."""
        for cut in (1, 2):
            stem = key[:-cut]
            if len(stem) < 4:
                break
            for end in ("e", "a", "u", ""):
                lemma = stem + end
                if lemma == key or not any(
                    r.pos == "num" and r.lemma == lemma for r in self._morph.analyse(lemma)
                ):
                    continue
                forms = {
                    g.form: (sorted(g.case & context)[0], sorted(g.number)[0] if g.number else "pl")
                    for g in self._morph.generate(lemma)
                    if g.pos == "num"
                    and not g.qualifiers
                    and g.case & context
                    and g.form != key
                    and g.form.startswith(stem)
                }
                if len(forms) != 1:
                    return None
                form, (case, number) = next(iter(forms.items()))
                return _declension_facts(got, key, form, case, number, lemma)
        return None

    def _common_noun_form(self, key: str) -> bool:
        """Is ``key`` a form of a common word that is not a verb (a noun, an adjective …, as
        *intencjom*, *stromej* are: not a name's only, as *świeciu*, *końcą*)?"""
        return any(r.lemma[:1].islower() and r.pos not in VERBAL for r in self._morph.analyse(key))

    def _rare_for(self, key: str, form: str | None) -> bool:
        """Is ``form`` too rare to replace ``key``: a real word is replaced only by a far
        commoner form."""
        if form is None:
            return True
        return self._known(key) and self._frequency(form) < max(
            _COMMON / 10, _HOMOPHONE_MARGIN / 10 * self._frequency(key)
        )

    def _next_adjective_agrees(self, words: list[Word], i: int, form: str, case: str) -> bool:
        """Does the adjective right after word i, if there is one, agree with ``form`` in
        ``case``?"""
        if i + 1 >= len(words) or words[i + 1].boundary_before:
            return True
        mods = [r for r in self._read(words[i + 1].text) if r.pos in ("adj", "ppas", "pact")]
        if not mods:
            return True
        if i + 2 < len(words) and not words[i + 2].boundary_before:
            after = [r for r in self._morph.analyse(words[i + 2].text) if r.pos in _NOUNS]
            if any(_agrees(m, n) for m in mods for n in after):
                return True  # "puszkę skondensowanego mleka": the next noun's adjective
        nouns = [r for r in self._morph.analyse(form) if r.pos in _NOUNS and case in r.case]
        return any(_agrees(m, n) for m in mods for n in nouns)

    def _object_verbs(self, words: list[Word], i: int) -> tuple[int, list[Reading]] | None:
        """The verb right before word i's phrase (over its adjectives and *się*), not negated,
        that word i may be the bare object of: its place and its verb readings."""
        j = i - 1
        while j >= 0 and i - j <= 3 and not words[j + 1].boundary_before:
            if (
                words[j].key == "się"
                or words[j].key in _DATIVE_CLITICS  # "Uciekł mi autobusa"
                or self._modifier(self._read(words[j].text), before_noun=True)
            ):
                j -= 1
                continue
            break
        if j < 0 or words[j + 1].boundary_before or not self._grammar.is_verb(words[j]):
            return None
        if self._grammar.negated(words, j) is not None:
            return None
        verbs = [
            r
            for r in self._read(words[j].text)
            if r.pos in ("fin", "praet", "inf", "impt", "imps", "cond", "bedzie")
        ]
        return (j, verbs) if verbs else None

    def _genitive_unproven(self, words: list[Word], i: int) -> bool:
        """Is word i a verb's bare object where nothing says the verb takes the genitive: a
        verb the table does not know, or one that takes the accusative as well
        (*zrealizowano seriala*: serial, not serialu)?"""
        found = self._object_verbs(words, i)
        return found is not None and not all(
            "gen" in (cases := self._grammar.table.case_of(r.lemma)) and "acc" not in cases
            for r in found[1]
        )

    def _accusative_object(self, words: list[Word], i: int) -> bool:
        """Is word i (over the adjectives of its phrase) right after a verb, not negated, whose
        object is in the accusative and never the genitive (*łamie obcas*, *kupić komuś
        samochód*), and which has its subject elsewhere?"""
        found = self._object_verbs(words, i)
        if found is None:
            return False
        j, verbs = found
        if not all(
            "acc" in (cases := self._grammar.table.case_of(r.lemma)) and "gen" not in cases
            for r in verbs
        ):
            return False
        # the noun after the verb may be its subject (*Jak ustaliła policja*) unless the verb
        # has one (the speaker, someone addressed, a noun before it) or none (*zrealizowano*)
        return all(r.pos in ("imps", "inf") for r in verbs) or self._has_subject(words, j)

    def _listed_object(self, words: list[Word], i: int) -> bool:
        """Is word i one of a list (after a comma or *i*, *oraz* …, and before the next
        one or the clause's end) whose word before is a noun that is a verb's accusative
        object (*Wyciągamy boczek, cebulu, …*)?"""
        if i < 2:
            return False
        k = i - 1
        if not words[i].boundary_before:
            if words[k].key not in _AND or words[k].boundary_before:
                return False
            k -= 1
        if i + 1 < len(words) and not (words[i + 1].boundary_before or words[i + 1].key in _AND):
            return False
        nouns = self._nouns(words[k])
        return (
            words[k].text.islower()
            and any("acc" in r.case for r in nouns)
            and self._accusative_object(words, k)
        )

    def _by_agreement(self, words: list[Word], i: int) -> explain.InflectionFacts | None:
        """*największym ciężare* → *ciężarem*, *moja matku* → *matka*: an unknown word that is a
        noun's stem with an ending, after an adjective (and nothing but one) with no
        preposition before it: of the noun's forms that agree with the adjective, not a
        locative (no preposition asks for it) nor a vocative, the one nearest to what was
        written, if one is nearer than all others."""
        key = words[i].key
        j = i - 1
        if len(key) < 4 or j < 0 or words[i].boundary_before:
            return None
        readings = self._morph.analyse(words[j].text)
        mods = [r for r in readings if r.pos in ("adj", "ppas", "pact")]
        if not mods or any(r not in mods and not r.qualifiers for r in readings):
            return None  # (*moja*: its colloquial noun aside)
        if j > 0 and not words[j].boundary_before and self._grammar.is_prep(words[j - 1]):
            return None  # the preposition's phrase (see _by_phrase)
        options: dict[str, tuple[str, str, Reading]] = {}
        for cut in (1, 2, 3):
            stem, ending = key[:-cut], key[-cut:]
            if len(stem) < 3 or ending not in _NOUN_ENDINGS and ending != "iu":
                continue
            lemmas = self._stem_lemmas(stem)
            exact = [r for r in lemmas if r.lemma == stem]
            for lemma in exact or lemmas:
                for g in self._morph.generate(lemma.full_lemma):
                    if g.pos != "subst" or g.qualifiers or g.form == key:
                        continue
                    if _common_prefix(g.form, key) < len(stem) - 1:
                        continue
                    cases = g.case - {"loc", "voc"}
                    agreeing = [m for m in mods if m.case & cases and _agrees(m, g)]
                    if not agreeing:
                        continue
                    case = sorted(cases & agreeing[0].case)[0]
                    options.setdefault(g.form, (case, sorted(g.number)[0], lemma))
            if options:
                break
        if not options:
            return None
        # the one nearest to what was written (*ciężare*: ciężarem, not the plural ciężarom)
        form = _nearest(options, key)
        if form is None:
            return None
        case, number, lemma = options[form]
        if self._frequency(form) < _MIN_FREQUENCY:
            return None
        return _declension_facts(words[i].text, key, form, case, number, lemma.lemma)

    def _preposition_over(self, words: list[Word], i: int) -> frozenset[str] | None:
        """The cases the preposition before word i's phrase allows it, over the possessives
        and adjectives between them (*w jego wnętrzu*, *na całym świecie*: those the
        adjectives can be in too); None without such a preposition, or right before it."""
        cases: frozenset[str] | None = None
        j = i - 1
        while j >= 0 and i - j <= 4 and not words[j + 1].boundary_before:
            w = words[j]
            if self._grammar.is_prep(w) and not self._grammar.is_verb(w):
                if j == i - 1:
                    return None  # (_context_cases reads it)
                allowed = self._grammar.prep_cases(w)
                if not allowed:
                    return None
                return allowed & cases if cases is not None else allowed or None
            if w.key not in ("jego", "jej", "ich"):
                adjs = [r for r in self._read(w.text) if r.pos == "adj"]
                if not adjs:
                    return None
                own = frozenset(c for r in adjs for c in r.case)
                cases = own if cases is None else cases & own
            j -= 1
        return None

    def _by_noun_after(self, words: list[Word], i: int) -> explain.InflectionFacts | None:
        """*odmiennę interpretację* → *odmienną*, *ten urocziu pan* → *uroczy*, *mojy córkę* →
        *moją*: an unknown word that is an adjective's stem with an ending, right before the
        noun it describes. Of the adjective's forms that agree with some reading of the noun
        (and are in a case the preposition before them allows), the one form, if there is
        one; nothing when the noun's readings ask for different forms (*podstawowę sieć*:
        podstawowa or podstawową)."""
        key = words[i].key
        n = i + 1
        if len(key) < 4 or n >= len(words) or words[n].boundary_before:
            return None
        nouns = self._nouns(words[n])
        if not nouns or any(r.pos in VERBAL for r in self._read(words[n].text)):
            return None
        context = self._context_cases(words, i)
        options: dict[str, tuple[Reading, Reading, Reading, frozenset[str]]] = {}
        for cut in (1, 2, 3, 4):
            stem = key[:-cut]
            if len(stem) < 3:
                break
            if not set(key[-cut:]) <= _ENDING_LETTERS:
                continue  # *oślizłe* is no *ośl-i* with an ending
            if self._stem_lemmas(stem):
                return None  # *światłowi*: the noun światło's stem too
            for lemma in self._adjective_lemmas(stem):
                if lemma.lemma in _PRONOMINAL or lemma.lemma in _RELATIVES:
                    continue  # *któregą*: a relative agrees with what it stands for
                for g in self._morph.generate(lemma.full_lemma):
                    if g.pos != "adj" or g.qualifiers or g.form == key:
                        continue
                    if lemma.degree and g.degree and not g.degree & lemma.degree:
                        continue
                    if _common_prefix(g.form, key) < len(stem):
                        continue
                    allowed = g.case if context is None else g.case & context
                    agreeing = [r for r in nouns if _agrees(g, r) and r.case & allowed]
                    if agreeing:
                        cases = frozenset(c for r in agreeing for c in r.case) & allowed
                        seen = options.get(g.form)
                        if seen is None:
                            options[g.form] = (agreeing[0], g, lemma, cases)
                        else:  # a form of several tags: all its cases
                            options[g.form] = (seen[0], seen[1], seen[2], seen[3] | cases)
            if options:
                break
        if len(options) != 1:
            return None
        form, (noun, adj, lemma, cases) = next(iter(options.items()))
        if self._frequency(form) < _MIN_FREQUENCY:
            return None
        case = sorted(cases)[0]
        number = sorted(noun.number & adj.number)[0]
        gender = sorted(noun.gender & adj.gender or noun.gender)[0] if noun.gender else None
        facts = _declension_facts(words[i].text, key, form, case, number, lemma.lemma)
        desc = (f"gender:{number}/{gender}",) if gender else ()
        return replace(
            facts,
            rule="agreement.adjective",
            trigger=words[n].text,
            # the case only when the noun's is one (*krople*: nominative or accusative)
            partner_desc=(
                *desc,
                f"number:{number}",
                *(f"case:{c}" for c in cases if len(cases) == 1),
            ),
        )

    def _adjective_lemmas(self, stem: str) -> list[Reading]:
        """Adjectives whose lemma is ``stem`` with -y or -i (or with *o* for *ó*: *moj-* is
        *mój*), people use, and are no name's."""
        stems = {stem} | {stem.replace(a, b) for a, b in (("o", "ó"),) if a in stem}
        out: dict[str, Reading] = {}
        for st in stems:
            for end in ("y", "i", ""):
                for r in self._morph.analyse(st + end):
                    if (
                        r.pos == "adj"
                        and r.lemma == st + end
                        and not r.qualifiers
                        and r.full_lemma[:1].islower()
                        and self._grammar.used(r.full_lemma)
                    ):
                        out.setdefault(r.full_lemma, r)
        return list(out.values())

    def _after_locative_preposition(self, words: list[Word], i: int) -> bool:
        """Is there a preposition that takes the locative before word i, over the adjectives
        and possessives of its phrase (*w jego starym domu*)?"""
        j = i - 1
        while j >= 0 and i - j <= 4 and not words[j + 1].boundary_before:
            if self._grammar.is_prep(words[j]):
                return "loc" in self._grammar.prep_cases(words[j])
            if words[j].key not in ("jego", "jej", "ich") and not any(
                r.pos in ADJ_CLASSES or r.pos == "adv" for r in self._read(words[j].text)
            ):
                return False
            j -= 1
        return False

    def _by_form_stem(
        self, key: str, context: frozenset[str] | None
    ) -> dict[str, tuple[str, str, Reading]]:
        """*dzieciami* → *dziećmi*, *ludziów* → *ludzi*: a plural ending put on a noun's own
        common plural form (*dzieci*, *ludzi*) rather than on its lemma's stem. The form must be
        a plain plural of one noun, used often; the noun's form for the case and number the
        ending means is taken."""
        found: dict[str, tuple[str, str, Reading]] = {}
        for cut in (2, 3):
            stem, ending = key[:-cut], key[-cut:]
            if len(stem) < 4 or self._frequency(stem) < _COMMON:
                continue
            readings = [
                r
                for r in self._morph.analyse(stem)
                if r.pos == "subst" and not r.qualifiers and r.full_lemma[:1].islower()
            ]
            if not readings or not all("pl" in r.number for r in readings):
                continue
            if len({r.full_lemma for r in readings}) != 1:
                continue
            noun = readings[0]
            slots = _ENDING_SLOTS.get(_gender_kind(noun.gender), {}).get(ending, ())
            for g in self._morph.generate(noun.full_lemma):
                if g.pos != "subst" or g.qualifiers or g.form == key:
                    continue
                for case, number in slots:
                    if number != _PL or case not in g.case or number not in g.number:
                        continue
                    if context is not None and case not in context:
                        continue
                    if _common_prefix(g.form, key) < len(stem) - 2:
                        continue
                    found.setdefault(g.form, (case, number, noun))
            if found:
                break
        return found

    def _by_phrase(self, words: list[Word], i: int) -> explain.InflectionFacts | None:
        """*do brzuche* → *brzucha*, *na całym świeciu* → *świecie*, *w roka* → *roku*: an
        unknown word that is a noun's stem with an ending; the preposition before it (and the
        adjectives between) say which forms of the noun can stand there. Taken: the one of
        them nearest to what was written, if one is nearer than all others; nothing when the
        bare stem is one of them (*Idę na spacera*: the ending may be another case's)."""
        allowed = self._phrase_constraints(words, i)
        if allowed is None:
            return None
        cases, mods, prep = allowed
        key = words[i].key
        options: dict[str, tuple[str, str, Reading]] = {}
        for cut in (1, 2, 3):
            stem, ending = key[:-cut], key[-cut:]
            if len(stem) < 3 or ending not in _NOUN_ENDINGS:
                continue
            lemmas = self._stem_lemmas(stem)
            exact = [r for r in lemmas if r.lemma == stem]
            for lemma in exact or lemmas:
                for g in self._morph.generate(lemma.full_lemma):
                    if g.pos != "subst" or g.qualifiers or g.form == key:
                        continue
                    if not g.case & cases or _common_prefix(g.form, key) < len(stem) - 1:
                        continue
                    if mods and not all(any(_agrees(m, g) for m in ms) for ms in mods):
                        continue
                    if len(g.form) <= len(stem):
                        return None  # "Idę na spacera": spacer (nor spacery) — not sure
                    case = next(iter(sorted(g.case & cases)))
                    options.setdefault(g.form, (case, next(iter(sorted(g.number))), lemma))
            if options:
                break
        if not options:
            return None
        form = _nearest(options, key)
        if form is None:
            return None
        case, number, lemma = options[form]
        return explain.InflectionFacts(
            expected=form,
            got=words[i].text,
            feature="case",
            expected_value=case,
            got_value=None,
            rule="case.preposition",
            trigger=prep,
            lemma=lemma.lemma,
            number=number,
        )

    def _by_fixed_phrase(self, words: list[Word], i: int) -> explain.InflectionFacts | None:
        """*w końcą* → *w końcu*, *Ze względa na* → *Ze względu na*, *na momenta* → *na
        moment*: word i, right after a preposition, is the noun of one of that preposition's
        fixed phrases (``data/phrases.tsv``) with another ending. Only one phrase may fit (*na
        koniec*, *na końcu* would decide nothing); the caller makes sure word i is no form
        that could stand there."""
        if i == 0 or words[i].boundary_before:
            return None
        prep = words[i - 1]
        key = words[i].key
        fits: list[tuple[str, str]] = []
        for form, case in _fixed_phrases().get(prep.key, ()):
            common = _common_prefix(form, key)
            if form == key or common < max(3, len(form) - 1) or len(key) - common > 3:
                continue
            fits.append((form, case))
        if len(fits) != 1:
            return None
        form, case = fits[0]
        nouns = [r for r in self._morph.analyse(form) if r.pos in _NOUNS and case in r.case]
        if not nouns:
            return None
        return explain.InflectionFacts(
            expected=form,
            got=words[i].text,
            feature="case",
            expected_value=case,
            got_value=None,
            rule="case.preposition",
            trigger=prep.text,
            lemma=nouns[0].lemma,
            number=sorted(nouns[0].number)[0],
        )

    def _phrase_constraints(
        self, words: list[Word], i: int
    ) -> tuple[frozenset[str], list[list[Reading]], str] | None:
        """The cases a preposition allows the noun at i (through the adjectives, and the
        possessives *jego*, *jej*, *ich*, between them) and the adjectives' readings it must
        agree with; None without a preposition right before the phrase."""
        mods: list[list[Reading]] = []
        j = i - 1
        while j >= 0 and not words[j + 1].boundary_before:
            w = words[j]
            if w.key in ("jego", "jej", "ich"):
                j -= 1
                continue
            if self._grammar.is_prep(w) and not self._grammar.is_verb(w):
                break
            adjs = [r for r in self._read(w.text) if r.pos == "adj"]
            if not adjs or len(mods) >= 2:
                return None
            mods.append(adjs)
            j -= 1
        if j < 0 or words[j + 1].boundary_before:
            return None
        cases = self._grammar.prep_cases(words[j])
        if not cases:
            return None
        if len(cases) > 1 and mods:
            # the adjectives may decide it alone: *na całym świeciu* (całym: not accusative)
            agreeing = cases
            for ms in mods:
                agreeing = agreeing & frozenset(c for m in ms for c in m.case)
            if len(agreeing) == 1:
                cases = agreeing
        if len(cases) > 1:
            # only a case the sentence decides: the verb's frame, being somewhere (w, na +
            # locative), going somewhere (+ accusative); not a guess (Zamilkli na moment)
            want = self._framed_case(words, j, cases)
            if want is None and words[j].key in ("w", "we", "na"):
                if self._static_clause(words, j):
                    want = "loc"
                elif any(
                    r.lemma in MOTION_VERBS
                    for k in self._grammar.clause(words, j)
                    if k < j
                    for r in self._read(words[k].text)
                    if r.pos in VERBAL
                ):
                    want = "acc"
            if want is None or want not in cases:
                return None
            cases = frozenset({want})
        for ms in mods:
            cases = cases & frozenset(c for m in ms for c in m.case)
        return (cases, mods, words[j].text) if cases else None

    def _stem_lemmas(self, stem: str, endings: Sequence[str] = _LEMMA_ENDINGS) -> list[Reading]:
        """Nouns whose lemma is ``stem`` with a lemma's ending (or with *e* for *a*, *o* for
        *ó* in it: *les-* is *las*, *powrot-* is *powrót*)."""
        out = self._lemmas_of_stems(self._alternated({stem}), endings)
        if out:
            return out
        # the locative's and dative's softened stem (*świeci-*, *nodz-*): the lemma's consonant
        softened = {
            stem[: -len(soft)] + hard
            for soft, hards in _SOFTENED
            if stem.endswith(soft) and len(stem) > len(soft) + 2
            for hard in hards
        }
        return self._lemmas_of_stems(self._alternated(softened), endings) if softened else []

    @staticmethod
    def _alternated(bases: set[str]) -> set[str]:
        """``bases`` and each with one of its vowels alternated (*les-*: *las-*)."""
        stems = set(bases)
        for base in bases:
            for a, b in _STEM_ALTERNATIONS:
                at = base.find(a)
                while at != -1:
                    stems.add(base[:at] + b + base[at + len(a) :])
                    at = base.find(a, at + 1)
        return stems

    def _lemmas_of_stems(self, stems: set[str], endings: Sequence[str]) -> list[Reading]:
        out: dict[str, Reading] = {}
        for st in sorted(stems):
            for end in endings:
                for r in self._morph.analyse(st + end):
                    if (
                        r.pos == "subst"
                        and r.lemma == st + end
                        and "nom" in r.case
                        and "sg" in r.number
                        and not r.qualifiers
                        and r.full_lemma[:1].islower()
                        and self._grammar.used(r.full_lemma)
                    ):
                        out.setdefault(r.full_lemma, r)
        return list(out.values())

    def _context_cases(self, words: list[Word], i: int) -> frozenset[str] | None:
        """The case the word before asks of word i, if one does: a preposition (with the
        motion rule for *w*, *na* …) or a numeral."""
        if i == 0 or words[i].boundary_before:
            return None
        before = words[i - 1]
        if self._grammar.is_prep(before) and not self._grammar.is_verb(before):
            cases = self._grammar.prep_cases(before)
            want = self._prep_case(words, i - 1, cases, words[i]) if cases else None
            return frozenset({want}) if want else cases or None
        if before.text.isdecimal() or before.key in ("dwa", "dwie", "trzy", "cztery"):
            return (
                frozenset({"nom", "acc"})
                if before.key in ("dwa", "dwie", "trzy", "cztery")
                else None
            )
        nums = [r for r in self._read(before.text) if r.pos == "num" and ":rec" in r.tag]
        if nums and before.key not in INDEFINITE_NUMERALS:
            return frozenset({"gen"})
        return None

    def _is_verb_form(self, text: str) -> bool:
        return self._known(text) and any(
            r.pos in ("fin", "praet", "impt", "inf", "bedzie") for r in self._read(text)
        )

    def _by_joins(self, words: list[Word], i: int) -> bool:
        """Is the *by* at i the particle of a conditional after a past-tense verb (not the
        conjunction *by*, "so that", before an infinitive: *poszedł, by kupić*)?"""
        before = self._read(words[i - 1].text)
        if not before or not all(r.pos == "praet" for r in before):
            return False
        if i + 1 < len(words) and not words[i + 1].boundary_before:
            after = self._read(words[i + 1].text)
            if any(r.pos == "praet" for r in after):
                return False  # "Chciał, bym przyszła" with its comma left out
            # the conjunction takes a bare infinitive (*by kupić*); *bym*, *byśmy* … with the
            # verb's own number before one are the conditional (*Chciała bym mieć* →
            # *Chciałabym mieć*, *mogli byśmy pójść* → *moglibyśmy*)
            number = _BY_NUMBER.get(words[i].key)
            if any(r.pos == "inf" for r in after) and not (
                number is not None and all(r.number == {number} for r in before)
            ):
                return False
        return True

    def _by_frequency(self, word: str) -> float:
        return -self._frequency(word)

    def _as_written(self, key: str) -> list[str]:
        """``key`` if it is a word, else the words it is with Polish letters added."""
        return [key] if self._known(key) else self._accented(key)

    def _accented(self, key: str) -> list[str]:
        """Known words that are ``key`` with Polish letters added (none taken away)."""
        return [
            c
            for c in self._respell(strip_diacritics(key))
            if c != key
            and len(c) == len(key)
            and all(a == b or a == strip_diacritics(b) for a, b in zip(key, c, strict=True))
            and self._known(c)
        ]

    # -- 2. grammar ----------------------------------------------------------------------
    def _nouns(self, word: Word) -> list[Reading]:
        """The word's noun readings, plain ones first (*kot* the cat before the slang one);
        none for a word that can also be a function word or a numeral, or a pronoun."""
        if (
            word.key in _PRONOUN_NOUNS
            or any(r.lemma in _PRONOUN_NOUNS for r in self._read(word.text))
            or word.key in _TIME_ADVERBS
            or any(
                r.pos in _NOT_NOUNS and not _rare(r) and not _slang_interjection(r)
                for r in self._morph.analyse(word.text)
            )
            or any(r.pos in ("adj", "ppas", "pact") for r in self._read(word.text))
            and not self._is_proper(word)
            or self._grammar.is_verb(word)
        ):
            return []  # "Wolę zielony", "jestem chory": an adjective, if it can be one
        nouns = [r for r in self._read(word.text) if r.pos in _NOUNS]
        # the plain noun before a depreciative one (*przyjaciele* the friends, not the
        # contemptuous m2 reading, which has no genitive *przyjaciół*)
        return sorted(nouns, key=lambda r: (r.pos == "depr", bool(_style_marks(r.qualifiers))))

    def _is_proper(self, word: Word) -> bool:
        """A capitalised name that is also an adjective's form (*Polska*, not *polska*)."""
        return word.text[:1].isupper() and any(
            r.pos in _NOUNS and r.lemma[:1].isupper() for r in self._read(word.text)
        )

    def _could_be(
        self, word: Word, cases: Iterable[str], number: str | None = None, *, places: bool = False
    ) -> bool:
        """Can the word, read any way Morfeusz knows (rare and old readings too, or as part
        of a fixed phrase: *w zamian*, *na jaw*), be a noun in one of ``cases``? Then no rule
        changes it."""
        wanted = set(cases)
        usual = self._read(word.text)
        lemmas = {r.lemma for r in usual}
        if places and word.text[:1].isupper() and self._morph.is_place(word.text):
            # a capitalised place name's form, however rare its lemma (*do Berlina*: not the
            # carriage *berlina*)
            # (a place is no person: *Kraków* is not the genitive of a man called Krak)
            lemmas |= {
                r.lemma
                for r in self._morph.analyse(word.text)
                if r.lemma[:1].isupper() and "m1" not in r.gender
            }
        return any(
            r.pos == "frag"
            or r.pos in _NOUNS
            and (
                r.lemma in lemmas
                or r.lemma.islower()
                and (self._grammar.used(r.full_lemma) or ":pt" in r.tag)
            )  # (a plural-only noun's form: *bez odsetek*, of odsetki)
            and wanted & r.case
            and (number is None or number in r.number)
            for r in self._morph.analyse(word.text)
        )

    def _modifier(self, readings: Sequence[Reading], *, before_noun: bool = False) -> list[Reading]:
        """The adjective readings of a word that is an adjective here (*mój*: its slang noun
        reading aside; right before a noun, *nowy*: not the noun *nowy*, a newcomer)."""
        adjs = [r for r in readings if r.pos in ("adj", "ppas", "pact")]
        nouns = [r for r in readings if r.pos in _NOUNS]
        if any(r.pos in ("ppron12", "ppron3", "siebie") and not r.qualifiers for r in readings):
            return []  # "dam ci": the pronoun, not "ci" (these); but "te" (not ty's)
        lemmas = {r.lemma for r in adjs} - _PRONOMINAL | _FOLKS if before_noun else set()
        if adjs and all(
            r.qualifiers or r.lemma in lemmas or before_noun and _letter_name(r) for r in nouns
        ):
            return adjs
        return []

    def _is_name(self, word: Word) -> bool:
        readings = self._read(word.text)
        return bool(readings) and all(r.full_lemma[:1].isupper() for r in readings)

    def _phrase_head(self, words: list[Word], start: int) -> int | None:
        """The noun of the phrase that starts at ``start`` (over adjectives and numerals that
        agree with it, and adverbs before an adjective: *bardzo dobrym*). None when a word on
        the way cannot be part of that phrase (*w wypełnionym wodą wąwozie*: *wodą* is not the
        noun of *wypełnionym*)."""
        k = start
        while k < len(words) and k - start <= 3:
            if words[k].boundary_before:
                return None  # "Dzięki! Miłego koncertu": another sentence
            readings = self._read(words[k].text)
            if not readings or any(r.lemma in _RELATIVES for r in readings):
                return None  # "w którym pracownik": the relative word is its own phrase
            nouns = [r for r in readings if r.pos in _NOUNS]
            if nouns and (
                k > 0
                and self._is_proper(words[k])  # "do Gdańska pociągiem": the city, not gdański
                or not (
                    any(r.pos in ADJ_CLASSES for r in readings)
                    and self._noun_ahead(words, k, start)
                )
                or self._owns_genitive(words, k, readings)
            ):
                return k if self._modifiers_agree(words, start, k) else None
            if any(r.pos == "adv" for r in readings) and not any(
                r.pos in ADJ_CLASSES for r in readings
            ):
                nxt = self._read(words[k + 1].text) if k + 1 < len(words) else ()
                if not any(r.pos in ("adj", "ppas", "pact") for r in nxt):
                    return None  # "na biało ubrany", "obok": an adverb, not a phrase
            elif not any(r.pos in ADJ_CLASSES for r in readings):
                return None
            k += 1
        return None

    def _owns_genitive(self, words: list[Word], k: int, readings: Sequence[Reading]) -> bool:
        """Is word k, a noun or an adjective, a noun with a genitive right after it, where only
        its noun readings fit the word before it (*w części basenu*, *w południowej części
        basenu*: część's *części*, in w's case and agreeing with południowej, not częsty's
        nominative)? (Not *dwie młode kobiet*: młode agrees with dwie, kobiet is the slip.)"""
        if k < 1 or k + 1 >= len(words) or words[k + 1].boundary_before:
            return False
        if words[k].boundary_before or not any("gen" in r.case for r in self._nouns(words[k + 1])):
            return False
        adjs = [r for r in readings if r.pos in ADJ_CLASSES]
        nouns = [r for r in readings if r.pos in _NOUNS]
        before = words[k - 1]
        if self._grammar.is_prep(before):
            cases = self._grammar.prep_cases(before)
            return any(r.case & cases for r in nouns) and not any(r.case & cases for r in adjs)
        mods = [r for r in self._read(before.text) if r.pos in ("adj", "ppas", "pact")]
        return bool(mods) and (
            any(_agrees(m, n) for m in mods for n in nouns)
            and not any(_agrees(m, a) for m in mods for a in adjs)
        )

    def _modifiers_agree(self, words: list[Word], start: int, head: int) -> bool:
        """The adjectives between ``start`` and the noun belong to it: they all agree with it,
        or none does (a learner's slip: *nowy samochodem*), and no participle disagrees."""
        heads = [r for r in self._morph.analyse(words[head].text) if r.pos in _NOUNS]
        agree: list[bool] = []
        for k in range(start, head):
            mods = [
                r for r in self._morph.analyse(words[k].text) if r.pos in ("adj", "ppas", "pact")
            ]
            if not mods:
                continue
            agree.append(any(_agrees(m, n) for m in mods for n in heads))
            if not agree[-1] and any(m.pos in ("ppas", "pact") for m in mods):
                return False  # a participle with its own object
        # "przy tym mały żaglowiec": some agree, some not — two phrases, not one
        return all(agree) or not any(agree)

    def _noun_ahead(self, words: list[Word], k: int, start: int) -> bool:
        """A noun follows word k in the phrase that starts at ``start``, over adjectives
        (*twój nowy koleżanka*: *twój* and *nowy* may be nouns too, but a noun comes)."""
        for m in range(k + 1, min(len(words), start + 4)):
            if words[m].boundary_before:
                return False
            if self._nouns(words[m]):
                return True
            if not any(r.pos in ADJ_CLASSES for r in self._read(words[m].text)):
                return False
        return False

    def _noun_next(self, words: list[Word], k: int) -> bool:
        return (
            k + 1 < len(words)
            and not words[k + 1].boundary_before
            and bool(self._nouns(words[k + 1]))
        )

    def _recase(
        self,
        s: _Sentence,
        i: int,
        cases: Sequence[str],
        number: str | None = None,
        trigger: str | None = None,
        counted: bool = False,
        lemmas: frozenset[str] = frozenset(),
    ) -> bool:
        """Make noun i take the first of ``cases`` (keeping its number unless told). With a
        ``trigger`` (a preposition right before it) the word may be another noun's stem with
        a wrong ending (see _other_lemma); ``counted``: after a numeral (see _form);
        ``lemmas``: the word is read as one of these, if it can be (*poczcie*: poczta's, not
        poczet's)."""
        words = s.current()
        nouns = self._nouns(words[i])
        nouns = [r for r in nouns if r.lemma in lemmas] or nouns
        if not nouns or self._is_name(words[i]) and not self._known(words[i].text):
            return False
        if self._could_be(words[i], cases, number):
            return False  # it already is, in some reading
        if self._likelier_lettered(words[i].key, self._no_noun, least=0.0):
            return False  # "mam tez psa": też without its ż, not teza's genitive
        # the reading in the number asked for, if told (*Góry* of *Góry Stołowe*: the plural)
        noun = next(
            (r for r in nouns if number is not None and number in r.number and r.pos != "depr"),
            nouns[0],
        )  # (not the depreciative *kolegi*, the m2 plural: its forms are not the noun's)
        want_number = number or (next(iter(noun.number)) if len(noun.number) == 1 else None)
        if want_number is None:
            return False
        # the written word's own class and gender: *dziadkowie* (men) → *dziadków*, never the
        # depreciative *dziadki* or the m2 noun's form
        # SGJP may list one noun twice, by the ending it takes (*bar*: *bara* and *baru*):
        # the form is the one used most (*do baru*), not the first listed; a noun of another
        # gender is another word (*pilot*, the man and the remote) and is not asked
        forms = [
            f
            for n in nouns
            if n.lemma == noun.lemma and n.pos == noun.pos and n.gender == noun.gender
            if (
                f := self._form(
                    n.full_lemma,
                    (n.pos,),
                    case=cases[0],
                    number=want_number,
                    gender=n.gender,
                    counted=counted,
                )
            )
            is not None
        ]
        form = self._variants.most_used(forms)
        names = self._names_after_man(words, i, noun, cases[0])
        if names is None:
            return False  # "z pan Smith…" with a name we cannot decline: not half the phrase
        if self._unknown_name_after(words, i, noun):
            return False  # "na ulica Sloneczna": its name would stay as written
        other = (
            self._other_lemma(words[i], nouns, cases[0], want_number, form, trigger)
            if trigger is not None
            else None
        )
        if not self._set(s, i, other.expected if other is not None else form):
            return False
        for k, name in names:
            if self._set(s, k, name):
                s.twins[k] = i  # explained as the man's own change
        if other is not None:
            s.kinds[i] = "ending"
            s.endings[i] = other
        s.assigned[i] = (cases[0], want_number)  # what its adjectives must agree with
        if other is None:
            self._follow(s, words, i, noun, cases[0], want_number)
        return True

    def _names_after_man(
        self, words: list[Word], i: int, noun: Reading, case: str
    ) -> list[tuple[int, str]] | None:
        """The words naming the man at i that go into his case with him (*z pan Nowak* → *z
        panem Nowakiem*, *do pan profesor Nowak* → *do pana profesora Nowaka*): a title after
        him and his names, each in the forms of a man's (a woman's *Nowak* does not decline;
        after *pan* it is his). None when one of them has no man's form in the case: the
        phrase is left whole, not half recased."""
        if noun.gender == frozenset({"f"}) and self._person(noun):
            return self._names_after_woman(words, i, case)
        if noun.gender != frozenset({"m1"}) or not self._person(noun):
            return []
        names: list[tuple[int, list[Reading]]] = []
        k = i + 1
        while k < len(words) and not words[k].boundary_before:
            readings = self._morph.analyse(words[k].text)
            capital = words[k].text[:1].isupper()
            men = [
                r
                for r in readings
                if r.pos == "subst"
                and r.gender == frozenset({"m1"})
                and "sg" in r.number
                and (r.lemma[:1].isupper() or not capital)
            ]
            if not capital and not (
                men and all(r in men or r.gender == frozenset({"f"}) for r in readings)
            ):
                break  # not a title (*profesor*, *dyrektor*; a woman's too): the phrase ends
            if (
                capital
                and readings
                and not men
                and not self._morph.is_surname(words[k].text)
                and not self._morph.is_first_name(words[k].text)
            ):
                break  # "do syn Państwa Środka": his phrase ends before a genitive of its own
            if not men or "-" in words[k].text:
                return None  # Müller, Kowalska, Nowak-Kowalski: not one man's name we decline
            names.append((k, men))
            k += 1
        return self._names_in_case(names, case)

    def _names_in_case(
        self, names: list[tuple[int, list[Reading]]], case: str
    ) -> list[tuple[int, str]] | None:
        """The names (their places and readings, one person's) not in ``case`` yet, each with
        its form in it; None when one is neither in it nor in the nominative, or has no form
        in it (the phrase is left whole)."""
        changes: list[tuple[int, str]] = []
        for k, readings in names:
            if any(case in r.case for r in readings):
                continue
            if not all(r.case <= {"nom", "voc"} for r in readings):
                return None
            r = readings[0]
            form = self._form(r.full_lemma, ("subst",), case=case, number="sg", gender=r.gender)
            if form is None:
                return None
            changes.append((k, form))
        return changes

    def _names_after_woman(
        self, words: list[Word], i: int, case: str
    ) -> list[tuple[int, str]] | None:
        """The names of the woman at i that go into her case with her (*z pani Anna* → *z
        panią Anną*, *u pani Kowalska* → *u pani Kowalskiej*): each capitalised word after
        her that is a woman's name, in the forms of a woman's; a man's title between stays as
        it is (*z panią doktor Anną*: a woman's *doktor* does not decline), and so does a
        woman's surname that does not decline (*z panią Nowak*: all its cases are one form).
        None when a name has no woman's form in the case: the phrase is left whole."""
        names: list[tuple[int, list[Reading]]] = []
        k = i + 1
        while k < len(words) and not words[k].boundary_before:
            readings = self._morph.analyse(words[k].text)
            if not words[k].text[:1].isupper():
                if (
                    k > i + 1
                    or not readings
                    or not all(r.pos == "subst" and r.gender == frozenset({"m1"}) for r in readings)
                ):
                    break  # only a title right after her (*pani doktor*), not her phrase's end
                k += 1
                continue
            women = [
                r
                for r in readings
                if r.pos == "subst"
                and r.gender == frozenset({"f"})
                and "sg" in r.number
                and r.lemma[:1].isupper()
            ]
            if not women:
                if self._morph.is_surname(words[k].text) or self._morph.is_first_name(
                    words[k].text
                ):
                    return None  # a man's name (or a foreign one we cannot decline)
                break  # "u pani Polska"? not her name: the phrase ends
            if "-" in words[k].text:
                return None  # Nowak-Kowalska: not one name we decline
            names.append((k, women))
            k += 1
        return self._names_in_case(names, case)

    def _title_names(self, s: _Sentence) -> None:
        """*Idę z panią Anna* → *z panią Anną*, *Byłem u pana Adam* → *u pana Adama*: a
        name after *pan*, *pani* (or a word for a person) right after a preposition is in the
        title's case, which the preposition settles (*panią* after *z*: the instrumental,
        *pani* after *u*: the genitive). Only a name in the nominative that has the form, and
        only when every name of the phrase has it (see _names_after_man)."""
        words = s.current()
        for t in range(1, len(words) - 1):
            j = self._title_preposition(words, t)
            if j is None:
                continue
            w = words[j]
            if (
                words[t].boundary_before
                or not words[t].text.islower()
                or not words[t + 1].text[:1].isupper()
                or words[t + 1].boundary_before
                or t + 1 in s.fixes
            ):
                continue
            titles = [r for r in self._nouns(words[t]) if r.lemma in _TITLES and "sg" in r.number]
            cases = frozenset(c for r in titles for c in r.case) & self._grammar.prep_cases(w)
            if j < t - 1:  # "z mamą i panią Ewa": the case of the noun it is joined to
                joined = next(
                    (k for k in range(t - 2, j, -1) if not words[k].text[:1].isupper()), j + 1
                )
                cases &= frozenset(c for r in self._nouns(words[joined]) for c in r.case)
            if len(cases) != 1 or "nom" in cases:
                continue
            clause = self._grammar.clause(words, t)
            if not any(k < j and self._finite_verb(words[k]) for k in clause) and any(
                k > t + 1 and r.pos in ("fin", "praet") and not r.person & {"pri", "sec"}
                for k in clause
                for r in self._read(words[k].text)
            ):
                continue  # "Od pani Anna dostała list": Anna may be the subject (not of kupiłem)
            case = next(iter(cases))
            several = self._grammar.prep_cases(w)
            if (
                len(several) > 1
                and any("nom" in r.case for r in titles)
                and self._framed_case(words, j, several) != case
            ):
                continue  # "z pani Anna": panią meant (with her), or from her? nothing says
            names = self._names_after_man(words, t, titles[0], case) or []
            if not names or any(k in s.fixes for k, _ in names):
                continue
            for k, name in names:
                own = [r for r in self._morph.analyse(words[k].text) if r.pos == "subst"]
                if own and self._set(s, k, name):
                    s.reasons[k] = self._sense_facts(w, words[k], name, own[0], case, None)

    def _unknown_name_after(self, words: list[Word], i: int, noun: Reading) -> bool:
        """Is the noun at i a place named by the capitalised word after it, a word we do not
        know (*ulica Sloneczna*, written without its letters)? Its name may have to agree
        with it (*na ulicy Słonecznej*) and cannot be made to."""
        n = i + 1
        return (
            noun.lemma in _NAMED_PLACES
            and n < len(words)
            and not words[n].boundary_before
            and words[n].text[:1].isupper()
            and words[n].text.isalpha()
            and not self._morph.is_known(words[n].text)
        )

    def _title_preposition(self, words: list[Word], t: int) -> int | None:
        """The preposition whose phrase the word at t begins: right before it, or before the
        noun it is joined to by *i*, *oraz* (*z mamą i panią Ewą*)."""
        j = t - 1
        if words[j].key in ("i", "oraz") and j >= 2:
            k = j - 1
            while k > 1 and words[k].text[:1].isupper() and not words[k].boundary_before:
                k -= 1  # over the names of the one before (*od pani Ewy i pana Adama*)
            if self._grammar.is_prep(words[k]) and not self._grammar.is_verb(words[k]):
                return k  # "z Ewą i panem Adamem"
            if not self._nouns(words[k]):
                return None
            before = k - 1 if self._grammar.is_prep(words[k - 1]) else None
            before = self._grammar.preposition_before(words, k) if before is None else before
            j = -1 if before is None else before
        if j < 0 or not self._grammar.is_prep(words[j]) or self._grammar.is_verb(words[j]):
            return None
        return j

    def _follow(
        self, s: _Sentence, words: list[Word], i: int, noun: Reading, case: str, number: str
    ) -> None:
        """An adjective right after a recased noun, in the noun's old form, follows it: *Gram
        w piłka nożna* → *w piłkę nożną*, *Jem zupa pomidorowa* → *zupę pomidorową* (the
        learner wrote the phrase in one case). Only a word that is nothing but an adjective
        in its usual readings (*język polski*: the language *polski* is the same word),
        agrees with the noun as written, and is not before a noun of its own."""
        a = i + 1
        if a >= len(words) or a in s.fixes or a in s.frozen or words[a].boundary_before:
            return
        # a place's name of a noun and its adjective, both capitalised (*w Stany Zjednoczone*
        # → *w Stanach Zjednoczonych*, *w Góry Stołowe*): the adjective declines with it
        place = words[i].text[:1].isupper() and words[a].text[:1].isupper()
        named = self._street_name(words, a) or place
        if not words[a].text.islower() and not named:
            return
        readings = self._read(words[a].text)
        kinds = ("adj", "ppas") if place else ("adj",)
        adjs = [r for r in readings if r.pos in kinds]
        own = {r.lemma for r in adjs}
        if not adjs or any(
            r.pos not in kinds and r.pos != "adjp" and not (r.pos == "subst" and r.lemma in own)
            for r in readings
        ):
            return  # an adjective, or one used as its own noun (*polski*, the language)
        if any(r.lemma in _PRONOMINAL or r.lemma in _RELATIVES for r in adjs):
            return
        if not any(_agrees(r, noun) for r in adjs):
            return  # it did not go with the noun as the learner wrote it
        nxt = a + 1
        if nxt < len(words) and not words[nxt].boundary_before and self._nouns(words[nxt]):
            return  # it may be the next noun's
        recased = [
            r
            for r in self._read(s.fixes[i])
            if r.lemma == noun.lemma and case in r.case and number in r.number
        ]
        target = [replace(r, case=frozenset({case}), number=frozenset({number})) for r in recased]
        form = self._agreeing_form(adjs[0], target) if target else None
        if named and form is not None:
            form = form[:1].upper() + form[1:]  # "na ulicy Kwiatowej": the name's capital
        if form is not None and form.lower() != words[a].key and self._set(s, a, form):
            # its noun is the one before it (*o godzinie dziesiątej wieczorem*: not wieczorem)
            s.reasons[a] = _agreement_facts(s, words[a], a, s.fixes[i], adjs[0], case, number)

    def _other_lemma(
        self,
        word: Word,
        nouns: Sequence[Reading],
        case: str,
        number: str,
        form: str | None,
        trigger: str,
    ) -> explain.InflectionFacts | None:
        """*do parka* → *parku*, not *parki*; *w lutu* → *lutym*, not *lucie*: a word in a case
        the context does not allow may be a far commoner noun's stem with a wrong ending (*park*
        with the -a of *kota*; *lut-y*, February, not *lut*, solder). That noun's form for the
        case is taken when it is used ten times as often as the word's own noun's form."""
        key = word.key
        if not word.text.islower() and any(r.lemma[:1].isupper() for r in nouns):
            return None  # a name (Polska) is no slip of a common noun (polski)
        own = {r.full_lemma for r in nouns}
        best: tuple[float, str, Reading] | None = None
        for cut in (1, 2, 3):
            stem = key[:-cut]
            if len(stem) < 3:
                break
            if key[-cut:] not in _NOUN_ENDINGS:
                continue  # "par-ka" is no stem with an ending
            for lemma in self._stem_lemmas(stem, _LEMMA_ENDINGS + ("y", "i")):
                if lemma.full_lemma in own:
                    continue
                other = self._form(lemma.full_lemma, ("subst",), case=case, number=number)
                if other is None or other == key:
                    continue
                if _common_prefix(other, key) < len(stem) - 1:
                    continue
                freq = self._frequency(other)
                if best is None or freq > best[0]:
                    best = (freq, other, lemma)
        if best is None:
            return None
        freq, other, lemma = best
        if freq < max(_COMMON / 10, 10 * self._frequency(form or key), 10 * self._frequency(key)):
            return None
        return _declension_facts(word.text, key, other, case, number, lemma.lemma)

    def _numerals(self, s: _Sentence) -> None:
        words = s.current()
        for j, w in enumerate(words):
            head = None
            kind = None
            if w.text.isdecimal():
                if not self._counting_digit(s, words, j):
                    continue
                n = int(w.text)
                kind = (
                    "one"
                    if n == 1
                    else "congr"
                    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
                    else "rec"
                )
            elif w.key in INDEFINITE_NUMERALS:
                kind = "indef"
                self._few_men(s, words, j, [r for r in self._read(w.text) if r.pos == "num"])
            elif w.key in COMPARED_QUANTITIES:
                if (
                    j > 0
                    and words[j - 1].key in {"co", "nic", "mniej"}
                    or (j + 1 < len(words) and self._is_proper(words[j + 1]))
                ):
                    continue  # "Co więcej", "mniej więcej", "Więcej wie Ania": no quantity
                kind = "indef"  # "Mam więcej pieniądze" → pieniędzy
            else:
                nums = [r for r in self._read(w.text) if r.pos == "num"]
                if any(r.lemma in _INDEFINITE_LEMMAS for r in nums):
                    continue  # "ileż piasku", "kilku dniach": the case is the phrase's
                if nums and all(":rec" in r.tag for r in nums):
                    kind = "rec"
                elif (
                    nums
                    and all(":congr" in r.tag for r in nums)
                    and w.key in ("dwa", "dwie", "trzy", "cztery", "oba", "obie")
                ):
                    kind = "congr"
            if kind is None or j + 1 >= len(words):
                continue
            start = j + 1 + self._counted_object_after(words, j)
            head = self._phrase_head(words, start)
            if head is None:
                continue
            if self._ordinal_between(words, start, head, kind):
                continue  # "w tysiąc dziewięćset pięćdziesiątym roku": a date, not a count
            if self._fraction_between(words, j + 1, head):
                continue  # "dwie trzecie pomieszczeń": two thirds are counted, of the rooms
            if self._a_year(words, j, head):
                continue  # "w tysiąc dziewięćset osiemdziesiąt roku": osiemdziesiątym, not lat
            if w.text.isdecimal() and (
                head != j + 1 or not self._digit_counts_plural(words, j, head, kind)
            ):
                continue  # "w 13 latach", "5 kotom": a number in digits can be in any case
            if kind in ("rec", "congr") and not w.text.isdecimal():
                people = self._numeral_for_people(words, j, head)
                if people and self._plural_verb_after(words, head):
                    # "Dwa bracia prowadzą": the subject of a plural verb, dwaj bracia (dwóch
                    # braci takes a singular verb: not "Dwóch braci prowadzą")
                    people = self._numeral_for_subject(words, j, head)
                    if people:
                        self._set(s, j, people)
                    continue
                if people is not None:
                    if people:  # "trzy brat" → "trzech braci", "dziesięć studenci" → dziesięciu
                        self._set(s, j, people)
                        self._recase(s, head, ("gen",), "pl", counted=True)
                    continue
            if kind == "rec":
                if w.key in ("oboje", "obydwoje") and any(
                    r.pos in _NOUNS and ":pl:" in r.tag and "nom" in r.tag.split(":")[2]
                    for r in self._read(words[head].text)
                ):
                    continue  # "Oboje rodzice pracują": the nominative is right after oboje
                self._recase(s, head, ("gen",), "pl", counted=True)
            elif kind == "indef":
                before = j - 1
                while before >= 0 and words[before].key == w.key:
                    before -= 1  # "po wielu, wielu latach": the repeated word's preposition
                if before >= 0 and self._grammar.is_prep(words[before]):
                    continue  # "po kilku dniach": the preposition's case
                if self._quantity_not_counting(words, j, head):
                    continue
                # "Ile raz" → ile razy: a noun SGJP gives a form after numerals is counted, and
                # so is a unit of time (*Ile dzień* → ile dni, not *ile dnia*; but ile czasu,
                # and pół, kilo measure one: pół godziny)
                first = self._nouns(words[head])[:1]
                plural = (
                    w.key in _PLURAL_QUANTITIES
                    or w.key not in _MEASURES
                    and head == start  # (not "Mniej więcej pół godziny": pół's)
                    and any(r.lemma in TIME_NOUNS and r.lemma not in _MASS_TIMES for r in first)
                    or any(self._only_plural_adjective(words[k]) for k in range(start, head))
                    # "Ile wolnych dzień" → ile wolnych dni: the adjective is the plural's
                    or any(
                        _AFTER_NUMERAL in g.qualifiers and "pl" in g.number
                        for r in first
                        for g in self._morph.generate(r.full_lemma)
                    )
                )
                if start > j + 1 and not plural and not all("pl" in r.number for r in first):
                    continue  # "Ile masz brat?": brata or braci, one or more, is not known
                counted = self._recase(s, head, ("gen",), "pl" if plural else None, counted=plural)
                if counted and start > j + 1:
                    s.reasons[head] = replace(
                        _case_facts(
                            s, words[head], head, "gen", "case.numeral", w.text, first[0].lemma
                        ),
                        detail="indef",
                    )
            elif kind == "congr" and not (j > 0 and self._grammar.is_prep(words[j - 1])):
                if self._children_counted(s, words, j, head):
                    continue
                if self._recase(s, head, ("nom", "acc"), "pl"):
                    # "a córka trzy lat": the rule's own reason, wherever the clause's verb is
                    lemma = self._nouns(words[head])[0].lemma if self._nouns(words[head]) else ""
                    s.reasons[head] = _case_facts(
                        s, words[head], head, s.assigned[head][0], "case.numeral", w.text, lemma
                    )
                self._two_for_gender(s, j, head)

    def _counted_object_after(self, words: list[Word], j: int) -> int:
        """1 where *ile* at j is followed by *mieć* in the 1st or 2nd person and then its
        object (*Ile masz rok?* → *lat*: what is had is counted, in the genitive; a 3rd person's
        noun may be its subject: *Ile mają studenci lat?*), else 0."""
        if words[j].key != "ile" or j + 2 >= len(words) or words[j + 2].boundary_before:
            return 0
        verb = words[j + 1]
        return int(
            not verb.boundary_before
            and any(
                r.lemma == "mieć" and r.pos == "fin" and r.person <= {"pri", "sec"}
                for r in self._read(verb.text)
            )
            and not self._is_proper(words[j + 2])
        )

    def _quantity_not_counting(self, words: list[Word], j: int, head: int) -> bool:
        """Is the word of quantity at j no count of the noun at head in the genitive: *wielu
        ludziom*, *kilku studentom* (its own dative, the noun's case), *wiele serca* (much of
        something: the genitive singular), *nie tyle rozmach …, ile szansę* (a comparison,
        not a quantity)?"""
        key = words[j].key
        if key in ("wielu", "kilku", "paru", "ilu") and self._could_be(
            words[head], ("dat", "inst", "loc")
        ):
            return True
        if key in ("wiele", "niewiele") and self._could_be(words[head], ("gen",)):
            return True
        if key == "tyle" and j > 0 and words[j - 1].key == "nie":
            return True
        if key in _MEASURES and (
            self._is_name(words[head]) or any(self._person(r) for r in self._nouns(words[head]))
        ):
            return True  # "ważąca sto trzy kilo Laura Wasąg": a person is not what is weighed
        return key == "ile" and any(w.key == "tyle" for w in words[:j])

    def _numeral_after_preposition(self, s: _Sentence) -> None:
        """*od pięć lat* → *od pięciu lat*, *do dwa tygodnie* → *do dwóch tygodni*: after a
        preposition that takes one case, never the accusative (*od*, *do*, *bez*, *dla*,
        *u*, *około*, *dzięki*, *przy* …), a counting numeral takes that case too, every word
        of it (*od dwadzieścia pięć* → *od dwudziestu pięciu*), and the noun its genitive
        plural. A date's thousands stay (*od dwa tysiące piętnastego roku*)."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            if not self._grammar.is_prep(w) or self._grammar.is_verb(w):
                continue
            cases = self._grammar.prep_cases(w)
            k = j + 1
            counted: list[tuple[int, Reading]] = []
            while k < len(words) and not words[k].boundary_before:
                nums = [r for r in self._read(words[k].text) if r.pos == "num"]
                if not nums or words[k].key in INDEFINITE_NUMERALS:
                    break
                if any(r.lemma in _INDEFINITE_LEMMAS for r in nums):
                    break
                counted.append((k, nums[0]))
                k += 1
            numeral_cases = [
                r.case for i, _ in counted for r in self._read(words[i].text) if r.pos == "num"
            ]
            if not counted or not all(c <= {"nom", "acc", "voc"} for c in numeral_cases):
                continue  # already in the case (or could be): leave it
            head = self._phrase_head(words, k) if k < len(words) else None
            if head is None or self._ordinal_between(words, k, head, "rec"):
                continue
            if any(
                r.lemma in ("tysiąc", "milion")
                for i, _ in counted
                for r in self._read(words[i].text)
            ):
                continue
            nouns = [r for r in self._nouns(words[head]) if "pl" in r.number]
            if not nouns:
                continue
            case = self._counted_case(cases, nouns)
            if case is None:
                continue
            gender = nouns[0].gender
            forms = [
                self._form(r.full_lemma, ("num",), case=case, gender=gender) for _, r in counted
            ]
            if any(f is None for f in forms):
                continue
            several = "several" if len(cases) > 1 else None  # "After *z* use … here"
            for (i, r), form in zip(counted, forms, strict=True):
                if form is not None and self._set(s, i, form):
                    s.reasons[i] = replace(
                        self._preposition_facts(w, words[i], form, r, case), detail=several
                    )
            if self._recase(s, head, (case,), "pl"):
                noun = nouns[0]
                s.reasons[head] = self._preposition_facts(w, words[head], s.fixes[head], noun, case)

    @staticmethod
    def _counted_case(cases: frozenset[str], nouns: list[Reading]) -> str | None:
        """The case a numeral after a preposition of ``cases`` takes: the preposition's one
        case (never the nominative or accusative, as the numeral's), or, after one of two
        cases, the one the plural noun after it is in alone (*z dwa kolegami* → *z dwoma*, *po
        trzy tygodniach* → *po trzech*; not *za dwa tygodnie*, *po dwa jabłka*, nor the
        genitive plural a numeral from five counts with: *za pięć minut*)."""
        if len(cases) == 1:
            return None if cases & {"nom", "acc"} else next(iter(cases))
        shown = {c for r in nouns for c in r.case & cases}
        if len(shown) != 1 or not all(r.case & cases == shown for r in nouns):
            return None
        case = next(iter(shown))
        return None if case in ("nom", "acc", "gen") else case

    def _preposition_facts(
        self, prep: Word, word: Word, form: str, reading: Reading, case: str
    ) -> explain.InflectionFacts:
        """Why a word after a preposition changed: the preposition's case."""
        return explain.InflectionFacts(
            expected=form,
            got=word.text,
            feature="case",
            expected_value=case,
            got_value=None,
            rule="case.preposition",
            trigger=prep.text,
            lemma=reading.lemma,
            number="pl",
        )

    def _bare_locative(self, s: _Sentence) -> None:
        """*Ci ludziach* → *Ci ludzie*: the locative is only ever after a preposition, so a
        noun that can be nothing but a locative, with no preposition before its phrase, takes
        the one case and number the demonstrative or adjective before it shows."""
        words = s.current()
        for k in range(1, len(words)):
            if k in s.fixes or words[k].boundary_before or k - 1 in s.fixes:
                continue
            nouns = self._nouns(words[k])
            if not nouns or self._is_name(words[k]):
                continue
            if any(r.case - {"loc"} for r in self._morph.analyse(words[k].text) if r.pos != "prep"):
                continue
            start = k - 1
            if self._grammar.is_prep(words[start]):
                continue
            readings = self._read(words[start].text)
            mods = [r for r in readings if r.pos == "adj"]
            if not mods or any(r.lemma in _RELATIVES for r in mods):
                continue
            if any(r.pos in _PRONOUNS for r in readings) and not (
                start == 0 or words[start].boundary_before
            ):
                continue  # "Dam ci ludzi": the pronoun ci (to you), but for a sentence's first
            if start > 0 and not words[start].boundary_before:
                if (
                    self._grammar.is_prep(words[start - 1])
                    or self._read(words[start - 1].text)
                    and all(
                        r.pos in ("adj", "adv", "num") for r in self._read(words[start - 1].text)
                    )
                ):
                    continue  # "w tych ludziach", "w bardzo wielu": a longer phrase
            noun = nouns[0]
            if any("loc" in r.case and _agrees(r, n) for r in mods for n in nouns):
                continue  # "w kasku i białych goglach": the phrase of a preposition before
            shapes = {
                (c, n)
                for r in mods
                if r.gender & noun.gender
                for c in r.case - {"voc", "loc"}
                for n in r.number
            }
            if len(shapes) != 1:
                continue
            case, number = shapes.pop()
            form = self._form(
                noun.full_lemma, (noun.pos,), case=case, number=number, gender=noun.gender
            )
            if form is not None and self._set(s, k, form):
                s.reasons[k] = explain.InflectionFacts(
                    expected=form,
                    got=words[k].text,
                    feature="case",
                    expected_value=case,
                    got_value="loc",
                    rule="agreement.adjective",
                    trigger=words[start].text,
                    lemma=noun.lemma,
                    number=number,
                    detail="bare_locative",
                )

    def _children_counted(self, s: _Sentence, words: list[Word], j: int, head: int) -> bool:
        """*Mam dwa dzieci* → *dwoje dzieci*, *trzy dziecka* → *troje dzieci*: children are
        counted with a collective numeral, 2 to 4 too (its noun in the genitive plural); only
        the numeral's nominative or accusative (*z dwojgiem dzieci* is another case)."""
        collective = _COLLECTIVE_TWO_TO_FOUR.get(words[j].key)
        nouns = self._nouns(words[head])
        if (
            collective is None
            or not nouns
            or any(r.lemma != "dziecko" for r in nouns)
            or any(words[k].boundary_before for k in range(j + 1, head + 1))
        ):
            return False
        if self._recase(s, head, ("gen",), "pl", counted=True):
            s.reasons[head] = replace(
                _case_facts(s, words[head], head, "gen", "case.numeral", collective, "dziecko"),
                detail="rec",
            )
        if self._set(s, j, collective):
            s.reasons[j] = explain.InflectionFacts(
                expected=s.fixes[j],
                got=words[j].text,
                feature="gender",
                expected_value="n",
                got_value=None,
                rule="agreement.adjective",
                trigger=s.fixes.get(head, words[head].text),  # the noun as it will read
                lemma=words[j].key,
                number="pl",
                detail="collective",
            )
        return True

    def _two_for_gender(self, s: _Sentence, j: int, head: int) -> None:
        """*dwa córki* → *dwie córki*, *dwie koty* → *dwa koty*: 2 and both have a form for
        feminine nouns."""
        words = s.current()
        pair = _TWO_FORMS.get(words[j].key)
        if pair is None:
            return
        genders = {
            "f" if r.gender == frozenset({"f"}) else "other" if "m1" not in r.gender else "m1"
            for r in self._nouns(words[head])
            if "pl" in r.number and r.case & {"nom", "acc"}
        }
        if len(genders) != 1 or "m1" in genders:
            return  # men: _numeral_for_people; a noun of two genders: not sure
        want = pair[0] if genders == {"f"} else pair[1]
        if want != words[j].key:
            self._set(s, j, want)  # (_set keeps a capital letter)

    def _few_men(self, s: _Sentence, words: list[Word], j: int, nums: list[Reading]) -> None:
        """*Mam kilka dobrych przyjaciół* → *kilku*, *Znam wiele ludzi* → *wielu*: *kilka*,
        *wiele*, *kilkanaście* … in their form for things (nominative or accusative) before men in
        the genitive plural take their form for men, in any case (*kilku przyjaciół*; the
        other way, *kilku książek*, is right in the genitive, dative and locative)."""
        if not nums or any("m1" in r.gender or not r.case <= {"nom", "acc", "voc"} for r in nums):
            return
        if any(r.lemma in ("parę", "paręnaście") for r in nums):
            return  # "parę ludzi" is said and written (the GEC set's teachers keep it)
        head = self._phrase_head(words, j + 1)
        if head is None or any(words[k].boundary_before for k in range(j + 1, head + 1)):
            return
        nouns = self._nouns(words[head])
        if words[head].text[:1].isupper() and any(r.lemma[:1].isupper() for r in nouns):
            nouns = [r for r in nouns if r.lemma[:1].isupper()]  # "kilka Polaków": the
            # capital, within the sentence, says the people (Polak), not the slang polak
        if not nouns or not all(
            r.gender == frozenset({"m1"}) and r.number == frozenset({"pl"}) and "gen" in r.case
            for r in nouns
        ):
            return
        form = self._numeral_for_men(nums[0], ":rec")
        if form and self._set(s, j, form):
            s.reasons[j] = explain.InflectionFacts(
                expected=s.fixes[j],
                got=words[j].text,
                feature="gender",
                expected_value="m1",
                got_value=None,
                rule="agreement.adjective",
                trigger=words[head].text,
                lemma=nums[0].lemma,
                number="pl",
                gender="m1",
            )

    def _numeral_for_people(self, words: list[Word], j: int, head: int) -> str | None:
        """Men counted take the numeral's masculine personal form and the genitive plural
        (*trzech braci*, *pięciu studentów*): that form of numeral j when the noun at ``head``
        names men only and the numeral is in a nominative or accusative form for things; ""
        when it is men but the form is not sure (leave it); None when it is not men."""
        nouns = self._nouns(words[head])
        if not nouns or not all(r.gender == frozenset({"m1"}) for r in nouns):
            return None
        nums = [r for r in self._read(words[j].text) if r.pos == "num"]
        if not nums or any("m1" in r.gender for r in nums):
            return None  # "trzech", "dwaj": already a form for men
        if not all(r.case & {"nom", "acc"} for r in nums):
            return ""
        if j > 0 and self._grammar.is_prep(words[j - 1]):
            return ""
        return self._numeral_for_men(nums[0], ":rec")

    def _plural_verb_after(self, words: list[Word], head: int) -> bool:
        """Is the word after ``head`` a finite verb in the plural only (*prowadzą*, *przyszli*)?"""
        k = head + 1
        if k >= len(words) or words[k].boundary_before:
            return False
        verbs = [r for r in self._read(words[k].text) if r.pos in ("fin", "praet")]
        return bool(verbs) and all(r.number == frozenset({"pl"}) for r in verbs)

    def _numeral_for_subject(self, words: list[Word], j: int, head: int) -> str:
        """The nominative for men of numeral j (*dwaj*, *trzej*, *czterej*, *obaj*), when the
        noun at ``head`` is already a nominative plural for men (*bracia*, *synowie*); "" when
        there is none (*pięciu*: its verb is singular) or the noun is in another form."""
        if not any(
            "nom" in r.case and r.number == frozenset({"pl"}) for r in self._nouns(words[head])
        ):
            return ""
        nums = [r for r in self._read(words[j].text) if r.pos == "num"]
        if not nums:
            return ""
        return self._numeral_for_men(nums[0], ":congr")

    def _numeral_for_men(self, numeral: Reading, kind: str) -> str:
        """The numeral's most frequent nominative for men of ``kind`` (``:rec``: *dwóch*,
        *pięciu*, with a singular verb; ``:congr``: *dwaj*, *trzej*), or ""."""
        forms = [
            g.form
            for g in self._morph.generate(numeral.full_lemma)
            if g.pos == "num" and "nom" in g.case and "m1" in g.gender and kind in g.tag
        ]
        return max(forms, key=lambda f: self._frequency(f.lower()), default="")

    def _ordinal_between(self, words: list[Word], start: int, head: int, kind: str) -> bool:
        """An adjective between the number and the noun that agrees with the noun, but not as
        a counted plural would (*pięćdziesiątym roku*, *dziewięćdziesiątego piątego roku*)."""
        wanted = {"gen"} if kind in ("rec", "indef") else {"nom", "acc"}
        return any(
            self._agrees_with(words[k], words[head])
            and not any(
                wanted & r.case and "pl" in r.number
                for r in self._read(words[k].text)
                if r.pos in ADJ_CLASSES
            )
            for k in range(start, head)
        )

    def _fraction_between(self, words: list[Word], start: int, head: int) -> bool:
        """An ordinal used as a noun between the number and the noun (*dwie trzecie*, *trzy
        czwarte*): a fraction, what the number counts, the noun after it in the genitive only
        (not *pięć nowych książki*, where *nowych* agrees as the count asks)."""
        if not self._could_be(words[head], ("gen",)) or self._could_be(words[head], ("nom", "acc")):
            return False
        return any(
            any(r.pos == "subst" and r.case & {"nom", "acc"} for r in readings)
            and not any("gen" in r.case for r in readings)
            and {r.lemma for r in readings if r.pos == "subst"}
            <= {r.lemma for r in readings if r.pos == "adj"}
            for readings in (self._read(words[k].text) for k in range(start, head))
        )

    def _day_of_month(self, words: list[Word], start: int, head: int) -> bool:
        """A day's ordinal between ``start`` and the month at ``head`` (*w piąty maj*): a date,
        whose day and month are both in the genitive (*piątego maja*), not a month the
        ordinal would agree with (*w piątym maju*); what the learner meant is left alone."""
        return any(
            r.lemma in _DAY_ORDINALS and r.pos in ADJ_CLASSES
            for k in range(start, head)
            for r in self._read(words[k].text)
        )

    def _a_year(self, words: list[Word], j: int, head: int) -> bool:
        """A year said in numbers before *roku* in the singular (*w tysiąc dziewięćset
        osiemdziesiąt roku*, *od dwa tysiące dwadzieścia roku*): its last number should be an
        ordinal (*osiemdziesiątym*, *dwudziestego*), not the noun a plural. A year when a
        thousand opens the numbers or a preposition comes before them (*pięć roku* alone is
        a count: *pięć lat*)."""
        if not any(
            r.lemma == "rok" and "sg" in r.number and not r.case & {"nom", "acc"}
            for r in self._nouns(words[head])
        ):
            return False
        first = j
        while first > 0 and self._numeral_word(words[first - 1]):
            first -= 1
        return any(words[k].key.startswith("tysi") for k in range(first, j + 1)) or (
            first > 0 and self._grammar.is_prep(words[first - 1])
        )

    def _digit_counts_plural(self, words: list[Word], j: int, head: int, kind: str) -> bool:
        """A plural noun after digits is only changed from the nominative/accusative plural a
        learner writes after 5+ (*Mam 25 lata* → *lat*), or from a genitive plural after 2–4
        (*Mam 22 lat* → *lata*) where nothing asks for the genitive (not *Nie mam 22 lat*);
        a singular one always (*Mam 5 kot*)."""
        nouns = self._nouns(words[head])
        if not any("pl" in r.number for r in nouns):
            return True
        plural = [r for r in nouns if "pl" in r.number]
        if kind == "rec":
            return all(r.case <= {"nom", "acc", "voc"} for r in plural)
        if kind == "congr":
            clause = self._grammar.clause(words, j)
            if any(words[k].key == "nie" for k in clause):
                return False
            return all(r.case == {"gen"} for r in plural)
        return False

    def _counting_digit(self, s: _Sentence, words: list[Word], j: int) -> bool:
        """A number in digits that counts the word after it (*Mam 5 kot*): not an ordinal
        (*107. odcinek*), a year, a date, or a house number after a street's name."""
        w = words[j]
        if int(w.text) >= 100:
            return False
        before = s.text[w.start - 1 : w.start] if w.start > 0 else " "
        after = s.text[w.end : w.end + 1]
        if not before.isspace() or not after.isspace():
            return False  # "107.", "18.00", "2+", "8/12"
        if s.text[: w.start].rstrip().endswith("."):
            return False  # "art. 5", "ust. 2", "nr. 3": a number after an abbreviation
        if j > 0 and self._grammar.is_prep(words[j - 1]):
            return False  # "na 6 miejscu": an ordinal in digits
        if j + 1 >= len(words) or not words[j + 1].text[:1].islower():
            return False
        opens = j == 1 or j > 1 and words[j - 1].boundary_before  # "Mam 5 kot": a capital
        if j > 0 and (self._nouns(words[j - 1]) or words[j - 1].text[:1].isupper() and not opens):
            return False  # "ul. Długa 5", "Gdynia 3": a house number after a name
        readings = self._morph.analyse(words[j + 1].text)
        if any(r.lemma in MONTHS for r in readings):
            return False  # "5 maja": a date
        nouns = [r for r in readings if r.pos in _NOUNS]
        # "art. 5 dyrektywy", "z 3 klasy": a genitive singular may be what the number names;
        # lata, the plural of rok, is counted (Mam 25 lata)
        return (
            not any("gen" in r.case and r.number == {"sg"} for r in nouns)
            or words[j + 1].key == "lata"
        )

    def _prepositions(self, s: _Sentence) -> None:
        words = s.current()
        for j, w in enumerate(words):
            if not self._grammar.is_prep(w) or self._grammar.is_verb(w):
                continue
            if w.key == "co" or any(r.pos in ("conj", "comp") for r in self._morph.analyse(w.text)):
                continue  # "a", "jako", "co": more often not a preposition
            if j + 1 < len(words) and (
                (w.key, words[j + 1].key) in _BOUND_PHRASES
                or words[j + 1].key in _SET_PHRASES.get(w.key, ())
            ):
                continue  # (*po swojemu*, *do niedawna*: no noun's phrase follows)
            if (
                j > 0
                and words[j - 1].key == "nie"
                and any(r.pos == "part" for r in self._morph.analyse(w.text))
            ):
                continue  # "nie lada klasą": a particle, the noun's case is its verb's
            cases = self._grammar.prep_cases(w)
            if not cases:
                continue
            head = self._phrase_head(words, j + 1)
            if head is None or self._numeral_between(words, j, head):
                continue
            nouns = self._nouns(words[head])
            if not nouns or self._foreign_name(words[head]) or self._foreign_title(words, head):
                continue
            if self._likelier_lettered(words[head].key):
                continue  # "Przez cala noc": cała without its letters, not *cala* (of cal)
            if (
                head == j + 2
                and words[j + 1].key == "tym"
                and self._could_be(words[head], ("dat",), "pl")
                and not self._could_be(words[head], ("nom",))
            ):
                continue  # "Powiedział o tym prokuratorom": *o tym* is whole (about it), the
                # dative plural after it the verb's (to whom), though *tym* may be one too
            if any(r.lemma in MONTHS for r in nouns) and self._day_of_month(words, j + 1, head):
                continue  # "w piąty maj": a date, meant as piątego maja (not *w piątym maju*)
            # (the verb that decided between where and where to, and which it chose)
            framing: tuple[str | None, str] | None = None
            if w.key in ("w", "we") and any(r.lemma in MONTHS for r in nouns):
                cases = cases & {"loc"} or cases  # "W grudzień jest zimno" → w grudniu
            elif (
                w.key in ("w", "we")
                and words[head].text.islower()
                and any(r.lemma in WEEKDAYS and "sg" in r.number for r in nouns)
            ):
                # "W środa pracuję" → w środę: a day takes the accusative (not *w środzie*;
                # *w Środzie Śląskiej*, the town, is written with a capital)
                cases = cases & {"acc"} or cases
            elif (
                w.key in ("w", "we", "na")
                and not any(r.lemma in _DAYS or r.lemma in TIME_NOUNS for r in nouns)
                and self._static_clause(words, j)
            ):
                # "Mieszkam w Gdańsk" → w Gdańsku: a place; a time is not one (*Obiad jest w
                # południe*, *na chwilę*)
                cases = cases & {"loc"} or cases
                framing = self._verb_before(words, j), "place"
            elif w.key in ("przed", "przede") and any(r.lemma in _BEFORE_TIMES for r in nouns):
                cases = cases & {"inst"} or cases  # "Przed obiad idę na spacer": before it
            elif (
                w.key in ("nad", "pod", "przed", "za")
                and (w.key != "za" or any(r.lemma in _ABROAD for r in nouns))
                and not any(r.lemma in TIME_NOUNS or r.lemma in _ACCUSATIVE_IDIOMS for r in nouns)
                and self._static_clause(words, j)
            ):
                # "Mieszkam nad rzekę" → nad rzeką, "Pracuję za granicę" → za granicą: where;
                # not a time (*pod wieczór*) or a set phrase (*pod koniec*), nor za + a price
                # or a reason (*Pracuję za grosze*, *Siedzi za kradzież*)
                cases = cases & {"inst"} or cases
                framing = self._verb_before(words, j), "place"
            elif (verb := self._going_to(words, j, head)) is not None:
                # "Idę na poczcie" → na pocztę: where to
                cases = cases & {"acc"} or cases
                framing = verb, "motion"
            if (
                w.key == "o"
                and not self._first_name(words[head])  # "o Tomek": _preposition_names's
                and self._could_be(words[head], ("nom",))
                and not self._could_be(words[head], ("loc",))
                and not any(r.lemma in TIME_NOUNS for r in nouns)
                and self._framed_case(words, j, cases) == "loc"
            ):
                # "Myślę o mój dom": myśleć o + the locative; the learner's dictionary form
                # only looks like the accusative
                self._recase(s, head, ("loc",), trigger=w.text if head == j + 1 else None)
                continue
            thanked = self._for_what(words, j, head, cases, nouns)
            if thanked is not None:
                if self._recase(s, head, ("acc",)):
                    s.reasons[head] = replace(
                        self._preposition_facts(w, words[head], s.fixes[head], nouns[0], "acc"),
                        number=s.assigned[head][1],
                        got_value="gen",
                        verb_lemma=thanked,
                        detail="framed",
                    )
                continue
            if self._could_be(words[head], cases, places=True):
                fits = [c for c in sorted(cases) if self._could_be(words[head], (c,))]
                if len(fits) == 1:
                    # "z mlekiem i cukier"; "między bankiem a poczta" (not "między bank a
                    # poczta": bank's nominative says nothing of the case meant)
                    between = w.key in _BETWEEN and not self._could_be(words[head], ("nom",))
                    k = self._coordinated(s, words, head, fits[0], between=between)
                    if k is not None:
                        s.reasons[k] = self._preposition_facts(
                            w, words[k], s.fixes[k], self._nouns(words[k])[0], fits[0]
                        )
                continue
            if (
                j > 0
                and any(r.pos == "adv" for r in self._morph.analyse(w.text))
                and self._agrees_with(words[j - 1], words[head])
            ):
                continue  # "stojącą obok kobietę": obok is an adverb here (od never is)
            if self._instrumental_inside(words, j, head, cases):
                continue  # "dla wysokich stopniem urzędników", "obok rowerem chłopca"
            if (
                head > j + 1
                and any(
                    (
                        r.lemma in _DEMONSTRATIVES
                        or words[j + 1].text[:1].isupper()
                        and words[head].text.islower()
                    )
                    and r.case & cases
                    for r in self._read(words[j + 1].text)
                )
                and not self._agrees_with(words[j + 1], words[head])
            ):
                continue  # "przy tym mały żaglowiec": "przy tym" is a phrase of its own, and so
                # is a name in the preposition's case before a common noun ("od Szczytnej
                # wzniesienie": the town's; not "w Nowym Sącz", a name of two words)
            if self._other_preposition(words, j, head, cases):
                continue
            # a form the learner wrote is not recased on a guess; one our spelling made
            # is (*Na twarza*: twarzą, a diacritic's guess, → twarzy)
            ours = words[head].text.casefold() in s.respelt
            want = self._prep_case(words, j, cases, words[head], guess=ours)
            shown = self._modifiers_case(words, j + 1, head, cases, nouns)
            if shown is not None and (
                len(cases) == 1 or self._framed_case(words, j, cases) is None
            ):
                want = shown  # "po skalistym terenu" → terenie: the adjective shows the case
                # meant; the noun is the odd one out (not "po skalisty teren")
            after = self._modifier_after_case(words, head, cases, nouns) if shown is None else None
            if after is not None and (
                len(cases) == 1 or self._framed_case(words, j, cases) is None
            ):
                want = after  # "w sposobu nowoczesny" → w sposób: the adjective after it, too
            if want is not None:
                number = (
                    "sg"
                    if want == "loc" and head == j + 1 and self._e_plural(words[head])
                    else "pl"
                    if self._plural_modifiers(words, j + 1, head, want)
                    else self._number_after(words, head)
                )
                if want == "loc" and number is None and self._number_unsure(words[head]):
                    continue  # "Byliśmy w góry": w górach (not *w górze*, of góry's genitive)
                lemmas = (
                    _ON_PLACES | _ABROAD | _WATERS
                    if framing is not None and framing[1] == "motion"
                    else None
                )
                recased = self._recase(
                    s,
                    head,
                    (want,),
                    number,
                    trigger=w.text if head == j + 1 else None,
                    lemmas=lemmas or frozenset(),
                )
                if recased and head not in s.endings:
                    sense = (
                        "with"
                        if w.key in ("z", "ze") and want == "inst"  # "z Ania": with her
                        else "price"
                        if want == "acc" and self._price(words, j, words[head])
                        else "before"
                        if w.key in ("przed", "przede")
                        and want == "inst"
                        and any(r.lemma in _BEFORE_TIMES for r in nouns)
                        else None
                    )
                    reading = next(
                        (r for r in self._nouns(words[head]) if lemmas and r.lemma in lemmas),
                        self._nouns(words[head])[0],
                    )
                    if sense is not None:
                        s.reasons[head] = self._sense_facts(
                            w, words[head], s.fixes[head], reading, want, sense
                        )
                    elif framing is not None and framing[0] is not None:
                        s.reasons[head] = replace(
                            self._sense_facts(
                                w, words[head], s.fixes[head], reading, want, framing[1]
                            ),
                            verb_lemma=framing[0],
                        )
                    self._joined_after_preposition(s, words, j, head, want)

    def _for_what(
        self, words: list[Word], j: int, head: int, cases: frozenset[str], nouns: list[Reading]
    ) -> str | None:
        """*Dziękuję za pomocy* → *za pomoc*: after a verb whose frame is *za* + the accusative
        (for what: *dziękować*, *przepraszać*, *płacić za*), a noun that can only be the
        genitive of *za*'s three cases. The verb's lemma, if so. *za* + the genitive is only
        "in the time of" (*za młodu*, *za czasów*, *za komuny*, *za Gierka*): not after a verb
        of motion, nor a time's noun, a person's or a name, nor a masculine genitive in -a."""
        if words[j].key != "za" or self._motion(words, j):
            return None
        fits = [c for c in sorted(cases) if self._could_be(words[head], (c,))]
        if fits != ["gen"] or words[head].text[:1].isupper() or self._is_name(words[head]):
            return None
        if not (
            head + 1 == len(words)
            or words[head + 1].boundary_before
            or self._grammar.is_prep(words[head + 1])
        ):
            return None  # "za tego typu pytania": a genitive before the phrase's own noun
        if any(
            r.lemma in TIME_NOUNS
            or self._person(r)
            or "m1" in r.gender
            or r.gender & {"m2", "m3"}
            and "sg" in r.number
            and words[head].key.endswith("a")
            for r in self._morph.analyse(words[head].text)
            if r.pos in _NOUNS
        ):
            return None  # (a man's genitive in -a is a living being's accusative too: *uważał
            # się za ułomka*, a weakling, though SGJP knows ułomek only as a fragment)
        clause = self._grammar.clause(words, j)
        reflexive = any(words[k].key == "się" for k in clause)
        table = self._grammar.table
        lemmas = {
            r.lemma + " się"
            if reflexive and table.frames(r.lemma, True) != table.frames(r.lemma)
            else r.lemma
            for k in clause
            if k < j
            for r in self._read(words[k].text)
            if r.pos in ("fin", "praet", "inf", "impt", "bedzie", "cond", "imps")
            and any(f.after("za") for f in table.prep_frames(r.lemma, reflexive))
        }  # (*wziąć się za pracę*: the verb with its się)
        if len(lemmas) != 1 or self._framed_case(words, j, cases) != "acc":
            return None
        return lemmas.pop()

    def _instrumental_inside(
        self, words: list[Word], j: int, head: int, cases: frozenset[str]
    ) -> bool:
        """Is the noun at ``head`` after preposition j an instrumental the preposition does not
        take, followed by a noun in a case it takes that every word between them agrees with
        (*dla wysokich stopniem urzędników*: urzędników is dla's, stopniem says in what;
        *jadącego obok rowerem chłopca*: chłopca, riding by bike)? Then the instrumental is
        not the preposition's noun."""
        nxt = head + 1
        if "inst" in cases or nxt >= len(words) or words[nxt].boundary_before:
            return False
        if not self._could_be(words[head], ("inst",)) or not self._nouns(words[nxt]):
            return False
        if not any(self._could_be(words[nxt], (c,)) for c in cases):
            return False
        between = range(j + 1, head)
        if not all(self._agrees_with(words[m], words[nxt]) for m in between):
            return False
        # a word between that agrees with the noun after only, or a preposition that is an
        # adverb too (obok, naprzeciw, wokół): not a learner's wrong ending (*do domem kolegi*)
        return any(not self._agrees_with(words[m], words[head]) for m in between) or any(
            r.pos == "adv" for r in self._morph.analyse(words[j].text)
        )

    def _as_subject(self, s: _Sentence) -> None:
        """*Pracuję jako lekarzem* → *jako lekarz*: after *jako* (as) a noun is in the case
        of the word it describes. Right after the clause's finite verb (and its *się*), with
        no object between, that is the subject, in the Nominative; a noun there that is
        only an instrumental (*z nim jako lekarzem* describes *nim*: left alone) is made
        nominative."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            if w.key != "jako" or j == 0 or w.boundary_before:
                continue
            v = j - 2 if words[j - 1].key == "się" and j > 1 else j - 1
            if any(words[k].boundary_before for k in range(v + 1, j + 1)):
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in VERBAL]
            if not verbs or not all(r.pos in ("fin", "praet") for r in verbs):
                continue  # (an infinitive's or a participle's subject is not in sight)
            head = self._phrase_head(words, j + 1)
            if head is None or head in s.fixes or self._is_name(words[head]):
                continue
            if head + 1 < len(words) and words[head + 1].key in _AND:
                continue  # "jako tłumaczem i lektorem": both or neither (left)
            nouns = self._nouns(words[head])
            if not nouns or not all(r.case == frozenset({"inst"}) for r in nouns):
                continue
            if self._recase(s, head, ("nom",)):
                s.reasons[head] = replace(
                    self._preposition_facts(w, words[head], s.fixes[head], nouns[0], "nom"),
                    detail="as_subject",
                )

    def _where_subject(self, s: _Sentence) -> None:
        """*Gdzie jest dworca?* → *dworzec*: after *Gdzie jest* (*są*, *był* …) the thing
        asked about is the subject, in the Nominative; a noun there that is only a genitive
        (the genitive of *Nie ma dworca* carried over), in the verb's number, that ends the
        clause is made nominative. Not after a negated verb."""
        words = s.current()
        for j, w in enumerate(words[:-2]):
            if w.key != "gdzie" or not (j == 0 or w.boundary_before):
                continue
            v = j + 1
            verbs = [
                r
                for r in self._read(words[v].text)
                if r.lemma == "być" and r.pos in ("fin", "praet")
            ]
            if not verbs or words[v].boundary_before or not all("ter" in r.person for r in verbs):
                continue
            head = self._phrase_head(words, v + 1)
            if head is None or head in s.fixes or self._is_name(words[head]):
                continue
            if head + 1 < len(words) and not words[head + 1].boundary_before:
                continue
            nouns = self._nouns(words[head])
            numbers = {n for r in verbs for n in r.number}
            if not nouns or not all(r.case == frozenset({"gen"}) for r in nouns):
                continue
            if not all(r.number <= numbers for r in nouns) or len(nouns[0].number) != 1:
                continue
            if self._recase(s, head, ("nom",)):
                s.reasons[head] = explain.InflectionFacts(
                    expected=s.fixes[head],
                    got=words[head].text,
                    feature="case",
                    expected_value="nom",
                    got_value="gen",
                    rule="case.subject",
                    trigger=words[v].text,
                    lemma=nouns[0].lemma,
                )

    def _foreign_name(self, word: Word) -> bool:
        """A capitalised first name that is only ever a plural of a Polish one (*Marie*: Maria's
        plural): one person's foreign name, which does not decline (*z Marie*), not several
        Marias."""
        if not (word.text[:1].isupper() and self._morph.is_first_name(word.text)):
            return False
        names = [r for r in self._morph.analyse(word.text) if r.lemma[:1].isupper()]
        return bool(names) and all(r.number == frozenset({"pl"}) for r in names)

    def _foreign_title(self, words: list[Word], i: int) -> bool:
        """Is word i, capitalised, the start of a name of capitalised words one of which is
        not Polish (*w Stella Adler Academy*, *w Royal Albert Hall*)? A foreign name, written
        as it is: not declined."""
        if not words[i].text[:1].isupper():
            return False
        k = i + 1
        while k < len(words) and not words[k].boundary_before and words[k].text[:1].isupper():
            if not self._known(words[k].text) or self._english(words[k].text):
                return True
            k += 1
        return False

    def _only_plural_adjective(self, word: Word) -> bool:
        """An adjective that is nothing but a plural (*wolnych*, *ciekawych*; also a noun of
        its own, *wolne*, in the plural only)."""
        readings = self._read(word.text)
        return any(r.pos in ADJ_CLASSES for r in readings) and all(
            r.number == frozenset({"pl"}) for r in readings
        )

    def _number_after(self, words: list[Word], head: int) -> str | None:
        """The one number in which the adjective right after the noun at ``head`` agrees with
        it, if any: *w Góry Stołowe* is plural (*w Górach Stołowych*, not *w Górze*)."""
        k = head + 1
        if k >= len(words) or words[k].boundary_before:
            return None
        mods = [r for r in self._read(words[k].text) if r.pos in ("adj", "ppas", "pact")]
        nouns = self._nouns(words[head])
        numbers = {n for m in mods for r in nouns if _agrees(m, r) for n in m.number & r.number}
        return next(iter(numbers)) if len(numbers) == 1 else None

    def _number_unsure(self, word: Word) -> bool:
        """A noun's form that is a plural's nominative and a singular's other case (*góry*,
        *światła*): the learner's plural, or a singular's wrong case, is not sure (a name's
        form, *Zakopane*, is one place's)."""
        nouns = self._nouns(word)
        return (
            word.text.islower()
            and any("pl" in r.number and r.case & {"nom", "acc"} for r in nouns)
            and any(r.number == frozenset({"sg"}) for r in nouns)
        )

    def _e_plural(self, word: Word) -> bool:
        """A plural in *-e* right after a preposition of the locative (*w szpitale*, *w hotele*,
        *na plaże*): *-e* is the commonest locative singular ending (*w lesie*), put on a noun
        that takes another (*w szpitalu*); the learner means one, not several (*szpitalach*)."""
        nouns = self._nouns(word)
        return (
            word.key.endswith("e")
            and bool(nouns)
            and all(r.number == frozenset({"pl"}) for r in nouns)
            and all(r.case & {"nom", "acc"} for r in nouns)
        )

    def _bare_infinitive(self, s: _Sentence) -> None:
        """*On mieszkać w Krakowie* → *mieszka*: a personal pronoun subject right before an
        infinitive, with no other verb in the clause, asks for the finite form (present
        tense: the infinitive of an imperfective verb only)."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            feats = _PRONOUN_FEATURES.get(w.key)
            v = j + 1
            if feats is None or words[v].boundary_before or v in s.fixes:
                continue
            readings = self._read(words[v].text)
            infs = [r for r in readings if r.pos == "inf" and "imperf" in r.aspect]
            if not infs or len(readings) != len(infs) or words[v].key == "się":
                continue
            clause = self._grammar.clause(words, v)
            if any(
                k != v and self._grammar.is_verb(words[k]) or words[k].key in ("?", "by")
                for k in clause
            ):
                continue  # "Ja chcę mieszkać", "On by mieszkać …": another verb rules
            person, number, gender = feats
            form = self._form(infs[0].full_lemma, ("fin",), number=number, person=person)
            if form is None or not self._set(s, v, form):
                continue
            s.reasons[v] = explain.InflectionFacts(
                expected=form,
                got=words[v].text,
                feature="person",
                expected_value=person,
                got_value=None,
                rule="agreement.subject_verb",
                trigger=w.text,
                lemma=infs[0].lemma,
                number=number,
                person=person,
                gender=_one(gender) if gender else None,
                detail="infinitive",
            )

    def _percent(self, s: _Sentence) -> None:
        """*dziesięć procent rabat* → *rabatu*: a noun after a counted *procent* (a word of
        quantity) is in the genitive, in the number the learner gave it."""
        words = s.current()
        for k, w in enumerate(words[:-1]):
            if w.key != "procent" or k == 0 or words[k + 1].boundary_before:
                continue
            before = words[k - 1]
            if not (before.text.isdecimal() or self._numeral_word(before)):
                continue
            head = self._phrase_head(words, k + 1)
            if head is None or head != k + 1:
                continue
            nouns = self._nouns(words[head])
            if not nouns or self._could_be(words[head], ("gen",)):
                continue
            if not all(r.case <= {"nom", "acc", "voc"} for r in nouns):
                continue  # "dziesięć procent mniej", a noun of its own case: left
            if self._recase(s, head, ("gen",)):
                s.reasons[head] = explain.InflectionFacts(
                    expected=s.fixes[head],
                    got=words[head].text,
                    feature="case",
                    expected_value="gen",
                    got_value=None,
                    rule="case.numeral",
                    trigger=w.text,
                    lemma=nouns[0].lemma,
                    detail="indef",
                )

    def _clock_times(self, s: _Sentence) -> None:
        """*o ósma* → *o ósmej*, *do dziesiąta* → *do dziesiątej*: an hour is a feminine
        ordinal (godzina understood) in the preposition's case; only when no noun follows."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            case = _HOUR_PREPOSITIONS.get(w.key)
            nxt = words[j + 1]
            if case is None or nxt.boundary_before or j + 1 in s.fixes:
                continue
            hours = self._hour_nominative(nxt)
            if not hours or any(case in r.case for r in hours):
                continue
            if not all("nom" in r.case for r in hours):
                continue
            # "o dwudziesta trzecia": both words of the hour (o dwudziestej trzeciej)
            last = j + 1
            if (
                hours[0].lemma == "dwudziesty"
                and last + 1 < len(words)
                and not words[last + 1].boundary_before
                and last + 1 not in s.fixes
                and (more := self._hour_nominative(words[last + 1]))
                and all("nom" in r.case for r in more)
            ):
                last += 1
            after = last + 1
            if (
                after < len(words)
                and not words[after].boundary_before
                and self._nouns(words[after])
            ):
                continue  # "o ósma godzina": the noun's phrase, for the other rules
            for k in range(j + 1, last + 1):
                hour = self._hour_nominative(words[k])[0]
                form = self._form(
                    hour.full_lemma, ("adj",), case=case, number="sg", gender=frozenset({"f"})
                )
                if form is not None and self._set(s, k, form):
                    s.reasons[k] = explain.InflectionFacts(
                        expected=form,
                        got=words[k].text,
                        feature="case",
                        expected_value=case,
                        got_value="nom",
                        rule="case.preposition",
                        trigger=w.text,
                        lemma=hour.lemma,
                        number="sg",
                    )

    def _years(self, s: _Sentence) -> None:
        """*w 1990 rok* → *w 1990 roku*: a year in figures with *rok* after a preposition is
        in the preposition's case of time (see _YEAR_PREPOSITIONS)."""
        words = s.current()
        for j, w in enumerate(words[:-2]):
            case = _YEAR_PREPOSITIONS.get(w.key)
            year, noun = words[j + 1], words[j + 2]
            if case is None or year.boundary_before or noun.boundary_before:
                continue
            if not (year.text.isdecimal() and len(year.text) == 4) or j + 2 in s.fixes:
                continue
            nouns = [r for r in self._nouns(noun) if r.lemma == "rok"]
            if not nouns or not all(r.case <= {"nom", "acc"} and r.number == {"sg"} for r in nouns):
                continue
            if self._recase(s, j + 2, (case,), "sg"):
                s.reasons[j + 2] = _case_facts(
                    s, noun, j + 2, case, "case.preposition", w.text, "rok"
                )

    def _dates(self, s: _Sentence) -> None:
        """*trzeci czerwiec* → *trzeci czerwca*, *3 czerwiec* → *3 czerwca*: a date's month is
        in the genitive (the third of June); and a date on which something happens, right
        after its verb, is the genitive as a whole (*Przyjadę trzeciego czerwca*); the day is
        left in the nominative after *być* (*Dzisiaj jest trzeci czerwca*). Only right after
        a verb: an ordinal and a month may otherwise be the fifth May (*Piąty maj był ciepły*,
        *mój trzeci czerwiec w Polsce*), and a label's date is the writer's (*Data ważności -
        2 marzec*); after a preposition, its rule's."""
        words = s.current()
        for m, w in enumerate(words):
            if m == 0 or w.boundary_before or m in s.fixes:
                continue
            # (not _nouns: *luty* is also an adjective)
            months = [r for r in self._read(w.text) if r.pos == "subst" and r.lemma in MONTHS]
            if not months or not all(r.case <= {"nom", "acc", "voc"} for r in months):
                continue
            d = m - 1
            day = words[d]
            ordinal = [
                r
                for r in self._read(day.text)
                if r.pos in ADJ_CLASSES and r.lemma in _DAY_ORDINALS and "sg" in r.number
            ]
            if not (day.text.isdecimal() and 1 <= int(day.text) <= 31) and not ordinal:
                continue
            first = d - 1 if d > 0 and ordinal and self._day_ordinal_tens(words[d - 1]) else d
            if first > 0 and self._grammar.is_prep(words[first - 1]):
                continue  # "w piąty maj", "do trzeci maja": the preposition's rule
            v = first - 1
            if v > 0 and words[v].key == "się" and not words[v].boundary_before:
                v -= 1  # "Urodziłam się piąty maj"
            verb = words[v] if v >= 0 and not words[v + 1].boundary_before else None
            tenses = [
                r.lemma
                for r in (self._read(verb.text) if verb is not None else [])
                if r.pos in ("fin", "praet", "impt", "bedzie")
            ]
            if not tenses:
                continue  # "Mój piąty maj w Polsce", "Piąty maj był ciepły": the fifth May
            month = self._form(months[0].full_lemma, ("subst",), case="gen", number="sg")
            if not self._set(s, m, month):
                continue
            s.reasons[m] = replace(
                _case_facts(s, w, m, "gen", "case.genitive_attribute", day.text, months[0].lemma),
                detail="date",
            )
            if not ordinal or verb is None or "być" in tenses:
                continue
            for k in range(first, m):
                said = [
                    r
                    for r in self._read(words[k].text)
                    if r.pos in ADJ_CLASSES and r.lemma in _DAY_ORDINALS and "nom" in r.case
                ]
                form = (
                    self._form(
                        said[0].full_lemma,
                        ("adj",),
                        case="gen",
                        number="sg",
                        gender=frozenset({"m3"}),
                        like=said[0],
                    )
                    if said
                    else None
                )
                if form is not None and self._set(s, k, form):
                    s.reasons[k] = explain.InflectionFacts(
                        expected=form,
                        got=words[k].text,
                        feature="case",
                        expected_value="gen",
                        got_value="nom",
                        rule="case.genitive_attribute",
                        trigger=verb.text,
                        lemma=said[0].lemma,
                        number="sg",
                        detail="date_when",
                    )

    def _dated_month(self, words: list[Word], k: int) -> bool:
        """A month's genitive right after a day (*trzeci maja*, *3 maja*): the date's month,
        in the genitive whatever the day's case (*Pamiętam trzeci maja*)."""
        if k == 0 or words[k].boundary_before:
            return False
        day = words[k - 1]
        return any(
            r.pos == "subst" and r.lemma in MONTHS and "gen" in r.case
            for r in self._read(words[k].text)
        ) and (
            day.text.isdecimal()
            and 1 <= int(day.text) <= 31
            or any(r.pos in ADJ_CLASSES and r.lemma in _DAY_ORDINALS for r in self._read(day.text))
        )

    def _day_ordinal_tens(self, word: Word) -> bool:
        """*dwudziesty* (*trzydziesty*) of a two-word day (*dwudziesty trzeci*)."""
        return any(
            r.pos in ADJ_CLASSES and r.lemma in ("dwudziesty", "trzydziesty")
            for r in self._read(word.text)
        )

    def _degree(self, s: _Sentence) -> None:
        """*więcej stary* → *starszy*, *najbardziej dobra* → *najlepsza*, *bardziej lepszy* →
        *lepszy*: an adjective's comparative is its own form or *bardziej* + the adjective;
        *więcej* (*najwięcej*) is more of a quantity, never of a quality, so with an adjective
        in the nominative that ends no noun's phrase it is the adjective's own comparative
        (superlative), or *bardziej* where there is none; *dobry*, *zły*, *duży*, *mały* have
        only their own (*lepszy*, not *bardziej dobry*); and a comparative is not compared
        again. *bardziej ciekawa* and *więcej dobrych ludzi* (a quantity) are left."""
        words = s.current()
        for a, w in enumerate(words[:-1]):
            if w.key not in ("więcej", "najwięcej", "bardziej", "najbardziej"):
                continue
            k = a + 1
            adj = words[k]
            if adj.boundary_before or k in s.fixes or a in s.fixes or a in s.frozen:
                continue
            every = self._read(adj.text)
            readings = [r for r in every if r.pos == "adj"]
            if not readings or any(r.pos in VERBAL for r in every):
                continue
            top = "sup" if w.key.startswith("naj") else "com"
            if all(r.degree & {"com", "sup"} for r in readings):
                if any(top in r.degree for r in readings):
                    both = f"{w.text} {adj.text}"
                    facts = self._degree_facts(both, adj.text, w.text, top, "again")
                    self._merge(s, a, k, adj.text, facts)
                continue
            quantity = w.key in ("więcej", "najwięcej")
            if not quantity and not all(r.lemma in _OWN_COMPARATIVE for r in readings):
                continue
            if quantity and (
                any(r.case - {"nom", "voc", "acc"} for r in readings)
                or k + 1 < len(words)
                and not words[k + 1].boundary_before
                and (self._nouns(words[k + 1]) or self._modifier(self._read(words[k + 1].text)))
            ):
                continue  # "więcej dobrych ludzi", "więcej nowy dom": a quantity, or unclear
            r = self._degree_reading(words, a, readings)
            form = self._form(
                r.full_lemma,
                ("adj",),
                case="nom" if "nom" in r.case else next(iter(sorted(r.case))),
                number=next(iter(r.number)),
                gender=r.gender,
                like=replace(r, degree=frozenset({top})),
            )
            own = [g for g in self._read(form) if top in g.degree] if form is not None else []
            if not own:
                if quantity and self._set(s, a, "bardziej" if top == "com" else "najbardziej"):
                    s.reasons[a] = self._degree_facts(w.text, s.fixes[a], w.text, top, "analytic")
                continue
            assert form is not None
            detail = "quantity" if quantity else "own"
            facts = self._degree_facts(f"{w.text} {adj.text}", form, w.text, top, detail, r.lemma)
            self._merge(s, a, k, form, facts)

    def _degree_reading(self, words: list[Word], a: int, readings: list[Reading]) -> Reading:
        """The adjective's reading to compare: in the nominative, in the number of the verb
        right before the adverb (*tani* is also the plural for men: *Oni są więcej tani*),
        else the singular."""
        number = "sg"
        if a > 0 and not words[a].boundary_before:
            numbers = {
                n for r in self._read(words[a - 1].text) if r.pos in VERBAL for n in r.number
            }
            if numbers == {"pl"}:
                number = "pl"
        nominative = [r for r in readings if "nom" in r.case] or readings
        return next((r for r in nominative if number in r.number), nominative[0])

    @staticmethod
    def _merge(s: _Sentence, a: int, k: int, form: str, facts: explain.InflectionFacts) -> None:
        """Words a and k (the one after it) made one, ``form``, said at a."""
        if a in s.frozen or k in s.frozen:
            return
        s.fixes[a] = form[:1].upper() + form[1:] if s.words[a].text[:1].isupper() else form
        s.fixes[k] = ""
        s.merged[a] = (k, facts)
        s.frozen = s.frozen | {a, k}

    @staticmethod
    def _degree_facts(
        got: str, expected: str, trigger: str, degree: str, detail: str, lemma: str = ""
    ) -> explain.InflectionFacts:
        return explain.InflectionFacts(
            expected=expected,
            got=got,
            feature="degree",
            expected_value=degree,
            got_value=None,
            rule="degree.comparative",
            trigger=trigger,
            lemma=lemma or got,
            detail=detail,
        )

    def _cost_subject(self, s: _Sentence) -> None:
        """*Ile kosztuje te buty?* → *kosztują*, *Te buty kosztuje sto złotych* → *kosztują*:
        what costs is the subject of *kosztować* (the price and whom it costs are its other
        words), so the verb agrees with it: the noun's phrase right after *ile* and the verb,
        or opening the clause right before the verb; a noun in one number only, in the
        nominative, neither a person nor money."""
        words = s.current()
        for v, w in enumerate(words):
            if v in s.fixes:
                continue
            verbs = [
                r
                for r in self._read(w.text)
                if r.lemma == "kosztować" and r.pos in ("fin", "praet") and r.person <= {"ter"}
            ]
            if not verbs:
                continue
            head: int | None = None
            if v > 0 and words[v - 1].key == "ile" and not w.boundary_before:
                if v + 1 < len(words) and not words[v + 1].boundary_before:
                    head = self._phrase_head(words, v + 1)
                    start = v + 1
            elif v > 0 and not w.boundary_before:
                start = self._grammar.clause(words, v - 1).start
                found = self._phrase_head(words, start)
                head = found if found == v - 1 else None
            if head is None or any(k in s.fixes for k in range(start, head + 1)):
                continue
            nouns = [r for r in self._nouns(words[head]) if "nom" in r.case]
            numbers = {n for r in self._nouns(words[head]) for n in r.number}
            if not nouns or len(numbers) != 1 or any(self._person(r) for r in nouns):
                continue
            if any(r.lemma in CURRENCIES or "monet." in r.qualifiers for r in nouns):
                continue
            if not self._modifiers_agree(words, start, head):
                continue
            number = next(iter(numbers))
            gender = frozenset(g for r in nouns for g in r.gender)
            if number == "pl":
                gender = frozenset({"m1"}) if "m1" in gender else frozenset({"f"})
            subject = " ".join(x.text for x in words[start : head + 1])
            self._agree_verb(s, v, verbs, subject, gender, number)

    def _hour_nominative(self, word: Word) -> list[Reading]:
        """The word's readings as an hour: a feminine singular ordinal (*ósma*, godzina
        understood)."""
        return [
            r
            for r in self._read(word.text)
            if r.pos == "adj" and r.lemma in _HOURS and "f" in r.gender and "sg" in r.number
        ]

    def _other_preposition(
        self, words: list[Word], j: int, head: int, cases: frozenset[str]
    ) -> bool:
        """Is the phrase after the preposition at j declined for another preposition of the
        clause's verb (*wyjechała przy Stanów Zjednoczonych*: *wyjechać do* + the genitive)?
        The noun is not in the nominative a learner leaves a word in, a name or an adjective
        agreeing with it shows the case, and the verb's frame asks it after another
        preposition: then the preposition is the odd one out, not the case, and a case
        rule has nothing to say."""
        noun = words[head]
        if self._could_be(noun, ("nom",)):
            return False
        own = frozenset().union(*(r.case for r in self._nouns(noun))) - cases
        if not own:
            return False
        nxt = head + 1
        agreeing = (
            nxt < len(words)
            and not words[nxt].boundary_before
            and any(
                r.pos == "adj" and r.case & own and any(_agrees(r, n) for n in self._nouns(noun))
                for r in self._morph.analyse(words[nxt].text)
            )
        )
        if not (agreeing or noun.text[:1].isupper()):
            return False
        clause = self._grammar.clause(words, j)
        reflexive = any(words[k].key == "się" for k in clause)
        frames = [
            frame
            for k in clause
            if k < j
            for r in self._read(words[k].text)
            if r.pos in VERBAL
            for frame in self._grammar.table.prep_frames(r.lemma, reflexive)
        ]
        if any(frame.after(words[j].key) for frame in frames):
            return False  # "piszę do Państwu": do is the verb's own; the case is wrong
        return any(
            frame.preposition is not None and not frame.after(words[j].key) and frame.case in own
            for frame in frames
        )

    def _coordinated(
        self, s: _Sentence, words: list[Word], head: int, case: str, *, between: bool = False
    ) -> int | None:
        """The noun joined by *i*, *oraz*, *albo*, *lub* to a noun in ``case`` takes it too
        (*z mlekiem i cukier* → *cukrem*), unless a verb follows it: then it starts a clause
        (*Lubię pierogi i zupa jest dobra*). Over a list of nouns already in the case, after
        commas: *kupiłem chleb, masło i kiełbasa* → *kiełbasę*. Returns the noun recased, if one
        was (the caller gives the reason). ``between``: after *między*, which names two things
        (*między bankiem a poczta* → *pocztą*; *a* joins them too), the second is surely
        joined to the first, not to a noun before the preposition."""
        k = head + 1
        while (
            k + 1 < len(words)
            and words[k].boundary_before
            and 0 <= words[k - 1].end <= words[k].start
            and s.text[words[k - 1].end : words[k].start].strip() == ","
            and bool(self._nouns(words[k]))
            and self._could_be(words[k], (case,))
        ):
            k += 1  # (one noun after each comma: a phrase there may start something else)
        if k + 1 >= len(words):
            return None
        neither = (
            case == "gen"
            and words[k].key == "ani"
            and 0 <= words[k - 1].end <= words[k].start
            and s.text[words[k - 1].end : words[k].start].strip() == ","
        )  # "ani kawy, ani herbata": the second *ani* after its comma joins as the first
        if words[k].boundary_before and not neither:
            return None
        if (
            words[k].key not in _AND
            and not (words[k].key == "ani" and case == "gen")
            and not (between and words[k].key == "a")
        ):
            return None  # (*ani* joins what a negation governs: "nie mam samochodu ani rower")
        other = self._phrase_head(words, k + 1)
        if other is None or self._could_be(words[other], (case,)):
            return None
        if not self._could_be(words[other], ("nom",)) or self._could_be(
            words[other], ("gen", "dat", "inst", "loc")
        ):
            return None  # only the learner's nominative: "pierogi z mięsem i zupę" joins pierogi
        if any(
            self._grammar.is_verb(words[v]) for v in self._grammar.clause(words, other) if v > other
        ):
            return None
        own = [c for c in ("nom", "acc") if self._could_be(words[other], (c,))]
        if not between and any(
            self._nouns(words[v]) and self._could_be(words[v], own)
            for v in self._grammar.clause(words, head)
            if v < head
            and not self._grammar.is_prep(words[v])
            and not self._opening_imperative(words, v)  # "Zrób kawa i herbata": the verb
        ):
            return None  # "spacer po mieście i obiad": obiad may join spacer
        if self._is_name(words[other]) and not self._known(words[other].text):
            return None
        return other if self._recase(s, other, (case,)) else None

    def _agrees_with(self, word: Word, noun: Word, *, plain: bool = False) -> bool:
        """Is ``word`` an adjective that agrees with ``noun`` (in some reading of each; with
        ``plain``, of the noun's plain readings, see _plain_nouns)?"""
        mods = [r for r in self._morph.analyse(word.text) if r.pos in ("adj", "ppas", "pact")]
        nouns = [r for r in self._morph.analyse(noun.text) if r.pos in _NOUNS]
        if plain:
            nouns = _plain_nouns(nouns)
        return any(_agrees(m, n) for m in mods for n in nouns)

    def _numeral_between(self, words: list[Word], j: int, head: int, one: bool = True) -> bool:
        """A numeral between j and ``head``; with ``one`` false, not *jeden*, which declines
        like an adjective and leaves its noun in the verb's case (*Mam jednego brata*)."""
        return any(
            words[k].text.isdecimal()
            or any(r.pos == "num" for r in self._read(words[k].text))
            and (one or not any(r.lemma == "jeden" for r in self._read(words[k].text)))
            for k in range(j + 1, head)
        )

    def _modifiers_case(
        self, words: list[Word], start: int, head: int, cases: frozenset[str], nouns: list[Reading]
    ) -> str | None:
        """The one case of ``cases`` in which every adjective between ``start`` and the noun
        at ``head`` agrees with the noun's gender and number (*po skalistym terenu*: the
        locative; *ze stromej skalistej góra*: the genitive), or None."""
        if head == start:
            return None
        shown = set(cases)
        for k in range(start, head):
            mods = [r for r in self._read(words[k].text) if r.pos in ("adj", "ppas", "pact")]
            if not mods:
                return None
            shown &= {
                c
                for r in mods
                for n in nouns
                if r.gender & n.gender and r.number & n.number
                for c in r.case & cases
            }
        return next(iter(shown)) if len(shown) == 1 else None

    def _modifier_after_case(
        self, words: list[Word], head: int, cases: frozenset[str], nouns: list[Reading]
    ) -> str | None:
        """The one case of ``cases`` in which the adjective right after the noun at ``head``,
        the last word of its phrase (a comma or the end after it, no noun of its own), agrees
        with the noun (*w sposobu nowoczesny, …*: w sposób nowoczesny), or None."""
        k = head + 1
        if k >= len(words) or words[k].boundary_before:
            return None
        if k + 1 < len(words) and not words[k + 1].boundary_before:
            return None  # "w domu duży pies": the adjective may be the next noun's
        readings = self._read(words[k].text)
        if not readings or any(r.pos not in ("adj", "ppas", "pact") for r in readings):
            return None
        shown = {
            c
            for r in readings
            for n in nouns
            if r.gender & n.gender and r.number & n.number
            for c in r.case & cases
        }
        return next(iter(shown)) if len(shown) == 1 else None

    def _plural_modifiers(self, words: list[Word], start: int, head: int, case: str) -> bool:
        """Are the words between ``start`` and the noun at ``head`` its modifiers, each only a
        plural in ``case`` (*do moich dziadek*: moich, the genitive plural, says how many: do
        moich dziadków, not *moich dziadka*)?"""
        if head == start:
            return False
        for k in range(start, head):
            mods = [r for r in self._read(words[k].text) if case in r.case]
            if not any(r.pos in ("adj", "ppas", "pact") for r in mods) or not all(
                r.number == {"pl"} for r in mods
            ):
                return False  # (*moich* is also a noun, "my folks": a plural as well)
        return True

    def _prep_case(
        self, words: list[Word], j: int, cases: frozenset[str], noun: Word, *, guess: bool = True
    ) -> str | None:
        """The one case of ``cases`` the preposition at j takes here. Without ``guess`` a real
        form is not recased after *na* on the default locative alone (*na wieczór* is as
        likely as *na wieczorze*); an unknown word's slips may still be told apart by it."""
        if len(cases) == 1:
            return next(iter(cases))
        pair = _TWO_CASE_PREPS.get(words[j].key)
        framed = self._framed_case(words, j, cases)
        if (
            framed == "gen"
            and (self._with_someone(words, j, noun) or self._companions(self._nouns(noun)))
            and self._motion(words, j)
        ):
            # "Wyszłam z moja siostra", "Wyszedł z pies", "Wróciłem z moja rodzina": out with
            # her, it, them (not out of them, as z domu)
            return "inst"
        if (
            framed == "gen"
            and words[j].key in ("z", "ze")
            and self._motion(words, j)
            and not self._origin(noun)
        ):
            return None  # "Wróciłam z walizka": out of it (walizki) or with it (walizką)?
            # Only where one comes from is sure: a place, an institution, an event
        if words[j].key == "po" and "loc" in cases and framed != "loc":
            nouns = self._nouns(noun)
            if any(r.lemma in _MEALS for r in nouns):
                return None  # "Idę po obiad" fetches lunch, "po obiedzie" is after it
            if any(r.lemma in _EVENTS for r in nouns):
                return "loc"  # "Idziemy do kina po lekcja": after it (one fetches no lesson)
        if framed is not None:
            return framed  # "Czekam na autobus", "Gram w piłkę": the verb's own frame
        if words[j].key == "o" and any(r.lemma in TIME_NOUNS for r in self._nouns(noun)):
            # "opóźniony o godzinę": by how much (the accusative), "o godzinie ósmej": at what
            # time (the locative); the hour after it (or before it: *o ósma godzina*) says which
            at = next(k for k in range(j + 1, len(words)) if words[k] is noun)
            nxt = words[at + 1] if at + 1 < len(words) else None
            after = self._read(nxt.text) if nxt is not None else []
            if nxt is not None and (nxt.text.isdecimal() or any(r.lemma in _HOURS for r in after)):
                return "loc"
            if any(r.lemma in _HOURS for k in range(j + 1, at) for r in self._read(words[k].text)):
                return "loc"
            if any(r.pos == "adv" and "com" in r.degree for r in after):
                return "acc"  # "o godzinę później", "o tydzień dłużej"
            return None
        if (
            pair is not None
            and set(pair) <= cases
            and words[j].key == "za"
            and any(r.lemma in TIME_NOUNS for r in self._nouns(noun))
        ):
            return "acc"  # "za tydzień", "za godzinę": za + a time is when (not *za tygodniem*)
        if pair is not None and set(pair) <= cases and self._price(words, j, noun):
            return "acc"  # "za franka", "za złotówkę": za + money is a price
        if (
            pair is not None
            and "acc" in cases
            and words[j].key in ("w", "we")
            and any(r.lemma in WEEKDAYS for r in self._nouns(noun))
        ):
            return "acc"  # "W sobota sprzątam" → w sobotę: w + a day is when (not *w sobocie*)
        if pair is not None and set(pair) <= cases:
            if self._motion(words, j) and any(
                words[k].key in ("do", "ku") for k in self._grammar.clause(words, j) if k < j
            ):
                return None  # "Idę do kawiarni nad rzeka": the goal is named; this phrase may
                # say where it is (nad rzeką) or the way (nad rzekę)
            if self._motion(words, j):
                if words[j].key == "po" and any(
                    r.lemma in _TO_AND_FRO
                    for k in self._grammar.clause(words, j)
                    if k < j
                    for r in self._read(words[k].text)
                ):
                    return None  # "Chodzimy po górami": around them (po górach) or to fetch
                    # something (chodzę po zakupy)? A verb of going to and fro says neither
                if words[j].key == "za" and any(
                    r.gender & {"m1", "m2"} or self._person(r) for r in self._nouns(noun)
                ):
                    return None  # "Idę za mamą" follows her, "Schowałem się za mamę" hides
                    # behind her: which is meant, nothing says
                return pair[0]
            if words[j].key == "za" and not self._static_clause(words, j):
                return None  # "Kupiłem to za korona": a price (koronę), or behind it?
            if (
                not guess
                and words[j].key in ("na", "o")
                and (
                    not self._static_clause(words, j)
                    and not self._where_after(words, j)
                    or any(r.lemma in TIME_NOUNS for r in self._nouns(noun))
                )
                and not (words[j].key == "o" and self._framed_after(words, j) == {"loc"})
            ):
                # *Zamilkli na wieczora*: na wieczór or na wieczorze, both fit; *Spał na
                # chwila*: na + a time is how long (na chwilę); *o* is about (o + the
                # locative) only after a word of saying or thinking, whose frame the verb
                # would have given: *walczyła o poszanowaniem* is for it (o poszanowanie)
                return None
            return pair[1]
        if (
            words[j].key in ("z", "ze")
            and self._morph.is_place(noun.text)
            and not self._morph.is_surname(noun.text)
            and not self._morph.is_first_name(noun.text)
        ):
            return "gen"  # "Jestem z Anglii": from a place
        if self._with_someone(words, j, noun):
            return "inst"  # "Idę z mój przyjaciel", "z moja żona", "z Ania": with a person
        return None

    def _price(self, words: list[Word], j: int, noun: Word) -> bool:
        """*za* at j before money (*za frank*, *za złotówka*): a price."""
        return words[j].key == "za" and any(
            r.lemma in CURRENCIES or "monet." in r.qualifiers for r in self._nouns(noun)
        )

    def _origin(self, noun: Word) -> bool:
        """Is the noun a place one comes from after a verb of motion and *z* (*z domu*, *ze
        szkoły*, *z wakacji*, *z Polski*), not a thing one may come with (*z walizką*)?"""
        if noun.text[:1].isupper() and self._morph.is_place(noun.text):
            return True
        return any(r.lemma in _ORIGINS for r in self._nouns(noun))

    def _motion(self, words: list[Word], j: int) -> bool:
        """A verb of motion in the clause of the preposition at j (for *po*, before it)."""
        return any(
            r.lemma in MOTION_VERBS
            for k in self._grammar.clause(words, j)
            # "idę po chleb" fetches; "Po pracy idę na siłownię": after, whatever follows
            if words[j].key != "po" or k < j
            for r in self._read(words[k].text)
            if r.pos in ("fin", "praet", "inf", "impt", "bedzie", "cond")
        )

    def _with_someone(self, words: list[Word], j: int, noun: Word) -> bool:
        """After *z* at j, one person in the nominative: a noun for a person (*z moja żona*)
        or a first name (*z Ania*; Tomek's readings of *tomka* aside), not a surname, which
        may not decline (*z Nowak*); not after a word of quantity or an adjective whose
        phrase it is (*dumna z syna*)."""
        if words[j].key not in ("z", "ze") or self._morph.is_surname(noun.text):
            return False
        nouns = [r for r in self._read(noun.text) if r.pos == "subst"]
        if noun.text[:1].isupper() and self._morph.is_first_name(noun.text):
            nouns = [r for r in nouns if r.lemma[:1].isupper()]
        elif not all(self._person(r) for r in nouns):
            return False
        return (
            bool(nouns)
            and all(r.case == {"nom"} and r.number == {"sg"} for r in nouns)
            and not (j > 0 and self._partitive(words[j - 1]))
            and not self._adjective_before(words, j)
        )

    def _adjective_before(self, words: list[Word], j: int) -> bool:
        """An adjective right before the preposition at j, whose phrase it may be (*dumna z
        syna*, *zadowolony z pracy*: the genitive, not with someone)."""
        return (
            j > 0
            and not words[j].boundary_before
            and any(r.pos in ("adj", "ppas", "pact") for r in self._read(words[j - 1].text))
        )

    def _person(self, r: Reading) -> bool:
        """A noun for a person: masculine personal, a woman's kin word, or a woman's noun
        made with -ka from a man's (*studentka*, *sąsiadka*, *nauczycielka*)."""
        if r.gender == frozenset({"m1"}):
            return True
        if r.gender != frozenset({"f"}):
            return False
        if r.lemma in _WOMEN:
            return True
        base = r.lemma[:-2] if r.lemma.endswith("ka") else ""
        return bool(base) and any(
            b.pos == "subst" and b.gender == frozenset({"m1"}) and b.lemma == base
            for b in self._morph.analyse(base)
        )

    def _partitive(self, word: Word) -> bool:
        """*jeden*, *żaden*, *każdy*, *wielu*, *część*, a superlative …: *z* after it is
        "of" (the genitive), never "with"."""
        return word.key in _PARTITIVES or any(
            r.lemma in _PARTITIVES or "sup" in r.degree or r.pos in ("num", "numcol")
            for r in self._read(word.text)
        )

    def _where_after(self, words: list[Word], j: int) -> bool:
        """A phrase that opens its clause before a verb of being or appearing somewhere
        (*Na ekranie pojawiła się*, *Na stole leży*): where, the locative."""
        clause = self._grammar.clause(words, j)
        if any(k < j and self._grammar.is_verb(words[k]) for k in clause):
            return False
        after = next(
            (
                [r for r in self._read(words[k].text) if r.pos in ("fin", "praet", "bedzie")]
                for k in clause
                if k > j and self._grammar.is_verb(words[k])
            ),
            [],
        )
        return bool(after) and all(r.lemma in _WHERE_VERBS | _APPEARING for r in after)

    def _static_clause(self, words: list[Word], j: int) -> bool:
        """The nearest verb before the preposition at j is one of being somewhere
        (*mieszkać*, *pracować*, *leżeć* …), its clause has no verb of motion, and no verb of
        the clause asks for the preposition with the accusative: *w*, *na* are the place."""
        # (*Spano na deskach*: the impersonal -no, -to form is a verb too)
        verbal = ("fin", "praet", "inf", "impt", "bedzie", "cond", "pcon", "pact", "ger", "imps")
        nearest: list[Reading] = []
        at = j
        for k in self._grammar.clause(words, j):
            readings = [r for r in self._read(words[k].text) if r.pos in verbal]
            for r in readings:
                if r.lemma in MOTION_VERBS or any(
                    f.after(words[j].key) and f.case == "acc"
                    for f in self._grammar.table.prep_frames(r.lemma)
                ):
                    return False
            if readings and k < j:
                nearest, at = readings, k
        # na + acc after pracować, uczyć się … is common (pracuję na umowę): for na only the
        # verbs that say nothing but where
        static = _STATIC_VERBS if words[j].key != "na" else _WHERE_VERBS
        b = j - 1
        while (
            b > 0
            and not words[b + 1].boundary_before
            and any(r.pos == "adv" for r in self._read(words[b].text))
            and not self._grammar.is_verb(words[b])
            and not self._grammar.is_prep(words[b])
        ):
            b -= 1  # "Byłam wczoraj na poczta": być, then only adverbs
        if (
            words[j].key == "na"
            and b >= 0
            and nearest
            and all(r.lemma == "być" for r in self._read(words[b].text))
            and all(r.lemma == "być" for r in nearest)
            and self._someone_is(words, b, nearest)
        ):
            static = _STATIC_VERBS  # "Byliśmy na koncert" → na koncercie: być right before
        if not nearest or not all(r.lemma in static for r in nearest):
            return False
        if (
            j - 1 > at
            and not words[j].boundary_before
            and any(r.pos in ("ppas", "pact") for r in self._read(words[j - 1].text))
        ):
            return False  # "siedzi w wozie zaprzężonym w osła": the participle's own phrase
        if self._affords(words, j):
            return False
        if all(r.lemma == "być" for r in nearest):
            # być only as "being somewhere": not a passive or a participle's phrase (*jest
            # wpisany w krajobraz*, *są traktowane w ten sam sposób*), not *w ten sposób*
            clause = self._grammar.clause(words, j)
            if any(
                r.pos in ("ppas", "pact", "adj")
                for k in clause
                if not self._subject_modifier(words, k, at, j)
                for r in self._read(words[k].text)
            ):
                return False
            if j + 1 < len(words) and any(r.lemma in _PATTERNS for r in self._nouns(words[j + 1])):
                return False  # "Koszula jest w kwiaty": flowered (w + the accusative)
        return True

    def _verb_before(self, words: list[Word], j: int) -> str | None:
        """The lemma of the verb nearest before the preposition at j in its clause, if its
        readings have one, with its *się* next to it (*urodzić się*, *uczyć się*)."""
        clause = self._grammar.clause(words, j)
        for k in reversed([k for k in clause if k < j]):
            lemmas = {r.lemma for r in self._read(words[k].text) if r.pos in _MOTION_FORMS}
            if len(lemmas) > 1:
                return None
            if lemmas:
                reflexive = any(words[m].key == "się" for m in (k - 1, k + 1) if m in clause)
                return next(iter(lemmas)) + (" się" if reflexive else "")
        return None

    def _going_to(self, words: list[Word], j: int, head: int) -> str | None:
        """*Idę na poczcie* → *na pocztę*: the verb right before *na* at j (only adverbs
        between) says that someone goes toward a place (_GOING_TO), and the noun at ``head``
        is a place or event one goes *na* (_ON_PLACES; *za granicę*, abroad): the preposition
        is where to, the accusative.
        Returns the verb's lemma. Not where the clause names another goal (*do*, *ku*), nor
        for a thing that goes (*W kinie idzie film*, *Na Polsacie leci serial*)."""
        places = {"na": _ON_PLACES, "za": _ABROAD, "nad": _WATERS}.get(words[j].key)
        if places is None or not words[head].text.islower():
            return None
        lemmas = {r.lemma for r in self._nouns(words[head])} & places
        if not lemmas:
            return None
        clause = self._grammar.clause(words, j)
        if any(words[k].key in ("do", "ku", "dokąd") for k in clause if k != j):
            return None
        v = j - 1
        while (
            v >= 0
            and not words[v + 1].boundary_before
            and words[v].key != "się"
            and any(r.pos in ("adv", "qub") for r in self._read(words[v].text))
            and not self._grammar.is_verb(words[v])
        ):
            v -= 1  # "Idę jutro na koncercie", "Poszłam też na poczcie"
        if v >= 0 and words[v].key == "się" and not words[v + 1].boundary_before:
            v -= 1  # "Spieszę się na lekcji"
        if v < 0 or v not in clause:
            return None
        verbs = [r for r in self._read(words[v].text) if r.pos in _MOTION_FORMS]
        if not verbs or not all(r.lemma in _GOING_TO for r in verbs):
            return None
        moving = any(r.lemma in _MOVING_ABOUT for r in verbs)
        if moving and (lemmas & _ROOMY or words[j].key == "za"):
            return None  # "Jadę za granicą autostradą": where the driving is
        if words[j].key == "nad" and any(r.lemma in _OVER_OR_ALONG for r in verbs):
            return None
        if any(self._grammar.is_verb(words[k]) for k in clause if k > head):
            return None  # "Idziemy na imprezie tańczyć": the dancing's place, perhaps
        nxt = head + 1
        while nxt < len(words) and nxt in clause and self._agrees_with(words[nxt], words[head]):
            nxt += 1  # "na koncercie rockowym"
        if moving and nxt in clause and words[nxt].key not in ("z", "ze", "o"):
            return None  # "Szedłem na lekcji obok Ani": the walking's place; only "z polskiego",
            # "o piątej" may follow the goal
        finite = [
            r
            for k in clause
            if k <= v
            for r in self._read(words[k].text)
            if r.pos in ("fin", "praet", "impt", "bedzie", "cond")
        ]
        if not self._someone_is(words, v, finite or verbs):
            return None  # (a person or the speaker goes)
        return verbs[0].lemma

    def _someone_is(self, words: list[Word], v: int, verb: list[Reading]) -> bool:
        """*być* at v says where a person is: in the 1st or 2nd person (*byłam*, *jesteśmy*),
        or after a person's noun, name or pronoun (*Mama jest*, *Tomek był*, *on jest*); not
        a thing's *na* + the accusative of what it is for (*Zupa jest na obiad*, *Lek jest na
        ból głowy*, *Pokój jest na wynajem*)."""
        if any(r.person & {"pri", "sec"} for r in verb):
            return True
        for k in self._grammar.clause(words, v):
            if k >= v:
                break
            if words[k].key in ("on", "ona", "oni", "one", "ktoś", "kto", "nikt"):
                return True
            if self._first_name(words[k]) or any(
                self._person(r) for r in self._nouns(words[k]) if r.case & {"nom"}
            ):
                return True
        return False

    def _subject_modifier(self, words: list[Word], k: int, verb: int, j: int) -> bool:
        """Word k is an adjective (no participle) of the noun right after it, before the verb
        at ``verb`` (the subject's: *Moja siostra jest w kino*) or in a phrase of another
        preposition before the one at j (*Byłem w zeszłym tygodniu w kino*), not a
        passive's."""
        readings = self._read(words[k].text)
        return (
            (k + 1 < verb or 0 < k and k + 1 < j and self._grammar.is_prep(words[k - 1]))
            and not words[k + 1].boundary_before
            and not any(r.pos in ("ppas", "pact") for r in readings)
            and bool(self._nouns(words[k + 1]))
            and self._agrees_with(words[k], words[k + 1])
        )

    def _affords(self, words: list[Word], j: int) -> bool:
        """*Nie stać mnie na samochód*: the impersonal *stać* with whom in the accusative is
        "can afford", and its *na* takes the accusative (not *stać*, to stand somewhere)."""
        clause = self._grammar.clause(words, j)
        return any(
            words[k].key == "stać"
            and any(
                words[m].key in _ACCUSATIVE_PRONOUNS
                for m in (k - 1, k + 1)
                if m in clause and (m == 0 or not self._grammar.is_prep(words[m - 1]))
            )
            for k in clause
        )

    def _framed_case(
        self, words: list[Word], j: int, cases: frozenset[str], besides: str | None = None
    ) -> str | None:
        """The case the clause's verb asks after the preposition at j (*czekać na* + acc), if
        the table gives it one case only; the verb ``besides`` not asked."""
        prep = words[j].key
        clause = self._grammar.clause(words, j)
        reflexive = any(words[k].key == "się" for k in clause)
        found: set[str] = set()
        for k in clause:
            if k >= j:
                break
            for r in self._read(words[k].text):
                if r.pos not in ("fin", "praet", "inf", "impt", "bedzie", "cond", "ger", "pcon"):
                    continue
                if r.lemma == besides:
                    continue
                for frame in self._grammar.table.prep_frames(r.lemma, reflexive):
                    if frame.after(prep) and frame.case in cases:
                        found.add(frame.case)
        if j > 0:  # an adjective's own frame, right before it (*zadowolony z* + gen)
            for r in self._read(words[j - 1].text):
                case = _ADJECTIVE_FRAMES.get((r.lemma, prep)) if r.pos in ("adj", "ppas") else None
                if case is not None and case in cases:
                    found.add(case)
        return next(iter(found)) if len(found) == 1 else None

    def _framed_after(self, words: list[Word], j: int) -> set[str]:
        """The cases the clause's verbs after the preposition at j ask after it (*O pana
        Nowaka nic nie wiem*: wiedzieć o + the locative)."""
        clause = self._grammar.clause(words, j)
        reflexive = any(words[k].key == "się" for k in clause)
        return {
            frame.case
            for k in clause
            if k > j
            for r in self._read(words[k].text)
            if r.pos in ("fin", "praet", "inf", "impt", "bedzie", "cond")
            for frame in self._grammar.table.prep_frames(r.lemma, reflexive)
            if frame.after(words[j].key) and frame.case is not None
        }

    # -- a preposition's phrase left in the nominative --------------------------------------
    def _preposition_nominatives(self, s: _Sentence) -> None:
        """A learner's nominative after a preposition where _prepositions could not tell the
        case, because the form is also another case's (*pod łóżko*: the accusative) or the
        preposition has two meanings (*z* + the genitive "from", + the instrumental "with"):
        *z* meaning "with" (*z moja rodzina*, *kawa z mleko*) and *nad*, *pod*, *przed*,
        *między* for where something is (*Mieszkamy nad morze* → *nad morzem*). Names and
        pronouns are _preposition_names's."""
        for j, w in enumerate(s.current()):
            words = s.current()
            if w.key not in ("z", "ze", "nad", "pod", "przed", "między") or j + 1 >= len(words):
                continue
            if j + 1 in s.fixes or words[j + 1].boundary_before or not self._grammar.is_prep(w):
                continue
            head = self._phrase_head(words, j + 1)
            if head is None or head in s.fixes or self._numeral_between(words, j, head):
                continue
            if any(k in s.fixes for k in range(j + 1, head)):
                continue
            if not words[head].text.islower() and not (
                head > 0 and self._morph.is_place(words[head].text)
            ):
                continue  # a name, but a place's: *Mieszkam pod Kraków*
            if w.key in ("z", "ze") and self._with_what(words, j, head):
                self._recase_after(s, words, j, head, "inst", "with")
            elif w.key in ("nad", "pod", "przed", "między") and self._where_is(words, j, head):
                # a verb of being somewhere is named (*Mieszkam nad morze*); *czekać* is not
                # one of them, nor is a verb in another clause
                verb = self._verb_before(words, j) if self._static_clause(words, j) else None
                detail = "where" if verb is None else "place"
                self._recase_after(s, words, j, head, "inst", detail, verb)

    def _noun_after_adjectives(self, s: _Sentence) -> None:
        """*Rozmawiam z nowymi koleżanki* → *koleżankami*, *do jakiejś małej restauracja* →
        *restauracji*: after a preposition, adjectives declined in a case it takes and a noun
        left in its nominative: the noun takes the adjectives' case. Only where the adjectives
        agree with the noun's nominative in one case of the preposition and one number, and the
        noun can be in none of the preposition's cases, or the clause's verb asks that case
        after it (*rozmawiać z* + the instrumental; not *w dobrym studio*, where the noun may
        be the preposition's). Not a name, nor anything but adjectives between the
        preposition and its noun, nor after a neuter demonstrative that may be the
        preposition's phrase alone (*Robi się z tego skandal*: from it)."""
        words = s.current()
        for j, w in enumerate(words[:-2]):
            if (
                not self._grammar.is_prep(w)
                or self._grammar.is_verb(w)
                or words[j + 1].boundary_before
                or j + 1 in s.fixes
            ):
                continue
            head = self._phrase_head(words, j + 1)
            if (
                head is None
                or head == j + 1
                or any(k in s.fixes or words[k].boundary_before for k in range(j + 1, head + 1))
                or not words[head].text.islower()
            ):
                continue
            nominative = [r for r in self._nouns(words[head]) if "nom" in r.case]
            mods = [
                [r for r in self._read(words[k].text) if r.pos in ("adj", "ppas", "pact")]
                for k in range(j + 1, head)
            ]
            cases = self._grammar.prep_cases(w)
            if (
                not nominative
                or not all(mods)
                or any(
                    a.lemma in _DEMONSTRATIVES
                    and "n" in a.gender
                    and "sg" in a.number
                    and a.case & cases
                    for a in mods[0]
                )
            ):
                continue  # "z tego skandal": z tego, from it, may be a phrase of its own
            found = {
                (case, number)
                for n in nominative
                for case in cases
                for number in n.number
                if all(
                    any(case in a.case and number in a.number and a.gender & n.gender for a in m)
                    for m in mods
                )
            }
            if len(found) != 1:
                continue
            case, number = next(iter(found))
            if self._could_be(words[head], cases) and self._framed_case(words, j, cases) != case:
                continue  # "z tego skandal": the noun may be the preposition's, the rest not
            if not self._recase(s, head, (case,), number=number):
                continue
            detail = "with" if w.key in ("z", "ze") and case == "inst" else None
            s.reasons[head] = self._sense_facts(
                w, words[head], s.fixes[head], nominative[0], case, detail
            )

    def _recase_after(
        self,
        s: _Sentence,
        words: list[Word],
        j: int,
        head: int,
        case: str,
        detail: str,
        verb: str | None = None,
    ) -> None:
        """Recase the noun at ``head`` after the preposition at j, its reason the preposition
        in the meaning ``detail`` names (and the ``verb`` that picks it), and a noun joined to
        it by *i* (*z mleko i cukier*)."""
        if not self._recase(s, head, (case,)):
            return
        nouns = self._nouns(words[head])
        s.reasons[head] = replace(
            self._sense_facts(words[j], words[head], s.fixes[head], nouns[0], case, detail),
            verb_lemma=verb,
        )
        self._joined_after_preposition(s, words, j, head, case)

    def _joined_after_preposition(
        self, s: _Sentence, words: list[Word], j: int, head: int, case: str
    ) -> None:
        """The noun joined by *i* to one recased after the preposition at j, in the same
        nominative, takes the case too (*między mama i tata* → *między mamą i tatą*); a name
        aside (its readings may be a common noun's: *Tomek*, *tomka*)."""
        other = self._phrase_head(words, head + 2) if head + 2 < len(words) else None
        if other is None or not words[other].text.islower():
            return
        k = self._coordinated(s, words, head, case, between=words[j].key in _BETWEEN)
        if k is not None:
            first = s.reasons.get(head)
            reading = self._nouns(words[k])[0]
            s.reasons[k] = replace(
                self._sense_facts(
                    words[j], words[k], s.fixes[k], reading, case, first.detail if first else None
                ),
                verb_lemma=first.verb_lemma if first else None,
            )

    def _sense_facts(
        self, prep: Word, word: Word, form: str, reading: Reading, case: str, detail: str | None
    ) -> explain.InflectionFacts:
        """_preposition_facts with the meaning that picks the case (``detail``: "with",
        "where"), and whether the new form is the learner's with Polish letters (*Ania* →
        *Anią*: a note that these are two forms)."""
        if detail is None and len(self._grammar.prep_cases(prep)) > 1:
            detail = "several"  # "o Piotra" (pytać o): the Accusative here, not always
        return replace(
            self._preposition_facts(prep, word, form, reading, case),
            detail=detail,
            look_alike=strip_diacritics(form).casefold() == word.text.casefold(),
        )

    def _first_name(self, word: Word) -> bool:
        return word.text[:1].isupper() and self._morph.is_first_name(word.text)

    def _preposition_names(self, s: _Sentence) -> None:
        """A man's first name or a personal pronoun in the nominative right after a
        preposition (see _name_after_preposition, _pronoun_after_preposition); before
        _prepositions, which would read *Tomek* as the common noun *tomka*."""
        words = s.current()
        for j, w in enumerate(words):
            if (
                self._grammar.is_prep(w)
                and j + 1 < len(words)
                and not words[j + 1].boundary_before
                and j + 1 not in s.fixes
            ):
                if not self._name_after_preposition(s, words, j):
                    self._pronoun_after_preposition(s, words, j)

    def _pronoun_after_preposition(self, s: _Sentence, words: list[Word], j: int) -> None:
        """*dla ty* → *dla ciebie*, *z on* → *z nim*: a personal pronoun in the nominative
        right after the preposition at j takes its case, as a noun would (the case of the
        preposition, or for *z* and a two-case one, its meaning or verb: see _pronoun_case);
        not *na ty* (*jesteśmy na ty*: on first-name terms)."""
        pronoun = words[j + 1]
        forms = _PRONOUNS_AFTER.get(pronoun.key)
        if forms is None or (words[j].key, pronoun.key) == ("na", "ty"):
            return
        if not any(r.pos in ("ppron12", "ppron3") for r in self._read(pronoun.text)):
            return
        case, detail = self._pronoun_case(words, j)
        if case is None or case not in forms:
            return
        form = forms[case]
        reading = next(r for r in self._read(pronoun.text) if r.pos in ("ppron12", "ppron3"))
        prep = preposition_form(words[j].key, form)
        if prep is not None and prep != words[j].key:
            return  # *z ja*: ze mną, two changes (the preposition's own form waits)
        if self._set(s, j + 1, form):
            s.reasons[j + 1] = self._sense_facts(words[j], pronoun, form, reading, case, detail)

    def _pronoun_case(self, words: list[Word], j: int) -> tuple[str | None, str | None]:
        """The case (and the meaning that picks it) of a personal pronoun after the
        preposition at j: the one case of *do*, *dla*, *u* …; after *z*, the genitive after a
        word of quantity (*jeden z nas*) or for a verb's *z* + the genitive (*śmiać się z
        ciebie*), else "with" (*z tobą*); after another, the case its verb asks (*tęsknię za
        tobą*, *czekam na ciebie*)."""
        prep = words[j].key
        cases = self._grammar.prep_cases(words[j])
        framed = self._framed_case(words, j, cases)
        if prep in ("z", "ze"):
            if j > 0 and (self._partitive(words[j - 1]) or self._adjective_before(words, j)):
                return "gen", None
            if framed == "gen" and not self._motion(words, j):
                return "gen", None
            return "inst", "with"
        if prep in _NAME_PREPOSITIONS:
            return _NAME_PREPOSITIONS[prep], None
        return framed, None

    def _name_after_preposition(self, s: _Sentence, words: list[Word], j: int) -> bool:
        """*do Piotr*, *z Tomek*: a man's first name right after the preposition at j, in the
        nominative, its only form as his (its other readings are a woman's surname, which
        does not decline, and common nouns written small: *marek*, *tomka*), takes the
        preposition's case: the genitive after *do*, *od*, *dla*, *u*, *bez*; *z* "with" the
        instrumental, unless the verb asks for the genitive (*śmiać się z*); *o* the case its
        verb asks. Not before another capitalised word (a surname to decline too), nor where
        the form is also a town's after a preposition of places (*do Marek*: to Marki)."""
        name = words[j + 1]
        if not self._first_name(name):
            return False
        if (
            j + 2 < len(words)
            and not words[j + 2].boundary_before
            and (words[j + 2].text[:1].isupper())
        ):
            return False
        readings = self._morph.analyse(name.text)
        men = [
            r for r in readings if r.pos == "subst" and r.lemma[:1].isupper() and r.gender == {"m1"}
        ]
        if not men or any(r.case != {"nom"} or r.number != {"sg"} for r in men):
            return False
        # a place (*Marki*: *do Marek* is to the town) or another name's form
        others = [
            r
            for r in readings
            if r.lemma[:1].isupper()
            and r not in men
            and not (r.gender == {"f"} and len(r.case) >= 6)  # a surname that does not decline
            and not (r.number == {"pl"} and r.gender <= {"f", "m1"})  # Pawła's plural: Paweł
        ]
        prep = words[j].key
        case = _NAME_PREPOSITIONS.get(prep)
        detail = None
        cases = self._grammar.prep_cases(words[j])
        framed = self._framed_case(words, j, cases)
        if prep in ("z", "ze", "o"):
            if prep == "o":
                case = framed
            elif j > 0 and self._partitive(words[j - 1]):
                case = None  # "jeden z Marek"? not a learner's "with"
            elif framed == "gen" and not self._motion(words, j):
                case = "gen"  # "Śmieję się z Marek" → z Marka
            else:
                case, detail = "inst", "with"
        # (a town after u, dla, bez, przy, o is not how Polish puts it: w Markach, not u Marek)
        clash = (
            {c for r in others for c in r.case & cases} if prep in _PLACE_PREPOSITIONS else set()
        )
        if case is None or case in clash or clash and framed != case:
            return False  # *Jadę do Marek*, *Przyjechałem z Marek*: the town of Marki
        form = self._form(
            men[0].full_lemma, ("subst",), case=case, number="sg", gender=men[0].gender
        )
        if form is None or not self._set(s, j + 1, form):
            return False
        s.reasons[j + 1] = self._sense_facts(words[j], name, form, men[0], case, detail)
        return True

    def _with_what(self, words: list[Word], j: int, head: int) -> bool:
        """After *z* at j, a noun only in the nominative (or the accusative, which *z* takes
        only for "about": *z godzinę*) that is "with": a group of people (*z moja rodzina*),
        people in the plural (*z moi rodzice*), what is put in a dish or a drink named right
        before *z* (*kawa z mleko*, *herbatę z cytryna*), or what the clause's verb asks *z* +
        the instrumental for (*rozmawiać z*). Not "of" after a word of quantity (*jeden z*),
        not an adjective's *z* (*dumna z*), not a verb's *z* + the genitive (*wracam z*)."""
        noun = words[head]
        nouns = self._nouns(noun)
        if not nouns or self._could_be(noun, ("gen", "inst", "dat", "loc")):
            return False
        if not all(r.case & {"nom"} for r in nouns) or noun.key in _PRONOUN_NOUNS:
            return False
        if j > 0 and (self._partitive(words[j - 1]) or self._adjective_before(words, j)):
            return False
        cases = self._grammar.prep_cases(words[j])
        framed = self._framed_case(words, j, cases)
        if framed == "inst":
            return True
        lemmas = {r.lemma for r in nouns}
        if self._companions(nouns):
            return framed is None or self._motion(words, j)
        if framed is not None or not lemmas & _ADDED:
            return False
        before = next((k for k in (j - 1, j - 2) if k >= 0 and self._nouns(words[k])), None)
        return (
            before is not None
            and all(not words[m].boundary_before for m in range(before + 1, j + 1))
            and any(r.lemma in _SERVED for r in self._nouns(words[before]))
        )

    def _companions(self, nouns: list[Reading]) -> bool:
        """Noun readings of a word in the nominative that after *z* is who one is with: a
        family (*z moja rodzina*), a pet (*z pies*), men or a mixed group in the plural
        nominative, no other case (*z moi rodzice*, *z koledzy*)."""
        plain = [r for r in nouns if r.pos == "subst" and not r.qualifiers]
        return (
            bool({r.lemma for r in nouns} & (_GROUPS | _PETS))
            or bool(plain)
            and all(
                r.gender == {"m1"} and r.number == {"pl"} and r.case <= {"nom", "voc"}
                for r in plain
            )
        )

    def _where_is(self, words: list[Word], j: int, head: int) -> bool:
        """After *nad*, *pod*, *przed*, *między* at j, a noun in the nominative that is also
        the accusative (*pod łóżko*), in a clause that says where something is (*śpi*,
        *mieszkamy*, *czekam*; no verb of motion, none that asks this preposition with the
        accusative): the instrumental, where (the accusative is where to: *kot wszedł pod
        łóżko*). Not in a set phrase (*pod koniec*, *nad wyraz*), nor for a time."""
        noun = words[head]
        nouns = self._nouns(noun)
        if not nouns or not self._could_be(noun, ("nom",)) or self._could_be(noun, ("inst",)):
            return False
        if any(r.lemma in _ACCUSATIVE_IDIOMS or r.lemma in TIME_NOUNS for r in nouns):
            return False
        if self._static_clause(words, j):
            return True
        nearest: list[Reading] = []
        for k in self._grammar.clause(words, j):
            verbs = [r for r in self._read(words[k].text) if r.pos in VERBAL]
            if any(
                r.lemma in MOTION_VERBS
                or any(
                    f.after(words[j].key) and f.case == "acc"
                    for f in self._grammar.table.prep_frames(r.lemma)
                )
                for r in verbs
            ):
                return False
            if verbs and k < j:
                nearest = verbs
        return bool(nearest) and all(r.lemma in _WAITING for r in nearest)

    def _copula(self, s: _Sentence) -> None:
        """*Jestem nauczyciel* → *nauczycielem*: być + a noun that says who someone is."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [r for r in self._read(w.text) if r.lemma in COPULAS and r.pos in _FINITE]
            if not verbs:
                verbs = self._wanted_copula(words, j)
            if not verbs or self._to_before(words, j):
                continue
            if all(r.pos == "bedzie" for r in verbs) and any(
                any(r.pos in ("inf", "praet") for r in self._read(words[v].text))
                for v in self._grammar.clause(words, j)
                if v != j
            ):
                continue  # "będziemy taką inicjatywę wspierać": the future of another verb
            head = self._phrase_head(words, j + 1)
            if head is None or head != j + 1 and not self._only_modifiers(words, j + 1, head):
                continue
            people = frozenset[str]()
            if words[head].text[:1].isupper() and not self._morph.is_common_noun(words[head].text):
                # "Jestem Polak": the Pole (a surname too, and a woman's in every case)
                people = self._morph.people_lemmas(words[head].text)
                if not people and self._is_name(words[head]):
                    continue  # "Jestem Anna" (but "Jestem Amerykanin": who, not a name)
            subject = self._subject_before(words, j)
            if subject is None and self._name_opens(words, j):
                subject = j - 1  # "Jan został lekarz", "Anna jest nauczycielka"
            speaker = any(r.person & {"pri", "sec"} for r in verbs)
            if not speaker and subject is None:
                continue  # "Tu jest kot": kot is the subject, not what someone is
            if subject is not None and words[subject].key in _PRONOUN_NOUNS:
                continue  # "Kto są ci ludzie?": kto asks, ci ludzie is the subject
            if head == j + 1 and self._adjective_with_letters(words[head]):
                continue  # "mama jest mila": miła without its letter, not the mile
            nouns = self._nouns(words[head])
            # a depreciative reading's accusative is no other reading (*nauczyciele*), and
            # after the speaker's być, or a plain noun subject's, a noun that is no time noun
            # is no accusative (*Byłem dziecko*, *Mój brat jest pilot*; but *Byłem tydzień w
            # Krakowie*: how long)
            plain = [r for r in nouns if r.pos != "depr"] or nouns
            if people:  # "Jestem Polak": the Pole, not the surname Polak
                plain = [r for r in plain if r.full_lemma in people]
            if plain and all(
                r.case <= {"nom", "voc"}
                or (speaker or self._plain_subject(words, subject))
                and words[head].key not in _PRONOUN_NOUNS
                and "nom" in r.case
                and r.case <= {"nom", "acc", "voc"}
                and r.lemma not in TIME_NOUNS
                for r in plain
            ):
                if people:
                    if not self._recase_person(s, words, head, plain, w):
                        continue
                elif not self._recase(s, head, ("inst",)):
                    continue
                if strip_diacritics(s.fixes[head]) == strip_diacritics(words[head].text):
                    # "Moja żona jest Niemka" → Niemką: the copula's case, not a letter left out
                    s.reasons[head] = self._copula_facts(s, words, head, w, look_alike=True)
            elif not (
                self._could_be(words[head], ("inst",)) and not self._could_be(words[head], ("nom",))
            ):
                continue
            k = self._coordinated(s, words, head, "inst")  # "Jestem nauczycielem i tłumacz"
            if k is not None:
                s.reasons[k] = self._copula_facts(s, words, k, w)

    def _name_opens(self, words: list[Word], v: int) -> bool:
        """A first name alone before the verb at v, opening its clause (*Jan został*): the
        subject, though SGJP reads it in every case too (a woman's surname)."""
        k = v - 1
        return (
            k >= 0
            and not words[v].boundary_before
            and (k == 0 or words[k].boundary_before)
            and self._first_name(words[k])
            and any(
                r.pos == "subst" and r.case == {"nom"} for r in self._morph.analyse(words[k].text)
            )
        )

    def _recase_person(
        self, s: _Sentence, words: list[Word], head: int, readings: list[Reading], copula: Word
    ) -> bool:
        """The capitalised common noun at ``head`` (*Polak*, the Pole) in the Instrumental,
        its surname's readings aside (a woman's *Polak* is in every case already)."""
        if any("inst" in r.case for r in readings):
            return False
        reading = readings[0]
        number = next(iter(reading.number)) if len(reading.number) == 1 else None
        form = (
            self._form(
                reading.full_lemma,
                (reading.pos,),
                case="inst",
                number=number,
                gender=reading.gender,
            )
            if number is not None
            else None
        )
        if form is None or not self._set(s, head, form):
            return False
        s.assigned[head] = ("inst", number or "sg")
        s.reasons[head] = self._copula_facts(s, words, head, copula)
        return True

    def _copula_facts(
        self, s: _Sentence, words: list[Word], k: int, copula: Word, *, look_alike: bool = False
    ) -> explain.InflectionFacts:
        """Why the noun at k, recased, is in the Instrumental: the copula's rule (the
        copula's lemma named: *został* is a form of *zostać*, not of *być*)."""
        return explain.InflectionFacts(
            expected=s.fixes[k],
            got=words[k].text,
            feature="case",
            expected_value="inst",
            got_value=None,
            rule="case.copula",
            trigger=copula.text,
            lemma=self._nouns(words[k])[0].lemma,
            verb_lemma=self._grammar.copula_lemma(copula),
            look_alike=look_alike,
        )

    def _plain_subject(self, words: list[Word], k: int | None) -> bool:
        """A subject found before być that is a noun and nothing else, in no reading an
        adjective (not *Obecny był kierownik*: present was the head, kierownik the subject)."""
        return k is not None and not any(
            r.pos in ADJ_CLASSES for r in self._morph.analyse(words[k].text)
        )

    def _adjective_with_letters(self, word: Word) -> bool:
        """A word written without Polish letters that, with them, is an adjective in the
        nominative (*mila*: miła; *zla*: zła): after być more likely meant than the noun."""
        if not word.text.islower() or any(ch in "ąćęłńóśźż" for ch in word.key):
            return False
        return any(
            c != word.key
            and self._known(c)
            and any(r.pos == "adj" and "nom" in r.case for r in self._morph.analyse(c))
            for c in self._listed(word.key)
        )

    @staticmethod
    def _to_before(words: list[Word], j: int) -> bool:
        """*to* (or *to nie*) right before the verb at j: *To jest student*, *to nie są
        przedstawiciele*: the noun after is in the nominative."""
        k = j - 1
        if k >= 0 and words[k].key == "nie" and not words[k + 1].boundary_before:
            k -= 1
        return k >= 0 and words[k].key == "to" and not words[k + 1].boundary_before

    def _wanted_copula(self, words: list[Word], j: int) -> list[Reading]:
        """The infinitive *być* or *zostać* at j after a verb whose subject wants (can, has)
        to be or become someone: a first or second person (*chcę być*, *chciałbym zostać*), or a
        third with its noun subject before it (*Mój syn chce być*); the readings of that verb,
        or none.
        Not *Może być problem*: with no subject before, the noun after is the subject."""
        if j == 0 or words[j].boundary_before or words[j].key not in _COPULA_INFINITIVES:
            return []
        verbs = [r for r in self._read(words[j - 1].text) if r.pos in ("fin", "praet", "cond")]
        if not verbs or not any(r.pos == "inf" for r in self._read(words[j].text)):
            return []
        if any(r.person & {"pri", "sec"} for r in verbs):
            return verbs
        if j > 1 and words[j - 1].key in _BY_FORMS:
            return []
        return verbs if self._subject_before(words, j - 1) is not None else []

    def _only_modifiers(self, words: list[Word], start: int, head: int) -> bool:
        return all(
            any(r.pos in ADJ_CLASSES or r.pos == "adv" for r in self._read(words[k].text))
            for k in range(start, head)
        )

    def _infinitive_after(self, words: list[Word], head: int) -> bool:
        """An infinitive follows the noun at ``head`` in its clause."""
        for k in range(head + 1, len(words)):
            if words[k].boundary_before:
                return False
            if any(r.pos == "inf" for r in self._read(words[k].text)):
                return True
        return False

    def _subject_before(self, words: list[Word], v: int) -> int | None:
        for k in range(v - 1, -1, -1):
            if words[k + 1].boundary_before:
                return None
            readings = self._read(words[k].text)
            if (
                any(
                    r.pos in ("subst", "ppron12", "ppron3") and r.case == frozenset({"nom"})
                    for r in readings
                )
                or any(
                    r.pos == "subst" and "nom" in r.case and r.case <= {"nom", "voc"}
                    for r in readings
                )
                and not any(r.pos in ("adj", "ppas", "pact") for r in readings)
            ):
                return k  # "Moi rodzice są": nominative or vocative (no adjective: "Obecny")
        return None

    def _objects(self, s: _Sentence) -> None:
        """A verb's object in the case its frame asks (*Lubię kawa* → *kawę*), the genitive after
        a negated verb that takes the accusative (*Nie mam czas* → *czasu*). Left alone: a
        noun that may be the subject (*może pomóc zmiana*), an instrument beside the object
        (*zadaje nogą cios*), a partitive genitive (*kupię chleba*), a counted noun (*mieć
        dwadzieścia lat*)."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [
                r
                for r in self._read(w.text)
                if r.pos in ("fin", "praet", "inf", "cond", "impt", "bedzie", "imps")
            ]
            if not verbs or not self._grammar.is_verb(w):
                verbs = self._opening_imperative(words, j)  # "Kup mi", "Kup gazeta"
                if not verbs:
                    continue
            start = j + 2 if j + 1 < len(words) and words[j + 1].key == "się" else j + 1
            if start >= len(words) or words[start].boundary_before:
                continue
            dative = (
                words[start].key in _DATIVE_CLITICS
                and start + 1 < len(words)
                and not words[start + 1].boundary_before
                and words[start + 1].key != "się"
            )
            if dative:
                start += 1  # "Daj mi ta książka": to whom, then what
            start = self._past_adverbs(words, start)  # "Nie ma tutaj sklep": tutaj says where
            if (
                words[start].key == "ani"
                and start + 1 < len(words)
                and not words[start + 1].boundary_before
                and self._grammar.negated(words, j) is not None
            ):
                start += 1  # "Nie lubię ani kawa, ani herbata": neither … nor, objects both
            head = self._phrase_head(words, start)  # "Interesuję się sport": after się
            if head is None or self._dated_month(words, head):
                continue
            if j > 0 and self._counted_object_after(words, j - 1):
                continue  # "Ile masz brat?": counted by ile (braci), _numerals' or left
            if any(self._grammar.is_prep(words[k]) for k in range(start, head)):
                continue
            if self._numeral_between(words, start - 1, head, one=False):
                continue
            if (
                verbs[0].pos != "inf"
                and not self._could_be(words[head], ("nom",))
                and self._infinitive_after(words, head)
            ):
                continue  # "Chcę panu powiedzieć", "Chcę mamie kupić prezent": a case of its
                # own may be the infinitive's (powiedzieć komuś), not the first verb's object
                # (but "Nie mam czas iść": the dictionary form is the first verb's)
            verb = verbs[0]
            reflexive = self._reflexive(words, j)
            cases = self._grammar.table.case_of(verb.lemma, reflexive)
            table = self._grammar.table
            if (
                reflexive
                and cases
                and table.frames(verb.lemma, True) == table.frames(verb.lemma)
                and not ("ter" in verb.person and "sg" in verb.number)
            ):
                # "Z podłogi podnosisz się": a verb with no frame of its own with się (the
                # table's frames are those without it) has się for its accusative (you raise
                # yourself); a nominative after it is no second object. Only the 3rd person
                # singular may be impersonal, its accusative kept (*stosuje się przepisy*)
                cases = cases - {"acc"}
            # "Brakuje mi czas": the one who lacks said (mi), what is lacking is in the
            # genitive; brakować has no subject that could be in the nominative
            lacking = dative and verb.lemma in _LACKING and cases == {"gen", "dat"}
            if lacking or dative and cases == {"gen", "dat"}:
                cases = frozenset({"gen"})  # "Życzę ci szczęście": to whom said (ci), what is
                # wished, given or envied is in the genitive (życzyć, gratulować, odmówić)
            if cases == {"dat"} and self._dative_taken(words, j, start, head):
                continue  # "Pomóż mi lekcje", "Mamie pomagam lekcje": the verb's one dative
                # is said; the noun after it is no second (pomóc komuś w czymś)
            if not cases or len(cases) > 1 and "acc" not in cases:
                continue
            nouns = self._nouns(words[head])
            if not nouns:
                self._language_object(s, words, j, head, cases)
                continue
            if self._is_name(words[head]) or self._address_formula(words, j, start, head):
                continue
            if (
                not lacking
                and verb.lemma in THING_SUBJECT_VERBS
                and "ter" in verb.person
                and any("nom" in r.case and r.number & verb.number for r in nouns)
                and any(words[k].key in _PERSONAL_12 for k in self._grammar.clause(words, j))
            ):
                continue  # "Ja się podoba polska muzyka": the music pleases (mi is meant)
            if self._may_be_addressed(words, head, verbs):
                continue
            if self._duration(words, start, head, nouns, cases | ({"acc"} if lacking else set())):
                continue  # "Będę się uczyć cały wieczór": how long, not what
            nie = self._grammar.negated(words, j)
            negated = nie is not None and not any(
                words[k].boundary_before for k in range(nie + 1, j + 1)
            )  # "Nie, wolę lato": the answer no, not a negated verb
            recipient = False
            want = (
                "gen"
                if negated and "acc" in cases
                else "acc"
                if "acc" in cases
                else next(iter(cases))
            )
            if want == "acc" and "inst" in cases and self._instrumental_unlettered(words[head]):
                continue  # "Płacę gotówka": gotówkę (what) or gotówką (with what, its ą
                # left out)? Both frames are the verb's, and nothing says which is meant
            if (
                want == "acc"
                and "dat" in cases
                and not self._could_be(words[head], ("acc", "dat"))
                and self._could_be(words[head], ("nom",))
                and (all(r.pos == "imps" for r in verbs) or self._has_subject(words, j))
                and self._other_accusative(words, j, start, head)
            ):
                want = "dat"  # "Dokumenty poddano analiza": the thing has its case, the
                # analysis takes the other object's (poddać coś czemuś)
                # "Kupiłem siostra kwiaty": the person it is for (not poddać analizie)
                recipient = "acc" in cases and any(self._person(r) for r in nouns)
            elif (
                "dat" in cases
                and all(r.pos == "imps" for r in verbs)
                and not self._modifier_has(words, start, head, "acc", unless="nom")
            ):
                continue  # "Poddano analiza": which of the two objects it is, nothing says
                # (but "Napisano całą filozofia": całą says)
            if (
                want == "dat"
                and self._could_be(words[head], ("acc",))
                and not any(self._person(r) or "m2" in r.gender for r in nouns)
                and self._infinitive_after(words, head)
            ):
                continue  # "każę samowar zapalić": a thing before an infinitive is the
                # infinitive's object; the one told (kazać komuś) is a person
            if self._could_be(words[head], (want,)):
                if self._has_subject(words, j):
                    k = self._coordinated(s, words, head, want)  # "Lubię pierogi i zupa"
                    if k is not None:
                        s.reasons[k] = self._object_facts(
                            s, words, k, want, j, nie if negated else None, reflexive
                        )
                continue
            if any(
                r.pos == "ger" and want in r.case for r in self._morph.analyse(words[head].text)
            ):
                continue  # "ma żarcie": a verbal noun in the case (not żart's locative)
            if not negated and self._could_be(words[head], cases):
                continue  # it already has one of the frame's cases
            if negated and not self._could_be(words[head], ("acc", "nom")):
                continue  # "Nie przerywaj panu": another frame of the verb
            if negated and self._could_be(words[head], ("gen",)):
                continue  # "nie poruszał powietrza": the genitive of negation, whatever the table
            if (
                want == "acc"
                and self._could_be(words[head], ("gen",))
                and (
                    any(v.aspect != frozenset({"imperf"}) for v in verbs)
                    or not self._sure_verb(w)  # "ma piec lat": piec is no sure verb
                    or any(
                        self._numeral_word(words[k]) or words[k].text.isdecimal()
                        for k in self._grammar.clause(words, j)
                    )
                )
            ):
                continue  # "Kupię chleba": some bread (a perfective verb's; not *Czytam
                # książek*); "Ile masz lat?", "Lat mam dwadzieścia": counted
            if (
                want == "acc"
                and not negated
                and verb.lemma in _PARTITIVE_VERBS
                and any(r.pos in _NOUNS and "gen" in r.case and "sg" in r.number for r in nouns)
            ):
                continue  # "jadł chleba", "pił wody": a singular genitive may be some of it
                # (not "łamie obcasa": breaking takes no part of a heel)
            if (
                not lacking
                and not self._has_subject(words, j)
                and (
                    not self._not_its_subject(words, j, head)
                    and not (negated and self._nothing_there(words, j, head))
                    if self._could_be(words[head], ("nom",))
                    else not self._sure_object(words, j, head)
                )
            ):
                continue  # the noun after the verb may be its subject; the sentence unclear
            if self._could_be(words[head], ("inst",)) and not self._modifier_has(
                words, j + 1, head, want
            ):
                continue  # "odpowiedziałem uśmiechem", "wolę gotówką": how, not what
            if self._other_object(words, head, want):
                continue  # another noun is the object; this one says with what, or when
            if (
                self._subject_after(words, j, head, want)
                or self._past_subject_after(words, j, head, want)
                or self._people_after(words, j, head)
            ):
                continue  # "Ten dom kupuje mój brat": the object first, the buyer after
            if self._recase(s, head, (want,)):
                if (
                    recipient
                    or verbs[0] not in self._read(w.text)
                    or self._numeral_between(words, start - 1, head)
                ):  # "Kup mi": the verb, not kupa; "Mam jeden brat": not as after 2, 3, 4
                    s.reasons[head] = self._object_facts(
                        s, words, head, want, j, nie if negated else None, reflexive, recipient
                    )
                k = self._coordinated(s, words, head, want)  # "Lubię kawa i herbata": both
                if k is not None:
                    s.reasons[k] = self._object_facts(
                        s, words, k, want, j, nie if negated else None, reflexive
                    )

    def _dative_taken(self, words: list[Word], j: int, start: int, head: int) -> bool:
        """Is there, in the clause of the verb at ``j``, a noun or pronoun outside the phrase
        from ``start`` to ``head`` that can be in the dative outside a preposition's phrase:
        the verb's one dative (*Pomóż mi lekcje*, *Mamie pomagam lekcje*)?"""
        return any(
            k != j
            and not start <= k <= head
            and any(
                r.pos in (*_NOUNS, "ppron12", "ppron3") and "dat" in r.case
                for r in self._read(words[k].text)
            )
            and self._grammar.preposition_before(words, k) is None
            for k in self._grammar.clause(words, j)
        )

    def _past_adverbs(self, words: list[Word], start: int) -> int:
        """The first word at or after ``start`` that is not an adverb or a particle (at most
        two, in the same clause, *nie* not among them): *Nie ma tutaj sklep*, *Mam jeszcze
        czas*."""
        for _ in range(2):
            if (
                start + 1 >= len(words)
                or words[start + 1].boundary_before
                or words[start].key in ("nie", "się", *_BY_FORMS)
                or not self._adverb_here(words[start])
            ):
                break
            start += 1
        return start

    def _adverb_here(self, word: Word) -> bool:
        """A word read only as an adverb or a particle in its usual readings, or as a noun
        that is the adverb itself (*tam*, *jeszcze*; *dziś*, *wczoraj*)."""
        readings = self._read(word.text)
        adverbs = {r.lemma for r in readings if r.pos == "adv"}
        return bool(readings) and all(
            r.pos in ("adv", "qub", "part") or r.pos in _NOUNS and r.lemma in adverbs
            for r in readings
        )

    def _compared(self, s: _Sentence) -> None:
        """*Wolę herbatę niż kawa* → *niż kawę*, *Lubię kawę tak samo jak herbata* → *jak
        herbatę*: after *niż* (and *jak* after *tak*, *tak samo*, *równie*) the thing compared
        is in the case of the one it is compared with, here the verb's object before it, in
        one case other than the nominative. Only where that comparison is the one meant: the
        verb in the first or second person (a nominative after *niż* may otherwise be
        compared with the subject: *Anna ma więcej czasu niż Piotr*), the noun after it a
        thing (*Lubię kawę bardziej niż mama*: mama likes it less), nothing but a noun
        phrase after *niż*, the object not in a preposition's phrase (*do Krakowa niż
        do Warszawy* repeats it), and no adjective's comparative between (*sukienkę droższą
        niż spódnica*: than the skirt is, the nominative)."""
        words = s.current()
        for m, w in enumerate(words):
            if m < 2 or words[m].boundary_before or m + 1 >= len(words):
                continue
            if not (w.key == "niż" or w.key == "jak" and words[m - 1].key in _AS_AS):
                continue
            head = self._phrase_head(words, m + 1)
            if head is None or head in s.fixes or not words[head].text.islower():
                continue
            if head + 1 < len(words) and not words[head + 1].boundary_before:
                nxt = self._read(words[head + 1].text)
                if any(r.pos in VERBAL for r in nxt):
                    continue  # "niż kawa smakuje": a clause of its own
            nouns = self._nouns(words[head])
            if not nouns or any(
                r.gender & {"m1", "m2"} or self._person(r) or r.lemma[:1].isupper() for r in nouns
            ):
                continue
            clause = [k for k in self._grammar.clause(words, m - 1) if k < m]
            k = next(
                (k for k in reversed(clause) if self._nouns(words[k])),
                None,
            )
            if k is None or self._grammar.preposition_before(words, k) is not None:
                continue
            if any(
                r.pos == "adj" and "com" in r.degree
                for x in range(k + 1, m)
                for r in self._read(words[x].text)
            ):
                continue  # "sukienkę droższą niż spódnica": the skirt is (dear), its own clause
            if k in s.assigned:
                case = s.assigned[k][0]
            else:
                cases = {c for r in self._nouns(words[k]) for c in r.case}
                case = next(iter(cases)) if len(cases) == 1 else ""
            if case in ("", "nom", "voc") or self._could_be(words[k], ("nom",)):
                continue
            verbs = [
                (v, r)
                for v in clause
                if v < k
                for r in self._read(words[v].text)
                if r.pos in ("fin", "praet") and r.person
            ]
            if not verbs or not all(r.person <= {"pri", "sec"} for _, r in verbs):
                continue
            if not self._could_be(words[head], ("nom",)) or self._could_be(words[head], (case,)):
                continue
            if not self._recase(s, head, (case,)):
                continue
            facts = _case_facts(
                s, words[head], head, case, "case.verb_government", w.text, nouns[0].lemma
            )
            s.reasons[head] = replace(
                facts, detail="compared", antecedent=s.fixes.get(k, words[k].text)
            )

    def _pronoun_objects(self, s: _Sentence) -> None:
        """*Kocham ty* → *cię*, *Znam ona* → *ją*, *Nie lubię on* → *go*, *Pomóż ja* → *mi*: a
        personal pronoun in the nominative right after a verb it cannot be the subject of (its
        person or number is not the verb's) is the verb's object, in the one case the verb's
        frame has (the genitive after a negated verb of the accusative), in the short form
        that follows a verb. A verb of the dative and the accusative (*dać*, *kupić*) with a
        noun after the pronoun that can be the thing given (*Dałem ona kwiaty* → *jej*): the
        pronoun is the one it goes to, in the dative. Left alone: a verb of two objects' cases
        with no such noun, or of none (*Dałem ona*: to whom, or what?), a pronoun with a verb
        after it in the sentence (*Myślę on przyjdzie*: the subject of what follows), or an
        infinitive (*Czy możesz ja pomóc*: the infinitive's), a verb with *się*. *nikt*
        (nobody) likewise after a negated verb or its infinitive, past an adverb, whose subject
        it cannot be (*Nie znam tutaj nikt*, *Nie mogę znaleźć nikt* → *nikogo*), or after
        *nie ma* with nothing else to have (*Nie ma nikt w domu*); without *nie* the clause
        lacks it, not the pronoun its case."""
        words = s.current()
        for j in range(len(words) - 1):
            k = j + 1
            if words[past := self._past_adverbs(words, k)].key == "nikt":
                k = past  # "Nie znam tutaj nikt": tutaj says where
            pronoun = words[k]
            nominative, oblique = _OBLIQUE_PRONOUNS.get(pronoun.key, (pronoun.key, None))
            nobody = pronoun.key == "nikt"  # "Nie znam nikt" → nikogo
            forms = _NOBODY_OBJECTS if nobody else _PRONOUN_OBJECTS.get(nominative)
            if forms is None or pronoun.boundary_before or k in s.fixes:
                continue
            verbs = [
                r
                for r in self._read(words[j].text)
                if r.pos in ("fin", "praet", "impt") or nobody and r.pos == "inf"
            ]  # ("Nie mogę znaleźć nikt": the negated modal's infinitive, no subject of its own)
            if not verbs or not self._grammar.is_verb(words[j]):
                continue
            if oblique is not None:
                self._oblique_object(s, words, j, verbs, oblique, forms)
                continue
            person, number, genders = (_WHO_FEATURES if nobody else _PRONOUN_FEATURES)[pronoun.key]
            if any(
                person in r.person
                and number in r.number
                and (r.pos != "praet" or genders is None or r.gender & genders)
                or not r.person  # a past form of the 3rd person: any pronoun of it may be
                and person == "ter"
                and number in r.number
                for r in verbs
            ) and not (nobody and self._nothing_there(words, j, k)):
                continue  # "Widzi on": he sees; the pronoun may be the subject (but "Nie ma
                # nikt w domu": there is nobody, mieć with nothing to have)
            if any(w.boundary_before or self._is_verb_form(w.text) for w in words[k + 1 :]):
                continue  # another verb or clause follows: the pronoun may open it
            cases = self._grammar.table.case_of(verbs[0].lemma)
            if not cases or any(self._grammar.table.case_of(r.lemma) != cases for r in verbs):
                continue
            nie = self._grammar.negated(words, j)
            if nobody and nie is None:
                continue  # "Widziałem nikt": the clause lacks its nie (_negative_concord's)
            if nobody and any(
                r.pos in ("adj", "ppas", "pact")
                for w in words[k + 1 : k + 2]
                for r in self._read(w.text)
            ):
                continue  # "Nie spotkałem nikt ciekawy": nikogo ciekawego, the two together
            recipient = self._given_thing_after(words, k, cases, negated=nie is not None)
            if recipient:
                want = "dat"  # "Dałem ona kwiaty": to her; "Nie dałem ona kwiatów" too
            elif nie is not None and "acc" in cases:
                want = "gen"
            elif len(cases) == 1:
                want = next(iter(cases))
            else:
                continue
            form = forms.get(want)
            if form is None or not self._set(s, k, form):
                continue
            negation = nie is not None and want == "gen"
            s.reasons[k] = explain.InflectionFacts(
                expected=form,
                got=pronoun.text,
                feature="case",
                expected_value=want,
                got_value="nom",
                rule="case.negation" if negation else "case.verb_government",
                trigger=words[nie].text if negation and nie is not None else words[j].text,
                lemma=pronoun.key,
                verb_lemma=" ".join(w.text for w in words[nie + 1 : j + 1])  # "mogę znaleźć"
                if negation and nie is not None
                else verbs[0].lemma,
                detail="recipient" if recipient else None,
            )

    def _oblique_object(
        self,
        s: _Sentence,
        words: list[Word],
        j: int,
        verbs: list[Reading],
        cases: frozenset[str],
        forms: dict[str, str],
    ) -> None:
        """*Dziękuję ciebie* → *ci*, *Pomagam ją* → *jej*: an accusative pronoun right after a
        verb of the dative alone is its object in the dative. Not after a negated verb, nor
        with *się* or another verb in the clause."""
        k = j + 1
        clause = self._grammar.clause(words, j)
        if self._grammar.negated(words, j) is not None or any(
            words[m].key == "się" or m != j and self._is_verb_form(words[m].text) for m in clause
        ):
            return
        frame = self._grammar.table.case_of(verbs[0].lemma)
        if len(frame) != 1 or any(self._grammar.table.case_of(r.lemma) != frame for r in verbs):
            return
        want = next(iter(frame))
        if want != "dat" or want in cases or want not in forms or not self._set(s, k, forms[want]):
            return
        s.reasons[k] = explain.InflectionFacts(
            expected=forms[want],
            got=words[k].text,
            feature="case",
            expected_value=want,
            got_value=next(iter(cases)) if len(cases) == 1 else None,
            rule="case.verb_government",
            trigger=words[j].text,
            lemma=words[k].key,
            verb_lemma=verbs[0].lemma,
        )

    def _set_phrase_objects(self, s: _Sentence) -> None:
        """*Mam nadzieje, że…* → *nadzieję*, *Masz racje* → *rację*: *mieć nadzieję* (to hope)
        and *mieć rację* (to be right) are set phrases with the noun in the accusative
        singular; its plural, a real form (*duże nadzieje*, *swoje racje*), is taken for it
        only right after *mieć* (not negated) and right before the clause's end or *że*."""
        words = s.current()
        for j in range(len(words) - 1):
            k = j + 1
            noun = words[k]
            if noun.boundary_before or k in s.fixes:
                continue
            if not any(r.lemma == "mieć" and r.pos in VERBAL for r in self._read(words[j].text)):
                continue
            lemmas = {
                r.lemma
                for r in self._morph.analyse(noun.text)
                if r.pos == "subst" and r.number == {"pl"} and "acc" in r.case
            }
            lemma = next((n for n in _SET_PHRASE_NOUNS if n in lemmas), None)
            if lemma is None or self._grammar.negated(words, j) is not None:
                continue
            if k + 1 < len(words) and not (
                words[k + 1].boundary_before or words[k + 1].key in _THAT_CONJUNCTIONS
            ):
                continue  # "Mamy nadzieje na lepsze jutro": hopes (for), a plural may be meant
            form = _SET_PHRASE_NOUNS[lemma]
            written = form.capitalize() if noun.text[:1].isupper() else form
            if not self._set(s, k, written):
                continue
            s.reasons[k] = explain.InflectionFacts(
                expected=s.fixes[k],
                got=noun.text,
                feature="number",
                expected_value="sg",
                got_value="pl",
                rule="number",
                trigger=words[j].text,
                lemma=lemma,
                verb_lemma=f"mieć {form}",
                detail="set_phrase",
            )

    def _given_thing_after(
        self, words: list[Word], k: int, cases: frozenset[str], *, negated: bool
    ) -> bool:
        """After the pronoun at k, for a verb of the dative and the accusative, a noun (its
        phrase's head, nothing else between) that can be the thing given: in the accusative,
        or the genitive after a negated verb (*Nie dałem ona kwiatów*)."""
        if not {"dat", "acc"} <= cases or k + 1 >= len(words) or words[k + 1].boundary_before:
            return False
        head = self._phrase_head(words, k + 1)
        if head is None or head != k + 1 and not self._only_modifiers(words, k + 1, head):
            return False
        if words[head].key in _PRONOUN_OBJECTS or self._is_name(words[head]):
            return False  # "Dałem ona on": which is which? "Przedstawiłem ona Anna"
        if any(r.lemma in TIME_NOUNS for r in self._nouns(words[head])):
            return False  # "Zabierałem on każdy dzień": how often, not what
        return self._could_be(words[head], ("gen", "acc") if negated else ("acc",))

    def _may_be_addressed(self, words: list[Word], head: int, verbs: list[Reading]) -> bool:
        """*Pomóż mi kolego*, *Słuchajcie studenci*, *Dziękuję koledzy za pomoc*: the one
        spoken to, its commas left out, not an object: a person's noun in a form that is
        nothing but a vocative, or a nominative that is a vocative too after a verb that
        speaks to someone (an imperative, the 2nd person, *dziękować*, *przepraszać*)."""
        nouns = [r for r in self._morph.analyse(words[head].text) if r.pos in _NOUNS]
        vocatives = [r for r in nouns if "voc" in r.case and (self._person(r) or "m1" in r.gender)]
        if not vocatives:
            return False
        if all(r.case == frozenset({"voc"}) for r in nouns):
            return True  # "kolego", "synku"
        if not any("nom" in r.case for r in nouns):
            return False  # "Weź pilocie": a locative too, a slip for the object (pilota)
        return any(r.pos == "impt" or "sec" in r.person for r in verbs) or any(
            r.lemma in _THANKING for r in verbs
        )

    @staticmethod
    def _address_formula(words: list[Word], j: int, start: int, head: int) -> bool:
        """*Proszę pani, …*: the set way to address a woman (*pani* is no object of *proszę*
        there; but *Proszę pani o pomoc* → *panią*: asking her for something)."""
        asks = (
            head + 1 < len(words)
            and not words[head + 1].boundary_before
            and words[head + 1].key == "o"
        )
        return words[j].key == "proszę" and head == start and words[head].key == "pani" and not asks

    def _counted_object(self, s: _Sentence) -> None:
        """*Nie mam dwa koty* → *dwóch kotów*, *Brakuje mi jeden złoty* → *jednego złotego*:
        a counted object in the genitive, numeral and noun (2, 3, 4 and up, or *jeden* before
        a noun that is also an adjective, *złoty*, which the other rules leave), after a
        negated verb that takes the accusative or a verb that takes the genitive (*Szukam
        dwa pokoje* → *dwóch pokoi*), whose subject is the speaker or the one addressed, or
        after *brakować* and the one who lacks (*mi*, *nam* …: what is lacking is in the
        genitive, and no subject). The phrase right after the verb (and its *się* or
        dative). Left alone: a time (*Nie widziałem go dwa lata*: how long), a numeral
        already in another case, a 3rd-person verb (*Nie lubią go dwa koty*: the subject)."""
        words = s.current()
        for j, w in enumerate(words):
            if not self._grammar.is_verb(w):
                continue
            verbs = [r for r in self._read(w.text) if r.pos in ("fin", "praet", "impt", "bedzie")]
            if not verbs:
                continue
            k = j + 2 if j + 1 < len(words) and words[j + 1].key == "się" else j + 1
            dative = k < len(words) and words[k].key in _DATIVE_CLITICS
            k += dative
            if k >= len(words) or any(words[m].boundary_before for m in range(j + 1, k + 1)):
                continue
            negated = j > 0 and words[j - 1].key == "nie" and not w.boundary_before
            reflexive = k > j + 1 and words[j + 1].key == "się"
            cases = self._grammar.table.case_of(verbs[0].lemma, reflexive)
            lacking = dative and verbs[0].lemma in _LACKING
            speaker = lacking or all(r.pos == "impt" or r.person & {"pri", "sec"} for r in verbs)
            # a 3rd-person verb: only a phrase not in its number is surely no subject of it
            unlike = (
                {n for r in verbs for n in r.number}
                if all(r.pos == "fin" and "ter" in r.person for r in verbs)
                and (self._has_subject(words, j) or self._subject_in_number(words, j, verbs))
                else None
            )  # (its subject before it: "czego potrzebują nasze dziecko" is the subject's
            # slip, the verb's number the wrong one)
            if not lacking and not (negated and "acc" in cases or cases == {"gen"}):
                continue
            if not speaker:
                if unlike is not None:
                    rule_at = (j - 1) if negated and "acc" in cases else None
                    self._modified_object(s, words, j, k, rule_at, unlike)
                continue
            counted: list[tuple[int, Reading]] = []
            m = k
            while m < len(words) and not words[m].boundary_before:
                nums = [r for r in self._read(words[m].text) if r.pos == "num"]
                if not nums or words[m].key in INDEFINITE_NUMERALS:
                    break
                if any(r.lemma in _INDEFINITE_LEMMAS or r.lemma == "jeden" for r in nums):
                    break
                counted.append((m, nums[0]))
                m += 1
            rule_at = (j - 1) if negated and not lacking and "acc" in cases else None
            if counted:
                self._counted_plural(s, words, j, counted, m, rule_at)
            elif words[k].key in ("jeden", "jedna", "jedno"):
                self._one_adjectival(s, words, j, k, rule_at)
            elif not lacking:
                self._modified_object(s, words, j, k, rule_at)

    def _subject_in_number(self, words: list[Word], v: int, verbs: list[Reading]) -> bool:
        """Is there a nominative before verb v in its clause, in the verb's number (*Mama nie
        lubi*, *Tomek nie ma*: a capitalised noun or a name too)?"""
        k = self._subject_before(words, v)
        return k is not None and any(
            r.pos in (*_NOUNS, "ppron12", "ppron3")
            and "nom" in r.case
            and any(r.number & x.number for x in verbs)
            for r in self._read(words[k].text)
        )

    def _counted_plural(
        self,
        s: _Sentence,
        words: list[Word],
        j: int,
        counted: list[tuple[int, Reading]],
        m: int,
        nie: int | None,
    ) -> None:
        """The numerals ``counted`` and their noun at m into the genitive (see
        _counted_object), when the numerals are in the nominative or accusative only and the
        noun is a plural that is no time."""
        if any(
            not r.case <= {"nom", "acc", "voc"}
            for i, _ in counted
            for r in self._read(words[i].text)
            if r.pos == "num"
        ):
            return
        head = self._phrase_head(words, m) if m < len(words) else None
        adjectival = self._adjectival_noun(words, m, "pl")
        if adjectival:
            head = m  # "dwa złote", "pięć złotych": the currency, also an adjective
        if head is None or head != m or self._is_name(words[head]):
            return
        if any(i in s.fixes for i in range(counted[0][0], head + 1)):
            return  # another rule's already
        nouns = adjectival or [r for r in self._nouns(words[head]) if "pl" in r.number]
        if not nouns or any(r.lemma in TIME_NOUNS for r in nouns):
            return
        if any(r.lemma in ("tysiąc", "milion") for _, r in counted):
            return
        if (
            head + 1 < len(words)
            and not words[head + 1].boundary_before
            and (self._nouns(words[head + 1]) or self._grammar.is_verb(words[head + 1]))
        ):
            return  # "Nie mam dwa koty lubią …": not one phrase to read
        gender = nouns[0].gender
        forms = [self._form(r.full_lemma, ("num",), case="gen", gender=gender) for _, r in counted]
        if any(f is None for f in forms):
            return
        changed = [
            (i, r, form)
            for (i, r), form in zip(counted, forms, strict=True)
            if form is not None and self._set(s, i, form)
        ]
        for i, r, form in changed:
            s.reasons[i] = self._counted_facts(words, j, i, form, r.lemma, nie)
        if adjectival:
            noun = adjectival[0]
            plural = self._form(noun.full_lemma, ("subst",), case="gen", number="pl", gender=gender)
            if plural is not None and self._set(s, head, plural):
                s.assigned[head] = ("gen", "pl")
                s.reasons[head] = self._counted_facts(words, j, head, plural, noun.lemma, nie)
        elif self._recase(s, head, ("gen",), "pl"):
            s.reasons[head] = self._counted_facts(
                words, j, head, s.fixes[head], nouns[0].lemma, nie
            )

    def _modified_object(
        self,
        s: _Sentence,
        words: list[Word],
        j: int,
        k: int,
        nie: int | None,
        unlike: set[str] | None = None,
    ) -> None:
        """*Nie lubię te buty* → *tych butów*, *Szukam nowe mieszkanie* → *nowego
        mieszkania*: an object phrase at k, its words before the noun agreeing with it in the
        nominative or accusative, into the genitive (see _counted_object), where the noun's
        own genitive reading is one those words rule out (*buty*, also *buta*'s genitive
        singular, but not after *te*), which the other rules leave. A possessive that does
        not change (*jego*, *jej*, *ich*) may stand before it. After a 3rd-person verb, only
        a phrase in another number, which cannot be its subject (*Mama nie lubi te buty*;
        not *Nie lubi jej ten chłopak*), with its subject before it. Not a time (*Nie widziałem go
        cały dzień*: how long), a name, or a phrase followed by another noun or a verb."""
        mods: list[int] = []
        head = k
        while head < len(words) and head - k <= 3 and not words[head].boundary_before:
            readings = self._read(words[head].text)
            if words[head].key in ("jego", "jej", "ich") or (
                any(r.pos in ("adj", "ppas", "pact") for r in readings)
                and not any(r.lemma in _WHOLE for r in readings)
                and not self._nouns(words[head])
            ):
                mods.append(head)
                head += 1
                continue
            break
        if not mods or head >= len(words) or words[head].boundary_before:
            return
        if any(m in s.fixes for m in range(k, head + 1)):
            return  # another rule's already
        nouns = self._nouns(words[head])
        if not nouns or self._is_name(words[head]) or not self._could_be(words[head], ("nom",)):
            return
        if any(r.lemma in TIME_NOUNS for r in nouns):
            return
        nxt = head + 1
        if (
            nxt < len(words)
            and not words[nxt].boundary_before
            and (self._could_be(words[nxt], ("nom", "acc")) or self._grammar.is_verb(words[nxt]))
        ):
            return  # "Nie lubię te buty mama kupiła": not one phrase to read
        agreeing = [m for m in mods if words[m].key not in ("jego", "jej", "ich")]
        agreed = [
            (r.lemma, n)
            for r in nouns
            if r.case & {"nom", "acc"}
            for n in r.number
            if all(
                any(
                    a.pos in ("adj", "ppas", "pact")
                    and a.case & r.case & {"nom", "acc"}
                    and n in a.number
                    and a.gender & r.gender
                    for a in self._read(words[m].text)
                )
                for m in agreeing
            )
        ]
        numbers = {n for _, n in agreed}
        lemmas = {lemma for lemma, _ in agreed}
        if len(numbers) != 1 or len(lemmas) != 1 or nouns[0].lemma not in lemmas:
            return  # ("polska muzyka": music, not muzyk, the musician)
        genitives = [
            r for r in self._morph.analyse(words[head].text) if r.pos in _NOUNS and "gen" in r.case
        ]
        if genitives and (
            not agreeing
            or any(
                a.pos in ("adj", "ppas", "pact") and _agrees(a, g)
                for m in agreeing
                for a in self._morph.analyse(words[m].text)
                for g in genitives
            )
        ):
            return  # "Nie piję tej wody": a genitive its words may go with
        number = next(iter(numbers))
        if unlike is not None and number in unlike:
            return
        if self._recase(s, head, ("gen",), number):
            s.reasons[head] = self._counted_facts(
                words, j, head, s.fixes[head], nouns[0].lemma, nie
            )
        elif any(
            r.pos in _NOUNS and "gen" in r.case and number in r.number and r.lemma in lemmas
            for r in self._morph.analyse(words[head].text)
        ):
            s.assigned[head] = ("gen", number)  # "takie rzeczy" → takich: the noun's form is
            # one (of the same noun: not "polska muzyka", muzyk's genitive)

    def _adjectival_noun(self, words: list[Word], i: int, number: str) -> list[Reading]:
        """The noun readings in ``number`` of a lower-case word at i that is also an adjective,
        so not among _nouns (*złoty*, *złote*, *znajomy*), ending its phrase: no noun or
        adjective after it (*złoty pierścionek*: then it is the ring's); none otherwise."""
        if i >= len(words) or words[i].boundary_before or not words[i].text.islower():
            return []
        if (
            i + 1 < len(words)
            and not words[i + 1].boundary_before
            and (
                self._nouns(words[i + 1])
                or any(r.pos in ADJ_CLASSES for r in self._read(words[i + 1].text))
            )
        ):
            return []
        if self._nouns(words[i]):
            return []
        nouns = [
            r
            for r in self._read(words[i].text)
            if r.pos == "subst" and r.number == {number} and r.case & {"nom", "acc", "gen"}
        ]
        return nouns if len({r.lemma for r in nouns}) == 1 else []

    def _one_adjectival(
        self, s: _Sentence, words: list[Word], j: int, k: int, nie: int | None
    ) -> None:
        """*jeden złoty* → *jednego złotego*: *jeden* (*jedna*, *jedno*) at k before a noun
        in the nominative singular that is also an adjective (*złoty*, *znajomy*), ending the
        phrase, into the genitive (see _counted_object)."""
        n = k + 1
        if k in s.fixes or n in s.fixes:
            return  # another rule's already
        nouns = [r for r in self._adjectival_noun(words, n, "sg") if r.case == {"nom"}]
        ones = [
            r
            for r in self._read(words[k].text)
            if r.pos == "adj" and "nom" in r.case and "sg" in r.number
        ]
        if len({r.lemma for r in nouns}) != 1 or not ones or self._nouns(words[n]):
            return
        noun = nouns[0]
        if not any(r.gender & noun.gender for r in ones) or noun.lemma in TIME_NOUNS:
            return
        form = self._form(noun.full_lemma, ("subst",), case="gen", number="sg", gender=noun.gender)
        one = self._form(ones[0].full_lemma, ("adj",), case="gen", number="sg", gender=noun.gender)
        if form is None or one is None or not self._set(s, n, form):
            return
        s.assigned[n] = ("gen", "sg")
        s.reasons[n] = self._counted_facts(words, j, n, form, noun.lemma, nie)
        if self._set(s, k, one):
            s.reasons[k] = self._counted_facts(words, j, k, one, "jeden", nie)

    def _none_there(self, s: _Sentence) -> None:
        """*W tym roku nie było śnieg* → *nie było śniegu*, *Jutro nie będzie deszcz* → *nie
        będzie deszczu*: *nie było*, *nie będzie* (there was, will be no …) take the genitive of
        what is missing, as *nie ma* does. A nominative after it is that genitive's learner's
        form where it cannot be the verb's subject: for *było*, a noun that is not a neuter
        singular; or any noun that ends its clause or is followed by a preposition (a subject
        would need a predicate: *Wczoraj nie było zimno*). Not after *to* (*To nie było
        dziecko*), nor a name or a pronoun; left alone where an adjective after the noun may
        be its predicate."""
        words = s.current()
        for j in range(len(words) - 2):
            verb = words[j + 1]
            if words[j].key != "nie" or verb.key not in ("było", "będzie") or verb.boundary_before:
                continue
            if j > 0 and words[j - 1].key == "to" and not words[j].boundary_before:
                continue  # "To nie było dziecko": to's copula
            head = self._phrase_head(words, j + 2)
            if head is None or head in s.fixes:
                continue
            if any(words[k].boundary_before or k in s.fixes for k in range(j + 2, head + 1)):
                continue
            nouns = self._nouns(words[head])
            if not nouns or self._is_name(words[head]):
                continue
            if not all("nom" in r.case and "gen" not in r.case for r in nouns):
                continue
            after = head + 1
            ends = (
                after == len(words)
                or words[after].boundary_before
                or self._grammar.is_prep(words[after])
            )
            neuter = any(r.number == frozenset({"sg"}) and "n" in r.gender for r in nouns)
            if not ends and (verb.key == "będzie" or neuter):
                continue  # the noun may be the verb's subject, a predicate after it
            if not ends and any(
                r.pos in ("adj", "ppas", "pact") for r in self._read(words[after].text)
            ):
                continue  # an adjective after it may say what the noun was not
            if self._recase(s, head, ("gen",)):
                s.reasons[head] = explain.InflectionFacts(
                    expected=s.fixes[head],
                    got=words[head].text,
                    feature="case",
                    expected_value="gen",
                    got_value="nom",
                    rule="case.negation",
                    trigger=words[j].text,
                    lemma=nouns[0].lemma,
                    verb_lemma=verb.text,
                    detail="none_there",
                )

    def _counted_facts(
        self, words: list[Word], j: int, k: int, form: str, lemma: str, nie: int | None
    ) -> explain.InflectionFacts:
        """Why a word of a counted object changed: the negated verb (*nie* at ``nie``) or the
        verb at j, which takes the genitive."""
        verb = next(
            r for r in self._read(words[j].text) if r.pos in ("fin", "praet", "impt", "bedzie")
        )
        reflexive = j + 1 < len(words) and words[j + 1].key == "się"
        return explain.InflectionFacts(
            expected=form,
            got=words[k].text,
            feature="case",
            expected_value="gen",
            got_value=None,
            rule="case.negation" if nie is not None else "case.verb_government",
            trigger=words[nie].text if nie is not None else words[j].text,
            lemma=lemma,
            verb_lemma=words[j].text
            if nie is not None
            else verb.lemma + (" się" if reflexive else ""),
        )

    def _country_of(self, s: _Sentence) -> None:
        """*Interesuję się historią Polska* → *historią Polski*: a place's name, capitalised in
        mid-sentence, right after a noun for what a country or a town has (_OF_A_PLACE: its
        history, capital, centre …) that is not in the nominative, says whose, in the
        genitive. In the nominative it could only be a subject, and none of the clause's
        verbs can have it as one; read as the adjective (*historią polską*, also right) it
        would not be capitalised. Left alone: a name before another noun or adjective
        (*Rzeczpospolita Polska*), a verb after it or without a subject before it (*Z
        historią Polska ma wiele wspólnego*: Poland has)."""
        words = s.current()
        for k in range(1, len(words)):
            w, before = words[k], words[k - 1]
            if w.boundary_before or not w.text[:1].isupper() or not before.text.islower():
                continue
            if not w.text.isalpha():
                continue  # "granicy Polska-Niemcy": a name of two
            if k + 1 < len(words):
                nxt = words[k + 1]
                between = s.text[w.end : nxt.start].strip()
                if nxt.boundary_before and between not in (",", ".", ";", "!", "?", ":"):
                    continue  # "na granicy Polska – Niemcy": a name of two
                if not nxt.boundary_before and not self._grammar.is_prep(nxt):
                    continue  # "Polska i Czechy": both, or a name before another word
            places = [
                r
                for r in self._read(w.text)
                if r.pos == "subst" and r.lemma[:1].isupper() and "nom" in r.case
            ]
            if not places or not self._morph.is_place(w.text):
                continue
            if self._could_be(w, ("gen",), places=True):
                continue
            owners = self._nouns(before)
            if not owners or any(r.lemma not in _OF_A_PLACE for r in owners):
                continue
            if any("nom" in r.case for r in self._read(before.text)):
                continue  # "Historia Polska": the adjective's reading may be meant
            if self._place_may_be_subject(words, k, places):
                continue
            place = places[0]
            number = "pl" if place.number == {"pl"} else "sg"
            form = self._form(
                place.full_lemma, ("subst",), case="gen", number=number, gender=place.gender
            )
            if form is None or not self._set(s, k, form):
                continue
            s.assigned[k] = ("gen", number)
            s.reasons[k] = explain.InflectionFacts(
                expected=form,
                got=w.text,
                feature="case",
                expected_value="gen",
                got_value=None,
                rule="case.genitive_attribute",
                trigger=before.text,
                lemma=place.lemma,
            )

    def _place_may_be_subject(self, words: list[Word], k: int, places: list[Reading]) -> bool:
        """Could the place's name at k be the subject of a verb of its clause: a 3rd-person
        verb (or a past one) in its number, after it, or before it with no nominative before
        that verb?"""
        clause = self._grammar.clause(words, k)
        for v in clause:
            if v == k or not self._grammar.is_verb(words[v]):
                continue
            verbs = [
                r
                for r in self._read(words[v].text)
                if r.pos in ("fin", "bedzie")
                and "ter" in r.person
                or r.pos == "praet"
                and not r.person & {"pri", "sec"}
            ]
            if not any(r.number & p.number for r in verbs for p in places):
                continue
            if v > k:
                return True
            if not any(
                any(
                    r.pos in (*_NOUNS, "ppron3") and r.case == frozenset({"nom"})
                    for r in self._morph.analyse(words[m].text)
                )
                for m in clause
                if m < v
            ):
                return True
        return False

    def _relative(self, s: _Sentence) -> None:
        """*Książka, który czytam* → *którą*: *który* right after its noun takes that noun's
        gender and number, and, as the object of a verb whose subject is the speaker or the
        person addressed (so not *który*), the case that verb asks. Left alone: a clause
        where another noun may be that object, a verb with *się*, a noun whose gender or
        number is not certain."""
        words = s.current()
        for j in range(1, len(words) - 1):
            shape = self._relative_antecedent(s, words, j)
            if shape is None:
                continue
            a = j - 1
            genders, numbers = shape
            v = j + 2 if words[j + 1].key == "nie" and j + 2 < len(words) else j + 1
            if words[v].boundary_before:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet")]
            if (
                not verbs
                or not self._grammar.is_verb(words[v])
                or not all(r.person & {"pri", "sec"} for r in verbs)
                or v + 1 < len(words)
                and words[v + 1].key == "się"
            ):
                continue
            cases = self._grammar.table.case_of(verbs[0].lemma, False)
            if not cases or len(cases) > 1 and "acc" not in cases:
                continue
            negated = v == j + 2
            want = (
                "gen"
                if negated and "acc" in cases
                else "acc"
                if "acc" in cases
                else next(iter(cases))
            )
            if negated and want != "gen":
                continue
            end = v + 1
            while end < len(words) and not words[end].boundary_before:
                if self._grammar.is_verb(words[end]):
                    break  # "Książka który czytam jest ciekawa": the main clause's verb
                end += 1
            if (
                end < len(words)
                and not words[end].boundary_before
                and any(r.pos == "inf" for r in self._read(words[end].text))
            ):
                continue  # "Film, który chcę obejrzeć": obejrzeć's object, not chcieć's
            if any(
                self._nouns(words[k])
                and self._grammar.preposition_before(words, k) is None
                and self._could_be(words[k], (want,))
                for k in range(v + 1, end)
            ):
                continue  # "Książka, który dałem mamie prezent": another object
            gender = next(iter(genders)) if len(genders) == 1 else "m3"
            number = next(iter(numbers))
            if any(
                r.lemma == "który"
                and r.case & (frozenset({want}) if negated else cases | {want})
                and r.number & numbers
                and r.gender & genders
                for r in self._read(words[j].text)
            ):
                continue  # in a case of the verb's frame ("myszkę, której nadałam imię")
            form = self._form("który", ("adj",), case=want, number=number, gender=genders)
            if form is None or not self._set(s, j, form):
                continue
            s.reasons[j] = explain.InflectionFacts(
                expected=s.fixes[j],
                got=words[j].text,
                feature="case",
                expected_value=want,
                got_value=None,
                rule="case.negation" if negated else "case.verb_government",
                trigger="nie" if negated else words[v].text,
                lemma="który",
                number=number,
                gender=gender,
                verb_lemma=words[v].text if negated else verbs[0].lemma,
                detail="relative",
                antecedent=words[a].text,
                partner_desc=(f"gender:{number}/{gender}", f"number:{number}"),
            )

    def _relative_antecedent(
        self, s: _Sentence, words: list[Word], j: int
    ) -> tuple[frozenset[str], frozenset[str]] | None:
        """The gender(s) and number of the noun right before the *który* at j, if it surely
        is the noun *który* stands for: the only noun of its phrase (not *dom mojego brata,
        który*), not a name, of one number and one gender (or any masculine)."""
        if not any(r.lemma == "który" and r.pos == "adj" for r in self._read(words[j].text)):
            return None
        a = j - 1
        shapes = {(frozenset(r.gender), frozenset(r.number)) for r in self._nouns(words[a])}
        if len(shapes) != 1 or self._is_name(words[a]) or a in s.fixes:
            return None
        b = a - 1
        while (
            b >= 0
            and not words[b + 1].boundary_before
            and self._modifier(self._read(words[b].text))
        ):
            b -= 1
        if b >= 0 and not words[b + 1].boundary_before and self._nouns(words[b]):
            return None  # "dom mojego brata, który kupiłem": which noun it stands for?
        genders, numbers = shapes.pop()
        if len(numbers) != 1 or len(genders) != 1 and genders != frozenset({"m1", "m2", "m3"}):
            return None
        return genders, numbers

    def _relative_subject(self, s: _Sentence) -> None:
        """*Kobieta, który pracuje* → *która*, *Znam ludzi, które mówią* → *którzy*: *który* in
        the nominative right after its noun, right before a 3rd-person verb that agrees with
        that noun (so *który* is its subject), takes the noun's gender and number. Left alone:
        a verb that does not agree with the noun (*Kobieta, który pracował*: which is meant?),
        and a clause with a nominative of its own after the verb, which may be the subject
        (*Kobieta, który zna Jan*: an object, *którą*)."""
        words = s.current()
        for j in range(1, len(words) - 1):
            shape = self._relative_antecedent(s, words, j)
            if shape is None or j in s.fixes:
                continue
            genders, numbers = shape
            mine = [r for r in self._read(words[j].text) if r.lemma == "który"]
            if not any("nom" in r.case for r in mine) or any(
                r.number & numbers and r.gender & genders for r in mine
            ):
                continue  # no nominative, or the noun's gender and number already (a case)
            v = j + 1
            while v < len(words) - 1 and words[v].key in ("nie", "się") and v - j <= 2:
                v += 1  # *którzy się uczą*, *która nie pracuje*
            if words[v].boundary_before or not self._grammar.is_verb(words[v]):
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet")]
            if not verbs or not all(
                r.person == frozenset({"ter"})
                and r.number & numbers
                and (r.pos != "praet" or r.gender & genders)
                for r in verbs
            ):
                continue
            end = v + 1
            while end < len(words) and not words[end].boundary_before:
                end += 1
            if any(
                r.pos in (*_NOUNS, "ppron3") and "nom" in r.case
                for k in range(v + 1, end)
                for r in self._read(words[k].text)
            ):
                continue  # "Kobieta, który zna Jan": Jan may be the subject
            number = next(iter(numbers))
            form = self._form("który", ("adj",), case="nom", number=number, gender=genders)
            if form is None or not self._set(s, j, form):
                continue
            gender = next(iter(genders)) if len(genders) == 1 else "m3"
            s.reasons[j] = explain.InflectionFacts(
                expected=s.fixes[j],
                got=words[j].text,
                feature="gender",
                expected_value=gender,
                got_value=None,
                rule="agreement.adjective",
                trigger=words[j - 1].text,
                lemma="który",
                number=number,
                gender=gender,
                verb_lemma=words[v].text,
                detail="relative_subject",
                antecedent=words[j - 1].text,
                partner_desc=(f"gender:{number}/{gender}", f"number:{number}"),
            )

    def _object_facts(
        self,
        s: _Sentence,
        words: list[Word],
        k: int,
        case: str,
        j: int,
        nie: int | None,
        reflexive: bool,
        recipient: bool = False,
    ) -> explain.InflectionFacts:
        """Why the noun at k, joined to the object of the verb at j, changed: the verb's case
        (or, negated, the genitive); ``recipient``: the dative of the one the thing goes to or
        is for, beside the thing in the accusative."""
        verb = next(
            r
            for r in (*self._read(words[j].text), *self._opening_imperative(words, j))
            if r.pos in ("fin", "praet", "inf", "cond", "impt", "bedzie", "imps")
        )
        negation = nie is not None and case == "gen"
        return explain.InflectionFacts(
            expected=s.fixes[k],
            got=words[k].text,
            feature="case",
            expected_value=case,
            got_value=None,
            rule="case.negation" if negation else "case.verb_government",
            trigger=words[nie].text if negation and nie is not None else words[j].text,
            lemma=next((r.lemma for r in self._nouns(words[k])), words[k].key),  # (or a language)
            verb_lemma=words[j].text if negation else verb.lemma + (" się" if reflexive else ""),
            detail="recipient" if recipient else None,
        )

    def _language_object(
        self, s: _Sentence, words: list[Word], j: int, head: int, cases: frozenset[str]
    ) -> None:
        """*Uczę się polski* → *polskiego*, *Nie znam angielski* → *angielskiego*: a language's
        name (an adjective's form that is also the language, *polski*, *angielski*) standing
        alone as the object of a verb that takes another case than the accusative, or of a
        negated one; and the languages joined to it (*francuski i hiszpański*; after *nie*,
        *ani polski, ani angielski*). Not before a
        noun (*uczę się polski alfabet*: then it is an adjective)."""
        if any(r.lemma in _SPEAKING_VERBS for r in self._read(words[j].text)):
            return  # "Nie mówię niemiecki": po niemiecku (see _language_adverbs)
        nie = self._grammar.negated(words, j)
        negated = nie is not None and not any(
            words[k].boundary_before for k in range(nie + 1, j + 1)
        )
        if negated and "acc" in cases:
            want = "gen"
        elif len(cases) == 1 and "acc" not in cases:
            want = next(iter(cases))
        else:
            return
        k, last = head, None
        while (form := self._language_form(words, k, want)) is not None and self._set(s, k, form):
            s.assigned[k] = (want, "sg")
            if words[k - 1].key == "ani" and k > head:  # (its reason, past the comma)
                s.reasons[k] = self._object_facts(
                    s, words, k, want, j, nie if negated else None, self._reflexive(words, j)
                )
            last = k
            if (
                k + 2 >= len(words)
                or words[k + 1].key not in _AND
                and not (want == "gen" and words[k + 1].key == "ani")  # "ani polski, ani …"
                or words[k + 2].boundary_before
            ):
                break
            k += 2
        if last is not None:
            m = self._coordinated(s, words, last, want)  # "polski i matematyka": both
            if m is not None:
                reflexive = self._reflexive(words, j)
                s.reasons[m] = self._object_facts(
                    s, words, m, want, j, nie if negated else None, reflexive
                )

    def _language_form(self, words: list[Word], k: int, case: str) -> str | None:
        """The form in ``case`` of the language named at k standing alone, if it is one."""
        readings = self._read(words[k].text)
        langs = [
            r
            for r in readings
            if r.pos == "subst"
            and r.lemma.endswith(("ski", "cki"))
            and any(a.pos == "adj" and a.lemma == r.lemma for a in readings)
        ]
        if not langs or any(r.lemma != langs[0].lemma for r in readings):
            return None
        if not words[k].text.islower() or self._noun_ahead(words, k, k):
            return None
        if self._could_be(words[k], (case,)):
            return None
        adjective = next(r for r in readings if r.pos == "adj")
        return self._form(
            langs[0].full_lemma, ("subst",), case=case, number="sg", gender=langs[0].gender
        ) or self._form(  # (the noun's forms are the adjective's for a thing: polskiego)
            adjective.full_lemma, ("adj",), case=case, number="sg", gender=frozenset({"m3"})
        )

    def _reflexive(self, words: list[Word], j: int) -> bool:
        """Is there a *się* in the verb's clause whose nearest verbal word is this verb
        (*trochę się nawet dziwię*; not *muzyka sącząca się … cieszy*)?"""
        clause = self._grammar.clause(words, j)
        verbal = [
            k
            for k in clause
            if any(r.pos in VERBAL or r.pos in ("pact", "ppas") for r in self._read(words[k].text))
        ]
        infinitive = any(r.pos == "inf" for r in self._read(words[j].text))

        def owner(k: int) -> int:
            m = min(verbal, key=lambda m: (abs(m - k), m))
            if (
                infinitive
                and m < j
                and any(r.lemma in _CLIMBING for r in self._read(words[m].text))
                and not any(
                    any(r.pos == "inf" for r in self._read(words[n].text)) for n in range(m + 1, j)
                )
            ):
                return j  # "może się jednak wydawać": się climbs to the modal before its verb
            return m

        return any(words[k].key == "się" and owner(k) == j for k in clause if verbal)

    def _other_object(self, words: list[Word], head: int, case: str) -> bool:
        """Could a noun after ``head`` in its clause be the verb's object in ``case``? Not one
        joined to it by *i* (the same object), in a preposition's phrase, or after another
        verb (*Lubię kuchnia polska i chodzić do kino*: kino is chodzić's)."""
        for k in self._grammar.clause(words, head):
            if k <= head:
                continue
            if words[k].key in _AND or self._grammar.is_verb(words[k]):
                return False
            if k == head + 1 and self._thing(words[head]) and self._could_be(words[k], ("gen",)):
                continue  # "Przynieś mi szklanka wody": whose (wody, also an accusative)
            if (
                k == head + 1
                and case == "gen"
                and self._could_be(words[k], ("gen",))
                and not self._could_be(words[head], ("voc", "gen"))
            ):
                continue  # "Boję się pies sąsiada": whose dog (pies, no one addressed)
            if (
                self._nouns(words[k])
                and self._grammar.preposition_before(words, k) is None
                and self._could_be(words[k], (case,))
            ):
                return True
        return False

    def _sure_verb(self, word: Word) -> bool:
        """Is the word no noun in the nominative or accusative, numeral or adjective as well
        (not *gra*, *piec*, *pięć*, *pełni*; *łamie*, also a locative of łam, is)?"""
        return not any(
            r.pos in _NOUNS and r.case & {"nom", "acc"} or r.pos in ("adj", "num")
            for r in self._morph.analyse(word.text)
        )

    def _sure_object(self, words: list[Word], v: int, head: int) -> bool:
        """With no subject in sight, is the noun at ``head``, which cannot be a nominative,
        surely the object of verb v (*jadł pomidorów*, *otwiera butelkach*): a word people
        write (not an abbreviation: *mówi nadkom.*), after a word that is no noun, numeral or
        adjective as well (not *to gra interesów*, *ma pięć lat*, *pełni energii*; *łamie*, a
        locative of łam, is), in a clause with no *nie* before the verb (*Nie będę sprawiał
        kłopotów*)?"""
        return (
            self._frequency(words[head].key) >= _MIN_FREQUENCY
            and not self._could_be(words[head], ("voc",))  # "Ma mężu, czy …": addressed
            and self._sure_verb(words[v])
            and not any(words[k].key == "nie" for k in self._grammar.clause(words, v) if k < v)
        )

    def _other_accusative(self, words: list[Word], v: int, start: int, head: int) -> bool:
        """Has verb v, besides the phrase ``start``..``head``, a noun in its clause that is its
        accusative object: outside a prepositional phrase, in the accusative (*Dokumenty
        poddano …*, *Dałem mama książkę*), not a nominative its verb agrees with?"""
        clause = self._grammar.clause(words, v)
        after = self._until_verb(words, head)
        impersonal = all(r.pos == "imps" for r in self._read(words[v].text) if r.pos in VERBAL)
        return any(
            (
                self._nouns(words[k])
                and self._could_be(words[k], ("acc",))
                or any(
                    r.pos == "ger" and "acc" in r.case for r in self._morph.analyse(words[k].text)
                )  # "pozdrowienia"
            )
            and self._grammar.preposition_before(words, k) is None
            and not self._could_be(words[k], ("gen",))  # "puszku mleka": whose
            and (
                k in after
                or k < v
                and not any(self._grammar.is_verb(words[m]) for m in range(k + 1, v))
                and (impersonal or not self._could_be(words[k], ("nom",)))
            )  # (not another verb's, nor the subject: "delegacje złożyły kwiatach")
            and not self._grammar.is_verb(words[k])
            for k in clause
            if not start <= k <= head and k != v
        )

    def _subject_after(self, words: list[Word], v: int, head: int, case: str) -> bool:
        """Is the noun at ``head``, after verb v, a person or an animal in the nominative that
        the verb agrees with, while the clause opens with one noun phrase, right before the
        verb, that may be the object in ``case`` and need not be a nominative (*Ten dom kupuje
        mój brat*, *Wczoraj obiad gotowała mama*: the object put first, the subject after)?
        Then it is no object to recase. (Not *Władze miasta zapraszają krakowianie*: more than
        one noun before the verb, the subject first as usual.)"""
        if head <= v:
            return False
        verbs = [
            r
            for r in self._read(words[v].text)
            if r.pos == "praet" or r.pos in _FINITE and "ter" in r.person
        ]
        if not verbs or not any(
            r.pos in _NOUNS
            and "nom" in r.case
            and (r.gender & {"m1", "m2"} or self._person(r))
            and any(
                r.number & x.number and (x.pos != "praet" or r.gender & x.gender) for x in verbs
            )
            for r in self._read(words[head].text)
        ):
            return False
        clause = self._grammar.clause(words, v)
        front = clause.start
        while front < v and (
            words[front].key in _AND or any(r.pos == "adv" for r in self._read(words[front].text))
        ):
            front += 1  # "I wczoraj ten dom kupił …" (wczoraj: also a noun)
        return (
            self._phrase_head(words, front) == v - 1
            and self._grammar.preposition_before(words, v - 1) is None
            and self._could_be(words[v - 1], (case,))
            and not self._agreeing_before(words, v, clause, verbs)  # "Kot lubi ryba"
        )

    def _people_after(self, words: list[Word], v: int, head: int) -> bool:
        """Is the noun at ``head``, after the 3rd person verb v, a masculine personal noun in a
        form that is the nominative and no accusative (*konsumenci*), in the verb's number,
        while every noun before the verb in its clause that could be the subject could be a
        genitive too (*Z kolejnej … klęski urodzaju cieszą się konsumenci*)? Then it is the
        subject, put last, and no object in the wrong case (not so *Moi rodzice lubią
        sąsiedzi*, whose subject rodzice is only a nominative)."""
        if head <= v:
            return False
        verbs = [r for r in self._read(words[v].text) if r.pos in _FINITE and "ter" in r.person]
        nouns = self._nouns(words[head])
        if not verbs or not nouns:
            return False
        if not all(
            r.gender == frozenset({"m1"}) and "nom" in r.case and "acc" not in r.case for r in nouns
        ) or not any(r.number & x.number for r in nouns for x in verbs):
            return False
        clause = [self._nouns(words[k]) for k in self._grammar.clause(words, v) if k < v]
        before = [nouns for nouns in clause if any("nom" in r.case for r in nouns)]
        # (a nominative may be before it at all: not *Nie ma tata*, nobody there, taty)
        return bool(before) and all(any("gen" in r.case for r in nouns) for nouns in before)

    def _past_subject_after(self, words: list[Word], v: int, head: int, case: str) -> bool:
        """Is the noun at ``head``, after the past verb v, in the nominative and the one noun
        of the clause with the verb's gender and number, while a noun before the verb (no verb
        before it in the clause) has them not and may be the object in ``case`` (*dominujący
        głos miała prawica*, *decyzji szefostwo holdingu zmusiła sytuacja*: the object first,
        the subject after, as the verb's gender shows)? Then it is no object to recase."""
        verbs = [r for r in self._read(words[v].text) if r.pos == "praet"]
        if head <= v or not verbs:
            return False
        if not any(
            "nom" in r.case and r.number & x.number and r.gender & x.gender
            for r in self._nouns(words[head])
            for x in verbs
        ):
            return False
        clause = self._grammar.clause(words, v)
        before = [k for k in clause if k < v]
        if any(self._grammar.is_verb(words[k]) for k in before):
            return False
        nouns = [
            k
            for k in before
            if self._nouns(words[k]) and self._grammar.preposition_before(words, k) is None
        ]
        if any(
            "nom" in r.case and r.number & x.number and r.gender & x.gender
            for k in nouns
            for r in self._nouns(words[k])
            for x in verbs
        ):
            return False  # a subject before the verb: "Moja siostra zgubiła kurtka"
        return any(self._could_be(words[k], (case,)) for k in nouns)

    def _until_verb(self, words: list[Word], head: int) -> range:
        """The words after ``head`` in its clause up to the next verb (*badał struktura
        własnościową i odkrył dokumenty*: *dokumenty* is *odkrył*'s)."""
        clause = self._grammar.clause(words, head)
        end = head + 1
        while end < clause.stop and not self._grammar.is_verb(words[end]):
            end += 1
        return range(head + 1, end)

    def _duration(
        self,
        words: list[Word],
        start: int,
        head: int,
        nouns: list[Reading],
        cases: frozenset[str],
    ) -> bool:
        """A time noun in the accusative says how long (*cały wieczór*, *godzinę*): with *cały*
        before it, or after a verb that takes no accusative object (*uczę się godzinę*); not
        *Nie mam czas*, where the time noun is the object. Nor, after a verb of the genitive
        alone, time itself or a day of the week with nothing before it (*Potrzebuję czas*,
        *Nienawidzę poniedziałki*): no one says how long with them bare."""
        if not any(r.lemma in TIME_NOUNS and "acc" in r.case for r in nouns):
            return False
        if (
            cases == {"gen"}
            and start == head
            and all(r.lemma in _MASS_TIMES or r.lemma in WEEKDAYS for r in nouns)
        ):
            return False
        whole = any(
            r.lemma == "cały" for k in range(start, head) for r in self._read(words[k].text)
        )
        return whole or "acc" not in cases

    def _not_its_subject(self, words: list[Word], v: int, head: int) -> bool:
        """Can the noun at ``head``, after verb v, not be the verb's subject: the verb is
        impersonal (*poddano*), or a past tense whose gender and number the noun does not have
        while a noun before it in its clause has them (*Profesor badał struktura*: struktura
        would take *badała*, and profesor is the one who studied)?"""
        if head <= v:
            return False
        verbs = [r for r in self._read(words[v].text) if r.pos in VERBAL]
        if verbs and all(r.pos == "imps" for r in verbs):
            return True
        if not verbs or not all(self._gendered_or_doer(r) for r in verbs):
            return False
        if head > v + 1 and any(r.pos == "fin" for r in verbs):
            return False  # "Czyta cała szkoła": a school, whole, may be its readers
        shape = self._noun_shape(words[head])
        if shape is None:
            return False
        number, genders = shape
        if self._agreeing_before(words, v, self._grammar.clause(words, v), verbs):
            return True  # "Jan badał struktura", "Maria czytała gazeta": the one before studied
        if any(number in r.number and r.gender & genders for r in verbs):
            return False
        if self._misdeclined_object(words, v, head) and not any(
            words[k].key in _PRONOUN_FEATURES
            or any(
                r.pos in (*_NOUNS, "ppron12", "ppron3") and "nom" in r.case and len(r.case) < 6
                for r in self._read(words[k].text)
            )
            for k in self._grammar.clause(words, v)
            if k < v
        ):
            return True  # "Zjadł zupa", "Wypili herbata": a thing, which neither eats nor
            # drinks, and not in the verb's gender or number: its object, the subject unsaid
            # (and no other before the verb: *wczoraj*, a noun in every case, is none)
        return any(
            r.pos in ("subst", "ppron3")
            and "nom" in r.case
            and any(r.number & x.number and r.gender & x.gender for x in verbs)
            for k in self._grammar.clause(words, v)
            if k < v and self._grammar.preposition_before(words, k) is None
            for r in self._read(words[k].text)
        )

    def _nothing_there(self, words: list[Word], v: int, head: int) -> bool:
        """*Nie ma problem*, *W domu nie ma chleb*: *nie ma* with one noun after it, and no
        other noun in its clause, says "there is no …" (or "has no …", its subject unsaid):
        the noun is what is lacking, and in the genitive either way; it cannot be the subject,
        for *mieć* then has nothing to have. Not with a noun or pronoun before the verb that
        may be the object (*Czego nie ma pies?*) nor another after it (*Nie ma pan czasu*)."""
        if words[v].key != "ma" or self._grammar.negated(words, v) != v - 1:
            return False
        if not any(r.lemma == "mieć" and r.pos == "fin" for r in self._read(words[v].text)):
            return False
        clause = self._grammar.clause(words, v)
        nominal = (*_NOUNS, *_PRONOUNS, "adj", "num")
        for k in clause:
            if k == head or v - 1 <= k < head:
                continue
            if k > head and self._grammar.is_prep(words[k]):
                break  # "Nie ma problem z tym": what follows belongs to the preposition
            if k < v - 1 and self._grammar.preposition_before(words, k) is not None:
                continue  # "W domu nie ma chleb": domu is the preposition's
            text = words[k].text.lower() if k == 0 else words[k].text  # "Tutaj", no name
            if any(r.pos in nominal or r.pos in VERBAL for r in self._read(text)):
                return False
        return True

    @staticmethod
    def _gendered_or_doer(verb: Reading) -> bool:
        """A past tense, whose gender tells its subject, or a present 3rd person of a verb
        only a living being does (*Kupuje kawa*: coffee buys nothing; kawę)."""
        return (
            verb.pos == "praet"
            and bool(verb.gender)
            or verb.pos == "fin"
            and verb.person == {"ter"}
            and verb.lemma in _LIVING_DOERS
        )

    def _thing(self, word: Word) -> bool:
        """A common noun for a thing: no reading for a person or an animal (m1, m2, a woman's
        noun), no name."""
        nouns = self._nouns(word)
        return (
            bool(nouns)
            and word.text[:1].islower()
            and not self._morph.is_first_name(word.text)
            and not any(r.gender & {"m1", "m2"} or self._person(r) for r in nouns)
        )

    def _modifier_has(
        self, words: list[Word], start: int, head: int, case: str, unless: str | None = None
    ) -> bool:
        """Is an adjective of the phrase already in ``case`` (*Mam nowy samochodem*: *nowy*
        says the accusative was meant), and not also in ``unless`` (*Napisano całą
        filozofia*: *całą* is no nominative)?"""
        nouns = [r for r in self._read(words[head].text) if r.pos in _NOUNS]
        return any(
            any(
                r.pos in ("adj", "ppas", "pact")
                and case in r.case
                and any(r.gender & n.gender and r.number & n.number for n in nouns)
                for r in readings
            )  # (agreeing with the noun: not "powiedział spokojną głosem": how he said it)
            and not (
                unless
                and any(r.pos in ("adj", "ppas", "pact") and unless in r.case for r in readings)
            )
            for k in range(start, head)
            for readings in (self._read(words[k].text),)
        )

    def _imperative_before_dative(self, words: list[Word], j: int) -> list[Reading]:
        """The imperative readings of the word at j that opens its clause right before an
        unstressed dative (*Kup mi*, *Zrób mi*: usually read as *kupa*'s genitive and the rare
        noun *zrób*, but no noun opens a clause with *mi* after it); none otherwise."""
        if not (j == 0 or words[j].boundary_before) or j + 1 >= len(words):
            return []
        if words[j + 1].key not in _DATIVE_CLITICS or words[j + 1].boundary_before:
            return []
        return [r for r in self._morph.analyse(words[j].text) if r.pos == "impt"]

    def _opening_imperative(self, words: list[Word], j: int) -> list[Reading]:
        """The imperative readings of a clause-opening word usually read as a noun, where
        only the imperative fits what follows (see the two methods); none otherwise."""
        return self._imperative_before_dative(words, j) or self._imperative_before_thing(words, j)

    def _imperative_before_thing(self, words: list[Word], j: int) -> list[Reading]:
        """*Kup gazeta* → *gazetę*, *Zrób herbata* → *herbatę*: the imperative readings of a
        word that opens its clause and is also a noun people mean far less often than its
        verb (*kup*, kupa's genitive; the rare noun *zrób*; not *ból*, *łap*), right before a
        phrase whose noun is a thing in the nominative that cannot be a vocative, with no
        verb after it in the clause. Two nouns make no clause, and an imperative has no
        third-person subject; a person or an animal after it may be addressed (*Kupcie
        dzieci chleb*, *Chodź Ania*), so only a thing is read so. None otherwise."""
        if not (j == 0 or words[j].boundary_before) or j + 1 >= len(words):
            return []
        if words[j + 1].boundary_before or self._grammar.is_verb(words[j]):
            return []
        imperatives = [r for r in self._morph.analyse(words[j].text) if r.pos == "impt"]
        others = [r for r in self._read(words[j].text) if r.pos not in VERBAL]
        if not imperatives or not others:
            return []
        verb = max(self._grammar.weight(r.full_lemma) for r in imperatives)
        if verb < _IMPERATIVE_MARGIN * max(self._grammar.weight(r.full_lemma) for r in others):
            return []
        head = self._phrase_head(words, j + 1)
        if (
            head is None
            or not self._thing(words[head])
            or not self._could_be(words[head], ("nom",))
            or self._could_be(words[head], ("voc",))
            or any(
                self._grammar.is_verb(words[k])
                for k in self._grammar.clause(words, head)
                if k > head
            )
        ):
            return []
        return imperatives

    def _has_subject(self, words: list[Word], j: int) -> bool:
        """Does verb j (or the verb an infinitive j depends on) have its subject: the speaker or
        the person addressed, or a nominative before it in its clause?"""
        if self._opening_imperative(words, j):
            return True  # "Kup mi", "Kup gazeta": the person addressed
        clause = self._grammar.clause(words, j)
        finite = [
            k
            for k in clause
            if k <= j
            and any(r.pos in _FINITE or r.pos == "impt" for r in self._read(words[k].text))
            and self._grammar.is_verb(words[k])
        ]
        if not finite:
            return False
        v = finite[-1]
        readings = [r for r in self._read(words[v].text) if r.pos in _FINITE or r.pos == "impt"]
        if any(r.person & {"pri", "sec"} or r.pos == "impt" for r in readings):
            return True
        numbers = {n for r in readings for n in r.number}
        for k in range(v - 1, clause.start - 1, -1):
            subjects = [
                r
                for r in self._read(words[k].text)
                if r.pos in ("ppron12", "ppron3")
                or r.pos in _NOUNS
                and self._nouns(words[k])
                and not words[k].text[:1].isupper()
            ]
            if (
                any("nom" in r.case and (not numbers or r.number & numbers) for r in subjects)
                and self._grammar.preposition_before(words, k) is None
            ):
                return True
        return False

    def _noun_verb(self, s: _Sentence) -> None:
        """*Rozpoczął się wojna* → *rozpoczęła*, *Dzieci bawi się* → *bawią*: a verb agrees
        with its one noun subject in number (and, in the past, gender). Only where the clause has
        exactly one noun that can be its subject: in the nominative, outside a prepositional
        phrase, not joined to another (*Anna i Ewa*, *Anna z Piotrem*), not counted, with one
        gender and number; after the verb only a noun that cannot be its object."""
        words = s.current()
        for v, w in enumerate(words):
            verbs = [r for r in self._read(w.text) if r.pos in ("fin", "praet", "bedzie")]
            if not verbs or not self._grammar.is_verb(w):
                continue
            # "Mama pracuję": a 1st or 2nd person verb only right after its noun
            speaker = any(r.person & {"pri", "sec"} for r in verbs)
            clause = self._grammar.clause(words, v)
            keys = [words[k].key for k in clause]
            if any(k in _SUBJECT_BLOCKERS for k in keys) or any(
                words[k].key in _PRONOUN_FEATURES or self._may_count(words, k) for k in clause
            ):
                continue
            followers = self._sharing_subject(words, v)
            if sum(1 for k in clause if self._finite_verb(words[k]) and k not in followers) != 1:
                continue  # (an infinitive has no subject: "Ta afera zaczynają robić się …")
            # (the verb's own words: not those of the verbs after it that share its subject)
            own = range(clause.start, followers[0]) if followers else clause
            reflexive = any(words[j].key == "się" for j in own)
            # a verb the table knows takes no accusative object has no object a
            # nominative-looking noun could be (not so an impersonal "stosuje się przepisy")
            takes_acc = self._grammar.table.takes_accusative(verbs[0].lemma, reflexive)
            # (a verb with się the table does not know takes no accusative: bawić się)
            # (not with an infinitive in the clause, whose object the noun may be: *Ładunki
            # musieliśmy rozmieścić*)
            no_object = takes_acc is False or reflexive and takes_acc is None
            infinitives = [
                k for k in clause if any(r.pos == "inf" for r in self._read(words[k].text))
            ]
            # (nor with one after it in the sentence, over commas, that no other verb may own:
            # *potrafi te wzory zgrabnie, bez zgrzytów, przeszczepić*)
            intransitive = no_object and not infinitives and not self._infinitive_owns(words, v)
            # "Kasy pilnuje …": a verb with a genitive object may have it first
            gen_object = "gen" in self._grammar.table.case_of(verbs[0].lemma, reflexive)
            subjects = [
                k
                for k in clause
                if k != v
                and k not in s.fixes
                and words[k].key not in s.respelt
                and self._can_be_subject(
                    words,
                    k,
                    intransitive
                    or no_object
                    and k > v
                    and not any(v < m < k for m in infinitives)
                    and not self._infinitive_owns(words, k),  # "rozpoczyna się bankiet mający
                    # uczcić …": the infinitive after the noun is not its verb (but "potrafi te
                    # wzory zgrabnie, bez zgrzytów, przeszczepić": it is)
                    gen_object,
                )
            ]  # (not a word respelt: Ocheta is a name, not Ochota)
            if followers:
                subjects = [k for k in subjects if k < v]  # its subject before it, said once
            if any(
                self._grammar.is_verb(words[k]) and not self._finite_verb(words[k]) for k in clause
            ):
                # a noun after an infinitive may be its object (Gdybyś mógł zmienić imię); not
                # one before it ("rozpoczyna się bankiet mający uczcić …")
                subjects = [
                    k
                    for k in subjects
                    if k < v
                    or not any(
                        self._grammar.is_verb(words[m]) and not self._finite_verb(words[m])
                        for m in range(clause.start, k)
                        if m != v
                    )
                ]
            if len(subjects) != 1 or (
                speaker
                and not self._right_before(words, subjects[0], v)
                and not (
                    subjects[0] > v and reflexive and verbs[0].lemma in _EVENT_VERBS
                )  # "w sali rozpoczynam się bankiet": what begins is an event, not I
            ):
                continue
            k = subjects[0]
            if any(r.lemma in TIME_NOUNS for r in self._nouns(words[k])) and all(
                r.pos == "praet" and r.gender == frozenset({"n"}) and "sg" in r.number
                for r in verbs
            ):
                continue  # "Cała noc padało": it rained, the impersonal neuter; the night says
                # how long (całą noc), it did not fall
            if k > v and self._agreeing_before(words, v, clause, verbs):
                continue  # "Profesor badał struktura": the verb agrees with a word before it
            if (
                k == v + 2
                and words[v + 1].key in _DATIVE_CLITICS
                and self._grammar.table.case_of(verbs[0].lemma) & {"acc", "gen"}
            ):
                continue  # "udzielili mi poparcie": to whom, then what (poparcia), no subject
            if self._misdeclined_object(words, v, k, person=True):
                continue  # "Zjadł zupa", "Brud zmienił tylko lokalizacja": the noun after a
                # verb that takes an accusative object may be that object in the wrong case
                # ("Widział kobieta": kobietę, or widziała; not sure)
            if self._morph.is_first_name(words[k].text) and (
                k != v - 1
                or k > 0
                and not words[k].boundary_before
                and words[k - 1].key in _JOINING
            ):
                continue  # a first name only right before its verb ("Anna powiedział")
            if self._joins_nominals(words, range(clause.start, v + 1) if followers else clause):
                continue  # "Mężczyzna … i kobieta … tańczą", "odegrały X i Y": two subjects
                # (before the verb alone when verbs after it share its subject: "był chory i")
            if any(
                self._noun_like(words[j])
                and self._could_be(words[j], ("nom",))
                and words[j].key not in _DATIVE_CLITICS  # "Podoba mi się": not the letter mi
                and not (j == k + 1 and self._agrees_with(words[j], words[k]))
                and not (
                    v < j < k
                    and all(
                        self._agrees_with(words[m], words[k])
                        and (
                            not any(r.lemma in _PRONOMINAL for r in self._read(words[m].text))
                            or self._determined_out(words, k, ("gen", "dat", "inst"))
                        )
                        for m in range(j, k)
                    )
                )  # "powstawały nowe domy": the subject's adjectives before it (and its
                # determiner: "podoba mi się te książki")
                for j in range(min(k, v) + 1, max(k, v))
            ):
                continue  # another noun that may be the subject between them (not the
                # subject's own adjective after it: *okręty rosyjskie wróciły*)
            start = k
            while start > clause.start and self._may_modify(words[start - 1]):
                start -= 1
            if start == clause.start and start > 0 and words[start].boundary_before:
                continue  # "Nauczyciele, dzieci, policja podkreślają": the end of a list
            shape = self._noun_shape(words[k])
            if shape is None:
                continue
            number, gender = shape
            if any(
                number in r.number
                and (r.pos != "praet" or not r.gender or r.gender & gender)
                and (r.pos == "praet" or "ter" in r.person)
                for r in (
                    *verbs,  # (any verb the form is: "sytuacja kraju pili", pilić's, urges)
                    *(r for r in self._morph.analyse(w.text) if r.pos in ("fin", "praet")),
                )
            ):
                continue
            if (
                reflexive
                and number == "pl"
                and self._impersonal(words[k], verbs)
                and not self._event_begins(words, v, k, clause, verbs)
            ):
                continue
            if self._set(s, v, self._third_person(verbs[0], number, gender)) and (
                k > v or words[clause.start].key in _OPENING_CONJUNCTIONS
            ):  # "powstawały nowe domy", "A kozy zdechły": the comparer finds no subject
                s.agreed[v] = (words[k].text, gender, number)
            self._agree_followers(s, words, v, followers, words[k].text, gender, number)

    def _agree_followers(
        self,
        s: _Sentence,
        words: list[Word],
        v: int,
        followers: list[int],
        subject: str,
        gender: frozenset[str],
        number: str,
    ) -> None:
        """Once the verb at v is made to agree with ``subject``, the verbs after it that share
        it (``_sharing_subject``'s: *córka był chory i nie chodził*) agree with it too."""
        if v not in s.fixes:
            return
        for f in followers:
            verbs = [r for r in self._read(words[f].text) if r.pos in ("fin", "praet")]
            self._agree_verb(s, f, verbs, subject, gender, number)

    def _infinitive_owns(self, words: list[Word], k: int) -> bool:
        """Is there an infinitive after the noun at k in its sentence (over commas) with no
        verb or participle before it that it may belong to instead (*bankiet mający uczcić*),
        whose object the noun may be?"""
        for j in range(k + 1, len(words)):
            readings = self._read(words[j].text)
            if any(r.pos == "inf" for r in readings):
                return True
            if words[j].key in SUBORDINATORS or any(
                r.pos in VERBAL or r.pos in ("pact", "ppas") for r in readings
            ):
                return False
        return False

    def _sharing_subject(self, words: list[Word], v: int) -> list[int]:
        """The finite verbs after v that share its subject, unsaid: each joined to what comes
        before by *i*, *a*, *ale*, *lecz*, *więc* (but for *nie*, *się* and adverbs), in the
        very form of v's (*Moja córka był chory i nie chodził do szkoły*, *…, więc nie
        chodził*), with no noun or pronoun that may be a subject of its own and no
        subordinate clause before it."""
        own = {
            (r.pos, r.person, r.number, r.gender)
            for r in self._read(words[v].text)
            if r.pos in ("fin", "praet")
        }
        out: list[int] = []
        k = v + 1
        while own and k < len(words):
            word = words[k]
            if word.key in _OPENING_CONJUNCTIONS:
                m = k + 1
                while (
                    m < len(words)
                    and not words[m].boundary_before
                    and (
                        words[m].key in _BEFORE_SHARED_VERB
                        or any(r.pos == "adv" for r in self._read(words[m].text))
                    )
                ):
                    m += 1
                if m >= len(words) or words[m].boundary_before or not self._finite_verb(words[m]):
                    break
                if {
                    (r.pos, r.person, r.number, r.gender)
                    for r in self._read(words[m].text)
                    if r.pos in ("fin", "praet")
                } != own:
                    break
                out.append(m)
                k = m + 1
                continue
            if word.key in SUBORDINATORS or word.key in _PRONOUN_FEATURES:
                break
            if self._finite_verb(word) or (
                self._noun_like(word)
                and self._could_be(word, ("nom",))
                and not any(r.pos == "adj" for r in self._read(word.text))
                and not self._grammar.is_prep(word)
                and self._grammar.preposition_before(words, k) is None
            ):
                break  # (not an adjective that may be a noun, *był chory*, nor a
                # preposition's word, *do sklepu*)
            k += 1
        return out

    def _impersonal(self, noun: Word, verbs: list[Reading]) -> bool:
        """Is a singular verb with *się* and a plural thing the impersonal *się* (*Koszty
        oblicza się zgodnie z zasadami*, *Formularze przesyła się*: one calculates, sends
        them; the things are its object), not a verb that should agree with them? So when
        the verb, without *się*, may take an accusative object, and the noun is no person or
        animal (*Dzieci bawi się* → *bawią*)."""
        if not all(r.pos == "fin" and r.number == {"sg"} for r in verbs):
            return False
        if self._grammar.table.takes_accusative(verbs[0].lemma) is False:
            return False
        return not any(
            r.gender & {"m1", "m2"} or self._person(r) or r.lemma in _YOUNG
            for r in self._nouns(noun)
        )

    def _event_begins(
        self, words: list[Word], v: int, k: int, clause: range, verbs: list[Reading]
    ) -> bool:
        """*Lekcje zaczyna się o ósmej* → *zaczynają*: a verb that with *się* says an event
        begins, ends or takes place (*zaczynać się*, *kończyć się*, *odbywać się*), right after
        the plural noun that opens its clause, says what the event does: the noun is its
        subject, not the object of an impersonal *się* (one begins them). Left to the
        impersonal: a clause that says how or with what one does it (*Lekcje zaczyna się od
        powtórki*, *kończy się modlitwą*: od, an instrumental), or what for (*…, żeby zdążyć*),
        or that has an infinitive."""
        if k + 1 != v - (words[v - 1].key == "się") or not self._opens_clause(words, k):
            return False
        if not any(r.lemma in _EVENT_VERBS for r in verbs):
            return False
        if any(w.key in _PURPOSE for w in words[v:]):
            return False  # "Lekcje zaczyna się punktualnie, żeby zdążyć": someone begins them
        return not any(
            words[m].key in ("od", "ode")
            or any(
                r.pos == "inf"
                or m > v
                and r.pos == "subst"
                and "inst" in r.case
                and words[m].key not in _TIME_ADVERBS  # "kończą się wieczorem": when
                for r in self._read(words[m].text)
            )
            for m in clause
            if m not in (k, v)
        )

    def _misdeclined_object(
        self, words: list[Word], v: int, k: int, *, person: bool = False
    ) -> bool:
        """May the noun at k, after the past-tense verb v, be the verb's object in the wrong
        case rather than its subject (*Zjadł zupa*: zupę, not zjadła; *Wysłuchali całość*:
        całości)? The verb takes an accusative or genitive object (not with *się*: *zdarzały
        się wypadki*) and none is in sight; nothing before it in its sentence may be its object
        instead: no other clause, whose words a verb of saying may report (*— mówi aktorka*,
        *jak ustaliła policja*), unless the verb's clause opens with a conjunction that makes it
        a clause of its own (*…, że widziało kareta*); the noun is a thing (not a person or an
        animal, who may do it: *Widział kobieta*, unless ``person``: then it may be either),
        in none of the verb's object cases, and not in the verb's gender and number."""
        if k <= v:
            return False
        verbs = [r for r in self._read(words[v].text) if r.pos in VERBAL]
        if not verbs or not all(self._gendered_or_doer(r) for r in verbs):
            return False
        cases = self._grammar.table.case_of(verbs[0].lemma) & {"acc", "gen"}
        if self._reflexive(words, v) or not cases:
            return False
        if not (person and self._nouns(words[k]) or self._thing(words[k])):
            return False
        if self._could_be(words[k], tuple(cases)):
            return False
        shape = self._noun_shape(words[k])
        if shape is None or any(shape[0] in r.number and r.gender & shape[1] for r in verbs):
            return False
        clause = self._grammar.clause(words, v)
        opener = words[clause.start]
        own = (
            clause.start < v
            and opener.key != "jak"
            and any(r.pos == "comp" for r in self._read(opener.text))
        )  # "że widziało …": a clause of its own, whatever is before it
        if any(
            self._finite_verb(words[m])
            or any(
                r.pos in ("comp", "conj") or r.lemma in _RELATIVES
                for r in self._read(words[m].text)
            )
            for m in range(clause.start + 1 if own else 0, v)
            if words[m].key != "nie"  # (also a conjunction: nie … nie)
        ):
            return False
        if any(self._grammar.is_verb(words[m]) for m in clause if m != v):
            return False  # an infinitive or participle whose object it may be
        return not self._object_in(words, v, clause, cases)

    def _object_in(self, words: list[Word], v: int, clause: range, cases: frozenset[str]) -> bool:
        """Has verb v an object in ``cases`` in its clause that cannot be its subject: a noun
        or pronoun outside a prepositional phrase that may be in one of them and is no
        nominative (*Poparł go większość*: go is the object, większość the subject)?"""
        return any(
            k != v
            and words[k].key != "nie"  # (the pronoun only after a preposition: na nie)
            and self._grammar.preposition_before(words, k) is None
            and not self._grammar.is_verb(words[k])
            and any(
                r.pos in (*_NOUNS, "ppron12", "ppron3") and r.case & cases
                for r in self._read(words[k].text)
            )
            and not self._could_be(words[k], ("nom",))
            for k in clause
        )

    def _named_subject(self, s: _Sentence) -> None:
        """*Po chwili Czerwiński zapytały* → *zapytał*, *biskup Herbert Bednorz poświęciła* →
        *poświęcił*, *Przy kierownicy siedziało Jurek* → *siedział*: a verb in the 3rd person
        agrees with the person's name that is its subject, in the gender the name says. The name
        is a first name (with surnames after it and a title before it, if any), whose gender
        SGJP gives, or a surname shaped like an adjective (*Czerwiński*, *Kowalska*), not at the
        start of a sentence. It stands right before the verb (but for *nie* and unstressed
        pronouns), or right after a verb that takes no accusative object with nothing before
        the verb in its clause that may be the subject. Left alone: a name joined to another
        (*Anna i Jan*, *Anna z Piotrem*), a clause with a pronoun, *to* or another finite verb,
        a copula or a verb of naming (*nazywa się Anna*)."""
        words = s.current()
        for v, w in enumerate(words):
            if v in s.fixes:
                continue
            verbs = [r for r in self._read(w.text) if r.pos in ("fin", "praet")]
            if not verbs or not self._grammar.is_verb(w):
                continue
            if any(r.lemma in COPULAS or r.lemma in _NAMING_VERBS for r in verbs):
                continue
            if not all(r.person == frozenset({"ter"}) for r in verbs):
                continue  # "Anno, poszłaś": the one addressed
            clause = self._grammar.clause(words, v)
            if any(
                words[k].key in _PRONOUN_FEATURES or words[k].key in _SUBJECT_BLOCKERS
                for k in clause
            ):
                continue
            if sum(1 for k in clause if self._finite_verb(words[k])) != 1:
                continue
            found = self._name_before(words, v, clause.start) or self._name_after(
                words, v, verbs, clause
            )
            if found is None:
                continue
            named, gender = found
            if " " not in named:
                # a lone name may be a woman's surname, undeclined: "Adrian cię zostawiła"
                others = frozenset().union(*self._morph.name_genders(named).values())
                if any("sg" in r.number and r.gender & others for r in verbs):
                    continue
            self._agree_verb(s, v, verbs, named, gender, "sg")

    def _joined_subject(self, s: _Sentence) -> None:
        """*Mój kolega i jego żona ma* → *mają*, *Ania i Kasia poszli* → *poszły*: two nouns
        (or names) surely in the nominative, joined by *i* at the start of their clause (after
        adverbs only), are one plural subject; the 3rd-person verb right after them (but for
        *nie*, *się* and adverbs) is plural, a past form masculine personal when one of them
        is a man, else not (left alone when a name's gender is not sure: *Marek* is also a
        woman's surname). Left alone: a noun that may be an object (*Chleb i masło kupił*)."""
        words = s.current()
        for a, w in enumerate(words):
            if w.key != "i" or w.boundary_before or a == 0:
                continue
            clause = self._grammar.clause(words, a)
            first = clause.start
            while first < a - 1 and any(r.pos == "adv" for r in self._read(words[first].text)):
                first += 1  # "Wczoraj Ania i Kasia"
            if self._joined_head(words, first, sure=False) != a - 1:
                continue
            second = self._joined_head(words, a + 1, sure=False)
            if second is None or any(words[k].boundary_before for k in range(a, second + 1)):
                continue
            if not self._joined_nominatives(words, a - 1, second):
                continue
            v = second + 1
            while (
                v < len(words)
                and not words[v].boundary_before
                and (words[v].key in ("nie", "się") or self._only_adverb(words[v]))
            ):
                v += 1
            if v >= len(words) or words[v].boundary_before or v in s.fixes:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet")]
            men = [self._is_man(words[k]) for k in (a - 1, second)]
            if (
                not verbs
                or not self._grammar.is_verb(words[v])
                or not all(r.person == frozenset({"ter"}) for r in verbs)
                or any(r.lemma in COPULAS | _NAMING_VERBS for r in verbs)
                and not self._being_somewhere(words, v)
                and not self._plural_predicate(words, v, men)
                or any(words[k].key in _SUBJECT_BLOCKERS for k in clause)
            ):
                # (być before an adjective or a noun in the singular: that would have to
                # change too, "Kawa i herbata są drogie"; before a place it is alone, "Marek i
                # Ola są w domu", and before a plural that agrees already, "są zmęczeni")
                continue
            if None in men:
                if any(r.pos == "praet" for r in verbs):
                    continue
                gender: frozenset[str] = (
                    frozenset()
                )  # (no gender in the present tense: oni/one, not sure)
            else:
                gender = frozenset({"m1"}) if any(men) else _NOT_MEN
            phrase = " ".join(x.text for x in words[first : second + 1])
            self._agree_verb(s, v, verbs, phrase, gender, "pl")
            if v in s.fixes:  # "Ania i Kasia poszli i kupili": the verbs after it too
                followers = self._sharing_subject(words, v)
                self._agree_followers(s, words, v, followers, phrase, gender, "pl")

    def _being_somewhere(self, words: list[Word], v: int) -> bool:
        """Is the *być* at v followed by a place or a time, a preposition's phrase (*jest w
        domu*, *był na plaży*) or *tu*, *tam*, *razem*, and no adjective or noun of its own
        to agree (*są drodzy*, *są lekarzami*)?"""
        readings = self._read(words[v].text)
        if not readings or not all(r.lemma == "być" for r in readings):
            return False
        k = v + 1
        if k >= len(words) or words[k].boundary_before:
            return False
        if words[k].key in ("tu", "tutaj", "tam", "razem", "wszędzie"):
            return True
        return self._grammar.is_prep(words[k])

    def _plural_predicate(self, words: list[Word], v: int, men: list[bool | None]) -> bool:
        """Is the *być* at v followed (over adverbs: *bardzo*) by what it says of a plural
        subject, already plural: an adjective that may be in the nominative plural (*są
        zmęczeni*, *są miłe*; *miłe* is also the neuter singular) in the subject's gender
        (masculine personal when one of them is a man; either when that is not sure), or a
        noun in the instrumental plural (*są lekarzami*)? Then only *być* is wrong."""
        readings = self._read(words[v].text)
        if not readings or not all(r.lemma == "być" for r in readings):
            return False
        k = v + 1
        while k < len(words) and not words[k].boundary_before and self._only_adverb(words[k]):
            k += 1
        if k >= len(words) or words[k].boundary_before:
            return False
        after = self._read(words[k].text)
        if after and all(r.pos in _NOUNS and r.case == {"inst"} for r in after):
            return all(r.number == {"pl"} for r in after)
        if not after or not all(r.pos in ("adj", "ppas") for r in after):
            return False
        plural = {g for r in after if "nom" in r.case and "pl" in r.number for g in r.gender}
        if None in men:
            return bool(plural)
        return bool(plural & ({"m1"} if any(men) else _NOT_MEN))

    def _joined_nominatives(self, words: list[Word], one: int, two: int) -> bool:
        """Are the two nouns joined by *i* surely one subject in the nominative: both read as
        nothing else, or both people (first names, or nouns for people) and one of them read
        as nothing else — joined, they share their case (*Marek i Ola*: *Marek* may also be
        a woman's surname in any case, *Ola* is only the nominative)? Not two things of which
        neither is sure (*Chleb i masło kupił*: what he bought)."""
        sure = [self._joined_head(words, k) == k for k in (one, two)]
        if all(sure):
            return True
        return any(sure) and all(
            self._first_name(words[k])
            or any(self._person(r) and "nom" in r.case for r in self._subject_nouns(words[k]))
            for k in (one, two)
        )

    def _joined_head(self, words: list[Word], start: int, *, sure: bool = True) -> int | None:
        """The noun of a phrase from ``start`` that is surely nominative (a possessive
        *jego*, *jej*, *ich* may stand before it: *jego żona*); or, not ``sure``, that may
        be."""
        k = start
        while k < len(words) and words[k].key in ("jego", "jej", "ich"):
            k += 1
        if k >= len(words) or k > start and words[k].boundary_before:
            return None
        head = self._phrase_head(words, k)
        if head is None or words[head].key in _PRONOUN_FEATURES:
            return None
        nouns = [r for r in self._subject_nouns(words[head]) if r.pos == "subst"]
        if not nouns or not all(r.case <= {"nom", "voc"} or not sure for r in nouns):
            return None
        return head if any("nom" in r.case for r in nouns) else None

    def _is_man(self, word: Word) -> bool | None:
        """Is the noun (in the nominative) a man's (*kolega*, *Marek*), a woman's or a thing's
        (*żona*, *Kasia*, *dom*), or not sure (*Marek* is also a woman's surname)?"""
        genders = [r.gender for r in self._subject_nouns(word) if "nom" in r.case]
        if word.text[:1].isupper():
            genders += list(self._morph.name_genders(word.text).values())
        if all("m1" in g for g in genders):
            return True
        if not any("m1" in g for g in genders):
            return False
        return None

    def _counted_subject(self, s: _Sentence) -> None:
        """*Oba zespoły ostrzeliwali się* → *ostrzeliwały*, *Dwie kobiety przyszli* →
        *przyszły*, *Dwaj studenci przyszło* → *przyszli*: *dwa, dwie, trzy, cztery, oba,
        obie* with a plural noun that is not masculine personal, and *dwaj, trzej, czterej,
        obaj* with one that is, make a subject the verb agrees with in the plural (*dwóch*,
        *pięciu*, with the genitive, are _counted_genitive_subject's). Only at the start of
        the clause, right before the verb (but for *nie*, *się*), and only with a verb that
        takes no accusative object, which the counted phrase could be (*Trzy książki
        kupili*)."""
        words = s.current()
        for q, w in enumerate(words):
            if w.key not in _COUNTING or q + 2 >= len(words):
                continue
            clause = self._grammar.clause(words, q)
            if q != clause.start and not (
                q - 1 == clause.start and words[q - 1].key in ("a", "ale", "i", "lecz")
            ):
                continue
            k = q + 1
            while k < len(words) and k - q <= 3 and self._only_modifier(words[k]):
                k += 1
            v = k + 1
            while v < len(words) and words[v].key in ("nie", "się") and v - k <= 2:
                v += 1
            if v >= len(words) or any(words[m].boundary_before for m in range(q + 1, v + 1)):
                continue
            nouns = [
                r
                for r in self._nouns(words[k])
                if r.pos == "subst" and "nom" in r.case and "pl" in r.number
            ]
            if not nouns or v in s.fixes or not self._grammar.is_verb(words[v]):
                continue
            gender = frozenset().union(*(r.gender for r in nouns))
            if ("m1" in gender) != ("m1" in _COUNTING[w.key]) or not _COUNTING[w.key] & gender:
                continue  # "dwa koty", "dwaj studenci" only: not "dwie koty", "dwa studenci"
            if any(r.lemma in TIME_NOUNS for r in nouns):
                continue  # "Dwie godziny czekali": how long they waited, not who
            if any(
                not _agrees(m, n)
                for m in (r for j in range(q + 1, k) for r in self._read(words[j].text))
                for n in nouns
                if m.pos in ("adj", "ppas", "pact")
            ):
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet")]
            if not verbs or not all("ter" in r.person for r in verbs):
                continue
            reflexive = any(words[m].key == "się" for m in (v - 1, v + 1) if m < len(words))
            takes = self._grammar.table.takes_accusative(verbs[0].lemma, reflexive)
            if not (takes is False or reflexive and takes is None):
                continue
            phrase = " ".join(x.text for x in words[q : k + 1])
            self._agree_verb(s, v, verbs, phrase, gender, "pl")

    def _counted_many(self, s: _Sentence) -> None:
        """*Pięć osób są w pokoju* → *jest*, *W klasie byli dziesięciu studentów* → *było*:
        a subject counted by a numeral that takes the genitive (*pięć*, *dwadzieścia*,
        *kilka*, *dziesięciu* for men) takes a singular verb, neuter in the past. Only a
        plural 3rd-person verb, and only where the counted phrase is surely the subject:
        opening its clause right before a verb that takes no accusative object (*Pięć jabłek
        zjedli* is an object), or after *być* or the clause's one verb (*Na stole leżą pięć
        książek*; see _counted_subject_after) in a clause with no other subject. Never a
        counted time (*Mieszkali tam pięć lat*, *Byli tam pięć dni*: how long), nor after its
        verb a measure (*Byli tam pięć razy*, *Są warte pięć złotych*)."""
        words = s.current()
        for q, w in enumerate(words):
            if not any(
                r.pos == "num" and ":rec" in r.tag and "nom" in r.case for r in self._read(w.text)
            ):
                continue
            if q > 0 and any(r.pos == "prep" for r in self._read(words[q - 1].text)):
                continue  # *tłumaczone na kilkanaście języków*: no subject
            k = q + 1
            while k < len(words) and k - q <= 3 and self._only_modifier(words[k]):
                k += 1
            while (
                k + 1 < len(words)
                and k - q <= 3
                and not words[k + 1].boundary_before
                and any(r.pos == "adj" and "gen" in r.case for r in self._read(words[k].text))
                and self._genitive_plural(words[k + 1])
            ):
                k += 1  # *pięć nowych książek*: *nowych*, also a noun (the new ones), describes
            if k >= len(words) or any(words[m].boundary_before for m in range(q + 1, k + 1)):
                continue
            nouns = self._read(words[k].text)
            if not self._genitive_plural(words[k]) or {r.lemma for r in nouns} & TIME_NOUNS:
                continue
            clause = self._grammar.clause(words, q)
            v = self._counted_many_verb(words, clause, q, k)
            if v is None or v in s.fixes:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet", "bedzie")]
            if not verbs or not all("ter" in r.person and "pl" in r.number for r in verbs):
                continue
            phrase = " ".join(x.text for x in words[q : k + 1])
            s.counted.add(phrase)
            self._agree_verb(s, v, verbs, phrase, frozenset({"n"}), "sg")

    def _genitive_plural(self, word: Word) -> bool:
        return any(
            r.pos == "subst" and "gen" in r.case and "pl" in r.number for r in self._read(word.text)
        )

    def _counted_many_verb(self, words: list[Word], clause: range, q: int, k: int) -> int | None:
        """The verb whose subject the counted phrase q..k is, if it surely is (see
        _counted_many)."""
        v = k + 1
        while v < clause.stop and words[v].key in ("nie", "się") and v - k <= 2:
            v += 1
        if q == clause.start and v < clause.stop and self._grammar.is_verb(words[v]):
            verbs = [r for r in self._read(words[v].text) if r.pos in VERBAL]
            reflexive = any(words[m].key == "się" for m in (v - 1, v + 1) if m < len(words))
            takes = self._grammar.table.takes_accusative(verbs[0].lemma, reflexive)
            return v if takes is False or reflexive and takes is None else None
        copulas = [
            m
            for m in clause
            if m < q
            and any(
                r.lemma == "być" and r.pos in ("fin", "praet", "bedzie")
                for r in self._read(words[m].text)
            )
        ]
        if self._measure(words[k], _MEASURE_NOUNS if copulas else _MEASURE_NOUNS | _WAY_NOUNS):
            return None  # *Są warte pięć złotych*, *Leżą pięć metrów dalej*: how much, how far
        if len(copulas) != 1:
            # a verb of its own, the clause's only one (*Na stole leżą pięć książek*)
            heads = [m for m in clause if self._grammar.is_verb(words[m])]
            if copulas or len(heads) != 1 or heads[0] > q:
                return None
            if not self._counted_subject_after(words, heads[0]):
                return None
            copulas = heads
        others = [
            m
            for m in clause
            if m not in range(q, k + 1)
            and any(
                (r.pos in ("subst", "ppron3", "ppron12") and "nom" in r.case)
                for r in self._read(words[m].text)
            )
        ]
        return None if others else copulas[0]

    def _counted_subject_after(self, words: list[Word], v: int) -> bool:
        """Can a counted phrase after the verb at v, in a clause of no other verb, be nothing
        but its subject (*Na stole leżą pięć książek*)? Only a verb of one lemma the table
        knows to take no accusative or genitive object (*Kupili pięć jabłek*, *Słuchali
        pięciu studentów*: objects), not negated (*nie* takes the genitive), and not a verb of
        going (*Szli pięć przystanków*: how far)."""
        readings = self._read(words[v].text)
        if len({r.lemma for r in readings}) != 1 or self._grammar.negated(words, v) is not None:
            return False
        if readings[0].lemma in GOING_HABITUALLY.keys() | GOING_HABITUALLY.values():
            return False
        reflexive = any(words[m].key == "się" for m in (v - 1, v + 1) if 0 <= m < len(words))
        table = self._grammar.table
        return table.takes_accusative(readings[0].lemma, reflexive) is False and "gen" not in (
            table.case_of(readings[0].lemma, reflexive)
        )

    def _measure(self, word: Word, measures: frozenset[str]) -> bool:
        """Is the counted noun one of ``measures`` or money (*razy*, *metrów*, *złotych*)?"""
        return any(
            r.lemma in measures or r.lemma in CURRENCIES or "monet." in r.qualifiers
            for r in self._morph.analyse(word.text)
            if r.pos == "subst"
        )

    def _agree_verb(
        self,
        s: _Sentence,
        v: int,
        verbs: list[Reading],
        subject: str,
        gender: frozenset[str],
        number: str,
    ) -> None:
        """The 3rd-person verb at v in ``number`` (a past form also in ``gender``), unless one
        of its readings already is; the subject kept for the explanation."""
        if any(number in r.number and (r.pos != "praet" or bool(r.gender & gender)) for r in verbs):
            return
        if self._set(s, v, self._third_person(verbs[0], number, gender)):
            s.agreed[v] = (subject, gender, number)

    def _third_person(self, verb: Reading, number: str, gender: frozenset[str]) -> str | None:
        """The verb's 3rd-person form in ``number`` (a past form also in ``gender``)."""
        return self._form(
            verb.full_lemma,
            {verb.pos},
            person="ter",
            number=number,
            gender=gender if verb.pos == "praet" else None,
            like=verb,
        )

    def _person_name(
        self, words: list[Word], start: int, end: int
    ) -> tuple[int, frozenset[str]] | None:
        """The gender of the person named by the capitalised words start..end (inclusive): the
        first of them that is a first name of one gender (*Herbert Bednorz*: m1), or one
        surname shaped like an adjective (*Czerwiński*: m1, *Kowalska*: f) not after a
        capitalised word it could describe (*Uniwersytet Warszawski*)."""
        for k in range(start, end + 1):
            word = words[k]
            if not word.text[:1].isupper() or not word.text.isalpha() or word.text.isupper():
                return None
            if k > start and word.boundary_before:
                return None
            if not self._could_be(word, ("nom",)) and not self._morph.name_genders(word.text):
                return None
        for k in range(start, end + 1):
            names = self._morph.name_genders(words[k].text)
            first = names.get("imię")
            if first is not None:
                return (k, first) if len(first) == 1 and first <= {"m1", "f"} else None
        if start != end:
            return None
        word = words[start]
        if "nazwisko" not in self._morph.name_genders(word.text):
            return None
        # its gender is its adjective's (Kowalski: a man; Bednorz, no adjective, may be a
        # woman's surname, undeclined)
        shape = frozenset().union(
            *(
                r.gender
                for r in self._morph.analyse(word.text)
                if r.pos == "adj" and "nom" in r.case and "sg" in r.number
            )
        )
        if shape and shape <= {"m1", "m2", "m3"}:
            surname = frozenset({"m1"})
        elif shape == frozenset({"f"}):
            surname = frozenset({"f"})
        else:
            return None
        if start == 0 or word.boundary_before:
            return None  # a capital that opens a sentence says nothing
        before = words[start - 1]
        if before.text[:1].isupper() and not self._morph.name_genders(before.text).get("imię"):
            return None  # "Uniwersytet Warszawski", "Pałac Kazimierzowski"
        return start, surname

    def _name_span(self, words: list[Word], end: int, lo: int) -> int:
        """The first of the capitalised words that end at ``end`` (at most three)."""
        start = end
        while (
            start > lo
            and end - start < 2
            and not words[start].boundary_before
            and words[start - 1].text[:1].isupper()
            and words[start - 1].text.isalpha()
        ):
            start -= 1
        return start

    def _name_before(self, words: list[Word], v: int, lo: int) -> tuple[str, frozenset[str]] | None:
        end = v - 1
        while end >= lo and words[end].key in _CLITICS | {"nie"}:
            if words[end + 1].boundary_before:
                return None
            end -= 1
        if end < lo or words[end + 1].boundary_before:
            return None
        start = self._name_span(words, end, lo)
        # the sentence's first word may be a name or any word (Wczoraj Anna Kowalska)
        found = self._person_name(words, start, end)
        if found is None and start < end and start == lo:
            start += 1
            found = self._person_name(words, start, end)
        if found is None:
            return None
        start, gender = found
        before = start - 1
        if before >= lo and not words[start].boundary_before:
            title = [r for r in self._nouns(words[before]) if "nom" in r.case]
            if title and words[before].text.islower():
                if not any("sg" in r.number and r.gender & gender for r in title):
                    return None  # "siostra Jan": not one person
                before -= 1  # "biskup Herbert Bednorz"
            if before >= 0 and not words[before + 1].boundary_before:
                prev = words[before]
                if prev.key in _JOINING or self._grammar.is_prep(prev) or prev.key in _AND:
                    return None  # "Anna i Jan", "z Anną": two people, or no subject
        return " ".join(w.text for w in words[start : end + 1]), gender

    def _name_after(
        self, words: list[Word], v: int, verbs: list[Reading], clause: range
    ) -> tuple[str, frozenset[str]] | None:
        start = v + 2 if v + 1 < len(words) and words[v + 1].key == "się" else v + 1
        if start >= len(words) or words[start].boundary_before:
            return None
        reflexive = start == v + 2
        if self._grammar.table.takes_accusative(verbs[0].lemma, reflexive) is not False:
            return None  # the name may be a misdeclined object: "spotkała Jurek"
        if not self._morph.name_genders(words[start].text).get("imię"):
            return None
        end = start
        while (
            end + 1 < len(words)
            and end - start < 2
            and not words[end + 1].boundary_before
            and words[end + 1].text[:1].isupper()
        ):
            end += 1
        nxt = end + 1
        if nxt < len(words) and not words[nxt].boundary_before and words[nxt].key in _JOINING:
            return None  # "Przyszła Anna i Jan": the nearer one may decide
        if any(
            self._noun_like(words[k])
            and self._could_be(words[k], ("nom",))
            and self._grammar.preposition_before(words, k) is None
            for k in clause
            if k < v
        ):
            return None  # another word may be the subject
        found = self._person_name(words, start, end)
        if found is None:
            return None
        return " ".join(w.text for w in words[start : end + 1]), found[1]

    def _agreeing_before(
        self, words: list[Word], v: int, clause: range, verbs: list[Reading]
    ) -> bool:
        """Is there a noun or pronoun before verb v in its clause, outside a prepositional
        phrase, that can only be a nominative the verb agrees with as written (*Profesor*,
        *Jan* before *badał*; not *korytarz*, which may be the object, nor *Zabójcy*, which may
        be a genitive)? Then a noun after the verb is no sure subject. (A reading in every
        case, a woman's undeclined surname, says nothing.)"""
        for k in clause:
            if k >= v:
                break
            if self._grammar.preposition_before(words, k) is not None:
                continue
            first_name = words[k].text[:1].isupper() and self._morph.is_first_name(words[k].text)
            if (
                not first_name
                and not self._nouns(words[k])
                and words[k].key not in _PRONOUN_FEATURES
            ):
                continue  # (a first name may also be an abbreviation: Jan, of St John's Gospel)
            readings = self._morph.analyse(words[k].text)
            if k == 0 or words[k].boundary_before:
                # a sentence's first capital says nothing: "Ciemny korytarz" is no surname
                readings = tuple(r for r in readings if r.lemma[:1].islower()) or readings
            declined = [r for r in readings if r.pos in (*_NOUNS, "ppron3") and len(r.case) < 6]
            if first_name:
                # a first name in its own form (Jan, not the genitive plural of Jana): what it
                # could be in another lemma says nothing
                declined = [r for r in declined if r.lemma == words[k].text] or declined
            if any(r.case & {"acc", "gen", "dat", "inst", "loc"} for r in declined):
                continue
            if any(
                "nom" in r.case
                and x.number & r.number
                and (x.pos != "praet" or bool(x.gender & r.gender))
                for r in declined
                for x in verbs
            ):
                return True
        return False

    def _joins_nominals(self, words: list[Word], clause: range) -> bool:
        """Does a conjunction of the clause join what may be two subjects: a word that may be
        a nominative (a noun, a name, a pronoun, a number) on either side of it, over the
        adjectives of the one after it (not *w latach 20. i 30.*'s numbers alone, nor
        *szybko i sprawnie*)?"""
        for j in clause:
            if words[j].key not in _AND:
                continue
            if j == 0 or j == clause.start and words[j].key == "a":
                continue  # "A kozy zdechli": the sentence's opening conjunction joins no nouns
                # (a clause's "i" may end a list: "Sześć kobiet, dwie z nich …, i mężczyzna")
            sides = [j - 1] if j - 1 in clause else []
            m = j + 1
            while m in clause and m - j <= 3 and self._only_modifier(words[m]):
                m += 1
            if m in clause:
                sides.append(m)
            for k in sides:
                word = words[k]
                if word.text.isdecimal():
                    continue
                if (
                    word.text[:1].isupper()
                    and k != clause.start
                    or word.key in _PRONOUN_FEATURES
                    or self._noun_like(word)
                    and self._could_be(word, ("nom",))
                    or not self._read(word.text)
                ):
                    return True
        return False

    def _only_modifier(self, word: Word) -> bool:
        readings = self._read(word.text)
        return bool(readings) and all(r.pos in ("adj", "ppas", "pact", "adv") for r in readings)

    def _right_before(self, words: list[Word], k: int, v: int) -> bool:
        """Does noun k stand right before verb v, but for its own adjectives and unstressed
        pronouns (*Zespół rosyjski składa się*, *Maciek go naprawia*)?"""
        return k < v and all(
            words[m].key in _CLITICS
            or self._agrees_with(words[m], words[k])
            or len(words[m].text) > 1
            and words[m].text.isupper()
            and words[m].text.isalpha()  # "Analitycy STS przewidują": an acronym's genitive
            for m in range(k + 1, v)
        )

    def _may_count(self, words: list[Word], k: int) -> bool:
        """A number in digits that may count the noun after it (*5 okrętów wróciło*); not one
        after a preposition (*do 1924*, *w 2005*), nor a day before its month (*6 maja*)."""
        if not words[k].text.isdecimal():
            return False
        if k > 0 and self._grammar.is_prep(words[k - 1]) and not words[k].boundary_before:
            return False
        nxt = words[k + 1] if k + 1 < len(words) else None
        return not (
            nxt is not None
            and not nxt.boundary_before
            and any(r.lemma in MONTHS for r in self._read(nxt.text))
        )

    def _finite_verb(self, word: Word) -> bool:
        """A verb form that is not only an infinitive."""
        return self._grammar.is_verb(word) and any(
            r.pos in VERBAL and r.pos != "inf" for r in self._read(word.text)
        )

    def _determined_out(self, words: list[Word], k: int, cases: tuple[str, ...]) -> bool:
        """Does the determiner right before the noun at k rule ``cases`` out: a demonstrative
        or possessive that agrees with it in none of them (*te książki*: not the genitive
        singular *książki* may be, for *te* is no genitive)?"""
        if k == 0 or words[k].boundary_before:
            return False
        nouns = self._nouns(words[k])
        own = [r for r in self._read(words[k - 1].text) if r.pos == "adj"]
        agreeing = [
            r
            for r in own
            if r.lemma in _DETERMINERS
            and any(r.gender & n.gender and r.number & n.number and r.case & n.case for n in nouns)
        ]
        return bool(agreeing) and not any(r.case & set(cases) for r in own)

    def _may_say_when(self, words: list[Word], k: int, nouns: list[Reading]) -> bool:
        """Can the noun of time at k (with the word before it that agrees with it) say when or
        how long, in the accusative or instrumental (*cały dzień*, *tę noc*, *zimą*)? Not
        when it, or that word, has only the nominative there (*Ta noc*, *Cała zima*, *godzina*)."""
        if not any(r.case & {"acc", "inst"} for r in nouns):
            return False
        if k == 0 or words[k].boundary_before:
            return True
        before = [
            r
            for r in self._read(words[k - 1].text)
            if r.pos in ("adj", "num")
            and any(r.gender & n.gender and r.number & n.number for n in nouns)
        ]
        return not before or any(r.case & {"acc", "inst"} for r in before)

    def _can_be_subject(
        self, words: list[Word], k: int, intransitive: bool, gen_object: bool = False
    ) -> bool:
        nouns = self._nouns(words[k])
        if not nouns or not self._could_be(words[k], ("nom",)):
            return False
        if any(r.pos in ("adj", "ppas", "pact") for r in self._read(words[k].text)):
            return False  # "polityczne": an adjective, whatever noun it may also be
        if not self._known(words[k].text):
            return False  # a word Morfeusz does not know (Ocheta): a name, most likely
        if self._likelier_lettered(words[k].key):
            return False  # "Dzisiaj jest piaty maja": piąty without its letters, not *piaty*
            # (the plural of piat) to make the verb plural for
        if any(r.lemma in TIME_NOUNS for r in nouns) and self._may_say_when(words, k, nouns):
            return False  # "cały dzień byłam w domu": how long, not who
        if self._doubled_noun(words, k):
            return False  # "stawał oko w oko z kimś": a set phrase saying how, not who
        first_name = words[k].text[:1].isupper() and self._morph.is_first_name(words[k].text)
        # the first word's capital says nothing when every reading is a common word people
        # use (Purpura; not Fanga, a name here, whose common word nobody writes)
        opening = (
            k == 0
            and self._frequency(words[k].key) >= _MIN_FREQUENCY
            and all(r.full_lemma[:1].islower() for r in self._morph.analyse(words[k].text))
        )
        if not first_name and (
            not any(r.lemma.islower() for r in nouns)
            or words[k].text[:1].isupper()
            and not opening
            and self._frequency(words[k].key) < _COMMON / 10
        ):
            return False  # a name (or a rare word's look-alike, Fanga): its gender is not sure
        # (a first name says its gender: Anna powiedział → powiedziała)
        first = self._grammar.clause(words, k).start
        leading = words[first].key in _OPENING_CONJUNCTIONS and (
            first == 0 or words[first].key == "a"
        )
        if leading:
            first += 1  # "A kozy zdechli": a conjunction opening the sentence joins no noun
            # (nor is "a" the preposition there)
        if self._grammar.preposition_before(words, k) not in (None, first - 1 if leading else None):
            return False
        if k > 1 and words[k - 1].key in _POSSESSIVE_3 and self._grammar.is_prep(words[k - 2]):
            return False  # "na ich życzenie": the preposition's, over the possessive
        # nothing before it to own it, and its verb right after it: "Dzieci bawił się"
        opens = (
            not gen_object
            and (k == first or self._determined_nominative(words, first, k))
            and k + 1 < len(words)
            and self._grammar.is_verb(words[k + 1])
        )
        # (no locative: there is no preposition before it, and no locative stands without
        # one: *Ludzie jest* is people, not lud's locative)
        oblique = ("dat", "inst") if opens else ("gen", "dat", "inst")
        if (
            self._could_be(words[k], oblique)
            and not self._determined_out(words, k, oblique)
            or (not intransitive and self._could_be(words[k], ("acc",)))
        ):
            # the object before the verb is common (Paszport mam zawsze przy sobie), and a
            # genitive may belong to another word (Płaszcz Tomka)
            return False
        start = k
        while start > 0 and any(
            r.pos in ("adj", "ppas", "pact", "adv") for r in self._read(words[start - 1].text)
        ):
            start -= 1
        near = {
            words[j].key
            for j in (start - 1, k + 1)
            if 0 <= j < len(words) and not (leading and j == first - 1)
        }
        if near & _JOINING:
            return False  # two subjects: "Anna i czarny pies", "Anna z Piotrem"
        before = words[start - 1] if start > 0 else None
        return not (before and (before.text.isdecimal() or self._numeral_word(before)))

    def _doubled_noun(self, words: list[Word], k: int) -> bool:
        """Is word k a noun said twice around *w* (*oko w oko*, *ramię w ramię*, *twarzą w
        twarz*, *dzień w dzień*): an adverbial set phrase, no subject nor object? (Not around
        *za*, *po*: *spotykała je klęska za klęską*, one after another, is a subject.)"""
        for a, p, b in ((k, k + 1, k + 2), (k - 2, k - 1, k)):
            if a < 0 or b >= len(words) or words[p].boundary_before or words[b].boundary_before:
                continue
            if words[p].key not in ("w", "we"):
                continue
            lemmas = {r.lemma for r in self._nouns(words[a])}
            if lemmas & {r.lemma for r in self._nouns(words[b])}:
                return True
        return False

    def _determined_nominative(self, words: list[Word], first: int, k: int) -> bool:
        """Only determiners and adjectives before the noun at k in its clause, which agree with
        it in the nominative and not in the genitive (*Te dzieci byli*: te is no genitive), so
        nothing before it owns it."""
        if not self._opens_clause(words, k):
            return False
        nouns = [r for r in self._read(words[k].text) if r.pos in _NOUNS]
        shown = {"nom", "gen"}
        for m in range(first, k):
            mods = [r for r in self._read(words[m].text) if r.pos in ("adj", "ppas", "pact")]
            shown &= {c for r in mods for n in nouns if _agrees(r, n) for c in r.case & n.case}
        return shown == {"nom"}

    def _noun_like(self, word: Word) -> bool:
        return any(r.pos in ("subst", "ger", "depr") for r in self._read(word.text))

    def _may_modify(self, word: Word) -> bool:
        return any(r.pos in ("adj", "ppas", "pact", "adv") for r in self._read(word.text))

    def _numeral_word(self, word: Word) -> bool:
        return word.key in INDEFINITE_NUMERALS or any(r.pos == "num" for r in self._read(word.text))

    def _noun_shape(self, word: Word) -> tuple[str, frozenset[str]] | None:
        """The one number of a noun's nominative readings, with every gender they have
        (*niszczyciele*: m1 the people, m3 the ships; *pies*: m1 or m2), if it has one number."""
        numbers: set[str] = set()
        genders: set[str] = set()
        for r in self._read(word.text):
            if "nom" in r.case and r.pos == "subst":
                numbers |= r.number
                genders |= r.gender
        if len(numbers) != 1 or not genders:
            return None
        return next(iter(numbers)), frozenset(genders)

    def _subject_verb(self, s: _Sentence) -> None:
        """*Ja mieszka* → *mieszkam*; *Ona był* → *była*: a verb agrees with its subject
        pronoun."""
        words = s.current()
        for j, w in enumerate(words):
            feats = _PRONOUN_FEATURES.get(w.key) or self._who(words, j)
            if feats is None:
                continue
            question = j == 1 and words[0].key == "czy"  # "Czy ty pracujesz?" asks
            if (
                j > 0
                and words[j - 1].key in _JOINING
                and not question
                or (j + 1 < len(words) and words[j + 1].key in _JOINING)
            ):
                continue  # "Marco i ja idziemy": two subjects
            if (
                j > 0
                and not question
                and self._grammar.is_prep(words[j - 1])
                and words[j - 1].key != "co"
                and not any(
                    r.pos in ("conj", "comp") for r in self._morph.analyse(words[j - 1].text)
                )
            ):
                continue  # "Dzięki ty zdałem": the preposition's (dzięki tobie), no subject
            v = j + 1
            while (
                v < len(words)
                and v - j <= 3
                and not words[v].boundary_before
                and (
                    words[v].key
                    in ("nie", "się", "też", "już", "często", "zawsze", "bardzo", "codziennie")
                    or self._only_adverb(words[v])  # "ktoś jeszcze nie słyszał"
                )
            ):
                v += 1
            if v >= len(words) or words[v].boundary_before:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in _FINITE]
            if not verbs or not self._grammar.is_verb(words[v]):
                continue
            clause = self._grammar.clause(words, j)
            if any(words[k].key in _PERSON_BY for k in range(clause.start, j)):
                continue  # "żebyś ty przyszedł": the person is on żebyś
            person, number, gender = feats
            if (
                person != "ter"
                and any(r.lemma in THING_SUBJECT_VERBS for r in verbs)
                and not any(words[k].key in _DATIVE_PRONOUNS for k in clause if k != j)
            ):
                continue  # "Ja podoba Kraków": mi podoba się is meant, not ja się podobam
            if any(
                person in r.person
                and number in r.number
                and (gender is None or not r.gender or r.gender & gender)
                for r in verbs
            ):
                continue
            verb = verbs[0]
            form = self._form(
                verb.full_lemma, {verb.pos}, person=person, number=number, gender=gender, like=verb
            )
            if not self._set(s, v, form):
                continue
            if person == "ter" and gender is not None:
                s.agreed[v] = (words[j].text, gender, number)  # "On poszła": masculine
            for f in self._sharing_subject(words, v):
                # "Ona poszedł i kupił chleb": the verbs after it share its subject
                later = [r for r in self._read(words[f].text) if r.pos in _FINITE][0]
                agreed = self._form(
                    later.full_lemma,
                    {later.pos},
                    person=person,
                    number=number,
                    gender=gender,
                    like=later,
                )
                if self._set(s, f, agreed) and person == "ter" and gender is not None:
                    s.agreed[f] = (words[j].text, gender, number)

    def _polite_address(self, s: _Sentence) -> None:
        """*Czy pan mówisz po polsku?* → *mówi*, *Czy pani masz czas?* → *ma*: *pan*, *pani*
        (the polite "you") take the 3rd person. Only right before a 2nd-person verb (but for
        *nie*, *się*), not after a preposition or *proszę* (*Proszę pani, masz…*), nor set off
        by a comma (*Pani, masz czas?*). Not *państwo*, which takes the 2nd person plural as
        well (*Państwo znaliście*: the GEC set's gold keeps it)."""
        words = s.current()
        for j, w in enumerate(words):
            if w.key not in ("pan", "pani") or j + 1 >= len(words):
                continue
            if j > 0 and (
                self._grammar.is_prep(words[j - 1])
                and words[j - 1].key != "co"
                or words[j - 1].key == "proszę"
            ):
                continue  # (co: "Co pan robisz?", not co + the accusative, "co tydzień")
            v = j + 1
            while (
                v < len(words)
                and (words[v].key in ("nie", "się") or words[v].key in _DATIVE_CLITICS)
                and not words[v].boundary_before
            ):
                v += 1  # "Czy pan mi pomożesz?"
            if v >= len(words) or any(words[k].boundary_before for k in range(j + 1, v + 1)):
                continue
            if v in s.fixes:
                continue
            verbs = [r for r in self._read(words[v].text) if r.pos in ("fin", "praet")]
            if not verbs or not all(r.person == frozenset({"sec"}) for r in verbs):
                continue
            if not any("sg" in r.number for r in verbs):
                continue
            if any(words[k].key == "ty" for k in self._grammar.clause(words, j)):
                continue  # "Czy ty pani pomożesz?": the lady is whom you help
            if w.key == "pani" and (
                any(words[k].key == "nie" for k in range(j + 1, v))
                or self._pani_may_be_whom(words, v, verbs[0])
            ):
                continue  # "Czy pani pomożesz?", "Pani nie widzisz?": pani may be whom
                # (its dative and genitive are pani too; not pan's, panu and pana)
            verb = verbs[0]
            gender = frozenset({"m1"}) if w.key == "pan" else frozenset({"f"})
            form = self._form(
                verb.full_lemma,
                {verb.pos},
                person="ter",
                number="sg",
                gender=gender if verb.pos == "praet" else None,
                like=verb,
            )
            if form is not None and self._set(s, v, form):
                s.reasons[v] = explain.InflectionFacts(
                    expected=form,
                    got=words[v].text,
                    feature="person",
                    expected_value="ter",
                    got_value="sec",
                    rule="agreement.subject_verb",
                    trigger=w.text,
                    lemma=verb.lemma,
                    number="sg",
                    person="ter",
                    detail="polite",
                )

    def _pani_may_be_whom(self, words: list[Word], v: int, verb: Reading) -> bool:
        """May *pani* before verb v be its object, the dative or the genitive (*Czy pani
        pomożesz?*, will you help the lady)? Not the genitive of a verb that has its object
        in the accusative or the genitive after it (*Czy pani chcesz kawę?*: chcieć has one
        object), nor the dative of a verb of speaking a language (*Czy pani mówisz po
        polsku?*: *po polsku* says how one speaks; to whom is *do pani*)."""
        cases = self._grammar.table.case_of(verb.lemma)
        after = range(v + 1, self._grammar.clause(words, v).stop)
        if "gen" in cases and not self._object_in(words, v, after, frozenset({"acc", "gen"})):
            return True
        language = any(
            words[k].key == "po"
            and k + 1 < len(words)
            and any(r.pos == "adjp" for r in self._read(words[k + 1].text))
            for k in after
        )
        return "dat" in cases and not language

    def _conditional_person(self, s: _Sentence) -> None:
        """*Gdybym miałem czas* → *miał*, *żebyś przyszedłeś* → *przyszedł*: after a *gdyby*,
        *żeby* … that carries the person, the past form after it in its clause has none."""
        words = s.current()
        for j, w in enumerate(words):
            if w.key not in _PERSON_BY:
                continue
            for v in self._grammar.clause(words, j):
                if v <= j or v > j + 3:
                    continue
                past = [r for r in self._read(words[v].text) if r.pos == "praet"]
                if not past or not all(r.person & {"pri", "sec"} for r in past):
                    continue
                verb = past[0]
                form = self._form(
                    verb.full_lemma,
                    {"praet"},
                    number=next(iter(verb.number)),
                    gender=verb.gender,
                    person="ter",
                    like=verb,
                )
                if self._set(s, v, form) and form is not None:
                    s.reasons[v] = explain.InflectionFacts(
                        expected=form,
                        got=words[v].text,
                        feature="person",
                        expected_value=None,
                        got_value=next(iter(verb.person)),
                        rule="person",
                        trigger=w.text,
                        lemma=verb.lemma,
                        number=next(iter(verb.number)),
                        detail="conditional",
                    )
                break

    def _only_adverb(self, word: Word) -> bool:
        """A word that is nothing but an adverb or a particle (*jeszcze*, *wciąż*, *teraz*)."""
        if word.key in _BY_FORMS:
            return False
        readings = self._morph.analyse(word.text)
        return bool(readings) and all(r.pos in ("adv", "qub", "part") for r in readings)

    def _who(self, words: list[Word], j: int) -> tuple[str, str, frozenset[str] | None] | None:
        """*Nikt nie zakłócały* → *zakłócał*, *Kto mają* → *ma*: nikt, ktoś, kto as the
        subject, not before a form of być (*Kto to są?*, *Kto są ci ludzie?* name others);
        *wszystko* only before być (*Wszystko już byli* → *było*)."""
        key = words[j].key
        feats = _WHO_FEATURES.get(key)
        if feats is None and key != "wszystko":
            return None
        rest = [w for w in words[j + 1 : j + 4] if w.key not in ("nie", "się", "już", "też", "to")]
        if any(w.key == "to" for w in words[j + 1 : j + 3]):
            return None
        copula = bool(rest) and any(
            r.lemma == "być" and r.pos in _FINITE for r in self._read(rest[0].text)
        )
        if key == "wszystko":
            # *Wszystko już byli* → *było*: wszystko is what is, before być; before another
            # verb it may be its object (*Wszystko zjedli*)
            return ("ter", "sg", frozenset({"n"})) if copula else None
        if rest and any(r.lemma in COPULAS for r in self._read(rest[0].text)):
            return None
        return feats

    def _noun_subject(
        self, words: list[Word], j: int, verb: int | None = None
    ) -> tuple[str, str, frozenset[str]] | None:
        """(person, number, gender) of the noun right before word j if it is surely a subject
        in the nominative, of one gender and number (*Moje miasto* jest …); ``verb``: the
        verb's place when it is not j (a phrase between: *Moi koledzy z pracy są*)."""
        if j == 0 or words[j].boundary_before or self._grammar.preposition_before(words, j - 1):
            return None
        readings = self._subject_nouns(words[j - 1])
        nouns = [r for r in readings if "nom" in r.case]
        if not nouns or words[j - 1].key in _PRONOUN_FEATURES:
            return None
        oblique = {"gen", "dat", "inst", "loc"}
        if self._could_be(words[j - 1], oblique) or any(r.case & oblique for r in readings):
            # (the noun read as the one its verbal noun is: "Właścicielka mieszkania jest")
            # "Płaszcz Tomka jest": Tomka belongs to płaszcz; but "(Te) książki są": a word
            # that opens its clause (after its determiners) and the verb's number decide
            verb_number = self._copula_number(words[j if verb is None else verb])
            if verb_number is None or not self._opens_clause(words, j - 1):
                return None
            nouns = [r for r in nouns if verb_number in r.number]
        p = j - 2
        while (
            p >= 0
            and not words[p + 1].boundary_before
            and self._agrees_with(words[p], words[j - 1])
        ):
            p -= 1  # (its determiners and adjectives: "Mój brat i moja siostra są")
        if p >= 0 and words[p].key in _AND:
            return None  # "Anna i Ewa są …": two subjects
        shapes = {
            (frozenset(r.number), frozenset(r.gender))
            for r in nouns
            if r.pos == "subst" and not r.qualifiers
        }
        if len(shapes) != 1:
            return None
        number, gender = next(iter(shapes))
        if len(number) != 1 or not gender:
            return None
        return "ter", next(iter(number)), gender

    def _subject_nouns(self, word: Word) -> list[Reading]:
        """The noun readings of a word that may be a subject; a noun that is also a verbal
        noun of the same form (*mieszkanie*, *jedzenie*) is that noun: a verbal noun is
        neuter singular too."""
        nouns = self._nouns(word)
        if nouns:
            return nouns
        readings = self._morph.analyse(word.text)
        subst = [r for r in readings if r.pos == "subst" and not r.qualifiers]
        if subst and all(
            r.pos == "subst"
            or r.pos == "ger"
            and any(r.gender == n.gender and r.number == n.number for n in subst)
            for r in readings
        ):
            return subst
        return []

    def _subject_with_phrase(
        self, words: list[Word], v: int
    ) -> tuple[tuple[str, str, frozenset[str]], int] | None:
        """The subject before the verb at v with a word after it that belongs to it: an
        adjective (*Język polski jest*) or a phrase with a preposition (*Moi koledzy z pracy
        są*); only a noun that opens its clause (see _noun_subject)."""
        for p in range(v - 1, max(v - 4, 0), -1):
            if words[p + 1].boundary_before or words[p].boundary_before and p < v - 1:
                return None
            if p == v - 1 and any(
                r.pos in ("adj", "ppas", "pact") for r in self._read(words[p].text)
            ):
                if not self._agrees_with(words[p], words[p - 1]):
                    return None
            elif not (self._grammar.is_prep(words[p]) and not self._grammar.is_verb(words[p])):
                continue
            if words[p].boundary_before or not self._opens_clause(words, p - 1):
                return None
            feats = self._noun_subject(words, p, verb=v)
            return None if feats is None else (feats, p - 1)
        return None

    def _copula_number(self, word: Word) -> str | None:
        """The one number a present or past form of być shows (*są* pl, *jest* sg)."""
        numbers = {
            n
            for r in self._read(word.text)
            if r.lemma in COPULAS and r.pos in ("fin", "praet")
            for n in r.number
        }
        return next(iter(numbers)) if len(numbers) == 1 else None

    def _opens_clause(self, words: list[Word], k: int) -> bool:
        """Nothing but agreeing determiners or adjectives before word k in its clause."""
        i = k - 1
        while i >= 0 and not words[i + 1].boundary_before:
            if not self._agrees_with(words[i], words[k]):
                return False
            i -= 1
        return True

    def _predicative(self, s: _Sentence) -> None:
        """*Ona jest ładny* → *ładna*, *Moje miasto jest duży* → *duże*: an adjective after
        być agrees with the subject (a pronoun, or the noun just before the verb); with no
        word before the past tense of być in its clause but *nie* or an adverb, with the
        gender and number the verb shows (*Nie była głośny* → *głośna*, *Byłam zmęczony* →
        *zmęczona*)."""
        words = s.current()
        for j in range(-1, len(words)):
            # (j = -1: the verb opens the sentence, "Byłam zmęczony")
            key = words[j].key if j >= 0 else ""
            subject_at = j  # the subject's place, when there is one
            feats = _PRONOUN_FEATURES.get(key)
            if feats is None and j >= 0 and j + 1 < len(words):
                feats = self._noun_subject(words, j + 1) if key not in _PRONOUN_NOUNS else None
                if feats is None and key not in _PRONOUN_NOUNS and j > 0:
                    found = self._subject_with_phrase(words, j + 1)
                    if found is not None:
                        feats, subject_at = found
            named = feats is not None  # a subject in the sentence, not only the verb's form
            if feats is None:
                feats = self._past_copula(words, j + 1)
            if feats is None or feats[2] is None or j + 2 >= len(words):
                continue
            copulas = [r for r in self._read(words[j + 1].text) if r.lemma in COPULAS]
            if not copulas:
                continue
            if named and all(r.number and feats[1] not in r.number for r in copulas):
                continue  # "Tekst Porozumienia oraz tekst Protokołu są załączone": a plural
                # copula's subject is not the singular noun before it (the nouns joined are)
            k = _past_intensifiers(words, j + 2)
            skipped = k
            while (
                k + 1 < len(words)
                and not words[k + 1].boundary_before
                and self._only_adverb(words[k])
            ):
                k = _past_intensifiers(words, k + 1)  # "jest jeszcze za gorący", "zwykle bardzo"
            if k >= len(words) or words[k].boundary_before:
                continue
            if k != skipped and not any(r.pos == "adj" for r in self._read(words[k].text)):
                continue  # "jest coraz częściej wymieniana": a passive, not an adjective
            person, number, gender = feats
            if (
                named
                and subject_at >= 2
                and self._genitive_after_noun(
                    words,
                    subject_at - 1,
                    subject_at,
                    [r for r in self._read(words[subject_at - 1].text) if r.pos == "adj"],
                )
                and self._agrees_with(words[k], words[subject_at - 2])
            ):
                continue  # "Dom mojej siostra jest duży": duży agrees with dom, whose the
                # genitive mojej says; siostra is out of place, not the subject
            if (
                named
                and gender is not None
                and self._copula_has_other_subject(words, j + 1, subject_at, number, gender)
            ):
                continue  # "Lwia część pieniędzy Caritas została przeznaczona": the past
                # copula agrees with another noun (część), not with the one found
            if named and self._copula_disagrees(s, words, j + 1, number, gender):
                continue  # "Ten dzień była długa": the verb and the adjective agree with each
                # other, not with the noun; changing the adjective alone would leave *była długi*
            if gender is None or not self._agree_predicative(s, words, k, number, gender):
                continue
            first = s.fixes.get(k, words[k].text)
            if k in s.fixes and subject_at >= 0 and named:
                # the subject's gender, not that of a word after the adjective that may be read
                # as a noun: "Tomek był chora wczoraj", "Kraków jest mniejsza niż Warszawa"
                # (niż, a low), "Sklep jest otwarta do ósmej" (do, a note)
                s.reasons[k] = explain.InflectionFacts(
                    expected=first,
                    got=words[k].text,
                    feature="gender" if number == "sg" else "number",
                    expected_value=None,
                    got_value=None,
                    rule="agreement.adjective",
                    trigger=words[subject_at].text,
                    lemma=words[k].text,
                    number=number,
                    detail="predicative",
                    partner_desc=(f"gender:{number}/{_gender_named(gender, number)}",),
                )
            if k in s.fixes and person == "pri" and number == "sg" and key != "ja":
                # "Byłam zmęczony": the speaker's own gender, which the verb shows
                s.reasons[k] = explain.InflectionFacts(
                    expected=first,
                    got=words[k].text,
                    feature="gender",
                    expected_value=None,
                    got_value=None,
                    rule="agreement.adjective",
                    trigger=None,
                    lemma=words[k].text,
                    number=number,
                    detail="learner",
                    learner_gender="feminine" if gender == frozenset({"f"}) else "masculine",
                )
            # "Piwo było zimny i bardzo dobry": every adjective joined to it agrees too
            m = k + 1
            while m + 1 < len(words) and words[m].key in _AND | {"ale", "a"}:
                m = _past_intensifiers(words, m + 1)
                if m >= len(words) or not self._agree_predicative(s, words, m, number, gender):
                    break
                if m in s.fixes:
                    s.reasons[m] = explain.InflectionFacts(
                        expected=s.fixes[m],
                        got=words[m].text,
                        feature="gender" if "sg" == number else "number",
                        expected_value=None,
                        got_value=None,
                        rule="agreement.adjective",
                        trigger=words[subject_at].text if subject_at >= 0 else None,
                        lemma=words[m].text,
                        number=number,
                        joined_to=first,
                    )
                m += 1

    def _when_next(self, words: list[Word], k: int, adjs: list[Reading]) -> bool:
        """Is the word after k an adverb of time that is also a noun (*wczoraj*, *dziś*,
        *jutro*) the adjective at k does not agree with (*był chora wczoraj*: no noun of
        chora's; but *piękne jutro* is one)?"""
        if k + 1 >= len(words) or words[k + 1].boundary_before:
            return False
        readings = self._read(words[k + 1].text)
        adverbs = {r.lemma for r in readings if r.pos == "adv"}
        nouns = [r for r in readings if r.pos in _NOUNS and r.lemma in adverbs]
        return bool(nouns) and not any(_agrees(a, n) for a in adjs for n in nouns)

    def _copula_has_other_subject(
        self, words: list[Word], v: int, subject_at: int, number: str, gender: frozenset[str]
    ) -> bool:
        """Does the past form of być (zostać) at v show another number or gender than the
        subject found at ``subject_at``, and agree with another nominative noun before it in
        its clause, which may be the subject instead?"""
        copula = [r for r in self._read(words[v].text) if r.pos == "praet"]
        if not copula or any(number in r.number and r.gender & gender for r in copula):
            return False
        return any(
            k != subject_at
            and self._grammar.preposition_before(words, k) is None
            and any(
                r.pos in _NOUNS
                and "nom" in r.case
                and any(c.number & r.number and c.gender & r.gender for c in copula)
                for r in self._read(words[k].text)
            )
            for k in self._grammar.clause(words, v)
            if k < v
        )

    def _agree_predicative(
        self, s: _Sentence, words: list[Word], k: int, number: str, gender: frozenset[str]
    ) -> bool:
        """Make the predicative adjective at k agree with its subject's number and gender;
        True when k is such an adjective (whether it needed a change or not)."""
        readings = self._read(words[k].text)
        adjs = [
            r
            for r in readings
            if r.pos in ("adj", "ppas") and r.lemma not in _DEMONSTRATIVES | _RELATIVES
        ]
        if not adjs or self._noun_next(words, k) and not self._when_next(words, k, adjs):
            return False  # (an adjective before its own noun)
        nxt = self._read(words[k + 1].text) if k + 1 < len(words) else ()
        if (
            k + 1 < len(words)
            and not words[k + 1].boundary_before
            and any(r.pos in ("adj", "adv", "ppas") for r in nxt)
            and not self._when_next(words, k, adjs)  # "był chora wczoraj"
        ):
            return False  # "jest tym bardziej ważne": the adjective is further on
        if any(number in r.number and "nom" in r.case and r.gender & gender for r in adjs):
            return True
        if (
            k + 1 < len(words)
            and words[k + 1].key in _PARTITIVE_PREPOSITIONS
            and any(number in r.number and "inst" in r.case and r.gender & gender for r in adjs)
        ):
            return True  # "Kraków jest jednym z najpiękniejszych miast": one of them
        form = self._form(
            adjs[0].full_lemma,
            {adjs[0].pos},
            case="nom",
            number=number,
            gender=gender,
            like=adjs[0],
        )
        self._set(s, k, form)
        return True

    def _this_was(self, s: _Sentence) -> None:
        """*To był zimny zima* → *To była zimna zima*, *To było dobra decyzja* → *była*: after
        *to* opening its clause, a singular past form of *być* takes the gender of the singular
        noun it names (*To był dzień*, *To była zima*, *To było lato*); the noun's adjectives
        then agree with both (_adjectives). Only a noun in the nominative alone, of one
        gender, right after the copula but for its adjectives and adverbs, not a name, not
        joined to another, and not, after *było*, a noun in -a that may be an instrumental
        with its ą left out (*To było zima*: zimą, in winter)."""
        words = s.current()
        for v in range(1, len(words) - 1):
            past = [r for r in self._read(words[v].text) if r.pos == "praet" and r.lemma == "być"]
            if (
                not past
                or v in s.fixes
                or words[v - 1].key != "to"
                or self._grammar.clause(words, v).start != v - 1
                or words[v].boundary_before
                or any(r.number != frozenset({"sg"}) for r in past)
            ):
                continue
            k = self._phrase_head(words, v + 1)
            if (
                k is None
                or k in s.fixes
                or any(words[m].boundary_before for m in range(v + 1, k + 1))
                or k + 1 < len(words)
                and not words[k + 1].boundary_before
                and words[k + 1].key in _JOINING
            ):
                continue
            nouns = self._nouns(words[k])
            shape = self._noun_shape(words[k])
            if (
                not nouns
                or shape is None
                or shape[0] != "sg"
                or len(shape[1]) != 1
                or not all("nom" in r.case for r in nouns)
                or self._is_name(words[k])
                or any("n" in r.gender for r in past)
                and self._instrumental_unlettered(words[k])
            ):
                continue
            gender = shape[1]
            if any(r.gender & gender for r in past):
                continue
            form = self._third_person(past[0], "sg", gender)
            if not self._set(s, v, form):
                continue
            one = _one(gender)
            s.reasons[v] = explain.InflectionFacts(
                expected=s.fixes[v],
                got=words[v].text,
                feature="gender",
                expected_value=one,
                got_value=_one(past[0].gender),
                rule="agreement.past_gender",
                trigger=words[k].text,
                lemma="być",
                number="sg",
                gender=one,
                detail="to_copula",
            )
            words = s.current()

    def _copula_for_other_noun(self, words: list[Word], k: int, nouns: list[Reading]) -> bool:
        """Is the noun at k's phrase right after a past form of *być* (adverbs aside) whose
        gender or number is not the noun's, but is an adjective's of the phrase (*To była
        bardzo dobra dzień*)? Then which word is wrong, the noun or the others, is not
        certain: changing the adjective alone would leave *była … dobry dzień*."""
        j = k - 1
        mods: list[Reading] = []
        while j >= 0 and not words[j + 1].boundary_before:
            readings = self._read(words[j].text)
            adjs = [r for r in readings if r.pos in ("adj", "ppas", "pact")]
            if adjs:
                mods += adjs
            elif not any(r.pos == "adv" for r in readings):
                break
            j -= 1
        if j < 0 or words[j + 1].boundary_before or not mods:
            return False
        past = [r for r in self._read(words[j].text) if r.pos == "praet" and r.lemma == "być"]
        return (
            bool(past)
            and not any(p.number & n.number and p.gender & n.gender for p in past for n in nouns)
            and any(p.number & m.number and p.gender & m.gender for p in past for m in mods)
        )

    def _copula_disagrees(
        self,
        s: _Sentence,
        words: list[Word],
        v: int,
        number: str,
        gender: frozenset[str] | None,
    ) -> bool:
        """Is the past form of the copula at v (as the rules before have left it) in another
        gender or number than its subject's?"""
        past = [r for r in self._read(s.fixes.get(v, words[v].text)) if r.pos == "praet"]
        return bool(past) and not any(
            number in r.number and (gender is None or r.gender & gender) for r in past
        )

    def _past_copula(
        self, words: list[Word], v: int
    ) -> tuple[str, str, frozenset[str] | None] | None:
        """(person, number, gender) a past form of być at v shows, when nothing before it in
        its clause can be its subject (only *nie* and adverbs: *Nie była*, *Wczoraj byłam*)."""
        if v >= len(words):
            return None
        forms = [r for r in self._read(words[v].text) if r.pos == "praet" and r.lemma == "być"]
        if len(forms) != 1 or len(forms[0].number) != 1:
            return None
        verb = forms[0]
        number = next(iter(verb.number))
        gender = verb.gender
        if number == "sg" and gender not in (
            frozenset({"f"}),
            frozenset({"n"}),
            frozenset({"m1", "m2", "m3"}),
        ):
            return None
        if number == "pl" and gender != frozenset({"m1"}):
            if "m1" in gender:
                return None
        clause = self._grammar.clause(words, v)
        for k in clause:
            if k >= v:
                break
            if words[k].key == "nie":
                continue
            readings = self._read(words[k].text)
            if not readings or any(r.pos not in ("adv", "qub") for r in readings):
                return None
        person = next(iter(verb.person), "ter")
        return person, number, gender

    def _slip_for_agreeing_noun(self, words: list[Word], k: int) -> bool:
        """Is the noun at k rarely written (zipf < 2) and one slip (same first letter) from a
        common noun (zipf 3) that the adjective right before it already agrees with?"""
        key = words[k].key
        if self._frequency(key) >= _MIN_FREQUENCY or k == 0 or words[k].boundary_before:
            return False
        adjs = [r for r in self._read(words[k - 1].text) if r.pos == "adj"]
        if not adjs:
            return False
        return any(
            e[:1] == key[:1]
            and self._frequency(e) >= _COMMON / 10
            and any(_agrees(a, n) for n in self._morph.analyse(e) if n.pos in _NOUNS for a in adjs)
            for e in _edits1(key)
        )

    def _object_noun_odd(self, words: list[Word], k: int, nouns: list[Reading]) -> bool:
        """The noun at k heads the object of a verb before it (over *się*, *sobie*, a dative
        pronoun, adjectives, adverbs) in a case the verb does not take, while an adjective
        before it shows one the verb does (*stawiamy sobie wysokie wymaganiami*: stawiać takes
        the accusative, *wysokie* shows it): the noun is the odd one out, not the adjective."""
        j = k - 1
        shown: set[str] = set()
        while j >= 0 and not words[j + 1].boundary_before:
            readings = self._read(words[j].text)
            if any(r.pos in _FINITE or r.pos == "inf" for r in readings):
                break
            if words[j].key in ("się", "sobie") or words[j].key in _DATIVE_CLITICS:
                j -= 1
                continue
            adjs = [r for r in readings if r.pos in ADJ_CLASSES]
            if not adjs and not any(r.pos in ("adv", "qub") for r in readings):
                return False  # (an adverb of degree may be a noun too: zbyt, sales)
            # only where it agrees with the noun in all but case (not *spokojną głosem*: a
            # feminine before a masculine is no case slip of the noun's)
            shown |= {
                c
                for r in adjs
                if any(r.number & n.number and r.gender & n.gender for n in nouns)
                for c in r.case
            }
            j -= 1
        if (
            j < 0
            or j == k - 1
            or words[j + 1].boundary_before
            or not self._is_verb_form(words[j].text)
        ):
            return False
        verbs = [r for r in self._read(words[j].text) if r.pos in _FINITE or r.pos == "inf"]
        cases = self._grammar.table.case_of(verbs[0].lemma) & {"gen", "dat", "acc", "inst"}
        if not cases or any(self._grammar.table.case_of(r.lemma) != cases for r in verbs):
            return False
        if "acc" in cases and self._grammar.negated(words, j) is not None:
            cases = cases | {"gen"}  # "nie mam żadne spraw": the genitive of negation
        return bool(shown & cases) and not any(r.case & cases for r in nouns)

    def _adjectives(self, s: _Sentence) -> None:
        """An adjective (possessive, demonstrative) right before its noun agrees with it. Left
        alone: a participle, which may have its own object (*pokrytej śniegiem*); an adjective
        that agrees with the noun before it (*piłki nożnej bramkarz*); a noun in the genitive,
        which may belong to another noun (*biskup pomocniczy Katowic*)."""
        words = s.current()
        for k in range(len(words) - 1, 0, -1):
            noun_at = k
            nouns = self._nouns(words[noun_at])
            if not nouns and noun_at in s.assigned:
                # a noun a rule recased into a form that is also a verb's (mama → mamy)
                nouns = [r for r in self._read(words[noun_at].text) if r.pos in _NOUNS]
            if not nouns or words[noun_at].boundary_before or self._is_name(words[noun_at]):
                continue
            nouns = _plain_nouns(nouns)
            if noun_at not in s.assigned and self._slip_for_agreeing_noun(words, noun_at):
                # *na realnym poziomce*: a form hardly anyone writes, one slip from a common
                # noun the adjective before it agrees with as written (poziomie), is the slip;
                # the adjective is not changed to agree with it
                continue
            if noun_at in s.assigned:  # the case a rule above gave it (Nie lubię zupy)
                case, number = s.assigned[noun_at]
                nouns = [
                    replace(r, case=frozenset({case}), number=frozenset({number}))
                    for r in nouns
                    if case in r.case and number in r.number
                ] or nouns
            if (
                noun_at not in s.assigned
                and all(r.case == frozenset({"gen"}) for r in nouns)
                and not self._governed_phrase(words, k)
                and not self._owned_genitive(words, k)
            ):
                continue  # a genitive may belong to the noun before it
            if noun_at not in s.assigned and self._object_noun_odd(words, k, nouns):
                continue  # "stawiamy sobie wysokie wymaganiami": wymagania, not wysokimi
            if self._copula_for_other_noun(words, k, nouns):
                continue  # "To była bardzo dobra dzień": the copula agrees with the adjective
            j = k - 1
            while j >= 0 and not words[j + 1].boundary_before:
                if j > 0 and words[j].text[:1].isupper() and not words[k].text[:1].isupper():
                    break  # "samego Zalewskiego metamorfoza": a surname, not the noun's word
                readings = self._read(words[j].text)
                if j == 0 or words[j].boundary_before:
                    # an unstressed pronoun never opens a sentence: "Ci psy" is the plural of
                    # ten, not ci, to you
                    readings = tuple(r for r in readings if not r.tag.endswith(":nakc"))
                adjs = [r for r in self._modifier(readings, before_noun=True) if r.pos == "adj"]
                if not adjs and noun_at in s.assigned:
                    # "Nie lubię zimna kawy": zimna is no noun (the cold) before kawy
                    adjs = [
                        r
                        for r in readings
                        if r.pos == "adj"
                        and any(r.gender & n.gender and r.number & n.number for n in nouns)
                    ]
                if (
                    not adjs
                    or any(
                        r.pos == "num" and any(r.number & n.number for n in nouns) for r in readings
                    )  # "czterdzieści dni": a numeral (not jeden's plural: "jeden herbata")
                    or words[j].key == "to"
                    and noun_at not in s.assigned
                    or any(r.pos == "interj" for r in readings)
                    and any("voc" in n.case for n in nouns)  # "Dobra, ludzie": okay, people
                    or any(r.pos == "prep" for r in self._morph.analyse(words[j].text))
                    # "lat temu astronomowie": the preposition (ago), not "temu" (this)
                    or any(r.lemma in _RELATIVES for r in adjs)
                    or self._grammar.is_verb(words[j])
                ):
                    break  # "w którym pracownik": the relative word has its own case
                if any(a.lemma in _DAY_ORDINALS for a in adjs) and any(
                    r.lemma in MONTHS for r in nouns
                ):
                    break  # "piątego maj": a date, the month's case is wrong (piątego maja),
                    # not the day's (not *piąty maj*)
                if (
                    noun_at not in s.assigned
                    and j > 0
                    and self._grammar.is_prep(words[j - 1])
                    and (cases := self._grammar.prep_cases(words[j - 1]))
                    and any(
                        r.pos == "subst"
                        and r.case & cases
                        # a noun of its own (dobro), not the adjective used as one (jedyne)
                        and not any(a.pos == "adj" for a in self._morph.analyse(r.lemma))
                        for r in self._morph.analyse(words[j].text)
                    )
                    and self._could_be(words[noun_at], ("gen",))
                ):
                    break  # "dla dobra dzieci": the preposition's own noun (dobro, the good)
                    # with a genitive after it, not an adjective of that genitive
                if any(_agrees(a, n) for a in adjs for n in nouns) or (
                    noun_at not in s.assigned
                    and self._agrees_with(words[j], words[noun_at], plain=True)
                ):
                    j -= 1
                    continue
                if noun_at not in s.assigned and self._elided_noun(words, j):
                    break  # "utrzymanie Kancelarii Prezydenta i swojej": swojej [kancelarii]
                if noun_at not in s.assigned and self._fits_preposition_not_noun(
                    words, j, noun_at, adjs, nouns
                ):
                    break  # "w dobrych lub złych celami", "do jakiejś małej restauracja": the
                    # noun is out of the preposition's cases, the adjectives are in them
                if noun_at not in s.assigned and self._genitive_after_noun(words, j, noun_at, adjs):
                    break  # "Dom mojej siostra", "Do budowy nowego gmina podchodziła": a
                    # genitive after a noun is that noun's (whose; nowego [ratusza]); the noun
                    # after it is out of place, or another phrase's
                if j > 0 and self._coordinated_adjective(words, j, noun_at, nouns, adjs):
                    # "małe, owalne przedmiot": two adjectives that agree with each other,
                    # not with the noun, whose gender is its own
                    form = self._agreeing_form(adjs[0], nouns)
                    other = [r for r in self._read(words[j - 1].text) if r.pos == "adj"]
                    form2 = self._agreeing_form(other[0], nouns) if other else None
                    if form is not None and form2 is not None:
                        self._set(s, j, form)
                        if self._set(s, j - 1, form2):
                            s.twins[j - 1] = j
                    break
                # only the gender wrong, in the nominative ("Ta nowy szkoła"; not "z moich
                # wczesnych występy", where the noun's case is the error)
                gender_only = any(
                    "nom" in a.case & n.case and a.number & n.number for a in adjs for n in nouns
                )
                if (
                    j > 0
                    and self._agrees_with(words[j], words[j - 1])
                    and not self._grammar.is_prep(words[j - 1])  # (do, the note: do stare)
                    and not self._adverb_first(words[j - 1])
                    and not (
                        (gender_only or noun_at in s.assigned)
                        and any(
                            r.lemma in _DETERMINERS
                            or r.lemma == "jeden"
                            and noun_at in s.assigned
                            and r.pos in ("adj", "num")
                            for r in self._read(words[j - 1].text.lower())
                        )
                    )  # (mój is also a noun, "my man": "Mój nowy koleżanka" is one phrase;
                    # jeden, "one guy": "Nie mam jeden złoty pierścionek" is one phrase too)
                ):
                    shared = [
                        n
                        for n in nouns
                        if any(a.case & n.case and a.number & n.number for a in adjs)
                    ]
                    if j == k - 1 and shared and any(r.lemma in _PREPOSED for r in adjs):
                        # "podczas prezentacji nowej smartfona": nowy goes before its noun
                        # (nowej smartfona in one case, the gender wrong), not after another
                        form = self._agreeing_form(adjs[0], shared)
                        if form is not None:
                            self._set(s, j, form)
                    break  # it belongs to the noun before it
                chain = all(m in s.fixes for m in range(j + 1, k)) or (
                    adjs[0].lemma in _DETERMINERS
                    and gender_only
                    and all(self._agrees_with(words[m], words[noun_at]) for m in range(j + 1, k))
                )  # "Mój nowy koleżanka": every word before the noun is wrong, not only the
                # nearest; "Moja nowy kolega": a determiner in the noun's case, another gender
                if (j < k - 1 and not chain) or (
                    j > 0
                    and not gender_only
                    and (
                        any(
                            _agrees(m, n)
                            for m in self._morph.analyse(words[j - 1].text)
                            if m.pos in ("adj", "ppas", "pact")
                            for n in nouns
                        )
                        if noun_at in s.assigned  # in its case (not ten's, domu's vocative)
                        else self._agrees_with(words[j - 1], words[noun_at])
                    )
                ):
                    break  # "każdego swoim zimnym tchnieniem", "najlepszym tego dowodem"
                if (
                    j > 0
                    and adjs[0].lemma in _PRONOMINAL
                    and any(r.pos == "ger" for r in self._read(words[j - 1].text))
                ):
                    break  # "z nazwaniem tego personalizmem": tego is the gerund's object
                if j > 0 and self._grammar.is_prep(words[j - 1]):
                    cases = self._grammar.prep_cases(words[j - 1])
                    if cases and not self._could_be(words[noun_at], cases):
                        break  # "z daleka prelegentce": the preposition's own phrase
                    usual = frozenset(_TWO_CASE_PREPS.get(words[j - 1].key, ())) | (
                        {"gen", "inst"} if words[j - 1].key in ("z", "ze") else frozenset()
                    )  # (not za's genitive, *za czasów*: a phrase of its own)
                    if (
                        noun_at not in s.assigned
                        and (
                            adjs[0].lemma in _DEMONSTRATIVES
                            or words[j - 1].key in ("z", "ze")
                            and any(
                                n.gender & {"m1", "m2"} or n.lemma in _WOMEN_CLOSE for n in nouns
                            )
                        )  # (a person or an animal: *z moim psa*, *z moją siostry*; not *ze
                        # swoją kasy*)
                        and self._could_be(words[noun_at], usual)
                        and any(
                            r.case & usual and r.gender & n.gender and r.number & n.number
                            for r in adjs
                            for n in nouns
                        )
                    ):
                        break  # "z tymi trójek", "z moim psa": both fit z; which was meant
                        # (z tymi trójkami, z tych trójek; z moim psem) is not clear
                    if noun_at not in s.assigned and self._cases_split(
                        words, j, noun_at, adjs, nouns, usual
                    ):
                        break  # "Wracam z mojej pracą", "Idę na nową pracy"
                if noun_at not in s.assigned and self._fits_governor_not_noun(
                    words, j, adjs, nouns
                ):
                    break  # "Wysłuchamy wszelkich opiniom": the noun is wrong, not wszelkich
                if (
                    noun_at not in s.assigned
                    and all(r.case == frozenset({"loc"}) for r in nouns)
                    and not self._after_locative_preposition(words, noun_at)
                ):
                    break  # "Całe dniach spędzała": no locative without its preposition; the
                    # noun is wrong, not całe
                if noun_at in s.assigned:
                    own = nouns  # its case is known
                elif adjs[0].lemma in _PRONOMINAL:
                    own = nouns
                else:
                    own = self._in_prep_case(words, j, nouns)
                form = self._agreeing_form(adjs[0], own)
                if form is None and gender_only and adjs[0].lemma in _DETERMINERS:
                    # "Moi dzieci": the determiner's own case, the nominative (moje dzieci),
                    # not dzieci's genitive too (moich dzieci)
                    form = self._agreeing_form(
                        adjs[0],
                        [
                            replace(n, case=n.case & a.case)
                            for n in own
                            for a in adjs
                            if "nom" in n.case & a.case and n.number & a.number
                        ],
                    )
                if form is None or (words[j].key, form) in _SPOKEN_FORMS:
                    break
                if (
                    j > 0
                    and noun_at not in s.assigned
                    and self._grammar.is_prep(words[j - 1])
                    and (cases := self._grammar.prep_cases(words[j - 1]))
                    and not any(r.case & cases for r in self._read(form) if r.pos in ADJ_CLASSES)
                ):
                    break  # "O moich rodzice": agreeing with the noun would put the phrase in
                    # a case the preposition never takes (*O moi rodzice*); the noun is wrong
                if (
                    j > 0
                    and adjs[0].lemma in _DEMONSTRATIVES
                    and not words[j].boundary_before
                    and not self._adverb_first(words[j - 1])
                    and any(
                        a.gender & n.gender and a.number & n.number
                        for a in adjs
                        for n in self._nouns(words[j - 1])
                    )
                ):
                    break  # "Artykułach te pracownicy kupują": te may be the noun's before it
                    # (artykuły te, these articles), its case the error
                if any(r.pos == "num" for r in readings):
                    # jeden, also a plural numeral: only the gender in a phrase no verb before
                    # it governs ("Jeden kawa i dwie herbaty"; not "Poproszę jeden herbata",
                    # where the case is wrong too: jedną herbatę)
                    assigned = s.assigned[noun_at][0] if noun_at in s.assigned else None
                    if assigned is not None and (j == k - 1 or chain):
                        # "Mam jeden brat" → jednego brata: the verb's case, set on the noun
                        if self._set(s, j, form):
                            s.reasons[j] = explain.InflectionFacts(
                                expected=s.fixes[j],
                                got=words[j].text,
                                feature="case",
                                expected_value=assigned,
                                got_value=None,
                                rule="agreement.adjective",
                                trigger=s.fixes.get(noun_at, words[noun_at].text),
                                lemma=adjs[0].lemma,
                                number="sg",
                                partner_desc=(
                                    f"gender:sg/{sorted(nouns[0].gender)[0]}",
                                    f"case:{assigned}",
                                ),
                            )
                        break
                    if not gender_only or any(
                        self._grammar.is_verb(words[m])
                        and not any(r.lemma in COPULAS for r in self._read(words[m].text))
                        for m in self._grammar.clause(words, j)
                        if m < j
                    ):
                        break
                    if self._set(s, j, form):
                        gender = sorted(nouns[0].gender)[0]
                        s.reasons[j] = explain.InflectionFacts(
                            expected=s.fixes[j],
                            got=words[j].text,
                            feature="gender",
                            expected_value=None,
                            got_value=None,
                            rule="agreement.adjective",
                            trigger=words[noun_at].text,
                            lemma=adjs[0].lemma,
                            number="sg",
                            partner_desc=(f"gender:sg/{gender}",),
                        )
                    break
                self._set(s, j, form)
                j -= 1

    def _adverb_first(self, word: Word) -> bool:
        """Is the word an adverb that is also a noun which never changes (*wczoraj*, *jutro*:
        yesterday, tomorrow)? Before an adjective it is the adverb, not the adjective's noun
        (*Wczoraj te studenci byli tu*)."""
        readings = self._morph.analyse(word.text)
        nouns = [r for r in readings if r.pos in _NOUNS]
        return (
            bool(nouns)
            and any(r.pos == "adv" for r in readings)
            and all(len(r.case) == 7 and r.pos != "adj" for r in readings if r.case)
        )

    def _cases_split(
        self,
        words: list[Word],
        j: int,
        noun_at: int,
        adjs: list[Reading],
        nouns: list[Reading],
        usual: frozenset[str],
    ) -> bool:
        """After a preposition of two cases (*z*: from, with; *w*, *na*: where to, where), is
        the adjective at j in one of them and its noun in another, and the case the clause
        asks for (its verb's frame, motion or rest) not the noun's? Then which word is wrong
        is not clear (*Wracam z mojej pracą*: z mojej pracy, from work, or z moją pracą;
        *Idę na nową pracy*: na nową pracę), and the adjective is not made to agree."""
        mine = {
            c
            for a in adjs
            for n in nouns
            if a.gender & n.gender and a.number & n.number
            for c in a.case & usual
        }
        theirs = {c for n in nouns for c in n.case & usual}
        if not mine or not theirs or mine & theirs:
            return False
        meant = self._prep_case(words, j - 1, usual, words[noun_at], guess=False)
        if meant is not None:
            return meant not in theirs
        # nothing says: an adjective that is also its nominative (*na niektóre terenach*) is
        # the learner's dictionary form, and the noun's own ending the case meant
        return not any(
            "nom" in a.case and a.gender & n.gender and a.number & n.number
            for a in adjs
            for n in nouns
        )

    def _fits_preposition_not_noun(
        self, words: list[Word], j: int, noun_at: int, adjs: list[Reading], nouns: list[Reading]
    ) -> bool:
        """Does a preposition open the phrase of adjective j, over the adjectives and the
        conjunctions before it (*w dobrych lub złych celami*, *po plastikowej, pomarańczowej
        zjeżdżalnią*, *do jakiejś małej restauracja*, *w starym lub nowym sklepami*), in a
        case the adjective has and the noun at ``noun_at`` has not? Then the noun is the word
        out of place, the preposition's to recase: the adjective is not made to agree."""
        g = j - 1
        while True:
            if g < 0 or j - g > 5:
                return False
            adjective = any(r.pos == "adj" for r in self._read(words[g].text))
            if words[g + 1].boundary_before and not adjective:
                return False  # (only a comma between two adjectives of one phrase)
            if self._grammar.is_prep(words[g]) and not self._grammar.is_verb(words[g]):
                break
            if words[g].key not in _AND_OR and not adjective:
                return False
            g -= 1
        cases = self._grammar.prep_cases(words[g])
        return (
            bool(cases)
            and not self._could_be(words[noun_at], cases)
            and any(a.case & cases for a in adjs)
        )

    def _genitive_after_noun(
        self, words: list[Word], j: int, noun_at: int, adjs: list[Reading]
    ) -> bool:
        """Is adjective j, right after a noun (no comma between), in the genitive, and the
        noun at ``noun_at`` after it not, while that noun is a person (whose: *Dom mojej
        siostra*) or the subject of the verb right after it (*Do budowy nowego gmina
        podchodziła*: nowego [ratusza]; not *przekupić dolarami złego świat*)?"""
        if not (
            j > 0
            and not words[j].boundary_before
            and bool(self._nouns(words[j - 1]))
            and not self._grammar.is_verb(words[j - 1])
            and not self._grammar.is_prep(words[j - 1])
            and any("gen" in a.case for a in adjs)
            and not self._could_be(words[noun_at], ("gen",))
        ):
            return False
        nouns = self._nouns(words[noun_at])
        if any(self._person(r) for r in nouns):
            return True
        after = noun_at + 1
        if after >= len(words) or words[after].boundary_before:
            return False
        return any(
            r.pos in ("fin", "praet")
            and any(
                "nom" in n.case
                and r.number & n.number
                and (r.pos == "fin" and "ter" in r.person or r.gender & n.gender)
                for n in nouns
            )
            for r in self._read(words[after].text)
        )

    def _fits_governor_not_noun(
        self, words: list[Word], j: int, adjs: list[Reading], nouns: list[Reading]
    ) -> bool:
        """Is the phrase that starts with adjective j a verb's object, in a case of the verb's
        frame (the genitive too, after a negated verb) that the adjective has, in the noun's
        gender and number, and the noun has not (*Wysłuchamy wszelkich opiniom*, *całował jej
        wpółprzymknięte powiekach*)?
        Between the verb and the phrase may stand unstressed pronouns, adverbs and particles
        (*przyznaje mu jednak również*) and a prepositional phrase (*z wielką uwagą*).
        Then the noun is the word out of place: the adjective is not made to agree with it."""
        g = j - 1
        while g >= 0 and j - g <= 6 and not words[g + 1].boundary_before:
            if self._grammar.is_verb(words[g]):
                break
            readings = self._read(words[g].text)
            adverbs = {r.lemma for r in readings if r.pos == "adv"}
            if words[g].key in _CLITICS or (
                readings
                and all(
                    r.pos in ("adv", "part", "qub", "conj", "interj")
                    or r.pos in _NOUNS
                    and r.lemma in adverbs  # "Kupiłam wczoraj nową sukienka": wczoraj, dziś
                    for r in readings
                )
            ):
                g -= 1  # "Jadłeś przecież", "przyznaje mu jednak również"
                continue
            if g == j - 1 and any(
                r.pos == "adj" and r.case & a.case and r.gender & a.gender and r.number & a.number
                for r in readings
                for a in adjs
            ):
                g -= 1  # "nie stwierdzili żadnych ubocznych objawy": an adjective of the
                continue  # same phrase before this one
            p = (
                None
                if self._grammar.is_prep(words[g])
                else self._grammar.preposition_before(words, g)
            )
            if p is None:
                return False
            g = p - 1  # "Wysłuchamy z wielką uwagą wszelkich opiniom": a phrase between
        if g < 0 or words[g + 1].boundary_before or not self._grammar.is_verb(words[g]):
            return False
        verbs = [r for r in self._read(words[g].text) if r.pos in VERBAL]
        if not verbs:
            return False
        cases = set(self._grammar.table.case_of(verbs[0].lemma, self._reflexive(words, g)))
        if "acc" in cases and self._grammar.negated(words, g) is not None:
            cases.add("gen")  # "Nie chcę pokazywać moje ciele": mojego ciała, or moje ciało
            if g > 0 and words[g - 1].key == "nie":
                cases.discard("acc")  # "nie robić niepotrzebnej szopkę": the verb's own
                # negation leaves it no accusative (niepotrzebnej szopki)
        if not cases or any(n.case & cases for n in nouns):
            return False
        return any(
            a.case & cases and a.gender & n.gender and a.number & n.number
            for a in adjs
            for n in nouns
        )

    def _elided_noun(self, words: list[Word], j: int) -> bool:
        """Is the adjective at j, right after *i*, *oraz*, *lub*, *albo*, in the case, number
        and gender of a noun just before that word, with no noun between (*Kancelarii
        Prezydenta i swojej wartościami*: swojej [kancelarii], the noun said once)? Then it
        agrees with that noun, not with the one after it."""
        if j < 2 or words[j - 1].key not in _AND or words[j].boundary_before:
            return False
        if words[j - 1].boundary_before:
            return False
        for m in range(j - 2, max(j - 5, -1), -1):
            if self._nouns(words[m]) and self._agrees_with(words[j], words[m]):
                return True
            if words[m].boundary_before:
                break
        return False

    def _coordinated_adjective(
        self, words: list[Word], j: int, noun_at: int, nouns: list[Reading], mine: list[Reading]
    ) -> bool:
        """Is the word before adjective j (right before the noun) another adjective, after a
        comma, that agrees with j but not with the noun, is nothing but an adjective and has
        no noun before it that it could describe (*podrzucił małe, owalne przedmiot*)?"""
        a = j - 1
        if j != noun_at - 1 or not words[j].boundary_before or words[a].boundary_before:
            return False  # (only "małe, owalne": a comma between them, no other)
        if (
            a > 0
            and not words[a].boundary_before
            and (self._nouns(words[a - 1]) or self._grammar.is_prep(words[a - 1]))
        ):
            return False  # "dziecko małe, owalne …", "w małe, owalne …"
        readings = self._morph.analyse(words[a].text)
        adjs = [r for r in readings if r.pos == "adj"]
        if not adjs or any(r.pos not in ("adj", "subst", "depr") for r in readings):
            return False
        if any(r.lemma in _PRONOMINAL or r.lemma in _RELATIVES for r in adjs):
            return False
        if any(_agrees(m, n) for m in adjs for n in nouns):
            return False
        if not any(_agrees(m, x) for m in adjs for x in mine):
            return False
        return self._grammar.is_verb(words[a - 1]) if a > 0 else False

    def _owned_genitive(self, words: list[Word], k: int) -> bool:
        """*szpiegów chińskiemu rządu* → *chińskiego*: a genitive noun at k after another
        noun, with one adjective between them that agrees with neither and with no other word
        near: the adjective is the genitive's own (*biskup pomocniczy Katowic*: pomocniczy is
        the bishop's)."""
        a = k - 1
        if a < 1 or words[k].boundary_before or words[a].boundary_before:
            return False
        if not self._nouns(words[a - 1]) or not words[a - 1].text.islower():
            return False
        readings = self._morph.analyse(words[a].text)
        lemmas = {r.lemma for r in readings if r.pos == "adj"}
        if not lemmas or any(
            r.pos != "adj" and (r.pos != "subst" or r.lemma not in lemmas) for r in readings
        ):
            return False  # (chińskiemu: also the noun chiński, the language — the same word)
        return not self._agrees_nearby(words, a)

    def _postposed(self, s: _Sentence) -> None:
        """*w strukturach państwowej* → *państwowych*, *w serialach telewizyjnego* →
        *telewizyjnych*: an adjective right after its noun agrees with it. Only a word that is
        nothing but an adjective, after a common noun whose case the preposition before it
        settles, and that agrees with no noun, pronoun or adjective within three words either
        way (*w strukturach państwowej firmy*: it is firmy's); not a nominative, nor in a
        clause with a copula, which may say something of the subject (*Przyszedł do domu
        głodny*, *W domu jest ciepło*)."""
        words = s.current()
        for a in range(2, len(words)):
            n = a - 1
            if a in s.fixes or n in s.fixes or words[a].boundary_before:
                continue
            if words[n].boundary_before or not self._grammar.is_prep(words[n - 1]):
                continue
            if self._grammar.is_verb(words[n - 1]) or words[n - 1].boundary_before:
                continue
            readings = self._read(words[a].text)
            adjs = [r for r in readings if r.pos == "adj"]
            named = self._street_name(words, a)  # (as a word: *Marszałkowska* is a surname)
            written = words[a].text.lower() if named else words[a].text
            if not adjs or any(r.pos != "adj" for r in self._morph.analyse(written)):
                continue  # only an adjective: not a noun, adverb or participle as well
            if any(r.lemma in _PRONOMINAL or r.lemma in _RELATIVES for r in adjs):
                continue
            if any("nom" in r.case for r in adjs) and not named:
                continue  # "Przyszedł do domu głodny": it may say something of the subject
            if (
                a + 1 < len(words)
                and not words[a + 1].boundary_before
                and self._fits_governor_not_noun(words, a, adjs, self._nouns(words[a + 1]))
            ):
                continue  # "Wysłuchamy z uwagą wszelkich opiniom": the verb's, not uwagą's
            if not words[n].text.islower():
                continue
            nouns = self._nouns(words[n])
            if not nouns:
                continue
            cases = self._grammar.prep_cases(words[n - 1])
            if not cases:
                continue
            if not named and any(
                r.case & cases and r.number & n.number and r.gender & n.gender
                for r in adjs
                for n in nouns
            ):
                continue  # "w studio nagraniowym": the adjective is right, the noun is not
            nouns = [replace(r, case=r.case & cases) for r in nouns if r.case & cases]
            if named and any(_agrees(r, n) for r in adjs for n in nouns):
                continue  # "na ulicy Kwiatowej"
            if not nouns:
                continue  # a noun the preposition does not fit: a rule above is for it
            if not named and self._agrees_nearby(words, a):
                continue  # (a name is its noun's: *na placu Zamkowy* is not placu's vocative)
            clause = self._grammar.clause(words, a)
            if not named and any(
                r.lemma in COPULAS for k in clause for r in self._read(words[k].text)
            ):
                continue
            form = self._agreeing_form(adjs[0], nouns)
            if form is None or form.lower() == words[a].key:
                continue
            if named and self._set(s, a, form[:1].upper() + form[1:]):
                # "przy ulicy Lipowa": the street's name agrees with ulicy (said so)
                case = _one(frozenset(c for r in nouns for c in r.case))
                number = _one(frozenset(x for r in nouns for x in r.number))
                if case is not None and number is not None:
                    s.reasons[a] = _agreement_facts(
                        s, words[a], a, words[n].text, adjs[0], case, number
                    )
            elif not named:
                self._set(s, a, form)

    def _street_name(self, words: list[Word], a: int) -> bool:
        """Is word a, capitalised inside the sentence right after a common noun, an
        adjective that names it (*ulica Kwiatowa*, *plac Zamkowy*, *hotel Europejski*)? Such
        a name agrees with its noun in every case (*na ulicy Kwiatowej*), unlike a
        predicative adjective (*Przyszedł do domu głodny*); not before another word of the
        name (*miasto Nowy Sącz*)."""
        w = words[a]
        if a < 2 or w.boundary_before or not w.text[:1].isupper() or not w.text[1:].islower():
            return False
        if not words[a - 1].text.islower() or not any(
            r.lemma in _NAMED_PLACES for r in self._nouns(words[a - 1])
        ):
            return False
        if a + 1 < len(words) and not words[a + 1].boundary_before:
            nxt = words[a + 1]
            number = nxt.text.isdecimal() or all(r.pos == "num" for r in self._read(nxt.text))
            if nxt.text[:1].isupper() or self._nouns(nxt) and not number:
                return False  # (a house's number after it: *na ulicy Leśnej pięć*)
        # (as a word: *Długa* is also a village's name, *długa* only an adjective)
        analyses = self._morph.analyse(w.text.lower())
        return bool(analyses) and all(r.pos == "adj" for r in analyses)

    def _verbless_postposed(self, s: _Sentence) -> None:
        """*— Nie, królowa chińscy.* → *chińska*: an adjective that ends a clause with no verb,
        right after a noun in the nominative, agrees with it. Only a word that is nothing but an
        adjective (not a pronoun), after a common noun that is in the nominative in one
        number and gender, both in the nominative, and that agrees with no other word within
        three words (*obywatele państwa chińscy*: it is obywatele's)."""
        words = s.current()
        for a in range(1, len(words)):
            n = a - 1
            if a in s.fixes or n in s.fixes or words[a].boundary_before:
                continue
            if a + 1 < len(words) and not words[a + 1].boundary_before:
                continue  # the clause goes on: the adjective may be the next noun's
            clause = self._grammar.clause(words, a)
            if any(
                self._grammar.is_verb(words[k]) or self._read(words[k].text) == () for k in clause
            ):
                continue  # a verb may take the adjective as its predicate; an unknown word
            analyses = self._morph.analyse(words[a].text)
            adjs = [r for r in analyses if r.pos == "adj" and "nom" in r.case]
            if not adjs or any(r.pos != "adj" for r in analyses):
                continue
            if any(r.lemma in _PRONOMINAL or r.lemma in _RELATIVES for r in adjs):
                continue
            if not words[n].text.islower() or self._grammar.preposition_before(words, n):
                continue
            nouns = [r for r in self._nouns(words[n]) if "nom" in r.case]
            if not nouns or len({(frozenset(r.number), frozenset(r.gender)) for r in nouns}) != 1:
                continue
            if self._could_be(words[n], ("gen", "dat", "inst", "loc")):
                continue  # a noun that may belong to another word (królowej chińscy)
            if any(_agrees(x, y) for x in adjs for y in nouns):
                continue
            if self._agrees_nearby(words, a):
                continue
            form = self._agreeing_form(
                adjs[0], [replace(r, case=frozenset({"nom"})) for r in nouns]
            )
            if form is not None and form.lower() != words[a].key:
                self._set(s, a, form)

    def _agrees_nearby(self, words: list[Word], a: int) -> bool:
        """Does the adjective at a agree with a nominal word (noun, pronoun, adjective,
        numeral) within three words of it, in any reading of either?"""
        mine = [r for r in self._morph.analyse(words[a].text) if r.pos == "adj"]
        for m in range(max(0, a - 3), min(len(words), a + 4)):
            if m == a:
                continue
            others = [r for r in self._morph.analyse(words[m].text) if r.pos in _AGREEING]
            if any(_agrees(x, y) for x in mine for y in others):
                return True
        return False

    def _in_prep_case(self, words: list[Word], j: int, nouns: list[Reading]) -> list[Reading]:
        """The noun's readings in the cases of the preposition before the phrase starting at j
        (*dla mój taty*: taty the genitive singular, not the plural), if one is there."""
        if j == 0 or words[j].boundary_before or not self._grammar.is_prep(words[j - 1]):
            return nouns
        cases = self._grammar.prep_cases(words[j - 1])
        kept = [replace(r, case=r.case & cases) for r in nouns if r.case & cases]
        return kept or nouns

    def _governed_phrase(self, words: list[Word], k: int) -> bool:
        """The noun at k and the adjectives before it follow a verb or a preposition (so a
        genitive there is the verb's or the preposition's: *Potrzebuję nowy komputera*)."""
        m = k - 1
        while (
            m >= 0
            and not words[m + 1].boundary_before
            and self._modifier(self._read(words[m].text), before_noun=True)
        ):
            m -= 1
        if m < 0 or words[m + 1].boundary_before:
            return False
        return self._grammar.is_verb(words[m]) or self._grammar.is_prep(words[m])

    def _agreeing_form(self, adj: Reading, nouns: list[Reading]) -> str | None:
        """The adjective's form that agrees with the noun: the one form every reading of the
        noun asks for (*nowa samochód* → *nowy*, nominative or accusative alike; *twój brata*
        → *twojego*), or None when its readings ask for different forms (*moja torby*: a
        genitive singular or a plural)."""
        forms: set[str | None] = set()
        for noun in nouns:
            for case in noun.case:
                for number in noun.number:
                    forms.add(
                        self._form(
                            adj.full_lemma,
                            {adj.pos},
                            case=case,
                            number=number,
                            gender=noun.gender,
                            like=adj,
                        )
                    )
        forms.discard(None)
        if len(forms) != 1:
            return None
        # (the vocative aside: its form is the nominative's, *ci studenci* either way)
        if len({(c, n) for r in nouns for c in r.case - {"voc"} for n in r.number}) > 1 and (
            adj.lemma in _PRONOMINAL
        ):
            return None  # "im …, tym świat", "z tego skandal": a pronoun of its own, maybe
        return next(iter(forms))

    def _noun_in_context(self, nouns: list[Reading]) -> Reading | None:
        """The noun's reading to agree with: one, if its case and number are certain."""
        if len({(frozenset(r.case), frozenset(r.number), frozenset(r.gender)) for r in nouns}) == 1:
            noun = nouns[0]
            if len(noun.case) == 1 and len(noun.number) == 1:
                return noun
        return None

    def _aspect(self, s: _Sentence) -> None:
        """*Codziennie wypiję kawę* → *piję*, *Codziennie zrobiłem zakupy* → *robiłem*: a habit
        word in the verb's own clause asks for the imperfective, in the present and the past.
        Not after *kiedy*, *gdy*, *jeśli* (*Codziennie, kiedy wrócę, jem*), nor with *zawsze*
        or *nigdy*, which a promise or a single result can take (*Zawsze ci pomogę*). A clause
        opened by a habit phrase (*Co tydzień kupię*) is not one opened by the pronoun *co*."""
        words = s.current()
        keys = [w.key for w in words]
        for j, w in enumerate(words):
            readings = self._read(w.text)
            verbs = [
                r for r in readings if r.pos in ("fin", "praet") and r.aspect == frozenset({"perf"})
            ]
            if not verbs or len({r.pos for r in verbs}) != 1:
                continue
            if any("imperf" in r.aspect for r in readings):
                continue  # *dochodziły* is also read as a perfective: the imperfective is meant
            clause = self._grammar.clause(words, j)
            phrases = [
                k
                for p in HABIT_PHRASES
                for k in clause
                if k + len(p) <= clause.stop
                and tuple(keys[k : k + len(p)]) == p
                and "raz" not in p
                and "razy" not in p
                and self._grammar.times(words, k, p)
            ]
            if keys[clause.start] in SUBORDINATORS and clause.start not in phrases:
                continue
            habits = phrases + [k for k in clause if keys[k] in _SURE_HABIT_WORDS]
            verb = verbs[0]
            if not any(self._no_verb_between(words, h, j) for h in habits):
                continue
            if verb.lemma in _PRESENT_PERFECTIVES or self._once(keys, clause):
                continue
            partners = self._grammar.table.aspect_partner(verb.lemma)
            if len(partners) != 1:
                continue
            partner = GOING_HABITUALLY.get(partners[0], partners[0])
            if verb.pos == "fin":
                form = self._form(
                    partner, {"fin"}, person=_one(verb.person), number=_one(verb.number)
                )
            else:
                form = self._form(
                    partner,
                    {"praet"},
                    person=_one(verb.person),
                    number=_one(verb.number),
                    gender=verb.gender,
                )
            self._set(s, j, form)

    def _future_past(self, s: _Sentence) -> None:
        """*Jutro zrobiłem* → *zrobię*, *W przyszłym tygodniu byłem* → *będę*: a word of the
        future (*jutro*, *pojutrze*, *w przyszłym tygodniu* …) before a past verb in its
        clause, with no other verb between them, puts it in the future — a perfective's
        simple future in the same person and number, *być*'s future. Left alone:
        imperfective verbs (their future is two words, *będę robić*), a conditional or a
        clause of *by*, *gdyby*, *że* …, and a clause with a word of the past as well
        (*wczoraj*)."""
        words = s.current()
        keys = [w.key for w in words]
        for j, w in enumerate(words):
            if j in s.fixes:
                continue
            readings = self._read(w.text)
            if not readings or not all(r.pos == "praet" for r in readings):
                continue
            verb = readings[0]
            if len({(r.lemma, r.aspect) for r in readings}) != 1:
                continue
            compound = verb.lemma != "być" and verb.aspect == frozenset({"imperf"})
            if verb.lemma != "być" and verb.aspect != frozenset({"perf"}) and not compound:
                continue
            if compound and verb.lemma in _TAKES_INFINITIVE | {"mieć"}:
                continue  # *Jutro miałem iść*: what was to be (its infinitive may come later)
            clause = self._grammar.clause(words, j)
            if keys[clause.start] in SUBORDINATORS or any(
                keys[k] in _BY_FORMS or keys[k] in ("wczoraj", "przedwczoraj", "temu")
                for k in clause
            ):
                continue
            if j + 1 < len(words) and any(r.pos == "inf" for r in self._read(words[j + 1].text)):
                continue  # *Jutro miał przyjść*
            # the word before the verb, as the learner puts it (*Jutro zrobiłem*); after it, or
            # after a preposition, it may be what the past act was for (*Kupiłem bilet na
            # jutro*, *Zapisałem się na kurs w przyszłym semestrze*)
            future = [
                k
                for k in clause
                if k < j
                and self._future_word(words, k)
                and not (
                    words[k].key in _FUTURE_WORDS and k > 0 and self._grammar.is_prep(words[k - 1])
                )
            ]
            if not any(self._no_verb_between(words, k, j) for k in future):
                continue
            if self._tomorrow_as_subject(words, future, readings):
                continue
            person, number = _one(verb.person), _one(verb.number)
            if compound:
                self._future_of_past(s, j, verb, future[0])
            elif verb.lemma == "być":
                form = self._form("być", {"bedzie"}, person=person, number=number)
                self._set(s, j, form)
            else:
                form = self._form(verb.full_lemma, {"fin"}, person=person, number=number)
                self._set(s, j, form)

    @staticmethod
    def _tomorrow_as_subject(
        words: list[Word], future: list[int], readings: tuple[Reading, ...]
    ) -> bool:
        """May *jutro* (*pojutrze*), also a neuter noun, be the subject of the neuter singular
        past form after it (*Jutro nie istniało dla niego*, *Jutro nadeszło szybko*)?"""
        return any(words[k].key in _FUTURE_WORDS for k in future) and all(
            r.gender == {"n"}
            and r.number == {"sg"}
            and not r.person & {"pri", "sec"}
            and r.lemma != "być"  # (*Jutro było zimno*: no subject, the weather tomorrow)
            for r in readings
        )

    def _past_of_future(self, s: _Sentence) -> None:
        """*Wczoraj Marek przeczyta książkę* → *przeczytał*: a perfective verb's non-past form
        is its future; after *wczoraj*, *przedwczoraj*, *w zeszłym tygodniu*, *dwa dni temu* (see
        _past_phrase) it is its past, in the gender and number
        of its subject. Only the 3rd person with a subject whose gender is known: *on*, *ona*,
        *ono*, *oni*, *one*, a first name (*Marek*, *Ola*) or a noun surely in the nominative
        (with a possessive before it: *mój brat*), that word and the word of the past alone
        before the verb in its clause (but for *nie*, *się*, an opening *a*, *i*). Left alone:
        the speaker or the one addressed (*Wczoraj przeczytam*: *przeczytałem* or
        *przeczytałam*?), a clause with a word of the future, a clause opened by *że*, *gdy* …
        or with *by*, *wczoraj* after a preposition (*od wczoraj*) or after the verb, and a
        longer phrase before the verb, where *wczoraj* may say when something else was done
        (*Wczoraj kupiona książka się przyda*)."""
        words = s.current()
        keys = [w.key for w in words]
        for j, w in enumerate(words):
            if j in s.fixes or j in s.frozen:
                continue
            readings = self._read(w.text)
            if not readings or not all(
                r.pos == "fin" and r.aspect == {"perf"} and r.person == {"ter"} for r in readings
            ):
                continue
            if len({(r.full_lemma, frozenset(r.number)) for r in readings}) != 1:
                continue
            clause = self._grammar.clause(words, j)
            if keys[clause.start] in SUBORDINATORS or any(
                keys[k] in _BY_FORMS or self._future_word(words, k) for k in clause
            ):
                continue
            before = [k for k in clause if k < j and keys[k] not in ("nie", "się")]
            if before and before[0] == clause.start and keys[before[0]] in ("a", "i"):
                before = before[1:]
            spans = [span for k in before if (span := self._past_phrase(words, k)) is not None]
            if len(spans) != 1 or not set(spans[0]) <= set(before):
                continue
            when = spans[0]
            if when.start > 0 and self._grammar.is_prep(words[when.start - 1]):
                continue  # *Od wczoraj*
            subject = [k for k in before if k not in when]
            if not subject or subject != list(range(subject[0], subject[-1] + 1)):
                continue
            number = _one(readings[0].number)
            gender = self._subject_gender(words, subject, number)
            if gender is None or number is None:
                continue
            form = self._form(
                readings[0].full_lemma, {"praet"}, person="ter", number=number, gender=gender
            )
            if form is None or not self._set(s, j, form):
                continue
            s.reasons[j] = explain.InflectionFacts(
                expected=form,
                got=w.text,
                feature="tense",
                expected_value="praet",
                got_value="fin",
                rule="tense.context",
                trigger=" ".join(words[k].text for k in when),
                lemma=readings[0].lemma,
                number=number,
                person="ter",
                gender=_one(gender),
                aspect="perf",
                got_aspect="perf",
            )

    def _past_phrase(self, words: list[Word], k: int) -> range | None:
        """The words of a phrase of the past that the word at k ends or is: *wczoraj*,
        *przedwczoraj*, *w zeszłym* (*ubiegłym*) *tygodniu*, *w zeszłą sobotę* (at the
        adjective), *dwa dni temu*, *tydzień temu* (at *temu*, after a word of time)."""
        key = words[k].key
        if key in ("wczoraj", "przedwczoraj"):
            return range(k, k + 1)
        if (
            key in ("zeszłym", "zeszłą", "ubiegłym", "ubiegłą")
            and k > 0
            and words[k - 1].key in ("w", "we")
            and k + 1 < len(words)
            and not words[k + 1].boundary_before
            and any(r.lemma in _FUTURE_TIMES for r in self._read(words[k + 1].text))
        ):
            return range(k - 1, k + 2)
        if key == "temu" and k > 0 and not words[k].boundary_before:
            if not any(r.lemma in TIME_NOUNS for r in self._read(words[k - 1].text)):
                return None
            start = k - 1
            if start > 0 and any(r.pos == "num" for r in self._read(words[start - 1].text)):
                start -= 1
            return range(start, k + 1)
        return None

    def _subject_gender(
        self, words: list[Word], subject: list[int], number: str | None
    ) -> frozenset[str] | None:
        """The gender of the subject made of the words ``subject`` in ``number``: a personal
        pronoun's, a first name's (as SGJP gives it), or a noun's surely in the nominative,
        after a possessive if any (*mój brat*, *jej mama*); one gender of the past tense
        (masculine, feminine or neuter; in the plural masculine personal or not), else None."""
        head = words[subject[-1]]
        if len(subject) == 2:
            first = words[subject[0]]
            if first.key not in _POSSESSIVE_3 and not any(
                r.lemma in ("mój", "twój", "swój", "nasz", "wasz") for r in self._read(first.text)
            ):
                return None
        elif len(subject) != 1:
            return None
        feats = _PRONOUN_FEATURES.get(head.key)
        if feats is not None:
            person, said, gender = feats
            return gender if person == "ter" and said == number else None
        genders: set[str] = set()
        if len(subject) == 1 and self._first_name(head):
            genders = set(self._morph.name_genders(head.text).get("imię", frozenset()))
        elif self._joined_head(words, subject[0]) == subject[-1]:
            nouns = [r for r in self._subject_nouns(head) if r.pos == "subst"]
            if any(number not in r.number for r in nouns):
                return None
            genders = {g for r in nouns for g in r.gender}
        if not genders:
            return None
        masculine = {"m1", "m2", "m3"}
        if number == "pl":
            kinds = [frozenset({"m1"}) if "m1" in genders else _NOT_MEN]
            if "m1" in genders and genders - {"m1"}:
                return None
        else:
            kinds = [frozenset({g}) for g in ("f", "n") if g in genders]
            if genders & masculine:
                kinds.append(frozenset({"m1"}))
        return kinds[0] if len(kinds) == 1 else None

    def _future_of_past(self, s: _Sentence, j: int, verb: Reading, when: int) -> None:
        """*Jutro pracowałem* → *będę pracować*: an imperfective past form after a word of
        the future takes the compound future, *będę* (in its person and number) and the
        infinitive, which has no gender to guess (*będę pracował* / *pracowała*)."""
        person, number = _one(verb.person) or "ter", _one(verb.number)
        aux = self._form("być", {"bedzie"}, person=person, number=number)
        infinitive = self._form(verb.full_lemma, {"inf"})
        if aux is None or infinitive is None:
            return
        form = f"{aux} {infinitive}"
        words = s.current()
        if self._set(s, j, form):
            s.reasons[j] = explain.InflectionFacts(
                expected=form,
                got=words[j].text,
                feature="tense",
                expected_value="bedzie",
                got_value="praet",
                rule="tense.context",
                trigger=self._grammar.tense_text(words, when),
                lemma=verb.lemma,
                number=number,
                person=person,
                aspect="imperf",
                detail="compound",
            )

    def _future_word(self, words: list[Word], k: int) -> bool:
        """Is the word at k one of the future: *jutro*, *pojutrze*, *przyszłym* in *w
        przyszłym tygodniu* / *w przyszłą sobotę*?"""
        if words[k].key in _FUTURE_WORDS:
            return True
        return (
            words[k].key in ("przyszłym", "przyszłą", "przyszły")
            and k > 0
            and words[k - 1].key == "w"
            and k + 1 < len(words)
            and any(r.lemma in _FUTURE_TIMES for r in self._read(words[k + 1].text))
        )

    def _no_verb_between(
        self, words: list[Word], h: int, j: int, forms: frozenset[str] = _CLAUSE_VERBS
    ) -> bool:
        """Does the word at h go with the verb at j: no other verb stands between them
        (*Często podróżowałem i raz pojechałem*: *często* is the travelling's)?"""
        between = range(h + 1, j) if h < j else range(j + 1, h)
        return not any(r.pos in forms for k in between for r in self._read(words[k].text))

    @staticmethod
    def _once(keys: list[str], clause: range) -> bool:
        """Does the clause say the action happened once, or at last (*raz pojechałem*,
        *w końcu dostałem*, *już zrobiłem*)?"""
        return any(
            (keys[k] == "raz" and (k + 1 >= len(keys) or keys[k + 1] != "w"))
            or keys[k] in PERFECTIVE_WORDS
            or tuple(keys[k : k + 2]) in PERFECTIVE_PHRASES
            for k in clause
        )

    def _phrase(self, s: _Sentence, i: int, new: str, kind: explain.PhraseKind) -> None:
        if i not in s.fixes and i not in s.frozen and self._set(s, i, new):
            s.phrased[i] = kind

    def _language_adverbs(self, s: _Sentence) -> None:
        """*Rozumiem polsku* → *po polsku*: a form in -sku, -cku is said only after *po*; *Mówię
        polski* → *po polsku*: one speaks (talks) a language *po polsku*, the adjective alone
        (*polski*, the language) is what one knows or learns. After *mówić*, *rozmawiać*, with
        nothing after the adjective but another such language (*polski i angielski*)."""
        words = s.current()
        for i, w in enumerate(words):
            readings = self._read(w.text)
            if (
                readings
                and all(r.pos == "adjp" for r in readings)
                and w.key.endswith("ku")
                and (w.text.islower() or i == 0 and not self._morph.is_place(w.text))
                and (i == 0 or w.boundary_before or not self._grammar.is_prep(words[i - 1]))
            ):  # (not "w Słupsku", the town's locative, read as słupski's)
                self._phrase(s, i, f"{'Po' if i == 0 else 'po'} {w.text.lower()}", "po_language")
        for j, w in enumerate(words):
            if not any(
                r.lemma in _SPEAKING_VERBS and r.pos in VERBAL for r in self._read(w.text)
            ) or not self._grammar.is_verb(w):
                continue
            k = self._past_adverbs(words, j + 1)
            while k < len(words) and not words[k].boundary_before:
                form = self._language_adverb(words[k])
                after = words[k + 1] if k + 1 < len(words) else None
                if (
                    form is None
                    or after is not None
                    and not after.boundary_before
                    and (after.key not in ("i", "oraz", "albo", "lub", "czy", "ani"))
                ):
                    break
                self._phrase(s, k, f"po {form}", "po_language")
                if after is None or after.boundary_before:
                    break
                k += 2

    def _language_adverb(self, word: Word) -> str | None:
        """The *po …sku* form of a language's adjective written in the nominative or the
        accusative masculine (*polski* → *polsku*), if the word is one."""
        readings = self._read(word.text)
        lemma = word.key
        if (
            not word.text.islower()
            or not lemma.endswith(("ski", "cki", "zki"))
            or not any(r.pos == "subst" for r in readings)  # the language, *polski*
            or any(r.lemma != lemma or r.pos not in ("adj", "subst") for r in readings)
        ):
            return None
        forms = [g.form for g in self._morph.generate(lemma) if g.pos == "adjp"]
        return next((f for f in forms if f.endswith("ku")), None)

    def _naming(self, s: _Sentence) -> None:
        """*Nazywam Anna* → *Nazywam się Anna*: one is called (*nazywać się*) with *się*;
        *nazywać* alone names someone else (*Nazywamy go Kubą*). Only the present of the
        speaker or the one addressed, with nothing after it in its clause but capitalised
        names, and no *się* in the clause."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            verbs = [r for r in self._read(w.text) if r.lemma == "nazywać" and r.pos == "fin"]
            if not verbs or not all(r.person & {"pri", "sec"} for r in verbs):
                continue
            clause = self._grammar.clause(words, j)
            if any(words[k].key in ("się", "sie") for k in clause):
                continue
            rest = [k for k in clause if k > j]
            if not rest or rest[0] != j + 1 or len(rest) > 3:
                continue
            if not all(
                words[k].text[:1].isupper()
                and not any(
                    r.case & {"acc", "inst"} and "nom" not in r.case
                    for r in self._read(words[k].text)
                )
                for k in rest
            ):
                continue
            if not (self._first_name(words[j + 1]) or not self._known(words[j + 1].text)):
                continue
            self._phrase(s, j, f"{w.text} się", "naming")

    def _waiting_for(self, s: _Sentence) -> None:
        """*Czekam autobus* → *Czekam na autobus*: *czekać* takes *na* and the accusative
        (what or whom one waits for). Only a noun phrase already in the accusative, right
        after the verb (adverbs aside) whose subject is said or is the speaker or the one
        addressed; not a time noun, which says how long (*Czekam godzinę*)."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [r for r in self._read(w.text) if r.lemma in _WAITING_VERBS and r.pos in VERBAL]
            if not verbs or not self._grammar.is_verb(w) or j + 1 >= len(words):
                continue
            start = self._past_adverbs(words, j + 1)
            if start >= len(words) or words[start].boundary_before or start in s.fixes:
                continue
            head = self._phrase_head(words, start)
            if head is None or any(k in s.fixes for k in range(start, head + 1)):
                continue
            nouns = self._nouns(words[head])
            if (
                not nouns
                or self._is_name(words[head])
                or any(r.lemma in _WAIT_TIMES for r in nouns)
            ):
                continue
            if not any("acc" in r.case for r in nouns) or self._could_be(words[head], ("gen",)):
                continue
            if any(
                not any("acc" in r.case for r in self._read(words[k].text))
                for k in range(start, head)
            ):
                continue  # (every word of the phrase in the accusative: *mój autobus*)
            if not (self._has_subject(words, j) or any(r.pos == "inf" for r in verbs)):
                continue  # "Czeka autobus": the bus may be the one waiting
            if any(r.pos == "impt" or "sec" in r.person for r in verbs) and self._could_be(
                words[head], ("voc",)
            ):
                continue  # "Czekajcie chłopaki!": the ones spoken to
            if head + 1 < len(words) and not words[head + 1].boundary_before:
                if not self._grammar.is_prep(words[head + 1]):
                    continue  # "Czekam tydzień"… anything after: unsure what belongs where
            self._phrase(s, start, f"na {words[start].text}", "waiting")

    def _aching(self, s: _Sentence) -> None:
        """*Boli mi głowa* → *Boli mnie głowa*, *Boli mnie głowę* → *głowa*: *boleć* takes the
        person in pain in the accusative and has what hurts as its subject. A dative pronoun
        next to the verb (*mi*, *ci*, *mu*, *nam*, *wam*; not *jej*, *im*, also possessives:
        *Boli jej głowa* is her head) becomes the accusative; a noun right after the verb and
        its person in pain, only accusative, becomes the nominative in its number."""
        words = s.current()
        for j, w in enumerate(words):
            if not any(
                r.lemma == "boleć" and r.pos in ("fin", "praet") for r in self._read(w.text)
            ):
                continue  # (*boli* is also a form of the rare noun *bola*)
            for k in (j - 1, j + 1):
                if not 0 <= k < len(words) or k in s.fixes or words[max(j, k)].boundary_before:
                    continue
                person = _ACHING_PERSON.get(words[k].key)
                if person is not None:
                    self._phrase(s, k, person, "aching")
            # what hurts, after the person in pain (*Boli mnie głowę*); a noun right after the
            # verb may be that person (*Nie bolą pana głowa*)
            k = j + 2
            if (
                k >= len(words)
                or words[j + 1].key not in _ACHING_PEOPLE
                or k in s.fixes
                or words[j + 1].boundary_before
                or words[k].boundary_before
            ):
                continue
            nouns = self._nouns(words[k])
            if not nouns or not all("acc" in r.case and "nom" not in r.case for r in nouns):
                continue
            noun = nouns[0]
            form = self._form(
                noun.full_lemma,
                (noun.pos,),
                case="nom",
                number=_one(noun.number),
                gender=noun.gender,
            )
            if form is not None:
                self._phrase(s, k, form, "aching")

    def _age(self, s: _Sentence) -> None:
        """*Jestem dwadzieścia lat* → *Mam dwadzieścia lat*: age is said with *mieć*. The
        present of *być* right before a numeral and *lat* or *lata* that end its clause, with
        the speaker, the one addressed or a subject before it as its subject (not *To jest
        dwadzieścia lat*, *Jestem dwa lata w Polsce*; nor the past, *Byłem dwa lata*, which
        answers how long one was somewhere as well)."""
        words = s.current()
        for j, w in enumerate(words):
            verbs = [r for r in self._read(w.text) if r.lemma == "być" and r.pos == "fin"]
            if not verbs or j + 2 >= len(words) or self._to_before(words, j):
                continue
            k = j + 1
            while (
                k < len(words)
                and not words[k].boundary_before
                and (words[k].text.isdecimal() or self._numeral_word(words[k]))
            ):
                k += 1
            if k == j + 1 or k >= len(words) or words[k].boundary_before:
                continue
            if (
                words[k].key not in ("lat", "lata")
                or k + 1 < len(words)
                and not words[k + 1].boundary_before
            ):
                continue
            verb = verbs[0]
            if not (verb.person & {"pri", "sec"} or self._subject_before(words, j) is not None):
                continue
            form = self._form(
                "mieć",
                (verb.pos,),
                person=next(iter(verb.person)) if len(verb.person) == 1 else None,
                number=next(iter(verb.number)) if len(verb.number) == 1 else None,
                gender=verb.gender or None,
                like=verb,
            )
            if form is None:
                continue
            self._phrase(s, j, form.capitalize() if w.text[:1].isupper() else form, "age")

    def _feeling(self, s: _Sentence) -> None:
        """*Jestem zimno* → *Jest mi zimno*, *Byłam smutno* → *Było mi smutno*: a feeling said
        by a predicative adverb (*zimno*, *gorąco*, *smutno*, *przykro*) has *być* in the 3rd
        person singular (*jest*, *było*, *będzie*) and the one who feels in the dative. A form
        of *być* of the speaker or the one addressed, with nothing before it in its clause but
        *nie*, *czy*, a conjunction or adverbs, right before such an adverb (an adverb of
        degree between: *bardzo*) that ends its clause or is followed by a preposition's
        phrase (not *Jestem ciepło ubrana*: warmly dressed)."""
        words = s.current()
        for j, w in enumerate(words[:-1]):
            verbs = [
                r
                for r in self._read(w.text)
                if r.lemma == "być" and r.pos in ("fin", "praet", "bedzie")
            ]
            if (
                not verbs
                or j in s.fixes
                or len({(r.pos, *r.person, *r.number) for r in verbs}) != 1
                or not verbs[0].person & {"pri", "sec"}
            ):
                continue
            clause = self._grammar.clause(words, j)
            if any(
                words[m].key not in ("nie", "czy", "a", "i", "ale")
                and not self._adverb_here(words[m])
                for m in range(clause.start, j)
            ):
                continue  # "Ja jestem zimno": a subject said (mnie jest zimno), left
            k = j + 1
            if (
                k + 1 < len(words)
                and words[k].key in _DEGREE_ADVERBS
                and not words[k + 1].boundary_before
            ):
                k += 1  # "Jestem bardzo zimno"
            if k >= len(words) or words[k].boundary_before or words[k].key not in _FEELINGS:
                continue
            after = words[k + 1] if k + 1 < len(words) else None
            if not (
                after is None
                or after.boundary_before
                or after.key in SUBORDINATORS
                or self._grammar.is_prep(after)
            ):
                continue
            verb = verbs[0]
            dative = _FEELER_DATIVE[(next(iter(verb.person)), next(iter(verb.number)))]
            third = {"fin": "jest", "praet": "było", "bedzie": "będzie"}[verb.pos]
            new = f"{third} {dative}"
            self._phrase(s, j, new.capitalize() if w.text[:1].isupper() else new, "feeling")

    def _compound_future(self, s: _Sentence) -> None:
        """*Jutro będę pojechać* → *będę jechać*: the future made with *będę* takes only an
        imperfective verb (infinitive or *-ł* form); a perfective verb's own present form is its
        future (*pojadę*). Only where the verb follows the *będę* form at once (or after
        *się*), and for the 3rd person only after a nominative subject: *Trudno będzie zrobić*,
        *Można będzie kupić* are right (an impersonal *będzie* with an infinitive of its own)."""
        words = s.current()
        for j, w in enumerate(words):
            aux = [r for r in self._read(w.text) if r.pos == "bedzie" and r.lemma == "być"]
            if not aux or j + 1 >= len(words):
                continue
            k = j + 2 if words[j + 1].key == "się" and not words[j + 1].boundary_before else j + 1
            if k >= len(words) or words[k].boundary_before:
                continue
            verbs = self._read(words[k].text)
            if not verbs or any(r.aspect != frozenset({"perf"}) for r in verbs):
                continue  # a reading that is not one perfective verb: not this error
            if {r.pos for r in verbs} - {"inf", "praet"}:
                continue
            if "ter" in aux[0].person and not self._subject_just_before(words, j):
                continue
            verb = verbs[0]
            partners = self._grammar.table.aspect_partner(verb.lemma)
            if len(partners) != 1:
                continue
            if verb.pos == "inf":
                form = self._form(partners[0], {"inf"})
            else:
                form = self._form(
                    partners[0], {"praet"}, number=_one(verb.number), gender=verb.gender
                )
            self._set(s, k, form)

    def _negative_concord(self, s: _Sentence) -> None:
        """*Nikt przyszedł* → *Nikt nie przyszedł*, *Nigdy byłem w Japonii* → *Nigdy nie
        byłem*: a clause with *nikt*, *nic*, *nigdy*, *nigdzie*, *żaden* … takes *nie* before
        its verb. Only the clause's one finite verb, with no *nie* in the clause; not a
        negative word after a preposition (*z niczego*, *do niczego*: from nothing, useless),
        after *jak* or *niż* (*jak nigdy*), nor *niczym* (like), nor a clause with *by*."""
        words = s.words  # as written: a rule before may have recased the genitive a lost
        # *nie* asks for (*Teraz mam żadnych spraw* → *żadne sprawy*), undone below
        done: set[int] = set()
        for i, w in enumerate(words):
            if w.key == "niczym":
                continue
            readings = self._read(w.text)
            if not any(r.lemma in NEGATIVE_LEMMAS for r in readings) or any(
                r.pos in VERBAL or r.pos in ("prep", "conj", "comp") for r in readings
            ):
                continue  # (nic is also nica's genitive plural; niczym is also "like")
            if any(r.lemma == "nikt" and "inst" in r.case for r in readings):
                continue  # *Jest nikim*: a nobody, said without nie
            if (
                i > 0
                and not w.boundary_before
                and (
                    words[i - 1].key in ("jak", "niż", "albo", "lub")
                    or any(r.pos == "prep" for r in self._read(words[i - 1].text))
                )
            ):
                continue
            clause = self._grammar.clause(words, i)
            if clause.start in done or any(
                words[k].key in ("nie", "by", "ani")
                or any(_negated(r) for r in self._read(words[k].text))
                for k in clause
            ):
                continue  # (*w skali nigdzie niespotykanej*: the negated participle's)
            verbs = [
                k
                for k in clause
                if self._grammar.is_verb(words[k])
                and any(
                    r.pos in ("fin", "praet", "bedzie", "impt") for r in self._read(words[k].text)
                )
            ]
            if len(verbs) != 1 or verbs[0] in s.fixes or verbs[0] in s.frozen:
                continue
            if any(r.pos == "inf" for k in clause for r in self._read(words[k].text)):
                continue  # *Można było nikogo wpuszczać*: the infinitive's nie, maybe
            v = verbs[0]
            if any(words[k].key in COORDINATORS for k in range(min(i, v) + 1, max(i, v))):
                continue  # *Zrobiłem to dwa razy i nic*: nothing came of it, no verb of its own
            verb = words[v].text
            if v == 0 or words[v].boundary_before:
                verb = verb[:1].lower() + verb[1:]  # *Nie jest*, not *Nie Jest*
            if not self._set(s, v, f"nie {verb}"):  # (*Nikt się nie uczył*: before the verb)
                continue
            done.add(clause.start)
            for k in clause:
                if (
                    k != v
                    and k in s.fixes
                    and any("gen" in r.case for r in self._morph.analyse(words[k].text))
                ):
                    # the genitive of the negated verb was right (*nie poruszał szklistego
                    # powietrza*): a rule that took the clause for a plain one is undone
                    s.fixes.pop(k)
                    s.reasons.pop(k, None)
                    s.assigned.pop(k, None)

    def _finite_after_modal(self, s: _Sentence) -> None:
        """*Musisz uczysz się* → *uczyć się*, *Muszę kupię* → *kupić*, *Trzeba robimy* →
        *robić*, *Będę robię* → *robić*: after a verb of must, can, want, like, know how,
        should, start or stop (*musieć*, *móc*, *chcieć*, *lubić*, *umieć*, *powinien*,
        *zaczynać* …), after *trzeba*, *warto*, *można*, *należy*, and after the *będę* of
        the future, the next verb is an infinitive, not a second verb of its own (see
        _infinitive_governor). Only a word read as nothing but one verb's non-past form, right
        after the governor (or after *się* and short pronouns: *Możesz mi pomożesz?*), in the
        governor's person and number where it has one."""
        words = s.current()
        question = s.text.rstrip().endswith("?")
        for j in range(len(words) - 1):
            if j in s.fixes:
                continue
            governor = self._infinitive_governor(words, j, question)
            if governor is None:
                continue
            v = j + 1
            while v < len(words) and v - j <= 2 and self._clitic_pronoun(words[v]):
                v += 1
            if v >= len(words) or v in s.fixes:
                continue
            if any(words[m].boundary_before for m in range(j + 1, v + 1)):
                continue
            seconds = self._finite_meant(words[j], words[v])
            if not seconds or len({r.lemma for r in seconds}) != 1:
                continue
            lemma = seconds[0].lemma
            perfective = all("perf" in r.aspect and "imperf" not in r.aspect for r in seconds)
            if governor == "bedzie":
                # *Będę robię* → *robić*; not a perfective (*Będę zrobię*: the future is
                # *zrobię* alone) nor *być* (*Będę jestem*: one *być* too many)
                if perfective or lemma in ("być", "móc"):
                    continue
            elif governor == "impersonal":
                if lemma == "być" or self._infinitive_after(words, v):
                    continue  # *Warto jest*; *Trzeba wiesz iść*: its infinitive comes later
            elif governor == "phase" and perfective:
                continue  # *Zaczynam zrobię*: the infinitive is imperfective, not zrobić
            if governor != "impersonal":
                if not self._same_person(words[j], seconds):
                    continue
            form = self._form(seconds[0].full_lemma, ("inf",))
            if form is None or not self._set(s, v, form):
                continue
            s.reasons[v] = explain.InflectionFacts(
                expected=form,
                got=words[v].text,
                feature="tense",
                expected_value="inf",
                got_value="fin",
                rule="verb.infinitive",
                trigger=words[j].text,
                lemma=lemma,
                got_aspect="perf" if perfective else None,
                detail=governor,
            )

    def _same_person(self, head: Word, seconds: list[Reading]) -> bool:
        """Is one of ``seconds`` in the person and number of the verb form ``head`` (a verb
        with no person, the past's *-ł* form, counts as any)?"""
        heads = [r for r in self._read(head.text) if r.pos in _GOVERNING_FORMS] or [
            r for r in self._morph.analyse(head.text) if r.pos == "impt"
        ]  # (*Przestań*, read as the gerund's genitive beside its imperative)
        return any(
            (m.person or frozenset({"ter"})) & r.person and m.number & r.number
            for m in heads
            for r in seconds
        )

    def _finite_meant(self, head: Word, second: Word) -> list[Reading]:
        """The non-past readings of ``second`` after the verb ``head`` that takes an
        infinitive, when the learner surely wrote a verb's non-past form: a word read as
        nothing else, or one that is also a noun (*Umiem gram*: the gram; *Chcę dam*) when its
        verb form is in the speaker's or addressee's person and number, as *head* is — a noun
        is never in those persons, and after *umiem* or *chcesz* the learner's own person is
        the verb's. Not the 3rd person: *Lubi gra* may be a noun object (*grę*)."""
        readings = self._read(second.text)
        seconds = [r for r in readings if r.pos == "fin"]
        if not seconds or len(seconds) == len(readings):
            return seconds
        if any(r.pos not in ("fin", *_NOUNS) for r in readings):
            return []
        ours = [r for r in seconds if r.person & {"pri", "sec"}]
        if len(ours) != len(seconds) or not self._same_person(head, ours):
            return []
        return seconds

    def _infinitive_governor(self, words: list[Word], j: int, question: bool) -> str | None:
        """What at j takes an infinitive after it: "bedzie" (*będę*, the future), "phase" (a
        verb of starting or stopping), "modal" (a verb of must, can, want …), "impersonal"
        (*trzeba*, *warto*, *można*, *należy*), or None. Only a word read as nothing else
        (*może* is also "maybe": *Może pójdę*; *wolno*, "slowly"), and not in a clause that
        opens with a condition and asks nothing: *Jeśli chcesz pójdziemy razem*, *Jak trzeba
        pomogę* lack only a comma."""
        readings = self._read(words[j].text)
        if not readings:
            return None
        kind: str | None = None
        if all(r.pos == "bedzie" and r.lemma == "być" for r in readings):
            kind = "bedzie"
        elif all(r.pos == "pred" and r.lemma in _IMPERSONAL_MODALS for r in readings) or all(
            r.lemma == "należeć" and r.pos == "fin" and "ter" in r.person and "sg" in r.number
            for r in readings
        ):
            kind = "impersonal"
        elif all(
            r.pos in ("fin", "praet", "winien", "cond") and r.lemma in _TAKES_INFINITIVE
            for r in readings
        ):
            kind = "phase" if readings[0].lemma in PHASE_VERBS else "modal"
        elif self._phase_imperative(self._morph.analyse(words[j].text)):
            kind = "phase"
        if kind is None:
            return None
        opening = words[self._grammar.clause(words, j).start].key
        if opening in _CONDITIONS and not question:
            return None
        return kind

    @staticmethod
    def _phase_imperative(readings: tuple[Reading, ...]) -> bool:
        """Is the word a verb of starting or stopping told to someone (*Przestań*, *Zacznij*,
        *Skończcie*)? Its readings are the imperative, or that verb's gerund, which no one
        means before a verb (*przestań*, also the genitive plural of *przestanie*): all its
        readings, not only the usual ones, which drop an imperative beside a noun."""
        commands = [r for r in readings if r.pos == "impt" and r.lemma in PHASE_VERBS]
        return bool(commands) and all(
            r in commands or r.pos == "ger" and r.lemma == commands[0].lemma for r in readings
        )

    def _clitic_pronoun(self, word: Word) -> bool:
        """*się* or a short pronoun (*mi*, *go*, *ci*; not *je*, also "eats")."""
        return word.key == "się" or (
            word.key in _CLITICS | _CLITIC_DATIVES
            and word.key != "je"
            and any(r.pos in _PRONOUNS and "nom" not in r.case for r in self._read(word.text))
        )

    def _reflexive_only(self, s: _Sentence) -> None:
        """*Boję pająków* → *Boję się pająków*: a verb that never goes without *się* (*bać się*,
        *śmiać się*, *spóźnić się* …) in a clause with no *się* at all has lost it. *się*
        goes after the verb, or after the short pronoun that follows it (*Podoba mi się*).
        Only a word read as nothing but such a verb."""
        words = s.current()
        for j, w in enumerate(words):
            if j in s.frozen or j in s.fixes:
                continue
            readings = self._read(w.text)
            if not readings or any(
                r.pos not in _REFLEXIVE_VERB_FORMS or r.lemma not in REFLEXIVE_ONLY
                for r in readings
            ):
                continue
            clause = self._grammar.clause(words, j)
            near = range(max(0, j - 3), min(len(words), j + 4))
            if any(words[k].key in ("się", "sie") for k in (*clause, *near)):
                continue  # (*Zgadzam, się z tym*: a stray comma)
            persons = {p for r in readings for p in r.person}
            if persons and any(
                words[k].key in SUBJECT_PRONOUNS
                and not persons & {p for r in self._read(words[k].text) for p in r.person}
                for k in clause
            ):
                continue  # *Ja podoba Kraków*: more is wrong than a lost *się* (*Podoba mi się*)
            if j == clause.start + 1 and words[j - 1].key in _QUESTION_WORDS:
                self._set(s, j, f"się {w.text}")  # *Czego się boisz?*: się comes second
                continue
            before = j - 2 if j >= 2 and words[j - 1].key == "nie" else j - 1
            if before >= clause.start and words[before].key in _CLITIC_DATIVES:
                # *Bardzo mi się podobała*, *Też mi się nie podoba*: after the short pronoun
                self._set(s, before, f"{words[before].text} się")
                continue
            k = j
            if j + 1 < clause.stop and words[j + 1].key in _CLITIC_DATIVES:
                k = j + 1  # *Podoba mi się*, *Śmiał mu się w twarz*
            self._set(s, k, f"{words[k].text} się")

    def _by_vehicle(self, s: _Sentence) -> None:
        """*Idę do pracy autobusem* → *Jadę*: a verb of going on foot with a vehicle in the
        bare instrumental in its clause (*autobusem*, *samochodem*; by plane, *lecę*) is the
        verb of riding in the same form. Not after a preposition (*z rowerem*, *za autobusem*),
        nor with another verb between them."""
        words = s.current()
        for j, w in enumerate(words):
            readings = self._read(w.text)
            lemmas = {r.lemma for r in readings}
            if len(lemmas) != 1 or not lemmas <= BY_VEHICLE.keys() or j in s.frozen:
                continue
            clause = self._grammar.clause(words, j)
            vehicles = [
                k
                for k in clause
                if (k == 0 or not any(r.pos == "prep" for r in self._read(words[k - 1].text)))
                and (read := self._read(words[k].text))
                and all(r.pos == "subst" and r.case == frozenset({"inst"}) for r in read)
                and {r.lemma for r in read} & VEHICLES
                # (*chodzić pieszo zamiast jeździć samochodem*: the riding verb's vehicle)
                and self._no_verb_between(words, k, j, VERBAL)
            ]
            if len(vehicles) != 1:
                continue
            by_air = "samolot" in {r.lemma for r in self._read(words[vehicles[0]].text)}
            target = BY_VEHICLE[next(iter(lemmas))][by_air]
            verb = readings[0]
            form = self._form(
                target,
                {verb.pos},
                person=_one(verb.person),
                number=_one(verb.number),
                gender=verb.gender or None,
            )
            if form is not None:
                self._set(s, j, form)

    def _phase_infinitive(self, s: _Sentence) -> None:
        """*Zacząłem przeczytać książkę* → *czytać*: after a verb of starting or stopping
        (*zacząć*, *skończyć*, *przestać* …) the infinitive is imperfective. Only an infinitive
        that is nothing but perfective, with one imperfective partner."""
        words = s.current()
        for k in range(1, len(words)):
            if self._grammar.phase_verb(words, k) is None:
                continue
            verbs = self._read(words[k].text)
            if not verbs or any(r.pos != "inf" or r.aspect != frozenset({"perf"}) for r in verbs):
                continue
            partners = self._grammar.table.aspect_partner(verbs[0].lemma)
            if len({r.lemma for r in verbs}) == 1 and len(partners) == 1:
                self._set(s, k, self._form(partners[0], {"inf"}))

    def _subject_just_before(self, words: list[Word], j: int) -> bool:
        """Is the word before *będzie/będą* a noun or pronoun in the nominative that agrees
        in number with it (*Marek będzie*, *Oni będą*)?"""
        if j == 0 or words[j].boundary_before:
            return False
        aux = [r for r in self._read(words[j].text) if r.pos == "bedzie"]
        if words[j - 1].key in _PREDICATIVE_NOUNS:
            return False
        before = self._read(words[j - 1].text)
        if any(
            r.pos in ("adv", "pred") or (r.pos in _PRONOUNS and "nom" not in r.case) for r in before
        ):
            return False  # *Trudno mi będzie zostać …*: an impersonal *będzie* with its own verb
        return any(
            r.pos in ("subst", *_PRONOUNS)
            and "nom" in r.case
            and any(r.number & a.number for a in aux)
            for r in before
        )


def _past_intensifiers(words: list[Word], k: int) -> int:
    """The first word from k that is not *bardzo*, *trochę*, *za* … (before an adjective)."""
    while k < len(words) and words[k].key in _INTENSIFIERS:
        k += 1
    return k


def _facts_issue(
    facts: explain.InflectionFacts,
    got: str | None,
    expected: str | None,
    lang: ExplainIn,
    rule: RuleId | None = None,
) -> Issue:
    """The inflection issue a rule's facts explain (its own rule id unless told)."""
    rule_id = rule or facts.rule
    return Issue(
        type="inflection",
        expected=expected,
        got=got,
        explanation=explain.inflection(facts, lang),
        feature=facts.feature,
        expected_value=facts.expected_value,
        got_value=facts.got_value,
        rule=Rule(rule_id, facts.trigger) if rule_id is not None else None,
    )


def _slang_interjection(r: Reading) -> bool:
    """A colloquial exclamation made of a noun (*kuchnia!*, *cholera!*, *kurczę!*): the
    noun is what a learner means."""
    return r.pos == "interj" and any("pot." in q for q in r.qualifiers)


def _agreement_facts(
    s: _Sentence, word: Word, a: int, noun: str, adj: Reading, case: str, number: str
) -> explain.InflectionFacts:
    """Why the adjective ``word`` at a changed: it agrees with ``noun``, in ``case``."""
    return replace(
        _case_facts(s, word, a, case, "agreement.adjective", noun, adj.lemma),
        number=number,
        partner_desc=(f"case:{case}",),
    )


def _case_facts(
    s: _Sentence, word: Word, i: int, case: str, rule: RuleId, trigger: str, lemma: str
) -> explain.InflectionFacts:
    """Why ``word`` at i was put into ``case``: ``rule``, with ``trigger`` its reason."""
    return explain.InflectionFacts(
        expected=s.fixes[i],
        got=word.text,
        feature="case",
        expected_value=case,
        got_value=None,
        rule=rule,
        trigger=trigger,
        lemma=lemma,
    )


def _rare(r: Reading) -> bool:
    return any(part in RARE_QUALIFIERS for q in r.qualifiers for part in q.split(","))


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.lower() == b.lower()


def _shouted(text: str) -> bool:
    """A sentence written all in capitals (two words of two letters or more at least)."""
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 2]
    return len(words) >= 2 and all(c.isupper() for w in words for c in w if c.isalpha())


def _in_capitals(text: str, quiet: Check) -> Check:
    """A check of the sentence in small letters, for the learner's sentence in capitals."""
    if not quiet.issues:
        return Check(text=text, corrected=text, issues=())

    def loud(issue: Issue) -> Issue:
        text = issue.explanation
        for word in (issue.got, issue.expected):
            if word:  # the words as the learner wrote them (*warszawa* is no name in Polish)
                text = text.replace(f"*{word}*", f"*{word.upper()}*")
        return replace(
            issue,
            got=None if issue.got is None else issue.got.upper(),
            expected=None if issue.expected is None else issue.expected.upper(),
            explanation=text,
        )

    issues = tuple(loud(i) for i in quiet.issues)
    return Check(text=text, corrected=quiet.corrected.upper(), issues=issues)


def _placed(words: list[str], issues: list[Issue]) -> list[Issue]:
    """Each issue at the word the learner wrote (or the first of its words): where the
    comparison or the rule found it, if the learner's word stands there, else the first place
    of that word no other issue holds (*Mam kot i brat ma kot*: the second *kot* is the
    second issue's)."""

    def first_word(issue: Issue) -> str | None:
        parts = (issue.got or "").split()
        return parts[0].lower() if parts else None

    taken: set[int] = set()
    found: list[int | None] = []
    for issue in issues:
        at, word = issue.position, first_word(issue)
        if at is not None and word is not None and at < len(words) and words[at].lower() == word:
            found.append(at)
            taken.add(at)
        else:
            found.append(None)
    out = []
    for issue, at in zip(issues, found, strict=True):
        word = first_word(issue)
        if at is None and word is not None:
            places = [k for k, w in enumerate(words) if w.lower() == word]
            at = next((k for k in places if k not in taken), places[0] if places else None)
            if at is not None:
                taken.add(at)
        out.append(replace(issue, position=at))
    return out


def _spelling_pairs(right: str, wrong: str) -> list[tuple[str, str]]:
    """The letters that differ: (right, written) for each change (*górę*/*gurę*: ó, u)."""
    out: list[tuple[str, str]] = []
    a, b = right.lower(), wrong.lower()
    known = {p for x, y in (*_SAME_SOUND, *_VOICING, *_DEVOICED_AFTER) for p in ((x, y), (y, x))}
    for tag, a1, a2, b1, b2 in SequenceMatcher(a=a, b=b).get_opcodes():
        if tag == "equal":
            continue
        pair = (a[a1:a2], b[b1:b2])
        # widen to the letters that make the sound: h → ch, ż → rz
        for left, right_ in ((0, 0), (1, 1), (0, 1), (1, 0), (1, 2), (2, 1), (2, 2)):
            wide = (a[max(0, a1 - left) : a2 + right_], b[max(0, b1 - left) : b2 + right_])
            if wide in known:
                pair = wide
                break
        out.append((pair[0] or "–", pair[1] or "–"))
    return out


def _nearest(options: Iterable[str], key: str) -> str | None:
    """The option nearest to what was written; None on a tie (nothing decides)."""
    scored = sorted((_distance(f, key), f) for f in options)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1] if scored else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance: letters to add, drop or change to make ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        prev, row[0] = row[0], x
        for y, cb in enumerate(b, 1):
            prev, row[y] = row[y], min(row[y] + 1, row[y - 1] + 1, prev + (ca != cb))
    return row[-1]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _gender_kind(gender: frozenset[str]) -> str:
    if gender & {"m1", "m2", "m3"}:
        return "m3" if gender == frozenset({"m3"}) else "m"
    return "f" if "f" in gender else "n"


def _one(values: frozenset[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _negated(r: Reading) -> bool:
    """A participle's or a verbal noun's negated form (*niepijani*, *niepicie*)."""
    return r.tag.endswith(":neg") or ":neg:" in r.tag


def _letter_name(r: Reading) -> bool:
    """A letter's name (*te*, T; *be*, B): a neuter that never changes, in every case and
    number; before a noun, the word is not the letter."""
    return len(r.case) == 7 and r.number == frozenset({"sg", "pl"}) and r.lemma.islower()


def _plain_nouns(nouns: list[Reading]) -> list[Reading]:
    """A noun's readings but a depreciative one (*te chłopy*, contempt no learner means:
    *Moje rodzice* is *Moi rodzice*) and an old or rare one (*rodzica*'s plural), when it
    has others."""
    return [r for r in nouns if r.pos != "depr" and not _rare(r)] or nouns


def _agrees(a: Reading, b: Reading) -> bool:
    return bool(
        a.case & b.case
        and (not a.number or not b.number or a.number & b.number)
        and (not a.gender or not b.gender or a.gender & b.gender)
    )


# Spellings of the same sound, both ways: a learner (and many a native writer) mixes them up.
_SAME_SOUND: tuple[tuple[str, str], ...] = (
    ("ó", "u"),
    ("rz", "ż"),
    ("ch", "h"),
    ("ą", "on"),
    ("ą", "om"),
    ("ę", "en"),
    ("ę", "em"),
    ("ął", "oł"),
    ("prz", "psz"),
    ("trz", "tsz"),
    ("krz", "ksz"),
    ("ź", "zi"),
    ("ś", "si"),
    ("ć", "ci"),
    ("ń", "ni"),
    ("dź", "dzi"),
)
# Letters for nasal vowels: *om*, *em* are written for them (*robiom*, *idem*), and *ą*, *ę* for
# *on*, *om* only inside a word (*kąkurencyjni*): a final *-ą* is not *-om* (*czekałą* is not
# *czekałom*, *był incydentą* not *incydentom*).
_NASALS = frozenset({"ą", "ę", "ął"})
# Voiced and voiceless consonants sound alike before a voiceless one and at a word's end.
_VOICING: tuple[tuple[str, str], ...] = (
    ("d", "t"),
    ("b", "p"),
    ("g", "k"),
    ("w", "f"),
    ("z", "s"),
    ("ż", "sz"),
    ("dz", "c"),
    ("dż", "cz"),
    ("rz", "sz"),
)
# ...and w, rz after a voiceless consonant: kwiat sounds kfiat, trzy tszy
_DEVOICED_AFTER = (("w", "f"), ("rz", "sz"))
_VOICELESS = frozenset("ptkfsszcćśh")
_MAX_SOUND_CHANGES = 3


@lru_cache(maxsize=60_000)  # 20,000 words (an entry per round; later rounds share the tuples)
def _sound_alikes(word: str, rounds: int = _MAX_SOUND_CHANGES) -> tuple[tuple[str, ...], ...]:
    """Spellings of ``word`` with one, two, then three of its sounds written another way (the
    first ``rounds`` of them: each costs more than the ones before, so it is spelt out only
    when asked for)."""
    before = _sound_alikes(word, rounds - 1) if rounds > 1 else ()
    seen = {word}.union(*before)
    frontier = set(before[-1]) if before else {word}
    grown: set[str] = set()
    for w in frontier:
        for a, b in _SAME_SOUND:
            # a nasal vowel is written as it sounds (*robiom*, *idem*); the other way only
            # inside a word (*kąkurencyjni*): at its end -ą, -ę and -om, -em are endings
            # (a final -ę, -ą never sounds -en, -on, *Debren* is no *Debrę*: _sound_kept)
            grown.update(_replacements(w, b, a, where="any"))
            grown.update(_replacements(w, a, b, where="inside" if a in _NASALS else "any"))
        for a, b in _VOICING:
            for x, y in ((a, b), (b, a)):
                grown.update(_replacements(w, x, y, where="before"))
        for a, b in _DEVOICED_AFTER:
            for x, y in ((a, b), (b, a)):
                grown.update(_replacements(w, x, y, where="after"))
    return (*before, tuple(sorted(grown - seen)))


def _replacements(word: str, old: str, new: str, *, where: str) -> list[str]:
    """``word`` with one ``old`` made ``new``: anywhere, not at the word's end (``inside``), or
    only where the sound is devoiced (before a voiceless consonant or at the end; after a
    voiceless consonant). Never a letter of a digraph alone, nor one that makes a digraph with
    its neighbour (the *s* of *sz* is no *s*: *masz* is not *mass*, nor *mass* *masz*); a nasal
    vowel is *om*, *em* only before *b*, *p* (and at a word's end: *idem*), *on*, *en* only
    before another consonant (*pisenek* is not *pisemek*); *ś* is *si* only before a vowel
    (*ponoś* is not *ponosi*)."""
    out: list[str] = []
    start = word.find(old)
    while start != -1:
        end = start + len(old)
        if _sound_kept(word, start, end, old, new) and (
            where == "any"
            or where == "inside"
            and end < len(word)
            or where == "before"
            and (end == len(word) or word[end] in _VOICELESS)
            or where == "after"
            and start > 0
            and word[start - 1] in _VOICELESS
        ):
            out.append(word[:start] + new + word[end:])
        start = word.find(old, start + 1)
    return out


_WOMANS_TITLES = frozenset({"pani", "panią", "panna", "panny", "pannie", "pannę", "panną"})
# Verbs with an infinitive that never take się themselves: a się beside them is the
# infinitive's (*może się wydawać*, *musi się uczyć*, *powinien się bać*).
_CLIMBING = frozenset(
    {"móc", "musieć", "powinien", "winien", "umieć", "potrafić", "woleć", "zamierzać", "zdołać"}
    | {"usiłować", "należy", "trzeba", "można", "warto", "wolno"}
)
_DIGRAPHS = frozenset({"sz", "cz", "rz", "dz", "dź", "dż", "ch"})
_VOWELS = frozenset("aąeęioóuy")
_SOFT = frozenset({("ś", "si"), ("ź", "zi"), ("ć", "ci"), ("ń", "ni"), ("dź", "dzi")})


def _sound_kept(word: str, start: int, end: int, old: str, new: str) -> bool:
    """Does ``word`` with ``old`` (at ``start:end``) written ``new`` sound as it did (see
    :func:`_replacements`)?"""
    before = word[start - 1] if start > 0 else ""
    after = word[end] if end < len(word) else ""
    if before + old[0] in _DIGRAPHS or old[-1] + after in _DIGRAPHS:
        return False
    if before + new[0] in _DIGRAPHS or new[-1] + after in _DIGRAPHS:
        return False
    if {old, new} & _NASALS and len(old) + len(new) == 3:  # ą, ę against om, em, on, en
        lips = (old if len(old) == 2 else new).endswith("m")
        if not after:
            return lips  # *idem*, *robiom*: a final nasal heard as -m
        if after in _VOWELS:
            return False
        return lips == (after in ("b", "p"))
    if (old, new) in _SOFT or (new, old) in _SOFT:
        return after in _VOWELS
    return True


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def _declension_facts(
    got: str, key: str, form: str, case: str, number: str, lemma: str
) -> explain.InflectionFacts:
    """Right case, wrong ending (``ending.declension``): ``key`` (``got`` lower-cased) for the
    ``form`` of ``lemma``; ``stem`` when more than the ending changes (pies → psem)."""
    n = _common_prefix(form, key)
    if n >= len(key):
        # what was written is the form's start (*ciężare*, *ciężarem*): the ending starts
        # where the lemma's stem ends (-em, not -m)
        n = max(1, min(n, _common_prefix(form, lemma)))
    if n >= len(form) and form[-1:] in _VOWEL_LETTERS:
        # a form that ends in a vowel has that vowel for its ending (*koniów* → *koni*: -i),
        # not none (*służbów* → *służb*)
        n = len(form) - 1
    return explain.InflectionFacts(
        expected=form,
        got=got,
        feature="case",
        expected_value=case,
        got_value=case,
        rule="ending.declension",
        trigger=lemma,
        lemma=lemma,
        number=number,
        ending=(key[n:], form[n:]),
        detail="stem" if n < len(lemma) - 1 else None,
    )
