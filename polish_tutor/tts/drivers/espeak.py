"""eSpeak NG's Polish voice, from the ``espeakng-loader`` wheel, through ctypes."""

from __future__ import annotations

import ctypes
import struct
import threading
from typing import Any

from polish_tutor.tts.drivers.base import SpeechDriverError, SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.voices import ESPEAK_VOICES

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_ESPEAK_CHARS_UTF8 = 1
_ESPEAK_RATE = 1
_NORMAL_WPM = 140  # a patient pace; eSpeak's own default (175) is brisk for beginners
_WAV_HEADER = struct.Struct("<4sI4s4sIHHIIHH4sI")  # RIFF, fmt (PCM), data: 44 bytes

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
# eSpeak NG's state is the process's, whichever driver set it: one call at a time, and the
# voice and rate it holds now (None: unknown, after an eSpeak_Initialize or _Terminate).
_ESPEAK_LOCK = threading.Lock()
_ESPEAK_SET: dict[str, Any] = {"voice": None, "rate": None}


class EspeakDriver:
    """eSpeak keeps one global state per process, so calls are serialised with one lock for
    the process. The voice and the rate are set again only when a request asks for others
    than eSpeak holds (any driver's initialisation or close forgets them)."""

    name = "espeak"

    def __init__(self, voices: frozenset[str] = ESPEAK_VOICES) -> None:
        import espeakng_loader

        # eSpeak reads a voice name as a path under its data folder: only names on the list.
        self._voices = voices
        self._lib: Any = ctypes.CDLL(espeakng_loader.get_library_path())
        data_path = espeakng_loader.get_data_path().encode()
        self._lock = _ESPEAK_LOCK
        self._buffer = bytearray()
        self._callback = _SynthCallback(self._collect)
        with self._lock:
            _ESPEAK_SET.update(voice=None, rate=None)
            self._sample_rate = int(
                self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
            )
            if self._sample_rate <= 0:
                raise RuntimeError("eSpeak NG failed to initialise")
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
        rate = max(80, min(450, round(_NORMAL_WPM * request.speed)))
        with self._lock:
            if request.voice != _ESPEAK_SET["voice"]:
                _ESPEAK_SET.update(voice=None, rate=None)
                if self._lib.espeak_SetVoiceByName(request.voice.encode()) != 0:
                    raise SpeechDriverError(
                        f"unknown eSpeak voice {request.voice!r}", retryable=False
                    )
                _ESPEAK_SET["voice"] = request.voice
            if rate != _ESPEAK_SET["rate"]:
                self._lib.espeak_SetParameter(_ESPEAK_RATE, rate, 0)
                _ESPEAK_SET["rate"] = rate
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
            size = len(self._buffer)
            # The WAV file in one copy: its header, then the samples as eSpeak made them.
            data = self._wav_header(size) + self._buffer if status == 0 and size else b""
            self._buffer.clear()
        if not data:
            raise SpeechDriverError("eSpeak produced no audio", retryable=False)
        duration_ms = round(size / 2 / self._sample_rate * 1000)
        return SynthesizedAudio(data, "audio/wav", duration_ms)

    def _wav_header(self, size: int) -> bytes:
        """A mono 16-bit PCM WAV header for ``size`` bytes of samples (as :mod:`wave`)."""
        rate = self._sample_rate
        return _WAV_HEADER.pack(
            b"RIFF", 36 + size, b"WAVE", b"fmt ", 16, 1, 1, rate, rate * 2, 2, 16, b"data", size
        )

    def close(self) -> None:
        with self._lock:
            _ESPEAK_SET.update(voice=None, rate=None)
            self._lib.espeak_Terminate()
