"""The RQ entry point of speech synthesis (runs in ``polish-tutor worker``): the job's
arguments to :class:`~polish_tutor.tts.synthesis.SpeechSynthesis`, which the worker process
built once and bound here."""

from __future__ import annotations

from typing import Any

from rq.timeouts import JobTimeoutException

from polish_tutor.kit.job_context import Bound, job_request_id, retries_left
from polish_tutor.tts.queue import SpeechJob
from polish_tutor.tts.synthesis import TIMED_OUT, SpeechSynthesis

synthesis: Bound[SpeechSynthesis] = Bound("speech synthesis")


def synthesize_speech(
    audio_key: str, text: str, voice: str, speed: float, format: str, driver: str
) -> dict[str, Any]:
    """Synthesise, store and announce one audio (see :meth:`SpeechSynthesis.synthesize`).

    A synthesis that outlives the job's timeout is interrupted; on its last try the requests
    are closed as failed (``audio_failed``), else RQ tries again."""
    service = synthesis.get()
    job = SpeechJob(audio_key, text, voice, speed, format, driver)
    job_request_id()  # the turn's request id on this job's log lines
    left = retries_left(outside_rq=1)
    try:
        return service.synthesize(job, retries_left=left)
    except JobTimeoutException:
        if left > 0:
            raise
        service.give_up(job, TIMED_OUT)
        return {"status": "failed", "error": TIMED_OUT}


def synthesize_speech_lines(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Several lines in one job (see :meth:`SpeechSynthesis.synthesize_lines`): each line as
    :func:`synthesize_speech` makes it; the job's timeout is the line's times its lines.

    Interrupted by the timeout, the job is tried again (its lines made by then are found
    stored); on its last try the lines not made by then are closed as failed."""
    service = synthesis.get()
    jobs = [SpeechJob(**line) for line in lines]
    job_request_id()
    left = retries_left(outside_rq=1)
    return service.synthesize_lines(jobs, retries_left=left, interrupted=JobTimeoutException)


def give_up(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Close a stuck job's requests as failed (called by the worker's timeout guard, from
    another thread, when the job does not return after its timeout)."""
    synthesis.get().give_up(SpeechJob(*args, **kwargs), TIMED_OUT)


def give_up_lines(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """:func:`give_up` for a job of several lines: the lines it had not made (their requests
    still open) are closed as failed; the ones it made stay done."""
    lines = kwargs["lines"] if "lines" in kwargs else args[0]
    service = synthesis.get()
    for line in lines:
        service.give_up(SpeechJob(**line), TIMED_OUT)
