"""The client layer's tolerance table: derived from the specs, checked for drift, complete, and read by the
client layer without importing the mock, proxy or contract packages."""

from __future__ import annotations

import ast
import copy
import importlib
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import yaml

from licensekit.clients import tolerance

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))
import tolerance_table  # noqa: E402  (codegen/ is not a package)

GENERATED = {
    "cloudcockpit": "cloudcockpit_client",
    "fusion": "fusion_client",
    "partner-center": "partner_center_client",
}


def test_the_committed_table_is_what_the_specs_give() -> None:
    assert tolerance_table.TARGET.read_text(encoding="utf-8") == tolerance_table.build()
    check = subprocess.run(
        [sys.executable, "codegen/tolerance_table.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_a_spec_edit_changes_the_table() -> None:
    """Drift is caught: dropping an open list's known values or an expected name changes the table."""
    document = yaml.safe_load((ROOT / "specs" / "fusion.yaml").read_text(encoding="utf-8"))
    before = tolerance_table.table_of(document)
    edited = copy.deepcopy(document)
    edited["components"]["schemas"]["LicenseStatusInResponse"]["x-known-values"].append("archived")
    after = tolerance_table.table_of(edited)
    path = ["answers", "200", "props", "licenses", "items", "props", "status", "known"]
    node_before, node_after = before["list_group_customer_licenses"], after["list_group_customer_licenses"]
    for key in path:
        node_before, node_after = node_before[key], node_after[key]
    assert node_before == ["disabled", "enabled"] and node_after == ["archived", "disabled", "enabled"]


def test_every_generated_operation_has_an_entry() -> None:
    table = json.loads(tolerance_table.TARGET.read_text(encoding="utf-8"))
    for api, package in GENERATED.items():
        api_package = importlib.import_module(f"{package}.api")
        modules = {
            name.rsplit(".", 1)[-1]
            for _, name, is_pkg in pkgutil.walk_packages(api_package.__path__, f"{package}.api.")
            if not is_pkg
        }
        assert modules == set(table[api]), api
    assert tolerance.table() == table


def test_the_client_layer_imports_no_mock_proxy_or_contract() -> None:
    forbidden = ("licensekit.mock", "licensekit.proxy", "licensekit.contract")
    for path in (ROOT / "src" / "licensekit" / "clients").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level >= 2:
                names = [f"licensekit.{node.module or ''}"]
            assert not [n for n in names if n.startswith(forbidden)], f"{path.name}: {names}"
