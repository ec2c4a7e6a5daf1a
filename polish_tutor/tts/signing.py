"""Signed, expiring audio URLs: ``/audio/{key}.{fmt}?exp=…&sig=…`` (HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode


class AudioUrlSigner:
    def __init__(self, secret: bytes, ttl_seconds: int) -> None:
        self._secret = hashlib.sha256(b"audio-url:" + secret).digest()
        self.ttl_seconds = ttl_seconds

    def _signature(self, name: str, expires: int) -> str:
        message = f"{name}:{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def sign(self, name: str, *, now: float | None = None) -> str:
        expires = int((now if now is not None else time.time()) + self.ttl_seconds)
        query = urlencode({"exp": expires, "sig": self._signature(name, expires)})
        return f"/audio/{name}?{query}"

    def verify(self, name: str, expires: int, signature: str, *, now: float | None = None) -> bool:
        if expires < (now if now is not None else time.time()):
            return False
        expected = self._signature(name, expires).encode()
        return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))
