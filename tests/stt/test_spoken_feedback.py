"""How a spoken answer is judged (ai_agent/spoken.py) with the real language engine: words the
recogniser was unsure of are "not clear", never "wrong"; the recogniser's spelling is not the
learner's; another sentence is answered with what was heard, not with a rule."""

from __future__ import annotations

import pytest

from polish_tutor.ai_agent.drivers.local import StepAnswer, engine_judge
from polish_tutor.ai_agent.spoken import heard_words, spoken_feedback
from polish_tutor.state import language_engine
from polish_tutor.turn_types import Feedback, HeardWord, SpokenAnswer

ANSWERS = ["Poproszę kawę."]


def judged(transcript: str, *probabilities: float) -> Feedback:
    words = [
        HeardWord(word=word, probability=p)
        for word, p in zip(transcript.split(), probabilities, strict=True)
    ]
    speech = SpokenAnswer(transcript=transcript, words=words)
    typed = engine_judge(language_engine())(StepAnswer(ANSWERS, transcript, "en"))
    return spoken_feedback(typed, transcript, speech, "en")


def test_a_clearly_heard_mistake_gets_the_same_feedback_as_typed() -> None:
    feedback = judged("Poproszę kawa.", 0.9, 0.8)
    assert feedback.verdict == "incorrect"
    assert [issue.type for issue in feedback.issues] == ["inflection"]
    assert feedback.heard is not None and not feedback.heard.say_again
    assert feedback.heard.unclear == []


def test_an_unclear_word_is_not_clear_rather_than_wrong() -> None:
    feedback = judged("Poproszę kawa.", 0.9, 0.3)
    assert feedback.verdict == "incorrect"
    assert feedback.issues == []  # no rule about a word the tutor did not hear well
    assert feedback.heard is not None
    assert feedback.heard.say_again and feedback.heard.unclear == ["kawa"]
    assert [w.clear for w in feedback.heard.words] == [True, False]


def test_the_recognisers_letters_are_not_the_learners() -> None:
    feedback = judged("Poprosze kawe.", 0.9, 0.9)
    assert feedback.verdict == "correct" and feedback.issues == []


def test_another_sentence_is_heard_not_judged() -> None:
    feedback = judged("Daj mi malina.", 0.9, 0.9, 0.9)
    assert feedback.issues == []
    assert feedback.heard is not None and feedback.heard.say_again
    assert feedback.heard.transcript == "Daj mi malina."


def test_a_right_answer_is_right_even_where_the_recogniser_was_unsure() -> None:
    feedback = judged("Poproszę kawę.", 0.6, 0.1)
    assert feedback.verdict == "correct"
    assert feedback.heard is not None and feedback.heard.unclear == ["kawę"]


@pytest.mark.parametrize(
    ("message", "clear"),
    [("Poproszę kawę", [True, False]), ("Poproszę bardzo kawę", [True, True, False])],
)
def test_words_the_learner_typed_over_count_as_clear(message: str, clear: list[bool]) -> None:
    speech = SpokenAnswer(
        transcript="Poproszę kawę.",
        words=[
            HeardWord(word="Poproszę", probability=0.9),
            HeardWord(word="kawę.", probability=0.2),
        ],
    )
    assert [w.clear for w in heard_words(message, speech)] == clear
