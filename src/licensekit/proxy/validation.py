"""Hold one request and its answer to the spec, with the validators the mocks compile.

Routing, parameter coercion and validation, body schemas and response specs all come from
`licensekit.mock.spec.load_api` and the mock engine's own parameter parser, so the proxy and the mocks
cannot disagree about what the spec allows. Check names follow schemathesis' where one exists, so a
departure seen on live traffic reads like the contract suite's finding for the same thing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..mock.app import MockApp, _is_json_media
from ..mock.http import Request, parse_json
from ..mock.registry import load_spec
from ..mock.spec import Api, InvalidInstance, Operation, Problem, iter_problems

# Checks on the request (the caller's side) ...
REQUEST_CONFORMANCE = "request_conformance"
UNDOCUMENTED_OPERATION = "undocumented_operation"
# ... and on the answer (the vendor's side).
STATUS_CODE = "status_code_conformance"
CONTENT_TYPE = "content_type_conformance"
RESPONSE_HEADERS = "response_headers_conformance"
RESPONSE_SCHEMA = "response_schema_conformance"
NEGATIVE_DATA = "negative_data_rejection"
IGNORED_AUTH = "ignored_auth"
UNVALIDATED = "unvalidated_body"


@dataclass(slots=True)
class Exchange:
    """One request and its answer, as the proxy saw them (bodies capped at the capture limit)."""

    method: str
    raw_path: str
    query: bytes
    headers: dict[str, str]  # lower-case names
    body: bytes
    body_complete: bool
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    response_complete: bool = True


@dataclass(frozen=True, slots=True)
class Departure:
    check: str
    message: str


@dataclass(slots=True)
class Verdict:
    operation: str  # operationId, or "METHOD /path" when the spec has no such operation
    departures: list[Departure]
    response_data: Any = None  # parsed JSON answer, for masking secrets it carries


def _problem_text(problem: Problem) -> str:
    where = f"{problem.location} {problem.name}".strip()
    return f"{where}: {problem.message}"


class SpecValidator:
    """The spec of one API, loaded once; `check(exchange)` lists every way the exchange departs from it."""

    def __init__(self, api: str) -> None:
        self.api_name = api
        self.api: Api = load_spec(api)

    def check(self, exchange: Exchange) -> Verdict:
        try:
            match = self.api.router.match(exchange.raw_path)
        except UnicodeDecodeError:
            match = None
        op = None
        if match is not None:
            route, raw_params = match
            op = route.operations.get(exchange.method)
        if op is None or match is None:
            name = f"{exchange.method} {exchange.raw_path}"
            why = "no operation of the spec has this path" if match is None else "method not in the spec"
            return Verdict(name, [Departure(UNDOCUMENTED_OPERATION, why)])
        departures = [
            Departure(REQUEST_CONFORMANCE, text) for text in self._request_problems(op, raw_params, exchange)
        ]
        if not exchange.body_complete:
            departures.append(Departure(UNVALIDATED, "request body over the capture limit: not validated"))
        response_departures, data = self._response_problems(op, exchange)
        departures += response_departures
        if 200 <= exchange.status < 300:
            if any(d.check == REQUEST_CONFORMANCE for d in departures):
                departures.append(
                    Departure(NEGATIVE_DATA, f"a request outside the spec was answered {exchange.status}")
                )
            if op.secured and not exchange.headers.get("authorization"):
                departures.append(Departure(IGNORED_AUTH, f"answered {exchange.status} without credentials"))
        return Verdict(op.operation_id, departures, data)

    # ------------------------------------------------------------------ request

    @staticmethod
    def _request_problems(op: Operation, raw_params: dict[str, str], exchange: Exchange) -> list[str]:
        request = Request(exchange.method, exchange.raw_path, exchange.headers, op)
        problems: list[Problem] = []
        try:
            MockApp._parse_params(request, raw_params, exchange.query, problems)
        except InvalidInstance as exc:
            return [f"parameters hold text that is not valid Unicode: {exc}"]
        texts = [_problem_text(p) for p in problems]
        if op.secured and not exchange.headers.get("authorization"):
            texts.append("header Authorization: missing (the operation is secured)")
        if not op.body_media_types:
            return texts
        if not exchange.body_complete:
            return texts  # over the capture limit: there is a body, but it was not kept (UNVALIDATED)
        body = exchange.body
        if not body:
            if op.body_required:
                texts.append("body: a request body is required")
            return texts
        content_type = exchange.headers.get("content-type", "")
        if not _is_json_media(content_type):
            if content_type.split(";")[0].strip().lower() not in op.body_media_types:
                texts.append(f"body: content type {content_type or '(none)'!r} is not documented")
            return texts
        try:
            value = parse_json(body)
        except (ValueError, RecursionError) as exc:
            return [*texts, f"body: not valid JSON: {exc}"]
        if op.body_validator is not None:
            try:
                texts += [_problem_text(p) for p in iter_problems(op.body_validator, value, "body")]
            except InvalidInstance as exc:
                texts.append(f"body: not valid Unicode: {exc}")
        return texts

    # ------------------------------------------------------------------ response

    @staticmethod
    def _response_problems(op: Operation, exchange: Exchange) -> tuple[list[Departure], Any]:
        status = exchange.status
        spec = op.response_for(status)
        if spec is None:
            documented = ", ".join(sorted(op.responses))
            return [
                Departure(STATUS_CODE, f"status {status} is not documented (documented: {documented})")
            ], None
        out: list[Departure] = []
        for header in spec.required_headers:
            if header not in exchange.response_headers:
                out.append(Departure(RESPONSE_HEADERS, f"required header {header} is missing"))
        body = exchange.response_body
        content_type = exchange.response_headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if spec.body_optional:
            # an inferred status accepts any body or none (docs/spec-conventions.md): not drift
            return out, None
        if not spec.media_types:
            if body or not exchange.response_complete:
                size = f"{len(body)} bytes" if exchange.response_complete else "over the capture limit"
                out.append(Departure(RESPONSE_SCHEMA, f"a body ({size}) where the spec documents none"))
            return out, None
        if not body and exchange.response_complete:
            out.append(Departure(RESPONSE_SCHEMA, "no body where the spec documents one"))
            return out, None
        if media not in {m.lower() for m in spec.media_types}:
            documented = ", ".join(spec.media_types)
            out.append(
                Departure(
                    CONTENT_TYPE, f"content type {content_type or '(none)'!r}; documented: {documented}"
                )
            )
        if spec.validator is None:
            return out, None
        if not exchange.response_complete:
            out.append(Departure(UNVALIDATED, "response body over the capture limit: not validated"))
            return out, None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            out.append(Departure(RESPONSE_SCHEMA, f"body is not valid JSON: {exc}"))
            return out, None
        try:
            problems = list(iter_problems(spec.validator, data, "response"))
        except InvalidInstance as exc:
            problems = [Problem("response", "", f"not valid Unicode: {exc}")]
        out += [Departure(RESPONSE_SCHEMA, _problem_text(p)) for p in problems]
        return out, data
