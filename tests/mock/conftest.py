"""Show the schemathesis totals of the mock runs at the end of every pytest run that made them."""

from __future__ import annotations

import pytest

from .test_schemathesis import TOTALS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TOTALS:
        terminalreporter.section("schemathesis against the mocks")
        for line in TOTALS:
            terminalreporter.write_line(line)
