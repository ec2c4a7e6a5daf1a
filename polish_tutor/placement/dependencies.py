from __future__ import annotations

import asyncio
import functools
from typing import Annotated

from fastapi import Depends

from polish_tutor.dependencies import DbSession, Language
from polish_tutor.language import LanguageEngine
from polish_tutor.lessons.catalog import LessonCatalog
from polish_tutor.lessons.dependencies import Lessons
from polish_tutor.placement.bank import PlacementBank
from polish_tutor.placement.repository import PlacementRepository
from polish_tutor.placement.service import PlacementService


@functools.lru_cache(maxsize=4)
def placement_bank(catalog: LessonCatalog, engine: LanguageEngine) -> PlacementBank:
    """The items of a catalogue, built on first use (a tenth of a second) and kept."""
    return PlacementBank.build(catalog, engine)


async def get_placement_service(
    session: DbSession, lessons: Lessons, language: Language
) -> PlacementService:
    bank = await asyncio.to_thread(placement_bank, lessons, language)
    return PlacementService(
        PlacementRepository(session), bank=bank, catalog=lessons, engine=language
    )


Placement = Annotated[PlacementService, Depends(get_placement_service)]
