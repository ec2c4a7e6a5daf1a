"""Form drills made from Morfeusz's paradigms: "put *siostra* after *z*" → *z siostrą*.

A drill tests one cell of the progress grid: a case with a noun's gender (case × gender, in the
singular or plural, sometimes with an adjective that must agree), a person of a verb (present,
simple future or past), or an aspect (the future of a perfective verb is one word, of an
imperfective *będę* + infinitive; a habit word asks for the imperfective of a pair). The learner
types the missing words; the frame around them is put back and the whole is judged with
``LanguageEngine.compare`` against every form the paradigm accepts.

A drill is fully described by its :class:`DrillSpec` (which word, which cell, which frame): the
spec travels signed with the drill and the expected answers are built again from it when the
answer comes back, so nothing is stored per drill and there is no limit to how many are made.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import Literal

from polish_tutor.drills.lexicon import GENDERS, Adjective, Lexicon, LexiconBuilder, Noun, Verb
from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import ExplainIn

DrillKind = Literal["case", "person", "aspect"]
CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
PERSONS = ("pri", "sec", "ter")
ASPECTS = ("imperf", "perf")
# Adjectives that sit well with any noun (a "green sister" does not): used to make a case
# drill test agreement too, when the learner has met them.
EVERYDAY_ADJECTIVES = ("duży", "mały", "nowy", "stary", "dobry", "ładny")
ADJECTIVE_SHARE = 0.3
PLURAL_SHARE = 0.35
PAST_SHARE = 0.3
ATTEMPTS = 12  # words tried for a cell before giving up on it
CHECKED_CACHE = 100_000
VOWELS = frozenset("aąeęioóuyAĄEĘIOÓUY")
_END_PUNCTUATION = ".!?…,;:"
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)

CASE_NAMES = {
    "en": {
        "nom": "the nominative",
        "gen": "the genitive",
        "dat": "the dative",
        "acc": "the accusative",
        "inst": "the instrumental",
        "loc": "the locative",
        "voc": "the vocative",
    },
    "pl": {
        "nom": "mianownik",
        "gen": "dopełniacz",
        "dat": "celownik",
        "acc": "biernik",
        "inst": "narzędnik",
        "loc": "miejscownik",
        "voc": "wołacz",
    },
}


@dataclass(frozen=True, slots=True)
class Frame:
    """The words around a case drill's gap, and what governs the case there."""

    id: str
    case: str
    before: str
    after: str
    trigger: str  # the word(s) that ask for the case, as the instruction names them
    numbers: tuple[str, ...] = ("sg", "pl")
    genders: tuple[str, ...] = GENDERS


FRAMES: tuple[Frame, ...] = (
    Frame("to-jest", "nom", "To jest", ".", "To jest", numbers=("sg",)),
    Frame("to-sa", "nom", "To są", ".", "To są", numbers=("pl",)),
    Frame("bez", "gen", "bez", "", "bez"),
    Frame("dla", "gen", "dla", "", "dla"),
    Frame("nie-ma", "gen", "Nie ma", ".", "Nie ma"),
    Frame("szukam", "gen", "Szukam", ".", "Szukam"),
    Frame("dzieki", "dat", "dzięki", "", "dzięki"),
    Frame("przygladam", "dat", "Przyglądam się", ".", "Przyglądam się"),
    Frame("widze", "acc", "Widzę", ".", "Widzę"),
    Frame("lubie", "acc", "Lubię", ".", "Lubię"),
    Frame("z", "inst", "z", "", "z"),
    Frame("przed", "inst", "przed", "", "przed"),
    Frame("mowie-o", "loc", "Mówię o", ".", "Mówię o"),
    Frame("przy", "loc", "przy", "", "przy"),
    # The vocative calls someone: only nouns for people (masculine personal) are sure to be.
    Frame("czesc", "voc", "Cześć,", "!", "Cześć", genders=("m1",)),
)
FRAME_BY_ID = {frame.id: frame for frame in FRAMES}


@dataclass(frozen=True, slots=True)
class Pronoun:
    word: str
    person: str
    number: str
    past_columns: tuple[str, ...]  # the past tense's columns the pronoun can take
    en: str


