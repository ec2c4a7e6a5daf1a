"""The RQ queues a speech worker serves, in priority order: speech a learner waits for, speech
made ahead of time, then summaries."""

from __future__ import annotations

from redis import Redis
from rq import Queue

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


def background_queues(settings: Settings) -> frozenset[str]:
    """The queues whose jobs nobody waits for yet."""
    return frozenset({settings.tts_ahead_queue, settings.summary_queue})
