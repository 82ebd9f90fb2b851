"""The proxy at its capture limit: a body over it is passed on whole and reported as not validated
(`unvalidated_body`), and nothing is inferred from the part it did not keep."""

from __future__ import annotations

import json
import logging
from typing import Any
from uuid import UUID

import httpx
import pytest

from licensekit.mock import MockServer
from licensekit.proxy import serve

INSTANCE = "draas_v1"
LIMIT = 200


def _group(mock: MockServer) -> UUID:
    return UUID(next(e["uuid"] for e in mock.state()["entities"] if e["name"] == "Netaxis Telecom Group"))


def _url(base: str, mock: MockServer) -> str:
    return f"{base}/api/v01/draas/{INSTANCE}/groups/{_group(mock)}/customer_licenses"


def _checks(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {record["check"]: record["departures"] for record in records}


def test_valid_request_over_the_limit_is_unvalidated_and_nothing_else(fusion_mock: MockServer) -> None:
    body = json.dumps({"name": "Teams Phone", "sku": "MCOEV-CAPTURE", "description": "x" * 250}).encode()
    assert len(body) > LIMIT
    headers = {**fusion_mock.auth_headers(), "Content-Type": "application/json"}
    with serve("fusion", fusion_mock.base_url, capture_limit=LIMIT) as proxy:
        answer = httpx.post(_url(proxy.base_url, fusion_mock), headers=headers, content=body, timeout=30)
        records = proxy.drift()
    assert answer.status_code == 200 and set(answer.json()) == {"id"}  # a small answer: validated
    assert _checks(records) == {"unvalidated_body": ["request body: over the capture limit: not validated"]}


def test_answer_over_the_limit_is_unvalidated_and_nothing_else(fusion_mock: MockServer) -> None:
    with serve("fusion", fusion_mock.base_url, capture_limit=LIMIT) as proxy:
        answer = httpx.get(_url(proxy.base_url, fusion_mock), headers=fusion_mock.auth_headers(), timeout=30)
        records = proxy.drift()
    assert answer.status_code == 200 and len(answer.content) > LIMIT
    assert _checks(records) == {
        "unvalidated_body": ["response 200 body: over the capture limit: not validated"]
    }
    assert records[0]["operation"] == "listGroupCustomerLicenses"


def test_invalid_request_under_the_limit_is_still_judged(fusion_mock: MockServer) -> None:
    """The same exchange with a small, invalid body: the limit does not switch the request checks off."""
    headers = {**fusion_mock.auth_headers(), "Content-Type": "application/json"}
    with serve("fusion", fusion_mock.base_url, capture_limit=LIMIT) as proxy:
        answer = httpx.post(_url(proxy.base_url, fusion_mock), headers=headers, content=b"{}", timeout=30)
        records = proxy.drift()
    assert answer.status_code == 400
    checks = _checks(records)
    assert sorted(checks) == ["request_conformance"]
    assert checks["request_conformance"] == [
        'request body.name: "name" is a required property',
        'request body.sku: "sku" is a required property',
    ]


def test_a_judge_that_raises_costs_the_caller_nothing_and_is_logged(
    fusion_mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug in the judge must never cost the caller its answer: the exchange is passed on, the failure
    logged with the request it was judging, and nothing is written to the drift log."""
    with serve("fusion", fusion_mock.base_url, capture_limit=LIMIT) as proxy:

        def broken(exchange: Any) -> Any:
            raise RuntimeError("judge bug")

        proxy.app.judge.judge = broken  # type: ignore[method-assign]
        with caplog.at_level(logging.ERROR, logger="licensekit.proxy"):
            answer = httpx.get(
                _url(proxy.base_url, fusion_mock), headers=fusion_mock.auth_headers(), timeout=10
            )
            records = proxy.drift(settle=0.5)
    assert answer.status_code == 200 and "licenses" in answer.json()
    path = f"/api/v01/draas/{INSTANCE}/groups/{_group(fusion_mock)}/customer_licenses"
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "licensekit.proxy"] == [
        ("ERROR", f"validating GET {path} failed")
    ]
    assert records == []
