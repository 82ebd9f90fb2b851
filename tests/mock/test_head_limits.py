"""Request heads over the limits (licensekit.limits) get 431 in the vendor's error shape, from the mocks
and from the proxy (before forwarding); nothing a request carries can make a log large."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from licensekit.limits import HEAD_LIMIT, LINE_LIMIT, LOG_VALUE_LIMIT, RAW_HEAD_LIMIT
from licensekit.mock import MockServer, serve
from licensekit.proxy import ProxyServer
from licensekit.proxy import serve as serve_proxy

APIS = ("cloudcockpit", "fusion", "partner-center")
MIB = 1024 * 1024
UNDOCUMENTED = "/no/such/path"


@pytest.fixture(scope="module", params=APIS)
def mock(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    with serve(request.param) as server:
        yield server


def _raw(url: str, head: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `head` on a raw connection, read the answer to the end: (status, headers, body)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        with contextlib.suppress(OSError):  # refused while still sending: the answer must still be readable
            sock.sendall(head)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    top, _, body = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def _head(path: str, *extra: tuple[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: test", *(f"{k}: {v}" for k, v in extra), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _shape(body: bytes) -> Any:
    """The keys of an error body, nested: what "the vendor's shape" means here."""

    def keys(value: Any) -> Any:
        return {k: keys(v) for k, v in value.items()} if isinstance(value, dict) else type(value).__name__

    return keys(json.loads(body))


def test_one_header_over_the_line_limit_is_431_in_the_vendor_shape(mock: MockServer) -> None:
    not_found = httpx.get(mock.base_url + UNDOCUMENTED)
    name = "X-Big"
    over = "a" * (LINE_LIMIT - len(name) - 2 + 1)  # the header line is one byte over
    answer = httpx.get(mock.base_url + UNDOCUMENTED, headers={name: over})
    assert answer.status_code == 431, answer.text
    assert answer.headers["content-type"] == not_found.headers["content-type"]
    assert _shape(answer.content) == _shape(not_found.content)
    assert f"limit per header is {LINE_LIMIT}" in answer.text
    at_limit = httpx.get(mock.base_url + UNDOCUMENTED, headers={name: over[:-1]})
    assert at_limit.status_code == 404  # exactly at the limit: routed as usual


def test_all_headers_over_the_total_limit_is_431(mock: MockServer) -> None:
    headers = {f"X-Part-{n}": "b" * 1000 for n in range(HEAD_LIMIT // 1000 + 1)}  # each line under the limit
    answer = httpx.get(mock.base_url + UNDOCUMENTED, headers=headers)
    assert answer.status_code == 431
    assert f"the limit is {HEAD_LIMIT}" in answer.text


def test_a_request_line_over_the_limit_is_431(mock: MockServer) -> None:
    answer = httpx.get(mock.base_url + UNDOCUMENTED, params={"q": "c" * LINE_LIMIT})
    assert answer.status_code == 431
    line = len(f"GET {UNDOCUMENTED}?q= HTTP/1.1") + LINE_LIMIT
    assert f"The request line is {line} bytes" in answer.text


def test_a_megabyte_header_is_refused_while_read_in_the_vendor_shape(mock: MockServer) -> None:
    not_found = httpx.get(mock.base_url + UNDOCUMENTED)
    status, headers, body = _raw(mock.base_url, _head(UNDOCUMENTED, ("X-Big", "d" * MIB)))
    assert status == 431
    assert headers["content-type"] == not_found.headers["content-type"]
    assert headers["connection"] == "close" and int(headers["content-length"]) == len(body)
    assert _shape(body) == _shape(not_found.content)
    assert httpx.get(mock.base_url + "/__mock__/health").status_code == 200  # still serving


def test_the_issue_flood_leaves_the_request_log_bounded(mock: MockServer) -> None:
    """The issue's flood (40 requests with a 1 MiB header) and heads just under the limits: every
    kept value is bounded, with a marker saying how much was cut."""
    mock.clear_requests()
    for _ in range(40):
        assert _raw(mock.base_url, _head(UNDOCUMENTED, ("X-Big", "e" * MIB)))[0] == 431
    long_value = "f" * (LINE_LIMIT - 100)
    under = httpx.get(mock.base_url + UNDOCUMENTED, headers={"X-Long": long_value})
    assert under.status_code == 404
    over = httpx.get(mock.base_url + UNDOCUMENTED, headers={"X-Over": "g" * LINE_LIMIT})
    assert over.status_code == 431
    answer = httpx.get(mock.base_url + "/__mock__/requests")
    entries = answer.json()["requests"]
    assert len(answer.content) < 8 * 1024, len(answer.content)  # was 40 MiB
    kept = {e["status"]: e for e in entries}
    cut = LINE_LIMIT - 100 - LOG_VALUE_LIMIT
    assert kept[404]["headers"]["x-long"] == "f" * LOG_VALUE_LIMIT + f"...[{cut} more characters cut]"
    assert kept[431]["headers"]["x-over"].endswith(f"...[{LINE_LIMIT - LOG_VALUE_LIMIT} more characters cut]")
    assert max(len(json.dumps(e)) for e in entries) < 2 * LOG_VALUE_LIMIT


def test_a_big_body_after_a_small_head_is_not_taken_for_a_big_head(mock: MockServer) -> None:
    """A body sharing the first reads with its head must not count as head (the raw bound)."""
    seed = mock.state()
    body = json.dumps(seed).encode()
    padded = body + b" " * max(0, 4 * RAW_HEAD_LIMIT - len(body))
    answer = httpx.post(
        mock.base_url + "/__mock__/seed", content=padded, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 204, answer.text


# ---------------------------------------------------------------------------------------------- proxy


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MockServer, ProxyServer]]:
    log = tmp_path_factory.mktemp("drift") / "drift.jsonl"
    with serve("fusion") as upstream, serve_proxy("fusion", upstream.base_url, drift_log=log) as proxy:
        yield upstream, proxy


def test_the_proxy_refuses_before_forwarding(proxied: tuple[MockServer, ProxyServer]) -> None:
    upstream, proxy = proxied
    upstream.clear_requests()
    not_found = httpx.get(upstream.base_url + UNDOCUMENTED)
    upstream.clear_requests()
    answer = httpx.get(proxy.base_url + UNDOCUMENTED, headers={"X-Big": "h" * LINE_LIMIT})
    assert answer.status_code == 431 and _shape(answer.content) == _shape(not_found.content)
    status, _, body = _raw(proxy.base_url, _head(UNDOCUMENTED, ("X-Big", "i" * 10 * MIB)))
    assert status == 431 and _shape(body) == _shape(not_found.content)
    seen = [r["path"] for r in upstream.requests()["requests"]]
    assert UNDOCUMENTED not in seen, seen  # nothing was forwarded


def test_the_drift_log_keeps_each_value_bounded(proxied: tuple[MockServer, ProxyServer]) -> None:
    _, proxy = proxied
    proxy.drift(clear=True)
    long_value = "j" * (LINE_LIMIT - 100)
    # 200 KB of username, of the wrong type: a validator message quoting it would be as long
    body = json.dumps({"username": ["k" * 100] * 2000, "password": "secret-password-1"})
    answer = httpx.post(
        proxy.base_url + "/api/v01/auth/login",
        headers={"X-Long": long_value, "Content-Type": "application/json"},
        content=body,
    )
    assert answer.status_code == 400
    records = proxy.drift()
    assert {r["check"] for r in records} >= {"request_conformance"}
    messages = [m for r in records for m in r["departures"]]
    assert any(m.endswith("more characters cut]") for m in messages), messages
    assert max(len(m) for m in messages) < LOG_VALUE_LIMIT + 40
    assert proxy.app.drift_log.path is not None
    lines = proxy.app.drift_log.path.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) < 16 * 1024, max(len(line) for line in lines)
    curl = records[-1]["curl"]
    assert f"...[{LINE_LIMIT - 100 + len('X-Long: ') - LOG_VALUE_LIMIT} more characters cut]" in curl
    assert "more characters cut]" in curl.split("--data-binary", 1)[1]  # the body too
    assert "secret-password-1" not in "\n".join(lines)
