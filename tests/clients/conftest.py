from __future__ import annotations

import pytest

from .tally import ANSWERS, TOLERATED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not ANSWERS:
        return
    terminalreporter.section("deviant answers per operation")
    for key, count in sorted(ANSWERS.items()):
        warned = f"  ({TOLERATED[key]} tolerance warnings)" if TOLERATED[key] else ""
        terminalreporter.write_line(f"{key:<48} {count:>6}{warned}")
    terminalreporter.write_line(f"{'total':<48} {sum(ANSWERS.values()):>6}")
