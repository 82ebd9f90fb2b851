"""Inputs for the report tests: findings records made with FindingsRecord, coverage from real exchanges
with our mocks, history folders of many runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from contract_tests.plumbing import mock_ids
from licensekit.contract.coverage import CoverageCollector
from licensekit.contract.findings import FAILURE, TOLERATED, Finding
from licensekit.contract.judge import Exchange
from licensekit.contract.record import FindingsRecord
from licensekit.mock import serve

CURL = "curl -X GET -H 'Authorization: [Filtered]' 'http://127.0.0.1:9/api/v01/draas/draas_v1/groups/{g}/customer_licenses'"


def exchange_of(response: httpx.Response) -> Exchange:
    """The judge's Exchange for an httpx answer from one of our mocks (served at the root path)."""
    request = response.request
    return Exchange(
        request.method,
        request.url.path,
        request.url.query,
        {k.lower(): v for k, v in request.headers.items()},
        request.content,
        status=response.status_code,
        response_headers={k.lower(): v for k, v in response.headers.items()},
        response_body=response.content,
    )


def fusion_coverage(*, page_size: bool = False) -> dict[str, Any]:
    """Coverage of a few real requests to the Fusion mock: the group list (page_size only when asked),
    one license, and one unknown license (404)."""
    ids = mock_ids("fusion")
    collector = CoverageCollector(["fusion"], source="contract")
    with serve("fusion") as mock:
        auth = {"Authorization": f"Bearer {mock.token()}"}
        base = f"{mock.base_url.rstrip('/')}/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}"
        with httpx.Client(headers=auth, timeout=10) as http:
            answers = [
                http.get(f"{base}/customer_licenses", params={"page_size": 5} if page_size else None),
                http.get(f"{base}/customer_licenses/1"),
                http.get(f"{base}/customer_licenses/999999"),
            ]
    for answer in answers:
        collector.observe("fusion", exchange_of(answer))
    return collector.report()


def findings_record(n: int, *, operations: list[tuple[str, str]] | None = None) -> FindingsRecord:
    """n distinct findings spread over the operations, a third of them failures."""
    ops = operations or [("fusion", "listGroupCustomerLicenses"), ("fusion", "getCustomerLicense")]
    record = FindingsRecord("contract", started="2026-12-07T02:00:00Z")
    record.exchanges = 3 * n
    for i in range(n):
        api, op = ops[i % len(ops)]
        severity = FAILURE if i % 3 == 0 else TOLERATED
        check = "response_schema_conformance" if severity == FAILURE else "missing_expected_property"
        finding = Finding(
            api,
            op,
            check,
            severity,
            f"response 200 body.licenses[].field{i}",
            f"message {i}: field{i} departed",
        )
        record.add(finding, curl=CURL.format(g=i), seen="2026-12-07T02:00:05Z", count=1 + i % 4)
    return record


def with_baseline(
    document: dict[str, Any], known_every: int = 2, gone: int = 2, expired: int = 1
) -> dict[str, Any]:
    """The record as `--baseline` leaves it: every `known_every`-th entry known, the rest new; some gone
    and expired fingerprints at the top."""
    for i, entry in enumerate(document["findings"]):
        entry["baseline"] = "known" if i % known_every == 0 else "new"
    expired_fps = [e["fingerprint"] for e in document["findings"] if e["baseline"] == "known"][:expired]
    document["baseline"] = {
        "file": "contract-baseline.json",
        "gone": [f"{i:016x}" for i in range(1, gone + 1)],
        "expired": expired_fps,
    }
    return document


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path
