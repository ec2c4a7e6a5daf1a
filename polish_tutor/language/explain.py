"""Beginner-friendly explanations of issues, in English or Polish."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .grammar import GOING_ONE_WAY
from .types import ExplainIn, LearnerGender, RuleId

# a phrase a verb takes, made of a learner's word (see check.py's _Sentence.phrased)
PhraseKind = Literal["po_language", "naming", "waiting", "age", "aching", "feeling"]

CASE_EN = {
    "nom": "Nominative",
    "gen": "Genitive",
    "dat": "Dative",
    "acc": "Accusative",
    "inst": "Instrumental",
    "loc": "Locative",
    "voc": "Vocative",
}
# Polish case names, as used after "w" ("w bierniku").
CASE_PL_LOC = {
    "nom": "mianowniku",
    "gen": "dopełniaczu",
    "dat": "celowniku",
    "acc": "bierniku",
    "inst": "narzędniku",
    "loc": "miejscowniku",
    "voc": "wołaczu",
}
CASE_PL_GEN = {
    "nom": "mianownika",
    "gen": "dopełniacza",
    "dat": "celownika",
    "acc": "biernika",
    "inst": "narzędnika",
    "loc": "miejscownika",
    "voc": "wołacza",
}
CASE_PL_INST = {
    "nom": "mianownikiem",
    "gen": "dopełniaczem",
    "dat": "celownikiem",
    "acc": "biernikiem",
    "inst": "narzędnikiem",
    "loc": "miejscownikiem",
    "voc": "wołaczem",
}
CASE_PL = {
    "nom": "mianownik",
    "gen": "dopełniacz",
    "dat": "celownik",
    "acc": "biernik",
    "inst": "narzędnik",
    "loc": "miejscownik",
    "voc": "wołacz",
}
# set phrases of a verb and a noun in the accusative singular whose noun's plural is a real
# form a learner writes for it (*Mam nadzieje* for *nadzieję*): English and Polish gloss
SET_PHRASE_GLOSS = {
    "mieć nadzieję": ("to hope", "liczyć na coś"),
    "mieć rację": ("to be right", "nie mylić się"),
}
# the copulas after which a noun says who someone is, in the Instrumental: (lemma, English
# gloss, what the noun says: who someone *is* or *becomes*)
_COPULA_EN = {
    "być": ("być", "to be", "is"),
    "bywać": ("bywać", "to be (at times)", "is"),
    "zostać": ("zostać", "to become", "becomes"),
    "zostawać": ("zostawać", "to become", "becomes"),
}
# forms of 2, 3, 4 and "both" after which the noun is in the genitive plural (*dwóch braci*)
_FORMS_OF_TWO_TO_FOUR = frozenset(
    {"dwóch", "dwu", "trzech", "czterech", "obu", "obydwu", "obydwóch", "obydwoch"}
)
_OBJECT_CASES = frozenset({"gen", "dat", "acc", "inst"})


def _collective(numeral: str) -> bool:
    """*dwoje*, *troje*, *czworo*, *pięcioro*, *oboje* … (and *dwojga*, *pięciorga*):
    collective numerals."""
    key = numeral.lower()
    return key.endswith(("oje", "oro", "ojga", "orga")) and key not in ("moje", "twoje", "swoje")


NUMBER_EN = {"sg": "singular", "pl": "plural"}
NUMBER_PL = {"sg": "liczba pojedyncza", "pl": "liczba mnoga"}
NUMBER_PL_GEN = {"sg": "liczby pojedynczej", "pl": "liczby mnogiej"}
GENDER_EN = {
    "m1": "masculine personal",
    "m2": "masculine animate",
    "m3": "masculine inanimate",
    "m1.m2.m3": "masculine",
    "f": "feminine",
    "n": "neuter",
}
GENDER_PL = {
    "m1": "męskoosobowy",
    "m2": "męskozwierzęcy",
    "m3": "męskorzeczowy",
    "m1.m2.m3": "męski",
    "f": "żeński",
    "n": "nijaki",
}
# In the plural Polish has two genders: masculine personal (men, or men and women) and the rest.
PLURAL_GENDER_EN = {"m1": "masculine personal", "other": "non-masculine-personal"}
PLURAL_GENDER_PL = {"m1": "męskoosobowy", "other": "niemęskoosobowy"}
PERSON_EN = {"pri": "1st person", "sec": "2nd person", "ter": "3rd person"}
PERSON_PL = {"pri": "1. osobie", "sec": "2. osobie", "ter": "3. osobie"}
PRONOUN = {
    ("pri", "sg"): "ja",
    ("sec", "sg"): "ty",
    ("ter", "sg"): "on/ona/ono",
    ("pri", "pl"): "my",
    ("sec", "pl"): "wy",
    ("ter", "pl"): "oni/one",
}
TENSE_EN = {
    "fin": "present tense",
    "fin:perf": "simple future (perfective)",
    "praet": "past tense",
    "bedzie": "future form of być",
    "impt": "imperative (command form)",
    "inf": "infinitive",
    "cond": "conditional (-by form)",
    "imps": "impersonal form (-no/-to)",
    "ger": "verbal noun",
    "pact": "active participle",
    "ppas": "passive participle",
    "pcon": "adverbial participle (-ąc)",
    "pant": "adverbial participle (-wszy)",
}
TENSE_PL = {
    "fin": "czas teraźniejszy",
    "fin:perf": "czas przyszły prosty",
    "praet": "czas przeszły",
    "bedzie": "czas przyszły (będzie)",
    "impt": "tryb rozkazujący",
    "inf": "bezokolicznik",
    "cond": "tryb przypuszczający",
    "imps": "forma bezosobowa",
    "ger": "rzeczownik odczasownikowy",
    "pact": "imiesłów przymiotnikowy czynny",
    "ppas": "imiesłów przymiotnikowy bierny",
    "pcon": "imiesłów przysłówkowy współczesny",
    "pant": "imiesłów przysłówkowy uprzedni",
}
ASPECT_EN = {"imperf": "imperfective", "perf": "perfective"}
ASPECT_PL = {"imperf": "niedokonany", "perf": "dokonany"}
DEGREE_EN = {"pos": "basic form", "com": "comparative", "sup": "superlative"}
DEGREE_PL = {"pos": "stopień równy", "com": "stopień wyższy", "sup": "stopień najwyższy"}


def _w(word: str) -> str:
    return f"*{word}*"


def _change(got: str, expected: str) -> str:
    return f"{_w(got)} → {_w(expected)}"


def diacritics(
    expected: str, got: str, letters: list[str], got_is_other_form: bool, lang: ExplainIn
) -> str:
    shown = ", ".join(letters)
    if lang == "pl":
        text = f"Pamiętaj o polskich literach: pisz {_w(expected)}, nie {_w(got)}"
        text += f" ({shown})." if shown else "."
        if got_is_other_form:
            text += f" Bez nich {_w(got)} to inna forma lub inne słowo."
        return text
    text = f"Use the Polish letters: write {_w(expected)}, not {_w(got)}"
    text += f" ({shown})." if shown else "."
    if got_is_other_form:
        text += f" Without them, {_w(got)} is a different form or word."
    return text


def also_polish_letters(expected: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Pamiętaj też o polskich literach: {_w(expected)}."
    return f"Also remember the Polish letters: {_w(expected)}."


def typo(expected: str, got: str, is_word: bool, lang: ExplainIn) -> str:
    if lang == "pl":
        if is_word:
            return f"Literówka: jest {_w(got)}, a powinno być {_w(expected)}. Sprawdź pisownię."
        return f"{_w(got)} to nie jest polskie słowo. Sprawdź pisownię: {_w(expected)}."
    if is_word:
        return f"Check the spelling: you wrote {_w(got)}, but the word here is {_w(expected)}."
    return f"{_w(got)} is not a Polish word. Check the spelling: {_w(expected)}."


def other_stem_present(expected: str, got: str, other: str, lemma: str, lang: ExplainIn) -> str:
    """*jedzę* → *jem*, *pisam* → *piszę*: a 1st-person present made on another form's stem
    (``other``: *jedzą*, *pisać*)."""
    if lang == "pl":
        return (
            f"{_w(got)} to nie jest polskie słowo (utworzone od {_w(other)}). 1. osoba liczby "
            f"pojedynczej od {_w(lemma)} to {_w(expected)}."
        )
    return (
        f"{_w(got)} is not a Polish word (it is made on {_w(other)}). The 1st person singular "
        f"of {_w(lemma)} is {_w(expected)}."
    )


def mixed_past(
    expected: str, got: str, other: str, lemma: str, woman: bool, lang: ExplainIn
) -> str:
    """*poszłem* → *poszedłem*, *poszedłam* → *poszłam*: a man's past form made on a
    woman's stem, or a woman's on a man's (``other``: the other sex's form)."""
    if lang == "pl":
        this, that = ("żeńska", "męska") if woman else ("męska", "żeńska")
        return (
            f"{_w(got)} to nie jest polskie słowo. Forma {this} czasu przeszłego od "
            f"{_w(lemma)} to {_w(expected)} ({that}: {_w(other)})."
        )
    this, that = ("a woman", "a man") if woman else ("a man", "a woman")
    return (
        f"{_w(got)} is not a Polish word. The past tense of {_w(lemma)} for {this} is "
        f"{_w(expected)} (for {that}: {_w(other)})."
    )


def ending_after_form(
    expected: str,
    got: str,
    lemma: str,
    case: str | None,
    number: str | None,
    lang: ExplainIn,
) -> str:
    """*osobnikówowi* → *osobników*: a whole noun's or adjective's form with another ending
    put after it."""
    tail = got[len(expected) :] if got.lower().startswith(expected.lower()) else ""
    if lang == "pl":
        what = (
            f" ({CASE_PL[case]} {NUMBER_PL_GEN[number]})"
            if case in CASE_PL and number in NUMBER_PL_GEN
            else ""
        )
        extra = f"Końcówka *-{tail}* po niej jest zbędna" if tail else "Reszta jest zbędna"
        return (
            f"{_w(expected)} to już forma słowa {_w(lemma)}{what}. {extra}: "
            f"{_w(got)} → {_w(expected)}."
        )
    what = (
        f" (the {CASE_EN[case]} {NUMBER_EN[number]})"
        if case in CASE_EN and number in NUMBER_EN
        else ""
    )
    extra = f"the ending *-{tail}* after it is one too many" if tail else "drop the rest"
    return (
        f"{_w(expected)} is already a form of {_w(lemma)}{what}; {extra}: "
        f"{_w(got)} → {_w(expected)}."
    )


def verb_with_tail(expected: str, got: str, lemma: str, lang: ExplainIn) -> str:
    """*znału* → *znał*: a verb's form with a noun's ending put after it."""
    if expected.lower() == lemma.lower():
        # *patrzećom*: the infinitive itself, not "a form of the verb patrzeć"
        if lang == "pl":
            return (
                f"Bezokolicznik {_w(expected)} nie dostaje końcówki rzeczownika: "
                f"{_w(got)} → {_w(expected)}."
            )
        return (
            f"The infinitive {_w(expected)} takes no noun ending after it: "
            f"{_w(got)} → {_w(expected)}."
        )
    if lang == "pl":
        return (
            f"{_w(expected)} to już forma czasownika {_w(lemma)}; czasownik nie dostaje "
            f"końcówki rzeczownika: {_w(got)} → {_w(expected)}."
        )
    return (
        f"{_w(expected)} is already a form of the verb {_w(lemma)}; a verb takes no noun "
        f"ending after it: {_w(got)} → {_w(expected)}."
    )


def nasal_past(expected: str, got: str, lang: ExplainIn) -> str:
    """*czekałą* → *czekała*: a woman's past form written with *-łą*."""
    if lang == "pl":
        return (
            f"Czas przeszły rodzaju żeńskiego kończy się na *-ła*, nie *-łą*: "
            f"{_w(got)} → {_w(expected)}."
        )
    return f"A woman's past tense ends in *-ła*, never *-łą*: {_w(got)} → {_w(expected)}."


