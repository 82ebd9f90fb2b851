"""The layering is checked, not hoped for: `lint-imports` (part of `make lint`) fails on each kind of
violation planted in a copy of the source tree, and names it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree / 'generated'}"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_planted_violations_break_each_contract(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    for part in ("src", "lint", "generated"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    pkg = tree / "src" / "licensekit"

    clean = _lint(tree)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    _append(pkg / "contract" / "findings.py", "from ..mock import faults  # planted: the core reaches up")
    _append(pkg / "contract" / "record.py", "from ..reports import table  # planted: the core uses a report")
    _append(pkg / "reports" / "table.py", "from ..proxy import drift_log  # planted: a report uses the proxy")
    _append(pkg / "clients" / "sweep.py", "from ..contract import registry  # planted: clients use the core")
    _append(pkg / "proxy" / "drift_log.py", "from ..mock.app import _decode_headers  # planted: private name")
    _append(pkg / "mock" / "vendor.py", "from . import registry  # planted: registry -> vendors -> vendor")
    _append(pkg / "reports" / "history.py", "from ..mock import faults  # planted: a report starts a mock")
    broken = _lint(tree)
    out = " ".join((broken.stdout + broken.stderr).split())
    assert broken.returncode == 1, out
    assert "Contracts: 0 kept, 6 broken." in out
    assert "licensekit.reports.history -> licensekit.mock.faults" in out
    assert "licensekit.contract.findings -> licensekit.mock.faults" in out
    assert "licensekit.contract.record -> licensekit.reports.table" in out
    assert "licensekit.reports.table -> licensekit.proxy.drift_log" in out
    assert "licensekit.clients.sweep -> licensekit.contract.registry" in out
    assert "licensekit.proxy.drift_log:" in out and "imports _decode_headers of licensekit.mock.app" in out
    assert "Import circle of" in out and "licensekit.mock.registry" in out and "licensekit.mock.vendor" in out
