"""The command line: one version source, API names in step with the mocks, Windows-safe shutdown."""

from __future__ import annotations

import asyncio
import signal
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import licensekit
from licensekit import __main__ as cli
from licensekit import serving
from licensekit.contract.registry import APIS

ROOT = Path(__file__).resolve().parents[2]


def test_version_comes_from_pyproject_only(capsys: pytest.CaptureFixture[str]) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert licensekit.__version__ == version("licensekit") == declared
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"licensekit {declared}"
    # no second copy of the version string in the sources
    assert f'"{declared}"' not in (ROOT / "src" / "licensekit" / "__init__.py").read_text(encoding="utf-8")


def test_cli_api_names_are_the_mocks() -> None:
    assert cli.APIS == APIS


def test_stop_handlers_use_the_loop_where_it_can() -> None:
    stopped: list[str] = []

    async def run() -> str:
        loop = asyncio.get_running_loop()
        try:
            return serving.install_stop_handlers(loop, lambda: stopped.append("stop"))
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    assert asyncio.run(run()) == "loop"


def test_stop_handlers_fall_back_to_signal_where_the_loop_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' event loops raise NotImplementedError from add_signal_handler."""
    installed: dict[int, Any] = {}
    stopped: list[str] = []

    def not_on_windows(*_args: object) -> None:
        raise NotImplementedError

    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed.__setitem__(sig, handler))

    async def run() -> str:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "add_signal_handler", not_on_windows)
        mechanism = serving.install_stop_handlers(loop, lambda: stopped.append("stop"))
        installed[signal.SIGTERM](signal.SIGTERM, None)  # as the interpreter would call it
        await asyncio.sleep(0)  # the handler asked the loop to run stop() on its next turn
        return mechanism

    assert asyncio.run(run()) == "signal"
    assert set(installed) == {signal.SIGINT, signal.SIGTERM}
    assert stopped == ["stop"]


def test_changelog_has_unreleased_and_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    headings = [line for line in changelog.splitlines() if line.startswith("## ")]
    assert headings[0] == "## [Unreleased]"
    assert any(h.startswith(f"## [{declared}] - ") for h in headings), headings
    assert f"[{declared}]: https://" in changelog and "[Unreleased]: https://" in changelog


def test_serve_without_specs_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LICENSEKIT_SPECS_DIR", str(tmp_path))  # a folder with no specs in it
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--api", "fusion"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"the fusion spec is not at {tmp_path / 'fusion.yaml'}" in err and "LICENSEKIT_SPECS_DIR" in err


def test_help_names_every_command_in_its_description(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # argparse wraps at the terminal's width, even inside `proxy-report`
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    description = out.split("\n\n")[1]
    for command in ("serve", "token", "proxy", "proxy-report", "check-traffic", "report"):
        assert f"`{command}`" in description, description
