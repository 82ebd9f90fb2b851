"""Read the JSON examples straight out of the vendor pages in ``shared/seeds/``.

The examples are never retyped: each is parsed from the page text and labelled with the operation
(method, path as the page spells it) and the place it documents: the request body, or the response
of a status code. The pages come in two layouts:

* CloudCockpit: ``Response examples (404)`` / ``Request examples`` / ``# Payload`` headings, and a curl
  ``-d '...'`` payload; the operation is the ``METHOD /path`` line of the page.
* Fusion: sections of ``Request`` (``Endpoint`` lines, ``Body``, ``Example``) then ``Response``
  (``Status codes`` table, ``Success``, ``Example``); one section may list several endpoints.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"

_ENDPOINT = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (?:https?://[^/\s]+)?(/[^\s?]*)")
_RESPONSE_EXAMPLES = re.compile(r"^Response examples \((\d{3})\)")
_STATUS_ROW = re.compile(r"^(2\d\d)\D")
_CURL_PAYLOAD = re.compile(r"^\s*-d '(.*)'\s*$")

Place = str | int  # "request" or an HTTP status code


@dataclass(frozen=True)
class SeedExample:
    seed: str
    line: int
    method: str
    path: str
    place: Place
    value: object

    @property
    def where(self) -> str:
        return f"{self.seed}:{self.line} {self.method} {self.path} [{self.place}]"


def _parse_json_at(text: str) -> object | None:
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        return None
    return value


def extract(seed_file: Path) -> list[SeedExample]:
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    endpoints: list[tuple[str, str]] = []
    place: Place | None = None
    success: int | None = None
    found: list[SeedExample] = []

    def add(lineno: int, value: object) -> None:
        assert place is not None, f"{seed_file.name}:{lineno}: example before any heading"
        for method, path in endpoints:
            found.append(SeedExample(seed_file.name, lineno, method, path, place, value))

    for i, raw in enumerate(lines):
        line = raw.strip()
        if line == "Request":  # Fusion: a new section starts
            endpoints, place, success = [], "request", None
        elif (m := _ENDPOINT.match(line)) and (m[1], m[2]) not in endpoints:
            endpoints.append((m[1], m[2]))
        elif line == "Response":
            place = None
        elif (m := _STATUS_ROW.match(line)) and success is None and place is None:
            success = int(m[1])
        elif line == "Success":
            place = success
        elif m := _RESPONSE_EXAMPLES.match(line):
            place = int(m[1])
        elif line in ("Request examples", "# Payload"):
            place = "request"
        elif m := _CURL_PAYLOAD.match(raw):
            place = "request"
            value = _parse_json_at(m[1])
            if value is not None:
                add(i + 1, value)
        elif line[:1] in ("{", "[") and raw[:1] in ("{", "["):
            value = _parse_json_at("\n".join(lines[i:]))
            if value is not None:
                add(i + 1, value)
    return found


def all_examples() -> list[SeedExample]:
    return [ex for f in sorted(SEEDS_DIR.glob("*.txt")) for ex in extract(f)]
