"""licensekit: spec-first clients, mocks and contract tests."""

from importlib.metadata import PackageNotFoundError, version

try:
    # The one version source is pyproject.toml's [project].version, as installed.
    __version__ = version("licensekit")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
