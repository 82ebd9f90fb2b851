"""The specs are valid OpenAPI, lint clean, and transcribe every operation of the vendor pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openapi_spec_validator import validate

from .specdocs import ROOT, SPECS, document, operation, operations
from .vendor_examples import pages


@pytest.mark.parametrize("api", sorted(SPECS))
def test_spec_is_valid_openapi_3_0_3(api: str) -> None:
    doc = document(api)
    assert doc["openapi"] == "3.0.3"
    validate(doc)


def test_specs_are_clean_under_redocly() -> None:
    redocly = ROOT / "node_modules" / ".bin" / "redocly"
    assert redocly.exists() or shutil.which("redocly"), "Redocly CLI missing: run `make install`"
    proc = subprocess.run(
        [
            str(redocly),
            "lint",
            "--config",
            "specs/redocly.yaml",
            "--format",
            "stylish",
            *(str(p.relative_to(ROOT)) for p in SPECS.values()),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def page_operations() -> list[tuple[str, str, str]]:
    """(api, METHOD, path) of every endpoint line of every vendor page (specs/examples/<api>/pages.json)."""
    return [
        (api, op["method"], op["path"])
        for api in sorted(SPECS)
        for page in pages(api)
        for op in page["operations"]
    ]


def test_the_pages_document_twelve_operations() -> None:
    assert len(page_operations()) == len(set(page_operations())) == 12


@pytest.mark.parametrize(("api", "method", "path"), page_operations())
def test_every_page_operation_is_in_its_spec(api: str, method: str, path: str) -> None:
    op = operation(api, method, path)  # exact spelling, letter case included
    assert op.get("operationId") and op.get("summary") and op.get("tags"), (method, path)
    assert op.get("responses"), (method, path)


# Operations reachable without a token; everything else must require one.
OPEN_OPERATIONS = {"login"}  # Fusion's login hands out the token itself


@pytest.mark.parametrize("api", sorted(SPECS))
def test_operation_ids_are_unique_and_only_login_is_open(api: str) -> None:
    ids = [op["operationId"] for _, _, op in operations(api)]
    assert len(ids) == len(set(ids))
    doc = document(api)
    for _, _, op in operations(api):
        security = op.get("security", doc.get("security"))
        assert bool(security) != (op["operationId"] in OPEN_OPERATIONS), op["operationId"]


def test_fusion_operations_name_their_required_role() -> None:
    for method, path, op in operations("fusion"):
        if op.get("security", document("fusion").get("security")) and "/draas/" in path:
            role = op.get("x-required-role", "")
            assert role.endswith((".list", ".read", ".create", ".update", ".delete")), (method, path)
