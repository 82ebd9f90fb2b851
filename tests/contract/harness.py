"""Run the contract suites in a subprocess, as `make contract` does, against a URL of our choosing."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from contract_tests.plumbing import ROOT, env_prefix, mock_ids, suite_command
from licensekit.mock import build_app
from licensekit.mock.server import serve_app
from licensekit.mock.tokens import make_token


@dataclass
class Run:
    returncode: int
    seconds: float
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.strip()]


def live_env(api: str, url: str, **overrides: str | None) -> dict[str, str]:
    """The environment for a live run of `api` at `url`: our mock's ids and a valid token by default
    (an override of None leaves that variable out)."""
    env = base_env()
    prefix = env_prefix(api)
    env[prefix + "URL"] = url
    env[prefix + "TOKEN"] = make_token(api)
    for key, value in mock_ids(api).items():
        env[prefix + key.upper()] = value
    for key, override in overrides.items():
        if override is None:
            env.pop(prefix + key, None)
        else:
            env[prefix + key] = override
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def base_env() -> dict[str, str]:
    """No LICENSEKIT_ variables of ours leak in; lines wide enough that FAILED lines keep their reason."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICENSEKIT_")}
    env["COLUMNS"] = "400"
    return env


def run_suites(api: str, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    start = time.monotonic()
    done = subprocess.run(
        suite_command(api, *args),
        cwd=ROOT,
        env=env or base_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(done.returncode, time.monotonic() - start, done.stdout, done.stderr)


@contextlib.contextmanager
def serve_wrapped(api: str, wrap: Callable[[Any], Any] = lambda app: app) -> Iterator[str]:
    """Our mock for `api` (wrapped in a middleware, if given) on a free loopback port: its base URL."""
    with serve_app(wrap(build_app(api))) as base_url:
        yield base_url.rstrip("/")
