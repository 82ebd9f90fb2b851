"""The drift log read back: a table grouped by operation and check, and the same groups as JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..masking import mask_message, mask_text


@dataclass(slots=True)
class Group:
    api: str
    operation: str
    check: str
    count: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)  # distinct departure messages, first few
    curl: str = ""  # one reproduction


def _status(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def group(records: list[dict[str, Any]], *, examples: int = 3) -> list[Group]:
    groups: dict[tuple[str, str, str], Group] = {}
    for record in records:
        key = (str(record.get("api", "")), str(record.get("operation", "")), str(record.get("check", "")))
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = Group(*key, curl=mask_text(str(record.get("curl", ""))))
        entry.count += 1
        entry.statuses[_status(record.get("status"))] += 1
        departures = record.get("departures")
        for message in departures if isinstance(departures, list) else []:
            # masked again on the way out: a log written by an older proxy may hold a secret's value
            text = mask_message(str(message))
            if len(entry.examples) < examples and text not in entry.examples:
                entry.examples.append(text)
    return sorted(groups.values(), key=lambda g: (g.api, g.operation, g.check))


def table(groups: list[Group]) -> str:
    if not groups:
        return "no drift: every exchange matched the spec\n"
    rows = [("api", "operation", "check", "count", "statuses", "first departure")]
    for g in groups:
        statuses = ",".join(str(s) for s in sorted(g.statuses))
        rows.append(
            (g.api, g.operation, g.check, str(g.count), statuses, g.examples[0] if g.examples else "")
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 15)
    total = sum(g.count for g in groups)
    lines.append(f"\n{total} departures in {len(groups)} group(s)")
    return "\n".join(lines) + "\n"


def junit(groups: list[Group], *, unreadable: str = "") -> bytes:
    """One testcase per (operation, check), failed; a single passing case when there is no drift. Lines
    of the log that could not be read (`unreadable`: their description) are one more case, in error."""
    cases = max(1, len(groups)) + bool(unreadable)
    suite = ET.Element("testsuite", name="licensekit-proxy", tests=str(cases))
    suite.set("failures", str(len(groups)))
    suite.set("errors", "1" if unreadable else "0")
    if not groups:
        ET.SubElement(suite, "testcase", classname="drift", name="no departures from the spec")
    if unreadable:
        case = ET.SubElement(suite, "testcase", classname="drift", name="unreadable drift-log lines")
        ET.SubElement(case, "error", message=unreadable)
    for g in groups:
        case = ET.SubElement(suite, "testcase", classname=f"{g.api}.{g.operation}", name=g.check)
        failure = ET.SubElement(case, "failure", message=f"{g.count} departures ({g.check})")
        failure.text = "\n".join([*g.examples, "", f"reproduce: {g.curl}"])
    suites = ET.Element("testsuites")
    suites.append(suite)
    out: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return out
