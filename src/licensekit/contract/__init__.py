"""The contract core: what the specs allow, and one judge of exchanges against them.

    specs/*.yaml -> registry (which APIs, where) -> spec (compiled: router, parameters, validators,
    tolerance metadata) -> judge (an exchange in, findings out)

The mocks, the proxy, the contract suites and the reports are built on this package; it imports none of
them (import-linter holds that line: see pyproject.toml). Names load on first use, so that
`licensekit.contract.registry` stays importable on a client-only install (no PyYAML, no jsonschema-rs).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .findings import FAILURE as FAILURE
    from .findings import TOLERATED as TOLERATED
    from .findings import Finding as Finding
    from .judge import Exchange as Exchange
    from .judge import Judge as Judge
    from .judge import Verdict as Verdict
    from .judge import judge as judge
    from .judge import judge_for as judge_for
    from .registry import APIS as APIS
    from .registry import load_spec as load_spec
    from .registry import spec_path as spec_path

_WHERE = {
    "FAILURE": "findings",
    "TOLERATED": "findings",
    "Finding": "findings",
    "Exchange": "judge",
    "Judge": "judge",
    "Verdict": "judge",
    "judge": "judge",
    "judge_for": "judge",
    "APIS": "registry",
    "load_spec": "registry",
    "spec_path": "registry",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
