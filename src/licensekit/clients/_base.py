"""Shared plumbing of the entry points: building the generated Client, calling an operation, raising.

Everything that does no I/O lives here or in the per-API mixins (which turn a method's arguments into a
`Call`), so a sync method and its async twin differ only in `await`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import Any, ClassVar, Generic, Protocol, Self, TypeAlias, TypeVar, cast

import httpx

from ._meta import DEFAULT_TIMEOUT, EXT_DEADLINE, USER_AGENT
from ._secret import Secret
from .auth import (
    BearerAuth,
    ClientCredentials,
    EntraTokenSource,
    FusionLogin,
    FusionTokenSource,
    RefreshTokenCredentials,
)
from .errors import FamilyError, LicenseKitError
from .token_credential import AsyncTokenCredential, CredentialSource, TokenCredential
from .tolerance import Deviation, ToleranceLog, answer_deviations, error_deviations, table
from .transport import AsyncRetryTransport, CallIds, RetryPolicy, RetryTransport

Credentials: TypeAlias = (
    ClientCredentials | RefreshTokenCredentials | FusionLogin | TokenCredential | AsyncTokenCredential
)

#: Where licensekit's mocks serve their stand-in for Entra ID's token endpoint.
MOCK_TOKEN_PATH = "/__mock__/oauth2/v2.0/token"


class MockTarget(Protocol):
    """What for_mock() needs of a running mock (licensekit.mock.MockServer)."""

    @property
    def base_url(self) -> str: ...

    def token(self, **claims: Any) -> str: ...


def aimed_at(credentials: Credentials, token_url: str) -> Credentials:
    """`credentials` with their token endpoint replaced (Fusion logs in at the base URL: unchanged)."""
    if isinstance(credentials, ClientCredentials):
        return ClientCredentials(
            credentials.client_id, credentials.client_secret, scope=credentials.scope, token_url=token_url
        )
    if isinstance(credentials, RefreshTokenCredentials):
        return RefreshTokenCredentials(
            credentials.client_id,
            credentials.refresh_token,
            client_secret=credentials.client_secret,
            scope=credentials.scope,
            token_url=token_url,
        )
    return credentials


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
    credential_scope: str = "",
) -> BearerAuth:
    if (credentials is None) == (token is None):
        raise ValueError("give either credentials= or token=")
    if token is not None:
        return BearerAuth(token=token)
    if isinstance(credentials, FusionLogin):
        return BearerAuth(FusionTokenSource(credentials, base_url))
    if isinstance(credentials, ClientCredentials | RefreshTokenCredentials):
        return BearerAuth(EntraTokenSource(credentials, token_url, scope))
    if not credential_scope:
        raise TypeError(f"this API takes no token credential ({type(credentials).__name__})")
    assert credentials is not None
    return BearerAuth(credential=CredentialSource(credentials, credential_scope))


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


R = TypeVar("R")
C = TypeVar("C", bound=GeneratedClient)
T = TypeVar("T", httpx.BaseTransport, httpx.AsyncBaseTransport)


# What a failed call can raise below the client layer: turned into the API's family.
HTTPX_FAILURES: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL)
# What a parser can raise on a body it cannot read (the generated InvalidResponse is a subclass of none).
PARSE_FAILURES: tuple[type[Exception], ...] = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    RecursionError,
)


_UNDECODED = object()


def _decoded_once(response: httpx.Response, op: ModuleType) -> object:
    """The JSON of a body, decoded once: by the generated package's reader (orjson when installed), and
    handed to the generated parser's own read (decoding is about half the time of parsing a large answer;
    bench/results.md)."""
    read = getattr(op, "read_json", None)
    try:
        data = read(response) if read is not None else json.loads(response.content)
    except (ValueError, RecursionError):
        return _UNDECODED  # the generated parser reports it
    response._licensekit_json = data  # type: ignore[attr-defined]  # types.read_json returns it
    return data


@dataclass(frozen=True)
class Call(Generic[R]):
    """A generated operation module with its arguments; R is what its _parse_response returns.
    `empty_ok`: a success without a body is the documented answer (204), not a broken one."""

    op: ModuleType
    kwargs: dict[str, Any]
    empty_ok: bool = False

    def request_kwargs(self) -> dict[str, Any]:
        return self.op._get_kwargs(**self.kwargs)  # type: ignore[no-any-return]

    @property
    def module(self) -> str:
        """The generated operation module's name (list_customer_licenses): the tolerance table's key."""
        return self.op.__name__.rsplit(".", 1)[-1]


class _Base(Generic[C, T]):
    # Set by each API's mixin.
    family: ClassVar[type[FamilyError]]
    ids: ClassVar[CallIds]
    client_class: type[C]
    token_url: ClassVar[str] = ""
    scope: ClassVar[str] = ""
    # The one scope asked of an azure-core TokenCredential ("" where the API takes none: Fusion).
    credential_scope: ClassVar[str] = ""
    api_name: ClassVar[str]  # the API's name in the tolerance table (its spec's stem)
    generated: C

    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None,
        token: str | Secret | None,
        retry: RetryPolicy | None,
        timeout: httpx.Timeout | float | None,
        transport: T | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.auth = build_auth(
            base_url=base_url,
            credentials=credentials,
            token=token,
            token_url=self.token_url,
            scope=self.scope,
            credential_scope=self.credential_scope,
        )
        self._check_credential_kind()
        self._tolerance = ToleranceLog(self.api_name)
        self.base_url = base_url
        self.retry = retry or RetryPolicy()
        self.generated = self.client_class(
            **generated_kwargs(
                base_url, headers=headers, timeout=timeout, auth=self.auth, transport=self._wrap(transport)
            )
        )

    @classmethod
    def for_mock(cls, mock: MockTarget, *, credentials: Credentials | None = None, **kwargs: Any) -> Self:
        """This client aimed at a running licensekit mock: the mock's base URL, and either `credentials`
        sent to the mock's token endpoint (Fusion logs in at the base URL anyway) or, without them, a
        token the mock signs. Other keywords (tenant=, draas_instance=, retry=...) pass through."""
        if credentials is None:
            kwargs["token"] = mock.token()
        else:
            kwargs["credentials"] = aimed_at(credentials, mock.base_url.rstrip("/") + MOCK_TOKEN_PATH)
        return cls(mock.base_url, **kwargs)

    def _wrap(self, inner: T | None) -> T:
        raise NotImplementedError

    def _check_credential_kind(self) -> None:
        """A sync client cannot await an async credential (the async twin runs a sync one in a thread)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _request_kwargs(self, call: Call[R]) -> dict[str, Any]:
        """The call's request, with the deadline its token calls and body reads share."""
        return {
            **call.request_kwargs(),
            "extensions": {EXT_DEADLINE: time.monotonic() + self.retry.max_total},
        }

    def _failure(self, exc: Exception) -> LicenseKitError | None:
        """The family exception for an exception raised while calling, None to let it through."""
        if isinstance(exc, LicenseKitError):
            return exc.adopt(self.family)
        if isinstance(exc, HTTPX_FAILURES):
            return self.family.transport(exc)
        return None

    def tolerated(self) -> dict[Deviation, int]:
        """Answers this client accepted only thanks to the tolerance rule, by deviation: (API, operation,
        kind, location) -> how many answers showed it. Each is also logged once per process as a WARNING
        on the `licensekit.tolerance` logger."""
        return self._tolerance.counts()

    def _result(self, call: Call[R], response: httpx.Response) -> R:
        module = call.module
        if not response.is_success:
            self._tolerance.record(
                module, error_deviations(self.api_name, module, response.status_code, response.content)
            )
            raise self.family.from_answer(response)
        invalid = getattr(call.op, "errors", None)
        invalid_type = getattr(invalid, "InvalidResponse", None)
        rules = table().get(self.api_name, {}).get(module)
        checked = rules and str(response.status_code) in rules["answers"]
        data = _decoded_once(response, call.op) if checked else None
        try:
            # The generated parser holds the cyclic GC while it builds the models (types.gc_paused).
            parsed = call.op._parse_response(client=self.generated, response=response)
        except PARSE_FAILURES as exc:
            raise self.family.invalid(response, f"{type(exc).__name__}") from None
        except Exception as exc:
            if invalid_type is not None and isinstance(exc, invalid_type):
                raise self.family.invalid(response, exc.reason) from None
            raise
        if parsed is None and not call.empty_ok:
            raise self.family.invalid(response, "no body where the spec documents one")
        if data is not None and data is not _UNDECODED:
            self._tolerance.record(
                module, answer_deviations(self.api_name, module, response.status_code, data)
            )
        return cast(R, parsed)


