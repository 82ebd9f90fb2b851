"""Property: the generated clients accept everything the specs allow, and write back what they read.

For every JSON response schema of every operation, hypothesis generates schema-valid documents
(nullable fields, offsets in date-times, values of open lists the client has never seen, extra
properties where the schema admits them). The generated operation module's own `_parse_response`
parses each one, exactly as it would parse a server's answer; `to_dict` of the result must validate
against the same schema (formats included) and parse back to an equal model.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from types import ModuleType
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from licensekit.contract.spec import compile_validator

from .specdocs import CLIENT_PACKAGES, SPECS, json_schema, operations, snake

EXAMPLES_PER_SCHEMA = 40
# hypothesis-jsonschema knows no "uuid" format (it would generate any string); teach it.
FORMATS = {"uuid": st.uuids().map(str)}


def _api_module(package: str, operation_id: str) -> ModuleType:
    api = importlib.import_module(f"{package}.api")
    for tag in pkgutil.iter_modules(api.__path__):
        try:
            return importlib.import_module(f"{package}.api.{tag.name}.{snake(operation_id)}")
        except ModuleNotFoundError:
            continue
    raise AssertionError(f"{package}: no generated module for {operation_id}")


def _cases() -> list[Any]:
    """One case per distinct response schema of each API (Fusion's error body, shared by ~40
    responses, is parsed by the same model everywhere: the first operation declaring it stands in)."""
    cases, seen = [], set()
    for api in sorted(SPECS):
        for _method, _path, op in operations(api):
            for status in op["responses"]:
                schema = json_schema(op, status)
                key = (api, json.dumps(schema, sort_keys=True))
                if schema is not None and key not in seen:
                    seen.add(key)
                    cases.append(
                        pytest.param(
                            api,
                            op["operationId"],
                            int(status),
                            schema,
                            id=f"{api}-{op['operationId']}-{status}",
                        )
                    )
    return cases


def _to_json(parsed: Any) -> Any:
    if isinstance(parsed, list):
        return [_to_json(item) for item in parsed]
    return parsed.to_dict() if hasattr(parsed, "to_dict") else parsed


@pytest.mark.parametrize(("api", "operation_id", "status", "schema"), _cases())
def test_generated_client_round_trips_every_schema_valid_response(
    api: str, operation_id: str, status: int, schema: Any
) -> None:
    package = CLIENT_PACKAGES[api]
    module = _api_module(package, operation_id)
    client = importlib.import_module(f"{package}.client").Client(base_url="http://spec.invalid")
    validator = compile_validator(schema)

    def parse(document: Any) -> Any:
        return module._parse_response(client=client, response=httpx.Response(status, json=document))

    # Health checks only judge generation speed and filtering; big schemas such as the azure
    # entitlement trip them without saying anything about the client.
    @settings(
        max_examples=EXAMPLES_PER_SCHEMA,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        document = data.draw(from_schema(schema, custom_formats=FORMATS), label="response body")
        parsed = parse(document)
        assert parsed is not None, "the client did not recognise a documented response"
        written = _to_json(parsed)
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(written)]
        assert not errors, f"to_dict() wrote a document the spec rejects: {errors}"
        assert parse(written) == parsed, "to_dict() -> from_dict() changed the model"

    check()
