"""A findings record as SARIF 2.1.0, for code-scanning views: each result is placed at the line of the spec
the finding is about (the operation, or the schema property, header or parameter of its location), so the
annotation lands on the spec file itself.

Artifact URIs are `specs/<file>` relative to the repository root (`%SRCROOT%`), where the specs live in
this project and in projects that keep a copy of them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..contract.record import Entry, FindingsRecord
from ..contract.registry import info, spec_path

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_STATE = {"new": "new", "known": "unchanged"}


def _version() -> str:
    try:
        return version("licensekit")
    except PackageNotFoundError:  # pragma: no cover - a source tree without metadata
        return "0"


def _location(entry: Entry) -> dict[str, Any]:
    try:
        api = info(entry.api)
        # PyYAML (the [mock] extra) reads the spec's lines; `proxy-report --sarif` on a base install
        # still writes every result, at line 1 of the spec.
        from .spec_lines import for_file

        line = for_file(spec_path(entry.api)).line(entry.operation, entry.location)
    except (ValueError, OSError, ImportError):
        line, uri = 1, f"specs/{entry.api}.yaml"
    else:
        uri = f"specs/{api.spec_file}"
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line},
        },
        "logicalLocations": [{"name": entry.operation, "kind": "function"}],
    }


def sarif(record: FindingsRecord) -> dict[str, Any]:
    entries = record.sorted_entries()
    checks = sorted({e.check for e in entries})
    rules = [
        {
            "id": check,
            "name": check,
            "shortDescription": {"text": check.replace("_", " ")},
            "helpUri": "https://github.com/licensekit/licensekit/blob/main/docs/findings.md",
        }
        for check in checks
    ]
    results = []
    for e in entries:
        message = e.messages[0] if e.messages else e.check
        result: dict[str, Any] = {
            "ruleId": e.check,
            "ruleIndex": checks.index(e.check),
            "level": "error" if e.severity == "failure" else "warning",
            "message": {"text": f"{e.api} {e.operation}: {e.location}: {message} (seen {e.count} times)"},
            "locations": [_location(e)],
            "partialFingerprints": {"licensekitFingerprint/v1": e.fingerprint},
            "properties": {
                "api": e.api,
                "severity": e.severity,
                "count": e.count,
                "firstSeen": e.first_seen,
                "lastSeen": e.last_seen,
                "reproduction": e.curl,
            },
        }
        if e.baseline in _STATE:
            result["baselineState"] = _STATE[e.baseline]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "licensekit",
                        "version": _version(),
                        "informationUri": "https://github.com/licensekit/licensekit",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository root"}}},
                "automationDetails": {"id": f"licensekit/{record.source}/"},
                "results": results,
            }
        ],
    }
