"""Spec coverage: how much of each spec the exchanges of a run exercised, in every dimension.

Fed with the judge's `Exchange` objects, wherever they came from (the contract suites, the proxy,
`check-traffic`), a `CoverageCollector` counts, per API and operation:

- `operations`: the operation was requested;
- `statuses`: each documented status (`200`, `404`, `4XX`) was answered;
- `parameters`: each path, query and header parameter was sent at least once;
- `enums`: each value of a request enum (a parameter's, or a request body property's) was sent;
- `properties`: each property of each documented answer's schema (nested ones too, list items as `[]`)
  was present in an answer of that status;
- `known_values`: each known value of an open enum (`x-known-values`) was seen in an answer;
- `examples`: each of the vendor's examples (`x-vendor-examples`) was replayed (a request body equal to
  it) or matched (a body of that place carrying every field of the example, with the same JSON types).

Items are named like findings' locations (`request query page_size`, `response 200 body.items[].sku`,
`request body.status=enabled`), so a report can put them side by side. Memory is bounded by the specs:
only items the spec names are kept. The JSON written by `CoverageCollector.report()` is versioned and
documented in docs/coverage.md (JSON Schema: schemas/coverage-v1.schema.json).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from .judge import Exchange, judge_for
from .messages import parse_json
from .record import now
from .registry import load_spec, specs_dir
from .spec import HTTP_METHODS, Api, resolve

VERSION = 1
DIMENSIONS = ("operations", "statuses", "parameters", "enums", "properties", "known_values", "examples")
_MAX_DEPTH = 32  # nesting followed in a schema or a body; the specs are nowhere near it


class MinCoverageError(ValueError):
    """A `--min-coverage` value that cannot be read: the message says which part and why."""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _body(path: str) -> str:
    return f"body.{path}" if path else "body"


@dataclass(slots=True)
class _Shape:
    """What a schema names: every property path (with the paths leading to them), the enums and the
    known values of open enums, by path."""

    properties: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)  # every path worth descending into ("a", "a[]")
    enums: dict[str, list[Any]] = field(default_factory=dict)
    known: dict[str, list[str]] = field(default_factory=dict)


def _shape(schema: Any, path: str = "", out: _Shape | None = None, depth: int = 0) -> _Shape:
    out = out if out is not None else _Shape()
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return out
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            _shape(sub, path, out, depth + 1)
    for name, sub in (schema.get("properties") or {}).items():
        child = _join(path, name)
        out.properties.add(child)
        out.prefixes.add(child)
        _shape(sub, child, out, depth + 1)
    items = schema.get("items")
    if isinstance(items, dict):
        out.prefixes.add(f"{path}[]")
        _shape(items, f"{path}[]", out, depth + 1)
    if isinstance(schema.get("enum"), list):
        out.enums[path] = [v for v in schema["enum"] if v is not None]
    if isinstance(schema.get("x-known-values"), list):
        out.known[path] = [str(v) for v in schema["x-known-values"]]
    return out


def _walk(
    value: Any, shape: _Shape, path: str, seen: set[str], values: set[tuple[str, Any]], depth: int
) -> None:
    """Paths of `shape` present in `value` go to `seen`, (path, value) of enum/known paths to `values`."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            child = _join(path, str(key))
            if child in shape.prefixes:
                seen.add(child)
                _walk(item, shape, child, seen, values, depth + 1)
    elif isinstance(value, list):
        child = f"{path}[]"
        if child in shape.prefixes:
            for item in value:
                _walk(item, shape, child, seen, values, depth + 1)
    elif path in shape.enums or path in shape.known:
        values.add((path, value if isinstance(value, (str, int, float, bool)) else None))


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "other"


def shape_of(value: Any, path: str = "", depth: int = 0) -> set[tuple[str, str]]:
    """(path, JSON type) of every node of a JSON value, list items as `[]`."""
    out = {(path, _json_type(value))}
    if depth > _MAX_DEPTH:
        return out
    if isinstance(value, dict):
        for key, item in value.items():
            out |= shape_of(item, _join(path, str(key)), depth + 1)
    elif isinstance(value, list):
        for item in value:
            out |= shape_of(item, f"{path}[]", depth + 1)
    return out


