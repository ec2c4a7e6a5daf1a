"""What every LLM driver shares: the context it sends and how its answer becomes a reply.

``TurnPlanner.plan`` judges the learner's answer with the language engine first (in a lesson),
renders the system prompt from the prompt registry with the learner's level, lesson, current
line, accepted answers, that judgement and the session's running summary, and adds the
recent turns: the context is bounded however long the session is. ``TurnPlanner.finish``
turns the model's structured output into an :class:`AgentReply`: in a lesson the feedback, the
next line and the learner's progress come from the engine and the lesson, never from the model;
outside a lesson the feedback is built from the corrections the engine confirms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from polish_tutor.ai_agent.drivers.local import AnswerJudge, StepAnswer
from polish_tutor.ai_agent.grounding import CorrectionGrounder
from polish_tutor.ai_agent.prompts import PromptRegistry
from polish_tutor.ai_agent.resilience import OutputError
from polish_tutor.ai_agent.schemas import AgentReply, ConversationContext, TutorOutput
from polish_tutor.ai_agent.spoken import spoken_feedback
from polish_tutor.turn_types import Feedback, LessonState, PromptRef

TUTOR_PROMPT = "tutor"
REPAIR_PROMPT = "tutor-repair"
_LANGUAGES = {"en": "English", "pl": "Polish"}
_FENCE = re.compile(r"^\s*```(?:json)?\s*(?P<body>.*?)\s*```\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(slots=True)
class PlannedTurn:
    context: ConversationContext
    system: str
    messages: list[ChatMessage]
    prompt: PromptRef
    in_lesson: bool
    feedback: Feedback | None = None
    state: LessonState = field(default_factory=LessonState)
    next_line: str | None = None


def parse_tutor_output(content: str | None) -> TutorOutput:
    """Validate a model's text as the tutor's JSON object; ``OutputError`` says what is wrong."""
    if content is None or not content.strip():
        raise OutputError("the reply was empty")
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced is not None:  # servers that ignore json_schema often wrap JSON in a fence
        text = fenced["body"]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OutputError(f"it was not valid JSON ({exc.msg})") from None
    try:
        return TutorOutput.model_validate(data)
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) or "(root)" for e in exc.errors())
        raise OutputError(f"it did not match the schema (check: {fields})") from None


class TurnPlanner:
    def __init__(
        self, prompts: PromptRegistry, judge: AnswerJudge, grounder: CorrectionGrounder
    ) -> None:
        self.prompts = prompts
        self._judge = judge
        self.grounder = grounder

    def plan(self, context: ConversationContext) -> PlannedTurn:
        prompt = self.prompts.get(TUTOR_PROMPT)
        values = {
            "level": "A1 (no lesson chosen)",
            "explain_language": _LANGUAGES[context.prefs.explain_in],
            "lesson": "none: free conversation",
            "step_line": "none",
            "accepted_answers": "none",
            "judgement": "none (outside a lesson the engine checks your corrections)",
            "summary": context.summary or "none (the session has just begun)",
        }
        planned = PlannedTurn(
            context=context,
            system="",
            messages=[],
            prompt=prompt.ref,
            in_lesson=context.lesson is not None,
            state=context.state,
        )
        if context.lesson is not None:
            self._plan_lesson_step(planned, values)
        planned.system = prompt.render(**values)
        planned.messages = [ChatMessage("system", planned.system)]
        planned.messages += [
            ChatMessage("user" if turn.role == "learner" else "assistant", turn.text)
            for turn in context.recent_turns
        ]
        planned.messages.append(ChatMessage("user", context.message))
        return planned

    def _plan_lesson_step(self, planned: PlannedTurn, values: dict[str, str]) -> None:
        context = planned.context
        assert context.lesson is not None
        lesson = context.lesson.lesson
        steps = lesson.dialogue
        state = context.state
        values["level"] = lesson.level
        values["lesson"] = f"{lesson.title} ({lesson.id}): {lesson.description}"
        if state.completed or state.step_index >= len(steps):
            values["judgement"] = "the lesson is finished; congratulate and suggest the next one"
            planned.state = LessonState(step_index=len(steps), completed=True)
            return
        step = steps[state.step_index]
        values["step_line"] = step.tutor
        values["accepted_answers"] = " | ".join(step.answers)
        feedback = self._judge(
            StepAnswer.of(
                lesson, step, context.message, context.prefs.explain_in, context.learner_gender
            )
        )
        if context.speech is not None:  # a spoken answer: judged as heard (ai_agent/spoken.py)
            explain_in = context.prefs.explain_in
            feedback = spoken_feedback(feedback, context.message, context.speech, explain_in)
            if feedback.heard is not None and feedback.heard.say_again:  # no try counted
                planned.feedback = feedback
                planned.next_line = step.tutor
                unclear = ", ".join(feedback.heard.unclear)
                why = f"not clearly ({unclear})" if unclear else "not an answer to this line"
                values["judgement"] = (
                    f"not judged: the learner spoke and the recogniser heard {context.message!r}, "
                    f"{why}; say what you heard and ask them to say it again; explain no grammar"
                )
                return
        if feedback.verdict in ("correct", "acceptable"):
            planned.feedback = feedback
            following = state.step_index + 1
            if following >= len(steps):
                planned.state = LessonState(step_index=len(steps), completed=True)
                values["judgement"] = f"{feedback.verdict}; that was the last line of the lesson"
            else:
                planned.state = LessonState(step_index=following)
                planned.next_line = steps[following].tutor
                values["judgement"] = (
                    f"{feedback.verdict}; praise briefly, the next line is {planned.next_line!r}"
                )
            return
        planned.next_line = step.tutor
        if context.is_new_session and state.step_index == 0 and state.attempts == 0:
            values["judgement"] = "not an answer yet: greet the learner and open the lesson"
            return
        planned.feedback = feedback
        planned.state = LessonState(step_index=state.step_index, attempts=state.attempts + 1)
        problems = "; ".join(issue.explanation for issue in feedback.issues[:3])
        values["judgement"] = f"incorrect ({problems or 'not one of the accepted answers'})"

    def repair_message(self, problem: str) -> ChatMessage:
        return ChatMessage("user", self.prompts.get(REPAIR_PROMPT).render(problem=problem))

    def finish(self, planned: PlannedTurn, output: TutorOutput) -> AgentReply:
        context = planned.context
        grounded = self.grounder.ground(
            output.corrections, context.message, context.prefs.explain_in
        )
        if planned.in_lesson:
            feedback = planned.feedback
            next_dialogue = planned.next_line
        else:
            feedback = grounded.feedback
            next_dialogue = output.next_dialogue or None
        return AgentReply(
            text=output.text,
            next_dialogue=next_dialogue,
            feedback=feedback,
            state=planned.state,
            prompt=planned.prompt,
        )
