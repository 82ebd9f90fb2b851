"""The vendor pages' JSON examples, as the project keeps them: ``specs/examples/<api>/*.json``.

One file per example the vendor printed (an example printed twice on a page is one file listing both
lines), in the style of azure-rest-api-specs' examples folders::

    {"source": {"page": ..., "anchor": ..., "heading": ..., "lines": [...]},
     "operations": [{"operationId": ..., "method": ..., "path": ...}],   # as the page spells them
     "place": "request" | <HTTP status>,
     "value": <the JSON, verbatim>}

``pages.json`` per API holds page-level facts: each page's title, the operations it documents (its
endpoint lines), and how many JSON examples it carries. Each spec operation names its examples in
``x-vendor-examples`` (paths relative to ``specs/``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .specdocs import ROOT

EXAMPLES_DIR = ROOT / "specs" / "examples"

Place = str | int  # "request" or an HTTP status code


@dataclass(frozen=True)
class VendorExample:
    api: str
    file: str  # relative to specs/, as x-vendor-examples names it
    source: dict[str, Any]
    operations: tuple[tuple[str, str, str], ...]  # (operationId, METHOD, path)
    place: Place
    value: object

    @property
    def where(self) -> str:
        return f"{self.file} ({self.source['page']} #{self.source['anchor']}) [{self.place}]"


def _load(path: Path) -> Any:
    # json keeps 42 and 42.0 apart as the file writes them (the verbatim test compares reprs)
    return json.loads(path.read_text(encoding="utf-8"))


def all_examples() -> list[VendorExample]:
    found = []
    for path in sorted(EXAMPLES_DIR.glob("*/*.json")):
        if path.name == "pages.json":
            continue
        doc = _load(path)
        found.append(
            VendorExample(
                api=path.parent.name,
                file=path.relative_to(ROOT / "specs").as_posix(),
                source=doc["source"],
                operations=tuple((op["operationId"], op["method"], op["path"]) for op in doc["operations"]),
                place=doc["place"],
                value=doc["value"],
            )
        )
    return found


def pages(api: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = _load(EXAMPLES_DIR / api / "pages.json")["pages"]
    return result
