"""Every JSON example of the seed pages, read from the pages themselves, fits the spec at its place.

Formats are not asserted here: the vendor's placeholders ("string" where a UUID goes) are kept
verbatim. Types, required properties, nullability, enums and closed objects are.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from .seed_examples import SeedExample, all_examples
from .specdocs import SEED_TO_API, json_schema, media, operation

EXAMPLES = all_examples()


def test_the_seed_pages_hold_examples_for_every_documented_place() -> None:
    # CloudCockpit: 3 pages x 8 (each example printed twice); Fusion: 5 blocks, the list one serving 4 lists.
    assert len(EXAMPLES) == 32
    assert {ex.seed for ex in EXAMPLES} == set(SEED_TO_API) - {"003_0f1f932941651097.txt"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda ex: ex.where)
def test_seed_example_validates_against_the_schema_of_its_place(example: SeedExample) -> None:
    op = operation(SEED_TO_API[example.seed], example.method, example.path)
    schema = json_schema(op, example.place)
    assert schema is not None, f"{example.where}: the spec documents no JSON body there"
    errors = sorted(Draft202012Validator(schema).iter_errors(example.value), key=str)
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda ex: ex.where)
def test_seed_example_is_in_the_spec_verbatim(example: SeedExample) -> None:
    op = operation(SEED_TO_API[example.seed], example.method, example.path)
    found = media(op, example.place) or {}
    values = [ex.get("value") for ex in (found.get("examples") or {}).values()]
    assert example.value in values, f"{example.where}: not among the spec's examples there"
    # JSON's 42 and 42.0 compare equal in Python; the spec must keep the page's number types too.
    assert any(repr(example.value) == repr(v) for v in values), f"{example.where}: number types differ"
