"""A wheel built from a checkout without symlinks carries the specs and serves a mock.

The checkout is a `git clone -c core.symlinks=false` of this repository's committed HEAD (Windows'
default), built with the pinned `build` (sdist first, then the wheel from the sdist, as a registry
upload would be), and installed into a new venv: first the client-only install, then `[mock]`.
Slow (two isolated builds and two installs): about a minute; it runs in `make test`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILES = {"cloudcockpit.yaml", "fusion.yaml", "partner-center.yaml"}

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(the symlink-free checkout, the wheel built from it)."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.fail("this test clones the repository: it needs git and a git checkout")
    work = tmp_path_factory.mktemp("wheel")
    checkout = work / "licensekit"
    _run("git", "clone", "--quiet", "-c", "core.symlinks=false", ROOT, checkout)
    dist = work / "dist"
    _run(sys.executable, "-m", "build", "--outdir", dist, checkout, timeout=900)
    wheels = list(dist.glob("licensekit-*.whl"))
    assert len(wheels) == 1, list(dist.iterdir())
    yield checkout, wheels[0]


def test_the_checkout_has_no_symlinks(built: tuple[Path, Path]) -> None:
    checkout, _ = built
    modes = _run("git", "ls-files", "-s", cwd=checkout).stdout.splitlines()
    assert modes and not [m for m in modes if m.startswith("120000")]
    assert not [p for p in checkout.rglob("*") if p.is_symlink()]


def test_the_wheel_carries_specs_license_and_metadata(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        specs = {n.rsplit("/", 1)[1] for n in names if n.startswith("licensekit/specs/")}
        assert specs >= SPEC_FILES
        for name in SPEC_FILES:  # the documents themselves, not a path to them
            assert zf.read(f"licensekit/specs/{name}").startswith(b"openapi: 3.0.3")
        assert {"fusion_client/__init__.py", "licensekit/pytest_plugin.py", "licensekit/py.typed"} <= names
        # the record and baseline schemas docs/findings.md points to, and the packages that read them
        assert {
            "licensekit/contract/schemas/findings-v1.schema.json",
            "licensekit/contract/schemas/baseline-v1.schema.json",
            "licensekit/reports/sarif.py",
            "licensekit/traffic/har.py",
            "licensekit/reports/report.css",
            "licensekit/reports/report.js",
            "licensekit/contract/schemas/coverage-v1.schema.json",
            "licensekit/specs/examples/fusion/getCustomerLicense-200.json",
        } <= names
        # the client layer's tolerance rules, as committed (package-data "*.json")
        table = (ROOT / "src" / "licensekit" / "clients" / "tolerance_table.json").read_bytes()
        assert zf.read("licensekit/clients/tolerance_table.json") == table
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
        meta = zf.read(meta_name).decode()
        entry_points = zf.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    assert "License-Expression: MIT" in meta
    assert "Classifier: Programming Language :: Python :: 3.11" in meta
    assert "Project-URL: Repository, https://github.com/licensekit/licensekit" in meta
    assert "Provides-Extra: mock" in meta and "Provides-Extra: dev" in meta
    requires = [line for line in meta.splitlines() if line.startswith("Requires-Dist:")]
    base = [r for r in requires if "extra ==" not in r]
    assert sorted(r.split()[1].split(">")[0].split("<")[0] for r in base) == [
        "attrs",
        "httpx",
        "python-dateutil",
    ]
    assert "licensekit_mock = licensekit.pytest_plugin" in entry_points


def _venv(where: Path) -> Path:
    _run(sys.executable, "-m", "venv", where)
    return where / ("Scripts" if os.name == "nt" else "bin")


def test_client_only_install_then_mock_extra_serves_fusion(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, wheel = built
    bin_ = _venv(tmp_path / "venv")
    pip: list[str | Path] = [
        bin_ / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    constraints: list[str | Path] = ["-c", ROOT / "constraints.txt"]

    # client only: the client layer imports, the server's dependencies are absent, serve says what to add
    _run(*pip, *constraints, wheel)
    _run(
        bin_ / "python",
        "-c",
        "import licensekit.clients.fusion, licensekit.clients.partner_center\n"
        "from licensekit.clients.tolerance import table\n"
        "assert sorted(table()) == ['cloudcockpit', 'fusion', 'partner-center']",
        cwd=tmp_path,
    )
    absent = subprocess.run(
        [bin_ / "python", "-c", "import uvicorn"], capture_output=True, text=True, cwd=tmp_path
    )
    assert absent.returncode != 0
    refused = subprocess.run(
        [bin_ / "licensekit", "serve", "--api", "fusion"], capture_output=True, text=True, cwd=tmp_path
    )
    assert refused.returncode == 2 and "licensekit[mock]" in refused.stderr, refused.stderr
    proxy = subprocess.run(
        [bin_ / "licensekit", "proxy", "--api", "fusion", "--upstream", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proxy.returncode == 2 and "the proxy needs the server extra" in proxy.stderr, proxy.stderr
    assert "Traceback" not in proxy.stderr
    # proxy-report only reads JSON: it works without the extra
    drift = tmp_path / "drift.jsonl"
    record = {"api": "fusion", "operation": "getCustomerLicense", "check": "status_code_conformance"}
    drift.write_text(json.dumps({**record, "status": 418, "departures": ["status 418"]}) + "\n")
    report = subprocess.run(
        [bin_ / "licensekit", "proxy-report", drift], capture_output=True, text=True, cwd=tmp_path
    )
    assert report.returncode == 1 and "getCustomerLicense" in report.stdout, report.stderr
    assert _run(bin_ / "licensekit", "--version", cwd=tmp_path).stdout.startswith("licensekit ")
    # the pytest plugin loads in a client-only project: its fixtures are listed, the server not imported
    _run(*pip, *constraints, "pytest")
    (tmp_path / "project").mkdir()
    fixtures = _run(
        bin_ / "python", "-m", "pytest", "--fixtures", "-p", "no:cacheprovider", cwd=tmp_path / "project"
    )
    assert "fusion_mock" in fixtures.stdout and "licensekit" in fixtures.stdout

    # with the server extra: the mock serves from the specs inside the installed package
    _run(*pip, *constraints, f"{wheel}[mock]")
    where = _run(
        bin_ / "python",
        "-c",
        "from licensekit.contract.registry import spec_path; print(spec_path('fusion'))",
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(where).is_file() and Path(where).is_relative_to(tmp_path / "venv"), where

    server = subprocess.Popen(
        [bin_ / "licensekit", "serve", "--api", "fusion", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert server.stdout is not None
        api, url = server.stdout.readline().split()
        assert api == "fusion" and url.startswith("http://127.0.0.1:")
        login = urllib.request.Request(
            f"{url}/api/v01/auth/login",
            data=json.dumps({"username": "admin@netaxis.example", "password": "Fusion-Admin-2024!"}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(login, timeout=30) as answer:
            assert answer.status == 200
            token = json.load(answer)["access_token"]
        group = "7ba71d48-91f6-5eca-a70a-4852b6eaaaa4"  # seeded (docs/mock-interface.md)
        listing = urllib.request.Request(
            f"{url}/api/v01/draas/draas_v1/groups/{group}/customer_licenses?page_size=5",
            headers={"Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(listing, timeout=30) as answer:
            body = json.load(answer)
        assert answer.status == 200 and len(body["licenses"]) == 5 and body["results"] == 27
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err  # the stop handler shut the server down cleanly
