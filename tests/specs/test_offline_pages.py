"""The pages `make docs` renders request nothing from anyone: opened in a real Chromium with the network
blocked, each draws its operations while every request it attempts (a CDN logo, telemetry, a font) is
counted; there must be none. Slow: about 15 s a page on 2 busy cores."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from ..browser import visit_offline
from .specdocs import document, operations

pytestmark = pytest.mark.slow


def _browse(page: Any) -> None:
    """What a reader does: scroll through, follow links of the navigation (telemetry fires on these)."""
    page.mouse.wheel(0, 20_000)
    links = page.locator("a[href^='#'], a[href*='/operation/'], a[href*='/tag/']")
    for n in range(min(6, links.count())):
        link = links.nth(n)
        if link.is_visible():
            link.click(timeout=5_000)


@pytest.mark.parametrize("api", ["cloudcockpit", "fusion", "partner-center"])
def test_page_makes_no_request(api: str, docs_pages: dict[str, Path], chromium: Any) -> None:
    visit = visit_offline(chromium, docs_pages[api].as_uri(), ready="h1", actions=_browse)
    assert visit.attempted == [], f"{api}: the page tried to reach {visit.attempted}"
    assert visit.errors == [], visit.errors
    # it drew, offline: the title on screen, and every operation in what the page's script built (the
    # pre-rendered frame holds none of them: test_rendered_docs.py)
    assert document(api)["info"]["title"] in visit.text
    drawn = html.unescape(visit.html)
    missing = [op["summary"] for _, _, op in operations(api) if op["summary"] not in drawn]
    assert missing == [], missing


def test_the_check_catches_a_page_that_calls_out(tmp_path: Path, chromium: Any) -> None:
    """The same visit on a page that loads an image and posts a beacon: both attempts are counted."""
    page = tmp_path / "calls-out.html"
    page.write_text(
        "<html><body><h1>x</h1><img src='https://cdn.example.invalid/logo.svg'>"
        "<script>navigator.sendBeacon('https://collector.example.invalid/v1/traces', 'x')</script>"
        "</body></html>",
        encoding="utf-8",
    )
    visit = visit_offline(chromium, page.as_uri(), ready="h1", settle_ms=500)
    assert visit.attempted == [
        "GET https://cdn.example.invalid/logo.svg",
        "POST https://collector.example.invalid/v1/traces",
    ]
