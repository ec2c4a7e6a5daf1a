"""What the HTTP speech drivers share: which failures may pass, in plain words."""

from __future__ import annotations

import httpx

from polish_tutor.tts.drivers.base import SpeechDriverError

CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg"}

_PERMANENT = {
    400: "rejected the request",
    401: "rejected the API key",
    402: "quota exhausted",
    403: "rejected the API key",
    404: "does not know this voice or model",
    413: "found the text too long",
    422: "rejected the request",
}


def post_error(provider: str, response: httpx.Response) -> SpeechDriverError:
    """429, 408, 409 and 5xx may pass (the job is retried); anything else fails the request.

    The provider's own message is not repeated: it is not ours to show, and may quote a key.
    """
    status = response.status_code
    if status in (408, 409, 429) or status >= 500:
        return SpeechDriverError(f"{provider} is unavailable ({status})", retryable=True)
    what = _PERMANENT.get(status, "refused the request")
    return SpeechDriverError(f"{provider} {what} ({status})", retryable=False)


def transport_error(provider: str, exc: httpx.HTTPError) -> SpeechDriverError:
    if isinstance(exc, httpx.TimeoutException):
        return SpeechDriverError(f"{provider} timed out", retryable=True)
    return SpeechDriverError(f"{provider} is unreachable", retryable=True)
