"""Ids of objects that exist in our mocks' seed data, used to aim positive cases at real objects.

The seed layout belongs to the mock (src/licensekit/mock/data/*.json); this module only digs the ids
out of it. When a key is not found, the spec's own example ids are used (the specs' examples and the
mock's seed share them).
"""

from __future__ import annotations

from typing import Any

SPEC_EXAMPLE_IDS: dict[str, dict[str, str]] = {
    "cloudcockpit": {
        "tenant": "portal.cloudcockpit.com",
        "customer_id": "3f9a1c2e-7b4d-4e8f-9a6b-2c5d8e1f0a3b",
        "provider_instance_id": "8f2b6c1e-5d4a-4e3b-a7c9-1f0e2d3c4b5a",
        "user_id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "subscription_id": "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d",
    },
    "fusion": {"draas_instance": "draas_v1"},
    "partner-center": {},
}


def ids_from_seed(api: str, seed: dict[str, Any]) -> dict[str, str]:
    ids = dict(SPEC_EXAMPLE_IDS[api])
    if api == "fusion":
        ids.update(_fusion(seed))
    elif api == "cloudcockpit":
        ids.update(_cloudcockpit(seed))
    elif api == "partner-center":
        ids.update(_partner_center(seed))
    explicit = seed.get("contract_ids") if isinstance(seed, dict) else None
    if isinstance(explicit, dict):
        ids.update({k: str(v) for k, v in explicit.items()})
    return ids


def _fusion(seed: dict[str, Any]) -> dict[str, str]:
    """A group that holds licenses, and the first distributor / reseller / tenant under it."""
    entities = [e for e in seed.get("entities", []) if isinstance(e, dict)]
    licensed = {x.get("group") for x in seed.get("licenses", []) if isinstance(x, dict)}
    groups = [e for e in entities if e.get("type") == "group"]
    groups.sort(key=lambda e: e.get("uuid") not in licensed)  # a group with licenses first
    out: dict[str, str] = {}
    users = [u for u in seed.get("users", []) if isinstance(u, dict) and u.get("username")]
    if users:  # for the login scenario: a seeded user's credentials
        out["username"], out["password"] = users[0]["username"], str(users[0].get("password", ""))
    if not groups:
        return out
    group = groups[0]
    out["group_uuid"], out["draas_instance"] = group["uuid"], group.get("instance") or "draas_v1"
    parents = {group["uuid"]}
    for level in ("distributor", "reseller", "tenant"):
        under = [e for e in entities if e.get("type") == level and e.get("parent") in parents]
        if under:
            out[f"{level}_uuid"] = under[0]["uuid"]
            parents = {under[0]["uuid"]}
    return out


def _cloudcockpit(seed: dict[str, Any]) -> dict[str, str]:
    """A customer with licenses, users and an Azure plan subscription, and its provider instance."""
    customers = [c for c in seed.get("customers", []) if isinstance(c, dict)]
    customers.sort(key=lambda c: not (c.get("licenses") and c.get("users") and c.get("subscriptions")))
    if not customers:
        return {}
    c = customers[0]
    out = {"customer_id": c["id"], "tenant": c.get("tenant") or "portal.cloudcockpit.com"}
    if c.get("licenses"):
        out["provider_instance_id"] = c["licenses"][0]["providerInstanceId"]
    if c.get("users"):
        out["user_id"] = c["users"][0]["id"]
    if c.get("subscriptions"):
        out["subscription_id"] = c["subscriptions"][0]["id"]
    return out


def _partner_center(seed: dict[str, Any]) -> dict[str, str]:
    """A user holding licenses of both license groups when there is one (the filter is then visible)."""
    group = {s["id"]: str(s.get("licenseGroupId", "")).lower() for s in seed.get("skus", []) if "id" in s}
    best: tuple[int, str, str] | None = None
    for c in seed.get("customers", []):
        for u in c.get("users", []):
            groups = {group.get(sku) for sku in u.get("licenses", [])}
            score = len(groups & {"group1", "group2"})
            if best is None or score > best[0]:
                best = (score, c["id"], u["id"])
    return {"customer_id": best[1], "user_id": best[2]} if best else {}
