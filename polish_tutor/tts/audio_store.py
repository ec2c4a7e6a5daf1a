"""Audio files on disk under their job hash (``var/audio/ab/abcdef….wav``)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from polish_tutor.tts.keys import is_audio_key

CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


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
        """Write atomically and durably: a reader sees the whole file or none of it, and a
        file whose asset row commits after this returns survives a crash whole (its data is
        on disk before the rename; an empty file under a recorded asset would be served as
        stored for good). The temporary file is named after the target, the process and the
        thread (one writer per name), in the target's folder, made on the first write there."""
        target = self.path_for(key, format)
        tmp = target.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{target.name}")
        try:
            fd = os.open(tmp, _CREATE, 0o600)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, _CREATE, 0o600)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return target
