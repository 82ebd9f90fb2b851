"""Per-test time limits by kind (pytest-timeout), so a test that loops fails, named, within its limit
instead of holding a run for minutes. A test's own @pytest.mark.timeout wins. The limit covers the
test's fixtures too, so a kind whose module fixture runs a whole tool gets that tool's time."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
PACKAGING = 900  # builds, installs, renders (and anything marked slow)
# Seconds per kind, by where a test lives, most specific first; anything not listed is a unit test.
LIMITS = (
    ("tests/packaging/", PACKAGING),
    ("tests/mock/test_schemathesis.py", PACKAGING),  # its module fixture runs schemathesis per API
    ("contract_tests/mutants/", PACKAGING),  # a whole suite per planted defect
    ("contract_tests/", 600),  # schemathesis per operation against real servers
    ("tests/contract/", 600),  # runs the contract suites in a subprocess
    ("tests/mock/", 120),  # real servers on loopback
    ("tests/proxy/", 120),
    ("tests/specs/", 120),  # property tests over whole specs, Node tools
    ("tests/breaking/", 120),  # openapi-diff in Node, git
)
UNIT = 30


def limit_for(item: pytest.Item) -> int:
    if item.get_closest_marker("slow") is not None:
        return PACKAGING
    try:
        relative = item.path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return UNIT
    return next((seconds for prefix, seconds in LIMITS if relative.startswith(prefix)), UNIT)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(limit_for(item)))
