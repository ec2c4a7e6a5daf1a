"""Drills over HTTP's logic: form drills aimed at the learner's weak cells, listening, and the
daily review session (due cards typed and judged, mixed with drills).

Drills and listening items are not stored: each travels as a signed token (HMAC with the
server's secret) that says what it is, and the expected answers are made again from it when
the answer comes back.
"""

from __future__ import annotations

import asyncio
import base64
import difflib
import hashlib
import hmac
import json
import random
import re
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from polish_tutor.ai_agent.schemas import FeedbackIssue
from polish_tutor.ai_agent.spoken import spoken_feedback
from polish_tutor.drills.generator import (
    CASE_NAMES,
    Cell,
    Drill,
    DrillGenerator,
    DrillSpec,
    instruction_in,
)
from polish_tutor.drills.lexicon import Lexicon
from polish_tutor.drills.repository import DrillsRepository
from polish_tutor.drills.schemas import (
    CardAnswerIn,
    CardResult,
    CellOut,
    DailyCard,
    DailyItem,
    DailySession,
    DrillAnswerIn,
    DrillOut,
    DrillResult,
    DrillSet,
    ListeningIn,
    ListeningOut,
    ListeningResult,
    Misheard,
)
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.errors import InvalidInput, NotFound
from polish_tutor.language import LanguageEngine
from polish_tutor.language.types import Comparison, ExplainIn
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.progress.repository import ProgressRepository
from polish_tutor.review.schemas import RatingName
from polish_tutor.review.service import ReviewService
from polish_tutor.tts.service import SpeechService
from polish_tutor.turn_types import Feedback, HeardWord, SpokenAnswer

STARTER_LESSONS = 3  # a learner who has met no lesson drills the first ones
AIMED_CELLS = 3  # a drill set practises this many of the weakest cells
LISTENING_SPEED = 0.9
CARDS_PER_DRILL = 2  # the daily session puts a drill after every two cards
REPEATS_PER_CELL = 4  # drills of a cell already in the set, before the cell is left out
GENDER_NAMES = {
    "m1": "masculine personal",
    "m2": "masculine animate",
    "m3": "masculine inanimate",
    "f": "feminine",
    "n": "neuter",
}
PERSON_NAMES = {"pri": "1st person", "sec": "2nd person", "ter": "3rd person"}
ASPECT_NAMES = {"imperf": "imperfective", "perf": "perfective"}
_CARD_PARTS = re.compile(r"[,/:;]|\(")


def cell_label(cell: Cell) -> str:
    """The cell in plain words: 'instrumental, feminine', '2nd person', 'perfective'."""
    if cell.feature == "case":
        case = CASE_NAMES["en"][cell.value].removeprefix("the ")
        return f"{case}, {GENDER_NAMES.get(cell.gender, cell.gender)}"
    if cell.feature == "person":
        return PERSON_NAMES.get(cell.value, cell.value)
    return ASPECT_NAMES.get(cell.value, cell.value)


def cell_out(cell: Cell, counts: dict[tuple[str, str, str], tuple[int, int]]) -> CellOut:
    correct, wrong = counts.get(cell.key, (0, 0))
    return CellOut(
        feature=cell.feature,
        value=cell.value,
        gender=cell.gender or None,
        label=cell_label(cell),
        correct=correct,
        wrong=wrong,
    )


def weakness(correct: int, wrong: int) -> float:
    """How well a cell is known, smoothed (a cell never practised is 0.5; lower is weaker)."""
    return (correct + 1) / (correct + wrong + 2)


def weakest(
    cells: Sequence[Cell],
    counts: dict[tuple[str, str, str], tuple[int, int]],
    rng: random.Random,
    many: int = AIMED_CELLS,
) -> list[Cell]:
    """The ``many`` weakest cells; among cells known equally, a random order."""
    shuffled = list(cells)
    rng.shuffle(shuffled)
    shuffled.sort(
        key=lambda c: (weakness(*counts.get(c.key, (0, 0))), -counts.get(c.key, (0, 0))[1])
    )
    return shuffled[:many]


