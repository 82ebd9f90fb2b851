"""The command line on a base install (`pip install licensekit`, no extras), simulated in a subprocess
whose imports of the server extra's packages fail, as they do there. The real base install is
tests/packaging/test_wheel.py (slow); this one runs in seconds and names each command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# The packages only the `mock` extra brings (pyproject.toml).
EXTRA_ONLY = ("yaml", "jsonschema_rs", "uvicorn", "httptools", "uvloop")

BLOCK = f"""
import sys
from importlib.abc import MetaPathFinder

class NoExtra(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRA_ONLY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, NoExtra())
from licensekit.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK, *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def _record(**fields: object) -> str:
    record = {"api": "fusion", "operation": "getCustomerLicense", "method": "GET", "path": "/p"}
    return json.dumps({**record, "status": 200, "check": "status_code_conformance", **fields})


def test_proxy_says_which_extra_it_needs(tmp_path: Path) -> None:
    run = _cli("proxy", "--api", "fusion", "--upstream", "http://127.0.0.1:9", cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "the proxy needs the server extra: pip install 'licensekit[mock]'" in run.stderr, run.stderr


def test_serve_and_token_say_which_extra_they_need(tmp_path: Path) -> None:
    for args in (("serve", "--api", "fusion"), ("token", "--api", "fusion")):
        run = _cli(*args, cwd=tmp_path)
        assert run.returncode == 2 and "licensekit[mock]" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr


def test_proxy_report_works_without_the_extra(tmp_path: Path) -> None:
    log = tmp_path / "drift.jsonl"
    log.write_text(_record(departures=["status 418 is not documented"]) + "\n")
    run = _cli("proxy-report", str(log), "--junit", str(tmp_path / "drift.xml"), cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # drift found: the report itself ran
    assert "getCustomerLicense" in run.stdout and "status 418 is not documented" in run.stdout
    assert (tmp_path / "drift.xml").read_bytes().startswith(b"<?xml")
    (tmp_path / "empty.jsonl").write_text("")
    clean = _cli("proxy-report", str(tmp_path / "empty.jsonl"), cwd=tmp_path)
    assert clean.returncode == 0 and "no drift" in clean.stdout, clean.stderr


def test_the_block_is_real(tmp_path: Path) -> None:
    """The simulation must fail where the extra is needed (else the tests above prove nothing)."""
    run = subprocess.run(
        [sys.executable, "-c", BLOCK.replace("from licensekit.__main__ import main", "import yaml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode != 0 and "No module named 'yaml'" in run.stderr
