"""Run our mock app (optionally wrapped in an ASGI middleware) under uvicorn on a free loopback port.

The suites use `licensekit.mock.serve` when it is there; this host is what the mutants use (they wrap
the real mock app in one planted defect) and the fallback for the suites otherwise.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx


def build_app(api: str) -> Any:
    """The real mock ASGI app for `api`, from the mock's own factory."""
    from licensekit.mock import build_app as mock_build_app

    return mock_build_app(api)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Hosted:
    base_url: str
    app: Any

    def reset(self) -> None:
        httpx.post(self.base_url + "/__mock__/reset", timeout=10).raise_for_status()


@contextlib.contextmanager
def host(app: Any, port: int | None = None) -> Iterator[Hosted]:
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("mock server did not start")
        time.sleep(0.02)
    try:
        yield Hosted(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def serve_mock(api: str, middleware: Callable[[Any], Any] | None = None) -> Iterator[Any]:
    if middleware is None:
        try:
            from licensekit.mock import serve
        except ImportError:
            pass
        else:
            with serve(api) as mock:
                yield mock
            return
    app = build_app(api)
    with host(middleware(app) if middleware is not None else app) as hosted:
        yield hosted
