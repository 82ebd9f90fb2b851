"""Planted defects: each a small ASGI middleware around the real mock app, one defect each.

A mutant changes one thing the spec or the vendor's behaviour promises; the matching contract suite
must fail against it (contract_tests/mutants/test_mutants.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from licensekit.mock.tokens import make_token

ASGI = Callable[..., Any]
Rewrite = Callable[
    [dict[str, Any], bytes, int, list[tuple[bytes, bytes]], bytes],
    tuple[int, list[tuple[bytes, bytes]], bytes],
]


def _is_vendor_path(scope: dict[str, Any]) -> bool:
    return scope.get("type") == "http" and not scope.get("path", "").startswith("/__mock__/")


def rewrite_response(app: ASGI, fn: Rewrite) -> ASGI:
    """Buffer the app's answer, hand (scope, request body, status, headers, body) to `fn`, send its result."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not _is_vendor_path(scope):
            await app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def recv() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
            return message

        start: dict[str, Any] = {}
        body = bytearray()

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await app(scope, recv, capture)
        status, headers, new_body = fn(
            scope, b"".join(chunks), start["status"], list(start.get("headers", [])), bytes(body)
        )
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(new_body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": new_body})

    return middleware


def rewrite_request(app: ASGI, fn: Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]) -> ASGI:
    """Let `fn` change the request (scope and body) before the app sees it."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not _is_vendor_path(scope):
            await app(scope, receive, send)
            return
        raw = bytearray()
        while True:
            message = await receive()
            raw.extend(message.get("body", b""))
            if not message.get("more_body"):
                break
        new_scope, new_body = fn(dict(scope), bytes(raw))
        sent = False

        async def recv() -> Any:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": new_body, "more_body": False}

        await app(new_scope, recv, send)

    return middleware


_ONE_LICENSE = re.compile(r"/customer_licenses/[^/]+/?$")


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _ctype_json(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and b"json" in v for k, v in headers)


# -- the defects ---------------------------------------------------------------------------------------
def dropped_required_field(app: ASGI) -> ASGI:
    """Fusion: the license details answer loses its required `sku`."""

    def fn(scope, req, status, headers, body):
        data = _json(body)
        if status == 200 and scope["method"] == "GET" and isinstance(data, dict) and "sku" in data:
            data.pop("sku")
            body = json.dumps(data).encode()
        return status, headers, body

    return rewrite_response(app, fn)


def wrong_type(app: ASGI) -> ASGI:
    """CloudCockpit: `totalLicenses` comes back as a string."""

    def fn(scope, req, status, headers, body):
        data = _json(body)
        if status == 200 and isinstance(data, list):
            for item in data:
                if isinstance(item, dict) and "totalLicenses" in item:
                    item["totalLicenses"] = str(item["totalLicenses"])
            body = json.dumps(data).encode()
        return status, headers, body

    return rewrite_response(app, fn)


def undocumented_status(app: ASGI) -> ASGI:
    """Partner Center: invalid input answered 422 (the spec documents 400)."""

    def fn(scope, req, status, headers, body):
        return (422 if status == 400 else status), headers, body

    return rewrite_response(app, fn)


def server_error_on_input(app: ASGI) -> ASGI:
    """Fusion: a list asked for more than 20 per page crashes with 500."""

    def fn(scope, req, status, headers, body):
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        size = query.get("page_size", "")
        if scope["method"] == "GET" and size.isdigit() and int(size) > 20:
            return 500, [(b"content-type", b"application/json")], b'{"error": "internal server error"}'
        return status, headers, body

    return rewrite_response(app, fn)


def auth_ignored(app: ASGI) -> ASGI:
    """Partner Center: any request is served as if it carried a valid App+User token."""
    token = make_token("partner-center")

    def fn(scope, body):
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
        headers.append((b"authorization", f"Bearer {token}".encode()))
        scope["headers"] = headers
        return scope, body

    return rewrite_request(app, fn)


def delete_does_not_delete(app: ASGI) -> ASGI:
    """Fusion: DELETE answers 204 and keeps the license."""

    async def middleware(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if _is_vendor_path(scope) and scope["method"] == "DELETE" and _ONE_LICENSE.search(scope["path"]):
            # Let the app authenticate and validate with a GET of the same resource, answer 204 if it exists.
            get_scope = dict(scope, method="GET")
            status_box: dict[str, Any] = {}

            async def capture(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    status_box["status"] = message["status"]
                    status_box["headers"] = message.get("headers", [])
                elif message["type"] == "http.response.body":
                    status_box.setdefault("body", bytearray()).extend(message.get("body", b""))

            await app(get_scope, receive, capture)
            if status_box.get("status") == 200:
                await send({"type": "http.response.start", "status": 204, "headers": []})
                await send({"type": "http.response.body", "body": b""})
            else:
                await send(
                    {
                        "type": "http.response.start",
                        "status": status_box["status"],
                        "headers": status_box["headers"],
                    }
                )
                await send({"type": "http.response.body", "body": bytes(status_box.get("body", b""))})
            return
        await app(scope, receive, send)

    return middleware


def pagination_ignores_page_size(app: ASGI) -> ASGI:
    """Fusion: lists drop `page_size` (every page is the default 10 long)."""

    def fn(scope, body):
        if scope["method"] == "GET":
            pairs = [
                (k, v)
                for k, v in parse_qsl(
                    scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True
                )
                if k != "page_size"
            ]
            scope["query_string"] = urlencode(pairs).encode("latin-1")
        return scope, body

    return rewrite_request(app, fn)


def update_ignores_body(app: ASGI) -> ASGI:
    """Fusion: PUT answers 204 but applies an empty change."""

    def fn(scope, body):
        if scope["method"] == "PUT" and isinstance(_json(body), dict):
            body = b"{}"
        return scope, body

    return rewrite_request(app, fn)


def patch_ignores_body(app: ASGI) -> ASGI:
    """CloudCockpit: PATCH answers 200 but assigns nothing."""

    def fn(scope, body):
        data = _json(body)
        if (
            scope["method"] == "PATCH"
            and isinstance(data, dict)
            and isinstance(data.get("customerUserLicenses"), list)
        ):
            data["customerUserLicenses"] = []
            body = json.dumps(data).encode()
        return scope, body

    return rewrite_request(app, fn)


def wrong_content_type(app: ASGI) -> ASGI:
    """CloudCockpit: JSON answers labelled text/plain."""

    def fn(scope, req, status, headers, body):
        if _ctype_json(headers):
            headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
            headers.append((b"content-type", b"text/plain; charset=utf-8"))
        return status, headers, body

    return rewrite_response(app, fn)


def missing_echo_header(app: ASGI) -> ASGI:
    """Partner Center: MS-RequestId is not echoed (the header is left out)."""

    def fn(scope, req, status, headers, body):
        return status, [(k, v) for k, v in headers if k.lower() != b"ms-requestid"], body

    return rewrite_response(app, fn)


@dataclass(frozen=True)
class Mutant:
    name: str
    api: str
    defect: str
    wrap: Callable[[ASGI], ASGI]


MUTANTS = [
    Mutant(
        "dropped-required-field",
        "fusion",
        "GET license details without its required `sku`",
        dropped_required_field,
    ),
    Mutant("wrong-type", "cloudcockpit", "`totalLicenses` as a string", wrong_type),
    Mutant("undocumented-status", "partner-center", "422 instead of the documented 400", undocumented_status),
    Mutant("500-on-input", "fusion", "500 for page_size > 20", server_error_on_input),
    Mutant("auth-ignored", "partner-center", "any or no token accepted", auth_ignored),
    Mutant("delete-does-not-delete", "fusion", "DELETE says 204, license stays", delete_does_not_delete),
    Mutant(
        "pagination-ignores-page-size",
        "fusion",
        "page_size dropped, pages of 10",
        pagination_ignores_page_size,
    ),
    Mutant("update-ignores-body", "fusion", "PUT says 204, nothing changes", update_ignores_body),
    Mutant("patch-ignores-body", "cloudcockpit", "PATCH says 200, no seat assigned", patch_ignores_body),
    Mutant("wrong-content-type", "cloudcockpit", "JSON labelled text/plain", wrong_content_type),
    Mutant("missing-echo-header", "partner-center", "MS-RequestId not echoed", missing_echo_header),
]
# The control: the real mock, unchanged, served and tested the same way. It must pass, or a "kill"
# above could be the harness failing rather than the suite catching the defect.
CONTROLS = [
    Mutant(f"control-{api}", api, "none: the mock as it is", lambda app: app)
    for api in ("cloudcockpit", "fusion", "partner-center")
]
BY_NAME = {m.name: m for m in [*MUTANTS, *CONTROLS]}
