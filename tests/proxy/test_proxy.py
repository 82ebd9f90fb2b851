"""The validating proxy, over real HTTP, in front of our mocks and of upstreams that misbehave."""

from __future__ import annotations

import hashlib
import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import httpx
import pytest
from fusion_client import AuthenticatedClient, Client
from fusion_client.api.auth import login, refresh_access_token
from fusion_client.api.customer_licenses import (
    create_customer_license,
    delete_customer_license,
    get_customer_license,
    list_group_customer_licenses,
    update_customer_license,
)
from fusion_client.models import CustomerLicenseCreate, CustomerLicenseUpdate, LoginRequest, LoginTokens
from partner_center_client import AuthenticatedClient as PartnerCenterClient
from partner_center_client.api.customer_users import get_user_licenses

from licensekit.mock import MockServer
from licensekit.mock.registry import build_app
from licensekit.mock.server import serve_app
from licensekit.mock.tokens import make_token
from licensekit.proxy import ProxyServer, serve

from .upstreams import Answer, BentMock, Streamer, json_bend

INSTANCE = "draas_v1"


def group(mock: MockServer) -> UUID:
    return UUID(next(e["uuid"] for e in mock.state()["entities"] if e["name"] == "Netaxis Telecom Group"))


def licenses_url(base: str, group_id: UUID) -> str:
    return f"{base}/api/v01/draas/{INSTANCE}/groups/{group_id}/customer_licenses"


def same_answer(a: httpx.Response, b: httpx.Response) -> None:
    """Status, headers (all but the clock's) and body identical, byte for byte."""
    assert a.status_code == b.status_code
    assert [h for h in a.headers.raw if h[0].lower() != b"date"] == [
        h for h in b.headers.raw if h[0].lower() != b"date"
    ]
    assert a.content == b.content


# --------------------------------------------------------------------------- our mocks: no drift


def test_fusion_through_the_proxy_no_drift_and_same_bytes(fusion_mock: MockServer, tmp_path) -> None:
    log = tmp_path / "drift.jsonl"
    with serve("fusion", fusion_mock.base_url, drift_log=log) as proxy:
        token = fusion_mock.token()
        c = AuthenticatedClient(base_url=proxy.base_url, token=token, raise_on_unexpected_status=True)
        gid = group(fusion_mock)
        created = create_customer_license.sync_detailed(
            INSTANCE, gid, client=c, body=CustomerLicenseCreate(name="Teams Phone", sku="MCOEV-PROXY")
        )
        assert created.status_code == 200
        new_id = created.parsed.id  # type: ignore[union-attr]
        assert get_customer_license.sync_detailed(INSTANCE, gid, new_id, client=c).status_code == 200
        update = CustomerLicenseUpdate(description="through the proxy")
        assert (
            update_customer_license.sync_detailed(INSTANCE, gid, new_id, client=c, body=update).status_code
            == 204
        )
        assert (
            list_group_customer_licenses.sync_detailed(INSTANCE, gid, client=c, page_size=5).status_code
            == 200
        )
        assert delete_customer_license.sync_detailed(INSTANCE, gid, new_id, client=c).status_code == 204
        assert get_customer_license.sync_detailed(INSTANCE, gid, new_id, client=c).status_code == 404
        user = fusion_mock.state()["users"][0]
        anonymous = Client(base_url=proxy.base_url, raise_on_unexpected_status=True)
        tokens = login.sync_detailed(
            client=anonymous, body=LoginRequest(username=user["username"], password=user["password"])
        )
        assert tokens.status_code == 200 and isinstance(tokens.parsed, LoginTokens)
        assert isinstance(tokens.parsed.refresh_token, str)
        refresh = AuthenticatedClient(base_url=proxy.base_url, token=tokens.parsed.refresh_token)
        assert refresh_access_token.sync_detailed(client=refresh).status_code == 200
        # Byte for byte: the same reads, direct and proxied.
        headers = {"Authorization": f"Bearer {token}"}
        for url in (licenses_url("{}", gid) + "?page_size=3", licenses_url("{}", gid) + "/1"):
            direct = httpx.get(url.format(fusion_mock.base_url), headers=headers)
            proxied = httpx.get(url.format(proxy.base_url), headers=headers)
            same_answer(direct, proxied)
        assert proxy.drift() == []
    assert log.read_text() == ""


