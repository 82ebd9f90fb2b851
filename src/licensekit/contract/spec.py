"""Everything the product needs from an OpenAPI 3.0 spec, decided once at load time.

`load_api(path)` returns an `Api`: a router over the spec's paths and one `Operation` per
(method, path) with its parameters (how to coerce and validate each), a compiled body validator
(jsonschema_rs, Draft 2020-12 with format checks such as uuid and date-time), the response specs (status,
media types, compiled answer validator, required headers) and the tolerance metadata of each answer (the
resolved schema with its `x-known-values` / `x-licensekit-expected` markers, expected headers, and the
body an inferred status is expected to carry). Mocks, proxy, suites and reports all read this one model.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema_rs
import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords that exist in OpenAPI 3.0 schemas only; JSON Schema would ignore or misread them.
_OPENAPI_ONLY = frozenset({"nullable", "discriminator", "xml", "externalDocs", "example", "deprecated"})
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class SpecError(Exception):
    """The spec cannot be served (bad $ref, recursive schema, unsupported parameter style)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a request is invalid: where (path/query/header/body), what name or property path, why."""

    location: str
    name: str
    message: str
    keyword: str = ""


class InvalidInstance(Exception):
    """A value that cannot even be handed to the validator (e.g. a lone surrogate in a string)."""


# --------------------------------------------------------------------------- loading and $refs


def load_document(path: str | Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=loader)
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.0"):
        raise SpecError(f"{path}: not an OpenAPI 3.0 document")
    return document


def _pointer(document: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise SpecError(f"only local $refs are supported: {ref}")
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[part]
        except (KeyError, TypeError) as exc:
            raise SpecError(f"unresolvable $ref {ref}") from exc
    return node


def resolve(node: Any, document: dict[str, Any], _seen: tuple[str, ...] = ()) -> Any:
    """A copy of `node` with every local $ref inlined (siblings of a $ref are dropped, as 3.0 says)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in _seen:
                raise SpecError(f"recursive $ref {ref} is not supported by the mock engine")
            return resolve(_pointer(document, ref), document, (*_seen, ref))
        return {key: resolve(value, document, _seen) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, document, _seen) for item in node]
    return node


# --------------------------------------------------------------------------- schema conversion


