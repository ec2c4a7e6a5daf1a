"""A speech driver for tests that need a job to be in flight: eSpeak, after a pause.

Selected with ``TUTOR_TTS_DRIVER=tests.support.slow_speech:SlowEspeak``; it touches the file
named by ``TUTOR_TEST_SPEECH_STARTED`` when a job starts, then waits
``TUTOR_TEST_SPEECH_DELAY`` seconds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from polish_tutor.tts.drivers.base import SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.espeak import EspeakDriver


class SlowEspeak(EspeakDriver):
    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        marker = os.environ.get("TUTOR_TEST_SPEECH_STARTED")
        if marker:
            Path(marker).touch()
        time.sleep(float(os.environ.get("TUTOR_TEST_SPEECH_DELAY", "0")))
        return super().synthesize(request)
