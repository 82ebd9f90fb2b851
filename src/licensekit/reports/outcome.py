"""The one ending of `proxy-report` and `check-traffic`: the record against the baseline (if any), the
table, the files asked for, and the exit code (0 pass, 1 the gate failed). Bad baseline files are refused
before any work by `load_baseline` (BaselineError: one line, exit 2 from the CLI)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from ..contract.baseline import Baseline, compare, gate, updated
from ..contract.record import FindingsRecord
from . import junit, sarif, table


@dataclass(slots=True)
class Options:
    baseline: str | None = None
    update_baseline: bool = False
    strict: bool = False
    junit: str | None = None
    sarif: str | None = None
    findings: str | None = None
    apis: set[str] | None = None  # the APIs checked (check-traffic --api); None: whatever the input holds


def load_baseline(options: Options) -> Baseline | None:
    """The baseline named by the options; raises BaselineError. --update-baseline may start a new file."""
    if options.baseline is None:
        return None
    return Baseline.read(options.baseline, missing_ok=options.update_baseline)


def conclude(record: FindingsRecord, baseline: Baseline | None, options: Options, out: TextIO) -> int:
    if options.update_baseline and options.baseline is not None:
        baseline = updated(record, baseline, options.baseline, checked_apis=options.apis)
        baseline.write()
        out.write(f"baseline {options.baseline}: {len(baseline.entries)} entries written\n")
    comparison = compare(record, baseline, apis=options.apis) if baseline is not None else None
    if comparison is not None:
        comparison.annotate(record)
    verdict = gate(record, comparison, strict=options.strict)
    out.write(table.table(record))
    if comparison is not None:
        out.write("\n" + "\n".join(table.baseline_lines(comparison)) + "\n")
    out.write("\n" + "\n".join(table.gate_lines(verdict, strict=options.strict)) + "\n")
    if options.findings:
        record.write(options.findings)
    if options.junit:
        with open(options.junit, "wb") as handle:
            handle.write(junit.junit(record, verdict))
    if options.sarif:
        with open(options.sarif, "w", encoding="utf-8") as handle:
            json.dump(sarif.sarif(record), handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    return 1 if verdict.failed else 0
