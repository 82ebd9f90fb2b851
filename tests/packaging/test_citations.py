"""Every project file cites only what a reader of the repository can open: files in the repository, or a
vendor page by its title. No notes kept outside it (`fusion.md`, `toolchain.md`), no ids of source
documents that are not in it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A Markdown file named anywhere: it must be one of ours.
MARKDOWN = re.compile(r"(?<![\w/.:-])([\w./-]*[\w-]+\.md)\b")
# Ids of the source documents the specs were written from (kept outside the repository).
SOURCE_ID = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")
OUTSIDE = re.compile(r"seed pages?\b|reference notes|/work/|\bshared/(?:seeds|reference)", re.I)


def _tracked() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    # This file holds the patterns it looks for; package-lock.json is npm's.
    skip = {"package-lock.json", Path(__file__).relative_to(ROOT).as_posix()}
    return [ROOT / name for name in names if name and name not in skip]


def _citations() -> list[str]:
    files = _tracked()
    ours = {p.relative_to(ROOT).as_posix() for p in files}
    basenames = {p.name for p in files}
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        where = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(text.splitlines(), 1):
            line_no_urls = re.sub(r"https?://\S+", " ", line)
            for name in MARKDOWN.findall(line_no_urls):
                made_here = re.search(r'/\s*"' + re.escape(name) + '"', line)  # a file a test writes
                output = name.startswith("reports/")  # what a make target writes (the ignored reports/)
                if name not in ours and Path(name).name not in basenames and not made_here and not output:
                    found.append(f"{where}:{number}: {name}")
            for match in [*SOURCE_ID.findall(line), *OUTSIDE.findall(line)]:
                found.append(f"{where}:{number}: {match}")
    return found


def test_project_files_cite_only_what_the_repository_holds() -> None:
    assert _citations() == []


def test_the_check_finds_an_outside_citation(tmp_path: Path) -> None:
    """The patterns catch what the issue found (the scan itself runs on `git ls-files`)."""
    line = "Reference notes `fusion.md`; Seed page `002_9de93ac55f480676`; (toolchain.md)"
    assert MARKDOWN.findall(line) == ["fusion.md", "toolchain.md"]
    assert SOURCE_ID.findall(line) == ["002_9de93ac55f480676"]
    assert [m.lower() for m in OUTSIDE.findall(line)] == ["reference notes", "seed page"]
