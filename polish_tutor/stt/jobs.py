"""The RQ entry point of transcription (runs in ``polish-tutor worker --stt``): the job's
argument to :class:`~polish_tutor.stt.transcription.Transcription`, which the worker process
built once (the model loaded) and bound here."""

from __future__ import annotations

from typing import Any

from rq.timeouts import JobTimeoutException

from polish_tutor.kit.job_context import Bound, job_request_id, retries_left
from polish_tutor.stt.transcription import TIMED_OUT, Transcription

transcription: Bound[Transcription] = Bound("transcription")


def transcribe_speech(recognition_id: str) -> dict[str, Any]:
    """Transcribe one recording (see :meth:`Transcription.transcribe`); one that outlives the
    job's timeout ends the request as failed on its last try."""
    service = transcription.get()
    job_request_id()  # the request's id on this job's log lines
    left = retries_left(outside_rq=0)
    try:
        return service.transcribe(recognition_id, retries_left=left)
    except JobTimeoutException:
        if left > 0:
            raise
        service.give_up(recognition_id, TIMED_OUT)
        return {"status": "failed", "error": TIMED_OUT}


def give_up(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """End a stuck job's request as failed (called by the worker's timeout guard, from another
    thread, when the job does not return after its timeout)."""
    recognition_id = kwargs["recognition_id"] if "recognition_id" in kwargs else args[0]
    transcription.get().give_up(str(recognition_id), TIMED_OUT)
