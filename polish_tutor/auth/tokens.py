"""Access tokens (JWT, RFC 8725 hygiene) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ISSUER = "polish-tutor"
AUDIENCE = "polish-tutor-api"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti"]
VERIFIED_CACHE = 4096  # tokens whose signature was checked, kept until they expire


class InvalidToken(Exception):
    """The token is missing, malformed, forged, expired or meant for someone else."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    token_id: str
    expires_at: datetime


class AccessTokens:
    def __init__(self, secret: bytes, ttl: timedelta) -> None:
        # A key of its own, derived from the service secret: audio URLs use another.
        self._key = hashlib.sha256(b"access-token:" + secret).digest()
        self.ttl = ttl
        # A learner sends the same token with every request for its whole life: its signature
        # and claims are checked once, then only its expiry (exactly what a new check would
        # add, since access tokens are not revoked before they expire).
        self._verified: OrderedDict[str, AccessClaims] = OrderedDict()

    def issue(self, user_id: uuid.UUID, *, now: datetime | None = None) -> str:
        issued = now or datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "iat": issued,
            "exp": issued + self.ttl,
            "iss": ISSUER,
            "aud": AUDIENCE,
            "jti": secrets.token_urlsafe(12),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def verify(self, token: str) -> AccessClaims:
        claims = self._verified.get(token)
        if claims is not None:
            if claims.expires_at <= datetime.now(UTC):
                del self._verified[token]
                raise InvalidToken("expired")
            self._verified.move_to_end(token)
            return claims
        claims = self._decode(token)
        self._verified[token] = claims
        if len(self._verified) > VERIFIED_CACHE:
            self._verified.popitem(last=False)
        return claims

    def _decode(self, token: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],  # pinned: "none" and every other algorithm are refused
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": REQUIRED_CLAIMS},
            )
            user_id = uuid.UUID(str(claims["sub"]))
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("expired") from exc
        except (jwt.InvalidTokenError, ValueError) as exc:
            raise InvalidToken("invalid") from exc
        return AccessClaims(
            user_id=user_id,
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
        )


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
