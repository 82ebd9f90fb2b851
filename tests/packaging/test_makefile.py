"""The Makefile explains itself: every target is in `make help`; a missing Node says what to do."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
# named targets (not variables, not file/stamp rules such as $(PY_STAMP))
TARGET = re.compile(r"^([a-zA-Z][a-zA-Z0-9_-]*):(?![=])(.*)$", re.M)


def targets() -> dict[str, str]:
    return {m[1]: m[2] for m in TARGET.finditer(MAKEFILE)}


def test_every_target_has_a_help_comment_and_is_phony() -> None:
    found = targets()
    assert {"install", "test", "contract", "help", "docs", "lint", "clean"} <= set(found)
    assert not [name for name, rest in found.items() if "## " not in rest]
    phony = set(re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M)[1].split())  # type: ignore[index]
    assert phony == set(found)


def test_make_help_lists_every_target_with_its_comment() -> None:
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    listed = dict(re.findall(r"^  (\S+)\s+(.+)$", out, re.M))
    assert listed == {name: rest.split("## ", 1)[1].strip() for name, rest in targets().items()}


def test_install_without_node_says_how_to_get_it(tmp_path: Path) -> None:
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    make = shutil.which("make")
    assert make
    empty = tmp_path / "no-tools"  # a PATH with no npm on it (the recipe's shell builtins still work)
    empty.mkdir()
    proc = subprocess.run(
        [make, "node_modules/.installed"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": str(empty)},
    )
    assert proc.returncode != 0
    assert "npm (Node.js) was not found" in proc.stderr and "https://nodejs.org" in proc.stderr, proc.stderr
    assert "No such file or directory" not in proc.stderr
