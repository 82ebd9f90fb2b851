"""The HTML report in a real browser (Chromium, network blocked): what a person sees and can do.

The overview's numbers are the JSON's; pressing an operation shows its findings; the filters filter; the
copy button copies the masked curl; every control is reached by keyboard; a page with 10,000 findings is
usable within 2 s. One screenshot per run is kept as reports/report-page.png (the CI artifact).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licensekit.__main__ import main
from licensekit.reports import history, html

from . import pages
from .offline import OfflinePage

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: make install").expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "reports" / "report-page.png"


@pytest.fixture(scope="module")
def coverage() -> dict[str, Any]:
    return pages.fusion_coverage()


@pytest.fixture(scope="module")
def findings() -> dict[str, Any]:
    return pages.with_baseline(pages.findings_record(30).as_dict())


def open_page(
    offline: OfflinePage, tmp_path: Path, findings: dict[str, Any], coverage: Any, past: Any = None
) -> Any:
    path = tmp_path / "page.html"
    path.write_text(html.render(findings, coverage, past), encoding="utf-8")
    offline.open(path)
    offline.page.wait_for_selector("body[data-ready=true]")
    return offline.page


def cell(page: Any, table: str, api: str, field: str) -> str:
    text: str = page.locator(f'#{table} td[data-api="{api}"][data-field="{field}"]').inner_text()
    return text.strip()


def test_overview_numbers_are_the_json_numbers(
    offline_page: OfflinePage, tmp_path: Path, findings, coverage
) -> None:
    page = open_page(offline_page, tmp_path, findings, coverage)
    entries = findings["findings"]
    assert cell(page, "overview-findings", "fusion", "failures") == str(
        sum(e["severity"] == "failure" for e in entries)
    )
    assert cell(page, "overview-findings", "fusion", "tolerated") == str(
        sum(e["severity"] == "tolerated" for e in entries)
    )
    assert cell(page, "overview-findings", "fusion", "new") == str(
        sum(e["baseline"] == "new" for e in entries)
    )
    assert cell(page, "overview-findings", "fusion", "known") == str(
        sum(e["baseline"] == "known" for e in entries)
    )
    assert cell(page, "overview-findings", "fusion", "gone") == str(len(findings["baseline"]["gone"]))
    assert cell(page, "overview-findings", "fusion", "expired") == str(len(findings["baseline"]["expired"]))
    # fail in words, not colour alone
    assert cell(page, "overview-findings", "fusion", "result") == "✗ fail"
    dims = coverage["apis"][0]["dimensions"]
    for dim, got in dims.items():
        text = cell(page, "overview-coverage", "fusion", f"coverage-{dim}")
        assert text == f"{got['percent']:g}% ({got['covered']}/{got['total']})", dim
    assert offline_page.blocked == []


def test_pressing_an_operation_shows_its_findings_statuses_and_what_was_never_exercised(
    offline_page: OfflinePage, tmp_path: Path, findings, coverage
) -> None:
    page = open_page(offline_page, tmp_path, findings, coverage)
    button = page.locator('button.op[data-op="getCustomerLicense"]')
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator(".op-detail").count() == 0
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    detail = page.locator(".op-detail")
    mine = {e["fingerprint"] for e in findings["findings"] if e["operation"] == "getCustomerLicense"}
    shown = set(
        detail.locator("tr[data-fingerprint]").evaluate_all("rows => rows.map(r => r.dataset.fingerprint)")
    )
    assert shown == mine
    # failures and tolerated deviations in separate tables
    fails = {
        e["fingerprint"]
        for e in findings["findings"]
        if e["operation"] == "getCustomerLicense" and e["severity"] == "failure"
    }
    in_fail_table = detail.locator('table[data-kind="failure"] tr[data-fingerprint]').evaluate_all(
        "rows => rows.map(r => r.dataset.fingerprint)"
    )
    assert set(in_fail_table) == fails
    op = next(o for o in coverage["apis"][0]["operations"] if o["operation"] == "getCustomerLicense")
    assert detail.locator('[data-field="reached"]').inner_text() == ", ".join(op["statuses"]["reached"])
    never = [s for s in op["statuses"]["documented"] if s not in op["statuses"]["reached"]]
    assert detail.locator('[data-field="never"]').inner_text() == ", ".join(never)
    properties = detail.locator('details[data-dimension="properties"]')
    properties.locator("summary").click()
    listed = properties.locator("li").all_inner_texts()
    assert listed == op["dimensions"]["properties"]["missing"]
    button.click()
    assert page.locator(".op-detail").count() == 0


def visible_fingerprints(page: Any) -> set[str]:
    for button in page.locator('button.op[aria-expanded="false"]').all():
        button.click()
    found: list[str] = page.locator("tr[data-fingerprint]").evaluate_all(
        "rows => rows.map(r => r.dataset.fingerprint)"
    )
    return set(found)


def test_filters_and_search_filter(offline_page: OfflinePage, tmp_path: Path, coverage) -> None:
    record = pages.findings_record(
        24,
        operations=[
            ("fusion", "listGroupCustomerLicenses"),
            ("fusion", "getCustomerLicense"),
            ("cloudcockpit", "listCustomerLicenses"),
        ],
    )
    findings = pages.with_baseline(record.as_dict(), known_every=3)
    page = open_page(offline_page, tmp_path, findings, coverage)
    entries = findings["findings"]
    page.select_option("#filter-api", "cloudcockpit")
    assert page.locator("section.api").evaluate_all("s => s.map(x => x.dataset.api)") == ["cloudcockpit"]
    assert visible_fingerprints(page) == {e["fingerprint"] for e in entries if e["api"] == "cloudcockpit"}
    page.select_option("#filter-api", "")
    page.select_option("#filter-severity", "0")
    assert visible_fingerprints(page) == {e["fingerprint"] for e in entries if e["severity"] == "failure"}
    page.check("#filter-new")
    want = {e["fingerprint"] for e in entries if e["severity"] == "failure" and e["baseline"] == "new"}
    assert want and visible_fingerprints(page) == want
    page.uncheck("#filter-new")
    page.select_option("#filter-severity", "")
    target = entries[5]
    page.fill("#filter-search", target["location"].split(".")[-1])  # "field5"
    expect(page.locator("#filter-status")).to_contain_text("Showing 1 of")
    assert visible_fingerprints(page) == {target["fingerprint"]}
    page.fill("#filter-search", "no such thing anywhere")
    expect(page.locator("#filter-status")).to_contain_text("Showing 0 of")
    assert page.locator("tr.op-row").count() == 0


def test_copy_button_copies_the_masked_curl(
    offline_page: OfflinePage, tmp_path: Path, findings, coverage
) -> None:
    page = open_page(offline_page, tmp_path, findings, coverage)
    page.locator('button.op[data-op="listGroupCustomerLicenses"]').click()
    row = page.locator("tr[data-fingerprint]").first
    fingerprint = row.get_attribute("data-fingerprint")
    curl = next(e["curl"] for e in findings["findings"] if e["fingerprint"] == fingerprint)
    assert "[Filtered]" in curl
    row.locator("button.copy").click()
    expect(page.locator("#copy-status")).to_have_text("Copied the curl command")
    assert page.evaluate("navigator.clipboard.readText()") == curl


def test_every_control_is_reached_and_worked_by_keyboard(
    offline_page: OfflinePage, tmp_path: Path, findings, coverage
) -> None:
    page = open_page(offline_page, tmp_path, findings, coverage)
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(e => e.id || e.dataset.op || e.className)(document.activeElement)"))
    for control in ("filter-api", "filter-severity", "filter-new", "filter-search"):
        assert control in reached, reached
    ops = [r for r in reached if r in {"login", "refreshAccessToken", "listGroupCustomerLicenses"}]
    assert ops, reached
    page.keyboard.press("Enter")  # on an operation button: opens it
    assert page.locator('button.op[aria-expanded="true"]').count() == 1
    # headings and tables are real ones
    assert page.locator("h1").count() == 1 and page.locator("h2").count() >= 2
    assert page.locator("table#overview-findings th[scope=col]").count() == 8


def test_history_of_thirty_runs_draws_strips_and_trends(
    offline_page: OfflinePage, tmp_path: Path, coverage
) -> None:
    """30 runs made here (the last by `licensekit report --append-history`); the page the command writes
    shows, per operation, a strip of 30 states in symbols and words, and the coverage trend."""
    folder = tmp_path / "history"
    bad = pages.findings_record(3, operations=[("fusion", "getCustomerLicense")]).as_dict()
    clean = dict(bad, findings=[])
    for day in range(1, 30):
        document = dict(bad if day >= 27 else clean, started=f"2026-11-{day:02d}T02:00:00Z")
        cov = json.loads(json.dumps(coverage))
        for op in cov["apis"][0]["operations"]:
            op["percent"] = float(2 * day)
        history.append(folder, history.summarize(document, cov))
    findings = pages.write_json(tmp_path / "findings.json", dict(bad, started="2026-11-30T02:00:00Z"))
    cov_file = pages.write_json(tmp_path / "coverage.json", coverage)
    page_file = tmp_path / "page.html"
    args = [
        "report",
        str(findings),
        "--coverage",
        str(cov_file),
        "--history",
        str(folder),
        "--append-history",
    ]
    assert main([*args, "-o", str(page_file)]) == 0
    offline_page.open(page_file)
    page = offline_page.page
    page.wait_for_selector("body[data-ready=true]")
    strip = page.locator('tr.op-row[data-op="getCustomerLicense"] .strip')
    assert strip.get_attribute("data-states").split(",") == ["pass"] * 26 + ["fail"] * 4
    cells = strip.locator("span")
    assert cells.count() == 30
    assert "26 pass, 0 tolerated only, 4 fail, 0 not run" in strip.get_attribute("aria-label")
    assert cells.last.inner_text() == "✗" and cells.first.inner_text() == "✓"
    assert cells.last.get_attribute("title") == "2026-11-30T02:00:00Z: fail"
    trend = page.locator('tr.op-row[data-op="getCustomerLicense"] [data-trend]')
    last = next(o for o in coverage["apis"][0]["operations"] if o["operation"] == "getCustomerLicense")[
        "percent"
    ]
    assert trend.get_attribute("data-trend") == ",".join(f"{2 * d:g}" for d in range(1, 30)) + f",{last:g}"
    assert trend.locator("svg polyline").count() == 1
    assert trend.inner_text().strip() == f"2% → {last:g}%"
    assert offline_page.blocked == []


def test_ten_thousand_findings_are_usable_within_two_seconds(
    offline_page: OfflinePage, tmp_path: Path, coverage
) -> None:
    """Timed by the page's own clock (performance.now() from the start of navigation), so that the
    driver's round trips are not counted: loaded and drawn, one operation opened, one filter applied."""
    ops = [("fusion", o["operation"]) for o in coverage["apis"][0]["operations"]]
    findings = pages.with_baseline(pages.findings_record(10_000, operations=ops).as_dict())
    path = tmp_path / "big.html"
    path.write_text(html.render(findings, coverage), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    ready = float(page.locator("body").get_attribute("data-ready-ms"))
    # each action: the event handled, then layout forced (what the person waits for before seeing it)
    opened, filtered = page.evaluate(
        """() => {
          const t0 = performance.now();
          document.querySelector('button.op[data-op="getCustomerLicense"]').click();
          document.body.offsetHeight;
          const t1 = performance.now();
          const select = document.getElementById('filter-severity');
          select.value = '0';
          select.dispatchEvent(new Event('change'));
          document.body.offsetHeight;
          return [t1 - t0, performance.now() - t1];
        }"""
    )
    total = ready + opened + filtered
    assert total < 2000, (
        f"{ready:.0f} ms to load, {opened:.0f} ms to open an operation, {filtered:.0f} ms to filter"
    )
    failures = sum(e["severity"] == "failure" for e in findings["findings"])
    shown_text = page.locator("#filter-status").inner_text()
    assert shown_text == f"Showing {failures} of 10000 findings in {len(ops)} operations."
    # grouped: one row per operation, finding rows only for the opened one (a page of them until "show all")
    assert page.locator("tr.op-row").count() == len(ops)
    shown = page.locator(".op-detail tr[data-fingerprint]").count()
    assert 0 < shown <= 50
    page.locator("button.more").first.click()
    mine = [
        e
        for e in findings["findings"]
        if e["operation"] == "getCustomerLicense" and e["severity"] == "failure"
    ]
    assert page.locator('.op-detail table[data-kind="failure"] tr[data-fingerprint]').count() == len(mine)
    assert offline_page.blocked == []


def test_the_page_makes_no_request_and_a_screenshot_is_kept(
    offline_page: OfflinePage, tmp_path: Path, findings, coverage
) -> None:
    page = open_page(offline_page, tmp_path, findings, coverage)
    page.locator('tr.op-row:not([data-findings="0"]) button.op').first.click()
    html_text = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "http://" not in html_text.replace("http://www.w3.org/2000/svg", "").split('id="report-data"')[0]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    assert offline_page.blocked == []
