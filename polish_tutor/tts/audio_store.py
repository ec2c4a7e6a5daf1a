"""Audio files on disk under their job hash (``var/audio/ab/abcdef….wav``)."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from polish_tutor.tts.keys import is_audio_key

CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


class AudioStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = os.fspath(root)

    def path_for(self, key: str, format: str) -> Path:
        return Path(self._file(key, format))

    def _file(self, key: str, format: str) -> str:
        """The file's path as a string (a speech job's checks and writes need no ``Path``)."""
        if not is_audio_key(key) or format not in CONTENT_TYPES:
            raise ValueError("not an audio key")
        return os.path.join(self._root, key[:2], f"{key}.{format}")

    def exists(self, key: str, format: str) -> bool:
        return os.path.isfile(self._file(key, format))

    def write(self, key: str, format: str, data: bytes) -> Path:
        """:meth:`save`, and the file's path."""
        self.save(key, format, data)
        return self.path_for(key, format)

    def save(self, key: str, format: str, data: bytes) -> None:
        """Write atomically and durably: a reader sees the whole file or none of it, and a
        file whose asset row commits after this returns survives a crash whole (its data is
        on disk before the rename; an empty file under a recorded asset would be served as
        stored for good). The temporary file is named after the target, the process and the
        thread (one writer per name), in the target's folder, made on the first write there.
        (A speech job needs no ``Path`` of it: building one was 7 % of its worker's GIL samples.)"""
        target = self._file(key, format)
        folder, name = os.path.split(target)
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{threading.get_ident()}-{name}")
        try:
            fd = os.open(tmp, _CREATE, 0o600)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
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
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
