"""HS256 JWTs for the mocks: a real JWT shape (clients can read `exp`), signed with the mock's secret.

Claims the mocks read (absent means "no restriction", so a bare token can call everything):
- every API: `sub`, `exp` (seconds since the epoch; an expired token is refused with 401);
- cloudcockpit: `tenants`, the portal domains the caller may name in X-Tenant;
- fusion: `roles`, the role strings the caller holds; `entities`, uuids of the entities it controls
  (control extends to everything below them); `token_use` "refresh" marks a refresh token;
- partner-center: `tid` (the partner tenant) and `scp` (delegated scopes: an App+User token; a token
  without `scp` is app-only and refused with 403 900329).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
from typing import Any

from ..contract.registry import APIS

DEFAULT_SECRET = "licensekit-mock-secret"
SECRET_ENV = "LICENSEKIT_MOCK_SECRET"
DEFAULT_LIFETIME = 3600

_HEADER = {"alg": "HS256", "typ": "JWT"}


class TokenError(Exception):
    """The token is malformed, badly signed or expired (the mock answers 401)."""


def default_secret() -> str:
    return os.environ.get(SECRET_ENV, DEFAULT_SECRET)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise TokenError("not base64url") from exc


def encode(claims: dict[str, Any], secret: str) -> str:
    head = _b64(json.dumps(_HEADER, separators=(",", ":")).encode())
    body = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


def decode(token: str, secret: str, *, now: float | None = None) -> dict[str, Any]:
    """Verify signature and expiry; return the claims or raise TokenError."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("not a JWT")
    head, body, signature = parts
    expected = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _unb64(signature)):
        raise TokenError("bad signature")
    try:
        header = json.loads(_unb64(head))
        claims = json.loads(_unb64(body))
    except ValueError as exc:
        raise TokenError("not JSON") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise TokenError("unexpected header or claims")
    check_expiry(claims, now)
    return claims


def check_expiry(claims: dict[str, Any], now: float | None = None) -> None:
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise TokenError("no exp")
    if exp <= (time.time() if now is None else now):
        raise TokenError("expired")


def make_token(
    api: str,
    *,
    secret: str | None = None,
    lifetime: int = DEFAULT_LIFETIME,
    **claims: Any,
) -> str:
    """A signed access token for `api`. Claims given as None are left out (e.g. `scp=None`: app-only)."""
    if api not in APIS:
        raise ValueError(f"unknown api {api!r}; expected one of {', '.join(APIS)}")
    now = int(time.time())
    payload: dict[str, Any] = {"iss": f"licensekit-mock/{api}", "aud": api, "sub": "mock-user", "iat": now}
    if api == "partner-center":
        payload["scp"] = "user_impersonation"
    payload["exp"] = now + lifetime
    payload.update(claims)
    return encode({k: v for k, v in payload.items() if v is not None}, secret or default_secret())


class TokenCache:
    """Verified claims by token string: the signature is checked once per token, the expiry every call."""

    def __init__(self, secret: str, size: int = 4096) -> None:
        self.secret = secret
        self._size = size
        self._claims: dict[str, dict[str, Any]] = {}

    def verify(self, token: str) -> dict[str, Any]:
        claims = self._claims.get(token)
        if claims is None:
            claims = decode(token, self.secret)
            if len(self._claims) >= self._size:
                self._claims.clear()
            self._claims[token] = claims
        else:
            check_expiry(claims)
        return claims
