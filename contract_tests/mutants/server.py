"""Serve one mutant: `python -m contract_tests.mutants.server NAME` prints its URL, serves until killed."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

from licensekit.loopback import serve_app
from licensekit.mock import build_app

from .middlewares import BY_NAME
from .tolerated import TOLERATED


def main() -> None:
    mutant = {**BY_NAME, **{m.name: m for m in TOLERATED}}[sys.argv[1]]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with serve_app(mutant.wrap(build_app(mutant.api))) as base_url:
        print(base_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()


if __name__ == "__main__":
    main()