@dataclass(slots=True)
class _Example:
    file: str
    place: str  # "request" or a status
    value: Any
    shape: set[tuple[str, str]]


@dataclass(slots=True)
class _Param:
    location: str
    name: str
    enum: list[Any]

    @property
    def item(self) -> str:
        return f"request {self.location} {self.name}"


@dataclass(slots=True)
class OperationModel:
    """Everything of one operation a run can cover, named once."""

    api: str
    operation_id: str
    method: str
    path: str
    statuses: list[str]
    params: list[_Param]
    request: _Shape
    responses: dict[str, _Shape]  # by documented status
    examples: list[_Example]

    def items(self) -> dict[str, list[str]]:
        enums = [f"{p.item}={v}" for p in self.params for v in p.enum]
        enums += [f"request {_body(path)}={v}" for path, values in self.request.enums.items() for v in values]
        props = [
            f"response {s} {_body(p)}"
            for s, shape in self.responses.items()
            for p in sorted(shape.properties)
        ]
        known = [
            f"response {s} {_body(p)}={v}"
            for s, shape in self.responses.items()
            for p, vs in shape.known.items()
            for v in vs
        ]
        return {
            "operations": [self.operation_id],
            "statuses": list(self.statuses),
            "parameters": [p.item for p in self.params],
            "enums": enums,
            "properties": props,
            "known_values": known,
            "examples": [e.file for e in self.examples],
        }


