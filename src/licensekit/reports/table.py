"""A findings record as text: one row per fingerprint, then the counts, per API, against the baseline."""

from __future__ import annotations

from ..contract.baseline import Comparison, Gate
from ..contract.record import FindingsRecord

NO_FINDINGS = "no drift: every exchange matched the spec"
_MESSAGE = 100  # characters of the first message shown


def table(record: FindingsRecord) -> str:
    entries = record.sorted_entries()
    if not entries:
        return NO_FINDINGS + "\n"
    rows = [("severity", "baseline", "count", "api", "operation", "check", "location", "first message")]
    entries.sort(key=lambda e: (e.severity != "failure", e.api, e.operation, e.check, e.location))
    for e in entries:
        first = e.messages[0] if e.messages else ""
        first = first if len(first) <= _MESSAGE else first[: _MESSAGE - 1] + "…"
        rows.append(
            (e.severity, e.baseline or "-", str(e.count), e.api, e.operation, e.check, e.location, first)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(7)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:7])) + "  " + row[7])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 13)
    total = sum(e.count for e in entries)
    tolerated = sum(1 for e in entries if e.severity == "tolerated")
    lines.append(f"\n{total} findings in {len(entries)} distinct deviation(s), {tolerated} of them tolerated")
    return "\n".join(lines) + "\n"


def baseline_lines(comparison: Comparison, apis: list[str] | None = None) -> list[str]:
    """Per API: how many findings are new, known, gone (in the baseline, not seen) and expired."""
    counts = comparison.per_api()
    names = apis if apis is not None else sorted(counts)
    lines = [f"baseline {comparison.file}:", f"  {'API':<16}{'new':>6}{'known':>7}{'gone':>6}{'expired':>9}"]
    for api in names:
        c = counts.get(api)
        c_new, c_known, c_gone, c_exp = (c[k] if c else 0 for k in ("new", "known", "gone", "expired"))
        lines.append(f"  {api:<16}{c_new:>6}{c_known:>7}{c_gone:>6}{c_exp:>9}")
    return lines


def gate_lines(gate: Gate, *, strict: bool) -> list[str]:
    if not gate.failed:
        tolerated = sum(1 for e in gate.listed if e.severity == "tolerated" and e.baseline != "known")
        note = (
            f"; {tolerated} tolerated finding(s) listed, not failed (--strict fails them)"
            if tolerated
            else ""
        )
        return [f"result: pass{note}"]
    why = "failures and expired baseline entries fail" + (
        ", and tolerated findings (--strict)" if strict else ""
    )
    return [f"result: FAIL ({why}):", *(f"  {line}" for line in gate.reasons())]
