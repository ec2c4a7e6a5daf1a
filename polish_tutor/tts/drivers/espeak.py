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
# The samples eSpeak hands back per call of the callback, in milliseconds of audio: its
# default (60 ms) calls back into Python ~80 times for a 4.7 s sentence, 200 ms ~26 times.
# The "pl" voice's samples are the same whatever the size; a variant voice's tail (its echo
# played out after the last phoneme) ends on a chunk's boundary, so it may differ by a few
# hundredths of a second.
BUFFER_MS = 200
_WAV_HEADER = struct.Struct("<4sI4s4sIHHIIHH4sI")  # RIFF, fmt (PCM), data: 44 bytes
_FIRST_CAPACITY = 1 << 20  # bytes of WAV held ready (~23 s of speech); doubled when short

# The samples as an address (an int), not a POINTER(c_short) object built for every call.
_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


class _Engine:
    """eSpeak NG's state, which is the process's whatever the number of drivers: initialised
    by the first driver, terminated when the last one closes (``espeak_Terminate`` frees the
    phoneme tables and the voice list every driver uses: a driver used after another one's
    close read freed memory in ``espeak_SetVoiceByName``, and crashed once the heap's layout
    changed). One call at a time (:attr:`lock`); the voice and rate eSpeak holds now (None:
    unknown, after an initialisation), set again only when a request asks for others.

    The callback writes the samples straight after the WAV header in one buffer, so the file
    is one copy of it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.lib: Any = None
        self.users = 0
        self.sample_rate = 0
        self.voice: str | None = None
        self.rate: int | None = None
        self._wav = ctypes.create_string_buffer(_FIRST_CAPACITY)
        self._address = ctypes.addressof(self._wav)
        self._end = _WAV_HEADER.size  # where the next samples go
        self._callback = _SynthCallback(self._collect)

    def open(self) -> None:
        """A driver more (under :attr:`lock`): eSpeak initialised for the first one."""
        if self.users == 0:
            import espeakng_loader

            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data_path = espeakng_loader.get_data_path().encode()
            self.voice = self.rate = None
            sample_rate = int(
                lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, data_path, 0)
            )
            if sample_rate <= 0:
                raise RuntimeError("eSpeak NG failed to initialise")
            lib.espeak_SetSynthCallback(self._callback)
            self.lib, self.sample_rate = lib, sample_rate
        self.users += 1

    def close(self) -> None:
        """A driver fewer (under :attr:`lock`): eSpeak terminated after the last one."""
        self.users -= 1
        if self.users == 0:
            self.voice = self.rate = None
            self.lib.espeak_Terminate()

    def _collect(self, samples: int | None, count: int, _events: Any) -> int:
        if samples and count > 0:
            start, size = self._end, count * 2
            if start + size > len(self._wav):
                self._grow(start + size)
            ctypes.memmove(self._address + start, samples, size)
            self._end = start + size
        return 0

    def _grow(self, needed: int) -> None:
        capacity = len(self._wav)
        while capacity < needed:
            capacity *= 2
        wav = ctypes.create_string_buffer(capacity)
        ctypes.memmove(wav, self._wav, self._end)
        self._wav, self._address = wav, ctypes.addressof(wav)

    def synthesize(self, text: bytes) -> tuple[int, bytes]:
        """``espeak_Synth``'s status and the WAV file of its samples (under :attr:`lock`,
        the voice and rate set); no samples: ``b""``."""
        self._end = _WAV_HEADER.size
        status = int(
            self.lib.espeak_Synth(
                ctypes.c_char_p(text),
                len(text) + 1,
                0,
                _POS_CHARACTER,
                0,
                _ESPEAK_CHARS_UTF8,
                None,
                None,
            )
        )
        size, self._end = self._end - _WAV_HEADER.size, _WAV_HEADER.size
        if status != 0 or not size:
            return status, b""
        rate = self.sample_rate
        _WAV_HEADER.pack_into(  # a mono 16-bit PCM WAV header (as :mod:`wave` writes it)
            self._wav,
            0,
            b"RIFF",
            36 + size,
            b"WAVE",
            b"fmt ",
            16,
            1,
            1,
            rate,
            rate * 2,
            2,
            16,
            b"data",
            size,
        )
        return status, ctypes.string_at(self._address, _WAV_HEADER.size + size)


_ENGINE = _Engine()


class EspeakDriver:
    """eSpeak keeps one global state per process (:class:`_Engine`), so calls are serialised
    with one lock for the process. The voice and the rate are set again only when a request
    asks for others than eSpeak holds."""

    name = "espeak"

    def __init__(self, voices: frozenset[str] = ESPEAK_VOICES) -> None:
        # eSpeak reads a voice name as a path under its data folder: only names on the list.
        self._voices = voices
        self._engine = _ENGINE
        self._closed = False
        with self._engine.lock:
            self._engine.open()

    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        if request.format != "wav":
            raise SpeechDriverError(f"eSpeak produces WAV, not {request.format}", retryable=False)
        if request.voice not in self._voices:
            raise SpeechDriverError("unknown eSpeak voice", retryable=False)
        text = request.text.encode()
        rate = max(80, min(450, round(_NORMAL_WPM * request.speed)))
        engine = self._engine
        with engine.lock:
            if self._closed:
                raise RuntimeError("this eSpeak driver is closed")
            if request.voice != engine.voice:
                engine.voice = engine.rate = None
                if engine.lib.espeak_SetVoiceByName(request.voice.encode()) != 0:
                    raise SpeechDriverError(
                        f"unknown eSpeak voice {request.voice!r}", retryable=False
                    )
                engine.voice = request.voice
            if rate != engine.rate:
                engine.lib.espeak_SetParameter(_ESPEAK_RATE, rate, 0)
                engine.rate = rate
            _status, data = engine.synthesize(text)
            sample_rate = engine.sample_rate
        if not data:
            raise SpeechDriverError("eSpeak produced no audio", retryable=False)
        duration_ms = round((len(data) - _WAV_HEADER.size) / 2 / sample_rate * 1000)
        return SynthesizedAudio(data, "audio/wav", duration_ms)

    def close(self) -> None:
        """This driver's end (a second call does nothing); eSpeak's, if it was the last."""
        with self._engine.lock:
            if not self._closed:
                self._closed = True
                self._engine.close()
