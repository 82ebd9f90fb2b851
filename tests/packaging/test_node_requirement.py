"""The README's Node.js requirement is the pinned tools' own: package.json's `engines`, and what the
Node tools `make test` runs (Redocly CLI, openapi-diff) declare in package-lock.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README_LINE = "Node.js 22.12+ and make installed (Node.js 20.19+ works too"
REQUIRED = ">=22.12.0 || >=20.19.0 <21.0.0"  # what the README says, as an npm range
TEST_TOOLS = ("@redocly/cli", "openapi-diff")  # Prism serves `make bench` only (README says what it wants)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _satisfies(version: str, npm_range: str) -> bool:
    """Enough of npm's range syntax for `engines` fields: `||` of space-joined >=, <, > comparisons."""
    for alternative in npm_range.split("||"):
        ok = True
        for op, bound in re.findall(r"(>=|<=|>|<)\s*([\d.]+)", alternative):
            a, b = _version(version), _version(bound)
            ok &= {">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b}[op]
        if ok:
            return True
    return False


def test_readme_package_json_and_tools_agree_on_node() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert README_LINE in readme
    assert json.loads((ROOT / "package.json").read_text())["engines"]["node"] == REQUIRED
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for tool in TEST_TOOLS:
        declared = lock[f"node_modules/{tool}"]["engines"]["node"]
        # every Node the README allows, at its lowest and across its ranges, satisfies the tool
        for version in ("20.19.0", "20.20.2", "22.12.0", "24.0.0"):
            assert _satisfies(version, REQUIRED) == _satisfies(version, REQUIRED) and (
                not _satisfies(version, REQUIRED) or _satisfies(version, declared)
            ), (tool, version, declared)
    for version, allowed in (("20.18.0", False), ("21.0.0", False), ("22.11.0", False), ("22.12.0", True)):
        assert _satisfies(version, REQUIRED) is allowed, version
