"""Tokens as an httpx.Auth: cached, refreshed before expiry, one refresh and retry on a 401.

Credentials:
- ClientCredentials: Entra ID client-credentials grant (CloudCockpit; app-only for Partner Center).
- RefreshTokenCredentials: Entra ID refresh-token grant (Partner Center App+User); rotated refresh tokens
  are kept.
- FusionLogin: Fusion's POST /api/v01/auth/login, then GET /api/v01/auth/access_token with the refresh
  token; a refused refresh falls back to a new login.
- any azure-core TokenCredential / AsyncTokenCredential (token_credential.py): the credential does its
  own I/O; its token is cached here like the others.

Token calls are sent through the client's own transport (same retries, same timeouts).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import threading
import time
from collections.abc import AsyncGenerator, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from ._meta import EXT_DEADLINE, EXT_TOKEN, USER_AGENT
from ._secret import Secret
from .errors import AuthenticationError
from .token_credential import CredentialSource


def _secret(value: str | Secret | None) -> Secret | None:
    return None if value is None else Secret(value)


def _fill(frozen: object, **values: object) -> None:
    """Set the fields of a frozen dataclass from a hand-written __init__ (which wraps secrets)."""
    for name, value in values.items():
        object.__setattr__(frozen, name, value)


@dataclass(frozen=True)
class ClientCredentials:
    """OAuth2 client-credentials grant. token_url/scope default to the API's real values."""

    client_id: str
    client_secret: Secret
    scope: str | None = None
    token_url: str | None = None

    def __init__(
        self,
        client_id: str,
        client_secret: str | Secret,
        *,
        scope: str | None = None,
        token_url: str | None = None,
    ) -> None:
        _fill(
            self, client_id=client_id, client_secret=Secret(client_secret), scope=scope, token_url=token_url
        )


@dataclass(frozen=True)
class RefreshTokenCredentials:
    """OAuth2 refresh-token grant (delegated, App+User); client_secret only for confidential clients."""

    client_id: str
    refresh_token: Secret
    client_secret: Secret | None = None
    scope: str | None = None
    token_url: str | None = None

    def __init__(
        self,
        client_id: str,
        refresh_token: str | Secret,
        *,
        client_secret: str | Secret | None = None,
        scope: str | None = None,
        token_url: str | None = None,
    ) -> None:
        _fill(
            self,
            client_id=client_id,
            refresh_token=Secret(refresh_token),
            client_secret=_secret(client_secret),
            scope=scope,
            token_url=token_url,
        )


@dataclass(frozen=True)
class FusionLogin:
    """Fusion username and password (POST /api/v01/auth/login)."""

    username: str
    password: Secret

    def __init__(self, username: str, password: str | Secret) -> None:
        _fill(self, username=username, password=Secret(password))


def jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT (not verified: only used to schedule a refresh)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, TypeError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None


@dataclass
class Token:
    value: Secret
    expires_at: float | None  # epoch seconds; None: unknown, used until a 401
    refresh_margin: float = 60.0
    obtained_at: float = field(default_factory=time.time)

    @classmethod
    def parse(cls, access_token: str, expires_in: object = None, *, margin: float = 60.0) -> Token:
        now = time.time()
        candidates = [jwt_expiry(access_token)]
        if isinstance(expires_in, int | float | str):
            with contextlib.suppress(ValueError):
                candidates.append(now + float(expires_in))
        known = [c for c in candidates if c is not None]
        return cls(Secret(access_token), min(known) if known else None, margin, now)

    def fresh(self) -> bool:
        if self.expires_at is None:
            return True
        margin = min(self.refresh_margin, (self.expires_at - self.obtained_at) / 2)
        return time.time() < self.expires_at - margin


class TokenSource(Protocol):
    """Builds token requests and reads their answers; the auth drives the I/O."""

    def request(self) -> httpx.Request: ...

    def accept(self, response: httpx.Response) -> Token | None:
        """The new token, or None when the request should be repeated with request() (a fallback)."""
        ...


