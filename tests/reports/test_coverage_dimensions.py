"""Spec coverage from real exchanges with our mocks: each dimension counts what was sent and seen, names
what was not, and `--min-coverage` fails naming it; the proxy reports what its traffic never saw."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from contract_tests.plumbing import mock_ids
from licensekit.contract.coverage import CoverageCollector, MinCoverageError, parse_minimums, shortfalls
from licensekit.contract.judge import Exchange
from licensekit.mock import serve
from licensekit.proxy import serve as proxy_serve
from tests.proxy.command import proxy_command

from . import pages

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src/licensekit/contract/schemas/coverage-v1.schema.json").read_text())


def op_of(report: dict[str, Any], api: str, operation: str) -> dict[str, Any]:
    entry = next(a for a in report["apis"] if a["api"] == api)
    found: dict[str, Any] = next(o for o in entry["operations"] if o["operation"] == operation)
    return found


def missing(report: dict[str, Any], operation: str, dim: str, api: str = "fusion") -> list[str]:
    out: list[str] = op_of(report, api, operation)["dimensions"][dim]["missing"]
    return out


@pytest.fixture(scope="module")
def without_page_size() -> dict[str, Any]:
    return pages.fusion_coverage(page_size=False)


@pytest.fixture(scope="module")
def with_page_size() -> dict[str, Any]:
    return pages.fusion_coverage(page_size=True)


def test_the_report_follows_its_schema(without_page_size: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(without_page_size)


def test_an_optional_parameter_never_sent_is_reported_uncovered(without_page_size, with_page_size) -> None:
    assert "request query page_size" in missing(without_page_size, "listGroupCustomerLicenses", "parameters")
    assert "request query page_size" not in missing(with_page_size, "listGroupCustomerLicenses", "parameters")
    # `next` was sent by neither
    assert "request query next" in missing(with_page_size, "listGroupCustomerLicenses", "parameters")


def test_min_coverage_fails_naming_what_was_not_covered(without_page_size, with_page_size) -> None:
    below = shortfalls(without_page_size, parse_minimums("parameters=100"))
    assert len(below) == 1
    assert below[0].startswith("fusion: parameters ")
    assert "listGroupCustomerLicenses request query page_size" in below[0]
    # a dimension at or above its minimum is not named
    reached = without_page_size["apis"][0]["dimensions"]["statuses"]["percent"]
    assert shortfalls(without_page_size, {"statuses": reached}) == []
    sent = " ".join(shortfalls(with_page_size, parse_minimums("parameters=100"), "fusion"))
    assert "listGroupCustomerLicenses request query page_size" not in sent


@pytest.mark.parametrize(
    "text, error",
    [
        ("parameters", "expected DIMENSION=PERCENT"),
        ("colours=50", "expected DIMENSION=PERCENT"),
        ("statuses=101", "from 0 to 100"),
        ("statuses=lots", "from 0 to 100"),
    ],
)
def test_unreadable_minimums_are_refused(text: str, error: str) -> None:
    with pytest.raises(MinCoverageError, match=error):
        parse_minimums(text)


def test_statuses_properties_known_values_and_examples(without_page_size) -> None:
    report = without_page_size
    get = op_of(report, "fusion", "getCustomerLicense")
    assert get["statuses"]["reached"] == ["200", "404"]
    assert get["dimensions"]["statuses"]["missing"] == ["400", "401", "403", "500"]
    # nested properties: the list's items are counted; the error body's nested `reason` never came
    props = missing(report, "listGroupCustomerLicenses", "properties")
    assert "response 200 body.licenses[].sku" not in props
    assert "response 404 body.error.reason" in props
    assert "response 404 body.error" not in missing(report, "getCustomerLicense", "properties")
    assert "response 404 body.error.reason" in missing(report, "getCustomerLicense", "properties")
    # the seeded group holds enabled licenses only on its first page
    assert missing(report, "listGroupCustomerLicenses", "known_values") == [
        "response 200 body.licenses[].status=disabled"
    ]
    # the vendor's example of a license matched the mock's answer; the list's example too
    assert missing(report, "getCustomerLicense", "examples") == []
    assert missing(report, "listGroupCustomerLicenses", "examples") == []
    assert missing(report, "createCustomerLicense", "examples") == [
        "examples/fusion/createCustomerLicense-200.json",
        "examples/fusion/createCustomerLicense-request.json",
    ]
    assert op_of(report, "fusion", "createCustomerLicense")["requests"] == 0


def test_request_enum_values_and_example_replay() -> None:
    ids = mock_ids("fusion")
    collector = CoverageCollector(["fusion"])
    example = json.loads((ROOT / "specs/examples/fusion/createCustomerLicense-request.json").read_text())
    with serve("fusion") as mock, httpx.Client(headers={"Authorization": f"Bearer {mock.token()}"}) as http:
        base = f"{mock.base_url.rstrip('/')}/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}"
        answer = http.post(f"{base}/customer_licenses", json=example["value"])
    assert answer.status_code == 200, answer.text
    collector.observe("fusion", pages.exchange_of(answer))
    report = collector.report()
    enums = missing(report, "createCustomerLicense", "enums")
    assert "request body.status=enabled" not in enums
    assert "request body.status=disabled" in enums
    assert missing(report, "createCustomerLicense", "examples") == []  # replayed, and its answer matched


def test_an_undocumented_request_is_counted_but_covers_nothing() -> None:
    collector = CoverageCollector(["fusion"])
    exchange = Exchange("GET", "/nowhere", b"", {}, b"", status=404)
    assert collector.observe("fusion", exchange) is None
    report = collector.report()
    assert report["exchanges"] == 1 and report["apis"][0]["requests"] == 0
    assert report["apis"][0]["dimensions"]["operations"]["covered"] == 0


def test_undocumented_statuses_answered_are_listed() -> None:
    collector = CoverageCollector(["fusion"])
    ids = mock_ids("fusion")
    path = f"/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}/customer_licenses/1"
    collector.observe("fusion", Exchange("GET", path, b"", {}, b"", status=418, response_body=b"{}"))
    get = op_of(collector.report(), "fusion", "getCustomerLicense")
    assert get["statuses"]["undocumented"] == [418]
    assert get["statuses"]["reached"] == []


def test_the_proxy_over_our_mock_reports_the_properties_its_traffic_never_saw() -> None:
    ids = mock_ids("fusion")
    with serve("fusion") as mock, proxy_serve("fusion", mock.base_url) as proxy:
        base = (
            f"{proxy.base_url.rstrip('/')}/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}"
        )
        with httpx.Client(headers={"Authorization": f"Bearer {mock.token()}"}, timeout=10) as http:
            assert http.get(f"{base}/customer_licenses/1").status_code == 200
            assert http.get(f"{base}/customer_licenses/999999").status_code == 404
        report = proxy.coverage()
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["source"] == "proxy" and report["exchanges"] == 2
    get = op_of(report, "fusion", "getCustomerLicense")
    assert get["statuses"]["reached"] == ["200", "404"]
    never = get["dimensions"]["properties"]["missing"]
    assert "response 404 body.error.reason" in never  # the mock's 404 carries no reason
    assert "response 200 body.sku" not in never
    assert "response 400 body.error" in never  # no 400 went through
    # operations the traffic never called: every one of their properties
    listed = missing(report, "listTenantCustomerLicenses", "properties")
    assert "response 200 body.licenses[].sku" in listed


def test_the_proxy_command_writes_the_coverage_of_its_traffic_when_it_stops(tmp_path: Path) -> None:
    out = tmp_path / "coverage.json"
    ids = mock_ids("fusion")
    with serve("fusion") as mock, proxy_command(mock.base_url, "--coverage", str(out)) as (proc, line):
        path = f"/api/v01/draas/{ids['draas_instance']}/groups/{ids['group_uuid']}/customer_licenses"
        answer = httpx.get(line[1] + path, headers={"Authorization": f"Bearer {mock.token()}"}, timeout=10)
        assert answer.status_code == 200
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    report = json.loads(out.read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    listed = op_of(report, "fusion", "listGroupCustomerLicenses")
    assert listed["requests"] == 1 and listed["statuses"]["reached"] == ["200"]
    assert "request query page_size" in listed["dimensions"]["parameters"]["missing"]
