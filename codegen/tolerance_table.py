"""The client layer's tolerance table, derived from the specs: what each answer is expected to carry beyond
what the spec requires, so that `licensekit.clients` can say what it tolerated without reading the specs
(or importing the mock, proxy or contract packages) at run time.

    python codegen/tolerance_table.py           # rewrite src/licensekit/clients/tolerance_table.json
    python codegen/tolerance_table.py --check   # exit 1 if it differs from what the specs give

`make regenerate` / `make check-generated` run it with the clients. Per API and generated operation module:

- "operation": the operationId;
- "answers": status -> shape of the documented 2xx body, pruned to what can be tolerated. A shape is
  {"expected": [names], "props": {name: shape}, "items": shape, "known": [values]}: `expected` from
  `x-licensekit-expected`, `known` from `x-known-values` (an open enum);
- "inferred": status -> the top-level names the expected body requires, for each response that documents
  no body but names one in `x-licensekit-expected-body` (rule 2: any body is accepted, this one expected).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from licensekit.contract.registry import APIS, info
from licensekit.contract.spec import load_document, resolve

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "licensekit" / "clients" / "tolerance_table.json"
METHODS = ("get", "put", "post", "delete", "patch")


def snake_case(operation_id: str) -> str:
    """The generated module's name for an operationId (openapi-python-client: listFooBar -> list_foo_bar)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation_id).lower()


def shape(schema: Any, depth: int = 0) -> dict[str, Any]:
    """The tolerance shape of `schema`, its $refs inlined ({} when nothing in it can be tolerated)."""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    out: dict[str, Any] = {}
    for member in schema.get("allOf", []):  # allOf merges; anyOf / oneOf alternatives are not walked
        merged = shape(member, depth + 1)
        out.setdefault("expected", []).extend(merged.get("expected", []))
        out.setdefault("props", {}).update(merged.get("props", {}))
        if "known" in merged:
            out["known"] = merged["known"]
    if isinstance(schema.get("x-licensekit-expected"), list):
        out.setdefault("expected", []).extend(schema["x-licensekit-expected"])
    if isinstance(schema.get("x-known-values"), list):
        out["known"] = sorted(str(v) for v in schema["x-known-values"])
    for name, prop in (schema.get("properties") or {}).items():
        child = shape(prop, depth + 1)
        if child:
            out.setdefault("props", {})[name] = child
    if "items" in schema:
        child = shape(schema["items"], depth + 1)
        if child:
            out["items"] = child
    if "expected" in out:
        out["expected"] = sorted(set(out["expected"]))
    return {k: v for k, v in out.items() if v}


def table_of(document: dict[str, Any]) -> dict[str, Any]:
    operations: dict[str, Any] = {}
    for item in resolve(document["paths"], document).values():  # the core's $ref inlining
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            answers: dict[str, Any] = {}
            inferred: dict[str, Any] = {}
            for status, response in op["responses"].items():
                content = response.get("content") or {}
                media = next((m for t, m in content.items() if "json" in t), None)
                if str(status).startswith("2") and media is not None:
                    found = shape(media.get("schema"))
                    if found:
                        answers[str(status)] = found
                expected = response.get("x-licensekit-expected-body")
                if not content and expected is not None:
                    required = expected.get("required", []) if isinstance(expected, dict) else []
                    inferred[str(status)] = sorted(required)
            operations[snake_case(op["operationId"])] = {
                "operation": op["operationId"],
                "answers": answers,
                "inferred": inferred,
            }
    return dict(sorted(operations.items()))


def build() -> str:
    table = {api: table_of(load_document(ROOT / "specs" / info(api).spec_file)) for api in APIS}
    return json.dumps(table, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    args = parser.parse_args()
    text = build()
    relative = TARGET.relative_to(ROOT)
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{relative} differs from what the specs give; run `make regenerate`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{relative} <- specs/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