PRONOUNS: dict[str, Pronoun] = {
    p.word: p
    for p in (
        Pronoun("ja", "pri", "sg", ("m", "f"), "I"),
        Pronoun("ty", "sec", "sg", ("m", "f"), "you"),
        Pronoun("on", "ter", "sg", ("m",), "he"),
        Pronoun("ona", "ter", "sg", ("f",), "she"),
        Pronoun("my", "pri", "pl", ("m1", "other"), "we"),
        Pronoun("wy", "sec", "pl", ("m1", "other"), "you (plural)"),
        Pronoun("oni", "ter", "pl", ("m1",), "they (men or a mixed group)"),
        Pronoun("one", "ter", "pl", ("other",), "they (women or things)"),
    )
}


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the progress grid: ("case", "acc", "f"), ("person", "sec", ""), …"""

    feature: str
    value: str
    gender: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.feature, self.value, self.gender)


@dataclass(frozen=True, slots=True)
class DrillSpec:
    """Everything a drill is made from (signed into its id)."""

    kind: DrillKind
    word: str  # the noun's lemma, or the verb ("uczyć się")
    value: str  # the case, person or aspect asked for
    number: str  # sg or pl
    frame: str  # case: a Frame id; person: "present" or "past"; aspect: "future" or "habit"
    extra: str = ""  # case: an adjective's lemma (or ""); person and aspect: the pronoun

    def to_list(self) -> list[str]:
        return [self.kind, self.word, self.value, self.number, self.frame, self.extra]

    @classmethod
    def from_list(cls, data: Sequence[str]) -> DrillSpec:
        kind, word, value, number, frame, extra = data
        if kind not in ("case", "person", "aspect"):
            raise ValueError("unknown drill kind")
        return cls(kind, word, value, number, frame, extra)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Drill:
    spec: DrillSpec
    cell: Cell
    before: str  # the frame before the gap ("Nie ma", "z", "Ty")
    after: str  # after it (".", "")
    base: str  # what the learner puts in the gap, in its dictionary form
    gloss: str | None
    accepted: tuple[str, ...]  # whole sentences, the usual one first
    instruction: dict[str, str]  # by explanation language
    hint: dict[str, str]

    @property
    def expected(self) -> str:
        return self.accepted[0] if self.accepted else ""

    def fill(self, answer: str) -> str:
        """The sentence the learner made: their words in the gap, or their whole sentence
        when they typed the frame too."""
        typed = answer.strip().rstrip(_END_PUNCTUATION).strip()
        said = [w.lower() for w in _WORDS.findall(typed)]
        frame = [w.lower() for w in _WORDS.findall(self.before)]
        if frame and said[: len(frame)] == frame and len(said) > len(frame):
            return typed + self.after
        before = _before_gap(self.before, typed)
        return _join(before, typed, self.after)


def _join(before: str, gap: str, after: str) -> str:
    text = f"{before} {gap}".strip() if before else gap
    return text + after


def _needs_ze(word: str) -> bool:
    """*ze* before s, z, ś, ź, ż, sz, rz … followed by a consonant (ze szkołą, ze stołem,
    ze zdjęciem), and before *mn* (ze mną); *z* elsewhere (z siostrą, z szafą)."""
    low = word.lower()
    if low.startswith("mn"):
        return True
    for head in ("sz", "rz", "ś", "ź", "ż", "s", "z"):
        if low.startswith(head):
            rest = low[len(head) :]
            return bool(rest) and rest[0] not in VOWELS and rest[0].isalpha()
    return False


def _before_gap(before: str, gap: str) -> str:
    words = before.split(" ")
    if words and words[-1].lower() == "z" and gap and _needs_ze(gap.split(" ")[0]):
        words[-1] = "ze" if words[-1] == "z" else "Ze"
    return " ".join(words)


def _with_sie(phrase: str) -> list[str]:
    """A reflexive verb's *się* after the verb, or before it (*uczę się*, *się uczę*; *będę
    uczyć się*, *będę się uczyć*)."""
    words = phrase.split(" ")
    out = [f"{phrase} się", f"się {phrase}"]
    if len(words) == 2:
        out.insert(1, f"{words[0]} się {words[1]}")
    return out


def _em(base: str) -> str:
    """*duży* + *dom*: each word marked (the page shows them as Polish, sayable)."""
    return " + ".join(f"*{part}*" for part in base.split(" + "))


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return tuple(out)


class DrillGenerator:
    """Makes drills for a cell from a lexicon, and makes a drill again from its spec."""

    def __init__(self, engine: LanguageEngine, builder: LexiconBuilder | None = None) -> None:
        self.engine = engine
        self.builder = builder or LexiconBuilder(engine)
        self._checked: dict[str, bool] = {}
        self.rejected = 0  # drills dropped because check flagged their answer

    # ---- which cells a lexicon can drill --------------------------------------------------

    def cells(self, lexicon: Lexicon) -> set[Cell]:
        out: set[Cell] = set()
        for noun in lexicon.nouns:
            for frame in FRAMES:
                if noun.gender in frame.genders and any(
                    noun.form(frame.case, n) for n in frame.numbers
                ):
                    out.add(Cell("case", frame.case, noun.gender))
        if lexicon.verbs:
            out.update(Cell("person", p) for p in PERSONS)
        for verb in lexicon.verbs:
            out.add(Cell("aspect", verb.aspect))
            if self._partner(verb) is not None:
                out.add(Cell("aspect", "perf" if verb.aspect == "imperf" else "imperf"))
        return out

    # ---- making drills --------------------------------------------------------------------

    def make(self, cell: Cell, lexicon: Lexicon, rng: random.Random) -> Drill | None:
        """A drill for ``cell`` from ``lexicon``'s words (``None`` if none of them fits)."""
        for _ in range(ATTEMPTS):
            if cell.feature == "case":
                drill = self._case_drill(cell, lexicon, rng)
            elif cell.feature == "person":
                drill = self._person_drill(cell, lexicon, rng)
            elif cell.feature == "aspect":
                drill = self._aspect_drill(cell, lexicon, rng)
            else:
                return None
            if drill is None:
                return None
            if drill.accepted:
                return drill
            self.rejected += 1
        return None

    def _sound(self, sentence: str) -> bool:
        """``check`` finds nothing to correct in the sentence (remembered per sentence)."""
        known = self._checked.get(sentence)
        if known is None:
            known = not self.engine.check(sentence).issues
            if len(self._checked) >= CHECKED_CACHE:
                self._checked.clear()
            self._checked[sentence] = known
        return known

    def _case_drill(self, cell: Cell, lexicon: Lexicon, rng: random.Random) -> Drill | None:
        frames = [f for f in FRAMES if f.case == cell.value and cell.gender in f.genders]
        options: list[tuple[Noun, Frame, str]] = []
        for noun in lexicon.nouns:
            if noun.gender != cell.gender:
                continue
            for frame in frames:
                for number in frame.numbers:
                    if noun.form(frame.case, number):
                        options.append((noun, frame, number))
        if not options:
            return None
        # the nominative singular is the word as given: ask for the plural when there is one
        if cell.value == "nom" and any(n == "pl" for _noun, _f, n in options):
            options = [o for o in options if o[2] == "pl"]
        else:
            plural = rng.random() < PLURAL_SHARE
            wanted = [o for o in options if (o[2] == "pl") == plural]
            options = wanted or options
        noun, frame, number = rng.choice(options)
        adjective = ""
        everyday = [a for a in EVERYDAY_ADJECTIVES if lexicon.adjective(a) is not None]
        if everyday and noun.countable and frame.case != "voc" and rng.random() < ADJECTIVE_SHARE:
            adjective = rng.choice(everyday)
        spec = DrillSpec("case", noun.lemma, cell.value, number, frame.id, adjective)
        return self.build(spec)

    def _person_drill(self, cell: Cell, lexicon: Lexicon, rng: random.Random) -> Drill | None:
        if not lexicon.verbs:
            return None
        verb = rng.choice(lexicon.verbs)
        pronoun = rng.choice([p for p in PRONOUNS.values() if p.person == cell.value])
        tense = "past" if rng.random() < PAST_SHARE else "present"
        spec = DrillSpec("person", verb.name, cell.value, pronoun.number, tense, pronoun.word)
        return self.build(spec)

    def _aspect_drill(self, cell: Cell, lexicon: Lexicon, rng: random.Random) -> Drill | None:
        options: list[tuple[Verb, str]] = []
        for verb in lexicon.verbs:
            partner = self._partner(verb)
            chosen = verb if verb.aspect == cell.value else partner
            if chosen is None:
                continue
            options.append((chosen, "future"))
            imperfective = verb if verb.aspect == "imperf" else partner
            if cell.value == "imperf" and partner is not None and imperfective is not None:
                options.append((imperfective, "habit"))
        if not options:
            return None
        verb, kind = rng.choice(options)
        pronoun = rng.choice(list(PRONOUNS.values()))
        spec = DrillSpec("aspect", verb.name, verb.aspect, pronoun.number, kind, pronoun.word)
        return self.build(spec)

    def _partner(self, verb: Verb) -> Verb | None:
        """The verb's partner in the other aspect (the engine's table of pairs), if Morfeusz
        has every form of it."""
        for partner in self.engine.table.aspect_partner(verb.lemma, verb.reflexive):
            found = self.builder.verb(partner, verb.reflexive)
            if found is not None and found.aspect != verb.aspect:
                return found
        return None

    # ---- a drill from its spec ------------------------------------------------------------

    def build(self, spec: DrillSpec) -> Drill | None:
        """The drill ``spec`` describes, or ``None`` if it does not describe one. Its accepted
        answers are those ``check`` finds nothing wrong with; when it finds something wrong
        with the usual one (the expected answer), the drill has no accepted answer and is not
        given."""
        drill = self._build(spec)
        if drill is None:
            return None
        if not self._sound(drill.accepted[0]):
            return replace(drill, accepted=())
        return replace(drill, accepted=tuple(a for a in drill.accepted if self._sound(a)))

    def _build(self, spec: DrillSpec) -> Drill | None:
        if spec.kind == "case":
            return self._build_case(spec)
        verb = self._verb(spec.word)
        pronoun = PRONOUNS.get(spec.extra)
        if verb is None or pronoun is None:
            return None
        if spec.kind == "person":
            return self._build_person(spec, verb, pronoun)
        return self._build_aspect(spec, verb, pronoun)

    def _verb(self, name: str) -> Verb | None:
        lemma, _, sie = name.partition(" ")
        if sie not in ("", "się"):
            return None
        return self.builder.verb(lemma, sie == "się")

    def _build_case(self, spec: DrillSpec) -> Drill | None:
        frame = FRAME_BY_ID.get(spec.frame)
        noun = self.builder.noun(spec.word)
        if frame is None or noun is None or frame.case != spec.value:
            return None
        if spec.number not in frame.numbers or noun.gender not in frame.genders:
            return None
        if spec.extra and (frame.case == "voc" or not noun.countable):
            return None
        nouns = noun.form(frame.case, spec.number)
        adjective: Adjective | None = None
        if spec.extra:
            adjective = self.builder.adjective(spec.extra)
            if adjective is None:
                return None
        phrases: list[str] = list(nouns)
        base = noun.lemma
        if adjective is not None:
            adjectives = adjective.agreeing(frame.case, spec.number, noun.gender)
            phrases = [f"{a} {n}" for a, n in product(adjectives, nouns)]
            base = f"{adjective.lemma} + {noun.lemma}"
        if not phrases:
            return None
        accepted = _dedupe([_join(_before_gap(frame.before, p), p, frame.after) for p in phrases])
        plural = spec.number == "pl" and noun.form("nom", "sg")
        number_en = " in the plural" if plural else ""
        number_pl = " w liczbie mnogiej" if plural else ""
        case_en = CASE_NAMES["en"][frame.case]
        case_pl = CASE_NAMES["pl"][frame.case]
        trigger = frame.trigger
        if frame.case == "voc":
            instruction = {
                "en": f"Greet them: put {_em(base)}{number_en} after *{trigger}*.",
                "pl": f"Przywitaj się: wstaw {_em(base)}{number_pl} po *{trigger}*.",
            }
            hint = {
                "en": f"Calling someone: {case_en} (wołacz).",
                "pl": f"Gdy się do kogoś zwracamy: {case_pl}.",
            }
        else:
            instruction = {
                "en": f"Put {_em(base)}{number_en} after *{trigger}*.",
                "pl": f"Wstaw {_em(base)}{number_pl} po *{trigger}*.",
            }
            hint = {
                "en": f"After *{trigger}*: {case_en} ({case_pl}).",
                "pl": f"Po *{trigger}*: {case_pl}.",
            }
        return Drill(
            spec=spec,
            cell=Cell("case", frame.case, noun.gender),
            before=frame.before,
            after=frame.after,
            base=base,
            gloss=noun.gloss,
            accepted=accepted,
            instruction=instruction,
            hint=hint,
        )

    def _build_person(self, spec: DrillSpec, verb: Verb, pronoun: Pronoun) -> Drill | None:
        if spec.value != pronoun.person or spec.number != pronoun.number:
            return None
        if spec.frame == "past":
            forms = [
                form
                for column in pronoun.past_columns
                for form in verb.past.get((pronoun.person, pronoun.number, column), ())
            ]
            # *wczoraj* with a finished action (*Ja wczoraj przeczytałem*), not with a state
            # (*Oni mieszkali*)
            before = pronoun.word.capitalize()
            if verb.aspect == "perf":
                before += " wczoraj"
            tense_en, tense_pl = "the past tense", "czasie przeszłym"
        elif spec.frame == "present":
            forms = list(verb.finite.get((pronoun.person, pronoun.number), ()))
            if verb.aspect == "perf":  # a perfective verb's "present" speaks of the future
                before = f"{pronoun.word.capitalize()} jutro"
                tense_en, tense_pl = "the future tense", "czasie przyszłym"
            else:
                before = pronoun.word.capitalize()
                tense_en, tense_pl = "the present tense", "czasie teraźniejszym"
        else:
            return None
        accepted = self._verb_sentences(before, forms, verb)
        if not accepted:
            return None
        person_en = {"pri": "1st", "sec": "2nd", "ter": "3rd"}[pronoun.person]
        person_pl = {"pri": "1.", "sec": "2.", "ter": "3."}[pronoun.person]
        number_en = "singular" if pronoun.number == "sg" else "plural"
        number_pl = "pojedyncza" if pronoun.number == "sg" else "mnoga"
        return Drill(
            spec=spec,
            cell=Cell("person", pronoun.person),
            before=before,
            after=".",
            base=verb.name,
            gloss=verb.gloss,
            accepted=accepted,
            instruction={
                "en": f"Put *{verb.name}* in {tense_en} for *{pronoun.word}* ({pronoun.en}).",
                "pl": f"Odmień *{verb.name}* w {tense_pl}: *{pronoun.word}*.",
            },
            hint={
                "en": f"*{pronoun.word}*: the {person_en} person {number_en}.",
                "pl": f"*{pronoun.word}*: {person_pl} osoba, liczba {number_pl}.",
            },
        )

    def _build_aspect(self, spec: DrillSpec, verb: Verb, pronoun: Pronoun) -> Drill | None:
        if spec.value != verb.aspect or spec.number != pronoun.number:
            return None
        key = (pronoun.person, pronoun.number)
        capital = pronoun.word.capitalize()
        if spec.frame == "future":
            if verb.aspect == "perf":
                forms = list(verb.finite.get(key, ()))
                hint = {
                    "en": f"*{verb.name}* is perfective: its future is one word, without *będę*.",
                    "pl": f"*{verb.name}* jest dokonany: czas przyszły prosty, bez *będę*.",
                }
            else:
                forms = list(verb.future.get(key, ()))
                for column in pronoun.past_columns:
                    forms.extend(verb.future_past.get((*key, column), ()))
                hint = {
                    "en": f"*{verb.name}* is imperfective: *będę* + the infinitive "
                    "(or the past form).",
                    "pl": f"*{verb.name}* jest niedokonany: *będę* + bezokolicznik "
                    "(albo forma przeszła).",
                }
            before = f"{capital} jutro"
            base = verb.name
            instruction = {
                "en": f"Put *{verb.name}* in the future tense for *{pronoun.word}* ({pronoun.en}).",
                "pl": f"Odmień *{verb.name}* w czasie przyszłym: *{pronoun.word}*.",
            }
        elif spec.frame == "habit" and verb.aspect == "imperf":
            partner = self._partner(verb)
            if partner is None:
                return None
            forms = list(verb.finite.get(key, ()))
            before = f"{capital} codziennie"
            base = f"{verb.name} / {partner.name}"
            instruction = {
                "en": f"Choose *{verb.name}* or *{partner.name}* and put it in for "
                f"*{pronoun.word}* ({pronoun.en}).",
                "pl": f"Wybierz *{verb.name}* albo *{partner.name}* i odmień: *{pronoun.word}*.",
            }
            hint = {
                "en": "*codziennie* (every day) is a habit: the imperfective.",
                "pl": "*codziennie* to zwyczaj: aspekt niedokonany.",
            }
        else:
            return None
        accepted = self._verb_sentences(before, forms, verb)
        if not accepted:
            return None
        return Drill(
            spec=spec,
            cell=Cell("aspect", verb.aspect),
            before=before,
            after=".",
            base=base,
            gloss=verb.gloss,
            accepted=accepted,
            instruction=instruction,
            hint=hint,
        )

    @staticmethod
    def _verb_sentences(before: str, forms: Sequence[str], verb: Verb) -> tuple[str, ...]:
        phrases: list[str] = []
        for form in forms:
            phrases.extend(_with_sie(form) if verb.reflexive else [form])
        return _dedupe([_join(before, phrase, ".") for phrase in phrases])


def instruction_in(drill: Drill, lang: ExplainIn) -> tuple[str, str]:
    """(instruction, hint) in the learner's language."""
    key = "pl" if lang == "pl" else "en"
    return drill.instruction[key], drill.hint[key]