def _load_example(file: str) -> _Example | None:
    try:
        document = json.loads((specs_dir() / file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # an install without the examples folder: the dimension has nothing to count
    if not isinstance(document, dict) or "value" not in document:
        return None
    return _Example(file, str(document.get("place", "")), document["value"], shape_of(document["value"]))


def operation_models(api: str, spec: Api | None = None) -> dict[str, OperationModel]:
    spec = spec if spec is not None else load_spec(api)
    document = spec.document
    out: dict[str, OperationModel] = {}
    for template, raw_item in (document.get("paths") or {}).items():
        item = resolve(raw_item, document)
        for method in HTTP_METHODS:
            if method not in item:
                continue
            raw = item[method]
            operation_id = raw.get("operationId") or f"{method.upper()} {template}"
            params: dict[tuple[str, str], _Param] = {}
            for p in [*item.get("parameters", []), *raw.get("parameters", [])]:
                schema = p.get("schema") or {}
                enum = schema.get("enum") or (schema.get("items") or {}).get("enum") or []
                params[(p["in"], p["name"])] = _Param(p["in"], p["name"], [v for v in enum if v is not None])
            content = (raw.get("requestBody") or {}).get("content") or {}
            body_schema = next((m.get("schema") for t, m in content.items() if "json" in t), None)
            responses: dict[str, _Shape] = {}
            for status, response in (raw.get("responses") or {}).items():
                media = response.get("content") or {}
                schema = next((m.get("schema") for t, m in media.items() if "json" in t), None)
                schema = schema if schema is not None else response.get("x-licensekit-expected-body")
                responses[str(status).upper()] = _shape(schema)
            examples = [e for e in map(_load_example, raw.get("x-vendor-examples") or []) if e is not None]
            out[operation_id] = OperationModel(
                api,
                operation_id,
                method.upper(),
                template,
                [s for s in responses if s != "DEFAULT"],
                list(params.values()),
                _shape(body_schema),
                responses,
                examples,
            )
    return out


@dataclass(slots=True)
class _Seen:
    requests: int = 0
    items: set[str] = field(default_factory=set)  # covered item names, all dimensions
    undocumented: set[int] = field(default_factory=set)  # statuses answered that the spec does not list


def _documented_key(statuses: list[str], status: int) -> str | None:
    key = str(status)
    if key in statuses:
        return key
    return f"{key[0]}XX" if f"{key[0]}XX" in statuses else None


def _json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return parse_json(body)
    except (ValueError, RecursionError):
        return None


def _pct(covered: int, total: int) -> float | None:
    return round(100.0 * covered / total, 1) if total else None


class CoverageCollector:
    """Coverage of one run, per API; feed it exchanges, read `report()`. Thread-safe."""

    def __init__(self, apis: tuple[str, ...] | list[str] = (), *, source: str = "contract") -> None:
        self.source = source
        self.started = now()
        self.exchanges = 0
        self._lock = threading.Lock()
        self._models: dict[str, dict[str, OperationModel]] = {}
        self._seen: dict[str, dict[str, _Seen]] = {}
        for api in apis:
            self._api(api)

    def _api(self, api: str) -> dict[str, OperationModel]:
        models = self._models.get(api)
        if models is None:
            models = self._models[api] = operation_models(api)
            self._seen[api] = {op: _Seen() for op in models}
        return models

    def observe(self, api: str, exchange: Exchange, *, response_data: Any = None) -> str | None:
        """Count one exchange; the operationId it called, None for a request the spec has no operation for.
        `response_data`: the answer as the judge parsed it (Verdict.response_data), so it is not parsed
        twice; None parses it here."""
        with self._lock:
            models = self._api(api)
            self.exchanges += 1
            routed = judge_for(api).route(exchange.method, exchange.raw_path)  # the judge's own routing
            if routed is None:
                return None
            model = models[routed[0].operation_id]
            self._count(model, self._seen[api][model.operation_id], exchange, response_data)
            return model.operation_id

    def _count(self, model: OperationModel, seen: _Seen, exchange: Exchange, response_data: Any) -> None:
        seen.requests += 1
        add = seen.items.add
        add(model.operation_id)
        status = _documented_key(model.statuses, exchange.status) if exchange.status else None
        if status is not None:
            add(status)
        elif exchange.status:
            seen.undocumented.add(exchange.status)
        # parameters and their enum values
        try:
            query = parse_qsl(exchange.query.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            query = []
        sent: dict[tuple[str, str], list[str]] = {}
        for key, value in query:
            sent.setdefault(("query", key), []).append(value)
        for param in model.params:
            if param.location == "path":
                values: list[str] | None = []
            elif param.location == "header":
                header = exchange.headers.get(param.name.lower())
                values = None if header is None else [header]
            else:
                values = sent.get(("query", param.name))
            if values is None:
                continue
            add(param.item)
            for raw in values:
                for part in raw.split(",") if param.enum else ():
                    for v in param.enum:
                        if str(v) == part or (isinstance(v, bool) and str(v).lower() == part.lower()):
                            add(f"{param.item}={v}")
        # request body: enum values, example replays
        request = _json(exchange.body) if exchange.body_complete else None
        if request is not None:
            values_seen: set[tuple[str, Any]] = set()
            _walk(request, model.request, "", set(), values_seen, 0)
            for path, value in values_seen:
                if value in model.request.enums.get(path, ()):
                    add(f"request {_body(path)}={value}")
            self._examples(model, seen, "request", request)
        # response body: properties, known values, examples
        if status is None or not exchange.response_complete:
            return
        answer = response_data if response_data is not None else _json(exchange.response_body)
        shape = model.responses.get(status)
        if answer is None or shape is None:
            return
        present: set[str] = set()
        values_seen = set()
        _walk(answer, shape, "", present, values_seen, 0)
        for path in present:
            if path in shape.properties:
                add(f"response {status} {_body(path)}")
        for path, value in values_seen:
            if isinstance(value, str) and value in shape.known.get(path, ()):
                add(f"response {status} {_body(path)}={value}")
        self._examples(model, seen, str(exchange.status), answer)

    @staticmethod
    def _examples(model: OperationModel, seen: _Seen, place: str, value: Any) -> None:
        observed: set[tuple[str, str]] | None = None
        for example in model.examples:
            if example.place != place or example.file in seen.items:
                continue
            if value == example.value:
                seen.items.add(example.file)
                continue
            observed = observed if observed is not None else shape_of(value)
            if example.shape <= observed:
                seen.items.add(example.file)

    # ------------------------------------------------------------------ the report

    def report(self) -> dict[str, Any]:
        """The coverage of the run as the documented JSON (docs/coverage.md)."""
        with self._lock:
            apis = [self._api_report(api) for api in self._models]
        return {
            "version": VERSION,
            "source": self.source,
            "started": self.started,
            "generated": now(),
            "exchanges": self.exchanges,
            "dimensions": list(DIMENSIONS),
            "apis": apis,
        }

    def _api_report(self, api: str) -> dict[str, Any]:
        totals = {d: [0, 0] for d in DIMENSIONS}
        operations = []
        for op_id, model in self._models[api].items():
            seen = self._seen[api][op_id]
            dims: dict[str, Any] = {}
            covered_all = total_all = 0
            for dim, items in model.items().items():
                missing = [i for i in items if i not in seen.items]
                covered = len(items) - len(missing)
                dims[dim] = {
                    "covered": covered,
                    "total": len(items),
                    "percent": _pct(covered, len(items)),
                    "missing": missing,
                }
                totals[dim][0] += covered
                totals[dim][1] += len(items)
                covered_all += covered
                total_all += len(items)
            operations.append(
                {
                    "operation": op_id,
                    "method": model.method,
                    "path": model.path,
                    "requests": seen.requests,
                    "statuses": {
                        "documented": list(model.statuses),
                        "reached": [s for s in model.statuses if s in seen.items],
                        "undocumented": sorted(seen.undocumented),
                    },
                    "percent": _pct(covered_all, total_all),
                    "dimensions": dims,
                }
            )
        return {
            "api": api,
            "requests": sum(s.requests for s in self._seen[api].values()),
            "dimensions": {
                d: {"covered": c, "total": t, "percent": _pct(c, t)} for d, (c, t) in totals.items()
            },
            "operations": operations,
        }


# --------------------------------------------------------------------------- --min-coverage


def parse_minimums(text: str) -> dict[str, float]:
    """`statuses=100,properties=90` -> {"statuses": 100.0, "properties": 90.0}; refuses anything else."""
    out: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        dim, sep, value = part.partition("=")
        dim = dim.strip().replace("-", "_")
        if not sep or dim not in DIMENSIONS:
            raise MinCoverageError(
                f"--min-coverage {part!r}: expected DIMENSION=PERCENT, DIMENSION one of "
                + ", ".join(DIMENSIONS)
            )
        try:
            number = float(value.strip().rstrip("%"))
        except ValueError:
            number = -1.0
        if not 0 <= number <= 100:
            raise MinCoverageError(f"--min-coverage {part!r}: the percentage must be a number from 0 to 100")
        out[dim] = number
    return out


MAX_NAMED = 20  # items named per shortfall; the count covers all


def shortfalls(report: dict[str, Any], minimums: dict[str, float], api: str | None = None) -> list[str]:
    """One line per (API, dimension) below its minimum, naming what was not covered."""
    lines = []
    for entry in report.get("apis", []):
        if api is not None and entry["api"] != api:
            continue
        for dim, minimum in minimums.items():
            got = entry["dimensions"][dim]
            if got["percent"] is None or got["percent"] >= minimum:
                continue
            missing = [
                f"{op['operation']} {item}" if dim != "operations" else item
                for op in entry["operations"]
                for item in op["dimensions"][dim]["missing"]
            ]
            named = "; ".join(missing[:MAX_NAMED]) + (
                f"; ... {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED else ""
            )
            lines.append(
                f"{entry['api']}: {dim} {got['percent']}% < {minimum:g}% "
                f"({got['covered']}/{got['total']}); not covered: {named}"
            )
    return lines
