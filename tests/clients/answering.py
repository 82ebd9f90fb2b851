"""A real HTTP server on loopback that answers whatever a test scripts: any status, headers, raw bytes,
a body dripped byte by byte, or a connection cut before the promised Content-Length."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0
    """Seconds between bytes of the body (0: all at once)."""
    cut: bool = False
    """Promise more bytes than sent, then close the connection (a truncated body)."""
    hold: float = 0.0
    """Seconds to wait before sending the status line and headers (a server slow to answer at all)."""


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


Script = Callable[[Seen], Answer]


class AnsweringServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, body, {k.lower(): v for k, v in self.headers.items()})
                server.seen.append(seen)
                answer = server.script(seen)
                if answer.hold:
                    time.sleep(answer.hold)
                self.send_response(answer.status)
                headers = {"Content-Type": "application/json", **answer.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body) + (10 if answer.cut else 0)))
                if answer.cut:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if answer.drip:
                        for byte in answer.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(answer.drip)
                    else:
                        self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a deadline): what the test wants
                if answer.cut:
                    self.close_connection = True

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def token(self, **claims: object) -> str:
        """for_mock() compatibility: any bearer value is accepted here."""
        return "answering-server-token"

    @contextmanager
    def running(self) -> Iterator[AnsweringServer]:
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()
            thread.join(5)


@contextmanager
def answering(script: Script) -> Iterator[AnsweringServer]:
    with AnsweringServer(script).running() as server:
        yield server
