"""Run the proxy over real HTTP: `serve()` for Python and the pytest fixture, `run()` for the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..loopback import bind, make_server, serve_app, url_of
from ..serving import install_stop_handlers, run_loop
from .app import ProxyApp
from .drift_log import DriftLog


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

    def coverage(self, *, settle: float = 5.0) -> dict[str, Any]:
        """The spec coverage of the traffic so far (docs/coverage.md), once the exchanges in flight are in."""
        deadline = time.monotonic() + settle
        while self.app.in_flight and time.monotonic() < deadline:
            time.sleep(0.002)
        return self.app.coverage.report()


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
    extra: dict[str, Any] = {"capture_limit": capture_limit} if capture_limit is not None else {}
    app = ProxyApp(api, upstream, drift_log=DriftLog(drift_log), timeout=timeout, **extra)
    # No date or server header of our own: the upstream's reach the caller unchanged.
    try:
        with serve_app(app, host=host, port=port, date_header=False) as url:
            yield ProxyServer(app, url)
    finally:
        app.drift_log.close()


def run(app: ProxyApp, host: str, port: int) -> str:
    """Serve until SIGINT/SIGTERM (the CLI); prints the URL first."""
    sock = bind(host, port)
    server = make_server(app, date_header=False)
    url = url_of(sock)
    print(f"{app.api} {url} -> {app.upstream}", flush=True)

    async def main() -> None:
        install_stop_handlers(asyncio.get_running_loop(), lambda: setattr(server, "should_exit", True))
        await server.serve(sockets=[sock])
        await app.aclose()

    run_loop(main)
    return url
