"""What a client accepted only thanks to the tolerance rule (docs/spec-conventions.md), said and counted.

Three deviations, read from `tolerance_table.json` (written from the specs by codegen/tolerance_table.py,
checked for drift by `make check-generated`; the specs themselves are not read at run time):
- "missing expected field": a property the spec expects (`x-licensekit-expected`) but does not require;
- "unknown value": a value outside an open enum's known values (`x-known-values`);
- "unexpected body": an answer on a status whose body is our inference that is empty, not JSON, or not
  an object with the expected body's required names.

Each (API, operation, deviation, location) is logged once per process, as a WARNING on the
`licensekit.tolerance` logger, naming the place, never a value (a value could be a secret). Locations come
from the table (array items as `[]`), so the set of keys, and the log, is bounded by the specs. Each
client counts every answer that showed each deviation: `client.tolerated()`, for metrics.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LOGGER = logging.getLogger("licensekit.tolerance")

MISSING = "missing expected field"
UNKNOWN = "unknown value"
UNEXPECTED_BODY = "unexpected body"


@dataclass(frozen=True, order=True)
class Deviation:
    api: str
    operation: str  # the operationId
    kind: str  # MISSING, UNKNOWN or UNEXPECTED_BODY
    location: str  # "<status> body" and a path in it, e.g. "200 body[].offerType.name"


@cache
def table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("tolerance_table.json").read_text(encoding="utf-8")
    )
    return data


_warned: set[Deviation] = set()
_warned_lock = threading.Lock()


def forget_warnings() -> None:
    """Log each deviation again from now on (tests; a long-lived service may call it, e.g. daily)."""
    with _warned_lock:
        _warned.clear()


@dataclass(frozen=True)
class _Node:
    """A compiled tolerance shape; its location is fixed by its place in the body."""

    location: str
    expected: frozenset[str]
    known: frozenset[str] | None
    props: tuple[tuple[str, _Node], ...]
    items: _Node | None


def _compile(shape: dict[str, Any], location: str) -> _Node:
    return _Node(
        location,
        frozenset(shape.get("expected", ())),
        frozenset(shape["known"]) if "known" in shape else None,
        tuple(
            (name, _compile(child, f"{location}.{name}")) for name, child in shape.get("props", {}).items()
        ),
        _compile(shape["items"], f"{location}[]") if "items" in shape else None,
    )


@cache
def _compiled(api: str, module: str, status: str) -> _Node | None:
    rules = table().get(api, {}).get(module)
    shape = rules["answers"].get(status) if rules else None
    return None if shape is None else _compile(shape, f"{status} body")


def _walk(node: _Node, values: list[Any], found: set[tuple[str, str]]) -> None:
    """All the values found at one place of the body at once (every item of a list together): one pass
    per place, not one call per item, so a 5,000-item answer costs a few list comprehensions."""
    if node.known is not None:
        strings = {v for v in values if type(v) is str}
        if not strings <= node.known:
            found.add((UNKNOWN, node.location))
    dicts = [v for v in values if type(v) is dict]
    if dicts:
        expected = node.expected
        if expected:
            for d in dicts:
                if not expected <= d.keys():
                    found.update((MISSING, f"{node.location}.{name}") for name in expected - d.keys())
        for name, child in node.props:
            _walk(child, [d[name] for d in dicts if name in d], found)
    if node.items is not None:
        _walk(node.items, [x for v in values if type(v) is list for x in v], found)


def answer_deviations(api: str, module: str, status: int, data: object) -> set[tuple[str, str]]:
    """(kind, location) of each tolerated deviation of a parsed 2xx body."""
    node = _compiled(api, module, str(status))
    found: set[tuple[str, str]] = set()
    if node is not None:
        _walk(node, [data], found)
    return found


def error_deviations(api: str, module: str, status: int, content: bytes) -> set[tuple[str, str]]:
    """An error answer on a status whose body is inferred: is it the expected one?"""
    rules = table().get(api, {}).get(module)
    required = rules["inferred"].get(str(status)) if rules else None
    if required is None:
        return set()
    where = f"{status} body"
    try:
        data = json.loads(content) if content.strip() else None
    except (ValueError, RecursionError):
        return {(UNEXPECTED_BODY, f"{where} (not JSON)")}
    if data is None:
        return {(UNEXPECTED_BODY, f"{where} (empty)")}
    if not isinstance(data, dict) or any(name not in data for name in required):
        return {(UNEXPECTED_BODY, f"{where} (not the expected shape)")}
    return set()


class ToleranceLog:
    """One client's counts; the once-per-process warnings are shared by every client."""

    def __init__(self, api: str) -> None:
        self.api = api
        self._counts: Counter[Deviation] = Counter()
        self._lock = threading.Lock()

    def operation(self, module: str) -> str:
        rules = table().get(self.api, {}).get(module)
        return str(rules["operation"]) if rules else module

    def record(self, module: str, found: set[tuple[str, str]]) -> None:
        if not found:
            return
        operation = self.operation(module)
        deviations = [Deviation(self.api, operation, kind, where) for kind, where in sorted(found)]
        with self._lock:
            self._counts.update(deviations)
        with _warned_lock:
            new = [d for d in deviations if d not in _warned]
            _warned.update(new)
        for d in new:
            LOGGER.warning(
                "%s %s: tolerated %s at %s (the spec accepts it; logged once)",
                d.api,
                d.operation,
                d.kind,
                d.location,
            )

    def counts(self) -> dict[Deviation, int]:
        with self._lock:
            return dict(sorted(self._counts.items()))
