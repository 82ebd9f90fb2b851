"""Figures 2 and 3: client overhead per call, and the sweep of 2,000 customers' licenses.

Both run against our CloudCockpit mock in its own process, seeded (POST /__mock__/seed) with 2,000
extra customers and a subscription holding 5,000 Azure entitlements. The client side runs here.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
import uuid
from collections.abc import Callable
from statistics import median
from typing import Any
from uuid import UUID

import httpx
from cloudcockpit_client import AuthenticatedClient
from cloudcockpit_client.api.licenses import list_customer_licenses
from cloudcockpit_client.api.subscriptions import list_azure_entitlements

from licensekit.clients import AsyncCloudCockpit, CloudCockpit
from licensekit.clients._base import Call
from licensekit.mock.tokens import make_token
from licensekit.mock.vendor import default_seed

from .throughput import CC_CUSTOMER, CC_INSTANCE

TENANT = "portal.cloudcockpit.com"
CUSTOMERS = 2000
ENTITLEMENTS = 5000


def big_seed() -> tuple[dict[str, Any], list[str], str]:
    """The built-in seed plus CUSTOMERS customers (6 licenses each) and ENTITLEMENTS entitlements in the
    first customer's first subscription. Returns (seed, the new customers' ids, that subscription's id)."""
    seed = default_seed("cloudcockpit")
    first = seed["customers"][0]
    subscription = first["subscriptions"][0]
    template = subscription["entitlements"][0]
    entitlements = []
    for n in range(ENTITLEMENTS):
        item = copy.deepcopy(template)
        item["id"] = str(uuid.UUID(int=n + 1))
        item["internalId"] = f"AZ-{n:06d}"
        item["subscriptionName"] = f"Subscription {n}"
        entitlements.append(item)
    subscription["entitlements"] = entitlements
    seats = [s for s in first["licenses"] if s["providerInstanceId"] == CC_INSTANCE]
    ids = []
    for n in range(CUSTOMERS):
        cid = str(uuid.UUID(int=(1 << 100) + n))
        ids.append(cid)
        seed["customers"].append(
            {
                "id": cid,
                "tenant": TENANT,
                "name": f"Customer {n}",
                "resellerId": None,
                "licenses": copy.deepcopy(seats),
                "users": [],
                "subscriptions": [],
            }
        )
    return seed, ids, subscription["id"]


def load_seed(url: str, seed: dict[str, Any]) -> None:
    httpx.post(f"{url}/__mock__/seed", json=seed, timeout=60).raise_for_status()


# ---------------------------------------------------------------------------------- figure 2


def _per_call(call: Callable[[], Any], calls: int) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) per call, over `calls` calls."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


