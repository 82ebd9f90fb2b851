"""The proxy's drift log read back as findings: each JSON line is one (exchange, check, severity) record
whose findings the proxy's judge already gave, with their locations and messages.

Read line by line (licensekit.jsonlines, the one reader of JSON-lines files): a torn or foreign line (a
crash mid-write, an edit) is skipped, counted and named by its number, never fatal, so every good line
still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..contract.findings import FAILURE, SEVERITIES, Finding
from ..contract.record import FindingsRecord
from ..jsonlines import BadLine, iter_objects

NAMED = 5  # bad line numbers named; the count covers them all


@dataclass(slots=True)
class LogCounts:
    records: int = 0
    other_api: int = 0
    bad_lines: list[int] = field(default_factory=list)  # the first NAMED
    bad: int = 0

    def bad_line(self, number: int) -> None:
        self.bad += 1
        if len(self.bad_lines) < NAMED:
            self.bad_lines.append(number)


def findings_of(record: dict[str, Any]) -> list[Finding]:
    """The findings one drift record holds: a location and a "location: message" text each."""
    api, operation, check = (str(record.get(k, "")) for k in ("api", "operation", "check"))
    severity = str(record.get("severity", FAILURE))  # records written before 0.3 were all failures
    if severity not in SEVERITIES:
        severity = FAILURE
    locations = record.get("locations")
    departures = record.get("departures")
    texts = [str(d) for d in departures] if isinstance(departures, list) else []
    places = [str(x) for x in locations] if isinstance(locations, list) else []
    if not places:  # an older record: locations were not written
        places = ["response"] * max(1, len(texts))
    out = []
    for n, place in enumerate(places):
        text = texts[n] if n < len(texts) else ""
        message = text[len(place) + 2 :] if text.startswith(f"{place}: ") else text
        out.append(Finding(api, operation, check, severity, place, message))
    return out


def read(path: str | Path, api: str | None, record: FindingsRecord) -> LogCounts:
    """Fold the drift log at `path` into `record` (records of another API when `api` is given: counted and
    skipped); raises OSError when the file cannot be opened."""
    counts = LogCounts()
    for number, item in iter_objects(path):
        if isinstance(item, BadLine) or not isinstance(item.get("check"), str):
            counts.bad_line(number)
            continue
        if api is not None and item.get("api") != api:
            counts.other_api += 1
            continue
        counts.records += 1
        seen = item.get("time") if isinstance(item.get("time"), str) else None
        curl = str(item.get("curl", ""))
        for finding in findings_of(item):
            record.add(finding, curl=curl, seen=seen)
    record.exchanges += counts.records
    return counts