def test_partner_center_through_the_proxy_no_drift(partner_center_mock: MockServer) -> None:
    customer = next(c for c in partner_center_mock.state()["customers"] if c["companyName"] == "Wingtip Toys")
    with serve("partner-center", partner_center_mock.base_url) as proxy:
        c = PartnerCenterClient(base_url=proxy.base_url, token=partner_center_mock.token())
        answer = get_user_licenses.sync_detailed(UUID(customer["id"]), customer["users"][0]["id"], client=c)
        assert answer.status_code == 200 and answer.headers.get("ms-requestid")
        assert proxy.drift() == []


# --------------------------------------------------------------------------- upstreams that depart


@pytest.fixture(scope="module")
def bent() -> Iterator[tuple[BentMock, str]]:
    upstream = BentMock(build_app("fusion"))
    with serve_app(upstream) as url:
        yield upstream, url


def _fusion_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token('fusion', secret=_secret())}"}


def _secret() -> str:
    from licensekit.mock.tokens import default_secret

    return default_secret()


def _group_of(upstream: BentMock) -> str:
    return str(
        next(e["uuid"] for e in upstream.mock.state()["entities"] if e["name"] == "Netaxis Telecom Group")
    )


def _with(status: int | None = None, content_type: bytes | None = None, body: bytes | None = None):
    def bend(answer: Answer) -> Answer:
        s, headers, b = answer
        if content_type is not None:
            headers = [(n, content_type if n == b"content-type" else v) for n, v in headers]
        return (status or s, headers, b if body is None else body)

    return bend


def _drop(key: str):
    return json_bend(lambda doc: {k: v for k, v in doc.items() if k != key})


def _retype(key: str, value: Any):
    return json_bend(lambda doc: {**doc, key: value})


# (name, method, path under the group's licenses, request body, bend, operation, check)
DEPARTURES = [
    (
        "undocumented status",
        "GET",
        "/1",
        None,
        _with(status=418),
        "getCustomerLicense",
        "status_code_conformance",
    ),
    (
        "wrong status (201 for 200)",
        "POST",
        "",
        {"name": "n", "sku": "S-201"},
        _with(status=201),
        "createCustomerLicense",
        "status_code_conformance",
    ),
    (
        "missing required field",
        "GET",
        "/1",
        None,
        _drop("sku"),
        "getCustomerLicense",
        "response_schema_conformance",
    ),
    (
        "wrong type",
        "GET",
        "/1",
        None,
        _retype("name", 42),
        "getCustomerLicense",
        "response_schema_conformance",
    ),
    (
        # requests keep the closed enum (answers hold an open string: see the test below)
        "enum value outside the spec",
        "POST",
        "",
        {"name": "n", "sku": "S-ENUM", "status": "paused"},
        lambda answer: answer,
        "createCustomerLicense",
        "request_conformance",
    ),
    (
        "wrong content type",
        "GET",
        "?page_size=2",
        None,
        _with(content_type=b"text/plain"),
        "listGroupCustomerLicenses",
        "content_type_conformance",
    ),
    (
        "body not JSON",
        "GET",
        "?page_size=2",
        None,
        _with(body=b"<html>oops</html>"),
        "listGroupCustomerLicenses",
        "response_schema_conformance",
    ),
    (
        "invalid request accepted",
        "POST",
        "",
        {"name": 5, "sku": "S-NEG"},
        _with(status=200, body=b'{"id":99}'),
        "createCustomerLicense",
        "negative_data_rejection",
    ),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body", "bend", "operation", "check"),
    [case[1:] for case in DEPARTURES],
    ids=[case[0] for case in DEPARTURES],
)
def test_each_departure_is_reported_with_operation_and_check(
    bent: tuple[BentMock, str], method: str, suffix: str, body: Any, bend: Any, operation: str, check: str
) -> None:
    upstream, url = bent
    upstream.mock.reset()
    upstream.bend = lambda _path, answer: bend(answer)
    try:
        with serve("fusion", url) as proxy:
            target = licenses_url(proxy.base_url, UUID(_group_of(upstream))) + suffix
            direct_target = licenses_url(url, UUID(_group_of(upstream))) + suffix
            proxied = httpx.request(method, target, headers=_fusion_headers(), json=body)
            upstream.mock.reset()
            direct = httpx.request(method, direct_target, headers=_fusion_headers(), json=body)
            same_answer(direct, proxied)  # the departure reaches the caller untouched
            found = {(r["operation"], r["check"]) for r in proxy.drift()}
    finally:
        upstream.bend = None
    assert (operation, check) in found, found