def _token_request(method: str, url: str, **kwargs: Any) -> httpx.Request:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **kwargs.pop("headers", {})}
    return httpx.Request(method, url, headers=headers, extensions={EXT_TOKEN: True}, **kwargs)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, absurd nesting
        return {}
    return body if isinstance(body, dict) else {}


class EntraTokenSource:
    def __init__(
        self, credentials: ClientCredentials | RefreshTokenCredentials, token_url: str, scope: str
    ) -> None:
        self._credentials = credentials
        self._token_url = credentials.token_url or token_url
        self._scope = credentials.scope or scope
        self._refresh_token = (
            credentials.refresh_token if isinstance(credentials, RefreshTokenCredentials) else None
        )

    def __repr__(self) -> str:
        return f"EntraTokenSource(client_id={self._credentials.client_id!r}, token_url={self._token_url!r})"

    def request(self) -> httpx.Request:
        form = {"client_id": self._credentials.client_id, "scope": self._scope}
        if self._refresh_token is not None:
            form |= {"grant_type": "refresh_token", "refresh_token": self._refresh_token.reveal()}
        else:
            form["grant_type"] = "client_credentials"
        if self._credentials.client_secret is not None:
            form["client_secret"] = self._credentials.client_secret.reveal()
        return _token_request("POST", self._token_url, data=form)

    def accept(self, response: httpx.Response) -> Token:
        body = _json(response)
        token = body.get("access_token")
        if response.status_code != 200 or not isinstance(token, str):
            error = body.get("error") if isinstance(body.get("error"), str) else None
            description = body.get("error_description")
            raise AuthenticationError(
                f"token endpoint answered {response.status_code}: {error or 'no access_token'}"
                + (f" ({description})" if isinstance(description, str) else ""),
                status=response.status_code,
                error=error,
            )
        if isinstance(body.get("refresh_token"), str):
            self._refresh_token = Secret(body["refresh_token"])
        return Token.parse(token, body.get("expires_in"))


class FusionTokenSource:
    def __init__(self, credentials: FusionLogin, base_url: str) -> None:
        self._credentials = credentials
        self._base = base_url.rstrip("/")
        self._refresh_token: Secret | None = None

    def __repr__(self) -> str:
        return f"FusionTokenSource(username={self._credentials.username!r}, base_url={self._base!r})"

    def request(self) -> httpx.Request:
        if self._refresh_token is not None:
            return _token_request(
                "GET",
                f"{self._base}/api/v01/auth/access_token",
                headers={"Authorization": f"Bearer {self._refresh_token.reveal()}"},
            )
        body = {"username": self._credentials.username, "password": self._credentials.password.reveal()}
        return _token_request("POST", f"{self._base}/api/v01/auth/login", json=body)

    def accept(self, response: httpx.Response) -> Token | None:
        refreshing = response.request.method == "GET"
        body = _json(response)
        if refreshing and response.status_code in (401, 403):
            self._refresh_token = None  # refresh token expired: log in again
            return None
        if response.status_code != 200:
            error = body.get("error")
            reason = error.get("reason") if isinstance(error, dict) else error
            raise AuthenticationError(
                f"Fusion {'refresh' if refreshing else 'login'} answered {response.status_code}"
                + (f": {reason}" if isinstance(reason, str) else ""),
                status=response.status_code,
            )
        if "2fa_payload" in body:
            raise AuthenticationError(
                "Fusion login asks for two-factor authentication, which is not supported"
            )
        if isinstance(body.get("refresh_token"), str):
            self._refresh_token = Secret(body["refresh_token"])
        token = body.get("access_token") or body.get("token")
        if not isinstance(token, str):
            raise AuthenticationError("Fusion login answered without an access token", status=200)
        return Token.parse(token, body.get("expires_in"))


def _share_deadline(request: httpx.Request, token_request: httpx.Request) -> None:
    """A token call counts against the deadline of the call it serves."""
    if EXT_DEADLINE in request.extensions:
        token_request.extensions = {
            **token_request.extensions,
            EXT_DEADLINE: request.extensions[EXT_DEADLINE],
        }


