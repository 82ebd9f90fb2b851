"""Figure 1: mock throughput (requests/s) under wrk, for one read and one write per API.

Three servers answer the same request: our mock, Prism mocking the same spec, and the bare ASGI ceiling
answering the bytes our mock answered. Each server runs alone in its own process; wrk (1 thread,
16 connections) is the only load generator; each figure is the median of several runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import httpx

from licensekit.mock.tokens import make_token

from . import servers

LUA = Path(__file__).with_name("load.lua")
SPECS = servers.ROOT / "specs"

# Ids from the built-in seed data (src/licensekit/mock/data/*.json).
CC_CUSTOMER = "21fd4f08-3076-53c4-bf78-5fd9c24fe208"
CC_USER = "c068f0d2-43cb-5ab3-beeb-695a2ed3f261"
CC_INSTANCE = "aef7deb2-3bd5-56e9-8781-1bf4495044d5"
FUSION_GROUP = "7ba71d48-91f6-5eca-a70a-4852b6eaaaa4"
PC_CUSTOMER = "d2a1304e-f6f5-5446-917f-d6dfa82acce2"
PC_USER = "b93906ee-7a7d-5047-83fe-c6e67b50895d"


@dataclass
class Scenario:
    api: str
    kind: str  # read / write
    operation: str
    method: str
    path: str  # with the query string
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None

    @property
    def spec(self) -> Path:
        return SPECS / f"{self.api}.yaml"

    def request_headers(self) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {make_token(self.api)}", **self.headers}
        if self.body is not None:
            headers["Content-Type"] = "application/json"
        return headers

    def body_text(self) -> str:
        return "" if self.body is None else json.dumps(self.body, separators=(",", ":"))


SCENARIOS = [
    Scenario(
        "cloudcockpit",
        "read",
        "listCustomerLicenses",
        "GET",
        f"/v1/Customers/{CC_CUSTOMER}/licenses?providerInstanceId={CC_INSTANCE}",
        {"X-Tenant": "portal.cloudcockpit.com"},
    ),
    Scenario(
        "cloudcockpit",
        "write",
        "updateCustomerUserLicenses",
        "PATCH",
        f"/v1/Customers/{CC_CUSTOMER}/users/{CC_USER}/licenses",
        {"X-Tenant": "portal.cloudcockpit.com"},
        # Re-selects a license the user holds: every call succeeds and leaves the state as it was.
        {
            "providerInstanceId": CC_INSTANCE,
            "customerUserLicenses": [
                {
                    "skuId": "05e9a617-0261-4cee-bb44-138d3ef5d965",
                    "name": "Microsoft 365 E3",
                    "isSelected": True,
                    "availableLicenses": 3,
                    "totalLicenses": 10,
                    "consumedLicenses": 7,
                    "suspendedLicenses": 0,
                }
            ],
        },
    ),
    Scenario(
        "fusion",
        "read",
        "listGroupCustomerLicenses",
        "GET",
        f"/api/v01/draas/draas_v1/groups/{FUSION_GROUP}/customer_licenses",
    ),
    Scenario(
        "fusion",
        "write",
        "updateCustomerLicense",
        "PUT",
        f"/api/v01/draas/draas_v1/groups/{FUSION_GROUP}/customer_licenses/1",
        body={"description": "Cloud PBX for Microsoft Teams users", "status": "enabled"},
    ),
    Scenario(
        "partner-center",
        "read",
        "getUserLicenses",
        "GET",
        f"/v1/customers/{PC_CUSTOMER}/users/{PC_USER}/licenses",
    ),
    # Partner Center's spec has no write operation (the API documents only the read of user licenses).
]


def check(url: str, scenario: Scenario) -> httpx.Response:
    """One request before the load: the figure only counts if this answers 2xx."""
    response = httpx.request(
        scenario.method,
        url + scenario.path,
        headers=scenario.request_headers(),
        content=scenario.body_text() or None,
        timeout=10,
    )
    if not response.is_success:
        raise RuntimeError(f"{scenario.operation} at {url}: {response.status_code} {response.text[:300]}")
    return response


def wrk(url: str, scenario: Scenario, seconds: float, connections: int = 16) -> tuple[float, int]:
    """(requests/s, answers that were not 2xx/3xx) of one wrk run."""
    env = {
        **os.environ,
        "BENCH_METHOD": scenario.method,
        "BENCH_BODY": scenario.body_text(),
        "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in scenario.request_headers().items()),
    }
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(LUA), url + scenario.path]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if rate is None:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return float(rate.group(1)), int(bad.group(1)) if bad else 0


def measure(server: servers.Server, scenario: Scenario, runs: int, seconds: float) -> dict[str, Any]:
    """Median requests/s over `runs` wrk runs, and the server's CPU time per request (from /proc: a
    figure that other load on the machine does not change much, unlike requests/s)."""
    check(server.url, scenario)
    wrk(server.url, scenario, 1)  # warm-up (Prism's JIT, connection set-up)
    rates, cpu = [], []
    bad = 0
    for _ in range(runs):
        before, start = server.cpu_seconds(), time.perf_counter()
        rate, non_2xx = wrk(server.url, scenario, seconds)
        elapsed = time.perf_counter() - start
        rates.append(rate)
        cpu.append((server.cpu_seconds() - before) / (rate * elapsed))
        bad += non_2xx
    return {"rps": median(rates), "runs": rates, "cpu_per_request": median(cpu), "non_2xx": bad}


def ensure_wrk() -> None:
    """wrk comes from Debian's packages; install it when missing (the bench machine is root)."""
    if shutil.which("wrk"):
        return
    print("wrk missing: apt-get install -y wrk", flush=True)
    quiet = subprocess.DEVNULL
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], stdout=quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=True, stdout=quiet)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=quiet)


def run(runs: int = 3, seconds: float = 4) -> list[dict[str, Any]]:
    ensure_wrk()
    rows: list[dict[str, Any]] = []
    answers: dict[str, dict[str, Any]] = {}
    for api in dict.fromkeys(s.api for s in SCENARIOS):
        scenarios = [s for s in SCENARIOS if s.api == api]
        with servers.our_mock(api) as server:
            for s in scenarios:
                print(f"  ours   {s.api} {s.operation}", flush=True)
                rows.append({"scenario": s, "ours": measure(server, s, runs, seconds)})
                answer = check(server.url, s)
                answers[f"{s.method} {s.path.split('?')[0]}"] = {
                    "status": answer.status_code,
                    "body": answer.text,
                }
        with servers.prism(scenarios[0].spec) as server:
            for s in scenarios:
                print(f"  prism  {s.api} {s.operation}", flush=True)
                next(r for r in rows if r["scenario"] is s)["prism"] = measure(server, s, runs, seconds)
    with tempfile.TemporaryDirectory() as tmp:
        answers_file = Path(tmp) / "answers.json"
        answers_file.write_text(json.dumps(answers))
        with servers.bare(answers_file) as server:
            for row in rows:
                s = row["scenario"]
                print(f"  bare   {s.api} {s.operation}", flush=True)
                row["bare"] = measure(server, s, runs, seconds)
    return rows
