"""Contract suite: Microsoft Partner Center, customer user licenses (specs/partner-center.yaml)."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from partner_center_client import AuthenticatedClient
from partner_center_client.api.customer_users import get_user_licenses

from . import plumbing, suite

API = "partner-center"
T = plumbing.target(API)
IDS = T.ids
PARAMETERS = {
    name: IDS[key] for name, key in (("customer_id", "customer_id"), ("user_id", "user_id")) if IDS.get(key)
}

schema = suite.build_schema(API, parameters=PARAMETERS)


target = suite.bind_target(API, schema)


@schema.parametrize()
def test_operation(case: Any) -> None:
    """Every check, plus ours: MS-RequestId / MS-CorrelationId echoed back when sent."""
    suite.run_case(API, case)


def need(*keys: str) -> None:
    suite.need(API, IDS, *keys)


def client(target: plumbing.Target) -> AuthenticatedClient:
    client: AuthenticatedClient = suite.generated_client(AuthenticatedClient, target)
    return client


def fetch(target: plumbing.Target, groups: list[str] | None = None, **kw: Any) -> Any:
    need("customer_id", "user_id")
    kwargs: dict[str, Any] = dict(kw)
    if groups is not None:
        kwargs["license_group_ids"] = groups
    r = get_user_licenses.sync_detailed(
        uuidlib.UUID(IDS["customer_id"]), IDS["user_id"], client=client(target), **kwargs
    )
    assert r.status_code == 200, r.content
    return r


def group_of(lic: Any) -> str:
    return lic.product_sku.license_group_id.lower()


def test_total_count_matches_items(target: plumbing.Target) -> None:
    for groups in (None, ["Group1"], ["Group2"], ["Group1", "Group2"]):
        body = fetch(target, groups).parsed
        assert body.total_count == len(body.items), (
            f"{groups}: totalCount {body.total_count} != {len(body.items)}"
        )


def test_license_group_ids_filter(target: plumbing.Target) -> None:
    default = fetch(target).parsed.items
    g1 = fetch(target, ["Group1"]).parsed.items
    g2 = fetch(target, ["group2"]).parsed.items
    both = fetch(target, ["Group1", "Group2"]).parsed.items
    assert all(group_of(x) == "group1" for x in default), "without licenseGroupIds only group1 is returned"
    assert all(group_of(x) == "group1" for x in g1), "licenseGroupIds=Group1 returned other groups"
    assert all(group_of(x) == "group2" for x in g2), "licenseGroupIds=group2 returned other groups"
    assert len(both) == len(g1) + len(g2), "Group1+Group2 is not the union of the two"
    assert sorted(x.product_sku.id for x in default) == sorted(x.product_sku.id for x in g1)
    if target.is_mock:
        assert g1 and g2, "the mock's seeded user should hold licenses of both groups"


def test_echo_headers(target: plumbing.Target) -> None:
    rid, cid = uuidlib.uuid4(), uuidlib.uuid4()
    r = fetch(target, ms_request_id=rid, ms_correlation_id=cid)
    assert r.headers.get("MS-RequestId") == str(rid)
    assert r.headers.get("MS-CorrelationId") == str(cid)
    for name in ("MS-CV", "MS-ServerId"):
        assert r.headers.get(name), f"{name} missing"
