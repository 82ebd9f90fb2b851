"""Shared by every test under tests/: the real browser for page tests (tests/browser.py), and the
end-of-run summaries (summaries.py), printed by the process that prints the run.

`make test` runs tests/ on several pytest-xdist workers: each worker hands its share over when it
finishes (`workeroutput`) and the controller adds them up, so the summary is the same as in one process.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser import chromium
from .summaries import ANSWERS, TOLERATED, TOTALS

__all__ = ["chromium"]

_KEY = "licensekit_summaries"


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller prints
        workeroutput[_KEY] = {"totals": list(TOTALS), "answers": dict(ANSWERS), "tolerated": dict(TOLERATED)}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    share = getattr(node, "workeroutput", {}).get(_KEY, {})
    TOTALS.extend(share.get("totals", []))
    ANSWERS.update(share.get("answers", {}))
    TOLERATED.update(share.get("tolerated", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TOTALS:
        terminalreporter.section("schemathesis against the mocks")
        for line in TOTALS:
            terminalreporter.write_line(line)
    if ANSWERS:
        terminalreporter.section("deviant answers per operation")
        for key, count in sorted(ANSWERS.items()):
            warned = f"  ({TOLERATED[key]} tolerance warnings)" if TOLERATED[key] else ""
            terminalreporter.write_line(f"{key:<48} {count:>6}{warned}")
        terminalreporter.write_line(f"{'total':<48} {sum(ANSWERS.values()):>6}")
