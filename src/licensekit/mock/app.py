"""The mock as a raw ASGI callable: routing, auth, validation and admin endpoints around a vendor.

Per request the engine does only what the spec could not decide in advance: match the path, check the
token, coerce and validate the parameters and body with validators compiled at start-up, call the
vendor's synchronous handler. Order of refusals: 431 (a request head over licensekit.limits' limits),
404/405 (route), injected fault, 401 (token), 403 (vendor: roles, tenant), 413/415/400 (body and
parameters), then the handler. Bad input never reaches a
handler, so it cannot change the state; a handler that raises becomes the vendor's 500 and is logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import replace
from typing import Any

from ..contract.judge import Judge
from ..contract.messages import Request, parse_json
from ..contract.request_parsing import BodyVerdict, parse_body, parse_params
from ..contract.spec import Api, InvalidInstance, Operation, Problem
from ..limits import HEAD_TOO_LARGE, LOG_VALUE_LIMIT, cut, head_problem
from ..masking import SECRET_HEADERS, mask_problem
from .faults import FaultError, Faults, parse_fault
from .http import Response, empty_response, json_response
from .oauth import OIDC_CONFIG_PATH, TokenEndpoint, oidc_route, openid_configuration
from .tokens import TokenCache, TokenError
from .vendor import SeedError, VendorMock

log = logging.getLogger("licensekit.mock")

BODY_LIMIT = 1024 * 1024  # 1 MiB, documented in the specs' 413 answers
ADMIN_BODY_LIMIT = 16 * 1024 * 1024
ADMIN = "/__mock__/"


class BodyTooLarge(Exception):
    pass


class ClientGone(Exception):
    """The client disconnected before its body ended (short of Content-Length, or a cut chunked body):
    a real server never sees a complete request, so nothing may be applied."""


# Status logged for a request whose client left before its body ended (nginx's "client closed request").
CLIENT_GONE = 499


def _decode_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-case names (ASGI) to values; a repeated header's values joined with ", "."""
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in raw}
    if len(headers) < len(raw):  # rare: only then is the slower, joining loop needed
        headers = {}
        for name, value in raw:
            key, text = name.decode("latin-1"), value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


def _masked(problem: Problem) -> Problem:
    message = mask_problem(problem.location, problem.name, problem.message)
    return problem if message == problem.message else replace(problem, message=message)


def _bounded(headers: dict[str, str]) -> dict[str, str]:
    """The headers to keep in the log: each value cut to LOG_VALUE_LIMIT (the dict itself when none is
    longer, the common case)."""
    if all(len(value) <= LOG_VALUE_LIMIT for value in headers.values()):
        return headers
    return {cut(name): cut(value) for name, value in headers.items()}


# method, path, query string, operationId, status, request headers, start, end
_LogEntry = tuple[str, str, bytes, str | None, int, dict[str, str], float, float]


def _log_record(
    method: str,
    path: str,
    query: bytes,
    operation_id: str | None,
    status: int,
    headers: dict[str, str],
    start: float,
    end: float,
) -> dict[str, Any]:
    return {
        "method": method,
        "path": path,
        "query": query.decode("latin-1"),
        "operationId": operation_id,
        "status": status,
        "headers": {k: v for k, v in headers.items() if k not in SECRET_HEADERS},  # never logged
        "start": start,
        "end": end,
    }


