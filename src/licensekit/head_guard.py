"""uvicorn's httptools protocol, refusing a request head too large to be worth reading.

httptools buffers a request's line and headers however long they are (a 1 MiB header was read whole and
handed on). This protocol counts the bytes received before the headers end and, past
limits.RAW_HEAD_LIMIT, answers 431 in the app's error shape (`app.head_refusal(message)`, when the app
has one) and closes the connection, so no more than that is ever buffered per connection. Heads under that
bound but over the documented limits are refused by the apps themselves (limits.head_problem), in the
same shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .limits import HEAD_LIMIT, HEAD_TOO_LARGE, RAW_HEAD_LIMIT

LINGER_SECONDS = 2.0
# (headers, body) of a 431 answer for a message.
Refusal = Callable[[str], tuple[list[tuple[bytes, bytes]], bytes]]


def plain_refusal(message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
    return [(b"content-type", b"application/json")], json.dumps({"error": message}).encode()


class HeadGuardProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._lingering = False

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return  # refused: what the client still sends is read and dropped, never kept
        if not self._in_head:
            super().data_received(data)
            return
        allowed = RAW_HEAD_LIMIT - self._head_bytes
        if len(data) <= allowed:
            self._head_bytes += len(data)
            super().data_received(data)
            return
        # The head's last allowed bytes, then (a body may share this read) the rest if the head ended.
        self._head_bytes = RAW_HEAD_LIMIT
        super().data_received(data[:allowed])
        if self._in_head:
            self._refuse()
        elif not self.transport.is_closing():
            super().data_received(data[allowed:])

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0  # what follows is the next request's head

    def _refuse(self) -> None:
        message = f"The request headers are over {HEAD_LIMIT} bytes in all; the limit is {HEAD_LIMIT}."
        refusal: Refusal = getattr(self.config.app, "head_refusal", plain_refusal)
        headers, body = refusal(message)
        out = [STATUS_LINE[HEAD_TOO_LARGE]]
        framing = [(b"content-length", str(len(body)).encode()), (b"connection", b"close")]
        for name, value in [*headers, *framing]:
            out += [name, b": ", value, b"\r\n"]
        out += [b"\r\n", body]
        self._in_head = False
        self.transport.write(b"".join(out))
        if self.transport.can_write_eof():
            self.transport.write_eof()  # the answer is complete: the client need not wait for the close
        # A lingering close (as nginx does): closing while the client is still sending would make the
        # kernel reset the connection, and a reset can destroy the 431 before the client reads it. So
        # keep reading (and dropping) for a moment, then close.
        self._lingering = True
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
