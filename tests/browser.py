"""A real browser for tests of the pages we ship: Debian's Chromium, driven by Playwright from PyPI.

Reusable by any page test: the module fixture `chromium` (a launched browser; skipped, with the reason,
only where Chromium is not installed and `make browser` could not install it) and `visit_offline(browser,
url)`, which opens a page with the network blocked and returns every request it attempted.

Set-up: `make browser` (part of `make test`) installs Debian's `chromium` with apt-get when it is missing
and the user is root. Never `playwright install`: it downloads a browser build of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("LICENSEKIT_CHROMIUM", "/usr/bin/chromium"))
MISSING = (
    f"no Chromium at {CHROMIUM}: `make browser` installs Debian's chromium (apt-get, as root); "
    "set LICENSEKIT_CHROMIUM to use another build"
)


@dataclass
class Visit:
    """What a page did while the network was blocked."""

    attempted: list[str] = field(default_factory=list)  # "METHOD URL" of every request outside file:
    errors: list[str] = field(default_factory=list)  # uncaught errors in the page's scripts
    console_errors: list[str] = field(default_factory=list)
    text: str = ""  # the page's visible text once drawn
    html: str = ""  # its document once drawn (what the scripts built, hidden parts too)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium per test module: Playwright's sync API keeps an event loop running in this
    thread while it is open, and a test of ours that calls asyncio.run() later must not find it."""
    if not CHROMIUM.exists():
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def visit_offline(
    browser: Any, url: str, *, ready: str | None = None, settle_ms: int = 1500, actions: Any = None
) -> Visit:
    """Open `url` with every request outside file: blocked and recorded (the page cannot pass on a cached
    copy or a CDN that happens to answer); wait for the selector `ready`, then `settle_ms` more for late
    requests (telemetry is sent after load); run `actions(page)`; close the page (unload-time beacons
    count too)."""
    visit = Visit()
    context = browser.new_context(service_workers="block")

    def record(request: Any) -> None:
        if not request.url.startswith(("file:", "data:", "blob:", "about:")):
            visit.attempted.append(f"{request.method} {request.url}")

    def block(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.on("request", record)
    context.route("**/*", block)
    page = context.new_page()
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url, wait_until="load")
        if ready:
            page.wait_for_selector(ready, timeout=60_000)
        page.wait_for_timeout(settle_ms)
        if actions is not None:
            actions(page)
            page.wait_for_timeout(settle_ms)
        visit.text = page.inner_text("body")
        visit.html = page.content()
        page.close(run_before_unload=True)
        context.close()
    finally:
        if not page.is_closed():
            page.close()
    return visit
