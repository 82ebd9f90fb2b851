"""Size limits on what a request may carry before anyone reads it, and on what a log may keep of it.

The request head (request line and headers): no vendor API accepts a megabyte of headers, and keeping one
per logged request let a few hundred requests bloat a mock to hundreds of megabytes. The limits follow
what front ends such as nginx and Kestrel use (8-32 KiB per line, 32-64 KiB in all), at their low end:

- the request line (method, target, version) and each header line (`name: value`): 8 KiB each;
- the whole head (request line and every header line, with their line ends): 32 KiB.

The mocks and the proxy answer a request over either with 431 Request Header Fields Too Large in the
vendor's error shape (the proxy before forwarding anything). Heads far over the limit (more than
RAW_HEAD_LIMIT bytes before the headers end) are refused while being read, so that no more than that is
ever buffered for one request (head_guard.py).

Logs (the mocks' request log, the proxy's drift log) keep each header, path, query, body and message
value to LOG_VALUE_LIMIT characters, with a marker saying how much was cut. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

LINE_LIMIT = 8 * 1024
HEAD_LIMIT = 32 * 1024
# Bytes read before the headers end beyond which the connection is answered 431 and closed unread.
RAW_HEAD_LIMIT = HEAD_LIMIT + LINE_LIMIT
HEAD_TOO_LARGE = 431

LOG_VALUE_LIMIT = 1024
CUT_MARKER = "...[{cut} more characters cut]"


def cut(text: str, limit: int = LOG_VALUE_LIMIT) -> str:
    """`text` up to `limit` characters, with a marker saying how many more there were."""
    if len(text) <= limit:
        return text
    return text[:limit] + CUT_MARKER.format(cut=len(text) - limit)


def cut_all(value: Any, limit: int = LOG_VALUE_LIMIT) -> Any:
    """Every string in a JSON-like value (keys included) cut to `limit`."""
    if isinstance(value, str):
        return cut(value, limit)
    if isinstance(value, list):
        return [cut_all(item, limit) for item in value]
    if isinstance(value, dict):
        return {cut(str(key), limit): cut_all(item, limit) for key, item in value.items()}
    return value


def head_problem(
    method: str, raw_path: bytes, query_string: bytes, headers: Iterable[tuple[bytes, bytes]]
) -> str | None:
    """Why a request head is over the limits (the 431 message), or None. Sizes as sent on the wire:
    `METHOD target HTTP/1.1\\r\\n`, `name: value\\r\\n` per header, the blank line."""
    line = len(method) + 1 + len(raw_path) + (1 + len(query_string) if query_string else 0) + 9
    if line > LINE_LIMIT:
        return f"The request line is {line} bytes; the limit is {LINE_LIMIT}."
    total = line + 2 + 2
    for name, value in headers:
        size = len(name) + 2 + len(value)
        if size > LINE_LIMIT:
            shown = name.decode("latin-1")[:64]
            return f"The {shown} header is {size} bytes; the limit per header is {LINE_LIMIT}."
        total += size + 2
    if total > HEAD_LIMIT:
        return f"The request headers are {total} bytes in all; the limit is {HEAD_LIMIT}."
    return None
