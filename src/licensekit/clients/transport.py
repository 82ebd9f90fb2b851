"""Resilience as an httpx transport wrapper (sync and async).

- 429 and 503 (configurable) are retried after Retry-After (seconds or HTTP date), else after an
  exponential backoff with full jitter; attempts and total time are bounded. When the bound is reached
  the last answer is returned (the client layer then raises with `attempts` set).
- Connection errors and timeouts are retried only for idempotent methods (RetryPolicy.idempotent_methods):
  POST and PATCH are never retried, token calls excepted.
- A Retry-After also closes a gate shared by every call of the transport, so concurrent calls (a sweep)
  wait instead of hammering a throttled API.
- Per call (not per attempt) missing correlation / request-id headers are filled with fresh UUIDs, so
  Partner Center's MS-RequestId stays the same across the retries of one call.
- A deadline per call (RetryPolicy.max_total, from the first byte sent to the last byte read): token calls
  share the deadline of the call they serve (EXT_DEADLINE), each attempt's timeouts are cut to the time
  left, a timeout so shortened (a server holding its headers) and a body still dripping at the deadline
  both end the call as DeadlineExceeded. A gate closed beyond the
  deadline raises RateLimitError at once instead of stalling the call.
- One DEBUG log line per attempt: method, path, status, duration, attempt, correlation id.
- Without an inner transport given, requests go out through the proxy the environment names for their
  URL (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY; read once per host), as httpx.Client does on its own
  when no transport is given; SSL_CERT_FILE / SSL_CERT_DIR are honoured too (trust_env).
"""

from __future__ import annotations

import asyncio
import functools
import random
import ssl
import threading
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

