"""Tolerated deviations: answers the specs accept but that differ from what we expect.

The specs are strict where the vendor documents and tolerant where we infer (docs/spec-conventions.md).
What they tolerate is not silently passed: this module compares every answer the suites see with the
markers the specs carry and records a warning for

- an unknown value of an open enum (a string with `x-known-values`),
- a missing expected property (`x-licensekit-expected` on an object schema) or header
  (`x-licensekit-expected: true` on a response header),
- an inferred status whose body is not the expected one (`x-licensekit-expected-body`: empty, not JSON,
  or another shape).

`observer(api)` is a schemathesis check that records and never fails; `summary_lines(apis)` is what the
suites' summary table prints.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from licensekit.mock.registry import spec_path
from licensekit.mock.spec import compile_validator, load_document, resolve, to_json_schema

MAX_SHOWN = 8  # warning lines shown per API; the counts cover every one


@dataclass(frozen=True, slots=True)
class Deviation:
    kind: str  # "unknown value", "missing expected property", "missing expected header", "unexpected body"
    where: str  # e.g. "GET /v1/... -> 200: licenses[0].status"
    detail: str


@dataclass
class Record:
    answers: Counter[str] = field(default_factory=Counter)  # api -> answers checked
    seen: dict[str, Counter[Deviation]] = field(default_factory=lambda: defaultdict(Counter))

    def clear(self) -> None:
        self.answers.clear()
        self.seen.clear()


RECORD = Record()


# -- the spec side --------------------------------------------------------------------------------------
@cache
def _operations(api: str) -> dict[tuple[str, str], dict[str, Any]]:
    """(METHOD, path template) -> the operation's responses, $refs resolved."""
    document = load_document(spec_path(api))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        for method, op in item.items():
            if isinstance(op, dict) and "responses" in op:
                out[(method.upper(), path)] = resolve(op["responses"], document)
    return out


@cache
def _validator(schema_json: str) -> Any:
    return compile_validator(to_json_schema(json.loads(schema_json)))


def _valid(schema: dict[str, Any], instance: Any) -> bool:
    try:
        return bool(_validator(json.dumps(schema, sort_keys=True)).is_valid(instance))
    except (ValueError, TypeError, OverflowError):
        return False


def _join(path: str, key: str | int) -> str:
    # Items are not numbered: one warning per field, however many items of the list lack it.
    return f"{path}[]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def walk(schema: Any, value: Any, path: str = "") -> list[tuple[str, str, str]]:
    """(kind, path, detail) for every tolerated deviation of `value` under `schema` (resolved)."""
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
                found.append(("missing expected property", _join(path, name), "absent"))
        for name, sub in (schema.get("properties") or {}).items():
            if name in value:
                found += walk(sub, value[name], _join(path, name))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            found += walk(schema["items"], item, _join(path, index))
    elif isinstance(value, str) and value not in (schema.get("x-known-values") or [value]):
        known = ", ".join(map(str, schema["x-known-values"]))
        found.append(("unknown value", path or "(body)", f"{value!r} (known: {known})"))
    return found


def _media_schema(response: dict[str, Any]) -> dict[str, Any] | None:
    for media_type, media in (response.get("content") or {}).items():
        if "json" in media_type and isinstance(media, dict):
            schema = media.get("schema")
            return schema if isinstance(schema, dict) else None
    return None


def deviations(
    api: str, method: str, path: str, status: int, headers: dict[str, str], body: bytes
) -> list[Deviation]:
    """Every tolerated deviation of one answer (`headers` with lower-case names)."""
    responses = _operations(api).get((method.upper(), path))
    if responses is None:
        return []
    code = str(status)
    response = responses.get(code) or responses.get(f"{code[0]}XX") or responses.get("default")
    if not isinstance(response, dict):
        return []  # an undocumented status is the strict checks' business
    where = f"{method.upper()} {path} -> {status}"
    out: list[Deviation] = []
    for name, header in (response.get("headers") or {}).items():
        expected_header = isinstance(header, dict) and header.get("x-licensekit-expected") is True
        if expected_header and name.lower() not in headers:
            out.append(Deviation("missing expected header", where, name))
    expected = response.get("x-licensekit-expected-body")
    schema = _media_schema(response)
    if expected is not None and schema is None:
        if not body:
            out.append(Deviation("unexpected body", where, "no body (an error body was expected)"))
            return out
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            ctype = headers.get("content-type", "no content-type")
            out.append(Deviation("unexpected body", where, f"not JSON ({ctype}, {len(body)} bytes)"))
            return out
        if not _valid(expected, data):
            out.append(Deviation("unexpected body", where, f"not the expected shape: {body[:120]!r}"))
            return out
        schema = expected
    elif schema is not None:
        try:
            data = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            return out  # not JSON where JSON is documented: the strict checks fail it
    if schema is not None and data is not None:
        for kind, at, detail in walk(schema, data):
            out.append(Deviation(kind, f"{where}: {at}", detail))
    return out


# -- the suite side ---------------------------------------------------------------------------------------
def _headers(response: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in response.headers.items():
        out[name.lower()] = value[0] if isinstance(value, list) and value else str(value)
    return out


def observer(api: str) -> Any:
    """A schemathesis check for `api`'s suite: records tolerated deviations, never fails."""

    def tolerated_deviations(ctx: Any, response: Any, case: Any) -> bool | None:
        RECORD.answers[api] += 1
        found = deviations(
            api,
            case.operation.method,
            case.operation.path,
            response.status_code,
            _headers(response),
            response.content or b"",
        )
        RECORD.seen[api].update(found)
        return None

    return tolerated_deviations


def summary_lines(apis: list[str]) -> list[str]:
    """The warnings block of the suites' summary table (empty when no answer was checked)."""
    checked = [a for a in apis if RECORD.answers[a]]
    if not checked:
        return []
    lines = [f"{'API':<16}{'answers':>11}{'warnings':>10}  tolerated deviations (the spec accepts them)"]
    for api in checked:
        seen = RECORD.seen.get(api, Counter())
        kinds: Counter[str] = Counter()
        for deviation, n in seen.items():
            kinds[deviation.kind] += n
        summary = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())) or "none"
        lines.append(f"{api:<16}{RECORD.answers[api]:>11}{sum(seen.values()):>10}  {summary}")
        for deviation, n in sorted(seen.items(), key=lambda x: (-x[1], x[0].where))[:MAX_SHOWN]:
            lines.append(f"  WARNING {deviation.kind}: {deviation.where}: {deviation.detail} (x{n})")
        if len(seen) > MAX_SHOWN:
            lines.append(f"  ... {len(seen) - MAX_SHOWN} more distinct warnings")
    return lines
