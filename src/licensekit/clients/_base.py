"""Shared plumbing of the entry points: building the generated Client, calling an operation, raising."""

from __future__ import annotations

from types import ModuleType, TracebackType
from typing import Any, ClassVar, Generic, Protocol, Self, TypeAlias, TypeVar

import httpx

from ._meta import DEFAULT_TIMEOUT, USER_AGENT
from ._secret import Secret
from .auth import (
    BearerAuth,
    ClientCredentials,
    EntraTokenSource,
    FusionLogin,
    FusionTokenSource,
    RefreshTokenCredentials,
)
from .errors import ApiError
from .transport import AsyncRetryTransport, CallIds, RetryPolicy, RetryTransport

Credentials: TypeAlias = ClientCredentials | RefreshTokenCredentials | FusionLogin


class GeneratedClient(Protocol):
    raise_on_unexpected_status: bool

    def get_httpx_client(self) -> httpx.Client: ...

    def get_async_httpx_client(self) -> httpx.AsyncClient: ...


def build_auth(
    *,
    base_url: str,
    credentials: Credentials | None,
    token: str | Secret | None,
    token_url: str,
    scope: str,
) -> BearerAuth:
    if (credentials is None) == (token is None):
        raise ValueError("give either credentials= or token=")
    if token is not None:
        return BearerAuth(token=token)
    if isinstance(credentials, FusionLogin):
        return BearerAuth(FusionTokenSource(credentials, base_url))
    assert credentials is not None
    return BearerAuth(EntraTokenSource(credentials, token_url, scope))


def generated_kwargs(
    base_url: str,
    *,
    headers: dict[str, str] | None,
    timeout: httpx.Timeout | float | None,
    auth: httpx.Auth,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
) -> dict[str, Any]:
    return {
        "base_url": base_url,
        "headers": {"User-Agent": USER_AGENT, **(headers or {})},
        "timeout": DEFAULT_TIMEOUT if timeout is None else httpx.Timeout(timeout),
        "httpx_args": {"transport": transport, "auth": auth},
    }


C = TypeVar("C", bound=GeneratedClient)


class _Base(Generic[C]):
    error: ClassVar[type[ApiError]]
    ids: ClassVar[CallIds]
    generated: C

    def __init__(self, base_url: str, auth: BearerAuth, retry: RetryPolicy | None) -> None:
        self.base_url = base_url
        self.auth = auth
        self.retry = retry or RetryPolicy()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _result(self, op: ModuleType, response: httpx.Response) -> Any:
        if not response.is_success:
            raise self.error.from_response(response)
        return op._parse_response(client=self.generated, response=response)


class SyncBase(_Base[C]):
    def _transport(self, inner: httpx.BaseTransport | None) -> RetryTransport:
        return RetryTransport(inner, policy=self.retry, ids=self.ids)

    def _call(self, op: ModuleType, /, **kwargs: Any) -> Any:
        response = self.generated.get_httpx_client().request(**op._get_kwargs(**kwargs))
        return self._result(op, response)

    def close(self) -> None:
        self.generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncBase(_Base[C]):
    def _transport(self, inner: httpx.AsyncBaseTransport | None) -> AsyncRetryTransport:
        return AsyncRetryTransport(inner, policy=self.retry, ids=self.ids)

    async def _call(self, op: ModuleType, /, **kwargs: Any) -> Any:
        response = await self.generated.get_async_httpx_client().request(**op._get_kwargs(**kwargs))
        return self._result(op, response)

    async def aclose(self) -> None:
        await self.generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
