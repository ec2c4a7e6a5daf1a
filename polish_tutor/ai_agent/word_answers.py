"""Answers to a learner's question about one word ("co znaczy zamek?", "what does ksiazka
mean?", "odmień kawa"), in English or in Polish.

What a word means comes from the lessons' glossary when the word (or its dictionary form) is a
lesson word, and otherwise from the Polish–English dictionary (:mod:`polish_tutor.language.
dictionary`), found by the word, by its lemma, or by its spelling with Polish letters. How it
inflects comes from the engine's table (the page draws the whole table; the text gives its first
part)."""

from __future__ import annotations

from collections.abc import Mapping

from polish_tutor.ai_agent.word_questions import WordQuestion
from polish_tutor.language import LanguageEngine, UnknownWordError
from polish_tutor.language.dictionary import (
    Dictionary,
    Entry,
    Match,
    dictionary,
    lemmas_by_frequency,
)
from polish_tutor.language.inflect import localise
from polish_tutor.turn_types import TextPart

MAX_ENTRIES = 2
MAX_SENSES = 4
MAX_TRANSLATIONS = 4

PARTS_OF_SPEECH: dict[str, tuple[str, str]] = {
    "n": ("noun", "rzeczownik"),
    "v": ("verb", "czasownik"),
    "modal": ("verb", "czasownik"),
    "adj": ("adjective", "przymiotnik"),
    "participleAdjective": ("adjective", "przymiotnik"),
    "adv": ("adverb", "przysłówek"),
    "pn": ("proper noun", "nazwa własna"),
    "preposition": ("preposition", "przyimek"),
    "conjunction": ("conjunction", "spójnik"),
    "particle": ("particle", "partykuła"),
    "interjection": ("interjection", "wykrzyknik"),
    "pronoun": ("pronoun", "zaimek"),
    "personalPronoun": ("personal pronoun", "zaimek osobowy"),
    "possessiveAdjective": ("possessive pronoun", "zaimek dzierżawczy"),
    "indefinitePronoun": ("indefinite pronoun", "zaimek nieokreślony"),
    "interrogativePronoun": ("question word", "zaimek pytający"),
    "numeral": ("numeral", "liczebnik"),
    "cardinalNumeral": ("numeral", "liczebnik"),
    "indefiniteCardinalNumeral": ("numeral", "liczebnik"),
    "idiom": ("idiom", "związek frazeologiczny"),
    "proverb": ("proverb", "przysłowie"),
    "acronym": ("abbreviation", "skrótowiec"),
    "abbreviation": ("abbreviation", "skrót"),
    "prefix": ("prefix", "przedrostek"),
    "suffix": ("suffix", "przyrostek"),
}
# The source's labels a learner should see beside a sense (domains such as "medycyna" are left
# out), in English; in Polish the label itself is shown.
REGISTER_LABELS = {
    "potocznie": "colloquial",
    "książkowy": "literary",
    "przenośnie": "figurative",
    "przestarzałe": "archaic",
    "dawniej": "dated",
    "rzadki": "rare",
    "wulgarnie": "vulgar",
    "pejoratywnie": "pejorative",
    "pogardliwie": "derogatory",
    "obraźliwie": "offensive",
    "żartobliwie": "humorous",
    "slangowo": "slang",
    "środowiskowy": "jargon",
    "zdrobniale": "diminutive",
    "urzędowy": "official",
    "regionalizm": "regional",
    "gwara": "dialect",
    "podniośle": "elevated",
    "ironicznie": "ironic",
    "lekceważąco": "dismissive",
    "eufemistycznie": "euphemism",
    "poetycki": "poetic",
    "grubiański": "rude",
    "pieszczotliwie": "affectionate",
    "neologizm": "neologism",
}


def answer_word_question(
    question: WordQuestion,
    *,
    explain_in: str,
    engine: LanguageEngine | None,
    glossary: Mapping[str, str],
    words: Dictionary | None = None,
) -> str | None:
    """The reply to ``question`` as one text (see :func:`word_answer_parts`)."""
    parts = word_answer_parts(
        question, explain_in=explain_in, engine=engine, glossary=glossary, words=words
    )
    return None if parts is None else " ".join(part.text for part in parts)


def word_answer_parts(
    question: WordQuestion,
    *,
    explain_in: str,
    engine: LanguageEngine | None,
    glossary: Mapping[str, str],
    words: Dictionary | None = None,
) -> list[TextPart] | None:
    """The reply to ``question`` in parts with their language: in Polish, the English
    translations are an English part (not read in the Polish voice, not clickable); in English,
    the Polish words are marked *like this*. ``None`` when there is nothing to answer it with (an
    inflection question without the engine)."""
    polish = explain_in == "pl"
    if question.kind == "meaning":
        return _meaning(question.word, polish, engine, glossary, words)
    if engine is None:
        return None
    return _inflection(question.word, polish, engine)


def _pl(text: str) -> TextPart:
    return TextPart(text=text, lang="pl")


def _en(text: str) -> TextPart:
    return TextPart(text=text, lang="en")


def _unknown(word: str, polish: bool) -> list[TextPart]:
    if polish:
        return [_pl(f"Nie znam słowa „{word}”. Sprawdź pisownię i polskie litery.")]
    return [_en(f"I don't know the word {word!r}; check the spelling and the Polish letters.")]


