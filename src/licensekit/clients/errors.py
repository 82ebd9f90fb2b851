"""One exception family per API, under LicenseKitError.

Every failure of a call is an exception of its API's family, so `except FusionError` catches them all:

    kind (API-agnostic)      Fusion                       meaning
    ApiError                 FusionApiError               a non-2xx answer (status, vendor body, ids)
    RateLimitError           FusionRateLimitError         429, or the client's Retry-After gate outlasting
                                                          the call's deadline (not sent at all)
    AuthenticationError      FusionAuthenticationError    no token (refused login/refresh, bad answer)
    TransportFailure         FusionTransportFailure       connection error, timeout, broken stream
    DeadlineExceeded         FusionDeadlineExceeded       the call passed RetryPolicy.max_total
    InvalidResponseError     FusionInvalidResponse        a 2xx body that breaks the spec (raw body kept)
    PagingError              FusionPagingError            a `next` token repeating or cycling, a page cap

(CloudCockpit* and PartnerCenter* likewise.) The kinds are raised below the family (transport, auth) and
adopted into it by the client layer. Messages never hold request headers, bodies or credentials, and
every exception pickles round-trip (process pools, task queues).
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, ClassVar

import httpx

from ._meta import EXT_ATTEMPTS


def _rebuild(cls: type[LicenseKitError], args: tuple[Any, ...], state: dict[str, Any]) -> LicenseKitError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class LicenseKitError(Exception):
    """Base of every error raised by licensekit.clients."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's default pickling calls cls(*args), which keyword-only __init__s refuse.
        return _rebuild, (type(self), self.args, dict(self.__dict__))

    def adopt(self, family: type[FamilyError]) -> LicenseKitError:
        """This error as the matching class of an API's family (itself when already in it)."""
        if isinstance(self, family):
            return self
        for kind in type(self).__mro__:
            target = family.kinds.get(kind)
            if target is not None:
                error = _rebuild(target, self.args, dict(self.__dict__))
                if isinstance(error, ApiError):
                    error.args = (error._message(),)
                error.__cause__ = self.__cause__
                error.__traceback__ = self.__traceback__
                return error
        return self


