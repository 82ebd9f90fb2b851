"""The findings record: stable fingerprints, folding, the file format and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from licensekit.contract import FAILURE, TOLERATED, Finding
from licensekit.contract.record import FindingsRecord, RecordError, fingerprint, stable_operation

SCHEMA = Path(__file__).resolve().parents[2] / "src/licensekit/contract/schemas/findings-v1.schema.json"


def _finding(location: str = "response 200 body.sku", message: str = "'x' is not of type 'integer'", **kw):
    fields = {"api": "fusion", "operation": "getCustomerLicense", "check": "response_schema_conformance"}
    fields.update(kw)
    return Finding(fields["api"], fields["operation"], fields["check"], FAILURE, location, message)


def test_the_same_deviation_with_other_ids_values_and_tokens_has_one_fingerprint() -> None:
    monday = _finding(message="'abc' is not of type 'integer'")
    tuesday = _finding(message="'xyz' is not of type 'integer'")
    assert fingerprint(*_key(monday)) == fingerprint(*_key(tuesday))
    # an undocumented path with other ids on another day: one fingerprint too
    a = fingerprint(
        "fusion",
        "GET /api/v01/draas/x/groups/6f1c2a3e-1111-4a2b-8c9d-0123456789ab/customer_licenses/17",
        "undocumented_operation",
        "request",
    )
    b = fingerprint(
        "fusion",
        "GET /api/v01/draas/x/groups/00000000-2222-4a2b-8c9d-0123456789ab/customer_licenses/99",
        "undocumented_operation",
        "request",
    )
    assert a == b
    assert stable_operation("GET /v1/users/jane@contoso.com/licenses?x=1") == "GET /v1/users/{id}/licenses"


def test_a_different_field_status_or_check_is_a_different_fingerprint() -> None:
    base = fingerprint(*_key(_finding()))
    assert fingerprint(*_key(_finding(location="response 200 body.name"))) != base
    assert fingerprint(*_key(_finding(location="response 201 body.sku"))) != base
    assert fingerprint(*_key(_finding(check="missing_expected_property"))) != base
    assert fingerprint(*_key(_finding(operation="listGroupCustomerLicenses"))) != base
    assert len(base) == 16 and int(base, 16) >= 0


def _key(f: Finding) -> tuple[str, str, str, str]:
    return f.api, f.operation, f.check, f.location


def test_folding_counts_times_and_distinct_messages_bounded(tmp_path: Path) -> None:
    record = FindingsRecord("proxy", started="2026-12-01T00:00:00Z")
    for n in range(12):
        record.add(_finding(message=f"value {n % 7}"), seen=f"2026-12-0{1 + n % 3}T10:00:00Z", curl="curl x")
    record.add(Finding("fusion", "login", "unknown_enum_value", TOLERATED, "response 200 body.x", "m"))
    [entry] = [e for e in record.entries.values() if e.check == "response_schema_conformance"]
    assert entry.count == 12
    assert (entry.first_seen, entry.last_seen) == ("2026-12-01T10:00:00Z", "2026-12-03T10:00:00Z")
    assert entry.messages == ["value 0", "value 1", "value 2", "value 3", "value 4"]
    path = tmp_path / "findings.json"
    record.write(path)
    document = json.loads(path.read_text())
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    again = FindingsRecord.read(path)
    assert again.as_dict() == record.as_dict()


HEAD = '"source": "proxy", "started": "", "finished": ""'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "not JSON"),
        ('{"version": 9, ' + HEAD + ', "findings": []}', "unknown findings version 9"),
        ('{"version": 1, ' + HEAD + "}", "missing or wrong field 'findings'"),
        (
            '{"version": 1, ' + HEAD + ', "findings": [{"api": "f"}]}',
            "findings[0]: missing or wrong field 'fingerprint'",
        ),
        ("[]", "not a findings record"),
    ],
)
def test_a_bad_file_is_one_line_naming_the_file_and_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(RecordError) as caught:
        FindingsRecord.read(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message
