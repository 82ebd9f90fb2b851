"""The HTTP request as the core sees it, and the strict JSON rules every part of the product shares."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .spec import Operation


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


def is_json_media(content_type: str) -> bool:
    """application/json or application/*+json, in UTF-8 (the only charset JSON allows)."""
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        return False
    charset = params.strip().lower()
    return not charset or charset.replace(" ", "") in ("charset=utf-8", 'charset="utf-8"')


@dataclass(slots=True)
class Request:
    """A request routed to its operation; the parsers fill in the coerced parameters and the body."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    op: Operation
    path_params: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    header_params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    claims: dict[str, Any] = field(default_factory=dict)
