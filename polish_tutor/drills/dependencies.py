from __future__ import annotations

import functools
from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import DbSession, Language, SettingsDep
from polish_tutor.drills.generator import DrillGenerator
from polish_tutor.drills.repository import DrillsRepository
from polish_tutor.drills.service import DrillsService, Signer, listening_sentence
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.progress.repository import ProgressRepository
from polish_tutor.review.repository import ReviewRepository
from polish_tutor.review.service import ReviewService


@functools.lru_cache(maxsize=4)
def drill_generator(engine: LanguageEngine) -> DrillGenerator:
    """One generator per engine, made on first use: it keeps the paradigms it has built and
    the sentences ``check`` has passed."""
    return DrillGenerator(engine)


async def get_drills_signer(settings: SettingsDep) -> Signer:
    """The signer of drill and listening tokens (keyed by the server's secret)."""
    return Signer(settings.secret)


DrillsSigner = Annotated[Signer, Depends(get_drills_signer)]


def token_sentence(lessons: LessonCatalog, signer: Signer, listening_token: str) -> str:
    """The sentence of a listening item, from its token (422 ``bad_token`` if damaged): the
    expected sentence of a recording that answers the item (POST /speech)."""
    return listening_sentence(lessons, signer, listening_token)


async def get_drills_service(
    session: DbSession, lessons: Lessons, language: Language, signer: DrillsSigner
) -> DrillsService:
    return DrillsService(
        DrillsRepository(session),
        ProgressRepository(session),
        ReviewService(ReviewRepository(session)),
        catalog=lessons,
        engine=language,
        generator=drill_generator(language),
        signer=signer,
    )


Drills = Annotated[DrillsService, Depends(get_drills_service)]