class Signer:
    """Signed tokens for drills and listening items (``kind`` keeps one from passing for the
    other)."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"drills:" + secret).digest()

    def _mac(self, kind: str, body: bytes) -> str:
        digest = hmac.new(self._key, kind.encode() + b"." + body, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")

    def sign(self, kind: str, parts: Sequence[str]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).rstrip(b"=")
        return f"{body.decode()}.{self._mac(kind, body)}"

    def verify(self, kind: str, token: str) -> list[str]:
        body, _, mac = token.partition(".")
        expected = self._mac(kind, body.encode()).encode()
        if not body or not hmac.compare_digest(mac.encode("utf-8", "replace"), expected):
            raise InvalidInput(f"This {kind} token is not one the server made.", code="bad_token")
        try:
            parts = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError as exc:  # pragma: no cover - signed by us, so well formed
            raise InvalidInput(f"This {kind} token is damaged.", code="bad_token") from exc
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            raise InvalidInput(f"This {kind} token is damaged.", code="bad_token")
        return parts


def _issues(judged: Comparison) -> list[FeedbackIssue]:
    return [FeedbackIssue.model_validate(issue.to_dict()) for issue in judged.issues]


def card_answers(pl: str) -> list[str]:
    """What a review card accepts: the whole entry (*jabłko, jabłka*) or its first word or
    phrase (*jabłko*; *mówić* of *mówić: mówię, mówisz*)."""
    out = [pl.strip()]
    first = _CARD_PARTS.split(pl, maxsplit=1)[0].replace("…", "").strip()
    if first and first not in out:
        out.append(first)
    return out


def rating_for(verdict: str) -> RatingName:
    """FSRS's rating from the engine's verdict: right is good, right but for Polish letters or
    a slip is hard, wrong is again."""
    return {"correct": "good", "acceptable": "hard"}.get(verdict, "again")  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class ListeningSentence:
    lesson_id: str
    step: int
    text: str


def listening_sentences(lessons: Sequence[Lesson]) -> list[ListeningSentence]:
    """Sentences of the lessons' answers a learner can hear and type: not those with the
    learner's own name or place in them, and at least two words."""
    out: list[ListeningSentence] = []
    for lesson in lessons:
        for index, step in enumerate(lesson.dialogue):
            text = step.answers[0]
            if step.slots or len(text.split()) < 2:
                continue
            out.append(ListeningSentence(lesson.id, index, text))
    return out


def _spoken(text: str) -> list[str]:
    return [w for w in (word.strip(".,!?;:…\"'«»„”()–-") for word in text.split()) if w]


def misheard_words(said: str, heard: str) -> list[Misheard]:
    """The words typed otherwise than they were said, lined up word by word (capitals and
    punctuation aside): a word heard as another, one left out, one that was not said."""
    said_words, heard_words = _spoken(said), _spoken(heard)
    matcher = difflib.SequenceMatcher(
        a=[w.casefold() for w in said_words], b=[w.casefold() for w in heard_words], autojunk=False
    )
    out: list[Misheard] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        said_part, heard_part = said_words[a1:a2], heard_words[b1:b2]
        for index in range(max(len(said_part), len(heard_part))):
            out.append(
                Misheard(
                    heard=heard_part[index] if index < len(heard_part) else None,
                    said=said_part[index] if index < len(said_part) else None,
                )
            )
    return out


def listening_sentence(catalog: LessonCatalog, signer: Signer, token: str) -> str:
    """The sentence a listening item's signed token stands for (422 ``bad_token`` when the
    token is not one the server made, or its sentence left the course)."""
    parts = signer.verify("listening", token)
    if len(parts) != 2 or not parts[1].isdecimal():
        raise InvalidInput("This listening token is damaged.", code="bad_token")
    loaded = catalog.get(parts[0])
    step = int(parts[1])
    if loaded is None or step >= len(loaded.lesson.dialogue):
        raise InvalidInput("This sentence is no longer in the course.", code="bad_token")
    return loaded.lesson.dialogue[step].answers[0]


