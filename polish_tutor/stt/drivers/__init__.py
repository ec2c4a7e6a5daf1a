"""Speech recognition drivers, chosen by ``TUTOR_STT_DRIVER``: a built-in name or
``package.module:Class``."""

from __future__ import annotations

import importlib

from polish_tutor.settings import Settings
from polish_tutor.stt.drivers.base import (
    HeardWord,
    RecognitionDriverError,
    RecognitionDriverProtocol,
    Transcript,
    TranscriptionRequest,
)

__all__ = [
    "HeardWord",
    "RecognitionDriverError",
    "RecognitionDriverProtocol",
    "Transcript",
    "TranscriptionRequest",
    "build_recognition_driver",
]


def build_recognition_driver(settings: Settings) -> RecognitionDriverProtocol:
    name = settings.stt_driver
    if name == "whisper":
        from polish_tutor.stt.drivers.whisper import WhisperDriver
        from polish_tutor.stt.model_files import packaged_model_dir

        model = settings.stt_model or str(packaged_model_dir(settings.stt_model_cache))
        return WhisperDriver(model, cpu_threads=settings.stt_cpu_threads)
    if name == "openai":
        from polish_tutor.stt.drivers.openai import OpenAITranscriptionDriver

        key = settings.openai_api_key
        return OpenAITranscriptionDriver(
            base_url=settings.openai_base_url,
            api_key=key.get_secret_value() if key is not None else None,
            model=settings.openai_stt_model,
            timeout=settings.provider_timeout,
        )
    if ":" in name:
        module_name, _, attribute = name.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
        driver = factory()
        if not isinstance(driver, RecognitionDriverProtocol):
            raise TypeError(f"{name} does not implement RecognitionDriverProtocol")
        return driver
    raise ValueError(f"unknown speech recognition driver {name!r}")
