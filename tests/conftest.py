"""Fixtures shared by every test under tests/: the real browser for page tests (tests/browser.py)."""

from .browser import chromium

__all__ = ["chromium"]
