"""The findings record: what one run (the suites, the proxy, `check-traffic`) found, kept as JSON.

Findings are folded by **fingerprint**: the API, the operation, the check and the location, with every
id, value and token left out, so the same deviation seen on another day, with another id or another
token, is the same entry (its count grows, its `last_seen` moves); a different field or status is a
different entry. The file format is versioned and documented in docs/findings.md, with a JSON Schema
beside this module (`schemas/findings-v1.schema.json`).

Only the standard library here: `proxy-report` and `check-traffic` read records on any install.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .findings import SEVERITIES, Finding

VERSION = 1
MAX_MESSAGES = 5  # distinct messages kept per entry
MAX_TEXT = 500  # characters kept of a message or a reproduction

# Path segments that name an object rather than a route: they must not split one deviation in two.
_ID_SEGMENT = re.compile(
    r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]+|"
    r"[0-9a-fA-F]{16,}|[^/]*@[^/]*)$"
)


class RecordError(ValueError):
    """A findings file that cannot be read: the message names the file and the problem, in one line."""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_operation(operation: str) -> str:
    """An operationId as it is; "METHOD /path/with/ids" (no such operation) with its ids as `{id}`."""
    method, space, path = operation.partition(" ")
    if not space:
        return operation
    path = path.split("?", 1)[0]
    return f"{method} " + "/".join("{id}" if _ID_SEGMENT.match(s) else s for s in path.split("/"))


def fingerprint(api: str, operation: str, check: str, location: str) -> str:
    """16 hex digits, the same for the same deviation whatever ids, values or tokens it carried."""
    key = "\x1f".join((api, stable_operation(operation), check, location))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@dataclass(slots=True)
class Entry:
    api: str
    operation: str
    check: str
    severity: str
    location: str
    fingerprint: str
    count: int = 0
    first_seen: str = ""
    last_seen: str = ""
    messages: list[str] = field(default_factory=list)
    curl: str = ""  # one reproduction, every secret masked by whoever recorded it
    baseline: str | None = None  # with --baseline: "new" or "known" (contract.baseline)

    def as_dict(self) -> dict[str, Any]:
        out = {
            "fingerprint": self.fingerprint,
            "api": self.api,
            "operation": self.operation,
            "check": self.check,
            "severity": self.severity,
            "location": self.location,
            "count": self.count,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "messages": list(self.messages),
            "curl": self.curl,
        }
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out


class FindingsRecord:
    """Findings of one run, folded by fingerprint; bounded by the number of distinct deviations."""

    def __init__(self, source: str, *, started: str | None = None) -> None:
        self.source = source  # "contract" | "proxy" | "check-traffic"
        self.started = started or now()
        self.finished = self.started
        self.entries: dict[str, Entry] = {}
        self.exchanges = 0  # exchanges judged (or answers checked) in the run
        # With --baseline: {"file", "gone", "expired"} (contract.baseline.Comparison.annotate).
        self.baseline: dict[str, Any] | None = None

    def add(self, finding: Finding, *, curl: str = "", seen: str | None = None, count: int = 1) -> Entry:
        seen = seen or now()
        key = fingerprint(finding.api, finding.operation, finding.check, finding.location)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = Entry(
                finding.api,
                stable_operation(finding.operation),
                finding.check,
                finding.severity,
                finding.location,
                key,
                first_seen=seen,
                last_seen=seen,
            )
        entry.count += count
        entry.first_seen = min(entry.first_seen, seen)
        entry.last_seen = max(entry.last_seen, seen)
        message = _clip(finding.message)
        if message not in entry.messages and len(entry.messages) < MAX_MESSAGES:
            entry.messages.append(message)
        if curl and not entry.curl:
            entry.curl = _clip(curl) if len(curl) > 4 * MAX_TEXT else curl
        self.finished = max(self.finished, seen)
        return entry

    def merge(self, other: FindingsRecord) -> None:
        for entry in other.entries.values():
            mine = self.entries.get(entry.fingerprint)
            if mine is None:
                self.entries[entry.fingerprint] = Entry(
                    **{**entry.as_dict(), "messages": list(entry.messages), "baseline": None}
                )
                continue
            mine.count += entry.count
            mine.first_seen = min(mine.first_seen, entry.first_seen)
            mine.last_seen = max(mine.last_seen, entry.last_seen)
            for message in entry.messages:
                if message not in mine.messages and len(mine.messages) < MAX_MESSAGES:
                    mine.messages.append(message)
            mine.curl = mine.curl or entry.curl
        self.exchanges += other.exchanges
        self.started = min(self.started, other.started)
        self.finished = max(self.finished, other.finished)

    def sorted_entries(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda e: (e.api, e.operation, e.check, e.location))

    def as_dict(self) -> dict[str, Any]:
        out = {
            "version": VERSION,
            "source": self.source,
            "started": self.started,
            "finished": self.finished,
            "exchanges": self.exchanges,
            "findings": [e.as_dict() for e in self.sorted_entries()],
        }
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out

    def write(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(
            json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def from_dict(cls, document: Any, where: str = "findings") -> FindingsRecord:
        if not isinstance(document, dict):
            raise RecordError(f"{where}: not a findings record (a JSON object is expected)")
        if document.get("version") != VERSION:
            raise RecordError(
                f"{where}: unknown findings version {document.get('version')!r} (this reads {VERSION})"
            )
        for key, kind in (("source", str), ("started", str), ("finished", str), ("findings", list)):
            if not isinstance(document.get(key), kind):
                raise RecordError(f"{where}: missing or wrong field {key!r}")
        record = cls(document["source"], started=document["started"])
        record.finished = document["finished"]
        exchanges = document.get("exchanges", 0)
        record.exchanges = exchanges if isinstance(exchanges, int) else 0
        for number, raw in enumerate(document["findings"]):
            record._load_entry(raw, f"{where}: findings[{number}]")
        baseline = document.get("baseline")
        if baseline is not None:
            if not isinstance(baseline, dict) or not all(
                isinstance(baseline.get(k), list) for k in ("gone", "expired")
            ):
                raise RecordError(f"{where}: 'baseline' must hold the lists 'gone' and 'expired'")
            record.baseline = baseline
        return record

    def _load_entry(self, raw: Any, where: str) -> None:
        if not isinstance(raw, dict):
            raise RecordError(f"{where}: not an object")
        text_keys = (
            "fingerprint",
            "api",
            "operation",
            "check",
            "severity",
            "location",
            "first_seen",
            "last_seen",
        )
        for key in text_keys:
            if not isinstance(raw.get(key), str):
                raise RecordError(f"{where}: missing or wrong field {key!r}")
        if raw["severity"] not in SEVERITIES:
            raise RecordError(f"{where}: severity {raw['severity']!r} is not one of {', '.join(SEVERITIES)}")
        count = raw.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise RecordError(f"{where}: count must be a positive integer")
        messages = raw.get("messages", [])
        if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
            raise RecordError(f"{where}: messages must be a list of strings")
        entry = Entry(
            raw["api"],
            raw["operation"],
            raw["check"],
            raw["severity"],
            raw["location"],
            raw["fingerprint"],
            count,
            raw["first_seen"],
            raw["last_seen"],
            messages[:MAX_MESSAGES],
            str(raw.get("curl", "")),
            raw["baseline"] if raw.get("baseline") in ("new", "known") else None,
        )
        self.entries[entry.fingerprint] = entry

    @classmethod
    def read(cls, path: str | Path) -> FindingsRecord:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RecordError(f"{path}: cannot be read: {exc}") from None
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise RecordError(f"{path}: not JSON: {exc}") from None
        return cls.from_dict(document, str(path))
