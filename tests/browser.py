"""A real browser for the tests of our HTML pages: Debian's Chromium, driven by Playwright, network off.

`make browser` installs Chromium from the Debian packages (`make test` runs it first); Playwright is
pinned in constraints.txt and never downloads a browser of its own (no `playwright install`). Set
`CHROMIUM=/path` to use another build.

Fixtures (import them into a conftest.py of the tests that need them):
- `chromium`: one browser per session; the test skips, saying why, where there is no Chromium;
- `offline_page`: a fresh page (clipboard allowed) on which every request other than `file:` and `data:`
  is aborted and kept in `.blocked`, so a page that needs the network fails its test instead of passing
  on a cached copy.

`python -m tests.browser screenshot PAGE.html OUT.png` takes the picture the README shows.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
VIEWPORT: Any = {"width": 1280, "height": 900}  # playwright's ViewportSize


def chromium_path() -> str | None:
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    return found or None


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if chromium_path() is None:
        return f"no Chromium at {CHROMIUM}: run `make browser` (apt-get install chromium, as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: run `make install` (it is pinned in constraints.txt)"
    return None


@dataclass
class OfflinePage:
    page: Any  # playwright.sync_api.Page
    blocked: list[str] = field(default_factory=list)  # URLs the page asked for and did not get

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())


def _offline(page: Any, blocked: list[str]) -> None:
    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def offline_page(chromium: Any) -> Iterator[OfflinePage]:
    context = chromium.new_context(viewport=VIEWPORT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    out = OfflinePage(page)
    _offline(page, out.blocked)
    try:
        yield out
    finally:
        context.close()


def screenshot(page_file: Path, out: Path, *, full_page: bool = False) -> None:
    """Open `page_file` offline, expand its first operation, and save a picture of it."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise SystemExit(why_no_browser())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        blocked: list[str] = []
        _offline(page, blocked)
        page.goto(page_file.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]")
        # the first operation with findings, else the first one
        first = page.locator('tr.op-row:not([data-findings="0"]) button.op').first
        if not first.count():
            first = page.locator("button.op").first
        if first.count():
            first.click()
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=full_page)
        browser.close()
    if blocked:
        raise SystemExit(f"the page asked for the network: {blocked}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "screenshot":
        raise SystemExit("usage: python -m tests.browser screenshot PAGE.html OUT.png")
    screenshot(Path(sys.argv[2]), Path(sys.argv[3]))
    print(sys.argv[3])
