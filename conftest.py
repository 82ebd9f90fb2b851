"""Per-test time limits by kind (pytest-timeout), so a test that loops fails, named, within its limit
instead of holding a run for minutes. A test's own @pytest.mark.timeout wins."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# Seconds per kind, by the folder a test lives in; anything not listed is a unit test.
LIMITS = {
    "tests/packaging": 900,  # builds, installs, renders
    "contract_tests": 600,  # whole schemathesis suites per operation, against real servers
    "tests/mock": 120,  # real servers on loopback, schemathesis runs
    "tests/proxy": 120,
    "tests/contract": 300,  # runs the contract suites in a subprocess
    "tests/specs": 120,  # property tests over whole specs
}
UNIT = 30


def limit_for(path: Path) -> int:
    try:
        relative = path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return UNIT
    for folder, seconds in LIMITS.items():
        if relative == folder or relative.startswith(folder + "/"):
            return seconds
    return UNIT


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(limit_for(item.path)))
