"""The history folder: one small JSON summary per run, so a report can show how each operation behaved
over the last runs (a strip of pass / tolerated-only / fail) and how its coverage moved.

A run's summary holds, per operation, its failure and tolerated counts, whether it was requested, and its
coverage percentage; never a message, a curl or a value, so the folder carries no secret and stays small
(about 100 bytes per operation). The folder keeps the newest `KEEP` runs and removes older ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = 1
KEEP = 100  # runs kept in the folder
STRIP = 30  # runs drawn per operation

# States of an operation in one run; the page shows each as a symbol with a word, never by colour alone.
FAIL, TOLERATED, PASS, NOT_RUN = "fail", "tolerated", "pass", "none"


def summarize(findings: dict[str, Any], coverage: dict[str, Any] | None) -> dict[str, Any]:
    """A run's history entry from its findings record (as JSON) and its coverage report (or None)."""
    operations: dict[str, dict[str, Any]] = {}

    def entry(api: str, operation: str) -> dict[str, Any]:
        key = f"{api} {operation}"
        if key not in operations:
            operations[key] = {
                "api": api,
                "operation": operation,
                "failures": 0,
                "tolerated": 0,
                "requested": None,  # unknown without a coverage report
                "percent": None,
            }
        return operations[key]

    for finding in findings.get("findings", []):
        e = entry(finding["api"], finding["operation"])
        e["failures" if finding["severity"] == "failure" else "tolerated"] += finding.get("count", 1)
    for api in (coverage or {}).get("apis", []):
        for op in api["operations"]:
            e = entry(api["api"], op["operation"])
            e["requested"] = op["requests"] > 0
            e["percent"] = op["percent"]
    return {
        "version": VERSION,
        "source": findings.get("source", ""),
        "started": findings.get("started", ""),
        "finished": findings.get("finished", ""),
        "operations": sorted(operations.values(), key=lambda e: (e["api"], e["operation"])),
    }


def _file_name(summary: dict[str, Any]) -> str:
    stamp = re.sub(r"[^0-9A-Za-z]", "", summary["started"]) or "run"
    source = re.sub(r"[^0-9A-Za-z-]", "", summary["source"]) or "run"
    return f"{stamp}-{source}.json"


def append(folder: str | Path, summary: dict[str, Any], *, keep: int = KEEP) -> Path:
    """Write one run's summary into the folder (created if need be); drop the oldest beyond `keep`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _file_name(summary)
    n = 1
    while path.exists():  # two runs started in the same second keep both
        n += 1
        path = folder / _file_name(summary).replace(".json", f"-{n}.json")
    path.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    runs = sorted(folder.glob("*.json"))
    for old in runs[: max(0, len(runs) - keep)]:
        old.unlink()
    return path


@dataclass
class History:
    runs: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    unreadable: list[str] = field(default_factory=list)  # "file: why", shown on the page


def load(folder: str | Path, *, limit: int = STRIP) -> History:
    """The newest `limit` runs of the folder, oldest first; files that are not run summaries are named."""
    folder = Path(folder)
    out = History()
    if not folder.is_dir():
        out.unreadable.append(f"{folder}: not a folder")
        return out
    for path in sorted(folder.glob("*.json"))[-limit:]:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            out.unreadable.append(f"{path.name}: not JSON ({exc})")
            continue
        if not _valid(document):
            out.unreadable.append(f"{path.name}: not a run summary (version {VERSION})")
            continue
        out.runs.append(document)
    out.runs.sort(key=lambda r: r["started"])
    return out


def _valid(document: Any) -> bool:
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return False
    if not isinstance(document.get("started"), str) or not isinstance(document.get("operations"), list):
        return False
    for op in document["operations"]:
        if not isinstance(op, dict) or not isinstance(op.get("api"), str):
            return False
        if not isinstance(op.get("operation"), str):
            return False
        for key in ("failures", "tolerated"):
            if not isinstance(op.get(key), int):
                return False
        if op.get("percent") is not None and not isinstance(op["percent"], (int, float)):
            return False
    return True


def state(op: dict[str, Any] | None) -> str:
    if op is None:
        return NOT_RUN
    if op["failures"]:
        return FAIL
    if op["tolerated"]:
        return TOLERATED
    return NOT_RUN if op.get("requested") is False else PASS


def per_operation(history: History) -> dict[str, dict[str, Any]]:
    """For each "api operation": its state in each run (oldest first), its coverage per run, the runs."""
    keys: dict[str, None] = {}
    indexed = []
    for run in history.runs:
        ops = {f"{op['api']} {op['operation']}": op for op in run["operations"]}
        keys.update(dict.fromkeys(ops))
        indexed.append(ops)
    out = {}
    for key in keys:
        out[key] = {
            "states": [state(ops.get(key)) for ops in indexed],
            "trend": [ops[key].get("percent") if key in ops else None for ops in indexed],
        }
    return out
