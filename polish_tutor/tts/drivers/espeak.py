"""eSpeak NG's Polish voice, from the ``espeakng-loader`` wheel, through ctypes."""

from __future__ import annotations

import ctypes
import io
import threading
import wave
from typing import Any

from polish_tutor.tts.drivers.base import SpeechDriverError, SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.voices import ESPEAK_VOICES

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_ESPEAK_CHARS_UTF8 = 1
_ESPEAK_RATE = 1
_NORMAL_WPM = 140  # a patient pace; eSpeak's own default (175) is brisk for beginners

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EspeakDriver:
    """eSpeak keeps one global state per process, so calls are serialised with a lock."""

    name = "espeak"

    def __init__(self, voices: frozenset[str] = ESPEAK_VOICES) -> None:
        import espeakng_loader

        # eSpeak reads a voice name as a path under its data folder: only names on the list.
        self._voices = voices
        self._lib: Any = ctypes.CDLL(espeakng_loader.get_library_path())
        data_path = espeakng_loader.get_data_path().encode()
        self._sample_rate = int(
            self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        )
        if self._sample_rate <= 0:
            raise RuntimeError("eSpeak NG failed to initialise")
        self._lock = threading.Lock()
        self._buffer = bytearray()
        self._callback = _SynthCallback(self._collect)
        self._lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, samples: Any, count: int, _events: Any) -> int:
        if samples and count > 0:
            self._buffer.extend(ctypes.string_at(samples, count * 2))
        return 0

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        if request.format != "wav":
            raise SpeechDriverError(f"eSpeak produces WAV, not {request.format}", retryable=False)
        if request.voice not in self._voices:
            raise SpeechDriverError("unknown eSpeak voice", retryable=False)
        text = request.text.encode()
        with self._lock:
            if self._lib.espeak_SetVoiceByName(request.voice.encode()) != 0:
                raise SpeechDriverError(f"unknown eSpeak voice {request.voice!r}", retryable=False)
            rate = max(80, min(450, round(_NORMAL_WPM * request.speed)))
            self._lib.espeak_SetParameter(_ESPEAK_RATE, rate, 0)
            self._buffer.clear()
            status = self._lib.espeak_Synth(
                ctypes.c_char_p(text),
                len(text) + 1,
                0,
                _POS_CHARACTER,
                0,
                _ESPEAK_CHARS_UTF8,
                None,
                None,
            )
            pcm = bytes(self._buffer)
            self._buffer.clear()
        if status != 0 or not pcm:
            raise SpeechDriverError("eSpeak produced no audio", retryable=False)
        out = io.BytesIO()
        with wave.open(out, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self._sample_rate)
            wav.writeframes(pcm)
        duration_ms = round(len(pcm) / 2 / self._sample_rate * 1000)
        return SynthesizedAudio(out.getvalue(), "audio/wav", duration_ms)

    def close(self) -> None:
        with self._lock:
            self._lib.espeak_Terminate()
