"""Running servers in the foreground until SIGINT/SIGTERM: shared by `licensekit serve` and `proxy`.

Only the standard library here: the CLI imports it in a client-only install too.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Coroutine
from typing import Any


def install_stop_handlers(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> str:
    """Calls stop() on SIGINT/SIGTERM; returns which mechanism was used ("loop" or "signal").

    loop.add_signal_handler does not exist on Windows' event loops (NotImplementedError): there the
    plain signal module is used, whose handler asks the loop to run stop() from its own thread.
    """
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        return "loop"
    except NotImplementedError:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda _signum, _frame: loop.call_soon_threadsafe(stop))
        return "signal"


def run_loop(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Runs main() on uvloop where it is installed (not on Windows), else on asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
