"""Fusion mock behaviour, through the generated client (fusion_client)."""

from __future__ import annotations

import base64
import json
from typing import Any
from uuid import UUID, uuid4

import httpx
from fusion_client import AuthenticatedClient, Client
from fusion_client.api.auth import login, refresh_access_token
from fusion_client.api.customer_licenses import (
    create_customer_license,
    delete_customer_license,
    get_customer_license,
    list_distributor_customer_licenses,
    list_group_customer_licenses,
    list_reseller_customer_licenses,
    list_tenant_customer_licenses,
    update_customer_license,
)
from fusion_client.models import (
    AccessToken,
    CustomerLicenseCreate,
    CustomerLicenseCreated,
    CustomerLicenseDetails,
    CustomerLicenseList,
    CustomerLicenseUpdate,
    Error,
    LoginRequest,
    LoginTokens,
)
from fusion_client.types import UNSET

from licensekit.mock import MockServer

INSTANCE = "draas_v1"
LISTS = {
    "group": list_group_customer_licenses,
    "distributor": list_distributor_customer_licenses,
    "reseller": list_reseller_customer_licenses,
    "tenant": list_tenant_customer_licenses,
}


def error_of(answer: Any) -> Error:
    """The mock's error body (the spec leaves Fusion's error bodies undecoded: they are inferred)."""
    return Error.from_dict(json.loads(answer.content))


def client(mock: MockServer, **claims: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=mock.base_url, token=mock.token(**claims), raise_on_unexpected_status=True
    )


def entity(mock: MockServer, name: str) -> UUID:
    return UUID(next(e["uuid"] for e in mock.state()["entities"] if e["name"] == name))


def group(mock: MockServer) -> UUID:
    return entity(mock, "Netaxis Telecom Group")


def walk(
    mock: MockServer, level: str, uuid: UUID, page_size: int, **claims: Any
) -> list[CustomerLicenseList]:
    """Every page of a list, following `next`."""
    pages: list[CustomerLicenseList] = []
    token: Any = UNSET
    while True:
        answer = LISTS[level].sync_detailed(
            INSTANCE, uuid, client=client(mock, **claims), page_size=page_size, next_=token
        )
        assert answer.status_code == 200, answer.content
        assert isinstance(answer.parsed, CustomerLicenseList)
        pages.append(answer.parsed)
        if not answer.parsed.next_:
            return pages
        token = answer.parsed.next_


def test_pagination_over_several_pages(fusion_mock: MockServer) -> None:
    pages = walk(fusion_mock, "group", group(fusion_mock), page_size=10)
    assert [p.page for p in pages] == [1, 2, 3]
    assert {p.pages for p in pages} == {3} and {p.results for p in pages} == {27}
    ids = [x.id for p in pages for x in p.licenses]
    assert len(ids) == 27 and ids == sorted(set(ids))
    # The token is the documented encoding: base64 of page_size=N&page=P.
    assert isinstance(pages[0].next_, str)
    assert base64.b64decode(pages[0].next_) == b"page_size=10&page=2"
    assert [len(p.licenses) for p in walk(fusion_mock, "group", group(fusion_mock), page_size=4)] == [
        4
    ] * 6 + [3]


def test_pagination_edges(fusion_mock: MockServer) -> None:
    c = client(fusion_mock)
    past = base64.b64encode(b"page_size=10&page=9").decode()
    answer = list_group_customer_licenses.sync_detailed(INSTANCE, group(fusion_mock), client=c, next_=past)
    assert answer.status_code == 200 and isinstance(answer.parsed, CustomerLicenseList)
    assert answer.parsed.licenses == [] and answer.parsed.next_ is UNSET
    docs_example = list_group_customer_licenses.sync_detailed(
        INSTANCE, group(fusion_mock), client=c, next_="cGFnZV9zaXplPTEmcGFnZT0y"
    )
    assert docs_example.status_code == 200 and isinstance(docs_example.parsed, CustomerLicenseList)
    assert docs_example.parsed.page == 2 and len(docs_example.parsed.licenses) == 1
    for bad in (
        "not base64!",
        base64.b64encode(b"page=2").decode(),
        base64.b64encode(b"page_size=0&page=1").decode(),
    ):
        refused = list_group_customer_licenses.sync_detailed(
            INSTANCE, group(fusion_mock), client=c, next_=bad
        )
        assert refused.status_code == 400 and isinstance(error_of(refused), Error)


