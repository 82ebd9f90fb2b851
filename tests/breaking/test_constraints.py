"""codegen/spec_diff.py's own findings, exactly: every constraint compared old value against new value
(tightened is breaking, loosened is nothing a client sees), and each schema rule on its own small spec."""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if "codegen.spec_diff" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("codegen.spec_diff", ROOT / "codegen" / "spec_diff.py")
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["codegen.spec_diff"] = _module
    _spec.loader.exec_module(_module)
spec_diff: Any = sys.modules["codegen.spec_diff"]


def doc(
    param: dict[str, Any] | None = None, body: dict[str, Any] | None = None, answer: Any = None
) -> dict[str, Any]:
    """One operation: a query parameter `q`, a JSON request body and a 200 answer, each optional."""
    op: dict[str, Any] = {"operationId": "op", "responses": {"200": {"description": "ok"}}}
    if param is not None:
        op["parameters"] = [{"name": "q", "in": "query", "schema": param}]
    if body is not None:
        op["requestBody"] = {"content": {"application/json": {"schema": body}}}
    if answer is not None:
        op["responses"]["200"]["content"] = {"application/json": {"schema": answer}}
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"post": op}}}


def found(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[bool, str, str, str]]:
    return [(c.breaking, c.kind, c.where, c.detail) for c in spec_diff.own_changes(old, new)]


def param_change(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[bool, str, str, str]]:
    return found(doc(param=old), doc(param=new))


WHERE = "query parameter q"


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        ("minimum", 1, 2),
        ("exclusiveMinimum", 0, 1),
        ("minLength", 1, 3),
        ("minItems", 0, 1),
        ("maximum", 10, 9),
        ("exclusiveMaximum", 10, 5),
        ("maxLength", 64, 8),
        ("maxItems", 5, 4),
    ],
)
def test_request_constraint_tightened_is_breaking(key: str, old: int, new: int) -> None:
    assert param_change({"type": "integer", key: old}, {"type": "integer", key: new}) == [
        (True, "constraint tightened", WHERE, f"{key} {old} -> {new}")
    ]


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        ("minimum", 2, 1),
        ("exclusiveMinimum", 1, 0),
        ("minLength", 3, 1),
        ("minItems", 1, 0),
        ("maximum", 9, 10),
        ("exclusiveMaximum", 5, 10),
        ("maxLength", 8, 64),
        ("maxItems", 4, 5),
        ("maximum", 7, 7),
    ],
)
def test_request_constraint_loosened_or_kept_is_nothing(key: str, old: int, new: int) -> None:
    assert param_change({"type": "integer", key: old}, {"type": "integer", key: new}) == []


def test_request_constraint_added_is_breaking_and_removed_is_nothing() -> None:
    assert param_change({"type": "string"}, {"type": "string", "maxLength": 8}) == [
        (True, "constraint tightened", WHERE, "maxLength None -> 8")
    ]
    assert param_change({"type": "string", "maxLength": 8}, {"type": "string"}) == []


def test_boolean_exclusive_bounds_are_not_compared() -> None:
    # OpenAPI 3.0's exclusiveMinimum: true is a flag on `minimum`, not a bound of its own.
    old = {"type": "integer", "minimum": 1, "exclusiveMinimum": False}
    assert param_change(old, {**old, "exclusiveMinimum": True}) == []
    assert (
        param_change(
            {"type": "integer", "exclusiveMaximum": True}, {"type": "integer", "exclusiveMaximum": 3}
        )
        == []
    )


def test_pattern_added_or_changed_is_breaking_removed_is_nothing() -> None:
    assert param_change({"type": "string"}, {"type": "string", "pattern": "^a$"}) == [
        (True, "constraint tightened", WHERE, "pattern '^a$'")
    ]
    assert param_change({"type": "string", "pattern": "^a$"}, {"type": "string", "pattern": "^b$"}) == [
        (True, "constraint tightened", WHERE, "pattern '^b$'")
    ]
    assert param_change({"type": "string", "pattern": "^a$"}, {"type": "string", "pattern": "^a$"}) == []
    assert param_change({"type": "string", "pattern": "^a$"}, {"type": "string"}) == []


def test_answer_constraints_are_not_compared() -> None:
    old = doc(answer={"type": "object", "properties": {"n": {"type": "integer", "maximum": 10}}})
    new = doc(answer={"type": "object", "properties": {"n": {"type": "integer", "maximum": 5}}})
    assert found(old, new) == []


