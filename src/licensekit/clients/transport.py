"""Resilience as an httpx transport wrapper (sync and async).

- 429 and 503 (configurable) are retried after Retry-After (seconds or HTTP date), else after an
  exponential backoff with full jitter; attempts and total time are bounded. When the bound is reached
  the last answer is returned (the client layer then raises with `attempts` set).
- Connection errors and timeouts are retried only for idempotent methods. POST and PATCH are never
  retried, unless the request is a token call or carries the EXT_RETRYABLE extension.
- A Retry-After also closes a gate shared by every call of the transport, so concurrent calls (a sweep)
  wait instead of hammering a throttled API.
- Per call (not per attempt) missing correlation / request-id headers are filled with fresh UUIDs, so
  Partner Center's MS-RequestId stays the same across the retries of one call.
- One DEBUG log line per attempt: method, path, status, duration, attempt, correlation id.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx

from ._meta import EXT_ATTEMPTS, EXT_RETRYABLE, EXT_TOKEN, logger
from .errors import parse_retry_after

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRYABLE_ERRORS: tuple[type[Exception], ...] = (httpx.TransportError,)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    """Attempts per call, the first included."""
    max_total: float = 60.0
    """Seconds a call may take with all its attempts and waits; a wait that would pass it is not made."""
    backoff_base: float = 0.5
    backoff_max: float = 10.0
    max_retry_after: float = 60.0
    """A Retry-After above this is not waited for: the call gives up at once."""
    retry_statuses: frozenset[int] = frozenset({429, 503})
    idempotent_methods: frozenset[str] = IDEMPOTENT_METHODS

    def backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff before attempt `attempt + 1` (attempt counts from 1)."""
        return random.uniform(0, min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1)))


NO_RETRY = RetryPolicy(max_attempts=1)


@dataclass(frozen=True)
class CallIds:
    """Headers given a fresh UUID per call when the caller did not set them."""

    correlation: str | None = "X-Correlation-Id"
    request_id: str | None = None


@dataclass
class _Gate:
    """Earliest monotonic time at which any call may go out again (set from Retry-After)."""

    not_before: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close_for(self, seconds: float) -> None:
        with self.lock:
            self.not_before = max(self.not_before, time.monotonic() + seconds)

    def wait(self) -> float:
        return max(0.0, self.not_before - time.monotonic())


class _Retrying:
    def __init__(self, policy: RetryPolicy, ids: CallIds) -> None:
        self.policy = policy
        self.ids = ids
        self.gate = _Gate()

    def prepare(self, request: httpx.Request) -> str | None:
        if request.extensions.get(EXT_TOKEN):
            return None
        for name in (self.ids.correlation, self.ids.request_id):
            if name and name not in request.headers:
                request.headers[name] = str(uuid.uuid4())
        return request.headers.get(self.ids.correlation) if self.ids.correlation else None

    def may_repeat(self, request: httpx.Request) -> bool:
        return (
            request.method in self.policy.idempotent_methods
            or bool(request.extensions.get(EXT_TOKEN))
            or bool(request.extensions.get(EXT_RETRYABLE))
        )

    def delay_after_status(
        self, request: httpx.Request, response: httpx.Response, attempt: int, started: float
    ) -> float | None:
        """Seconds to wait before retrying, or None to hand the response back."""
        if response.status_code not in self.policy.retry_statuses:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after <= self.policy.max_retry_after:
            self.gate.close_for(retry_after)  # every call of this client waits, retried or not
        if not self.may_repeat(request):
            return None
        if retry_after is not None:
            if retry_after > self.policy.max_retry_after:
                return None
            delay = retry_after + random.uniform(0, min(1.0, retry_after * 0.1))
        else:
            delay = self.policy.backoff(attempt)
        return self._within_bounds(delay, attempt, started)

    def delay_after_error(self, request: httpx.Request, attempt: int, started: float) -> float | None:
        if not self.may_repeat(request):
            return None
        return self._within_bounds(self.policy.backoff(attempt), attempt, started)

    def _within_bounds(self, delay: float, attempt: int, started: float) -> float | None:
        if attempt >= self.policy.max_attempts:
            return None
        if time.monotonic() - started + delay > self.policy.max_total:
            return None
        return delay

    @staticmethod
    def log(request: httpx.Request, status: int | str, began: float, attempt: int, cid: str | None) -> None:
        logger.debug(
            "%s %s -> %s in %.1f ms (attempt %d, correlation id %s)",
            request.method,
            request.url.path,
            status,
            (time.perf_counter() - began) * 1000,
            attempt,
            cid or "-",
        )


def _mark(response: httpx.Response, attempt: int) -> httpx.Response:
    response.extensions = {**response.extensions, EXT_ATTEMPTS: attempt}
    return response


class RetryTransport(httpx.BaseTransport):
    """Wraps a sync transport (default httpx.HTTPTransport) with the retry policy above."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        ids: CallIds | None = None,
    ) -> None:
        self._inner = inner or httpx.HTTPTransport()
        self._r = _Retrying(policy or RetryPolicy(), ids or CallIds())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        cid = self._r.prepare(request)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            if (wait := self._r.gate.wait()) > 0:
                time.sleep(wait)
            began = time.perf_counter()
            try:
                response = self._inner.handle_request(request)
            except RETRYABLE_ERRORS as exc:
                self._r.log(request, type(exc).__name__, began, attempt, cid)
                delay = self._r.delay_after_error(request, attempt, started)
                if delay is None:
                    exc.add_note(f"licensekit: gave up after {attempt} attempt(s)")
                    raise
                time.sleep(delay)
                continue
            self._r.log(request, response.status_code, began, attempt, cid)
            delay = self._r.delay_after_status(request, response, attempt, started)
            if delay is None:
                return _mark(response, attempt)
            response.close()
            time.sleep(delay)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport (default httpx.AsyncHTTPTransport) with the retry policy above."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        ids: CallIds | None = None,
    ) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._r = _Retrying(policy or RetryPolicy(), ids or CallIds())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        cid = self._r.prepare(request)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            if (wait := self._r.gate.wait()) > 0:
                await asyncio.sleep(wait)
            began = time.perf_counter()
            try:
                response = await self._inner.handle_async_request(request)
            except RETRYABLE_ERRORS as exc:
                self._r.log(request, type(exc).__name__, began, attempt, cid)
                delay = self._r.delay_after_error(request, attempt, started)
                if delay is None:
                    exc.add_note(f"licensekit: gave up after {attempt} attempt(s)")
                    raise
                await asyncio.sleep(delay)
                continue
            self._r.log(request, response.status_code, began, attempt, cid)
            delay = self._r.delay_after_status(request, response, attempt, started)
            if delay is None:
                return _mark(response, attempt)
            await response.aclose()
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        await self._inner.aclose()
