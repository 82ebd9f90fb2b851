"""Serve a mock over real HTTP on loopback (`licensekit.loopback`), and drive it from Python."""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator
from typing import Any

import httpx

from ..loopback import QuietServer, bind, make_server, serve_app, url_of
from .app import MockApp
from .registry import build_app
from .tokens import make_token

__all__ = ["MockServer", "QuietServer", "bind", "make_server", "serve", "serve_app", "url_of"]


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
