"""The one judge: an exchange (a request and its answer) in, findings out.

The proxy judges live traffic with it, the mocks' `--check-responses` judge their own answers with it,
and the contract suites record what it tolerates; none of them keeps rules of its own. Routing, parameter
coercion and body validation are the mocks' own (`request_parsing`), so a request the mock would refuse
is the request the judge calls non-conforming.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..masking import mask_problem
from . import findings as F
from .findings import Finding
from .messages import Request, is_json_media, parse_json
from .registry import load_spec
from .request_parsing import parse_params
from .spec import Api, InvalidInstance, Operation, Problem, iter_problems
from .tolerance import _NOT_PARSED, tolerated

_INDEX = re.compile(r"\[\d+\]")
_REQUIRED = re.compile(r'^"(.+)" is a required property$')


@dataclass(slots=True)
class Exchange:
    """One request and its answer as seen on the wire (bodies possibly capped at a capture limit)."""

    method: str
    raw_path: str  # the path as sent, percent-escapes kept (routing decodes segment by segment)
    query: bytes
    headers: dict[str, str]  # lower-case names
    body: bytes
    body_complete: bool = True  # False: the body was longer than what was captured
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    response_body: bytes = b""
    response_complete: bool = True


@dataclass(slots=True)
class Verdict:
    operation: str  # operationId, or "METHOD /path" when the spec has no such operation
    findings: list[Finding]
    response_data: Any = None  # the parsed JSON answer, for masking the secrets it carries

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == F.FAILURE]


def _where(problem: Problem) -> str:
    """A stable location: list indices dropped (`a[3].b` -> `a[].b`), a missing property named."""
    name = _INDEX.sub("[]", problem.name)
    required = _REQUIRED.match(problem.message) if problem.keyword == "required" else None
    if required and problem.location in ("body", "response"):
        name = f"{name}.{required.group(1)}" if name else required.group(1)
    if problem.location in ("body", "response"):
        return f"body.{name}" if name else "body"
    return f"{problem.location} {name}".strip()


class Judge:
    """The spec of one API, loaded once; judges exchanges, or only answers, against it.

    `server_errors`: a 5xx answer is a `not_a_server_error` failure, documented status or not (the proxy
    and check-traffic, which see a vendor's traffic; not the suites, whose probes provoke 5xx on purpose).
    """

    def __init__(self, api: str, spec: Api | None = None, *, server_errors: bool = False) -> None:
        self.api_name = api
        self.api: Api = spec if spec is not None else load_spec(api)
        self.server_errors = server_errors

    def _finding(
        self, op: str, check: str, location: str, message: str, severity: str = F.FAILURE
    ) -> Finding:
        # A validator's message may quote a secret field's value: masked here, where every finding is made,
        # for every consumer (the proxy's drift log, the mocks' drift, the suites, check-traffic).
        return Finding(self.api_name, op, check, severity, location, mask_problem(location, "", message))

    def route(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        try:
            match = self.api.router.match(raw_path)
        except UnicodeDecodeError:
            return None
        if match is None:
            return None
        op = match[0].operations.get(method.upper())
        return (op, match[1]) if op is not None else None

    def operation_name(self, method: str, raw_path: str) -> str:
        routed = self.route(method, raw_path)
        return routed[0].operation_id if routed else f"{method.upper()} {raw_path}"

    # ------------------------------------------------------------------ the whole exchange

    def judge(self, exchange: Exchange) -> Verdict:
        routed = self.route(exchange.method, exchange.raw_path)
        if routed is None:
            name = f"{exchange.method} {exchange.raw_path}"
            try:
                path_known = self.api.router.match(exchange.raw_path) is not None
            except UnicodeDecodeError:
                path_known = False
            why = "method not in the spec" if path_known else "no operation of the spec has this path"
            return Verdict(name, [self._finding(name, F.UNDOCUMENTED_OPERATION, "request", why)])
        op, raw_params = routed
        out = self.judge_request(op, raw_params, exchange)
        answer, data = self.judge_answer(
            op,
            exchange.status,
            exchange.response_headers,
            exchange.response_body,
            complete=exchange.response_complete,
        )
        out += answer
        if self.server_errors and exchange.status >= 500:
            out.append(
                self._finding(
                    op.operation_id,
                    F.NOT_A_SERVER_ERROR,
                    f"response {exchange.status}",
                    f"the server answered {exchange.status}",
                )
            )
        if 200 <= exchange.status < 300:
            if any(f.check == F.REQUEST_CONFORMANCE for f in out):
                out.append(
                    self._finding(
                        op.operation_id,
                        F.NEGATIVE_DATA,
                        f"response {exchange.status}",
                        f"a request outside the spec was answered {exchange.status}",
                    )
                )
            if op.secured and not exchange.headers.get("authorization"):
                out.append(
                    self._finding(
                        op.operation_id,
                        F.IGNORED_AUTH,
                        f"response {exchange.status}",
                        f"answered {exchange.status} without credentials",
                    )
                )
        return Verdict(op.operation_id, out, data)

    # ------------------------------------------------------------------ the request

    def judge_request(self, op: Operation, raw_params: dict[str, str], exchange: Exchange) -> list[Finding]:
        texts = [(_where(p), p.message) for p in self._request_problems(op, raw_params, exchange)]
        out = [self._finding(op.operation_id, F.REQUEST_CONFORMANCE, f"request {w}", m) for w, m in texts]
        if op.body_media_types and not exchange.body_complete:  # the capture kept none of it
            out.append(
                self._finding(
                    op.operation_id, F.UNVALIDATED, "request body", "over the capture limit: not validated"
                )
            )
        return out

    @staticmethod
    def _request_problems(op: Operation, raw_params: dict[str, str], exchange: Exchange) -> list[Problem]:
        request = Request(exchange.method, exchange.raw_path, exchange.headers, op)
        problems: list[Problem] = []
        try:
            parse_params(request, raw_params, exchange.query, problems)
        except InvalidInstance as exc:
            return [Problem("query", "", f"parameters hold text that is not valid Unicode: {exc}")]
        if op.secured and not exchange.headers.get("authorization"):
            problems.append(
                Problem("header", "Authorization", "missing (the operation is secured)", "required")
            )
        if not op.body_media_types or not exchange.body_complete:
            return problems  # no body documented, or one too large to have been captured whole
        body = exchange.body
        if not body:
            if op.body_required:
                problems.append(Problem("body", "", "a request body is required", "required"))
            return problems
        content_type = exchange.headers.get("content-type", "")
        if not is_json_media(content_type):
            if content_type.split(";")[0].strip().lower() not in op.body_media_types:
                problems.append(
                    Problem("body", "", f"content type {content_type or '(none)'!r} is not documented")
                )
            return problems
        try:
            value = parse_json(body)
        except (ValueError, RecursionError) as exc:
            return [*problems, Problem("body", "", f"not valid JSON: {exc}", "json")]
        if op.body_validator is not None:
            try:
                problems += iter_problems(op.body_validator, value, "body")
            except InvalidInstance as exc:
                problems.append(Problem("body", "", f"not valid Unicode: {exc}"))
        return problems

    # ------------------------------------------------------------------ the answer

    def judge_answer(
        self,
        op: Operation,
        status: int,
        headers: dict[str, str],
        body: bytes,
        *,
        complete: bool = True,
        data: Any = _NOT_PARSED,
    ) -> tuple[list[Finding], Any]:
        """Findings of one answer (`headers` with lower-case names), failures and tolerated alike, and the
        parsed body. `data` is the parsed body when the caller has it (the mock), to skip the parse."""
        name = op.operation_id
        spec = op.response_for(status)
        at = f"response {status}"
        if spec is None:
            documented = ", ".join(sorted(op.responses))
            return [
                self._finding(
                    name, F.STATUS_CODE, at, f"status {status} is not documented (documented: {documented})"
                )
            ], None
        out = [
            self._finding(name, F.RESPONSE_HEADERS, f"{at} header {h}", "required header is missing")
            for h in spec.required_headers
            if h not in headers
        ]
        if not complete:
            out.append(
                self._finding(name, F.UNVALIDATED, f"{at} body", "over the capture limit: not validated")
            )
            return out, None
        parsed = data
        if not spec.body_optional:  # an inferred status accepts any body or none
            if not spec.media_types:
                if body:
                    out.append(
                        self._finding(
                            name,
                            F.RESPONSE_SCHEMA,
                            f"{at} body",
                            f"a body ({len(body)} bytes) where the spec documents none",
                        )
                    )
                return out, None
            if not body:
                out.append(
                    self._finding(
                        name, F.RESPONSE_SCHEMA, f"{at} body", "no body where the spec documents one"
                    )
                )
                return out, None
            content_type = headers.get("content-type", "")
            media = content_type.split(";")[0].strip().lower()
            if media not in {m.lower() for m in spec.media_types}:
                documented = ", ".join(spec.media_types)
                out.append(
                    self._finding(
                        name,
                        F.CONTENT_TYPE,
                        f"{at} content-type",
                        f"{content_type or '(none)'!r}; documented: {documented}",
                    )
                )
            if spec.validator is None:
                return out, None
            if parsed is _NOT_PARSED:
                try:
                    parsed = json.loads(body)
                except (ValueError, RecursionError) as exc:
                    out.append(self._finding(name, F.RESPONSE_SCHEMA, f"{at} body", f"not valid JSON: {exc}"))
                    return out, None
            try:
                problems = list(iter_problems(spec.validator, parsed, "response"))
            except InvalidInstance as exc:
                problems = [Problem("response", "", f"not valid Unicode: {exc}")]
            out += [self._finding(name, F.RESPONSE_SCHEMA, f"{at} {_where(p)}", p.message) for p in problems]
        for check, where, message in tolerated(spec, headers, body, parsed):
            out.append(self._finding(name, check, f"{at} {where}", message, F.TOLERATED))
        return out, (None if parsed is _NOT_PARSED else parsed)


@lru_cache(maxsize=8)
def judge_for(api: str) -> Judge:
    """A shared judge per API (the spec compiled once per process)."""
    return Judge(api)


def judge(api: str, exchange: Exchange) -> Verdict:
    return judge_for(api).judge(exchange)
