"""The three specs as the tests see them: loaded once, with helpers to find the schema of one place."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from licensekit.contract.registry import APIS, spec_path
from licensekit.contract.spec import load_document, resolve, to_json_schema

ROOT = Path(__file__).resolve().parents[2]
# Absolute paths into the repository's specs/ (an editable install): Redocly's lint-ignore keys on them.
SPECS = {api: spec_path(api).resolve() for api in APIS}
CLIENT_PACKAGES = {
    "cloudcockpit": "cloudcockpit_client",
    "fusion": "fusion_client",
    "partner-center": "partner_center_client",
}
METHODS = ("get", "put", "post", "delete", "patch")


@functools.cache
def document(api: str) -> dict[str, Any]:
    return load_document(SPECS[api])


def operations(api: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, resolved operation object) for every operation of a spec."""
    doc = document(api)
    return [
        (method.upper(), path, resolve(item[method], doc))
        for path, item in doc["paths"].items()
        for method in METHODS
        if method in item
    ]


def operation(api: str, method: str, path: str) -> dict[str, Any]:
    item = document(api)["paths"].get(path)
    assert item is not None, f"{api}: path {path} is missing (spelled exactly as the page?)"
    assert method.lower() in item, f"{api}: {method} {path} is missing"
    return resolve(item[method.lower()], document(api))


def media(op: dict[str, Any], place: str | int) -> dict[str, Any] | None:
    """The application/json media object of the request body ("request") or of a response status."""
    holder = op.get("requestBody") if place == "request" else op.get("responses", {}).get(str(place))
    return ((holder or {}).get("content") or {}).get("application/json")


def json_schema(op: dict[str, Any], place: str | int) -> Any:
    found = media(op, place)
    return None if found is None else to_json_schema(found["schema"])


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
