"""Speech drivers, chosen by ``TUTOR_TTS_DRIVER``: a built-in name or ``package.module:Class``."""

from __future__ import annotations

import importlib

from polish_tutor.settings import Settings
from polish_tutor.tts.drivers.base import (
    SpeechDriverError,
    SpeechDriverProtocol,
    SpeechRequest,
    SynthesizedAudio,
)

__all__ = [
    "SpeechDriverError",
    "SpeechDriverProtocol",
    "SpeechRequest",
    "SynthesizedAudio",
    "build_speech_driver",
]


def build_speech_driver(settings: Settings) -> SpeechDriverProtocol:
    name = settings.tts_driver
    if name == "espeak":
        from polish_tutor.tts.drivers.espeak import EspeakDriver

        return EspeakDriver()
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
        driver = factory()
        if not isinstance(driver, SpeechDriverProtocol):
            raise TypeError(f"{name} does not implement SpeechDriverProtocol")
        return driver
    raise ValueError(f"unknown TTS driver {name!r}")
