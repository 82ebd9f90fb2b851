"""The report's page tests: an interactive offline page on the test module's Chromium (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .offline import OfflinePage, offline


@pytest.fixture
def offline_page(chromium: Any) -> Iterator[OfflinePage]:
    with offline(chromium) as page:
        yield page
