"""Every Python block of the README runs as written: its own imports, its own names, a fresh namespace
each, against the mocks it starts itself. A block that needs a name it does not define fails here.

A block whose first line is `# illustration: <what it needs>` needs what a test cannot have (a user's
certificate file, say): it is compiled, and every name it uses must be imported or defined in it, but it
is not run."""

from __future__ import annotations

import ast
import builtins
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


def undefined_names(block: str) -> list[str]:
    """Names a block reads that it neither imports nor assigns (nor are builtins)."""
    tree = ast.parse(block)
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    used = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    return sorted({name for name in used if name not in bound})


def test_the_name_check_finds_a_missing_import() -> None:
    assert undefined_names("from x import a\nb = a(c)\nprint(b)") == ["c"]


@pytest.mark.parametrize(("line", "block"), _blocks(), ids=[f"README.md:{n}" for n, _ in _blocks()])
def test_readme_block_runs_as_written(line: int, block: str) -> None:
    code = compile("\n" * (line - 1) + block, str(README), "exec")  # tracebacks name the README's line
    if block.startswith("# illustration: "):
        assert undefined_names(block) == []
        return
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {"__name__": f"readme_{line}"})  # our own README, nothing else
