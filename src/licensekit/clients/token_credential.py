"""Tokens from any azure-core TokenCredential (azure-identity's DefaultAzureCredential,
ClientCertificateCredential, ManagedIdentityCredential, workload identity, the Azure CLI's...), sync or async.

Only the protocol is used: `get_token(*scopes)` returning an object with `.token` and `.expires_on` (epoch
seconds). azure-identity itself is never imported here (`pip install 'licensekit[azure]'` brings it).
The credential does its own I/O; BearerAuth caches its token, asks again shortly before expiry and once
after a 401. Whatever the credential raises becomes an AuthenticationError that names the credential's
class, the exception's class and any AADSTS code in its message, never the message itself (it may quote
a secret or an assertion).
"""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any, Protocol, runtime_checkable

from .errors import AuthenticationError


class AccessTokenLike(Protocol):
    """azure-core's AccessToken (a NamedTuple) or AccessTokenInfo."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


@runtime_checkable
class TokenCredential(Protocol):
    """azure-core's TokenCredential protocol (azure.core.credentials.TokenCredential)."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenLike: ...


@runtime_checkable
class AsyncTokenCredential(Protocol):
    """azure-core's AsyncTokenCredential protocol (azure.core.credentials_async.AsyncTokenCredential)."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenLike: ...


AnyTokenCredential = TokenCredential | AsyncTokenCredential  # what the async clients accept

_AADSTS = re.compile(r"AADSTS\d{4,8}")


def is_async_credential(credential: object) -> bool:
    return inspect.iscoroutinefunction(getattr(credential, "get_token", None))


class CredentialSource:
    """One scope's tokens from a TokenCredential (sync or async)."""

    def __init__(self, credential: TokenCredential | AsyncTokenCredential, scope: str) -> None:
        if not callable(getattr(credential, "get_token", None)):
            raise TypeError(f"{type(credential).__name__} has no get_token(): not a TokenCredential")
        self.credential = credential
        self.scope = scope
        self.is_async = is_async_credential(credential)

    def __repr__(self) -> str:
        return f"CredentialSource({type(self.credential).__name__}, scope={self.scope!r})"

    def fetch(self) -> tuple[str, float | None]:
        """Sync clients: (token, expiry in epoch seconds or None), or AuthenticationError."""
        if self.is_async:
            raise TypeError(
                f"{type(self.credential).__name__} is an async credential: use it with the Async client"
            )
        try:
            answer = self.credential.get_token(self.scope)
        except Exception as exc:
            raise self._refused(exc) from None
        return self._token(answer)

    async def afetch(self) -> tuple[str, float | None]:
        """Async clients: an async credential is awaited, a sync one runs in a worker thread."""
        try:
            if self.is_async:
                answer = await self.credential.get_token(self.scope)  # type: ignore[misc]
            else:
                answer = await asyncio.to_thread(self.credential.get_token, self.scope)
        except Exception as exc:
            raise self._refused(exc) from None
        return self._token(answer)

    def _refused(self, exc: Exception) -> AuthenticationError:
        codes = sorted(set(_AADSTS.findall(str(exc))))
        return AuthenticationError(
            f"{type(self.credential).__name__} gave no token for {self.scope}: {type(exc).__name__}"
            + (f" ({', '.join(codes)})" if codes else ""),
            error=codes[0] if codes else None,
        )

    def _token(self, answer: object) -> tuple[str, float | None]:
        value = getattr(answer, "token", None)
        expires_on = getattr(answer, "expires_on", None)
        if not isinstance(value, str) or not value:
            raise AuthenticationError(f"{type(self.credential).__name__} answered without a token")
        if isinstance(expires_on, int | float) and not isinstance(expires_on, bool):
            return value, float(expires_on)
        return value, None
