"""A list page or a lookup costs what its answer holds, not what the mock holds.

Each test loads a large state, then replaces the vendor's whole-state table with one that refuses to be
scanned: an operation that walks every license (or seat, or entitlement) of the state answers 500 (the
handler raised) instead of its page. The answers are then checked against the small truth, so an index
that went stale after a create or a delete fails too. bench/ section `state` measures the same in time.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from typing import Any, NoReturn

import httpx

from licensekit.mock import MockServer

GROUP_PATH = "/api/v01/draas/draas_v1/groups/{group}/customer_licenses"
BULK = 50_000


class NoScan(dict[Any, Any]):
    """A dict that answers lookups but refuses to be walked as a whole."""

    def _refuse(self, *args: Any) -> NoReturn:
        raise AssertionError("the whole state was scanned")

    values = items = keys = __iter__ = _refuse


def test_no_scan_refuses_a_walk() -> None:
    table = NoScan({1: "a"})
    assert table[1] == "a" and table.get(2) is None
    for walk in (table.values, table.items, table.keys, lambda: list(table)):
        try:
            walk()
        except AssertionError:
            continue
        raise AssertionError("NoScan let a walk through")


def _fusion_seed(mock: MockServer) -> tuple[dict[str, Any], str, str]:
    """The seed plus a new group holding BULK licenses; (seed, the seed's first group, the new group)."""
    seed = mock.state()
    main, other = seed["entities"][0]["uuid"], str(uuid.uuid4())
    seed["entities"].append(
        {"uuid": other, "type": "group", "name": "Bulk", "parent": None, "instance": "draas_v1"}
    )
    start = seed["next_id"]
    seed["licenses"] += [
        {
            "id": start + n,
            "instance": "draas_v1",
            "group": other,
            "name": f"bulk {n}",
            "description": "",
            "sku": f"BULK-{n}",
            "status": "enabled",
        }
        for n in range(BULK)
    ]
    seed["next_id"] = start + BULK
    return seed, main, other


def _pages(http: httpx.Client, path: str, page_size: int) -> Iterator[dict[str, Any]]:
    params: dict[str, Any] = {"page_size": page_size}
    while True:
        answer = http.get(path, params=params)
        assert answer.status_code == 200, answer.text
        page: dict[str, Any] = answer.json()
        yield page
        if "next" not in page:
            return
        params = {"next": page["next"]}


def test_fusion_lists_and_writes_never_walk_all_licenses(fusion_mock: MockServer) -> None:
    before = fusion_mock.state()
    main_ids = [x["id"] for x in before["licenses"] if x["group"] == before["entities"][0]["uuid"]]
    seed, main, other = _fusion_seed(fusion_mock)
    assert main == before["entities"][0]["uuid"]
    fusion_mock.load_seed(seed)
    vendor = fusion_mock.app.vendor
    vendor.licenses = NoScan(vendor.licenses)  # type: ignore[attr-defined]
    with httpx.Client(base_url=fusion_mock.base_url, headers=fusion_mock.auth_headers()) as http:
        small = GROUP_PATH.format(group=main)
        assert [x["id"] for p in _pages(http, small, 10) for x in p["licenses"]] == main_ids
        big = GROUP_PATH.format(group=other)
        first = http.get(big, params={"page_size": 10}).json()
        assert (first["results"], first["pages"], len(first["licenses"])) == (BULK, BULK // 10, 10)
        last_token = base64.b64encode(f"page_size=10&page={BULK // 10}".encode()).decode()
        last = http.get(big, params={"next": last_token}).json()
        assert [x["name"] for x in last["licenses"]] == [f"bulk {n}" for n in range(BULK - 10, BULK)]
        assert "next" not in last
        # create: a SKU the group holds is refused; a new one is listed last; delete takes it out again.
        taken = {"name": "dup", "sku": "BULK-7"}
        assert http.post(big, json=taken).status_code == 400
        created = http.post(big, json={"name": "new", "sku": "NEW-1"})
        assert created.status_code == 200, created.text
        new_id = created.json()["id"]
        tail = http.get(big, params={"next": base64.b64encode(b"page_size=1&page=50001").decode()}).json()
        assert tail["results"] == BULK + 1 and [x["id"] for x in tail["licenses"]] == [new_id]
        assert http.get(f"{big}/{new_id}").json()["sku"] == "NEW-1"
        middle = seed["next_id"] - BULK + 25_000
        assert http.delete(f"{big}/{middle}").status_code == 204
        assert http.delete(f"{big}/{new_id}").status_code == 204
        assert http.get(f"{big}/{middle}").status_code == 404
        after = http.get(big, params={"page_size": 1}).json()
        assert after["results"] == BULK - 1
        page = http.get(big, params={"next": base64.b64encode(b"page_size=5&page=5000").decode()}).json()
        names = [x["name"] for x in page["licenses"]]
        assert names == ["bulk 24995", "bulk 24996", "bulk 24997", "bulk 24998", "bulk 24999"]
        # The deleted SKU is free again in that group.
        assert http.post(big, json={"name": "again", "sku": "BULK-25000"}).status_code == 200


def test_cloudcockpit_lists_never_walk_all_seats_or_entitlements(cloudcockpit_mock: MockServer) -> None:
    seed = cloudcockpit_mock.state()
    customer = next(c for c in seed["customers"] if c.get("subscriptions"))
    instance = customer["licenses"][0]["providerInstanceId"]
    other = next(p["id"] for p in seed["providerInstances"] if p["id"] != instance)
    expected = [s["skuId"] for s in customer["licenses"] if s["providerInstanceId"] == instance]
    customer["licenses"] += [
        {"providerInstanceId": other, "skuId": f"bulk-{n}", "name": f"bulk {n}", "totalLicenses": 1}
        for n in range(BULK)
    ]
    subscription = customer["subscriptions"][0]
    reseller = "0c1d7e52-3b8a-4f6e-9d21-7a54c3e8b9f0"
    entitlements = subscription["entitlements"]
    mine = [dict(entitlements[0], resellerId=reseller)]
    # 5,000 entitlements of no reseller (the bench's big answer; the admin body limit is 16 MiB) and one.
    subscription["entitlements"] = [
        *[dict(e, resellerId=None) for e in entitlements] * (5_000 // len(entitlements)),
        *mine,
    ]
    cloudcockpit_mock.load_seed(seed)
    state = cloudcockpit_mock.app.vendor.customers[customer["id"].lower()]  # type: ignore[attr-defined]
    state.seats = NoScan(state.seats)
    for sub in state.subscriptions.values():
        sub["entitlements"] = NoScanList(sub.get("entitlements", []))
    headers = {**cloudcockpit_mock.auth_headers(), "X-Tenant": customer["tenant"]}
    with httpx.Client(base_url=cloudcockpit_mock.base_url, headers=headers) as http:
        answer = http.get(f"/v1/Customers/{customer['id']}/licenses", params={"providerInstanceId": instance})
        assert answer.status_code == 200, answer.text
        assert [x["skuId"] for x in answer.json()] == expected
        path = f"/v1/customers/{customer['id']}/subscriptions/{subscription['id']}/azure-entitlements"
        filtered = http.get(path, params={"resellerId": reseller.upper()})
        assert filtered.status_code == 200, filtered.text
        assert filtered.json() == mine and len(mine) == 1


class NoScanList(list[Any]):
    """A list that can be answered whole (the unfiltered entitlements) but refuses to be filtered."""

    def __iter__(self) -> NoReturn:
        raise AssertionError("the whole list was scanned")
