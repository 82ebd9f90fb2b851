"""Run the proxy over real HTTP: `serve()` for Python and the pytest fixture, `run()` for the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from ..mock.server import QuietServer, bind, url_of
from .app import ProxyApp
from .drift_log import DriftLog


def make_server(app: ProxyApp) -> QuietServer:
    # No date or server header of our own: the upstream's reach the caller unchanged.
    config = uvicorn.Config(
        app,
        lifespan="off",
        loop="auto",
        http="auto",
        access_log=False,
        log_level="error",
        server_header=False,
        date_header=False,
    )
    return QuietServer(config)


class ProxyServer:
    """A running proxy: its URL, the upstream it fronts and the drift it has recorded."""

    def __init__(self, app: ProxyApp, base_url: str) -> None:
        self.app = app
        self.base_url = base_url
        self.upstream = app.upstream

    def drift(self, *, clear: bool = False, settle: float = 5.0) -> list[dict[str, Any]]:
        """The records so far, once the exchanges in flight are validated (an answer is sent first)."""
        deadline = time.monotonic() + settle
        while self.app.in_flight and time.monotonic() < deadline:
            time.sleep(0.002)
        return self.app.drift_log.clear() if clear else list(self.app.drift_log.records)


@contextlib.contextmanager
def serve(
    api: str,
    upstream: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    drift_log: str | Path | None = None,
    timeout: float = 30.0,
    capture_limit: int | None = None,
) -> Iterator[ProxyServer]:
    """Start a validating proxy for `api` in front of `upstream` in a background thread; stop it on exit."""
    extra = {"capture_limit": capture_limit} if capture_limit is not None else {}
    app = ProxyApp(api, upstream, drift_log=DriftLog(drift_log), timeout=timeout, **extra)
    sock = bind(host, port)
    server = make_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="proxy-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the proxy server did not start")
        time.sleep(0.005)
    try:
        yield ProxyServer(app, url_of(sock))
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        app.drift_log.close()


def run(app: ProxyApp, host: str, port: int) -> str:
    """Serve until SIGINT/SIGTERM (the CLI); prints the URL first."""
    sock = bind(host, port)
    server = make_server(app)
    url = url_of(sock)
    print(f"{app.api} {url} -> {app.upstream}", flush=True)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: setattr(server, "should_exit", True))
        await server.serve(sockets=[sock])
        await app.aclose()

    try:
        import uvloop

        uvloop.run(main())
    except ImportError:
        asyncio.run(main())
    return url
