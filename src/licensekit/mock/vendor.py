"""What every vendor mock provides to the engine; the engine does the HTTP, the vendor the behaviour.

A vendor keeps its state in plain Python objects and its handlers are synchronous: the server runs one
event loop, so a handler's read-modify-write cannot interleave with another request's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any, ClassVar

from ..contract.spec import Problem
from .http import Request, Response

Handler = Callable[[Request], Response]


class SeedError(ValueError):
    """A seed document that the vendor cannot load (the admin endpoint answers 400)."""


def default_seed(name: str) -> dict[str, Any]:
    text = resources.files("licensekit.mock.data").joinpath(f"{name}.json").read_text(encoding="utf-8")
    seed: dict[str, Any] = json.loads(text)
    return seed


class VendorMock:
    """Base class: state loading, handler table and the vendor's ways of saying no."""

    api: ClassVar[str]
    seed_name: ClassVar[str]  # file name (without .json) under licensekit/mock/data/

    def __init__(self, seed: dict[str, Any] | None = None, *, secret: str) -> None:
        self.secret = secret  # for vendors that issue tokens themselves (Fusion's login)
        self.seed: dict[str, Any] = seed if seed is not None else default_seed(self.seed_name)
        self.load(self.seed)

    # -- state
    def load(self, seed: dict[str, Any]) -> None:
        """Replace the whole state with `seed`; raise SeedError (leaving the state as it was) if invalid."""
        raise NotImplementedError

    def dump(self) -> dict[str, Any]:
        """The current state as a seed document (loading it back gives the same state)."""
        raise NotImplementedError

    def handlers(self) -> dict[str, Handler]:
        """operationId -> handler, for every operation of the spec."""
        raise NotImplementedError

    # -- refusals, in the vendor's shapes
    def error(self, request: Request | None, status: int, message: str, headers: dict[str, str]) -> Response:
        """Any error answer: 404/405 outside the spec's routes, 413, 415, 400 for unparsable input, 500."""
        raise NotImplementedError

    def invalid(self, request: Request, problems: list[Problem]) -> Response:
        """400 for parameters or a body that break the spec."""
        raise NotImplementedError

    def unauthorized(self, request: Request, reason: str) -> Response:
        raise NotImplementedError

    def authorize(self, request: Request) -> Response | None:
        """After the token checked out: a refusal (403, or 401 for the wrong kind of token), or None."""
        return None

    def fault(self, request: Request, status: int, retry_after: int | None) -> Response:
        """An injected fault; by default the vendor's error shape with Retry-After when given."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return self.error(request, status, f"injected fault: {status}", headers)

    def finish(self, request_headers: dict[str, str], response: Response) -> None:
        """Last touch on every answer on a vendor path (e.g. Partner Center's MS-* headers)."""
