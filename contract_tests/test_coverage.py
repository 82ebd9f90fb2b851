"""Run last (conftest orders them): what the whole run reached, per API whose suite ran.

- success_reached: every operation that was run answered its documented success at least once; a
  target that refuses every authorised call (a wrong token) fails here, naming the operations.
- documented_reached: every documented status of every operation was answered (our mocks only: a live
  target cannot be made to answer a 500 or a 429, see probes.py).
- min_coverage: with `--min-coverage DIM=PCT,...`, each dimension of the spec coverage reaches it; the
  failure names every item not covered (an optional parameter never sent, a property never seen).
"""

from __future__ import annotations

import pytest

from licensekit.contract.coverage import shortfalls
from licensekit.contract.registry import APIS

from . import plumbing, reports
from .coverage import COVERAGE

# What to fix when an operation never succeeded, where the usual cause is known.
HINTS = {
    ("fusion", "login"): "login succeeds only with a real user: set LICENSEKIT_FUSION_USERNAME and "
    "LICENSEKIT_FUSION_PASSWORD, or leave writes off",
}


@pytest.mark.parametrize("api", APIS)
def test_success_reached(api: str) -> None:
    if not COVERAGE.reached.get(api):
        pytest.skip(f"no request of {api} was answered in this run")
    missing = COVERAGE.missing_success(api)
    hints = [
        hint
        for (hinted, op), hint in HINTS.items()
        if hinted == api and any(m.startswith(f"{op} ") for m in missing)
    ]
    assert not missing, (
        f"success_reached: {api}: never answered its documented success: {'; '.join(missing)} "
        f"({'; '.join(hints) if hints else 'refused credentials? wrong ids?'})"
    )


@pytest.mark.parametrize("api", APIS)
def test_documented_reached(api: str) -> None:
    if not COVERAGE.reached.get(api):
        pytest.skip(f"no request of {api} was answered in this run")
    if not plumbing.target(api).is_mock:
        pytest.skip("a live target cannot be made to answer every documented status (faults, claims)")
    missing = COVERAGE.missing_documented(api)
    assert not missing, f"documented_reached: {api}: statuses never answered: {'; '.join(missing)}"


@pytest.mark.parametrize("api", APIS)
def test_min_coverage(api: str) -> None:
    if not reports.OPTIONS.minimums:
        pytest.skip("no --min-coverage given (make contract MIN_COVERAGE=statuses=100,...)")
    if not COVERAGE.reached.get(api):
        pytest.skip(f"no request of {api} was answered in this run")
    below = shortfalls(COVERAGE.spec.report(), reports.OPTIONS.minimums, api)
    assert not below, "min_coverage: " + "\n".join(below)
