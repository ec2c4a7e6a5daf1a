"""The RQ queues a speech worker serves, in priority order: speech a learner waits for, speech
made ahead of time, then summaries."""

from __future__ import annotations

from redis import Redis
from rq import Queue

from polish_tutor.settings import Settings

# Work nobody waits for yet (speech made ahead of time, summaries a model writes) runs in a
# work-horse at this CPU niceness: on a busy machine it takes only what the API and the speech
# a learner waits for leave, instead of an equal share.
BACKGROUND_NICENESS = 10


def worker_queues(settings: Settings, connection: Redis) -> list[Queue]:
    """A learner waits for speech; nobody waits for a summary, so speech comes first."""
    return [
        Queue(settings.tts_queue, connection=connection),
        Queue(settings.tts_ahead_queue, connection=connection),
        Queue(settings.summary_queue, connection=connection),
    ]


def background_queues(settings: Settings, *, model_summaries: bool) -> frozenset[str]:
    """The queues whose jobs nobody waits for yet and that run in a forked work-horse: speech
    made ahead of time, and summaries when a model writes them (``model_summaries``).

    An extractive summary (the local driver: no model) is a fold of a few turns, a few
    milliseconds — less than the fork and the work-horse's exit that would lower its priority
    (tens of milliseconds of CPU each), and no longer than a speech job: it runs in the worker
    itself, like speech. A summary written by a model waits seconds for it; that one keeps the
    work-horse and its lower priority."""
    if model_summaries:
        return frozenset({settings.tts_ahead_queue, settings.summary_queue})
    return frozenset({settings.tts_ahead_queue})
