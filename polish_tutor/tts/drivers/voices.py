"""Which voices each speech driver may be asked for: a learner names one of these or none.

A voice reaches the driver as it is: eSpeak's C library reads it as a file name under its
data folder, a provider as part of a request. So it is never free text: the API answers 422
``unknown_voice`` for a name not on the configured driver's list, and eSpeak checks again.
"""

from __future__ import annotations

from polish_tutor.kit.errors import InvalidInput
from polish_tutor.settings import Settings

# eSpeak NG's Polish voice and its variants (espeak-ng-data/voices/!v).
ESPEAK_VOICES = frozenset(
    {"pl", *(f"pl+m{n}" for n in range(1, 9)), *(f"pl+f{n}" for n in range(1, 6))}
)
# Murf's Polish voices (PROVIDERS.md; TUTOR_MURF_VOICE and TUTOR_TTS_VOICES add others).
MURF_VOICES = frozenset({"pl-PL-jacek", "pl-PL-kasia", "pl-PL-blazej"})
# OpenAI's speech voices (POST /v1/audio/speech).
OPENAI_VOICES = frozenset(
    {
        "alloy",
        "ash",
        "ballad",
        "cedar",
        "coral",
        "echo",
        "fable",
        "marin",
        "nova",
        "onyx",
        "sage",
        "shimmer",
        "verse",
    }
)
_BUILT_IN = {"espeak": ESPEAK_VOICES, "murf": MURF_VOICES, "openai": OPENAI_VOICES}


def default_voice(settings: Settings) -> str:
    """The voice when the learner names none: ``TUTOR_TTS_VOICE`` if set, else the driver's."""
    if "tts_voice" not in settings.model_fields_set:
        if settings.tts_driver == "murf":
            return settings.murf_voice
        if settings.tts_driver == "openai":
            return settings.openai_tts_voice
    return settings.tts_voice


def allowed_voices(settings: Settings) -> frozenset[str]:
    """The configured driver's voices, its default and the operator's ``TUTOR_TTS_VOICES``
    (a driver of one's own has only those two)."""
    built_in = _BUILT_IN.get(settings.tts_driver, frozenset())
    return built_in | {default_voice(settings)} | frozenset(settings.tts_voices)


def require_known_voice(settings: Settings, voice: str) -> None:
    """422 ``unknown_voice`` unless ``voice`` is one the configured driver has."""
    voices = allowed_voices(settings)
    if voice not in voices:
        raise InvalidInput(
            f"The voice {voice!r} is not one of this tutor's: {', '.join(sorted(voices))}.",
            code="unknown_voice",
        )