def test_lists_at_every_level_show_the_groups_licenses(fusion_mock: MockServer) -> None:
    expected = [x.id for p in walk(fusion_mock, "group", group(fusion_mock), 100) for x in p.licenses]
    for level, name in (
        ("distributor", "Benelux Voice Distribution"),
        ("reseller", "Brussels UC Partners"),
        ("tenant", "Acme Logistics BV"),
    ):
        got = [x.id for p in walk(fusion_mock, level, entity(fusion_mock, name), 100) for x in p.licenses]
        assert got == expected, level
    other = [
        x.sku
        for p in walk(fusion_mock, "tenant", entity(fusion_mock, "Bergbahn AG"), 100)
        for x in p.licenses
    ]
    assert other == ["MCOEV", "MCOPSTN1", "MCOMEETADV", "SPE_E3"]
    # A uuid of another level, or an unknown one, is not found.
    wrong_level = list_tenant_customer_licenses.sync_detailed(
        INSTANCE, group(fusion_mock), client=client(fusion_mock)
    )
    assert wrong_level.status_code == 404
    unknown = list_group_customer_licenses.sync_detailed(
        "draas_v9", group(fusion_mock), client=client(fusion_mock)
    )
    assert unknown.status_code == 404


def test_create_get_update_delete_and_use_after_delete(fusion_mock: MockServer) -> None:
    c, g = client(fusion_mock), group(fusion_mock)
    created = create_customer_license.sync_detailed(
        INSTANCE, g, client=c, body=CustomerLicenseCreate(name="Teams Phone Mobile", sku="MCOEV_MOBILE")
    )
    assert created.status_code == 200 and isinstance(created.parsed, CustomerLicenseCreated)
    new_id = created.parsed.id
    got = get_customer_license.sync_detailed(INSTANCE, g, new_id, client=c)
    assert got.status_code == 200 and isinstance(got.parsed, CustomerLicenseDetails)
    assert (got.parsed.name, got.parsed.sku, got.parsed.status, got.parsed.description) == (
        "Teams Phone Mobile",
        "MCOEV_MOBILE",
        "enabled",
        "",
    )
    updated = update_customer_license.sync_detailed(
        INSTANCE, g, new_id, client=c, body=CustomerLicenseUpdate(status="disabled", description="paused")
    )
    assert updated.status_code == 204
    got = get_customer_license.sync_detailed(INSTANCE, g, new_id, client=c)
    assert got.status_code == 200 and isinstance(got.parsed, CustomerLicenseDetails)
    assert (got.parsed.name, got.parsed.status, got.parsed.description) == (
        "Teams Phone Mobile",
        "disabled",
        "paused",
    )
    assert delete_customer_license.sync_detailed(INSTANCE, g, new_id, client=c).status_code == 204
    assert get_customer_license.sync_detailed(INSTANCE, g, new_id, client=c).status_code == 404
    assert (
        update_customer_license.sync_detailed(
            INSTANCE, g, new_id, client=c, body=CustomerLicenseUpdate()
        ).status_code
        == 404
    )
    assert delete_customer_license.sync_detailed(INSTANCE, g, new_id, client=c).status_code == 404
    # Ids only grow: the deleted id is not reused.
    again = create_customer_license.sync_detailed(
        INSTANCE, g, client=c, body=CustomerLicenseCreate(name="x", sku="MCOEV_MOBILE")
    )
    assert again.status_code == 200 and isinstance(again.parsed, CustomerLicenseCreated)
    assert again.parsed.id > new_id
    # A license is reached only through its own group.
    other = entity(fusion_mock, "Alpine Comms Group")
    assert get_customer_license.sync_detailed(INSTANCE, other, again.parsed.id, client=c).status_code == 404


def test_duplicate_sku_is_refused(fusion_mock: MockServer) -> None:
    before = fusion_mock.state()
    answer = create_customer_license.sync_detailed(
        INSTANCE,
        group(fusion_mock),
        client=client(fusion_mock),
        body=CustomerLicenseCreate(name="again", sku="MCOEV"),
    )
    assert answer.status_code == 400 and answer.parsed is None  # the error body is inferred: not decoded
    error = error_of(answer).error
    assert isinstance(error, str) and "MCOEV" in error
    assert fusion_mock.state() == before
    # The same SKU in another group is fine.
    elsewhere = create_customer_license.sync_detailed(
        INSTANCE,
        entity(fusion_mock, "Alpine Comms Group"),
        client=client(fusion_mock),
        body=CustomerLicenseCreate(name="x", sku="SPE_E5"),
    )
    assert elsewhere.status_code == 200


