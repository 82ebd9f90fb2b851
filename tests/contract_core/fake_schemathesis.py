"""The parts of schemathesis' case and response the suites' observers read, for calling an observer
directly: a case names its operation, a response carries its request (for the masked curl)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Definition:
    raw: dict[str, Any]


@dataclass
class Operation:
    method: str
    path: str
    definition: Definition


@dataclass
class Case:
    operation: Operation
    id: str = "case-1"


@dataclass
class Request:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


@dataclass
class Response:
    request: Request
    status_code: int
    headers: dict[str, Any]
    content: bytes


def case(operation_id: str, method: str, path: str) -> Case:
    return Case(Operation(method, path, Definition({"operationId": operation_id})))
