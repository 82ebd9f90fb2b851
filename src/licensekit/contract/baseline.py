"""The baseline: deviations known and accepted, by fingerprint, each with a human reason.

A nightly run against a live vendor is either always red or blind unless it can say "this one we know".
The baseline file (committed beside the project that runs the checks) lists fingerprints of findings
(`contract.record`); a finding whose fingerprint it holds does not fail the run, a new one does, and an
entry past its `expires` date fails the run by name. `updated()` writes the run's findings into it,
keeping the reason and the date of every entry that stays.

The file is JSON meant for review and diffs: entries sorted by fingerprint, one per fingerprint, keys in a
fixed order, two-space indent, a final newline. Standard library only, like the record.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .findings import FAILURE, SEVERITIES, TOLERATED
from .record import Entry, FindingsRecord, RecordError, fingerprint

VERSION = 1
NEW_REASON = "unreviewed: say why this deviation is accepted, or fix it"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_KEYS = ("fingerprint", "api", "operation", "check", "severity", "location", "reason", "expires")


class BaselineError(RecordError):
    """A baseline file that cannot be used: one line naming the file and the problem."""


@dataclass(slots=True)
class BaselineEntry:
    fingerprint: str
    api: str
    operation: str
    check: str
    severity: str
    location: str
    reason: str
    expires: str | None = None  # YYYY-MM-DD: the entry holds through that day, and fails the run after

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {key: getattr(self, key) for key in _KEYS[:-1]}
        if self.expires is not None:
            out["expires"] = self.expires
        return out

    def expired(self, today: date) -> bool:
        return self.expires is not None and date.fromisoformat(self.expires) < today

    def label(self) -> str:
        return f"{self.fingerprint} {self.api} {self.operation} {self.check} at {self.location}"


@dataclass(slots=True)
class Baseline:
    path: str
    entries: dict[str, BaselineEntry] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path, *, missing_ok: bool = False) -> Baseline:
        """The baseline at `path`; BaselineError (one line) when it cannot be used. `missing_ok`: a file
        that does not exist yet is an empty baseline (`--update-baseline` on the first run)."""
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            if missing_ok:
                return cls(where)
            raise BaselineError(f"{where}: no such baseline file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{where}: cannot be read: {exc}") from None
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise BaselineError(f"{where}: not JSON: {exc}") from None
        return cls.from_dict(document, where)

    @classmethod
    def from_dict(cls, document: Any, where: str) -> Baseline:
        if not isinstance(document, dict):
            raise BaselineError(f"{where}: not a baseline (a JSON object is expected)")
        if document.get("version") != VERSION:
            raise BaselineError(
                f"{where}: unknown baseline version {document.get('version')!r} (this reads {VERSION})"
            )
        extra = sorted(set(document) - {"version", "entries"})
        if extra:
            raise BaselineError(f"{where}: unknown field {extra[0]!r}")
        raw_entries = document.get("entries")
        if not isinstance(raw_entries, list):
            raise BaselineError(f"{where}: missing or wrong field 'entries' (a list is expected)")
        baseline = cls(where)
        for number, raw in enumerate(raw_entries):
            entry = _entry(raw, f"{where}: entries[{number}]")
            if entry.fingerprint in baseline.entries:
                raise BaselineError(
                    f"{where}: entries[{number}]: fingerprint {entry.fingerprint} is listed twice"
                )
            baseline.entries[entry.fingerprint] = entry
        return baseline

    def as_dict(self) -> dict[str, Any]:
        return {"version": VERSION, "entries": [self.entries[k].as_dict() for k in sorted(self.entries)]}

    def dumps(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"

    def write(self, path: str | Path | None = None) -> None:
        target = Path(path or self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = self.dumps()
        if not target.is_file() or target.read_text(encoding="utf-8") != text:  # unchanged: untouched
            target.write_text(text, encoding="utf-8")


def _entry(raw: Any, where: str) -> BaselineEntry:
    if not isinstance(raw, dict):
        raise BaselineError(f"{where}: not an object")
    extra = sorted(set(raw) - set(_KEYS))
    if extra:
        raise BaselineError(f"{where}: unknown field {extra[0]!r}")
    for key in _KEYS[:-1]:
        if not isinstance(raw.get(key), str):
            raise BaselineError(f"{where}: missing or wrong field {key!r} (a string is expected)")
    if not _FINGERPRINT.match(raw["fingerprint"]):
        raise BaselineError(f"{where}: fingerprint {raw['fingerprint']!r} is not 16 lower-case hex digits")
    if raw["severity"] not in SEVERITIES:
        raise BaselineError(f"{where}: severity {raw['severity']!r} is not one of {', '.join(SEVERITIES)}")
    expected = fingerprint(raw["api"], raw["operation"], raw["check"], raw["location"])
    if raw["fingerprint"] != expected:
        raise BaselineError(
            f"{where}: fingerprint {raw['fingerprint']} does not match its api, operation, check and "
            f"location (they give {expected}): edit those and the fingerprint together, or neither"
        )
    expires = raw.get("expires")
    if expires is not None:
        valid = isinstance(expires, str) and bool(_DATE.match(expires))
        try:
            valid = valid and bool(date.fromisoformat(expires))
        except ValueError:
            valid = False
        if not valid:
            raise BaselineError(f"{where}: expires {expires!r} is not a date (YYYY-MM-DD)")
    return BaselineEntry(
        raw["fingerprint"],
        raw["api"],
        raw["operation"],
        raw["check"],
        raw["severity"],
        raw["location"],
        raw["reason"],
        expires,
    )


def updated(
    record: FindingsRecord, old: Baseline | None, path: str | Path, *, checked_apis: set[str] | None = None
) -> Baseline:
    """The run's findings as a baseline: an entry per fingerprint seen, keeping the reason and the expires
    date of each entry that stays; entries not seen this run are left out, except those of APIs the run
    did not check (`checked_apis`; None: every API was checked), which are kept as they are."""
    out = Baseline(str(path))
    if old is not None and checked_apis is not None:
        out.entries.update({k: e for k, e in old.entries.items() if e.api not in checked_apis})
    for entry in record.entries.values():
        kept = old.entries.get(entry.fingerprint) if old is not None else None
        out.entries[entry.fingerprint] = BaselineEntry(
            entry.fingerprint,
            entry.api,
            entry.operation,
            entry.check,
            entry.severity,
            entry.location,
            kept.reason if kept else NEW_REASON,
            kept.expires if kept else None,
        )
    return out


def today() -> date:
    return datetime.now(UTC).date()


@dataclass(slots=True)
class Comparison:
    """A run's findings against a baseline."""

    file: str
    new: list[Entry]
    known: list[Entry]
    gone: list[BaselineEntry]  # in the baseline, not seen this run
    expired: list[BaselineEntry]  # past their date, seen or not

    def annotate(self, record: FindingsRecord) -> None:
        """Mark the record: each entry new or known, and the gone and expired fingerprints."""
        for entry in self.new:
            entry.baseline = "new"
        for entry in self.known:
            entry.baseline = "known"
        record.baseline = {
            "file": self.file,
            "gone": sorted(e.fingerprint for e in self.gone),
            "expired": sorted(e.fingerprint for e in self.expired),
        }

    def per_api(self) -> dict[str, Counter[str]]:
        """api -> counts of new, known, gone, expired."""
        out: dict[str, Counter[str]] = {}
        for kind, items in (
            ("new", self.new),
            ("known", self.known),
            ("gone", self.gone),
            ("expired", self.expired),
        ):
            for item in items:
                out.setdefault(item.api, Counter())[kind] += 1
        return out


