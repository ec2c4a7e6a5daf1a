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
from polish_tutor.tts.drivers.voices import allowed_voices, default_voice

__all__ = [
    "SpeechDriverError",
    "SpeechDriverProtocol",
    "SpeechRequest",
    "SynthesizedAudio",
    "build_speech_driver",
    "default_voice",
]


def build_speech_driver(settings: Settings) -> SpeechDriverProtocol:
    name = settings.tts_driver
    if name == "espeak":
        from polish_tutor.tts.drivers.espeak import EspeakDriver

        return EspeakDriver(voices=allowed_voices(settings))
    if name == "murf":
        from polish_tutor.tts.drivers.murf import MurfDriver

        if settings.murf_api_key is None:
            raise ValueError("TUTOR_TTS_DRIVER=murf needs TUTOR_MURF_API_KEY")
        return MurfDriver(
            api_key=settings.murf_api_key.get_secret_value(),
            base_url=settings.murf_base_url,
            timeout=settings.provider_timeout,
        )
    if name == "openai":
        from polish_tutor.tts.drivers.openai import OpenAISpeechDriver

        key = settings.openai_api_key
        return OpenAISpeechDriver(
            base_url=settings.openai_base_url,
            api_key=key.get_secret_value() if key is not None else None,
            model=settings.openai_tts_model,
            timeout=settings.provider_timeout,
        )
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
        driver = factory()
        if not isinstance(driver, SpeechDriverProtocol):
            raise TypeError(f"{name} does not implement SpeechDriverProtocol")
        return driver
    raise ValueError(f"unknown TTS driver {name!r}")