def same_sound(expected: str, got: str, spellings: list[tuple[str, str]], lang: ExplainIn) -> str:
    """*gurę* → *górę*: letters that sound alike (``spellings``: (right, written) pairs)."""
    pairs = ", ".join(
        f"{right}, {'nie' if lang == 'pl' else 'not'} {wrong}" for right, wrong in spellings
    )
    if lang == "pl":
        text = f"Pisownia: pisz {_w(expected)}, nie {_w(got)}"
        text += f" ({pairs})." if pairs else "."
        return text + " Te litery brzmią tak samo, ale to słowo pisze się tylko tak."
    text = f"Spelling: write {_w(expected)}, not {_w(got)}"
    text += f" ({pairs})." if pairs else "."
    return text + " They sound the same, but this word is only spelt this way."


def written_apart(expected: str, got: str, why: str | None, lang: ExplainIn) -> str:
    """*niemogła* → *nie mogła*, *narazie* → *na razie*."""
    if lang == "pl":
        reason = {
            "nie": " (nie z czasownikiem piszemy osobno)",
            "po": " (po jest tu przyimkiem, osobnym wyrazem: po polsku, po angielsku)",
        }.get(why or "", "")
        return f"{_w(expected)} piszemy osobno, nie {_w(got)}{reason}."
    reason = {
        "nie": " (nie before a verb is a separate word)",
        "po": " (the preposition po is a separate word: po polsku, po angielsku)",
    }.get(why or "", "")
    return f"{_w(expected)} is written as two words, not {_w(got)}{reason}."


def month_preposition(expected: str, got: str, month: str, lang: ExplainIn) -> str:
    """*na wrześniu* → *we wrześniu*: a month takes *w* and the locative."""
    if lang == "pl":
        return (
            f"Z nazwą miesiąca używamy przyimka „w” z miejscownikiem, nie „na”: "
            f"{_w(expected + ' ' + month)}, nie {_w(got + ' ' + month)} (w maju, we wrześniu)."
        )
    return (
        f"A month takes *w* with the Locative, not *na*: {_w(expected + ' ' + month)}, not "
        f"{_w(got + ' ' + month)} (w maju, we wrześniu)."
    )


def written_together(expected: str, got: str, lang: ExplainIn) -> str:
    """*było by* → *byłoby*: the conditional's -by joins the past-tense verb."""
    if lang == "pl":
        return (
            f"{_w(expected)} piszemy łącznie, nie {_w(got)}: cząstkę -by (-bym, -byś…) "
            "łączymy z czasownikiem w czasie przeszłym."
        )
    return (
        f"{_w(expected)} is one word, not {_w(got)}: the conditional's -by (-bym, -byś …) is "
        "written together with the past-tense verb."
    )


def written_as_one(expected: str, got: str, lang: ExplainIn) -> str:
    """*na prawdę* → *naprawdę*, *po za* → *poza*: one word written as two."""
    if lang == "pl":
        return f"{_w(expected)} piszemy łącznie, jako jeden wyraz, nie {_w(got)}."
    return f"{_w(expected)} is one word, not {_w(got)}."


