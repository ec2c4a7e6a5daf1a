from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.kit.lifespan import provided
from polish_tutor.lessons.catalog import LessonCatalog

Lessons = Annotated[LessonCatalog, Depends(provided("lessons", LessonCatalog))]
