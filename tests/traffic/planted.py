"""Planted answers: the real mocks bent to answer as a drifting vendor would, each with the finding it must
give (operation, check, severity, location), behind the proxy and through check-traffic alike."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from licensekit.mock.registry import build_app
from licensekit.mock.server import serve_app
from licensekit.mock.tokens import make_token
from tests.proxy.upstreams import Answer, BentMock

INSTANCE = "draas_v1"
PC_CUSTOMER = "Wingtip Toys"


def _drop_object_type(answer: Answer) -> Answer:
    """Partner Center's licenses without `attributes.objectType`: expected by the spec, not required
    (Fusion's answers have no field that is only expected: every one is required)."""
    status, headers, body = answer
    doc = json.loads(body)
    for item in doc.get("items", []):
        item.get("attributes", {}).pop("objectType", None)
    return status, headers, json.dumps(doc).encode()


def _new_status(answer: Answer) -> Answer:
    """Fusion's licenses with a status value the vendor might add: `status` is an open string in answers."""
    status, headers, body = answer
    doc = json.loads(body)
    for item in doc.get("licenses", []):
        item["status"] = "suspended"
    return status, headers, json.dumps(doc).encode()


def _status(code: int) -> Callable[[Answer], Answer]:
    return lambda answer: (code, answer[1], answer[2])


def _retype_name(answer: Answer) -> Answer:
    status, headers, body = answer
    return status, headers, json.dumps({**json.loads(body), "name": 42}).encode()


def _empty_200_for_404(answer: Answer) -> Answer:
    status, headers, _ = answer
    return (200, headers, b"{}") if status == 404 else answer


@dataclass(frozen=True)
class Planted:
    name: str
    api: str
    path: Callable[[BentMock], str]  # the request path (ids from the mock's state)
    bend: Callable[[Answer], Answer]
    finding: tuple[str, str, str, str]  # operation, check, severity, location


def _group(mock: BentMock) -> str:
    return str(next(e["uuid"] for e in mock.mock.state()["entities"] if e["name"] == "Netaxis Telecom Group"))


def _licenses(mock: BentMock) -> str:
    return f"/api/v01/draas/{INSTANCE}/groups/{_group(mock)}/customer_licenses"


def _pc_user(mock: BentMock, user: str | None = None, nth: int = 0) -> str:
    customer = next(c for c in mock.mock.state()["customers"] if c["companyName"] == PC_CUSTOMER)
    return f"/v1/customers/{customer['id']}/users/{user or customer['users'][nth]['id']}/licenses"


def other_pc_user(planted: Planted) -> Planted:
    """The same planted answer for another Partner Center user: the same deviation with other ids."""
    return Planted(planted.name, planted.api, lambda m: _pc_user(m, nth=1), planted.bend, planted.finding)


PLANTED = [
    Planted(
        "missing expected field",
        "partner-center",
        lambda m: _pc_user(m),
        _drop_object_type,
        (
            "getUserLicenses",
            "missing_expected_property",
            "tolerated",
            "response 200 body.items[].attributes.objectType",
        ),
    ),
    Planted(
        "500 with a body the spec accepts",
        "fusion",
        lambda m: _licenses(m) + "/1",
        _status(500),
        ("getCustomerLicense", "not_a_server_error", "failure", "response 500"),
    ),
    Planted(
        "wrong type (a departure the proxy already reported)",
        "fusion",
        lambda m: _licenses(m) + "/1",
        _retype_name,
        ("getCustomerLicense", "response_schema_conformance", "failure", "response 200 body.name"),
    ),
    Planted(
        "200 {} in place of a 404",
        "partner-center",
        lambda m: _pc_user(m, "nobody@wingtiptoys.example"),
        _empty_200_for_404,
        ("getUserLicenses", "missing_expected_property", "tolerated", "response 200 body.items"),
    ),
    Planted(
        "500 on Partner Center",
        "partner-center",
        lambda m: _pc_user(m),
        _status(500),
        ("getUserLicenses", "not_a_server_error", "failure", "response 500"),
    ),
    Planted(
        "unknown value of an open enum",
        "fusion",
        lambda m: _licenses(m) + "?page_size=3",
        _new_status,
        (
            "listGroupCustomerLicenses",
            "unknown_enum_value",
            "tolerated",
            "response 200 body.licenses[].status",
        ),
    ),
]
BY_NAME = {p.name: p for p in PLANTED}


@contextlib.contextmanager
def bent(api: str) -> Iterator[tuple[BentMock, str]]:
    upstream = BentMock(build_app(api))
    with serve_app(upstream) as url:
        yield upstream, url.rstrip("/")


def headers(api: str, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(api, **claims)}"}


def call(upstream: BentMock, base: str, planted: Planted, **claims: Any) -> httpx.Response:
    """Send the planted request to `base` (the bent mock, or a proxy in front of it), bent as planted."""
    upstream.bend = lambda _path, answer: planted.bend(answer)
    try:
        return httpx.get(base + planted.path(upstream), headers=headers(planted.api, **claims))
    finally:
        upstream.bend = None
