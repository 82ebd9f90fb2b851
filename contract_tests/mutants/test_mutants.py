"""Proof that the suites catch defects: each mutant (the real mock + one planted defect, see
middlewares.py) is served on its own port and the matching suite is run against its URL as a live
target (credentials and ids from the environment, --allow-writes). Every run must fail.

Run: `make contract-mutants` (or `pytest contract_tests/mutants -s` to see the kill-rate table).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from .. import plumbing
from ..plumbing import ROOT, env_prefix
from .middlewares import CONTROLS, MUTANTS, Mutant
from .tolerated import TOLERATED

pytestmark = pytest.mark.mutants


@dataclass
class Outcome:
    mutant: Mutant
    returncode: int
    seconds: float
    failed_tests: list[str]
    output: str

    @property
    def killed(self) -> bool:
        return self.returncode == 1  # 1: tests failed (2+ would be an error of the run itself)


def _env(mutant: Mutant, url: str) -> dict[str, str]:
    from licensekit.mock.tokens import make_token

    env = {k: v for k, v in os.environ.items() if not k.startswith("LICENSEKIT_")}
    prefix = env_prefix(mutant.api)
    env[prefix + "URL"] = url
    env[prefix + "TOKEN"] = make_token(mutant.api)
    for key, value in plumbing.mock_ids(mutant.api).items():
        env[prefix + key.upper()] = value
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_mutant(mutant: Mutant) -> Outcome:
    start = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "contract_tests.mutants.server", mutant.name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), f"{mutant.name}: server did not start"
        run = subprocess.run(
            plumbing.suite_command(mutant.api, "--allow-writes", "-rf", "--no-header"),
            cwd=ROOT,
            env=_env(mutant, url),
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    failed = [
        line.split(" ", 1)[1].split(" - ")[0]
        for line in run.stdout.splitlines()
        if line.startswith("FAILED ")
    ]
    return Outcome(mutant, run.returncode, time.monotonic() - start, failed, run.stdout[-3000:])


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        everything = list(pool.map(run_mutant, [*MUTANTS, *CONTROLS, *TOLERATED]))
    results = [o for o in everything if o.mutant in MUTANTS]
    killed = sum(o.killed for o in results)
    lines = ["", f"{'mutant':<30}{'api':<16}{'killed':<8}{'s':>5}  caught by"]
    for o in results:
        lines.append(
            f"{o.mutant.name:<30}{o.mutant.api:<16}{'yes' if o.killed else 'NO':<8}{o.seconds:>5.1f}  "
            f"{_caught_by(o)}"
        )
    for o in everything:
        if o.mutant in CONTROLS:
            lines.append(
                f"{o.mutant.name:<30}{o.mutant.api:<16}{'passes' if o.returncode == 0 else 'FAILS':<8}"
                f"{o.seconds:>5.1f}  (the unchanged mock through the same harness)"
            )
        if o.mutant in TOLERATED:
            lines.append(
                f"{o.mutant.name:<30}{o.mutant.api:<16}{'passes' if o.returncode == 0 else 'FAILS':<8}"
                f"{o.seconds:>5.1f}  {_warnings(o)} warnings (tolerated: {o.mutant.defect})"
            )
    lines.append(f"kill rate: {killed}/{len(results)} ({100 * killed // len(results)}%)")
    print("\n".join(lines))
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "mutants.txt").write_text("\n".join(lines) + "\n")
    return {o.mutant.name: o for o in everything}


def _caught_by(o: Outcome) -> str:
    names = [t.split("::", 1)[-1] for t in o.failed_tests]
    shown = ", ".join(names[:3])
    return shown + (f" (+{len(names) - 3} more)" if len(names) > 3 else "") if names else "-"


@pytest.mark.parametrize("name", [m.name for m in CONTROLS])
def test_control_passes(outcomes: dict[str, Outcome], name: str) -> None:
    o = outcomes[name]
    assert o.returncode == 0, (
        f"the unchanged {o.mutant.api} mock fails its suite through the harness:\n{o.output}"
    )


@pytest.mark.parametrize("name", [m.name for m in MUTANTS])
def test_suite_kills_mutant(outcomes: dict[str, Outcome], name: str) -> None:
    o = outcomes[name]
    assert o.killed, f"{name} ({o.mutant.defect}) survived (pytest exit {o.returncode}):\n{o.output}"


def _warnings(o: Outcome) -> int:
    """The warnings column of the suite's tolerated-deviations table, for the variant's API (0 if absent)."""
    lines = o.output.splitlines()
    for index, line in enumerate(lines):
        if line.split()[:3] == ["API", "answers", "warnings"]:
            for row in lines[index + 1 :]:
                fields = row.split()
                if fields[:1] == [o.mutant.api] and len(fields) >= 3 and fields[2].isdigit():
                    return int(fields[2])
    return 0


@pytest.mark.parametrize("name", [m.name for m in TOLERATED])
def test_tolerated_variant_passes_with_warnings(outcomes: dict[str, Outcome], name: str) -> None:
    """What the specs tolerate passes the suite, and shows up as warnings rather than silently."""
    o = outcomes[name]
    assert o.returncode == 0, f"{name} ({o.mutant.defect}) fails its suite:\n{o.output}"
    assert _warnings(o) > 0, f"{name}: no warning reported:\n{o.output}"
    assert "  WARNING " in o.output, o.output
