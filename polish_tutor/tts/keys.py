"""The audio job id: a hash of everything that changes the sound. It is also the cache key."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

KEY_PATTERN = re.compile(r"^[0-9a-f]{40}$")


# A pure function of its arguments, asked for the same lines over and over (a lesson's lines,
# the tutor's stock replies): remembered, it cannot go stale. ``typed``: 1 and 1.0 are equal
# keys to a cache but write different JSON, so different audio keys.
@lru_cache(maxsize=4096, typed=True)
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
