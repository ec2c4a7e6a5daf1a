"""The guard's watchdog: one thread per worker run, that calls ``on_stuck`` for a job still
running past its deadline, and ends when the worker does."""

from __future__ import annotations

import threading
from collections.abc import Callable

from polish_tutor.worker.guard import Watchdog


def guard_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "job-guard"]


def recorder() -> tuple[list[str], threading.Event, Callable[[str], None]]:
    """The jobs reported stuck, an event set on each report, and the callback that records."""
    stuck: list[str] = []
    called = threading.Event()

    def on_stuck(job_id: str) -> None:
        stuck.append(job_id)
        called.set()

    return stuck, called, on_stuck


def test_a_job_past_its_deadline_is_reported_once_and_a_disarmed_one_never() -> None:
    stuck, called, on_stuck = recorder()
    watchdog = Watchdog(on_stuck)
    watchdog.arm("quick", 30)
    watchdog.disarm()
    watchdog.arm("stuck", 0.05)
    assert called.wait(10)
    watchdog.close()
    assert stuck == ["stuck"]


def test_the_thread_ends_when_the_worker_closes_it_and_a_new_run_starts_another() -> None:
    before = set(guard_threads())
    called = threading.Event()
    watchdog = Watchdog(lambda job_id: called.set())
    watchdog.arm("job", 30)
    started = set(guard_threads()) - before
    assert len(started) == 1
    watchdog.close()
    assert not any(thread.is_alive() for thread in started)
    watchdog.arm("again", 0.05)
    assert called.wait(10)
    watchdog.close()
    assert set(guard_threads()) <= before


def test_a_sooner_deadline_wakes_the_thread_and_a_later_one_is_seen_when_it_wakes() -> None:
    stuck, called, on_stuck = recorder()
    watchdog = Watchdog(on_stuck)
    watchdog.arm("long", 30)
    watchdog.arm("short", 0.05)  # sooner than the thread sleeps towards: it is woken
    assert called.wait(10)
    called.clear()
    watchdog.arm("first", 0.2)
    watchdog.arm("later", 0.4)  # later: no wake-up; at 0.2 s it sees this one and sleeps on
    assert called.wait(10)
    watchdog.close()
    assert stuck == ["short", "later"]
