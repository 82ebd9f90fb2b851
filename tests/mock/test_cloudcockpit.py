"""CloudCockpit mock behaviour, through the generated client (cloudcockpit_client)."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import httpx
from cloudcockpit_client import AuthenticatedClient
from cloudcockpit_client.api.licenses import list_customer_licenses, update_customer_user_licenses
from cloudcockpit_client.api.subscriptions import list_azure_entitlements
from cloudcockpit_client.models import (
    CustomerUserLicenseUpdate,
    ErrorResponse,
    UpdateCustomerUserLicensesRequest,
)
from cloudcockpit_client.types import Response

from licensekit.mock import MockServer

PORTAL = "portal.cloudcockpit.com"
NORTHWIND = "cloud.northwind-it.eu"


def client(mock: MockServer, **claims: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=mock.base_url, token=mock.token(**claims), raise_on_unexpected_status=True
    )


def contoso(mock: MockServer) -> dict[str, Any]:
    customer: dict[str, Any] = next(c for c in mock.state()["customers"] if c["name"] == "Contoso Ltd")
    return customer


def seat_counts(mock: MockServer, customer: dict[str, Any], instance: str) -> dict[str, tuple[int, int, int]]:
    answer = list_customer_licenses.sync_detailed(
        UUID(customer["id"]), client=client(mock), x_tenant=PORTAL, provider_instance_id=UUID(instance)
    )
    assert answer.status_code == 200 and isinstance(answer.parsed, list)
    # The mock sends every expected property; the models type them optional (expected, not required).
    items: list[Any] = answer.parsed
    return {x.name: (x.total_licenses, x.consumed_licenses, x.available_licenses) for x in items}


def change(sku: str, selected: bool) -> CustomerUserLicenseUpdate:
    return CustomerUserLicenseUpdate(sku_id=sku, is_selected=selected)


def patch(
    mock: MockServer,
    customer: str,
    user: str,
    instance: str,
    *changes: CustomerUserLicenseUpdate,
    **claims: Any,
) -> Response[Any | ErrorResponse]:
    body = UpdateCustomerUserLicensesRequest(
        provider_instance_id=UUID(instance), customer_user_licenses=list(changes)
    )
    return update_customer_user_licenses.sync_detailed(
        UUID(customer), UUID(user), client=client(mock, **claims), body=body, x_tenant=PORTAL
    )


def test_license_counts_follow_assignments(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    instance = c["licenses"][0]["providerInstanceId"]
    e3 = next(x["skuId"] for x in c["licenses"] if x["name"] == "Microsoft 365 E3")
    lynne = next(u["id"] for u in c["users"] if u["displayName"] == "Lynne Robbins")
    assert seat_counts(cloudcockpit_mock, c, instance)["Microsoft 365 E3"] == (10, 3, 7)
    assert patch(cloudcockpit_mock, c["id"], lynne, instance, change(e3, True)).status_code == 200
    assert seat_counts(cloudcockpit_mock, c, instance)["Microsoft 365 E3"] == (10, 4, 6)
    # Assigning again is a no-op; unassigning frees the seat.
    assert patch(cloudcockpit_mock, c["id"], lynne, instance, change(e3, True)).status_code == 200
    assert seat_counts(cloudcockpit_mock, c, instance)["Microsoft 365 E3"] == (10, 4, 6)
    assert patch(cloudcockpit_mock, c["id"], lynne, instance, change(e3, False)).status_code == 200
    assert seat_counts(cloudcockpit_mock, c, instance)["Microsoft 365 E3"] == (10, 3, 7)


def test_no_free_seat_is_a_400_and_changes_nothing(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    instance = c["licenses"][0]["providerInstanceId"]
    skus = {x["name"]: x["skuId"] for x in c["licenses"]}
    lynne = next(u["id"] for u in c["users"] if u["displayName"] == "Lynne Robbins")
    before = cloudcockpit_mock.state()
    assert seat_counts(cloudcockpit_mock, c, instance)["Exchange Online (Plan 1)"] == (3, 3, 0)
    # E3 (free seats) and Exchange (none left) together: all or nothing.
    answer = patch(
        cloudcockpit_mock,
        c["id"],
        lynne,
        instance,
        change(skus["Microsoft 365 E3"], True),
        change(skus["Exchange Online (Plan 1)"], True),
    )
    assert answer.status_code == 400 and isinstance(answer.parsed, ErrorResponse)
    error = answer.parsed
    assert error.status_code == 400 and error.errors
    assert error.errors[0].property_name == "customerUserLicenses[1].isSelected"
    assert cloudcockpit_mock.state() == before


def test_unknown_customer_user_subscription_and_sku(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    instance = c["licenses"][0]["providerInstanceId"]
    user = c["users"][0]["id"]
    assert patch(cloudcockpit_mock, str(uuid4()), user, instance).status_code == 404
    assert patch(cloudcockpit_mock, c["id"], str(uuid4()), instance).status_code == 404
    unknown_sku = patch(cloudcockpit_mock, c["id"], user, instance, change("no-such-sku", True))
    assert unknown_sku.status_code == 400 and isinstance(unknown_sku.parsed, ErrorResponse)
    assert unknown_sku.parsed.errors
    assert unknown_sku.parsed.errors[0].property_name == "customerUserLicenses[0].skuId"
    other_instance = patch(cloudcockpit_mock, c["id"], user, str(uuid4()))
    assert other_instance.status_code == 400
    answer = list_azure_entitlements.sync_detailed(
        UUID(c["id"]), uuid4(), client=client(cloudcockpit_mock), x_tenant=PORTAL
    )
    assert answer.status_code == 404 and isinstance(answer.parsed, ErrorResponse) and answer.parsed.errors
    assert answer.parsed.errors[0].property_name == "subscriptionId"


def test_azure_entitlements_of_the_azure_plan(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    plan = next(s for s in c["subscriptions"] if s["offerType"] == "AzurePlan")
    answer = list_azure_entitlements.sync_detailed(
        UUID(c["id"]), UUID(plan["id"]), client=client(cloudcockpit_mock), x_tenant=PORTAL
    )
    assert answer.status_code == 200 and isinstance(answer.parsed, list)
    names = {e.subscription_name for e in answer.parsed}
    assert {"Contoso Production", "Contoso Dev/Test", None} <= names
    assert all(
        str(e.parent_subscription_id) == plan["id"] and str(e.customer_id) == c["id"] for e in answer.parsed
    )
    reseller = next(e["resellerId"] for e in plan["entitlements"] if e["resellerId"])
    scoped = list_azure_entitlements.sync_detailed(
        UUID(c["id"]),
        UUID(plan["id"]),
        client=client(cloudcockpit_mock),
        x_tenant=PORTAL,
        reseller_id=UUID(reseller),
    )
    assert scoped.status_code == 200 and isinstance(scoped.parsed, list)
    assert [str(e.reseller_id) for e in scoped.parsed] == [reseller]


def test_x_tenant_scopes_and_isolates(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    instance = c["licenses"][0]["providerInstanceId"]
    url = f"{cloudcockpit_mock.base_url}/v1/Customers/{c['id']}/licenses?providerInstanceId={instance}"
    portal_only = cloudcockpit_mock.auth_headers(tenants=[PORTAL])
    northwind_only = cloudcockpit_mock.auth_headers(tenants=[NORTHWIND])
    ok = httpx.get(url, headers={**portal_only, "X-Tenant": PORTAL})
    assert ok.status_code == 200
    # A tenant the token does not hold: 403, no body.
    refused = httpx.get(url, headers={**portal_only, "X-Tenant": NORTHWIND})
    assert refused.status_code == 403 and refused.content == b""
    # The customer exists, but not in the caller's tenant: 404, as an unknown one.
    hidden = httpx.get(url, headers={**northwind_only, "X-Tenant": NORTHWIND})
    assert hidden.status_code == 404 and hidden.json()["errors"][0]["propertyName"] == "customerId"
    assert httpx.get(url, headers={**portal_only, "X-Tenant": "unknown.example"}).status_code == 403


def test_auth_failures_have_no_body(cloudcockpit_mock: MockServer) -> None:
    c = contoso(cloudcockpit_mock)
    url = f"{cloudcockpit_mock.base_url}/v1/Customers/{c['id']}/licenses?providerInstanceId={uuid4()}"
    expired = cloudcockpit_mock.auth_headers(lifetime=-10)
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}, expired):
        answer = httpx.get(url, headers={**headers, "X-Tenant": PORTAL})
        assert answer.status_code == 401 and answer.content == b""


def test_routes_are_case_insensitive_and_errors_carry_the_correlation_id(
    cloudcockpit_mock: MockServer,
) -> None:
    c = contoso(cloudcockpit_mock)
    instance = c["licenses"][0]["providerInstanceId"]
    headers = {**cloudcockpit_mock.auth_headers(), "X-Tenant": PORTAL}
    lower = httpx.get(
        f"{cloudcockpit_mock.base_url}/v1/customers/{c['id']}/LICENSES?providerInstanceId={instance}",
        headers=headers,
    )
    assert lower.status_code == 200 and len(lower.json()) == 5
    correlation = str(uuid4())
    missing = httpx.get(
        f"{cloudcockpit_mock.base_url}/v1/Customers/{c['id']}/licenses",
        headers={**headers, "X-Correlation-Id": correlation},
    )
    assert missing.status_code == 400
    assert missing.json()["correlationId"] == correlation
    assert missing.json()["errors"] == [
        {"propertyName": "providerInstanceId", "description": ["The providerInstanceId field is required."]}
    ]
