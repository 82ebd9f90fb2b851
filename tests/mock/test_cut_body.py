"""A request whose body is cut short (the client sends less than its Content-Length, or stops a chunked
body before its last chunk, then disconnects) is never applied and never logged as a success.

Each test first sends the complete request to show it would change the state, so a mock that ignored
the body altogether could not pass."""

from __future__ import annotations

import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from contract_tests.plumbing import mock_ids
from licensekit.mock import MockServer

CLIENT_GONE = 499


def send_cut(mock: MockServer, method: str, path: str, body: bytes, *, chunked: bool) -> None:
    """Send the headers and `body` on a raw socket, declaring it longer than it is, then close it.

    The part sent is complete JSON, so only the cut itself (not a parse error) can stop it being applied."""
    url = urlsplit(mock.base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Content-Type: application/json",
        *(f"{k}: {v}" for k, v in mock.auth_headers().items()),
    ]
    if chunked:
        head.append("Transfer-Encoding: chunked")
        payload = f"{len(body):x}\r\n".encode() + body + b"\r\n"  # no terminating 0-length chunk
    else:
        head.append(f"Content-Length: {len(body) + 64}")  # 64 bytes (of JSON whitespace) never come
        payload = body
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall("\r\n".join(head).encode() + b"\r\n\r\n" + payload)
        time.sleep(0.1)  # let the server start reading the body before the client leaves


def logged(mock: MockServer, method: str) -> list[dict[str, Any]]:
    """The request log's entries for `method`, waiting (briefly) for the cut request to be logged."""
    deadline = time.monotonic() + 5
    while True:
        entries = [r for r in mock.requests()["requests"] if r["method"] == method]
        if entries or time.monotonic() > deadline:
            return entries
        time.sleep(0.05)


@pytest.mark.parametrize("chunked", [False, True], ids=["short-content-length", "cut-chunked"])
def test_fusion_create_with_cut_body_is_not_applied(fusion_mock: MockServer, chunked: bool) -> None:
    ids = mock_ids("fusion")
    path = f"/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}/customer_licenses"
    body = json.dumps({"name": "cut short", "sku": "cut-body-sku", "description": "cut"}).encode()

    def skus() -> list[str]:
        return sorted(lic["sku"] for lic in fusion_mock.state()["licenses"])

    before = skus()
    fusion_mock.clear_requests()
    send_cut(fusion_mock, "POST", path, body, chunked=chunked)
    entries = logged(fusion_mock, "POST")
    assert [e["status"] for e in entries] == [CLIENT_GONE], entries
    assert skus() == before, "a license was created from a cut body"

    # The same request, complete, does create it: the body above was refused for being cut, nothing else.
    full = httpx.post(
        fusion_mock.base_url + path,
        content=body,
        headers={**fusion_mock.auth_headers(), "Content-Type": "application/json"},
    )
    assert full.status_code == 200, full.text
    assert "cut-body-sku" in skus()


@pytest.mark.parametrize("chunked", [False, True], ids=["short-content-length", "cut-chunked"])
def test_cloudcockpit_assignment_with_cut_body_is_not_applied(
    cloudcockpit_mock: MockServer, chunked: bool
) -> None:
    ids = mock_ids("cloudcockpit")
    headers = {**cloudcockpit_mock.auth_headers(), "X-Tenant": ids["tenant"]}
    base = f"{cloudcockpit_mock.base_url}/v1/Customers/{ids['customer_id']}"
    params = {"providerInstanceId": ids["provider_instance_id"]}

    def seats() -> dict[str, int]:
        answer = httpx.get(f"{base}/licenses", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        return {lic["skuId"]: lic["consumedLicenses"] for lic in answer.json()}

    licenses = httpx.get(f"{base}/licenses", params=params, headers=headers).json()
    free = next(lic for lic in licenses if lic["availableLicenses"] > 0)
    path = f"/v1/Customers/{ids['customer_id']}/users/{ids['user_id']}/licenses"

    def patch_body(selected: bool) -> bytes:
        change = {**free, "isSelected": selected}
        return json.dumps(
            {"providerInstanceId": ids["provider_instance_id"], "customerUserLicenses": [change]}
        ).encode()

    def patch(body: bytes) -> None:
        answer = httpx.patch(
            cloudcockpit_mock.base_url + path,
            content=body,
            headers={**headers, "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.text

    patch(patch_body(False))  # known start: the user does not hold the license
    body = patch_body(True)
    cloudcockpit_mock.clear_requests()
    before = seats()
    send_cut(cloudcockpit_mock, "PATCH", path, body, chunked=chunked)
    entries = logged(cloudcockpit_mock, "PATCH")
    assert [e["status"] for e in entries] == [CLIENT_GONE], entries
    assert seats() == before, "a seat assignment was applied from a cut body"

    patch(body)
    assert seats()[free["skuId"]] == before[free["skuId"]] + 1
