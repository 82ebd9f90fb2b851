"""Checks of the codebase's own shape, run by `make lint` (import-linter contract types of our own)."""
