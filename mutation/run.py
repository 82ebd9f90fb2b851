"""`make mutation`: mutmut over the modules that decide verdicts, one module at a time, each against
only the tests that exercise it (mutation/table.py); writes reports/mutation.md.

.venv/bin/python -m mutation.run [--only MODULE[,MODULE]] [--changed BASE] [--keep]

Each module runs in its own scratch folder (build/mutation/<module>/) holding the repository's folders
as symlinks and a pyproject.toml whose [tool.mutmut] names that module and its tests, so the runs share
nothing and a module's score does not depend on which ran before. Scores are kept per module in
reports/mutation.json, so a quick run (--changed) refreshes only the rows it ran.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .equivalent import EQUIVALENT
from .table import TARGETS, Target

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutation"
REPORTS = ROOT / "reports"
STATE = REPORTS / "mutation.json"
REPORT = REPORTS / "mutation.md"
BIN = Path(sys.executable).parent
GOAL = 0.85
# Folders the tests import or read; mutmut copies them into its mutants/ folder.
FOLDERS = ("src", "codegen", "contract_tests", "specs", "tests")
# mutmut's exit codes (mutmut/stats.py, pinned 3.8.1) folded into the report's columns.
KILLED = {1, 3, 37}
SURVIVED = {0}
NO_TESTS = {5, 33, None}
TIMEOUT = {36, 24, -24, 152, 255}


@dataclass
class Score:
    module: str
    killed: int = 0
    survived: list[str] = field(default_factory=list)  # "name: the mutated line"
    no_tests: list[str] = field(default_factory=list)
    timeout: int = 0
    equivalent: list[str] = field(default_factory=list)  # "name: the mutated line -- why"
    other: list[str] = field(default_factory=list)  # suspicious, segfault, not checked
    seconds: float = 0.0
    tests: list[str] = field(default_factory=list)

    @property
    def relevant(self) -> int:
        return self.killed + self.timeout + len(self.survived) + len(self.no_tests) + len(self.other)

    @property
    def rate(self) -> float:
        return (self.killed + self.timeout) / self.relevant if self.relevant else 1.0


def _pyproject(target: Target) -> str:
    """The repository's pyproject.toml (pytest's settings) with a [tool.mutmut] for this module."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    others = [f for f in FOLDERS if f not in (target.top, "tests")]
    section = {
        "source_paths": [target.top],
        "only_mutate": [target.module],
        "also_copy": [*others, "conftest.py"],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q", "-x"],
        "pytest_add_cli_args_test_selection": list(target.tests),
        # The report is re-made from scratch each run: no change detection between runs.
        "use_git_change_detection": False,
    }
    if target.lines:  # mutmut skips the lines these match: every line the target's regex does not
        section["do_not_mutate_patterns"] = [f"^(?!.*(?:{target.lines}))"]
    lines = ["", "[tool.mutmut]"] + [f"{k} = {json.dumps(v)}" for k, v in section.items()]
    return text + "\n".join(lines) + "\n"


