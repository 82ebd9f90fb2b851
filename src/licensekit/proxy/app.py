"""The validating reverse proxy as a raw ASGI callable.

Every request goes to the upstream unchanged (method, path, query, headers less the hop-by-hop ones,
body streamed chunk by chunk); the answer comes back unchanged (status, headers, body streamed as it
arrives, never decoded). Meanwhile both bodies are copied up to a capture limit, and once the answer
has been sent the exchange is checked against the spec and any departure goes to the drift log. The
proxy answers by itself only when there is no answer to pass on: 504 when the upstream does not answer
in time, 502 when it cannot be reached or breaks the connection, and 431, before forwarding anything,
for a request head over licensekit.limits' limits, all in the vendor's error shape.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import httpcore

from ..contract.coverage import CoverageCollector
from ..contract.error_shapes import gateway_error
from ..contract.findings import FAILURE, Finding
from ..contract.judge import Exchange, Judge
from ..limits import HEAD_TOO_LARGE, head_problem
from ..masking import curl, form_secrets
from .drift_log import DriftLog, exchange_secrets

log = logging.getLogger("licensekit.proxy")

CAPTURE_LIMIT = 8 * 1024 * 1024  # bodies larger than this are forwarded but not validated
# RFC 9110 7.6.1: meaningful for one connection only, never forwarded.
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)


class _ClientGone(Exception):
    pass


class _Capture:
    """A copy of a body up to `limit` bytes; `complete` is False once it overflowed."""

    __slots__ = ("chunks", "complete", "limit", "size")

    def __init__(self, limit: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.complete = True

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.complete:
            if self.size > self.limit:
                self.complete = False
                self.chunks = []
            else:
                self.chunks.append(chunk)

    def data(self) -> bytes:
        return b"".join(self.chunks)


class ProxyApp:
    def __init__(
        self,
        api: str,
        upstream: str,
        *,
        drift_log: DriftLog | None = None,
        timeout: float = 30.0,
        connect_timeout: float = 5.0,
        capture_limit: int = CAPTURE_LIMIT,
        coverage: CoverageCollector | None = None,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"upstream must be an http(s) URL, not {upstream!r}")
        self.api = api
        self.upstream = upstream.rstrip("/")
        self._prefix = parts.path.rstrip("/").encode()
        self._host = parts.netloc.encode("ascii")
        self._scheme = parts.scheme.encode()
        self._hostname = parts.hostname.encode("ascii")
        self._port = parts.port
        self.judge = Judge(api, server_errors=True)  # any 5xx is a finding (not_a_server_error)
        self.drift_log = drift_log if drift_log is not None else DriftLog()
        self.capture_limit = capture_limit
        self.timeouts = {"connect": connect_timeout, "read": timeout, "write": timeout, "pool": timeout}
        self.pool = httpcore.AsyncConnectionPool(max_connections=256, keepalive_expiry=30, retries=0)
        # Spec coverage of the traffic that went through (every dimension): what it never exercised.
        self.coverage = coverage if coverage is not None else CoverageCollector([api], source="proxy")
        self.exchanges = 0
        self.in_flight = 0  # exchanges not yet validated (their answer may already be sent)

    async def aclose(self) -> None:
        await self.pool.aclose()
        self.drift_log.close()

    # `make mutation` leaves the ASGI entry point as it is (forwarding, not a verdict): its wrapper of an
    # async __call__ is not an ASGI app uvicorn can call, and every proxy test would fail on it.
    async def __call__(
        self, scope: dict[str, Any], receive: Any, send: Any
    ) -> None:  # pragma: no mutate block
        if scope["type"] != "http":
            return  # servers run with lifespan="off"; a websocket upgrade is refused by returning
        too_large = head_problem(scope["method"], scope["raw_path"], scope["query_string"], scope["headers"])
        if too_large is not None:  # refused before forwarding: no vendor accepts such a head
            out, content = gateway_error(self.api, HEAD_TOO_LARGE, too_large, _header_dict(scope["headers"]))
            await send({"type": "http.response.start", "status": HEAD_TOO_LARGE, "headers": out})
            await send({"type": "http.response.body", "body": content})
            return
        self.exchanges += 1
        self.in_flight += 1
        try:
            await self._exchange(scope, receive, send)
        finally:
            self.in_flight -= 1

    def head_refusal(self, message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
        """431 in the vendor's error shape for a head refused while it was being read, without framing
        (licensekit.head_guard adds its own)."""
        headers, content = gateway_error(self.api, HEAD_TOO_LARGE, message, {})
        return [(name, value) for name, value in headers if name != b"content-length"], content

    async def _exchange(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        captured = _Capture(self.capture_limit)
        headers: list[tuple[bytes, bytes]] = []
        chunked = False
        for name, value in scope["headers"]:
            if name in HOP_BY_HOP:
                chunked = chunked or (name == b"transfer-encoding" and b"chunked" in value.lower())
                continue
            headers.append((name, self._host) if name == b"host" else (name, value))
        if chunked:
            headers.append((b"transfer-encoding", b"chunked"))
        has_body = chunked or any(name == b"content-length" for name, _ in headers)

        async def request_body() -> AsyncIterator[bytes]:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise _ClientGone
                chunk = message.get("body", b"")
                if chunk:
                    captured.add(chunk)
                    yield chunk
                if not message.get("more_body", False):
                    return

        target = self._prefix + scope["raw_path"]
        if scope["query_string"]:
            target += b"?" + scope["query_string"]
        url = httpcore.URL(scheme=self._scheme, host=self._hostname, port=self._port, target=target)
        exchange = Exchange(
            scope["method"], scope["raw_path"].decode("latin-1"), scope["query_string"], {}, b"", True
        )
        answer = _Capture(self.capture_limit)
        try:
            async with self.pool.stream(
                scope["method"].encode(),
                url,
                headers=headers,
                content=request_body() if has_body else None,
                extensions={"timeout": self.timeouts},
            ) as response:
                out_headers = [(n.lower(), v) for n, v in response.headers if n.lower() not in HOP_BY_HOP]
                if response.status in (204, 304):
                    # These carry no body whatever Content-Length says (RFC 9110 8.6); the server would
                    # refuse to send the answer with a length it cannot meet.
                    out_headers = [(n, v) for n, v in out_headers if n != b"content-length"]
                await send({"type": "http.response.start", "status": response.status, "headers": out_headers})
                exchange.status = response.status
                exchange.response_headers = _header_dict(out_headers)
                try:
                    async for chunk in response.aiter_stream():
                        answer.add(chunk)
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as exc:
                    # Too late for a 502: leave the answer unfinished, so the server closes the connection
                    # and the caller sees a cut answer, as it would without the proxy.
                    why = "stalled" if isinstance(exc, httpcore.TimeoutException) else "broke off"
                    self._record_cut(scope, headers, captured, exchange, f"upstream {why} mid-answer: {exc}")
                    return
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except _ClientGone:
            return
        except httpcore.TimeoutException as exc:
            await self._refuse(
                send,
                scope,
                headers,
                captured,
                504,
                f"The upstream did not answer in time ({type(exc).__name__}).",
            )
            return
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            await self._refuse(
                send,
                scope,
                headers,
                captured,
                502,
                f"The upstream could not be reached or broke the connection ({type(exc).__name__}).",
            )
            return
        exchange.headers = _header_dict(scope["headers"])
        exchange.body = captured.data()
        exchange.body_complete = captured.complete
        exchange.response_body = answer.data()
        exchange.response_complete = answer.complete
        self._validate(scope, headers, exchange)

    def _validate(
        self, scope: dict[str, Any], headers: list[tuple[bytes, bytes]], exchange: Exchange
    ) -> None:
        try:
            verdict = self.judge.judge(exchange)
            self.coverage.observe(self.api, exchange, response_data=verdict.response_data)
        except Exception:  # a judge bug must never cost the caller its answer
            log.exception("validating %s %s failed", exchange.method, exchange.raw_path)
            return
        if verdict.findings:
            self._log(scope, headers, exchange.body, exchange.status, verdict.findings, verdict.response_data)

    def _log(
        self,
        scope: dict[str, Any],
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        status: int,
        findings: list[Finding],
        response_data: Any = None,
    ) -> None:
        text_headers = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in headers]
        request_data: Any = None
        with contextlib.suppress(ValueError, RecursionError):
            request_data = json.loads(body) if body else None
        query = scope["query_string"].decode("latin-1")
        secrets = exchange_secrets(text_headers, request_data, response_data)
        secrets += form_secrets(query)
        if request_data is None and body:
            secrets += form_secrets(body.decode("latin-1"))
        target = self.upstream + scope["raw_path"].decode("latin-1") + (f"?{query}" if query else "")
        self.drift_log.write(
            api=self.api,
            method=scope["method"],
            path=scope["raw_path"].decode("latin-1"),
            query=query,
            status=status,
            findings=findings,
            curl=curl(scope["method"], target, text_headers, body, secrets),
            secrets=secrets,
        )

    def _record_cut(
        self,
        scope: dict[str, Any],
        headers: list[tuple[bytes, bytes]],
        captured: _Capture,
        exchange: Exchange,
        message: str,
    ) -> None:
        self._log(
            scope,
            headers,
            captured.data(),
            exchange.status,
            [self._finding(scope, "upstream_broken", message)],
        )

    def _finding(self, scope: dict[str, Any], check: str, message: str) -> Finding:
        """A failure of the exchange itself (no answer, or a cut one), on the operation it was for."""
        operation = self.judge.operation_name(scope["method"], scope["raw_path"].decode("latin-1"))
        return Finding(self.api, operation, check, FAILURE, "response", message)

    async def _refuse(
        self,
        send: Any,
        scope: dict[str, Any],
        headers: list[tuple[bytes, bytes]],
        captured: _Capture,
        status: int,
        message: str,
    ) -> None:
        check = "upstream_timeout" if status == 504 else "upstream_unreachable"
        self._log(scope, headers, captured.data(), status, [self._finding(scope, check, message)])
        out, content = gateway_error(self.api, status, message, _header_dict(scope["headers"]))
        await send({"type": "http.response.start", "status": status, "headers": out})
        await send({"type": "http.response.body", "body": content})


def _header_dict(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in raw:
        key, text = name.decode("latin-1").lower(), value.decode("latin-1")
        out[key] = f"{out[key]}, {text}" if key in out else text
    return out
