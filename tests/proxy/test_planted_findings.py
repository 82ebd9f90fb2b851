"""Behind the proxy, each planted answer gives its finding in the drift log (right check, severity and
location), and `proxy-report` reads them back as the one findings record, with --baseline and --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from licensekit.proxy import serve
from tests.traffic.planted import BY_NAME, PLANTED, Planted, bent, call


@pytest.mark.parametrize("planted", PLANTED, ids=[p.name for p in PLANTED])
def test_each_planted_answer_is_a_finding_in_the_drift_log(planted: Planted, tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    with bent(planted.api) as (upstream, url), serve(planted.api, url, drift_log=log) as proxy:
        answer = call(upstream, proxy.base_url.rstrip("/"), planted)
        assert answer.status_code == (200 if "200 {}" in planted.name else answer.status_code)
        records = proxy.drift()
    operation, check, severity, location = planted.finding
    found = [(r["operation"], r["check"], r["severity"], loc) for r in records for loc in r["locations"]]
    assert (operation, check, severity, location) in found, found
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "licensekit",
            "proxy-report",
            str(log),
            "--findings",
            str(tmp_path / "f.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert report.returncode == (1 if severity == "failure" else 0), report.stdout + report.stderr
    entries = json.loads((tmp_path / "f.json").read_text())["findings"]
    assert (operation, check, severity, location) in {
        (e["operation"], e["check"], e["severity"], e["location"]) for e in entries
    }


def test_proxy_report_baseline_and_strict(tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    missing = BY_NAME["missing expected field"]
    with bent(missing.api) as (upstream, url), serve(missing.api, url, drift_log=log) as proxy:
        call(upstream, proxy.base_url.rstrip("/"), missing)
        proxy.drift()
    cmd = [sys.executable, "-m", "licensekit", "proxy-report", str(log)]
    lenient = subprocess.run(cmd, capture_output=True, text=True)
    assert lenient.returncode == 0 and "missing_expected_property" in lenient.stdout
    strict = subprocess.run([*cmd, "--strict"], capture_output=True, text=True)
    assert strict.returncode == 1 and (
        "tolerated: partner-center getUserLicenses missing_expected_property at "
        "response 200 body.items[].attributes.objectType" in strict.stdout
    )
    baseline = tmp_path / "known.json"
    first = subprocess.run(
        [*cmd, "--strict", "--baseline", str(baseline), "--update-baseline"], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stdout
    written = baseline.read_text()
    nightly = subprocess.run([*cmd, "--strict", "--baseline", str(baseline)], capture_output=True, text=True)
    assert nightly.returncode == 0 and baseline.read_text() == written


def test_a_torn_line_is_skipped_and_counted_every_good_line_reported(tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    with bent("fusion") as (upstream, url), serve("fusion", url, drift_log=log) as proxy:
        call(upstream, proxy.base_url.rstrip("/"), BY_NAME["500 with a body the spec accepts"])
        proxy.drift()
    good = log.read_text().splitlines()
    log.write_text("\n".join([good[0][: len(good[0]) // 2], *good]) + "\n")
    run = subprocess.run(
        [sys.executable, "-m", "licensekit", "proxy-report", str(log)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "not_a_server_error" in run.stdout
    assert "skipped 1 line(s) that are not drift records (line 1)" in run.stderr
