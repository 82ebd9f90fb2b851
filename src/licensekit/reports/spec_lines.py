"""Where in a spec file a finding is about: the line of the operation, or of the schema property, header
or parameter its location names (`response 200 body.licenses[].sku` -> the line of `sku:` in that answer's
schema, `$ref`s followed). PyYAML's `compose` keeps each node's position; nothing else is evaluated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
_MAX_DEPTH = 32  # $ref chains and nested combinators; specs have no deeper ones
_RESPONSE = re.compile(r"^response (\S+)(?: (.*))?$")
_REQUEST = re.compile(r"^request(?: (.*))?$")


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _items(node: Node | None) -> list[tuple[ScalarNode, Node]]:
    if not isinstance(node, MappingNode):
        return []
    return [(k, v) for k, v in node.value if isinstance(k, ScalarNode)]


def _get(node: Node | None, key: str, *, fold: bool = False) -> tuple[ScalarNode, Node] | None:
    for k, v in _items(node):
        if k.value == key or (fold and str(k.value).lower() == key.lower()):
            return k, v
    return None


def _scalar(node: Node | None, key: str) -> str | None:
    found = _get(node, key)
    return str(found[1].value) if found and isinstance(found[1], ScalarNode) else None


class SpecLines:
    """Line numbers (1-based) of one spec file's operations and the schema parts they use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        root = yaml.compose(self.path.read_text(encoding="utf-8"))
        self.root: Node | None = root
        self.operations: dict[str, tuple[ScalarNode, Node, Node]] = {}  # id -> (method key, op, path item)
        paths = _get(root, "paths")
        self.paths_line = _line(paths[0]) if paths else 1
        for _, item in _items(paths[1] if paths else None):
            for method, op in _items(item):
                op_id = _scalar(op, "operationId") if str(method.value).lower() in _METHODS else None
                if op_id:
                    self.operations[op_id] = (method, op, item)

    def _resolve(self, node: Node | None, depth: int = 0) -> Node | None:
        ref = _scalar(node, "$ref")
        if ref is None or depth > _MAX_DEPTH or not ref.startswith("#/"):
            return node
        target: Node | None = self.root
        for part in ref[2:].split("/"):
            found = _get(target, part.replace("~1", "/").replace("~0", "~"))
            if found is None:
                return node
            target = found[1]
        return self._resolve(target, depth + 1)

    def line(self, operation: str, location: str) -> int:
        """The line a finding on `operation` at `location` is about: the deepest part found, else the
        operation's line, else the `paths:` line (an operation the spec does not have)."""
        known = self.operations.get(operation)
        if known is None:
            return self.paths_line
        method, op, item = known
        op_line = _line(method)
        response = _RESPONSE.match(location)
        if response:
            return self._response_line(op, response.group(1), response.group(2) or "") or op_line
        request = _REQUEST.match(location)
        if request:
            return self._request_line(op, item, request.group(1) or "") or op_line
        return op_line

    def _response_line(self, op: Node, status: str, rest: str) -> int | None:
        responses = _get(op, "responses")
        if responses is None:
            return None
        found = (
            _get(responses[1], status)
            or _get(responses[1], f"{status[:1]}XX", fold=True)
            or _get(responses[1], "default")
        )
        if found is None:
            return None
        key, raw = found
        answer = self._resolve(raw)
        if rest.startswith("header "):
            headers = _get(answer, "headers")
            header = _get(headers[1] if headers else None, rest[7:], fold=True)
            return _line(header[0]) if header else _line(key)
        if rest.startswith("body"):
            return self._body_line(answer, rest) or _line(key)
        return _line(key)

    def _request_line(self, op: Node, item: Node, rest: str) -> int | None:
        if rest.startswith("body"):
            body = _get(op, "requestBody")
            if body is None:
                return None
            return self._body_line(self._resolve(body[1]), rest) or _line(body[0])
        where, _, name = rest.partition(" ")
        if where in ("query", "path", "header", "cookie") and name:
            for owner in (op, item):  # the operation's parameters first, then the path item's
                params = _get(owner, "parameters")
                if params is None or not isinstance(params[1], SequenceNode):
                    continue
                for raw in params[1].value:
                    param = self._resolve(raw)
                    same = (_scalar(param, "name") or "").lower() == name.lower()
                    if same and _scalar(param, "in") == where:
                        return _line(raw)
        return None

    def _body_line(self, holder: Node | None, rest: str) -> int | None:
        """`rest` is "body" or "body.a[].b": the line of the deepest property of the path found."""
        content = _get(holder, "content")
        if content is None:
            return None
        media = next((v for k, v in _items(content[1]) if "json" in str(k.value).lower()), None)
        if media is None:
            media = next((v for _, v in _items(content[1])), None)
        schema = _get(media, "schema")
        if schema is None:
            return _line(content[0])
        best = _line(schema[0])
        node: Node | None = schema[1]
        for part in _parts(rest[5:] if rest.startswith("body.") else ""):
            found = self._property(node, part, 0)
            if found is None:
                break
            best, node = found
        return best

    def _property(self, node: Node | None, part: str, depth: int) -> tuple[int, Node] | None:
        node = self._resolve(node)
        if depth > _MAX_DEPTH or node is None:
            return None
        if part == "[]":
            items = _get(node, "items")
            if items is not None:
                return _line(items[0]), items[1]
        else:
            props = _get(node, "properties")
            prop = _get(props[1] if props else None, part)
            if prop is not None:
                return _line(prop[0]), prop[1]
        for combinator in ("allOf", "anyOf", "oneOf"):
            branches = _get(node, combinator)
            if branches is None or not isinstance(branches[1], SequenceNode):
                continue
            for branch in branches[1].value:
                found = self._property(branch, part, depth + 1)
                if found is not None:
                    return found
        return None


def _parts(path: str) -> list[str]:
    """ "licenses[].sku" -> ["licenses", "[]", "sku"]."""
    out: list[str] = []
    for segment in path.split(".") if path else []:
        name, sep, rest = segment.partition("[]")
        if name:
            out.append(name)
        if sep:
            out.extend(["[]"] * (1 + rest.count("[]")))
    return out


@lru_cache(maxsize=8)
def spec_lines(path: str, mtime_ns: int) -> SpecLines:
    return SpecLines(path)


def for_file(path: Path) -> SpecLines:
    return spec_lines(str(path), path.stat().st_mtime_ns)