def test_unknown_value_of_an_open_response_enum_is_tolerated(bent: tuple[BentMock, str]) -> None:
    # docs/spec-conventions.md: a response enum the docs do not close is an open string; a new value
    # the vendor adds is no failure, but a tolerated finding (the contract suites' warning, the same one)
    upstream, url = bent
    upstream.mock.reset()
    upstream.bend = lambda _path, answer: _retype("status", "paused")(answer)
    try:
        with serve("fusion", url) as proxy:
            target = licenses_url(proxy.base_url, UUID(_group_of(upstream))) + "/1"
            answer = httpx.get(target, headers=_fusion_headers())
            assert answer.status_code == 200 and answer.json()["status"] == "paused"
            records = proxy.drift()
            assert [(r["operation"], r["check"], r["severity"], r["locations"]) for r in records] == [
                ("getCustomerLicense", "unknown_enum_value", "tolerated", ["response 200 body.status"])
            ]
    finally:
        upstream.bend = None


def test_204_with_a_stray_content_length_still_gets_through(bent: tuple[BentMock, str]) -> None:
    upstream, url = bent
    upstream.mock.reset()
    upstream.bend = lambda _path, answer: (answer[0], answer[1], b'{"deleted":true}')
    try:
        with serve("fusion", url) as proxy:
            target = licenses_url(proxy.base_url, UUID(_group_of(upstream))) + "/2"
            answer = httpx.delete(target, headers=_fusion_headers())
            assert answer.status_code == 204 and answer.content == b""
            assert proxy.drift() == []
    finally:
        upstream.bend = None


def test_ignored_auth_is_reported(bent: tuple[BentMock, str]) -> None:
    upstream, url = bent
    good = httpx.get(licenses_url(url, UUID(_group_of(upstream))), headers=_fusion_headers()).content
    upstream.bend = lambda _path, answer: (200, answer[1], good)
    try:
        with serve("fusion", url) as proxy:
            assert httpx.get(licenses_url(proxy.base_url, UUID(_group_of(upstream)))).status_code == 200
            records = proxy.drift()
    finally:
        upstream.bend = None
    checks = {(r["operation"], r["check"]) for r in records}
    assert ("listGroupCustomerLicenses", "ignored_auth") in checks
    assert ("listGroupCustomerLicenses", "request_conformance") in checks


def test_missing_required_header_is_reported(partner_center_mock: MockServer) -> None:
    upstream = BentMock(partner_center_mock.app)
    upstream.bend = lambda _path, a: (a[0], [(n, v) for n, v in a[1] if n.lower() != b"ms-requestid"], a[2])
    customer = next(c for c in partner_center_mock.state()["customers"] if c["companyName"] == "Wingtip Toys")
    path = f"/v1/customers/{customer['id']}/users/{customer['users'][0]['id']}/licenses"
    with serve_app(upstream) as url, serve("partner-center", url) as proxy:
        answer = httpx.get(proxy.base_url + path, headers=partner_center_mock.auth_headers())
        assert answer.status_code == 200 and "ms-requestid" not in answer.headers
        records = proxy.drift()
    assert [(r["operation"], r["check"]) for r in records] == [
        ("getUserLicenses", "response_headers_conformance")
    ]
    assert "ms-requestid" in records[0]["departures"][0]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("suffix", "content", "content_type"),
    [
        ("", b'{"name": 5}', "application/json"),
        ("", b"{not json", "application/json"),
        ("", b"name=x", "application/x-www-form-urlencoded"),
        ("?page_size=abc", None, None),
        ("/not-a-number", None, None),
    ],
    ids=["wrong types", "not JSON", "form body", "bad query", "bad path parameter"],
)
def test_bad_input_is_forwarded_unchanged_and_logged(
    fusion_mock: MockServer, suffix: str, content: bytes | None, content_type: str | None
) -> None:
    gid = group(fusion_mock)
    headers = fusion_mock.auth_headers()
    if content_type:
        headers["Content-Type"] = content_type
    method = "POST" if content is not None else "GET"
    with serve("fusion", fusion_mock.base_url) as proxy:
        proxied = httpx.request(
            method, licenses_url(proxy.base_url, gid) + suffix, headers=headers, content=content
        )
        direct = httpx.request(
            method, licenses_url(fusion_mock.base_url, gid) + suffix, headers=headers, content=content
        )
        same_answer(direct, proxied)
        assert 400 <= proxied.status_code < 500 and "error" in proxied.json()
        records = proxy.drift()
    operation = (
        "createCustomerLicense"
        if method == "POST"
        else ("getCustomerLicense" if suffix.startswith("/") else "listGroupCustomerLicenses")
    )
    assert [(r["operation"], r["check"]) for r in records] == [(operation, "request_conformance")]


