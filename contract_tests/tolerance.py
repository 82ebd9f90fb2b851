"""The suites' record of tolerated findings: answers the specs accept but that differ from what we expect.

What counts as tolerated is the contract core's (`licensekit.contract.tolerance`, applied by the one
judge); this module only collects, per API, the tolerated findings of every answer the suites check.
`observer(api)` is a schemathesis check that records and never fails; `summary_lines(apis)` is what the
suites' summary table prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from licensekit.contract import TOLERATED, Finding, judge_for

from .findings_record import FINDINGS

MAX_SHOWN = 8  # warning lines shown per API; the counts cover every one


@dataclass
class Record:
    answers: Counter[str] = field(default_factory=Counter)  # api -> answers checked
    seen: dict[str, Counter[Finding]] = field(default_factory=lambda: defaultdict(Counter))

    def clear(self) -> None:
        self.answers.clear()
        self.seen.clear()


RECORD = Record()


def tolerated_findings(
    api: str, method: str, path: str, status: int, headers: dict[str, str], body: bytes
) -> list[Finding]:
    """The tolerated findings of one answer to the operation at (method, path template)."""
    judge = judge_for(api)
    op = next(
        (o for o in judge.api.operations.values() if o.method == method.upper() and o.path == path), None
    )
    if op is None:
        return []  # an undocumented operation is the strict checks' business
    found, _ = judge.judge_answer(op, status, headers, body)
    return [f for f in found if f.severity == TOLERATED]


def _headers(response: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in response.headers.items():
        out[name.lower()] = value[0] if isinstance(value, list) and value else str(value)
    return out


def observer(api: str) -> Any:
    """A schemathesis check for `api`'s suite: records tolerated findings, never fails."""

    def tolerated_deviations(ctx: Any, response: Any, case: Any) -> bool | None:
        RECORD.answers[api] += 1
        found = tolerated_findings(
            api,
            case.operation.method,
            case.operation.path,
            response.status_code,
            _headers(response),
            response.content or b"",
        )
        RECORD.seen[api].update(found)
        FINDINGS.answer(api, case, response, found)
        return None

    return tolerated_deviations


def summary_lines(apis: list[str]) -> list[str]:
    """The warnings block of the suites' summary table (empty when no answer was checked)."""
    checked = [a for a in apis if RECORD.answers[a]]
    if not checked:
        return []
    lines = [f"{'API':<16}{'answers':>11}{'warnings':>10}  tolerated findings (the spec accepts them)"]
    for api in checked:
        seen = RECORD.seen.get(api, Counter())
        checks: Counter[str] = Counter()
        for finding, n in seen.items():
            checks[finding.check] += n
        summary = ", ".join(f"{k}: {n}" for k, n in sorted(checks.items())) or "none"
        lines.append(f"{api:<16}{RECORD.answers[api]:>11}{sum(seen.values()):>10}  {summary}")
        ordered = sorted(seen.items(), key=lambda x: (-x[1], x[0].operation, x[0].location))
        for finding, n in ordered[:MAX_SHOWN]:
            lines.append(f"  WARNING {finding.check}: {finding.operation} {finding.text()} (x{n})")
        if len(seen) > MAX_SHOWN:
            lines.append(f"  ... {len(seen) - MAX_SHOWN} more distinct warnings")
    return lines
