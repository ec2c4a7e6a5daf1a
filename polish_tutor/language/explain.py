"""Beginner-friendly explanations of issues, in English or Polish."""

from __future__ import annotations

from .types import ExplainIn

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
CASE_PL = {
    "nom": "mianownik",
    "gen": "dopełniacz",
    "dat": "celownik",
    "acc": "biernik",
    "inst": "narzędnik",
    "loc": "miejscownik",
    "voc": "wołacz",
}
_OBJECT_CASES = frozenset({"gen", "dat", "acc", "inst"})
NUMBER_EN = {"sg": "singular", "pl": "plural"}
NUMBER_PL = {"sg": "liczba pojedyncza", "pl": "liczba mnoga"}
NUMBER_PL_GEN = {"sg": "liczby pojedynczej", "pl": "liczby mnogiej"}
GENDER_EN = {
    "m1": "masculine (personal)",
    "m2": "masculine (animate)",
    "m3": "masculine (inanimate)",
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


def wrong_word(expected: str, got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"{_w(got)} to inne słowo. Tutaj potrzebne jest {_w(expected)}."
    return f"{_w(got)} is a different word. Here we need {_w(expected)}."


def missing_word(expected: str, after: str | None, lang: ExplainIn) -> str:
    if lang == "pl":
        where = f" po {_w(after)}" if after else " na początku"
        return f"Brakuje słowa {_w(expected)}{where}."
    where = f" after {_w(after)}" if after else " at the start"
    return f"A word is missing: add {_w(expected)}{where}."


def extra_word(got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Słowo {_w(got)} jest tu zbędne. Usuń je."
    return f"The word {_w(got)} is not needed here. Leave it out."


def word_order_swap(expected: str, got: str, lang: ExplainIn) -> str:
    if lang == "pl":
        return f"Szyk wyrazów: powinno być {_w(expected)}, nie {_w(got)}."
    return f"Word order: it should be {_w(expected)}, not {_w(got)}."


def word_order_moved(word: str, after: str | None, lang: ExplainIn) -> str:
    if lang == "pl":
        where = f"po {_w(after)}" if after else "na początku"
        return f"Słowo {_w(word)} stoi w złym miejscu. Powinno stać {where}."
    where = f"after {_w(after)}" if after else "at the start"
    return f"The word {_w(word)} is in the wrong place. It should come {where}."


def inflection(
    *,
    expected: str,
    got: str,
    feature: str | None,
    expected_value: str | None,
    got_value: str | None,
    trigger: str | None,
    trigger_kind: str | None,
    number: str | None,
    aspect: str | None,
    lang: ExplainIn,
) -> str:
    change = _change(got, expected)
    ev = expected_value or ""
    gv = got_value or ""
    if lang == "pl":
        return _inflection_pl(change, feature, ev, gv, trigger, trigger_kind, number, aspect)
    return _inflection_en(change, feature, ev, gv, trigger, trigger_kind, number, aspect)


def _tense_key(value: str, aspect: str | None) -> str:
    return "fin:perf" if value == "fin" and aspect == "perf" else value


def _inflection_en(
    change: str,
    feature: str | None,
    ev: str,
    gv: str,
    trigger: str | None,
    trigger_kind: str | None,
    number: str | None,
    aspect: str | None,
) -> str:
    if feature == "case" and ev in CASE_EN:
        name = CASE_EN[ev]
        got_name = CASE_EN.get(gv, gv)
        if trigger and trigger_kind == "prep":
            return f"After the preposition {_w(trigger)} this word takes the {name}: {change}."
        if trigger and trigger_kind == "verb" and ev in _OBJECT_CASES:
            return f"After {_w(trigger)} the object takes the {name}: {change}."
        if trigger and trigger_kind == "agree":
            return f"This word must agree with {_w(trigger)}, which is in the {name}: {change}."
        return f"Here the word must be in the {name}, not the {got_name}: {change}."
    if feature == "number":
        return f"Use the {NUMBER_EN.get(ev, ev)} here, not the {NUMBER_EN.get(gv, gv)}: {change}."
    if feature == "person":
        num = number or "sg"
        pron = PRONOUN.get((ev, num), "")
        hint = f" (as with {_w(pron)})" if pron else ""
        return (
            f"The verb must be in the {PERSON_EN.get(ev, ev)} {NUMBER_EN.get(num, '')}{hint}, "
            f"not the {PERSON_EN.get(gv, gv)}: {change}."
        )
    if feature == "gender":
        target = f" to match {_w(trigger)}" if trigger and trigger_kind == "agree" else ""
        return (
            f"Use the {GENDER_EN.get(ev, ev)} form{target}, "
            f"not the {GENDER_EN.get(gv, gv)}: {change}."
        )
    if feature == "tense":
        e_name = TENSE_EN.get(_tense_key(ev, aspect), ev)
        g_name = TENSE_EN.get(_tense_key(gv, aspect), gv)
        return f"Use the {e_name} here, not the {g_name}: {change}."
    if feature == "aspect":
        return (
            f"Use the {ASPECT_EN.get(ev, ev)} verb here, "
            f"not the {ASPECT_EN.get(gv, gv)} one: {change}."
        )
    if feature == "degree":
        return f"Use the {DEGREE_EN.get(ev, ev)} here, not the {DEGREE_EN.get(gv, gv)}: {change}."
    return f"Right word, wrong form: {change}."


def _inflection_pl(
    change: str,
    feature: str | None,
    ev: str,
    gv: str,
    trigger: str | None,
    trigger_kind: str | None,
    number: str | None,
    aspect: str | None,
) -> str:
    if feature == "case" and ev in CASE_PL_LOC:
        name = CASE_PL_LOC[ev]
        got_name = CASE_PL_LOC.get(gv, gv)
        if trigger and trigger_kind == "prep":
            return f"Po przyimku {_w(trigger)} to słowo stoi w {name} ({CASE_PL[ev]}): {change}."
        if trigger and trigger_kind == "verb" and ev in _OBJECT_CASES:
            return f"Po {_w(trigger)} dopełnienie stoi w {name} ({CASE_PL[ev]}): {change}."
        if trigger and trigger_kind == "agree":
            return f"To słowo musi się zgadzać z {_w(trigger)}, które jest w {name}: {change}."
        return f"Tu to słowo powinno być w {name}, nie w {got_name}: {change}."
    if feature == "number":
        return f"Tu potrzebna jest {NUMBER_PL.get(ev, ev)}, nie {NUMBER_PL.get(gv, gv)}: {change}."
    if feature == "person":
        num = number or "sg"
        pron = PRONOUN.get((ev, num), "")
        hint = f" (jak {_w(pron)})" if pron else ""
        return (
            f"Czasownik powinien być w {PERSON_PL.get(ev, ev)} {NUMBER_PL_GEN.get(num, '')}"
            f"{hint}, nie w {PERSON_PL.get(gv, gv)}: {change}."
        )
    if feature == "gender":
        target = f", zgodnie z {_w(trigger)}" if trigger and trigger_kind == "agree" else ""
        return (
            f"Potrzebny jest rodzaj {GENDER_PL.get(ev, ev)}{target}, "
            f"nie {GENDER_PL.get(gv, gv)}: {change}."
        )
    if feature == "tense":
        e_name = TENSE_PL.get(_tense_key(ev, aspect), ev)
        g_name = TENSE_PL.get(_tense_key(gv, aspect), gv)
        return f"Tu potrzebny jest {e_name}, nie {g_name}: {change}."
    if feature == "aspect":
        return (
            f"Tu potrzebny jest czasownik {ASPECT_PL.get(ev, ev)}, "
            f"nie {ASPECT_PL.get(gv, gv)}: {change}."
        )
    if feature == "degree":
        return f"Tu potrzebny jest {DEGREE_PL.get(ev, ev)}, nie {DEGREE_PL.get(gv, gv)}: {change}."
    return f"Dobre słowo, ale zła forma: {change}."
