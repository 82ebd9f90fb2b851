"""Contract suite: CloudCockpit CSP API (specs/cloudcockpit.yaml)."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any, cast

import pytest
from cloudcockpit_client import AuthenticatedClient
from cloudcockpit_client.api.licenses import list_customer_licenses, update_customer_user_licenses
from cloudcockpit_client.api.subscriptions import list_azure_entitlements
from cloudcockpit_client.models import License, UpdateCustomerUserLicensesRequest

from . import plumbing, suite

API = "cloudcockpit"
T = plumbing.target(API)
IDS = T.ids

# Positive cases aim at objects that exist on the target; negative cases still vary everything else.
PARAMETERS = {
    name: IDS[key]
    for name, key in (
        ("customerId", "customer_id"),
        ("providerInstanceId", "provider_instance_id"),
        ("subscriptionId", "subscription_id"),
        ("customerUserId", "user_id"),
        ("X-Tenant", "tenant"),
    )
    if IDS.get(key)
}

OPERATIONS = [
    # The PATCH body names SKUs and seat changes the server checks against the customer's
    # subscriptions: generated skuIds do not exist there and a full SKU has no free seat, both
    # documented 400s ("No license available."). So 400 is an accepted answer to positive data here.
    {
        "include-operation-id": "updateCustomerUserLicenses",
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}},
    },
]

# The spec lists the same bearer header twice: as `bearerAuth` and as the OAuth2 flow that issues it
# (`entraIdClientCredentials`). Schemathesis cannot forge an OAuth2 credential, so its invalid-auth
# probe for that alternative re-sends our valid header and reports "accepts invalid authentication"
# falsely. The suite tests auth through `bearerAuth` alone (same header, same token).
schema = suite.build_schema(
    API, parameters=PARAMETERS, operations=OPERATIONS, drop_security=("entraIdClientCredentials",)
)


target = suite.bind_target(API, schema)


@schema.parametrize()
def test_operation(case: Any) -> None:
    suite.run_case(API, case)


Machine = suite.StatefulCounter.wrap(API, schema.as_state_machine())


def test_stateful(target: plumbing.Target) -> None:
    """Sequences: the spec's link PATCH -> GET licenses, plus the links schemathesis infers."""
    suite.run_stateful(Machine, target, examples=max(3, plumbing.settings().examples // 3), steps=4)


# -- scenarios through the generated client -------------------------------------------------------------
def need(*keys: str) -> None:
    suite.need(API, IDS, *keys)


def client(target: plumbing.Target) -> AuthenticatedClient:
    client: AuthenticatedClient = suite.generated_client(AuthenticatedClient, target)
    return client


def licenses(c: AuthenticatedClient) -> list[License]:
    r = list_customer_licenses.sync_detailed(
        uuidlib.UUID(IDS["customer_id"]),
        client=c,
        x_tenant=IDS["tenant"],
        provider_instance_id=uuidlib.UUID(IDS["provider_instance_id"]),
    )
    assert r.status_code == 200, r.content
    assert isinstance(r.parsed, list), r.content
    return r.parsed


def seats(lic: License) -> tuple[int, int, int, int]:
    """(total, consumed, available, suspended): the seat counts are expected, not required, in answers;
    the scenarios below need them, so a license without one fails here with its name."""
    counts = (lic.total_licenses, lic.consumed_licenses, lic.available_licenses, lic.suspended_licenses)
    assert all(isinstance(n, int) for n in counts), f"{lic.name}: seat counts missing: {lic.to_dict()}"
    return cast(tuple[int, int, int, int], counts)


def counts_add_up(lic: License) -> bool:
    total, consumed, available, suspended = seats(lic)
    return available == max(total - consumed - suspended, 0) and min(available, consumed, suspended) >= 0


def test_license_counts_add_up(target: plumbing.Target) -> None:
    need("customer_id", "provider_instance_id", "tenant")
    found = licenses(client(target))
    assert found, "the customer has no license to check"
    for lic in found:
        assert counts_add_up(lic), (
            f"{lic.name}: available {lic.available_licenses} != total {lic.total_licenses} - consumed "
            f"{lic.consumed_licenses} - suspended {lic.suspended_licenses}"
        )


def _patch(c: AuthenticatedClient, lic: License, selected: bool) -> None:
    body = UpdateCustomerUserLicensesRequest.from_dict(
        {
            "providerInstanceId": IDS["provider_instance_id"],
            "customerUserLicenses": [{**lic.to_dict(), "isSelected": selected}],
        }
    )
    r = update_customer_user_licenses.sync_detailed(
        uuidlib.UUID(IDS["customer_id"]),
        uuidlib.UUID(IDS["user_id"]),
        client=c,
        body=body,
        x_tenant=IDS["tenant"],
    )
    assert r.status_code == 200, r.content


def test_assign_then_remove_changes_counts(fresh: plumbing.Target) -> None:
    """PATCH isSelected=true -> GET shows one more consumed, one fewer available; false undoes it."""
    suite.guard_writes(API, "PATCH")
    need("customer_id", "provider_instance_id", "tenant", "user_id")
    c = client(fresh)
    candidates = [lic for lic in licenses(c) if seats(lic)[2] > 0]
    assert candidates, "no license with a free seat to assign"
    sku = candidates[0].sku_id
    by_sku = lambda: {lic.sku_id: lic for lic in licenses(c)}[sku]  # noqa: E731
    _patch(c, by_sku(), False)  # known start: not assigned to this user
    before = by_sku()
    _patch(c, before, True)
    after = by_sku()
    assert seats(after)[1] == seats(before)[1] + 1, "assigning did not consume a seat"
    assert seats(after)[2] == seats(before)[2] - 1, "assigning did not take a free seat"
    assert seats(after)[0] == seats(before)[0]
    assert counts_add_up(after)
    _patch(c, after, True)  # idempotent: assigning again changes nothing
    assert by_sku().consumed_licenses == after.consumed_licenses, "assigning twice consumed two seats"
    _patch(c, after, False)
    back = by_sku()
    assert (back.consumed_licenses, back.available_licenses) == (
        before.consumed_licenses,
        before.available_licenses,
    )


def test_azure_entitlements_belong_to_parent(target: plumbing.Target) -> None:
    need("customer_id", "subscription_id", "tenant")
    r = list_azure_entitlements.sync_detailed(
        uuidlib.UUID(IDS["customer_id"]),
        uuidlib.UUID(IDS["subscription_id"]),
        client=client(target),
        x_tenant=IDS["tenant"],
    )
    assert r.status_code == 200, r.content
    assert isinstance(r.parsed, list), r.content
    # An empty answer proves nothing here: the mock's seed has entitlements under that subscription;
    # a live subscription without any cannot be checked.
    if not r.parsed:
        assert not target.is_mock, "the mock's Azure plan subscription has no entitlements"
        pytest.skip("the subscription has no Azure entitlements to check")
    for ent in r.parsed:
        assert str(ent.parent_subscription_id) == IDS["subscription_id"]
        assert str(ent.customer_id) == IDS["customer_id"]