class DrillsService:
    def __init__(
        self,
        repository: DrillsRepository,
        progress: ProgressRepository,
        review: ReviewService,
        *,
        catalog: LessonCatalog,
        engine: LanguageEngine,
        generator: DrillGenerator,
        signer: Signer,
    ) -> None:
        self.repository = repository
        self.progress = progress
        self.review = review
        self.catalog = catalog
        self.engine = engine
        self.generator = generator
        self.signer = signer

    # ---- what the learner knows -----------------------------------------------------------

    async def lessons(self, user_id: uuid.UUID) -> list[Lesson]:
        """The lessons the learner has met, in course order (the first ones if none)."""
        met = await self.repository.lessons_met(user_id)
        lessons = [lesson for lesson in self.catalog if lesson.id in met]
        return lessons or list(self.catalog)[:STARTER_LESSONS]

    async def counts(self, user_id: uuid.UUID) -> dict[tuple[str, str, str], tuple[int, int]]:
        rows = await self.progress.features(user_id)
        return {(r.feature, r.value, r.gender): (r.correct, r.wrong) for r in rows}

    # ---- form drills ----------------------------------------------------------------------

    def _drill_out(
        self, drill: Drill, counts: dict[tuple[str, str, str], tuple[int, int]], lang: ExplainIn
    ) -> DrillOut:
        instruction, hint = instruction_in(drill, lang)
        return DrillOut(
            token=self.signer.sign("drill", drill.spec.to_list()),
            cell=cell_out(drill.cell, counts),
            instruction=instruction,
            hint=hint,
            before=drill.before,
            after=drill.after,
            base=drill.base,
            gloss=drill.gloss,
        )

    def _lexicon(self, lessons: Sequence[Lesson]) -> tuple[Lexicon, list[Cell]]:
        lexicon = self.generator.builder.for_lessons(lessons)
        return lexicon, sorted(self.generator.cells(lexicon), key=lambda c: c.key)

    def _make(
        self, lexicon: Lexicon, aimed: Sequence[Cell], count: int, rng: random.Random
    ) -> list[Drill]:
        drills: list[Drill] = []
        aimed = list(aimed)
        repeats: Counter[Cell] = Counter()
        while len(drills) < count and aimed:
            cell = aimed[len(drills) % len(aimed)]
            drill = self.generator.make(cell, lexicon, rng)
            if drill is not None and all(d.expected != drill.expected for d in drills):
                drills.append(drill)
                continue
            repeats[cell] += 1
            # a cell the words cannot drill, or whose few drills are all in the set already,
            # leaves the others to fill it
            if drill is None or repeats[cell] >= REPEATS_PER_CELL:
                aimed.remove(cell)
        return drills

    async def drill_set(
        self,
        user_id: uuid.UUID,
        count: int,
        lang: ExplainIn,
        cell: Cell | None = None,
        rng: random.Random | None = None,
    ) -> DrillSet:
        """``count`` fresh drills on the learner's weakest cells (or on ``cell``), from the
        words of the lessons they have met."""
        rng = rng or random.Random()
        lessons = await self.lessons(user_id)
        counts = await self.counts(user_id)
        # Paradigms not built yet come from Morfeusz: off the event loop.
        lexicon, drillable = await asyncio.to_thread(self._lexicon, lessons)
        if cell is not None:
            if cell not in drillable:
                raise InvalidInput(
                    f"The words of your lessons cannot drill {cell_label(cell)} yet.",
                    code="cell_not_drillable",
                )
            aimed = [cell]
        else:
            aimed = weakest(drillable, counts, rng)
        if not aimed:
            return DrillSet(aimed_at=[], drills=[])
        drills = await asyncio.to_thread(self._make, lexicon, aimed, count, rng)
        return DrillSet(
            aimed_at=[cell_out(c, counts) for c in aimed],
            drills=[self._drill_out(d, counts, lang) for d in drills],
        )

    def _judge_drill(
        self, spec: DrillSpec, answer: str, lang: ExplainIn
    ) -> tuple[Drill, Comparison, str]:
        drill = self.generator.build(spec)
        if drill is None or not drill.accepted:
            raise InvalidInput("This drill cannot be judged any more.", code="bad_token")
        sentence = drill.fill(answer)
        return drill, self.engine.compare(list(drill.accepted), sentence, explain_in=lang), sentence

    async def answer_drill(
        self, user_id: uuid.UUID, body: DrillAnswerIn, batch: WriteBatch
    ) -> DrillResult:
        """Judge the words typed in a drill's gap; the result counts for the drill's cell."""
        try:
            spec = DrillSpec.from_list(self.signer.verify("drill", body.token))
        except (TypeError, ValueError) as exc:
            raise InvalidInput("This drill token is damaged.", code="bad_token") from exc
        drill, judged, sentence = await asyncio.to_thread(
            self._judge_drill, spec, body.answer.strip(), body.explain_in
        )
        right = judged.verdict != "incorrect"
        self.progress.add_counts(batch, user_id, {drill.cell.key: (int(right), int(not right))})
        counts = await self.counts(user_id)
        correct, wrong = counts.get(drill.cell.key, (0, 0))
        cell = cell_out(drill.cell, {drill.cell.key: (correct + right, wrong + (not right))})
        return DrillResult(
            verdict=judged.verdict,
            expected=judged.expected,
            answer=sentence,
            issues=_issues(judged),
            cell=cell,
            accepted=list(drill.accepted),
        )

    # ---- listening --------------------------------------------------------------------------

    async def listening(
        self, user_id: uuid.UUID, speech: SpeechService, rng: random.Random | None = None
    ) -> ListeningOut:
        """A sentence of the learner's lessons to hear (its speech is requested now)."""
        rng = rng or random.Random()
        sentences = listening_sentences(await self.lessons(user_id))
        if not sentences:
            raise NotFound("There is no sentence to listen to yet.", code="nothing_to_hear")
        chosen = rng.choice(sentences)
        key = await speech.request(
            chosen.text, voice=None, speed=LISTENING_SPEED, user_id=user_id, private=False
        )
        return ListeningOut(
            token=self.signer.sign("listening", [chosen.lesson_id, str(chosen.step)]),
            audio_job_id=key,
            words=len(chosen.text.split()),
            lesson_id=chosen.lesson_id,
        )

    async def answer_listening(self, body: ListeningIn, *, unclear_below: float) -> ListeningResult:
        """What the learner typed (or said) against what was said: each word misheard.

        A spoken answer is the recogniser's transcript, judged by the same engine and then
        read as a turn by voice is (``ai_agent.spoken``): its letters are the recogniser's, and
        a word heard with probability below ``unclear_below`` is "not clear", never wrong."""
        sentence = listening_sentence(self.catalog, self.signer, body.token)
        answer = body.answer.strip()
        judged = await asyncio.to_thread(
            self.engine.compare, sentence, answer, explain_in=body.explain_in
        )
        feedback = Feedback(
            verdict=judged.verdict, issues=_issues(judged), expected=judged.expected
        )
        if body.input == "speech":
            spoken = SpokenAnswer(
                transcript=answer,
                words=[HeardWord(word=w.word, probability=w.probability) for w in body.words],
                unclear_below=unclear_below,
            )
            feedback = spoken_feedback(feedback, answer, spoken, body.explain_in)
        return ListeningResult(
            verdict=feedback.verdict,
            expected=judged.expected,
            answer=answer,
            issues=feedback.issues,
            misheard=misheard_words(sentence, answer),
            heard=feedback.heard,
        )

    # ---- the daily session ----------------------------------------------------------------

    async def daily(
        self,
        user_id: uuid.UUID,
        cards: int,
        drills: int,
        lang: ExplainIn,
        rng: random.Random | None = None,
    ) -> DailySession:
        """Due cards (to type) with drills on weak cells, a drill after every two cards."""
        due = await self.review.due(user_id, cards)
        drill_set = await self.drill_set(user_id, drills, lang, rng=rng) if drills else None
        queue = list(drill_set.drills) if drill_set else []
        items: list[DailyItem] = []
        for index, card in enumerate(due, start=1):
            items.append(
                DailyItem(
                    kind="card",
                    card=DailyCard(card_id=card.card_id, en=card.en, lesson_id=card.lesson_id),
                )
            )
            if index % CARDS_PER_DRILL == 0 and queue:
                items.append(DailyItem(kind="drill", drill=queue.pop(0)))
        items.extend(DailyItem(kind="drill", drill=drill) for drill in queue)
        return DailySession(
            items=items,
            due_cards=len(due),
            aimed_at=drill_set.aimed_at if drill_set else [],
        )

    async def answer_card(
        self, user_id: uuid.UUID, card_id: uuid.UUID, body: CardAnswerIn
    ) -> CardResult:
        """Judge the Polish typed for a card's English; the verdict rates the card for FSRS."""
        card = await self.review.repository.get(card_id, user_id)
        if card is None:
            raise NotFound("There is no such card.", code="card_not_found")
        answer = body.answer.strip()
        judged = await asyncio.to_thread(
            self.engine.compare, card_answers(card.pl), answer, explain_in=body.explain_in
        )
        rating = rating_for(judged.verdict)
        reviewed = await self.review.review(user_id, card_id, rating)
        return CardResult(
            verdict=judged.verdict,
            expected=judged.expected,
            answer=answer,
            issues=_issues(judged),
            rating=rating,
            due=reviewed.due,
        )
