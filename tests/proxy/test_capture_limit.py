"""The proxy at its capture limit: a body over it is passed on whole and reported as not validated
(`unvalidated_body`), and nothing is inferred from the part it did not keep."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
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


def _sized_body(size: int) -> bytes:
    """A valid create body of exactly `size` bytes."""
    empty = json.dumps({"name": "Teams Phone", "sku": "MCOEV-CAPTURE", "description": ""}).encode()
    return json.dumps(
        {"name": "Teams Phone", "sku": "MCOEV-CAPTURE", "description": "x" * (size - len(empty))}
    ).encode()


def _chunks(body: bytes, parts: int) -> list[bytes]:
    step = -(-len(body) // parts)
    return [body[n : n + step] for n in range(0, len(body), step)]


def _slowly(pieces: list[bytes]) -> Iterator[bytes]:
    """Each piece its own write, a moment apart, so that the server reads them as separate chunks."""
    for n, piece in enumerate(pieces):
        if n:
            time.sleep(0.2)
        yield piece


@pytest.mark.parametrize(
    ("size", "parts", "checks"),
    [
        (LIMIT, 3, {}),  # exactly at the limit, in three chunks put back together: judged, and valid
        (LIMIT + 1, 3, {"unvalidated_body": ["request body: over the capture limit: not validated"]}),
    ],
    ids=["at-the-limit", "one-byte-over-in-small-chunks"],
)
def test_a_chunked_request_is_counted_across_its_chunks(
    fusion_mock: MockServer, size: int, parts: int, checks: dict[str, Any]
) -> None:
    """A chunked request body (no Content-Length) is forwarded chunked and captured chunk by chunk: the
    limit counts all of them together, and a body within it is judged whole."""
    body = _sized_body(size)
    pieces = _chunks(body, parts)
    assert len(body) == size and len(pieces) == parts and all(len(p) < LIMIT for p in pieces)
    headers = {**fusion_mock.auth_headers(), "Content-Type": "application/json"}
    with serve("fusion", fusion_mock.base_url, capture_limit=LIMIT) as proxy:
        answer = httpx.post(
            _url(proxy.base_url, fusion_mock), headers=headers, content=iter(pieces), timeout=30
        )
        records = proxy.drift(settle=1.0)
    assert answer.request.headers["transfer-encoding"] == "chunked"
    assert answer.status_code == 200 and set(answer.json()) == {"id"}
    assert _checks(records) == checks
