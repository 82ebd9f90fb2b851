"""Every Python block of the README runs as written: its own imports, its own names, a fresh namespace
each, against the mocks it starts itself. A block that needs a name it does not define fails here."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in _BLOCK.finditer(text)]


def test_the_readme_has_its_python_blocks() -> None:
    assert len(_blocks()) >= 5  # the mock, three quick starts, for_mock


@pytest.mark.parametrize(("line", "block"), _blocks(), ids=[f"README.md:{n}" for n, _ in _blocks()])
def test_readme_block_runs_as_written(line: int, block: str) -> None:
    code = compile("\n" * (line - 1) + block, str(README), "exec")  # tracebacks name the README's line
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {"__name__": f"readme_{line}"})  # our own README, nothing else
