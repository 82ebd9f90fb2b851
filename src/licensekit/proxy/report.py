"""The drift log read back: a table grouped by operation, check and severity, and the same as JUnit XML.

Tolerated findings (what the spec accepts but the vendor was not expected to do) are listed; only
failures fail."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Group:
    api: str
    operation: str
    check: str
    severity: str = "failure"
    count: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)  # distinct departure messages, first few
    curl: str = ""  # one reproduction


def group(records: list[dict[str, Any]], *, examples: int = 3) -> list[Group]:
    groups: dict[tuple[str, str, str, str], Group] = {}
    for record in records:
        key = (
            str(record.get("api", "")),
            str(record.get("operation", "")),
            str(record.get("check", "")),
            str(record.get("severity", "failure")),  # records written before 0.3 were all failures
        )
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = Group(*key, curl=str(record.get("curl", "")))
        entry.count += 1
        entry.statuses[int(record.get("status", 0))] += 1
        for message in record.get("departures", []):
            if len(entry.examples) < examples and message not in entry.examples:
                entry.examples.append(str(message))
    return sorted(groups.values(), key=lambda g: (g.severity != "failure", g.api, g.operation, g.check))


def failures(groups: list[Group]) -> list[Group]:
    return [g for g in groups if g.severity == "failure"]


def table(groups: list[Group]) -> str:
    if not groups:
        return "no drift: every exchange matched the spec\n"
    rows = [("api", "operation", "check", "severity", "count", "statuses", "first departure")]
    for g in groups:
        statuses = ",".join(str(s) for s in sorted(g.statuses))
        first = g.examples[0] if g.examples else ""
        rows.append((g.api, g.operation, g.check, g.severity, str(g.count), statuses, first))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:6])) + "  " + row[6])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 15)
    total = sum(g.count for g in groups)
    tolerated = sum(g.count for g in groups if g.severity != "failure")
    lines.append(f"\n{total} departures in {len(groups)} group(s), {tolerated} of them tolerated")
    return "\n".join(lines) + "\n"


def junit(groups: list[Group]) -> bytes:
    """One testcase per (operation, check, severity): failed for failures, passed with the finding in its
    system-out for tolerated ones; a single passing case when there is no drift."""
    suite = ET.Element("testsuite", name="licensekit-proxy", tests=str(max(1, len(groups))))
    suite.set("failures", str(len(failures(groups))))
    if not groups:
        ET.SubElement(suite, "testcase", classname="drift", name="no departures from the spec")
    for g in groups:
        name = g.check if g.severity == "failure" else f"{g.check} (tolerated)"
        case = ET.SubElement(suite, "testcase", classname=f"{g.api}.{g.operation}", name=name)
        text = "\n".join([*g.examples, "", f"reproduce: {g.curl}"])
        if g.severity == "failure":
            failure = ET.SubElement(case, "failure", message=f"{g.count} departures ({g.check})")
            failure.text = text
        else:
            ET.SubElement(case, "system-out").text = f"{g.count} tolerated ({g.check})\n{text}"
    suites = ET.Element("testsuites")
    suites.append(suite)
    out: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return out
