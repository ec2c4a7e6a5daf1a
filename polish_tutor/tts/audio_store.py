"""Audio files on disk under their job hash (``var/audio/ab/abcdef….wav``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from polish_tutor.tts.keys import is_audio_key

CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}


class AudioStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, key: str, format: str) -> Path:
        if not is_audio_key(key) or format not in CONTENT_TYPES:
            raise ValueError("not an audio key")
        return self.root / key[:2] / f"{key}.{format}"

    def exists(self, key: str, format: str) -> bool:
        return self.path_for(key, format).is_file()

    def write(self, key: str, format: str, data: bytes) -> Path:
        """Write atomically: a reader sees the whole file or none of it."""
        target = self.path_for(key, format)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target
