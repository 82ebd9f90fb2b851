"""Run last (conftest orders it): the findings gate, per API whose suite ran.

schemathesis' failures fail their own tests (or are reported xfailed when the baseline knows them); this
gate adds what no single test can see: tolerated findings not in the baseline under `--strict-findings`
(`make contract STRICT=1`), and baseline entries past their `expires` date, each named.
"""

from __future__ import annotations

import pytest

from licensekit.contract.registry import APIS

from . import summary
from .findings_record import FINDINGS


@pytest.mark.parametrize("api", APIS)
def test_findings_gate(api: str) -> None:
    if api not in summary.tested_apis():
        pytest.skip(f"no request of {api} was answered in this run")
    verdict = FINDINGS.gate(api)
    blocking = [e for e in verdict.failing if e.severity == "tolerated"]
    if not blocking and not verdict.expired:
        return
    lines = [
        f"new tolerated finding: {e.operation} {e.check} at {e.location} ({e.fingerprint}, x{e.count})"
        for e in blocking
    ]
    lines += [
        f"expired baseline entry (expires {b.expires}): {b.label()}; reason was: {b.reason}"
        for b in verdict.expired
    ]
    why = "--strict-findings fails tolerated findings the baseline does not hold"
    pytest.fail(f"findings gate: {api}: {'; '.join(lines)} ({why if blocking else 'renew or drop it'})")
