"""`make docs` run once per session: the rendered pages, for the tests that read them and open them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .specdocs import ROOT, SPECS


@pytest.fixture(scope="session")
def docs_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docs")
    proc = subprocess.run(
        ["make", "-s", "docs", f"DOCS_DIR={out}"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = {api: out / f"{api}.html" for api in SPECS}
    assert proc.stdout.split() == [str(p) for p in pages.values()]
    return pages