def compare(
    record: FindingsRecord, baseline: Baseline, *, on: date | None = None, apis: set[str] | None = None
) -> Comparison:
    """`apis`: the APIs the run checked (None: all); baseline entries of other APIs are neither gone nor
    expired for this run (a shared baseline file, one API checked at a time)."""
    day = on or today()
    seen = set(record.entries)
    entries = record.sorted_entries()
    mine = [baseline.entries[k] for k in sorted(baseline.entries)]
    mine = [b for b in mine if apis is None or b.api in apis]
    return Comparison(
        baseline.path,
        new=[e for e in entries if e.fingerprint not in baseline.entries],
        known=[e for e in entries if e.fingerprint in baseline.entries],
        gone=[b for b in mine if b.fingerprint not in seen],
        expired=[b for b in mine if b.expired(day)],
    )


@dataclass(slots=True)
class Gate:
    """What fails a run: new failures; new tolerated findings under --strict; expired baseline entries."""

    failing: list[Entry]
    expired: list[BaselineEntry]
    listed: list[Entry]  # the rest: shown, not failing

    @property
    def failed(self) -> bool:
        return bool(self.failing or self.expired)

    def reasons(self) -> list[str]:
        lines = [
            f"{'new ' if e.baseline == 'new' else ''}{e.severity}: {e.api} {e.operation} {e.check} at "
            f"{e.location} ({e.fingerprint})"
            for e in self.failing
        ]
        lines += [
            f"expired baseline entry (expires {e.expires}): {e.label()}; reason was: {e.reason}"
            for e in self.expired
        ]
        return lines


def gate(record: FindingsRecord, comparison: Comparison | None, *, strict: bool) -> Gate:
    """Without a baseline every finding counts as new. A failure fails the run unless known; a tolerated
    finding fails it only under `strict`, and then also only unless known."""
    candidates = comparison.new if comparison is not None else record.sorted_entries()
    failing = [e for e in candidates if e.severity == FAILURE or (strict and e.severity == TOLERATED)]
    ids = {id(e) for e in failing}
    listed = [e for e in record.sorted_entries() if id(e) not in ids]
    return Gate(failing, comparison.expired if comparison is not None else [], listed)
