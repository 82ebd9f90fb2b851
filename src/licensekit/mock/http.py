"""The answers vendor handlers build, and JSON encoding. The request model and the strict JSON parser are
the contract core's (`licensekit.contract.messages`), re-exported here for the vendors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..contract.messages import Request, parse_json

__all__ = ["JSON_TYPE", "Request", "Response", "dump_json", "empty_response", "json_response", "parse_json"]

JSON_TYPE = (b"content-type", b"application/json")


# One encoder for every answer: json.dumps with options builds a new JSONEncoder per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)


def dump_json(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


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
