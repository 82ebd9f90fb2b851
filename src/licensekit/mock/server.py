"""Serve a mock over real HTTP: uvicorn (httptools, uvloop) on a socket bound here, so the port is known."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Generator, Iterator
from typing import Any

import httpx
import uvicorn

from .app import MockApp
from .registry import build_app
from .tokens import make_token


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
        loop="auto",
        http="auto",
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


class MockServer:
    """A running mock: its URL, tokens it accepts, and its admin endpoints as methods."""

    def __init__(
        self, api: str, app: MockApp, base_url: str, *, verify: ssl.SSLContext | bool = True
    ) -> None:
        self.api = api
        self.app = app
        self.base_url = base_url
        self._admin = httpx.Client(base_url=base_url, timeout=30, verify=verify)

    def token(self, **claims: Any) -> str:
        return make_token(self.api, secret=self.app.secret, **claims)

    def auth_headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**claims)}"}

    def _call(self, method: str, path: str, json: Any = None) -> Any:
        response = self._admin.request(method, f"/__mock__/{path}", json=json)
        response.raise_for_status()
        return response.json() if response.content else None

    def inject_fault(
        self,
        status: int | None = None,
        *,
        count: int = 1,
        operation: str | None = None,
        retry_after: int | None = None,
        delay: float | None = None,
    ) -> dict[str, Any]:
        fault = {
            "status": status,
            "count": count,
            "operation": operation,
            "retry_after": retry_after,
            "delay": delay,
        }
        answer: dict[str, Any] = self._call("POST", "faults", fault)
        return answer

    def clear_faults(self) -> None:
        self._call("DELETE", "faults")

    def reset(self) -> None:
        self._call("POST", "reset")

    def load_seed(self, seed: dict[str, Any]) -> None:
        self._call("POST", "seed", seed)

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = self._call("GET", "state")
        return state

    def requests(self) -> dict[str, Any]:
        log: dict[str, Any] = self._call("GET", "requests")
        return log

    def clear_requests(self) -> None:
        self._call("DELETE", "requests")

    def drift(self, *, clear: bool = False) -> list[dict[str, Any]]:
        """Answers that departed from the spec (only recorded when started with check_responses)."""
        drift: list[dict[str, Any]] = self._call("DELETE" if clear else "GET", "drift")["drift"]
        return drift

    def close(self) -> None:
        self._admin.close()


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


@contextlib.contextmanager
def serve(
    api: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: dict[str, Any] | None = None,
    secret: str | None = None,
    check_responses: bool = False,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> Iterator[MockServer]:
    """Start the `api` mock in a background thread on a free port (port=0); stop it on exit.
    `ssl_certfile`/`ssl_keyfile` (PEM): serve HTTPS; the admin calls then trust that certificate."""
    app = build_app(api, seed=seed, secret=secret, check_responses=check_responses)
    with serve_app(app, host=host, port=port, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile) as base_url:
        verify = ssl.create_default_context(cafile=ssl_certfile) if ssl_certfile else True
        mock = MockServer(api, app, base_url, verify=verify)
        try:
            yield mock
        finally:
            mock.close()