def test_unknown_path_is_logged_as_undocumented(fusion_mock: MockServer) -> None:
    with serve("fusion", fusion_mock.base_url) as proxy:
        proxied = httpx.get(proxy.base_url + "/api/v02/nothing")
        same_answer(httpx.get(fusion_mock.base_url + "/api/v02/nothing"), proxied)
        assert proxied.status_code == 404
        assert [r["check"] for r in proxy.drift()] == ["undocumented_operation"]


# --------------------------------------------------------------------------- large and streamed bodies


def test_large_request_body_reaches_the_mock_and_its_413_comes_back(fusion_mock: MockServer) -> None:
    body = json.dumps({"name": "x" * (3 * 1024 * 1024), "sku": "BIG"}).encode()
    url = licenses_url("{}", group(fusion_mock))
    headers = {**fusion_mock.auth_headers(), "Content-Type": "application/json"}
    with serve("fusion", fusion_mock.base_url) as proxy:
        proxied = httpx.post(url.format(proxy.base_url), headers=headers, content=body, timeout=30)
        direct = httpx.post(url.format(fusion_mock.base_url), headers=headers, content=body, timeout=30)
        same_answer(direct, proxied)
        assert proxied.status_code == 413
        assert proxy.drift() == []  # 413 is documented and the over-long body is valid JSON


def test_large_response_streams_through_whole() -> None:
    """Byte for byte, past the capture limit (the drift record of a documented operation over the limit:
    test_capture_limit.py)."""
    size = 24 * 1024 * 1024 + 17
    with serve_app(Streamer(size=size)) as url, serve("fusion", url, capture_limit=1024 * 1024) as proxy:
        digest = hashlib.sha256()
        received = 0
        with httpx.stream("GET", proxy.base_url + "/big", timeout=30) as answer:
            for chunk in answer.iter_raw():
                digest.update(chunk)
                received += len(chunk)
        direct = httpx.get(url + "/big", timeout=30).content
        assert received == size and digest.hexdigest() == hashlib.sha256(direct).hexdigest()
        assert [(r["check"], r["departures"]) for r in proxy.drift()] == [
            ("undocumented_operation", ["request: no operation of the spec has this path"])
        ]


def test_streamed_answer_is_not_buffered() -> None:
    upstream = Streamer()
    with (
        serve_app(upstream) as url,
        serve("fusion", url) as proxy,
        httpx.stream("GET", proxy.base_url + "/held", timeout=10) as answer,
    ):
        chunks = answer.iter_raw()
        assert next(chunks) == b"first;"  # arrives while the upstream still holds the rest back
        upstream.release.set()
        assert b"".join(chunks) == b"second"


def test_streamed_request_body_arrives_whole() -> None:
    pieces = [bytes([n]) * 100_000 for n in range(40)]

    def body() -> Iterator[bytes]:
        yield from pieces

    with serve_app(Streamer()) as url, serve("fusion", url) as proxy:
        answer = httpx.post(proxy.base_url + "/echo", content=body(), timeout=30)
    expected = b"".join(pieces)
    assert answer.json() == {"length": len(expected), "sha256": hashlib.sha256(expected).hexdigest()}


# --------------------------------------------------------------------------- upstream failures


