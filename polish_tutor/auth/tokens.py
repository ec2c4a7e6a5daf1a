"""Access tokens (JWT, RFC 8725 hygiene) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections import OrderedDict
from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ISSUER = "polish-tutor"
AUDIENCE = "polish-tutor-api"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti"]
# The login (refresh-token family) a token was issued to, under the registered name for a
# login session (OpenID Connect's ``sid``). Not required: tokens issued before it existed
# carry none and live until they expire.
FAMILY_CLAIM = "sid"
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
    family_id: str | None = None


class AccessTokens:
    def __init__(
        self, secret: bytes, ttl: timedelta, *, revoked_families: Container[str] = frozenset()
    ) -> None:
        # A key of its own, derived from the service secret: audio URLs use another.
        self._key = hashlib.sha256(b"access-token:" + secret).digest()
        self.ttl = ttl
        # The families whose logins were revoked (``auth.revocations.RevokedFamilies.ids``,
        # kept current by its subscriber): a look-up in memory, no round trip.
        self._revoked = revoked_families
        # A learner sends the same token with every request for its whole life: its signature
        # and claims are checked once, then only its expiry and its login's revocation
        # (exactly what a new check would add).
        self._verified: OrderedDict[str, AccessClaims] = OrderedDict()

    def issue(
        self,
        user_id: uuid.UUID,
        *,
        family_id: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> str:
        issued = now or datetime.now(UTC)
        claims: dict[str, object] = {
            "sub": str(user_id),
            "iat": issued,
            "exp": issued + self.ttl,
            "iss": ISSUER,
            "aud": AUDIENCE,
            "jti": secrets.token_urlsafe(12),
        }
        if family_id is not None:
            claims[FAMILY_CLAIM] = str(family_id)
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def verify(self, token: str) -> AccessClaims:
        claims = self._verified.get(token)
        if claims is not None:
            if claims.expires_at <= datetime.now(UTC):
                del self._verified[token]
                raise InvalidToken("expired")
            self._verified.move_to_end(token)
        else:
            claims = self._decode(token)
            self._verified[token] = claims
            if len(self._verified) > VERIFIED_CACHE:
                self._verified.popitem(last=False)
        if claims.family_id is not None and claims.family_id in self._revoked:
            raise InvalidToken("revoked")
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
            family = claims.get(FAMILY_CLAIM)
            if family is not None:
                family = str(uuid.UUID(str(family)))  # as revocations spell it
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("expired") from exc
        except (jwt.InvalidTokenError, ValueError) as exc:
            raise InvalidToken("invalid") from exc
        return AccessClaims(
            user_id=user_id,
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
            family_id=family,
        )


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
