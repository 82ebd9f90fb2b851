"""The schemathesis CLI against each mock over HTTP: every check, every phase, fixed seed, zero failures.

Real ids from the mock's seed are offered to the generator through dictionaries (with a probability,
so random ids are still tried): without them almost every call would be a 404 and the stateful links
(create -> get/update/delete) would never reach a resource. The config is written per run from the
live state, so nothing here repeats the seed data.

The three runs start together (schemathesis is CPU bound; two cores) and each test reports its totals.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from licensekit.contract.registry import spec_path
from licensekit.contract.spec import load_document
from licensekit.jsonlines import read_objects
from licensekit.mock import serve
from licensekit.mock.server import MockServer
from licensekit.mock.vendors.fusion import encode_next

from ..summaries import TOTALS

SEED = 42
MAX_EXAMPLES = 100  # a cap per operation and phase for schemathesis
MIN_CASES_PER_OPERATION = 100  # the floor the issue asks for, checked on the run's own event log
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
LIST_OPERATIONS = (
    "listGroupCustomerLicenses",
    "listDistributorCustomerLicenses",
    "listResellerCustomerLicenses",
    "listTenantCustomerLicenses",
)
DEFAULT_POSITIVE = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


def toml_value(value: Any) -> str:
    return json.dumps(value)  # JSON strings, numbers and arrays are valid TOML


def accept_400(operation_id: str, reason: str) -> str:
    """positive_data_acceptance for one operation also accepts 400; `reason` says why, in the config."""
    return (
        f"\n# {operation_id}: {reason}\n[[operations]]\ninclude-operation-id = {toml_value(operation_id)}\n"
        f"checks.positive_data_acceptance.expected-statuses = {toml_value([*DEFAULT_POSITIVE, '400'])}\n"
    )


# More stateful scenarios than the default: with everything passing, hypothesis stops early and the
# create -> get/update/delete links of Fusion were only partly covered.
STATEFUL = "[phases.stateful]\nmax-steps = 20\n[phases.stateful.generation]\nmax-examples = 300\n"


def dictionaries(values: dict[str, list[Any]], bindings: dict[str, tuple[str, float]]) -> str:
    lines = [STATEFUL]
    for name, entries in values.items():
        lines += [f"[dictionaries.{name}]", f"values = {toml_value(entries)}"]
    lines.append("[parameters]")
    for key, (name, probability) in bindings.items():
        lines.append(f'"{key}" = {{ dictionary = "{name}", probability = {probability} }}')
    return "\n".join(lines) + "\n"


def cloudcockpit_config(mock: MockServer) -> tuple[str, list[str]]:
    state = mock.state()
    tenant = "portal.cloudcockpit.com"
    customers = [c for c in state["customers"] if c["tenant"] == tenant]
    config = dictionaries(
        {
            "customers": [c["id"] for c in customers],
            "users": [u["id"] for c in customers for u in c["users"]],
            "instances": [p["id"] for p in state["providerInstances"] if p["tenant"] == tenant],
            "subscriptions": [s["id"] for c in customers for s in c["subscriptions"]],
            "resellers": [r["id"] for r in state.get("resellers", [])],
            "skus": sorted({x["skuId"] for c in customers for x in c["licenses"]}),
        },
        {
            "path.customerId": ("customers", 0.7),
            "path.customerUserId": ("users", 0.7),
            "path.subscriptionId": ("subscriptions", 0.7),
            "query.providerInstanceId": ("instances", 0.7),
            "query.resellerId": ("resellers", 0.3),
            "body.providerInstanceId": ("instances", 0.7),
            "body.customerUserLicenses[*].skuId": ("skus", 0.7),
        },
    )
    config += accept_400(
        "updateCustomerUserLicenses",
        "a schema-valid body can name a SKU the customer does not hold, a provider instance of another "
        "tenant, or ask for a seat when none is free: business rules no schema can express, answered "
        "with the documented 400 and errors[] naming the property.",
    )
    return config, [f"Authorization: Bearer {mock.token()}", f"X-Tenant: {tenant}"]


def fusion_config(mock: MockServer) -> tuple[str, list[str]]:
    state = mock.state()
    admin = next(u for u in state["users"] if u.get("roles") is None and not u.get("two_factor"))
    config = dictionaries(
        {
            "entities": [e["uuid"] for e in state["entities"]],
            "instances": sorted({e["instance"] for e in state["entities"]}),
            "ids": [*(x["id"] for x in state["licenses"][:12]), state["next_id"]],
            "next_tokens": [encode_next(size, page) for size in (1, 5, 10) for page in (1, 2, 3, 40)],
            "usernames": [admin["username"]],
            "passwords": [admin["password"]],
        },
        {
            "path.uuid": ("entities", 0.7),
            "path.draas_instance": ("instances", 0.8),
            "path.id": ("ids", 0.5),
            "query.next": ("next_tokens", 0.5),
            "body.username": ("usernames", 0.5),
            "body.password": ("passwords", 0.5),
        },
    )
    for operation_id in LIST_OPERATIONS:
        config += accept_400(
            operation_id,
            "`next` is an opaque cursor: a generated string is schema-valid but is no token this server "
            "issued, and the spec documents 400 for a token that does not decode.",
        )
    config += accept_400(
        "createCustomerLicense",
        "an SKU already present in the group is refused with the documented 400 (a state conflict that "
        "no schema can express; the seed holds the SKUs of the spec's own examples).",
    )
    # The refresh operation takes the refresh token, not the access token, as its bearer.
    refresh = mock.token(token_use="refresh", sub=admin["username"])
    config += (
        '\n[[operations]]\ninclude-operation-id = "refreshAccessToken"\n'
        f"headers = {{ Authorization = {toml_value('Bearer ' + refresh)} }}\n"
    )
    return config, [f"Authorization: Bearer {mock.token()}"]


def partner_center_config(mock: MockServer) -> tuple[str, list[str]]:
    state = mock.state()
    users = [u for c in state["customers"] for u in c["users"]]
    config = dictionaries(
        {
            "customers": [c["id"] for c in state["customers"]],
            "users": [u["id"] for u in users] + [u["userPrincipalName"] for u in users],
        },
        {"path.customer_id": ("customers", 0.7), "path.user_id": ("users", 0.7)},
    )
    return config, [f"Authorization: Bearer {mock.token()}"]


CONFIGS = {
    "cloudcockpit": cloudcockpit_config,
    "fusion": fusion_config,
    "partner-center": partner_center_config,
}


@dataclass
class Run:
    code: int
    output: str
    drift: list[Any]
    cases: Counter[str]  # test cases sent, per operation ("METHOD /path"), all phases


def spec_operations(api: str) -> list[str]:
    paths = load_document(spec_path(api))["paths"]
    return [f"{m.upper()} {path}" for path, item in paths.items() for m in HTTP_METHODS if m in item]


def inputless_operations(api: str) -> set[str]:
    """Operations with no parameters and no body (Fusion's refreshAccessToken: only the bearer header,
    fixed by the config): there is one request to make, so hypothesis runs out of distinct cases after a
    handful and no count of examples can reach 100. They must be exercised, not 100 times."""
    paths = load_document(spec_path(api))["paths"]
    return {
        f"{m.upper()} {path}"
        for path, item in paths.items()
        for m in HTTP_METHODS
        if m in item
        and not (item.get("parameters") or item[m].get("parameters") or item[m].get("requestBody"))
    }


def cases_per_operation(ndjson: Path) -> Counter[str]:
    """Test cases per operation from schemathesis' NDJSON event log: every case every scenario recorded."""
    counts: Counter[str] = Counter()
    events = read_objects(ndjson)
    assert not events.bad, events.describe_bad(ndjson)  # a torn event would undercount silently
    for record in events.records:
        event = record.get("ScenarioFinished")
        if event is None:
            continue
        for case in event["recorder"].get("cases", {}).values():  # none in a skipped scenario
            counts[f"{case['value']['method'].upper()} {case['value']['path']}"] += 1
    return counts


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Run the three schemathesis CLIs side by side against three fresh mocks."""
    workdir = tmp_path_factory.mktemp("schemathesis")
    with ExitStack() as stack:
        processes = {}
        mocks = {}
        for api, make_config in CONFIGS.items():
            mock = stack.enter_context(serve(api, check_responses=True))
            mocks[api] = mock
            config, headers = make_config(mock)
            config_file = workdir / f"{api}.toml"
            config_file.write_text(config, encoding="utf-8")
            command = [
                str(SCHEMATHESIS),
                "--no-color",
                "--config-file",
                str(config_file),
                "run",
                str(spec_path(api)),
                "--url",
                mock.base_url,
                "--checks",
                "all",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                str(MAX_EXAMPLES),
                "--seed",
                str(SEED),
                "--workers",
                "1",
                "--report",
                "ndjson",
                "--report-ndjson-path",
                str(workdir / f"{api}.ndjson"),
            ]
            for header in headers:
                command += ["-H", header]
            env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
            log = (workdir / f"{api}.log").open("w", encoding="utf-8")
            processes[api] = (
                subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=workdir),
                log,
            )
        results = {}
        for api, (process, log) in processes.items():
            code = process.wait(timeout=600)
            log.close()
            output = (workdir / f"{api}.log").read_text(encoding="utf-8")
            ndjson = workdir / f"{api}.ndjson"
            cases = cases_per_operation(ndjson) if ndjson.exists() else Counter()
            results[api] = Run(code, output, mocks[api].drift(), cases)
        yield results


@pytest.mark.parametrize("api", list(CONFIGS))
def test_schemathesis_finds_nothing(api: str, runs: dict[str, Run]) -> None:
    run = runs[api]
    totals = re.search(r"Test cases:\s*\n\s*(.+)", run.output)
    summary = totals.group(1).strip() if totals else "no totals found"
    inputless = inputless_operations(api)
    fewest = min((run.cases[op], op) for op in spec_operations(api) if op not in inputless)
    without_inputs = "".join(f", {run.cases[op]} for {op} (no inputs)" for op in sorted(inputless))
    TOTALS.append(
        f"{api}: {summary}; fewest per operation {fewest[0]} ({fewest[1]}){without_inputs}; seed {SEED}; "
        f"max-examples {MAX_EXAMPLES}; exit {run.code}"
    )
    assert run.code == 0, run.output[-6000:]
    assert f"Seed: {SEED}" in run.output
    assert not run.drift, run.drift


@pytest.mark.parametrize("api", list(CONFIGS))
def test_at_least_100_cases_per_operation(api: str, runs: dict[str, Run]) -> None:
    """Issue 3: at least 100 examples per operation, counted per operation from the NDJSON report."""
    cases = runs[api].cases
    assert cases, f"{api}: no cases in schemathesis' NDJSON report"
    counts = {op: cases[op] for op in spec_operations(api)}
    inputless = inputless_operations(api)
    short = {op: n for op, n in counts.items() if n < (1 if op in inputless else MIN_CASES_PER_OPERATION)}
    assert not short, (
        f"{api}: {len(short)} of {len(counts)} operations got fewer than {MIN_CASES_PER_OPERATION} "
        f"test cases (1 for an operation without inputs: {sorted(inputless)}): {short}; "
        f"all operations: {counts}"
    )
