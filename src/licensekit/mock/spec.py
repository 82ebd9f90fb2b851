"""Moved to `licensekit.contract.spec` (0.3.0); this name stays importable until 0.4.0."""

from ..contract.spec import *  # noqa: F403
