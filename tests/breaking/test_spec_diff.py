"""codegen/spec_diff.py: spec edits, each classified right (breaking or not, and which kind)."""

from __future__ import annotations

import copy
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Named by its path from the root, as `make mutation` (mutmut) names the module it mutates.
_spec = importlib.util.spec_from_file_location("codegen.spec_diff", ROOT / "codegen" / "spec_diff.py")
assert _spec is not None and _spec.loader is not None
spec_diff = importlib.util.module_from_spec(_spec)
sys.modules["codegen.spec_diff"] = spec_diff
_spec.loader.exec_module(spec_diff)

FUSION = yaml.safe_load((ROOT / "specs" / "fusion.yaml").read_text(encoding="utf-8"))
GROUP = "/api/v01/draas/{draas_instance}/groups/{uuid}/customer_licenses"
ONE = GROUP + "/{id}"
Edit = Callable[[dict[str, Any]], None]


def schemas(d: dict[str, Any]) -> dict[str, Any]:
    return d["components"]["schemas"]


def _login_mode(values: list[str]) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        schemas(d)["LoginRequest"]["properties"]["mode"] = {"type": "string", "enum": values}

    return edit


def _set(path: list[Any], value: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _delete(path: list[Any]) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        node = d
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def _both(*edits: Edit) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for e in edits:
            e(d)

    return edit


def _add_param(required: bool) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["paths"][GROUP]["get"]["parameters"].append(
            {"name": "sku", "in": "query", "required": required, "schema": {"type": "string"}}
        )

    return edit


def _add_op(d: dict[str, Any]) -> None:
    d["paths"]["/api/v01/ping"] = {
        "get": {"operationId": "ping", "security": [], "responses": {"204": {"description": "up"}}}
    }


def _set_example(d: dict[str, Any]) -> None:
    content = d["paths"][GROUP]["post"]["requestBody"]["content"]["application/json"]
    content["examples"]["minimal"]["value"]["name"] = "Teams"


def _drop_param(d: dict[str, Any]) -> None:
    params = d["paths"][GROUP]["get"]["parameters"]
    params[:] = [p for p in params if p.get("$ref") != "#/components/parameters/page_size"]


# (id, edit, expected (breaking, kind, operation), or None: the edit changes nothing a client sees; base edit)
CASES: list[tuple[str, Edit, tuple[bool, str, str] | None, Edit | None]] = [
    # breaking
    (
        "path removed",
        _delete(["paths", "/api/v01/auth/access_token"]),
        (True, "operation removed", "refreshAccessToken"),
        None,
    ),
    (
        "method removed",
        _delete(["paths", ONE, "delete"]),
        (True, "operation removed", "deleteCustomerLicense"),
        None,
    ),
    (
        "status removed",
        _delete(["paths", GROUP, "post", "responses", "413"]),
        (True, "status removed", "createCustomerLicense"),
        None,
    ),
    (
        "response property removed",
        _both(
            _delete(["components", "schemas", "CustomerLicenseDetails", "properties", "sku"]),
            _set(
                ["components", "schemas", "CustomerLicenseDetails", "required"],
                ["name", "description", "status"],
            ),
        ),
        (True, "response property removed", "getCustomerLicense"),
        None,
    ),
    (
        "response property no longer required",
        _set(["components", "schemas", "CustomerLicenseDetails", "required"], ["name", "sku"]),
        (True, "response property no longer required", "getCustomerLicense"),
        None,
    ),
    (
        "new required parameter",
        _add_param(True),
        (True, "new required parameter", "listGroupCustomerLicenses"),
        None,
    ),
    (
        "parameter became required",
        _set(["components", "parameters", "page_size", "required"], True),
        (True, "parameter became required", "listGroupCustomerLicenses"),
        None,
    ),
    ("parameter removed", _drop_param, (True, "parameter removed", "listGroupCustomerLicenses"), None),
    (
        "new required request property",
        _both(
            _set(
                ["components", "schemas", "CustomerLicenseCreate", "properties", "origin"], {"type": "string"}
            ),
            _set(["components", "schemas", "CustomerLicenseCreate", "required"], ["name", "sku", "origin"]),
        ),
        (True, "new required request property", "createCustomerLicense"),
        None,
    ),
    (
        "request property became required",
        _set(["components", "schemas", "CustomerLicenseCreate", "required"], ["name", "sku", "description"]),
        (True, "request property became required", "createCustomerLicense"),
        None,
    ),
    (
        "type changed",
        _set(["components", "schemas", "CustomerLicenseCreated", "properties", "id"], {"type": "string"}),
        (True, "type changed", "createCustomerLicense"),
        None,
    ),
    (
        "parameter type changed",
        _set(["components", "parameters", "page_size", "schema"], {"type": "string"}),
        (True, "type changed", "listGroupCustomerLicenses"),
        None,
    ),
    (
        "format changed",
        _set(["components", "schemas", "LoginRequest", "properties", "username", "format"], "email"),
        (True, "format changed", "login"),
        None,
    ),
    (
        "enum narrowed",
        _set(["components", "schemas", "LicenseStatus", "enum"], ["enabled"]),
        (True, "enum narrowed", "createCustomerLicense"),
        None,
    ),
    (
        "enum widened in an answer",
        # answers hold open strings (docs/spec-conventions.md): the base closes one to widen it
        _set(["components", "schemas", "LicenseStatusInResponse", "enum"], ["enabled", "disabled", "x"]),
        (True, "enum widened in an answer", "getCustomerLicense"),
        _set(["components", "schemas", "LicenseStatusInResponse", "enum"], ["enabled", "disabled"]),
    ),
    (
        "constraint tightened",
        _set(["components", "parameters", "draas_instance", "schema", "maxLength"], 8),
        (True, "constraint tightened", "getCustomerLicense"),
        None,
    ),
    # harmless: seen and reported as not breaking
    ("operation added", _add_op, (False, "operation added", "ping"), None),
    (
        "status added",
        _set(["paths", ONE, "get", "responses", "429"], {"description": "slow down"}),
        (False, "status added", "getCustomerLicense"),
        None,
    ),
    (
        "optional parameter added",
        _add_param(False),
        (False, "optional parameter added", "listGroupCustomerLicenses"),
        None,
    ),
    (
        "optional request property added",
        _set(["components", "schemas", "CustomerLicenseCreate", "properties", "origin"], {"type": "string"}),
        (False, "optional request property added", "createCustomerLicense"),
        None,
    ),
    (
        "response property added",
        _set(
            ["components", "schemas", "CustomerLicenseDetails", "properties", "created"], {"type": "string"}
        ),
        (False, "response property added", "getCustomerLicense"),
        None,
    ),
    (
        "request enum widened",
        _login_mode(["a", "b"]),
        (False, "enum value added", "login"),
        _login_mode(["a"]),
    ),
    (
        "integer format added",
        _set(["components", "parameters", "page_size", "schema", "format"], "int32"),
        (False, "integer format added", "listGroupCustomerLicenses"),
        _delete(["components", "parameters", "page_size", "schema", "format"]),
    ),
    # harmless: nothing a client sees
    ("description edited", _set(["paths", GROUP, "get", "description"], "Lists licenses."), None, None),
    (
        "constraint loosened",
        _delete(["components", "parameters", "page_size", "schema", "minimum"]),
        None,
        None,
    ),
    ("example changed", _set_example, None, None),
]


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Any]]:
    pairs: list[tuple[Path, Path]] = []
    for _name, edit, _, base in CASES:
        folder = tmp_path_factory.mktemp("edit")
        old, new = copy.deepcopy(FUSION), copy.deepcopy(FUSION)
        if base is not None:
            base(old)
            base(new)
        edit(new)
        (folder / "old.yaml").write_text(yaml.safe_dump(old, sort_keys=False))
        (folder / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False))
        pairs.append((folder / "old.yaml", folder / "new.yaml"))
    # One node process for every pair: openapi-diff's start-up is most of a single comparison's time.
    return dict(zip([c[0] for c in CASES], spec_diff.diff_many(pairs), strict=True))


