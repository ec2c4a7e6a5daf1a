"""The audio job id: a hash of everything that changes the sound. It is also the cache key."""

from __future__ import annotations

import hashlib
import json
import re

KEY_PATTERN = re.compile(r"^[0-9a-f]{40}$")


def audio_key(*, text: str, voice: str, speed: float, format: str, driver: str) -> str:
    material = json.dumps(
        {
            "text": text,
            "voice": voice,
            "speed": round(speed, 3),
            "format": format,
            "driver": driver,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:40]


def is_audio_key(value: str) -> bool:
    return bool(KEY_PATTERN.match(value))
