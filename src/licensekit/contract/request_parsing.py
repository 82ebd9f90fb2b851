"""A request's parameters and body, coerced and validated against its operation.

The mocks use this to decide what to refuse (before any handler runs) and the judge uses it to say how a
request departed from the spec: one parser, so the two cannot disagree.
"""

from __future__ import annotations

import enum
from urllib.parse import parse_qsl

from .messages import Request, is_json_media, parse_json
from .spec import Problem, iter_problems


class BodyVerdict(enum.Enum):
    OK = "ok"  # parsed (or absent); any problems were added to the list
    UNSUPPORTED_MEDIA = "unsupported media"  # a body that is not JSON where JSON is documented (415)


def parse_params(
    request: Request, raw_params: dict[str, str], query_string: bytes, problems: list[Problem]
) -> None:
    """Fill request.path_params / query / header_params; add a Problem for each value that breaks the spec.

    Raises InvalidInstance for text the validator cannot take (a lone surrogate).
    """
    op = request.op
    for param in op.path_params:
        value, found = param.parse([raw_params[param.name]])
        problems.extend(found)
        request.path_params[param.name] = value
    if query_string:
        try:
            pairs = parse_qsl(query_string.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            problems.append(Problem("query", "", "The query string is not valid UTF-8."))
            pairs = []
        query: dict[str, list[str]] = {}
        for key, value in pairs:
            query.setdefault(key, []).append(value)
    else:
        query = {}
    for param in op.query_params:
        raw = query.get(param.name)
        if raw is None:
            if param.required:
                problems.append(
                    Problem("query", param.name, f"The {param.name} field is required.", "required")
                )
            elif param.has_default:
                request.query[param.name] = param.default
            continue
        value, found = param.parse(raw)
        problems.extend(found)
        request.query[param.name] = value
    for param in op.header_params:
        text = request.headers.get(param.name.lower())
        if text is None:
            if param.required:
                problems.append(
                    Problem("header", param.name, f"The {param.name} header is required.", "required")
                )
            continue
        value, found = param.parse([text])
        problems.extend(found)
        request.header_params[param.name] = value


def parse_body(request: Request, body: bytes, problems: list[Problem]) -> BodyVerdict:
    """Parse and validate a JSON request body into request.body; problems go to the list.

    Raises InvalidInstance for text the validator cannot take (a lone surrogate).
    """
    op = request.op
    if not body:
        if op.body_required:
            problems.append(Problem("body", "", "A non-empty request body is required.", "required"))
        return BodyVerdict.OK
    if not is_json_media(request.headers.get("content-type", "")):
        return BodyVerdict.UNSUPPORTED_MEDIA
    try:
        request.body = parse_json(body)
    except UnicodeDecodeError:
        problems.append(Problem("body", "", "The request body is not valid UTF-8.", "json"))
        return BodyVerdict.OK
    except (ValueError, RecursionError) as exc:
        problems.append(Problem("body", "", f"The request body is not valid JSON: {exc}", "json"))
        return BodyVerdict.OK
    if op.body_validator is not None:
        problems.extend(iter_problems(op.body_validator, request.body, "body"))
    return BodyVerdict.OK
