"""The offline tutor: walks a lesson's dialogue, judges answers with the language engine,
hints patiently, and answers the few questions it honestly can outside a lesson."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from polish_tutor.ai_agent.free_practice import FreePractice
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext
from polish_tutor.ai_agent.spoken import say_again_reply, spoken_feedback
from polish_tutor.ai_agent.word_answers import answer_word_question, word_answer_parts
from polish_tutor.ai_agent.word_questions import word_question
from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import SlotKind
from polish_tutor.lessons.catalog import LessonCatalog, LoadedLesson
from polish_tutor.lessons.practice import PracticeBank
from polish_tutor.lessons.schemas import DialogueStep, Lesson
from polish_tutor.turn_types import Feedback, FeedbackIssue, LessonState, PromptRef, TextPart

Gender = Literal["feminine", "masculine"]


@dataclass(frozen=True, slots=True)
class StepAnswer:
    """A learner's answer to a lesson step, with what the step accepts besides its list."""

    accepted: Sequence[str]
    message: str
    explain_in: str = "en"
    learner_gender: Gender | None = None
    synonyms: Sequence[Sequence[str]] = ()
    slots: Mapping[str, SlotKind] = field(default_factory=dict)
    question: str | None = None  # the tutor's line the answer replies to
    open_needs: Sequence[Sequence[str]] = ()  # an open step: what its answer must say
    slot_classes: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    kept_aspect: Sequence[str] = ()  # verbs whose aspect the step asks for

    @classmethod
    def of(
        cls,
        lesson: Lesson,
        step: DialogueStep,
        message: str,
        explain_in: str,
        gender: Gender | None = None,
    ) -> StepAnswer:
        return cls(
            accepted=step.answers,
            message=message,
            explain_in=explain_in,
            learner_gender=gender,
            synonyms=[*step.synonyms, *lesson.synonyms],
            slots=dict(step.slots),
            question=step.tutor,
            open_needs=step.open,
            slot_classes=dict(step.slot_classes),
            kept_aspect=step.aspect,
        )


# Judges a learner's answer against a step.
AnswerJudge = Callable[[StepAnswer], Feedback]

SKIP_WORDS = frozenset({"dalej", "skip", "pomiń", "pomin"})
HELP_WORDS = frozenset({"pomoc", "help", "?", "podpowiedź", "podpowiedz", "hint"})
REPEAT_WORDS = frozenset({"powtórz", "powtorz", "repeat"})
PRAISE = ("Świetnie!", "Brawo!", "Bardzo dobrze!", "Doskonale!", "Super, tak jest!", "Pięknie!")
SLOWER = 0.75
CLOSING = "To koniec lekcji. Gratulacje!"
FULL_ANSWER_AFTER = 3  # tries, then the answer is shown whole and the learner types it