def _prepare(target: Target) -> Path:
    where = SCRATCH / target.slug
    shutil.rmtree(where, ignore_errors=True)
    (where / "mutants").mkdir(parents=True)
    for name in FOLDERS:
        (where / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy2(ROOT / "conftest.py", where / "conftest.py")
    (where / "pyproject.toml").write_text(_pyproject(target), encoding="utf-8")
    # Everything else the tests read from the repository root (docs, README, node_modules for
    # openapi-diff...) is linked into mutmut's copy of the root, where the tests run.
    copied = {*FOLDERS, "pyproject.toml", "conftest.py"}
    for entry in ROOT.iterdir():
        if entry.name not in copied and entry.name not in ("build", "reports", ".git", ".venv"):
            (where / "mutants" / entry.name).symlink_to(entry)
    return where


_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
out = {}
for name in json.loads(sys.argv[2]):
    try:
        out[name] = get_diff_for_mutant(name, path=sys.argv[1])
    except Exception as exc:  # noqa: BLE001 - report what could not be shown
        out[name] = f"(no diff: {exc})"
print(json.dumps(out))
"""


def _mutated_line(diff: str) -> str:
    lines = diff.splitlines()
    added = [line[1:].strip() for line in lines if line.startswith("+") and not line.startswith("+++")]
    return " / ".join(added) or "(line removed)"


def _diffs(where: Path, target: Target, names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    proc = subprocess.run(
        [str(BIN / "python"), "-c", _DIFFS, target.module, json.dumps(names)],
        cwd=where,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return {name: f"(no diff: {proc.stderr.strip()[-200:]})" for name in names}
    found: dict[str, str] = json.loads(proc.stdout)
    return found


def run_one(target: Target, log: Path) -> Score:
    where = _prepare(target)
    began = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(
            ["nice", "-n", "10", str(BIN / "mutmut"), "run", "--max-children", "1", *target.functions],
            cwd=where,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    score = Score(target.module, seconds=round(time.monotonic() - began, 1), tests=list(target.tests))
    meta = where / "mutants" / f"{target.module}.meta"
    # mutmut stops early (exit code 1, every mutant unchecked) when no selected test reaches the module.
    if not meta.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"mutation: mutmut failed on {target.module} (log {log}):\n{tail}")
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    if target.functions:
        codes = {n: c for n, c in codes.items() if any(fnmatch.fnmatch(n, p) for p in target.functions)}
    if proc.returncode != 0 and any(code is not None for code in codes.values()):
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"mutation: mutmut failed on {target.module} (log {log}):\n{tail}")
    undetected = [n for n, c in codes.items() if c not in KILLED and c not in TIMEOUT]
    diffs = _diffs(where, target, undetected)
    for name, code in sorted(codes.items()):
        line = _mutated_line(diffs.get(name, ""))
        entry = f"{name}: {line}"
        why = EQUIVALENT.get((target.module, name.rsplit("__mutmut_", 1)[0], line))
        if code in KILLED:
            score.killed += 1
        elif code in TIMEOUT:
            score.timeout += 1
        elif why is not None:
            score.equivalent.append(f"{entry} -- {why}")
        elif code in SURVIVED:
            score.survived.append(entry)
        elif code in NO_TESTS:
            score.no_tests.append(entry)
        else:
            score.other.append(f"{entry} (exit code {code})")
    return score


def changed_targets(base: str) -> list[Target]:
    """Targets whose module or one of whose test files differs from `base` (untracked files included)."""
    diff = subprocess.run(["git", "diff", "--name-only", base], cwd=ROOT, capture_output=True, text=True)
    if diff.returncode != 0:
        raise SystemExit(f"mutation: git diff {base} failed: {diff.stderr.strip()}")
    new = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True
    )
    changed = set(diff.stdout.split()) | set(new.stdout.split())
    return [t for t in TARGETS if t.module in changed or changed & {test.split("::")[0] for test in t.tests}]


def render(scores: dict[str, dict[str, Any]], wall: dict[str, Any]) -> str:
    rows, details = [], []
    for target in TARGETS:
        s = scores.get(target.module)
        if s is None:
            rows.append(f"| `{target.module}` | not run yet | | | | | | |")
            continue
        score = Score(**s)
        flag = "ok" if score.rate >= GOAL else "BELOW 85%"
        rows.append(
            f"| `{score.module}` | {score.killed} | {len(score.survived)} | {len(score.no_tests)} "
            f"| {score.timeout} | {len(score.equivalent)} | **{score.rate:.1%}** {flag} "
            f"| {score.seconds:.0f} s |"
        )
        details.append(f"### `{score.module}`\n\nTests: {', '.join(f'`{t}`' for t in score.tests)}\n")
        for title, items in (
            ("Equivalent (not counted)", score.equivalent),
            ("Survived", score.survived),
            ("No test reaches it", score.no_tests),
            ("Other", score.other),
        ):
            if items:
                details.append(f"{title}:\n" + "\n".join(f"- `{item}`" for item in items) + "\n")
    return "\n".join(
        [
            "# Mutation scores (`make mutation`)",
            "",
            f"mutmut {wall.get('mutmut', '?')}; last run {wall.get('when', '?')}, "
            f"{wall.get('seconds', 0):.0f} s wall time for {wall.get('modules', 0)} module(s).",
            "Score = (killed + timeout) / every mutant not named equivalent; survivors and mutants that no",
            f"selected test reaches both count against it. Goal: {GOAL:.0%} per module.",
            "",
            "| module | killed | survived | no test | timeout | equivalent | score | time |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            *details,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", default="", help="comma-separated module paths (see mutation/table.py)")
    parser.add_argument("--changed", metavar="BASE", help="only modules whose code or tests differ from BASE")
    args = parser.parse_args(argv)
    targets = list(TARGETS)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {t.module for t in TARGETS}
        if unknown:
            parser.error(f"not in mutation/table.py: {', '.join(sorted(unknown))}")
        targets = [t for t in targets if t.module in wanted]
    if args.changed:
        targets = [t for t in targets if t in changed_targets(args.changed)]
        if not targets:
            print(f"mutation: no mutated module or its tests changed since {args.changed}")
            return 0
    REPORTS.mkdir(exist_ok=True)
    state = json.loads(STATE.read_text(encoding="utf-8")) if STATE.exists() else {"scores": {}}
    version = subprocess.run([str(BIN / "mutmut"), "--version"], capture_output=True, text=True).stdout
    began = time.monotonic()
    for done, target in enumerate(targets, 1):
        print(f"mutation: {target.module} against {len(target.tests)} test file(s) ...", flush=True)
        score = run_one(target, REPORTS / f"mutation-{target.slug}.log")
        state["scores"][target.module] = asdict(score)
        print(
            f"mutation: {target.module}: {score.rate:.1%} ({score.killed} killed, {score.timeout} timeout,"
            f" {len(score.survived)} survived, {len(score.no_tests)} no test,"
            f" {len(score.equivalent)} equivalent) in {score.seconds:.0f} s",
            flush=True,
        )
        # Written after each module, so a run cut short still reports what it measured.
        state["wall"] = {
            "seconds": round(time.monotonic() - began, 1),
            "modules": done,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "mutmut": version.strip().split()[-1] if version.strip() else "?",
        }
        STATE.write_text(json.dumps(state, indent=1), encoding="utf-8")
        REPORT.write_text(render(state["scores"], state["wall"]), encoding="utf-8")
    below = [t.module for t in targets if Score(**state["scores"][t.module]).rate < GOAL]
    print(f"mutation: wrote {REPORT.relative_to(ROOT)} in {state['wall']['seconds']:.0f} s")
    if below:
        print(f"mutation: below {GOAL:.0%}: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
