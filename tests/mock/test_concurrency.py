"""Many concurrent writers over real HTTP: no lost update, counts consistent, no over-assignment."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import httpx

from licensekit.mock import MockServer

PORTAL = "portal.cloudcockpit.com"
E3 = "05e9a617-0261-4cee-bb44-138d3ef5d965"


def crowded_customer(mock: MockServer, users: int, seats: int) -> tuple[dict[str, Any], str]:
    """A seed whose first customer has `users` users and `seats` E3 seats, none assigned."""
    seed = copy.deepcopy(mock.state())
    customer = seed["customers"][0]
    instance = customer["licenses"][0]["providerInstanceId"]
    customer["licenses"] = [
        {
            "providerInstanceId": instance,
            "skuId": E3,
            "name": "Microsoft 365 E3",
            "totalLicenses": seats,
            "suspendedLicenses": 0,
        }
    ]
    customer["users"] = [
        {
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "userPrincipalName": f"user{n}@contoso.com",
            "displayName": f"User {n}",
            "licenses": {},
        }
        for n in range(users)
    ]
    mock.load_seed(seed)
    return customer, instance


async def patch_all(
    mock: MockServer, customer: dict[str, Any], instance: str, changes: list[tuple[str, bool]]
) -> list[int]:
    headers = {**mock.auth_headers(), "X-Tenant": PORTAL}
    limits = httpx.Limits(max_connections=len(changes))
    async with httpx.AsyncClient(
        base_url=mock.base_url, headers=headers, limits=limits, timeout=30
    ) as client:

        async def one(user: str, selected: bool) -> int:
            body = {
                "providerInstanceId": instance,
                "customerUserLicenses": [
                    {
                        "skuId": E3,
                        "name": "",
                        "availableLicenses": 0,
                        "isSelected": selected,
                        "totalLicenses": 0,
                        "consumedLicenses": 0,
                        "suspendedLicenses": 0,
                    }
                ],
            }
            r = await client.patch(f"/v1/Customers/{customer['id']}/users/{user}/licenses", json=body)
            return r.status_code

        return list(await asyncio.gather(*(one(user, selected) for user, selected in changes)))


def e3_counts(mock: MockServer, customer: dict[str, Any], instance: str) -> tuple[int, int, int]:
    r = httpx.get(
        f"{mock.base_url}/v1/Customers/{customer['id']}/licenses",
        params={"providerInstanceId": instance},
        headers={**mock.auth_headers(), "X-Tenant": PORTAL},
    )
    (e3,) = r.json()
    return e3["totalLicenses"], e3["consumedLicenses"], e3["availableLicenses"]


def holders(mock: MockServer, customer_id: str, instance: str) -> set[str]:
    customer = next(c for c in mock.state()["customers"] if c["id"] == customer_id)
    return {u["id"] for u in customer["users"] if E3 in u["licenses"].get(instance, [])}


def test_concurrent_assignments_never_oversell(cloudcockpit_mock: MockServer) -> None:
    customer, instance = crowded_customer(cloudcockpit_mock, users=80, seats=50)
    users = [u["id"] for u in customer["users"]]
    cloudcockpit_mock.clear_requests()
    # A pure delay before each handler keeps the 80 writes in flight together, whatever the scheduling:
    # without it a small request can be read and answered before the next one arrives.
    cloudcockpit_mock.inject_fault(None, count=len(users), operation="updateCustomerUserLicenses", delay=0.05)
    statuses = asyncio.run(patch_all(cloudcockpit_mock, customer, instance, [(u, True) for u in users]))
    assert statuses.count(200) == 50 and statuses.count(400) == 30
    assert e3_counts(cloudcockpit_mock, customer, instance) == (50, 50, 0)
    assert len(holders(cloudcockpit_mock, customer["id"], instance)) == 50
    assert cloudcockpit_mock.requests()["max_in_flight"] > 1  # the writes really overlapped

    # Release 30 seats while the 30 refused users ask again: every answer must match the final state.
    assigned = holders(cloudcockpit_mock, customer["id"], instance)
    refused = [u for u in users if u not in assigned]
    changes = [(u, False) for u in sorted(assigned)[:30]] + [(u, True) for u in refused]
    statuses = asyncio.run(patch_all(cloudcockpit_mock, customer, instance, changes))
    released = statuses[:30].count(200)
    granted = statuses[30:].count(200)
    assert released == 30
    final = holders(cloudcockpit_mock, customer["id"], instance)
    assert len(final) == 50 - released + granted <= 50
    assert e3_counts(cloudcockpit_mock, customer, instance) == (50, len(final), 50 - len(final))


async def create_all(mock: MockServer, url: str, skus: list[str]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=len(skus))
    async with httpx.AsyncClient(headers=mock.auth_headers(), limits=limits, timeout=30) as client:
        return list(
            await asyncio.gather(*(client.post(url, json={"name": f"License {s}", "sku": s}) for s in skus))
        )


def test_concurrent_fusion_creates_lose_nothing(fusion_mock: MockServer) -> None:
    group = next(e["uuid"] for e in fusion_mock.state()["entities"] if e["name"] == "Netaxis Telecom Group")
    url = f"{fusion_mock.base_url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses"
    skus = [f"SKU-{n:03d}" for n in range(120)] + ["SAME-SKU"] * 20
    answers = asyncio.run(create_all(fusion_mock, url, skus))
    created = [r.json()["id"] for r in answers if r.status_code == 200]
    assert len(created) == 121 and len(set(created)) == 121
    assert [r.status_code for r in answers[120:]].count(200) == 1
    listing = httpx.get(url, params={"page_size": 1000}, headers=fusion_mock.auth_headers()).json()
    assert listing["results"] == 27 + 121
    assert set(created) <= {x["id"] for x in listing["licenses"]}
