"""Partner Center mock behaviour, through the generated client (partner_center_client)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID, uuid4

import httpx
from partner_center_client import AuthenticatedClient
from partner_center_client.api.customer_users import get_user_licenses
from partner_center_client.models import ApiFault, LicenseCollection, ThrottleFault

from licensekit.mock import MockServer


def client(mock: MockServer, **claims: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=mock.base_url, token=mock.token(**claims), raise_on_unexpected_status=True
    )


def adele(mock: MockServer) -> tuple[UUID, dict[str, Any]]:
    customer = next(c for c in mock.state()["customers"] if c["companyName"] == "Wingtip Toys")
    return UUID(customer["id"]), customer["users"][0]


def skus(answer: Any) -> list[str]:
    assert isinstance(answer.parsed, LicenseCollection), answer.content
    # The mock sends every expected property (the answer is Any-typed: they are optional in the models).
    parsed: Any = answer.parsed
    assert parsed.total_count == len(parsed.items)
    assert parsed.attributes.object_type == "Collection"
    return [item.product_sku.sku_part_number for item in parsed.items]


def test_group1_by_default_and_repeated_case_insensitive_groups(partner_center_mock: MockServer) -> None:
    customer, user = adele(partner_center_mock)
    c = client(partner_center_mock)
    assert skus(get_user_licenses.sync_detailed(customer, user["id"], client=c)) == ["SPE_E3", "MCOEV"]
    both = get_user_licenses.sync_detailed(
        customer, user["id"], client=c, license_group_ids=["Group1", "GROUP2"]
    )
    assert skus(both) == ["SPE_E3", "MCOEV", "MEE_STUDENT"]
    assert isinstance(both.parsed, LicenseCollection)
    items: Any = both.parsed.items
    assert {i.product_sku.license_group_id for i in items} == {"group1", "group2"}
    only2 = get_user_licenses.sync_detailed(customer, user["id"], client=c, license_group_ids=["group2"])
    assert skus(only2) == ["MEE_STUDENT"]
    plans = items[0].service_plans
    assert {p.service_name for p in plans} >= {"EXCHANGE_S_ENTERPRISE", "TEAMS1"}


def test_user_by_principal_name_and_user_without_licenses(partner_center_mock: MockServer) -> None:
    customer, user = adele(partner_center_mock)
    c = client(partner_center_mock)
    by_upn = get_user_licenses.sync_detailed(customer, user["userPrincipalName"].upper(), client=c)
    assert skus(by_upn) == ["SPE_E3", "MCOEV"]
    lynne = next(
        u for u in partner_center_mock.state()["customers"][0]["users"] if u["displayName"] == "Lynne Robbins"
    )
    assert skus(get_user_licenses.sync_detailed(customer, lynne["id"], client=c)) == []


def test_api_faults(partner_center_mock: MockServer) -> None:
    customer, user = adele(partner_center_mock)
    c = client(partner_center_mock)
    cases = [
        (get_user_licenses.sync_detailed(uuid4(), user["id"], client=c), 404, 60003),
        (
            get_user_licenses.sync_detailed(customer, "nobody@wingtiptoys.onmicrosoft.com", client=c),
            404,
            60002,
        ),
        (
            get_user_licenses.sync_detailed(customer, user["id"], client=c, license_group_ids=["Group3"]),
            400,
            900126,
        ),
        (
            get_user_licenses.sync_detailed(
                customer, user["id"], client=client(partner_center_mock, scp=None)
            ),
            403,
            900329,
        ),
        (
            get_user_licenses.sync_detailed(
                customer, user["id"], client=client(partner_center_mock, tid=str(uuid4()))
            ),
            403,
            900308,
        ),
    ]
    for answer, status, code in cases:
        assert answer.status_code == status
        assert isinstance(answer.parsed, ApiFault) and answer.parsed.code == code and answer.parsed.source
    bad_group = cases[2][0].parsed
    assert isinstance(bad_group, ApiFault) and "Group3" in bad_group.description
    unauthenticated = httpx.get(f"{partner_center_mock.base_url}/v1/customers/{customer}/users/x/licenses")
    assert unauthenticated.status_code == 401 and unauthenticated.headers["WWW-Authenticate"].startswith(
        "OAuth"
    )


def test_request_ids_echoed_or_made_up(partner_center_mock: MockServer) -> None:
    customer, user = adele(partner_center_mock)
    request_id, correlation_id = uuid4(), uuid4()
    answer = get_user_licenses.sync_detailed(
        customer,
        user["id"],
        client=client(partner_center_mock),
        ms_request_id=request_id,
        ms_correlation_id=correlation_id,
        ms_cv="abc.1",
    )
    assert answer.headers["MS-RequestId"] == str(request_id)
    assert answer.headers["MS-CorrelationId"] == str(correlation_id)
    assert answer.headers["MS-CV"] == "abc.1" and answer.headers["MS-ServerId"]
    made_up = get_user_licenses.sync_detailed(uuid4(), user["id"], client=client(partner_center_mock))
    assert made_up.status_code == 404
    assert UUID(made_up.headers["MS-RequestId"]) and UUID(made_up.headers["MS-CorrelationId"])
    assert made_up.headers["MS-CV"]


def test_throttling_fault_is_the_gateway_shape(partner_center_mock: MockServer) -> None:
    customer, user = adele(partner_center_mock)
    partner_center_mock.inject_fault(429, count=2, retry_after=3, operation="getUserLicenses")
    for _ in range(2):
        answer = get_user_licenses.sync_detailed(customer, user["id"], client=client(partner_center_mock))
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "3"
        assert isinstance(answer.parsed, ThrottleFault)
        assert answer.parsed.message == "Rate limit is exceeded. Try again in 3 seconds."
    assert (
        get_user_licenses.sync_detailed(customer, user["id"], client=client(partner_center_mock)).status_code
        == 200
    )
    partner_center_mock.inject_fault(503, retry_after=1)
    unavailable = get_user_licenses.sync_detailed(customer, user["id"], client=client(partner_center_mock))
    assert unavailable.status_code == 503 and unavailable.headers["Retry-After"] == "1"
    # 503's body is inferred: the spec accepts any body (parsed stays None); the mock sends the expected one.
    assert unavailable.parsed is None
    assert ApiFault.from_dict(json.loads(unavailable.content)).code == 503
