"""The RQ queues a speech worker serves, in priority order: speech a learner waits for, speech
made ahead of time, then summaries — split between the worker itself (what a learner waits
for) and its background process (what nobody waits for yet)."""

from __future__ import annotations

from typing import Literal

from redis import Redis
from rq import Queue

from polish_tutor.settings import Settings

# Work nobody waits for yet (speech made ahead of time, summaries a model writes) runs in the
# worker's background process at this CPU niceness: on a busy machine it takes only what the
# API and the speech a learner waits for leave, instead of an equal share.
BACKGROUND_NICENESS = 10

# Which of a speech worker's queues a process serves: the worker's own (what a learner waits
# for), its background process's, or all of them in one process (tests).
Serves = Literal["foreground", "background", "all"]


def worker_queues(
    settings: Settings, connection: Redis, *, serves: Serves = "all", model_summaries: bool = False
) -> list[Queue]:
    """A learner waits for speech; nobody waits for a summary, so speech comes first. With
    ``serves``, only the queues of the worker itself or of its background process
    (:func:`background_queues`)."""
    names = [settings.tts_queue, settings.tts_ahead_queue, settings.summary_queue]
    if serves != "all":
        background = background_queues(settings, model_summaries=model_summaries)
        names = [name for name in names if (name in background) == (serves == "background")]
    return [Queue(name, connection=connection) for name in names]


def background_queues(settings: Settings, *, model_summaries: bool) -> frozenset[str]:
    """The queues whose jobs nobody waits for yet and that run in the worker's background
    process: speech made ahead of time, and summaries when a model writes them
    (``model_summaries``).

    An extractive summary (the local driver: no model) is a fold of a few turns, a few
    milliseconds, no longer than a speech job: it runs in the worker itself, like speech. A
    summary written by a model waits seconds for it (up to its timeout, 120 s): in the worker
    it would hold back every learner's speech meanwhile, so it runs in the background
    process, at its lower priority."""
    if model_summaries:
        return frozenset({settings.tts_ahead_queue, settings.summary_queue})
    return frozenset({settings.tts_ahead_queue})
