"""Tolerated deviations: answers the spec accepts but that differ from what we expect.

The specs are strict where the vendor documents and tolerant where we infer (docs/spec-conventions.md).
What they tolerate is still a finding, of severity `tolerated`:

- an unknown value of an open enum (a string with `x-known-values`),
- a missing expected property (`x-licensekit-expected` on an object schema) or header
  (`x-licensekit-expected: true` on a response header),
- an inferred status whose body is not the expected one (`x-licensekit-expected-body`: empty, not JSON,
  or another shape).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .findings import (
    MISSING_EXPECTED_HEADER,
    MISSING_EXPECTED_PROPERTY,
    UNEXPECTED_INFERRED_BODY,
    UNKNOWN_ENUM_VALUE,
)
from .spec import ResponseSpec, compile_validator, to_json_schema

_NOT_PARSED = object()


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Any:
    return compile_validator(to_json_schema(json.loads(schema_json)))


def _valid(schema: dict[str, Any], instance: Any) -> bool:
    try:
        return bool(_validator(json.dumps(schema, sort_keys=True)).is_valid(instance))
    except (ValueError, TypeError, OverflowError):
        return False


def _join(path: str, key: str | int) -> str:
    # Items are not numbered: one finding per field, however many items of the list lack it.
    return f"{path}[]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def walk(schema: Any, value: Any, path: str = "") -> list[tuple[str, str, str]]:
    """(check, path, message) for every tolerated deviation of `value` under a resolved `schema`."""
    if not isinstance(schema, dict) or value is None:
        return []
    found: list[tuple[str, str, str]] = []
    for sub in schema.get("allOf", []):
        found += walk(sub, value, path)
    for key in ("anyOf", "oneOf"):
        branches = [b for b in schema.get(key, []) if _valid(b, value)]
        if branches:  # the branch the value matches (the first, for an anyOf)
            found += walk(branches[0], value, path)
    if isinstance(value, dict):
        expected = schema.get("x-licensekit-expected")
        for name in expected if isinstance(expected, list) else []:
            if name not in value:
                found.append(
                    (MISSING_EXPECTED_PROPERTY, _join(path, name), "absent (expected, not required)")
                )
        for name, sub in (schema.get("properties") or {}).items():
            if name in value:
                found += walk(sub, value[name], _join(path, name))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            found += walk(schema["items"], item, _join(path, index))
    elif isinstance(value, str) and value not in (schema.get("x-known-values") or [value]):
        known = ", ".join(map(str, schema["x-known-values"]))
        found.append((UNKNOWN_ENUM_VALUE, path, f"{value!r} is not a known value (known: {known})"))
    return found


def tolerated(
    spec: ResponseSpec, headers: dict[str, str], body: bytes, data: Any = _NOT_PARSED
) -> list[tuple[str, str, str]]:
    """(check, where, message) of one documented answer; `where` is "header X", "body" or "body.a[].b".

    `headers` has lower-case names; `data` is the parsed body when the caller has it already.
    """
    out: list[tuple[str, str, str]] = []
    for name in spec.expected_headers:
        if name not in headers:
            out.append((MISSING_EXPECTED_HEADER, f"header {name}", "absent (expected, not required)"))
    if spec.schema is None:
        return out
    if spec.body_optional:
        # An inferred status: any body is allowed; we expect `spec.schema`.
        if not body:
            out.append((UNEXPECTED_INFERRED_BODY, "body", "no body (an error body was expected)"))
            return out
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            ctype = headers.get("content-type", "no content-type")
            out.append((UNEXPECTED_INFERRED_BODY, "body", f"not JSON ({ctype}, {len(body)} bytes)"))
            return out
        if not _valid(spec.schema, data):
            out.append((UNEXPECTED_INFERRED_BODY, "body", f"not the expected shape: {body[:120]!r}"))
            return out
    elif data is _NOT_PARSED:
        try:
            data = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError, RecursionError):
            return out  # not JSON where JSON is documented: a failure the strict checks report
    for check, path, message in walk(spec.schema, data):
        out.append((check, "body" + (path if path.startswith("[") or not path else f".{path}"), message))
    return out