from ._meta import EXT_ATTEMPTS, EXT_DEADLINE, EXT_TOKEN, logger
from .errors import DeadlineExceeded, RateLimitError, parse_retry_after

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRYABLE_ERRORS: tuple[type[Exception], ...] = (httpx.TransportError,)
# Which of an attempt's timeouts each httpx timeout error comes from.
_TIMEOUT_KINDS: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connect",
    httpx.ReadTimeout: "read",
    httpx.WriteTimeout: "write",
    httpx.PoolTimeout: "pool",
}


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    """Attempts per call, the first included."""
    max_total: float = 60.0
    """Seconds a call may take with all its attempts, waits, token calls and body reads; a wait that would
    pass it is not made, and a call still running at it raises DeadlineExceeded."""
    backoff_base: float = 0.5
    backoff_max: float = 10.0
    max_retry_after: float = 60.0
    """A Retry-After above this is not waited for: the call gives up at once."""
    retry_statuses: frozenset[int] = frozenset({429, 503})
    idempotent_methods: frozenset[str] = IDEMPOTENT_METHODS

    def backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff before attempt `attempt + 1` (attempt counts from 1)."""
        return random.uniform(0, min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1)))


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
    """The policy and the gate one transport shares between its calls."""

    def __init__(self, policy: RetryPolicy | None, ids: CallIds | None) -> None:
        self.policy = policy or RetryPolicy()
        self.ids = ids or CallIds()
        self.gate = _Gate()

    def prepare(self, request: httpx.Request) -> str | None:
        if request.extensions.get(EXT_TOKEN):
            return None
        for name in (self.ids.correlation, self.ids.request_id):
            if name and name not in request.headers:
                request.headers[name] = str(uuid.uuid4())
        return request.headers.get(self.ids.correlation) if self.ids.correlation else None

    def may_repeat(self, request: httpx.Request) -> bool:
        return request.method in self.policy.idempotent_methods or bool(request.extensions.get(EXT_TOKEN))


class _Call:
    """One call's attempts: counting, timing, logging and every retry decision. The transports only
    send and sleep, so the sync and async loops stay the same line for line."""

    def __init__(self, retrying: _Retrying, request: httpx.Request) -> None:
        self.r = retrying
        self.policy = retrying.policy
        self.request = request
        self.cid = retrying.prepare(request)
        self.started = time.monotonic()
        given = request.extensions.get(EXT_DEADLINE)
        self.deadline = given if isinstance(given, float) else self.started + self.policy.max_total
        self.attempt = 0
        self.began = 0.0
        self.cut: frozenset[str] = frozenset()  # the timeouts the deadline shortened on this attempt

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def next_attempt(self) -> float:
        """Counts a new attempt; returns how long the shared gate says to wait before sending it.
        Raises RateLimitError when that wait would pass the deadline, DeadlineExceeded when it has passed."""
        self.attempt += 1
        wait = self.r.gate.wait()
        if wait > 0 and wait >= self.left():
            raise RateLimitError(
                status=429,
                method=self.request.method,
                path=self.request.url.path,
                retry_after=round(wait, 3),
                attempts=0,
            )
        if self.left() <= 0:
            raise self.overdue()
        return wait

    def overdue(self) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"{self.request.method} {self.request.url.path} passed its deadline"
            f" ({self.policy.max_total:g} s, RetryPolicy.max_total) after {self.attempt} attempt(s)",
            deadline=self.policy.max_total,
        )

    def send(self) -> httpx.Request:
        """The request, its timeouts cut to the time left before the deadline."""
        self.began = time.perf_counter()
        left = max(0.001, self.left())
        timeouts = self.request.extensions.get("timeout")
        timeouts = (
            timeouts if isinstance(timeouts, dict) else dict.fromkeys(("connect", "read", "write", "pool"))
        )
        self.cut = frozenset(k for k, v in timeouts.items() if v is None or left < v)
        self.request.extensions = {
            **self.request.extensions,
            "timeout": {k: left if v is None else min(v, left) for k, v in timeouts.items()},
        }
        return self.request

    def final_error(self, exc: Exception) -> Exception:
        """What to raise for an error not retried: a timeout the deadline shortened is the deadline
        passing (a server holding its headers past max_total), not a transport failure."""
        kind = _TIMEOUT_KINDS.get(type(exc))
        if kind is not None and kind in self.cut:
            overdue = self.overdue()
            overdue.__cause__ = exc
            return overdue
        return exc

    def guard(self, response: httpx.Response) -> httpx.Response:
        """The response, its body stream cut off at the deadline (a server dripping bytes)."""
        if isinstance(response.stream, httpx.SyncByteStream):
            response.stream = _DeadlineStream(response.stream, self)
        return response

    def aguard(self, response: httpx.Response) -> httpx.Response:
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _AsyncDeadlineStream(response.stream, self)
        return response

    def after_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or None to hand the response back (marked with the attempts)."""
        self._log(response.status_code)
        delay = self._delay_after_status(response)
        if delay is None:
            response.extensions = {**response.extensions, EXT_ATTEMPTS: self.attempt}
        return delay

    def after_error(self, exc: Exception) -> float | None:
        """Seconds to wait before retrying, or None to re-raise (noted with the attempts)."""
        self._log(type(exc).__name__)
        delay = None
        if self.r.may_repeat(self.request):
            delay = self._within_bounds(self.policy.backoff(self.attempt))
        if delay is None:
            exc.add_note(f"licensekit: gave up after {self.attempt} attempt(s)")
        return delay

    def _delay_after_status(self, response: httpx.Response) -> float | None:
        if response.status_code not in self.policy.retry_statuses:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after <= self.policy.max_retry_after:
            self.r.gate.close_for(retry_after)  # every call of this client waits, retried or not
        if not self.r.may_repeat(self.request):
            return None
        if retry_after is not None:
            if retry_after > self.policy.max_retry_after:
                return None
            delay = retry_after + random.uniform(0, min(1.0, retry_after * 0.1))
        else:
            delay = self.policy.backoff(self.attempt)
        return self._within_bounds(delay)

    def _within_bounds(self, delay: float) -> float | None:
        if self.attempt >= self.policy.max_attempts:
            return None
        if delay >= self.left():
            return None
        return delay

    def _log(self, status: int | str) -> None:
        logger.debug(
            "%s %s -> %s in %.1f ms (attempt %d, correlation id %s)",
            self.request.method,
            self.request.url.path,
            status,
            (time.perf_counter() - self.began) * 1000,
            self.attempt,
            self.cid or "-",
        )


