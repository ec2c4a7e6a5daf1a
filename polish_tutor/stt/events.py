"""Transcription events, published on the learner's own channel (``tts.events.user_channel``)
and forwarded by ``GET /events``."""

from __future__ import annotations

import json
from typing import Any


def transcript_ready(recognition_id: str, transcript: str, words: list[dict[str, Any]]) -> str:
    return json.dumps(
        {
            "event": "transcript_ready",
            "speech_job_id": recognition_id,
            "transcript": transcript,
            "words": words,
        }
    )


def transcript_failed(recognition_id: str, error: str) -> str:
    return json.dumps(
        {"event": "transcript_failed", "speech_job_id": recognition_id, "error": error}
    )
