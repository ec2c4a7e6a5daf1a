"""Drills over HTTP: form drills on weak cells, listening, and the daily review session."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from polish_tutor.auth.dependencies import CurrentUser
from polish_tutor.dependencies import DbSession, Limiter, SettingsDep
from polish_tutor.drills.dependencies import Drills
from polish_tutor.drills.generator import ASPECTS, CASES, PERSONS, Cell
from polish_tutor.drills.lexicon import GENDERS
from polish_tutor.drills.schemas import (
    CardAnswerIn,
    CardResult,
    DailySession,
    DrillAnswerIn,
    DrillResult,
    DrillSet,
    ListeningIn,
    ListeningOut,
    ListeningResult,
)
from polish_tutor.kit.batch import WriteBatch
from polish_tutor.kit.errors import InvalidInput
from polish_tutor.kit.openapi import errors
from polish_tutor.tts.dependencies import Speech

router = APIRouter(prefix="/drills", tags=["drills"])

ExplainQuery = Annotated[Literal["en", "pl"], Query(description="language of the instructions")]
FeatureQuery = Annotated[
    Literal["case", "person", "aspect"] | None,
    Query(description="drill this cell instead of the weakest: its feature"),
]
ValueQuery = Annotated[
    str | None,
    Query(
        max_length=10, description="the cell's case (acc, inst …), person (pri, sec, ter) or aspect"
    ),
]
GenderQuery = Annotated[
    str | None, Query(max_length=4, description="a case cell's gender: m1 m2 m3 f n")
]


def requested_cell(feature: str | None, value: str | None, gender: str | None) -> Cell | None:
    """The cell a request names (all three of a case cell, feature and value of the others),
    or ``None`` when it names none."""
    if feature is None and value is None and gender is None:
        return None
    values = {"case": CASES, "person": PERSONS, "aspect": ASPECTS}.get(feature or "", ())
    if value not in values:
        raise InvalidInput(
            "Name a cell: feature=case with value (nom … voc) and gender (m1 m2 m3 f n), "
            "feature=person with value pri, sec or ter, or feature=aspect with imperf or perf.",
            code="invalid_cell",
        )
    assert feature is not None and value is not None
    if (feature == "case") != (gender in GENDERS):
        raise InvalidInput(
            "A case cell needs a gender (m1 m2 m3 f n); other cells take none.",
            code="invalid_cell",
        )
    return Cell(feature, value, gender or "")


@router.get("", response_model=DrillSet, responses=errors(422))
async def drill_set(
    user: CurrentUser,
    drills: Drills,
    count: Annotated[int, Query(ge=1, le=20, description="how many drills")] = 6,
    feature: FeatureQuery = None,
    value: ValueQuery = None,
    gender: GenderQuery = None,
    explain_in: ExplainQuery = "en",
) -> DrillSet:
    """Fresh form drills from the words of the learner's lessons, aimed at their weakest
    cells of the progress grid (case × gender, person, aspect), or at the cell named."""
    cell = requested_cell(feature, value, gender)
    return await drills.drill_set(user.user_id, count, explain_in, cell)


@router.post("/answer", response_model=DrillResult, responses=errors(422))
async def answer_drill(
    body: DrillAnswerIn, user: CurrentUser, drills: Drills, db: DbSession
) -> DrillResult:
    """Judge the words typed in a drill's gap (the frame is put back; typing the whole
    sentence works too); the result counts for the drill's cell."""
    batch = WriteBatch()
    out = await drills.answer_drill(user.user_id, body, batch)
    await batch.execute(db)
    return out


@router.post("/listening", response_model=ListeningOut, responses=errors(404, 429))
async def listening_item(
    user: CurrentUser, limiter: Limiter, settings: SettingsDep, drills: Drills, speech: Speech
) -> ListeningOut:
    """A sentence of the learner's lessons to hear and type: its speech is requested now
    (follow ``audio_job_id`` as for POST /tts); the text comes only with the answer."""
    await limiter.hit(
        "tts:user", str(user.user_id), limit=settings.tts_per_user, window=settings.rate_window
    )
    return await drills.listening(user.user_id, speech)


@router.post("/listening/answer", response_model=ListeningResult, responses=errors(422))
async def answer_listening(
    body: ListeningIn, _: CurrentUser, settings: SettingsDep, drills: Drills
) -> ListeningResult:
    """What the learner typed (or said: ``input: "speech"``) against what was said, with each
    word misheard."""
    return await drills.answer_listening(body, unclear_below=settings.stt_unclear_below)


@router.get("/daily", response_model=DailySession)
async def daily_session(
    user: CurrentUser,
    drills: Drills,
    cards: Annotated[int, Query(ge=0, le=50, description="due cards at most")] = 10,
    drill_count: Annotated[
        int, Query(alias="drills", ge=0, le=20, description="drills on weak cells")
    ] = 4,
    explain_in: ExplainQuery = "en",
) -> DailySession:
    """Today's review: the due cards, to type in Polish, with drills on the weakest cells."""
    return await drills.daily(user.user_id, cards, drill_count, explain_in)


@router.post("/daily/cards/{card_id}", response_model=CardResult, responses=errors(404, 422))
async def answer_card(
    card_id: uuid.UUID, body: CardAnswerIn, user: CurrentUser, drills: Drills
) -> CardResult:
    """Judge the Polish typed for a card; the verdict rates it for FSRS (right: good, right
    but for Polish letters: hard, wrong: again)."""
    return await drills.answer_card(user.user_id, card_id, body)
