"""HAR 1.2 read entry by entry (ijson), so a file larger than memory is fine: browsers, mitmproxy, and
`make contract RECORD=` (schemathesis' HAR report) write it.

An entry that is JSON but not a usable HAR entry (no request, a status that is not a number, a body that
does not decode) is returned as a `BrokenEntry`, to be skipped and counted; JSON that is cut or garbled
ends the stream with `HarError` (nothing after that point can be read).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ijson


class HarError(ValueError):
    """The file cannot be read on as HAR (one line naming the file, the entry and the problem)."""


@dataclass(slots=True)
class HarEntry:
    method: str
    url: str
    headers: list[tuple[str, str]]  # request headers as sent (HTTP/2 pseudo-headers left out)
    body: bytes
    status: int
    response_headers: list[tuple[str, str]]
    response_body: bytes
    response_complete: bool  # False: the recorder left the body out (content.text missing, size > 0)
    started: str  # UTC, "YYYY-MM-DDTHH:MM:SSZ"; "" when the entry has no usable time


@dataclass(slots=True)
class BrokenEntry:
    number: int  # 1-based position in log.entries
    problem: str


class _Broken(Exception):
    pass


def _headers(raw: Any, where: str) -> list[tuple[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _Broken(f"{where} is not a list")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _Broken(f"{where}: a header without a name")
        name = item["name"]
        if name.startswith(":"):
            continue  # HTTP/2 pseudo-headers: the method, path and authority are in the entry already
        out.append((name, str(item.get("value", ""))))
    return out


def _text(raw: Any, where: str) -> bytes:
    """A HAR text field (postData, content), base64 when it says so."""
    if not isinstance(raw, dict):
        return b""
    text = raw.get("text")
    if text is None:
        return b""
    if not isinstance(text, str):
        raise _Broken(f"{where}.text is not a string")
    if raw.get("encoding") == "base64":
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise _Broken(f"{where}.text is not valid base64") from None
    return text.encode("utf-8", "surrogatepass")


def _started(raw: Any) -> str:
    if not isinstance(raw, str):
        return ""
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_entry(raw: Any) -> HarEntry:
    """One `log.entries[]` item; raises _Broken with the problem."""
    if not isinstance(raw, dict):
        raise _Broken("not an object")
    request, response = raw.get("request"), raw.get("response")
    if not isinstance(request, dict):
        raise _Broken("no request")
    if not isinstance(response, dict):
        raise _Broken("no response")
    method, url, status = request.get("method"), request.get("url"), response.get("status")
    if not isinstance(method, str) or not method.isalpha():
        raise _Broken(f"request.method {method!r} is not an HTTP method")
    if not isinstance(url, str) or "://" not in url:
        raise _Broken("request.url is not an absolute URL")
    if isinstance(status, float) and status.is_integer():
        status = int(status)
    if not isinstance(status, int) or isinstance(status, bool) or not 0 <= status <= 999:
        raise _Broken(f"response.status {status!r} is not a status code")
    if status == 0:
        raise _Broken("response.status 0: the request got no answer (blocked or failed)")
    content = response.get("content")
    body = _text(content, "response.content")
    size = content.get("size") if isinstance(content, dict) else None
    missing = isinstance(content, dict) and content.get("text") is None and isinstance(size, int) and size > 0
    return HarEntry(
        method.upper(),
        url,
        _headers(request.get("headers"), "request.headers"),
        _text(request.get("postData"), "request.postData"),
        status,
        _headers(response.get("headers"), "response.headers"),
        body,
        not missing,
        _started(raw.get("startedDateTime")),
    )


def entries(path: str | Path) -> Iterator[HarEntry | BrokenEntry]:
    """Every entry of the HAR at `path`, in order; raises HarError when the JSON itself breaks off."""
    number = 0
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(ijson.items(handle, "log.entries.item", use_float=True), 1):
                try:
                    yield parse_entry(raw)
                except _Broken as exc:
                    yield BrokenEntry(number, str(exc))
    except ijson.JSONError as exc:
        why = " ".join(str(exc).split())[:200]  # the parser's text spans lines: one line, bounded
        raise HarError(
            f"{path}: not valid JSON after entry {number} ({why}); the rest of the file was not read"
        ) from None
    except OSError as exc:
        raise HarError(f"{path}: cannot be read: {exc}") from None
