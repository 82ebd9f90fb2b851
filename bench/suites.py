"""Figures 4 and 5: wall time of `make contract` (and its cases/s) and of `make regenerate`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

from .servers import ROOT

# A row of the summary's first table: API, passed, failed, skipped, errors, operations, cases.
ROW = re.compile(r"^(cloudcockpit|fusion|partner-center)(?:\s+\d+){4}\s+(\d+)\s+(\d+)\s*$", re.M)


def contract(runs: int = 3, long_run: float = 45.0) -> dict[str, Any]:
    """`make contract` at its defaults; cases come from its 'contract summary' table. Runs once more
    only while a run takes under `long_run` seconds (a slow suite is timed once, and says so)."""
    walls: list[float] = []
    out, code = "", 0
    while len(walls) < runs:
        start = time.perf_counter()
        proc = subprocess.run(
            ["make", "--no-print-directory", "contract"], cwd=ROOT, capture_output=True, text=True
        )
        walls.append(time.perf_counter() - start)
        out, code = proc.stdout + proc.stderr, proc.returncode
        if "No rule to make target" in out:
            return {"error": "the Makefile has no `contract` target yet"}
        if walls[-1] > long_run:
            break
    per_api = {api: {"operations": int(ops), "cases": int(cases)} for api, ops, cases in ROW.findall(out)}
    cases = sum(v["cases"] for v in per_api.values())
    wall = median(walls)
    outcomes = [
        line
        for line in re.findall(r"^=+ (.+) =+$", out, re.M)
        if re.search(r"\d+ (passed|failed|error)", line)
    ]
    return {
        "wall": wall,
        "runs": walls,
        "cases": cases,
        "per_api": per_api,
        "rate": cases / wall if wall else 0,
        "exit": code,
        "outcome": "; ".join(outcomes) or "(no pytest summary line)",
    }


def regenerate(runs: int = 3) -> dict[str, Any]:
    """`make regenerate` (codegen/regenerate.py) on a copy of codegen/, specs/ and generated/, so the
    work tree is never touched; the copy's output is then compared with the committed clients."""
    walls = []
    identical = True
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("codegen", "specs", "generated"):
                shutil.copytree(ROOT / name, Path(tmp) / name, ignore=shutil.ignore_patterns("__pycache__"))
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, str(Path(tmp) / "codegen" / "regenerate.py")],
                cwd=tmp,
                env=env,
                check=True,
                capture_output=True,
            )
            walls.append(time.perf_counter() - start)
            diff = subprocess.run(
                ["diff", "-rq", "-x", "__pycache__", str(ROOT / "generated"), str(Path(tmp) / "generated")],
                capture_output=True,
            )
            identical = identical and diff.returncode == 0
    return {"wall": median(walls), "runs": walls, "identical": identical}
