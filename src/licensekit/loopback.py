"""Any ASGI app on uvicorn (httptools, uvloop) on a socket bound here, so the port is known before it
serves: shared by the mocks and the proxy."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Generator, Iterator
from typing import Any

import uvicorn

from .head_guard import HeadGuardProtocol
from .limits import RAW_HEAD_LIMIT


def bind(host: str, port: int) -> socket.socket:
    """A listening socket: connections made before the server starts wait in the backlog."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signals to its owner (several may share one loop or run in threads)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def make_server(
    app: Any, *, date_header: bool = True, ssl_certfile: str | None = None, ssl_keyfile: str | None = None
) -> QuietServer:
    config = uvicorn.Config(
        app,
        lifespan="off",
        interface="asgi3",  # said, not guessed from the app's __call__ (a wrapped one looks like ASGI2)
        loop="auto",
        http=HeadGuardProtocol,  # refuses request heads past limits.RAW_HEAD_LIMIT while reading them
        h11_max_incomplete_event_size=RAW_HEAD_LIMIT,  # the same bound should h11 ever be used
        access_log=False,
        log_level="error",
        server_header=False,
        date_header=date_header,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
    )
    return QuietServer(config)


def url_of(sock: socket.socket, scheme: str = "http") -> str:
    host, port = sock.getsockname()[:2]
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


@contextlib.contextmanager
def serve_app(
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    date_header: bool = True,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> Iterator[str]:
    """Any ASGI app on uvicorn in a background thread; yields its base URL, stops it on exit.
    With a certificate and its key it serves HTTPS (azure-identity accepts only https authorities)."""
    sock = bind(host, port)
    server = make_server(app, date_header=date_header, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="mock-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError(f"the server for {app!r} did not start")
        time.sleep(0.005)
    try:
        yield url_of(sock, "https" if ssl_certfile else "http")
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
