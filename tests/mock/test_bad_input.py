"""Bad input on every vendor: a 4xx in the vendor's shape, never a 500, and the state unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from licensekit.mock import MockServer

JSON = {"Content-Type": "application/json"}
Shape = Callable[[httpx.Response], bool]


def cloudcockpit_shape(r: httpx.Response) -> bool:
    body = r.json()
    return body["statusCode"] == r.status_code and "correlationId" in body and "errors" in body


def fusion_shape(r: httpx.Response) -> bool:
    return set(r.json()) == {"error"} and isinstance(r.json()["error"], str)


def partner_center_shape(r: httpx.Response) -> bool:
    body = r.json()
    return {"code", "description", "source"} <= set(body) and "MS-RequestId" in r.headers


# Bodies that are not what a JSON API accepts: (content, content type, expected status).
BAD_BODIES = [
    pytest.param(b'{"name": "x", ', "application/json", 400, id="malformed-json"),
    pytest.param(b'{"name": "\xc3\x28"}', "application/json", 400, id="invalid-utf8"),
    pytest.param(b'{"name": "\xc0\xaf"}', "application/json", 400, id="overlong-utf8"),
    pytest.param(b'\xef\xbb\xbf{"name": "x"}', "application/json", 400, id="utf8-bom"),
    pytest.param(b'{"name": "\\ud800", "sku": "s"}', "application/json", 400, id="lone-surrogate"),
    pytest.param(b'{"name": NaN}', "application/json", 400, id="nan"),
    pytest.param(b"[" * 50_000 + b"]" * 50_000, "application/json", 400, id="deep-nesting"),
    pytest.param(b'{"name": "x"}', "text/plain", 415, id="text-plain"),
    pytest.param(b"name=x&sku=y", "application/x-www-form-urlencoded", 415, id="form"),
    pytest.param(b'{"name": "x"}', "application/json; charset=latin-1", 415, id="latin1-charset"),
    pytest.param(b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}', "application/json", 413, id="2MiB"),
    pytest.param(b"", "application/json", 400, id="empty"),
    pytest.param(b"null", "application/json", 400, id="null"),
]


def fusion_write(mock: MockServer) -> str:
    group = next(e["uuid"] for e in mock.state()["entities"] if e["type"] == "group")
    return f"{mock.base_url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses"


def cloudcockpit_write(mock: MockServer) -> str:
    customer = mock.state()["customers"][0]
    return f"{mock.base_url}/v1/Customers/{customer['id']}/users/{customer['users'][0]['id']}/licenses"


@pytest.mark.parametrize(("content", "content_type", "status"), BAD_BODIES)
def test_fusion_bad_bodies(fusion_mock: MockServer, content: bytes, content_type: str, status: int) -> None:
    before = fusion_mock.state()
    r = httpx.post(
        fusion_write(fusion_mock),
        content=content,
        headers={**fusion_mock.auth_headers(), "Content-Type": content_type},
    )
    assert r.status_code == status and fusion_shape(r), r.text[:300]
    assert fusion_mock.state() == before


@pytest.mark.parametrize(("content", "content_type", "status"), BAD_BODIES)
def test_cloudcockpit_bad_bodies(
    cloudcockpit_mock: MockServer, content: bytes, content_type: str, status: int
) -> None:
    before = cloudcockpit_mock.state()
    headers = {
        **cloudcockpit_mock.auth_headers(),
        "X-Tenant": "portal.cloudcockpit.com",
        "Content-Type": content_type,
    }
    r = httpx.patch(cloudcockpit_write(cloudcockpit_mock), content=content, headers=headers)
    assert r.status_code == status and cloudcockpit_shape(r), r.text[:300]
    assert cloudcockpit_mock.state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5, "sku": "s"}, "name"),
        ({"name": "n", "sku": ["s"]}, "sku"),
        ({"name": "n", "sku": "s", "status": "archived"}, "status"),
        ({"name": "n"}, "sku"),
        ({"name": "n", "sku": "s", "status": None}, "status"),
    ],
)
def test_fusion_wrong_types_and_unknown_enum(
    fusion_mock: MockServer, body: dict[str, Any], field: str
) -> None:
    before = fusion_mock.state()
    r = httpx.post(fusion_write(fusion_mock), json=body, headers=fusion_mock.auth_headers())
    assert r.status_code == 400 and fusion_shape(r) and field in r.json()["error"]
    assert fusion_mock.state() == before


@pytest.mark.parametrize(
    "body",
    [
        {"providerInstanceId": "not-a-guid", "customerUserLicenses": []},
        {"providerInstanceId": None, "customerUserLicenses": []},
        {"customerUserLicenses": []},
        {
            "providerInstanceId": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b",
            "customerUserLicenses": [{"skuId": "x", "isSelected": "yes"}],
        },
        {
            "providerInstanceId": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b",
            "customerUserLicenses": {"skuId": "x"},
        },
        [],
    ],
)
def test_cloudcockpit_wrong_types(cloudcockpit_mock: MockServer, body: Any) -> None:
    before = cloudcockpit_mock.state()
    headers = {**cloudcockpit_mock.auth_headers(), "X-Tenant": "portal.cloudcockpit.com"}
    r = httpx.patch(cloudcockpit_write(cloudcockpit_mock), json=body, headers=headers)
    assert r.status_code == 400 and cloudcockpit_shape(r) and r.json()["errors"], r.text
    assert cloudcockpit_mock.state() == before


def test_valid_but_unusual_unicode_round_trips(fusion_mock: MockServer) -> None:
    name = "Téams 📞 \u202eRTL\u202c zero\u200bwidth e\u0301 \u0000nul \U0001d54f"
    r = httpx.post(
        fusion_write(fusion_mock), json={"name": name, "sku": "UNICODE-✓"}, headers=fusion_mock.auth_headers()
    )
    assert r.status_code == 200
    got = httpx.get(f"{fusion_write(fusion_mock)}/{r.json()['id']}", headers=fusion_mock.auth_headers())
    assert got.json()["name"] == name and got.json()["sku"] == "UNICODE-✓"


@pytest.mark.parametrize(
    "segment", ["..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e", "%00", "%F0%9F%98%80", "%FF", "a%2Fb", "%E2%80%AE"]
)
def test_path_traversal_and_odd_ids(
    cloudcockpit_mock: MockServer, fusion_mock: MockServer, partner_center_mock: MockServer, segment: str
) -> None:
    cc = httpx.get(
        f"{cloudcockpit_mock.base_url}/v1/Customers/{segment}/licenses?providerInstanceId=3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b",
        headers={**cloudcockpit_mock.auth_headers(), "X-Tenant": "portal.cloudcockpit.com"},
    )
    assert cc.status_code in (400, 404) and cloudcockpit_shape(cc)
    group = next(e["uuid"] for e in fusion_mock.state()["entities"] if e["type"] == "group")
    for path in (f"groups/{segment}/customer_licenses", f"groups/{group}/customer_licenses/{segment}"):
        fu = httpx.get(
            f"{fusion_mock.base_url}/api/v01/draas/draas_v1/{path}", headers=fusion_mock.auth_headers()
        )
        assert fu.status_code in (400, 404) and fusion_shape(fu)
    customer = partner_center_mock.state()["customers"][0]["id"]
    pc = httpx.get(
        f"{partner_center_mock.base_url}/v1/customers/{customer}/users/{segment}/licenses",
        headers=partner_center_mock.auth_headers(),
    )
    assert pc.status_code in (400, 404) and partner_center_shape(pc)


@pytest.mark.parametrize(
    "query",
    ["page_size=abc", "page_size=0", "page_size=-1", "page_size=1.5", "next=%FF", "next="],
)
def test_fusion_bad_query(fusion_mock: MockServer, query: str) -> None:
    group = next(e["uuid"] for e in fusion_mock.state()["entities"] if e["type"] == "group")
    url = f"{fusion_mock.base_url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses?{query}"
    r = httpx.get(url, headers=fusion_mock.auth_headers())
    assert r.status_code == 400 and fusion_shape(r), r.text


def test_unknown_paths_and_methods_in_each_shape(
    cloudcockpit_mock: MockServer, fusion_mock: MockServer, partner_center_mock: MockServer
) -> None:
    for mock, shape in (
        (cloudcockpit_mock, cloudcockpit_shape),
        (fusion_mock, fusion_shape),
        (partner_center_mock, partner_center_shape),
    ):
        r = httpx.get(f"{mock.base_url}/v1/nothing/here", headers=mock.auth_headers())
        assert r.status_code == 404 and shape(r)
    r = httpx.delete(f"{partner_center_mock.base_url}/v1/customers/x/users/y/licenses")
    assert r.status_code == 405 and r.headers["Allow"] == "GET" and partner_center_shape(r)
    r = httpx.request("OPTIONS", cloudcockpit_write(cloudcockpit_mock))
    assert r.status_code == 405 and r.headers["Allow"] == "PATCH"


def test_headers_with_odd_values(partner_center_mock: MockServer) -> None:
    customer, user = (lambda c: (c["id"], c["users"][0]["id"]))(partner_center_mock.state()["customers"][0])
    url = f"{partner_center_mock.base_url}/v1/customers/{customer}/users/{user}/licenses"
    headers = [(k.encode(), v.encode()) for k, v in partner_center_mock.auth_headers().items()]
    r = httpx.get(url, headers=[*headers, (b"MS-RequestId", "é-not-a-guid".encode())])
    assert r.status_code == 400 and partner_center_shape(r) and r.json()["code"] == 800002
    assert r.headers["MS-RequestId"] != "é-not-a-guid"  # not echoed: not printable ASCII
    assert json.loads(r.content)["description"].startswith("Invalid input")