# The first case sets up the module fixture: openapi-diff over every pair, minutes under make mutation's
# trampolines on a busy machine; the unit limit (conftest.py) is for one test's own work.
@pytest.mark.timeout(600)
@pytest.mark.parametrize(("name", "expected"), [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_each_edit_is_classified_right(classified: dict[str, list[Any]], name: str, expected: Any) -> None:
    changes = classified[name]
    if expected is None:
        assert changes == [], [c.line() for c in changes]
    else:
        breaking, kind, operation = expected
        found = {(c.breaking, c.kind, c.operation) for c in changes}
        assert (breaking, kind, operation) in found, [c.line() for c in changes]


def test_classification_table(classified: dict[str, list[Any]], capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the table quoted in the closing report (`pytest tests/breaking -s -k table`)."""
    with capsys.disabled():
        print("\n| spec edit | verdict | kind (source) |\n|---|---|---|")
        for name, _, expected, _ in CASES:
            changes = classified[name]
            main = next(
                (c for c in changes if expected and c.kind == expected[1]), changes[0] if changes else None
            )
            verdict = "breaking" if any(c.breaking for c in changes) else "not breaking"
            if not changes:
                verdict = "no visible change"
            kind = f"{main.kind} ({main.source})" if main else "-"
            print(f"| {name} | {verdict} | {kind} |")
    assert len(classified) == len(CASES)


@pytest.mark.parametrize(
    ("old", "new", "enough"),
    [
        ((0, 1, 0), (0, 1, 1), False),
        ((0, 1, 0), (0, 2, 0), True),
        ((0, 1, 3), (1, 0, 0), True),
        ((0, 1, 0), (0, 1, 0), False),
        ((1, 2, 0), (1, 3, 0), False),
        ((1, 2, 0), (2, 0, 0), True),
    ],
)
def test_semver_rule(old: tuple[int, int, int], new: tuple[int, int, int], enough: bool) -> None:
    assert spec_diff.bump_is_enough(old, new) is enough