def test_request_body_property_constraint_is_named_by_path() -> None:
    old = doc(body={"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}}})
    new = doc(
        body={
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string", "maxLength": 3}}},
        }
    )
    assert found(old, new) == [(True, "constraint tightened", "body.tags[]", "maxLength None -> 3")]


# ------------------------------------------------------------------ the other schema rules, exactly


def test_type_change_is_breaking_and_stops_there() -> None:
    assert param_change({"type": "integer", "maximum": 1}, {"type": "string", "maxLength": 1}) == [
        (True, "type changed", WHERE, "integer -> string")
    ]
    assert param_change({"type": ["string", "null"]}, {"type": ["string"]}) == [
        (True, "type changed", WHERE, "string,null -> string")
    ]
    assert param_change({}, {"type": "string"}) == []
    assert param_change({"maximum": 1}, {"type": "string", "maximum": 1}) == []


def test_format_changes() -> None:
    assert param_change({"type": "string"}, {"type": "string", "format": "uuid"}) == [
        (True, "format changed", WHERE, "None -> uuid")
    ]
    assert param_change({"type": "integer"}, {"type": "integer", "format": "int64"}) == [
        (False, "integer format added", WHERE, "None -> int64")
    ]
    assert param_change({"type": "integer", "format": "int32"}, {"type": "integer", "format": "int64"}) == [
        (True, "format changed", WHERE, "int32 -> int64")
    ]
    assert param_change({"type": "number"}, {"type": "number", "format": "int32"}) == [
        (True, "format changed", WHERE, "None -> int32")
    ]
    assert param_change({"type": "integer"}, {"type": "integer", "format": "double"}) == [
        (True, "format changed", WHERE, "None -> double")
    ]


def test_enum_in_a_request() -> None:
    assert param_change({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["a"]}) == [
        (True, "enum narrowed", WHERE, "removed ['b']")
    ]
    assert param_change({"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["a", "c"]}) == [
        (False, "enum value added", WHERE, "added ['c']")
    ]
    assert param_change({"type": "string"}, {"type": "string", "enum": ["a"]}) == [
        (True, "enum narrowed", WHERE, "now only ['a']")
    ]
    assert param_change({"type": "string", "enum": ["a"]}, {"type": "string"}) == []


def test_enum_in_an_answer() -> None:
    def answer(schema: dict[str, Any]) -> dict[str, Any]:
        return doc(answer={"type": "object", "properties": {"s": schema}})

    where = "response 200 body.s"
    assert found(
        answer({"type": "string", "enum": ["a"]}), answer({"type": "string", "enum": ["a", "b"]})
    ) == [(True, "enum widened in an answer", where, "added ['b']")]
    assert found(
        answer({"type": "string", "enum": ["a", "b"]}), answer({"type": "string", "enum": ["a"]})
    ) == [(False, "enum value no longer answered", where, "removed ['b']")]
    assert found(answer({"type": "string", "enum": ["a"]}), answer({"type": "string"})) == [
        (True, "enum widened in an answer", where, "any value now")
    ]
    assert found(answer({"type": "string"}), answer({"type": "string", "enum": ["a"]})) == []


def test_nullability() -> None:
    def answer(nullable: bool) -> dict[str, Any]:
        return doc(answer={"type": "object", "properties": {"n": {"type": "string", "nullable": nullable}}})

    assert found(answer(False), answer(True)) == [
        (True, "became nullable in an answer", "response 200 body.n", "")
    ]
    assert found(answer(True), answer(False)) == [(False, "nullability changed", "response 200 body.n", "")]
    assert param_change({"type": "string", "nullable": True}, {"type": "string"}) == [
        (True, "no longer nullable in a request", WHERE, "")
    ]
    assert param_change({"type": "string"}, {"type": "string", "nullable": True}) == [
        (False, "nullability changed", WHERE, "")
    ]


def test_properties_both_ways() -> None:
    def body(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
        return doc(body={"type": "object", "properties": props, "required": required})

    def answer(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
        return doc(answer={"type": "object", "properties": props, "required": required})

    s = {"type": "string"}
    assert found(body({"a": s, "b": s}, []), body({"a": s}, [])) == [
        (True, "request property removed", "body.b", "")
    ]
    assert found(body({"a": s}, []), body({"a": s}, ["a"])) == [
        (True, "request property became required", "body.a", "")
    ]
    assert found(body({"a": s}, ["a"]), body({"a": s}, [])) == []
    assert found(body({}, []), body({"a": s}, ["a"])) == [
        (True, "new required request property", "body.a", "")
    ]
    assert found(body({}, []), body({"a": s}, [])) == [
        (False, "optional request property added", "body.a", "")
    ]
    where = "response 200 body"
    assert found(answer({"a": s}, []), answer({}, [])) == [
        (True, "response property removed", f"{where}.a", "")
    ]
    assert found(answer({"a": s}, ["a"]), answer({"a": s}, [])) == [
        (True, "response property no longer required", f"{where}.a", "")
    ]
    assert found(answer({"a": s}, []), answer({"a": s}, ["a"])) == []
    assert found(answer({}, []), answer({"a": s}, [])) == [
        (False, "response property added", f"{where}.a", "")
    ]


def test_alternatives() -> None:
    one, two = [{"type": "string"}], [{"type": "string"}, {"type": "integer"}]
    assert param_change({"oneOf": one}, {"oneOf": two}) == [
        (False, "oneOf alternatives added", WHERE, "1 -> 2")
    ]
    assert param_change({"anyOf": two}, {"anyOf": one}) == [
        (True, "anyOf alternatives removed", WHERE, "2 -> 1")
    ]
    assert found(doc(answer={"oneOf": one}), doc(answer={"oneOf": two})) == [
        (True, "oneOf alternatives added", "response 200 body", "1 -> 2")
    ]
    assert param_change({"oneOf": [{"type": "string"}]}, {"oneOf": [{"type": "integer"}]}) == [
        (True, "type changed", f"{WHERE}<oneOf0>", "string -> integer")
    ]


def test_single_allof_with_siblings_is_one_schema() -> None:
    old = {"allOf": [{"type": "string", "maxLength": 10}], "default": "a"}
    new = {"allOf": [{"type": "string", "maxLength": 5}], "default": "a"}
    assert param_change(old, new) == [(True, "constraint tightened", WHERE, "maxLength 10 -> 5")]
    # A sibling overrides what the $ref'd schema says.
    assert param_change(
        {"allOf": [{"type": "string"}], "maxLength": 3}, {"type": "string", "maxLength": 2}
    ) == [(True, "constraint tightened", WHERE, "maxLength 3 -> 2")]


def test_refs_resolved_and_cycles_cut() -> None:
    def with_ref(max_length: int) -> dict[str, Any]:
        d = doc(param={"$ref": "#/components/schemas/Name"})
        d["components"] = {"schemas": {"Name": {"type": "string", "maxLength": max_length}}}
        return d

    assert found(with_ref(10), with_ref(5)) == [(True, "constraint tightened", WHERE, "maxLength 10 -> 5")]
    cyclic = doc(body={"$ref": "#/components/schemas/Node"})
    cyclic["components"] = {
        "schemas": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}}
    }
    assert found(cyclic, cyclic) == []
    slashed = {"a/b": {"type": "integer"}, "c~d": {"type": "string"}}
    assert spec_diff._resolve({"$ref": "#/defs/a~1b"}, {"defs": slashed}) == {"type": "integer"}
    assert spec_diff._resolve({"$ref": "#/defs/c~0d"}, {"defs": slashed}) == {"type": "string"}
    assert spec_diff._resolve({"$ref": "other.yaml#/x"}, {}) == {"$ref": "other.yaml#/x"}


def test_parameters_and_request_body() -> None:
    def with_params(*params: dict[str, Any], shared: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        d = doc()
        d["paths"]["/x"]["post"]["parameters"] = list(params)
        if shared is not None:
            d["paths"]["/x"]["parameters"] = shared
        return d

    q = {"name": "q", "in": "query", "schema": {"type": "string"}}
    h = {"name": "q", "in": "header", "schema": {"type": "string"}}
    assert found(with_params(), with_params({**q, "required": True})) == [
        (True, "new required parameter", WHERE, "")
    ]
    assert found(with_params(), with_params(q)) == [(False, "optional parameter added", WHERE, "")]
    assert found(with_params(q), with_params({**q, "required": True})) == [
        (True, "parameter became required", WHERE, "")
    ]
    assert found(with_params({**q, "required": True}), with_params(q)) == []
    assert found(with_params(q), with_params()) == [(True, "parameter removed", WHERE, "")]
    # Same name, another place: a different parameter.
    assert found(with_params(q), with_params(h)) == [
        (False, "optional parameter added", "header parameter q", ""),
        (True, "parameter removed", WHERE, ""),
    ]
    # A path-level parameter is the operation's too; the operation's own wins.
    assert found(with_params(shared=[q]), with_params(q)) == []
    assert found(with_params(shared=[q]), with_params({**q, "required": True}, shared=[q])) == [
        (True, "parameter became required", WHERE, "")
    ]

    def with_body(required: bool | None) -> dict[str, Any]:
        d = doc(body={"type": "object"})
        if required is not None:
            d["paths"]["/x"]["post"]["requestBody"]["required"] = required
        return d

    assert found(with_body(False), with_body(True)) == [
        (True, "request body became required", "request body", "")
    ]
    assert found(with_body(None), with_body(True)) == [
        (True, "request body became required", "request body", "")
    ]
    assert found(with_body(True), with_body(False)) == []
    assert found(doc(), with_body(True)) == []  # a new body is openapi-diff's finding


def test_only_shared_operations_and_statuses_are_compared() -> None:
    old = doc(answer={"type": "object", "properties": {"a": {"type": "string"}}})
    new = doc(answer={"type": "object", "properties": {}})
    new["paths"]["/x"]["post"]["responses"]["201"] = new["paths"]["/x"]["post"]["responses"].pop("200")
    assert found(old, new) == []
    moved = {"openapi": "3.0.3", "paths": {"/y": old["paths"]["/x"]}}
    assert found(old, moved) == []
    labelled = spec_diff.own_changes(doc(param={"type": "string"}), doc(param={"type": "integer"}))
    assert [c.operation for c in labelled] == ["op"]
    anonymous = doc(param={"type": "string"})
    del anonymous["paths"]["/x"]["post"]["operationId"]
    changed = doc(param={"type": "integer"})
    del changed["paths"]["/x"]["post"]["operationId"]
    assert [c.operation for c in spec_diff.own_changes(anonymous, changed)] == ["POST /x"]


def test_non_json_bodies_are_not_compared() -> None:
    old = doc()
    old["paths"]["/x"]["post"]["requestBody"] = {"content": {"text/plain": {"schema": {"type": "string"}}}}
    new = doc()
    new["paths"]["/x"]["post"]["requestBody"] = {"content": {"text/plain": {"schema": {"type": "integer"}}}}
    assert found(old, new) == []
    vendor = doc()
    vendor["paths"]["/x"]["post"]["requestBody"] = {
        "content": {"application/vnd.api+json": {"schema": {"type": "integer"}}}
    }
    assert found(old, vendor) == []
    assert found(vendor, doc(body={"type": "string"})) == [
        (True, "type changed", "body", "integer -> string")
    ]


# ------------------------------------------------------------------ openapi-diff's findings, merged


def test_tool_findings_are_placed_on_their_operation() -> None:
    old = doc()
    new = doc()
    new["paths"]["/x"]["get"] = {"operationId": "getX", "responses": {"200": {"description": "ok"}}}
    findings = [
        {"code": "method.add", "location": "paths./x.get", "kind": "non-breaking"},
        {
            "code": "response.status-code.remove",
            "location": "paths./x.post.responses.404",
            "kind": "breaking",
        },
        {
            "code": "response.required.header.remove",
            "location": "paths./x.post.responses.200.headers.X-A.b",
            "kind": "breaking",
        },
        {"code": "path.remove", "location": "paths./x", "kind": "breaking"},
        {"code": "request.body.scope.remove", "location": "paths./x.post.requestBody", "kind": "breaking"},
        {"code": "something.else", "location": "info.title", "kind": "non-breaking"},
        {"code": "path.add", "location": "paths./nowhere", "kind": "non-breaking"},
    ]
    changes = [(c.breaking, c.kind, c.operation, c.where) for c in spec_diff.tool_changes(findings, old, new)]
    assert changes == [
        (False, "operation added", "getX", "/x"),
        (True, "status removed", "op", "response 404"),
        (True, "required response header removed", "op", "response 200 header X-A.b"),
        (True, "operation removed", "getX", "/x"),
        (True, "operation removed", "op", "/x"),
        (True, "request.body.scope.remove", "op", "requestBody"),
        (False, "something.else", "info.title", "info.title"),
        (False, "operation added", "paths./nowhere", "paths./nowhere"),
    ]
    assert all(c.source == "openapi-diff" for c in spec_diff.tool_changes(findings, old, new))


def test_merge_keeps_unexplained_body_findings_and_drops_explained_ones() -> None:
    change = spec_diff.Change
    ours = [change(True, "request property removed", "op", "body.a")]
    theirs = [
        change(True, "request.body.scope.remove", "op", "body", source="openapi-diff"),
        change(True, "response.body.scope.remove", "op", "response 200", source="openapi-diff"),
        change(False, "status added", "op", "response 429", source="openapi-diff"),
    ]
    merged = spec_diff._merge(theirs, ours)
    assert [(c.breaking, c.kind, c.where, c.detail) for c in merged] == [
        (True, "request property removed", "body.a", ""),
        (True, "response body schema changed", "response 200", "response.body.scope.remove"),
        (False, "status added", "response 429", ""),
    ]
    assert spec_diff._merge([theirs[0]], ours + ours) == ours  # duplicates collapse


def test_report_lines() -> None:
    change = spec_diff.Change
    changes = [
        change(True, "type changed", "op", "body", "string -> integer"),
        change(False, "status added", "op", "response 429", source="openapi-diff"),
    ]
    assert spec_diff.report("specs/x.yaml", changes) == (
        "specs/x.yaml: 1 breaking, 1 non-breaking\n"
        "  BREAKING  op: type changed at body (string -> integer)  [spec_diff]\n"
        "  ok        op: status added at response 429  [openapi-diff]\n"
    )
    assert (
        spec_diff.report("specs/x.yaml", [])
        == "specs/x.yaml: no change that users of the generated client can see\n"
    )


def test_changelog_section_and_version() -> None:
    text = "# Changelog\n\n## [Unreleased]\n- op changed\n\n## [1.0.0] - 2026\n- old\n"
    assert spec_diff.changelog_section(text, "Unreleased") == "- op changed\n\n"
    assert spec_diff.changelog_section(text, "1.0.0") == "- old\n"
    assert spec_diff.changelog_section(text, "2.0.0") == ""
    assert spec_diff.changelog_section("## [1x0x0]\n- no\n", "1.0.0") == ""
    assert spec_diff._version('[project]\nversion = "1.2.3"\n') == (1, 2, 3)
    assert spec_diff._version('[project]\nversion = "1.2"\n') is None
    assert spec_diff._version("[tool]\n") is None
    assert spec_diff._version(None) is None


# ------------------------------------------------------------------ the release rule (--check), in-process


def _release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, changelog: str | None
) -> list[str]:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    (root / "pyproject.toml").write_text(f'[project]\nversion = "{new}"\n', encoding="utf-8")
    if changelog is not None:
        (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    monkeypatch.setattr(spec_diff, "ROOT", root)
    monkeypatch.setattr(spec_diff, "_at", lambda ref, path: f'[project]\nversion = "{old}"\n')
    breaking = [spec_diff.Change(True, "operation removed", "deleteThing", "/x")]
    problems: list[str] = spec_diff.check("main", breaking)
    return problems


def test_breaking_change_released_right_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changelog = "## [Unreleased]\n- deleteThing is gone\n"
    assert _release(tmp_path, monkeypatch, "0.2.0", "0.3.0", changelog) == []
    assert _release(tmp_path, monkeypatch, "1.2.0", "2.0.0", changelog) == []
    moved = "## [Unreleased]\n\n## [0.3.0] - 2026\n- deleteThing is gone\n"
    assert _release(tmp_path, monkeypatch, "0.2.0", "0.3.0", moved) == []


def test_breaking_change_without_the_bump_or_the_note_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changelog = "## [Unreleased]\n- something else\n"
    assert _release(tmp_path, monkeypatch, "0.2.0", "0.2.1", changelog) == [
        "version 0.2.0 -> 0.2.1: a breaking change needs a minor bump while 0.x",
        "CHANGELOG.md's Unreleased (or new version) section does not name deleteThing",
    ]
    assert _release(tmp_path, monkeypatch, "1.2.0", "1.3.0", "## [Unreleased]\n- deleteThing\n") == [
        "version 1.2.0 -> 1.3.0: a breaking change needs a major bump"
    ]
    assert _release(tmp_path, monkeypatch, "0.2.0", "0.3.0", None) == [
        "CHANGELOG.md has no `## [Unreleased]` (or new version) section describing the change"
    ]
    assert _release(tmp_path, monkeypatch, "0.2.0", "0.3.0", "## [Unreleased]\n\n") == [
        "CHANGELOG.md has no `## [Unreleased]` (or new version) section describing the change"
    ]
    assert _release(tmp_path, monkeypatch, "0.2.0", "x", "## [Unreleased]\n- deleteThing\n") == [
        "cannot read [project].version from pyproject.toml here or at the base"
    ]


def test_compare_two_files_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(json.dumps(doc(param={"type": "string", "maxLength": 10})), encoding="utf-8")
    new.write_text(json.dumps(doc(param={"type": "string", "maxLength": 5})), encoding="utf-8")
    assert spec_diff.main([str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{new}: 1 breaking, 0 non-breaking\n")
    assert (
        "  BREAKING  op: constraint tightened at query parameter q (maxLength 10 -> 5)  [spec_diff]\n" in out
    )
    with pytest.raises(SystemExit):
        spec_diff.main([str(old)])
