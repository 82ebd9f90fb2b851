"""licensekit: spec-first clients, mocks and contract tests."""

__version__ = "0.1.0"