def _meaning(
    word: str,
    polish: bool,
    engine: LanguageEngine | None,
    glossary: Mapping[str, str],
    words: Dictionary | None,
) -> list[TextPart]:
    lemmas = lemmas_by_frequency(word, engine) if engine is not None else []
    lemma = lemmas[0] if lemmas else None
    # the lessons' own gloss of the word, or of its most frequent lemma ("mam" is mieć, not mama)
    gloss = glossary.get(word.casefold())
    if gloss is None and lemma is not None:
        gloss = glossary.get(lemma.casefold())
    if gloss is not None:
        if polish:
            base = f" (forma podstawowa: {lemma})" if lemma else ""
            return [_pl(f"„{word}”{base} po angielsku:"), _en(f"{gloss}.")]
        base = f" (dictionary form: *{lemma}*)" if lemma else ""
        return [_en(f"*{word}*{base}: {gloss}.")]
    found = (words or dictionary()).lookup(word, engine)
    if found:
        return _entries(word, found, polish)
    if lemma is not None or (engine is not None and engine.is_known(word)):
        if polish:
            base = f" (forma podstawowa: {lemma})" if lemma else ""
            return [_pl(f"„{word}”{base} to polskie słowo, ale nie ma go w moim słowniku.")]
        base = f" (dictionary form: *{lemma}*)" if lemma else ""
        return [_en(f"*{word}*{base} is a Polish word, but it is not in my dictionary.")]
    return _unknown(word, polish)


def _entries(word: str, found: list[Match], polish: bool) -> list[TextPart]:
    parts: list[TextPart] = []
    shown: set[tuple[str, str]] = set()
    answered = 0
    for match in found:
        entry = match.entry
        kind = PARTS_OF_SPEECH.get(entry.part_of_speech, (entry.part_of_speech,) * 2)[polish]
        if (entry.headword, kind) in shown:
            continue
        shown.add((entry.headword, kind))
        senses = _senses(entry, polish)
        if not senses:
            continue
        answered += 1
        if not parts:
            parts += _first(word, match, kind, senses, polish)
        elif polish:
            parts += [_pl(f"Także: {entry.headword} ({kind}):"), _en(f"{senses}.")]
        else:
            parts.append(_en(f"Also: *{entry.headword}* ({kind}): {senses}."))
        if answered >= MAX_ENTRIES:
            break
    return parts or _unknown(word, polish)


def _first(word: str, match: Match, kind: str, senses: str, polish: bool) -> list[TextPart]:
    head = match.entry.headword
    spelled = match.form
    if match.found_by == "word" or head.casefold() == word.casefold():
        said = (f"„{head}” ({kind}) po angielsku:", f"*{head}* ({kind}):")
    elif match.found_by == "lemma":
        said = (
            f"„{word}” to forma słowa „{head}” ({kind}), po angielsku:",
            f"*{word}* is a form of *{head}* ({kind}):",
        )
    elif spelled.casefold() != head.casefold():  # "ksiazke" → książkę, a form of książka
        said = (
            f"„{word}” to z polskimi literami „{spelled}”, forma słowa „{head}” ({kind}), "
            "po angielsku:",
            f"{word} with its Polish letters is *{spelled}*, a form of *{head}* ({kind}):",
        )
    else:
        said = (
            f"„{word}” to z polskimi literami „{head}” ({kind}), po angielsku:",
            f"{word} with its Polish letters is *{head}* ({kind}):",
        )
    if polish:
        return [_pl(said[0]), _en(f"{senses}.")]
    return [_en(f"{said[1]} {senses}.")]


def _senses(entry: Entry, polish: bool) -> str:
    """The entry's senses, most useful first: "castle, palace; lock; zip (colloquial)"; a
    Polish label is marked as Polish (*potocznie*) in the English translations."""
    seen: set[str] = set()
    out: list[str] = []
    for sense in entry.senses:
        fresh = [t for t in sense.translations if t.casefold() not in seen]
        seen.update(t.casefold() for t in sense.translations)
        if not fresh:
            continue
        text = ", ".join(fresh[:MAX_TRANSLATIONS])
        labels = [
            f"*{label}*" if polish else REGISTER_LABELS[label]
            for label in sense.labels
            if label in REGISTER_LABELS
        ]
        if labels:
            text += f" ({', '.join(labels)})"
        out.append(text)
        if len(out) >= MAX_SENSES:
            break
    return "; ".join(out)


def _inflection(word: str, polish: bool, engine: LanguageEngine) -> list[TextPart]:
    try:
        table = localise(engine.inflect(word), "pl" if polish else "en")
    except UnknownWordError:
        return _unknown(word, polish)
    section = table.sections[0]
    columns = " | ".join(section.columns)
    if polish:
        rows = "; ".join(
            f"{row.label}: {' | '.join(cell or '–' for cell in row.cells)}" for row in section.rows
        )
        return [
            _pl(f"{table.lemma} ({table.part_of_speech}) — {section.title} ({columns}): {rows}.")
        ]
    rows = "; ".join(
        f"{row.label}: {' | '.join(f'*{cell}*' if cell else '–' for cell in row.cells)}"
        for row in section.rows
    )
    return [_en(f"*{table.lemma}* ({table.part_of_speech}) — {section.title} ({columns}): {rows}.")]
