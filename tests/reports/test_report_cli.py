"""`licensekit report`: the page from a findings record, a coverage report and a history folder; bad
input refused in one line (exit 2); `--min-coverage` below its mark exits 1 after writing the page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from licensekit.__main__ import main
from licensekit.reports import history

from . import pages


def embedded(page: Path) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="report-data">') + len(
        '<script type="application/json" id="report-data">'
    )
    data: dict[str, Any] = json.loads(text[start : text.index("</script>", start)])
    return data


@pytest.fixture(scope="module")
def coverage() -> dict[str, Any]:
    return pages.fusion_coverage()


def test_thirty_runs_of_history_give_each_operation_its_strip_and_trend(tmp_path: Path, coverage) -> None:
    folder = tmp_path / "history"
    record = pages.findings_record(3, operations=[("fusion", "getCustomerLicense")]).as_dict()
    tolerated = dict(record, findings=[f for f in record["findings"] if f["severity"] == "tolerated"])
    clean = dict(record, findings=[])
    for day in range(1, 30):  # 29 runs written here, the 30th by the command itself
        document = clean if day < 20 else tolerated if day < 27 else record
        cov = json.loads(json.dumps(coverage))
        for op in cov["apis"][0]["operations"]:
            op["percent"] = float(day)  # a rising trend
        history.append(folder, history.summarize(dict(document, started=f"2026-11-{day:02d}T02:00:00Z"), cov))
    findings = pages.write_json(tmp_path / "findings.json", dict(record, started="2026-11-30T02:00:00Z"))
    cov_file = pages.write_json(tmp_path / "coverage.json", coverage)
    page = tmp_path / "page.html"
    args = [
        "report",
        str(findings),
        "--coverage",
        str(cov_file),
        "--history",
        str(folder),
        "--append-history",
    ]
    code = main([*args, "-o", str(page)])
    assert code == 0
    data = embedded(page)
    assert len(data["runs"]) == 30 and data["runs"][-1] == "2026-11-30T02:00:00Z"
    get = next(op for op in data["ops"] if op["o"] == "getCustomerLicense")
    assert get["hs"] == ["pass"] * 19 + ["tolerated"] * 7 + ["fail"] * 4
    last = next(o for o in coverage["apis"][0]["operations"] if o["operation"] == "getCustomerLicense")[
        "percent"
    ]
    assert get["ht"] == [float(day) for day in range(1, 30)] + [last]
    # an operation the runs never requested is "not run", not "pass"
    login = next(op for op in data["ops"] if op["o"] == "login")
    assert set(login["hs"]) == {"none"}


def test_the_history_keeps_the_newest_runs_and_names_files_it_cannot_read(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    for n in range(5):
        summary = history.summarize(
            {"source": "proxy", "started": f"2026-12-0{n + 1}T00:00:00Z", "findings": []}, None
        )
        history.append(folder, summary, keep=3)
    kept = sorted(p.name for p in folder.glob("*.json"))
    assert kept == [
        "20261203T000000Z-proxy.json",
        "20261204T000000Z-proxy.json",
        "20261205T000000Z-proxy.json",
    ]
    (folder / "zz-broken.json").write_text("{not json", encoding="utf-8")
    (folder / "zz-other.json").write_text('{"version": 7}', encoding="utf-8")
    loaded = history.load(folder)
    assert [r["started"][:10] for r in loaded.runs] == ["2026-12-03", "2026-12-04", "2026-12-05"]
    assert [u.split(":")[0] for u in loaded.unreadable] == ["zz-broken.json", "zz-other.json"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licensekit", "report", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "not JSON"),
        (
            '{"version": 9, "source": "x", "started": "", "finished": "", "findings": []}',
            "unknown findings version 9",
        ),
        ('{"version": 1, "source": "x", "started": "", "finished": ""}', "missing or wrong field 'findings'"),
    ],
)
def test_a_bad_findings_file_is_refused_in_one_line(tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    done = run_cli(str(bad), "-o", str(tmp_path / "page.html"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and problem in lines[0], done.stderr
    assert not (tmp_path / "page.html").exists()


def test_a_bad_coverage_file_is_refused_in_one_line(tmp_path: Path) -> None:
    findings = pages.write_json(tmp_path / "f.json", pages.findings_record(2).as_dict())
    cov = pages.write_json(tmp_path / "c.json", {"version": 1, "apis": [{"api": "fusion"}]})
    done = run_cli(str(findings), "--coverage", str(cov), "-o", str(tmp_path / "page.html"))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"licensekit report: {cov}: apis[0]: missing or wrong field 'dimensions' or 'operations'"
    )


def test_min_coverage_below_its_mark_exits_one_after_writing_the_page(tmp_path: Path, coverage) -> None:
    findings = pages.write_json(tmp_path / "f.json", pages.findings_record(2).as_dict())
    cov = pages.write_json(tmp_path / "c.json", coverage)
    page = tmp_path / "page.html"
    done = run_cli(str(findings), "--coverage", str(cov), "--min-coverage", "parameters=100", "-o", str(page))
    assert done.returncode == 1, done.stderr
    assert page.exists()
    assert "coverage below minimum: fusion: parameters" in done.stderr
    assert "listGroupCustomerLicenses request query page_size" in done.stderr
    ok = run_cli(str(findings), "--coverage", str(cov), "--min-coverage", "parameters=1", "-o", str(page))
    assert ok.returncode == 0, ok.stderr


def test_the_page_escapes_what_the_findings_carry(tmp_path: Path) -> None:
    record = pages.findings_record(1).as_dict()
    record["findings"][0]["messages"] = ["</script><script>alert(1)</script> & <!--"]
    findings = pages.write_json(tmp_path / "f.json", record)
    page = tmp_path / "page.html"
    assert main(["report", str(findings), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "<!--" not in text
    assert embedded(page)["f"][0][8] == ["</script><script>alert(1)</script> & <!--"]
