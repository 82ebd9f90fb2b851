"""Start and stop the servers under test, each in a process of its own, on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PRISM = ROOT / "node_modules" / ".bin" / "prism"


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far, from /proc."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = ticks[3] + ticks[4]
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks) - idle) / hz, sum(ticks) / hz


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def _process(cmd: list[str], *, url: str | None = None) -> Iterator[Server]:
    """Run cmd; its URL is `url`, or the second word of the first line it prints ("NAME URL")."""
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE if url is None else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if url is None:
            assert proc.stdout is not None
            line = proc.stdout.readline().decode().split()
            if len(line) != 2:
                raise RuntimeError(f"{cmd[:4]} printed {line!r}, not 'NAME URL'")
            url = line[1]
        _wait_http(url, proc)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def our_mock(api: str) -> contextlib.AbstractContextManager[Server]:
    """`python -m licensekit serve`: the mock as users start it (validation is always on)."""
    return _process([PYTHON, "-m", "licensekit", "serve", "--api", api, "--port", "0"])


def prism(spec: Path) -> contextlib.AbstractContextManager[Server]:
    """`prism mock -p PORT SPEC` with its defaults (request validation on, static examples)."""
    port = free_port()
    return _process([str(PRISM), "mock", "-p", str(port), str(spec)], url=f"http://127.0.0.1:{port}")


def bare(answers_file: Path) -> contextlib.AbstractContextManager[Server]:
    return _process([PYTHON, str(ROOT / "bench" / "bare.py"), str(answers_file)])


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
