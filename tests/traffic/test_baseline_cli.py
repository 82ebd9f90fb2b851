"""--baseline, --update-baseline and --strict, on check-traffic and proxy-report alike (one ending:
licensekit.reports.outcome): known findings pass, new ones fail and are named, expired entries fail,
an update round-trips, bad files are one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .planted import BY_NAME
from .test_check_traffic import check_traffic, record

# Fusion's tolerated deviation: an unknown value of its open `status` (Fusion has no field that is only
# expected; the missing expected field is planted on Partner Center, tests/traffic/planted.py).
NEW_STATUS = BY_NAME["unknown value of an open enum"]
FIVE_HUNDRED = BY_NAME["500 with a body the spec accepts"]
WRONG_TYPE = BY_NAME["wrong type (a departure the proxy already reported)"]


def api_row(stdout: str, api: str) -> list[str]:
    """The baseline summary's row for `api`: new, known, gone, expired."""
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("baseline "))
    row = next(line for line in lines[start:] if line.split()[:1] == [api])
    return row.split()[1:]


@pytest.fixture(scope="module")
def hars(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    where = tmp_path_factory.mktemp("hars")
    return {
        "tolerated": record("fusion", where, [NEW_STATUS], "tolerated.har"),
        "both": record("fusion", where, [NEW_STATUS, FIVE_HUNDRED], "both.har"),
        "more": record("fusion", where, [NEW_STATUS, FIVE_HUNDRED, WRONG_TYPE], "more.har"),
    }


def test_update_round_trips_known_findings_pass_and_reasons_stay(
    hars: dict[str, Path], tmp_path: Path
) -> None:
    baseline = tmp_path / "known.json"
    first = check_traffic(
        "--api", "fusion", str(hars["both"]), "--baseline", str(baseline), "--update-baseline"
    )
    assert first.returncode == 0, first.stdout + first.stderr  # what is written is known
    document = json.loads(baseline.read_text())
    prints = [e["fingerprint"] for e in document["entries"]]
    assert prints == sorted(prints) and len(prints) == len(set(prints)) >= 2
    assert baseline.read_text().endswith("}\n") and '  "entries": [\n' in baseline.read_text()
    # A human gives reasons; the nightly run passes, and leaves the file as it was.
    for entry in document["entries"]:
        entry["reason"] = f"accepted: {entry['check']} (ticket VND-12)"
    baseline.write_text(json.dumps(document, indent=2) + "\n")
    reviewed = baseline.read_text()
    nightly = check_traffic("--api", "fusion", str(hars["both"]), "--baseline", str(baseline), "--strict")
    assert nightly.returncode == 0, nightly.stdout
    assert api_row(nightly.stdout, "fusion") == ["0", str(len(prints)), "0", "0"]  # new known gone expired
    assert baseline.read_text() == reviewed
    # Updating again changes nothing: same entries, reasons kept, byte for byte.
    again = check_traffic(
        "--api", "fusion", str(hars["both"]), "--baseline", str(baseline), "--update-baseline"
    )
    assert again.returncode == 0 and baseline.read_text() == reviewed


def test_a_new_finding_fails_and_is_named_new(hars: dict[str, Path], tmp_path: Path) -> None:
    baseline = tmp_path / "known.json"
    check_traffic("--api", "fusion", str(hars["both"]), "--baseline", str(baseline), "--update-baseline")
    run = check_traffic(
        "--api",
        "fusion",
        str(hars["more"]),
        "--baseline",
        str(baseline),
        "--findings",
        str(tmp_path / "f.json"),
    )
    assert run.returncode == 1, run.stdout
    assert (
        "new failure: fusion getCustomerLicense response_schema_conformance at response 200 body.name"
        in run.stdout
    )
    document = json.loads((tmp_path / "f.json").read_text())
    states = {(f["check"], f["location"]): f["baseline"] for f in document["findings"]}
    assert states[("response_schema_conformance", "response 200 body.name")] == "new"
    assert states[("not_a_server_error", "response 500")] == "known"
    assert document["baseline"] == {"file": str(baseline), "gone": [], "expired": []}
    # per API: new / known / gone / expired
    row = next(
        line for line in run.stdout.splitlines() if line.strip().startswith("fusion") and line.count(" ") > 10
    )
    assert row.split()[1:] == ["1", str(len(states) - 1), "0", "0"]


def test_gone_entries_are_counted(hars: dict[str, Path], tmp_path: Path) -> None:
    baseline = tmp_path / "known.json"
    check_traffic("--api", "fusion", str(hars["more"]), "--baseline", str(baseline), "--update-baseline")
    run = check_traffic(
        "--api",
        "fusion",
        str(hars["tolerated"]),
        "--baseline",
        str(baseline),
        "--findings",
        str(tmp_path / "f.json"),
    )
    assert run.returncode == 0, run.stdout
    gone = json.loads((tmp_path / "f.json").read_text())["baseline"]["gone"]
    assert len(gone) >= 2


def test_an_expired_entry_fails_naming_it(hars: dict[str, Path], tmp_path: Path) -> None:
    baseline = tmp_path / "known.json"
    check_traffic("--api", "fusion", str(hars["both"]), "--baseline", str(baseline), "--update-baseline")
    document = json.loads(baseline.read_text())
    document["entries"][0]["expires"] = "2020-01-31"
    document["entries"][0]["reason"] = "vendor promised a fix by January"
    baseline.write_text(json.dumps(document, indent=2))
    run = check_traffic("--api", "fusion", str(hars["both"]), "--baseline", str(baseline))
    assert run.returncode == 1, run.stdout
    fp = document["entries"][0]["fingerprint"]
    assert f"expired baseline entry (expires 2020-01-31): {fp}" in run.stdout
    assert "reason was: vendor promised a fix by January" in run.stdout
    document["entries"][0]["expires"] = "2999-12-31"
    baseline.write_text(json.dumps(document, indent=2))
    assert check_traffic("--api", "fusion", str(hars["both"]), "--baseline", str(baseline)).returncode == 0


def test_strict_fails_on_tolerated_findings_without_it_they_are_listed(hars: dict[str, Path]) -> None:
    lenient = check_traffic("--api", "fusion", str(hars["tolerated"]))
    assert lenient.returncode == 0
    assert "unknown_enum_value" in lenient.stdout and "1 tolerated finding(s) listed" in lenient.stdout
    strict = check_traffic("--api", "fusion", str(hars["tolerated"]), "--strict")
    assert strict.returncode == 1
    assert (
        "tolerated: fusion listGroupCustomerLicenses unknown_enum_value at "
        "response 200 body.licenses[].status" in strict.stdout
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "not JSON"),
        ('{"version": 2, "entries": []}', "unknown baseline version 2"),
        ('{"version": 1}', "missing or wrong field 'entries'"),
        (
            '{"version": 1, "entries": [{"fingerprint": "0123456789abcdef"}]}',
            "entries[0]: missing or wrong field 'api'",
        ),
        (
            '{"version": 1, "entries": [{"fingerprint": "0123456789abcdef", "api": "fusion",'
            ' "operation": "x", "check": "c", "severity": "failure", "location": "l", "reason": "r"}]}',
            "does not match its api, operation, check and location",
        ),
        ('{"version": 1, "entries": [], "extra": 1}', "unknown field 'extra'"),
    ],
)
def test_a_bad_baseline_is_one_line_exit_2(
    hars: dict[str, Path], tmp_path: Path, text: str, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    for run in (
        check_traffic("--api", "fusion", str(hars["tolerated"]), "--baseline", str(bad)),
        _proxy_report(tmp_path, "--baseline", str(bad)),
    ):
        assert run.returncode == 2 and "Traceback" not in run.stderr
        [line] = run.stderr.strip().splitlines()
        assert str(bad) in line and problem in line, line


def test_a_bad_findings_file_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "findings.json"
    bad.write_text('{"version": 7, "source": "contract", "started": "", "finished": "", "findings": []}')
    run = check_traffic("--api", "fusion", "--format", "findings", str(bad))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert str(bad) in line and "unknown findings version 7" in line


def _proxy_report(tmp_path: Path, *args: str):
    import subprocess
    import sys

    log = tmp_path / "drift.jsonl"
    log.write_text("")
    return subprocess.run(
        [sys.executable, "-m", "licensekit", "proxy-report", str(log), *args], capture_output=True, text=True
    )
