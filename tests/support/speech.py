"""Recordings for the speaking tests: the Apache-2.0 fixture clip, clips the project makes
with eSpeak NG, and the same audio in the containers browsers record (WebM/Opus ...)."""

from __future__ import annotations

import base64
import io
import json
import math
import struct
import wave
from pathlib import Path

from tests.conftest import ROOT

FIXTURE_CLIP = ROOT / "tests" / "fixtures" / "speech" / "daj_mi_malina.wav"
SHARED_SPEECH = ROOT.parent / "shared" / "data" / "speech"


def fixture_clip() -> bytes:
    return FIXTURE_CLIP.read_bytes()


def espeak_clip(text: str, *, speed: float = 0.8, pad_seconds: float = 0.5) -> bytes:
    """``text`` said by eSpeak NG (Polish), with silence before and after, as WAV."""
    from polish_tutor.tts.drivers.base import SpeechRequest
    from polish_tutor.tts.drivers.espeak import EspeakDriver

    driver = EspeakDriver()
    try:
        audio = driver.synthesize(SpeechRequest(text=text, voice="pl", speed=speed, format="wav"))
    finally:
        driver.close()
    with wave.open(io.BytesIO(audio.data)) as source:
        rate, frames = source.getframerate(), source.readframes(source.getnframes())
    silence = b"\x00\x00" * int(rate * pad_seconds)
    return wav_bytes(silence + frames + silence, rate)


def wav_bytes(frames: bytes, rate: int = 16000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return out.getvalue()


def tone(seconds: float, rate: int = 16000) -> bytes:
    frames = b"".join(
        struct.pack("<h", int(6000 * math.sin(2 * math.pi * 220 * n / rate)))
        for n in range(int(seconds * rate))
    )
    return wav_bytes(frames, rate)


def silence(seconds: float, rate: int = 16000) -> bytes:
    return wav_bytes(b"\x00\x00" * int(seconds * rate), rate)


def encode(wav: bytes, container: str) -> bytes:
    """The WAV's audio in ``container``: "webm" (Opus, as Chromium records), "ogg" (Opus,
    as Firefox records) or "mp4" (AAC, as Safari records)."""
    import av

    codec = {"webm": "libopus", "ogg": "libopus", "mp4": "aac"}[container]
    rate = 48000 if codec == "libopus" else 44100
    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as source, av.open(out, mode="w", format=container) as target:
        stream = target.add_stream(codec, rate=rate)
        resampler = av.AudioResampler(format=stream.format, layout="mono", rate=rate)
        for frame in source.decode(audio=0):
            for piece in resampler.resample(frame):
                for packet in stream.encode(piece):
                    target.mux(packet)
        for piece in resampler.resample(None):
            for packet in stream.encode(piece):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return out.getvalue()


def shared_clip(name: str) -> Path:
    return SHARED_SPEECH / name


def item_of(token: str) -> list[str]:
    """What a listening drill's token names, [lesson id, line] (signed, not secret): the
    speaking tests pick the item whose sentence their recording says."""
    body = token.split(".")[0]
    parts: list[str] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return parts