def test_roles_from_the_token(fusion_mock: MockServer) -> None:
    g = group(fusion_mock)
    lister = client(fusion_mock, roles=["groups.instance.customer_licenses.list"])
    assert list_group_customer_licenses.sync_detailed(INSTANCE, g, client=lister).status_code == 200
    refused = create_customer_license.sync_detailed(
        INSTANCE, g, client=lister, body=CustomerLicenseCreate(name="n", sku="s")
    )
    assert refused.status_code == 403 and refused.parsed is None
    error = error_of(refused).error
    assert isinstance(error, str)
    assert "groups.instance.customer_license.create" in error
    assert get_customer_license.sync_detailed(INSTANCE, g, 1, client=lister).status_code == 403
    tenant_list = list_tenant_customer_licenses.sync_detailed(
        INSTANCE, entity(fusion_mock, "Acme Logistics BV"), client=lister
    )
    assert tenant_list.status_code == 403


def test_entities_under_the_callers_control(fusion_mock: MockServer) -> None:
    reseller = entity(fusion_mock, "Brussels UC Partners")
    claims = {"entities": [str(reseller)]}
    assert walk(fusion_mock, "reseller", reseller, 50, **claims)[0].results == 27
    assert (
        walk(fusion_mock, "tenant", entity(fusion_mock, "Delta Dental Clinics"), 50, **claims)[0].results
        == 27
    )
    outside = list_tenant_customer_licenses.sync_detailed(
        INSTANCE, entity(fusion_mock, "Harbor Freight NV"), client=client(fusion_mock, **claims)
    )
    assert outside.status_code == 404
    above = list_group_customer_licenses.sync_detailed(
        INSTANCE, group(fusion_mock), client=client(fusion_mock, **claims)
    )
    assert above.status_code == 404
    create = create_customer_license.sync_detailed(
        INSTANCE,
        group(fusion_mock),
        client=client(fusion_mock, **claims),
        body=CustomerLicenseCreate(name="n", sku="s"),
    )
    assert create.status_code == 403


def test_login_and_refresh(fusion_mock: MockServer) -> None:
    users = {u["username"]: u for u in fusion_mock.state()["users"]}
    viewer = users["viewer@brussels-uc.example"]
    anonymous = Client(base_url=fusion_mock.base_url, raise_on_unexpected_status=True)
    bad = login.sync_detailed(
        client=anonymous, body=LoginRequest(username=viewer["username"], password="wrong")
    )
    assert bad.status_code == 401
    logged_in = login.sync_detailed(
        client=anonymous, body=LoginRequest(username=viewer["username"], password=viewer["password"])
    )
    assert logged_in.status_code == 200 and isinstance(logged_in.parsed, LoginTokens)
    tokens = logged_in.parsed
    assert isinstance(tokens.access_token, str) and isinstance(tokens.refresh_token, str)
    access = AuthenticatedClient(base_url=fusion_mock.base_url, token=tokens.access_token)
    reseller = entity(fusion_mock, "Brussels UC Partners")
    assert list_reseller_customer_licenses.sync_detailed(INSTANCE, reseller, client=access).status_code == 200
    assert (
        list_group_customer_licenses.sync_detailed(INSTANCE, group(fusion_mock), client=access).status_code
        == 403
    )
    refresher = AuthenticatedClient(base_url=fusion_mock.base_url, token=tokens.refresh_token)
    # A refresh token is not an access token, and the refresh operation wants a refresh token.
    assert (
        list_reseller_customer_licenses.sync_detailed(INSTANCE, reseller, client=refresher).status_code == 401
    )
    assert refresh_access_token.sync_detailed(client=access).status_code == 401
    fresh = refresh_access_token.sync_detailed(client=refresher)
    assert fresh.status_code == 200 and isinstance(fresh.parsed, AccessToken)
    again = AuthenticatedClient(base_url=fusion_mock.base_url, token=fresh.parsed.access_token)
    assert list_reseller_customer_licenses.sync_detailed(INSTANCE, reseller, client=again).status_code == 200
    challenge = httpx.post(
        f"{fusion_mock.base_url}/api/v01/auth/login",
        json={"username": "secure@netaxis.example", "password": users["secure@netaxis.example"]["password"]},
    )
    assert challenge.status_code == 200 and list(challenge.json()) == ["2fa_payload"]


def test_unknown_ids_and_wrong_types(fusion_mock: MockServer) -> None:
    headers = fusion_mock.auth_headers()
    base = f"{fusion_mock.base_url}/api/v01/draas/{INSTANCE}/groups"
    assert httpx.get(f"{base}/{uuid4()}/customer_licenses/1", headers=headers).status_code == 404
    for path in (f"{group(fusion_mock)}/customer_licenses/abc", "not-a-uuid/customer_licenses"):
        answer = httpx.get(f"{base}/{path}", headers=headers)
        assert answer.status_code == 400 and set(answer.json()) == {"error"}
