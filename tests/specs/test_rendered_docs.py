"""`make docs` renders one HTML reference per API, and every operation, parameter and example is in it.

Redoc 3 pre-renders the page's frame (title, description, tag navigation) and embeds the definition it
renders from in the page (`__redoc_definition`); the operations are drawn from that in the browser, by
Redoc's script, which `make docs` inlines so that the page draws offline.
So the test reads both: the frame's text, and the embedded definition compared with our spec.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .specdocs import METHODS, SPECS, document

pytestmark = pytest.mark.slow
EMBEDDED = re.compile(r"const __redoc_definition = (\{.*?\});\n", re.S)


@pytest.fixture(scope="module")
def rendered(docs_pages: dict[str, Path]) -> dict[str, str]:
    return {api: page.read_text(encoding="utf-8") for api, page in docs_pages.items()}


def test_pages_need_no_network_to_draw(rendered: dict[str, str]) -> None:
    # --inlineBundle: Redoc's script is in the page, so it draws offline (no script from a CDN)
    for api, page in rendered.items():
        assert not re.search(r"<script[^>]*\ssrc=", page), api
        assert "__redoc_definition" in page and len(page) > 1_000_000, api


def _embedded(page: str) -> dict[str, Any]:
    found = EMBEDDED.search(page)
    assert found, "no embedded definition in the page"
    definition: dict[str, Any] = json.loads(found[1])
    return definition


def _frame_text(page: str) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _deref(node: Any, doc: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        for part in node["$ref"].removeprefix("#/").split("/"):
            doc = doc[part]
        node = doc
    return node


def _examples(node: Any, where: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(location, value) of every `example` and of every entry of every `examples` in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "example":
                yield (*where, key), value
            elif key == "examples" and isinstance(value, dict):
                for name, entry in value.items():
                    yield (*where, key, name), entry
            else:
                yield from _examples(value, (*where, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _examples(value, (*where, i))


def _at(doc: Any, where: tuple[str | int, ...]) -> Any:
    for part in where:
        doc = doc[part]
    return doc


@pytest.mark.parametrize("api", sorted(SPECS))
def test_the_page_frame_shows_the_api(api: str, rendered: dict[str, str]) -> None:
    spec = document(api)
    text = _frame_text(rendered[api])
    assert spec["info"]["title"] in text
    for tag in spec.get("tags", []):
        assert tag["name"] in text, tag["name"]


@pytest.mark.parametrize("api", sorted(SPECS))
def test_every_operation_and_parameter_is_in_the_page(api: str, rendered: dict[str, str]) -> None:
    spec, page = document(api), _embedded(rendered[api])
    count = 0
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            ours, theirs = item[method], page["paths"][path][method]
            assert theirs["operationId"] == ours["operationId"]
            assert theirs["summary"] == ours["summary"]
            want = {
                (p["name"], p["in"])
                for p in (_deref(x, spec) for x in [*item.get("parameters", []), *ours.get("parameters", [])])
            }
            have = {
                (p["name"], p["in"])
                for p in (
                    _deref(x, page)
                    for x in [*page["paths"][path].get("parameters", []), *theirs.get("parameters", [])]
                )
            }
            assert have == want, (method, path)
            assert set(theirs["responses"]) == set(ours["responses"]), (method, path)
            count += 1
    assert count == sum(1 for item in spec["paths"].values() for m in METHODS if m in item) > 0


@pytest.mark.parametrize("api", sorted(SPECS))
def test_every_example_is_in_the_page(api: str, rendered: dict[str, str]) -> None:
    spec, page = document(api), _embedded(rendered[api])
    examples = list(_examples(spec))
    assert examples
    for where, value in examples:
        assert _at(page, where) == value, where