class _Unpunctuated(dict[int, str]):
    """``str.translate``'s table: a punctuation character (Unicode's P* or ASCII's) → a space,
    any other → itself. Filled as characters are met (each decided once, by the same test the
    character-by-character loop made); bounded: past ``_CHARS_KEPT`` characters a new one is
    decided each time it comes and not kept."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = " " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch
        if len(self) < _CHARS_KEPT:
            self[code] = out
        return out


_CHARS_KEPT = 4096  # distinct characters remembered (a few hundred in practice)
_UNPUNCTUATED = _Unpunctuated()


def normalise_answer(text: str) -> str:
    """Lower-case, drop punctuation, collapse spaces: what must match for an exact answer."""
    cleaned = unicodedata.normalize("NFC", text).casefold().translate(_UNPUNCTUATED)
    return " ".join(cleaned.split())


# A lesson step's accepted answers, normalised (a pure function of the text: the same answers
# are matched against every learner's message; bounded, least recently used out first).
_normalised_accepted = lru_cache(maxsize=4096)(normalise_answer)


# issues that say a word is another one, missing or extra: a different sentence, not a slip
_OTHER_WORDS = frozenset({"wrong_word", "missing_word", "extra_word", "word_order"})


def exact_judge(answer: StepAnswer) -> Feedback:
    """Accept an answer equal to an accepted one, ignoring case, punctuation and spacing."""
    accepted = answer.accepted
    given = normalise_answer(answer.message)
    match = next((a for a in accepted if _normalised_accepted(a) == given), None)
    if match is None:
        return Feedback(verdict="incorrect", expected=accepted[0] if accepted else None)
    return Feedback(verdict="correct", expected=match)


def engine_judge(engine: LanguageEngine) -> AnswerJudge:
    """Judge with the language engine: every difference named and explained (``Feedback``),
    with the step's synonyms and slots and the learner's gender."""

    def judge(answer: StepAnswer) -> Feedback:
        exact = exact_judge(answer)
        if exact.verdict == "correct" and _said_alike(engine, exact.expected, answer):
            return exact
        return engine_feedback(
            engine,
            list(answer.accepted),
            answer.message,
            answer.explain_in,
            learner_gender=answer.learner_gender,
            synonyms=answer.synonyms,
            slots=answer.slots,
            question=answer.question,
            open_needs=answer.open_needs,
            slot_classes=answer.slot_classes,
            kept_aspect=answer.kept_aspect,
        )

    return judge


def _said_alike(engine: LanguageEngine, match: str | None, answer: StepAnswer) -> bool:
    """Whether an answer equal to the accepted ``match`` (case, punctuation and spacing aside)
    is right as it stands, without the engine's comparison: always when the learner's gender is
    not given (either form is accepted); with it, when ``match`` says nothing of the speaker that
    depends on the gender (the learner's gender leaves it as it is, a memoised look-up). Such an
    answer is what the comparison would find correct, with ``match`` expected; a gendered one
    (*Byłem* for a woman) is compared."""
    gender = answer.learner_gender
    return gender is None or (match is not None and engine.gendered(match, gender) == match)


def engine_feedback(
    engine: LanguageEngine,
    expected: str | Sequence[str],
    answer: str,
    explain_in: str,
    *,
    learner_gender: Gender | None = None,
    synonyms: Sequence[Sequence[str]] = (),
    slots: Mapping[str, SlotKind] | None = None,
    question: str | None = None,
    open_needs: Sequence[Sequence[str]] = (),
    slot_classes: Mapping[str, str | Sequence[str]] | None = None,
    kept_aspect: Sequence[str] = (),
) -> Feedback:
    """The engine's comparison of ``answer`` with ``expected``, as :class:`Feedback`."""
    comparison = engine.compare(
        expected,
        answer,
        explain_in="pl" if explain_in == "pl" else "en",
        learner_gender=learner_gender,
        synonyms=synonyms,
        slots=dict(slots or {}),
        question=question,
        open_needs=open_needs,
        slot_classes=slot_classes,
        kept_aspect=kept_aspect,
    )
    return Feedback(
        verdict=comparison.verdict,
        expected=comparison.expected,
        issues=[FeedbackIssue.model_validate(issue.to_dict()) for issue in comparison.issues],
    )


class LocalDriver:
    name = "local"

    def __init__(
        self,
        judge: AnswerJudge = exact_judge,
        *,
        engine: LanguageEngine | None = None,
        lessons: LessonCatalog | None = None,
        practice: PracticeBank | None = None,
    ) -> None:
        self._judge = judge
        self._engine = engine
        self._glossary = _glossary(lessons) if lessons is not None else {}
        self._practice = (
            FreePractice(practice, engine) if practice is not None and engine is not None else None
        )

    async def complete(self, prompt: str, *, max_tokens: int) -> str | None:
        return None  # no model: a summary stays extractive

    async def aclose(self) -> None:
        return None

    def lesson_utterances(
        self, lesson: Lesson, speed: float, gender: str | None = None
    ) -> list[tuple[str, float]]:
        """What this driver may say aloud in the lesson to a learner of ``gender``, exactly,
        with the speed: the opening, each right answer's praise and next line, a retry, a
        hint's line and a slower repeat. Speech for these can be made before the learner needs
        it (the audio key matches)."""
        steps = lesson.dialogue
        said: dict[tuple[str, float], None] = {
            (opening_speech(steps[0], self._line(steps[0], _gender(gender))), speed): None
        }
        for index in range(len(steps)):
            said.update(dict.fromkeys(self.step_utterances(lesson, index, speed, gender)))
        return list(said)

    def step_utterances(
        self, lesson: Lesson, step_index: int, speed: float, gender: str | None = None
    ) -> list[tuple[str, float]]:
        """What a turn at step ``step_index`` may say aloud, exactly, with the speed: the right
        answer's praise and next line, a retry, a hint's line and a slower repeat (none once
        the lesson is over). The chat service has the hot state carry which of these are
        stored, so the next turn need not ask Redis (``ChatService.after_commit``)."""
        steps = lesson.dialogue
        if not 0 <= step_index < len(steps):
            return []
        learner = _gender(gender)
        step = steps[step_index]
        line = self._line(step, learner)
        following = (
            self._line(steps[step_index + 1], learner) if step_index + 1 < len(steps) else None
        )
        return [
            (advance_speech(praise_for(step_index), following), speed),
            (retry_speech(step, line), speed),
            (line, speed),
            (line, slower(speed)),
        ]

    async def reply(self, context: ConversationContext) -> AgentReply:
        if context.lesson is None:
            return self._free_practice(context)
        lesson = context.lesson
        prompt = PromptRef(
            id=f"lesson:{lesson.lesson.id}",
            version=str(lesson.lesson.version),
            commit=lesson.content_hash,
        )
        state = context.state
        steps = lesson.lesson.dialogue
        if state.completed or state.step_index >= len(steps):
            return AgentReply(
                text="Ta lekcja jest już skończona. Wybierz następną lekcję!",
                next_dialogue=None,
                feedback=None,
                state=LessonState(step_index=len(steps), completed=True),
                prompt=prompt,
            )
        step = steps[state.step_index]
        explain_in = context.prefs.explain_in
        gender = context.learner_gender
        command = normalise_answer(context.message)
        line = self._line(step, gender)

        if command in SKIP_WORDS:
            return self._advance(
                context,
                lesson,
                prompt,
                f"Dobrze, idziemy dalej. Odpowiedź: {self._model_answer(step, gender)}",
            )
        if command in HELP_WORDS or context.message.strip() == "?":
            hint = self._hint(step, state.attempts, explain_in, gender)
            return self._stay(context, prompt, [*_hint_parts(hint, explain_in)], line, speech=line)
        if command in REPEAT_WORDS or _REPEAT.match(context.message):
            return self._stay(
                context,
                prompt,
                [TextPart(text="Powtarzam, wolniej.", lang="pl")],
                line,
                speech=line,
                speech_speed=slower(context.prefs.speed),
            )
        asked = self._lesson_question(context, step, prompt, line)
        if asked is not None:  # a question, not an answer: no try is counted
            return asked

        answer = StepAnswer.of(lesson.lesson, step, context.message, explain_in, gender)
        feedback = self._judge(answer)
        if context.speech is not None:  # a spoken answer: judged as heard (ai_agent/spoken.py)
            feedback = spoken_feedback(feedback, context.message, context.speech, explain_in)
        if feedback.verdict in ("correct", "acceptable"):
            praise = praise_for(state.step_index)
            text = praise
            if feedback.verdict == "acceptable" and all(
                i.type == "word_order" for i in feedback.issues
            ):  # right, in another order: the note says so (no "we write it")
                text += f" Inny szyk też jest dobry: {feedback.expected or step.answers[0]}"
            elif feedback.verdict == "acceptable":
                text += f" Poprawnie piszemy: {feedback.expected or step.answers[0]}"
            return self._advance(context, lesson, prompt, text, feedback, spoken=praise)

        if context.is_new_session and state.step_index == 0 and state.attempts == 0:
            # The learner has not heard the first line yet: open the lesson instead of judging.
            return AgentReply(
                text=f"Cześć! Zaczynamy lekcję: {lesson.lesson.title}.",
                next_dialogue=line,
                feedback=None,
                state=state,
                prompt=prompt,
                speech=opening_speech(step, line),
            )
        if feedback.heard is not None and feedback.heard.say_again:  # no try counted
            return say_again_reply(line, feedback, state, prompt, explain_in)
        if self._engine is not None and self._engine.looks_english(context.message):
            # An answer in English: the tutor asks for Polish, with the hint, and counts no try.
            hint = self._hint(step, state.attempts, explain_in, gender)
            ask = "Spróbuj po polsku." if explain_in == "pl" else "Try it in Polish."
            return self._stay(
                context,
                prompt,
                [TextPart(text=ask, lang=_lang(explain_in)), *_hint_parts(hint, explain_in)],
                line,
                speech=retry_speech(step, line),
            )
        attempts = state.attempts + 1
        model = self._model_answer(step, gender)
        other = self._another_sentence(feedback, context.message, explain_in)
        if other is not None and attempts < FULL_ANSWER_AFTER:
            # A correct sentence, but not this step's: no word-by-word list of differences
            # (*z* is a different word, here we need *Dobrze* …) that would teach nothing.
            feedback = feedback.model_copy(update={"issues": []})
        if attempts >= FULL_ANSWER_AFTER:
            parts = [TextPart(text=f"Poprawna odpowiedź to: {model} Napisz ją, proszę.", lang="pl")]
            speech = f"Posłuchaj: {model} Teraz napisz to."
        else:
            parts = [TextPart(text="Jeszcze nie.", lang="pl")]
            if other is not None:
                parts.append(TextPart(text=other, lang=_lang(explain_in)))
            explanation = " ".join(issue.explanation for issue in feedback.issues[:2])
            if explanation:
                parts.append(TextPart(text=explanation, lang=_lang(explain_in)))
            parts += _hint_parts(self._hint(step, attempts - 1, explain_in, gender), explain_in)
            speech = retry_speech(step, line)
        return AgentReply(
            text=_joined(parts),
            parts=parts,
            next_dialogue=line,
            feedback=feedback,
            state=LessonState(step_index=state.step_index, attempts=attempts),
            prompt=prompt,
            speech=speech,
        )

    def _another_sentence(self, feedback: Feedback, message: str, explain_in: str) -> str | None:
        """What to say when the answer is correct Polish but another sentence than the step's
        (*Jestem z Kanady.* for *Dobrze, dziękuję.*): most of its words differ, none of them is
        a misspelt or misinflected form of the step's words, and ``check`` finds nothing
        wrong in it. None otherwise."""
        if self._engine is None or feedback.verdict != "incorrect":
            return None
        if any(issue.type not in _OTHER_WORDS for issue in feedback.issues):
            return None
        differing = len(feedback.issues)
        expected = len((feedback.expected or "").split())
        if differing < 2 or differing * 2 < max(expected, len(message.split())):
            return None
        if self._engine.check(message).issues:
            return None
        if explain_in == "pl":
            return "To poprawne zdanie, ale ten krok ćwiczy inną odpowiedź."
        return "That is correct Polish, but this step practises another answer."

    def _stay(
        self,
        context: ConversationContext,
        prompt: PromptRef,
        parts: list[TextPart],
        line: str,
        *,
        speech: str,
        speech_speed: float | None = None,
    ) -> AgentReply:
        """A reply that keeps the learner on the step: no try counted, no feedback."""
        return AgentReply(
            text=_joined(parts),
            parts=parts,
            next_dialogue=line,
            feedback=None,
            state=context.state,
            prompt=prompt,
            speech=speech,
            speech_speed=speech_speed,
        )

    def _lesson_question(
        self, context: ConversationContext, step: DialogueStep, prompt: PromptRef, line: str
    ) -> AgentReply | None:
        """Questions inside a lesson ("co znaczy …", "odmień …", "jak się mówi …", "nie
        rozumiem", and their English forms) are answered, and the learner stays on the step."""
        message, explain_in = context.message, context.prefs.explain_in
        lang = _lang(explain_in)
        question = word_question(message)
        if question is not None:
            answer = word_answer_parts(
                question, explain_in=explain_in, engine=self._engine, glossary=self._glossary
            )
            if answer is not None:
                return self._stay(context, prompt, answer, line, speech="")
        if _DONT_UNDERSTAND.match(message):
            hint = self._hint(step, context.state.attempts, explain_in, context.learner_gender)
            if explain_in == "pl":  # the Polish words read in the Polish voice, the gloss not
                intro = [
                    TextPart(text="Nie szkodzi. Po angielsku to znaczy:", lang="pl"),
                    TextPart(text=f"„{step.gloss}”", lang="en"),
                ]
            else:
                intro = [TextPart(text=f"No problem. In English: “{step.gloss}”", lang="en")]
            parts = [*intro, *_hint_parts(hint, explain_in)]
            return self._stay(context, prompt, parts, line, speech=line)
        how = _HOW_TO_SAY.match(message)
        if how is not None:
            phrase = how["phrase"].strip(" ?.!\"'„”“")
            found = self._how_to_say(phrase)
            if found is not None:  # the English phrase marked English, the Polish Polish
                said = (
                    [
                        TextPart(text=f"„{phrase}”", lang="en"),
                        TextPart(text=f"po polsku: {found}.", lang="pl"),
                    ]
                    if explain_in == "pl"
                    else [TextPart(text=f"“{phrase}” in Polish: *{found}*.", lang="en")]
                )
                return self._stay(context, prompt, said, line, speech="")
            if explain_in == "pl":
                text = f"Nie mam „{phrase}” w słowniczku lekcji. Spróbuj podpowiedzi: pomoc."
            else:
                text = f"“{phrase}” is not in the lessons' word lists. Try a hint: help."
            return self._stay(context, prompt, [TextPart(text=text, lang=lang)], line, speech="")
        return None

    def _how_to_say(self, phrase: str) -> str | None:
        """The lessons' Polish for an English word or phrase (from their vocabularies)."""
        key = phrase.casefold()
        for pl, en in self._glossary.items():
            if key in (g.strip() for g in en.casefold().replace(";", "/").split("/")):
                return pl
        return None

    def _line(self, step: DialogueStep, gender: Gender | None) -> str:
        """The tutor's line said to this learner: *Byłaś* to a woman, *Byłeś (byłaś)* when the
        learner's gender is not given."""
        if self._engine is None:
            return step.tutor
        return self._engine.gendered(step.tutor, gender, addressee=True)

    def _model_answer(self, step: DialogueStep, gender: Gender | None) -> str:
        if self._engine is None or gender is None:
            return step.answers[0]
        return self._engine.gendered(step.answers[0], gender)

    def _hint(
        self, step: DialogueStep, attempts: int, explain_in: str, gender: Gender | None
    ) -> TextPart:
        """Progressive hints, vaguest first, in the learner's language; past the last one,
        the expected answer itself (in the learner's gender)."""
        hints = step.hints_pl if explain_in == "pl" and step.hints_pl else step.hints
        if attempts < len(hints) - 1:
            return TextPart(text=hints[attempts], lang=_lang(explain_in))
        return TextPart(text=self._model_answer(step, gender), lang="pl")

    def _advance(
        self,
        context: ConversationContext,
        lesson: LoadedLesson,
        prompt: PromptRef,
        text: str,
        feedback: Feedback | None = None,
        *,
        spoken: str | None = None,
    ) -> AgentReply:
        steps = lesson.lesson.dialogue
        following = context.state.step_index + 1
        if following >= len(steps):
            return AgentReply(
                text=f"{text} {CLOSING}",
                next_dialogue=None,
                feedback=feedback,
                state=LessonState(step_index=len(steps), completed=True),
                prompt=prompt,
                speech=advance_speech(spoken or text, None),
            )
        line = self._line(steps[following], context.learner_gender)
        return AgentReply(
            text=text,
            next_dialogue=line,
            feedback=feedback,
            state=LessonState(step_index=following),
            prompt=prompt,
            speech=advance_speech(spoken or text, line),
        )

    def _free_practice(self, context: ConversationContext) -> AgentReply:
        """Outside a lesson: a conversation on the practice bank's questions
        (``ai_agent/free_practice.py``); without the bank or the engine, word questions only."""
        if self._practice is not None:
            return self._practice.reply(context, glossary=self._glossary)
        explain_in = context.prefs.explain_in
        text = self._answer_question(context.message, explain_in)
        if text is None:
            text = (
                "Bez lekcji umiem tylko wyjaśnić słowo: zapytaj „co znaczy kawa?” albo "
                "„odmień kawa”. Możesz też wybrać lekcję."
                if explain_in == "pl"
                else "Outside a lesson I can only explain a word: ask “what does kawa mean?” "
                "or “decline kawa”. Or pick a lesson."
            )
        return AgentReply(
            text=text,
            next_dialogue=None,
            feedback=None,
            state=context.state,
            prompt=PromptRef(id="local:free-practice", version="2", commit="builtin"),
            speech="",
        )

    def _answer_question(self, message: str, explain_in: str) -> str | None:
        question = word_question(message)
        if question is None:
            return None
        return answer_word_question(
            question, explain_in=explain_in, engine=self._engine, glossary=self._glossary
        )


def praise_for(step_index: int) -> str:
    """The praise for a right answer: varied, but the same for a step (so its audio is too)."""
    return PRAISE[step_index % len(PRAISE)]


def slower(speed: float) -> float:
    return max(0.5, round(speed * SLOWER, 2))


def opening_speech(step: DialogueStep, line: str | None = None) -> str:
    return f"Cześć! Zaczynamy. {line or step.tutor}"


def retry_speech(step: DialogueStep, line: str | None = None) -> str:
    return f"Jeszcze nie. Spróbuj jeszcze raz. {line or step.tutor}"


def advance_speech(spoken: str, following: DialogueStep | str | None) -> str:
    if isinstance(following, DialogueStep):
        following = following.tutor
    return f"{spoken} {following if following is not None else CLOSING}"


def _gender(gender: str | None) -> Gender | None:
    return "feminine" if gender == "feminine" else "masculine" if gender == "masculine" else None


def _lang(explain_in: str) -> Literal["pl", "en"]:
    return "pl" if explain_in == "pl" else "en"


def _joined(parts: Sequence[TextPart]) -> str:
    return " ".join(part.text for part in parts if part.text)


def _hint_parts(hint: TextPart, explain_in: str) -> list[TextPart]:
    label = "Podpowiedź:" if explain_in == "pl" else "Hint:"
    return [TextPart(text=label, lang=_lang(explain_in)), hint]


# What learners type when they do not understand or want the line again (any case, with or
# without a question mark; Polish letters optional).
_DONT_UNDERSTAND = re.compile(
    r"^\s*(?:nie\s+rozumiem|nic\s+nie\s+rozumiem|nie\s+wiem(?:\s+co\s+powiedzie[cć])?"
    r"|co\s+to\s+znaczy|co\s+to\s+jest|i\s+don'?t\s+understand|i\s+do\s+not\s+understand"
    r"|i\s+don'?t\s+know|what\s+does\s+(?:that|it|this)\s+mean|what\s+do\s+you\s+mean"
    r"|sorry|what|co|słucham|przepraszam,?\s+nie\s+rozumiem)\s*[.!?…]*\s*$",
    re.IGNORECASE,
)
_REPEAT = re.compile(
    r"^\s*(?:(?:czy\s+)?mo[żz]esz\s+powt[óo]rzy[ćc](?:\s+prosz[ęe])?|prosz[ęe]\s+powt[óo]rzy[ćc]"
    r"|powt[óo]rz(?:\s+prosz[ęe])?|jeszcze\s+raz(?:\s+prosz[ęe])?|wolniej(?:\s+prosz[ęe])?"
    r"|(?:can|could)\s+you\s+(?:repeat|say)\s+(?:that|it)(?:\s+again)?(?:\s+please)?"
    r"|(?:please\s+)?repeat(?:\s+that)?(?:\s+please)?|(?:please\s+)?say\s+it\s+again"
    r"|slower(?:\s+please)?|again(?:\s+please)?)\s*[.!?…]*\s*$",
    re.IGNORECASE,
)
_HOW_TO_SAY = re.compile(
    r"^\s*(?:jak\s+si[ęe]\s+m[óo]wi|jak\s+powiedzie[ćc]|how\s+do\s+(?:you|i)\s+say)"
    r"\s+(?P<phrase>.+?)(?:\s+(?:po\s+polsku|in\s+polish))?\s*\??\s*$",
    re.IGNORECASE,
)


def _glossary(lessons: LessonCatalog) -> dict[str, str]:
    return {item.pl.casefold(): item.en for lesson in lessons for item in lesson.vocabulary}
