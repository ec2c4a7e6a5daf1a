"""What an uploaded recording is: its format and length, read by decoding it (PyAV)."""

from __future__ import annotations

import io
from dataclasses import dataclass

# What browsers' recorders make (Chromium: WebM/Opus, Firefox: Ogg/Opus, Safari: MP4/AAC) and
# WAV, by the container's media type; ``;codecs=…`` parameters are ignored.
CONTENT_TYPES = {
    "audio/webm": "webm",
    "video/webm": "webm",  # some recorders label an audio-only WebM so
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/vnd.wave": "wav",
    "audio/mp4": "mp4",
}


class UnreadableAudio(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class AudioInfo:
    seconds: float
    samples: int


def media_type(content_type: str | None) -> str | None:
    """``audio/webm;codecs=opus`` → ``audio/webm``, if it is one we take; else ``None``."""
    if not content_type:
        return None
    base = content_type.split(";", 1)[0].strip().lower()
    return base if base in CONTENT_TYPES else None


def probe(data: bytes, *, max_seconds: float) -> AudioInfo:
    """Decode the first audio stream to count its length (a recorder's WebM says none in its
    header). Stops as soon as it is longer than ``max_seconds``: the answer is then just
    over the limit. Raises :class:`UnreadableAudio` for anything that is not audio."""
    import av

    seconds = 0.0
    samples = 0
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            streams = container.streams.audio
            if not streams:
                raise UnreadableAudio("no audio stream")
            for frame in container.decode(streams[0]):
                rate = frame.sample_rate or streams[0].rate or 0
                if rate <= 0:
                    continue
                samples += frame.samples
                seconds += frame.samples / rate
                if seconds > max_seconds:
                    break
    except UnreadableAudio:
        raise
    except (av.FFmpegError, ValueError, OSError, EOFError) as exc:
        raise UnreadableAudio(type(exc).__name__) from None
    return AudioInfo(seconds=seconds, samples=samples)
