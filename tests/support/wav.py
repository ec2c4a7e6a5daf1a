"""Checks that bytes are a playable WAV file."""

from __future__ import annotations

import io
import wave


def wav_duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        assert wav.getframerate() > 8000
        return float(wav.getnframes() / wav.getframerate())
