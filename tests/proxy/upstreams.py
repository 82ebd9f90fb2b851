"""Upstreams for the proxy tests: the real mock bent to depart from its spec, and raw ASGI servers for
streaming, slow and echoing answers."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any

from licensekit.mock.app import MockApp

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
Bend = Callable[[str, Answer], Answer]


class BentMock:
    """The mock's own answer, then `bend(path, answer)` (status, headers, body) before it is sent."""

    def __init__(self, mock: MockApp) -> None:
        self.mock = mock
        self.bend: Bend | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        start: dict[str, Any] = {}
        body = bytearray()

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                body.extend(message.get("body", b""))

        await self.mock(scope, receive, capture)
        answer: Answer = (start["status"], list(start["headers"]), bytes(body))
        if self.bend is not None:
            answer = self.bend(scope["path"], answer)
        status, headers, content = answer
        headers = [(n, v) for n, v in headers if n != b"content-length"]
        headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def json_bend(change: Callable[[Any], Any]) -> Callable[[Answer], Answer]:
    def bend(answer: Answer) -> Answer:
        status, headers, body = answer
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return bend


class Streamer:
    """/big: `size` bytes in 64 KiB chunks; /held: one chunk, then a second once `release` is set;
    /echo: the request body's length and sha256 (read chunk by chunk); /slow: answers after `delay`;
    /cut: breaks off mid-answer."""

    def __init__(self, size: int = 0, delay: float = 0.0) -> None:
        self.size = size
        self.delay = delay
        self.release = threading.Event()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"]
        if path == "/echo":
            digest, length = hashlib.sha256(), 0
            while True:
                message = await receive()
                chunk = message.get("body", b"")
                digest.update(chunk)
                length += len(chunk)
                if not message.get("more_body"):
                    break
            body = json.dumps({"length": length, "sha256": digest.hexdigest()}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        if path == "/cut":  # promises 100,000 bytes, sends 10, then fails (the server drops the connection)
            headers = [(b"content-type", b"application/octet-stream"), (b"content-length", b"100000")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b"0123456789", "more_body": True})
            raise RuntimeError("planted: upstream dies mid-answer")
        if path == "/slow":
            await asyncio.sleep(self.delay)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/octet-stream")],
            }
        )
        if path == "/big":
            chunk = bytes(range(256)) * 256  # 64 KiB
            sent = 0
            while sent < self.size:
                piece = chunk[: self.size - sent]
                await send({"type": "http.response.body", "body": piece, "more_body": True})
                sent += len(piece)
        elif path == "/held":
            await send({"type": "http.response.body", "body": b"first;", "more_body": True})
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            await send({"type": "http.response.body", "body": b"second", "more_body": True})
        await send({"type": "http.response.body", "body": b""})