class SyncBase(_Base[C, httpx.BaseTransport]):
    def _wrap(self, inner: httpx.BaseTransport | None) -> httpx.BaseTransport:
        return RetryTransport(inner, policy=self.retry, ids=self.ids)

    def _check_credential_kind(self) -> None:
        source = self.auth.credential
        if source is not None and source.is_async:
            raise TypeError(
                f"{type(source.credential).__name__} is an async credential: use it with "
                f"Async{type(self).__name__}"
            )

    def _call(self, call: Call[R]) -> R:
        try:
            response = self.generated.get_httpx_client().request(**self._request_kwargs(call))
        except Exception as exc:
            if (failure := self._failure(exc)) is None or failure is exc:
                raise
            raise failure from exc.__cause__ if isinstance(exc, LicenseKitError) else exc
        return self._result(call, response)

    def close(self) -> None:
        self.generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncBase(_Base[C, httpx.AsyncBaseTransport]):
    def _wrap(self, inner: httpx.AsyncBaseTransport | None) -> httpx.AsyncBaseTransport:
        return AsyncRetryTransport(inner, policy=self.retry, ids=self.ids)

    async def _call(self, call: Call[R]) -> R:
        try:
            response = await self.generated.get_async_httpx_client().request(**self._request_kwargs(call))
        except Exception as exc:
            if (failure := self._failure(exc)) is None or failure is exc:
                raise
            raise failure from exc.__cause__ if isinstance(exc, LicenseKitError) else exc
        return self._result(call, response)

    async def aclose(self) -> None:
        await self.generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
