"""Fault injection: make the next N calls (to one operation or any) fail or slow down."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class FaultError(ValueError):
    """An invalid fault document (the admin endpoint answers 400)."""


@dataclass(slots=True)
class Fault:
    status: int | None  # None: a pure delay, the call then runs normally
    count: int
    operation: str | None  # an operationId, or None for every operation
    retry_after: int | None
    delay: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Retry-After is an integer number of seconds on the wire (RFC 9110 delay-seconds); a day bounds both
# it and a delay (asyncio/uvloop cannot sleep 1e300 seconds).
MAX_SECONDS = 86400


def _retry_after(doc: dict[str, Any]) -> int | None:
    value = doc.get("retry_after")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SECONDS:
        raise FaultError(f"retry_after must be an integer number of seconds from 0 to {MAX_SECONDS}, or null")
    return value


def _delay(doc: dict[str, Any]) -> float | None:
    value = doc.get("delay")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_SECONDS:
        raise FaultError(f"delay must be a number of seconds from 0 to {MAX_SECONDS}, or null")
    return float(value)


def parse_fault(doc: Any, operation_ids: set[str]) -> Fault:
    if not isinstance(doc, dict):
        raise FaultError("a fault is a JSON object")
    unknown = set(doc) - {"status", "count", "operation", "retry_after", "delay"}
    if unknown:
        raise FaultError(f"unknown fault fields: {', '.join(sorted(unknown))}")
    status = doc.get("status")
    if status is not None and (
        isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599
    ):
        raise FaultError("status must be an HTTP error status (400-599) or null")
    count = doc.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise FaultError("count must be a positive integer")
    operation = doc.get("operation")
    if operation is not None and operation not in operation_ids:
        raise FaultError(f"unknown operation {operation!r}; known: {', '.join(sorted(operation_ids))}")
    delay = _delay(doc)
    if status is None and not delay:
        raise FaultError("a fault needs a status or a delay")
    return Fault(status, count, operation, _retry_after(doc), delay)


class Faults:
    """Pending faults, first added first used; each matching call uses up one of a fault's count."""

    def __init__(self) -> None:
        self._pending: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._pending.append(fault)

    def clear(self) -> None:
        self._pending.clear()

    def pending(self) -> list[dict[str, Any]]:
        return [fault.as_dict() for fault in self._pending]

    def take(self, operation_id: str) -> Fault | None:
        if not self._pending:  # the common case costs one test
            return None
        for fault in self._pending:
            if fault.operation is None or fault.operation == operation_id:
                fault.count -= 1
                if fault.count == 0:
                    self._pending.remove(fault)
                return fault
        return None
