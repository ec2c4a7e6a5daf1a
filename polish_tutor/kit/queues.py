"""The RQ queues a worker serves, in priority order: speech a learner waits for, speech made
ahead of time, then summaries."""

from __future__ import annotations

import contextlib
import os
from typing import Any

from redis import Redis
from rq import Queue, Worker

from polish_tutor.settings import Settings

# Work nobody waits for yet (speech made ahead of time, summaries) runs in a work-horse at this
# CPU niceness: on a busy machine it takes only what the API and the speech a learner waits
# for leave, instead of an equal share.
BACKGROUND_NICENESS = 10


def worker_queues(settings: Settings, connection: Redis) -> list[Queue]:
    """A learner waits for speech; nobody waits for a summary, so speech comes first."""
    return [
        Queue(settings.tts_queue, connection=connection),
        Queue(settings.tts_ahead_queue, connection=connection),
        Queue(settings.summary_queue, connection=connection),
    ]


def worker_class(settings: Settings, base: type[Worker] = Worker) -> type[Worker]:
    """``base`` (a forking RQ worker) whose work-horses for background queues yield the CPU."""
    background = {settings.tts_ahead_queue, settings.summary_queue}

    class TutorWorker(base):  # type: ignore[valid-type,misc]
        def main_work_horse(self, job: Any, queue: Queue) -> None:
            # In the forked work-horse only: the worker itself keeps its priority.
            if queue.name in background:
                with contextlib.suppress(OSError):
                    os.nice(BACKGROUND_NICENESS)
            super().main_work_horse(job, queue)

    return TutorWorker
