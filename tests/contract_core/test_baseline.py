"""The baseline model: compare (new, known, gone, expired), the gate (what fails a run), updates that keep
reasons, a stable file, and its JSON Schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from licensekit.contract import FAILURE, TOLERATED, Finding
from licensekit.contract.baseline import NEW_REASON, Baseline, BaselineError, compare, gate, updated
from licensekit.contract.record import FindingsRecord

SCHEMA = Path(__file__).resolve().parents[2] / "src/licensekit/contract/schemas/baseline-v1.schema.json"


def _run(*findings: Finding) -> FindingsRecord:
    record = FindingsRecord("proxy", started="2026-12-07T00:00:00Z")
    for f in findings:
        record.add(f, seen="2026-12-07T01:00:00Z")
    return record


SCHEMA_FAIL = Finding(
    "fusion", "getCustomerLicense", "response_schema_conformance", FAILURE, "response 200 body.sku", "m"
)
SERVER = Finding(
    "partner-center", "getUserLicenses", "not_a_server_error", FAILURE, "response 500", "answered 500"
)
MISSING = Finding(
    "fusion",
    "listGroupCustomerLicenses",
    "missing_expected_property",
    TOLERATED,
    "response 200 body.licenses[].description",
    "absent",
)


def test_compare_and_gate(tmp_path: Path) -> None:
    base = updated(_run(SCHEMA_FAIL, MISSING), None, tmp_path / "b.json")
    run = _run(SCHEMA_FAIL, MISSING, SERVER)
    c = compare(run, base, on=date(2026, 12, 7))
    assert [e.check for e in c.new] == ["not_a_server_error"]
    assert {e.check for e in c.known} == {"response_schema_conformance", "missing_expected_property"}
    assert c.gone == [] and c.expired == []
    g = gate(run, c, strict=True)
    assert [e.check for e in g.failing] == ["not_a_server_error"] and g.failed
    assert dict(c.per_api()["partner-center"]) == {"new": 1}
    # everything known: passes, strict or not
    quiet = _run(SCHEMA_FAIL, MISSING)
    assert not gate(quiet, compare(quiet, base), strict=True).failed
    # without a baseline: failures fail; tolerated only under strict
    tolerated_only = _run(MISSING)
    assert not gate(tolerated_only, None, strict=False).failed
    assert gate(tolerated_only, None, strict=True).failed
    # gone: in the baseline, not seen
    assert [e.check for e in compare(tolerated_only, base).gone] == ["response_schema_conformance"]


def test_expired_entries_fail_seen_or_not(tmp_path: Path) -> None:
    base = updated(_run(SCHEMA_FAIL), None, tmp_path / "b.json")
    [entry] = base.entries.values()
    entry.expires = "2026-12-06"
    c = compare(_run(SCHEMA_FAIL), base, on=date(2026, 12, 7))
    assert c.expired == [entry] and gate(_run(SCHEMA_FAIL), c, strict=False).failed
    assert (
        "expired baseline entry (expires 2026-12-06)"
        in gate(_run(), compare(_run(), base, on=date(2026, 12, 7)), strict=False).reasons()[0]
    )
    assert compare(_run(SCHEMA_FAIL), base, on=date(2026, 12, 6)).expired == []  # holds through that day


def test_update_keeps_reasons_and_dates_drops_gone_and_is_stable(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    first = updated(_run(SCHEMA_FAIL, MISSING), None, path)
    assert {e.reason for e in first.entries.values()} == {NEW_REASON}
    for e in first.entries.values():
        e.reason, e.expires = f"known: {e.check}", "2027-01-31"
    first.write()
    text = path.read_text()
    jsonschema.validate(json.loads(text), json.loads(SCHEMA.read_text()))
    again = updated(_run(SCHEMA_FAIL, SERVER), Baseline.read(path), path)
    kept = {e.check: (e.reason, e.expires) for e in again.entries.values()}
    assert kept == {
        "response_schema_conformance": ("known: response_schema_conformance", "2027-01-31"),
        "not_a_server_error": (NEW_REASON, None),
    }
    # the same findings give the same bytes, whatever order they came in
    one = updated(_run(SCHEMA_FAIL, MISSING, SERVER), None, path).dumps()
    two = updated(_run(SERVER, MISSING, SCHEMA_FAIL), None, path).dumps()
    assert one == two
    prints = [e["fingerprint"] for e in json.loads(one)["entries"]]
    assert prints == sorted(prints)


def test_twice_the_same_fingerprint_or_a_bad_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    updated(_run(SCHEMA_FAIL), None, path).write()
    document = json.loads(path.read_text())
    document["entries"].append(dict(document["entries"][0]))
    path.write_text(json.dumps(document))
    with pytest.raises(BaselineError, match=r"entries\[1\]: fingerprint [0-9a-f]{16} is listed twice"):
        Baseline.read(path)
    document["entries"] = [{**document["entries"][0], "expires": "2027-02-30"}]
    path.write_text(json.dumps(document))
    with pytest.raises(BaselineError, match=r"expires '2027-02-30' is not a date"):
        Baseline.read(path)
    with pytest.raises(BaselineError, match="no such baseline file"):
        Baseline.read(tmp_path / "none.json")
    assert Baseline.read(tmp_path / "none.json", missing_ok=True).entries == {}


def test_one_api_checked_leaves_the_others_entries_alone(tmp_path: Path) -> None:
    shared = updated(_run(SCHEMA_FAIL, SERVER), None, tmp_path / "b.json")  # fusion and partner-center
    fusion_only = _run(MISSING)
    c = compare(fusion_only, shared, apis={"fusion"})
    assert [e.api for e in c.gone] == ["fusion"]  # partner-center's entry is not gone: not checked
    kept = updated(fusion_only, shared, tmp_path / "b.json", checked_apis={"fusion"})
    assert sorted(e.check for e in kept.entries.values()) == [
        "missing_expected_property",
        "not_a_server_error",
    ]
