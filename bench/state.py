"""Figure 7: a list page and a lookup cost the same whatever the state's size.

For every list operation of the three mocks (and Fusion's get by id), one keep-alive httpx client sends
the same request N times in sequence to `licensekit serve`, first with the built-in seed, then with a
large state loaded through `POST /__mock__/seed` (the request's own answer stays the same size), then
with the seed again (so drift in machine load shows). Reported: median latency and the server's CPU time
per request with each state, and large / small on each. Target: within 1.5x.
"""

from __future__ import annotations

import copy
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import Any

import httpx

from licensekit.mock.tokens import make_token

from . import servers
from .throughput import CC_CUSTOMER, CC_INSTANCE, FUSION_GROUP, PC_CUSTOMER, PC_USER

BULK = 50_000
CC_OTHER_INSTANCE = "0d6a8f1c-1d43-5bd6-9f63-0f2f5e8d7a10"  # a provider instance the measured list skips
CC_RESELLER = "0c1d7e52-3b8a-4f6e-9d21-7a54c3e8b9f0"


@dataclass(frozen=True)
class Case:
    api: str
    operation: str
    path: str  # with the query string
    headers: dict[str, str]
    grow: Callable[[dict[str, Any]], str]  # adds the bulk to a state; says what it added


def _fusion_bulk(state: dict[str, Any]) -> str:
    start = state["next_id"]
    state["licenses"] += [
        {
            "id": start + n,
            "instance": "draas_v1",
            "group": FUSION_GROUP,
            "name": f"bulk {n}",
            "description": "",
            "sku": f"BULK-{n}",
            "status": "enabled",
        }
        for n in range(BULK)
    ]
    state["next_id"] = start + BULK
    return f"{len(state['licenses']):,} licenses, {BULK:,} of them in the listed group"


def _cc_customer(state: dict[str, Any]) -> dict[str, Any]:
    customer: dict[str, Any] = next(c for c in state["customers"] if c["id"] == CC_CUSTOMER)
    return customer


def _cc_seats(state: dict[str, Any]) -> str:
    instance = copy.deepcopy(next(p for p in state["providerInstances"] if p["id"] == CC_INSTANCE))
    instance["id"] = CC_OTHER_INSTANCE
    state["providerInstances"].append(instance)
    _cc_customer(state)["licenses"] += [
        {
            "providerInstanceId": CC_OTHER_INSTANCE,
            "skuId": f"bulk-{n}",
            "name": f"bulk {n}",
            "totalLicenses": 1,
        }
        for n in range(BULK)
    ]
    return f"{BULK:,} more seats of the customer, under another provider instance"


def _cc_entitlements(state: dict[str, Any]) -> str:
    subscription = _cc_customer(state)["subscriptions"][0]
    template = subscription["entitlements"][0]
    subscription["entitlements"] = [
        dict(template, id=str(uuid.UUID(int=n + 1)), resellerId=None) for n in range(5_000)
    ] + [dict(template, resellerId=CC_RESELLER)]
    return "5,000 more entitlements of the subscription, of no reseller"


def _pc_users(state: dict[str, Any]) -> str:
    customer = next(c for c in state["customers"] if c["id"] == PC_CUSTOMER)
    template = customer["users"][0]
    customer["users"] += [
        dict(template, id=str(uuid.UUID(int=n + 1)), userPrincipalName=f"bulk{n}@example.com")
        for n in range(BULK)
    ]
    return f"{BULK:,} more users of the customer"


def _subscription_path() -> str:
    from licensekit.mock.vendor import default_seed

    customer = next(c for c in default_seed("cloudcockpit")["customers"] if c["id"] == CC_CUSTOMER)
    sub = customer["subscriptions"][0]["id"]
    return f"/v1/customers/{CC_CUSTOMER}/subscriptions/{sub}/azure-entitlements?resellerId={CC_RESELLER}"


