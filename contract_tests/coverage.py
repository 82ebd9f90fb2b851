"""Which statuses each operation answered during the run, against the statuses its spec documents.

Every request the suites send is recorded here: schemathesis cases (by their operation), and the
generated clients' and status probes' requests (matched to an operation by method and path). Each one is
also handed, as the judge's `Exchange`, to the contract core's spec coverage (`COVERAGE.spec`: every
dimension, written to coverage.json and the HTML page). Two rules come out of the statuses, checked by
`test_coverage.py` at the end of the run:

- `success_reached`: an operation that was run answered its documented success status (2xx) at least
  once, so a target refusing every authorised call (a wrong or expired token: every answer a documented
  401) cannot leave a green run;
- `documented_reached`: every documented status of every operation was answered at least once (against
  our mocks: the status probes can provoke all of them; against a live target, see `probes.py`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import httpx

from licensekit.contract.coverage import CoverageCollector
from licensekit.contract.judge import Exchange
from licensekit.contract.registry import APIS, load_spec
from licensekit.contract.spec import Api


@dataclass(frozen=True)
class Operation:
    api: str
    operation_id: str
    method: str
    path: str
    documented: tuple[int, ...]

    @property
    def successes(self) -> tuple[int, ...]:
        return tuple(s for s in self.documented if 200 <= s < 300)


@cache
def _spec(api: str) -> Api:
    return load_spec(api)  # the contract core's loader and router (the mocks' and the proxy's too)


@cache
def operations(api: str) -> tuple[Operation, ...]:
    """The API's operations in spec order, with their documented statuses (numeric ones)."""
    return tuple(
        Operation(
            api,
            op.operation_id,
            op.method,
            op.path,
            tuple(sorted(int(s) for s in op.responses if s.isdigit())),
        )
        for op in _spec(api).operations.values()
    )


def _relative(url: str, base_url: str | None) -> str:
    path = urlsplit(url).path
    base = urlsplit(base_url or "").path.rstrip("/")
    return path[len(base) :] if base and path.startswith(base) else path


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def match(api: str, method: str, url: str, base_url: str | None) -> str | None:
    """The operationId a request to `url` (under `base_url`) calls, None for an undocumented one."""
    path = _relative(url, base_url)
    try:
        found = _spec(api).router.match(path.rstrip("/") or "/")
    except UnicodeDecodeError:
        return None
    operation = found[0].operations.get(method.upper()) if found else None
    return operation.operation_id if operation else None


class Coverage:
    def __init__(self) -> None:
        # api -> operationId -> statuses answered
        self.reached: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.spec = CoverageCollector(source="contract")  # every dimension (licensekit.contract.coverage)

    def record(self, api: str, operation_id: str | None, status: int) -> None:
        if operation_id is not None:
            self.reached[api][operation_id].add(status)

    def record_url(self, api: str, method: str, url: str, base_url: str | None, status: int) -> None:
        self.record(api, match(api, method, url, base_url), status)

    def record_exchange(
        self,
        api: str,
        method: str,
        url: str,
        base_url: str | None,
        headers: Any,
        body: Any,
        status: int,
        response_headers: Any,
        response_body: bytes,
    ) -> None:
        """One request and its answer: its status for the table above, the whole exchange for the spec
        coverage. Headers may be any mapping (lists of values are joined)."""
        parts = urlsplit(url)
        exchange = Exchange(
            method.upper(),
            _relative(url, base_url).rstrip("/") or "/",
            parts.query.encode("utf-8"),
            _lower(headers),
            _bytes(body),
            status=status,
            response_headers=_lower(response_headers),
            response_body=response_body or b"",
        )
        self.record(api, self.spec.observe(api, exchange), status)

    def record_httpx(self, api: str, response: httpx.Response, base_url: str | None) -> None:
        request = response.request
        self.record_exchange(
            api,
            request.method,
            str(request.url),
            base_url,
            request.headers,
            request.content,
            response.status_code,
            response.headers,
            response.read(),
        )

    def apis(self) -> list[str]:
        return [api for api in APIS if self.reached.get(api)]

    def missing_success(self, api: str) -> list[str]:
        """Operations that were run but never answered a documented success status."""
        reached = self.reached.get(api, {})
        return [
            f"{op.operation_id} (documented {'/'.join(map(str, op.successes))}, "
            f"got {'/'.join(map(str, sorted(reached[op.operation_id])))})"
            for op in operations(api)
            if reached.get(op.operation_id) and not set(op.successes) & reached[op.operation_id]
        ]

    def missing_documented(self, api: str) -> list[str]:
        """Operations with documented statuses no request of the run was answered with."""
        reached = self.reached.get(api, {})
        out = []
        for op in operations(api):
            missing = [s for s in op.documented if s not in reached.get(op.operation_id, set())]
            if missing:
                out.append(f"{op.operation_id}: {', '.join(map(str, missing))}")
        return out

    def table(self, api: str) -> list[str]:
        """Per operation: documented statuses, each marked when reached, and undocumented ones answered."""
        reached = self.reached.get(api, {})
        lines = []
        for op in operations(api):
            got = reached.get(op.operation_id, set())
            marks = " ".join(str(s) if s in got else f"({s})" for s in op.documented)
            extra = sorted(got - set(op.documented))
            more = f"  undocumented: {' '.join(map(str, extra))}" if extra else ""
            n = sum(s in got for s in op.documented)
            lines.append(f"  {op.operation_id:<34}{n:>2}/{len(op.documented):<3} {marks}{more}")
        return lines


def _lower(headers: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in (headers or {}).items():
        out[str(name).lower()] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return out


COVERAGE = Coverage()
