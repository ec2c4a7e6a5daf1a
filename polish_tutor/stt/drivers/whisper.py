"""faster-whisper (CTranslate2 on the CPU): the offline recogniser.

Decoding settings measured on natural Polish speech (``bench/speech_recognition.py``):

- With the expected sentence as ``initial_prompt`` the model hears a right answer exactly far
  more often, but then it goes on decoding the silence after the speech and invents text
  (whole sentences). So with a prompt, decoding stops at the first segment and runs
  ``without_timestamps``: the segment is the utterance, nothing past it is read.
- The prompt is given as a sentence (capital letter, full stop): lower-case word lists made
  the model skip the start of the speech.
- Voice activity detection (Silero, bundled) drops the silence before, between and after the
  words, so a clip of silence gives no words at all instead of an invented sentence.
- Word probabilities come from the alignment pass, which does not see the prompt: a word the
  prompt talked the decoder into has a low probability there. The tutor marks such words
  "not clear" rather than "wrong".
"""

from __future__ import annotations

import io
import threading
from typing import Any

from polish_tutor.stt.drivers.base import (
    HeardWord,
    RecognitionDriverError,
    Transcript,
    TranscriptionRequest,
)

SAMPLE_RATE = 16000


def as_sentence(text: str) -> str:
    """The prompt as the model has seen sentences: a capital letter and a full stop."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else f"{text}."


class WhisperDriver:
    """One model per process, loaded in the constructor; calls are serialised with a lock
    (a CTranslate2 model runs one request at a time on its ``cpu_threads``)."""

    name = "whisper"

    def __init__(
        self,
        model: str,
        *,
        cpu_threads: int = 2,
        compute_type: str = "int8",
        beam_size: int = 5,
    ) -> None:
        from faster_whisper import WhisperModel

        # A model name is looked up in the local Hugging Face cache only: never downloaded.
        self._model = WhisperModel(
            model,
            device="cpu",
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            local_files_only=True,
        )
        self._beam_size = beam_size
        self._lock = threading.Lock()

    def prewarm(self) -> None:
        """Load the voice-activity model and run the decoder once on a second of silence, so
        the first learner's clip does not pay for it."""
        import numpy as np

        silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
        with self._lock:
            segments, _ = self._model.transcribe(silence, language="pl", vad_filter=True)
            list(segments)

    def transcribe(self, request: TranscriptionRequest) -> Transcript:
        from faster_whisper.audio import decode_audio

        try:
            audio = decode_audio(io.BytesIO(request.audio), sampling_rate=SAMPLE_RATE)
        except Exception as exc:  # PyAV's errors for anything that is not audio
            raise RecognitionDriverError(
                "The recording could not be read as audio.", retryable=False
            ) from exc
        options: dict[str, Any] = {
            "language": request.language,
            "beam_size": self._beam_size,
            "vad_filter": True,
            "word_timestamps": True,
            "condition_on_previous_text": False,
        }
        expected = as_sentence(request.expected or "")
        if expected:
            options.update(initial_prompt=expected, without_timestamps=True)
        else:
            options.update(hallucination_silence_threshold=1.0)
        with self._lock:
            segments, info = self._model.transcribe(audio, **options)
            # With a prompt only the first segment: the model's text past it is invented.
            taken = [next(iter(segments), None)] if expected else list(segments)
        words = tuple(
            HeardWord(word.word.strip(), round(float(word.probability), 3))
            for segment in taken
            if segment is not None
            for word in (segment.words or [])
            if word.word.strip()
        )
        text = " ".join(segment.text.strip() for segment in taken if segment is not None)
        return Transcript(text=text.strip(), words=words, duration_s=float(info.duration))

    def close(self) -> None:
        # CTranslate2 frees the model with the object.
        self._model = None