def also_spelling(expected: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Sprawdź też pisownię: {_w(expected)}."
    return f"Also check the spelling: {_w(expected)}."


def other_number(expected: str, got: str, lang: ExplainIn) -> str:
    """A number (in digits or words) where the answer needs another one, or another word."""
    if lang == "pl":
        return f"Tu nie pasuje {_w(got)}: potrzebne jest {_w(expected)}."
    return f"{_w(got)} does not fit here: the answer needs {_w(expected)}."


def by_vehicle(
    vehicle: str, lemma: str, got_lemma: str, expected: str, got: str, lang: ExplainIn
) -> str:
    """A verb of going on foot with a vehicle (*Idę autobusem* → *Jadę*)."""
    change = f"{_w(got)} → {_w(expected)}"
    if lang == "pl":
        return (
            f"Podróż pojazdem ({_w(vehicle)}) to {_w(lemma)}, a nie {_w(got_lemma)} (pieszo): "
            f"{change}."
        )
    return (
        f"Travelling by vehicle ({_w(vehicle)}) is {_w(lemma)}, not {_w(got_lemma)} "
        f"(on foot): {change}."
    )


def wrong_word(expected: str, got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"{_w(got)} to inne słowo. Tutaj potrzebne jest słowo {_w(expected)}."
    return f"{_w(got)} is a different word. Here we need {_w(expected)}."


def person_noun(expected: str, got: str, gender: str, lang: ExplainIn) -> str:
    """A noun for a person of the other gender where the learner speaks of themselves."""
    if lang == "pl":
        who = "Kobieta mówi o sobie" if gender == "feminine" else "Mężczyzna mówi o sobie"
        return f"{who} {_w(expected)}, a nie {_w(got)}."
    who = (
        "A woman speaking of herself says"
        if gender == "feminine"
        else ("A man speaking of himself says")
    )
    return f"{who} {_w(expected)}, not {_w(got)}."


def missing_word(expected: str, after: str | None, lang: ExplainIn) -> str:
    if lang == "pl":
        where = f" po {_w(after)}" if after else " na początku"
        return f"Brakuje słowa {_w(expected)}{where}."
    where = f" after {_w(after)}" if after else " at the start"
    return f"A word is missing: add {_w(expected)}{where}."


def missing_sie(lemma: str, after: str | None, lang: ExplainIn) -> str:
    """*się* left out after a verb that never goes without it (*bać się*)."""
    verb = _w(f"{lemma} się")
    if lang == "pl":
        where = f" po {_w(after)}" if after else ""
        return f"Czasownik {verb} nie występuje bez *się*: dodaj *się*{where}."
    where = f" after {_w(after)}" if after else ""
    return f"The verb {verb} is never used without *się*: add *się*{where}."


def counted_from_five(lang: ExplainIn, *, men_few: bool = False, numeral: str = "") -> str:
    """Why a subject counted from five up takes a singular verb; with ``men_few``, men
    counted by *dwóch*, *trzech*, *czterech*, which take the genitive too; a collective
    ``numeral`` (*dwoje dzieci*) likewise."""
    if _collective(numeral):
        if lang == "pl":
            return (
                "Gdy w podmiocie jest liczebnik zbiorowy (*dwoje*, *troje*, *pięcioro* …), "
                "czasownik stoi w liczbie pojedynczej, a w czasie przeszłym w rodzaju nijakim "
                "(*przyszło*)."
            )
        return (
            "A subject counted with a collective numeral (*dwoje*, *troje*, *pięcioro* …) takes "
            "a singular verb, neuter in the past tense (*przyszło*)."
        )
    if men_few and lang == "pl":
        return (
            "Gdy w podmiocie liczymy mężczyzn liczebnikiem *dwóch*, *trzech*, *czterech* (z "
            "dopełniaczem), czasownik stoi w liczbie pojedynczej, a w czasie przeszłym w rodzaju "
            "nijakim (*przyszło*)."
        )
    if men_few:
        return (
            "Men counted with *dwóch*, *trzech*, *czterech* (with the Genitive) make a subject "
            "that takes a singular verb, neuter in the past tense (*przyszło*)."
        )
    if lang == "pl":
        return (
            "Gdy w podmiocie jest liczebnik od *pięć* w górę (także *kilka*, *wiele*), czasownik "
            "stoi w liczbie pojedynczej, a w czasie przeszłym w rodzaju nijakim (*przyszło*)."
        )
    return (
        "A subject with a number from five up (also *kilka*, *wiele*) takes a singular verb, "
        "neuter in the past tense (*przyszło*)."
    )


def missing_nie(negative: str, after: str | None, lang: ExplainIn) -> str:
    """*nie* left out beside the verb of a clause with *nikt*, *nic*, *nigdy* …"""
    if lang == "pl":
        where = f" po {_w(after)}" if after else " na początku"
        return (
            f"Po polsku przeczy się podwójnie: przy {_w(negative.lower())} czasownik też ma "
            f"*nie*. Dodaj *nie*{where}."
        )
    where = f" after {_w(after)}" if after else " at the start"
    return (
        f"Polish says no twice: with {_w(negative.lower())} the verb takes *nie* too. "
        f"Add *nie*{where}."
    )


def extra_word(got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Słowo {_w(got)} jest w tym zdaniu zbędne. Usuń je."
    return f"The word {_w(got)} is not needed here. Leave it out."


def word_order_swap(expected: str, got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Szyk wyrazów: powinno być {_w(expected)}, nie {_w(got)}."
    return f"Word order: it should be {_w(expected)}, not {_w(got)}."


def another_order(expected: str, lang: ExplainIn) -> str:
    """A correct answer in another word order than the accepted one: a note, not a fault."""
    if lang == "pl":
        return f"Dobrze, w innym szyku. Odpowiedź z lekcji: „{expected}”"
    return f"Right, in another word order. The lesson's answer: “{expected}”"


def word_order_moved(word: str, after: str | None, lang: ExplainIn) -> str:
    if lang == "pl":
        where = f"po {_w(after)}" if after else "na początku"
        return f"Słowo {_w(word)} stoi w złym miejscu. Powinno stać {where}."
    where = f"after {_w(after)}" if after else "at the start"
    return f"The word {_w(word)} is in the wrong place. It should come {where}."


def vocalic(right: str, got: str, following: str, lang: ExplainIn) -> str:
    if right.lower() in ("we", "ze"):  # (*We wtorek*: at the start of a sentence too)
        if lang == "pl":
            return f"Przed słowem {_w(following)} mówimy {_w(right)}, nie {_w(got)}."
        return (
            f"Before {_w(following)} Polish says {_w(right)}, not {_w(got)}, for ease of saying it."
        )
    if lang == "pl":
        return f"Przed słowem {_w(following)} wystarczy {_w(right)}: {_w(got)} → {_w(right)}."
    return f"Before {_w(following)} the short form {_w(right)} is used: {_w(got)} → {_w(right)}."


def pronoun_form(expected: str, got: str, short: bool, lang: ExplainIn) -> str:
    """The short (unstressed) or long (stressed) form of a pronoun in the same case."""
    change = _change(got, expected)
    if short:
        if lang == "pl":
            return (
                f"Tu używamy krótkiej formy {_w(expected)}; długa forma {_w(got)} służy do "
                f"podkreślenia, zwykle na początku zdania: {change}."
            )
        return (
            f"Use the short form {_w(expected)} here; the long {_w(got)} is for emphasis, usually "
            f"at the start of a sentence: {change}."
        )
    if lang == "pl":
        return f"Tu potrzebna jest długa, akcentowana forma {_w(expected)}: {change}."
    return f"Here the long, stressed form {_w(expected)} is needed: {change}."


def not_polish(expected: str, got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"{_w(got)} to nie jest polskie słowo. Tutaj potrzebne jest słowo {_w(expected)}."
    return f"{_w(got)} is not Polish. Here we need {_w(expected)}."


@dataclass(frozen=True, slots=True)
class InflectionFacts:
    """Everything an inflection explanation may say; every field comes from the rule and the
    readings the engine chose, so the sentence built from them is true."""

    expected: str
    got: str
    feature: str | None
    expected_value: str | None
    got_value: str | None
    rule: RuleId | None
    trigger: str | None
    lemma: str
    number: str | None = None  # the expected form's number
    person: str | None = None
    gender: str | None = None  # the expected form's gender
    aspect: str | None = None  # the expected verb's aspect
    got_lemma: str | None = None  # aspect partners: the learner's verb
    got_aspect: str | None = None  # "perf" when the learner's verb is only perfective
    verb_lemma: str | None = None  # the governing verb's lemma
    partner_desc: tuple[str, ...] = ()  # features of the word agreed with (gender, number, case)
    detail: str | None = None  # numeral kind, "learner", "predicative", "habit", "process" …
    learner_gender: LearnerGender | None = None
    ending: tuple[str, str] | None = None  # ending.declension: (wrong ending, right ending)
    case_sure: bool = True  # the expected case is certain (else the case is not named)
    look_alike: bool = False  # the learner's form is the expected one without Polish letters
    rule_trigger: str | None = None  # the trigger as the accepted answer wrote it
    joined_to: str | None = None  # agreement.adjective: the adjective this one is joined to
    antecedent: str | None = None  # detail "relative": the noun *który* stands for;
    # "compared": the word *niż* compares with


def gender_name(value: str | None, number: str | None, lang: ExplainIn) -> str:
    if value is None:
        return ""
    if number == "pl":
        key = "m1" if value == "m1" else "other"
        return (PLURAL_GENDER_PL if lang == "pl" else PLURAL_GENDER_EN)[key]
    return (GENDER_PL if lang == "pl" else GENDER_EN).get(value, value)


def describe(features: tuple[str, ...], lang: ExplainIn) -> str:
    """("f", "sg") → "feminine, singular"; cases come as "case:loc"."""
    parts: list[str] = []
    for f in features:
        kind, _, value = f.partition(":")
        if kind == "case":
            parts.append(CASE_PL[value] if lang == "pl" else CASE_EN[value])
        elif kind == "number":
            parts.append((NUMBER_PL if lang == "pl" else NUMBER_EN)[value])
        elif kind == "gender":
            num, _, g = value.partition("/")
            name = gender_name(g, num, lang)
            parts.append(f"rodzaj {name}" if lang == "pl" else name)
        elif kind == "person":
            parts.append(PERSON_PL_NOM[value] if lang == "pl" else PERSON_EN[value])
    return ", ".join(parts)


PERSON_PL_NOM = {"pri": "1. osoba", "sec": "2. osoba", "ter": "3. osoba"}
_HABIT_EN = {
    "habit": "signals a habit",
    "process": "signals an action in progress",
}
_HABIT_PL = {
    "habit": "wskazuje na zwyczaj",
    "process": "wskazuje na czynność w toku",
}


def inflection(f: InflectionFacts, lang: ExplainIn) -> str:
    """One or two plain sentences: the rule, its trigger, and the change."""
    text = _inflection_pl(f) if lang == "pl" else _inflection_en(f)
    if f.look_alike:
        text += (
            " Uwaga: z polską literą i bez niej to różne formy."
            if lang == "pl"
            else " Careful: with and without the Polish letter these are different forms."
        )
    return text


def _pronoun(person: str | None, number: str | None, gender: str | None) -> str:
    if person == "ter" and number == "sg":
        return {"f": "ona", "n": "ono"}.get(gender or "", "on") if gender else "on/ona"
    if person == "ter" and number == "pl":
        return "oni" if gender == "m1" else ("one" if gender else "oni/one")
    return PRONOUN.get((person or "", number or "sg"), "")


# case.preposition's details for a preposition of two cases: the meaning that picks the case
# and the other meaning, with the case it takes; "where" (nad, pod, przed, między) has its own
# words: the accusative is for movement, and the instrumental here may be a place, a time or a
# state (pod łóżkiem, przed obiadem, pod wrażeniem)
# the case of where (not where to) after a preposition of two cases: the locative, or this
_WHERE_CASE = {"za": "inst", "nad": "inst", "pod": "inst", "przed": "inst", "między": "inst"}
_PREPOSITION_SENSE_EN = {
    "with": (
        "meaning “with, together with”",
        "meaning “from” or “made of”",
        "gen",
    ),
    "price": (
        "meaning “for” (a price)",
        "meaning “behind” or “after”",
        "inst",
    ),
    "before": (
        "meaning “before” (in time)",
        "meaning “to the front of”, where to",
        "acc",
    ),
}
_PREPOSITION_SENSE_PL = {
    "with": (
        "w znaczeniu „razem z”",
        "w znaczeniu „skąd?” lub „z czego?”",
        "gen",
    ),
    "price": (
        "w znaczeniu „za ile?” (cena)",
        "w znaczeniu „gdzie?” lub „za kim?”",
        "inst",
    ),
    "before": (
        "w znaczeniu czasu („przed czym?”, „kiedy?”)",
        "w znaczeniu kierunku, „dokąd?”",
        "acc",
    ),
}


def _degree_en(f: InflectionFacts, change: str) -> str:
    """degree.comparative: *więcej stary* → *starszy*, *najbardziej dobra* → *najlepsza*."""
    trig, lemma = (f.trigger or "").lower(), _w(f.lemma)
    grade = "superlative" if f.expected_value == "sup" else "comparative"
    much = "the most" if f.expected_value == "sup" else "more"
    if f.detail == "again":
        return f"{_w(f.expected)} is already a {grade}: leave out {_w(trig)}: {change}."
    if f.detail == "own":
        analytic = "najbardziej" if f.expected_value == "sup" else "bardziej"
        return f"{lemma} has only its own {grade} (never *{analytic} {f.lemma}*): {change}."
    quantity = f"{_w(trig)} means “{much}” of a quantity (*{trig} czasu*), not of a quality"
    if f.detail == "analytic":
        return f"{quantity}: with an adjective say {_w(f.expected)}: {change}."
    return f"{quantity}: {lemma} has its own {grade}: {change}."


def _degree_pl(f: InflectionFacts, change: str) -> str:
    trig, lemma = (f.trigger or "").lower(), _w(f.lemma)
    grade = "stopień najwyższy" if f.expected_value == "sup" else "stopień wyższy"
    if f.detail == "again":
        return f"{_w(f.expected)} to już {grade}: {_w(trig)} jest zbędne: {change}."
    if f.detail == "own":
        analytic = "najbardziej" if f.expected_value == "sup" else "bardziej"
        return f"{lemma} ma tylko własny {grade} (nigdy *{analytic} {f.lemma}*): {change}."
    quantity = f"{_w(trig)} mówi o ilości (*{trig} czasu*), nie o cesze"
    if f.detail == "analytic":
        return f"{quantity}: przy przymiotniku mówimy {_w(f.expected)}: {change}."
    return f"{quantity}: {lemma} ma własny {grade}: {change}."


def _inflection_en(f: InflectionFacts) -> str:
    change = _change(f.got, f.expected)
    ev, gv = f.expected_value or "", f.got_value or ""
    case = CASE_EN.get(ev, ev)
    rule, trig = f.rule, f.trigger
    if f.detail == "set_phrase" and f.verb_lemma in SET_PHRASE_GLOSS:
        gloss = SET_PHRASE_GLOSS[f.verb_lemma][0]
        return (
            f"*{f.verb_lemma}* ({gloss}) is a set phrase: its noun is in the singular "
            f"(the Accusative {_w(f.expected)}): {change}."
        )
    if f.detail == "bare_locative" and trig and f.number:
        return (
            f"The Locative is used only after a preposition, and there is none here: "
            f"{_w(trig)} shows the {case} {NUMBER_EN[f.number]}: {change}."
        )
    if f.detail == "relative_subject" and f.antecedent and f.verb_lemma:
        desc = describe(f.partner_desc, "en")
        return (
            f"*{f.lemma}* takes its gender and number from {_w(f.antecedent)} ({desc}); it is "
            f"the subject of {_w(f.verb_lemma)}, so it is in the Nominative: {change}."
        )
    if f.detail == "relative" and f.antecedent and trig and f.verb_lemma:
        desc = describe(f.partner_desc, "en")
        if rule == "case.negation":
            negated = _w(trig + " " + f.verb_lemma)
            role = f"after a negated verb ({negated}) the object takes the {case}"
        else:
            here = f" (here {_w(trig)})" if trig.lower() != f.verb_lemma else ""
            role = f"it is the object of {_w(f.verb_lemma)}{here}, which takes the {case}"
        return (
            f"*{f.lemma}* takes its gender and number from {_w(f.antecedent)} ({desc}) and its "
            f"case from its own clause: {role}: {change}."
        )
    if f.rule == "degree.comparative" and trig:
        return _degree_en(f, change)
    if f.detail == "date":
        return (
            f"In a date the month is in the Genitive (*trzeci czerwca*, the third of June): "
            f"{change}."
        )
    if f.detail == "date_when":
        return (
            f"A date on which something happens is in the Genitive, day and month "
            f"(*Przyjadę trzeciego czerwca*): {change}."
        )
    if f.detail == "compared" and f.antecedent and trig:
        return (
            f"After {_w(trig.lower())} the thing compared is in the same case as the one it is "
            f"compared with ({_w(f.antecedent)}, the {case}): {change}."
        )
    if f.feature == "case" or (rule and rule.startswith("case.") and f.feature == "number"):
        if rule == "case.preposition" and trig and f.detail == "where":
            acc = CASE_EN["acc"]
            return (
                f"After {_w(trig.lower())} use the {case} here (the {acc} is for movement, "
                f"where to): {change}."
            )
        if rule == "case.preposition" and trig and f.verb_lemma and f.detail == "motion":
            where = CASE_EN[_WHERE_CASE.get(trig.lower(), "loc")]
            return (
                f"After {_w(trig.lower())} use the {case} here (where to?), because the verb "
                f"{_w(f.verb_lemma)} shows movement toward a place; the {where} is for where "
                f"someone or something is (where?): {change}."
            )
        if rule == "case.preposition" and trig and f.verb_lemma and f.detail == "place":
            acc = CASE_EN["acc"]
            return (
                f"After {_w(trig.lower())} use the {case} here (where?), because the verb "
                f"{_w(f.verb_lemma)} shows no movement toward a place; the {acc} is for "
                f"movement (where to?): {change}."
            )
        if rule == "case.preposition" and trig and f.detail == "as_subject":
            return (
                f"After {_w(trig.lower())} (as) a noun takes the case of the word it describes, "
                f"here the subject, in the {case}: {change}."
            )
        if rule == "case.preposition" and trig and f.detail == "framed" and f.verb_lemma:
            return (
                f"The verb {_w(f.verb_lemma)} takes {_w(trig.lower())} with the {case}: {change}."
            )
        if rule == "case.preposition" and trig and f.detail in _PREPOSITION_SENSE_EN:
            sense, other, other_case = _PREPOSITION_SENSE_EN[f.detail]
            prep = _w(trig.lower())
            also = f"{other}, the {CASE_EN[other_case]}"
            return f"The preposition {prep} {sense} takes the {case} ({also}): {change}."
        if rule == "case.preposition" and trig:
            here = " here" if f.detail == "several" else ""
            return f"After {_w(trig.lower())} use the {case}{here}: {change}."  # not *Po*
        if rule == "case.verb_government" and trig and f.verb_lemma:
            verb = _w(f.verb_lemma)
            here = f" (here {_w(trig)})" if trig.lower() != f.verb_lemma else ""
            if f.detail == "recipient":
                return (
                    f"The verb {verb}{here} takes the Dative for the person something is given "
                    f"to or is for (to whom? for whom?) and the Accusative for the thing (what?; "
                    f"the Genitive after *nie*): {change}."
                )
            return f"The verb {verb}{here} takes the {case}: {change}."
        if rule == "case.negation" and trig and f.detail == "none_there":
            return (
                f"{_w(trig.capitalize() + ' ' + (f.verb_lemma or 'było'))} (there "
                f"{'will be' if f.verb_lemma == 'będzie' else 'was'} no …) puts what is missing "
                f"in the Genitive, like *nie ma* (there is no …): {change}."
            )
        if rule == "case.negation" and trig:
            verb = f" {f.verb_lemma}" if f.verb_lemma else ""
            return (
                f"After a negated verb ({_w(trig + verb)}) the object is in the Genitive, "
                f"not the Accusative: {change}."
            )
        if rule == "case.numeral" and trig:
            if f.detail == "indef":
                return (
                    f"After {_w(trig)} (a word of quantity, like *dużo*, *kilka*, *ile*) the noun "
                    f"is in the Genitive: {change}."
                )
            if f.detail == "rec":
                # *dwóch braci*: a form of 2, 3, 4 (for men), not one like 5, 6, 7
                like = (
                    " (a collective numeral: for a mixed group, children, the young)"
                    if _collective(trig)
                    else ""
                    if trig.lower() in _FORMS_OF_TWO_TO_FOUR
                    else " (as with 5, 6, 7 …)"
                )
                return f"After {_w(trig)}{like} the noun is in the Genitive plural: {change}."
            return (
                f"After {_w(trig)} (as with 2, 3, 4) the noun is plural, in the same case as the "
                f"number: {change}."
            )
        if rule == "case.copula" and trig:
            if ev == "inst":
                verb, gloss, is_ = _COPULA_EN.get(f.verb_lemma or "być", _COPULA_EN["być"])
                what = f"({gloss})" if trig.lower() == verb else f"(a form of *{verb}*, {gloss})"
                return (
                    f"After {_w(trig)} {what} a noun that says who or what "
                    f"someone {is_} takes the Instrumental: {change}."
                )
            return f"After *to* (*to jest* …) the noun stays in the Nominative: {change}."
        if rule == "case.subject" and trig:
            return f"The subject of {_w(trig)} is in the Nominative: {change}."
        if rule == "case.genitive_attribute" and trig:
            return (
                f"A place's name (a country, a town) after a noun answers *of what?* "
                f"({_w(trig)} of what? {_w(f.expected)}) and is in the Genitive: {change}."
            )
        if rule == "ending.declension" and f.ending and trig:
            num = NUMBER_EN.get(f.number or "", "")
            if f.expected.lower() == trig.lower():
                return (
                    f"Right case, wrong ending: the {case} {num} of {_w(trig)} is the same as "
                    f"its dictionary form: {change}."
                ).replace("  ", " ")
            if f.detail == "stem":
                return (
                    f"Right case, wrong form: the {case} {num} of {_w(trig)} is "
                    f"{_w(f.expected)} (its stem changes): {change}."
                ).replace("  ", " ")
            if not f.ending[1]:
                # no ending to name (*obraz*, *kobiet*): say it in words
                return (
                    f"Right case, wrong ending: the {case} {num} of {_w(trig)} has no ending "
                    f"({_w(f.expected)}): {change}."
                ).replace("  ", " ")
            return (
                f"Right case, wrong ending: {_w(trig)} takes *-{f.ending[1]}* in the {case} "
                f"{num}: {change}."
            ).replace("  ", " ")
        if rule == "agreement.adjective":
            return _agreement_en(f, change)
        if f.feature == "case" and f.case_sure and case:
            return f"Here the word must be in the {case}: {change}."
        if f.feature == "number":
            return f"Use the {NUMBER_EN.get(ev, ev)} here: {change}."
        return f"Right word, wrong form: {change}."
    if rule == "agreement.adjective":
        return _agreement_en(f, change)
    if f.feature in ("person", "number") and rule == "agreement.subject_verb" and trig:
        pron = _pronoun(f.person, f.number, f.gender)
        like = f", like *{pron}*" if pron and pron.lower() != trig.lower() else ""
        desc = f"{PERSON_EN.get(f.person or '', '')} {NUMBER_EN.get(f.number or '', '')}".strip()
        if f.detail == "polite":
            return (
                f"With {_w(trig)} (the polite “you”) the verb is in the 3rd person, as with "
                f"*{'on' if trig.lower() == 'pan' else 'ona'}*: "
                f"{change}."
            )
        if f.detail == "infinitive":
            return (
                f"With the subject {_w(trig)} the verb is conjugated ({desc}), "
                f"not left in the infinitive: {change}."
            )
        return f"The verb agrees with its subject {_w(trig)} ({desc}{like}): {change}."
    if f.feature == "person" and f.detail == "conditional" and trig:
        return (
            f"After {_w(trig)} the past-tense verb has no person ending of its own: the ending "
            f"of {_w(trig)} already shows the person: {change}."
        )
    if f.feature == "person":
        num = f.number or "sg"
        pron = PRONOUN.get((ev, num), "")
        hint = f" (as with {_w(pron)})" if pron else ""
        return (
            f"The verb must be in the {PERSON_EN.get(ev, ev)} {NUMBER_EN.get(num, '')}{hint}, "
            f"not the {PERSON_EN.get(gv, gv)}: {change}."
        )
    if f.feature == "number":
        return f"Use the {NUMBER_EN.get(ev, ev)} here, not the {NUMBER_EN.get(gv, gv)}: {change}."
    if f.feature == "gender":
        name = gender_name(ev, f.number, "en")
        if rule == "agreement.past_gender":
            if f.detail == "learner" and f.learner_gender:
                who = "A woman" if f.learner_gender == "feminine" else "A man"
                form = "feminine" if f.learner_gender == "feminine" else "masculine"
                return f"{who} speaking of herself uses the {form}: {change}.".replace(
                    "herself", "herself" if f.learner_gender == "feminine" else "himself"
                )
            if f.detail == "to_copula" and trig:
                return (
                    f"After *to*, the past tense of *być* takes the gender of the noun that "
                    f"follows, {_w(trig)} ({name}), as in *To był dzień*, *To była zima*, "
                    f"*To było lato*: {change}."
                )
            if trig:
                return (
                    f"In the past tense the verb takes the gender of its subject {_w(trig)} "
                    f"({name}): {change}."
                )
        return f"Use the {name} form here, not the {gender_name(gv, f.number, 'en')}: {change}."
    if f.feature == "tense":
        e_name = TENSE_EN.get(_tense_key(ev, f.aspect), ev)
        g_name = TENSE_EN.get(_tense_key(gv, f.got_aspect), gv)
        if f.detail == "conditional" and trig:
            return (
                f"After {_w(trig)} the verb takes its past-tense form; the ending of "
                f"{_w(trig)} already shows the person: {change}."
            )
        if rule == "tense.context" and trig and f.detail == "compound":
            return (
                f"{_w(trig)} is about the future: an imperfective verb takes the compound future "
                f"(*będę*, *będziesz* … with the infinitive): {change}."
            )
        if rule == "tense.context" and trig:
            when = _WHEN_EN.get(_when(ev, f.aspect), "")
            if when:
                return f"{_w(trig)} is about {when}, so use the {e_name}: {change}."
        if rule == "verb.infinitive" and trig and f.detail == "bedzie":
            return (
                f"After {_w(trig)} the future takes the infinitive (or the *-ł* form: *będę "
                f"robił*), not the {g_name}: {change}."
            )
        if rule == "verb.infinitive" and trig:
            return f"{_w(trig)} takes an infinitive after it, not the {g_name}: {change}."
        return f"Use the {e_name} here, not the {g_name}: {change}."
    if f.feature == "aspect":
        lemma, other = _w(f.lemma), _w(f.got_lemma or f.got)
        if rule == "aspect.context" and trig:
            if ev == "imperf" and f.detail == "bedzie":
                return (
                    f"After {_w(trig)} the future takes an imperfective verb ({lemma}): {change}."
                )
            if ev == "imperf" and f.detail == "phase":
                return (
                    f"After {_w(trig)} (a verb of starting or stopping) the infinitive is "
                    f"imperfective ({lemma}, not {other}): {change}."
                )
            if ev == "imperf" and f.detail == "prohibition":
                return (
                    f"To tell someone not to do something, use *nie* with the imperfective "
                    f"verb ({lemma}, not {other}): {change}."
                )
            if ev == "imperf":
                why = _HABIT_EN.get(f.detail or "habit", _HABIT_EN["habit"])
                text = (
                    f"{_w(trig)} {why}, so use the imperfective verb ({lemma}, not {other}): "
                    f"{change}."
                )
                one_way = GOING_ONE_WAY.get(f.lemma or "")
                if one_way and f.detail == "habit":
                    text += f" A movement made again and again is {lemma}, not {_w(one_way)}."
                return text
            if f.detail == "question":
                return (
                    f"The question ({_w(trig)}, perfective) asks when one completed action "
                    f"happened, so answer with the perfective verb ({lemma}, not {other}): "
                    f"{change}."
                )
            return (
                f"{_w(trig)} marks one completed action, so use the perfective verb ({lemma}, "
                f"not {other}): {change}."
            )
        if ev == "imperf":
            return (
                f"Use the imperfective {lemma} here (habits, actions in progress), not the "
                f"perfective {other} (one completed action): {change}."
            )
        return (
            f"Use the perfective {lemma} here (one completed action), not the imperfective "
            f"{other} (habits, actions in progress): {change}."
        )
    if f.feature == "degree":
        return f"Use the {DEGREE_EN.get(ev, ev)} here, not the {DEGREE_EN.get(gv, gv)}: {change}."
    return f"Right word, wrong form: {change}."


# numerals with a masculine personal form (trzech, pięciu, kilku)
# the nominative for men that takes a plural verb (*dwaj bracia prowadzą*)
_MEN_NOMINATIVE = frozenset({"dwaj", "trzej", "czterej", "obaj", "obydwaj"})
_CARDINALS = frozenset(
    {"dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć"}
    | {"jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście"}
    | {"siedemnaście", "osiemnaście", "dziewiętnaście", "dwadzieścia", "trzydzieści"}
    | {"czterdzieści", "pięćdziesiąt", "sześćdziesiąt", "siedemdziesiąt", "osiemdziesiąt"}
    | {"dziewięćdziesiąt", "sto", "kilka", "kilkanaście", "kilkadziesiąt", "oba"}
    | {"wiele", "niewiele"}
)


def _agreement_en(f: InflectionFacts, change: str) -> str:
    desc = describe(f.partner_desc, "en")
    if f.detail == "collective":
        return (
            f"Children ({_w(f.trigger or 'dzieci')}) are counted with a collective numeral, "
            f"*dwoje*, *troje*, *czworo* (not *dwa*, *trzy*, *cztery*), and the noun after it is "
            f"in the Genitive plural: {change}."
        )
    if f.detail == "learner":
        if f.learner_gender == "feminine":
            return f"A woman speaking of herself uses the feminine: {change}."
        if f.learner_gender == "masculine":
            return f"A man speaking of himself uses the masculine: {change}."
        return f"This word describes the person it is about and agrees with them: {change}."
    if f.lemma in _CARDINALS and f.gender == "m1" and f.number == "pl" and f.feature == "gender":
        men = f" ({_w(f.trigger)} are men)" if f.trigger else ""
        if f.expected.lower() in _MEN_NOMINATIVE:
            return (
                f"Counting men{men} with a plural verb, the number takes its nominative form "
                f"for men (*dwaj*, *trzej*, *czterej*, *obaj*) and the noun stays in the "
                f"Nominative plural: {change}."
            )
        return (
            f"Counting men{men}, the number takes its form for men, and the noun the Genitive "
            f"plural: {change}."
        )
    if f.joined_to:
        subject = f" {_w(f.trigger)}" if f.trigger else ""
        return (
            f"Joined to {_w(f.joined_to)}, this adjective agrees with the same subject{subject}: "
            f"{change}."
        )
    if f.detail == "predicative" and f.trigger:
        return f"The adjective agrees with the subject {_w(f.trigger)} ({desc}): {change}."
    if f.detail == "elided" and desc:
        return (
            f"The adjective describes the subject, which is left out here and is {desc}: {change}."
        )
    if f.trigger:
        return f"This word agrees with the noun {_w(f.trigger)} ({desc}): {change}."
    return f"This word must agree with its noun: {change}."


_WHEN_EN = {"past": "the past", "future": "the future", "present": "now"}
_WHEN_PL = {"past": "przeszłość", "future": "przyszłość", "present": "teraźniejszość"}


def _when(tense: str, aspect: str | None) -> str:
    if tense == "praet":
        return "past"
    if tense == "bedzie" or (tense == "fin" and aspect == "perf"):
        return "future"
    if tense == "fin":
        return "present"
    return ""


def _inflection_pl(f: InflectionFacts) -> str:
    change = _change(f.got, f.expected)
    ev, gv = f.expected_value or "", f.got_value or ""
    rule, trig = f.rule, f.trigger
    if f.detail == "set_phrase" and f.verb_lemma in SET_PHRASE_GLOSS:
        gloss = SET_PHRASE_GLOSS[f.verb_lemma][1]
        return (
            f"*{f.verb_lemma}* ({gloss}) to stałe wyrażenie: rzeczownik stoi w nim w liczbie "
            f"pojedynczej (biernik {_w(f.expected)}): {change}."
        )
    if f.detail == "bare_locative" and trig and f.number and ev in CASE_PL:
        return (
            f"Miejscownika używamy tylko po przyimku, a tu go nie ma: {_w(trig)} wskazuje na "
            f"{CASE_PL[ev]} {NUMBER_PL_GEN[f.number]}: {change}."
        )
    if f.detail == "relative_subject" and f.antecedent and f.verb_lemma:
        desc = describe(f.partner_desc, "pl")
        return (
            f"*{f.lemma}* przejmuje rodzaj i liczbę od {_w(f.antecedent)} ({desc}); jest "
            f"podmiotem czasownika {_w(f.verb_lemma)}, więc stoi w mianowniku: {change}."
        )
    if f.detail == "relative" and f.antecedent and trig and f.verb_lemma and ev in CASE_PL_INST:
        desc = describe(f.partner_desc, "pl")
        if rule == "case.negation":
            role = (
                f"po czasowniku z przeczeniem ({_w(trig + ' ' + f.verb_lemma)}) dopełnienie "
                f"stoi w dopełniaczu"
            )
        else:
            role = (
                f"jest dopełnieniem czasownika {_w(f.verb_lemma)}, który łączy się "
                f"z {CASE_PL_INST[ev]}"
            )
        return (
            f"*{f.lemma}* ma rodzaj i liczbę rzeczownika {_w(f.antecedent)} ({desc}), "
            f"a przypadek ze swojego zdania: {role}: {change}."
        )
    if f.rule == "degree.comparative" and trig:
        return _degree_pl(f, change)
    if f.detail == "date":
        return f"W dacie nazwa miesiąca stoi w dopełniaczu (*trzeci czerwca*): {change}."
    if f.detail == "date_when":
        return (
            f"Datę, kiedy coś się dzieje, podajemy w dopełniaczu – dzień i miesiąc "
            f"(*Przyjadę trzeciego czerwca*): {change}."
        )
    if f.detail == "compared" and f.antecedent and trig and ev in CASE_PL_LOC:
        return (
            f"Po {_w(trig.lower())} to, z czym porównujemy, stoi w tym samym przypadku co "
            f"{_w(f.antecedent)} – w {CASE_PL_LOC[ev]}: {change}."
        )
    if f.feature == "case" or (rule and rule.startswith("case.") and f.feature == "number"):
        if rule == "case.preposition" and trig and ev in CASE_PL_LOC and f.detail == "as_subject":
            return (
                f"Po {_w(trig.lower())} rzeczownik stoi w tym samym przypadku co wyraz, który "
                f"opisuje – tu podmiot, więc w {CASE_PL_LOC[ev]}: {change}."
            )
        if (
            rule == "case.preposition"
            and trig
            and f.verb_lemma
            and ev in CASE_PL_GEN
            and f.detail in ("motion", "place")
        ):
            verb, prep, case_pl = _w(f.verb_lemma), _w(trig.lower()), CASE_PL_GEN[ev]
            where = CASE_PL_GEN[_WHERE_CASE.get(trig.lower(), "loc")]
            if f.detail == "motion":
                return (
                    f"Po przyimku {prep} używamy tu {case_pl} (dokąd?), bo czasownik {verb} "
                    f"wyraża ruch w jakieś miejsce; {where} używamy, gdy mówimy, gdzie ktoś lub "
                    f"coś jest (gdzie?): {change}."
                )
            return (
                f"Po przyimku {prep} używamy tu {case_pl} (gdzie?), bo czasownik {verb} nie "
                f"wyraża ruchu w jakieś miejsce; biernika używamy przy ruchu (dokąd?): {change}."
            )
        if (
            rule == "case.preposition"
            and trig
            and ev in CASE_PL_INST
            and f.detail == "framed"
            and f.verb_lemma
        ):
            return (
                f"Czasownik {_w(f.verb_lemma)} łączy się z przyimkiem {_w(trig.lower())} i "
                f"{CASE_PL_INST[ev]} ({trig.lower()} co?): {change}."
            )
        if rule == "case.preposition" and trig and ev in CASE_PL_GEN and f.detail == "where":
            return (
                f"Po przyimku {_w(trig.lower())} w tym znaczeniu używamy {CASE_PL_GEN[ev]} "
                f"(biernika – przy ruchu, na pytanie „dokąd?”): {change}."
            )
        if (
            rule == "case.preposition"
            and trig
            and ev in CASE_PL_INST
            and (f.detail in _PREPOSITION_SENSE_PL)
        ):
            sense, other, other_case = _PREPOSITION_SENSE_PL[f.detail]
            return (
                f"Przyimek {_w(trig.lower())} {sense} łączy się z {CASE_PL_INST[ev]} "
                f"({other} – z {CASE_PL_INST[other_case]}): {change}."
            )
        if rule == "case.preposition" and trig and ev in CASE_PL_GEN:
            here = " w tym znaczeniu" if f.detail == "several" else ""
            return f"Po przyimku {_w(trig.lower())}{here} używamy {CASE_PL_GEN[ev]}: {change}."
        if rule == "case.verb_government" and trig and f.verb_lemma and ev in CASE_PL_INST:
            if f.detail == "recipient":
                return (
                    f"Czasownik {_w(f.verb_lemma)} łączy się z celownikiem osoby, której coś "
                    f"dajemy albo dla której coś jest (komu?), i z biernikiem rzeczy (co?; po "
                    f"*nie* z dopełniaczem): {change}."
                )
            return f"Czasownik {_w(f.verb_lemma)} łączy się z {CASE_PL_INST[ev]}: {change}."
        if rule == "case.negation" and trig and f.detail == "none_there":
            return (
                f"Po {_w(trig.lower() + ' ' + (f.verb_lemma or 'było'))} to, czego brakuje, "
                f"stoi w dopełniaczu, jak po *nie ma*: {change}."
            )
        if rule == "case.negation" and trig:
            verb = f" {f.verb_lemma}" if f.verb_lemma else ""
            return (
                f"Po czasowniku z przeczeniem ({_w(trig + verb)}) dopełnienie stoi w dopełniaczu, "
                f"a nie w bierniku: {change}."
            )
        if rule == "case.numeral" and trig:
            if f.detail == "indef":
                return (
                    f"Po {_w(trig)} (słowie, które mówi o ilości, jak *dużo*, *kilka*, *ile*) "
                    f"rzeczownik stoi w dopełniaczu: {change}."
                )
            if f.detail == "rec":
                like = (
                    ""
                    if _collective(trig) or trig.lower() in _FORMS_OF_TWO_TO_FOUR
                    else " (tak jak po 5, 6, 7 …)"
                )
                kind = "zbiorowym " if _collective(trig) else ""
                return (
                    f"Po liczebniku {kind}{_w(trig)}{like} rzeczownik stoi "
                    f"w dopełniaczu liczby mnogiej: {change}."
                )
            return (
                f"Po liczebniku {_w(trig)} (tak jak po 2, 3, 4) rzeczownik stoi w liczbie mnogiej, "
                f"w tym samym przypadku co liczebnik: {change}."
            )
        if rule == "case.copula" and trig:
            if ev == "inst":
                verb, _gloss, _is = _COPULA_EN.get(f.verb_lemma or "być", _COPULA_EN["być"])
                form = "" if trig.lower() == verb else f" (formie czasownika *{verb}*)"
                jest = "zostaje" if verb in ("zostać", "zostawać") else "jest"
                return (
                    f"Po {_w(trig)}{form} rzeczownik, który mówi, kim lub "
                    f"czym ktoś {jest}, stoi w narzędniku: {change}."
                )
            return f"Po *to* (*to jest* …) rzeczownik stoi w mianowniku: {change}."
        if rule == "case.subject" and trig:
            return f"Podmiot czasownika {_w(trig)} stoi w mianowniku: {change}."
        if rule == "case.genitive_attribute" and trig:
            return (
                f"Nazwa miejsca (kraju, miasta) po rzeczowniku odpowiada na pytanie *czego?* "
                f"({_w(trig)} czego? {_w(f.expected)}) i stoi w dopełniaczu: {change}."
            )
        if rule == "ending.declension" and f.ending and trig and ev in CASE_PL_LOC:
            num = f" {NUMBER_PL_GEN[f.number]}" if f.number in NUMBER_PL_GEN else ""
            if f.expected.lower() == trig.lower():
                return (
                    f"Właściwy przypadek, ale zła końcówka: {_w(trig)} ma w {CASE_PL_LOC[ev]}{num} "
                    f"taką samą formę jak w słowniku: {change}."
                )
            if f.detail == "stem":
                return (
                    f"Właściwy przypadek, ale zła forma: {_w(trig)} ma w {CASE_PL_LOC[ev]}{num} "
                    f"formę {_w(f.expected)} (zmienia się temat): {change}."
                )
            if not f.ending[1]:
                return (
                    f"Właściwy przypadek, ale zła końcówka: {_w(trig)} ma w {CASE_PL_LOC[ev]}{num} "
                    f"formę bez końcówki, {_w(f.expected)}: {change}."
                )
            return (
                f"Właściwy przypadek, ale zła końcówka: {_w(trig)} ma w {CASE_PL_LOC[ev]}{num} "
                f"końcówkę *-{f.ending[1]}*: {change}."
            )
        if rule == "agreement.adjective":
            return _agreement_pl(f, change)
        if f.feature == "case" and f.case_sure and ev in CASE_PL_LOC:
            return f"Tu to słowo powinno stać w {CASE_PL_LOC[ev]}: {change}."
        if f.feature == "number":
            return f"Tu potrzebna jest {NUMBER_PL.get(ev, ev)}: {change}."
        return f"Właściwe słowo, ale zła forma: {change}."
    if rule == "agreement.adjective":
        return _agreement_pl(f, change)
    if f.feature in ("person", "number") and rule == "agreement.subject_verb" and trig:
        pron = _pronoun(f.person, f.number, f.gender)
        like = f", jak *{pron}*" if pron and pron.lower() != trig.lower() else ""
        desc = f"{PERSON_PL_NOM.get(f.person or '', '')} {NUMBER_PL_GEN.get(f.number or '', '')}"
        if f.detail == "polite":
            return (
                f"Forma grzecznościowa {_w(trig)} łączy się z czasownikiem w 3. osobie (jak "
                f"*{'on' if trig.lower() == 'pan' else 'ona'}*): "
                f"{change}."
            )
        if f.detail == "infinitive":
            return (
                f"Z podmiotem {_w(trig)} czasownik odmieniamy ({desc.strip()}), "
                f"nie zostawiamy bezokolicznika: {change}."
            )
        return f"Czasownik zgadza się z podmiotem {_w(trig)} ({desc.strip()}{like}): {change}."
    if f.feature == "person" and f.detail == "conditional" and trig:
        return (
            f"Po {_w(trig)} czasownik w czasie przeszłym nie ma własnej końcówki osobowej: "
            f"osobę pokazuje już końcówka {_w(trig)}: {change}."
        )
    if f.feature == "person":
        num = f.number or "sg"
        pron = PRONOUN.get((ev, num), "")
        hint = f" (jak {_w(pron)})" if pron else ""
        return (
            f"Czasownik powinien być w {PERSON_PL.get(ev, ev)} {NUMBER_PL_GEN.get(num, '')}"
            f"{hint}, a nie w {PERSON_PL.get(gv, gv)}: {change}."
        )
    if f.feature == "number":
        return (
            f"Tu potrzebna jest {NUMBER_PL.get(ev, ev)}, a nie {NUMBER_PL.get(gv, gv)}: {change}."
        )
    if f.feature == "gender":
        name = gender_name(ev, f.number, "pl")
        if rule == "agreement.past_gender":
            if f.detail == "learner" and f.learner_gender:
                if f.learner_gender == "feminine":
                    return f"Kobieta mówi o sobie w rodzaju żeńskim: {change}."
                return f"Mężczyzna mówi o sobie w rodzaju męskim: {change}."
            if f.detail == "to_copula" and trig:
                return (
                    f"Po *to* czasownik *być* w czasie przeszłym przyjmuje rodzaj rzeczownika, "
                    f"który po nim następuje, {_w(trig)} (rodzaj {name}), jak w *To był "
                    f"dzień*, *To była zima*, *To było lato*: {change}."
                )
            if trig:
                return (
                    f"W czasie przeszłym czasownik ma rodzaj podmiotu {_w(trig)} "
                    f"(rodzaj {name}): {change}."
                )
        return (
            f"Tu potrzebny jest rodzaj {name}, a nie {gender_name(gv, f.number, 'pl')}: {change}."
        )
    if f.feature == "tense":
        e_name = TENSE_PL.get(_tense_key(ev, f.aspect), ev)
        g_name = TENSE_PL.get(_tense_key(gv, f.got_aspect), gv)
        if f.detail == "conditional" and trig:
            return (
                f"Po {_w(trig)} czasownik ma formę czasu przeszłego; osobę pokazuje już "
                f"końcówka {_w(trig)}: {change}."
            )
        if rule == "tense.context" and trig and f.detail == "compound":
            return (
                f"{_w(trig)} wskazuje na przyszłość: czasownik niedokonany tworzy czas przyszły "
                f"złożony (*będę*, *będziesz* … z bezokolicznikiem): {change}."
            )
        if rule == "tense.context" and trig:
            when = _WHEN_PL.get(_when(ev, f.aspect), "")
            if when:
                return f"{_w(trig)} wskazuje na {when}, więc potrzebny jest {e_name}: {change}."
        if rule == "verb.infinitive" and trig and f.detail == "bedzie":
            return (
                f"Po {_w(trig)} (czas przyszły) następuje bezokolicznik (albo forma na *-ł*: "
                f"*będę robił*), a nie {g_name}: {change}."
            )
        if rule == "verb.infinitive" and trig:
            return f"Po {_w(trig)} następuje bezokolicznik, a nie {g_name}: {change}."
        return f"Tu potrzebny jest {e_name}, a nie {g_name}: {change}."
    if f.feature == "aspect":
        lemma, other = _w(f.lemma), _w(f.got_lemma or f.got)
        if rule == "aspect.context" and trig:
            if ev == "imperf" and f.detail == "bedzie":
                return (
                    f"Po {_w(trig)} czas przyszły tworzymy z czasownikiem niedokonanym "
                    f"({lemma}): {change}."
                )
            if ev == "imperf" and f.detail == "phase":
                return (
                    f"Po {_w(trig)} (czasowniku rozpoczęcia lub zakończenia czynności) "
                    f"bezokolicznik jest niedokonany ({lemma}, a nie {other}): {change}."
                )
            if ev == "imperf" and f.detail == "prohibition":
                return (
                    f"Zakaz to *nie* z czasownikiem niedokonanym ({lemma}, a nie {other}): "
                    f"{change}."
                )
            if ev == "imperf":
                why = _HABIT_PL.get(f.detail or "habit", _HABIT_PL["habit"])
                text = (
                    f"{_w(trig)} {why}, więc potrzebny jest czasownik niedokonany ({lemma}, a nie "
                    f"{other}): {change}."
                )
                one_way = GOING_ONE_WAY.get(f.lemma or "")
                if one_way and f.detail == "habit":
                    text += f" O ruchu powtarzanym mówi się {lemma}, nie {_w(one_way)}."
                return text
            if f.detail == "question":
                return (
                    f"Pytanie ({_w(trig)}, czasownik dokonany) dotyczy tego, kiedy zdarzyła się "
                    f"jedna zakończona czynność, więc w odpowiedzi potrzebny jest czasownik "
                    f"dokonany ({lemma}, a nie {other}): {change}."
                )
            return (
                f"{_w(trig)} wskazuje na jedną zakończoną czynność, więc potrzebny jest czasownik "
                f"dokonany ({lemma}, a nie {other}): {change}."
            )
        if ev == "imperf":
            return (
                f"Tu potrzebny jest czasownik niedokonany {lemma} (zwyczaj, czynność w toku), "
                f"a nie dokonany {other} (jedna zakończona czynność): {change}."
            )
        return (
            f"Tu potrzebny jest czasownik dokonany {lemma} (jedna zakończona czynność), "
            f"a nie niedokonany {other} (zwyczaj, czynność w toku): {change}."
        )
    if f.feature == "degree":
        return (
            f"Tu potrzebny jest {DEGREE_PL.get(ev, ev)}, a nie {DEGREE_PL.get(gv, gv)}: {change}."
        )
    return f"Właściwe słowo, ale zła forma: {change}."


def _agreement_pl(f: InflectionFacts, change: str) -> str:
    desc = describe(f.partner_desc, "pl")
    if f.detail == "collective":
        return (
            f"Dzieci liczymy liczebnikiem zbiorowym: *dwoje*, *troje*, *czworo* (nie "
            f"*dwa*, *trzy*, *cztery*), a rzeczownik po nim stoi "
            f"w dopełniaczu liczby mnogiej: {change}."
        )
    if f.detail == "learner":
        if f.learner_gender == "feminine":
            return f"Kobieta mówi o sobie w rodzaju żeńskim: {change}."
        if f.learner_gender == "masculine":
            return f"Mężczyzna mówi o sobie w rodzaju męskim: {change}."
        return f"To słowo opisuje osobę, o której mowa, i zgadza się z nią: {change}."
    if f.lemma in _CARDINALS and f.gender == "m1" and f.number == "pl" and f.feature == "gender":
        if f.expected.lower() in _MEN_NOMINATIVE:
            return (
                f"Gdy liczymy mężczyzn z czasownikiem w liczbie mnogiej, liczebnik ma formę "
                f"męskoosobową mianownika (*dwaj*, *trzej*, *czterej*, *obaj*), a rzeczownik "
                f"zostaje w mianowniku liczby mnogiej: {change}."
            )
        return (
            f"Gdy liczymy mężczyzn, liczebnik ma formę męskoosobową, a rzeczownik stoi "
            f"w dopełniaczu liczby mnogiej: {change}."
        )
    if f.joined_to:
        subject = f" {_w(f.trigger)}" if f.trigger else ""
        return (
            f"Ten przymiotnik, połączony z {_w(f.joined_to)}, zgadza się z tym samym "
            f"podmiotem{subject}: {change}."
        )
    if f.detail == "predicative" and f.trigger:
        return f"Przymiotnik zgadza się z podmiotem {_w(f.trigger)} ({desc}): {change}."
    if f.detail == "elided" and desc:
        return f"Przymiotnik opisuje podmiot, którego tu nie ma ({desc}): {change}."
    if f.trigger:
        return f"To słowo zgadza się z rzeczownikiem {_w(f.trigger)} ({desc}): {change}."
    return f"To słowo musi się zgadzać ze swoim rzeczownikiem: {change}."


def _tense_key(value: str, aspect: str | None) -> str:
    """A perfective verb's non-past form (*kupię*) is its future, not a present."""
    return "fin:perf" if value == "fin" and aspect == "perf" else value


def phrase(kind: PhraseKind, got: str, expected: str, lang: ExplainIn) -> str:
    """Why a word became a phrase the verb takes (a word added, or the verb another)."""
    change = _change(got, expected)
    if kind == "po_language":
        if lang == "pl":
            return (
                f"Mówimy, piszemy, rozumiemy *po polsku*, *po angielsku* (*po* i forma na -sku; "
                f"sam *polski* to język, który się zna albo którego się uczy): {change}."
            )
        return (
            f"You speak, write or understand *po polsku*, *po angielsku* (in Polish, in "
            f"English): *po* and the form in -sku (*polski* alone is the language you know or "
            f"learn): {change}."
        )
    if kind == "naming":
        if lang == "pl":
            return (
                f"Mówiąc, jak ktoś się nazywa, używamy *nazywać się* (z *się*); samo *nazywać* "
                f"znaczy nadawać komuś nazwę (*Nazywamy go Kubą*): {change}."
            )
        return (
            f"To say what someone is called, Polish uses *nazywać się* (with *się*); "
            f"*nazywać* alone means to name someone (*Nazywamy go Kubą*): {change}."
        )
    if kind == "waiting":
        if lang == "pl":
            return (
                f"Czasownik *czekać* łączy się z przyimkiem *na* i biernikiem (na kogo? na co?): "
                f"{change}."
            )
        return (
            f"The verb *czekać* (to wait) takes *na* and the Accusative for whom or what you "
            f"wait for: {change}."
        )
    if kind == "aching":
        if lang == "pl":
            return (
                f"Przy czasowniku *boleć* osoba, którą boli, stoi w bierniku (*boli mnie*, *boli "
                f"go*), a to, co boli, jest podmiotem w mianowniku (*boli mnie głowa*): {change}."
            )
        return (
            f"With *boleć* (to hurt) the person in pain is in the Accusative (*boli mnie*, *boli "
            f"go*) and what hurts is the subject, in the Nominative (*boli mnie głowa*): "
            f"{change}."
        )
    if kind == "feeling":
        if lang == "pl":
            return (
                f"O odczuciach wyrażanych słowami takimi jak *zimno*, *gorąco* czy *smutno* "
                f"mówimy z formą *jest* (*było*, *będzie*), a osoba, która je odczuwa, stoi w "
                f"celowniku "
                f"(*mi*, *ci*, *mu*, *jej*, *nam*, *wam*, *im*), jak w *Jest mi zimno*: {change}."
            )
        return (
            f"A feeling said with a word like *zimno*, *gorąco* or *smutno* takes *jest* (*było*, "
            f"*będzie*), and the person who feels it is in the Dative (*mi*, *ci*, *mu*, *jej*, "
            f"*nam*, *wam*, *im*), as in *Jest mi zimno* (I am cold): {change}."
        )
    if lang == "pl":
        return f"Wiek podajemy z czasownikiem *mieć*, nie *być* (*Mam dwadzieścia lat*): {change}."
    return (
        f"Age is said with *mieć* (to have), not *być*: *Mam dwadzieścia lat* (I am twenty): "
        f"{change}."
    )