async def read_body(receive: Any, limit: int, declared_length: str | None) -> bytes:
    # isascii: str.isdigit() is also true of U+00B2 (int() refuses it) and U+0663 (int() takes it).
    if (
        declared_length is not None
        and declared_length.isascii()
        and declared_length.isdigit()
        and int(declared_length) > limit
    ):
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class MockApp:
    def __init__(
        self,
        vendor: VendorMock,
        api: Api,
        *,
        secret: str,
        check_responses: bool = False,
        body_limit: int = BODY_LIMIT,
        log_size: int = 1000,
    ) -> None:
        self.vendor = vendor
        self.api = api
        self.secret = secret
        self.router = api.router
        self.handlers = vendor.handlers()
        missing = set(api.operations) - set(self.handlers)
        if missing:
            raise ValueError(f"{vendor.api}: no handler for {', '.join(sorted(missing))}")
        self.startup_seed = vendor.seed
        self.oauth = TokenEndpoint(vendor.api, secret, vendor.seed.get("oauth", {}))
        self.tokens = TokenCache(secret)
        self.faults = Faults()
        self.check_responses = check_responses
        self.body_limit = body_limit
        self.requests: deque[_LogEntry] = deque(maxlen=log_size)
        self.judge = Judge(vendor.api, api) if check_responses else None
        self.drift: deque[dict[str, Any]] = deque(maxlen=log_size)  # findings, newest kept
        self.in_flight = 0
        self.max_in_flight = 0

    # ------------------------------------------------------------------ ASGI entry point

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            # Every server of ours runs with lifespan="off" (server.make_server: the CLI, serve(),
            # serve_app(), the fixtures), so only a websocket upgrade gets here; returning makes the server
            # refuse it. A server that does send `lifespan` (uvicorn's "auto") carries on without it.
            return
        start = time.time()
        self.in_flight += 1
        if self.in_flight > self.max_in_flight:
            self.max_in_flight = self.in_flight
        headers = _decode_headers(scope["headers"])
        operation_id: str | None = None
        too_large = head_problem(scope["method"], scope["raw_path"], scope["query_string"], scope["headers"])
        try:
            if too_large is not None:  # before routing: no vendor accepts such a head
                response = self._head_too_large(too_large, headers)
            elif scope["path"].startswith(ADMIN):
                response = await self._admin(scope, receive, headers)
            else:
                response, operation_id = await self._vendor_call(scope, receive, headers)
        finally:
            self.in_flight -= 1
        if response.status != CLIENT_GONE:  # nobody is left to answer
            await self._send(send, response)
        # A tuple now, the log's dict (secrets left out) only when someone reads the log. Each value is
        # kept to LOG_VALUE_LIMIT characters, so that no request can make the log large.
        query = scope["query_string"]
        self.requests.append(
            (
                scope["method"],
                cut(scope["path"]),
                query if len(query) <= LOG_VALUE_LIMIT else cut(query.decode("latin-1")).encode("latin-1"),
                operation_id,
                response.status,
                _bounded(headers),
                start,
                time.time(),
            )
        )

    def _head_too_large(self, message: str, headers: dict[str, str]) -> Response:
        """431 in the vendor's error shape."""
        response = self.vendor.error(None, HEAD_TOO_LARGE, message, {})
        self.vendor.finish(headers, response)
        return response

    def head_refusal(self, message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
        """The 431 for a head refused while it was being read (head_guard): no request headers yet."""
        response = self._head_too_large(message, {})
        return response.headers, response.content

    @staticmethod
    async def _send(send: Any, response: Response) -> None:
        headers = response.headers
        if response.status not in (204, 304):
            headers = [*headers, (b"content-length", str(len(response.content)).encode())]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.content})

    # ------------------------------------------------------------------ vendor paths

    async def _vendor_call(
        self, scope: dict[str, Any], receive: Any, headers: dict[str, str]
    ) -> tuple[Response, str | None]:
        vendor = self.vendor
        try:
            match = self.router.match(scope["raw_path"].decode("latin-1"))
        except UnicodeDecodeError:
            response = vendor.error(None, 400, "The request path is not valid UTF-8.", {})
            vendor.finish(headers, response)
            return response, None
        if match is None:
            response = vendor.error(None, 404, "No resource matches the request path.", {})
            vendor.finish(headers, response)
            return response, None
        route, raw_params = match
        op = route.operations.get(scope["method"])
        if op is None:
            response = vendor.error(
                None, 405, f"Method {scope['method']} is not allowed here.", {"Allow": route.allow}
            )
            vendor.finish(headers, response)
            return response, None
        request = Request(scope["method"], scope["path"], headers, op)
        fault = self.faults.take(op.operation_id)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                response = vendor.fault(request, fault.status, fault.retry_after)
                vendor.finish(headers, response)
                return response, op.operation_id
        body = b""
        too_large = False
        if op.body_media_types:  # only operations with a request body read (and limit) it
            try:
                body = await read_body(receive, self.body_limit, headers.get("content-length"))
            except BodyTooLarge:
                too_large = True
            except ClientGone:
                return empty_response(CLIENT_GONE), op.operation_id
        response = self.handle(request, raw_params, scope["query_string"], body, too_large)
        vendor.finish(headers, response)
        if self.judge is not None and fault is None:
            self._check_response(op, response)
        return response, op.operation_id

    def handle(
        self, request: Request, raw_params: dict[str, str], query_string: bytes, body: bytes, too_large: bool
    ) -> Response:
        """Everything after routing, synchronously: no other request runs until it returns."""
        vendor = self.vendor
        op = request.op
        if op.secured:
            refusal = self._authenticate(request)
            if refusal is not None:
                return refusal
        refusal = vendor.authorize(request)
        if refusal is not None:
            return refusal
        if too_large:
            return vendor.error(request, 413, f"The request body is larger than {self.body_limit} bytes.", {})
        problems: list[Problem] = []
        try:
            parse_params(request, raw_params, query_string, problems)
            if op.body_media_types:
                refusal = self._parse_body(request, body, problems)
                if refusal is not None:
                    return refusal
        except InvalidInstance as exc:
            return vendor.error(request, 400, f"The request holds text that is not valid Unicode: {exc}", {})
        if problems:  # a problem may quote a secret field's value: masked, whatever its JSON type
            return vendor.invalid(request, [_masked(p) for p in problems])
        try:
            return self.handlers[op.operation_id](request)
        except Exception:
            log.exception("%s handler %s failed", vendor.api, op.operation_id)
            return vendor.error(request, 500, "An unexpected error occurred.", {})

    def _authenticate(self, request: Request) -> Response | None:
        value = request.headers.get("authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return self.vendor.unauthorized(request, "A bearer token is required.")
        try:
            request.claims = self.tokens.verify(token.strip())
        except TokenError as exc:
            return self.vendor.unauthorized(request, f"The bearer token is invalid: {exc}.")
        return None

    def _parse_body(self, request: Request, body: bytes, problems: list[Problem]) -> Response | None:
        if parse_body(request, body, problems) is BodyVerdict.UNSUPPORTED_MEDIA:
            sent = request.headers.get("content-type", "(none)")
            return self.vendor.error(
                request, 415, f"Unsupported content type {sent!r}; send application/json.", {}
            )
        return None

    def _check_response(self, op: Operation, response: Response) -> None:
        """Test mode: record every finding the judge has on the mock's own answer (the proxy's rules),
        secrets masked in its message (by the judge) whatever their JSON type."""
        assert self.judge is not None
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in response.headers}
        parsed: dict[str, Any] = {"data": response.data} if response.has_body else {}  # parsed already
        found, _ = self.judge.judge_answer(op, response.status, headers, response.content, **parsed)
        self.drift.extend(f.as_dict() for f in found)

    # ------------------------------------------------------------------ state

    def load_seed(self, seed: dict[str, Any]) -> None:
        """All or nothing: everything that can refuse the seed (SeedError) runs before any state changes."""
        oauth = TokenEndpoint(self.vendor.api, self.secret, seed.get("oauth", {}))  # may raise SeedError
        self.vendor.load(seed)  # validates first, then swaps; raises SeedError with the state untouched
        # Nothing below can fail.
        self.vendor.seed = seed
        self.oauth = oauth

    def reset(self) -> None:
        self.load_seed(self.startup_seed)

    def state(self) -> dict[str, Any]:
        return {**self.vendor.dump(), "oauth": self.oauth.dump()}

    # ------------------------------------------------------------------ admin endpoints

    async def _admin(self, scope: dict[str, Any], receive: Any, headers: dict[str, str]) -> Response:
        method, path = scope["method"], scope["path"]
        tenant = "common"
        if (tenant_route := oidc_route(path)) is not None:  # Entra ID's per-tenant paths (azure-identity)
            tenant, path = tenant_route
        allowed = _ADMIN_ROUTES.get(path)
        if allowed is None:
            return json_response(404, {"error": f"unknown admin endpoint {path}"})
        if method not in allowed:
            return json_response(405, {"error": f"{method} not allowed"}, {"Allow": ", ".join(allowed)})
        body = b""
        if method == "POST":
            try:
                body = await read_body(receive, ADMIN_BODY_LIMIT, headers.get("content-length"))
            except BodyTooLarge:
                return json_response(413, {"error": "admin body over 16 MiB"})
            except ClientGone:
                return empty_response(CLIENT_GONE)
        if path == OIDC_CONFIG_PATH:
            return json_response(200, openid_configuration(scope, headers, tenant))
        if path == "/__mock__/oauth2/v2.0/token":
            status, answer = self.oauth.handle(headers.get("content-type", ""), body)
            return json_response(status, answer, {"Cache-Control": "no-store"})
        if path == "/__mock__/health":
            return json_response(200, {"api": self.vendor.api, "status": "ok"})
        if path == "/__mock__/reset":
            self.reset()
            self.faults.clear()
            return empty_response(204)
        if path == "/__mock__/state":
            return json_response(200, self.state())
        if path == "/__mock__/drift":
            drift = list(self.drift)
            if method == "DELETE":
                self.drift.clear()
            return json_response(200, {"drift": drift})
        if path == "/__mock__/requests":
            answer = {
                "requests": [_log_record(*entry) for entry in self.requests],
                "max_in_flight": self.max_in_flight,
                "in_flight": self.in_flight,
            }
            if method == "DELETE":
                self.requests.clear()
                self.max_in_flight = self.in_flight
                return empty_response(204)
            return json_response(200, answer)
        if path == "/__mock__/faults":
            if method == "GET":
                return json_response(200, {"faults": self.faults.pending()})
            if method == "DELETE":
                self.faults.clear()
                return empty_response(204)
        try:
            document = parse_json(body)
        except (ValueError, RecursionError) as exc:
            return json_response(400, {"error": f"the body is not valid JSON: {exc}"})
        if path == "/__mock__/faults":
            try:
                fault = parse_fault(document, set(self.api.operations))
            except FaultError as exc:
                return json_response(400, {"error": str(exc)})
            self.faults.add(fault)
            return json_response(201, fault.as_dict())
        # /__mock__/seed
        if not isinstance(document, dict):
            return json_response(400, {"error": "a seed is a JSON object"})
        try:
            self.load_seed(document)
        except SeedError as exc:
            return json_response(400, {"error": f"invalid seed: {exc}"})
        return empty_response(204)


_ADMIN_ROUTES: dict[str, tuple[str, ...]] = {
    "/__mock__/health": ("GET",),
    "/__mock__/reset": ("POST",),
    "/__mock__/seed": ("POST",),
    "/__mock__/state": ("GET",),
    "/__mock__/faults": ("GET", "POST", "DELETE"),
    "/__mock__/requests": ("GET", "DELETE"),
    "/__mock__/drift": ("GET", "DELETE"),
    "/__mock__/oauth2/v2.0/token": ("POST",),
    OIDC_CONFIG_PATH: ("GET",),
}
