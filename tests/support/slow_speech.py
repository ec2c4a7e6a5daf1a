"""Speech drivers for tests that need a job to be in flight, or stuck: eSpeak, after a pause.

``TUTOR_TTS_DRIVER=tests.support.slow_speech:SlowEspeak`` writes the process id of whoever runs
the synthesis to the file named by ``TUTOR_TEST_SPEECH_STARTED`` when a job starts, then waits
``TUTOR_TEST_SPEECH_DELAY`` seconds (a sleep the job's ``SIGALRM`` interrupts).

``tests.support.slow_speech:StuckEspeak`` is stuck like a library call that never returns the
first time it runs (no ``TUTOR_TEST_SPEECH_STARTED`` file yet): ``SIGALRM`` blocked in its
thread, so the job's own timeout never reaches it; later calls synthesise at once.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from polish_tutor.tts.drivers.base import SpeechRequest, SynthesizedAudio
from polish_tutor.tts.drivers.espeak import EspeakDriver


class SlowEspeak(EspeakDriver):
    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        marker = os.environ.get("TUTOR_TEST_SPEECH_STARTED")
        if marker:
            Path(marker).write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("TUTOR_TEST_SPEECH_DELAY", "0")))
        return super().synthesize(request)


class StuckEspeak(EspeakDriver):
    def synthesize(self, request: SpeechRequest) -> SynthesizedAudio:
        marker = Path(os.environ["TUTOR_TEST_SPEECH_STARTED"])
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        return super().synthesize(request)
