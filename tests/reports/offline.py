"""An interactive page with the network blocked, for the HTML report's tests (on `tests/browser.py`'s
Chromium), and the README's screenshot.

`tests/browser.py`'s `visit_offline` opens a page, acts and closes it; the report's tests need to click,
type and read step by step, so `offline(browser)` keeps the page open: every request other than `file:`
and `data:` is aborted and kept in `.blocked`, and the clipboard is allowed (the copy button's test).

`python -m tests.reports.offline screenshot PAGE.html OUT.png` (`make screenshot`) takes the picture.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, MISSING

VIEWPORT: Any = {"width": 1280, "height": 900}  # playwright's ViewportSize


@dataclass
class OfflinePage:
    page: Any  # playwright.sync_api.Page
    blocked: list[str] = field(default_factory=list)  # URLs the page asked for and did not get

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())


@contextlib.contextmanager
def offline(browser: Any) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    out = OfflinePage(context.new_page())

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            out.blocked.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    try:
        yield out
    finally:
        context.close()


def screenshot(page_file: Path, out: Path) -> None:
    """Open `page_file` offline, open its first operation with findings (else the first), save a picture."""
    if not CHROMIUM.exists():
        raise SystemExit(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        with offline(browser) as visit:
            visit.open(page_file)
            page = visit.page
            page.wait_for_selector("body[data-ready=true]")
            first = page.locator('tr.op-row:not([data-findings="0"]) button.op').first
            if not first.count():
                first = page.locator("button.op").first
            if first.count():
                first.click()
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            blocked = list(visit.blocked)
        browser.close()
    if blocked:
        raise SystemExit(f"the page asked for the network: {blocked}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "screenshot":
        raise SystemExit("usage: python -m tests.reports.offline screenshot PAGE.html OUT.png")
    screenshot(Path(sys.argv[2]), Path(sys.argv[3]))
    print(sys.argv[3])