def test_upstream_timeout_is_a_504_in_the_vendor_shape(fusion_mock: MockServer) -> None:
    fusion_mock.inject_fault(delay=3, operation="listGroupCustomerLicenses")
    with serve("fusion", fusion_mock.base_url, timeout=0.5) as proxy:
        started = time.monotonic()
        answer = httpx.get(
            licenses_url(proxy.base_url, group(fusion_mock)), headers=fusion_mock.auth_headers()
        )
        took = time.monotonic() - started
        records = proxy.drift()
    assert answer.status_code == 504 and took < 2.5
    assert answer.headers["content-type"] == "application/json"
    assert set(answer.json()) == {"error"} and "in time" in answer.json()["error"]
    assert [(r["operation"], r["check"]) for r in records] == [
        ("listGroupCustomerLicenses", "upstream_timeout")
    ]
    time.sleep(2.6)  # let the delayed request finish before the mock is reset for the next test


def test_upstream_breaking_off_mid_answer_cuts_the_answer_without_a_hang() -> None:
    with serve_app(Streamer()) as url, serve("fusion", url, timeout=5) as proxy:
        started = time.monotonic()
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(proxy.base_url + "/cut", timeout=10)
        assert time.monotonic() - started < 5
        records = proxy.drift()
    (record,) = records
    assert {
        k: record[k] for k in ("operation", "method", "path", "status", "check", "severity", "locations")
    } == {
        "operation": "GET /cut",
        "method": "GET",
        "path": "/cut",
        "status": 200,
        "check": "upstream_broken",
        "severity": "failure",
        "locations": ["response"],
    }
    assert record["departures"][0].startswith(
        "response: upstream broke off mid-answer: peer closed connection"
    )
    assert record["curl"].startswith(f"curl -X GET {url}/cut -H ")


def test_dead_upstream_is_a_502_in_the_vendor_shape() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there any more
    with serve("cloudcockpit", f"http://127.0.0.1:{port}") as proxy:
        started = time.monotonic()
        answer = httpx.get(proxy.base_url + f"/v1/Customers/{UUID(int=1)}/licenses")
        assert time.monotonic() - started < 5
        assert answer.status_code == 502
        body = answer.json()
        assert body and "reached" in json.dumps(body)
        assert [r["check"] for r in proxy.drift()] == ["upstream_unreachable"]


# --------------------------------------------------------------------------- secrets


def test_no_secret_reaches_the_drift_log(bent: tuple[BentMock, str], tmp_path) -> None:
    upstream, url = bent
    upstream.mock.reset()
    user = upstream.mock.state()["users"][0]
    token = make_token("fusion", secret=_secret())
    # Every answer departs (undocumented status), so every exchange is logged.
    upstream.bend = lambda _path, answer: (299, answer[1], answer[2])
    log = tmp_path / "drift.jsonl"
    try:
        with serve("fusion", url, drift_log=log) as proxy:
            answer = httpx.post(
                proxy.base_url + "/api/v01/auth/login",
                json={"username": user["username"], "password": user["password"]},
            )
            issued = answer.json()
            httpx.get(
                licenses_url(proxy.base_url, UUID(_group_of(upstream))) + "?page_size=1",
                headers={"Authorization": f"Bearer {token}", "Cookie": "session=cookie-secret-value"},
            )
            httpx.get(
                proxy.base_url + "/api/v01/auth/access_token?token=query-secret-value",
                headers={"Authorization": f"Bearer {issued['refresh_token']}"},
            )
            httpx.post(
                proxy.base_url + "/api/v01/auth/login",
                content=f"username=a&password={user['password']}&client_secret=form-secret-value",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
    finally:
        upstream.bend = None
    text = log.read_text()
    assert len(text.splitlines()) >= 3 and "***" in text
    for secret in (
        user["password"],
        token,
        issued["access_token"],
        issued["refresh_token"],
        issued["token"],
        "cookie-secret-value",
        "form-secret-value",
        "query-secret-value",
    ):
        assert secret not in text


def test_fixture_starts_and_stops_proxies(licensekit_proxy: Any, fusion_mock: MockServer) -> None:
    proxy: ProxyServer = licensekit_proxy("fusion", fusion_mock.base_url)
    assert (
        httpx.get(
            licenses_url(proxy.base_url, group(fusion_mock)), headers=fusion_mock.auth_headers()
        ).status_code
        == 200
    )
    assert proxy.drift() == []
