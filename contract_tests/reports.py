"""What a contract run leaves for people to look at (`--reports DIR`, as `make contract` passes):

- `coverage.json`: the spec coverage of every exchange the suites sent, in every dimension
  (licensekit.contract.coverage; docs/coverage.md);
- `findings.json`: the run's findings record (docs/findings.md), the one `--findings` writes;
- `contract.html`: one self-contained page of both, with the history (licensekit.reports.html);
- a summary of the run appended to the history folder (`--history DIR`, default DIR/history).

`--min-coverage DIM=PCT,...` is held by `test_coverage.py::test_min_coverage` (a failed test naming what
was not covered), not here: a report is written whatever the outcome.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from licensekit.contract.coverage import parse_minimums
from licensekit.reports import history, html

from .coverage import COVERAGE
from .findings_record import FINDINGS


@dataclass
class Options:
    reports: Path | None = None
    history: Path | None = None
    minimums: dict[str, float] | None = None
    started: float = 0.0


OPTIONS = Options()


def configure(reports: str | None, history_dir: str | None, min_coverage: str | None) -> None:
    """From the pytest options; a --min-coverage that cannot be read raises ValueError (a usage error)."""
    OPTIONS.reports = Path(reports) if reports else None
    default = OPTIONS.reports / "history" if OPTIONS.reports else None
    OPTIONS.history = Path(history_dir) if history_dir else default
    OPTIONS.minimums = parse_minimums(min_coverage) if min_coverage else None
    OPTIONS.started = time.time()


def write() -> list[str]:
    """Write the reports; the lines the summary prints about them."""
    if OPTIONS.reports is None:
        return []
    out = OPTIONS.reports
    out.mkdir(parents=True, exist_ok=True)
    coverage = COVERAGE.spec.report()
    (out / "coverage.json").write_text(json.dumps(coverage, indent=1) + "\n", encoding="utf-8")
    # The suites' one findings record (findings_record.py; compared with --baseline by now), in the
    # reports folder too when --findings put it elsewhere.
    record = FINDINGS.record
    if FINDINGS.written is None or Path(FINDINGS.written).resolve() != (out / "findings.json").resolve():
        record.write(out / "findings.json")
    findings = record.as_dict()
    past = None
    if OPTIONS.history is not None:
        history.append(OPTIONS.history, history.summarize(findings, coverage))
        past = history.load(OPTIONS.history)
    page = html.render(findings, coverage, past, title="licensekit contract run")
    (out / "contract.html").write_text(page, encoding="utf-8")
    names = ", ".join(str(out / name) for name in ("coverage.json", "findings.json"))
    lines = [f"reports: {out / 'contract.html'} (open in a browser), {names}"]
    if OPTIONS.history is not None:
        lines.append(f"history: {OPTIONS.history} ({len(past.runs) if past else 0} runs shown)")
    return lines


def coverage_lines(apis: list[str]) -> list[str]:
    """The summary's coverage block: per API, the percentage of each dimension."""
    report = COVERAGE.spec.report()
    rows = [a for a in report["apis"] if a["api"] in apis]
    if not rows:
        return []
    dims = report["dimensions"]
    lines = ["spec coverage per dimension (covered/total; details per operation in coverage.json):"]
    for entry in rows:
        parts = []
        for d in dims:
            v = entry["dimensions"][d]
            pct = "n/a" if v["percent"] is None else f"{v['percent']}%"
            parts.append(f"{d} {pct} ({v['covered']}/{v['total']})")
        lines.append(f"  {entry['api']}: " + ", ".join(parts))
    return lines
