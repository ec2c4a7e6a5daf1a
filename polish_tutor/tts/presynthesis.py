"""A lesson's lines are synthesised when a learner starts it, so that later turns find
their audio already made (a cache hit: ``/tts/status`` says ``finished`` at once).

The chat service starts it after the starting turn has committed (chat/service.py,
``ChatService.after_commit``); it runs in a task of its own with its own transaction: the turn
never waits for it, and a failure here costs only the head start.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from polish_tutor.kit.db import run_after_commit
from polish_tutor.kit.tasks import stop_if_cancelled, stop_tasks
from polish_tutor.lessons.catalog import LoadedLesson
from polish_tutor.lessons.schemas import Lesson
from polish_tutor.tts.service import SpeechService

log = logging.getLogger(__name__)

# The driver's exact utterances for a lesson at a speed, to a learner of a gender (None: not
# given): (text, speed) pairs.
LessonUtterances = Callable[[Lesson, float, str | None], list[tuple[str, float]]]
SpeechFactory = Callable[[AsyncSession], SpeechService]


class LessonPresynthesis:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        speech: SpeechFactory,
        utterances: LessonUtterances,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._speech = speech
        self._utterances = utterances
        # (lesson, content hash, voice, speed) already prepared by this process.
        self._prepared: set[tuple[str, str, str | None, float, str | None]] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def start(
        self,
        lesson: LoadedLesson,
        *,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        voice: str | None,
        speed: float,
        gender: str | None = None,
    ) -> None:
        """Prepare the lesson's audio in a task of its own (call it once the turn that starts
        the lesson has committed); once per process per lesson version, voice, speed and
        gender."""
        key = (lesson.lesson.id, lesson.content_hash, voice, round(speed, 2), gender)
        if key in self._prepared:
            return
        self._prepared.add(key)
        task = asyncio.create_task(
            self._prepare(key, lesson.lesson, user_id, session_id, voice, speed, gender),
            name=f"presynthesis:{lesson.lesson.id}",
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _prepare(
        self,
        key: tuple[str, str, str | None, float, str | None],
        lesson: Lesson,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        voice: str | None,
        speed: float,
        gender: str | None = None,
    ) -> None:
        try:
            async with self._sessionmaker() as session:
                # The learner owns the requests, so the status of these jobs is theirs to see.
                requested = await self._speech(session).request_ahead(
                    self._utterances(lesson, speed, gender),
                    voice=voice,
                    user_id=user_id,
                    session_id=session_id,
                )
                await session.commit()
            run_after_commit(session)  # wakes the relay
            log.info("presynthesis of %s: %d lines requested", lesson.id, requested)
        except Exception:
            # Only the head start is lost: each line is still synthesised when it is said.
            self._prepared.discard(key)
            stop_if_cancelled()
            log.warning("presynthesis of %s failed", lesson.id, exc_info=True)

    async def wait(self) -> None:
        """Until every preparation started so far has finished (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        await stop_tasks(self._tasks)
