"""The contract run's findings record, as `make contract` writes it: STRICT=1 fails on a mock that drops an
expected field (Partner Center's `attributes.objectType`: Fusion's answers have no field that is only
expected), without it the run passes and lists the tolerated finding; a baseline makes known failures
xfail and round-trips; the Make variables map to the pytest options."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema

from contract_tests.mutants.middlewares import BY_NAME
from contract_tests.mutants.tolerated import partner_center_tolerated
from contract_tests.plumbing import ROOT

from .harness import Run, live_env, run_suites, serve_wrapped

SCHEMA = ROOT / "src/licensekit/contract/schemas/findings-v1.schema.json"
# Fusion: the property tests of the group's license list and license details; Partner Center: its one
# operation's property tests. With the run-last rules: enough to meet each deviation, in a fraction of
# the whole suite's time.
SOME = {
    "fusion": ("-k", "(test_operation and groups and GET) or findings_gate or success_reached"),
    "partner-center": ("-k", "test_operation or findings_gate or success_reached"),
}


def _run(wrap, tmp_path: Path, *args: str, api: str = "fusion") -> tuple[Run, dict]:
    out = tmp_path / "findings.json"
    out.unlink(missing_ok=True)
    with serve_wrapped(api, wrap) as url:
        run = run_suites(
            api,
            "--allow-writes",
            *SOME[api],
            "--contract-examples",
            "5",
            "--findings",
            str(out),
            *args,
            env=live_env(api, url),
        )
    document = json.loads(out.read_text()) if out.is_file() else {}
    if document:
        jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    return run, document


def test_strict_fails_on_a_dropped_expected_field_without_it_passes_and_lists_it(tmp_path: Path) -> None:
    strict, _ = _run(partner_center_tolerated, tmp_path, "--strict-findings", "-rf", api="partner-center")
    assert strict.returncode == 1, strict.output[-3000:]
    [failed] = [line for line in strict.lines() if line.startswith("FAILED")]
    assert "test_findings_gate[partner-center]" in failed
    assert (
        "new tolerated finding: getUserLicenses missing_expected_property at "
        "response 200 body.items[].attributes.objectType" in strict.stdout
    )

    lenient, document = _run(partner_center_tolerated, tmp_path, api="partner-center")
    assert lenient.returncode == 0, lenient.output[-3000:]
    assert (
        "WARNING missing_expected_property: getUserLicenses "
        "response 200 body.items[].attributes.objectType" in lenient.stdout
    )
    found = {(f["operation"], f["check"], f["severity"], f["location"]) for f in document["findings"]}
    assert (
        "getUserLicenses",
        "missing_expected_property",
        "tolerated",
        "response 200 body.items[].attributes.objectType",
    ) in found
    entry = next(
        f for f in document["findings"] if f["location"] == "response 200 body.items[].attributes.objectType"
    )
    assert entry["curl"].startswith("curl -X GET") and "Bearer ***" in entry["curl"]
    assert document["source"] == "contract" and document["exchanges"] > 0


def test_strict_with_a_baseline_round_trips(tmp_path: Path) -> None:
    baseline = tmp_path / "known.json"
    strict = ("--strict-findings", "--baseline", str(baseline))
    first, _ = _run(partner_center_tolerated, tmp_path, *strict, "--update-baseline", api="partner-center")
    assert first.returncode == 0, first.output[-3000:]
    written = baseline.read_text()
    assert "missing_expected_property" in written
    nightly, document = _run(partner_center_tolerated, tmp_path, *strict, api="partner-center")
    assert nightly.returncode == 0, nightly.output[-3000:]
    assert baseline.read_text() == written
    assert {f["baseline"] for f in document["findings"]} == {"known"}
    row = next(
        line
        for line in nightly.stdout.splitlines()
        if line.strip().startswith("partner-center") and "  0  " in line and line.split()[1] == "0"
    )
    assert row.split()[1] == "0"  # new: 0


def test_known_failures_xfail_new_ones_fail(tmp_path: Path) -> None:
    mutant = BY_NAME["dropped-required-field"].wrap
    baseline = tmp_path / "known.json"
    first, document = _run(mutant, tmp_path, "--baseline", str(baseline), "--update-baseline", "-rx")
    assert first.returncode == 0, first.output[-3000:]
    assert "XFAIL" in first.stdout and "known deviation (baseline)" in first.stdout
    sku = [f for f in document["findings"] if f["location"] == "response 200 body.sku"]
    assert sku and sku[0]["check"] == "response_schema_conformance" and sku[0]["severity"] == "failure"
    written = baseline.read_text()
    again, _ = _run(mutant, tmp_path, "--baseline", str(baseline))
    assert again.returncode == 0 and baseline.read_text() == written, again.output[-3000:]
    # the same failure not in the baseline: a failed test again, and "new" in the record
    emptied = json.loads(written)
    emptied["entries"] = [e for e in emptied["entries"] if e["location"] != "response 200 body.sku"]
    baseline.write_text(json.dumps(emptied))
    new, document = _run(mutant, tmp_path, "--baseline", str(baseline))
    assert new.returncode == 1, new.output[-3000:]
    assert (
        next(f for f in document["findings"] if f["location"] == "response 200 body.sku")["baseline"] == "new"
    )


def test_a_bad_baseline_ends_the_run_in_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 3, "entries": []}')
    run = run_suites("fusion", "--baseline", str(bad))
    assert run.returncode == 2, run.output[-2000:]
    assert "Traceback" not in run.output
    assert f"{bad}: unknown baseline version 3 (this reads 1)" in run.output


def test_make_variables_map_to_the_options() -> None:
    def dry(*variables: str) -> str:
        done = subprocess.run(
            ["make", "-n", "contract", *variables], cwd=ROOT, capture_output=True, text=True
        )
        return " ".join(word for word in done.stdout.split() if word != "\\")  # continuation lines joined

    plain = dry()
    assert "--findings reports/findings.json" in plain
    assert "--strict-findings" not in plain and "--baseline" not in plain and "--update-baseline" not in plain
    full = dry("STRICT=1", "BASELINE=known.json", "UPDATE_BASELINE=1")
    assert "--strict-findings --baseline known.json --update-baseline" in full
    assert "--strict-findings" not in dry("STRICT=0")