def overhead(url: str, subscription: str, *, rounds: int = 7, calls: int = 300) -> dict[str, Any]:
    token = make_token("cloudcockpit")
    customer, instance, sub = UUID(CC_CUSTOMER), UUID(CC_INSTANCE), UUID(subscription)
    raw = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}", "X-Tenant": TENANT})
    generated = AuthenticatedClient(base_url=url, token=token)
    ours = CloudCockpit(url, tenant=TENANT, token=token)
    small_path = f"/v1/Customers/{CC_CUSTOMER}/licenses"
    big_path = f"/v1/customers/{CC_CUSTOMER}/subscriptions/{subscription}/azure-entitlements"

    def raw_get(path: str, params: dict[str, str] | None = None) -> Any:
        response = raw.get(path, params=params)
        response.raise_for_status()
        return json.loads(response.content)

    variants: dict[str, dict[str, Callable[[], Any]]] = {
        "small": {
            "raw httpx + json.loads": lambda: raw_get(small_path, {"providerInstanceId": CC_INSTANCE}),
            "generated client (sync)": lambda: list_customer_licenses.sync(
                customer, client=generated, provider_instance_id=instance, x_tenant=TENANT
            ),
            "client layer (CloudCockpit)": lambda: ours.list_customer_licenses(
                customer, provider_instance_id=instance
            ),
        },
        "5,000 entitlements": {
            "raw httpx + json.loads": lambda: raw_get(big_path),
            "generated client (sync)": lambda: list_azure_entitlements.sync(
                customer, sub, client=generated, x_tenant=TENANT
            ),
            "client layer (CloudCockpit)": lambda: ours.list_azure_entitlements(customer, sub),
        },
    }
    # Sanity: each variant gets the same number of items.
    for name, group in variants.items():
        sizes = {label: len(call()) for label, call in group.items()}
        if len(set(sizes.values())) != 1:
            raise RuntimeError(f"{name}: variants disagree on the answer: {sizes}")
    results: dict[str, Any] = {}
    for name, group in variants.items():
        n = calls if name == "small" else max(3, calls // 100)
        samples: dict[str, list[tuple[float, float]]] = {label: [] for label in group}
        for _ in range(rounds):  # interleaved, so drift on the machine hits every variant alike
            for label, call in group.items():
                samples[label].append(_per_call(call, n))
        results[name] = {
            label: {"wall": median(w for w, _ in s), "cpu": median(c for _, c in s)}
            for label, s in samples.items()
        }
    results["parse"] = parse_only(raw_get(big_path), rounds)
    raw.close()
    generated.get_httpx_client().close()
    ours.close()
    return results


def parse_only(items: list[Any], rounds: int) -> dict[str, float]:
    """The 5,000-item answer's parsing alone, no HTTP: json.loads vs the generated models vs our layer."""
    body = json.dumps(items).encode()
    response = httpx.Response(200, content=body, headers={"content-type": "application/json"})
    client = AuthenticatedClient(base_url="http://unused", token="x")

    def timed(fn: Callable[[], Any]) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    loads = [timed(lambda: json.loads(body)) for _ in range(rounds)]
    models = [
        timed(lambda: list_azure_entitlements._parse_response(client=client, response=response))
        for _ in range(rounds)
    ]
    # Our layer's own path from a 200 answer to models (it holds the cyclic GC while parsing).
    ours = CloudCockpit("http://unused", tenant="unused", token="x")
    call: Call[Any] = Call(list_azure_entitlements, {})
    layer = [timed(lambda: ours._result(call, response)) for _ in range(rounds)]
    ours.close()
    return {
        "json.loads": median(loads),
        "generated models": median(models),
        "our client layer": median(layer),
    }


# ---------------------------------------------------------------------------------- figure 3


def _rate(fn: Callable[[], int]) -> float:
    start = time.perf_counter()
    count = fn()
    return count / (time.perf_counter() - start)


def set_latency(url: str, seconds: float, calls: int) -> None:
    """Simulated network latency: the mock holds the next `calls` listCustomerLicenses calls `seconds`
    (a pure-delay fault; the event loop serves other requests meanwhile, as a slow network would)."""
    httpx.delete(f"{url}/__mock__/faults").raise_for_status()
    if seconds:
        fault = {"status": None, "delay": seconds, "count": calls, "operation": "listCustomerLicenses"}
        httpx.post(f"{url}/__mock__/faults", json=fault).raise_for_status()


def sweep(
    url: str,
    ids: list[str],
    *,
    runs: int = 3,
    latency: float = 0.02,
    sequential_sample: int = 400,
    max_in_flight: int = 8,
) -> dict[str, Any]:
    token = make_token("cloudcockpit")
    customers, instance = [UUID(c) for c in ids], UUID(CC_INSTANCE)
    client = CloudCockpit(url, tenant=TENANT, token=token)

    def sequential(keys: list[UUID]) -> Callable[[], int]:
        def go() -> int:
            for cid in keys:
                client.list_customer_licenses(cid, provider_instance_id=instance)
            return len(keys)

        return go

    def threads() -> int:
        result = client.sweep_customer_licenses(
            customers, provider_instance_id=instance, max_in_flight=max_in_flight
        )
        if result.errors:
            raise RuntimeError(f"sweep errors: {list(result.errors.values())[:3]}")
        return len(result.results)

    def run_async() -> int:
        async def go() -> int:
            async with AsyncCloudCockpit(url, tenant=TENANT, token=token) as aclient:
                result = await aclient.sweep_customer_licenses(
                    customers, provider_instance_id=instance, max_in_flight=max_in_flight
                )
            if result.errors:
                raise RuntimeError(f"async sweep errors: {list(result.errors.values())[:3]}")
            return len(result.results)

        return asyncio.run(go())

    out: dict[str, Any] = {"max_in_flight": max_in_flight, "latency": latency, "sample": sequential_sample}
    for label, delay in (("loopback", 0.0), (f"+{latency * 1000:.0f} ms latency", latency)):
        row: dict[str, float] = {}
        for name, fn, calls in (
            (
                "sequential loop",
                sequential(customers if not delay else customers[:sequential_sample]),
                len(customers) if not delay else sequential_sample,
            ),
            ("sweep (threads)", threads, len(customers)),
            ("sweep (asyncio)", run_async, len(customers)),
        ):
            rates = []
            for _ in range(runs):
                set_latency(url, delay, calls)
                rates.append(_rate(fn))
            row[name] = median(rates)
        out[label] = row
    set_latency(url, 0, 0)
    client.close()
    return out