class _DeadlineStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, call: _Call) -> None:
        self._inner, self._call = inner, call

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if self._call.left() <= 0:
                self._inner.close()
                raise self._call.overdue()
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncDeadlineStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, call: _Call) -> None:
        self._inner, self._call = inner, call

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            if self._call.left() <= 0:
                await self._inner.aclose()
                raise self._call.overdue()
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


def env_proxy(url: httpx.URL, proxies: Mapping[str, str]) -> str | None:
    """The proxy `proxies` (urllib.request.getproxies()) names for `url`, None when none or NO_PROXY."""
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(url.netloc.decode("ascii")):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


T = TypeVar("T")


class _ProxyRoutes(Generic[T]):
    """One transport per proxy (None: direct), chosen once per scheme and host from the environment."""

    def __init__(self, make: Callable[[str | None], T]) -> None:
        self._proxies = urllib.request.getproxies()
        self._make = make
        self._by_proxy: dict[str | None, T] = {}
        self._by_origin: dict[tuple[str, bytes], T] = {}
        self._lock = threading.Lock()

    def get(self, url: httpx.URL) -> T:
        origin = (url.scheme, url.netloc)
        if (transport := self._by_origin.get(origin)) is None:
            proxy = env_proxy(url, self._proxies)
            with self._lock:
                if (transport := self._by_proxy.get(proxy)) is None:
                    transport = self._by_proxy[proxy] = self._make(proxy)
                self._by_origin[origin] = transport
        return transport

    def all(self) -> list[T]:
        with self._lock:
            return list(self._by_proxy.values())


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every transport of the process: building one loads the CA bundle (tens of
    milliseconds), which made each client slow to construct. SSL_CERT_FILE / SSL_CERT_DIR are read once."""
    return httpx.create_ssl_context(trust_env=True)


class _EnvProxyTransport(httpx.BaseTransport):
    """httpx.HTTPTransport through the environment's proxy for each request's URL."""

    def __init__(self) -> None:
        self._routes = _ProxyRoutes(
            lambda proxy: httpx.HTTPTransport(proxy=proxy, verify=_tls(), trust_env=True)
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._routes.get(request.url).handle_request(request)

    def close(self) -> None:
        for transport in self._routes.all():
            transport.close()


class _AsyncEnvProxyTransport(httpx.AsyncBaseTransport):
    """httpx.AsyncHTTPTransport through the environment's proxy for each request's URL."""

    def __init__(self) -> None:
        self._routes = _ProxyRoutes(
            lambda proxy: httpx.AsyncHTTPTransport(proxy=proxy, verify=_tls(), trust_env=True)
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._routes.get(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        for transport in self._routes.all():
            await transport.aclose()


class RetryTransport(httpx.BaseTransport):
    """Wraps a sync transport (default: httpx.HTTPTransport via the environment's proxies) with the
    retry policy above."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        ids: CallIds | None = None,
    ) -> None:
        self._inner = inner or _EnvProxyTransport()
        self._r = _Retrying(policy, ids)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self._r, request)
        while True:
            if (wait := call.next_attempt()) > 0:
                time.sleep(wait)
            try:
                response = self._inner.handle_request(call.send())
            except RETRYABLE_ERRORS as exc:
                if (delay := call.after_error(exc)) is None:
                    if (final := call.final_error(exc)) is not exc:
                        raise final from exc
                    raise
            else:
                if (delay := call.after_response(response)) is None:
                    return call.guard(response)
                response.close()
            time.sleep(delay)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport (default: httpx.AsyncHTTPTransport via the environment's proxies) with
    the retry policy above."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        ids: CallIds | None = None,
    ) -> None:
        self._inner = inner or _AsyncEnvProxyTransport()
        self._r = _Retrying(policy, ids)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self._r, request)
        while True:
            if (wait := call.next_attempt()) > 0:
                await asyncio.sleep(wait)
            try:
                response = await self._inner.handle_async_request(call.send())
            except RETRYABLE_ERRORS as exc:
                if (delay := call.after_error(exc)) is None:
                    if (final := call.final_error(exc)) is not exc:
                        raise final from exc
                    raise
            else:
                if (delay := call.after_response(response)) is None:
                    return call.aguard(response)
                await response.aclose()
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        await self._inner.aclose()
