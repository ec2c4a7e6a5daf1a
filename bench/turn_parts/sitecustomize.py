"""``turn_cpu.py --parts``: where a ``/chat`` turn's CPU goes, by the server's verdict (not a
test; imported at start-up by the served API only when ``TURN_PARTS_OUT`` is set, through
``PYTHONPATH``).

Wraps the methods of :data:`PARTS` to add up the CPU time of the calling thread (the event
loop's: ``time.thread_time``; the driver's and the speech relay's threads are not in it) spent
in each during a turn (``ChatService.handle_turn``, the turn's own work without the HTTP
stack), and files the turn's sums under its verdict (``opening``: a lesson opened, no
verdict; ``none``: another turn without one). Written as JSON to ``TURN_PARTS_OUT`` when the
server exits: for each verdict, each part's CPU per turn in seconds (0 where a turn did not
call it). An async part's time includes what the loop ran while it waited (one learner, no
concurrency: little else). The wrappers cost some CPU themselves (``turn_cpu.py``'s own
figures are a little higher with them).
"""

from __future__ import annotations

import os
import sys

PARTS = (
    ("polish_tutor.chat.service", "ChatService", "_answer"),
    ("polish_tutor.chat.service", "ChatService", "_store"),
    ("polish_tutor.ai_agent.drivers.local", "LocalDriver", "reply"),
    ("polish_tutor.ai_agent.drivers.local", "LocalDriver", "_another_sentence"),
    ("polish_tutor.language.engine", "LanguageEngine", "compare"),
    ("polish_tutor.language.engine", "LanguageEngine", "looks_english"),
    ("polish_tutor.language.engine", "LanguageEngine", "check"),
    ("polish_tutor.progress.service", "ProgressService", "record_turn"),
    ("polish_tutor.review.service", "ReviewService", "missed"),
    ("polish_tutor.review.service", "ReviewService", "add_lesson_cards"),
    ("polish_tutor.kit.batch", "WriteBatch", "execute"),
    ("polish_tutor.tts.service", "SpeechService", "prepare"),
)


def _install(out: str) -> None:
    import atexit
    import functools
    import importlib
    import inspect
    import json
    import time
    from typing import Any

    turn: dict[str, float] = {}
    by_verdict: dict[str, list[dict[str, float]]] = {}

    def timed(name: str, method: Any) -> Any:
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def part_async(*args: Any, **kwargs: Any) -> Any:
                start = time.thread_time()
                try:
                    return await method(*args, **kwargs)
                finally:
                    turn[name] = turn.get(name, 0.0) + time.thread_time() - start

            return part_async

        @functools.wraps(method)
        def part(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                turn[name] = turn.get(name, 0.0) + time.thread_time() - start

        return part

    for module, owner, name in PARTS:
        cls = getattr(importlib.import_module(module), owner)
        setattr(cls, name, timed(f"{owner}.{name}", getattr(cls, name)))

    from polish_tutor.chat.service import ChatService

    handle_turn = ChatService.handle_turn

    @functools.wraps(handle_turn)
    async def measured(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        turn.clear()
        start = time.thread_time()
        result = await handle_turn(self, request, *args, **kwargs)
        sums = {"handle_turn": time.thread_time() - start, **turn}
        feedback = getattr(result, "feedback", None)
        verdict = (
            feedback.verdict
            if feedback is not None
            else ("opening" if request.lesson_id else "none")
        )
        by_verdict.setdefault(verdict, []).append(sums)
        return result

    ChatService.handle_turn = measured  # type: ignore[method-assign]

    def write() -> None:
        with open(out, "w", encoding="utf-8") as sink:
            json.dump(by_verdict, sink)

    atexit.register(write)


if os.environ.get("TURN_PARTS_OUT") and "serve" in sys.argv:
    _install(os.environ["TURN_PARTS_OUT"])
