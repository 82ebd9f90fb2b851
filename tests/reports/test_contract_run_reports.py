"""A real contract run (subprocess, as `make contract` runs it) writes coverage.json, findings.json,
contract.html and a history entry; `--min-coverage parameters=100` fails it naming the optional parameter
its requests never sent."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema

from licensekit.contract.record import FindingsRecord
from tests.contract.harness import run_suites

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src/licensekit/contract/schemas/coverage-v1.schema.json").read_text())
# The group list asked for three times (401, 404, 500 probes), never with its optional page_size.
SUBSET = "fusion-listGroupCustomerLicenses-401 or fusion-listGroupCustomerLicenses-404 or min_coverage"


def test_a_run_that_never_sends_an_optional_parameter_fails_min_coverage_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    run = run_suites("fusion", "-k", SUBSET, "-rf", "--reports", str(out), "--min-coverage", "parameters=100")
    assert run.returncode == 1, run.output[-3000:]
    failed = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "test_min_coverage[fusion]" in failed[0], failed
    assert "min_coverage: fusion: parameters" in failed[0]
    assert "listGroupCustomerLicenses request query page_size" in run.stdout
    # the summary prints the coverage and names the reports
    assert "spec coverage per dimension" in run.stdout
    assert f"reports: {out / 'contract.html'}" in run.stdout

    coverage = json.loads((out / "coverage.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(coverage)
    listed = next(
        o for o in coverage["apis"][0]["operations"] if o["operation"] == "listGroupCustomerLicenses"
    )
    assert listed["requests"] == 2
    assert sorted(listed["statuses"]["reached"]) == ["401", "404"]
    assert "request query page_size" in listed["dimensions"]["parameters"]["missing"]
    record = FindingsRecord.read(out / "findings.json")
    assert record.source == "contract"
    page = (out / "contract.html").read_text()
    assert 'id="overview-coverage"' in page and "listGroupCustomerLicenses" in page
    runs = list((out / "history").glob("*.json"))
    assert len(runs) == 1
    summary = json.loads(runs[0].read_text())
    entry = next(o for o in summary["operations"] if o["operation"] == "listGroupCustomerLicenses")
    assert entry["requested"] is True and entry["percent"] == listed["percent"]


def test_an_unreadable_minimum_stops_the_run_before_it_starts(tmp_path: Path) -> None:
    run = run_suites("fusion", "--collect-only", "--min-coverage", "colours=50")
    assert run.returncode == 4, run.output[-2000:]
    assert "--min-coverage 'colours=50': expected DIMENSION=PERCENT" in run.output
    assert "Traceback" not in run.output


def test_make_contract_asks_for_the_reports_and_passes_min_coverage_on() -> None:
    """`make contract` is the suite command above with `--reports reports` (and MIN_COVERAGE passed on)."""
    dry = subprocess.run(
        ["make", "-n", "contract", "API=fusion", "MIN_COVERAGE=statuses=100"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = " ".join(word for word in dry.split() if word != "\\")  # continuation lines joined
    assert "--reports reports" in command
    assert "--min-coverage statuses=100" in command
