from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from polish_tutor.kit.lifespan import provided
from polish_tutor.sessions.hot import HotSessionStore

HotSessions = Annotated[HotSessionStore, Depends(provided("hot", HotSessionStore))]
