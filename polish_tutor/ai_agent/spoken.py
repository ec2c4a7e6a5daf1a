"""A turn by voice: what the recogniser heard, judged without blaming the learner for it.

The language engine compares the transcript with the expected answer as it compares a typed
one. Then, because the words came from a recogniser and not from the learner's keyboard:

- Polish letters are the recogniser's spelling, not the learner's: diacritics issues go.
- A word the recogniser heard with low confidence (``probability < unclear_below``) is "not
  clear", never "wrong": its issues go, and the learner is asked to say it again. The
  probability comes from an alignment that does not see the expected sentence, so a word the
  prompt talked the decoder into is low here too.
- A misspelt-looking word (a typo to the engine) is another word heard: "I heard X, not Y".
- When fewer than half of the expected words were heard (as they are, or in another form of
  the same word), the learner said another sentence (or the recogniser failed): the tutor
  says what it heard and asks again, with no rule.

When the tutor asks again (words not clear, another sentence) the step counts no try: a
recognition error never costs a hint, and never yields a grammar lecture. Issues about words
heard clearly stay: that is the same patient feedback as when typing.
"""

from __future__ import annotations

import difflib
from collections import Counter

from polish_tutor.ai_agent.schemas import AgentReply
from polish_tutor.language.text import WORD_RE
from polish_tutor.turn_types import (
    Feedback,
    FeedbackIssue,
    Heard,
    HeardWord,
    LessonState,
    PromptRef,
    SpokenAnswer,
)

# Less than this share of the expected words heard (as they are, or in another form of the
# same word): another sentence was said, or the recogniser failed.
SAME_SENTENCE = 0.5


def heard_words(message: str, speech: SpokenAnswer) -> list[HeardWord]:
    """The message's words (as the engine counts them, so issue positions index them) with
    the recogniser's confidence; a word the recogniser did not give (the learner edited the
    transcript) counts as clear."""
    said = [m.group() for m in WORD_RE.finditer(message)]
    pieces: list[tuple[str, float | None]] = [
        (m.group(), word.probability) for word in speech.words for m in WORD_RE.finditer(word.word)
    ]
    out = [HeardWord(word=w, probability=None, clear=True) for w in said]
    matcher = difflib.SequenceMatcher(
        a=[w.casefold() for w in said], b=[p[0].casefold() for p in pieces], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            probability = pieces[block.b + k][1]
            clear = probability is None or probability >= speech.unclear_below
            out[block.a + k] = HeardWord(
                word=said[block.a + k], probability=probability, clear=clear
            )
    return out


def spoken_feedback(
    feedback: Feedback, message: str, speech: SpokenAnswer, explain_in: str
) -> Feedback:
    """The engine's feedback on a transcript, as feedback on what was heard (see above)."""
    words = heard_words(message, speech)
    unclear_at = {i for i, w in enumerate(words) if not w.clear}
    different = feedback.verdict == "incorrect" and _another_sentence(feedback, message)
    kept: list[FeedbackIssue] = []
    unclear: list[str] = []
    for issue in feedback.issues:
        if issue.type == "diacritics":
            continue
        if issue.position is not None and issue.position in unclear_at:
            if issue.got and issue.got not in unclear:
                unclear.append(issue.got)
            continue
        if issue.type == "typo":
            issue = issue.model_copy(
                update={"type": "wrong_word", "explanation": _heard_not(issue, explain_in)}
            )
        kept.append(issue)
    verdict = feedback.verdict
    if verdict == "acceptable" and not kept:
        verdict = "correct"  # only the letters differed: they were the recogniser's
    elif verdict == "incorrect" and not kept and not unclear and not different:
        verdict = "correct"  # only the recogniser's spelling differed
    say_again = verdict == "incorrect" and (different or (bool(unclear) and not kept))
    heard = Heard(
        transcript=speech.transcript,
        words=words,
        unclear=[w.word for w in words if not w.clear],
        say_again=say_again,
    )
    return Feedback(
        verdict=verdict,
        issues=[] if say_again else kept,
        expected=feedback.expected,
        heard=heard,
    )


def say_again_reply(
    line: str, feedback: Feedback, state: LessonState, prompt: PromptRef, explain_in: str
) -> AgentReply:
    """The tutor says what it heard and asks again; the step and its tries stay as they were."""
    heard = feedback.heard
    assert heard is not None
    said = heard.transcript.strip()
    if explain_in == "pl":
        if heard.unclear:
            ask = (
                f"Nie wszystko usłyszałem wyraźnie ({', '.join(heard.unclear)}). "
                "Powiedz to jeszcze raz, trochę wolniej, albo napisz."
            )
        else:
            ask = "To nie brzmi jak odpowiedź na to zdanie. Posłuchaj jeszcze raz i spróbuj znowu."
        text = f"Usłyszałem: „{said}”. {ask}"
    else:
        if heard.unclear:
            ask = (
                f"I did not hear every word clearly ({', '.join(heard.unclear)}). "
                "Say it again, a little slower, or type it."
            )
        else:
            ask = (
                "That does not sound like an answer to this line. "
                "Listen again and have another go, or type it."
            )
        text = f"I heard: „{said}”. {ask}"
    return AgentReply(
        text=text,
        next_dialogue=line,
        feedback=feedback,
        state=state,
        prompt=prompt,
        speech=line,
    )


def _another_sentence(feedback: Feedback, message: str) -> bool:
    expected = Counter(w.casefold() for w in WORD_RE.findall(feedback.expected or ""))
    if not expected:
        return False
    said = Counter(w.casefold() for w in WORD_RE.findall(message))
    heard = sum((expected & said).values())
    heard += sum(1 for issue in feedback.issues if issue.type == "inflection")
    return heard / sum(expected.values()) < SAME_SENTENCE


def _heard_not(issue: FeedbackIssue, explain_in: str) -> str:
    if explain_in == "pl":
        return f"Usłyszałem *{issue.got}*, a nie *{issue.expected}*."
    return f"I heard *{issue.got}*, not *{issue.expected}*."
