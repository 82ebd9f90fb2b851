"""`python -m licensekit proxy` as users run it, for the tests of what the command does."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def proxy_command(upstream: str, *options: str) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """The Fusion proxy in front of `upstream` with `options`, and the words of the line it prints when it
    serves ("fusion <url> -> <upstream>"); stopped (SIGTERM) when the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "licensekit", "proxy", "--api", "fusion", "--upstream", upstream, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc, proc.stdout.readline().split()
    finally:
        proc.terminate()
        proc.wait(20)
