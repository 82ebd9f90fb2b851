"""Every JSON example of the vendor pages (kept in specs/examples/) fits the spec at its place.

Formats are not asserted here: the vendor's placeholders ("string" where a UUID goes) are kept
verbatim. Types, required properties, nullability, enums and closed objects are.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from .specdocs import SPECS, json_schema, media, operation, operations
from .vendor_examples import EXAMPLES_DIR, VendorExample, all_examples, pages

EXAMPLES = all_examples()
CASES = [(ex, op) for ex in EXAMPLES for op in ex.operations]


def _id(case: tuple[VendorExample, tuple[str, str, str]]) -> str:
    return f"{case[0].file}:{case[1][0]}"


def test_the_pages_hold_examples_for_every_documented_place() -> None:
    # CloudCockpit: 3 pages x 4 places (each printed twice); Fusion: 5 blocks, the list one serving 4 lists;
    # Partner Center's page prints none.
    assert len(EXAMPLES) == 17
    assert len(CASES) == 20
    by_api = {api: [ex for ex in EXAMPLES if ex.api == api] for api in SPECS}
    assert {api: len(found) for api, found in by_api.items()} == {
        "cloudcockpit": 12,
        "fusion": 5,
        "partner-center": 0,
    }
    printed = sum(len(ex.source["lines"]) for ex in EXAMPLES)
    assert printed == sum(p["printed_examples"] for api in SPECS for p in pages(api)) == 29


@pytest.mark.parametrize("api", sorted(SPECS))
def test_each_page_has_as_many_example_files_as_it_prints(api: str) -> None:
    for page in pages(api):
        files = [ex for ex in EXAMPLES if ex.api == api and ex.source["page"] == page["page"]]
        assert len(files) == page["examples"], page["page"]
        assert all(ex.source["page"] == page["page"] and ex.source["anchor"] for ex in files)


@pytest.mark.parametrize("api", sorted(SPECS))
def test_x_vendor_examples_name_exactly_the_files_of_each_operation(api: str) -> None:
    for method, path, op in operations(api):
        expected = sorted(ex.file for ex in EXAMPLES if any(o[0] == op["operationId"] for o in ex.operations))
        named = sorted(op.get("x-vendor-examples", []))
        assert named == expected, (method, path)
        for ref in named:
            assert (EXAMPLES_DIR.parent / ref).is_file(), ref


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_vendor_example_validates_against_the_schema_of_its_place(
    case: tuple[VendorExample, tuple[str, str, str]],
) -> None:
    example, (operation_id, method, path) = case
    op = operation(example.api, method, path)
    assert op["operationId"] == operation_id, example.where
    schema = json_schema(op, example.place)
    assert schema is not None, f"{example.where}: the spec documents no JSON body there"
    errors = sorted(Draft202012Validator(schema).iter_errors(example.value), key=str)
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_vendor_example_is_in_the_spec_verbatim(case: tuple[VendorExample, tuple[str, str, str]]) -> None:
    example, (_, method, path) = case
    found = media(operation(example.api, method, path), example.place) or {}
    values = [ex.get("value") for ex in (found.get("examples") or {}).values()]
    assert example.value in values, f"{example.where}: not among the spec's examples there"
    # JSON's 42 and 42.0 compare equal in Python; the spec must keep the page's number types too.
    assert any(repr(example.value) == repr(v) for v in values), f"{example.where}: number types differ"
