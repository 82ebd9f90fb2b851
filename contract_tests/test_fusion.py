"""Contract suite: Netaxis Fusion customer's licenses (specs/fusion.yaml)."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

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
from fusion_client.models import (
    AccessToken,
    CustomerLicenseCreate,
    CustomerLicenseCreated,
    CustomerLicenseDetails,
    CustomerLicenseList,
    CustomerLicenseUpdate,
    LoginRequest,
    LoginTokens,
)

from . import plumbing, suite

API = "fusion"
T = plumbing.target(API)
IDS = T.ids
LISTS = {
    "listGroupCustomerLicenses": "group_uuid",
    "listDistributorCustomerLicenses": "distributor_uuid",
    "listResellerCustomerLicenses": "reseller_uuid",
    "listTenantCustomerLicenses": "tenant_uuid",
}

OPERATIONS: list[dict[str, Any]] = [
    # The `next` cursor is opaque (base64 of page_size/page): generated "valid" strings are not tokens
    # the server issued, and the spec documents 400 for a token that does not decode. So 400 is an
    # accepted answer to positive data for the four list operations only.
    *(
        {
            "include-operation-id": op,
            "checks": {
                "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}
            },
            "parameters": {"uuid": IDS[key]} if IDS.get(key) else {},
        }
        for op, key in LISTS.items()
    ),
    # A second license with an SKU already in the group is a documented 400 (inferred item 7), and
    # generated SKUs repeat across cases: 400 is an accepted answer to positive data on create.
    {
        "include-operation-id": "createCustomerLicense",
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}},
        "parameters": {"uuid": IDS["group_uuid"]} if IDS.get("group_uuid") else {},
    },
    *(
        {"include-operation-id": op, "parameters": {"uuid": IDS["group_uuid"]}}
        for op in ("getCustomerLicense", "updateCustomerLicense", "deleteCustomerLicense")
        if IDS.get("group_uuid")
    ),
]

schema = suite.build_schema(
    API,
    parameters={"draas_instance": IDS["draas_instance"]} if IDS.get("draas_instance") else {},
    operations=OPERATIONS,
)


target = suite.bind_target(API, schema)


# -- property-based: every operation, positive and negative, every check -------------------------------
@schema.parametrize()
def test_operation(case: Any) -> None:
    suite.run_case(API, case)


# -- stateful: the spec's links (create -> get / update / delete; list next -> list) ---------------------
Machine = suite.StatefulCounter.wrap(API, schema.as_state_machine())


def test_stateful_links(target: plumbing.Target) -> None:
    suite.run_stateful(Machine, target, examples=max(4, plumbing.settings().examples // 2), steps=6)


# -- scenarios through the generated client: what property tests miss --------------------------------
def client(target: plumbing.Target) -> AuthenticatedClient:
    client: AuthenticatedClient = suite.generated_client(AuthenticatedClient, target)
    return client


def group_uuid() -> uuidlib.UUID:
    if not IDS.get("group_uuid"):
        pytest.skip(f"set {plumbing.env_prefix(API)}GROUP_UUID to an existing group")
    return uuidlib.UUID(IDS["group_uuid"])


def draas() -> str:
    return IDS.get("draas_instance") or "draas_v1"


def _sku(tag: str) -> str:
    return f"contract-{tag}-{uuidlib.uuid4().hex[:10]}"


def test_lifecycle_create_get_update_delete(fresh: plumbing.Target) -> None:
    """create -> get -> update -> get shows the change -> delete -> get 404, update/delete 404."""
    suite.guard_writes(API, "POST")
    c, g = client(fresh), group_uuid()
    sku = _sku("life")
    created = create_customer_license.sync_detailed(
        draas(),
        g,
        client=c,
        body=CustomerLicenseCreate(
            name="Contract lifecycle", sku=sku, description="before", status="enabled"
        ),
    )
    assert created.status_code == 200, created.content
    assert isinstance(created.parsed, CustomerLicenseCreated), created.content
    lid = created.parsed.id
    got = get_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert got.status_code == 200 and isinstance(got.parsed, CustomerLicenseDetails), got.content
    assert (got.parsed.name, got.parsed.sku, got.parsed.description, got.parsed.status) == (
        "Contract lifecycle",
        sku,
        "before",
        "enabled",
    )
    upd = update_customer_license.sync_detailed(
        draas(), g, lid, client=c, body=CustomerLicenseUpdate(description="after", status="disabled")
    )
    assert upd.status_code == 204, upd.content
    got = get_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert got.status_code == 200 and isinstance(got.parsed, CustomerLicenseDetails), got.content
    assert got.parsed.description == "after", "the update's description was not applied"
    assert got.parsed.status == "disabled", "the update's status was not applied"
    assert got.parsed.name == "Contract lifecycle", "a field left out of the (partial) update changed"
    assert got.parsed.sku == sku
    upd = update_customer_license.sync_detailed(
        draas(), g, lid, client=c, body=CustomerLicenseUpdate(name="Renamed")
    )
    assert upd.status_code == 204
    got = get_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert got.status_code == 200 and isinstance(got.parsed, CustomerLicenseDetails), got.content
    assert (got.parsed.name, got.parsed.status) == ("Renamed", "disabled")
    deleted = delete_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert deleted.status_code in (200, 204), deleted.content
    gone = get_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert gone.status_code == 404, f"GET after DELETE answered {gone.status_code}: the delete did not delete"
    again = delete_customer_license.sync_detailed(draas(), g, lid, client=c)
    assert again.status_code == 404
    upd = update_customer_license.sync_detailed(
        draas(), g, lid, client=c, body=CustomerLicenseUpdate(name="x")
    )
    assert upd.status_code == 404


def _all_pages(c: AuthenticatedClient, page_size: int) -> list[CustomerLicenseList]:
    pages: list[CustomerLicenseList] = []
    next_token: str | None = None
    for _ in range(200):
        kwargs: dict[str, Any] = {"page_size": page_size}
        if next_token:
            kwargs["next_"] = next_token
        resp = list_group_customer_licenses.sync_detailed(draas(), group_uuid(), client=c, **kwargs)
        assert resp.status_code == 200, resp.content
        assert isinstance(resp.parsed, CustomerLicenseList), resp.content
        pages.append(resp.parsed)
        next_token = resp.parsed.next_ if isinstance(resp.parsed.next_, str) else None
        if not next_token:
            return pages
    raise AssertionError("pagination did not end after 200 pages")


@pytest.mark.parametrize("page_size", [1, 3])
def test_pagination_honours_page_size_and_ends(fresh: plumbing.Target, page_size: int) -> None:
    c = client(fresh)
    created: list[int] = []
    try:
        if fresh.allow_writes:  # make sure there is more than one page
            for i in range(4):
                r = create_customer_license.sync_detailed(
                    draas(),
                    group_uuid(),
                    client=c,
                    body=CustomerLicenseCreate(name=f"page {i}", sku=_sku("page")),
                )
                assert r.status_code == 200, r.content
                assert isinstance(r.parsed, CustomerLicenseCreated), r.content
                created.append(r.parsed.id)
        check_pages(c, page_size)
    finally:  # leave a live group as it was found
        for lid in created:
            delete_customer_license.sync_detailed(draas(), group_uuid(), lid, client=c)


def check_pages(c: AuthenticatedClient, page_size: int) -> None:
    pages = _all_pages(c, page_size)
    total = pages[0].results
    seen = [lic.id for p in pages for lic in p.licenses]
    for p in pages:
        assert len(p.licenses) <= page_size, f"page {p.page} holds {len(p.licenses)} > page_size {page_size}"
    assert len(seen) == len(set(seen)), "a license appears on two pages"
    assert len(seen) == total, f"pages hold {len(seen)} licenses, `results` says {total}"
    if total > page_size:
        assert len(pages) >= 2
        assert all(len(p.licenses) == page_size for p in pages[:-1]), "a page before the last is short"
    assert pages[0].pages == max(1, -(-total // page_size)) or total == 0
    # The default page size is 10.
    one = list_group_customer_licenses.sync_detailed(draas(), group_uuid(), client=c)
    assert one.status_code == 200 and isinstance(one.parsed, CustomerLicenseList), one.content
    assert len(one.parsed.licenses) == min(10, total)


def test_list_shows_created_license(fresh: plumbing.Target) -> None:
    suite.guard_writes(API, "POST")
    c = client(fresh)
    sku = _sku("listed")
    r = create_customer_license.sync_detailed(
        draas(), group_uuid(), client=c, body=CustomerLicenseCreate(name="listed", sku=sku)
    )
    assert r.status_code == 200 and isinstance(r.parsed, CustomerLicenseCreated), r.content
    listed = {lic.id: lic for p in _all_pages(c, 50) for lic in p.licenses}
    assert r.parsed.id in listed and listed[r.parsed.id].sku == sku
    assert listed[r.parsed.id].status == "enabled", "create's default status is enabled"
    dup = create_customer_license.sync_detailed(
        draas(), group_uuid(), client=c, body=CustomerLicenseCreate(name="dup", sku=sku)
    )
    assert dup.status_code == 400, "a duplicate SKU in the group must be refused with 400"
    delete_customer_license.sync_detailed(draas(), group_uuid(), r.parsed.id, client=c)


def test_login_then_refresh(target: plumbing.Target) -> None:
    """login with a user's credentials answers tokens; its refresh token gets a new access token."""
    suite.guard_writes(API, "POST")  # login is a POST (it writes nothing, but a live service may count it)
    suite.need(API, IDS, "username", "password")
    records = suite.coverage_hook(target)
    anonymous = Client(base_url=target.base_url or "", raise_on_unexpected_status=True, httpx_args=records)
    answer = login.sync_detailed(
        client=anonymous, body=LoginRequest(username=IDS["username"], password=IDS["password"])
    )
    assert answer.status_code == 200, answer.content
    assert isinstance(answer.parsed, LoginTokens), answer.content
    if not isinstance(answer.parsed.refresh_token, str):
        pytest.skip("the login answer holds no refresh token (the spec allows it): refresh not testable")
    refresher = AuthenticatedClient(
        base_url=target.base_url or "",
        token=answer.parsed.refresh_token,
        raise_on_unexpected_status=True,
        httpx_args=records,
    )
    renewed = refresh_access_token.sync_detailed(client=refresher)
    assert renewed.status_code == 200, renewed.content
    assert isinstance(renewed.parsed, AccessToken) and renewed.parsed.access_token, renewed.content