def to_json_schema(schema: Any) -> Any:
    """OpenAPI 3.0 schema object -> JSON Schema 2020-12 (input must have its $refs resolved)."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _OPENAPI_ONLY or key.startswith("x-"):
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: to_json_schema(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = to_json_schema(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [to_json_schema(sub) for sub in value]
        else:
            out[key] = copy.deepcopy(value)
    # 3.0's boolean exclusiveMinimum/Maximum modify minimum/maximum; 2020-12 wants the number itself.
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = out.get(exclusive)
        if isinstance(flag, bool):
            del out[exclusive]
            if flag and bound in out:
                out[exclusive] = out.pop(bound)
    # int32/int64 are not JSON Schema formats: enforce them as a range.
    rng = _INT_RANGES.get(out.get("format", ""))
    if rng is not None and out.get("type") == "integer":
        out["minimum"] = max(out.get("minimum", rng[0]), rng[0])
        out["maximum"] = min(out.get("maximum", rng[1]), rng[1])
    if schema.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def compile_validator(json_schema: Any) -> Any:
    return jsonschema_rs.Draft202012Validator(json_schema, validate_formats=True)


def iter_problems(validator: Any, instance: Any, location: str, name: str = "") -> Iterator[Problem]:
    """Validation errors as Problems; `name` is prefixed to the instance path (a.b[0].c)."""
    try:
        if validator.is_valid(instance):
            return
        errors = list(validator.iter_errors(instance))
    except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
        raise InvalidInstance(str(exc)) from exc
    for error in errors:
        path = name
        for part in error.instance_path:
            path = f"{path}[{part}]" if isinstance(part, int) else (f"{path}.{part}" if path else str(part))
        keyword = str(error.schema_path[-1]) if error.schema_path else ""
        yield Problem(location, path, error.message, keyword)


# --------------------------------------------------------------------------- parameters


class _CoercionError(ValueError):
    pass


# ASCII digits only: `\d`, int() and float() also take other scripts' digits (U+0663), and float() takes
# '1_0', ' 1 ' and 'inf'.
_INTEGER = re.compile(r"[+-]?[0-9]{1,40}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _coerce_scalar(raw: str, kind: str) -> Any:
    if kind == "integer":
        if not _INTEGER.fullmatch(raw):
            raise _CoercionError(f"'{raw}' is not a valid integer")
        return int(raw)
    if kind == "number":
        if len(raw) > 400 or not _NUMBER.fullmatch(raw):
            raise _CoercionError(f"'{raw}' is not a valid number")
        value = float(raw)
        if not math.isfinite(value):
            raise _CoercionError(f"'{raw}' is not a valid number")
        return int(value) if value.is_integer() and "." not in raw and "e" not in raw.lower() else value
    if kind == "boolean":
        lowered = raw.lower()
        if lowered not in ("true", "false"):
            raise _CoercionError(f"'{raw}' is not a valid boolean")
        return lowered == "true"
    return raw


@dataclass(frozen=True, slots=True)
class Param:
    """A path, query or header parameter: how to turn its raw text into a value and validate it."""

    name: str
    location: str
    required: bool
    kind: str  # string | integer | number | boolean | array | object
    item_kind: str
    explode: bool
    validator: Any
    has_default: bool = False
    default: Any = None

    def parse(self, raw: list[str]) -> tuple[Any, list[Problem]]:
        """Coerce the raw value(s) (several only for repeated query keys) and validate the result."""
        try:
            if self.kind == "array":
                items = raw if (self.explode and self.location == "query") else raw[0].split(",")
                value: Any = [_coerce_scalar(item, self.item_kind) for item in items]
            else:
                value = _coerce_scalar(raw[0], self.kind)
        except _CoercionError as exc:
            return None, [Problem(self.location, self.name, str(exc), "type")]
        if self.validator is None:
            return value, []
        return value, list(iter_problems(self.validator, value, self.location, self.name))


def _schema_kind(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    return kind if isinstance(kind, str) else "string"


def build_param(spec: dict[str, Any]) -> Param:
    location = spec["in"]
    if location not in ("path", "query", "header"):
        raise SpecError(f"parameter {spec.get('name')} in {location} is not supported")
    schema = spec.get("schema") or {}
    style = spec.get("style", "form" if location == "query" else "simple")
    if style not in ("form", "simple"):
        raise SpecError(f"parameter {spec['name']}: style {style} is not supported")
    kind = _schema_kind(schema)
    items = schema.get("items") or {}
    json_schema = to_json_schema(schema)
    # A bare string needs no validator: coercion already produced a string.
    trivial = json_schema in ({"type": "string"}, {})
    return Param(
        name=spec["name"],
        location=location,
        required=bool(spec.get("required", location == "path")),
        kind=kind,
        item_kind=_schema_kind(items) if isinstance(items, dict) else "string",
        explode=bool(spec.get("explode", style == "form")),
        validator=None if trivial else compile_validator(json_schema),
        has_default="default" in schema,
        default=schema.get("default"),
    )


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    status: str
    media_types: tuple[str, ...]
    validator: Any  # None when the response has no JSON body
    required_headers: tuple[str, ...]
    # An inferred status documents no content (any body is accepted) but names the body we expect in
    # `x-licensekit-expected-body`: `validator` holds that one, and an empty answer is allowed too.
    body_optional: bool = False
    # Tolerance metadata (docs/spec-conventions.md): the resolved OpenAPI schema of the JSON body (or of
    # the expected body of an inferred status), and headers the vendor is expected, not required, to send.
    schema: dict[str, Any] | None = None
    expected_headers: tuple[str, ...] = ()


@dataclass(slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    path_params: tuple[Param, ...]
    query_params: tuple[Param, ...]
    header_params: tuple[Param, ...]
    body_required: bool
    body_validator: Any
    body_media_types: tuple[str, ...]
    responses: dict[str, ResponseSpec]
    secured: bool
    extensions: dict[str, Any] = field(default_factory=dict)

    def response_for(self, status: int) -> ResponseSpec | None:
        key = str(status)
        return self.responses.get(key) or self.responses.get(f"{key[0]}XX") or self.responses.get("default")


def _build_operation(
    document: dict[str, Any], path: str, method: str, raw: dict[str, Any], shared: list[Any]
) -> Operation:
    op = resolve(raw, document)
    params: dict[tuple[str, str], Param] = {}
    for spec in [*resolve(shared, document), *op.get("parameters", [])]:
        param = build_param(spec)
        params[(param.location, param.name.lower())] = param  # operation-level ones win
    body = op.get("requestBody") or {}
    content = body.get("content") or {}
    json_media = [m for m in content if m == "application/json" or m.endswith("+json")]
    body_schema = content[json_media[0]].get("schema") if json_media else None
    responses: dict[str, ResponseSpec] = {}
    for status, response in (op.get("responses") or {}).items():
        media = response.get("content") or {}
        schema = next((m.get("schema") for t, m in media.items() if "json" in t), None)
        expected = response.get("x-licensekit-expected-body") if not media else None
        declared = response.get("headers") or {}
        headers = tuple(name.lower() for name, h in declared.items() if h.get("required"))
        body_schema_used = schema if expected is None else expected
        responses[str(status).upper()] = ResponseSpec(
            status=str(status).upper(),
            media_types=tuple(media),
            validator=compile_validator(to_json_schema(body_schema_used))
            if body_schema_used is not None
            else None,
            required_headers=headers,
            body_optional=expected is not None,
            schema=body_schema_used if isinstance(body_schema_used, dict) else None,
            expected_headers=tuple(
                name.lower() for name, h in declared.items() if h.get("x-licensekit-expected") is True
            ),
        )
    security = op.get("security", document.get("security", []))
    by_location = {
        loc: tuple(p for p in params.values() if p.location == loc) for loc in ("path", "query", "header")
    }
    return Operation(
        operation_id=op.get("operationId") or f"{method} {path}",
        method=method.upper(),
        path=path,
        path_params=by_location["path"],
        query_params=by_location["query"],
        header_params=by_location["header"],
        body_required=bool(body.get("required", False)),
        body_validator=compile_validator(to_json_schema(body_schema)) if body_schema is not None else None,
        body_media_types=tuple(content),
        responses=responses,
        # `[]` turns auth off; an empty requirement `{}` among others makes it optional.
        secured=bool(security) and all(bool(requirement) for requirement in security),
        extensions={k: v for k, v in op.items() if k.startswith("x-")},
    )


# --------------------------------------------------------------------------- routing


@dataclass(slots=True)
class Route:
    template: str
    literals: tuple[str | None, ...]  # one per segment: the literal, or None for a parameter
    names: tuple[str, ...]  # parameter names, in segment order
    operations: dict[str, Operation]
    allow: str  # the `Allow` header for a 405 on this path, from the spec


class Router:
    """Match a raw request path to a route: segment by segment, literals before parameters.

    Segments are percent-decoded one by one, so `..%2F` stays inside one id and never changes the route.
    """

    def __init__(self, routes: list[Route], *, case_insensitive: bool) -> None:
        self.case_insensitive = case_insensitive
        self._by_length: dict[int, list[Route]] = {}
        for route in sorted(routes, key=lambda r: sum(lit is None for lit in r.literals)):
            if case_insensitive:
                route.literals = tuple(lit.lower() if lit is not None else None for lit in route.literals)
            self._by_length.setdefault(len(route.literals), []).append(route)

    def match(self, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The route and its decoded path parameters; raises UnicodeDecodeError for bad escapes."""
        segments = raw_path.split("/")[1:]
        candidates = self._by_length.get(len(segments))
        if not candidates:
            return None
        compare = [s.lower() for s in segments] if self.case_insensitive else segments
        for route in candidates:
            values: list[str] = []
            for literal, segment, original in zip(route.literals, compare, segments, strict=True):
                if literal is None:
                    if not original:
                        break
                    values.append(original)
                elif literal != segment:
                    break
            else:
                decoded = [unquote(v, errors="strict") if "%" in v else v for v in values]
                return route, dict(zip(route.names, decoded, strict=True))
        return None


