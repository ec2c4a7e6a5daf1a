"""The RQ queues a worker serves, in priority order: speech a learner waits for, speech made
ahead of time, then summaries."""

from __future__ import annotations

from redis import Redis
from rq import Queue

from polish_tutor.settings import Settings


def worker_queues(settings: Settings, connection: Redis) -> list[Queue]:
    """A learner waits for speech; nobody waits for a summary, so speech comes first."""
    return [
        Queue(settings.tts_queue, connection=connection),
        Queue(settings.tts_ahead_queue, connection=connection),
        Queue(settings.summary_queue, connection=connection),
    ]
