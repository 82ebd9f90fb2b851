"""`licensekit proxy` and `licensekit proxy-report` from the command line, and the report's two forms."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from uuid import UUID

import httpx

from licensekit.contract import FAILURE, Finding
from licensekit.jsonlines import read_objects as read
from licensekit.mock import MockServer
from licensekit.proxy.drift_log import DriftLog

from .command import proxy_command


def _write_log(path: Path) -> None:
    log = DriftLog(path)
    common = {"api": "fusion", "method": "GET", "path": "/p", "query": "", "curl": "curl -X GET http://u/p"}
    for status, operation, check, message in [
        (200, "getCustomerLicense", "response_schema_conformance", "response.sku: missing"),
        (200, "getCustomerLicense", "response_schema_conformance", "response.name: 42 is not of type string"),
        (418, "listGroupCustomerLicenses", "status_code_conformance", "status 418 is not documented"),
    ]:
        finding = Finding("fusion", operation, check, FAILURE, "response", message)
        log.write(**common, status=status, findings=[finding], secrets=[])
    log.close()


def test_table_and_junit_group_by_operation_and_check(tmp_path: Path) -> None:
    _write_log(tmp_path / "drift.jsonl")
    cmd = [sys.executable, "-m", "licensekit", "proxy-report", str(tmp_path / "drift.jsonl")]
    run = subprocess.run([*cmd, "--junit", str(tmp_path / "d.xml")], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    rows = [line.split()[:6] for line in run.stdout.splitlines() if line.startswith("failure ")]
    assert rows == [
        ["failure", "-", "2", "fusion", "getCustomerLicense", "response_schema_conformance"],
        ["failure", "-", "1", "fusion", "listGroupCustomerLicenses", "status_code_conformance"],
    ]
    assert "3 findings in 2 distinct deviation(s), 0 of them tolerated" in run.stdout
    suite = ET.parse(tmp_path / "d.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    cases = [(c.get("classname"), c.get("name")) for c in suite.iter("testcase")]
    assert ("fusion.getCustomerLicense", "response_schema_conformance at response") in cases


def test_proxy_report_cli_exit_codes(tmp_path: Path) -> None:
    _write_log(tmp_path / "drift.jsonl")
    (tmp_path / "empty.jsonl").write_text("")
    cmd = [sys.executable, "-m", "licensekit", "proxy-report"]
    found = subprocess.run(
        [*cmd, str(tmp_path / "drift.jsonl"), "--junit", str(tmp_path / "d.xml")],
        capture_output=True,
        text=True,
    )
    assert found.returncode == 1 and "status_code_conformance" in found.stdout
    assert (tmp_path / "d.xml").read_bytes().startswith(b"<?xml")
    clean = subprocess.run([*cmd, str(tmp_path / "empty.jsonl")], capture_output=True, text=True)
    assert clean.returncode == 0 and "no drift" in clean.stdout
    (tmp_path / "bad.jsonl").write_text("[1]\n")
    bad = subprocess.run([*cmd, str(tmp_path / "bad.jsonl")], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    missing = subprocess.run([*cmd, str(tmp_path / "none.jsonl")], capture_output=True, text=True)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_proxy_cli_forwards_and_logs(fusion_mock: MockServer, tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    with proxy_command(fusion_mock.base_url, "--drift-log", str(log), "--timeout", "5") as (proc, line):
        assert line[0] == "fusion" and line[2] == "->" and line[3] == fusion_mock.base_url
        group = next(
            e["uuid"] for e in fusion_mock.state()["entities"] if e["name"] == "Netaxis Telecom Group"
        )
        url = f"{line[1]}/api/v01/draas/draas_v1/groups/{UUID(group)}/customer_licenses"
        assert httpx.get(url, headers=fusion_mock.auth_headers()).status_code == 200
        assert httpx.get(url + "?page_size=zero", headers=fusion_mock.auth_headers()).status_code == 400
    assert proc.returncode == 0
    records = read(log).records
    assert [(r["operation"], r["check"]) for r in records] == [
        ("listGroupCustomerLicenses", "request_conformance")
    ]
    assert "Bearer ***" in records[0]["curl"]


def test_proxy_cli_refuses_bad_arguments() -> None:
    cmd = [sys.executable, "-m", "licensekit", "proxy", "--api", "fusion"]
    for extra in (["--upstream", "ftp://x"], ["--upstream", "http://127.0.0.1:1", "--timeout", "-1"]):
        done = subprocess.run([*cmd, *extra], capture_output=True, text=True, timeout=30)
        assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_torn_line_costs_only_itself(tmp_path: Path) -> None:
    """A proxy killed mid-write leaves its last line cut short: report the good lines, name the bad ones
    by line number, exit on what the good lines say."""
    log = tmp_path / "drift.jsonl"
    _write_log(log)
    good = log.read_text(encoding="utf-8")
    first = good.splitlines()[0]
    torn = first[: first.index("getCustomer") + 6]  # cut inside a string, as a killed writer leaves it
    log.write_text(good + "not json at all\n" + torn, encoding="utf-8")
    cmd = [sys.executable, "-m", "licensekit", "proxy-report", str(log), "--junit", str(tmp_path / "d.xml")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the good lines hold drift
    assert "Traceback" not in run.stderr
    assert "3 findings in 2 distinct deviation(s)" in run.stdout  # every good line reported
    assert run.stderr.strip() == f"{log}: skipped 2 line(s) that are not drift records (line 4, 5)"
    suite = ET.parse(tmp_path / "d.xml").getroot()[0]
    assert suite.get("failures") == "2"

    lines = read(log)
    assert len(lines.records) == 3
    assert [bad.number for bad in lines.bad] == [4, 5]
    assert "Unterminated string" in lines.bad[1].reason


def test_a_log_of_only_bad_lines_exits_2_with_one_line(tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    log.write_text('{"api": "fus', encoding="utf-8")
    cmd = [sys.executable, "-m", "licensekit", "proxy-report"]
    run = subprocess.run([*cmd, str(log)], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"licensekit proxy-report: {log}: skipped 1 line(s) that are not drift records (line 1); "
        "no drift record in the file"
    )


def test_appending_after_a_torn_line_starts_a_new_line(tmp_path: Path) -> None:
    """A restarted proxy appends to the torn log: its first record must not be glued to the torn line."""
    log = tmp_path / "drift.jsonl"
    log.write_text('{"api": "fus', encoding="utf-8")
    _write_log(log)
    lines = read(log)
    assert [bad.number for bad in lines.bad] == [1]
    assert len(lines.records) == 3
