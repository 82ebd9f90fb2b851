"""Which statuses each operation answered during the run, against the statuses its spec documents.

Every request the suites send is recorded here: schemathesis cases (by their operation), and the
generated clients' and status probes' requests (matched to an operation by method and path). Two rules
come out of it, checked by `test_coverage.py` at the end of the run:

- `success_reached`: an operation that was run answered its documented success status (2xx) at least
  once, so a target refusing every authorised call (a wrong or expired token: every answer a documented
  401) cannot leave a green run;
- `documented_reached`: every documented status of every operation was answered at least once (against
  our mocks: the status probes can provoke all of them; against a live target, see `probes.py`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import yaml

from licensekit.mock.registry import APIS, spec_path

METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


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

    def pattern(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", self.path)
        body = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        return re.compile(f"^{body}/?$", re.IGNORECASE)


@cache
def operations(api: str) -> tuple[Operation, ...]:
    """The API's operations in spec order, with their documented statuses (numeric ones)."""
    document = yaml.safe_load(spec_path(api).read_text())
    found: list[Operation] = []
    for path, item in document.get("paths", {}).items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            statuses = tuple(sorted(int(s) for s in op.get("responses", {}) if str(s).isdigit()))
            found.append(Operation(api, op["operationId"], method.upper(), path, statuses))
    return tuple(found)


@cache
def _patterns(api: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((op.method, op.pattern(), op.operation_id) for op in operations(api))


def match(api: str, method: str, url: str, base_url: str | None) -> str | None:
    """The operationId a request to `url` (under `base_url`) calls, None for an undocumented one."""
    path = urlsplit(url).path
    base = urlsplit(base_url or "").path.rstrip("/")
    if base and path.startswith(base):
        path = path[len(base) :]
    for op_method, pattern, operation_id in _patterns(api):
        if op_method == method.upper() and pattern.match(path):
            return operation_id
    return None


class Coverage:
    def __init__(self) -> None:
        # api -> operationId -> statuses answered
        self.reached: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))

    def record(self, api: str, operation_id: str | None, status: int) -> None:
        if operation_id is not None:
            self.reached[api][operation_id].add(status)

    def record_url(self, api: str, method: str, url: str, base_url: str | None, status: int) -> None:
        self.record(api, match(api, method, url, base_url), status)

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


COVERAGE = Coverage()
