"""OpenAI's transcription endpoint (``POST /v1/audio/transcriptions``) through the official
SDK: OpenAI itself, or a local server that speaks it (faster-whisper-server / speaches)."""

from __future__ import annotations

from typing import Any

from polish_tutor.stt.audio import CONTENT_TYPES
from polish_tutor.stt.drivers.base import (
    HeardWord,
    RecognitionDriverError,
    Transcript,
    TranscriptionRequest,
)

_PERMANENT = {
    400: "rejected the recording",
    401: "rejected the API key",
    403: "rejected the API key",
    404: "does not know this model",
    413: "found the recording too large",
    415: "does not take this audio format",
    422: "rejected the recording",
}


class OpenAITranscriptionDriver:
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        model: str,
        timeout: float = 30.0,
    ) -> None:
        import openai

        # No SDK retries: a retryable failure goes back to RQ, which retries with backoff.
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or "unused", timeout=timeout, max_retries=0
        )
        self._model = model

    def transcribe(self, request: TranscriptionRequest) -> Transcript:
        import openai

        extension = CONTENT_TYPES.get(request.content_type.split(";")[0].strip(), "wav")
        options: dict[str, Any] = {}
        if request.expected:
            options["prompt"] = request.expected
        try:
            result = self._client.audio.transcriptions.create(
                model=self._model,
                file=(f"speech.{extension}", request.audio, request.content_type),
                language=request.language,
                response_format="verbose_json",
                timestamp_granularities=["word"],
                temperature=0.0,
                **options,
            )
        except openai.APIStatusError as exc:
            status = exc.status_code
            if status in (408, 409, 429) or status >= 500:
                raise RecognitionDriverError(
                    f"OpenAI transcription is unavailable ({status})", retryable=True
                ) from None
            what = _PERMANENT.get(status, "refused the request")
            raise RecognitionDriverError(
                f"OpenAI transcription {what} ({status})", retryable=False
            ) from None
        except openai.APITimeoutError:
            raise RecognitionDriverError("OpenAI transcription timed out", retryable=True) from None
        except openai.APIConnectionError:
            raise RecognitionDriverError(
                "OpenAI transcription is unreachable", retryable=True
            ) from None
        words = tuple(
            HeardWord(str(word.word).strip(), _probability(word))
            for word in (getattr(result, "words", None) or [])
            if str(word.word).strip()
        )
        duration = float(getattr(result, "duration", 0.0) or 0.0)
        return Transcript(text=str(result.text).strip(), words=words, duration_s=duration)

    def close(self) -> None:
        self._client.close()


def _probability(word: Any) -> float | None:
    """OpenAI's words carry no confidence; faster-whisper-server's carry ``probability``."""
    value = getattr(word, "probability", None)
    if value is None and getattr(word, "model_extra", None):
        value = word.model_extra.get("probability")
    try:
        return None if value is None else round(float(value), 3)
    except (TypeError, ValueError):
        return None
