"""A validating reverse proxy: real traffic held to the spec, departures written to a drift log.

The names below are imported on first use, so that writing or reading a drift log
(`licensekit.proxy.drift_log`; `licensekit proxy-report` reads it through `licensekit.traffic`) works on a
base install, without the server extra the proxy itself needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import ProxyApp
    from .drift_log import DriftLog
    from .server import ProxyServer, serve

__all__ = ["DriftLog", "ProxyApp", "ProxyServer", "serve"]
_HOMES = {"ProxyApp": ".app", "DriftLog": ".drift_log", "ProxyServer": ".server", "serve": ".server"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)