def _route(template: str, operations: dict[str, Operation]) -> Route:
    literals: list[str | None] = []
    names: list[str] = []
    for segment in template.split("/")[1:]:
        if segment.startswith("{") and segment.endswith("}"):
            literals.append(None)
            names.append(segment[1:-1])
        elif "{" in segment:
            raise SpecError(f"{template}: parameters must fill whole segments")
        else:
            literals.append(segment)
    return Route(template, tuple(literals), tuple(names), operations, ", ".join(sorted(operations)))


@dataclass(slots=True)
class Api:
    document: dict[str, Any]
    operations: dict[str, Operation]  # by operationId
    router: Router


def load_api(path: str | Path, *, case_insensitive: bool = False) -> Api:
    document = load_document(path)
    routes: list[Route] = []
    by_id: dict[str, Operation] = {}
    for template, item in (document.get("paths") or {}).items():
        item = resolve(item, document)
        shared = item.get("parameters", [])
        ops: dict[str, Operation] = {}
        for method in HTTP_METHODS:
            if method in item:
                op = _build_operation(document, template, method, item[method], shared)
                if op.operation_id in by_id:
                    raise SpecError(f"duplicate operationId {op.operation_id}")
                ops[op.method] = op
                by_id[op.operation_id] = op
        routes.append(_route(template, ops))
    return Api(document, by_id, Router(routes, case_insensitive=case_insensitive))
