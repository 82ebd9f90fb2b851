"""The one summary printed at the end of a contract run, for every API tested, with a total.

Built from SECTIONS: each a function of (terminal reporter, APIs tested) returning lines (or none). To
add a section (warnings, say), append a function to SECTIONS; the order of the list is the order shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from licensekit.contract.registry import APIS
from licensekit.reports import table

from . import plumbing, reports, tolerance
from .coverage import COVERAGE, operations
from .findings_record import FINDINGS
from .plumbing import STATS, SUITE_API

Section = Callable[[Any, list[str]], list[str]]
REPORT_LINES: list[str] = []  # where the reports went (contract_tests/reports.py), set at session finish


def tested_apis() -> list[str]:
    return [a for a in APIS if STATS.cases[a] or a in STATS.failures or COVERAGE.reached.get(a)]


def _outcomes(tr: Any) -> dict[str, dict[str, int]]:
    """pytest's outcomes per API (passed / failed / skipped / error), from the terminal reporter's stats."""
    counts: dict[str, dict[str, int]] = {}
    for key in ("passed", "failed", "skipped", "error"):
        for report in tr.stats.get(key, []):
            if getattr(report, "when", "call") != "call" and key == "passed":
                continue
            nodeid = getattr(report, "nodeid", "")
            if not nodeid.startswith("contract_tests/"):
                continue  # tests/mock/test_fusion.py is not the Fusion suite
            api = SUITE_API.get(nodeid.split("::")[0].rsplit("/", 1)[-1]) or _api_in(nodeid)
            if api is None:
                continue
            counts.setdefault(api, {}).setdefault(key, 0)
            counts[api][key] += 1
    return counts


def _api_in(nodeid: str) -> str | None:
    param = nodeid.rpartition("[")[2]
    for api in sorted(APIS, key=len, reverse=True):  # partner-center before a shorter name could match
        if param.startswith(api):
            return api
    return None


def tests_section(tr: Any, apis: list[str]) -> list[str]:
    counts = _outcomes(tr)
    head = f"{'API':<16}{'passed':>7}{'failed':>7}{'skipped':>8}{'errors':>7}{'operations':>11}{'cases':>8}"
    lines = [head]
    total = dict.fromkeys(("passed", "failed", "skipped", "error", "operations", "cases"), 0)
    for api in apis:
        c = counts.get(api, {})
        row = {
            **{k: c.get(k, 0) for k in ("passed", "failed", "skipped", "error")},
            "operations": len(STATS.operations[api]),
            "cases": STATS.cases[api],
        }
        for k, v in row.items():
            total[k] += v
        lines.append(_row(api, row))
    lines.append(_row("total", total))
    return lines


def _row(name: str, r: dict[str, int]) -> str:
    return (
        f"{name:<16}{r['passed']:>7}{r['failed']:>7}{r['skipped']:>8}{r['error']:>7}"
        f"{r['operations']:>11}{r['cases']:>8}"
    )


def failures_section(tr: Any, apis: list[str]) -> list[str]:
    lines = ["failures by check (distinct: one kind of failure on one operation counts once):"]
    for api in apis:
        fails = STATS.failures.get(api)
        failed = ", ".join(f"{name}: {len(n)}" for name, n in sorted(fails.items())) if fails else "none"
        lines.append(f"  {api}: {failed}")
    return lines


def statuses_section(tr: Any, apis: list[str]) -> list[str]:
    lines = [
        "statuses reached per operation (reached/documented; a documented status in () was not reached):"
    ]
    for api in apis:
        reached_ops = sum(bool(COVERAGE.reached[api].get(op.operation_id)) for op in operations(api))
        lines.append(f"  {api} ({reached_ops}/{len(operations(api))} operations requested)")
        lines.extend("  " + line for line in COVERAGE.table(api))
    return lines


def notes_section(tr: Any, apis: list[str]) -> list[str]:
    s = plumbing.settings()
    lines = [
        f"seed {s.seed}: `--contract-seed {s.seed}` replays the property and stateful tests",
        "cases: requests sent by the property and stateful tests, every execution (hypothesis' shrinking "
        "replays after a failure included); scenario tests and status probes are counted by pytest",
    ]
    if s.record_dir:
        lines.append(f"recordings (HAR, VCR; secrets masked): {s.record_dir}")
    return lines


def warnings_section(_tr: Any, apis: list[str]) -> list[str]:
    """Tolerated deviations (docs/spec-conventions.md): answers the spec accepts but does not expect."""
    return tolerance.summary_lines(apis)


def findings_section(_tr: Any, apis: list[str]) -> list[str]:
    """The findings record: distinct findings per API, and against the baseline, new / known / gone."""
    record = FINDINGS.record
    lines = [f"findings (distinct deviations; {record.exchanges} answers judged):"]
    for api in apis:
        entries = [e for e in record.entries.values() if e.api == api]
        failures = sum(1 for e in entries if e.severity == "failure")
        lines.append(f"  {api}: {failures} failure(s), {len(entries) - failures} tolerated")
    if FINDINGS.comparison is not None:
        lines += table.baseline_lines(FINDINGS.comparison, apis)
        lines += [
            f"  expired: {b.label()} (expires {b.expires}; reason was: {b.reason})"
            for b in FINDINGS.comparison.expired
        ]
    if FINDINGS.strict:
        lines.append("--strict-findings: a tolerated finding not in the baseline fails the run")
    if FINDINGS.written:
        lines.append(f"findings record: {FINDINGS.written} (docs/findings.md)")
    return lines


def coverage_section(_tr: Any, apis: list[str]) -> list[str]:
    return reports.coverage_lines(apis)


def reports_section(_tr: Any, apis: list[str]) -> list[str]:
    return list(REPORT_LINES)


SECTIONS: list[Section] = [
    tests_section,
    failures_section,
    statuses_section,
    coverage_section,
    warnings_section,
    findings_section,
    notes_section,
    reports_section,
]


def lines(tr: Any) -> list[str]:
    apis = tested_apis()
    if not apis:
        return []
    out: list[str] = []
    for section in SECTIONS:
        part = section(tr, apis)
        if part:
            if out:
                out.append("")
            out.extend(part)
    return out
