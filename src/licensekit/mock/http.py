"""The request and response objects that the engine hands to vendor handlers, and JSON encoding."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .spec import Operation

JSON_TYPE = (b"content-type", b"application/json")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:40]}")
    return value


def _no_constants(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _check_unicode(value: Any) -> None:
    """Lone surrogates (from \\ud800-style escapes) are not text: refuse them rather than store them."""
    if isinstance(value, str):
        value.encode("utf-8")  # raises UnicodeEncodeError on a lone surrogate
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(key)
            _check_unicode(item)
    elif isinstance(value, list):
        for item in value:
            _check_unicode(item)


def parse_json(raw: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, no numbers that overflow to infinity, no lone surrogates."""
    value = json.loads(raw.decode("utf-8"), parse_float=_finite, parse_constant=_no_constants)
    if _SURROGATE_ESCAPE.search(raw):  # only then can a string hold a surrogate
        try:
            _check_unicode(value)
        except UnicodeEncodeError as exc:
            raise ValueError("a string holds a lone surrogate") from exc
    return value


# One encoder for every answer: json.dumps with options builds a new JSONEncoder per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)


def dump_json(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


@dataclass(slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    op: Operation
    path_params: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    header_params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    claims: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Response:
    status: int
    content: bytes = b""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    data: Any = None  # the JSON value behind `content`, kept for response checks
    has_body: bool = False

    def add_header(self, name: str, value: str) -> None:
        self.headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    response = Response(status, dump_json(data), [JSON_TYPE], data, True)
    for name, value in (headers or {}).items():
        response.add_header(name, value)
    return response


def empty_response(status: int, headers: dict[str, str] | None = None) -> Response:
    response = Response(status)
    for name, value in (headers or {}).items():
        response.add_header(name, value)
    return response
