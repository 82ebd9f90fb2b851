"""One exception family per API, under LicenseKitError.

A documented (or any other non-2xx) status raises the API's ApiError subclass, carrying the HTTP status,
the vendor's parsed error body, the correlation id and Retry-After. Messages never hold request headers,
bodies or credentials.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, ClassVar

import httpx

from ._meta import EXT_ATTEMPTS


class LicenseKitError(Exception):
    """Base of every error raised by licensekit.clients."""


class AuthenticationError(LicenseKitError):
    """A token could not be obtained (bad credentials, refused refresh, 2FA required...)."""

    def __init__(self, message: str, *, status: int | None = None, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


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
        except (json.JSONDecodeError, UnicodeDecodeError):
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


class CloudCockpitError(ApiError):
    """CloudCockpit error; `errors` is the body's errors[] (each {propertyName, description[]})."""

    api = "CloudCockpit"

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


class FusionError(ApiError):
    """Fusion error; `error` is the body's error message (a string, or the `reason` of an object)."""

    api = "Fusion"

    @property
    def error(self) -> str | None:
        value = self.body.get("error") if isinstance(self.body, dict) else None
        if isinstance(value, dict):
            value = value.get("reason")
        return value if isinstance(value, str) else None

    def vendor_message(self) -> str | None:
        return self.error


class PartnerCenterError(ApiError):
    """Partner Center error; `code`/`description` from the ApiFault body, or the 429 gateway message."""

    api = "Partner Center"
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
