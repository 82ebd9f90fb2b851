"""A validating reverse proxy: real traffic held to the spec, departures written to a drift log."""

from .app import ProxyApp
from .drift_log import DriftLog
from .server import ProxyServer, serve

__all__ = ["DriftLog", "ProxyApp", "ProxyServer", "serve"]
