"""The per-test time limits (conftest.py): every test gets its kind's limit, and a test that loops fails
within its limit, named."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import conftest as limits  # the repository's root conftest.py

ROOT = Path(__file__).resolve().parents[2]


def test_each_kind_has_its_limit() -> None:
    assert limits.UNIT == 30 and limits.PACKAGING == 900
    table = dict(limits.LIMITS)
    assert table["tests/mock/"] == 120 and table["contract_tests/"] == 600
    assert table["tests/packaging/"] == table["tests/mock/test_schemathesis.py"] == 900


def test_unmarked_unit_test_gets_the_unit_limit(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("timeout")
    assert marker is not None and marker.args == (limits.UNIT,)


@pytest.mark.timeout(120)  # starts a pytest of its own
def test_a_looping_test_fails_named_within_its_limit(tmp_path: Path) -> None:
    looping = tmp_path / "test_looping.py"
    looping.write_text(
        textwrap.dedent(
            """
            import pytest


            @pytest.mark.timeout(2)
            def test_pages_forever():
                while True:
                    pass
            """
        ),
        encoding="utf-8",
    )
    began = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(looping),
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=110,
    )
    elapsed = time.monotonic() - began
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "Timeout (>2.0s) from pytest-timeout" in proc.stdout
    assert "FAILED test_looping.py::test_pages_forever" in proc.stdout
    assert elapsed < 100