class BearerAuth(httpx.Auth):
    """Bearer auth over a TokenSource or a TokenCredential (both refreshing), or a fixed token (no
    refresh; a 401 raises)."""

    def __init__(
        self,
        source: TokenSource | None = None,
        *,
        token: str | Secret | None = None,
        credential: CredentialSource | None = None,
    ) -> None:
        if [source, token, credential].count(None) != 2:
            raise ValueError("give one of a token source, a token credential or a token")
        self._source = source
        self._credential = credential
        self._token: Token | None = Token(Secret(token), None) if token is not None else None
        self._lock = threading.Lock()
        self._alock: asyncio.Lock | None = None
        self.refreshes = 0

    def __repr__(self) -> str:
        return f"BearerAuth(source={self._source or self._credential!r})"

    @property
    def credential(self) -> CredentialSource | None:
        return self._credential

    def _needs_token(self, rejected: Token | None) -> bool:
        if self._source is None and self._credential is None:
            return False
        if self._token is None:
            return True
        if rejected is not None:
            return self._token is rejected  # nobody replaced it meanwhile
        return not self._token.fresh()

    def _authorize(self, request: httpx.Request) -> Token | None:
        token = self._token
        if token is not None:
            request.headers["Authorization"] = f"Bearer {token.value.reveal()}"
        return token

    def _token_requests(self, rejected: Token | None) -> Iterator[httpx.Request]:
        """The token requests to send, under the lock; each answer goes to _accept() before the next."""
        if not self._needs_token(rejected):
            return  # another call replaced the token while this one waited for the lock
        assert self._source is not None
        before = self.refreshes
        for _ in range(2):  # a second round only after a refused refresh (fallback to login)
            yield self._source.request()
            if self.refreshes != before:  # _accept() took a token
                return
        raise AuthenticationError("could not obtain a token")

    def _accept(self, response: httpx.Response) -> None:
        assert self._source is not None
        token = self._source.accept(response)
        if token is not None:
            self._token = token
            self.refreshes += 1

    def _send_again(self, response: httpx.Response, round_: int) -> bool:
        """Only a 401 to the first round, with a token that can be refreshed, is worth a second."""
        refreshable = self._source is not None or self._credential is not None
        return response.status_code == 401 and refreshable and round_ == 0

    def _took(self, value: str, expires_at: float | None) -> None:
        self._token = Token(Secret(value), expires_at)
        self.refreshes += 1

    def _nothing_newer(self, rejected: Token | None) -> bool:
        """A credential that hands back the very token just refused (its own cache): no second try, and
        the 401 stands. (Token sources are not asked: they send requests, so the flow must end on the
        API's answer, and an endpoint may well issue the same JWT twice within a second.)"""
        if self._credential is None or rejected is None or self._token is None:
            return False
        return self._token.value == rejected.value

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        rejected: Token | None = None
        for round_ in range(2):
            if self._needs_token(rejected):
                with self._lock:
                    if self._credential is not None:
                        if self._needs_token(rejected):  # another thread may have replaced it meanwhile
                            self._took(*self._credential.fetch())
                    else:
                        for token_request in self._token_requests(rejected):
                            _share_deadline(request, token_request)
                            response = yield token_request
                            response.read()
                            self._accept(response)
            if self._nothing_newer(rejected):
                return
            used = self._authorize(request)
            response = yield request
            if not self._send_again(response, round_):
                return
            rejected = used

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._alock is None:
            self._alock = asyncio.Lock()
        rejected: Token | None = None
        for round_ in range(2):
            if self._needs_token(rejected):
                async with self._alock:
                    if self._credential is not None:
                        if self._needs_token(rejected):
                            self._took(*await self._credential.afetch())
                    else:
                        for token_request in self._token_requests(rejected):
                            _share_deadline(request, token_request)
                            response = yield token_request
                            await response.aread()
                            self._accept(response)
            if self._nothing_newer(rejected):
                return
            used = self._authorize(request)
            response = yield request
            if not self._send_again(response, round_):
                return
            rejected = used