class AuthenticationError(LicenseKitError):
    """A token could not be obtained (bad credentials, refused refresh, 2FA required...)."""

    def __init__(self, message: str, *, status: int | None = None, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


class TransportFailure(LicenseKitError):
    """The call got no usable answer: connection refused or reset, a timeout, a broken stream.
    `__cause__` is the httpx exception."""


class DeadlineExceeded(TransportFailure):
    """The call passed its deadline (RetryPolicy.max_total), token calls and slow bodies included."""

    def __init__(self, message: str, *, deadline: float | None = None) -> None:
        super().__init__(message)
        self.deadline = deadline


class InvalidResponseError(LicenseKitError):
    """A success answer whose body breaks the spec: undecodable, a missing field, a wrong type, no body
    where one is documented. `content` keeps the raw body (never shown in the message)."""

    def __init__(
        self, message: str, *, status: int, method: str, path: str, content: bytes, reason: str
    ) -> None:
        super().__init__(message)
        self.status = status
        self.method = method
        self.path = path
        self.content = content
        self.reason = reason

    @classmethod
    def of(cls, response: httpx.Response, reason: str) -> InvalidResponseError:
        request = response.request
        return cls(
            f"{request.method} {request.url.path} answered {response.status_code} with a body that breaks"
            f" the spec: {reason} ({len(response.content)} bytes in .content)",
            status=response.status_code,
            method=request.method,
            path=request.url.path,
            content=response.content,
            reason=reason,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, reason={self.reason!r})"


class PagingError(LicenseKitError):
    """Paging stopped: a `next` token repeated or cycled, pages kept coming empty, or the page cap."""


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date. None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class ApiError(LicenseKitError):
    """A non-success answer from an API."""

    api: ClassVar[str] = "API"
    correlation_headers: ClassVar[tuple[str, ...]] = ("X-Correlation-Id",)

    def __init__(
        self,
        *,
        status: int,
        method: str,
        path: str,
        body: Any = None,
        correlation_id: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        self.body = body
        self.correlation_id = correlation_id
        self.request_id = request_id
        self.retry_after = retry_after
        self.attempts = attempts
        super().__init__(self._message())

    @property
    def is_throttled(self) -> bool:
        return self.status == 429

    def vendor_message(self) -> str | None:
        """The human-readable part of the vendor's error body, if any."""
        return None

    def _message(self) -> str:
        try:
            reason = HTTPStatus(self.status).phrase
        except ValueError:
            reason = ""
        text = f"{self.api} {self.method} {self.path} answered {self.status} {reason}".rstrip()
        detail = self.vendor_message()
        if detail:
            text += f": {detail}"
        extras = []
        if self.attempts > 1:
            extras.append(f"gave up after {self.attempts} attempts")
        if self.retry_after is not None:
            extras.append(f"retry after {self.retry_after:g} s")
        if self.correlation_id:
            extras.append(f"correlation id {self.correlation_id}")
        if extras:
            text += f" ({', '.join(extras)})"
        return text

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiError:
        try:
            body: Any = response.json() if response.content else None
        except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, absurd nesting
            body = response.text[:1024]
        request = response.request
        correlation_id = None
        for name in cls.correlation_headers:
            correlation_id = response.headers.get(name) or request.headers.get(name)
            if correlation_id:
                break
        if not correlation_id and isinstance(body, dict) and isinstance(body.get("correlationId"), str):
            correlation_id = body["correlationId"]
        attempts = response.extensions.get(EXT_ATTEMPTS, 1)
        return cls(
            status=response.status_code,
            method=request.method,
            path=request.url.path,
            body=body,
            correlation_id=correlation_id,
            request_id=response.headers.get("MS-RequestId") or request.headers.get("MS-RequestId"),
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            attempts=attempts if isinstance(attempts, int) else 1,
        )


class RateLimitError(ApiError):
    """Throttled: a 429 the retries did not outlast, or a call not sent at all because the client's
    Retry-After gate stays closed beyond the call's deadline (then `attempts` is 0)."""

    def _message(self) -> str:
        if self.attempts == 0:
            wait = f" for {self.retry_after:g} s more" if self.retry_after is not None else ""
            return (
                f"{self.api} {self.method} {self.path} not sent: throttled, the Retry-After gate stays closed"
                f"{wait}, beyond the call's deadline (RetryPolicy.max_total)"
            )
        return super()._message()


class FamilyError(LicenseKitError):
    """Root of one API's family; `kinds` maps each API-agnostic kind to the family's class."""

    kinds: ClassVar[dict[type[LicenseKitError], type[LicenseKitError]]] = {}
    api_error: ClassVar[type[ApiError]] = ApiError

    @classmethod
    def from_answer(cls, response: httpx.Response) -> ApiError:
        """The family's ApiError (RateLimitError for a 429) for a non-2xx answer."""
        kind: type[ApiError] = RateLimitError if response.status_code == 429 else ApiError
        target = cls.kinds[kind]
        assert issubclass(target, ApiError)
        return target.from_response(response)

    @classmethod
    def invalid(cls, response: httpx.Response, reason: str) -> LicenseKitError:
        return InvalidResponseError.of(response, reason).adopt(cls)

    @classmethod
    def transport(cls, exc: Exception) -> LicenseKitError:
        text = "; ".join(part for part in (str(exc), *getattr(exc, "__notes__", ())) if part)
        error = TransportFailure(f"{type(exc).__name__}" + (f": {text}" if text else ""))
        error.__cause__ = exc
        return error.adopt(cls)


# --- CloudCockpit -------------------------------------------------------------------------------


class CloudCockpitError(FamilyError):
    """Any failure of a CloudCockpit call."""

    api = "CloudCockpit"


class CloudCockpitApiError(CloudCockpitError, ApiError):
    """CloudCockpit error answer; `errors` is the body's errors[] (each {propertyName, description[]})."""

    @property
    def errors(self) -> list[dict[str, Any]]:
        items = self.body.get("errors") if isinstance(self.body, dict) else None
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    @property
    def description(self) -> str | None:
        value = self.body.get("description") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    def vendor_message(self) -> str | None:
        parts = [self.description] if self.description else []
        for item in self.errors:
            descriptions = item.get("description")
            joined = (
                "; ".join(d for d in descriptions if isinstance(d, str))
                if isinstance(descriptions, list)
                else ""
            )
            name = item.get("propertyName")
            parts.append(f"{name}: {joined}" if name else joined)
        return " | ".join(p for p in parts if p) or None


class CloudCockpitRateLimitError(CloudCockpitApiError, RateLimitError):
    """CloudCockpit throttled the call (429), or the Retry-After gate outlasts its deadline."""


class CloudCockpitAuthenticationError(CloudCockpitError, AuthenticationError):
    """No token for CloudCockpit (Entra ID refused the credentials, or answered without a token)."""


class CloudCockpitTransportFailure(CloudCockpitError, TransportFailure):
    """A CloudCockpit call got no usable answer (connection, timeout, stream)."""


class CloudCockpitDeadlineExceeded(CloudCockpitTransportFailure, DeadlineExceeded):
    """A CloudCockpit call passed RetryPolicy.max_total."""


class CloudCockpitInvalidResponse(CloudCockpitError, InvalidResponseError):
    """A CloudCockpit success answer whose body breaks the spec (raw body in `.content`)."""


CloudCockpitError.kinds = {
    ApiError: CloudCockpitApiError,
    RateLimitError: CloudCockpitRateLimitError,
    AuthenticationError: CloudCockpitAuthenticationError,
    TransportFailure: CloudCockpitTransportFailure,
    DeadlineExceeded: CloudCockpitDeadlineExceeded,
    InvalidResponseError: CloudCockpitInvalidResponse,
}


# --- Fusion --------------------------------------------------------------------------------------


class FusionError(FamilyError):
    """Any failure of a Fusion call, login and token refresh included."""

    api = "Fusion"


class FusionApiError(FusionError, ApiError):
    """Fusion error answer; `error` is the body's error message (a string, or the `reason` of an object)."""

    @property
    def error(self) -> str | None:
        value = self.body.get("error") if isinstance(self.body, dict) else None
        if isinstance(value, dict):
            value = value.get("reason")
        return value if isinstance(value, str) else None

    def vendor_message(self) -> str | None:
        return self.error


class FusionRateLimitError(FusionApiError, RateLimitError):
    """Fusion throttled the call (429), or the Retry-After gate outlasts its deadline."""


class FusionAuthenticationError(FusionError, AuthenticationError):
    """Fusion refused the login or the refresh, asked for 2FA, or answered without a token."""


class FusionTransportFailure(FusionError, TransportFailure):
    """A Fusion call got no usable answer (connection, timeout, stream)."""


class FusionDeadlineExceeded(FusionTransportFailure, DeadlineExceeded):
    """A Fusion call passed RetryPolicy.max_total."""


class FusionInvalidResponse(FusionError, InvalidResponseError):
    """A Fusion success answer whose body breaks the spec (raw body in `.content`)."""


class FusionPagingError(FusionError, PagingError):
    """Fusion paging stopped: a repeated or cycling `next` token, empty pages, or the page cap."""


FusionError.kinds = {
    ApiError: FusionApiError,
    RateLimitError: FusionRateLimitError,
    AuthenticationError: FusionAuthenticationError,
    TransportFailure: FusionTransportFailure,
    DeadlineExceeded: FusionDeadlineExceeded,
    InvalidResponseError: FusionInvalidResponse,
    PagingError: FusionPagingError,
}


# --- Partner Center ------------------------------------------------------------------------------


class PartnerCenterError(FamilyError):
    """Any failure of a Partner Center call."""

    api = "Partner Center"


class PartnerCenterApiError(PartnerCenterError, ApiError):
    """Partner Center error answer; `code`/`description` from the ApiFault body, or the 429 message."""

    correlation_headers = ("MS-CorrelationId",)

    @property
    def code(self) -> int | str | None:
        value = self.body.get("code") if isinstance(self.body, dict) else None
        return value if isinstance(value, int | str) and not isinstance(value, bool) else None

    @property
    def description(self) -> str | None:
        if not isinstance(self.body, dict):
            return None
        value = self.body.get("description", self.body.get("message"))
        return value if isinstance(value, str) else None

    def vendor_message(self) -> str | None:
        if self.code is not None:
            return f"code {self.code}: {self.description or ''}".rstrip(": ")
        return self.description


class PartnerCenterRateLimitError(PartnerCenterApiError, RateLimitError):
    """Partner Center throttled the call (429), or the Retry-After gate outlasts its deadline."""


class PartnerCenterAuthenticationError(PartnerCenterError, AuthenticationError):
    """No token for Partner Center (Entra ID refused the credentials or the refresh token)."""


class PartnerCenterTransportFailure(PartnerCenterError, TransportFailure):
    """A Partner Center call got no usable answer (connection, timeout, stream)."""


class PartnerCenterDeadlineExceeded(PartnerCenterTransportFailure, DeadlineExceeded):
    """A Partner Center call passed RetryPolicy.max_total."""


class PartnerCenterInvalidResponse(PartnerCenterError, InvalidResponseError):
    """A Partner Center success answer whose body breaks the spec (raw body in `.content`)."""


PartnerCenterError.kinds = {
    ApiError: PartnerCenterApiError,
    RateLimitError: PartnerCenterRateLimitError,
    AuthenticationError: PartnerCenterAuthenticationError,
    TransportFailure: PartnerCenterTransportFailure,
    DeadlineExceeded: PartnerCenterDeadlineExceeded,
    InvalidResponseError: PartnerCenterInvalidResponse,
}