def cases() -> list[Case]:
    fusion = f"/api/v01/draas/draas_v1/groups/{FUSION_GROUP}/customer_licenses"
    cc = {"X-Tenant": "portal.cloudcockpit.com"}
    return [
        Case(
            "fusion",
            "listGroupCustomerLicenses (first page of 10)",
            f"{fusion}?page_size=10",
            {},
            _fusion_bulk,
        ),
        Case("fusion", "getCustomerLicense", f"{fusion}/1", {}, _fusion_bulk),
        Case(
            "cloudcockpit",
            "listCustomerLicenses",
            f"/v1/Customers/{CC_CUSTOMER}/licenses?providerInstanceId={CC_INSTANCE}",
            cc,
            _cc_seats,
        ),
        Case(
            "cloudcockpit",
            "listAzureEntitlements (resellerId filter)",
            _subscription_path(),
            cc,
            _cc_entitlements,
        ),
        Case(
            "partner-center",
            "getUserLicenses",
            f"/v1/customers/{PC_CUSTOMER}/users/{PC_USER}/licenses",
            {},
            _pc_users,
        ),
    ]


def _measure(server: servers.Server, case: Case, requests: int) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {make_token(case.api)}", **case.headers}
    samples: list[float] = []
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        for _ in range(50):
            client.get(case.path)
        cpu = server.cpu_seconds()
        for _ in range(requests):
            start = time.perf_counter()
            answer = client.get(case.path)
            samples.append(time.perf_counter() - start)
            if answer.status_code != 200:
                raise RuntimeError(f"{case.operation}: {answer.status_code} {answer.text[:200]}")
        cpu = server.cpu_seconds() - cpu
    return {"median": median(samples), "cpu": cpu / requests}


def run(runs: int = 3, requests: int = 1000) -> list[dict[str, Any]]:
    rows = []
    for case in cases():
        with servers.our_mock(case.api) as server:
            small_state = httpx.get(f"{server.url}/__mock__/state", timeout=30).json()
            big_state = copy.deepcopy(small_state)
            grown = case.grow(big_state)
            small: list[dict[str, float]] = []
            big: list[dict[str, float]] = []
            for _ in range(runs):
                for state, into in ((big_state, big), (small_state, small)):
                    httpx.post(f"{server.url}/__mock__/seed", json=state, timeout=120).raise_for_status()
                    into.append(_measure(server, case, requests))
            rows.append(
                {
                    "case": case,
                    "grown": grown,
                    "small": {k: median(r[k] for r in small) for k in ("median", "cpu")},
                    "big": {k: median(r[k] for r in big) for k in ("median", "cpu")},
                }
            )
    return rows


def render(rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple[str, bool | None]]]:
    lines = [
        "## 7. State size: a list page or a lookup with the seed vs a large state",
        "",
        "| API | operation | large state (added to the seed) | median ms: seed, large | large / seed "
        "| server CPU µs/request: seed, large | large / seed (CPU) |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    targets: list[tuple[str, bool | None]] = []
    for row in rows:
        case, small, big = row["case"], row["small"], row["big"]
        by_wall, by_cpu = big["median"] / small["median"], big["cpu"] / small["cpu"]
        lines.append(
            f"| {case.api} | {case.operation} | {row['grown']} | {small['median'] * 1e3:.3f}, "
            f"{big['median'] * 1e3:.3f} | {by_wall:.2f}x | {small['cpu'] * 1e6:.0f}, {big['cpu'] * 1e6:.0f} "
            f"| {by_cpu:.2f}x |"
        )
        targets.append(
            (
                f"{case.api} {case.operation}: large state within 1.5x of the seed ({by_wall:.2f}x)",
                by_wall <= 1.5,
            )
        )
    lines += [
        "",
        "Each request's answer is the same with either state (the bulk sits outside it); the seed and the "
        "large state alternate within a run. An unfiltered listAzureEntitlements answers the whole "
        "subscription, so its cost follows the answer, as it must.",
        "",
    ]
    return lines, targets
