"""Package-wide constants: version, User-Agent, default timeouts, logger."""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

import httpx

try:
    VERSION = version("licensekit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
    VERSION = "0.0.0"

USER_AGENT = f"licensekit/{VERSION}"

#: 30 s for a whole read, 10 s to connect: the generated Client has no timeout at all by default.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)

logger = logging.getLogger("licensekit.clients")

# Request extensions the layer uses to talk to its own transport.
EXT_TOKEN = "licensekit.token_request"  # a token-endpoint call: retryable, no correlation ids
EXT_ATTEMPTS = "licensekit.attempts"  # on responses: how many attempts the transport made
EXT_DEADLINE = "licensekit.deadline"  # on requests: monotonic time by which the whole call must end
