"""Serve one mutant: `python -m contract_tests.mutants.server NAME` prints its URL, serves until killed."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

from ..mockhost import build_app, host
from .middlewares import BY_NAME


def main() -> None:
    mutant = BY_NAME[sys.argv[1]]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with host(mutant.wrap(build_app(mutant.api))) as hosted:
        print(hosted.base_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()


if __name__ == "__main__":
    main()
