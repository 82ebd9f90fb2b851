"""Make a page rendered by `redocly build-docs` request nothing from anyone when opened.

Redoc's page script is inlined (--inlineBundle) and its telemetry is off (specs/redocly.yaml
`telemetry: off`), but its "API docs by Redocly" badge still loads the Redocly logo from a CDN, and no
option turns that off. This replaces the logo's URLs with an inline SVG (the attribution stays, as text),
then refuses the page if any other address on the logo's host is left in it. (The inlined script still
names Redocly's collector and icon CDN: the first is never called with telemetry off, the second only
for icons our specs do not use.)
tests/specs/test_offline_pages.py opens the pages in Chromium with the network blocked and counts every
request they attempt: none.

python codegen/offline_docs.py PAGE.html [...]   (run by `make docs`; standard library only)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_BADGE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='{w}' height='16'%3E"
    "%3Ctext x='0' y='12' font-family='sans-serif' font-size='12' fill='%23888'%3E{text}%3C/text%3E%3C/svg%3E"
)
REPLACEMENTS = {
    "https://cdn.redoc.ly/redoc/logo-mini-full.svg": _BADGE.format(w=60, text="Redocly"),
    "https://cdn.redoc.ly/redoc/logo-mini.svg": _BADGE.format(w=12, text="R"),
}
# The logo's host: no address on it may be left (a new Redoc naming another file there fails the build).
LOGO_HOST = re.compile(r"https?://cdn\.redoc\.ly/[^\s`'\"]*")


def make_offline(page: Path) -> list[str]:
    """Rewrite `page` in place; returns the logo-host addresses still in it (empty when it is clean)."""
    text = page.read_text(encoding="utf-8")
    for url, inline in REPLACEMENTS.items():
        text = text.replace(url, inline)
    page.write_text(text, encoding="utf-8")
    return sorted(set(LOGO_HOST.findall(text)))


def main(argv: list[str]) -> int:
    status = 0
    for name in argv:
        left = make_offline(Path(name))
        if left:
            print(f"{name}: still names {', '.join(left)}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
