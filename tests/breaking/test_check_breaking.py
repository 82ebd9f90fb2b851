"""`codegen/spec_diff.py --check` (what `make check-breaking BASE=<ref>` runs), in a throwaway git repo:
fails on a breaking spec change unless the version bump and CHANGELOG.md's Unreleased section cover it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = '[project]\nname = "licensekit"\nversion = "{}"\n'
CHANGELOG = (
    "# Changelog\n\n## [Unreleased]\n{}\n## [0.1.0] - 2026-01-01\n- getCustomerLicense first release\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "codegen").mkdir()
    (tmp_path / "specs").mkdir()
    for name in ("spec_diff.py", "openapi_diff.js"):
        shutil.copy(ROOT / "codegen" / name, tmp_path / "codegen" / name)
    os.symlink(ROOT / "node_modules", tmp_path / "node_modules")
    shutil.copy(ROOT / "specs" / "fusion.yaml", tmp_path / "specs" / "fusion.yaml")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT.format("0.1.0"))
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG.format(""))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base")
    return tmp_path


def check(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "codegen/spec_diff.py", "--base", "main", "--check"],
        cwd=repo,
        capture_output=True,
        text=True,
    )


def edit_spec(repo: Path, breaking: bool) -> None:
    path = repo / "specs" / "fusion.yaml"
    doc = yaml.safe_load(path.read_text())
    details = doc["components"]["schemas"]["CustomerLicenseDetails"]
    if breaking:
        del details["properties"]["sku"]
        details["required"].remove("sku")
    else:
        details["properties"]["created"] = {"type": "string"}
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def test_no_change_passes(repo: Path) -> None:
    done = check(repo)
    assert done.returncode == 0 and "no change since main" in done.stdout


def test_harmless_change_passes_without_a_bump(repo: Path) -> None:
    edit_spec(repo, breaking=False)
    done = check(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 breaking, 1 non-breaking" in done.stdout


@pytest.mark.parametrize(
    ("version", "changelog", "why"),
    [
        ("0.1.0", "", "needs a minor bump while 0.x"),
        ("0.1.1", "- Breaking: getCustomerLicense answers no sku", "needs a minor bump while 0.x"),
        ("0.2.0", "", "has no `## [Unreleased]` (or new version) section"),
        ("0.2.0", "- Breaking: license details lose a field", "does not name getCustomerLicense"),
    ],
    ids=["no bump", "patch bump", "empty changelog", "changelog misses the operation"],
)
def test_breaking_change_fails_until_released_right(
    repo: Path, version: str, changelog: str, why: str
) -> None:
    edit_spec(repo, breaking=True)
    (repo / "pyproject.toml").write_text(PYPROJECT.format(version))
    (repo / "CHANGELOG.md").write_text(CHANGELOG.format(changelog))
    done = check(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BREAKING  getCustomerLicense: response property removed" in done.stdout
    assert why in done.stdout


def test_breaking_change_passes_with_minor_bump_and_changelog(repo: Path) -> None:
    edit_spec(repo, breaking=True)
    (repo / "pyproject.toml").write_text(PYPROJECT.format("0.2.0"))
    (repo / "CHANGELOG.md").write_text(
        CHANGELOG.format("- Breaking: getCustomerLicense no longer answers `sku`.")
    )
    done = check(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "covered by the version bump and CHANGELOG.md" in done.stdout


def test_breaking_change_passes_once_released_under_its_version(repo: Path) -> None:
    edit_spec(repo, breaking=True)
    (repo / "pyproject.toml").write_text(PYPROJECT.format("0.2.0"))
    (repo / "CHANGELOG.md").write_text(
        CHANGELOG.format("\n## [0.2.0] - 2026-02-01\n- Breaking: getCustomerLicense no longer answers `sku`.")
    )
    done = check(repo)
    assert done.returncode == 0, done.stdout + done.stderr


def test_unknown_base_is_a_clear_error(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "codegen/spec_diff.py", "--base", "no-such-ref", "--check"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "unknown git ref" in done.stderr and "Traceback" not in done.stderr


def test_make_check_breaking_target_runs_here() -> None:
    """The Makefile target in this repository, against its own HEAD (whatever it holds, it must not crash)."""
    done = subprocess.run(
        ["make", "-s", "check-breaking", "BASE=HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1) and ("specs/" in done.stdout)
