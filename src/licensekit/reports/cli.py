"""`licensekit report`: read a findings record, a coverage report and a history folder; write the page."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..contract.coverage import MinCoverageError, parse_minimums, shortfalls
from ..contract.record import FindingsRecord, RecordError
from . import history, html


class ReportInputError(ValueError):
    """An input file that cannot be used: the message names the file and the problem, in one line."""


def read_findings(path: str | Path) -> dict[str, Any]:
    """A findings record as JSON, checked by the record's own reader (which names file and problem)."""
    try:
        FindingsRecord.read(path)
    except RecordError as exc:
        raise ReportInputError(str(exc)) from None
    document: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return document


def read_coverage(path: str | Path) -> dict[str, Any]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportInputError(f"{path}: cannot be read: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ReportInputError(f"{path}: not JSON: {exc}") from None
    problem = coverage_problem(document)
    if problem:
        raise ReportInputError(f"{path}: {problem}")
    return document  # type: ignore[no-any-return]


def coverage_problem(document: Any) -> str:
    """What makes `document` not a version-1 coverage report, or "" (the page reads these fields)."""
    if not isinstance(document, dict) or document.get("version") != 1:
        return "not a coverage report of version 1"
    if not isinstance(document.get("apis"), list):
        return "missing or wrong field 'apis'"
    for n, api in enumerate(document["apis"]):
        where = f"apis[{n}]"
        if not isinstance(api, dict) or not isinstance(api.get("api"), str):
            return f"{where}: missing or wrong field 'api'"
        if not isinstance(api.get("dimensions"), dict) or not isinstance(api.get("operations"), list):
            return f"{where}: missing or wrong field 'dimensions' or 'operations'"
        for m, op in enumerate(api["operations"]):
            keys = ("operation", "method", "path", "requests", "statuses", "percent", "dimensions")
            if not isinstance(op, dict) or any(k not in op for k in keys):
                return f"{where}.operations[{m}]: missing one of {', '.join(keys)}"
    return ""


def report(args: argparse.Namespace) -> int:
    findings = read_findings(args.findings)
    coverage = read_coverage(args.coverage) if args.coverage else None
    try:
        minimums = parse_minimums(args.min_coverage) if args.min_coverage else {}
    except MinCoverageError as exc:
        raise ReportInputError(str(exc)) from None
    if minimums and coverage is None:
        raise ReportInputError("--min-coverage needs --coverage FILE")
    past = None
    if args.history:
        if args.append_history:
            history.append(args.history, history.summarize(findings, coverage))
        past = history.load(args.history)
    elif args.append_history:
        raise ReportInputError("--append-history needs --history DIR")
    page = html.render(findings, coverage, past, title=args.title)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    print(f"{out} ({len(findings['findings'])} findings)")
    short = shortfalls(coverage, minimums) if coverage is not None else []
    for line in short:
        print(f"coverage below minimum: {line}", file=sys.stderr)
    return 1 if short else 0
