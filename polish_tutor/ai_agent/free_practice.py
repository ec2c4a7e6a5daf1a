"""Free practice with the offline tutor: a conversation a beginner can have.

The tutor asks open questions from the practice bank (``lessons/practice/*.yaml``: about the
learner — name, city, family, work, food, hobbies, yesterday, plans …, A1 to B1), checks every
answer with :meth:`LanguageEngine.check`, shows each correction with its reason, says the
corrected sentence aloud, and asks the next question on the topic; a correct answer gets
praise and a follow-up. Word questions ("co znaczy …", "odmień …") are answered on the way.

Where the learner is needs no new storage: ``LessonState.step_index`` is the current question's
place in the bank plus one (0: none asked yet), and ``attempts`` is 1 while a short follow-up
line ("Dlaczego?") waits for its answer. The level is the current question's; the learner
changes it ("A2", "trudniej", "easier") or the topic ("porozmawiajmy o jedzeniu", "topic:
work") at any time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from polish_tutor.ai_agent.schemas import (
    AgentReply,
    ConversationContext,
    Feedback,
    FeedbackIssue,
    LessonState,
    PromptRef,
    TextPart,
)
from polish_tutor.ai_agent.word_answers import word_answer_parts
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.language import Check, LanguageEngine
from polish_tutor.language.text import words
from polish_tutor.lessons.practice import LEVELS, PracticeBank, PracticeQuestion

Lang = Literal["pl", "en"]
PROMPT = PromptRef(id="local:free-practice", version="2", commit="builtin")
PRAISE = ("Świetnie!", "Bardzo dobrze!", "Brawo!", "Doskonale!", "Pięknie!", "Tak jest!")
MAX_EXPLAINED = 3  # corrections explained in one reply (the rest are in the feedback)

_START = frozenset(
    {"zaczynamy", "zacznijmy", "start", "cześć", "czesc", "hej", "dzień dobry", "dzien dobry"}
    | {"witaj", "siema", "hello", "hi", "hey", "good morning", "pytaj", "ask me"}
)
_SKIP = frozenset({"dalej", "pomiń", "pomin", "skip", "next", "inne pytanie", "następne"})
_HELP = frozenset({"pomoc", "help", "?", "podpowiedź", "podpowiedz", "hint"})
_REPEAT = frozenset({"powtórz", "powtorz", "repeat", "jeszcze raz", "again"})
_EASIER = frozenset({"łatwiej", "latwiej", "easier", "too hard", "za trudne"})
_HARDER = frozenset({"trudniej", "harder", "too easy", "za łatwe", "za latwe"})
_LEVEL = re.compile(r"^\s*(?:poziom|level)?\s*(a1|a2|b1)\s*[.!]*\s*$", re.IGNORECASE)
_TOPIC = re.compile(
    r"^\s*(?:temat|topic|porozmawiajmy\s+o|pogadajmy\s+o|let'?s\s+talk\s+about|talk\s+about"
    r"|zmień\s+temat\s+na|zmien\s+temat\s+na)\s*:?\s*(?P<topic>.+?)\s*[.!?]*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Turn:
    """What the tutor says: its parts, the line to answer next, and the new position."""

    parts: list[TextPart]
    line: str | None
    state: LessonState
    feedback: Feedback | None = None
    speech: str | None = None


class FreePractice:
    """The free-practice conversation (see the module's docstring)."""

    def __init__(self, bank: PracticeBank, engine: LanguageEngine) -> None:
        self._bank = bank
        self._engine = engine
        # topics in the order a first conversation takes (about you, then further out)
        self._topics = sorted(
            bank.topics,
            key=lambda t: _TOPIC_ORDER.index(t) if t in _TOPIC_ORDER else len(_TOPIC_ORDER),
        )
        self._order: list[PracticeQuestion] = [
            q for topic in self._topics for q in bank.topics[topic].questions
        ]

    def reply(self, context: ConversationContext, *, glossary: dict[str, str]) -> AgentReply:
        turn = self._turn(context, glossary)
        text = " ".join(p.text for p in turn.parts if p.text)
        return AgentReply(
            text=text,
            parts=turn.parts,
            next_dialogue=turn.line,
            feedback=turn.feedback,
            state=turn.state,
            prompt=PROMPT,
            speech=turn.speech if turn.speech is not None else _spoken(turn),
        )

    # -- one turn ------------------------------------------------------------------------
    def _turn(self, context: ConversationContext, glossary: dict[str, str]) -> _Turn:
        lang: Lang = "pl" if context.prefs.explain_in == "pl" else "en"
        gender = context.learner_gender
        message = context.message.strip()
        command = " ".join(words(message.casefold())) or message
        current = self._current(context.state)
        asked = self._asked(current, context.state, gender)

        question = word_question(message)
        if question is not None:  # a word question: answered, the learner's question stays
            answer = word_answer_parts(
                question, explain_in=lang, engine=self._engine, glossary=glossary
            )
            if answer is not None:
                return _Turn(answer, asked, context.state, speech="")
        if current is None or command in _START:
            before = [_say(lang, "Porozmawiajmy po polsku!", "Let's talk!")]
            feedback = None
            if command not in _START and len(words(message)) > 1:
                # a sentence before any question: checked all the same
                result = self._engine.check(message, explain_in=lang)
                feedback = _feedback(result)
                if result.issues:
                    before = self._corrections(result, lang)
            first = current or self._first(self._topic_asked(message) or None, "A1")
            turn = self._ask(first, gender, lang, before, intro=current is None)
            return _Turn(turn.parts, turn.line, turn.state, feedback, turn.speech)
        topic = self._topic_asked(message)
        if topic is not None:
            found = self._first(topic, current.level)
            if found is None:
                return self._stay(context, lang, asked, _say(lang, *_no_topic(self._titles(lang))))
            title = self._bank.topics[found.topic]
            said = _say(lang, f"Dobrze: {title.title_pl}.", f"All right: {title.title_en.lower()}.")
            return self._ask(found, gender, lang, [said])
        level = self._level_asked(command, current.level)
        if level is not None:
            found = self._first(current.topic, level) or self._first(None, level)
            if found is None:
                return self._stay(
                    context, lang, asked, _say(lang, "Nie mam już pytań.", "No more.")
                )
            said = _say(lang, f"Dobrze, poziom {level}.", f"All right, level {level}.")
            return self._ask(found, gender, lang, [said])
        if command in _SKIP:
            return self._ask(
                self._next(current), gender, lang, [_say(lang, "Dobrze.", "All right.")]
            )
        if command in _REPEAT:
            return _Turn([TextPart(text="Powtarzam:", lang="pl")], asked, context.state)
        if command in _HELP or message == "?":
            return _Turn(self._hints(current, lang), asked, context.state, speech="")
        if _DONT_KNOW.match(message):
            explained = self._dont_know(current, lang, gender)
            return _Turn(explained, asked, context.state, speech="")
        if self._engine.looks_english(message):
            ask = _say(lang, "Spróbuj odpowiedzieć po polsku.", "Try to answer in Polish.")
            return _Turn([ask, *self._hints(current, lang)], asked, context.state, speech="")
        return self._answered(context, current, message, lang)

    def _answered(
        self, context: ConversationContext, current: PracticeQuestion, message: str, lang: Lang
    ) -> _Turn:
        """An answer: corrected and explained, or praised; then a follow-up or the next
        question on the topic."""
        gender = context.learner_gender
        result = self._engine.check(message, explain_in=lang)
        feedback = _feedback(result)
        unknown = [
            w
            for w in words(result.corrected)
            if w.isalpha() and w.islower() and not self._engine.is_known(w)
        ]
        if not result.issues and unknown:  # nothing to correct, and nothing to praise either
            said = _say(
                lang,
                f"Nie znam słowa „{unknown[0]}”. Spróbuj powiedzieć to inaczej.",
                f"I don't know the word “{unknown[0]}”. Try to say it another way.",
            )
            return _Turn([said], self._asked(current, context.state, gender), context.state)
        if not result.issues:
            praise = TextPart(text=PRAISE[context.state.step_index % len(PRAISE)], lang="pl")
            line = None if context.state.attempts else self._follow_up_line(current)
            if line is not None:  # "Dlaczego?": the same question's follow-up line
                state = LessonState(step_index=context.state.step_index, attempts=1)
                return _Turn([praise], line, state, feedback)
            turn = self._ask(self._follow_up(current), gender, lang, [praise])
            return _Turn(turn.parts, turn.line, turn.state, feedback, turn.speech)
        turn = self._ask(self._next(current), gender, lang, self._corrections(result, lang))
        fixed = result.corrected.strip()
        speech = f"{fixed} {turn.line}" if turn.line else fixed  # the corrected sentence aloud
        return _Turn(turn.parts, turn.line, turn.state, feedback, speech)

    @staticmethod
    def _corrections(result: Check, lang: Lang) -> list[TextPart]:
        """The corrected sentence and the reason for each correction."""
        return [
            _say(lang, "Prawie! Powiedz tak:", "Nearly! Say it like this:"),
            TextPart(text=f"„{result.corrected.strip()}”", lang="pl"),
            *(TextPart(text=i.explanation, lang=lang) for i in result.issues[:MAX_EXPLAINED]),
        ]

    def _ask(
        self,
        question: PracticeQuestion | None,
        gender: str | None,
        lang: Lang,
        before: Sequence[TextPart],
        *,
        intro: bool = False,
    ) -> _Turn:
        if question is None:  # the bank is empty: nothing to ask
            return _Turn(list(before), None, LessonState(), speech="")
        parts = list(before)
        if intro:
            parts.append(
                _say(
                    lang,
                    "Zadam ci pytanie, a ty odpowiedz całym zdaniem. Poprawię błędy i wyjaśnię "
                    "dlaczego. Możesz też zapytać „co znaczy …?”, napisać „pomoc”, „dalej”, "
                    "„łatwiej” albo „trudniej”.",
                    "I'll ask you a question; answer in a whole sentence. I'll correct your "
                    "mistakes and say why. You can also ask “co znaczy …?”, or type “help”, "
                    "“skip”, “easier” or “harder”.",
                )
            )
        index = self._order.index(question)
        state = LessonState(step_index=index + 1)
        return _Turn(parts, question.asked(gender), state)

    def _stay(
        self, context: ConversationContext, lang: Lang, asked: str | None, said: TextPart
    ) -> _Turn:
        del lang
        return _Turn([said], asked, context.state, speech="")

    # -- the bank --------------------------------------------------------------------------
    def _current(self, state: LessonState) -> PracticeQuestion | None:
        index = state.step_index - 1
        return self._order[index] if 0 <= index < len(self._order) else None

    def _asked(
        self, current: PracticeQuestion | None, state: LessonState, gender: str | None
    ) -> str | None:
        """The line the learner is answering: the question, or its follow-up line."""
        if current is None:
            return None
        if state.attempts:
            return self._follow_up_line(current) or current.asked(gender)
        return current.asked(gender)

    def _first(self, topic: str | None, level: str) -> PracticeQuestion | None:
        """The first question of ``topic`` (any topic) at ``level``, else nearest below."""
        for wanted in reversed(LEVELS[: LEVELS.index(level) + 1]):
            found = next(
                (q for q in self._order if q.level == wanted and topic in (None, q.topic)), None
            )
            if found is not None:
                return found
        return None

    def _next(self, current: PracticeQuestion) -> PracticeQuestion | None:
        """The next question on the topic at the same level; after the last, the next topic's
        first at that level (round to the first topic after the last)."""
        index = self._order.index(current)
        later = self._order[index + 1 :] + self._order[: index + 1]
        same = [q for q in later if q.topic == current.topic and q.level == current.level]
        if same and self._order.index(same[0]) > index:
            return same[0]
        topics = self._topics
        start = topics.index(current.topic)
        for topic in topics[start + 1 :] + topics[: start + 1]:
            found = self._first(topic, current.level)
            if found is not None and found is not current:
                return found
        return current

    def _follow_up(self, current: PracticeQuestion) -> PracticeQuestion | None:
        """A follow-up question of the bank further on (so nothing is asked twice in a row),
        else the next question."""
        index = self._order.index(current)
        for item in self._bank.follow_ups(current):
            if item.question is not None and self._order.index(item.question) > index:
                return item.question
        return self._next(current)

    def _follow_up_line(self, current: PracticeQuestion) -> str | None:
        return next((f.line for f in self._bank.follow_ups(current) if f.line), None)

    def _hints(self, current: PracticeQuestion, lang: Lang) -> list[TextPart]:
        label = _say(lang, "Podpowiedź:", "Hint:")
        if not current.hints:
            sample = _say(lang, "Na przykład:", "For example:")
            return [label, sample, TextPart(text=current.sample_answer, lang="pl")]
        parts = [label]
        for n, hint in enumerate(current.hints):
            last = n == len(current.hints) - 1
            if lang == "en":
                parts.append(TextPart(text=hint.pl, lang="pl"))
                parts.append(TextPart(text=f"({hint.en})" + ("" if last else ","), lang="en"))
            else:
                parts.append(TextPart(text=hint.pl + ("" if last else ","), lang="pl"))
        return parts

    def _dont_know(
        self, current: PracticeQuestion, lang: Lang, gender: str | None
    ) -> list[TextPart]:
        """The question in English and an answer to start from."""
        if lang == "pl":  # the Polish words read in the Polish voice, the English not
            intro = [
                TextPart(text="Nie szkodzi. Po angielsku:", lang="pl"),
                TextPart(text=f"„{current.en}”", lang="en"),
            ]
        else:
            intro = [TextPart(text=f"No problem. In English: “{current.en}”", lang="en")]
        return [
            *intro,
            _say(lang, "Możesz zacząć tak:", "You could start like this:"),
            TextPart(text=current.sample(gender), lang="pl"),
        ]

    def _topic_asked(self, message: str) -> str | None:
        match = _TOPIC.match(message)
        if match is None:
            return None
        wanted = _stem(match["topic"])
        for name, topic in self._bank.topics.items():
            names = {name, *words(topic.title_pl.casefold())}
            names |= set(words(topic.title_en.casefold())) | _TOPIC_WORDS.get(name, set())
            if any(
                len(n) > 2 and (_stem(n) == wanted or wanted.startswith(_stem(n))) for n in names
            ):
                return name
        return ""  # asked for a topic the bank does not have

    def _titles(self, lang: Lang) -> str:
        return ", ".join(
            t.title_pl if lang == "pl" else t.title_en.lower() for t in self._bank.topics.values()
        )

    @staticmethod
    def _level_asked(command: str, current: str) -> str | None:
        match = _LEVEL.match(command)
        if match is not None:
            return match[1].upper()
        at = LEVELS.index(current)
        if command in _EASIER:
            return LEVELS[max(0, at - 1)]
        if command in _HARDER:
            return LEVELS[min(len(LEVELS) - 1, at + 1)]
        return None


_TOPIC_ORDER = (
    "name",
    "city",
    "family",
    "work",
    "food",
    "hobbies",
    "home",
    "weather",
    "yesterday",
    "plans",
    "travel",
    "health",
    "opinions",
)
_DONT_KNOW = re.compile(
    r"^\s*(?:nie\s+wiem|nie\s+rozumiem|nic\s+nie\s+rozumiem|nie\s+wiem,?\s+co\s+powiedzie[cć]"
    r"|i\s+don'?t\s+(?:know|understand)|i\s+do\s+not\s+(?:know|understand)|no\s+idea"
    r"|what\s+does\s+(?:that|it|this)\s+mean|co\s+to\s+znaczy)\s*[.!?…]*\s*$",
    re.IGNORECASE,
)
# Polish words for each topic a learner may use besides its title ("o jedzeniu").
_TOPIC_WORDS: dict[str, set[str]] = {
    "name": {"imię", "imieniu", "mnie", "sobie", "me"},
    "city": {"miasto", "mieście", "town"},
    "family": {"rodzina", "rodzinie"},
    "work": {"praca", "pracy", "job"},
    "food": {"jedzenie", "jedzeniu", "kuchnia", "kuchni"},
    "hobbies": {"hobby", "zainteresowania", "zainteresowaniach", "czas", "wolnym"},
    "yesterday": {"wczoraj", "wczorajszym"},
    "plans": {"plany", "planach", "przyszłości", "future"},
    "weather": {"pogoda", "pogodzie"},
    "travel": {"podróże", "podróżach", "wakacje", "wakacjach", "trips"},
    "health": {"zdrowie", "zdrowiu", "lekarz"},
    "home": {"dom", "domu", "mieszkanie", "mieszkaniu"},
    "opinions": {"opinie", "zdanie", "opinion"},
}


def _no_topic(titles: str) -> tuple[str, str]:
    return (f"Nie mam takiego tematu. Mam: {titles}.", f"I have no such topic. I have: {titles}.")


def _stem(word: str) -> str:
    return word.casefold().strip()[:5]


def _say(lang: Lang, polish: str, english: str) -> TextPart:
    return TextPart(text=polish, lang="pl") if lang == "pl" else TextPart(text=english, lang="en")


def _feedback(result: Check) -> Feedback:
    """The check as feedback on the learner's sentence: correct, only its Polish letters, or
    corrected."""
    if not result.issues:
        return Feedback(verdict="correct", expected=result.text)
    letters_only = all(i.type == "diacritics" for i in result.issues)
    return Feedback(
        verdict="acceptable" if letters_only else "incorrect",
        expected=result.corrected,
        issues=[FeedbackIssue.model_validate(i.to_dict()) for i in result.issues],
    )


def _spoken(turn: _Turn) -> str:
    """Only Polish is spoken: the Polish parts and the question."""
    said = [p.text for p in turn.parts if p.lang == "pl"]
    return " ".join([*said, turn.line or ""]).strip()
